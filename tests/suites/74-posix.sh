# POSIX behaviour through musl and newlib as an unmodified program sees it
# (issue 8, "What users must see"): tests/apps/posixtest, ordinary C with
# standard headers only, built once with CONFIG_LIBMUSL=y and once with
# CONFIG_LIBNEWLIB=y for linuxu and kvm (QEMU, TCG here). Each command prints "ok:"/"FAIL:" lines and exits with its
# failure count; the suite also checks what only the outside sees: exit
# statuses, the order of stdout and stderr on one console (buffering), one
# -ENOSYS warning per call, the syscall.trace=1 lines, stdin fed to scanf
# and stdout as a pipe (linuxu). Times: sleeps at most PT_LATE_MS late
# (50 ms on linuxu, 250 ms under TCG); the wall clock within 10 s of the
# host's date.
PTAPP=$KM_ROOT/tests/apps/posixtest
PB=$KM_TMP/posix
PT_PLATS=linuxu
if km_have_qemu; then
	PT_PLATS="linuxu kvm"
else
	skip "posix: kvm images" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
fi

pt_img() { echo "$PB/posixtest_$1-x86_64"; }
pt_late_ms() { if [ "$1" = kvm ]; then echo 250; else echo 50; fi; }

# PT_LIBC (musl, then newlib below) picks the defconfig; PT_LIBC_SYMBOL
# is a function only that libc has, to show it is the one linked.
PT_LIBC=musl
PT_LIBC_SYMBOL=__init_libc
t_pt_build() {
	mkdir -p "$PB" && km_build_app "$PTAPP" "$PB" defconfig DEFCONFIG=defconfigs/$PT_LIBC > /dev/null &&
	km_build_app "$PTAPP" "$PB" > "$PB.build" 2>&1 || { cat "$PB.build"; return 1; }
	! grep -E 'warning|error' "$PB.build" || return 1
	nm "$PB/posixtest_linuxu-x86_64.dbg" | grep -q " T $PT_LIBC_SYMBOL\$"
}

# t_pt_cmd PLAT NAME [boot params] -- COMMAND ARGS: every check ok, status 0.
t_pt_cmd() {
	local plat=$1 o=$PB/$1-$2.out rc
	shift 2
	km_run_image "$o" "$(pt_img "$plat")" "$@"; rc=$?
	cat "$o"
	[ $rc = 0 ] || { echo "exit status $rc"; return 1; }
	! grep -q '^FAIL' "$o" && expect_output "$o" '^ok: ' && expect_output "$o" ': 0 failures$'
}

t_pt_time() { t_pt_cmd "$1" time -- time "$(date +%s)" 10; }
t_pt_sleep() {
	t_pt_cmd "$1" sleep -- sleep "$(pt_late_ms "$1")" && [ "$(grep -c '^ok: .* is on time' "$PB/$1-sleep.out")" = 6 ]
}
t_pt_env() {
	t_pt_cmd "$1" env 'env.vars=HOME=/root,PT_LIST=a\,b,EMPTY=' -- env HOME=/root PT_LIST=a,b EMPTY= &&
	expect_output "$PB/$1-env.out" '^getenv\(PT_LIST\) = a,b$'
}

# t_pt_exit PLAT CODE HOW: the status is CODE; handlers in reverse order
# and the unflushed tail out, except with _Exit.
t_pt_exit() {
	local o=$PB/$1-exit-$3.out rc
	km_run_image "$o" "$(pt_img "$1")" -- exit "$2" "$3"; rc=$?
	cat "$o"
	[ $rc = "$2" ] || { echo "exit status $rc, want $2"; return 1; }
	if [ -n "$PT_SETVBUF_FLUSHES" ]; then
		# newlib's setvbuf writes out what is buffered (calling it
		# after output is undefined in C; musl keeps the buffer): the
		# tail is out before the handlers run, whatever the exit.
		[ "$(grep -o 'handler [0-9]' "$o" | tr -d '\n')" = "$([ "$3" = _Exit ] || echo "handler 3handler 2handler 1")" ]
		return
	fi
	if [ "$3" = _Exit ]; then
		! grep -q 'atexit\|unflushed' "$o"
		return
	fi
	[ "$(grep -o 'handler [0-9]' "$o" | tr -d '\n')" = "handler 3handler 2handler 1" ] &&
	expect_output "$o" '^exit: unflushed tail'
}

