/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ACPI S5 power-off, the shutdown fallback when QEMU has no isa-debug-exit
 * device. Finds the RSDP (given by PVH, else scanned for in the EBDA and
 * 0xe0000-0xfffff), the FADT through the XSDT or RSDT, and SLP_TYPa of \_S5
 * in the DSDT (the Name(_S5, Package(){...}) byte pattern, not a full AML
 * interpreter), then writes SLP_TYP|SLP_EN to PM1a_CNT, or to the sleep
 * control register on hardware-reduced ACPI (microvm).
 */
#include <stdint.h>
#include <x86/cpu.h>
#include <x86/mmio.h>
#include "kvm.h"

static uint64_t rsdp_hint;

void kvm_acpi_set_rsdp(uint64_t rsdp)
{
	rsdp_hint = rsdp;
}

struct acpi_sdt {
	char sig[4];
	uint32_t len;
	uint8_t rev, csum;
	char oem[6], oem_table[8];
	uint32_t oem_rev, creator, creator_rev;
} __km_packed;

static int sum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	for (size_t i = 0; i < len; i++)
		s += b[i];
	return s == 0;
}

/* A firmware address as a pointer (hidden from the compiler's bounds
 * checks, which take small constants for null-pointer arithmetic). */
static const void *phys(uint64_t a)
{
	__asm__("" : "+r"(a));
	return (const void *)(uintptr_t)a;
}

static int readable(uint64_t a, size_t len)
{
	return a && kvm_addr_mapped((uintptr_t)a, len);
}

static const uint8_t *find_rsdp(void)
{
	uint64_t ebda;

	if (rsdp_hint && readable(rsdp_hint, 20))
		return (const uint8_t *)(uintptr_t)rsdp_hint;
	/* The EBDA pointer lives in page 0, which is unmapped on purpose. */
	ebda = readable(0x40e, 2) ? (uint64_t) * (const uint16_t *)phys(0x40e) << 4 : 0;
	for (int area = 0; area < 2; area++) {
		uint64_t a = area ? 0xe0000 : ebda, end = area ? 0x100000 : ebda + 1024;

		if (!area && (ebda < 0x1000 || ebda >= 0xa0000))
			continue;
		for (; a + 20 <= end; a += 16) {
			const uint8_t *p = phys(a);

			if (!__builtin_memcmp(p, "RSD PTR ", 8) && sum_ok(p, 20))
				return p;
		}
	}
	return NULL;
}

static const struct acpi_sdt *find_table(const uint8_t *rsdp, const char *sig)
{
	uint64_t root = 0;
	unsigned int esz = 4;

	if (rsdp[15] >= 2 && readable((uintptr_t)rsdp, 36)) {
		root = *(const uint64_t *)(rsdp + 24);
		esz = 8;
	}
	if (!root) {
		root = *(const uint32_t *)(rsdp + 16);
		esz = 4;
	}
	if (!readable(root, sizeof(struct acpi_sdt)))
		return NULL;
	const struct acpi_sdt *t = (const struct acpi_sdt *)(uintptr_t)root;
	const uint8_t *ent = (const uint8_t *)(t + 1);
	unsigned int n = (t->len - sizeof(*t)) / esz;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t a = esz == 8 ? *(const uint64_t *)(ent + 8 * i)
				      : *(const uint32_t *)(ent + 4 * i);
		const struct acpi_sdt *s = (const struct acpi_sdt *)(uintptr_t)a;

		if (readable(a, sizeof(*s)) && !__builtin_memcmp(s->sig, sig, 4))
			return s;
	}
	return NULL;
}

/* SLP_TYPa from Name(_S5_, Package(n){a, ...}); -1 if not found. */
static int s5_slp_typ(const struct acpi_sdt *dsdt)
{
	const uint8_t *p = (const uint8_t *)dsdt, *end = p + dsdt->len;

	for (; p + 8 < end; p++) {
		if (__builtin_memcmp(p, "_S5_", 4) || p[4] != 0x12) /* PackageOp */
			continue;
		p += 5;
		p += ((*p >> 6) & 3) + 1; /* PkgLength */
		p++;			  /* NumElements */
		if (*p == 0x0a)		  /* BytePrefix */
			return p[1];
		if (*p == 0x00 || *p == 0x01) /* ZeroOp, OneOp */
			return *p;
		return *p;
	}
	return -1;
}

void kvm_acpi_poweroff(void)
{
	const uint8_t *rsdp = find_rsdp();
	const struct acpi_sdt *fadt, *dsdt;
	const uint8_t *f;
	uint64_t dsdt_addr = 0;
	int typ;

	if (!rsdp || !(fadt = find_table(rsdp, "FACP")))
		return;
	f = (const uint8_t *)fadt;
	if (fadt->len >= 148)
		dsdt_addr = *(const uint64_t *)(f + 140);
	if (!dsdt_addr)
		dsdt_addr = *(const uint32_t *)(f + 40);
	if (!readable(dsdt_addr, sizeof(*dsdt)))
		return;
	dsdt = (const struct acpi_sdt *)(uintptr_t)dsdt_addr;
	typ = s5_slp_typ(dsdt);
	if (typ < 0)
		typ = 0;

	if (fadt->len >= 256 && (*(const uint32_t *)(f + 112) & (1u << 20))) {
		/* Hardware-reduced: SLEEP_CONTROL_REG, a generic address */
		const uint8_t *g = f + 244;
		uint64_t addr = *(const uint64_t *)(g + 4);
		uint8_t v = (uint8_t)(((typ & 7) << 2) | (1 << 5));

		if (g[0] == 1)
			x86_outb((uint16_t)addr, v);
		else if (g[0] == 0 && readable(addr, 1))
			km_mmio_write8((uintptr_t)addr, v);
	} else {
		uint32_t pm1a = *(const uint32_t *)(f + 64);

		if (pm1a)
			x86_outw((uint16_t)pm1a, (uint16_t)(((typ & 7) << 10) | (1 << 13)));
	}
	for (volatile int i = 0; i < 1000000; i++) /* give QEMU time to act */
		;
}
