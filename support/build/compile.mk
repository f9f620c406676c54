# From sources to one relocatable object per library.
#
# Object paths mirror source paths: $(O)/<path below the root>.o for in-tree
# sources, $(O)/app/<path below A>.o for the app, $(O)/lib/<name>/... and
# $(O)/plat/<name>/... for external (L=, P=) folders. Fetched sources (below
# a library's <LIB>_ORIGIN, in the build folder) compile next to themselves.

KM_LIBS := $(foreach l,$(KM_ALL_LIBS),$(if $($(l)_SRCS-y),$(l)))

# km_obj,<source>,<lib>: the object a source compiles to.
km_ext_dirs := $(foreach d,$(P_DIRS),$(d)=$(O_DIR)/plat/$(notdir $(d))) $(foreach d,$(L_DIRS),$(d)=$(O_DIR)/lib/$(notdir $(d)))
km_obj_path = $(strip \
	$(if $(filter $(O_DIR)/%,$(1)),$(1),\
	$(if $(filter $(A_DIR)/%,$(1)),$(O_DIR)/app/$(patsubst $(A_DIR)/%,%,$(1)),\
	$(if $(filter $(KM_ROOT)/%,$(1)),$(O_DIR)/$(patsubst $(KM_ROOT)/%,%,$(1)),\
	$(or $(firstword $(foreach e,$(km_ext_dirs),$(if $(filter $(firstword $(subst =, ,$(e)))/%,$(1)),\
		$(lastword $(subst =, ,$(e)))/$(patsubst $(firstword $(subst =, ,$(e)))/%,%,$(1))))),\
		$(error $(2): source $(1) is outside the framework, the app, the L=/P= folders and the fetched sources))))))
km_obj = $(basename $(call km_obj_path,$(abspath $(1)),$(2))).o

$(foreach l,$(KM_LIBS),$(eval $(l)_OBJS := $(foreach s,$($(l)_SRCS-y),$(call km_obj,$(s),$(l)))))
$(foreach l,$(KM_LIBS),$(eval $(l)_LIBOBJ := $($(l)_BUILD)/$($(l)_NAME).o))

# foo.c and foo.S (or one source in two libraries) would silently share one
# object and one of them would never be linked.
km_all_objs := $(foreach l,$(KM_LIBS),$($(l)_OBJS))
km_dup_objs := $(strip $(foreach o,$(sort $(km_all_objs)),$(if $(word 2,$(filter $(o),$(km_all_objs))),$(o))))
km_srcs_of_obj = $(foreach l,$(KM_LIBS),$(foreach s,$($(l)_SRCS-y),$(if $(filter $(1),$(call km_obj,$(s),$(l))),$(s))))
$(if $(km_dup_objs),$(error two sources compile to the same object: $(foreach o,$(km_dup_objs),$(strip $(call km_srcs_of_obj,$(o))) -> $(patsubst $(O_DIR)/%,%,$(o))); rename one))
$(foreach l,$(KM_LIBS),$(foreach s,$(filter-out $(O_DIR)/%,$($(l)_SRCS-y)),$(if $(wildcard $(s)),,$(error $($(l)_BASE)/Makefile.uk: $($(l)_NAME): source file $(s) does not exist))))

# Fetched sources exist once the library's fetch ran (fetch.mk): they are
# made by it, and their objects are rebuilt whenever it runs again (a new
# source or patch set; the unpacked files keep the tarball's old times).
# Only a library with a fetch may list sources in the build folder.
km_fetched_srcs = $(filter $(O_DIR)/%,$($(1)_SRCS-y))
$(foreach l,$(KM_LIBS),$(if $(call km_fetched_srcs,$(l)),$(if $($(l)_FETCHED),,\
	$(error $($(l)_BASE)/Makefile.uk: $($(l)_NAME): sources in the build folder need a fetch (support/build/fetch.mk): $(firstword $(call km_fetched_srcs,$(l)))))))
$(foreach l,$(KM_LIBS),$(if $(call km_fetched_srcs,$(l)),$(eval $(call km_fetched_srcs,$(l)): $($(l)_FETCHED) ;)))
$(foreach l,$(KM_LIBS),$(if $(call km_fetched_srcs,$(l)),$(eval \
	$(foreach s,$(call km_fetched_srcs,$(l)),$(call km_obj,$(s),$(l))): $($(l)_FETCHED))))

# Everything a library's objects are compiled with; it is recorded in the
# library's .flags file, so a change to it rebuilds that library only.
# The application's libraries (built in $(O)/app) also get KM_APP_CFLAGS-y:
# a hosted C library (musl, newlib) makes them hosted C, as their own
# builds are, while Kumiki's libraries stay freestanding.
km_lib_cflags = $(CPPFLAGS-y) $(CFLAGS-y) $(if $(filter $(O_DIR)/app,$($(1)_BUILD)),$(KM_APP_CFLAGS-y)) \
	$($(1)_CFLAGS-y) $(CINCLUDES-y) $($(1)_CINCLUDES-y) \
	-DKM_LIBNAME=$($(1)_NAME) -DKM_LIBCONFIG=$(patsubst CONFIG_%,%,$($(1)_CONFIG))
