# Kbuild-style quiet output: `  CC      lib/print/print.o`. V=1 prints the
# full commands instead.
V ?= 0
ifeq ($(V),1)
Q :=
km_echo =
else
Q := @
km_echo = printf '  %-7s %s\n' '$(1)' '$(2)';
endif
