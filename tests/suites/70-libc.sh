# The C library choice, musl (lib/musl), and the fetch step under it
# (support/build/fetch.mk, support/scripts/fetch, support/scripts/objcache):
# helloworld with CONFIG_LIBMUSL=y builds with an empty object cache and runs
# on linuxu and kvm through musl's printf; a second app with the same musl
# inputs reuses the cached libc.a (no musl compile, bounded time) and exits
# with main's status through musl's exit; a wrong checksum names both sums;
# no source and no network names the file to supply; KM_SRC_MUSL takes a
# tarball; the object cache keys on its inputs and survives two builds of
# one key at once; apt runs on private state only.
#
# The suite's caches are private (KM_CACHE_DIR=$KM_TMP/...), so "empty
# cache" is real; the musl tarball is fetched through apt (the first check,
# which needs the apt sources to be reachable, as .ci/run does) unless the
# user's download cache has it.
LC=$KM_TMP/libc
HELLO=$KM_ROOT/apps/helloworld
ARGAPP=$KM_ROOT/tests/apps/argstatus
LC_CACHE=$LC/cache
MUSL_FILE=musl_1.2.3.orig.tar.gz
MUSL_SHA=$(sed -n 's/.*call fetch,libmusl,[^)]*,\([0-9a-f]\{64\}\))).*/\1/p' "$KM_ROOT/lib/musl/Makefile.uk")
mkdir -p "$LC_CACHE/src"
lc_user_src=${XDG_CACHE_HOME:-$HOME/.cache}/kumiki/src/$MUSL_FILE
[ -f "$lc_user_src" ] && cp "$lc_user_src" "$LC_CACHE/src/"

# lc_build APP OUT DEFCONFIG-LINES [make args]: a clean build with the suite's cache.
lc_build() { km_build_clean "$1" "$2" "$LC_CACHE" "${@:3}"; }

t_fetch_apt() {
	local c=$LC/aptcache before after
	before=$(ls -l --full-time /etc/apt /etc/apt/sources.list.d /var/lib/apt/lists 2>&1 | md5sum)
	KM_CACHE_DIR=$c "$KM_ROOT/support/scripts/fetch" libmusl musl 1.2.3-1 "$MUSL_FILE" "$MUSL_SHA" \
		"$KM_ROOT/lib/musl/patches" "$LC/apt-origin" || return 1
	after=$(ls -l --full-time /etc/apt /etc/apt/sources.list.d /var/lib/apt/lists 2>&1 | md5sum)
	[ "$before" = "$after" ] || { echo "the system's apt files changed"; return 1; }
	[ "$(cat "$LC/apt-origin/.km-source")" = "$MUSL_SHA" ] && test -f "$LC/apt-origin/src/stdio/printf.c" &&
	grep -q km_syscall "$LC/apt-origin/arch/x86_64/syscall_arch.h" || return 1
	grep -q deb-src "$c/apt/etc/parts/"* || return 1
	[ -f "$LC_CACHE/src/$MUSL_FILE" ] || cp "$c/src/$MUSL_FILE" "$LC_CACHE/src/"
}
check "fetch: musl from Debian's source archive with private apt state" t_fetch_apt

# fetch --show PACKAGE: the fetch line for Debian's current source, so a
# user porting a program needs no deb-src of their own. Its version, file
# and sum are checked by fetching with them (the tarball the check above
# cached must match the sum); an unknown package is one line and 1.
t_fetch_show() {
	local c=$LC/aptcache line args rc
	line=$(KM_CACHE_DIR=$c "$KM_ROOT/support/scripts/fetch" --show musl libmusl) || return 1
	echo "$line"
	echo "$line" | grep -qE '^\$\(eval \$\(call fetch,libmusl,musl,[^,]+,musl_[^,]+\.orig\.tar\.gz,[0-9a-f]{64}\)\)$' || return 1
	args=$(echo "$line" | sed 's/.*call fetch,\([^)]*\)).*/\1/' | tr ',' ' ')
	# shellcheck disable=SC2086
	KM_OFFLINE=1 KM_CACHE_DIR=$c "$KM_ROOT/support/scripts/fetch" $args "$KM_ROOT/lib/musl/patches" "$LC/show-origin" || return 1
	KM_CACHE_DIR=$c "$KM_ROOT/support/scripts/fetch" --show no-such-package-km > "$LC/show.out" 2>&1; rc=$?
	[ $rc = 1 ] && [ "$(wc -l < "$LC/show.out")" = 1 ] && expect_output "$LC/show.out" 'no source package no-such-package-km'
}
check "fetch --show: the fetch line for Debian's current source, and it fetches" t_fetch_show

