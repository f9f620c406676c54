# Files (issue 9): tests/apps/posixfs, ordinary C through the C library
# (musl, and newlib: the calls newlib lacks go through syscall() in
# tests/apps/posixfs/newlib_compat.c, and what its wrappers refuse is a
# "skip:" line), on linuxu and kvm: every file system call of lib/vfs with each errno case
# (open flags, data transfer, sparse files, directories, names, metadata,
# descriptors and record locks, pipes with blocking threads, poll/select,
# /dev, mount/umount2, ENOSPC with a small heap), each command printing
# ok/FAIL lines and exiting with its failure count. vfs.fstab: good
# entries mounted (mount points created), bad ones a message and status
# 64, a failing entry skipped, a "required" one stopping the boot. The same
# program built natively with musl-gcc passes on Linux's tmpfs (in a mount
# namespace and chroot of its own), which shows the tests ask for Linux's
# behaviour. lib/vfs's own lookup tests run in 35-unittests.
PFAPP=$KM_ROOT/tests/apps/posixfs
PFB=$KM_TMP/vfs
PF_PLATS=linuxu
if km_have_qemu; then
	PF_PLATS="linuxu kvm"
else
	skip "vfs: kvm images" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi
PF_CMDS="files dirs names meta fds pipes poll devfs mounts"

pf_img() { echo "$PFB/$1/posixfs_$2-x86_64"; } # LIBC PLAT

t_pf_build() {
	local o=$PFB/$1
	mkdir -p "$o" && km_build_app "$PFAPP" "$o" defconfig DEFCONFIG="defconfigs/$1" > /dev/null &&
	km_build_app "$PFAPP" "$o" > "$o.build" 2>&1 || { tail -30 "$o.build"; return 1; }
	! grep -E 'warning|error' "$o.build"
}

# t_pf_cmd LIBC PLAT NAME [boot params] -- COMMAND ARGS: all ok, status 0.
t_pf_cmd() {
	local libc=$1 plat=$2 o=$PFB/$1-$2-$3.out rc
	shift 3
	km_run_image "$o" "$(pf_img "$libc" "$plat")" "$@"; rc=$?
	cat "$o"
	[ $rc = 0 ] || { echo "exit status $rc"; return 1; }
	! grep -q '^FAIL' "$o" && expect_output "$o" '^ok: ' && expect_output "$o" ': 0 failures$'
}

t_pf_devfs() {
	t_pf_cmd "$1" "$2" devfs -- devfs > /dev/null || { cat "$PFB/$1-$2-devfs.out"; return 1; }
	local o=$PFB/$1-$2-devfs.out
	expect_output "$o" '^devfs: via /dev/console$' && expect_output "$o" '^devfs: via /dev/stdout$' &&
	expect_output "$o" '^devfs: via /dev/stderr$' && ! grep -q 'into the file' "$o"
}

# ENOSPC, never a crash: a small heap (linuxu) or a small guest (kvm).
t_pf_enospc() {
	if [ "$2" = kvm ]; then
		QEMU_MEM=12M t_pf_cmd "$1" "$2" enospc -- enospc
	else
		t_pf_cmd "$1" "$2" enospc linuxu.heap_size=8M -- enospc
	fi && expect_output "$PFB/$1-$2-enospc.out" '^ok: a write past the heap fails with ENOSPC$'
}

t_pf_fstab() {
	t_pf_cmd "$1" "$2" fstab 'vfs.fstab=none:/data/deep/mnt:ramfs tmp:/scratch:ramfs:ro  x:/n:ramfs:0x1:' \
		-- mounts ramfs:/data/deep/mnt ramfs:/scratch:ro ramfs:/n:ro
}

# Each vfs.fstab= occurrence adds its entries (make run SHARE= adds one).
t_pf_fstab_twice() {
	t_pf_cmd "$1" "$2" fstab2 'vfs.fstab=a:/one:ramfs' 'vfs.fstab=b:/two:ramfs:ro' \
		-- mounts ramfs:/one ramfs:/two:ro
}

