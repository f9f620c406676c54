# km: every accelerator
# 9pfs over virtio-9p (issue 9): tests/apps/ninepfstest (musl, and newlib
# on pc and microvm; kvm) on a
# host folder that run-kvm shares with SHARE=DIR (virtio-9p-pci on pc and
# q35, virtio-9p-device over virtio-mmio on microvm), checked from both
# sides: a 5 MiB host file read back with the same CRC as cksum(1), a file
# written by the guest compared on the host, a directory listing, rename
# and unlink seen on the host, mkdir, rmdir and setattr (truncate, chmod)
# too. Then polled completion, a wrong mount_tag
# (the boot goes on, or stops when the entry is "required"), a legacy
# virtio-mmio transport refused with its QEMU fix, and errno through 9P.
NP=$KM_TMP/9pfs
NPAPP=$KM_ROOT/tests/apps/ninepfstest
np_img=$NP/build/ninepfstest_kvm-x86_64

if ! km_have_qemu; then
	skip "9pfs: every check" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
	return 0
fi

t_np_build() {
	[ -f "$np_img" ] && return 0 # built for the other accelerator already
	mkdir -p "$NP/build" && km_build_app "$NPAPP" "$NP/build" defconfig DEFCONFIG=defconfigs/musl > /dev/null &&
	km_build_app "$NPAPP" "$NP/build" > "$NP/build.log" 2>&1 || { cat "$NP/build.log"; return 1; }
	! grep -E 'warning|error' "$NP/build.log"
}
check "9pfs: ninepfstest builds with musl for kvm, no warning" t_np_build

# np_share M: a fresh host folder for machine M: a 5 MiB file, a directory
# of three files, a file to rename and one to unlink.
np_share() {
	local d=$NP/share-$1
	rm -rf "$d" && mkdir -p "$d/dir" &&
	head -c 5242880 /dev/urandom > "$d/big" &&
	for f in one two three; do echo "$f" > "$d/dir/$f" || return 1; done &&
	echo old > "$d/old" && echo gone > "$d/gone" && mkdir "$d/emptydir" &&
	printf '0123456789' > "$d/cut" && chmod 644 "$d/cut"
}

# np_boot [newlib-]M: one boot of the musl (or newlib) image on machine M
# doing every operation; its output in $NP/[newlib-]M.out.
np_boot() {
	local img=$np_img
	case $1 in newlib-*) img=$np_nl_img ;; esac
	np_share "$1" || return 1
	SHARE=$NP/share-$1 QEMU_MACHINE=${1#newlib-} km_run_image "$NP/$1.out" "$img" print.level=info -- \
		cksum /host/big + write /host/new 1000 + ls /host/dir + \
		rename /host/old /host/renamed + unlink /host/gone + stat /host/missing + \
		mkdir /host/made + rmdir /host/emptydir + truncate /host/cut 4 + chmod /host/cut 600
	local rc=$?
	cat "$NP/$1.out"
	# exactly one failure: the stat of a missing file, with Linux's errno;
	# completion by interrupt (MSI-X on PCI, the IOAPIC line on microvm)
	[ $rc = 1 ] && expect_output "$NP/$1.out" '^FAIL: lstat /host/missing: No such file or directory$' &&
	expect_output "$NP/$1.out" 'virtio-9p, features 0x[0-9a-f]+, interrupts$'
}

t_np_read() {
	local want
	want=$(cksum < "$NP/share-$1/big" | cut -d' ' -f1,2)
	expect_output "$NP/$1.out" "^ok: cksum $want /host/big\$"
}

t_np_write() {
	awk 'BEGIN { for (i = 0; i < 1000; i++) print "line " i }' > "$NP/$1.want" &&
	cmp "$NP/$1.want" "$NP/share-$1/new"
}

t_np_readdir() {
	diff <(ls -A "$NP/share-$1/dir" | sort) <(sed -n 's/^name: //p' "$NP/$1.out" | sort) &&
	expect_output "$NP/$1.out" '^ok: 3 names in /host/dir$'
}

t_np_rename_unlink() {
	[ ! -e "$NP/share-$1/old" ] && [ "$(cat "$NP/share-$1/renamed")" = old ] &&
	[ ! -e "$NP/share-$1/gone" ]
}

t_np_dirs_setattr() {
	[ -d "$NP/share-$1/made" ] && [ ! -e "$NP/share-$1/emptydir" ] &&
	[ "$(cat "$NP/share-$1/cut")" = 0123 ] && [ "$(stat -c %a "$NP/share-$1/cut")" = 600 ]
}

for np_m in pc q35 microvm; do
	check "9pfs $np_m: one boot reads, writes, lists, renames, unlinks on the share" np_boot $np_m
	check "9pfs $np_m: a 5 MiB host file reads back with cksum(1)'s CRC" t_np_read $np_m
	check "9pfs $np_m: a file the guest wrote is byte for byte on the host" t_np_write $np_m
	check "9pfs $np_m: readdir lists the host folder" t_np_readdir $np_m
	check "9pfs $np_m: rename and unlink are seen on the host" t_np_rename_unlink $np_m
	check "9pfs $np_m: mkdir, rmdir, truncate and chmod are seen on the host" t_np_dirs_setattr $np_m
done

