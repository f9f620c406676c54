# Toolchain and the flags every object is compiled with. Flags that depend
# on Kconfig symbols are recorded per library (see compile.mk), so changing
# them rebuilds exactly the objects they apply to.

ifneq ($(filter default undefined,$(origin CC)),)
CC := $(CROSS_COMPILE)gcc
endif
LD ?= $(CROSS_COMPILE)ld
OBJCOPY ?= $(CROSS_COMPILE)objcopy
STRIP ?= $(CROSS_COMPILE)strip
HOSTCC ?= cc

ARCH := $(if $(CONFIG_ARCH_X86_64),x86_64,unknown)

# What the compiler says about itself costs a process per question (clang:
# about 15 ms each), so the answers are kept in the build folder for the
# next build, keyed by CC and the file its command resolves to (a switched
# `cc` alternative or an upgraded gcc is another file). Found without a
# process, so a no-op build asks nothing.
KM_TOOLCHAIN_CACHE_FILE := $(O_DIR)/toolchain.cache
-include $(KM_TOOLCHAIN_CACHE_FILE).mk
km_cc_cmd := $(firstword $(CC))
km_cc_cmd_file := $(realpath $(firstword $(wildcard $(if $(findstring /,$(km_cc_cmd)),$(km_cc_cmd),$(addsuffix /$(km_cc_cmd),$(subst :, ,$(PATH)))))))
km_tc_key := $(km_cc_cmd_file) $(CC)
ifneq ($(and $(km_cc_cmd_file),$(call km_streq,$(wordlist 4,999,$(KM_TOOLCHAIN_CACHE)),$(km_tc_key))),)
KM_CC_FAMILY := $(word 1,$(KM_TOOLCHAIN_CACHE))
KM_CC_INCLUDE := $(word 2,$(KM_TOOLCHAIN_CACHE))
KM_LIBGCC := $(word 3,$(KM_TOOLCHAIN_CACHE))
else
KM_CC_FAMILY :=
KM_CC_INCLUDE :=
KM_LIBGCC :=
endif

# gcc or clang: KM_CC_FAMILY, and the flags that differ between them.
include $(KM_ROOT)/support/build/ccfamily.mk

# The compiler's own freestanding headers (stddef.h, stdarg.h, stdint.h,
# float.h...): both families answer -print-file-name=include.
ifeq ($(KM_CC_INCLUDE),)
KM_CC_INCLUDE := $(shell $(CC) -print-file-name=include)
endif
# Helpers the compiler may call (128-bit division...). Debian's clang prints
# gcc's libgcc.a unless it was built for compiler-rt; when that is not
# installed, clang links against gcc's libgcc just as well.
ifeq ($(KM_LIBGCC),)
KM_LIBGCC := $(shell $(CC) -print-libgcc-file-name)
ifeq ($(KM_CC_FAMILY)$(wildcard $(KM_LIBGCC)),clang)
KM_LIBGCC := $(shell $(CC) --rtlib=libgcc -print-libgcc-file-name)
endif
endif
ifeq ($(wildcard $(KM_LIBGCC)),)
$(error CC=$(CC): its runtime library $(or $(KM_LIBGCC),(none printed by -print-libgcc-file-name)) does not exist)
endif

# Written by a recipe (never at parse time), and only when it changed.
all: $(KM_TOOLCHAIN_CACHE_FILE)
$(KM_TOOLCHAIN_CACHE_FILE): FORCE
	$(call km_write_if_changed,$@,$(KM_CC_FAMILY) $(KM_CC_INCLUDE) $(KM_LIBGCC) $(km_tc_key),KM_TOOLCHAIN_CACHE)

KM_OPT_FLAGS-$(CONFIG_OPTIMIZE_PERF) := -O2
KM_OPT_FLAGS-$(CONFIG_OPTIMIZE_SIZE) := -Os
KM_OPT_FLAGS-$(CONFIG_OPTIMIZE_NONE) := -O0

KM_ARCH_FLAGS-$(CONFIG_ARCH_X86_64) := -m64 -mno-red-zone -march=x86-64 -mtune=generic

# Global flags. Libraries add their own with <LIB>_CFLAGS-y.
CFLAGS-y += -std=gnu11 -ffreestanding -nostdinc -isystem $(KM_CC_INCLUDE) \
	-fno-pie -fno-pic -fno-stack-protector -fno-plt -fno-common \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-Wall -Wextra -Wno-unused-parameter $(KM_OPT_FLAGS-y) $(KM_ARCH_FLAGS-y)
CFLAGS-$(CONFIG_DEBUG_SYMBOLS) += -g
# Leaf functions too, or every backtrace loses the caller of a leaf.
CFLAGS-$(CONFIG_FRAME_POINTERS) += -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer
CFLAGS-$(CONFIG_WERROR) += -Werror
ASFLAGS-y += -Wa,--noexecstack -D__ASSEMBLY__ -nostdinc -isystem $(KM_CC_INCLUDE) $(KM_ARCH_FLAGS-y)
ASFLAGS-$(CONFIG_DEBUG_SYMBOLS) += -g
CINCLUDES-y += -I$(KM_ROOT)/include -I$(KM_ROOT)/arch/$(ARCH)/include
CPPFLAGS-y += -include $(KCONFIG_DIR)/include/generated/autoconf.h
CPPFLAGS-$(if $(CONFIG_ASSERTIONS),,y) += -DNDEBUG

KM_LDFLAGS := -L$(KM_ROOT)/support/build -nostdlib -static --gc-sections -z max-page-size=4096 -z noexecstack --build-id=none
