/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/virtio_9p.h - the virtio 9P transport device (device id 9): one
 * request queue carrying 9P messages, named by its mount_tag (QEMU's
 * -device virtio-9p-pci,mount_tag=fs0 or virtio-9p-device on microvm).
 *
 * Contract:
 * - Channels are found at boot (init class lib) and live forever.
 * - km_virtio_9p_rpc() sends one 9P message (the @nout device-readable
 *   segments, concatenated) and waits for its reply, written into the @nin
 *   device-writable segments; it returns the bytes written (the reply's
 *   length as the device reports it) or -EIO when the device misbehaves.
 *   It does NOT parse or check the reply: that is the 9P client's job.
 * - One RPC at a time per channel: the caller serialises (lib/9pfs holds a
 *   mutex per mount). Every buffer MUST stay valid until the call returns.
 *
 * Non-goals: several requests in flight, flush of an abandoned request.
 */
#ifndef KM_VIRTIO_9P_H
#define KM_VIRTIO_9P_H

#include <stddef.h>
#include <km/virtio.h>

#define KM_VIRTIO_9P_F_MOUNT_TAG 0

struct km_virtio_9p;

/* The channel whose mount_tag is @tag, or NULL. */
struct km_virtio_9p *km_virtio_9p_find(const char *tag);

/* The tag of channel @i (0, 1, ...), NULL past the last: for messages. */
const char *km_virtio_9p_tag(unsigned int i);

long km_virtio_9p_rpc(struct km_virtio_9p *ch, const struct km_virtq_seg *segs, unsigned int nout,
		      unsigned int nin);

#endif /* KM_VIRTIO_9P_H */
