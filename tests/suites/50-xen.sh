# The xen platform (issue 11), booted for real: every image is Xen 4.17's
# PVH initial domain in QEMU (support/scripts/run-xen; TCG here: Xen runs
# on QEMU's emulated SVM). helloworld prints, gets its arguments and exits
# 0; a bad parameter gives 64 through the same exit port; crashtest's
# faults give kvm's crash report and 125; the in-image unit tests,
# alloctest and schedtest (both schedulers: timers, sleeping, halting) pass;
# the debug log runs the init entries boot-order.txt lists. The domU-only
# parts (console ring, xenstore, grant tables) are tested on the host
# against ring states (plat/xen/tests/host, suite 10). make xl-config
# writes a domU config. A musl program reads a file from make run INITRD=
# (Xen's second module). Each boot takes 1.5-4 s under TCG here; each is
# bounded by KM_XEN_TIMEOUT (60 s).
# km: every accelerator
HELLO=$KM_ROOT/apps/helloworld
CRASH=$KM_ROOT/apps/crashtest
XD=$KM_TMP/xen
KM_XEN_TIMEOUT=${KM_XEN_TIMEOUT:-60}
XEN_GZ=${XEN:-/boot/xen-4.17-amd64.gz}

xen_missing=
km_have_qemu || xen_missing="qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
[ -f "$XEN_GZ" ] || xen_missing="no $XEN_GZ (Debian package xen-hypervisor-4.17-amd64)"
[ -f /usr/include/xen/xen.h ] || xen_missing="no Xen public headers (Debian package libxen-dev)"
if [ -z "$xen_missing" ] && [ "${QEMU_ACCEL:-}" = kvm ] &&
	! "$KM_ROOT/support/scripts/run-xen" --probe > /dev/null 2> "$KM_TMP/xen-probe.err"; then
	xen_missing="Xen cannot run under KVM here: $(cat "$KM_TMP/xen-probe.err")"
fi
if [ -n "$xen_missing" ]; then
	skip "xen: all" "$xen_missing"
	return 0 2>/dev/null || exit 0
fi

xt_build() { # APP OUT
	km_build_app "$1" "$XD/$2" defconfig DEFCONFIG=defconfigs/xen-x86_64 > /dev/null &&
	km_build_app "$1" "$XD/$2"
}
check "xen: helloworld builds against the Xen public headers" xt_build "$HELLO" hello

xt_size() {
	local s
	s=$(stat -c %s "$XD/hello/helloworld_xen-x86_64")
	echo "stripped image: $s bytes"
	[ "$s" -le 65536 ]
}
check "xen: stripped helloworld image <= 64 KiB" xt_size

xt_no_sse() {
	local lib=$XD/hello/plat/xen/libxenplat.o hits
	test -f "$lib" || { echo "no $lib"; return 1; }
	hits=$(objdump -d "$lib" | grep -E '%(x|y|z)mm[0-9]|%st\b|%st\(' | head)
	[ -z "$hits" ] || { echo "SSE/x87 registers in libxenplat:"; echo "$hits"; return 1; }
}
check "xen: platform code uses general-purpose registers only (no SSE/x87)" xt_no_sse

xt_hello() {
	local o=$XD/boot
	km_run_image "$o" "$XD/hello/helloworld_xen-x86_64" print.level=debug -- one "two words" 'a,b' || {
		echo "exit status $?"; cat "$o"; return 1; }
	expect_output "$o" 'libxenplat: Xen 4\.17 .*PVH initial domain, console console_io' &&
	expect_output "$o" 'region free +0x[0-9a-f]+-0x[0-9a-f]+ .* ram' &&
	expect_output "$o" '^Hello, world!$' &&
	expect_output "$o" '^argv\[0\]: helloworld_xen-x86_64$' &&
	expect_output "$o" '^argv\[1\]: one$' &&
	expect_output "$o" '^argv\[2\]: two words$' &&
	expect_output "$o" '^argv\[3\]: a,b$' &&
	! grep -q '^(XEN)' "$o"
}
check "xen: helloworld boots as Xen's PVH dom0, arguments reach main, status 0" xt_hello