# The same program with newlib as the C library (its file calls, statfs
# included, on the syscall layer), on a PCI and an MMIO machine.
np_nl_img=$NP/build-newlib/ninepfstest_kvm-x86_64
t_np_build_newlib() {
	[ -f "$np_nl_img" ] && return 0
	mkdir -p "$NP/build-newlib" &&
	km_build_app "$NPAPP" "$NP/build-newlib" defconfig DEFCONFIG=defconfigs/newlib > /dev/null &&
	km_build_app "$NPAPP" "$NP/build-newlib" > "$NP/build-newlib.log" 2>&1 || { cat "$NP/build-newlib.log"; return 1; }
	! grep -E 'warning|error' "$NP/build-newlib.log"
}
check "9pfs: ninepfstest builds with newlib for kvm, no warning" t_np_build_newlib
t_np_host_changes() { t_np_rename_unlink "$1" && t_np_dirs_setattr "$1"; }
for np_m in newlib-pc newlib-microvm; do
	check "9pfs $np_m: one boot reads, writes, lists, renames, unlinks on the share" np_boot $np_m
	check "9pfs $np_m: a 5 MiB host file reads back with cksum(1)'s CRC" t_np_read $np_m
	check "9pfs $np_m: a file the guest wrote is byte for byte on the host" t_np_write $np_m
	check "9pfs $np_m: readdir lists the host folder" t_np_readdir $np_m
	check "9pfs $np_m: rename, unlink, mkdir, rmdir, truncate and chmod are seen on the host" \
		t_np_host_changes $np_m
done

# The same transfer with completion by polling instead of interrupts.
t_np_polled() {
	local o=$NP/polled.out want
	np_share polled || return 1
	SHARE=$NP/share-polled QEMU_MACHINE=q35 km_run_image "$o" "$np_img" virtio.poll=1 print.level=info -- \
		cksum /host/big || { cat "$o"; return 1; }
	want=$(cksum < "$NP/share-polled/big" | cut -d' ' -f1,2)
	expect_output "$o" 'virtio-9p, features 0x[0-9a-f]+, polled$' && expect_output "$o" "^ok: cksum $want /host/big\$"
}
check "9pfs: virtio.poll=1 polls the device, same bytes" t_np_polled

# Only fs0 exists: an optional entry for another tag is skipped with the
# tags the machine has, a required one stops the boot.
np_qemu_share() {
	echo "-fsdev local,id=f0,path=$NP/share-pc,security_model=none -device virtio-9p-pci,fsdev=f0,mount_tag=fs0"
}
t_np_wrong_tag() {
	local o=$NP/wrongtag.out
	QEMU_MACHINE=pc QEMU_ARGS=$(np_qemu_share) km_run_image "$o" "$np_img" vfs.fstab=nope:/host:9pfs -- \
		stat / || { cat "$o"; return 1; }
	expect_output "$o" 'no virtio-9p device with mount_tag "nope"; the machine has:' &&
	expect_output "$o" '^\[.*\] lib9pfs: err:   "fs0"$' && expect_output "$o" '^ninepfstest: 0 failures$'
}
check "9pfs: a wrong mount_tag names the tags there, and the boot goes on" t_np_wrong_tag

t_np_wrong_tag_required() {
	local o=$NP/wrongtag-req.out rc
	QEMU_MACHINE=pc QEMU_ARGS=$(np_qemu_share) km_run_image "$o" "$np_img" vfs.fstab=nope:/host:9pfs:required -- \
		stat /
	rc=$?
	cat "$o"
	[ $rc -ne 0 ] && expect_output "$o" 'no virtio-9p device with mount_tag "nope"' &&
	! grep -q '^ninepfstest:' "$o"
}
check "9pfs: a wrong mount_tag on a required entry stops the boot" t_np_wrong_tag_required

# QEMU 7.2's virtio-mmio is legacy unless told otherwise (run-kvm does):
# a legacy transport is refused with the option that fixes it.
t_np_legacy_mmio() {
	local o=$NP/legacy.out
	np_share legacy || return 1
	QEMU_ARGS="-global virtio-mmio.force-legacy=true -fsdev local,id=f0,path=$NP/share-legacy,security_model=none -device virtio-9p-device,fsdev=f0,mount_tag=fs0" \
		km_run_image "$o" "$np_img" vfs.fstab=fs0:/host:9pfs -- stat / || { cat "$o"; return 1; }
	expect_output "$o" 'virtio-mmio version 1, not 2 \(QEMU: add -global virtio-mmio.force-legacy=false\)'
}
check "9pfs: a legacy virtio-mmio transport is refused with its QEMU fix" t_np_legacy_mmio

# KVM cannot emulate SSE accesses to device memory: the virtio library,
# which touches rings and device registers, has general-purpose registers
# only, as libkvmplat (40-kvm, doc/porting.md).
check "9pfs: drivers/virtio uses general-purpose registers only (no SSE/x87)" km_no_sse "$NP/build/drivers/virtio/libvirtio.o"

# run-kvm's SHARE=DIR[:TAG]: a missing folder, a bad tag or a comma (QEMU's
# option separator) is one line and status 127, before QEMU starts.
t_np_share_errors() {
	local o=$NP/share-err.out rc
	mkdir -p "$NP/a,b" || return 1
	for bad in "$NP/no-such-dir" "$NP/share-pc:bad tag" "$NP/share-pc:" "$NP/a,b"; do
		SHARE=$bad km_run_image "$o" "$np_img"
		rc=$?
		cat "$o"
		[ $rc = 127 ] && [ "$(wc -l < "$o")" = 1 ] && expect_output "$o" '^run-kvm: SHARE=' || return 1
	done
	expect_output "$o" 'QEMU cannot take a folder name with a comma'
}
check "9pfs: run-kvm refuses a bad SHARE with one line, status 127" t_np_share_errors
