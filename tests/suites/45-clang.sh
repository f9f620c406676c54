# clang as the second compiler (CC=clang; Debian's clang 14): helloworld,
# the in-image tests, alloctest and schedtest build and run on linuxu and on
# kvm (QEMU); crash reports still symbolize; the host unit tests pass; allyesconfig (CONFIG_WERROR=y)
# builds without a warning. Flags only one family knows never reach the
# other, switching CC rebuilds every object, nolibc's mem*/str* never call
# themselves under either compiler, a clang without compiler-rt links
# against gcc's libgcc, and a CC that is no compiler is refused in one line.
CB=$KM_TMP/clang
HELLO=$KM_ROOT/apps/helloworld

if ! command -v clang > /dev/null 2>&1; then
	skip "clang: all" "clang not installed (Debian package clang)"
	return 0 2>/dev/null || exit 0
fi
CL_PLATS=linuxu
if km_have_qemu; then
	CL_PLATS="linuxu kvm"
else
	skip "clang: kvm images" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi

# cl_build APP DIR PLAT [make args]: the app's defconfig for PLAT, built with
# clang; the linked image must say so in its .comment.
cl_build() {
	local app=$1 o=$2 plat=$3
	shift 3
	km_build_app "$app" "$o" CC=clang defconfig DEFCONFIG="defconfigs/$plat-x86_64" > /dev/null &&
	km_build_app "$app" "$o" CC=clang "$@" || return 1
	readelf -p .comment "$o/$(basename "$app")_$plat-x86_64.dbg" > "$o/comment"
	expect_output "$o/comment" 'clang version' && ! grep 'GCC:' "$o/comment"
}

# cl_run OUT IMAGE [ARGS...]: boot it; status 0 and a complete TAP run
cl_run_tap() {
	local out=$1 rc
	shift
	km_run_image "$out" "$@"; rc=$?
	cat "$out"
	[ $rc -eq 0 ] || { echo "image exited $rc"; return 1; }
	km_expect_tap "$out"
}

t_hello() {
	local plat=$1 o=$CB/hello-$1
	cl_build "$HELLO" "$o" "$plat" || return 1
	km_run_image "$o.out" "$o/helloworld_$plat-x86_64" -- one || { echo "exit status $?"; cat "$o.out"; return 1; }
	expect_output "$o.out" '^Hello, world!$' && expect_output "$o.out" '^argv\[1\]: one$' || return 1
	echo "stripped image: $(stat -c %s "$o/helloworld_$plat-x86_64") bytes"
	# The init tables clang laid out run in the order boot-order.txt lists
	# (kvm: on pc as well, the run above was on microvm).
	QEMU_MACHINE=pc km_run_image "$o.debug" "$o/helloworld_$plat-x86_64" print.level=debug || return 1
	grep -v '^#' "$o/boot-order.txt" > "$o.order.want" && test -s "$o.order.want" &&
	sed -n 's/^.*libboot: init //p' "$o.debug" > "$o.order.got" &&
	diff -u "$o.order.want" "$o.order.got" || return 1
	[ "$plat" = kvm ] || return 0
	expect_output "$o.debug" 'booted by multiboot,' || return 1
	# Built with gas, the symbol table hid an empty first entry that clang's
	# assembler rejects: every code symbol of the first pass is in it.
	local first
	first=$(nm -n --defined-only "$o/helloworld_kvm-x86_64.dbg.pass1" |
		awk '$2 ~ /^[tTwW]$/ && $3 !~ /^(\.|__km_)/ { print $3; exit }')
	grep -qx "	.asciz \"$first\"" "$o/helloworld_kvm-x86_64.dbg.syms.S" ||
		{ echo "first code symbol $first missing from the symbol table"; return 1; }
}

t_unittests() {
	local plat=$1 o=$CB/ut-$1
	cl_build "$KM_ROOT/tests/apps/unittests" "$o" "$plat" &&
	cl_run_tap "$o.tap" "$o/unittests_$plat-x86_64"
}

t_alloctest() {
	local plat=$1 o=$CB/alloc-$1
	cl_build "$KM_ROOT/tests/apps/alloctest" "$o" "$plat" &&
	cl_run_tap "$o.tap" "$o/alloctest_$plat-x86_64"
}

# Under preemption: timer interrupts and signals land in clang's code.
t_schedtest() {
	local plat=$1 o=$CB/sched-$1 args=()
	mkdir -p "$o" &&
	sed 's/CONFIG_LIBSCHED_COOP=y/CONFIG_LIBSCHED_PREEMPT=y/' "$KM_ROOT/tests/apps/schedtest/defconfigs/$plat-x86_64" > "$o/defconfig" &&
	km_build_app "$KM_ROOT/tests/apps/schedtest" "$o" CC=clang defconfig DEFCONFIG="$o/defconfig" > /dev/null &&
	km_build_app "$KM_ROOT/tests/apps/schedtest" "$o" CC=clang || return 1
	[ "$plat" = linuxu ] && args=(linuxu.heap_size=64M)
	cl_run_tap "$o.tap" "$o/schedtest_$plat-x86_64" "${args[@]}" &&
	expect_output "$o.tap" 'scheduler preempt$'
}