# helloworld through each real C library (apps/helloworld/defconfigs/
# xen-x86_64-<libc>): the libc's start-up, stdio and exit_group on Xen,
# arguments and the syscall trace. With the libc cached: ~6 s build, ~2 s boot.
xt_hello_libc() {
	local o=$XD/hello-$1
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG=defconfigs/xen-x86_64-$1 > /dev/null &&
	km_build_app "$HELLO" "$o" > "$o.build" 2>&1 || { tail -20 "$o.build"; return 1; }
	km_run_image "$o.out" "$o/helloworld_xen-x86_64" syscall.trace=1 -- one "two words" || {
		echo "exit status $?"; cat "$o.out"; return 1; }
	expect_output "$o.out" '^Hello, world!$' &&
	expect_output "$o.out" '^argv\[2\]: two words$' &&
	expect_output "$o.out" '^syscall: (writev|write)\(1, 0x[0-9a-f]+, [0-9]+\) = [0-9]+$' &&
	expect_output "$o.out" '^syscall: exit_group\(0\) = \?$'
}
check "xen: helloworld with musl boots, arguments and the syscall trace" xt_hello_libc musl
check "xen: helloworld with newlib boots, arguments and the syscall trace" xt_hello_libc newlib

xt_status() {
	local rc
	km_run_image "$XD/usage" "$XD/hello/helloworld_xen-x86_64" no.such=1
	rc=$?
	echo "status $rc"
	[ $rc -eq 64 ]
}
check "xen: exit status carried out (64 for a bad parameter)" xt_status

xt_boot_order() {
	grep -v '^#' "$XD/hello/boot-order.txt" > "$XD/order.want"
	sed -n 's/^.*libboot: init //p' "$XD/boot" > "$XD/order.got"
	[ -s "$XD/order.want" ] && diff -u "$XD/order.want" "$XD/order.got"
}
check "xen: boot-order.txt matches the init entries the debug log shows" xt_boot_order

xt_initrd() {
	head -c 5000 /dev/zero > "$XD/initrd.img"
	# helloworld has no lib/initrd: lib/boot names the region (exact size)
	# and stops with 64 rather than boot without the archive's files.
	INITRD=$XD/initrd.img km_run_image "$XD/initrd" "$XD/hello/helloworld_xen-x86_64"
	[ $? = 64 ] && expect_output "$XD/initrd" 'given an initrd \(initrd, 5000 bytes\), but this image has no lib/initrd' ||
		return 1
	# The earlier name still works.
	XEN_INITRD=$XD/initrd.img km_run_image "$XD/initrd" "$XD/hello/helloworld_xen-x86_64"
	[ $? = 64 ] && expect_output "$XD/initrd" 'given an initrd \(initrd, 5000 bytes\)'
}
check "xen: INITRD (Xen's second module) becomes an initrd region" xt_initrd

# Bad INITRD files are refused before QEMU starts, as run-kvm refuses them.
xt_initrd_bad() {
	local f
	: > "$XD/empty.img"
	for f in "$XD" "$XD/empty.img" "$XD/no-such.img" "$XD/a,b.img"; do
		INITRD=$f km_run_image "$XD/initrd-bad" "$XD/hello/helloworld_xen-x86_64"
		[ $? = 127 ] && [ "$(grep -c "^run-xen: INITRD=" "$XD/initrd-bad")" -eq 1 ] &&
			expect_output "$XD/initrd-bad" "^run-xen: INITRD=.*(folder|empty file|no such readable file|comma)" ||
			{ echo "not refused: INITRD=$f"; return 1; }
	done
}
check "xen: a folder, an empty or missing file, a comma as INITRD: one line, 127" xt_initrd_bad

# A musl program with lib/initrd, through `make run INITRD=` as a user
# types it: the archive's file reads back with the host's checksum.
xt_musl_initrd() {
	local ft=$KM_ROOT/tests/apps/filetree o=$XD/ft-musl
	mkdir -p "$XD/ft-tree/etc" "$o" && echo "greetings from $RANDOM" > "$XD/ft-tree/etc/greeting" &&
		(cd "$XD/ft-tree" && find . | cpio -o -H newc 2> /dev/null) > "$XD/ft.cpio" &&
		printf 'CONFIG_PLAT_XEN=y\nCONFIG_LIBMUSL=y\nCONFIG_LIBINITRD=y\n' > "$o.defconfig" || return 1
	km_build_app "$ft" "$o" defconfig DEFCONFIG="$o.defconfig" > /dev/null &&
		km_build_app "$ft" "$o" > "$o.build" 2>&1 || { cat "$o.build"; return 1; }
	timeout -k 5 "$KM_XEN_TIMEOUT" make -s -C "$KM_ROOT" A="$ft" O="$o" C="$o/.config" run PLAT=xen \
		INITRD="$XD/ft.cpio" ARGS='-- cksum /etc/greeting' > "$o.out" 2>&1 || { cat "$o.out"; return 1; }
	expect_output "$o.out" "^$(cksum < "$XD/ft-tree/etc/greeting")\$"
}
check "xen: a musl program reads a file from make run INITRD= (Xen's second module)" xt_musl_initrd

