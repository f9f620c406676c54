# Helpers for test suites (sourced by tests/run).
#
#   check NAME CMD [ARGS...]   PASS when CMD exits 0 within KM_TIMEOUT
#                              seconds (default 300); CMD may be a shell
#                              function of the suite. Its output goes to a log
#                              that is shown when it fails.
#   skip NAME REASON           counted and printed with its reason
#   expect_output FILE REGEX   helper for checks: grep -E, shows FILE on failure
#   km_build_app APP_DIR BUILD_DIR [make args]: build (make -C root A= O= C=)
#   km_run_image OUT IMAGE [ARGS...]: boot an image of any platform
#   km_have_qemu               true when QEMU can run kvm images
#   km_expect_tap FILE         FILE is a complete TAP run: plan, every test ok
#   km_tree_listing DIR OUT    DIR as tests/apps/filetree's walk lists it
#
# Variables: KM_ROOT (the checkout), KM_TMP (scratch, removed at the end
# unless KM_KEEP=1), KM_JOBS (parallel make jobs).

set -a  # suites' variables reach the checks, which run in a child bash
# (so no suite variable may be named like a make command-line variable:
# A, O, C, L, P, V, CC, AS, ... would reach every make the checks run)
KM_TMP=$(mktemp -d "${TMPDIR:-/tmp}/kumiki-test.XXXXXX")
KM_JOBS=${KM_JOBS:-$(nproc)}
KM_TIMEOUT=${KM_TIMEOUT:-300}
km_passed=0
km_failed=0
km_skipped=0
km_skips=()
km_failures=()
km_n=0

km_cleanup() {
	if [ "${KM_KEEP:-0}" = 1 ]; then echo "scratch kept in $KM_TMP"; else rm -rf "$KM_TMP"; fi
}
trap km_cleanup EXIT

km_suite_begin() {
	echo "== $(basename "$1" .sh)"
}

check() {
	local name=${KM_ACCEL_TAG:+[$KM_ACCEL_TAG] }$1 log rc t0
	shift
	km_n=$((km_n + 1))
	log="$KM_TMP/logs/$(printf '%03d' $km_n).log"
	mkdir -p "$KM_TMP/logs"
	t0=$(date +%s.%N)
	export -f $(compgen -A function)
	timeout -k 10 "$KM_TIMEOUT" bash -c '"$@"' check "$@" >"$log" 2>&1 </dev/null
	rc=$?
	local dt
	dt=$(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)")
	if [ $rc -eq 0 ]; then
		km_passed=$((km_passed + 1))
		printf 'PASS  %s (%ss)\n' "$name" "$dt"
	else
		km_failed=$((km_failed + 1))
		km_failures+=("$name")
		[ $rc -eq 124 ] && echo "timed out after ${KM_TIMEOUT}s" >>"$log"
		printf 'FAIL  %s (%ss, exit %d, log %s)\n' "$name" "$dt" "$rc" "$log"
		tail -n 25 "$log" | sed 's/^/      | /'
	fi
	return 0
}

skip() {
	km_skipped=$((km_skipped + 1))
	km_skips+=("$1: $2")
	printf 'SKIP  %s: %s\n' "$1" "$2"
}

expect_output() {
	if ! grep -Eq -- "$2" "$1"; then
		echo "expected /$2/ in $1, which holds:"
		sed 's/^/> /' "$1" | head -n 60
		return 1
	fi
}

# km_run_image OUT IMAGE [ARGS...]: boot an image of any platform (linuxu:
# run it; kvm: QEMU through support/scripts/run-kvm; xen: Xen in QEMU through
# support/scripts/run-xen), bounded in time (KM_QEMU_TIMEOUT for kvm,
# KM_XEN_TIMEOUT for xen, default 120 s each), with its output in OUT without
# a serial console's \r. Returns the image's exit status.
km_run_image() {
	local out=$1 img=$2 rc
	shift 2
	case "$img" in
	*_kvm-*) timeout -k 5 "${KM_QEMU_TIMEOUT:-120}" "$KM_ROOT/support/scripts/run-kvm" "$img" "$@" > "$out.raw" 2>&1 ;;
	*_xen-*) timeout -k 5 "${KM_XEN_TIMEOUT:-120}" "$KM_ROOT/support/scripts/run-xen" "$img" "$@" > "$out.raw" 2>&1 ;;
	*) timeout -k 5 120 "$img" "$@" > "$out.raw" 2>&1 ;;
	esac
	rc=$?
	tr -d '\r' < "$out.raw" > "$out"
	return $rc
}

# km_no_sse OBJ: no SSE/x87 register in the object's code. KVM cannot
# emulate an SSE access to device memory (doc/porting.md); fxsave/fxrstor
# of the IRQ entry name no register.
km_no_sse() {
	local hits
	test -f "$1" || { echo "no $1"; return 1; }
	hits=$(objdump -d "$1" | grep -E '%(x|y|z)mm[0-9]|%st\b|%st\(' | head)
	[ -z "$hits" ] || { echo "SSE/x87 registers in $(basename "$1"):"; echo "$hits"; return 1; }
}

km_have_qemu() { command -v qemu-system-x86_64 > /dev/null 2>&1; }

