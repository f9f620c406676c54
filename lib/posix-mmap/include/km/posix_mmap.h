/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/posix_mmap.h - anonymous memory mappings (lib/posix-mmap).
 *
 * Registered system calls (Linux x86_64 ABI, mmap(2) and friends); sizes
 * are bytes rounded up to 4096-byte pages, addresses page aligned:
 * - mmap(addr, len, prot, flags, fd, off): MAP_ANONYMOUS with exactly one
 *   of MAP_PRIVATE/MAP_SHARED (one process: the same thing). Returns
 *   zero-filled pages from km_palloc; @addr is a hint and ignored, except
 *   with MAP_FIXED, which is accepted only inside memory this library
 *   mapped (the range is zero-filled again and @addr returned).
 *   -EINVAL: len 0, unaligned MAP_FIXED address or offset, no/both sharing
 *   types, MAP_FIXED_NOREPLACE; -ENODEV: a file mapping (no VFS yet);
 *   -ENOMEM: the heap is exhausted or MAP_FIXED outside our mappings.
 *   MAP_NORESERVE, MAP_POPULATE, MAP_STACK, MAP_GROWSDOWN, MAP_HUGETLB are
 *   accepted and change nothing.
 * - munmap(addr, len): any page range, also part of a mapping; pages not
 *   mapped are skipped (0). The pages of one mmap go back to the
 *   allocator when the last of them is unmapped. -EINVAL: unaligned addr
 *   or len 0.
 * - mprotect(addr, len, prot): PROT_NONE makes the pages fault, any other
 *   protection makes them readable and writable (km_plat_page_protect: no
 *   read-only or no-exec distinction). -ENOMEM: a page not mapped by
 *   this library; -EINVAL: unaligned addr or unknown prot bits.
 * - mremap(old, oldlen, newlen, flags, new): shrinking unmaps the tail;
 *   growing moves with MREMAP_MAYMOVE (content copied), else -ENOMEM.
 *   MREMAP_FIXED and MREMAP_DONTUNMAP: -EINVAL.
 * - madvise(addr, len, advice): every Linux advice value is accepted;
 *   MADV_DONTNEED (4) zero-fills our pages (what Linux guarantees for
 *   private anonymous memory). -EINVAL: unaligned addr, unknown advice.
 * - brk(addr): brk(0) returns the current break; moving it inside the
 *   region (CONFIG_LIBPOSIX_MMAP_BRK_SIZE bytes, reserved at the first
 *   call; half as much, down to 64 KiB, when the heap has less; none, and
 *   brk(0) = 0, below that) returns the new break, else the old one
 *   (Linux's failure value).
 *   Memory the break gives back is zero when handed out again.
 *
 * Thread safety: every call holds the library's state with interrupts
 * masked (one CPU); bookkeeping is allocated with malloc.
 * Non-goals: file mappings, MAP_FIXED at arbitrary addresses, overcommit.
 */
#ifndef KM_POSIX_MMAP_H
#define KM_POSIX_MMAP_H

#define KM_MMAP_PAGE_SIZE 4096UL

#endif /* KM_POSIX_MMAP_H */
