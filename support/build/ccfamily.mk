# The compiler family of $(CC), gcc or clang, and the flags only one family
# accepts. Included by toolchain.mk, and by host test Makefiles that compile
# sources with the image's flags.

# Asked unless already known (toolchain.mk keeps it from the last build):
# clang defines __clang__, gcc only __GNUC__.
ifeq ($(KM_CC_FAMILY),)
KM_CC_MACROS := $(shell $(CC) -dM -E -x c /dev/null 2>/dev/null | grep -E ' __(clang|GNUC)__ ')
KM_CC_FAMILY := $(if $(filter __clang__,$(KM_CC_MACROS)),clang,$(if $(filter __GNUC__,$(KM_CC_MACROS)),gcc))
endif
ifeq ($(KM_CC_FAMILY),)
$(error CC=$(CC) $(if $(shell command -v $(firstword $(CC))),is neither gcc nor clang (it defines neither __GNUC__ nor __clang__),cannot be run (command not found)))
endif

# Keeps the compiler from turning a copy/fill/length loop into a call to
# memcpy, memset or strlen, which inside nolibc's own versions recurses.
# Under -ffreestanding gcc 12 and clang 14 leave such loops alone; gcc still
# gets its flag, as its -ffreestanding has not always implied it.
KM_CFLAGS_NO_LIBCALL_LOOPS-gcc := -fno-tree-loop-distribute-patterns
KM_CFLAGS_NO_LIBCALL_LOOPS := $(KM_CFLAGS_NO_LIBCALL_LOOPS-$(KM_CC_FAMILY))
