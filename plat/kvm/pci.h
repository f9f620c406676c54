/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI configuration space access and the devices found at boot (kvm).
 * For drivers (virtio-pci later): iterate kvm_pci_dev(0, 1, ...) until
 * NULL, then use the config accessors on the device's bus/dev/fn.
 */
#ifndef KVM_PCI_H
#define KVM_PCI_H

#include <stdint.h>

#define KVM_PCI_MAX_DEVS 32

struct kvm_pci_dev {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code; /* class << 16 | subclass << 8 | prog-if */
};

uint32_t kvm_pci_read32(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off);
void kvm_pci_write32(unsigned int bus, unsigned int dev, unsigned int fn, unsigned int off,
		     uint32_t v);
const struct kvm_pci_dev *kvm_pci_dev(unsigned int i);

#endif /* KVM_PCI_H */
