/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * sys/dirent.h - directory streams for newlib's <dirent.h>, in place of the
 * bare target's (which is an #error): opendir, fdopendir, readdir,
 * readdir_r, rewinddir, closedir and dirfd on getdents64(2)
 * (lib/newlib/dirent.c). Entries come in the file system's order,
 * "." and ".." included as it gives them.
 */
#ifndef KM_NEWLIB_SYS_DIRENT_H
#define KM_NEWLIB_SYS_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct __km_dir DIR;
#endif
