# Shared build of one libFuzzer target (included by tests/fuzz/<name>/Makefile
# after it sets FUZZ_SRCS and FUZZ_CFLAGS): make -C tests/fuzz/<name> O=<dir>
# builds <dir>/fuzzer with clang's libFuzzer, AddressSanitizer and UBSan.
# Run it through tests/fuzz/run, which also replays the kept inputs.
O ?= build
FUZZ_CC ?= clang
KM_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-I$(KM_ROOT)/include $(FUZZ_CFLAGS)

$(O)/fuzzer: $(FUZZ_SRCS) $(FUZZ_DEPS)
	@mkdir -p $(O)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(FUZZ_SRCS)
.PHONY: fuzzer
fuzzer: $(O)/fuzzer
.DEFAULT_GOAL := fuzzer
