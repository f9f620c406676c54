/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Process entry. The kernel leaves argc at (%rsp), then argv[], NULL,
 * envp[], NULL, auxv. There is no libc to set anything else up.
 */
.section .text._start, "ax"
.global _start
_start:
	xor %ebp, %ebp          /* outermost frame for backtraces */
	mov %rsp, %rdi          /* linuxu_entry(initial stack) */
	and $-16, %rsp          /* the SysV ABI wants 16-byte alignment at calls */
	call linuxu_entry
	ud2
