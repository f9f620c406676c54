# Kumiki - the top-level driver.
#
#   make A=<app dir> [O=<build dir>] [C=<config file>] [L=<lib>:<lib>] [P=<plat dir>:...] [V=1] [target]
#
# This file only parses the command line, keeps the configuration in sync and
# hands the build to support/build/build.mk in a sub-make. Nothing here
# writes to the filesystem at parse time; every file is made by a recipe.
# `make help` lists targets and variables.

KM_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
export KM_ROOT

.DEFAULT_GOAL := all
MAKEFLAGS += --no-print-directory -r -R

include $(KM_ROOT)/support/build/verbose.mk
include $(KM_ROOT)/support/build/util.mk
include $(KM_ROOT)/support/build/driver.mk
include $(KM_ROOT)/support/build/config.mk
include $(KM_ROOT)/support/build/targets.mk