for p in $CL_PLATS; do
	check "clang: helloworld builds and runs on $p" t_hello "$p"
	check "clang: in-image unit tests pass on $p" t_unittests "$p"
	check "clang: alloctest passes on $p" t_alloctest "$p"
	check "clang: schedtest passes on $p (sched-preempt)" t_schedtest "$p"
done

# Frame pointers and the symbol table work for clang's code too.
t_crash() {
	local o=$CB/crash rc
	km_build_app "$KM_ROOT/apps/crashtest" "$o" CC=clang defconfig DEFCONFIG=defconfigs/kvm-x86_64 > /dev/null &&
	km_build_app "$KM_ROOT/apps/crashtest" "$o" CC=clang || return 1
	km_run_image "$o.out" "$o/crashtest_kvm-x86_64" -- null; rc=$?
	cat "$o.out"
	[ $rc -eq 125 ] &&
	expect_output "$o.out" '^\[crash\] page fault \(#PF\)' &&
	expect_output "$o.out" '^\[crash\]   #0 0x[0-9a-f]+ crash_null\+0x' &&
	expect_output "$o.out" '^\[crash\] +#[0-9]+ +0x[0-9a-f]+ main\+0x'
}
if km_have_qemu; then
	check "clang: kvm crash report names the faulting function and main" t_crash
fi

# Every option on, both platforms, warnings as errors.
t_werror() {
	local o=$CB/allyes
	km_build_app "$KM_ROOT/tests/apps/unittests" "$o" CC=clang allyesconfig > /dev/null &&
	grep -q '^CONFIG_WERROR=y' "$o/.config" &&
	km_build_app "$KM_ROOT/tests/apps/unittests" "$o" CC=clang > "$o.log" 2>&1
	local rc=$?
	cat "$o.log"
	[ $rc -eq 0 ] && ! grep -q 'warning:' "$o.log"
}
check "clang: allyesconfig with CONFIG_WERROR=y builds without a warning" t_werror

# One build folder, gcc -> clang -> gcc: each switch recompiles every object,
# and the gcc-only flag is in nolibc's flag record with gcc only.
t_switch() {
	local o=$CB/switch cc stamp=$CB/switch.stamp stale
	km_build_app "$HELLO" "$o" defconfig > /dev/null || return 1
	for cc in gcc clang gcc; do
		touch "$stamp"
		km_build_app "$HELLO" "$o" CC=$cc > /dev/null || return 1
		stale=$(find "$o" -name '*.o' ! -path "$o/tools/*" ! -newer "$stamp")
		[ -z "$stale" ] || { echo "CC=$cc: not rebuilt:"; echo "$stale"; return 1; }
		if [ $cc = gcc ]; then
			grep -q -- '-fno-tree-loop-distribute-patterns' "$o/lib/nolibc/.flags" || { echo "gcc lost its flag"; return 1; }
		else
			! grep -- '-fno-tree-loop-distribute-patterns' "$o/lib/nolibc/.flags" || { echo "gcc-only flag given to clang"; return 1; }
		fi
		readelf -p .comment "$o/helloworld_linuxu-x86_64.dbg"
	done
}
check "clang: switching CC rebuilds every object; family-only flags stay with their family" t_switch

