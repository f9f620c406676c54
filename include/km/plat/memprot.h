/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/plat/memprot.h - page protection and naming faults (part of the
 * platform contract). lib/sched uses it for stack guard pages.
 *
 * km_plat_page_protect(addr, npages, prot) changes the access to the
 * @npages pages at @addr (page aligned, KM_PLAT_PAGE_SIZE bytes each):
 * KM_PLAT_PROT_NONE makes any access fault, KM_PLAT_PROT_RW makes them
 * readable and writable again (the state heap memory starts in).
 * - A platform MUST provide it. It MUST accept pages of heap memory (the
 *   free regions of the boot info, as handed out by lib/alloc) and MAY
 *   refuse anything else. It returns 0, -EINVAL (unaligned, not heap
 *   memory, unknown @prot), -ENOMEM (the platform ran out of room to
 *   describe the change, e.g. page tables; nothing changed) or -ENOSYS
 *   (the platform cannot protect pages at all). Callers MUST treat a
 *   failure as "no protection", never as fatal.
 * - It MUST be callable from threads with interrupts on or off; it MUST
 *   NOT allocate through lib/alloc (the allocator may be its caller).
 * - Memory MUST be set back to KM_PLAT_PROT_RW before it is freed.
 * - linuxu: mprotect; kvm: the page tables (a 2 MiB mapping is split into
 *   4 KiB pages the first time one of its pages changes).
 *
 * km_plat_fault_describe_register(fn): a platform whose exception handler
 * prints a crash report (kvm) MUST call @fn in it, with the faulting data
 * address (CR2 for page and double faults, 0 when there is none) and a
 * buffer, and print the text @fn returns (NULL: nothing). lib/sched
 * registers one that names the running thread and says whether @addr is
 * its stack's guard page. @fn runs in exception context: it MUST NOT
 * allocate, lock, block or touch memory that may be unmapped. One hook;
 * registering again replaces it. A platform whose faults are reported
 * elsewhere (linuxu: lib/sched's SIGSEGV handler) MAY only store it.
 *
 * Non-goals: execute permission, read-only pages for callers, SMP TLB
 * shootdown, protecting the image itself (the platform's W^X map does).
 */
#ifndef KM_PLAT_MEMPROT_H
#define KM_PLAT_MEMPROT_H

#include <stddef.h>
#include <stdint.h>

#define KM_PLAT_PAGE_SIZE 4096UL
#define KM_PLAT_PROT_NONE 0
#define KM_PLAT_PROT_RW	  3

int km_plat_page_protect(void *addr, size_t npages, int prot);

typedef const char *(*km_plat_fault_describe_t)(uintptr_t addr, char *buf, size_t len);
void km_plat_fault_describe_register(km_plat_fault_describe_t fn);

#endif /* KM_PLAT_MEMPROT_H */
