# The system call layer and the POSIX libraries (issue 8), without any
# libc but nolibc: tests/apps/syscalltest calls km_syscall() directly.
# On linuxu and kvm (QEMU, TCG here): every library's in-image tests (TAP;
# each call's results and -errno cases), the ChaCha20 generator forced
# with random.rdrand=0, one -ENOSYS warning per call number however often
# it is called, the syscall.trace=1 format, env.vars (good lists reach
# getenv, bad ones stop the boot with a message and status 64), kill and
# abort of itself (128 + signal; kvm carries it as 126), alarm's SIGALRM
# ending a sleep (and, on linuxu, a loop), exit_group's status. The build's
# coverage table lists every x86_64 call, doc/syscalls.md equals the one
# lib/syscall/gen-doc.sh makes, an unknown call name is a compile error
# and a call registered twice a link error, and a missing kernel header
# is named with its package.
SCT=$KM_ROOT/tests/apps/syscalltest
SB=$KM_TMP/syscall
SC_PLATS=linuxu
if km_have_qemu; then
	SC_PLATS="linuxu kvm"
else
	skip "syscall: kvm images" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi
UNISTD=/usr/include/x86_64-linux-gnu/asm/unistd_64.h

sc_img() { echo "$SB/$1/syscalltest_$1-x86_64"; }
# The status a platform carries out: kvm sends statuses above 125 as 126
# (doc/plat-kvm.md), linuxu all of 0-255.
sc_status() { if [ "$1" = kvm ] && [ "$2" -gt 125 ]; then echo 126; else echo "$2"; fi; }

t_sc_build() {
	km_build_app "$SCT" "$SB/$1" defconfig DEFCONFIG="defconfigs/$1-x86_64" &&
	km_build_app "$SCT" "$SB/$1" && [ -x "$(sc_img "$1")" ]
}

t_sc_tap() {
	local plat=$1 o=$SB/$1/tap.out rc
	shift
	km_run_image "$o" "$(sc_img "$plat")" "$@"; rc=$?
	cat "$o"
	[ $rc -eq 0 ] || { echo "exit $rc"; return 1; }
	km_expect_tap "$o" && expect_output "$o" '^syscalltest: main returns$'
}

t_sc_tap_all() {
	t_sc_tap "$1" || return 1
	local n
	n=$(grep -c '^ok .* - \(syscall\|posix_[a-z]*\|fdtab\)\.' "$SB/$1/tap.out")
	echo "$n syscall and POSIX tests"
	[ "$n" -ge 35 ]
}

t_sc_random_chacha() {
	t_sc_tap "$1" random.rdrand=0 test.filter=posix_random -- random &&
	expect_output "$SB/$1/tap.out" '^ok .* - posix_random\.getrandom_fills$' &&
	expect_output "$SB/$1/tap.out" '^random: chacha20 [0-9a-f]{32}$'
}

# Three calls of an unimplemented number and two of fork: one warning each.
t_sc_enosys() {
	local o=$SB/$1/enosys.out
	km_run_image "$o" "$(sc_img "$1")" test.filter=- -- enosys || { cat "$o"; return 1; }
	cat "$o"
	expect_output "$o" '^enosys: -38 -38 -38 -38 -38$' &&
	[ "$(grep -c 'libsyscall: warn: system call 246 (kexec_load) is not implemented: -ENOSYS$' "$o")" = 1 ] &&
	[ "$(grep -c 'libposix_process: warn: fork: .*single process.*-ENOSYS$' "$o")" = 1 ] &&
	[ "$(grep -c 'warn:' "$o")" = 2 ]
}

# nolibc: the constructor ran once before main, the destructor at exit.
t_sc_ctors() {
	local o=$SB/$1/ctors.out
	km_run_image "$o" "$(sc_img "$1")" test.filter=- -- ctors || { cat "$o"; return 1; }
	cat "$o"
	expect_output "$o" '^constructor: ran 1 time\(s\)$' && expect_output "$o" '^destructor: ran$'
}

t_sc_trace() {
	local o=$SB/$1/trace.out rc
	km_run_image "$o" "$(sc_img "$1")" test.filter=- syscall.trace=1 -- trace exit 3; rc=$?
	cat "$o"
	[ $rc -eq 3 ] || { echo "exit $rc, want 3"; return 1; }
	expect_output "$o" '^syscall: getpid\(\) = 1$' &&
	expect_output "$o" '^hello$' &&
	expect_output "$o" '^syscall: write\(1, 0x[0-9a-f]+, 6\) = 6$' &&
	expect_output "$o" '^syscall: close\(99\) = -9 EBADF$' &&
	expect_output "$o" '^syscall: clock_gettime\(1, 0x[0-9a-f]+\) = 0$' &&
	expect_output "$o" '^syscall: kexec_load\(0, 0, 0, 0, 0, 0\) = -38 ENOSYS$' &&
	expect_output "$o" '^syscall: exit_group\(3\) = \?$' &&
	! grep -q '^survived' "$o" &&
	# Without the parameter nothing is traced.
	km_run_image "$o.off" "$(sc_img "$1")" test.filter=- -- trace &&
	! grep -q '^syscall:' "$o.off"
}

