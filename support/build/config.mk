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

$(C_FILE): | $(KCONFIG_LISTS)
	$(Q)test -n "$(KM_DEFAULT_DEFCONFIG)" || { echo "error: no configuration $(C_FILE) and no $(A_DIR)/defconfigs/default: run make menuconfig or make defconfig DEFCONFIG=<file>" >&2; exit 1; }
	@echo "  CONFIG  no .config: loading $(patsubst $(A_DIR)/%,%,$(KM_DEFAULT_DEFCONFIG))"
	$(Q)$(call km_conf,-s --defconfig=$(KM_DEFAULT_DEFCONFIG))

# Sync: new symbols get their defaults (never a question; a value Kconfig
# would change or cannot read is an error, see kconfig-sync), then auto.conf,
# autoconf.h and the per-symbol timestamps under include/config are written.
$(KM_AUTOCONF): $(C_FILE) $(KCONFIG_LISTS) $(KM_ROOT)/Config.uk $(KM_PLAT_CONFIGS) $(KM_LIB_CONFIGS) $(KM_APP_CONFIGS)
	$(Q)$(call km_echo,SYNC,$(patsubst $(A_DIR)/%,%,$(C_FILE)))$(call km_need_tool,kconfig-conf,kconfig-frontends-nox)$(km_kconfig_env) \
		$(KM_ROOT)/support/scripts/kconfig-sync $(C_FILE) $(KM_ROOT)/Config.uk
	$(Q)$(call km_conf,-s --silentoldconfig) </dev/null
	$(Q)touch $@

.PHONY: syncconfig
syncconfig: $(KM_AUTOCONF)

# Config targets ---------------------------------------------------------
km_defconfig_file = $(if $(strip $(DEFCONFIG)),$(abspath $(if $(filter /%,$(DEFCONFIG)),$(DEFCONFIG),$(A_DIR)/$(DEFCONFIG))),$(KM_DEFAULT_DEFCONFIG))

.PHONY: menuconfig defconfig olddefconfig oldconfig savedefconfig allyesconfig allnoconfig randconfig alldefconfig
menuconfig: $(KCONFIG_LISTS)
	$(Q)$(call km_need_tool,kconfig-mconf,kconfig-frontends-nox)$(km_kconfig_env) kconfig-mconf $(KM_ROOT)/Config.uk

defconfig: $(KCONFIG_LISTS)
	$(Q)f="$(km_defconfig_file)"; test -n "$$f" || { echo "error: no DEFCONFIG given and the app has no defconfigs/default" >&2; exit 1; }; \
	test -f "$$f" || { echo "error: DEFCONFIG=$(DEFCONFIG): no such file $$f" >&2; exit 1; }
	$(Q)$(call km_echo,CONFIG,$(patsubst $(A_DIR)/%,%,$(km_defconfig_file)))$(call km_conf,-s --defconfig=$(km_defconfig_file))

olddefconfig allyesconfig allnoconfig randconfig alldefconfig: $(KCONFIG_LISTS)
	$(Q)$(call km_conf,-s --$@)

oldconfig: $(KCONFIG_LISTS)
	$(Q)$(call km_conf,--oldconfig)

savedefconfig: $(KM_AUTOCONF)
	$(Q)$(call km_conf,--savedefconfig=$(O_DIR)/defconfig)
	@echo "  GEN     $(O_DIR)/defconfig"

.PHONY: FORCE
FORCE:
