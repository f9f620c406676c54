/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl's process start-up without its crt1: Kumiki's lib/boot calls main(),
 * so this early init function does what musl's __libc_start_main does
 * before main: __init_libc() with the environment and auxiliary vector
 * of lib/posix-environ. __init_libc (src/env/__libc_start_main.c) sets environ,
 * the page size and hwcap from the auxv, installs the main thread's TLS
 * and thread descriptor (__init_tls, which loads FS through the
 * arch_prctl system call) and the stack protector canary (AT_RANDOM).
 * lib/boot runs the program's constructors (.init_array) before main;
 * exit() is musl's own (atexit handlers, the .fini_array destructors of
 * support/build/tables.lds, stdio flush, then exit_group with main's
 * status).
 */
#include <elf.h>
#include <stdint.h>
#include <km/environ.h>
#include <km/init.h>
#include <km/plat/bootinfo.h>

/* musl internal (hidden, but linkable in a static image). */
void __init_libc(char **envp, char *pn);

/* The image's TLS initial image, from the platform's linker script. */
extern char __km_tls_start[], __km_tdata_size[], __km_tls_size[], __km_tls_align[];

static Elf64_Phdr tls_phdr;

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
	/* The environment (env.vars=) and the auxiliary vector (AT_RANDOM,
	 * AT_HWCAP, ...) come from lib/posix-environ, laid out as a Linux
	 * kernel leaves them above argv. */
	if (km_auxv_set(AT_PHDR, (uintptr_t)&tls_phdr) || km_auxv_set(AT_PHNUM, 1) ||
	    km_auxv_set(AT_PHENT, sizeof(Elf64_Phdr)))
		return -1;
	__init_libc((char **)km_start_vector(), name);
	return 0;
}
KM_INIT_EARLY_REQUIRED(musl_init, 0);
