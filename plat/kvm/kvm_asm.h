/* SPDX-License-Identifier: BSD-3-Clause */
/* Constants shared by the kvm platform's assembly and C. */
#ifndef KVM_ASM_H
#define KVM_ASM_H

#include "kvm_abi.h"

#define X86_CR0_PE	   (1 << 0)
#define X86_CR0_MP	   (1 << 1)
#define X86_CR0_WP	   (1 << 16)
#define X86_CR0_PG	   (1 << 31)
#define X86_CR4_PAE	   (1 << 5)
#define X86_CR4_OSFXSR	   (1 << 9)
#define X86_CR4_OSXMMEXCPT (1 << 10)
#define X86_MSR_EFER	   0xc0000080
#define X86_EFER_LME	   (1 << 8)
#define X86_EFER_NXE	   (1 << 11)

#define KVM_BOOT_CS 0x08
#define KVM_BOOT_DS 0x10

#ifdef CONFIG_KVM_BOOT_STACK_KIB
#define KVM_BOOT_STACK_SIZE (CONFIG_KVM_BOOT_STACK_KIB * 1024)
#else
#define KVM_BOOT_STACK_SIZE (16 * 1024)
#endif

#endif /* KVM_ASM_H */
