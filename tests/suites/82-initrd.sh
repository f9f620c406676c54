# The initrd (lib/initrd): a cpio archive made by the host's cpio(1),
# unpacked into / at boot on linuxu (linuxu.initrd=, make run INITRD=) and
# kvm (QEMU's -initrd on microvm, pc and q35), and the tree checked from
# inside by tests/apps/filetree (musl; some checks again with newlib): 500 files in nested directories
# with symlinks and hard links, each file's cksum, size, mode and mtime
# against the host's find/cksum, in newc, crc and odc. Every kind of
# damage (truncated header, bad magic, name overflow, data past the end,
# bad checksum, no trailer, compressed) stops the boot with status 70 and
# the line naming the member and byte offset; a missing host file too.
FTAPP=$KM_ROOT/tests/apps/filetree
IR=$KM_TMP/initrd
IR_PLATS=linuxu
if km_have_qemu; then
	IR_PLATS="linuxu kvm"
else
	skip "initrd: kvm images" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi
# ir_img PLAT [BUILD]: b is musl's build, nl newlib's
ir_img() { echo "$IR/${2:-b}/filetree_$1-x86_64"; }

# t_ir_build BUILD DEFCONFIG
t_ir_build() {
	mkdir -p "$IR" && km_build_app "$FTAPP" "$IR/$1" defconfig DEFCONFIG="defconfigs/$2" > /dev/null &&
	km_build_app "$FTAPP" "$IR/$1" > "$IR/$1.log" 2>&1 || { cat "$IR/$1.log"; return 1; }
	! grep -E 'warning|error' "$IR/$1.log"
}

# ir_make_tree DIR: 500 regular files (sizes 0 to 200 KiB, modes and mtimes
# varied) in nested directories, with symlinks (relative, absolute,
# dangling, to directories) and a file with three hard links.
ir_make_tree() {
	local d=$1 i sub
	rm -rf "$d" && mkdir -p "$d"
	for i in $(seq 0 499); do
		sub=$d/d$((i % 7))/e$((i % 5))
		[ $((i % 3)) = 0 ] && sub=$sub/f$((i % 4))/deep
		mkdir -p "$sub"
		case $((i % 10)) in
		0) : > "$sub/file$i" ;;
		1) head -c $((200 * 1024 + i)) /dev/urandom > "$sub/file$i" ;;
		2) head -c 4096 /dev/urandom > "$sub/file$i" ;;
		*) head -c $(((i * 7919) % 20000 + 1)) /dev/urandom > "$sub/file$i" ;;
		esac
		chmod "$(printf '%s' "644 600 755 444 640" | cut -d' ' -f$((i % 5 + 1)))" "$sub/file$i"
		touch -d "@$((1600000000 + i * 3600))" "$sub/file$i"
	done
	ln -s file1 "$d/d1/e1/rel-link"
	ln -s /d2/e2/file2 "$d/d3/abs-link"
	ln -s nowhere "$d/d4/dangling"
	ln -s ../d5 "$d/d6/dir-link"
	echo linked > "$d/d0/hard1" && ln "$d/d0/hard1" "$d/d1/hard2" && ln "$d/d0/hard1" "$d/hard3"
	mkdir -p "$d/empty/dir" && chmod 700 "$d/empty"
	# directory times last: creating entries changes them
	find "$d" -mindepth 1 -type d | while read -r sub; do touch -d @1500000000 "$sub"; done
	find "$d" -type l -exec touch -h -d @1550000000 {} +
}

t_ir_archives() {
	ir_make_tree "$IR/tree" &&
	for fmt in newc crc odc; do
		(cd "$IR/tree" && find . | sort | cpio -o -H $fmt --quiet > "$IR/tree.$fmt") || return 1
	done
	km_tree_listing "$IR/tree" "$IR/tree.host" && [ "$(grep -c '^f ' "$IR/tree.host")" = 503 ] &&
	[ "$(grep -c '^l ' "$IR/tree.host")" = 4 ] && ls -l "$IR"/tree.*
}

