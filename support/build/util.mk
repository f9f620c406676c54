# Small helpers shared by the driver and the build.

km_empty :=
km_space := $(km_empty) $(km_empty)
define km_newline


endef

# km_streq,<a>,<b>: non-empty when the two strings are equal.
km_streq = $(and $(findstring x$(1)x,x$(2)x),$(findstring x$(2)x,x$(1)x))

# km_write_if_changed,<file>,<text>,<var>: for use in a recipe (never at
# parse time). Rewrites <file> only when <text> differs from what was
# written last time, so make sees a new timestamp only on a real change, and
# forks no process when nothing changed (a no-op build runs one of these per
# library and per image). The last text is kept in <file>.mk as <var>, which
# the makefile MUST -include at parse time: make 4.3's $(file <) inside a
# recipe sometimes keeps the final newline and sometimes not, so the file
# itself cannot be read back reliably there.
km_write_if_changed = $(if $(call km_streq,$($(3)),$(2)),,$(shell mkdir -p $(dir $(1)))$(file >$(1),$(2))$(file \
	>$(1).mk,define $(3) :=$(km_newline)$(subst $$,$$$$,$(2))$(km_newline)endef))

# km_mkdirs,<dirs>: for use in a recipe; creates the missing folders only.
km_mkdirs = $(if $(filter-out $(patsubst %/,%,$(wildcard $(addsuffix /,$(1)))),$(1)),$(shell mkdir -p $(1)))
