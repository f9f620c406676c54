/* SPDX-License-Identifier: BSD-3-Clause */
/* Numbers of the boot protocols and of QEMU's devices that the kvm
 * platform's assembly (entry32.S) and C both use. */
#ifndef KVM_ABI_H
#define KVM_ABI_H

#define KVM_MB_MAGIC	    0x2BADB002 /* EAX at a multiboot 1 entry */
#define KVM_PVH_MAGIC	    0x336ec578 /* hvm_start_info.magic */
#define KVM_DEBUG_EXIT_PORT 0xf4       /* isa-debug-exit: write status + 1 */
#define KVM_COM1	    0x3f8      /* the console UART's I/O base */

#endif /* KVM_ABI_H */
