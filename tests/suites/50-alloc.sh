# Allocators in images: tests/apps/alloctest built once per allocator choice
# (tlsf, buddy, region) and platform (linuxu; kvm when QEMU is installed).
# Each image runs lib/alloc's in-image tests (TAP, all ok, exit 0), then the
# misuse commands of its main: a double free and a foreign free are reported
# with the caller's address and exit KM_EXIT_CRASH (125); an overflow into
# the next block's header too (tlsf and region; buddy has no header);
# exhausting the heap gives ENOMEM, never a crash; the largest block does
# not depend on how the heap's start is aligned: a 1 GiB block from a
# 2046 MiB linuxu heap and from kvm on pc with -m 2G (free region
# 0x130000-0x7ffe0000), a 2 GiB one with -m 3G. Host tortures of each allocator run in 10-host-unit.sh.
AT=$KM_ROOT/tests/apps/alloctest
AB=$KM_TMP/alloc
ALLOCATORS="tlsf buddy region"
PLATS=linuxu
if km_have_qemu; then
	PLATS="linuxu kvm"
else
	skip "alloc: kvm images" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi

t_alloc_build() {
	local plat=$1 al=$2 o=$AB/$1-$2
	local AL
	AL=$(echo "$al" | tr a-z A-Z)
	km_build_app "$AT" "$o" defconfig DEFCONFIG="defconfigs/$plat-x86_64" &&
	sed -i '/^CONFIG_LIBALLOC_\(TLSF\|BUDDY\|REGION\)=/d; /CONFIG_LIBALLOC_\(TLSF\|BUDDY\|REGION\) is not set/d' "$o/.config" &&
	echo "CONFIG_LIBALLOC_$AL=y" >> "$o/.config" &&
	km_build_app "$AT" "$o" olddefconfig &&
	grep -q "^CONFIG_LIBALLOC_$AL=y" "$o/.config" &&
	km_build_app "$AT" "$o" &&
	grep -q "liballoc_$al CONFIG_LIBALLOC_$AL" "$o/boot-order.txt"
}

t_alloc_tap() {
	local plat=$1 al=$2 o=$AB/$1-$2 rc
	km_run_image "$o/tap.out" "$o/alloctest_$plat-x86_64"; rc=$?
	cat "$o/tap.out"
	[ $rc -eq 0 ] || { echo "exit $rc"; return 1; }
	expect_output "$o/tap.out" '^1\.\.[1-9]' && ! grep -q '^not ok' "$o/tap.out" &&
	[ "$(grep -c '^ok .* alloc\.' "$o/tap.out")" -ge 9 ] &&
	expect_output "$o/tap.out" '^alloctest: main returns$'
}

# t_alloc_misuse PLAT ALLOC CMD REGEX
t_alloc_misuse() {
	local plat=$1 al=$2 o=$AB/$1-$2 rc addr fn
	km_run_image "$o/$3.out" "$o/alloctest_$plat-x86_64" test.filter=- -- "$3"; rc=$?
	cat "$o/$3.out"
	[ $rc -eq 125 ] || { echo "exit $rc, want 125"; return 1; }
	expect_output "$o/$3.out" "crit: $al: $4: 0x[0-9a-f]+ \(caller 0x[0-9a-f]+\)" || return 1
	! grep -q '^alloctest: main returns' "$o/$3.out" || return 1
	# The caller's address is in main() of the app.
	addr=$(sed -n 's/.*(caller \(0x[0-9a-f]*\)).*/\1/p' "$o/$3.out" | head -n 1)
	fn=$(addr2line -f -e "$o/alloctest_$plat-x86_64.dbg" "$addr" | head -n 1)
	echo "caller $addr is $fn"
	[ "$fn" = main ]
}

t_alloc_exhaust() {
	local plat=$1 al=$2 o=$AB/$1-$2 rc
	km_run_image "$o/exhaust.out" "$o/alloctest_$plat-x86_64" test.filter=- -- exhaust; rc=$?
	cat "$o/exhaust.out"
	[ $rc -eq 0 ] && expect_output "$o/exhaust.out" 'exhausted after [1-9][0-9]* blocks of 4 KiB: ENOMEM'
}

# t_alloc_large PLAT ALLOC SIZE MIB: a heap of about SIZE gives a block of MIB
t_alloc_large() {
	local plat=$1 al=$2 o=$AB/$1-$2 rc mib
	case $plat in
	linuxu) km_run_image "$o/large$3.out" "$o/alloctest_$plat-x86_64" linuxu.heap_size=$3 test.filter=- -- large ;;
	kvm) QEMU_MEM=$3 QEMU_MACHINE=pc km_run_image "$o/large$3.out" "$o/alloctest_$plat-x86_64" test.filter=- -- large ;;
	esac
	rc=$?
	cat "$o/large$3.out"
	[ $rc -eq 0 ] || { echo "exit $rc"; return 1; }
	mib=$(sed -n 's/^largest block: \([0-9]*\) MiB$/\1/p' "$o/large$3.out")
	[ -n "$mib" ] && [ "$mib" -ge "$4" ] || { echo "largest block ${mib:-?} MiB, want $4 or more"; return 1; }
}

for plat in $PLATS; do
	for al in $ALLOCATORS; do
		check "alloc $al on $plat: alloctest builds with CONFIG_LIBALLOC_${al^^}" t_alloc_build "$plat" "$al"
		if [ ! -e "$AB/$plat-$al/alloctest_$plat-x86_64" ]; then
			skip "alloc $al on $plat: runs" "the image did not build"
			continue
		fi
		check "alloc $al on $plat: in-image tests pass (TAP)" t_alloc_tap "$plat" "$al"
		check "alloc $al on $plat: double free reported with the caller, exit 125" \
			t_alloc_misuse "$plat" "$al" doublefree "double free"
		check "alloc $al on $plat: free of a stack address reported, exit 125" \
			t_alloc_misuse "$plat" "$al" foreign "free of a pointer it never returned"
		if [ "$al" != buddy ]; then
			check "alloc $al on $plat: overflow into a header reported, exit 125" \
				t_alloc_misuse "$plat" "$al" overflow "corrupted block header[^:]*"
		fi
		check "alloc $al on $plat: exhaustion gives ENOMEM, no crash" t_alloc_exhaust "$plat" "$al"
		if [ "$plat" = kvm ]; then
			check "alloc $al on kvm: pc -m 2G (heap 0x130000-0x7ffe0000) gives a 1 GiB block" \
				t_alloc_large "$plat" "$al" 2G 1024
			check "alloc $al on kvm: pc -m 3G gives a 2 GiB block" t_alloc_large "$plat" "$al" 3G 2048
		else
			check "alloc $al on linuxu: a 2046 MiB heap gives a 1 GiB block" \
				t_alloc_large "$plat" "$al" 2046M 1024
		fi
	done
done