t_hello() {
	local plat=$1 o=$LC/hello-$1 t0 dt
	t0=$(date +%s.%N)
	lc_build "$HELLO" "$o" "CONFIG_PLAT_$(echo "$plat" | tr a-z A-Z)=y\nCONFIG_LIBMUSL=y\n" > "$o.build" 2>&1 ||
		{ cat "$o.build"; return 1; }
	dt=$(echo "$(date +%s.%N) - $t0" | bc)
	echo "clean build ($(grep -Eo '(BUILD|CACHED)   musl' "$o.build")): ${dt}s"
	km_run_image "$o.out" "$o/helloworld_$plat-x86_64" -- one || { echo "exit status $?"; cat "$o.out"; return 1; }
	expect_output "$o.out" '^Hello, world!$' && expect_output "$o.out" '^argv\[1\]: one$' || return 1
	# musl's, not nolibc's: musl's vfprintf and __init_libc are linked.
	nm "$o/helloworld_$plat-x86_64.dbg" > "$o.nm" &&
	expect_output "$o.nm" ' T __init_libc$' && expect_output "$o.nm" ' T printf_core$|t printf_core$' || return 1
	echo "stripped image: $(stat -c %s "$o/helloworld_$plat-x86_64") bytes"
}
check "musl: helloworld builds (empty object cache) and runs on linuxu" t_hello linuxu
if km_have_qemu; then
	check "musl: helloworld builds and runs on kvm" t_hello kvm
else
	skip "musl: helloworld on kvm" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi

# A second app, clean, with the same musl inputs: the cached libc.a is
# copied, never rebuilt; main's status leaves through musl's exit().
t_second_app() {
	local o=$LC/argstatus t0 dt lib rc
	lib=$(ls -d "$LC_CACHE"/obj/musl-*/lib/libc.a) && [ "$(echo "$lib" | wc -l)" = 1 ] ||
		{ echo "expected one cached musl, have: $lib"; return 1; }
	touch -d @1000000000 "$lib"
	t0=$(date +%s.%N)
	lc_build "$ARGAPP" "$o" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\n' V=1 > "$o.build" 2>&1 || { cat "$o.build"; return 1; }
	dt=$(echo "$(date +%s.%N) - $t0" | bc)
	echo "clean build with musl cached: ${dt}s"
	expect_output "$o.build" '^  CACHED  musl-' || return 1
	! grep -E 'BUILD   musl|origin/src/.*\.c$' "$o.build" || { echo "musl was compiled again"; return 1; }
	[ "$(stat -c %Y "$lib")" = 1000000000 ] || { echo "the cached libc.a was rewritten"; return 1; }
	[ "$(ls -d "$LC_CACHE"/obj/musl-* | wc -l)" = 1 ] || return 1
	# The proof of reuse is above (nothing compiled, the cache untouched);
	# the time is only bounded: a rebuild takes minutes, a loaded machine
	# can double a 5 s build (the 10 s target is measured by tests/bench/libc-musl).
	[ "$(echo "$dt < 60" | bc)" = 1 ] || { echo "took ${dt}s, more than 60 s"; return 1; }
	km_run_image "$o.out" "$o/argstatus_linuxu-x86_64" -- a status=7; rc=$?
	[ $rc = 7 ] || { echo "exit status $rc, expected 7"; cat "$o.out"; return 1; }
	expect_output "$o.out" '^argv\[1\]=\[a\]$'
}
check "musl: a second app reuses the cached libc.a and exits with main's status" t_second_app

# abort() in an image without lib/posix-signal (helloworld's musl
# defconfigs): raising SIGABRT answers -ENOSYS, and musl falls back on
# a_crash(), whose `hlt` waited forever in ring 0 on kvm. Now a crash
# report and 125 on every platform. Cached musl: ~5 s build, 1 s boot.
t_abort_nosignal() {
	local o=$LC/abort plat rc
	lc_build "$ARGAPP" "$o" "CONFIG_PLAT_LINUXU=y\n$(km_have_qemu && echo 'CONFIG_PLAT_KVM=y\n')CONFIG_LIBMUSL=y\n# CONFIG_LIBPOSIX_SIGNAL is not set\n" \
		> "$o.build" 2>&1 || { cat "$o.build"; return 1; }
	! grep -q '^CONFIG_LIBPOSIX_SIGNAL=y' "$o/.config" || return 1
	for plat in linuxu $(km_have_qemu && echo kvm); do
		timeout 60 bash -c 'km_run_image "$@"' - "$o.$plat" "$o/argstatus_$plat-x86_64" -- abort; rc=$?
		echo "$plat: status $rc"
		[ $rc = 125 ] && expect_output "$o.$plat" '^\[crash\] +#0 0x[0-9a-f]+ abort\+0x' || return 1
	done
}
check "musl without lib/posix-signal: abort() gives the crash report and 125, never a hang (linuxu, kvm)" t_abort_nosignal