# t_pt_buffering PLAT MODE LINES...: stdout and stderr interleave as MODE says.
t_pt_buffering() {
	local plat=$1 mode=$2 o=$PB/$1-buf-$2.out
	shift 2
	t_pt_cmd "$plat" "buf-$mode" -- buffering "$mode" > /dev/null || { cat "$o"; return 1; }
	grep -E '^(\||full|line|none|flushed)' "$o" > "$o.body"
	printf '%s\n' "$@" | diff - "$o.body"
}

t_pt_enosys() {
	local o=$PB/$1-enosys.out
	t_pt_cmd "$1" enosys -- enosys || return 1
	[ "$(grep -c 'libsyscall: warn: system call 246 (kexec_load) is not implemented: -ENOSYS$' "$o")" = 1 ] &&
	[ "$(grep -c 'libposix_process: warn: fork: .*-ENOSYS$' "$o")" = 1 ] && [ "$(grep -c 'warn:' "$o")" = 2 ]
}

t_pt_trace() {
	local o=$PB/$1-trace.out
	t_pt_cmd "$1" trace syscall.trace=1 -- trace || return 1
	expect_output "$o" '^syscall: getpid\(\) = 1$' &&
	expect_output "$o" '^syscall: write\(1, 0x[0-9a-f]+, 6\) = 6$' &&
	expect_output "$o" '^syscall: clock_gettime\(1, 0x[0-9a-f]+\) = 0$' &&
	expect_output "$o" '^syscall: close\(99\) = -9 EBADF$' &&
	expect_output "$o" "^syscall: open\\(0x[0-9a-f]+, $PT_OPEN_FLAGS, 0, 0, 0, 0\\) = -38 ENOSYS\$" &&
	expect_output "$o" '^syscall: exit_group\(0\) = \?$' &&
	km_run_image "$o.off" "$(pt_img "$1")" -- trace && ! grep -q '^syscall:' "$o.off"
}

# linuxu: Kumiki's log (the -ENOSYS warnings) and the syscall trace go to
# the host's stderr, never into the program's stdout (a compressor's data
# through a pipe).
t_pt_log_stderr() {
	local o=$PB/linuxu-stderr
	timeout 60 "$(pt_img linuxu)" syscall.trace=1 -- enosys > "$o.out" 2> "$o.err"
	cat "$o.out" "$o.err"
	expect_output "$o.out" '^ok: ' && expect_output "$o.err" 'libsyscall: warn: system call 246' &&
	expect_output "$o.err" '^syscall: kexec_load\(.* = -38 ENOSYS$' &&
	! grep -E 'warn:|^syscall:|^\[ *[0-9]+\.[0-9]+\] ' "$o.out"
}

# linuxu: stdin is the host's.
t_pt_scanf() {
	local o=$PB/linuxu-scanf.out rc
	printf '42 hello 3.5\nline two\n' | timeout 60 "$(pt_img linuxu)" -- scanf > "$o" 2>&1; rc=$?
	cat "$o"
	[ $rc = 0 ] && ! grep -q '^FAIL' "$o" && expect_output "$o" '^scanf: 0 failures$'
}

# linuxu: stdout a pipe (and a file) is fully buffered, as on Linux with
# musl: A goes out at the first write, C and E at exit, after D. PT_PIPE_ORDER
# is the order of A..E: musl decides at its first write, so A is out at once;
# newlib decides before it, so A waits for exit too. Both are C's "fully
# buffered when not interactive".
t_pt_pipe() {
	local o=$PB/linuxu-pipe.out want
	want=$(printf 'default: %s' $PT_PIPE_ORDER)
	timeout 60 "$(pt_img linuxu)" -- default-buffering 2>&1 | cat > "$o" || return 1
	timeout 60 "$(pt_img linuxu)" -- default-buffering > "$o.file" 2>&1 || return 1
	cat "$o"
	expect_output "$o" '^isatty\(1\) = 0$' &&
	[ "$(grep -o '^default: [A-E]' "$o" | tr -d '\n')" = "$want" ] &&
	[ "$(grep -o '^default: [A-E]' "$o.file" | tr -d '\n')" = "$want" ]
}

# linuxu: stdout a terminal (a pty from script(1)) is line buffered.
t_pt_tty() {
	local o=$PB/linuxu-tty.out
	command -v script > /dev/null || { echo "script(1) not installed (bsdutils): no terminal to test"; return 0; }
	timeout 60 script -qec "$(pt_img linuxu) -- default-buffering" /dev/null < /dev/null | tr -d '\r' > "$o" || return 1
	cat "$o"
	expect_output "$o" '^isatty\(1\) = 1$' &&
	[ "$(grep -o '^default: [A-E]' "$o" | tr -d '\n')" = "default: Adefault: Bdefault: Cdefault: Ddefault: E" ]
}

