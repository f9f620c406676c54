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
include $(KM_ROOT)/support/build/fetch.mk

# Include one Makefile.uk with its folder as the current base.
#
# The global include path is one stable set: every Makefile.uk's global
# CINCLUDES, whether its library is enabled (CINCLUDES-y) or not
# (CINCLUDES-, CINCLUDES-n), in a fixed order. Enabling a library then does
# not change the command line, hence the flag record, of every other one;
# a header of a disabled library compiles, and the link names what is missing.
KM_GLOBAL_CINCLUDES := $(CINCLUDES-y)
define km_include_uk
km_cur_base := $(1)
km_cur_build := $(2)
CINCLUDES-y :=
CINCLUDES- :=
CINCLUDES-n :=
include $(1)/Makefile.uk
KM_GLOBAL_CINCLUDES += $$(CINCLUDES-y) $$(CINCLUDES-) $$(CINCLUDES-n)
endef
km_in_tree_dirs = $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/$(1)/*/Makefile.uk))))

$(foreach d,$(call km_in_tree_dirs,plat),$(eval $(call km_include_uk,$(d),$(O_DIR)/plat/$(notdir $(d)))))
$(foreach d,$(P_DIRS),$(eval $(call km_include_uk,$(d),$(O_DIR)/plat/$(notdir $(d)))))
$(foreach d,$(call km_in_tree_dirs,drivers),$(eval $(call km_include_uk,$(d),$(O_DIR)/drivers/$(notdir $(d)))))
$(foreach d,$(call km_in_tree_dirs,lib),$(eval $(call km_include_uk,$(d),$(O_DIR)/lib/$(notdir $(d)))))
$(foreach d,$(L_DIRS),$(eval $(call km_include_uk,$(d),$(O_DIR)/lib/$(notdir $(d)))))
$(eval $(call km_include_uk,$(A_DIR),$(O_DIR)/app))
# The chosen C library's headers come first and only its own: they are the
# system headers of every library and the app, and two libcs' stdio.h must
# never mix. Switching the libc changes every flag record, which is right:
# every object is compiled against it.
CINCLUDES-y := $(strip $(KM_LIBC_CINCLUDES-y) $(KM_GLOBAL_CINCLUDES))

include $(KM_ROOT)/support/build/compile.mk
include $(KM_ROOT)/support/build/link.mk
