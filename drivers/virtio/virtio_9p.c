/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-9p (virtio 1.1 §5.? "9P transport"): the configuration space is
 * a little-endian 16-bit tag length and the tag (not NUL-terminated);
 * queue 0 carries requests, each one chain: the T-message out, room for
 * the R-message in.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/print.h>
#include <km/virtio_9p.h>

#define TAG_MAX 255

struct km_virtio_9p {
	struct km_virtio_dev *vdev;
	struct km_virtq *vq;
	char tag[TAG_MAX + 1];
	struct km_virtio_9p *next;
};

static struct km_virtio_9p *channels;

struct km_virtio_9p *km_virtio_9p_find(const char *tag)
{
	for (struct km_virtio_9p *ch = channels; ch; ch = ch->next)
		if (!strcmp(ch->tag, tag))
			return ch;
	return NULL;
}

const char *km_virtio_9p_tag(unsigned int i)
{
	unsigned int n = 0;

	/* The list is built in reverse: count from the end for boot order. */
	for (struct km_virtio_9p *ch = channels; ch; ch = ch->next)
		n++;
	if (i >= n)
		return NULL;
	struct km_virtio_9p *ch = channels;

	for (unsigned int k = 0; k < n - 1 - i; k++)
		ch = ch->next;
	return ch->tag;
}

long km_virtio_9p_rpc(struct km_virtio_9p *ch, const struct km_virtq_seg *segs, unsigned int nout,
		      unsigned int nin)
{
	uint32_t written = 0;
	void *token;
	int rc;

	if (nout + nin > km_virtq_size(ch->vq))
		return -EINVAL;
	rc = km_virtq_add(ch->vq, segs, nout, nin, ch);
	if (rc < 0)
		return rc;
	km_virtq_kick(ch->vq);
	while (!(token = km_virtq_get_used(ch->vq, &written)))
		km_virtq_wait(ch->vq);
	if (token != ch) {
		km_pr_err("virtio-9p %s: the device returned a request never made\n", ch->tag);
		return -EIO;
	}
	return written;
}

/* The waiting thread halts until an interrupt: being woken is all it needs. */
static void v9p_used(struct km_virtq *vq, void *arg)
{
	(void)vq;
	(void)arg;
}

static int v9p_probe(struct km_virtio_dev *vdev)
{
	struct km_virtio_9p *ch;
	uint16_t len = 0;
	int rc;

	if (!km_virtio_has_feature(vdev, KM_VIRTIO_9P_F_MOUNT_TAG)) {
		km_pr_err("%s: virtio-9p without a mount_tag\n", vdev->name);
		return -EINVAL;
	}
	rc = km_virtio_config_read(vdev, 0, &len, 2);
	if (rc < 0)
		return rc;
	if (!len || len > TAG_MAX) {
		km_pr_err("%s: virtio-9p mount_tag of %u bytes (1..%u)\n", vdev->name, len,
			  TAG_MAX);
		return -EINVAL;
	}
	ch = calloc(1, sizeof(*ch));
	if (!ch)
		return -ENOMEM;
	rc = km_virtio_config_read(vdev, 2, ch->tag, len);
	if (rc == 0)
		rc = km_virtq_create(vdev, 0, 0, v9p_used, ch, &ch->vq);
	if (rc < 0) {
		free(ch);
		return rc;
	}
	if (strlen(ch->tag) != len || km_virtio_9p_find(ch->tag)) {
		km_pr_err("%s: virtio-9p mount_tag \"%s\" %s; not used\n", vdev->name, ch->tag,
			  strlen(ch->tag) != len ? "contains a NUL byte" : "already taken");
		return -EINVAL; /* ch stays: the device holds its queue until reset */
	}
	ch->vdev = vdev;
	vdev->driver_priv = ch;
	ch->next = channels;
	channels = ch;
	km_pr_info("%s: virtio-9p mount_tag \"%s\", %u descriptors\n", vdev->name, ch->tag,
		   km_virtq_size(ch->vq));
	return 0;
}

static const struct km_virtio_driver v9p_driver = {
	.name = "virtio-9p",
	.device_id = KM_VIRTIO_ID_9P,
	.features = KM_VIRTIO_BIT(KM_VIRTIO_9P_F_MOUNT_TAG),
	.probe = v9p_probe,
};
KM_VIRTIO_DRIVER(v9p_driver);