# t_ir_tree PLAT FORMAT [MACHINE [BUILD]]: the tree from inside equals the host's.
t_ir_tree() {
	local o=$IR/$1-$2-${3:-any}-${4:-b} rc
	if [ "$1" = kvm ]; then
		INITRD=$IR/tree.$2 QEMU_MACHINE=${3:-microvm} QEMU_MEM=128M \
			km_run_image "$o" "$(ir_img kvm "${4:-}")" -- walk /
	else
		INITRD=$IR/tree.$2 km_run_image "$o" "$KM_ROOT/support/scripts/run-linuxu" "$(ir_img linuxu "${4:-}")" \
			linuxu.heap_size=128M -- walk /
	fi
	rc=$?
	[ $rc = 0 ] || { echo "exit status $rc"; tail -n 20 "$o"; return 1; }
	# the image's own / also holds /dev and an empty sticky /tmp
	# (LIBVFS_ROOT_TMP): only what the archive has
	grep -Eq '^d 1777 [0-9]+ tmp$' "$o" || { echo "no /tmp with mode 1777"; return 1; }
	grep -E '^[fdl] ' "$o" | grep -Ev ' dev(/|$)| tmp$' | sort > "$o.walk"
	diff "$IR/tree.host" "$o.walk" > "$o.diff" || { head -n 40 "$o.diff"; return 1; }
	echo "$(wc -l < "$o.walk") entries equal"
}

# the three hard links are one file inside too
t_ir_hardlinks() {
	local o=$IR/$1-links
	if [ "$1" = kvm ]; then
		INITRD=$IR/tree.newc QEMU_MEM=128M km_run_image "$o" "$(ir_img kvm)" -- links /d1/hard2 /hard3
	else
		km_run_image "$o" "$(ir_img linuxu)" linuxu.initrd="$IR/tree.newc" linuxu.heap_size=128M -- links /d1/hard2 /hard3
	fi || { cat "$o"; return 1; }
	expect_output "$o" '^same$'
}

# make run INITRD= (relative to the app folder) on linuxu
t_ir_make_run() {
	cp "$IR/tree.newc" "$IR/rel.cpio" &&
	(cd "$IR" && make -C "$KM_ROOT" A="$FTAPP" O="$IR/b" C="$IR/b/.config" KM_CALLER_DIR="$IR" \
		PLAT=linuxu INITRD=rel.cpio ARGS="linuxu.heap_size=128M -- cksum /d1/e1/file1" run) > "$IR/make-run.out" 2>&1 ||
		{ cat "$IR/make-run.out"; return 1; }
	expect_output "$IR/make-run.out" "^$(cd "$IR/tree/d1/e1" && cksum file1 | cut -d' ' -f1,2)\$"
}

# ir_damage NAME: writes $IR/bad-NAME, a damaged copy of a small archive.
ir_damage() {
	local good=$IR/small.newc bad=$IR/bad-$1
	cp "$good" "$bad"
	case $1 in
	truncated-header) head -c 160 "$good" > "$bad" ;;         # the second header cut
	bad-magic) printf '070799' | dd of="$bad" conv=notrunc status=none ;;
	name-overflow) printf '0000FFFF' | dd of="$bad" bs=1 seek=94 conv=notrunc status=none ;;
	name-past-end) head -c 223 "$good" > "$bad" ;;
	size-past-end) printf '00FFFFFF' | dd of="$bad" bs=1 seek=$((112 + 54)) conv=notrunc status=none ;;
	no-trailer) head -c 240 "$good" > "$bad" ;;
	checksum) cp "$IR/small.crc" "$bad"
		  printf 'X' | dd of="$bad" bs=1 seek=224 conv=notrunc status=none ;;
	gzip) gzip -c "$good" > "$bad" ;;
	garbage) printf 'this is not an archive at all\n' > "$bad" ;;
	esac
}

# name, the error line expected
IR_DAMAGE=(
	"truncated-header|member #2 at byte 112: truncated header \\(48 of 110 bytes\\)"
	"bad-magic|member #1 at byte 0: bad magic"
	"name-overflow|member #1 at byte 0: name of 65534 bytes \\(at most 4095\\)"
	"name-past-end|member #2 at byte 112: its name \\(2 bytes\\) runs past the end of the archive \\(223 bytes\\)"
	"size-past-end|member 'a' \\(#2\\) at byte 112: its data \\(16777215 bytes\\) runs past the end"
	"no-trailer|member #3 at byte 240: the archive ends without a TRAILER!!! member"
	"checksum|member 'a' \\(#2\\) at byte 112: checksum 0x[0-9a-f]+, the header says"
	"gzip|member #1 at byte 0: compressed initrd not supported \\(gzip data\\)"
	"garbage|member #1 at byte 0: bad magic"
)

t_ir_small() {
	mkdir -p "$IR/small" && (cd "$IR/small" && printf 'hello, initrd\n' > a && chmod 644 a &&
	for fmt in newc crc; do find . | sort | cpio -o -H $fmt --quiet > "$IR/small.$fmt" || exit 1; done) &&
	# the member order ir_damage relies on: ".", then "a" at byte 112
	[ "$(head -c 118 "$IR/small.newc" | tail -c 6)" = 070701 ] && [ "$(dd if="$IR/small.newc" bs=1 skip=222 count=1 status=none)" = a ]
}

