/* SPDX-License-Identifier: BSD-3-Clause */
/* Building the first frame of a new thread (see ctx.h). */
#include "ctx.h"

void km_arch_ctx_entry(void);

#define MXCSR_DEFAULT 0x1f80ULL /* all exceptions masked, round to nearest */
#define FCW_DEFAULT   0x037fULL /* the same for x87, extended precision */

void *km_arch_ctx_init(void *stack_base, size_t stack_size, void (*entry)(void *), void *arg)
{
	/* After the final `ret` of the switch the stack is 16-byte aligned,
	 * as km_arch_ctx_entry's `call` needs. */
	uint64_t *sp = (uint64_t *)(((uintptr_t)stack_base + stack_size) & ~(uintptr_t)15) - 2;

	*--sp = (uint64_t)(uintptr_t)km_arch_ctx_entry;
	*--sp = 0;			    /* rbp */
	*--sp = 0;			    /* rbx */
	*--sp = (uint64_t)(uintptr_t)entry; /* r12 */
	*--sp = (uint64_t)(uintptr_t)arg;   /* r13 */
	*--sp = 0;			    /* r14 */
	*--sp = 0;			    /* r15 */
	*--sp = (FCW_DEFAULT << 32) | MXCSR_DEFAULT;
	return sp;
}
