/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * limits.h - newlib's, plus the POSIX thread limits of lib/posix-pthread,
 * which newlib's bare target does not define.
 */
#include_next <limits.h>

#ifndef KM_NEWLIB_PTHREAD_LIMITS_H
#define KM_NEWLIB_PTHREAD_LIMITS_H
/* Keys a program can hold at once (pthread_key_create: EAGAIN beyond). */
#define PTHREAD_KEYS_MAX 128
/* Rounds of key destructors at a thread's end, as POSIX's minimum. */
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
/* The smallest stack pthread_attr_setstacksize accepts (lib/sched's). */
#define PTHREAD_STACK_MIN 16384
#endif