km_lib_asflags = $(CPPFLAGS-y) $(ASFLAGS-y) $($(1)_ASFLAGS-y) $(CINCLUDES-y) $($(1)_CINCLUDES-y) \
	-DKM_LIBNAME=$($(1)_NAME) -DKM_LIBCONFIG=$(patsubst CONFIG_%,%,$($(1)_CONFIG))
km_file_flags = $($(1)_$(call km_upper,$(basename $(notdir $(2))))_FLAGS)
km_lib_flag_record = $(CC) | $(call km_lib_cflags,$(1)) | $(call km_lib_asflags,$(1)) \
	| $(foreach s,$($(1)_SRCS-y),$(notdir $(s)):$(call km_file_flags,$(1),$(s)))

$(foreach l,$(KM_LIBS),$(eval $($(l)_OBJS): KM_LIB := $(l)))
$(foreach l,$(KM_LIBS),$(eval $($(l)_OBJS): $($(l)_BUILD)/.flags))

# The flag record is compared and rewritten in the recipe, never at parse time.
$(addsuffix /.flags,$(foreach l,$(KM_LIBS),$($(l)_BUILD))): FORCE
	$(call km_write_if_changed,$@,$(call km_lib_flag_record,$(KM_FLAGS_LIB)),$(KM_FLAGS_LIB)_FLAGS_WRITTEN)
-include $(addsuffix /.flags.mk,$(foreach l,$(KM_LIBS),$($(l)_BUILD)))
$(foreach l,$(KM_LIBS),$(eval $($(l)_BUILD)/.flags: KM_FLAGS_LIB := $(l)))

# Dependencies: gcc's header list, rewritten by fixdep so that autoconf.h is
# replaced by one timestamp file per CONFIG_ symbol the source really uses.
KM_FIXDEP := $(O_DIR)/tools/fixdep
$(KM_FIXDEP): $(KM_ROOT)/support/tools/fixdep.c
	$(Q)$(call km_echo,HOSTCC,tools/fixdep)mkdir -p $(@D) && $(HOSTCC) -O2 -o $@ $<

km_depfix = $(KM_FIXDEP) $@.tmp.d $(KCONFIG_DIR)/include/config > $@.d
km_cc_cmd = $(CC) $(call km_lib_cflags,$(KM_LIB)) $(call km_file_flags,$(KM_LIB),$<) -MMD -MF $@.tmp.d -c -o $@ $< && $(km_depfix)
km_as_cmd = $(CC) $(call km_lib_asflags,$(KM_LIB)) $(call km_file_flags,$(KM_LIB),$<) -MMD -MF $@.tmp.d -c -o $@ $< && $(km_depfix)
km_short = $(patsubst $(O_DIR)/%,%,$@)

# One pattern rule per source root, shared by all libraries below it.
# KM_COMPILE_PREREQS (set by a Makefile.uk) is made before any object: a
# fetched libc's installed headers, which every source includes.
define km_compile_rules
$(1)/%.o: $(2)/%.c | $$(KM_FIXDEP) km-objdirs $$(KM_COMPILE_PREREQS)
	$$(Q)$$(call km_echo,CC,$$(km_short))$$(km_cc_cmd)
$(1)/%.o: $(2)/%.S | $$(KM_FIXDEP) km-objdirs $$(KM_COMPILE_PREREQS)
	$$(Q)$$(call km_echo,AS,$$(km_short))$$(km_as_cmd)
endef

# Every object folder (and every library's build folder, which may hold
# none of its objects) at once, and no process at all when they exist.
.PHONY: km-objdirs
km-objdirs:
	$(call km_mkdirs,$(sort $(patsubst %/,%,$(dir $(km_all_objs))) $(foreach l,$(KM_LIBS),$($(l)_BUILD))))
$(eval $(call km_compile_rules,$(O_DIR)/app,$(A_DIR)))
$(eval $(call km_compile_rules,$(O_DIR),$(KM_ROOT)))
$(eval $(call km_compile_rules,$(O_DIR),$(O_DIR)))
$(foreach e,$(km_ext_dirs),$(eval $(call km_compile_rules,$(lastword $(subst =, ,$(e))),$(firstword $(subst =, ,$(e))))))

# One relocatable object per library; exports.uk, when present, keeps only
# the listed symbols global so a library's internals cannot leak.
km_exports = $(wildcard $($(1)_BASE)/exports.uk)
$(foreach l,$(KM_LIBS),$(eval $($(l)_LIBOBJ): $($(l)_OBJS) $(call km_exports,$(l))))
$(foreach l,$(KM_LIBS),$(eval $($(l)_LIBOBJ): KM_LIB := $(l)))
$(foreach l,$(KM_LIBS),$($(l)_LIBOBJ)):
	$(Q)$(call km_echo,LD,$(km_short))$(LD) -r -o $@ $($(KM_LIB)_OBJS)$(if $(call km_exports,$(KM_LIB)), && \
		$(OBJCOPY) --keep-global-symbols=$(call km_exports,$(KM_LIB)) $@)

-include $(foreach l,$(KM_LIBS),$(addsuffix .d,$($(l)_OBJS)))

.PHONY: FORCE
FORCE:
