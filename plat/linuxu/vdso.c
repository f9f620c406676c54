/* SPDX-License-Identifier: BSD-3-Clause */
/* The auxiliary vector and a minimal ELF64 dynamic symbol lookup (vdso.h). */
#include <stddef.h>
#include "vdso.h"

/* ELF64 as the gABI defines it; no host header, the image has none. */
struct elf64_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
struct elf64_dyn {
	int64_t tag;
	uint64_t val;
};
struct elf64_sym {
	uint32_t name;
	unsigned char info, other;
	uint16_t shndx;
	uint64_t value, size;
};

#define PT_LOAD_     1
#define PT_DYNAMIC_  2
#define DT_NULL_     0
#define DT_HASH_     4
#define DT_STRTAB_   5
#define DT_SYMTAB_   6
#define DT_GNU_HASH_ 0x6ffffef5
#define ET_DYN_	     3
#define EM_X86_64_   62
#define STT_FUNC_    2

const unsigned long *linuxu_auxv_from_stack(const long *initial_stack)
{
	const long *p = initial_stack + 1 + initial_stack[0] + 1; /* past argv's NULL */

	while (*p)
		p++;
	return (const unsigned long *)(p + 1);
}

unsigned long linuxu_auxv_get(const unsigned long *auxv, unsigned long type)
{
	for (; auxv[0]; auxv += 2)
		if (auxv[0] == type)
			return auxv[1];
	return 0;
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Symbols in a GNU hash table: past the highest bucket's chain end. */
static uint32_t gnu_hash_count(const uint32_t *h)
{
	uint32_t nbuckets = h[0], symoffset = h[1], bloom_words = h[2], last = 0;
	const uint32_t *buckets = h + 4 + bloom_words * 2, *chain = buckets + nbuckets;

	for (uint32_t i = 0; i < nbuckets; i++)
		last = buckets[i] > last ? buckets[i] : last;
	if (last < symoffset)
		return symoffset;
	while (!(chain[last - symoffset] & 1))
		last++;
	return last + 1;
}

void *linuxu_vdso_sym(uintptr_t base, const char *name)
{
	const struct elf64_ehdr *eh = (const void *)base;
	const struct elf64_phdr *ph;
	const struct elf64_dyn *dyn = NULL;
	const struct elf64_sym *syms = NULL;
	const char *strs = NULL;
	uint32_t nsyms = 0;
	uint64_t load_vaddr = 0;
	int have_load = 0;

	if (!base || eh->ident[0] != 0x7f || eh->ident[1] != 'E' || eh->ident[2] != 'L' ||
	    eh->ident[3] != 'F' || eh->ident[4] != 2 /* 64-bit */ || eh->type != ET_DYN_ ||
	    eh->machine != EM_X86_64_ || eh->phentsize != sizeof(*ph))
		return NULL;
	ph = (const void *)(base + eh->phoff);
	for (unsigned int i = 0; i < eh->phnum; i++) {
		if (ph[i].type == PT_LOAD_ && !have_load) {
			load_vaddr = ph[i].vaddr - ph[i].offset;
			have_load = 1;
		} else if (ph[i].type == PT_DYNAMIC_) {
			dyn = (const void *)(base + ph[i].offset);
		}
	}
	if (!have_load || !dyn)
		return NULL;
	/* Dynamic entries hold link-time addresses: relative to load_vaddr. */
	for (; dyn->tag != DT_NULL_; dyn++) {
		uintptr_t at = base + (uintptr_t)(dyn->val - load_vaddr);

		if (dyn->tag == DT_SYMTAB_)
			syms = (const void *)at;
		else if (dyn->tag == DT_STRTAB_)
			strs = (const void *)at;
		else if (dyn->tag == DT_HASH_)
			nsyms = ((const uint32_t *)at)[1]; /* nchain */
		else if (dyn->tag == DT_GNU_HASH_ && !nsyms)
			nsyms = gnu_hash_count((const uint32_t *)at);
	}
	if (!syms || !strs)
		return NULL;
	for (uint32_t i = 1; i < nsyms; i++)
		if ((syms[i].info & 0xf) == STT_FUNC_ && syms[i].shndx &&
		    same(strs + syms[i].name, name))
			return (void *)(base + (uintptr_t)(syms[i].value - load_vaddr));
	return NULL;
}