# t_pf_fstab_bad LIBC PLAT VALUE MESSAGE: status 64 and MESSAGE, main never runs.
t_pf_fstab_bad() {
	local o=$PFB/$1-$2-fstab-bad.out rc
	km_run_image "$o" "$(pf_img "$1" "$2")" "vfs.fstab=$3" -- ls /; rc=$?
	cat "$o"
	[ $rc = 64 ] || { echo "exit status $rc, want 64"; return 1; }
	expect_output "$o" "vfs.fstab: entry '.*': .*$4" && expect_output "$o" 'boot parameter vfs.fstab: invalid value' &&
	! grep -q '^/dev' "$o"
}

# A failing entry is reported and skipped; a "required" one stops the boot.
t_pf_fstab_fail() {
	local o=$PFB/$1-$2-fstab-fail.out rc
	km_run_image "$o" "$(pf_img "$1" "$2")" 'vfs.fstab=x:/a:nofs y:/b:ramfs' -- ls /; rc=$?
	cat "$o"
	# An unknown type names the image's types and leaves no mount point.
	[ $rc = 0 ] && expect_output "$o" "vfs.fstab: cannot mount x on /a: no file system type 'nofs' in this image \\(it has: .*ramfs" &&
	expect_output "$o" '^/b dir' && ! grep -q '^/a dir' "$o" || return 1
	km_run_image "$o.req" "$(pf_img "$1" "$2")" 'vfs.fstab=x:/a:nofs:required' -- ls /; rc=$?
	cat "$o.req"
	[ $rc = 70 ] && expect_output "$o.req" "vfs.fstab: cannot mount x on /a: no file system type 'nofs'" &&
	! grep -q '^/dev' "$o.req"
}

# `help` lists vfs.fstab and exits 0, printed before the C library is up
# (with musl it used to crash: stdout's write failed and set errno).
t_pf_help() {
	local o=$PFB/$1-$2-help.out rc
	km_run_image "$o" "$(pf_img "$1" "$2")" help; rc=$?
	cat "$o"
	[ $rc = 0 ] && expect_output "$o" '^  vfs\.fstab +fstab +=' && ! grep -q crash "$o"
}

