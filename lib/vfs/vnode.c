/* SPDX-License-Identifier: BSD-3-Clause */
/* Vnode allocation and reference counting (km/vfs_driver.h). */
#include <stdlib.h>
#include <km/atomic.h>
#include <km/plat/timer.h>
#include <km/time.h>
#include "vfs_impl.h"

struct km_vnode *km_vnode_alloc(struct km_mount *mount, const struct km_vnode_ops *ops,
				uint32_t type, uint64_t ino, void *priv)
{
	struct km_vnode *vn = malloc(sizeof(*vn));

	if (!vn)
		return NULL;
	vn->ops = ops;
	vn->mount = mount;
	vn->priv = priv;
	vn->type = type & KM_S_IFMT;
	vn->ino = ino;
	vn->refs = 1;
	km_atomic_inc(&mount->vnodes);
	return vn;
}

void km_vnode_ref(struct km_vnode *vn)
{
	km_atomic_inc(&vn->refs);
}

void km_vnode_put(struct km_vnode *vn)
{
	struct km_mount *mp;

	if (!vn || km_atomic_dec_return(&vn->refs))
		return;
	mp = vn->mount;
	if (vn->ops->inactive)
		vn->ops->inactive(vn);
	free(vn);
	km_atomic_dec_return(&mp->vnodes);
}

struct km_vnode *vfs_ref_slot(struct km_vnode *const *slot)
{
	unsigned long irq = km_plat_irq_save();
	struct km_vnode *vn = *slot;

	if (vn)
		km_vnode_ref(vn);
	km_plat_irq_restore(irq);
	return vn;
}

struct km_vfs_time km_vfs_now(void)
{
	km_nsec_t ns = km_time_wall_ns();

	return (struct km_vfs_time){ (int64_t)(ns / KM_NSEC_PER_SEC),
				     (uint32_t)(ns % KM_NSEC_PER_SEC) };
}
