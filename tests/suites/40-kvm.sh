# The kvm platform under QEMU (software emulation here: keep guests small).
# km: every accelerator (tests/run runs it under KVM and under TCG where KVM works)
# helloworld boots on microvm, pc and q35 through multiboot and through PVH
# (an image built without the multiboot header), prints, passes -append
# arguments to main and exits with main's status; crashtest's faults give a
# crash report and KM_EXIT_CRASH (125); the boot log at debug level runs
# the init entries boot-order.txt lists, in that order. A machine that
# cannot run the image (too little memory, no long mode) gets one line and
# KM_EXIT_MACHINE (78); a command line over the limits (bytes, words) is
# refused before main with KM_EXIT_USAGE (64), never cut.
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

# KVM cannot emulate SSE accesses to device memory or firmware tables:
# the platform library is built with general-purpose registers only
# (doc/porting.md).
check "kvm: platform code uses general-purpose registers only (no SSE/x87)" km_no_sse "$K/mb/plat/kvm/libkvmplat.o"
check "kvm: the boot core (libkvmboot) uses general-purpose registers only" km_no_sse "$K/mb/plat/kvm/libkvmboot/libkvmboot.o"

# A .got (tests/apps/gotref forces one slot) lies in the read-only segment,
# inside what multiboot's raw copy loads, and holds its address at run time.
GOTREF=$KM_ROOT/tests/apps/gotref
t_got() {
	local img=$K/got/gotref_kvm-x86_64 seg load_end got
	km_build_app "$GOTREF" "$K/got" defconfig DEFCONFIG=defconfigs/kvm-x86_64 &&
	km_build_app "$GOTREF" "$K/got" || return 1
	got=$(readelf -SW "$img.dbg" | sed -n 's/.*] \.got  *PROGBITS  *\([0-9a-f]*\) .*/\1/p')
	[ -n "$got" ] || { echo "no .got in the image"; return 1; }
	load_end=$(nm "$img.dbg" | awk '$3 == "__km_load_end" { print $1 }')
	[ $((0x$got)) -lt $((0x$load_end)) ] || { echo ".got at $got, past __km_load_end $load_end"; return 1; }
	seg=$(readelf -lW "$img.dbg" | awk '/Section to Segment/ { m = 1 } m && / \.got / { print $1 }')
	readelf -lW "$img.dbg" | awk '$1 == "LOAD"' | sed -n "$((10#$seg + 1))p" | grep -q ' R  ' ||
		{ echo ".got is not in the read-only segment"; readelf -lW "$img.dbg"; return 1; }
	QEMU_MACHINE=microvm km_run_image "$K/got.out" "$img" || { cat "$K/got.out"; return 1; }
	expect_output "$K/got.out" '^got: 42$'
}
check "kvm: the .got is read-only, loaded by multiboot, and filled" t_got

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
	# helloworld has no lib/initrd: lib/boot names the region (exact size)
	# and stops with 64 rather than boot without the archive's files.
	QEMU_ARGS="-initrd $K/initrd.img" km_run_image "$K/initrd" "$K/pvh/helloworld_kvm-x86_64"
	[ $? = 64 ] && expect_output "$K/initrd" 'given an initrd \(initrd, 5000 bytes\), but this image has no lib/initrd'
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

# Statuses 0-125 leave QEMU exactly; a larger one (exit(200), 128 + a
# signal) is sent as 126 after a line naming the real one. ~1 s.
t_status_range() {
	local n rc
	for n in 0 1 125 126 200; do
		km_run_image "$K/st-$n" "$K/crash/crashtest_kvm-x86_64" -- exit $n
		rc=$?
		echo "exit $n: status $rc"
		[ $rc -eq $((n > 126 ? 126 : n)) ] || return 1
	done
	expect_output "$K/st-200" '^kvm: exit status 200 leaves QEMU as 126 \(its exit device carries 0-126\)$' &&
	! grep -q 'leaves QEMU' "$K/st-126" "$K/st-125"
}
check "kvm: statuses 0-126 carried exactly; 200 as 126 with a line naming it" t_status_range

