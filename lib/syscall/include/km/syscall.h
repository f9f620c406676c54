/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/syscall.h - the system call table (consumer API of lib/syscall).
 *
 * C libraries (musl's __syscall0..6, newlib's OS stubs) and programs reach
 * every POSIX service through one function call, no trap and no `syscall`
 * instruction:
 *
 *   long km_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
 *
 * ABI followed: the Linux x86_64 system call ABI (syscall(2), the kernel's
 * arch/x86/entry/syscalls/syscall_64.tbl): @nr is an x86_64 Linux system
 * call number (KM_SYS_<name>, generated at build time from the system's
 * <asm/unistd_64.h>, package linux-libc-dev); arguments beyond the call's
 * own are ignored. The result is the call's value (>= 0, or an address for
 * mmap) or a negative errno value in -4095..-1, exactly as the kernel returns
 * it: callers (the libc) turn it into -1 and errno.
 *
 * Registration: the library that owns a call defines it next to its code,
 *
 *   KM_SYSCALL_DEFINE(getpid, 0)
 *   {
 *           return 1;
 *   }
 *
 * (the body sees its arguments as long a1..a6, and declares how many it
 * uses for the trace). Entries go into the linker table .km_syscalls; the
 * dispatch table, indexed by number, is built from it once, before the
 * first call is dispatched (O(1) dispatch, no central switch). A name
 * that is not an x86_64 system call is a compile error (KM_SYS_<name> is
 * undeclared); two libraries registering one call is a link error naming
 * it (__km_syscall_owner_<name> defined twice).
 *
 * Contract:
 * - A call nobody registered, and a number outside 0..KM_SYSCALL_NR_COUNT-1,
 *   returns -ENOSYS; the first such call of each number logs one warning
 *   naming the call ("system call 57 (fork) is not implemented").
 * - The boot parameter syscall.trace=1 logs every dispatched call on the
 *   console, strace style, after it returns:
 *     "syscall: getpid() = 1"
 *     "syscall: write(1, 0x4a3f10, 5) = 5"
 *     "syscall: close(99) = -9 EBADF"
 *   Arguments are printed in decimal when they lie in -4096..1048575,
 *   else in hex; unregistered calls show all six arguments.
 * - km_syscall() MAY be called from any thread, before main included (from
 *   any init function), never from interrupt context (handlers may block).
 * - Handlers own nothing they are given: pointers are the caller's memory,
 *   valid for the duration of the call (no copy_from_user: one address
 *   space).
 *
 * The build writes $(O)/syscalls.md: every x86_64 system call with the
 * library implementing it in that image (doc/syscalls.md is the table for
 * every POSIX library on).
 *
 * Non-goals: the 32-bit or x32 ABIs, seccomp, restarting (-ERESTART*),
 * system calls by trap.
 */
#ifndef KM_SYSCALL_H
#define KM_SYSCALL_H

#include <km/essentials.h>
#include <km/syscall_nr.h> /* generated: KM_SYS_<name>, KM_SYSCALL_NR_COUNT */

long km_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

typedef long (*km_syscall_fn_t)(long a1, long a2, long a3, long a4, long a5, long a6);

struct km_syscall_entry {
	long nr;
	const char *name;
	const char *lib; /* owner, e.g. "libposix_process" */
	km_syscall_fn_t fn;
	unsigned int nargs; /* arguments shown by the trace, 0..6 */
};

/*
 * The entry goes into .km_syscalls.<name>; a line "<name> <lib>" into the
 * non-allocated .km_syscallinfo section, from which the build writes the
 * coverage table. The global __km_syscall_owner_<name> makes a second
 * registration of one call a link error.
 */