# Which accelerators kvm images run under: run-kvm's probe decides once
# (KVM where it really works, with the CPU model it picked; else TCG), and
# every run in the suite uses that choice explicitly. KM_ACCELS lists what
# suites marked "km: every accelerator" run under in turn: "kvm tcg" where
# KVM works (TCG checks are kept), else "tcg". An exported QEMU_ACCEL wins.
km_accel_setup() {
	local probe
	KM_ACCELS=tcg KM_ACCEL_NOTE="TCG only (no QEMU)"
	km_have_qemu || return 0
	if [ -n "${QEMU_ACCEL:-}" ]; then
		KM_ACCELS=$QEMU_ACCEL KM_ACCEL_NOTE="$QEMU_ACCEL only (QEMU_ACCEL=$QEMU_ACCEL)"
		return 0
	fi
	probe=$("$KM_ROOT/support/scripts/run-kvm" --probe 2> "$KM_TMP/accel-probe.err")
	case $probe in
	kvm*)
		QEMU_ACCEL=kvm QEMU_CPU=${probe#kvm -cpu }
		KM_ACCELS="kvm tcg" KM_ACCEL_NOTE="KVM (-cpu $QEMU_CPU) and TCG"
		;;
	*)
		QEMU_ACCEL=tcg
		KM_ACCEL_NOTE="TCG only ($(sed 's/^run-kvm: KVM not used: //; s/; using TCG$//' "$KM_TMP/accel-probe.err" | head -n 1))"
		[ -c /dev/kvm ] || KM_ACCEL_NOTE="TCG only (no /dev/kvm)"
		;;
	esac
	export QEMU_ACCEL QEMU_CPU
}

km_expect_tap() {
	expect_output "$1" '^TAP version 13' && expect_output "$1" '^1\.\.[1-9]' &&
	! grep '^not ok' "$1" &&
	[ "$(grep -c '^ok ' "$1")" = "$(sed -n 's/^1\.\.//p' "$1")" ]
}

# km_run_libcsmoke DIR PLATFORM...: runs tests/apps/libcsmoke's images built
# in DIR (env.vars=FOO=bar, argument 5) and checks what every C library
# choice must give: each line, and main's 5 as the exit status (suites 70, 72);
# constructors in priority order before main, the destructor after the
# atexit handler.
km_run_libcsmoke() {
	local o=$1 p rc
	shift
	for p in "$@"; do
		km_run_image "$o.$p" "$o/libcsmoke_$p-x86_64" env.vars=FOO=bar -- 5; rc=$?
		cat "$o.$p"
		[ $rc = 5 ] || { echo "$p: exit status $rc, expected 5"; return 1; }
		expect_output "$o.$p" '^heap: copied x$' && expect_output "$o.$p" '^float: 3\.142 1e-300$' &&
		expect_output "$o.$p" '^errno: ERANGE$' && expect_output "$o.$p" '^tls: 42$' &&
		expect_output "$o.$p" '^atexit: ran$' && expect_output "$o.$p" '^env: FOO=bar$' &&
		expect_output "$o.$p" '^pid: 1$' && expect_output "$o.$p" '^constructors: 101 200 default$' &&
		[ "$(grep -E '^(atexit|destructor): ran$' "$o.$p" | tr '\n' ' ')" = "atexit: ran destructor: ran " ] ||
			return 1
	done
}

# km_build_clean APP OUT CACHE DEFCONFIG-LINES [make args]: a clean build of
# APP into OUT from a defconfig made of the given lines (printf %b), with
# KM_CACHE_DIR=CACHE (the libc suites keep a private download/object cache).
km_build_clean() {
	local app=$1 o=$2 cache=$3 lines=$4
	shift 4
	rm -rf "$o" && mkdir -p "$o" && printf '%b' "$lines" > "$o.defconfig" &&
	km_build_app "$app" "$o" defconfig DEFCONFIG="$o.defconfig" > /dev/null &&
	KM_CACHE_DIR=$cache km_build_app "$app" "$o" "$@"
}

# km_tree_listing DIR OUT: what tests/apps/filetree's `walk` prints for DIR
# (type, mode, size, mtime, cksum, relative path, symlink target), seen
# from the host with find(1) and cksum(1), sorted, into OUT.
km_tree_listing() {
	(cd "$1" && find . -type f -printf '%P\0' | xargs -0 -r cksum > "$2.sums" &&
	 find . -mindepth 1 -printf '%y %m %s %T@ %P %l\n' | awk -v sums="$2.sums" '
		BEGIN { while ((getline l < sums) > 0) { split(l, a, " "); crc[a[3]] = a[1] } }
		{ t = int($4) }
		$1 == "f" { print "f", $2, $3, t, crc[$5], $5 }
		$1 == "d" { print "d", $2, t, $5 }
		$1 == "l" { print "l", t, $5, "->", $6 }') | sort > "$2"
}

km_build_app() {
	local app=$1 out=$2
	shift 2
	make -C "$KM_ROOT" -j"$KM_JOBS" A="$app" O="$out" C="$out/.config" "$@"
}

km_summary() {
	echo
	if [ $km_failed -gt 0 ]; then
		echo "Failed:"
		printf '  %s\n' "${km_failures[@]}"
	fi
	if [ $km_skipped -gt 0 ]; then
		echo "Skipped:"
		printf '  %s\n' "${km_skips[@]}"
	fi
	echo "kvm images ran under: $KM_ACCEL_NOTE"
	echo "(${1}s)"
	if [ $km_skipped -gt 0 ]; then
		echo "$km_passed passed, $km_failed failed, $km_skipped skipped"
	else
		echo "$km_passed passed, $km_failed failed"
	fi
	[ $km_failed -eq 0 ]
	exit $?
}
