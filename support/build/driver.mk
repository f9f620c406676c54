# Command-line variables and the source tree the configuration is built from.
#
#   A  application folder (required for config and build targets)
#   O  build folder                       default: $(A)/build
#   C  configuration file                 default: $(A)/.config
#   L  colon-separated external libraries (folders with Config.uk/Makefile.uk),
#      after the ones the app's Libs.uk lists
#   P  colon-separated external platforms
#   V  1 for full command lines
# Relative paths resolve against the folder make was started in.

km_no_app_goals := help test check
km_goals := $(if $(MAKECMDGOALS),$(MAKECMDGOALS),all)
km_need_app := $(filter-out $(km_no_app_goals),$(km_goals))

km_colon_list = $(strip $(subst :, ,$(1)))
km_uniq = $(if $(1),$(firstword $(1)) $(call km_uniq,$(filter-out $(firstword $(1)),$(1))))

# Relative O=, C=, L=, P= (and A=) resolve against the folder make was
# started in. An app folder's Makefile (support/build/app.mk) forwards to
# the framework with make -C, so it passes that folder as KM_CALLER_DIR.
KM_CALLER_DIR ?= $(CURDIR)

# make splits a path with a space into several words, which would become
# several folders: such a path is refused before anything is written.
km_refuse_space = $(if $(word 2,$(2)),$(error $(1)="$(strip $(2))": the path contains a space, and make cannot handle spaces in paths: move or rename the folder, or use a symlink without spaces))
$(foreach v,A O C L P DEFCONFIG,$(call km_refuse_space,$(v),$($(v))))
# km_user_path,<variable>,<path>: the absolute path.
km_user_path = $(if $(filter /%,$(2)),$(abspath $(2)),$(if $(word 2,$(KM_CALLER_DIR)),$(error $(1)=$(2) is relative \
	to "$(KM_CALLER_DIR)", whose path contains a space, and make cannot handle spaces in paths: give an absolute \
	path))$(abspath $(KM_CALLER_DIR)/$(2)))

ifneq ($(km_need_app),)
ifeq ($(strip $(A)),)
$(error No application given. Build an app with `make A=apps/helloworld` (or run make inside the app folder); `make help` lists targets)
endif
A_DIR := $(call km_user_path,A,$(A))
ifeq ($(wildcard $(A_DIR)/Makefile.uk),)
$(error A=$(A): $(if $(wildcard $(A_DIR)/.),no Makefile.uk in $(A_DIR),no such folder $(A_DIR)))
endif
endif

O_DIR := $(if $(strip $(O)),$(call km_user_path,O,$(O)),$(A_DIR)/build)
C_FILE := $(if $(strip $(C)),$(call km_user_path,C,$(C)),$(A_DIR)/.config)
KCONFIG_DIR := $(O_DIR)/kconfig
$(if $(and $(A_DIR),$(wildcard $(C_FILE)/.)),$(error C=$(C): $(C_FILE) is a folder, not a configuration file))

# The external libraries an app always uses are listed in its Libs.uk
# (APP_LIBS += <folder>, relative to the app), so that `make A=<app>` and
# make inside the app build the same thing; L= adds more.
APP_LIBS :=
ifneq ($(and $(A_DIR),$(wildcard $(A_DIR)/Libs.uk)),)
include $(A_DIR)/Libs.uk
endif
APP_L_DIRS := $(foreach l,$(APP_LIBS),$(abspath $(if $(filter /%,$(l)),$(l),$(A_DIR)/$(l))))
$(foreach d,$(APP_L_DIRS),$(if $(wildcard $(d)/Makefile.uk),,$(error $(A_DIR)/Libs.uk: $(d) $(if $(wildcard $(d)/.),has no Makefile.uk,does not exist))))

# External libraries and platforms: each must be a folder with Makefile.uk.
km_cmdline_l_dirs := $(foreach l,$(call km_colon_list,$(L)),$(call km_user_path,L,$(l)))
L_DIRS := $(strip $(call km_uniq,$(APP_L_DIRS) $(km_cmdline_l_dirs)))
P_DIRS := $(foreach p,$(call km_colon_list,$(P)),$(call km_user_path,P,$(p)))
$(foreach d,$(km_cmdline_l_dirs) $(P_DIRS),$(if $(wildcard $(d)/.),,$(error L=/P=: $(d) does not exist)))
$(foreach d,$(km_cmdline_l_dirs) $(P_DIRS),$(if $(wildcard $(d)/Makefile.uk),,$(error L=/P=: $(d) has no Makefile.uk)))

# Every in-tree library and platform folder must have a Makefile.uk: a folder
# with only Config.uk would offer options that build nothing.
KM_LIB_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/lib/*/Config.uk $(KM_ROOT)/lib/*/Makefile.uk))))
KM_PLAT_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/plat/*/Config.uk $(KM_ROOT)/plat/*/Makefile.uk))))
# Device drivers shared by platforms (drivers/virtio, ...): shaped like libraries.
KM_DRIVER_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard $(KM_ROOT)/drivers/*/Config.uk $(KM_ROOT)/drivers/*/Makefile.uk))))
$(foreach d,$(KM_LIB_DIRS) $(KM_PLAT_DIRS) $(KM_DRIVER_DIRS),$(if $(wildcard $(d)/Makefile.uk),,$(error $(d): library folder without Makefile.uk)))

km_config_uks = $(wildcard $(addsuffix /Config.uk,$(1)))
KM_PLAT_CONFIGS := $(call km_config_uks,$(KM_PLAT_DIRS) $(P_DIRS))
KM_LIB_CONFIGS := $(call km_config_uks,$(KM_LIB_DIRS) $(L_DIRS))
KM_DRIVER_CONFIGS := $(call km_config_uks,$(KM_DRIVER_DIRS))
KM_APP_CONFIGS := $(call km_config_uks,$(A_DIR))

# make run/gdb's initrd (run-kvm: -initrd; run-linuxu: linuxu.initrd=) and
# SHARE=DIR[:TAG]'s folder, absolute so that the scripts find them from any
# folder (they run in the framework's).
$(foreach v,INITRD SHARE,$(call km_refuse_space,$(v),$($(v))))
INITRD_FILE := $(if $(strip $(INITRD)),$(call km_user_path,INITRD,$(INITRD)))
km_share_dir := $(firstword $(subst :, ,$(SHARE)))
km_share_tag := $(patsubst $(km_share_dir)%,%,$(strip $(SHARE)))
SHARE_ARG := $(if $(filter-out :%,$(strip $(SHARE))),$(call km_user_path,SHARE,$(km_share_dir))$(km_share_tag),$(strip $(SHARE)))

# Passed to the build sub-make and to the helper scripts.
KM_VARS := KM_ROOT=$(KM_ROOT) A_DIR=$(A_DIR) O_DIR=$(O_DIR) C_FILE=$(C_FILE) \
	KCONFIG_DIR=$(KCONFIG_DIR) L_DIRS="$(L_DIRS)" P_DIRS="$(P_DIRS)" V=$(V) \
	INITRD="$(INITRD_FILE)" SHARE="$(SHARE_ARG)"
