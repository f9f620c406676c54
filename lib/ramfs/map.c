/* SPDX-License-Identifier: BSD-3-Clause */
/* ramfs's sparse block map (see ramfs_impl.h). */
#include <stdlib.h>
#include <string.h>
#include "ramfs_impl.h"

static uint64_t capacity(unsigned int height)
{
	unsigned int bits = RAMFS_FAN_BITS * (height + 1);

	return bits >= 64 ? UINT64_MAX : (uint64_t)1 << bits;
}

static unsigned int slot(uint64_t index, unsigned int level)
{
	return (unsigned int)(index >> (RAMFS_FAN_BITS * level)) & (RAMFS_FAN - 1);
}

char *ramfs_map_get(const struct ramfs_map *m, uint64_t index)
{
	void **node = m->root;

	if (!node || index >= capacity(m->height))
		return NULL;
	for (unsigned int level = m->height; level > 0 && node; level--)
		node = node[slot(index, level)];
	return node ? node[slot(index, 0)] : NULL;
}

char *ramfs_map_get_or_alloc(struct ramfs_map *m, uint64_t index)
{
	void **node, **up;

	if (!m->root) {
		m->root = calloc(RAMFS_FAN, sizeof(void *));
		if (!m->root)
			return NULL;
		m->height = 0;
	}
	while (index >= capacity(m->height)) {
		up = calloc(RAMFS_FAN, sizeof(void *));
		if (!up)
			return NULL;
		up[0] = m->root;
		m->root = up;
		m->height++;
	}
	node = m->root;
	for (unsigned int level = m->height; level > 0; level--) {
		void **next = node[slot(index, level)];

		if (!next) {
			next = calloc(RAMFS_FAN, sizeof(void *));
			if (!next)
				return NULL;
			node[slot(index, level)] = next;
		}
		node = next;
	}
	if (!node[slot(index, 0)]) {
		/* page-aligned: a copy between aligned buffers runs at full speed */
		char *b = aligned_alloc(RAMFS_BLOCK, RAMFS_BLOCK);

		if (!b)
			return NULL;
		memset(b, 0, RAMFS_BLOCK);
		node[slot(index, 0)] = b;
		m->blocks++;
	}
	return node[slot(index, 0)];
}

/* Free what @node (at @level, first index @base) holds from @first on;
 * returns 1 when the node is left empty. */
static int trim(struct ramfs_map *m, void **node, unsigned int level, uint64_t base, uint64_t first)
{
	uint64_t span = (uint64_t)1 << (RAMFS_FAN_BITS * level);
	int empty = 1;

	for (unsigned int i = 0; i < RAMFS_FAN; i++) {
		uint64_t lo = base + i * span;

		if (!node[i])
			continue;
		if (lo + span <= first) {
			empty = 0;
			continue;
		}
		if (level == 0) {
			free(node[i]);
			m->blocks--;
			node[i] = NULL;
		} else if (trim(m, node[i], level - 1, lo, first)) {
			free(node[i]);
			node[i] = NULL;
		} else {
			empty = 0;
		}
	}
	return empty;
}

void ramfs_map_trim(struct ramfs_map *m, uint64_t first)
{
	if (m->root && trim(m, m->root, m->height, 0, first)) {
		free(m->root);
		m->root = NULL;
		m->height = 0;
	}
}
