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
#   term      QEMU ends on a SIGTERM as the real one does (a line, exit 0)
#   kill=SIG  QEMU is killed by signal SIG
#   exit=N    QEMU exits N (what the guest's isa-debug-exit write would give)
rk_setup() {
	mkdir -p "$R/bin" "$R/cache" && : > "$R/img" &&
	cat > "$R/bin/qemu-system-x86_64" <<'EOF'
#!/bin/sh
printf '[%s]\n' "$@" > "$FAKE_LOG.argv"
cpu= accel=tcg kernel=
while [ $# -gt 0 ]; do
	case $1 in -cpu) cpu=$2 ;; -accel) accel=$2 ;; -kernel) kernel=$2 ;; esac
	shift
done
echo "$accel $cpu $kernel" >> "$FAKE_LOG"
case $FAKE_MODE in
fail) echo "qemu-system-x86_64: -foo: invalid option" >&2; exit 1 ;;
term) echo "qemu-system-x86_64: terminating on signal 15 from pid 1 (init)" >&2; exit 0 ;;
kill=*) kill -"${FAKE_MODE#kill=}" $$ ;;
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

# rk_refused OUT ARGS...: run-kvm (env as set by the caller) stops with one
# line and status 127, and QEMU never starts.
rk_refused() {
	local out=$1 rc
	shift
	rm -f "$R/exit=3.log"
	QEMU_ACCEL=tcg rk exit=3 "$R/img" "$@" > "$out" 2>&1; rc=$?
	cat "$out"
	[ $rc -eq 127 ] && [ "$(wc -l < "$out")" -eq 1 ] && [ ! -e "$R/exit=3.log" ] ||
		{ echo "status $rc, $(wc -l < "$out") lines, QEMU $([ -e "$R/exit=3.log" ] && echo ran || echo 'did not run')"; return 1; }
}

t_hostfwd_checked() {
	local bad good
	for bad in 0 70000 65536 'foo:1' 'tcp:1.2.3:80-:8' 'tcp::80-:8-:9' 'tcp::80' 'tcp::80-8' 'tcp:256.0.0.1:80-:8' \
		'udp::0-:53' 'tcp::80-:1x' 'tcp::80-:8,hostfwd=tcp::1-:1' '*'; do
		NET=user HOSTFWD="$bad" rk_refused "$R/fwd.out" &&
			expect_output "$R/fwd.out" "^run-kvm: HOSTFWD: '.*' is not one hostfwd rule: a port 1-65535" || { echo "accepted: $bad"; return 1; }
	done
	for good in 8080 65535 'udp::5353-:53' 'tcp:127.0.0.1:80-10.0.2.15:8' ':0.0.0.0:1-:2'; do
		NET=user HOSTFWD="$good" QEMU_ACCEL=tcg rk exit=3 "$R/img" > "$R/fwd.out" 2>&1 ||
			{ cat "$R/fwd.out"; echo "refused: $good"; return 1; }
	done
	expect_output "$R/exit=3.log.argv" '^\[user,id=n0,hostfwd=:0.0.0.0:1-:2\]$'
}
check "run-kvm: each HOSTFWD rule is checked (ports 1-65535, rule shape) before QEMU starts: one line, 127" t_hostfwd_checked

t_initrd_checked() {
	mkdir -p "$R/initrd.d" "$R/a b" && : > "$R/initrd.empty" && echo x > "$R/a b/f" && echo x > "$R/c,d" || return 1
	INITRD=$R/initrd.d rk_refused "$R/ir.out" && expect_output "$R/ir.out" 'initrd.d is a folder' &&
		INITRD=$R/initrd.empty rk_refused "$R/ir.out" && expect_output "$R/ir.out" 'empty file \(not a cpio archive\)' &&
		INITRD=$R/c,d rk_refused "$R/ir.out" && expect_output "$R/ir.out" 'comma or a blank' &&
		INITRD="$R/a b/f" rk_refused "$R/ir.out" && expect_output "$R/ir.out" 'comma or a blank' &&
		INITRD=$R/nosuch rk_refused "$R/ir.out" && expect_output "$R/ir.out" 'no such readable file'
}
check "run-kvm: INITRD a folder, empty, with a comma or blank: one line, 127, before QEMU" t_initrd_checked

t_qemu_signal() {
	local rc sig
	QEMU_ACCEL=tcg rk term "$R/img" > "$R/sig.out" 2>&1; rc=$?
	cat "$R/sig.out"
	[ $rc -eq 128 ] && expect_output "$R/sig.out" '^run-kvm: QEMU was killed by signal 15$' &&
		! grep -q 'without an exit status' "$R/sig.out" || return 1
	# (an odd signal, 9 or 11, gives 137 or 139, which is also a guest's
	# exit 2 * s + 3: told apart only when run-kvm sees the zombie, racy)
	for sig in ABRT USR1; do
		QEMU_ACCEL=tcg rk kill=$sig "$R/img" > "$R/sig.out" 2>&1; rc=$?
		cat "$R/sig.out"
		[ $rc -eq 128 ] && expect_output "$R/sig.out" "^run-kvm: QEMU was killed by signal $(kill -l $sig)$" || return 1
	done
}
check "run-kvm: QEMU ended by a signal says 'QEMU was killed by signal N' (128), not a guest status" t_qemu_signal

