/* SPDX-License-Identifier: BSD-3-Clause */
/* What AT_HWCAP and AT_PLATFORM say on this architecture (hwcap_<arch>.c). */
#ifndef KM_POSIX_ENVIRON_HWCAP_H
#define KM_POSIX_ENVIRON_HWCAP_H
unsigned long km_hwcap(void);
const char *km_hwcap_platform(void);
#endif