# The compiler is part of the key: CC=clang builds its own musl (with
# clang, as its .comment says) next to gcc's, and the image runs.
t_clang() {
	local o=$LC/clang
	command -v clang > /dev/null || { echo "clang not installed: nothing to check"; return 0; }
	lc_build "$HELLO" "$o" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\n' CC=clang > "$o.build" 2>&1 || { cat "$o.build"; return 1; }
	expect_output "$o.build" '^  BUILD   musl-' || return 1
	[ "$(find "$LC_CACHE/obj" -mindepth 1 -maxdepth 1 -name 'musl-*' | wc -l)" = 2 ] || return 1
	readelf -p .comment "$o/lib/musl/sysroot/lib/libc.a" > "$o.comment" 2>/dev/null
	expect_output "$o.comment" 'clang version' || return 1
	km_run_image "$o.out" "$o/helloworld_linuxu-x86_64" && expect_output "$o.out" '^Hello, world!$'
}
check "musl: CC=clang builds its own cached libc.a, and the image runs" t_clang

t_bad_sum() {
	local o=$LC/badsum want_err
	mkdir -p "$LC/bad/musl-1.2.3" && echo "not musl" > "$LC/bad/musl-1.2.3/README" &&
	tar -czf "$LC/bad.tar.gz" -C "$LC/bad" musl-1.2.3 || return 1
	! lc_build "$HELLO" "$o" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\n' KM_SRC_MUSL="$LC/bad.tar.gz" > "$o.build" 2>&1 ||
		{ echo "a wrong tarball was accepted"; return 1; }
	want_err="error: libmusl: KM_SRC_MUSL=$LC/bad.tar.gz: sha256 mismatch: expected $MUSL_SHA, got $(sha256sum "$LC/bad.tar.gz" | cut -d' ' -f1)"
	expect_output "$o.build" "^$want_err\$" && [ ! -e "$o/lib/musl/origin" ]
}
check "fetch: a checksum mismatch is an error naming both sums" t_bad_sum

t_no_source() {
	local o=$LC/nosrc
	! KM_OFFLINE=1 KM_CACHE_DIR=$LC/empty km_build_app "$HELLO" "$o" defconfig DEFCONFIG=defconfigs/linuxu-x86_64-musl > /dev/null 2>&1 || true
	! KM_OFFLINE=1 KM_CACHE_DIR=$LC/empty km_build_app "$HELLO" "$o" > "$o.build" 2>&1 || { echo "built without a source"; return 1; }
	expect_output "$o.build" "^error: libmusl: no source: $MUSL_FILE \(sha256 $MUSL_SHA\) is not in the cache $LC/empty/src and offline \(KM_OFFLINE=1\); supply it: make KM_SRC_MUSL=/path/to/$MUSL_FILE \(or an unpacked folder\)$" &&
	[ "$(grep -c '^error' "$o.build")" = 1 ]
}
check "fetch: no source and no network names the file and KM_SRC_MUSL" t_no_source

# KM_SRC_MUSL with the real tarball, and an empty download cache: it is
# unpacked from there; the object cache still has the build.
t_src_tarball() {
	local o=$LC/srctar
	cp "$LC_CACHE/src/$MUSL_FILE" "$LC/$MUSL_FILE" && rm -f "$LC_CACHE/src/$MUSL_FILE" || return 1
	lc_build "$HELLO" "$o" 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\n' KM_SRC_MUSL="$LC/$MUSL_FILE" KM_OFFLINE=1 > "$o.build" 2>&1
	local rc=$?
	cp "$LC/$MUSL_FILE" "$LC_CACHE/src/"
	[ $rc = 0 ] || { cat "$o.build"; return 1; }
	[ "$(cat "$o/lib/musl/origin/.km-source-path")" = "$LC/$MUSL_FILE" ] || return 1
	km_run_image "$o.out" "$o/helloworld_linuxu-x86_64" && expect_output "$o.out" '^Hello, world!$'
}
check "fetch: KM_SRC_MUSL=<tarball> is used" t_src_tarball

