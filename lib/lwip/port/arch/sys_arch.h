/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's operating system types for Kumiki (implemented in sys_arch.c on
 * lib/lock, lib/sched and lib/time). Every type is a pointer to an object
 * sys_arch.c allocates, so that lwIP's own objects do not depend on
 * Kumiki's headers (they are cached by their own inputs); NULL is the
 * invalid value lwIP tests for.
 */
#ifndef KM_LWIP_ARCH_SYS_ARCH_H
#define KM_LWIP_ARCH_SYS_ARCH_H

struct km_lwip_sem;
struct km_lwip_mutex;
struct km_lwip_mbox;
struct km_thread;

typedef struct km_lwip_sem *sys_sem_t;
typedef struct km_lwip_mutex *sys_mutex_t;
typedef struct km_lwip_mbox *sys_mbox_t;
typedef struct km_thread *sys_thread_t;
/* Interrupt flags (km_plat_irq_save): one CPU, so masking is exclusion. */
typedef unsigned long sys_prot_t;

#define SYS_MBOX_NULL NULL
#define SYS_SEM_NULL  NULL

#define sys_sem_valid(s)	    ((s) != NULL && *(s) != NULL)
#define sys_sem_valid_val(s)	    ((s) != NULL)
#define sys_sem_set_invalid(s)	    ((void)(*(s) = NULL))
#define sys_sem_set_invalid_val(s)  ((void)((s) = NULL))
#define sys_mutex_valid(m)	    ((m) != NULL && *(m) != NULL)
#define sys_mutex_set_invalid(m)    ((void)(*(m) = NULL))
#define sys_mbox_valid(m)	    ((m) != NULL && *(m) != NULL)
#define sys_mbox_valid_val(m)	    ((m) != NULL)
#define sys_mbox_set_invalid(m)	    ((void)(*(m) = NULL))
#define sys_mbox_set_invalid_val(m) ((void)((m) = NULL))

#endif /* KM_LWIP_ARCH_SYS_ARCH_H */
