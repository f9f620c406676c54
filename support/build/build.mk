# The build proper, run as a sub-make by the top-level Makefile once the
# configuration is in sync. Reads, in this fixed order: auto.conf, the
# toolchain, the Makefile.uk language, every platform's, library's and the
# app's Makefile.uk, then the rules that turn them into images.

.DEFAULT_GOAL := all
MAKEFLAGS += -r -R
.SUFFIXES:
.DELETE_ON_ERROR:

include $(KM_ROOT)/support/build/verbose.mk
include $(KM_ROOT)/support/build/util.mk
include $(KCONFIG_DIR)/include/config/auto.conf
include $(KM_ROOT)/support/build/toolchain.mk
include $(KM_ROOT)/support/build/lang.mk

# Include one Makefile.uk with its folder as the current base.
define km_include_uk
km_cur_base := $(1)
km_cur_build := $(2)
include $(1)/Makefile.uk
endef
km_in_tree_dirs = $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/$(1)/*/Makefile.uk))))

$(foreach d,$(call km_in_tree_dirs,plat),$(eval $(call km_include_uk,$(d),$(O_DIR)/plat/$(notdir $(d)))))
$(foreach d,$(P_DIRS),$(eval $(call km_include_uk,$(d),$(O_DIR)/plat/$(notdir $(d)))))
$(foreach d,$(call km_in_tree_dirs,lib),$(eval $(call km_include_uk,$(d),$(O_DIR)/lib/$(notdir $(d)))))
$(foreach d,$(L_DIRS),$(eval $(call km_include_uk,$(d),$(O_DIR)/lib/$(notdir $(d)))))
$(eval $(call km_include_uk,$(A_DIR),$(O_DIR)/app))

include $(KM_ROOT)/support/build/compile.mk
include $(KM_ROOT)/support/build/link.mk
