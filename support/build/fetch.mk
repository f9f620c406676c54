# The fetch step: third-party sources are never committed. A Makefile.uk
# names a pinned source; the build gets it once into a shared download cache
# and unpacks it, patched, into its own build folder:
#
#   $(eval $(call fetch,<lib>,<debian package>,<debian version>,<file>,<sha256>))
#
#   <lib>             the library name given to addlib (libmusl)
#   <debian package>  Debian source package; also names the user override
#                     KM_SRC_<PACKAGE> (upper case, - and . as _)
#   <debian version>  exact version, as `apt-cache showsrc` prints it
#   <file>            the orig tarball's file name in that source package
#   <sha256>          its sha256: every tarball, from anywhere, must match
#
# It defines, for <LIB> the upper-cased library name:
#   <LIB>_ORIGIN   $(O)/lib/<lib>/origin: the unpacked source with
#                  <lib folder>/patches/*.patch applied in name order
#   <LIB>_FETCHED  <LIB>_ORIGIN/.km-source (the source's sha256), the file a
#                  recipe that needs the source depends on
#   <LIB>_SHA256   the pinned sum
# support/scripts/fetch does the work (sources in order: KM_SRC_<PACKAGE>,
# the cache, Debian's source archive through the system's own apt
# configuration with private apt state). Everything happens in a recipe;
# the arguments, the override and the patch list are recorded, so a change
# to any of them fetches and patches again.

KM_CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/kumiki
export KM_CACHE_DIR

km_fetch_var = KM_SRC_$(call km_upper,$(1))
define fetch
$(call km_upper,$(1))_ORIGIN := $(km_cur_build)/origin
$(call km_upper,$(1))_FETCHED := $(km_cur_build)/origin/.km-source
$(call km_upper,$(1))_SHA256 := $(5)
$(km_cur_build)/fetch.args: KM_FETCH_ARGS := $(1) $(2) $(3) $(4) $(5) $(km_cur_base)/patches \
	$(km_cur_build)/origin $(call km_fetch_var,$(2))=$($(call km_fetch_var,$(2))) \
	$(notdir $(wildcard $(km_cur_base)/patches/*.patch))
$(km_cur_build)/fetch.args: KM_FETCH_VAR := $(call km_upper,$(1))_FETCH_ARGS
$(km_cur_build)/fetch.args: FORCE
	$$(call km_write_if_changed,$$@,$$(KM_FETCH_ARGS),$$(KM_FETCH_VAR))
-include $(km_cur_build)/fetch.args.mk
$(km_cur_build)/origin/.km-source: $(km_cur_build)/fetch.args $(wildcard $(km_cur_base)/patches/*.patch) \
		$(KM_ROOT)/support/scripts/fetch
	$$(Q)$$(call km_echo,FETCH,$(patsubst $(O_DIR)/%,%,$(km_cur_build)/origin))$(call km_fetch_var,$(2))='$($(call km_fetch_var,$(2)))' \
		$(KM_ROOT)/support/scripts/fetch \
		$(1) $(2) $(3) $(4) $(5) $(km_cur_base)/patches $(km_cur_build)/origin
endef
