#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Turns `nm -n --defined-only` output of a first link pass into the
# assembly of the embedded symbol table (section .km_symtab, read by
# symtab.c): a count, then sorted (address, name offset) pairs of 32-bit
# words, then the NUL-terminated names. Only named code symbols are kept.
set -e
awk '
# n starts as a number: an unset one would make the first key "", not 0,
# and lose the first symbol behind an empty entry at address "0x".
BEGIN { n = 0 }
NF == 3 && $2 ~ /^[tTwW]$/ && $3 !~ /^(\.|__km_)/ {
	a = $1; sub(/^0+/, "", a); if (a == "") a = "0"
	if (a == last) next
	last = a; addr[n] = a; name[n] = $3; n++
}
END {
	print "\t.section .km_symtab, \"a\""
	print "\t.balign 8"
	printf "\t.long %d, 0\n", n
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.long 0x%s, %d\n", addr[i], off
		off += length(name[i]) + 1
	}
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
}'