# A copy/fill/length loop must not be compiled into a call to memset,
# memcpy or strlen, or nolibc's own versions recurse. A probe of such loops
# is compiled with the flags nolibc's mem.c got (from its flag record), and
# nolibc's real objects must not call themselves.
t_no_libcall_loops() {
	local cc o flags calls
	cat > "$CB/probe.c" <<-'EOF'
	#include <stddef.h>
	void fill(unsigned char *p, int c, size_t n) { for (size_t i = 0; i < n; i++) p[i] = (unsigned char)c; }
	void copy(unsigned char *restrict a, const unsigned char *restrict b, size_t n) { for (size_t i = 0; i < n; i++) a[i] = b[i]; }
	size_t len(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
	EOF
	for cc in gcc clang; do
		o=$CB/hello-$cc-nolibc
		km_build_app "$HELLO" "$o" CC=$cc defconfig > /dev/null && km_build_app "$HELLO" "$o" CC=$cc > /dev/null || return 1
		# .flags: CC | C flags | asm flags | file:flags...
		flags="$(cut -d'|' -f2 "$o/lib/nolibc/.flags") $(grep -o 'mem\.c:[^ ]*' "$o/lib/nolibc/.flags" | cut -d: -f2-)"
		# shellcheck disable=SC2086
		$cc $flags -c -o "$o/probe.o" "$CB/probe.c" || return 1
		calls=$(objdump -dr "$o/probe.o" | grep -E 'R_X86_64_(PLT32|PC32)[[:space:]]+(memset|memcpy|strlen)')
		[ -z "$calls" ] || { echo "CC=$cc turns loops into library calls with nolibc's flags:"; echo "$calls"; return 1; }
		calls=$(objdump -dr "$o/lib/nolibc/mem.o" "$o/lib/nolibc/string.o" | awk '
			/^[0-9a-f]+ <.*>:$/ { fn = $2; gsub(/[<>:]/, "", fn) }
			/R_X86_64_(PLT32|PC32)/ { t = $3; sub(/[-+]0x[0-9a-f]+$/, "", t); if (t == fn) print fn " calls itself" }')
		[ -z "$calls" ] || { echo "CC=$cc:"; echo "$calls"; return 1; }
	done
}
check "clang and gcc: loops in nolibc never become calls to memset/memcpy/strlen" t_no_libcall_loops

# Host unit tests compile nolibc with the image's flags: with clang too.
t_host_units() {
	local mk dir
	for mk in "$KM_ROOT"/lib/*/tests/host/Makefile "$KM_ROOT"/plat/*/tests/host/Makefile "$KM_ROOT"/drivers/*/tests/host/Makefile; do
		[ -f "$mk" ] || continue
		dir=$(dirname "$mk")
		make -s -C "$dir" check CC=clang O="$CB/host/${dir//\//_}" > "$CB/host.log" 2>&1 ||
			{ cat "$CB/host.log"; return 1; }
		! grep 'warning: ' "$CB/host.log" || return 1
	done
}
check "clang: every host unit test builds without a warning and passes" t_host_units

# A clang built to use compiler-rt, without it installed, prints a path that
# does not exist for -print-libgcc-file-name: gcc's libgcc is linked instead.
t_no_compiler_rt() {
	local o=$CB/rt
	mkdir -p "$CB/bin" &&
	cat > "$CB/bin/clang-rt" <<-'EOF'
	#!/bin/sh
	case " $* " in
	*" --rtlib=libgcc "*) ;;
	*" -print-libgcc-file-name "*) echo /nonexistent/libclang_rt.builtins-x86_64.a; exit 0 ;;
	esac
	exec clang "$@"
	EOF
	chmod +x "$CB/bin/clang-rt" &&
	km_build_app "$HELLO" "$o" CC="$CB/bin/clang-rt" defconfig > /dev/null &&
	km_build_app "$HELLO" "$o" CC="$CB/bin/clang-rt" || return 1
	cat "$o/helloworld_linuxu-x86_64.link"; echo
	grep -q '/libgcc\.a' "$o/helloworld_linuxu-x86_64.link" &&
	"$o/helloworld_linuxu-x86_64" | grep -q '^Hello, world!$'
}
check "clang without compiler-rt links against gcc's libgcc" t_no_compiler_rt

# What the compiler says about itself is kept in the build folder: a no-op
# build, or one that compiles a file, asks it nothing; another CC is asked.
t_toolchain_cache() {
	local o=$CB/cache log=$CB/cc.log app=$CB/cache-app
	mkdir -p "$CB/bin" && rm -rf "$app" && cp -r "$HELLO" "$app" && rm -rf "$app/build" "$app/.config" &&
	printf '#!/bin/sh\necho "$*" >> %s\nexec "${REAL_CC:-gcc}" "$@"\n' "$log" > "$CB/bin/logcc" &&
	chmod +x "$CB/bin/logcc" &&
	km_build_app "$app" "$o" CC="$CB/bin/logcc" defconfig > /dev/null &&
	km_build_app "$app" "$o" CC="$CB/bin/logcc" > /dev/null &&
	grep -q -- '-dM -E' "$log" && : > "$log" &&
	km_build_app "$app" "$o" CC="$CB/bin/logcc" > /dev/null &&
	touch "$app/main.c" && km_build_app "$app" "$o" CC="$CB/bin/logcc" > /dev/null || return 1
	cat "$log"
	# one compile of main.c (the symbol-table link pass also assembles
	# with CC), and no question to the compiler
	[ "$(grep -c -- ' -c .*main\.c' "$log")" = 1 ] || { echo "expected one compile of main.c"; return 1; }
	! grep -E -- '-dM -E|-print-|--version' "$log" || { echo "the compiler was asked again"; return 1; }
	# another compiler is asked again (and everything recompiled)
	: > "$log"
	km_build_app "$app" "$o" CC=clang > /dev/null &&
	grep -q '^clang ' "$o/toolchain.cache.mk" || { cat "$o/toolchain.cache.mk"; return 1; }
}
check "the compiler's answers are kept: a rebuild asks it nothing, another CC is asked" t_toolchain_cache

# t_bad_cc CC REGEX: refused before compiling anything, with one line
t_bad_cc() {
	local o=$CB/badcc rc
	km_build_app "$HELLO" "$o" defconfig > /dev/null || return 1
	km_build_app "$HELLO" "$o" CC="$1" > "$o.log" 2>&1; rc=$?
	cat "$o.log"
	[ $rc -ne 0 ] && expect_output "$o.log" "$2" &&
	[ "$(grep -c 'CC=' "$o.log")" = 1 ] && ! grep -q '^  CC ' "$o.log"
}
check "CC=no-such-cc is refused: cannot be run" t_bad_cc no-such-cc 'CC=no-such-cc cannot be run \(command not found\)'
check "CC=true is refused: neither gcc nor clang" t_bad_cc true 'CC=true is neither gcc nor clang'
