/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event channels, the one-shot timer and halting (km/plat/timer.h,
 * km/plat/lifecycle.h) on Xen.
 *
 * Xen signals every event channel of the domain through one interrupt
 * vector (HVM_PARAM_CALLBACK_IRQ, type vector: injected directly, no APIC
 * to acknowledge). The handler clears evtchn_upcall_pending, takes the
 * pending-selector word, and for each pending unmasked port clears its bit
 * and calls the port's handler: the one-shot timer's VIRQ_TIMER, a domU's
 * console and xenstore.
 *
 * The timer is VCPUOP_set_singleshot_timer in Xen's system time, the
 * hardware half of libkvmboot's oneshot.c (which keeps the deadlines, as
 * for kvm's LAPIC); it is reprogrammed only when Xen's would fire later.
 *
 * Halting is `sti; hlt`: for a PVH vCPU Xen turns HLT with interrupts on
 * into SCHEDOP_block (hvm_hlt), and the STI shadow makes "enable and
 * block" one step, so an event that arrives in between wakes the halt
 * instead of being handled just before it and lost. Calling SCHEDOP_block
 * itself cannot close that window for a PVH guest: with interrupts off
 * Xen sees no deliverable event and blocks for good, with them on the
 * upcall may run between the check of the deadline and the hypercall.
 */
#include <km/plat/lifecycle.h>
#include <km/plat/timer.h>
#include <km/print.h>
#include <x86/cpu.h>
#include <x86/traps.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/vcpu.h>
#include "kvm.h"
#include "xen.h"

#define UPCALL_VECTOR 0xf3
#define PORTS_MAX     64 /* ports this image binds handlers to */

static struct {
	xen_evtchn_handler_t fn;
	void *arg;
} port_handlers[PORTS_MAX];

static evtchn_port_t timer_port;
static km_nsec_t armed; /* what Xen's timer is set to; 0: nothing */

/*
 * Every hypercall is a VM exit, which under nested emulation (Xen on TCG)
 * costs far more than the work around it: Xen's timer is reprogrammed
 * only when it must fire earlier than it will. A later or no deadline
 * leaves it armed; its event then finds nothing due and reprograms.
 */
static int events_ready;
static void events_setup(void);

void kvm_oneshot_program(km_nsec_t d)
{
	if (!d || (armed && armed <= d))
		return;
	if (!events_ready)
		events_setup();
	/* A deadline in the past fires at once (no VCPU_SSHOTTMR_future). */
	struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = xen_deadline_to_system(d) };

	if (!XEN_HC3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, &t))
		armed = d;
}

static void timer_event(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	armed = 0; /* Xen's one-shot timer has fired (early by Xen's slack, or for a stale deadline)
		    */
	if (kvm_oneshot_expired(km_plat_monotonic_ns()))
		kvm_oneshot_fire();
}

static void upcall(struct x86_trap_frame *f)
{
	volatile struct vcpu_info *v = &xen_shared_info->vcpu_info[0];
	xen_ulong_t *pending = xen_shared_info->evtchn_pending;
	const xen_ulong_t *mask = xen_shared_info->evtchn_mask;

	(void)f;
	v->evtchn_upcall_pending = 0;
	for (xen_ulong_t sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	     sel; sel &= sel - 1) {
		unsigned int w = (unsigned int)__builtin_ctzl(sel);
		xen_ulong_t bits;

		while ((bits = pending[w] & ~mask[w])) {
			unsigned int b = (unsigned int)__builtin_ctzl(bits);
			evtchn_port_t port = w * 64 + b;

			__atomic_fetch_and(&pending[w], ~(1UL << b), __ATOMIC_SEQ_CST);
			if (port < PORTS_MAX && port_handlers[port].fn)
				port_handlers[port].fn(port, port_handlers[port].arg);
		}
	}
}

int xen_evtchn_bind(evtchn_port_t port, xen_evtchn_handler_t h, void *arg)
{
	if (port >= PORTS_MAX)
		return -ENOSPC;
	port_handlers[port].fn = h;
	port_handlers[port].arg = arg;
	__atomic_fetch_and(&xen_shared_info->evtchn_mask[port / 64], ~(1UL << (port % 64)),
			   __ATOMIC_SEQ_CST);
	return 0;
}

void xen_evtchn_notify(evtchn_port_t port)
{
	struct evtchn_send s = { .port = port };

	XEN_HC(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

/* On first use of the timer, not at boot: each hypercall here is a VM
 * exit, costly under emulation, and an image that never sleeps needs
 * none of them. */
static void events_setup(void)
{
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | UPCALL_VECTOR,
	};
	struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
	long rc;

	x86_irq_register(UPCALL_VECTOR, upcall);
	rc = XEN_HC(__HYPERVISOR_hvm_op, HVMOP_set_param, &p);
	if (rc)
		km_pr_crit("xen: no event callback vector (HVMOP_set_param: %ld)\n", rc);
	/* Xen starts a vCPU with a periodic timer tick: none wanted. */
	XEN_HC3(__HYPERVISOR_vcpu_op, VCPUOP_stop_periodic_timer, 0, NULL);
	rc = XEN_HC(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, &bv);
	if (rc)
		km_pr_crit("xen: cannot bind the timer VIRQ: %ld\n", rc);
	timer_port = bv.port;
	xen_evtchn_bind(timer_port, timer_event, NULL);
	events_ready = 1;
}