t_stack() {
	local o=$K/crash-stack rc
	km_run_image "$o" "$K/crash/crashtest_kvm-x86_64" -- stack
	rc=$?
	[ $rc -eq 125 ] && expect_output "$o" '^\[crash\] double fault \(#DF\)' &&
	expect_output "$o" 'crash_stack\+0x'
}
check "kvm: stack overflow hits the guard page and is reported (#DF)" t_stack

# --- The machine cannot run the image: one line, status 78 (KM_EXIT_MACHINE)

# t_mem_ladder BUILD MACHINE: too little memory at each size below the
# image's need gives the line (need and what the machine has) and 78; the
# need itself boots. Sizes are QEMU's, rounded up to 8 KiB.
t_mem_ladder() {
	local img=$K/$1/helloworld_kvm-x86_64 need m rc o got
	need=$((0x$(nm "$img.dbg" | awk '$3 == "__km_ram_need_kib" { print $1 }')))
	echo "image needs $need KiB"
	[ "$need" -gt 1024 ] || return 1
	for m in 1032 1100 1150 $((need - 8)); do
		o=$K/mem-$1-$2-$m
		QEMU_MACHINE=$2 QEMU_MEM=${m}K km_run_image "$o" "$img"
		rc=$?
		got=$(((m + 7) / 8 * 8))
		echo "-m ${m}K: status $rc: $(tail -n 1 "$o")"
		[ $rc -eq 78 ] &&
		expect_output "$o" "^kvm: too little memory: this image needs $need KiB of RAM \(QEMU: -m ${need}K\), the machine has $got KiB$" &&
		[ "$(grep -c . "$o")" -eq 1 ] || return 1
	done
	QEMU_MACHINE=$2 QEMU_MEM=${need}K km_run_image "$K/mem-$1-$2-ok" "$img" -- x || {
		echo "-m ${need}K: status $?"; cat "$K/mem-$1-$2-ok"; return 1; }
	expect_output "$K/mem-$1-$2-ok" '^argv\[1\]: x$'
}
check "kvm: too little memory (1032K-need) on microvm (multiboot): one line, status 78; the need boots" t_mem_ladder mb microvm
check "kvm: too little memory (1032K-need) on pc (multiboot): one line, status 78; the need boots" t_mem_ladder mb pc
check "kvm: too little memory (1032K-need) on microvm (PVH memory map): one line, status 78; the need boots" t_mem_ladder pvh microvm

t_mem_pvh_pc() {
	# pc's PVH loader runs after SeaBIOS, which uses the top ~450 KiB of
	# RAM unannounced (doc/plat-kvm.md): below that only the check is sure.
	local img=$K/pvh/helloworld_kvm-x86_64 rc
	QEMU_MACHINE=pc QEMU_MEM=1100K km_run_image "$K/mem-pvh-pc" "$img"
	rc=$?
	cat "$K/mem-pvh-pc"
	[ $rc -eq 78 ] && expect_output "$K/mem-pvh-pc" '^kvm: too little memory: .* the machine has 1104 KiB$'
}
check "kvm: too little memory on pc (PVH memory map): one line, status 78" t_mem_pvh_pc

t_mem_host() {
	# With 1 MiB or less QEMU loads none of the image: the run scripts ask
	# kvm-ram-check first, which must agree with the image's own figure.
	local img=$K/mb/helloworld_kvm-x86_64 need rc m
	need=$((0x$(nm "$img.dbg" | awk '$3 == "__km_ram_need_kib" { print $1 }')))
	for m in 1M 512K 1100K $((need - 8))K; do
		"$KM_ROOT/support/scripts/kvm-ram-check" "$img" "$m" 2> "$K/ramcheck"
		rc=$?
		cat "$K/ramcheck"
		[ $rc -eq 78 ] &&
		expect_output "$K/ramcheck" "^kvm: too little memory: helloworld_kvm-x86_64 needs $need KiB of RAM \(QEMU_MEM=${need}K\), QEMU_MEM=$m gives [0-9]+ KiB$" || return 1
	done
	# QEMU rounds -m up to 8 KiB and the need is in 4 KiB pages: the
	# smallest size that boots is the need rounded up to 8 KiB, less 7.
	for m in ${need}K $(((need + 7) / 8 * 8 - 7))K 32M 1G; do
		"$KM_ROOT/support/scripts/kvm-ram-check" "$img" "$m" || { echo "$m refused"; return 1; }
	done
	# Through the run script, when it asks (run-kvm is the lead's to hook)
	if grep -q kvm-ram-check "$KM_ROOT/support/scripts/run-kvm"; then
		QEMU_MEM=1M km_run_image "$K/mem-1m" "$img"
		rc=$?
		cat "$K/mem-1m"
		[ $rc -eq 78 ] && expect_output "$K/mem-1m" '^kvm: too little memory: .* gives 1024 KiB$'
	fi
}
check "kvm: -m 1M (nothing of the image loaded) is refused before QEMU starts, status 78" t_mem_host

