/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device interrupts (km/plat/irq.h): IOAPIC lines and MSI vectors on the
 * local APIC. Vectors 32-47 are the ones with entry stubs below the
 * timer's (arch/x86_64/desc.c); the 8259 PICs, remapped there and masked,
 * can still raise their spurious IRQ 7 and 15 (vectors 39 and 47), which
 * are left unused. QEMU's IOAPICs sit at fixed addresses: the first
 * (GSI 0-23) at 0xfec00000 on every machine, microvm's second (GSI 24-47,
 * its virtio-mmio lines) at 0xfec10000.
 */
#include <errno.h>
#include <km/plat/irq.h>
#include <km/plat/timer.h>
#include <x86/mmio.h>
#include <x86/traps.h>
#include "kvm.h"

#define VEC_FIRST 32
#define VEC_COUNT 16

#define IOAPIC_REGSEL	 0x00
#define IOAPIC_WIN	 0x10
#define IOAPIC_VER	 0x01
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))
#define RTE_ACTIVE_LOW	 (1u << 13)
#define RTE_LEVEL	 (1u << 15)
#define RTE_MASKED	 (1u << 16)

static const uintptr_t ioapic_base[] = { 0xfec00000UL, 0xfec10000UL };
#define IOAPIC_LINES 24

struct slot {
	km_irq_handler_t handler;
	void *arg;
};
static struct slot slots[VEC_COUNT];

static void dispatch(struct x86_trap_frame *f)
{
	struct slot *s = &slots[(f->vector - VEC_FIRST) & (VEC_COUNT - 1)];

	if (s->handler)
		s->handler(s->arg);
	kvm_lapic_eoi();
}

static int alloc_vector(km_irq_handler_t handler, void *arg)
{
	unsigned long fl = km_plat_irq_save();
	int vec = -ENOSPC;

	for (unsigned int i = 0; i < VEC_COUNT; i++) {
		if (i == 7 || i == 15 || slots[i].handler)
			continue; /* the PICs' spurious vectors */
		slots[i].handler = handler;
		slots[i].arg = arg;
		vec = VEC_FIRST + (int)i;
		x86_irq_register((unsigned int)vec, dispatch);
		break;
	}
	km_plat_irq_restore(fl);
	return vec;
}

static uint32_t ioapic_read(uintptr_t base, unsigned int reg)
{
	km_mmio_write32(base + IOAPIC_REGSEL, reg);
	return km_mmio_read32(base + IOAPIC_WIN);
}

static void ioapic_write(uintptr_t base, unsigned int reg, uint32_t v)
{
	km_mmio_write32(base + IOAPIC_REGSEL, reg);
	km_mmio_write32(base + IOAPIC_WIN, v);
}

static uint8_t boot_apic_id(void)
{
	return (uint8_t)(km_mmio_read32(0xfee00020UL) >> 24);
}

int km_plat_irq_line_register(unsigned int gsi, unsigned int flags, km_irq_handler_t handler,
			      void *arg)
{
	unsigned int chip = gsi / IOAPIC_LINES, pin = gsi % IOAPIC_LINES;
	uintptr_t base;
	uint32_t ver, lo;
	int vec;

	if (!handler || flags & ~(KM_IRQ_LEVEL | KM_IRQ_ACTIVE_LOW) ||
	    chip >= sizeof(ioapic_base) / sizeof(ioapic_base[0]))
		return -EINVAL;
	base = ioapic_base[chip];
	ver = ioapic_read(base, IOAPIC_VER);
	if (ver == 0xffffffffu || ver == 0 || ((ver >> 16) & 0xff) < pin)
		return -ENODEV; /* no IOAPIC there (reads of nothing: 0 or ones) */
	if (!(ioapic_read(base, IOAPIC_REDTBL(pin)) & RTE_MASKED))
		return -EBUSY;
	vec = alloc_vector(handler, arg);
	if (vec < 0)
		return vec;
	lo = (uint32_t)vec | (flags & KM_IRQ_LEVEL ? RTE_LEVEL : 0) |
	     (flags & KM_IRQ_ACTIVE_LOW ? RTE_ACTIVE_LOW : 0);
	ioapic_write(base, IOAPIC_REDTBL(pin) + 1, (uint32_t)boot_apic_id() << 24);
	ioapic_write(base, IOAPIC_REDTBL(pin), lo);
	return 0;
}

int km_plat_irq_msi_alloc(km_irq_handler_t handler, void *arg, struct km_plat_msi *msi)
{
	int vec;

	if (!handler)
		return -EINVAL;
	vec = alloc_vector(handler, arg);
	if (vec < 0)
		return vec;
	/* Fixed delivery, edge, physical destination: this CPU. */
	msi->addr = 0xfee00000ULL | ((uint64_t)boot_apic_id() << 12);
	msi->data = (uint32_t)vec;
	return 0;
}
