# libFuzzer host builds (clang -fsanitize=fuzzer,address,undefined) of the
# parsers that read untrusted input, one folder each under tests/fuzz/
# (tests/fuzz/run, tests/fuzz/fuzz.mk): every kept input (the seed corpus
# and each crash ever found, in <name>/regressions/) replayed clean, then
# KM_FUZZ_SECONDS (default 30) of fuzzing from the kept corpus. A crash
# found is copied into <name>/regressions/ and fails the check.
FZ=$KM_TMP/fuzz
mkdir -p "$FZ"
printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }\n' > "$FZ/probe.c"
if ! clang -fsanitize=fuzzer -o "$FZ/probe" "$FZ/probe.c" > "$FZ/probe.log" 2>&1; then
	skip "fuzz: every target" "clang cannot build a libFuzzer target ($(head -n 1 "$FZ/probe.log"))"
else
	for fz_mk in "$KM_ROOT"/tests/fuzz/*/Makefile; do
		fz_dir=$(dirname "$fz_mk")
		fz_name=$(basename "$fz_dir")
		check "fuzz: $fz_name, every kept input" "$KM_ROOT/tests/fuzz/run" -n -o "$FZ/$fz_name-kept" "$fz_dir"
		check "fuzz: $fz_name, ${KM_FUZZ_SECONDS:-30} s" "$KM_ROOT/tests/fuzz/run" -t "${KM_FUZZ_SECONDS:-30}" -o "$FZ/$fz_name" "$fz_dir"
	done
fi