# pt_suite: the checks, for the libc PT_LIBC names.
pt_suite() {
check "posix: posixtest builds with $PT_LIBC for linuxu and kvm, no warning" t_pt_build
for plat in $PT_PLATS; do
	if [ ! -x "$(pt_img "$plat")" ]; then
		skip "posix on $plat" "the image did not build"
		continue
	fi
	check "posix on $plat: clocks (getres, MONOTONIC monotonic, REALTIME near the host's date), gettimeofday, time" t_pt_time "$plat"
	check "posix on $plat: nanosleep, clock_nanosleep, usleep, sleep never early, at most $(pt_late_ms "$plat") ms late" t_pt_sleep "$plat"
	check "posix on $plat: env.vars reaches getenv and environ; setenv, unsetenv, putenv" t_pt_env "$plat"
	check "posix on $plat: exit(7) runs atexit handlers in reverse and flushes stdio" t_pt_exit "$plat" 7 exit
	check "posix on $plat: main's return value 5 through atexit" t_pt_exit "$plat" 5 return
	check "posix on $plat: _Exit(9) skips atexit handlers and stdio" t_pt_exit "$plat" 9 _Exit
	check "posix on $plat: setjmp/longjmp, sigsetjmp/siglongjmp" t_pt_cmd "$plat" jmp -- jmp
	check "posix on $plat: locale \"C\"" t_pt_cmd "$plat" locale -- locale
	check "posix on $plat: printf and sscanf families" t_pt_cmd "$plat" printf -- printf
	check "posix on $plat: setvbuf _IOFBF: stdout waits for fflush" t_pt_buffering "$plat" full \
		'|B||D|' 'full: AC' 'full: E' 'flushed'
	check "posix on $plat: setvbuf _IOLBF: stdout out at each newline" t_pt_buffering "$plat" line \
		'|B|line: AC' '|D|' 'line: E' 'flushed'
	check "posix on $plat: setvbuf _IONBF: stdout out at once" t_pt_buffering "$plat" none \
		'none: A|B|C' '|D|' 'none: E' 'flushed'
	check "posix on $plat: libm against known values and edge cases" t_pt_cmd "$plat" math -- math
	check "posix on $plat: getrandom (differs, uniform, EINVAL, EFAULT)" t_pt_cmd "$plat" random -- random
	check "posix on $plat: syscall(SYS_kexec_load) and fork: -1/ENOSYS, one warning each" t_pt_enosys "$plat"
	check "posix on $plat: syscall.trace=1 traces $PT_LIBC's calls" t_pt_trace "$plat"
done
# Boot parameters are parsed before the C library is set up (musl: no thread
# pointer yet):
# a numeric one must not touch errno (it crashed in __errno_location).
t_pt_numeric_param() {
	local o=$PB/numeric-param rc
	km_run_image "$o" "$(pt_img linuxu)" linuxu.heap_size=0x2000000 -- exit 7 exit; rc=$?
	cat "$o"
	[ $rc = 7 ] || { echo "exit status $rc, want 7"; return 1; }
	km_run_image "$o" "$(pt_img linuxu)" linuxu.heap_size=99999999999999999999 -- exit 7 exit; rc=$?
	cat "$o"
	[ $rc = 64 ] && expect_output "$o" 'linuxu.heap_size'
}
if [ -x "$(pt_img linuxu)" ]; then
	check "posix on linuxu: a numeric boot parameter is parsed before $PT_LIBC is set up" t_pt_numeric_param
	check "posix on linuxu: scanf, getchar and fgets read the host's stdin to EOF" t_pt_scanf
	check "posix on linuxu: stdout to a pipe or a file is fully buffered (isatty 0)" t_pt_pipe
	check "posix on linuxu: stdout to a terminal is line buffered (isatty 1)" t_pt_tty
	check "posix on linuxu: the log and the syscall trace on stderr, not in stdout" t_pt_log_stderr
	check "posix on linuxu: _POSIX_VERSION; getrlimit/setrlimit, getrusage, getpriority/setpriority" \
		t_pt_cmd linuxu resource -- resource
	check "posix on linuxu: <endian.h>: BYTE_ORDER, htobe*/be*toh/htole*/le*toh" t_pt_cmd linuxu endian -- endian
	check "posix on linuxu: the program is compiled hosted (__STDC_HOSTED__ 1)" t_pt_cmd linuxu hosted -- hosted
fi
}
# musl's open() adds O_LARGEFILE (32768); newlib's off_t is 64-bit already.
PT_OPEN_FLAGS=32768
PT_PIPE_ORDER="A B D C E"
pt_suite