t_no_long_mode() {
	local b rc
	for b in mb pvh; do
		QEMU_ARGS="-cpu qemu32" km_run_image "$K/qemu32-$b" "$K/$b/helloworld_kvm-x86_64"
		rc=$?
		echo "$b: status $rc"
		cat "$K/qemu32-$b"
		[ $rc -eq 78 ] &&
		expect_output "$K/qemu32-$b" '^kvm: this CPU has no long mode \(x86_64\); cannot boot$' || return 1
	done
}
check "kvm: -cpu qemu32 (no long mode): one line, status 78, no hang" t_no_long_mode

# --- Command line limits: KVM_CMDLINE_MAX bytes (default 4095), 63 words

# t_cmdline BUILD LEN WANT: an -append of LEN bytes ("-- " and one word)
t_cmdline() {
	local o=$K/cmdline-$1-$2 w rc
	w=$(head -c $(($2 - 3)) /dev/zero | tr '\0' x)
	km_run_image "$o" "$K/$1/helloworld_kvm-x86_64" -- "$w"
	rc=$?
	echo "status $rc"
	head -c 300 "$o"
	if [ "$3" = ok ]; then
		[ $rc -eq 0 ] && [ "$(sed -n 's/^argv\[1\]: //p' "$o")" = "$w" ]
	else
		[ $rc -eq 64 ] && ! grep -q '^Hello' "$o" &&
		expect_output "$o" "^kvm: the command line is $2 bytes; this image takes at most $3 \(Kconfig KVM_CMDLINE_MAX\)$"
	fi
}
for b in mb pvh; do
	check "kvm ($b): a 4095-byte command line reaches main whole" t_cmdline $b 4095 ok
	check "kvm ($b): a 4096-byte command line is refused before main, status 64" t_cmdline $b 4096 4095
	check "kvm ($b): a 6 KiB command line is refused before main, status 64" t_cmdline $b 6144 4095
done

t_build_cmdline() {
	km_build_app "$HELLO" "$K/cmdl" defconfig DEFCONFIG=defconfigs/kvm-x86_64 &&
	echo 'CONFIG_KVM_CMDLINE_MAX=8191' >> "$K/cmdl/.config" &&
	km_build_app "$HELLO" "$K/cmdl" olddefconfig &&
	km_build_app "$HELLO" "$K/cmdl" &&
	grep -q '^CONFIG_KVM_CMDLINE_MAX=8191$' "$K/cmdl/.config"
}
check "kvm: helloworld builds with KVM_CMDLINE_MAX=8191" t_build_cmdline
check "kvm (KVM_CMDLINE_MAX=8191): a 6 KiB command line reaches main whole" t_cmdline cmdl 6144 ok
check "kvm (KVM_CMDLINE_MAX=8191): 8192 bytes are refused, status 64" t_cmdline cmdl 8192 8191

# t_words BUILD N: "--" and N-1 arguments
t_words() {
	local o=$K/words-$1-$2 rc i
	set -- "$1" "$2" --
	for ((i = 1; i < $2; i++)); do set -- "$@" "w$i"; done
	km_run_image "$o" "$K/$1/helloworld_kvm-x86_64" "${@:3}"
	rc=$?
	echo "status $rc"
	if [ "$2" -le 63 ]; then
		[ $rc -eq 0 ] && expect_output "$o" "^argv\[$(($2 - 1))\]: w$(($2 - 1))$"
	else
		[ $rc -eq 64 ] && expect_output "$o" 'more than 63 words on the command line$' &&
		! grep -q '^Hello' "$o"
	fi
}
for b in mb pvh; do
	check "kvm ($b): 63 words on the command line reach main" t_words $b 63
	check "kvm ($b): 64 words are refused before main, status 64" t_words $b 64
done