# t_ir_bad PLAT NAME REGEX [BUILD]
t_ir_bad() {
	local o=$IR/$1-bad-$2-${4:-b} rc
	ir_damage "$2"
	if [ "$1" = kvm ]; then
		INITRD=$IR/bad-$2 km_run_image "$o" "$(ir_img kvm "${4:-}")" -- ls /
	else
		km_run_image "$o" "$(ir_img linuxu "${4:-}")" linuxu.initrd="$IR/bad-$2" -- ls /
	fi
	rc=$?
	cat "$o"
	[ $rc = 70 ] || { echo "exit status $rc, want 70"; return 1; }
	# linuxu names the region by its host file, kvm's is QEMU's "initrd"
	expect_output "$o" "libinitrd: (crit: )?initrd \\($([ "$1" = kvm ] && echo initrd || echo "$IR/bad-$2"), [0-9]+ bytes\\): $3.*; nothing was unpacked$" &&
	! grep -q '^dev$' "$o" # main never ran
}

t_ir_missing() {
	local o=$IR/missing rc
	km_run_image "$o" "$(ir_img linuxu)" linuxu.initrd="$IR/no-such-file" -- ls /; rc=$?
	cat "$o"
	[ $rc = 70 ] && expect_output "$o" "linuxu.initrd=$IR/no-such-file: cannot open the host file: ENOENT$" &&
	[ "$(grep -c 'crit' "$o")" -le 2 ]
}

# device nodes (devfs has them) and FIFOs are skipped, one warning each;
# an archive's own "dev" directory merges with the mounted /dev
t_ir_special() {
	local d=$IR/special o=$IR/special.out rc
	rm -rf "$d" && mkdir -p "$d/dev" "$d/etc" && echo motd > "$d/etc/motd" && mkfifo "$d/etc/fifo" || return 1
	mknod "$d/dev/console" c 5 1 2> /dev/null || echo "(not root: no device node in the archive)"
	(cd "$d" && find . | sort | cpio -o -H newc --quiet) > "$IR/special.cpio" &&
	km_run_image "$o" "$(ir_img linuxu)" linuxu.initrd="$IR/special.cpio" -- ls /dev; rc=$?
	cat "$o"
	[ $rc = 0 ] && expect_output "$o" "member 'etc/fifo' at byte [0-9]+: FIFO skipped \\(not unpacked\\)" &&
	expect_output "$o" '^null$' && expect_output "$o" '^console$' || return 1
	[ ! -c "$d/dev/console" ] || expect_output "$o" "member 'dev/console' at byte [0-9]+: character device skipped"
}

# `find /abs/dir | cpio -o` names /abs/dir but not its parents: they are
# made, as cpio -id does, with one line saying so
t_ir_absolute() {
	local d=$IR/abs/deep/root o=$IR/abs.out rc
	rm -rf "$IR/abs" && mkdir -p "$d/sub" && echo hello > "$d/sub/file" || return 1
	find "$d" | cpio -o -H newc --quiet > "$IR/abs.cpio" 2> /dev/null &&
	km_run_image "$o" "$(ir_img linuxu)" linuxu.initrd="$IR/abs.cpio" -- cksum "$d/sub/file"; rc=$?
	cat "$o"
	[ $rc = 0 ] && expect_output "$o" "^$(cksum < "$d/sub/file" | cut -d' ' -f1,2)\$" &&
	expect_output "$o" "made its missing parent directories \\(as cpio -id does\\)" &&
	[ "$(grep -c 'missing parent' "$o")" = 1 ]
}

# without lib/initrd nothing would unpack it: the parameter is unknown
t_ir_no_lib() {
	local o=$IR/nolib rc
	km_build_app "$KM_ROOT/apps/helloworld" "$IR/hello" > "$IR/hello.log" 2>&1 || { cat "$IR/hello.log"; return 1; }
	km_run_image "$o" "$IR/hello/helloworld_linuxu-x86_64" linuxu.initrd="$IR/small.newc"; rc=$?
	cat "$o"
	[ $rc = 64 ] && expect_output "$o" 'linuxu\.initrd'
}

