# Build, run and housekeeping targets. The build itself happens in a sub-make
# (support/build/build.mk) that starts after the configuration is in sync,
# so it reads a complete auto.conf and never restarts itself.

km_build = $(MAKE) -f $(KM_ROOT)/support/build/build.mk $(KM_VARS)

.PHONY: all build run gdb xl-config clean properclean distclean help test check print-images
all: $(KM_AUTOCONF)
	+$(Q)$(km_build) all

# make run [PLAT=<plat>] [ARGS="lib.param=value -- app args"]
run gdb: all
	+$(Q)$(km_build) $@ PLAT="$(PLAT)" ARGS='$(subst ','\'',$(ARGS))'

# make xl-config [ARGS=...]: an xl domain config for the xen image
xl-config: all
	+$(Q)$(km_build) $@ ARGS='$(subst ','\'',$(ARGS))'

print-images: $(KM_AUTOCONF)
	+$(Q)$(km_build) $@

# clean: objects and images; properclean: the whole build folder;
# distclean: also the configuration.
clean:
	$(Q)if [ -d $(O_DIR) ]; then find $(O_DIR) -mindepth 1 -maxdepth 1 ! -name kconfig \
		$(if $(filter $(O_DIR)/%,$(C_FILE)),! -name '$(notdir $(C_FILE))*') -exec rm -rf {} +; fi
properclean:
	$(Q)rm -rf $(O_DIR)
distclean: properclean
	$(Q)rm -f $(C_FILE) $(C_FILE).old

test:
	$(Q)$(KM_ROOT)/tests/run

check:
	$(Q)$(KM_ROOT)/support/scripts/check

help:
	@cat $(KM_ROOT)/support/build/help.txt
