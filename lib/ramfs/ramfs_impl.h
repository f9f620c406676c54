/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/ramfs internals: nodes, directory entries, the sparse block map. */
#ifndef RAMFS_IMPL_H
#define RAMFS_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <km/lock.h>
#include <km/vfs_driver.h>

#define RAMFS_BLOCK 4096

/*
 * A file's data: a radix tree of 4 KiB blocks indexed by block number,
 * RAMFS_FAN slots per level, grown in height as the file does. A missing
 * block is a hole (reads as zeros, costs nothing).
 */
#define RAMFS_FAN_BITS 9
#define RAMFS_FAN      (1u << RAMFS_FAN_BITS)

struct ramfs_map {
	void **root;	     /* NULL when empty */
	unsigned int height; /* levels below root: capacity FAN^(height+1) blocks */
	uint64_t blocks;     /* allocated data blocks */
};

/* The block holding @index, or NULL for a hole. */
char *ramfs_map_get(const struct ramfs_map *m, uint64_t index);
/* The block holding @index, allocated (zeroed) if missing; NULL when out of memory. */
char *ramfs_map_get_or_alloc(struct ramfs_map *m, uint64_t index);
/* Free every block from index @first on (truncation). */
void ramfs_map_trim(struct ramfs_map *m, uint64_t first);

struct ramfs_dirent {
	struct ramfs_dirent *next;
	struct ramfs_node *node;
	uint64_t cookie; /* readdir position, increasing along the list */
	size_t len;
	char name[];
};

struct ramfs_node {
	uint32_t mode; /* type | permission bits */
	uint32_t uid, gid;
	uint64_t ino;
	unsigned int nlink;
	unsigned int vnodes; /* live vnodes: the node outlives its last name while open */
	struct km_vfs_time atime, mtime, ctime;
	uint64_t size;
	struct ramfs_node *parent; /* directories: for ".." */
	struct ramfs_dirent *entries, **tail;
	uint64_t next_cookie;
	struct ramfs_map map; /* regular files */
	char *target;	      /* symlinks */
	uint64_t rdev;
};

struct ramfs {
	struct km_mutex lock; /* every node of this mount */
	uint64_t next_ino;
	uint64_t nodes;
};

#endif
