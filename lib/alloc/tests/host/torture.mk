# Shared rules for an allocator's host torture test, under ASan/UBSan.
# An allocator's tests/host/Makefile sets ALLOCATOR (its name: tlsf, buddy,
# region, as in lib/alloc-<name>/<name>.c) and includes this file:
#   make check [O=<dir>]
O ?= build
HERE := $(dir $(abspath $(firstword $(MAKEFILE_LIST))))
ROOT := $(abspath $(HERE)/../../../..)
TORTURE := $(ROOT)/lib/alloc/tests/host
IMPL := $(ROOT)/lib/alloc-$(ALLOCATOR)
CFLAGS := -O1 -g -Wall -Wextra -Wno-unused-parameter -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined -DCONFIG_ASSERTIONS=1 \
	-I$(ROOT)/include -I$(ROOT)/lib/alloc/include -I$(IMPL) -I$(TORTURE)

check: $(O)/test_$(ALLOCATOR)
	$(O)/test_$(ALLOCATOR)

$(O)/test_$(ALLOCATOR): $(HERE)/test_$(ALLOCATOR).c $(IMPL)/$(ALLOCATOR).c $(TORTURE)/torture.c \
		$(TORTURE)/torture.h $(IMPL)/$(ALLOCATOR).h $(ROOT)/lib/alloc/include/km/alloc_impl.h
	@mkdir -p $(O)
	cc $(CFLAGS) -o $@ $(filter %.c,$^)
.PHONY: check
