/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host torture of one allocator (lib/alloc-<x>/tests/host/ links this with
 * the allocator's sources and a tiny main that fills in the target).
 */
#ifndef KM_ALLOC_TORTURE_H
#define KM_ALLOC_TORTURE_H

#include <km/alloc_impl.h>

struct torture_target {
	const char *name;
	/* A new, empty instance (no memory yet); freed by the process exit. */
	struct km_alloc *(*create)(void);
	int reclaims;	/* free makes memory reusable (not the region allocator) */
	int has_header; /* an in-band header that a buffer overflow can damage */
};

/* Runs every test, prints TAP; returns the process exit status. */
int torture_main(const struct torture_target *t);

#endif