check "xen: crashtest builds" xt_build "$CRASH" crash

# xt_crash CASE REGEX FUNCTION: the report names the exception and the function
xt_crash() {
	local o=$XD/crash-$1 rc
	km_run_image "$o" "$XD/crash/crashtest_xen-x86_64" -- "$1"
	rc=$?
	echo "status $rc"
	cat "$o"
	[ $rc -eq 125 ] &&
	expect_output "$o" "^\[crash\] $2" &&
	expect_output "$o" '^\[crash\] RAX [0-9a-f]{16}' &&
	expect_output "$o" "^\[crash\] +#[0-9]+ 0x[0-9a-f]+ $3\+0x" &&
	expect_output "$o" '^\[crash\] stopping with status 125$'
}
check "xen: crash report for a null dereference (#PF)" xt_crash null 'page fault \(#PF\)' crash_null
check "xen: crash report for a division by zero (#DE)" xt_crash div0 'divide error \(#DE\)' crash_div0

# As on kvm: a status above 126 leaves QEMU as 126, the real one on the
# console first. One boot, ~2 s.
xt_status_clamped() {
	local rc
	km_run_image "$XD/st-200" "$XD/crash/crashtest_xen-x86_64" -- exit 200
	rc=$?
	echo "status $rc"
	[ $rc -eq 126 ] &&
	expect_output "$XD/st-200" '^xen: exit status 200 leaves QEMU as 126 \(its exit device carries 0-126\)$'
}
check "xen: status 200 leaves as 126 with a line naming it" xt_status_clamped
check "xen: crash report for an invalid opcode (#UD)" xt_crash ud 'invalid opcode \(#UD\)' crash_ud
check "xen: crash report for a write to text (#PF, W^X)" xt_crash wtext 'page fault \(#PF\)' crash_wtext
check "xen: stack overflow hits the guard page (#DF)" xt_crash stack 'double fault \(#DF\)' crash_stack

# xt_tap APP DIR [SED [REGEX]]: builds the test app for xen (its defconfig
# edited by the sed script SED) and checks its complete TAP run, and that
# its output matches REGEX.
xt_tap() {
	local app=$KM_ROOT/tests/apps/$1 o=$XD/$2 rc
	mkdir -p "$o" && sed "${3:-}" "$app/defconfigs/xen-x86_64" > "$o/defconfig" &&
	km_build_app "$app" "$o" defconfig DEFCONFIG="$o/defconfig" > /dev/null &&
	km_build_app "$app" "$o" > /dev/null || return 1
	km_run_image "$o.tap" "$o/$1_xen-x86_64"; rc=$?
	cat "$o.tap"
	[ $rc -eq 0 ] || { echo "image exited $rc"; return 1; }
	km_expect_tap "$o.tap" &&
	expect_output "$o.tap" "${4:-}"
}
check "xen: in-image unit tests pass (TAP)" xt_tap unittests ut
check "xen: alloctest passes (TAP)" xt_tap alloctest alloc
check "xen: schedtest (coop) passes: timers, sleeps, halting (TAP)" xt_tap schedtest sched-coop \
	'' 'scheduler coop$'
check "xen: schedtest (preempt) passes (TAP)" xt_tap schedtest sched-preempt \
	's/CONFIG_LIBSCHED_COOP=y/CONFIG_LIBSCHED_PREEMPT=y/' 'scheduler preempt$'

xt_clang() {
	local o=$XD/clang
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG=defconfigs/xen-x86_64 > /dev/null &&
	km_build_app "$HELLO" "$o" CC=clang > /dev/null || return 1
	km_run_image "$o.out" "$o/helloworld_xen-x86_64" -- x || { cat "$o.out"; return 1; }
	expect_output "$o.out" '^argv\[1\]: x$'
}
if command -v clang > /dev/null 2>&1; then
	check "xen: helloworld built with clang boots" xt_clang
else
	skip "xen: clang build" "clang not installed"
fi

xt_xl_config() {
	local f=$XD/hello/helloworld_xen-x86_64.xl
	rm -f "$f"
	km_build_app "$HELLO" "$XD/hello" xl-config ARGS='print.level=info -- "two words"' &&
	cat "$f" &&
	expect_output "$f" '^type = "pvh"$' &&
	expect_output "$f" "^kernel = \"$XD/hello/helloworld_xen-x86_64\"\$" &&
	expect_output "$f" '^cmdline = "print.level=info -- \\"two words\\""$' &&
	expect_output "$f" '^memory = [0-9]+$'
}
check "xen: make xl-config writes a PVH domU config with the arguments" xt_xl_config

