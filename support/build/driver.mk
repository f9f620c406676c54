# Command-line variables and the source tree the configuration is built from.
#
#   A  application folder (required for config and build targets)
#   O  build folder                       default: $(A)/build
#   C  configuration file                 default: $(A)/.config
#   L  colon-separated external libraries (folders with Config.uk/Makefile.uk)
#   P  colon-separated external platforms
#   V  1 for full command lines

km_no_app_goals := help test check
km_goals := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
km_need_app := $(filter-out $(km_no_app_goals),$(km_goals))

km_colon_list = $(strip $(subst :, ,$(1)))

ifneq ($(km_need_app),)
ifeq ($(strip $(A)),)
$(error No application given. Build an app with `make A=apps/helloworld` (or run make inside the app folder); `make help` lists targets)
endif
A_DIR := $(abspath $(A))
ifeq ($(wildcard $(A_DIR)/Makefile.uk),)
$(error A=$(A): $(if $(wildcard $(A_DIR)/.),no Makefile.uk in $(A_DIR),no such folder $(A_DIR)))
endif
endif

O_DIR := $(abspath $(if $(strip $(O)),$(O),$(A_DIR)/build))
C_FILE := $(abspath $(if $(strip $(C)),$(C),$(A_DIR)/.config))
KCONFIG_DIR := $(O_DIR)/kconfig

# External libraries and platforms: each must be a folder with Makefile.uk.
L_DIRS := $(foreach l,$(call km_colon_list,$(L)),$(abspath $(l)))
P_DIRS := $(foreach p,$(call km_colon_list,$(P)),$(abspath $(p)))
$(foreach d,$(L_DIRS) $(P_DIRS),$(if $(wildcard $(d)/.),,$(error L=/P=: $(d) does not exist)))
$(foreach d,$(L_DIRS) $(P_DIRS),$(if $(wildcard $(d)/Makefile.uk),,$(error L=/P=: $(d) has no Makefile.uk)))

# Every in-tree library and platform folder must have a Makefile.uk: a folder
# with only Config.uk would offer options that build nothing.
KM_LIB_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/lib/*/Config.uk $(KM_ROOT)/lib/*/Makefile.uk))))
KM_PLAT_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/plat/*/Config.uk $(KM_ROOT)/plat/*/Makefile.uk))))
$(foreach d,$(KM_LIB_DIRS) $(KM_PLAT_DIRS),$(if $(wildcard $(d)/Makefile.uk),,$(error $(d): library folder without Makefile.uk)))

km_config_uks = $(wildcard $(addsuffix /Config.uk,$(1)))
KM_PLAT_CONFIGS := $(call km_config_uks,$(KM_PLAT_DIRS) $(P_DIRS))
KM_LIB_CONFIGS := $(call km_config_uks,$(KM_LIB_DIRS) $(L_DIRS))
KM_APP_CONFIGS := $(call km_config_uks,$(A_DIR))

# Passed to the build sub-make and to the helper scripts.
KM_VARS := KM_ROOT=$(KM_ROOT) A_DIR=$(A_DIR) O_DIR=$(O_DIR) C_FILE=$(C_FILE) \
	KCONFIG_DIR=$(KCONFIG_DIR) L_DIRS="$(L_DIRS)" P_DIRS="$(P_DIRS)" V=$(V)
