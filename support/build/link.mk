# From library objects to one image per selected platform:
#   $(O)/<app>_<plat>-<arch>.dbg   linked, with symbols
#   $(O)/<app>_<plat>-<arch>       stripped, what `make run` boots
#   $(O)/boot-order.txt            every init entry in the order it runs

APP_NAME := $(notdir $(A_DIR))
ifeq ($(strip $(KM_PLATS)),)
$(error $(C_FILE): the configuration selects no platform: enable one under Platforms (e.g. CONFIG_PLAT_LINUXU=y))
endif

km_image = $(O_DIR)/$(APP_NAME)_$(1)-$(ARCH)
KM_IMAGES := $(foreach p,$(KM_PLATS),$(call km_image,$(p)))
# Libraries of the image for platform $(1): the portable ones and its own.
km_image_libs = $(foreach l,$(KM_LIBS),$(if $(filter $(1),$($(l)_PLAT))$(if $($(l)_PLAT),,y),$(l)))
km_image_objs = $(foreach l,$(call km_image_libs,$(1)),$($(l)_LIBOBJ))

$(foreach p,$(KM_PLATS),$(if $($(call km_upper,$(p))_LDSCRIPT),,\
	$(error $($(call km_upper,$(p))_BASE)/Makefile.uk: platform $(p) sets no $(call km_upper,$(p))_LDSCRIPT)))

# Defaults a platform may replace with <PLAT>_LINK_CMD / <PLAT>_STRIP_CMD;
# they see KM_LINK_OBJS, KM_LINK_OUT, KM_LINK_LDSCRIPT and KM_IMAGE_OUT.
# KM_LINK_RUNTIME is what follows the objects: archives a Makefile.uk adds
# to KM_LINK_ARCHIVES (a fetched libc's libc.a) and libgcc, in one group,
# since libc and libgcc call each other.
km_default_link = $(LD) $(KM_LDFLAGS) $(KM_LINK_LDFLAGS) -T $(KM_LINK_LDSCRIPT) -o $(KM_LINK_OUT) \
	$(KM_LINK_OBJS) $(KM_LINK_RUNTIME)
KM_LINK_RUNTIME = $(if $(strip $(KM_LINK_ARCHIVES)),--start-group $(KM_LINK_ARCHIVES) $(KM_LIBGCC) --end-group,$(KM_LIBGCC))
km_default_strip = $(STRIP) --strip-all -R .comment -o $(KM_IMAGE_OUT) $(KM_LINK_OUT)

define km_image_rules
$(2).dbg $(2).link: KM_LINK_OBJS := $(call km_image_objs,$(1))
$(2).dbg $(2).link: KM_LINK_OUT := $(2).dbg
$(2).dbg $(2).link: KM_LINK_LDSCRIPT := $($(3)_LDSCRIPT)
$(2).dbg $(2).link: KM_LINK_LDFLAGS := $($(3)_LDFLAGS-y)
$(2).dbg $(2).link: KM_LINK_CMD = $(if $(value $(3)_LINK_CMD),$(value $(3)_LINK_CMD),$(value km_default_link))
$(2).dbg: $(call km_image_objs,$(1)) $(KM_LINK_ARCHIVES) $($(3)_LDSCRIPT) $(2).link
$(2): KM_LINK_OUT := $(2).dbg
$(2): KM_IMAGE_OUT := $(2)
$(2): KM_STRIP_CMD = $(if $(value $(3)_STRIP_CMD),$(value $(3)_STRIP_CMD),$(value km_default_strip))
$(2): $(2).dbg
$(2).boot-order: $(2).dbg
endef
$(foreach p,$(KM_PLATS),$(eval $(call km_image_rules,$(p),$(call km_image,$(p)),$(call km_upper,$(p)))))

# The expanded link command (objects, script, flags) is recorded, so that
# removing a library or changing link flags relinks although no input got newer.
$(addsuffix .link,$(KM_IMAGES)): FORCE
	$(call km_write_if_changed,$@,$(KM_LINK_CMD),$(notdir $@)_WRITTEN)
-include $(addsuffix .link.mk,$(KM_IMAGES))

$(addsuffix .dbg,$(KM_IMAGES)):
	$(Q)$(call km_echo,LD,$(patsubst $(O_DIR)/%,%,$@))$(KM_LINK_CMD)

$(KM_IMAGES):
	$(Q)$(call km_echo,STRIP,$(patsubst $(O_DIR)/%,%,$@))$(KM_STRIP_CMD)

# Each init entry also leaves one text line in the non-allocated
# .km_initinfo section, sorted exactly like the table itself.
$(addsuffix .boot-order,$(KM_IMAGES)):
	$(Q)$(OBJCOPY) --dump-section .km_initinfo=$@ $< $@.tmp 2>/dev/null || : > $@; rm -f $@.tmp

$(O_DIR)/boot-order.txt: $(addsuffix .boot-order,$(KM_IMAGES))
	$(Q)$(call km_echo,GEN,boot-order.txt){ printf '# Init entries in run order: class priority function library symbol required|optional\n'; \
		$(foreach i,$^,printf '# %s\n' '$(notdir $(basename $(i)))'; cat $(i);) } > $@

.PHONY: all run gdb xl-config print-images
all: $(KM_IMAGES) $(O_DIR)/boot-order.txt
	@:

print-images:
	@printf '%s\n' $(KM_IMAGES)