t_sc_env() {
	local o=$SB/$1/env.out
	km_run_image "$o" "$(sc_img "$1")" test.filter=- 'env.vars=HOME=/root,LANG=C.UTF-8,X=a\,b' \
		env.vars=Y=2,HOME=/home/km -- env || { cat "$o"; return 1; }
	cat "$o"
	expect_output "$o" '^env: HOME=/home/km$' && expect_output "$o" '^env: LANG=C\.UTF-8$' &&
	expect_output "$o" '^env: X=a,b$' && expect_output "$o" '^env: Y=2$' &&
	expect_output "$o" '^HOME=/home/km$' && [ "$(grep -c '^env: ' "$o")" = 4 ]
}

# t_sc_env_bad PLAT WORD REASON
t_sc_env_bad() {
	local o=$SB/$1/envbad.out rc
	km_run_image "$o" "$(sc_img "$1")" test.filter=- "env.vars=$2" -- env; rc=$?
	cat "$o"
	[ $rc -eq 64 ] || { echo "exit $rc, want 64"; return 1; }
	expect_output "$o" "env\.vars: $3" &&
	expect_output "$o" 'boot parameter env\.vars: invalid value .*expected env-list' &&
	! grep -q '^env: ' "$o"
}

t_sc_kill() {
	local o=$SB/$1/kill.out rc
	km_run_image "$o" "$(sc_img "$1")" test.filter=- -- kill 15; rc=$?
	cat "$o"
	[ $rc -eq "$(sc_status "$1" 143)" ] || { echo "exit $rc, want $(sc_status "$1" 143)"; return 1; }
	expect_output "$o" 'killed by signal 15 \(SIGTERM\): exit status 143' &&
	! grep -q '^survived' "$o" &&
	km_run_image "$o.chld" "$(sc_img "$1")" test.filter=- -- kill 17 &&
	expect_output "$o.chld" '^survived$'
}

t_sc_abort() {
	local o=$SB/$1/abort.out rc
	km_run_image "$o" "$(sc_img "$1")" test.filter=- -- abort; rc=$?
	cat "$o"
	[ $rc -eq "$(sc_status "$1" 134)" ] || { echo "exit $rc, want $(sc_status "$1" 134)"; return 1; }
	expect_output "$o" '^abort: pending, not delivered yet$' &&
	expect_output "$o" 'killed by signal 6 \(SIGABRT\)' && ! grep -q '^survived' "$o"
}

# t_sc_alarm PLAT CMD: SIGALRM's default action ends the image at 1 s.
t_sc_alarm() {
	local o=$SB/$1/$2.out rc t0 t1
	t0=$(date +%s.%N)
	km_run_image "$o" "$(sc_img "$1")" test.filter=- -- "$2"; rc=$?
	t1=$(date +%s.%N)
	cat "$o"
	[ $rc -eq "$(sc_status "$1" 142)" ] || { echo "exit $rc, want $(sc_status "$1" 142)"; return 1; }
	expect_output "$o" '^alarm: 0$' && expect_output "$o" 'killed by signal 14 \(SIGALRM\)' &&
	! grep -q '^survived' "$o" &&
	awk -v d="$(echo "$t1 - $t0" | bc)" 'BEGIN { if (d >= 8) { print "took " d " s"; exit 1 } }'
}

t_sc_coverage() {
	local t=$SB/linuxu/syscalls.md n
	n=$(grep -c '^#define __NR_[a-z0-9_]* [0-9]*$' "$UNISTD")
	[ "$(grep -c '^| [0-9]* | ' "$t")" = "$n" ] || { echo "rows differ from the $n calls of $UNISTD"; return 1; }
	expect_output "$t" '^\| 39 \| getpid \| libposix_process \|$' &&
	expect_output "$t" '^\| 1 \| write \| libfdtab \|$' &&
	expect_output "$t" '^\| 246 \| kexec_load \| - \|$' &&
	expect_output "$t" "^[0-9]+ of $n x86_64 Linux system calls are implemented"
}

