# Host unit tests of the pure-logic code: every */tests/host/Makefile with a
# `check` target (printf engine, parameter parser, command-line splitter, ...).
for mk in "$KM_ROOT"/lib/*/tests/host/Makefile "$KM_ROOT"/plat/*/tests/host/Makefile "$KM_ROOT"/drivers/*/tests/host/Makefile \
	  "$KM_ROOT"/support/tests/host/Makefile; do
	[ -f "$mk" ] || continue
	dir=$(dirname "$mk")
	rel=${dir#"$KM_ROOT"/}
	check "host unit: ${rel%/tests/host}" make -s -C "$dir" check O="$KM_TMP/host/${rel//\//_}"
done
