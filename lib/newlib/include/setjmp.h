/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * setjmp.h - newlib's, plus POSIX's sigjmp_buf, sigsetjmp and siglongjmp,
 * which newlib's bare target leaves out. sigsetjmp(env, savemask) saves
 * the signal mask (lib/posix-signal's) when @savemask is non-zero, and
 * siglongjmp restores it before jumping; otherwise they are setjmp and
 * longjmp.
 */
#include_next <setjmp.h>

#ifndef KM_NEWLIB_SETJMP_H
#define KM_NEWLIB_SETJMP_H
#if __POSIX_VISIBLE && !defined(_SAVEMASK)
#include <signal.h>

typedef struct {
	jmp_buf __km_env;
	int __km_savemask;
	sigset_t __km_mask;
} sigjmp_buf[1];

#define sigsetjmp(env, savemask)                                                                   \
	__extension__({                                                                            \
		(env)->__km_savemask = (savemask);                                                 \
		if ((env)->__km_savemask)                                                          \
			sigprocmask(SIG_BLOCK, 0, &(env)->__km_mask);                              \
		setjmp((env)->__km_env);                                                           \
	})

#ifdef __cplusplus
extern "C" {
#endif
void siglongjmp(sigjmp_buf env, int val) __attribute__((__noreturn__));
#ifdef __cplusplus
}
#endif
#endif
#endif