t_sc_doc() {
	cmp "$SB/linuxu/syscalls.md" "$KM_ROOT/doc/syscalls.md" || {
		diff "$KM_ROOT/doc/syscalls.md" "$SB/linuxu/syscalls.md" | head -n 20
		echo "doc/syscalls.md is stale: run lib/syscall/gen-doc.sh"
		return 1
	}
}

# t_sc_badlib NAME SOURCE REGEX: an L= library registering SOURCE fails to build.
t_sc_badlib() {
	local l=$SB/$1 o=$SB/$1-build
	mkdir -p "$l/$1"
	printf 'config LIB%s\n\tbool "test"\n\tdefault y\n' "$(echo "$1" | tr a-z A-Z)" > "$l/$1/Config.uk"
	printf '$(eval $(call addlib_s,lib%s,$(CONFIG_LIB%s)))\nLIB%s_SRCS-y += $(LIB%s_BASE)/bad.c\n' \
		"$1" "$(echo "$1" | tr a-z A-Z)" "$(echo "$1" | tr a-z A-Z)" "$(echo "$1" | tr a-z A-Z)" \
		> "$l/$1/Makefile.uk"
	printf '#include <km/syscall.h>\n%s\n' "$2" > "$l/$1/bad.c"
	km_build_app "$SCT" "$o" L="$l/$1" defconfig DEFCONFIG=defconfigs/linuxu-x86_64 || return 1
	if km_build_app "$SCT" "$o" L="$l/$1" > "$o.log" 2>&1; then
		echo "the build succeeded"; return 1
	fi
	expect_output "$o.log" "$3"
}

t_sc_no_header() {
	local rc
	sh "$KM_ROOT/lib/syscall/gen-tables.sh" nr /nonexistent/unistd_64.h > "$SB/nohdr.out" 2>&1; rc=$?
	cat "$SB/nohdr.out"
	[ $rc -ne 0 ] && expect_output "$SB/nohdr.out" '^error: /nonexistent/unistd_64.h is missing: .*linux-libc-dev'
}

mkdir -p "$SB"
for plat in $SC_PLATS; do
	check "syscall on $plat: syscalltest builds" t_sc_build "$plat"
	if [ ! -x "$(sc_img "$plat")" ]; then
		skip "syscall on $plat: runs" "the image did not build"
		continue
	fi
	check "syscall on $plat: every POSIX library's in-image tests pass (TAP)" t_sc_tap_all "$plat"
	check "syscall on $plat: getrandom through ChaCha20 (random.rdrand=0)" t_sc_random_chacha "$plat"
	check "syscall on $plat: -ENOSYS warns once per call number, naming it" t_sc_enosys "$plat"
	check "syscall on $plat: syscall.trace=1 prints calls strace style" t_sc_trace "$plat"
	check "syscall on $plat: nolibc runs C constructors before main and destructors at exit" t_sc_ctors "$plat"
	check "syscall on $plat: env.vars reaches the environment and getenv" t_sc_env "$plat"
	check "syscall on $plat: env.vars without '=' stops the boot, status 64" \
		t_sc_env_bad "$plat" 'HOME' "expected '=' after the KEY"
	check "syscall on $plat: env.vars with an empty entry stops the boot, status 64" \
		t_sc_env_bad "$plat" 'A=1,,B=2' "empty entry at offset 4"
	check "syscall on $plat: env.vars with a bad KEY stops the boot, status 64" \
		t_sc_env_bad "$plat" '1X=2' "a KEY starts with a letter"
	check "syscall on $plat: kill of itself ends the image with 128 + signal" t_sc_kill "$plat"
	check "syscall on $plat: a blocked SIGABRT ends the image when unblocked (134)" t_sc_abort "$plat"
	check "syscall on $plat: alarm(1) during a sleep ends the image (SIGALRM, 142)" t_sc_alarm "$plat" alarmsleep
	if [ "$plat" = linuxu ]; then
		check "syscall on linuxu: alarm(1) stops a loop that makes no call" t_sc_alarm "$plat" alarm
	fi
done
check "syscall: the build's coverage table lists every x86_64 call" t_sc_coverage
check "syscall: doc/syscalls.md equals lib/syscall/gen-doc.sh's table" t_sc_doc
check "syscall: registering a name that is no system call is a compile error" \
	t_sc_badlib badname 'KM_SYSCALL_DEFINE(not_a_call, 0) { return 0; }' 'KM_SYS_not_a_call'
check "syscall: a call registered by two libraries is a link error naming it" \
	t_sc_badlib twice 'KM_SYSCALL_DEFINE(getpid, 0) { return 2; }' 'multiple definition of .__km_syscall_owner_getpid'
check "syscall: a missing <asm/unistd_64.h> is named with its package" t_sc_no_header