t_verbose_cmdline() {
	local line
	V=1 QEMU_ACCEL=tcg rk exit=3 "$R/img" -- "a b" "it's" '$x' > "$R/v.out" 2> "$R/v.err" || return 1
	cat "$R/v.err"
	line=$(grep '^qemu-system-x86_64 ' "$R/v.err") || return 1
	# pasted into a shell, the printed line gives QEMU the same words
	eval "printf '[%s]\n' $line" | tail -n +2 | diff - "$R/exit=3.log.argv" &&
		expect_output "$R/exit=3.log.argv" '^\[-- "a b" it.s \$x\]$' &&
		QEMU_ACCEL=tcg rk exit=3 "$R/img" 2>&1 | { ! grep -q '^qemu-system'; }
}
check "run-kvm: V=1 prints the QEMU command line, quoted so that it pastes back" t_verbose_cmdline

# make run on kvm: the variables checked against the image's configuration,
# paths resolved against the folder make ran in, V=1 passed on.
MK=$KM_TMP/runkvm-make
HELLO_APP=$KM_ROOT/apps/helloworld
t_make_run_kvm_builds() {
	printf 'CONFIG_PLAT_KVM=y\n# CONFIG_PLAT_LINUXU is not set\n' > "$R/plain.def" &&
		printf 'CONFIG_PLAT_KVM=y\n# CONFIG_PLAT_LINUXU is not set\nCONFIG_LIB9PFS=y\n' > "$R/9p.def" || return 1
	for v in plain 9p; do
		km_build_app "$HELLO_APP" "$MK/$v" DEFCONFIG="$R/$v.def" defconfig > "$MK.$v.log" 2>&1 &&
			km_build_app "$HELLO_APP" "$MK/$v" >> "$MK.$v.log" 2>&1 || { tail "$MK.$v.log"; return 1; }
	done
}
check "make run on kvm: helloworld with and without lib/9pfs builds" t_make_run_kvm_builds

# mkrun VARIANT OUT [make args]: make -C helloworld run with the fake QEMU.
mkrun() {
	local v=$1 out=$2
	shift 2
	env PATH="$R/bin:$PATH" XDG_CACHE_HOME="$R/cache/mk" FAKE_MODE=exit=3 FAKE_LOG="$R/mk.log" QEMU_ACCEL=tcg \
		timeout 60 make -C "$HELLO_APP" O="$MK/$v" C="$MK/$v/.config" run "$@" > "$out" 2>&1
}

t_make_run_needs_config() {
	mkdir -p "$R/sharedir" && echo x > "$R/ir.cpio" || return 1
	! mkrun plain "$R/mc.out" SHARE="$R/sharedir" && expect_output "$R/mc.out" '^error: SHARE= needs CONFIG_LIB9PFS' &&
		! mkrun plain "$R/mc.out" NET=user && expect_output "$R/mc.out" '^error: NET=user needs CONFIG_VIRTIO_NET' &&
		! mkrun plain "$R/mc.out" INITRD="$R/ir.cpio" && expect_output "$R/mc.out" '^error: INITRD= needs CONFIG_LIBINITRD' &&
		mkrun 9p "$R/mc.out" SHARE="$R/sharedir" && expect_output "$R/mk.log.argv" "path=$R/sharedir,"
}
check "make run: SHARE=, NET=, INITRD= refused with one line when the image lacks their driver" t_make_run_needs_config

t_make_run_relative() {
	local rel
	mkdir -p "$R/sharedir" && rel=$(realpath -m --relative-to="$HELLO_APP" "$R/sharedir") || return 1
	mkrun 9p "$R/rel.out" SHARE="$rel:tag1" &&
		expect_output "$R/mk.log.argv" "^\[local,id=kmshare,path=$R/sharedir,security_model=none\]$" &&
		expect_output "$R/mk.log.argv" 'mount_tag=tag1' &&
		(cd "$HELLO_APP" && env -u MAKEFLAGS PATH="$R/bin:$PATH" XDG_CACHE_HOME="$R/cache/mk" FAKE_MODE=exit=3 \
			FAKE_LOG="$R/mk.log" QEMU_ACCEL=tcg SHARE="$rel" timeout 60 make O="$MK/9p" C="$MK/9p/.config" run) \
			> "$R/rel2.out" 2>&1 &&
		expect_output "$R/mk.log.argv" "path=$R/sharedir," || { cat "$R/rel.out" "$R/rel2.out"; return 1; }
	! mkrun 9p "$R/rel3.out" SHARE="$R/a b" && expect_output "$R/rel3.out" 'SHARE=.*the path contains a space' &&
		! mkrun 9p "$R/rel3.out" INITRD="$R/a b/f" && expect_output "$R/rel3.out" 'INITRD=.*the path contains a space'
}
check "make run: a relative SHARE= is the app folder's (make -C, or make in it); a space is refused" t_make_run_relative

t_make_run_verbose() {
	mkrun 9p "$R/mv.out" V=1 ARGS='-- "a b"' && expect_output "$R/mv.out" "^qemu-system-x86_64 .* -append '-- \"a b\"'"
}
check "make V=1 run prints the QEMU command line" t_make_run_verbose
