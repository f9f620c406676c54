/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/exit.h - exit statuses the framework itself produces.
 *
 * An image's status is the application's main() return value, except where
 * the framework stops the image before or after main. Platforms MUST carry
 * these values out unchanged (doc/boot.md lists how each platform does it).
 * Applications SHOULD avoid returning these values for their own purposes.
 */
#ifndef KM_EXIT_H
#define KM_EXIT_H

#define KM_EXIT_OK 0
/* A boot parameter was unknown or malformed (like sysexits' EX_USAGE). */
#define KM_EXIT_USAGE 64
/* A required library's init function failed (like EX_SOFTWARE). */
#define KM_EXIT_INIT_FAILED 70
/* The machine cannot run the image, found before anything else runs: too
 * little memory for it, a CPU without what it needs (x86_64: no long
 * mode), an unknown boot protocol (like EX_CONFIG: the virtual machine is
 * misconfigured, not the image). */
#define KM_EXIT_MACHINE 78
/* abort(), a failed assertion or a CPU exception. */
#define KM_EXIT_CRASH 125

#endif /* KM_EXIT_H */
