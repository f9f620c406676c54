# Kumiki - the top-level driver.
#
#   make A=<app dir> [O=<build dir>] [C=<config file>] [L=<lib>:<lib>] [P=<plat dir>:...] [V=1] [target]
#
# This file only parses the command line, keeps the configuration in sync and
# hands the build to support/build/build.mk in a sub-make. Nothing here
# writes to the filesystem at parse time; every file is made by a recipe.
# `make help` lists targets and variables.

KM_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
# make splits a path with a space into several words: refuse it up front
# rather than let it turn into stray folders and misleading errors.
ifeq ($(if $(word 2,$(KM_ROOT)),,$(wildcard $(KM_ROOT)/support/build/driver.mk)),)
$(error cannot find the Kumiki framework from "$(lastword $(MAKEFILE_LIST))": does the checkout's path contain a space? make cannot handle spaces in paths: move or rename the folder)
endif
export KM_ROOT

.DEFAULT_GOAL := all
MAKEFLAGS += --no-print-directory -r -R

include $(KM_ROOT)/support/build/verbose.mk

ifneq ($(word 2,$(MAKECMDGOALS)),)
# Several goals (make defconfig all run) run one after the other, each in
# its own make, as Kbuild does: a build must read the configuration the goal
# before it wrote, and -j must not run a config target beside a build.
.PHONY: km-goals-in-order $(MAKECMDGOALS)
km-goals-in-order:
	+$(Q)set -e; for goal in $(MAKECMDGOALS); do $(MAKE) -f $(KM_ROOT)/Makefile $$goal; done
$(MAKECMDGOALS): km-goals-in-order
	@:
else
include $(KM_ROOT)/support/build/util.mk
include $(KM_ROOT)/support/build/driver.mk
include $(KM_ROOT)/support/build/config.mk
include $(KM_ROOT)/support/build/targets.mk
endif
