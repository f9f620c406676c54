/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef KM_POSIX_MMAP_IMPL_H
#define KM_POSIX_MMAP_IMPL_H
#include <stddef.h>
#include <km/posix_mmap.h>

#define PAGE_MASK_ (KM_MMAP_PAGE_SIZE - 1)

/* Round @len up to pages; 0 when it overflows. */
static inline size_t km_mmap_round(size_t len)
{
	return len > (size_t)-1 - PAGE_MASK_ ? 0 : (len + PAGE_MASK_) & ~PAGE_MASK_;
}

#endif
