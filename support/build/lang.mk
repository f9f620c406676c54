# The Makefile.uk language (doc/makefile-uk.md is its reference).
#
# A Makefile.uk registers libraries with these calls and then appends to
# <LIB>_SRCS-y, <LIB>_CFLAGS-y, <LIB>_ASFLAGS-y, <LIB>_CINCLUDES-y and
# <LIB>_<FILE>_FLAGS, where <LIB> is the upper-cased library name. The calls
# expand right away (no deferred $$ tricks): km_cur_base and km_cur_build
# are set by build.mk around each `include` of a Makefile.uk.

km_upper = $(strip $(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,$(subst g,G,\
	$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,\
	$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,\
	$(subst x,X,$(subst y,Y,$(subst z,Z,$(subst -,_,$(subst .,_,$(1))))))))))))))))))))))))))))))

# Register a library's variables: $(1) name, $(2) Kconfig symbol, $(3) platform or empty.
define km_register_lib
$(if $(filter $(call km_upper,$(1)),$(KM_ALL_LIBS)),$(error $(km_cur_base)/Makefile.uk: library $(1) is registered twice))
KM_ALL_LIBS += $(call km_upper,$(1))
$(call km_upper,$(1))_NAME := $(1)
$(call km_upper,$(1))_CONFIG := $(2)
$(call km_upper,$(1))_BASE := $(km_cur_base)
$(call km_upper,$(1))_BUILD := $(km_cur_build)
$(call km_upper,$(1))_PLAT := $(3)
endef

# addlib,<name>: a library that is always built.
addlib = $(call km_register_lib,$(1),CONFIG_$(call km_upper,$(1)),)
# addlib_s,<name>,<y or empty>: built when the value (a CONFIG_ symbol) is y.
# A disabled library still gets <LIB>_BASE, so that its global CINCLUDES
# name its real folder (the include path is the same whatever is enabled).
addlib_s = $(if $(filter y,$(2)),$(call addlib,$(1)),$(call km_base_only,$(1)))

# addplat_s,<plat>,<y or empty>: a platform; one image is linked per platform.
define addplat_s
$(if $(filter y,$(2)),KM_PLATS += $(1)
$(call km_upper,$(1))_BASE := $(km_cur_base)
$(call km_upper,$(1))_LDSCRIPT :=
$(call km_upper,$(1))_LDFLAGS-y :=)
endef

# addplatlib,<plat>,<name>: a library linked only into <plat>'s image.
# Like addlib_s, a library left out still gets <LIB>_BASE.
km_base_only = $(call km_upper,$(1))_BASE := $(km_cur_base)
addplatlib = $(if $(filter $(1),$(KM_PLATS)),$(call km_register_lib,$(2),CONFIG_PLAT_$(call km_upper,$(1)),$(1)),$(call km_base_only,$(2)))
# addplatlib_s,<plat>,<name>,<y or empty>
addplatlib_s = $(if $(filter y,$(3)),$(call addplatlib,$(1),$(2)),$(call km_base_only,$(2)))