# linuxu's clocks: the monotonic clock from the TSC calibrated against the
# host's vDSO by default, the vDSO on every read with linuxu.tsc=n, the
# system call with linuxu.vdso=n; the clock checks pass every way
# (plat/linuxu/tests/host checks the lookup against the host's own vDSO,
# suite 10). clockrate runs across the TSC's calibration (20 ms) and its
# first recalibration (1 s): never backwards, REALTIME's rate, also when a
# busy loop shares the CPU.
# The same while a busy loop shares the CPU: the host preempts the image
# between the TSC and host clock reads of its calibration (a skew the
# calibration must not take for a rate).
t_pt_clock_contended() {
	command -v taskset > /dev/null || { echo "taskset not installed (util-linux): not contended"; return 0; }
	local busy i rc=0
	taskset -c 0 sh -c 'while :; do :; done' & busy=$!
	for i in 1 2 3; do
		taskset -c 0 timeout 60 "$(pt_img linuxu)" -- clockrate 1500 > "$PB/linuxu-contended-$i.out" 2>&1 || rc=1
		cat "$PB/linuxu-contended-$i.out"
	done
	kill "$busy"; wait "$busy" 2> /dev/null
	return $rc
}
t_pt_vdso() {
	local o=$PB/linuxu-vdso.out
	t_pt_cmd linuxu vdso-on print.level=debug -- time "$(date +%s)" 10 > /dev/null &&
	if grep -qw constant_tsc /proc/cpuinfo && grep -qw nonstop_tsc /proc/cpuinfo; then
		expect_output "$PB/linuxu-vdso-on.out" 'liblinuxuplat: clock: TSC, calibrated against the host vDSO$'
	else
		expect_output "$PB/linuxu-vdso-on.out" 'liblinuxuplat: clock: host vDSO$'
	fi &&
	t_pt_cmd linuxu clockrate -- clockrate 1500 > /dev/null &&
	t_pt_clock_contended &&
	t_pt_cmd linuxu tsc-off print.level=debug linuxu.tsc=n -- time "$(date +%s)" 10 > /dev/null &&
	expect_output "$PB/linuxu-tsc-off.out" 'liblinuxuplat: clock: host vDSO$' &&
	t_pt_cmd linuxu tsc-off-rate linuxu.tsc=n -- clockrate 300 > /dev/null &&
	t_pt_cmd linuxu vdso-off print.level=debug linuxu.vdso=n -- time "$(date +%s)" 10 > /dev/null &&
	expect_output "$PB/linuxu-vdso-off.out" 'liblinuxuplat: clock: host system call$' &&
	t_pt_cmd linuxu vdso-off-sleep linuxu.vdso=n -- sleep "$(pt_late_ms linuxu)" > /dev/null || return 1
	# Seen from the host: no clock_gettime system call through the vDSO,
	# one per read (200000 and more) without it.
	command -v strace > /dev/null || { echo "strace not installed: host calls not counted"; return 0; }
	# (tracing 200000 system calls takes long: the REALTIME check gets a
	# tolerance that covers the run, since only the calls are counted here)
	strace -c -e trace=clock_gettime -o "$o.on" "$(pt_img linuxu)" -- time "$(date +%s)" 120 > "$o.on.out" &&
	strace -c -e trace=clock_gettime -o "$o.off" "$(pt_img linuxu)" linuxu.vdso=n -- time "$(date +%s)" 120 > "$o.off.out" ||
		{ cat "$o.on.out" "$o.off.out"; return 1; }
	cat "$o.on" "$o.off"
	! grep -q clock_gettime "$o.on" &&
	[ "$(awk '$NF == "clock_gettime" { print $(NF - 1) }' "$o.off")" -ge 200000 ]
}
[ -x "$(pt_img linuxu)" ] && check "posix on linuxu: clocks from the TSC, through the host's vDSO (linuxu.tsc=n), by system call (linuxu.vdso=n)" t_pt_vdso

# The same program with newlib (lib/newlib's POSIX additions, patches
# 0003's longjmp); where newlib legitimately differs, the check says so.
PB=$KM_TMP/posix-newlib
PT_LIBC=newlib
PT_LIBC_SYMBOL=__getreent
PT_OPEN_FLAGS=0
PT_SETVBUF_FLUSHES=1
PT_PIPE_ORDER="B D A C E"
pt_suite