pf_checks() { # LIBC PLAT
	check "vfs on $2 ($1): help lists vfs.fstab" t_pf_help "$1" "$2"
	check "vfs on $2 ($1): open flags, read/write/pread/pwrite/readv/writev, lseek, ftruncate, fsync, sparse files" t_pf_cmd "$1" "$2" files -- files
	check "vfs on $2 ($1): mkdir, rmdir, getdents64/readdir, getcwd, chdir, fchdir" t_pf_cmd "$1" "$2" dirs -- dirs
	check "vfs on $2 ($1): rename(at/at2), unlink(at), link(at), symlink(at), readlink(at)" t_pf_cmd "$1" "$2" names -- names
	check "vfs on $2 ($1): stat family, statx, utimensat, chmod family, chown, access, umask, statfs" t_pf_cmd "$1" "$2" meta -- meta
	check "vfs on $2 ($1): dup family, fcntl, record locks, EMFILE" t_pf_cmd "$1" "$2" fds -- fds
	check "vfs on $2 ($1): pipe, pipe2, EPIPE, O_NONBLOCK, blocking readers and writers" t_pf_cmd "$1" "$2" pipes -- pipes
	check "vfs on $2 ($1): poll, ppoll, select, pselect on files and pipes" t_pf_cmd "$1" "$2" poll -- poll
	check "vfs on $2 ($1): /dev (null, zero, full, random, urandom, console, stdout)" t_pf_devfs "$1" "$2"
	check "vfs on $2 ($1): mount, umount2, EXDEV, EBUSY, read-only mounts" t_pf_cmd "$1" "$2" mounts -- mounts
	check "vfs on $2 ($1): realpath, mkfifo, pathconf, statvfs, scandir, glob, fnmatch, regex, nftw, ttyname, getline, basename, preadv/pwritev, tmpfile/mkstemp in /tmp" t_pf_cmd "$1" "$2" libc -- libc
	check "vfs on $2 ($1): a file that cannot grow gets ENOSPC" t_pf_enospc "$1" "$2"
	check "vfs on $2 ($1): vfs.fstab mounts each entry, creating mount points" t_pf_fstab "$1" "$2"
	check "vfs on $2 ($1): vfs.fstab twice: both values' entries are mounted" t_pf_fstab_twice "$1" "$2"
	check "vfs on $2 ($1): vfs.fstab with too few fields" t_pf_fstab_bad "$1" "$2" 'x:/a' 'expected <source>'
	check "vfs on $2 ($1): vfs.fstab with a relative mount point" t_pf_fstab_bad "$1" "$2" 'x:rel:ramfs' 'absolute'
	check "vfs on $2 ($1): vfs.fstab with an empty type" t_pf_fstab_bad "$1" "$2" 'a:/a:ramfs x:/b:' 'file system type is empty'
	check "vfs on $2 ($1): vfs.fstab with bad flags" t_pf_fstab_bad "$1" "$2" 'x:/a:ramfs:rx' 'flags'
	check "vfs on $2 ($1): vfs.fstab with a flag number that is not one" t_pf_fstab_bad "$1" "$2" 'x:/a:ramfs:99999999999999999999999z' 'not a number'
	check "vfs on $2 ($1): a failing vfs.fstab entry is skipped, a required one stops the boot" t_pf_fstab_fail "$1" "$2"
}

for libc in musl newlib; do
	check "vfs: posixfs builds with $libc for linuxu and kvm, no warning" t_pf_build "$libc"
done
for libc in musl newlib; do
	for plat in $PF_PLATS; do
		if [ ! -x "$(pf_img "$libc" "$plat")" ]; then
			skip "vfs on $plat ($libc)" "the image did not build"
			continue
		fi
		pf_checks "$libc" "$plat"
	done
done

# The same tests natively: Linux's tmpfs as / in a private mount namespace
# and chroot (device nodes made there, never the host's /dev).
t_pf_native() {
	local o=$PFB/native r=$PFB/native-root c
	mkdir -p "$r" && musl-gcc -static -O2 -o "$o" $(ls "$PFAPP"/*.c | grep -v newlib_compat) -lpthread || return 1
	for c in "files native" dirs names "meta native" fds pipes poll libc; do
		unshare -m sh -c "ulimit -n 1024 && mount -t tmpfs none '$r' && mkdir '$r/dev' '$r/proc' && mkdir -m 1777 '$r/tmp' &&
			for d in null:3 zero:5 full:7 random:8 urandom:9; do mknod -m 666 '$r/dev/'\${d%:*} c 1 \${d#*:}; done &&
			mount -t proc proc '$r/proc' && cp '$o' '$r/posixfs' && exec chroot '$r' /posixfs $c" > "$o.out" 2>&1 ||
			{ grep -v '^ok' "$o.out"; echo "native $c failed"; return 1; }
		grep -q '^FAIL' "$o.out" && { grep '^FAIL' "$o.out"; return 1; }
		echo "native $c: $(grep -c '^ok' "$o.out") ok"
	done
}
if ! command -v musl-gcc > /dev/null; then
	skip "vfs: native run" "musl-gcc not installed (Debian package musl-tools)"
elif [ "$(id -u)" != 0 ] || ! unshare -m true 2> /dev/null; then
	skip "vfs: native run" "needs root and unshare -m (a private mount namespace for tmpfs and chroot)"
else
	check "vfs: the same tests pass natively on Linux's tmpfs (musl-gcc)" t_pf_native
fi