# kvm: an image without lib/initrd given -initrd stops (64) instead of
# booting without the files, as linuxu does for linuxu.initrd=
t_ir_kvm_no_lib() {
	local o=$IR/kvm-nolib rc
	km_build_app "$KM_ROOT/apps/helloworld" "$IR/hello-kvm" defconfig DEFCONFIG=defconfigs/kvm-x86_64 > /dev/null &&
	km_build_app "$KM_ROOT/apps/helloworld" "$IR/hello-kvm" > "$IR/hello-kvm.log" 2>&1 || { cat "$IR/hello-kvm.log"; return 1; }
	INITRD=$IR/small.newc km_run_image "$o" "$IR/hello-kvm/helloworld_kvm-x86_64"; rc=$?
	cat "$o"
	[ $rc = 64 ] && expect_output "$o" 'given an initrd \(initrd, [0-9]+ bytes\), but this image has no lib/initrd' &&
	! grep -q 'Hello' "$o"
}

# An archive the guest's RAM cannot hold next to the image: refused before
# QEMU starts (78, with a QEMU_MEM that would do), not a 4 KiB heap inside.
t_ir_kvm_too_big() {
	local o=$IR/kvm-big rc
	truncate -s 40M "$IR/huge.cpio" &&
	QEMU_MEM=32M INITRD=$IR/huge.cpio km_run_image "$o" "$(ir_img kvm)" -- ls /; rc=$?
	cat "$o"
	rm -f "$IR/huge.cpio"
	[ $rc = 78 ] && expect_output "$o" "too little memory: .* and INITRD=$IR/huge.cpio \\(40960 KiB\\) do not fit in QEMU_MEM=32M .*try QEMU_MEM=[0-9]+M"
}

t_ir_kvm_missing() {
	local o=$IR/kvm-missing rc
	INITRD=$IR/no-such-file km_run_image "$o" "$(ir_img kvm)" -- ls /; rc=$?
	cat "$o"
	[ $rc = 127 ] && expect_output "$o" "run-kvm: INITRD=$IR/no-such-file: no such readable file"
}

check "initrd: filetree builds (musl, initrd, linuxu and kvm)" t_ir_build b initrd
check "initrd: filetree builds (newlib, initrd, linuxu and kvm)" t_ir_build nl initrd-newlib
check "initrd: a 500-file tree archived by cpio(1) in newc, crc and odc" t_ir_archives
check "initrd: a small archive and its damaged copies" t_ir_small
for fmt in newc crc odc; do
	check "initrd: linuxu: the $fmt tree byte for byte" t_ir_tree linuxu $fmt
done
check "initrd: linuxu: hard links are one file" t_ir_hardlinks linuxu
check "initrd: newlib, linuxu: the newc tree byte for byte" t_ir_tree linuxu newc "" nl
check "initrd: newlib, linuxu: a truncated archive: status 70, member and offset named" \
	t_ir_bad linuxu truncated-header "member #2 at byte 112: truncated header" nl
check "initrd: make run INITRD=<relative path>" t_ir_make_run
for d in "${IR_DAMAGE[@]}"; do
	check "initrd: linuxu: ${d%%|*}: status 70, member and offset named" t_ir_bad linuxu "${d%%|*}" "${d#*|}"
done
check "initrd: linuxu: device nodes and FIFOs skipped with a warning each; dev/ merges with /dev" t_ir_special
check "initrd: linuxu: a missing host file: one line, status 70" t_ir_missing
check "initrd: linuxu: absolute member names without their parents (find /abs | cpio -o)" t_ir_absolute
check "initrd: linuxu.initrd= without lib/initrd is an unknown parameter (64)" t_ir_no_lib
if [ "$IR_PLATS" != linuxu ]; then
	check "initrd: kvm microvm (PVH): the newc tree byte for byte" t_ir_tree kvm newc microvm
	check "initrd: kvm pc (multiboot): the odc tree byte for byte" t_ir_tree kvm odc pc
	check "initrd: kvm q35 (multiboot): the crc tree byte for byte" t_ir_tree kvm crc q35
	check "initrd: kvm: hard links are one file" t_ir_hardlinks kvm
	check "initrd: newlib, kvm microvm: the odc tree byte for byte" t_ir_tree kvm odc microvm nl
	for d in "truncated-header" "size-past-end" "gzip"; do
		for e in "${IR_DAMAGE[@]}"; do
			[ "${e%%|*}" = "$d" ] && check "initrd: kvm: $d: status 70, member and offset named" t_ir_bad kvm "$d" "${e#*|}"
		done
	done
	check "initrd: kvm: a missing INITRD file is run-kvm's error (127)" t_ir_kvm_missing
	check "initrd: kvm: an INITRD larger than QEMU_MEM allows: 78 before QEMU, a size that fits named" t_ir_kvm_too_big
	check "initrd: kvm: -initrd on an image without lib/initrd stops with 64" t_ir_kvm_no_lib
fi