xt_xl_needs_xen() {
	local o=$XD/linuxu out
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG=defconfigs/linuxu-x86_64 > /dev/null &&
	km_build_app "$HELLO" "$o" > /dev/null || return 1
	out=$(km_build_app "$HELLO" "$o" xl-config 2>&1) && return 1
	echo "$out" | grep -q 'xl-config needs the xen platform'
}
check "xen: make xl-config without the xen platform: one line, non-zero" xt_xl_needs_xen

xt_run_errors() {
	local rc
	"$KM_ROOT/support/scripts/run-xen" "$XD/no-such-image" > "$XD/err1" 2>&1; rc=$?
	[ $rc -eq 127 ] && grep -q 'no image' "$XD/err1" || { cat "$XD/err1"; return 1; }
	XEN=$XD/no-such-xen.gz "$KM_ROOT/support/scripts/run-xen" "$XD/hello/helloworld_xen-x86_64" > "$XD/err2" 2>&1; rc=$?
	[ $rc -eq 127 ] && grep -q 'no Xen at' "$XD/err2" || { cat "$XD/err2"; return 1; }
}
check "xen: run-xen refuses a missing image or Xen with one line and 127" xt_run_errors

# V=1: the QEMU command line, quoted so that a shell reads back the same
# words (a fake QEMU records what it got; a plain file stands for Xen).
xt_verbose() {
	local line
	mkdir -p "$XD/fakebin" && printf '#!/bin/sh\nprintf "[%%s]\\n" "$@" > "%s/fake.argv"\nexit 3\n' "$XD" \
		> "$XD/fakebin/qemu-system-x86_64" && chmod +x "$XD/fakebin/qemu-system-x86_64" && : > "$XD/fakexen" || return 1
	# QEMU_ARGS is split into words but never globbed ("fake*" matches here).
	(cd "$XD" && V=1 PATH="$XD/fakebin:$PATH" QEMU_ACCEL=tcg XEN=$XD/fakexen QEMU_ARGS='-name fake*' timeout 30 \
		"$KM_ROOT/support/scripts/run-xen" "$XD/hello/helloworld_xen-x86_64" -- "a b") > "$XD/v.out" 2> "$XD/v.err" || return 1
	cat "$XD/v.err"
	grep -qx '\[fake\*\]' "$XD/fake.argv" || { echo "QEMU_ARGS was globbed:"; cat "$XD/fake.argv"; return 1; }
	line=$(grep '^qemu-system-x86_64 ' "$XD/v.err") || return 1
	eval "printf '[%s]\n' $line" | tail -n +2 | diff - "$XD/fake.argv"
}
check "xen: V=1 prints the QEMU command line, quoted so that it pastes back; QEMU_ARGS not globbed" xt_verbose

# kvm's SHARE=, NET=, HOSTFWD= mean nothing to run-xen, and INITRD= needs
# lib/initrd (helloworld has none): refused.
xt_run_refuses_kvm_vars() {
	local v
	for v in SHARE="$XD" NET=user HOSTFWD=8080 INITRD="$XD/fakexen"; do
		! km_build_app "$HELLO" "$XD/hello" run "$v" > "$XD/ref.out" 2>&1 &&
			[ "$(grep -c '^error' "$XD/ref.out")" -eq 1 ] && expect_output "$XD/ref.out" '^error: .*(are for kvm|needs CONFIG_LIBINITRD)' ||
			{ echo "not refused: $v"; return 1; }
	done
}
check "xen: make run refuses kvm's SHARE=, NET=, HOSTFWD=, and INITRD= without lib/initrd, with one line" xt_run_refuses_kvm_vars

# Where Xen cannot run under KVM (no usable KVM, or no nested
# virtualisation), QEMU_ACCEL=kvm is refused at once, never a fallback.
xt_kvm_refused() {
	local rc
	QEMU_ACCEL=kvm "$KM_ROOT/support/scripts/run-xen" "$XD/hello/helloworld_xen-x86_64" > "$XD/kvm.err" 2>&1; rc=$?
	cat "$XD/kvm.err"
	[ $rc -eq 128 ] && [ "$(wc -l < "$XD/kvm.err")" -eq 1 ] &&
	expect_output "$XD/kvm.err" '^run-xen: QEMU_ACCEL=kvm, but '
}
if ! QEMU_ACCEL=kvm "$KM_ROOT/support/scripts/run-xen" --probe > /dev/null 2>&1; then
	check "xen: QEMU_ACCEL=kvm where Xen cannot run under KVM: one line, 128" xt_kvm_refused
fi
