# In-image unit tests (lib/test): one image per platform defconfig of
# tests/apps/unittests, every library's tests enabled, TAP checked.
UT=$KM_ROOT/tests/apps/unittests

t_unittests() {
	local defconfig=$1 o=$KM_TMP/ut/$1 rc
	km_build_app "$UT" "$o" defconfig DEFCONFIG="defconfigs/$defconfig" > /dev/null &&
	km_build_app "$UT" "$o" || return 1
	km_run_image "$o.tap" "$(km_build_app "$UT" "$o" print-images | grep "^$o/")"; rc=$?
	cat "$o.tap"
	[ $rc -eq 0 ] || { echo "image exited $rc"; return 1; }
	km_expect_tap "$o.tap"
}
for d in "$UT"/defconfigs/*; do
	# xen images boot under Xen in QEMU: suite 50-xen runs them
	case $d in */xen-*) continue ;; esac
	check "in-image unit tests pass: $(basename "$d")" t_unittests "$(basename "$d")"
done

t_failures_reported() {
	local o=$KM_TMP/ut/fail rc
	km_build_app "$UT" "$o" L="$KM_ROOT/tests/libs/failtest" || return 1
	"$o/unittests_linuxu-x86_64" test.filter=z > "$o.tap"; rc=$?
	cat "$o.tap"
	[ $rc -eq 1 ] &&
	expect_output "$o.tap" '^not ok 1 - zfail.int_values$' &&
	expect_output "$o.tap" 'expected answer == 42: 41 == 42 is false' &&
	expect_output "$o.tap" '"left" vs "right"' &&
	expect_output "$o.tap" '^ok 3 - zpass.passes$'
}
check "failing in-image tests: not ok, both values shown, exit status 1" t_failures_reported