# run/gdb: PLAT= picks the platform, else the first one selected. make can
# only exit 0 or 2, so a non-zero guest status is also printed; the
# support/scripts/run-<plat> scripts return it exactly.
# ARGS is split into words like a shell command line but without any
# expansion (support/scripts/shell-words: quotes and backslashes group
# words; no globbing, ~, $ or command substitution). It reaches the recipe
# through the environment, never pasted into it, so an unbalanced quote is
# reported as such instead of breaking the recipe.
KM_RUN_PLAT := $(if $(strip $(PLAT)),$(PLAT),$(firstword $(KM_PLATS)))
KM_RUN_IMAGE := $(call km_image,$(KM_RUN_PLAT))
km_split_args = km_words=$$($(KM_ROOT)/support/scripts/shell-words --split "$$KM_RUN_ARGS" 2>&1) || { \
	echo "error: ARGS=$$KM_RUN_ARGS: $$km_words; ARGS is split like a shell line without expansion, e.g. ARGS='-- \"two words\" \"it'\\''s\"'" >&2; \
	exit 2; }; eval "set -- $$km_words";

# make run's SHARE=, NET=, HOSTFWD= and INITRD=, checked before anything
# starts: a platform would ignore them, or the image fail on a boot
# parameter it does not know. The first refusal is printed.
km_comma := ,
km_run_net := $(filter-out none,$(strip $(NET)))
km_run_devices := $(strip $(SHARE))$(km_run_net)$(strip $(HOSTFWD))
km_refuse_linuxu = $(if $(filter linuxu,$(KM_RUN_PLAT)),$(if $(strip $(SHARE)),SHARE= is for kvm: on linuxu mount \
	a host folder with lib/hostfs$(km_comma) make run ARGS='vfs.fstab=<dir>:/host:hostfs',$(if $(km_run_net)$(strip $(HOSTFWD)),NET= \
	and HOSTFWD= are for kvm: on linuxu open a host tap with make run ARGS='linuxu.tap=<tap>')))
km_refuse_xen = $(if $(filter xen,$(KM_RUN_PLAT)),$(if $(km_run_devices),SHARE=$(km_comma) NET= and HOSTFWD= are for \
	kvm: run-xen gives the image no such devices))
km_refuse_share = $(if $(strip $(SHARE)),$(if $(and $(CONFIG_LIB9PFS),$(CONFIG_VIRTIO_9P)),,SHARE= needs CONFIG_LIB9PFS \
	(and CONFIG_VIRTIO with CONFIG_VIRTIO_9P) in the image))
km_refuse_net = $(if $(km_run_net),$(if $(CONFIG_VIRTIO_NET),,NET=$(km_run_net) needs CONFIG_VIRTIO_NET (the virtio-net driver) in the image))
km_refuse_initrd = $(if $(strip $(INITRD)),$(if $(CONFIG_LIBINITRD),,INITRD= needs CONFIG_LIBINITRD in the image (lib/initrd unpacks it)))
km_run_refusal = $(or $(km_refuse_linuxu),$(km_refuse_xen),$(km_refuse_share),$(km_refuse_net),$(km_refuse_initrd))

run gdb: KM_SCRIPT = $(KM_ROOT)/support/scripts/$@-$(KM_RUN_PLAT)
run gdb: export KM_RUN_ARGS := $(value ARGS)
run gdb: $(KM_IMAGES)
	$(Q)$(if $(filter $(KM_RUN_PLAT),$(KM_PLATS)),,echo "error: PLAT=$(PLAT) is not selected (selected: $(KM_PLATS))" >&2; exit 2;) \
	$(if $(word 2,$(KM_PLATS)),$(if $(PLAT),,echo "  RUN     $(KM_RUN_PLAT) (of: $(KM_PLATS); pick with PLAT=)" >&2;)) \
	test -x $(KM_SCRIPT) || { echo "error: no $(KM_SCRIPT): platform $(KM_RUN_PLAT) cannot $@" >&2; exit 2; }; \
	$(if $(filter run,$@),$(if $(km_run_refusal),echo "error: $(km_run_refusal)" >&2; exit 2;)) \
	$(km_split_args) $(KM_SCRIPT) $(KM_RUN_IMAGE) "$$@"; rc=$$?; \
	[ $$rc -eq 0 ] || echo "  $(if $(filter run,$@),RUN,GDB)     $(notdir $(KM_RUN_IMAGE)) exited with status $$rc" >&2; exit $$rc

# xl-config: $(O)/<app>_xen-<arch>.xl, an xl domain config that runs the xen
# image as a PVH domU on a Xen host, ARGS as its command line.
KM_XL_IMAGE := $(call km_image,xen)
xl-config: export KM_RUN_ARGS := $(value ARGS)
xl-config: $(KM_IMAGES)
	$(Q)$(if $(filter xen,$(KM_PLATS)),,echo "error: xl-config needs the xen platform (CONFIG_PLAT_XEN; selected: $(KM_PLATS))" >&2; exit 2;) \
	$(km_split_args) $(KM_ROOT)/support/scripts/xl-config $(KM_XL_IMAGE) "$$@" > $(KM_XL_IMAGE).xl.tmp && \
	mv $(KM_XL_IMAGE).xl.tmp $(KM_XL_IMAGE).xl && echo "  XL      $(patsubst $(O_DIR)/%,%,$(KM_XL_IMAGE)).xl (xl create -c $(KM_XL_IMAGE).xl)"
