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
KM_GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
KM_LIBGCC := $(shell $(CC) -print-libgcc-file-name)

KM_OPT_FLAGS-$(CONFIG_OPTIMIZE_PERF) := -O2
KM_OPT_FLAGS-$(CONFIG_OPTIMIZE_SIZE) := -Os
KM_OPT_FLAGS-$(CONFIG_OPTIMIZE_NONE) := -O0

KM_ARCH_FLAGS-$(CONFIG_ARCH_X86_64) := -m64 -mno-red-zone -march=x86-64 -mtune=generic

# Global flags. Libraries add their own with <LIB>_CFLAGS-y.
CFLAGS-y += -std=gnu11 -ffreestanding -nostdinc -isystem $(KM_GCC_INCLUDE) \
	-fno-pie -fno-pic -fno-stack-protector -fno-plt -fno-common \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-Wall -Wextra -Wno-unused-parameter $(KM_OPT_FLAGS-y) $(KM_ARCH_FLAGS-y)
CFLAGS-$(CONFIG_DEBUG_SYMBOLS) += -g
# Leaf functions too, or every backtrace loses the caller of a leaf.
CFLAGS-$(CONFIG_FRAME_POINTERS) += -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer
CFLAGS-$(CONFIG_WERROR) += -Werror
ASFLAGS-y += -Wa,--noexecstack -D__ASSEMBLY__ -nostdinc -isystem $(KM_GCC_INCLUDE) $(KM_ARCH_FLAGS-y)
ASFLAGS-$(CONFIG_DEBUG_SYMBOLS) += -g
CINCLUDES-y += -I$(KM_ROOT)/include -I$(KM_ROOT)/arch/$(ARCH)/include
CPPFLAGS-y += -include $(KCONFIG_DIR)/include/generated/autoconf.h
CPPFLAGS-$(if $(CONFIG_ASSERTIONS),,y) += -DNDEBUG

KM_LDFLAGS := -L$(KM_ROOT)/support/build -nostdlib -static --gc-sections -z max-page-size=4096 -z noexecstack --build-id=none
