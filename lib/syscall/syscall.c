/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Dispatch: one array of entries indexed by system call number, filled
 * from the .km_syscalls linker table the first time a call arrives (or by
 * the early init below, whichever comes first), so a call costs one bounds
 * check and one indirect call. Unregistered numbers answer -ENOSYS and
 * warn once each; syscall.trace=1 logs every call with its result.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <km/init.h>
#include <km/param.h>
#include <km/plat/console.h>
#include <km/print.h>
#include <km/syscall.h>

extern const struct km_syscall_entry __km_syscalls_start[], __km_syscalls_end[];
extern const struct km_syscall_vdso __km_vdso_start[], __km_vdso_end[];

#include <km/syscall_names.inc> /* syscall_name_chars, syscall_name_at[] */
#include <km/errno_names.inc>	/* errno_name_chars, errno_name_at[] */

static const struct km_syscall_entry *dispatch[KM_SYSCALL_NR_COUNT];
static int dispatch_ready;
static uint64_t warned[(KM_SYSCALL_NR_COUNT + 63) / 64];
static int warned_out_of_range;

static void (*exit_work)(void);
static int exit_work_pending;

void km_syscall_exit_work_set(void (*fn)(void))
{
	exit_work = fn;
}

void km_syscall_exit_work_request(void)
{
	__atomic_store_n(&exit_work_pending, 1, __ATOMIC_RELEASE);
}

static bool trace;
KM_PARAM(syscall, trace, bool, trace, "log every system call with its arguments and result");

static void build_dispatch(void)
{
	for (const struct km_syscall_entry *e = __km_syscalls_start; e < __km_syscalls_end; e++)
		dispatch[e->nr] = e;
	__atomic_store_n(&dispatch_ready, 1, __ATOMIC_RELEASE);
}

static int syscall_table_init(void)
{
	if (!__atomic_load_n(&dispatch_ready, __ATOMIC_ACQUIRE))
		build_dispatch();
	km_pr_debug("%ld system calls registered of %d\n",
		    (long)(__km_syscalls_end - __km_syscalls_start), KM_SYSCALL_NR_COUNT);
	return 0;
}
KM_INIT_EARLY(syscall_table_init, 0);

void *km_syscall_vdso_sym(const char *vername __km_unused, const char *name)
{
	if (trace || !name)
		return NULL;
	for (const struct km_syscall_vdso *v = __km_vdso_start; v < __km_vdso_end; v++)
		if (!strcmp(v->name, name))
			return v->fn;
	return NULL;
}

const char *km_syscall_name(long nr)
{
	KM_STATIC_ASSERT(KM_ARRAY_SIZE(syscall_name_at) == KM_SYSCALL_NR_COUNT,
			 "one name slot per system call number");
	return nr >= 0 && nr < KM_SYSCALL_NR_COUNT && syscall_name_at[nr]
		       ? syscall_name_chars + syscall_name_at[nr]
		       : NULL;
}

const struct km_syscall_entry *km_syscall_entry(long nr)
{
	if (!__atomic_load_n(&dispatch_ready, __ATOMIC_ACQUIRE))
		build_dispatch();
	return nr >= 0 && nr < KM_SYSCALL_NR_COUNT ? dispatch[nr] : NULL;
}

const char *km_errno_name(long err)
{
	return err > 0 && err < (long)KM_ARRAY_SIZE(errno_name_at) && errno_name_at[err]
		       ? errno_name_chars + errno_name_at[err]
		       : NULL;
}

static void warn_unimplemented(long nr)
{
	if (nr < 0 || nr >= KM_SYSCALL_NR_COUNT) {
		if (!__atomic_exchange_n(&warned_out_of_range, 1, __ATOMIC_RELAXED))
			km_pr_warn("system call %ld is not an x86_64 system call: -ENOSYS "
				   "(warned once for every unknown number)\n",
				   nr);
		return;
	}
	uint64_t bit = (uint64_t)1 << (nr % 64);

	if (__atomic_fetch_or(&warned[nr / 64], bit, __ATOMIC_RELAXED) & bit)
		return;
	if (km_syscall_name(nr))
		km_pr_warn("system call %ld (%s) is not implemented: -ENOSYS\n", nr,
			   km_syscall_name(nr));
	else
		km_pr_warn("system call %ld is unassigned on x86_64: -ENOSYS\n", nr);
}

struct line {
	char buf[KM_PRINT_MAX];
	size_t n;
};

static void __km_printf(2, 3) add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (l->n >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	r = vsnprintf(l->buf + l->n, sizeof(l->buf) - l->n, fmt, ap);
	va_end(ap);
	l->n = r < 0 ? l->n : KM_MIN(l->n + (size_t)r, sizeof(l->buf));
}

/* One value as strace would show an int or a pointer. */
static void add_value(struct line *l, long v)
{
	if (v >= -4096 && v < (1L << 20))
		add(l, "%ld", v);
	else
		add(l, "%#lx", (unsigned long)v);
}

/* "name(a, b) = " and the result, or "?" when @returns is 0 (exit). */
static void trace_call(long nr, const struct km_syscall_entry *e, const long *args, long ret,
		       int returns)
{
	struct line l = { .n = 0 };
	unsigned int nargs = e ? e->nargs : 6;
	const char *name = km_syscall_name(nr);

	add(&l, "syscall: ");
	if (name)
		add(&l, "%s(", name);
	else
		add(&l, "syscall_%ld(", nr);
	for (unsigned int i = 0; i < nargs; i++) {
		if (i)
			add(&l, ", ");
		add_value(&l, args[i]);
	}
	if (!returns)
		add(&l, ") = ?");
	else if (ret < 0 && ret >= -4095)
		add(&l, ") = %ld %s", ret, km_errno_name(-ret) ? km_errno_name(-ret) : "E?");
	else {
		add(&l, ") = ");
		add_value(&l, ret);
	}
	/* A cut line still ends its line. */
	if (l.n > sizeof(l.buf) - 2)
		l.n = sizeof(l.buf) - 2;
	l.buf[l.n++] = '\n';
	km_plat_console_write_err(l.buf, l.n);
}

long km_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	const struct km_syscall_entry *e = NULL;
	long ret;

	if (km_unlikely(!__atomic_load_n(&dispatch_ready, __ATOMIC_ACQUIRE)))
		build_dispatch();
	if (km_likely(nr >= 0 && nr < KM_SYSCALL_NR_COUNT))
		e = dispatch[nr];
	if (km_likely(e != NULL)) {
		/* Calls that end the image or thread are traced before they run. */
		if (km_unlikely(trace) && (nr == KM_SYS_exit || nr == KM_SYS_exit_group))
			trace_call(nr, e, (const long[6]){ a1, a2, a3, a4, a5, a6 }, 0, 0);
		ret = e->fn(a1, a2, a3, a4, a5, a6);
	} else {
		warn_unimplemented(nr);
		ret = -ENOSYS;
	}
	if (km_unlikely(__atomic_load_n(&exit_work_pending, __ATOMIC_RELAXED)) && exit_work &&
	    __atomic_exchange_n(&exit_work_pending, 0, __ATOMIC_ACQUIRE))
		exit_work();
	if (km_unlikely(trace))
		trace_call(nr, e, (const long[6]){ a1, a2, a3, a4, a5, a6 }, ret, 1);
	return ret;
}
