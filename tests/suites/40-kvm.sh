# The kvm platform under QEMU (software emulation here: keep guests small).
# helloworld boots on microvm, pc and q35 through multiboot and through PVH
# (an image built without the multiboot header), prints, passes -append
# arguments to main and exits with main's status; crashtest's faults give a
# crash report and KM_EXIT_CRASH (125); the boot log at debug level runs
# the init entries boot-order.txt lists, in that order.
HELLO=$KM_ROOT/apps/helloworld
CRASH=$KM_ROOT/apps/crashtest
K=$KM_TMP/kvm

if ! km_have_qemu; then
	skip "kvm: all" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
	return 0 2>/dev/null || exit 0
fi

t_build_mb() {
	km_build_app "$HELLO" "$K/mb" defconfig DEFCONFIG=defconfigs/kvm-x86_64 &&
	km_build_app "$HELLO" "$K/mb" &&
	test -x "$K/mb/helloworld_kvm-x86_64" && test -f "$K/mb/helloworld_kvm-x86_64.dbg"
}
check "kvm: helloworld builds (multiboot + PVH image)" t_build_mb

t_build_pvh() {
	km_build_app "$HELLO" "$K/pvh" defconfig DEFCONFIG=defconfigs/kvm-x86_64 &&
	echo '# CONFIG_KVM_MULTIBOOT is not set' >> "$K/pvh/.config" &&
	km_build_app "$HELLO" "$K/pvh" olddefconfig &&
	km_build_app "$HELLO" "$K/pvh" &&
	! grep -q "CONFIG_KVM_MULTIBOOT=y" "$K/pvh/.config"
}
check "kvm: helloworld builds without the multiboot header (PVH only)" t_build_pvh

t_size() {
	local s
	s=$(stat -c %s "$K/mb/helloworld_kvm-x86_64")
	echo "stripped image: $s bytes"
	[ "$s" -le 65536 ]
}
check "kvm: stripped helloworld image <= 64 KiB" t_size

# t_boot BUILD MACHINE PROTOCOL
t_boot() {
	local o=$K/boot-$1-$2
	QEMU_MACHINE=$2 km_run_image "$o" "$K/$1/helloworld_kvm-x86_64" print.level=debug -- one "two words" || {
		echo "exit status $?"; cat "$o"; return 1; }
	expect_output "$o" "booted by $3," &&
	expect_output "$o" '^Hello, world!$' &&
	expect_output "$o" '^argv\[0\]: helloworld_kvm-x86_64$' &&
	expect_output "$o" '^argv\[1\]: one$' &&
	expect_output "$o" '^argv\[2\]: two words$'
}
for m in microvm pc q35; do
	check "kvm: multiboot boot on $m, -append args reach main, status 0" t_boot mb $m multiboot
	check "kvm: PVH boot on $m, -append args reach main, status 0" t_boot pvh $m pvh
done

t_status() {
	# A bad boot parameter stops before main with KM_EXIT_USAGE (64).
	local rc
	km_run_image "$K/usage" "$K/mb/helloworld_kvm-x86_64" no.such=1
	rc=$?
	echo "status $rc"
	[ $rc -eq 64 ]
}
check "kvm: exit status carried out through isa-debug-exit (64 for a bad parameter)" t_status

t_initrd() {
	head -c 5000 /dev/zero > "$K/initrd.img"
	QEMU_ARGS="-initrd $K/initrd.img" km_run_image "$K/initrd" "$K/pvh/helloworld_kvm-x86_64" print.level=debug &&
	expect_output "$K/initrd" 'region initrd +0x[0-9a-f]+-0x[0-9a-f]+ .* initrd'
}
check "kvm: -initrd becomes an initrd region" t_initrd

t_boot_order() {
	QEMU_MACHINE=microvm km_run_image "$K/order" "$K/mb/helloworld_kvm-x86_64" print.level=debug || return 1
	grep -v '^#' "$K/mb/boot-order.txt" > "$K/order.want"
	sed -n 's/^.*libboot: init //p' "$K/order" > "$K/order.got"
	diff -u "$K/order.want" "$K/order.got"
}
check "kvm: boot-order.txt matches the init entries the debug log shows" t_boot_order

t_build_crash() {
	km_build_app "$CRASH" "$K/crash" defconfig DEFCONFIG=defconfigs/kvm-x86_64 &&
	km_build_app "$CRASH" "$K/crash"
}
check "kvm: crashtest builds" t_build_crash

# t_crash CASE REGEX: the report names the exception and the function
t_crash() {
	local o=$K/crash-$1 rc
	km_run_image "$o" "$K/crash/crashtest_kvm-x86_64" -- "$1"
	rc=$?
	echo "status $rc"
	cat "$o"
	[ $rc -eq 125 ] &&
	expect_output "$o" "^\[crash\] $2" &&
	expect_output "$o" '^\[crash\] RAX [0-9a-f]{16}' &&
	expect_output "$o" "^\[crash\]   #0 0x[0-9a-f]+ $3\+0x" &&
	expect_output "$o" '^\[crash\] +(#[0-9]+|\?) +0x[0-9a-f]+ main\+0x' &&
	expect_output "$o" '^\[crash\] stopping with status 125$'
}
check "kvm: crash report for a null dereference (#PF, CR2 0)" t_crash null 'page fault \(#PF\)' crash_null
check "kvm: crash report for a division by zero (#DE)" t_crash div0 'divide error \(#DE\)' crash_div0
check "kvm: crash report for an invalid opcode (#UD)" t_crash ud 'invalid opcode \(#UD\)' crash_ud
check "kvm: crash report for a write to text (#PF, W^X)" t_crash wtext 'page fault \(#PF\)' crash_wtext

t_null_cr2() {
	expect_output "$K/crash-null" '^\[crash\] CR2 0x0000000000000000' &&
	expect_output "$K/crash-wtext" 'protection violation on write'
}
check "kvm: page-fault reports give CR2 and the cause" t_null_cr2

t_stack() {
	local o=$K/crash-stack rc
	km_run_image "$o" "$K/crash/crashtest_kvm-x86_64" -- stack
	rc=$?
	[ $rc -eq 125 ] && expect_output "$o" '^\[crash\] double fault \(#DF\)' &&
	expect_output "$o" 'crash_stack\+0x'
}
check "kvm: stack overflow hits the guard page and is reported (#DF)" t_stack