# An unpacked folder is used as it is (patched in the build's copy), with
# a warning that it carries no pinned sum.
t_src_folder() {
	local d=$LC/srcdir
	mkdir -p "$d" && tar -xf "$LC_CACHE/src/$MUSL_FILE" -C "$d" --strip-components=1 || return 1
	KM_SRC_MUSL=$d KM_OFFLINE=1 KM_CACHE_DIR=$LC/empty "$KM_ROOT/support/scripts/fetch" libmusl musl 1.2.3-1 \
		"$MUSL_FILE" "$MUSL_SHA" "$KM_ROOT/lib/musl/patches" "$LC/dir-origin" 2> "$LC/dir.err" || { cat "$LC/dir.err"; return 1; }
	expect_output "$LC/dir.err" "^warning: libmusl: KM_SRC_MUSL=$d is a folder: used as is, without the pinned checksum$" &&
	grep -q km_syscall "$LC/dir-origin/arch/x86_64/syscall_arch.h" && ! grep -q km_syscall "$d/arch/x86_64/syscall_arch.h" &&
	grep -q '^folder:[0-9a-f]\{64\}$' "$LC/dir-origin/.km-source"
}
check "fetch: KM_SRC_MUSL=<folder> is used, with a warning" t_src_folder

# objcache alone, with a trivial build: the key follows the key file, and
# two builds of one key at once leave one complete folder.
t_objcache() {
	local c=$LC/oc k1 k2
	printf 'flags=-O2\n' > "$LC/oc.key"
	lc_oc() { KM_CACHE_DIR=$c "$KM_ROOT/support/scripts/objcache" t "$1" "$LC/oc.key" -- \
		sh -c 'mkdir -p "$KM_OBJCACHE_DEST" && sleep 1 && echo built > "$KM_OBJCACHE_DEST/f"'; }
	lc_oc "$LC/oc1" > "$LC/oc1.stdout" & lc_oc "$LC/oc2" > "$LC/oc2.stdout"
	wait $! || return 1
	[ "$(ls -A "$c/obj")" = "$(cat "$LC/oc1/.km-key")" ] && [ "$(cat "$LC/oc2/f")" = built ] || { ls -A "$c/obj"; return 1; }
	k1=$(cat "$LC/oc1/.km-key")
	lc_oc "$LC/oc3" > "$LC/oc3.stdout" && expect_output "$LC/oc3.stdout" "CACHED  $k1" || return 1
	printf 'flags=-Os\n' > "$LC/oc.key"
	lc_oc "$LC/oc4" > "$LC/oc4.stdout" && k2=$(cat "$LC/oc4/.km-key") && [ "$k1" != "$k2" ] &&
	expect_output "$LC/oc4.stdout" "BUILD   $k2"
}
check "objcache: keyed by its inputs, safe when two builds race" t_objcache

# libcsmoke: heap, float printf, errno, __thread, atexit, exit status, the
# environment from env.vars= and getpid through lib/syscall.
t_smoke() {
	local o=$LC/smoke
	lc_build "$KM_ROOT/tests/apps/libcsmoke" "$o" "$(cat "$KM_ROOT/tests/apps/libcsmoke/defconfigs/musl")\n" > "$o.build" 2>&1 ||
		{ cat "$o.build"; return 1; }
	km_run_libcsmoke "$o" linuxu $(km_have_qemu && echo kvm)
}
check "musl: heap, float printf, errno, __thread, atexit, env.vars, getpid and exit status (linuxu, kvm)" t_smoke

# A defconfig asking for something its dependencies forbid (a library's
# in-image tests without lib/test) is told, with file and line, that the
# value was not applied (Kconfig alone would silently drop it). musl with
# lib/sched is no such case any more: both stay on, without a warning.
t_unmet() {
	local o=$LC/unmet
	printf 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\nCONFIG_LIBPOSIX_PROCESS_TESTS=y\n' > "$o.defconfig"
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG="$o.defconfig" > "$o.out" 2>&1 || { cat "$o.out"; return 1; }
	expect_output "$o.out" "^$o.defconfig:3: warning: CONFIG_LIBPOSIX_PROCESS_TESTS=y not applied \(unmet dependencies or a select decide it\): it is n$" &&
	[ "$(grep -c warning "$o.out")" = 1 ] && grep -q '^CONFIG_LIBMUSL=y$' "$o/.config" || return 1
	printf 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBSCHED=y\nCONFIG_LIBMUSL=y\n' > "$o.defconfig"
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG="$o.defconfig" > "$o.out" 2>&1 || { cat "$o.out"; return 1; }
	! grep warning "$o.out" && grep -q '^CONFIG_LIBMUSL=y$' "$o/.config" && grep -q '^CONFIG_LIBSCHED=y$' "$o/.config"
}
check "a defconfig value Kconfig does not apply is a warning naming it; musl with lib/sched is none" t_unmet
