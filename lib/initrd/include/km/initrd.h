/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/initrd.h - the initial ramdisk (consumer API of lib/initrd).
 *
 * At boot (init class rootfs, priority 3, required: after / and /dev are
 * mounted, before vfs.fstab's mounts) every KM_REGION_INITRD region of the
 * boot info is unpacked into / in order: kvm's comes from QEMU's -initrd
 * (the first multiboot or PVH module), linuxu's from the boot parameter
 * linuxu.initrd=<host path>. The archive is cpio newc, crc or odc
 * (km/cpio.h), uncompressed.
 *
 * Contract:
 * - The whole archive is checked before anything is written: a truncated
 *   or malformed archive writes nothing and stops the boot (status 70,
 *   KM_EXIT_INIT_FAILED) after one line naming the member, its byte offset
 *   and what is wrong, e.g.
 *     "initrd (initrd, 4096 bytes): member 'etc/motd' (#3) at byte 1024:
 *      its data (9000 bytes) runs past the end of the archive (2860 bytes
 *      left); nothing was unpacked"
 * - Directories, regular files and symlinks are created with their
 *   permission bits and modification times (access time = mtime);
 *   existing directories are kept (their mode and time are set), existing
 *   files and symlinks replaced. Regular files with several links (newc
 *   and odc: same dev and ino, nlink > 1) become hard links of one file.
 *   Device nodes, FIFOs and sockets are skipped with one warning each
 *   (devfs provides /dev). Owners are not kept (everything is root's).
 * - A system call failing while the tree is built (ENOSPC, a file system
 *   without hard links: EPERM, ...) stops the boot with a line naming the
 *   member, the call and the errno; the tree is then incomplete, and the
 *   image does not reach main.
 * - Timing: print.level=info logs the member count, sizes and the unpack
 *   time in microseconds.
 *
 * Non-goals: compressed archives ("compressed initrd not supported" names
 * the compression found), owners, freeing the initrd's memory after use.
 */
#ifndef KM_INITRD_H
#define KM_INITRD_H

#include <stddef.h>
#include <stdint.h>
#include <km/cpio.h>

struct km_initrd_region {
	const void *data;
	size_t len;	  /* bytes */
	const char *name; /* for messages: the boot info region's name */
};

struct km_initrd_stats {
	unsigned int members; /* without trailers */
	unsigned int linked;  /* regular-file members with nlink > 1 */
	uint64_t data_bytes;
	enum km_cpio_format format; /* of the last member */
};

/*
 * Check the whole archive in @rd without writing anything: 0 and *@st
 * filled, or the reader's negative errno (km_cpio_next) after one line
 * at KM_LOG_CRIT naming the member, its offset and the fault.
 */
int km_initrd_check(const struct km_initrd_region *rd, struct km_initrd_stats *st);

/*
 * Check @rd, then unpack it into / through the system calls: 0, or a
 * negative errno after one KM_LOG_CRIT line (see the contract above).
 * Called at boot for each initrd region; MAY be called later (from a
 * thread) for another archive in memory.
 */
int km_initrd_unpack(const struct km_initrd_region *rd);

#endif /* KM_INITRD_H */
