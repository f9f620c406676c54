#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# gen-doc.sh [BUILD_DIR]: rewrite doc/syscalls.md with the coverage table
# of tests/apps/syscalltest (every POSIX library on), built for linuxu in
# BUILD_DIR (default: a temporary folder). tests/suites/65-syscall.sh
# checks that the committed file equals what this produces.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=
if [ $# -ge 1 ]; then o=$1; else tmp=$(mktemp -d); o=$tmp; fi
make -s -C "$root" A=tests/apps/syscalltest O="$o" C="$o/.config" defconfig \
	DEFCONFIG=defconfigs/linuxu-x86_64 >/dev/null
make -s -C "$root" -j2 A=tests/apps/syscalltest O="$o" C="$o/.config" >/dev/null
cp "$o/syscalls.md" "$root/doc/syscalls.md"
[ -z "$tmp" ] || rm -rf "$tmp"
echo "doc/syscalls.md: $(sed -n 's/^\([0-9]* of [0-9]*\) .*/\1/p' "$root/doc/syscalls.md") calls implemented"
