/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl's process start-up without its crt1: Kumiki's lib/boot calls main(),
 * so this early init function does what musl's __libc_start_main does
 * before main: __init_libc() with an environment and an auxiliary vector
 * built here. __init_libc (src/env/__libc_start_main.c) sets environ,
 * the page size and hwcap from the auxv, installs the main thread's TLS
 * and thread descriptor (__init_tls, which loads FS through the
 * arch_prctl system call) and the stack protector canary (AT_RANDOM).
 * musl's .init_array walk is not needed: Kumiki images have no
 * constructors, and exit() is musl's own (atexit handlers, stdio flush,
 * then exit_group with main's status).
 */
#include <elf.h>
#include <stdint.h>
#include <km/init.h>
#include <km/plat/bootinfo.h>
#include <km/plat/time.h>
#include <x86/cpu.h>

/* musl internal (hidden, but linkable in a static image). */
void __init_libc(char **envp, char *pn);

/* The image's TLS initial image, from the platform's linker script. */
extern char __km_tls_start[], __km_tdata_size[], __km_tls_size[], __km_tls_align[];

static unsigned char at_random[16];
static Elf64_Phdr tls_phdr;

/*
 * What a Linux kernel leaves above argv: envp (empty until lib/environ
 * fills it from env.vars=), then the auxv pairs __init_libc reads.
 */
static size_t start_vec[] = {
	0, /* end of envp */
	AT_PAGESZ, 4096,     AT_HWCAP, 0,	 AT_RANDOM,	     0,	      AT_PHDR,
	0,	   AT_PHNUM, 1,	       AT_PHENT, sizeof(Elf64_Phdr), AT_NULL, 0,
};

static void set_aux(size_t type, size_t value)
{
	for (size_t i = 1; start_vec[i] != AT_NULL; i += 2)
		if (start_vec[i] == type)
			start_vec[i + 1] = value;
}

/*
 * Seed for musl's stack canary and AT_RANDOM users: not cryptographic;
 * the random library replaces it with RDRAND/RDSEED or its CSPRNG.
 */
static void fill_at_random(void)
{
	uint64_t x = km_plat_monotonic_ns() ^ km_plat_wall_ns() ^ (uintptr_t)&x;

	for (unsigned int i = 0; i < sizeof(at_random); i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		at_random[i] = (unsigned char)x;
	}
}

static int musl_init(void)
{
	struct km_bootinfo *bi = km_bootinfo_get();
	char *name = bi && bi->argc > 0 ? bi->argv[0] : "kumiki";

	/* musl finds the initial TLS image through PT_TLS, as in an ELF file. */
	tls_phdr = (Elf64_Phdr){
		.p_type = PT_TLS,
		.p_flags = PF_R,
		.p_vaddr = (uintptr_t)__km_tls_start,
		.p_filesz = (uintptr_t)__km_tdata_size,
		.p_memsz = (uintptr_t)__km_tls_size,
		.p_align = (uintptr_t)__km_tls_align,
	};
	fill_at_random();
	set_aux(AT_HWCAP, x86_cpuid(1, 0).edx);
	set_aux(AT_RANDOM, (uintptr_t)at_random);
	set_aux(AT_PHDR, (uintptr_t)&tls_phdr);
	__init_libc((char **)start_vec, name);
	return 0;
}
KM_INIT_EARLY_REQUIRED(musl_init, 0);
