/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI configuration space access and the devices found at boot (kvm).
 * Drivers use km/plat/pci.h; inside the platform, iterate kvm_pci_dev(0,
 * 1, ...) until NULL.
 */
#ifndef KVM_PCI_H
#define KVM_PCI_H

#include <stdint.h>
#include <km/plat/pci.h>

#define KVM_PCI_MAX_DEVS 32

uint32_t kvm_pci_read32(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off);
void kvm_pci_write32(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off,
		     uint32_t v);
const struct km_pci_dev *kvm_pci_dev(unsigned int i);

#endif /* KVM_PCI_H */
