# `make gdb`'s scripts (support/scripts/gdb-kvm, gdb-linuxu), driven by gdb
# commands on stdin (gdb runs them as in batch mode and quits at their end):
# the user's first `continue` stops at the user's breakpoint, backtraces go
# past main to the entry, main's argv[0] is the image's name as with
# `make run`, a busy gdb port is one line and a non-zero status.
HELLO=$KM_ROOT/apps/helloworld
G=$KM_TMP/gdb
S=$KM_ROOT/support/scripts

if ! command -v gdb > /dev/null 2>&1; then
	skip "gdb: all" "gdb not installed (Debian package gdb)"
	return 0 2>/dev/null || exit 0
fi

# A TCP port nobody listens on, from a range of its own per run
gdb_free_port() {
	local p
	for ((p = 20000 + $$ % 20000; p < 65000; p += 97)); do
		[ -z "$(ss -Htln "sport = :$p" 2>/dev/null)" ] && { echo $p; return; }
	done
	return 1
}

t_gdb_linuxu() {
	local img=$G/lu/helloworld_linuxu-x86_64
	km_build_app "$HELLO" "$G/lu" defconfig DEFCONFIG=defconfigs/linuxu-x86_64 &&
	km_build_app "$HELLO" "$G/lu" || return 1
	printf '%s\n' 'break main' run bt 'print argv[0]' continue |
		timeout -k 5 60 "$S/gdb-linuxu" "$img" -- one > "$G/lu.out" 2>&1
	cat "$G/lu.out"; echo
	expect_output "$G/lu.out" "^(\\(gdb\\) )?\\\$1 = 0x[0-9a-f]+ \"$img\"$" &&
	expect_output "$G/lu.out" '^#1 .* in km_boot ' &&
	expect_output "$G/lu.out" '^argv\[1\]: one$' &&
	! grep -q '\.dbg"$' "$G/lu.out"
}
check "gdb (linuxu): argv[0] is the image, as with make run; bt goes past main" t_gdb_linuxu

if ! km_have_qemu; then
	skip "gdb: kvm" "qemu-system-x86_64 not installed (Debian package qemu-system-x86)"
	return 0 2>/dev/null || exit 0
fi

t_gdb_kvm() {
	local img=$G/kvm/helloworld_kvm-x86_64 port
	km_build_app "$HELLO" "$G/kvm" defconfig DEFCONFIG=defconfigs/kvm-x86_64 &&
	km_build_app "$HELLO" "$G/kvm" || return 1
	port=$(gdb_free_port) || return 1
	printf '%s\n' 'break main' continue bt |
		GDB_PORT=$port timeout -k 5 120 "$S/gdb-kvm" "$img" -- one > "$G/kvm.out" 2>&1
	cat "$G/kvm.out"; echo
	# The first stop after the script's own is the user's breakpoint 2
	sed -n '/^gdb-kvm: stopped at kvm_start/,$p' "$G/kvm.out" > "$G/kvm.user"
	expect_output "$G/kvm.user" '^Breakpoint 2, main ' &&
	! grep -q '^Breakpoint 1,' "$G/kvm.user" &&
	expect_output "$G/kvm.user" '^#1 .* in km_boot ' &&
	expect_output "$G/kvm.user" '^#2 .* in kvm_start ' &&
	expect_output "$G/kvm.user" '^#3 .* in kvm_entry64 ' &&
	! grep -Eq '^#4 |\?\? \(\)' "$G/kvm.user"
}
check "gdb (kvm): the first continue stops at the user's breakpoint; bt main > km_boot > kvm_start > kvm_entry64" t_gdb_kvm

t_gdb_kvm_busy() {
	local img=$G/kvm/helloworld_kvm-x86_64 port qpid rc
	port=$(gdb_free_port) || return 1
	# Another QEMU holds the port (as another gdb session's would)
	qemu-system-x86_64 -M microvm -accel tcg -display none -nodefaults -S \
		-gdb "tcp:localhost:$port" > /dev/null 2>&1 &
	qpid=$!
	sleep 1
	echo continue | GDB_PORT=$port timeout -k 5 60 "$S/gdb-kvm" "$img" > "$G/busy.out" 2>&1
	rc=$?
	kill "$qpid"
	wait "$qpid" 2> /dev/null
	echo "status $rc"
	cat "$G/busy.out"; echo
	[ $rc -eq 1 ] &&
	expect_output "$G/busy.out" "^gdb-kvm: port $port is in use \(another gdb session\?\); pick a free one with GDB_PORT=$" &&
	[ "$(grep -c . "$G/busy.out")" -eq 1 ]
}
check "gdb (kvm): a busy GDB_PORT is one line and status 1" t_gdb_kvm_busy

t_gdb_kvm_mem() {
	local rc
	echo continue | QEMU_MEM=1M timeout -k 5 60 "$S/gdb-kvm" "$G/kvm/helloworld_kvm-x86_64" > "$G/mem.out" 2>&1
	rc=$?
	cat "$G/mem.out"; echo
	[ $rc -eq 78 ] && expect_output "$G/mem.out" '^kvm: too little memory: '
}
check "gdb (kvm): QEMU_MEM=1M is refused before QEMU starts, status 78" t_gdb_kvm_mem