#define KM_SYSCALL_REGISTER(sname, fn, nargs)                                                      \
	KM_STATIC_ASSERT((nargs) >= 0 && (nargs) <= 6,                                             \
			 "a system call has 0..6 arguments: " #sname);                             \
	const char __km_syscall_owner_##sname[] __km_used = KM_LIBNAME_STR;                        \
	static const struct km_syscall_entry __km_syscall_##sname __km_used __km_aligned(          \
		__alignof__(struct km_syscall_entry))                                              \
		__km_section(".km_syscalls." #sname) = { KM_SYS_##sname, #sname, KM_LIBNAME_STR,   \
							 fn, nargs };                              \
	static const char __km_syscallinfo_##sname[sizeof(#sname " " KM_LIBNAME_STR "\n") -        \
						   1] __km_used __km_aligned(1)                    \
		__km_section(".km_syscallinfo." #sname) = #sname " " KM_LIBNAME_STR "\n"

/* The handler's parameters: every handler has the same six. */
#define KM_SYSCALL_ARGS                                                                            \
	long a1 __km_unused, long a2 __km_unused, long a3 __km_unused, long a4 __km_unused,        \
		long a5 __km_unused, long a6 __km_unused

#define KM_SYSCALL_DEFINE(sname, nargs)                                                            \
	static long km_sys_##sname(KM_SYSCALL_ARGS);                                               \
	KM_SYSCALL_REGISTER(sname, km_sys_##sname, nargs);                                         \
	static long km_sys_##sname(KM_SYSCALL_ARGS)

/*
 * Direct entries, as Linux's vDSO offers them: a function the C library
 * may call instead of a system call, answering without the table's
 * dispatch (musl's clock_gettime looks "__vdso_clock_gettime" up once,
 * through its __vdsosym, patch lib/musl/patches/0006).
 *
 *   KM_SYSCALL_VDSO(clock_gettime, fn);   offers fn as "__vdso_clock_gettime"
 *
 * @fn has the vDSO function's C signature (for clock_gettime:
 * int fn(long clock, struct km_linux_timespec *ts)) and returns 0 or a
 * negative errno; -ENOSYS means "ask the system call", which the libc
 * then makes. Entries go into the linker table .km_vdso.
 *
 * km_syscall_vdso_sym(vername, name) returns the entry offered under
 * @name ("__vdso_clock_gettime"), or NULL when there is none or when
 * syscall.trace=1 is on: then every call goes through km_syscall() and is
 * traced (a Linux strace shows no vDSO call; Kumiki's trace shows all).
 * @vername (the Linux symbol version, "LINUX_2.6") is ignored. Parameters
 * are applied before any init function runs, so the answer never changes
 * after the first lookup.
 */
struct km_syscall_vdso {
	const char *name;
	void *fn;
};

#define KM_SYSCALL_VDSO(sname, vfn)                                                                \
	static const struct km_syscall_vdso __km_syscall_vdso_##sname __km_used __km_aligned(      \
		__alignof__(struct km_syscall_vdso))                                               \
		__km_section(".km_vdso." #sname) = { "__vdso_" #sname, (void *)(vfn) }

void *km_syscall_vdso_sym(const char *vername, const char *name);

/*
 * Work at the return of a system call (as Linux delivers signals on the
 * way back to user space): km_syscall_exit_work_set(fn) registers the one
 * function (lib/posix-signal's delivery); km_syscall_exit_work_request(),
 * callable from interrupt context (a timer function), makes the next
 * km_syscall() of any thread call it once, after the handler and before
 * the trace line. No-op until a function is set.
 */
void km_syscall_exit_work_set(void (*fn)(void));
void km_syscall_exit_work_request(void);

/* The name of system call @nr ("getpid"), or NULL when @nr is none. */
const char *km_syscall_name(long nr);

/* The registered entry of @nr, or NULL. */
const struct km_syscall_entry *km_syscall_entry(long nr);

/* The symbolic name of errno value @err > 0 ("EBADF"), or NULL. */
const char *km_errno_name(long err);

/* Convenience for C callers (the test app): km_syscall with fewer zeros. */
#define km_syscall0(nr)		    km_syscall(nr, 0, 0, 0, 0, 0, 0)
#define km_syscall1(nr, a)	    km_syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define km_syscall2(nr, a, b)	    km_syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define km_syscall3(nr, a, b, c)    km_syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define km_syscall4(nr, a, b, c, d) km_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define km_syscall6(nr, a, b, c, d, e, f)                                                          \
	km_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

#endif /* KM_SYSCALL_H */
