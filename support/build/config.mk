# Configuration: the generated Kconfig source lists, the config targets and
# the sync of .config into auto.conf/autoconf.h before every build.

KCONFIG_LISTS := $(KCONFIG_DIR)/plats.uk $(KCONFIG_DIR)/libs.uk $(KCONFIG_DIR)/app.uk
KM_AUTOCONF := $(KCONFIG_DIR)/include/config/auto.conf

# kconfig-conf writes the per-symbol files into include/config relative to
# its working directory, so every Kconfig tool runs inside $(KCONFIG_DIR).
km_kconfig_env = cd $(KCONFIG_DIR) && env KCONFIG_CONFIG=$(C_FILE) \
	KCONFIG_AUTOCONFIG=$(KM_AUTOCONF) \
	KCONFIG_AUTOHEADER=$(KCONFIG_DIR)/include/generated/autoconf.h \
	KCONFIG_TRISTATE=$(KCONFIG_DIR)/include/config/tristate.conf \
	KM_KCONFIG_DIR=$(KCONFIG_DIR)
km_conf = $(call km_need_tool,kconfig-conf,kconfig-frontends-nox)$(km_kconfig_env) kconfig-conf $(1) $(KM_ROOT)/Config.uk
# km_load_defconfig,<file>: load a defconfig; a symbol no Config.uk declares
# (a typo), or a value Kconfig did not apply (dependencies unmet), gets a
# warning naming the file and line, which Kconfig itself would drop without
# a word.
km_load_defconfig = $(call km_conf,-s --defconfig=$(1)) && \
	$(KM_ROOT)/support/scripts/kconfig-symbols $(KCONFIG_DIR) $(KM_ROOT)/Config.uk --unknown $(1) $(C_FILE)
km_need_tool = { command -v $(1) >/dev/null 2>&1 || { echo "error: $(1) not found: install the Debian package $(2) (apt-get install $(2))" >&2; exit 1; }; };

# The source lists are rewritten only when their text changes, so that an
# unchanged tree does not re-run Kconfig.
km_write_list = $(call km_mkdirs,$(KCONFIG_DIR)/include/config $(KCONFIG_DIR)/include/generated)$(call \
	km_write_if_changed,$@,$(subst |, ,$(subst $(km_space),$(km_newline),$(foreach f,$(1),source|"$(f)"))),$(notdir $@)_WRITTEN)
-include $(addsuffix .mk,$(KCONFIG_LISTS))

$(KCONFIG_DIR)/plats.uk: FORCE
	$(call km_write_list,$(KM_PLAT_CONFIGS))
$(KCONFIG_DIR)/libs.uk: FORCE
	$(call km_write_list,$(KM_LIB_CONFIGS))
$(KCONFIG_DIR)/app.uk: FORCE
	$(call km_write_list,$(KM_APP_CONFIGS))

# With no configuration, `make` loads the app's default one and says so; it
# never opens a menu by itself.
KM_DEFAULT_DEFCONFIG := $(firstword $(wildcard $(A_DIR)/defconfigs/default $(A_DIR)/defconfigs/linuxu-x86_64))
km_app_defconfigs = $(patsubst $(A_DIR)/%,%,$(wildcard $(A_DIR)/defconfigs/*))
km_no_default_msg = the app has no defconfigs/default (nor defconfigs/linuxu-x86_64)$(if $(km_app_defconfigs),; it has: \
	$(km_app_defconfigs)): load one with make defconfig DEFCONFIG=$(firstword $(km_app_defconfigs) <file>), or run make menuconfig

$(C_FILE): | $(KCONFIG_LISTS)
	$(Q)test -n "$(KM_DEFAULT_DEFCONFIG)" || { echo "error: no configuration $(C_FILE), and $(km_no_default_msg)" >&2; exit 1; }
	@echo "  CONFIG  no .config: loading $(patsubst $(A_DIR)/%,%,$(KM_DEFAULT_DEFCONFIG))$(if $(word 2,$(km_app_defconfigs)), (the app has: $(km_app_defconfigs); pick one with make defconfig DEFCONFIG=<file>))"
	$(Q)$(call km_load_defconfig,$(KM_DEFAULT_DEFCONFIG))

# A copy of the configuration auto.conf was last made from. The two are
# compared by content, in make itself (no process forked): switching C=,
# copying in a file older than auto.conf and editing all resync, whatever
# the timestamps say.
KM_SYNCED_CONFIG := $(KCONFIG_DIR)/config.synced
ifneq ($(A_DIR),)
km_config_changed := $(if $(wildcard $(C_FILE)),$(if $(call km_streq,$(file <$(C_FILE)),$(file <$(KM_SYNCED_CONFIG))),,FORCE),FORCE)
endif

# Sync: new symbols get their defaults (never a question; a value Kconfig
# would change or cannot read is an error, see kconfig-sync), then auto.conf,
# autoconf.h and the per-symbol timestamps under include/config are written.
$(KM_AUTOCONF): $(km_config_changed) $(KCONFIG_LISTS) $(KM_ROOT)/Config.uk $(KM_PLAT_CONFIGS) $(KM_LIB_CONFIGS) $(KM_APP_CONFIGS) | $(C_FILE)
	$(Q)$(call km_echo,SYNC,$(patsubst $(A_DIR)/%,%,$(C_FILE)))$(call km_need_tool,kconfig-conf,kconfig-frontends-nox)$(km_kconfig_env) \
		$(KM_ROOT)/support/scripts/kconfig-sync $(C_FILE) $(KM_ROOT)/Config.uk
	$(Q)$(call km_conf,-s --silentoldconfig) </dev/null
	$(Q)cp $(C_FILE) $(KM_SYNCED_CONFIG) && touch $@

.PHONY: syncconfig
syncconfig: $(KM_AUTOCONF)
	@:

# Config targets ---------------------------------------------------------
km_defconfig_file = $(if $(strip $(DEFCONFIG)),$(abspath $(if $(filter /%,$(DEFCONFIG)),$(DEFCONFIG),$(A_DIR)/$(DEFCONFIG))),$(KM_DEFAULT_DEFCONFIG))

.PHONY: menuconfig defconfig olddefconfig oldconfig savedefconfig allyesconfig allnoconfig randconfig alldefconfig
menuconfig: $(KCONFIG_LISTS)
	$(Q)$(call km_need_tool,kconfig-mconf,kconfig-frontends-nox)$(km_kconfig_env) kconfig-mconf $(KM_ROOT)/Config.uk

defconfig: $(KCONFIG_LISTS)
	$(Q)f="$(km_defconfig_file)"; test -n "$$f" || { echo "error: no DEFCONFIG given, and $(km_no_default_msg)" >&2; exit 1; }; \
	test -f "$$f" || { echo "error: DEFCONFIG=$(DEFCONFIG): no such file $$f" >&2; exit 1; }
	$(Q)$(call km_echo,CONFIG,$(patsubst $(A_DIR)/%,%,$(km_defconfig_file)))$(call km_load_defconfig,$(km_defconfig_file))

olddefconfig allyesconfig allnoconfig randconfig alldefconfig: $(KCONFIG_LISTS)
	$(Q)$(call km_conf,-s --$@)

oldconfig: $(KCONFIG_LISTS)
	$(Q)$(call km_conf,--oldconfig)

savedefconfig: $(KM_AUTOCONF)
	$(Q)$(call km_conf,--savedefconfig=$(O_DIR)/defconfig)
	@echo "  GEN     $(O_DIR)/defconfig"

.PHONY: FORCE
FORCE:
