# Unmodified third-party C programs on Kumiki's C libraries (issue 8): Lua
# 5.4's interpreter (apps/lua) and zlib's minigzip (apps/minigzip), fetched
# from Debian's source archive and compiled with only ordinary CFLAGS, with
# musl and with newlib. Each program is also built natively on the host
# from the same fetched source (gcc, glibc), and the outputs must be equal:
# - Lua: the scripts of tests/thirdparty/lua (strings, tables and GC, math,
#   coroutines, errors, os.time/os.date/os.clock), given as `-e` app
#   arguments, on linuxu and kvm; Kumiki's own log lines ("[  0.01] lib:
#   ...", e.g. the -ENOSYS warning of musl's open of /etc/localtime) are
#   left out of the comparison;
# - minigzip (linuxu: stdin and stdout are the host's pipes): the same
#   compressed bytes at levels 1, 6 and 9, round trips through both, the
#   host's gunzip reads Kumiki's output, and corrupt input fails the same;
# - files (issue 9): zlib's own test program `example` (writes and reads a
#   gz file) in / and on hostfs; minigzip FILE and -d FILE.gz on hostfs;
#   Lua running tests/thirdparty/lua/files/files.lua from an initrd (kvm)
#   and from hostfs (linuxu);
# - bzip2 1.0.8 (apps/bzip2): its own `make test` (the sample files
#   compressed at -1, -2, -3 to the shipped .bz2 bytes, and back), and
#   files on hostfs compressed and decompressed in place, keeping the
#   mode and mtime as native bzip2 does (utime, fchmod, fchown), with
#   native bzip2's statuses and messages for a missing or a bad file;
# - xz 5.4.1 (apps/xz: liblzma sets its CRC code up in a constructor, and
#   compresses on POSIX threads with -T2): the same bytes as the host's xz
#   5.4.1 through pipes, single- and multi-threaded, back again, a corrupt
#   stream failing as on the host; a hostfs file compressed and
#   decompressed in place keeping its mode and mtime (posix_fadvise,
#   futimens), a missing file's message and status as the host's.
# Needs a fetch of lua5.4 and zlib (the download cache, or apt).
TP=$KM_TMP/thirdparty
TP_LUA=$KM_ROOT/apps/lua
TP_MGZ=$KM_ROOT/apps/minigzip
TP_BZ2=$KM_ROOT/apps/bzip2
TP_XZ=$KM_ROOT/apps/xz
TP_SCRIPTS=$KM_ROOT/tests/thirdparty/lua
TP_LIBCS="musl newlib"
TP_LUA_PLATS=linuxu
if km_have_qemu; then
	TP_LUA_PLATS="linuxu kvm"
else
	skip "thirdparty: Lua on kvm" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi
mkdir -p "$TP"

# tp_build APP NAME DEFCONFIG: a build without warnings.
tp_build() {
	local o=$TP/$2
	km_build_app "$1" "$o" defconfig DEFCONFIG="defconfigs/$3" > /dev/null &&
	km_build_app "$1" "$o" > "$o.build" 2>&1 || { cat "$o.build"; return 1; }
	! grep -E 'warning|error' "$o.build"
}

# The host's build of the same fetched source (the musl build's origin).
t_lua_native() {
	local src=$TP/lua-musl/app/origin/src
	timeout 300 gcc -O2 -std=gnu99 -DLUA_USE_POSIX -DLUA_COMPAT_5_3 -o "$TP/lua-native" \
		$(ls "$src"/*.c | grep -v '/luac\.c$') -lm
}
# tp_zlib_native OUT PROGRAM: zlib and one of its test programs, as zlib's
# configure builds them on Linux.
tp_zlib_native() {
	local src=$TP/minigzip-musl/app/origin f
	timeout 300 gcc -O2 -DHAVE_UNISTD_H -DHAVE_STDARG_H -D_LARGEFILE64_SOURCE=1 -I"$src" \
		-o "$1" $(for f in adler32 crc32 deflate infback inffast inflate \
		inftrees trees zutil compress uncompr gzclose gzlib gzread gzwrite; do echo "$src/$f.c"; done) \
		"$src/test/$2.c"
}
t_mgz_native() { tp_zlib_native "$TP/minigzip-native" minigzip; }
t_example_native() { tp_zlib_native "$TP/example-native" example; }
# as bzip2's Makefile builds it
t_bz2_native() {
	local src=$TP/bzip2-musl/app/origin f
	timeout 300 gcc -O2 -D_FILE_OFFSET_BITS=64 -o "$TP/bzip2-native" $(for f in blocksort huffman \
		crctable randtable compress decompress bzlib bzip2; do echo "$src/$f.c"; done)
}

for libc in $TP_LIBCS; do
	check "thirdparty: Lua 5.4 builds with $libc (linuxu and kvm)" tp_build "$TP_LUA" "lua-$libc" "$libc"
	check "thirdparty: zlib's minigzip builds with $libc" tp_build "$TP_MGZ" "minigzip-$libc" "$libc"
	check "thirdparty: zlib's example builds with $libc" tp_build "$TP_MGZ" "example-$libc" "example-$libc"
	check "thirdparty: bzip2 builds with $libc" tp_build "$TP_BZ2" "bzip2-$libc" "$libc"
	check "thirdparty: xz builds with $libc" tp_build "$TP_XZ" "xz-$libc" "$libc"
done
check "thirdparty: Lua 5.4 builds natively (the comparison)" t_lua_native
check "thirdparty: minigzip builds natively (the comparison)" t_mgz_native
check "thirdparty: zlib's example builds natively (the comparison)" t_example_native
check "thirdparty: bzip2 builds natively (the comparison)" t_bz2_native

# A script on one line (the scripts have no comments), as the -e argument.
tp_script() { tr '\n' ' ' < "$TP_SCRIPTS/$1.lua"; }

# t_lua LIBC PLAT SCRIPT: Kumiki's output equals the native one.
t_lua() {
	local o=$TP/lua-$1-$2-$3 rc code
	code=$(tp_script "$3")
	timeout 60 "$TP/lua-native" -e "$code" > "$o.want" 2>&1 || { cat "$o.want"; return 1; }
	QEMU_MEM=256M km_run_image "$o.out" "$TP/lua-$1/lua_$2-x86_64" -- -e "$code"; rc=$?
	[ $rc = 0 ] || { cat "$o.out"; echo "exit status $rc"; return 1; }
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.out" > "$o.got"
	diff "$o.want" "$o.got" || return 1
	[ -s "$o.want" ]
}
for libc in $TP_LIBCS; do
	for plat in $TP_LUA_PLATS; do
		for s in strings tables math coroutines errors os; do
			check "thirdparty: Lua ($libc, $plat) $s.lua prints what native Lua prints" t_lua "$libc" "$plat" "$s"
		done
	done
done

# Lua's error status and message for a failing chunk: the same as native.
t_lua_error() {
	local o=$TP/lua-$1-error rc want
	timeout 60 "$TP/lua-native" -e "error('boom')" > "$o.want" 2>&1; want=$?
	timeout 60 "$TP/lua-$1/lua_linuxu-x86_64" -- -e "error('boom')" > "$o.out" 2>&1; rc=$?
	[ "$rc" = "$want" ] || { echo "exit status $rc, native $want"; return 1; }
	sed 's|^[^:]*lua[^:]*: |lua: |' "$o.want" > "$o.w"
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.out" | sed 's|^[^:]*lua[^:]*: |lua: |' > "$o.g"
	diff "$o.w" "$o.g"
}
for libc in $TP_LIBCS; do
	check "thirdparty: Lua ($libc) error() ends with native Lua's status and traceback" t_lua_error "$libc"
done

# Input: text, then incompressible bytes: 4.8 MB.
t_mgz_data() {
	{ seq 1 200000 | awk '{ print "line " $1 " of kumiki " ($1 * 7919 % 1000) }'
	  head -c 1000000 /dev/urandom; } > "$TP/data" && [ "$(stat -c %s "$TP/data")" -gt 4000000 ]
}
check "thirdparty: minigzip test data" t_mgz_data

# t_mgz LIBC LEVEL: compress through pipes, equal to native; round trips.
t_mgz() {
	local o=$TP/mgz-$1-$2 img=$TP/minigzip-$1/minigzip_linuxu-x86_64
	cat "$TP/data" | timeout 60 "$TP/minigzip-native" "-$2" > "$o.want" || return 1
	cat "$TP/data" | timeout 60 "$img" -- "-$2" > "$o.gz" || { echo "compress: status $?"; return 1; }
	cmp "$o.want" "$o.gz" || { echo "compressed bytes differ from native minigzip -$2"; return 1; }
	timeout 60 "$img" -- -d < "$o.want" | cmp - "$TP/data" || { echo "Kumiki cannot decompress native output"; return 1; }
	cat "$o.gz" | timeout 60 "$TP/minigzip-native" -d | cmp - "$TP/data" || return 1
	gzip -dc < "$o.gz" | cmp - "$TP/data"
}
for libc in $TP_LIBCS; do
	for level in 1 6 9; do
		check "thirdparty: minigzip ($libc) -$level through pipes: native bytes, round trips, gzip reads it" t_mgz "$libc" "$level"
	done
done

# Corrupt input: a failure status and message, as natively.
t_mgz_corrupt() {
	local o=$TP/mgz-$1-bad img=$TP/minigzip-$1/minigzip_linuxu-x86_64 rc want
	head -c 100000 "$TP/mgz-$1-6.gz" | tr 'a-f' 'A-F' > "$o.in"
	timeout 60 "$TP/minigzip-native" -d < "$o.in" > /dev/null 2> "$o.want"; want=$?
	timeout 60 "$img" -- -d < "$o.in" > /dev/null 2> "$o.err"; rc=$?
	cat "$o.want" "$o.err"
	[ "$want" != 0 ] && [ "$rc" = "$want" ] &&
	[ "$(sed 's/^[^:]*: //' "$o.want")" = "$(grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.err" | sed 's/^[^:]*: //')" ]
}
for libc in $TP_LIBCS; do
	check "thirdparty: minigzip ($libc) -d of corrupt data fails like native" t_mgz_corrupt "$libc"
done

# Files (issue 9). Each run gets a fresh host folder: tp_fresh DIR.
tp_fresh() { rm -rf "$1" && mkdir -p "$1"; }

# zlib's example: its output, and the gz file it writes and reads back,
# in the working folder (ramfs /) and on a hostfs folder, as natively.
t_example() {
	local o=$TP/example-$1 img=$TP/example-$1/minigzip_linuxu-x86_64 rc
	tp_fresh "$o.native" && (cd "$o.native" && timeout 60 "$TP/example-native") > "$o.want" 2>&1 ||
		{ cat "$o.want"; return 1; }
	[ -s "$o.native/foo.gz" ] || { echo "native example wrote no foo.gz"; return 1; }
	km_run_image "$o.ramfs" "$img"; rc=$?
	[ $rc = 0 ] || { cat "$o.ramfs"; echo "in /: exit status $rc"; return 1; }
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.ramfs" | diff "$o.want" - || return 1
	tp_fresh "$o.share" && km_run_image "$o.hostfs" "$img" "vfs.fstab=$o.share:/host:hostfs" -- /host/test.gz; rc=$?
	[ $rc = 0 ] || { cat "$o.hostfs"; echo "on hostfs: exit status $rc"; return 1; }
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.hostfs" | diff "$o.want" - || return 1
	cmp "$o.native/foo.gz" "$o.share/test.gz" || { echo "the gz file differs from native example's"; return 1; }
}
for libc in $TP_LIBCS; do
	check "thirdparty: zlib's example ($libc) passes, its gz file equal to native, on ramfs and hostfs" t_example "$libc"
done

# minigzip FILE compresses in place (FILE.gz, FILE removed), -d FILE.gz
# back, on a hostfs folder: the same bytes as native minigzip's.
t_mgz_files() {
	local o=$TP/mgz-$1-files img=$TP/minigzip-$1/minigzip_linuxu-x86_64
	tp_fresh "$o.native" && cp "$TP/data" "$o.native/data" && timeout 60 "$TP/minigzip-native" -9 "$o.native/data" || return 1
	tp_fresh "$o.share" && cp "$TP/data" "$o.share/data" || return 1
	km_run_image "$o.out" "$img" "vfs.fstab=$o.share:/host:hostfs" -- -9 /host/data ||
		{ cat "$o.out"; echo "compress: status $?"; return 1; }
	[ ! -e "$o.share/data" ] || { echo "data not removed after compression"; return 1; }
	cmp "$o.share/data.gz" "$o.native/data.gz" || return 1
	km_run_image "$o.out" "$img" "vfs.fstab=$o.share:/host:hostfs" -- -d /host/data.gz ||
		{ cat "$o.out"; echo "decompress: status $?"; return 1; }
	[ ! -e "$o.share/data.gz" ] && cmp "$o.share/data" "$TP/data"
}
for libc in $TP_LIBCS; do
	check "thirdparty: minigzip ($libc) compresses a hostfs file in place and back, native bytes" t_mgz_files "$libc"
done

# Lua runs a script file (tests/thirdparty/lua/files: a configuration file
# read, a module loaded, files written, appended, read, renamed, removed,
# os.tmpname's file, the errors of missing files): `lua DIR/files.lua DIR`
# from an initrd on kvm (/tmp in the archive), from a hostfs folder on
# linuxu (/tmp a ramfs by vfs.fstab). The output equals native Lua's.
TP_FILES=$KM_ROOT/tests/thirdparty/lua/files
t_lua_files_native() {
	tp_fresh "$TP/luafiles-native" && cp "$TP_FILES"/* "$TP/luafiles-native/" &&
	timeout 60 "$TP/lua-native" "$TP/luafiles-native/files.lua" "$TP/luafiles-native" > "$TP/luafiles.want" 2>&1 ||
		{ cat "$TP/luafiles.want"; return 1; }
	grep -qx done "$TP/luafiles.want"
}
check "thirdparty: native Lua runs files.lua (the comparison)" t_lua_files_native
t_lua_files_initrd() {
	local o=$TP/luafiles-$1-initrd rc
	tp_fresh "$o.tree" && mkdir -p "$o.tree/lua" "$o.tree/tmp" && cp "$TP_FILES"/* "$o.tree/lua/" &&
		(cd "$o.tree" && find . -mindepth 1 | cpio -o -H newc --quiet) > "$o.cpio" || return 1
	INITRD=$o.cpio QEMU_MEM=256M km_run_image "$o.out" "$TP/lua-$1/lua_kvm-x86_64" -- /lua/files.lua /lua; rc=$?
	[ $rc = 0 ] || { cat "$o.out"; echo "exit status $rc"; return 1; }
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.out" | diff "$TP/luafiles.want" -
}
t_lua_files_hostfs() {
	local o=$TP/luafiles-$1-hostfs rc
	tp_fresh "$o.share" && cp "$TP_FILES"/* "$o.share/" || return 1
	km_run_image "$o.out" "$TP/lua-$1/lua_linuxu-x86_64" "vfs.fstab=$o.share:/host:hostfs none:/tmp:ramfs" \
		-- /host/files.lua /host; rc=$?
	[ $rc = 0 ] || { cat "$o.out"; echo "exit status $rc"; return 1; }
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.out" | diff "$TP/luafiles.want" - || return 1
	# what the script removed is gone from the host folder too
	[ "$(ls "$o.share" | tr '\n' ' ')" = "files.lua module.lua settings.conf " ]
}
for libc in $TP_LIBCS; do
	check "thirdparty: Lua ($libc, linuxu) runs files.lua from hostfs as native Lua does" t_lua_files_hostfs "$libc"
	case " $TP_LUA_PLATS " in
	*" kvm "*) check "thirdparty: Lua ($libc, kvm) runs files.lua from an initrd as native Lua does" t_lua_files_initrd "$libc" ;;
	esac
done

# bzip2's own `make test`, through pipes.
t_bz2_samples() {
	local o=$TP/bz2-$1 img=$TP/bzip2-$1/bzip2_linuxu-x86_64 src=$TP/bzip2-$1/app/origin i
	for i in 1 2 3; do
		timeout 60 "$img" -- "-$i" < "$src/sample$i.ref" > "$o.rb$i" || { echo "-$i: status $?"; return 1; }
		cmp "$src/sample$i.bz2" "$o.rb$i" || return 1
		timeout 60 "$img" -- "-d$([ $i = 3 ] && echo s)" < "$src/sample$i.bz2" > "$o.tst$i" ||
			{ echo "-d: status $?"; return 1; }
		cmp "$src/sample$i.ref" "$o.tst$i" || return 1
	done
}
for libc in $TP_LIBCS; do
	check "thirdparty: bzip2 ($libc) passes its own make test" t_bz2_samples "$libc"
done

# bz2_run DIR OUT PROG ARGS...: PROG (a Kumiki image, or native bzip2)
# with DIR as /host; status and stderr (program name left out) in OUT.
bz2_run() {
	local d=$1 o=$2 prog=$3 rc
	shift 3
	if [ "$prog" = native ]; then
		(cd "$d" && timeout 60 "$TP/bzip2-native" "${@#/host/}") > /dev/null 2> "$o.raw"; rc=$?
	else
		timeout 60 "$prog" "vfs.fstab=$d:/host:hostfs" -- "$@" > /dev/null 2> "$o.raw"; rc=$?
	fi
	{ echo "status $rc"; grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.raw" | sed 's/^[^:]*: //; s|/host/||g'; } > "$o"
}

# bz2_session DIR PROG: compress, test, decompress, fail; the listing of
# DIR (modes, sizes, mtimes) after each step.
bz2_session() {
	local d=$1 prog=$2 step=0 args
	tp_fresh "$d" && cp "$TP/data" "$d/f" && chmod 640 "$d/f" && touch -d @1600000000 "$d/f" &&
	echo "not bzip2 data" > "$d/bad.bz2" && touch -d @1600000000 "$d/bad.bz2" || return 1
	for args in "-9 /host/f" "-t /host/f.bz2" "-k -d /host/f.bz2" "-f -d /host/f.bz2" \
		"-d /host/bad.bz2" "/host/missing"; do
		step=$((step + 1))
		# shellcheck disable=SC2086 # the arguments are words
		bz2_run "$d" "$d.step$step" "$prog" $args
		echo "== $args" && cat "$d.step$step" && (cd "$d" && stat -c '%n %a %s %Y' * | sort)
	done
}
t_bz2_files() {
	local o=$TP/bz2-$1-files
	bz2_session "$o.native" native > "$o.want" || return 1
	bz2_session "$o.share" "$TP/bzip2-$1/bzip2_linuxu-x86_64" > "$o.got" || return 1
	diff "$o.want" "$o.got" && cmp "$o.share/f" "$TP/data"
}
for libc in $TP_LIBCS; do
	check "thirdparty: bzip2 ($libc) on hostfs files: mode and mtime kept, errors as native" t_bz2_files "$libc"
done

# xz: the host's xz of the same version is the comparison (Debian's
# xz-utils 5.4.1 is always installed: dpkg needs it).
tp_host_xz() { command -v xz > /dev/null && xz --version 2> /dev/null | grep -qx 'xz (XZ Utils) 5.4.1'; }

# t_xz LIBC: through pipes, the host's bytes at -6 (one thread) and -3 -T2
# (two threads); the host's stream back; corrupt data fails as natively.
t_xz() {
	local o=$TP/xz-$1 img=$TP/xz-$1/xz_linuxu-x86_64 a rc want
	# 800 kB, text and incompressible bytes: a second each way
	{ head -c 600000 "$TP/data"; tail -c 200000 "$TP/data"; } > "$o.in" || return 1
	for a in "-6 -T1" "-3 -T2"; do
		# shellcheck disable=SC2086 # the arguments are words
		xz $a -c < "$o.in" > "$o.want" || return 1
		# shellcheck disable=SC2086
		timeout 60 "$img" -- $a -c < "$o.in" > "$o.xz" || { echo "$a: status $?"; return 1; }
		cmp "$o.want" "$o.xz" || { echo "xz $a: bytes differ from the host's xz"; return 1; }
	done
	timeout 60 "$img" -- -d -c < "$o.want" | cmp - "$o.in" || { echo "cannot decompress the host's stream"; return 1; }
	head -c 100000 "$o.want" | tr 'a-f' 'A-F' > "$o.bad"
	xz -d -c < "$o.bad" > /dev/null 2> "$o.bad.want"; want=$?
	timeout 60 "$img" -- -d -c < "$o.bad" > /dev/null 2> "$o.bad.err"; rc=$?
	cat "$o.bad.want" "$o.bad.err"
	[ "$want" != 0 ] && [ "$rc" = "$want" ] &&
	[ "$(sed 's/^[^:]*: //' "$o.bad.want")" = "$(grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$o.bad.err" | sed 's/^[^:]*: //')" ]
}

# xz_session DIR PROG: compress in place, test, decompress, a missing file;
# the listing (modes, sizes, mtimes) after each step.
xz_session() {
	local d=$1 prog=$2 args rc
	tp_fresh "$d" && head -c 1000000 "$TP/data" > "$d/f" && chmod 640 "$d/f" && touch -d @1600000000 "$d/f" || return 1
	for args in "-k -1 f" "-t f.xz" "-f -d f.xz" "-d missing.xz"; do
		if [ "$prog" = native ]; then
			# shellcheck disable=SC2086 # the arguments are words
			(cd "$d" && timeout 60 xz $args) > /dev/null 2> "$d.err"; rc=$?
		else
			# shellcheck disable=SC2086
			timeout 60 "$prog" "vfs.fstab=$d:/host:hostfs" -- $(echo " $args" | sed 's| \([a-z]\)| /host/\1|g') > /dev/null 2> "$d.err"; rc=$?
		fi
		echo "== $args: status $rc"
		grep -Ev '^\[ *[0-9]+\.[0-9]+\] ' "$d.err" | sed 's/^[^:]*: //; s|/host/||g'
		(cd "$d" && stat -c '%n %a %s %Y' * | sort)
	done
}
t_xz_files() {
	local o=$TP/xz-$1-files
	xz_session "$o.native" native > "$o.want" || return 1
	xz_session "$o.share" "$TP/xz-$1/xz_linuxu-x86_64" > "$o.got" || return 1
	diff "$o.want" "$o.got" && cmp "$o.share/f" <(head -c 1000000 "$TP/data")
}
if tp_host_xz; then
	for libc in $TP_LIBCS; do
		check "thirdparty: xz ($libc) through pipes, 1 and 2 threads: the host's xz 5.4.1 bytes; corrupt data fails alike" t_xz "$libc"
		check "thirdparty: xz ($libc) on hostfs files: mode and mtime kept, errors as the host's xz" t_xz_files "$libc"
	done
else
	skip "thirdparty: xz against the host's" "the host's xz is not XZ Utils 5.4.1 (Debian 12's xz-utils)"
fi
