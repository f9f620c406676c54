# support/scripts/run-kvm's choices and statuses, against a fake QEMU (a
# script that plays a host where -cpu host aborts, or where KVM runs guests
# through its emulator), so they are tested on every machine, KVM or not.
R=$KM_TMP/runkvm
RUNKVM=$KM_ROOT/support/scripts/run-kvm

# fake-qemu: FAKE_MODE says how the "host" behaves:
#   msr       -cpu host aborts like QEMU 7.2 on some hosts, other models boot
#   emulator  every KVM guest stops with "KVM internal error" and QEMU waits
#   slow      every KVM guest runs on and on (every instruction trapping)
#   fail      QEMU refuses its options (exit 1)
#   exit=N    QEMU exits N (what the guest's isa-debug-exit write would give)
rk_setup() {
	mkdir -p "$R/bin" "$R/cache" && : > "$R/img" &&
	cat > "$R/bin/qemu-system-x86_64" <<'EOF'
#!/bin/sh
cpu= accel=tcg kernel=
while [ $# -gt 0 ]; do
	case $1 in -cpu) cpu=$2 ;; -accel) accel=$2 ;; -kernel) kernel=$2 ;; esac
	shift
done
echo "$accel $cpu $kernel" >> "$FAKE_LOG"
case $FAKE_MODE in
fail) echo "qemu-system-x86_64: -foo: invalid option" >&2; exit 1 ;;
exit=*) exit "${FAKE_MODE#exit=}" ;;
esac
if [ "$accel" = kvm ]; then
	case $FAKE_MODE:$cpu in
	msr:host | msr:host,-arch-capabilities)
		echo "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69" >&2
		echo "qemu-system-x86_64: ../target/i386/kvm/kvm.c:2893: kvm_buf_set_msrs: Assertion failed." >&2
		kill -ABRT $$ ;;
	emulator:*)
		echo "KVM internal error. Suberror: 1" >&2
		echo "emulation failure" >&2
		exec sleep 60 ;;
	slow:*) exec sleep 60 ;;
	esac
fi
case $kernel in */kvm-probe) exit 85 ;; esac
echo "guest ran"
exit 3
EOF
	chmod +x "$R/bin/qemu-system-x86_64"
}
check "run-kvm: fake QEMU set up" rk_setup

# rk MODE ARGS...: run-kvm with the fake QEMU and a private cache.
rk() {
	local mode=$1
	shift
	env QEMU_CPU="${RK_CPU:-}" PATH="$R/bin:$PATH" XDG_CACHE_HOME="$R/cache/$mode" FAKE_MODE=$mode \
		FAKE_LOG="$R/$mode.log" timeout 30 "$RUNKVM" "$@"
}

t_msr_fallback() {
	local out
	out=$(QEMU_ACCEL=kvm rk msr --probe 2> "$R/msr.err") || return 1
	cat "$R/msr.err"
	[ "$out" = "kvm -cpu qemu64" ] || { echo "chose '$out'"; return 1; }
	[ "$(wc -l < "$R/msr.err")" -eq 1 ] &&
	expect_output "$R/msr.err" 'failed to set MSR 0x10a.*using -cpu qemu64' &&
	# the image then runs with that model, and the choice is cached
	QEMU_ACCEL=kvm rk msr "$R/img" > "$R/msr.run" 2>&1 && expect_output "$R/msr.run" 'guest ran' &&
	[ "$(grep -c kvm-probe "$R/msr.log")" -eq 3 ] &&
	expect_output "$R/msr.log" 'kvm qemu64 .*/img$'
}
check "run-kvm: -cpu host aborts QEMU: falls back to a model KVM accepts, says so in one line" t_msr_fallback

t_emulator() {
	local rc
	QEMU_ACCEL=kvm rk emulator "$R/img" > "$R/emu.out" 2>&1
	rc=$?
	cat "$R/emu.out"
	[ $rc -eq 128 ] && expect_output "$R/emu.out" 'KVM cannot run the guest here: KVM runs the guest through its instruction emulator' || return 1
	# QEMU_CPU given: no probe, the run itself meets the internal error
	# and is stopped instead of hanging.
	QEMU_ACCEL=kvm RK_CPU=host rk emulator "$R/img" > "$R/emu2.out" 2>&1
	rc=$?
	cat "$R/emu2.out"
	[ $rc -eq 128 ] && expect_output "$R/emu2.out" 'stopped the guest on a KVM internal error'
}
check "run-kvm: a KVM that emulates guests is refused (128), never a hang" t_emulator

t_slow() {
	local rc t0=$SECONDS
	QEMU_ACCEL=kvm rk slow "$R/img" > "$R/slow.out" 2>&1
	rc=$?
	cat "$R/slow.out"
	echo "took $((SECONDS - t0)) s"
	[ $rc -eq 128 ] && expect_output "$R/slow.out" 'did not finish in 3 s' && [ $((SECONDS - t0)) -le 20 ]
}
check "run-kvm: a KVM guest that never finishes the probe is stopped after 3 s, refused (128)" t_slow

t_auto_tcg() {
	local out
	[ -c /dev/kvm ] || { echo "no /dev/kvm: auto mode picks TCG without probing"; }
	out=$(env -u QEMU_ACCEL bash -c 'rk emulator --probe' 2> "$R/auto.err")
	cat "$R/auto.err"
	[ "$out" = tcg ]
}
check "run-kvm: without a usable KVM the default is TCG" t_auto_tcg

t_statuses() {
	local rc
	QEMU_ACCEL=tcg rk exit=87 "$R/img"; rc=$?
	[ $rc -eq 42 ] || { echo "guest status: got $rc, want 42"; return 1; }
	QEMU_ACCEL=tcg rk exit=0 "$R/img" 2> "$R/st0.err"; rc=$?
	[ $rc -eq 129 ] && expect_output "$R/st0.err" 'without an exit status' || { echo "exit 0: $rc"; return 1; }
	QEMU_ACCEL=tcg rk fail "$R/img" 2> "$R/stf.err"; rc=$?
	[ $rc -eq 128 ] && expect_output "$R/stf.err" 'invalid option' &&
		expect_output "$R/stf.err" 'QEMU failed \(exit 1' || { echo "fail: $rc"; return 1; }
	QEMU_ACCEL=tcg rk exit=134 "$R/img" 2> /dev/null; rc=$?
	[ $rc -eq 128 ] || { echo "abort: $rc"; return 1; }
	QEMU_MACHINE=foo rk exit=3 "$R/img" 2> "$R/stm.err"; rc=$?
	[ $rc -eq 127 ] && expect_output "$R/stm.err" 'QEMU_MACHINE=foo: use pc, q35 or microvm' || { echo "machine: $rc"; return 1; }
	QEMU_ACCEL=foo rk exit=3 "$R/img" 2> "$R/sta.err"; rc=$?
	[ $rc -eq 127 ] && expect_output "$R/sta.err" 'QEMU_ACCEL=foo' || { echo "accel: $rc"; return 1; }
	QEMU=/nonexistent/qemu rk exit=3 "$R/img" 2> "$R/stq.err"; rc=$?
	[ $rc -eq 127 ] && expect_output "$R/stq.err" 'not found'
}
check "run-kvm: guest statuses 0-126 exact; QEMU's failures 128, no status 129, setup 127" t_statuses
