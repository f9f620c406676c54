/* SPDX-License-Identifier: BSD-3-Clause */
/* sys/poll.h - the same as <poll.h>, where some programs look for it. */
#include <poll.h>
