/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/boot internals. */
#ifndef KM_BOOT_IMPL_H
#define KM_BOOT_IMPL_H

/* Runs every init entry in order; halts the image if a required one fails. */
void km_run_inittab(void);

#endif
