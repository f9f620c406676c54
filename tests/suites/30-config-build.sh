# Configuration targets, randconfig, incremental rebuilds and the errors a
# user gets for bad input.
HELLO=$KM_ROOT/apps/helloworld
C=$KM_TMP/config

t_roundtrip() {
	local o=$C/rt
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG=defconfigs/linuxu-x86_64 &&
	printf 'CONFIG_OPTIMIZE_SIZE=y\nCONFIG_LIBPRINT_LEVEL_INFO=y\nCONFIG_APPHELLOWORLD_GREETING="round trip"\nCONFIG_PLAT_LINUXU_HEAP_MIB=7\n' >> "$o/.config" &&
	km_build_app "$HELLO" "$o" olddefconfig && cp "$o/.config" "$o/config.before" &&
	km_build_app "$HELLO" "$o" savedefconfig && test -s "$o/defconfig" &&
	grep -q 'CONFIG_OPTIMIZE_SIZE=y' "$o/defconfig" &&
	! grep -q 'CONFIG_LIBBOOT' "$o/defconfig" &&
	rm "$o/.config" && km_build_app "$HELLO" "$o" defconfig DEFCONFIG="$o/defconfig" &&
	diff <(grep -v '^#' "$o/config.before") <(grep -v '^#' "$o/.config")
}
check "savedefconfig writes a minimal file; defconfig of it gives the same .config" t_roundtrip

t_no_config() {
	local o=$C/noconf
	km_build_app "$HELLO" "$o" > "$C/noconf.out" &&
	expect_output "$C/noconf.out" 'no .config: loading defconfigs/linuxu-x86_64' &&
	test -x "$o/helloworld_linuxu-x86_64"
}
check "make with no .config loads the app's default and says so" t_no_config

# Each seed either builds and runs, or Kconfig itself refuses it. linuxu is
# pinned so that every image can run here; everything else is random.
t_randconfig() {
	local seed=$1 o=$C/rand-$1 rc img want
	printf 'CONFIG_PLAT_LINUXU=y\n' > "$C/pin-$seed"
	KCONFIG_SEED=$seed KCONFIG_ALLCONFIG=$C/pin-$seed km_build_app "$HELLO" "$o" randconfig > "$o.cfg.log" 2>&1 || {
		echo "Kconfig refused seed $seed:"; cat "$o.cfg.log"; return 0; }
	grep -v '^#' "$o/.config" | grep .
	km_build_app "$HELLO" "$o" || return 1
	# With in-image tests that exit, the image ends after TAP, before main.
	if grep -q '^CONFIG_LIBTEST_EXIT=y' "$o/.config"; then want='^# [0-9]+ tests, [0-9]+ passed, 0 failed'; else want='^argv\[0\]'; fi
	for img in "$o"/helloworld_*-x86_64; do
		km_run_image "$o.out" "$img"; rc=$?
		echo "== $img: exit $rc"; cat "$o.out"
		[ $rc -eq 0 ] && grep -Eq "$want" "$o.out" || return 1
	done
}
for seed in 1 2 3 5 8 13 21 34 55 89; do
	check "randconfig KCONFIG_SEED=$seed builds, and every image runs" t_randconfig $seed
done

t_allyes_allno() {
	km_build_app "$HELLO" "$C/allyes" allyesconfig && km_build_app "$HELLO" "$C/allyes" &&
	km_build_app "$HELLO" "$C/allno" allnoconfig &&
	! km_build_app "$HELLO" "$C/allno" > "$C/allno.out" 2>&1 &&
	expect_output "$C/allno.out" 'selects no platform.*CONFIG_PLAT_LINUXU'
}
check "allyesconfig builds; allnoconfig is refused with a clear error" t_allyes_allno

# Which objects a make run compiled, from its quiet output.
km_compiled() { grep -E '^  (CC|AS) ' "$1" | awk '{print $2}' | sort | tr '\n' ' '; }

t_incremental() {
	local o=$C/inc app=$KM_TMP/inc-app
	cp -r "$HELLO" "$app" && rm -rf "$app/build" "$app/.config" &&
	km_build_app "$app" "$o" > /dev/null || return 1
	km_build_app "$app" "$o" > "$C/inc0.out" || return 1
	[ -z "$(km_compiled "$C/inc0.out")" ] || { echo "no-op rebuilt: $(km_compiled "$C/inc0.out")"; return 1; }
	grep -qE '^  (LD|STRIP) ' "$C/inc0.out" && { echo "no-op relinked"; return 1; }
	touch "$app/main.c"; km_build_app "$app" "$o" > "$C/inc1.out" || return 1
	[ "$(km_compiled "$C/inc1.out")" = "app/main.o " ] || { echo "touch main.c rebuilt: $(km_compiled "$C/inc1.out")"; return 1; }
	# A header: its users and nobody else.
	touch "$KM_ROOT/lib/param/include/km/param.h"; km_build_app "$app" "$o" > "$C/inc2.out" || return 1
	local want
	want=$(grep -l 'km/param.h' "$o"/lib/*/*.o.d "$o"/plat/*/*.o.d "$o"/app/*.o.d | sed "s|^$o/||; s|\.d$||" | sort | tr '\n' ' ')
	[ "$(km_compiled "$C/inc2.out")" = "$want" ] || { echo "header rebuilt: $(km_compiled "$C/inc2.out") want: $want"; return 1; }
	echo "param.h users rebuilt: $want"
	# A config symbol: only the files that use it.
	sed -i 's/^CONFIG_APPHELLOWORLD_GREETING=.*/CONFIG_APPHELLOWORLD_GREETING="changed"/' "$o/.config"
	km_build_app "$app" "$o" > "$C/inc3.out" || return 1
	[ "$(km_compiled "$C/inc3.out")" = "app/main.o " ] || { echo "greeting change rebuilt: $(km_compiled "$C/inc3.out")"; return 1; }
	"$o/myhello_linuxu-x86_64" 2>/dev/null | grep -q changed || "$o/inc-app_linuxu-x86_64" | grep -q '^changed$' || return 1
	sed -i '/CONFIG_LIBPRINT_LEVEL_ERR/d; s/^CONFIG_LIBPRINT_LEVEL_WARN=y/# CONFIG_LIBPRINT_LEVEL_WARN is not set\nCONFIG_LIBPRINT_LEVEL_ERR=y/' "$o/.config"
	km_build_app "$app" "$o" > "$C/inc4.out" || return 1
	[ "$(km_compiled "$C/inc4.out")" = "lib/print/print.o " ] || { echo "log level change rebuilt: $(km_compiled "$C/inc4.out")"; return 1; }
	# A flag change (optimisation level) rebuilds everything.
	printf 'CONFIG_OPTIMIZE_SIZE=y\n' >> "$o/.config"
	km_build_app "$app" "$o" > "$C/inc5.out" || return 1
	[ "$(km_compiled "$C/inc5.out" | wc -w)" -ge 10 ] || { echo "-Os rebuilt only: $(km_compiled "$C/inc5.out")"; return 1; }
}
check "incremental: no-op, main.c, a header, a config symbol, a flag change" t_incremental

t_jobs() {
	local o=$C/jobs
	make -C "$KM_ROOT" -j16 A="$HELLO" O="$o" C="$o/.config" > "$C/jobs1.out" 2>&1 &&
	make -C "$KM_ROOT" A="$HELLO" O="$o" C="$o/.config" clean &&
	make -C "$KM_ROOT" -j16 A="$HELLO" O="$o" C="$o/.config" > "$C/jobs2.out" 2>&1 &&
	"$o/helloworld_linuxu-x86_64" | grep -q Hello
}
check "-j16 from nothing and after clean" t_jobs

t_verbose() {
	local o=$C/verbose
	km_build_app "$HELLO" "$o" > "$C/quiet.out" && expect_output "$C/quiet.out" '^  CC      lib/print/print.o$' &&
	km_build_app "$HELLO" "$o" clean && km_build_app "$HELLO" "$o" V=1 > "$C/verbose.out" &&
	expect_output "$C/verbose.out" 'gcc .*-ffreestanding.* -c -o .*lib/print/print.o'
}
check "quiet Kbuild-style lines; V=1 shows full commands" t_verbose

t_clean_targets() {
	local o=$C/clean mk=(make -C "$KM_ROOT" A="$HELLO" O="$C/clean" C="$C/clean.config")
	"${mk[@]}" && "${mk[@]}" clean &&
	test ! -e "$o/helloworld_linuxu-x86_64" && test ! -e "$o/lib" && test -f "$C/clean.config" && test -d "$o/kconfig" &&
	"${mk[@]}" properclean && test ! -e "$o" && test -f "$C/clean.config" &&
	"${mk[@]}" distclean && test ! -e "$C/clean.config"
}
check "clean, properclean, distclean" t_clean_targets

t_help() {
	make -C "$KM_ROOT" help > "$C/help.out" &&
	for t in menuconfig defconfig savedefconfig olddefconfig oldconfig allyesconfig allnoconfig randconfig syncconfig run gdb clean properclean distclean test; do
		grep -q "^  $t " "$C/help.out" || { echo "help lacks $t"; return 1; }
	done &&
	for v in 'A=' 'O=' 'C=' 'L=' 'V=1'; do grep -q "  $v" "$C/help.out" || { echo "help lacks $v"; return 1; }; done
}
check "make help lists targets and variables" t_help

# Errors: each names the file or symbol at fault and exits non-zero.
t_err() {
	local want=$1 out=$C/err.$RANDOM
	shift
	if "$@" > "$out" 2>&1; then echo "succeeded: $*"; return 1; fi
	expect_output "$out" "$want"
}
check "error: unknown DEFCONFIG names the file" \
	t_err 'DEFCONFIG=defconfigs/nope: no such file .*defconfigs/nope' make -C "$KM_ROOT" A="$HELLO" O="$C/e1" C="$C/e1/.config" defconfig DEFCONFIG=defconfigs/nope
check "error: L= path that does not exist" \
	t_err 'L=/P=: /nonexistent/lib does not exist' make -C "$KM_ROOT" A="$HELLO" O="$C/e2" L=/nonexistent/lib
t_nomk() { mkdir -p "$C/nomk" && echo 'config LIBNOMK' > "$C/nomk/Config.uk" &&
	t_err "$C/nomk has no Makefile.uk" make -C "$KM_ROOT" A="$HELLO" O="$C/e3" L="$C/nomk"; }
check "error: a library folder without Makefile.uk" t_nomk
check "error: no application given" t_err 'No application given' make -C "$KM_ROOT"
check "error: A= folder without Makefile.uk" t_err "A=/tmp: no Makefile.uk" make -C "$KM_ROOT" A=/tmp
t_notool() {
	local bin=$C/bin
	mkdir -p "$bin"
	for t in make sh env gcc cc ld objcopy strip printf mkdir cat cmp mv rm touch find sed tail test; do
		p=$(command -v $t) && ln -sf "$p" "$bin/$t"
	done
	t_err 'kconfig-conf not found: install the Debian package kconfig-frontends-nox' \
		env PATH="$bin" make -C "$KM_ROOT" A="$HELLO" O="$C/e4" C="$C/e4/.config"
}
check "error: a missing host tool names its Debian package" t_notool
t_badsrc() {
	local lib=$C/badsrc
	mkdir -p "$lib" && printf 'config LIBBADSRC\n\tbool\n\tdefault y\n' > "$lib/Config.uk" &&
	printf '$(eval $(call addlib_s,libbadsrc,$(CONFIG_LIBBADSRC)))\nLIBBADSRC_SRCS-y += $(LIBBADSRC_BASE)/missing.c\n' > "$lib/Makefile.uk" &&
	t_err "Makefile.uk: libbadsrc: source file .*missing.c does not exist" make -C "$KM_ROOT" A="$HELLO" O="$C/e5" C="$C/e5/.config" L="$lib"
}
check "error: a Makefile.uk naming a missing source" t_badsrc
t_kconfig_err() {
	local lib=$C/badkc
	mkdir -p "$lib" && printf 'config LIBBADKC\n\tbool\n\tdepends on\n' > "$lib/Config.uk" && touch "$lib/Makefile.uk" &&
	t_err "$lib/Config.uk:3" make -C "$KM_ROOT" A="$HELLO" O="$C/e6" C="$C/e6/.config" L="$lib"
}
check "error: a Kconfig syntax error names file and line" t_kconfig_err

t_oldconfig() {
	local o=$C/old
	km_build_app "$HELLO" "$o" defconfig > /dev/null &&
	sed -i '/APPHELLOWORLD_GREETING/d' "$o/.config" &&
	printf 'asked for it\n' | km_build_app "$HELLO" "$o" oldconfig > "$C/old.out" &&
	expect_output "$C/old.out" 'Greeting' &&
	grep -q '^CONFIG_APPHELLOWORLD_GREETING="asked for it"$' "$o/.config" &&
	km_build_app "$HELLO" "$o" syncconfig > /dev/null &&
	grep -q 'APPHELLOWORLD_GREETING "asked for it"' "$o/kconfig/include/generated/autoconf.h"
}
check "oldconfig asks only about the new symbol; syncconfig writes autoconf.h" t_oldconfig

# menuconfig in a real terminal (tmux): open, leave with Esc Esc, save.
t_menuconfig() {
	local o=$C/menu s=kumiki-menu-$$
	km_build_app "$HELLO" "$o" defconfig > /dev/null && rm -f "$o/.config.old" || return 1
	sed -i 's/^CONFIG_DEBUG_SYMBOLS=y/# CONFIG_DEBUG_SYMBOLS is not set/' "$o/.config"
	tmux new-session -d -s "$s" -x 120 -y 40 "make -C '$KM_ROOT' A='$HELLO' O='$o' C='$o/.config' menuconfig; echo menuconfig-exit=\$? > '$C/menu.status'"
	for _ in $(seq 50); do tmux capture-pane -p -t "$s" | grep -q 'Build options' && break; sleep 0.2; done
	tmux capture-pane -p -t "$s" > "$C/menu.screen"
	# Build options is the fifth entry: open it, toggle the debug-symbols entry, leave and save.
	tmux send-keys -t "$s" Down Down Down Down Enter; sleep 0.5
	tmux capture-pane -p -t "$s" >> "$C/menu.screen"
	tmux send-keys -t "$s" Down Space Escape Escape; sleep 0.5
	tmux send-keys -t "$s" Escape Escape; sleep 0.5
	tmux send-keys -t "$s" Enter
	for _ in $(seq 50); do [ -f "$C/menu.status" ] && break; sleep 0.2; done
	tmux kill-session -t "$s" 2>/dev/null
	cat "$C/menu.screen"
	expect_output "$C/menu.status" 'menuconfig-exit=0' &&
	expect_output "$C/menu.screen" 'Debug information in the .dbg image' &&
	grep -q '^CONFIG_DEBUG_SYMBOLS=y' "$o/.config"
}
if command -v tmux > /dev/null; then
	check "menuconfig: navigate, toggle an option, save (in tmux)" t_menuconfig
else
	skip "menuconfig in a terminal" "tmux not installed (apt-get install tmux)"
fi
t_dupobj() {
	local lib=$C/duplib
	mkdir -p "$lib" && printf 'config LIBDUPLIB\n\tbool\n\tdefault y\n' > "$lib/Config.uk" &&
	printf '$(eval $(call addlib_s,libduplib,$(CONFIG_LIBDUPLIB)))\nLIBDUPLIB_SRCS-y += $(LIBDUPLIB_BASE)/x.c $(LIBDUPLIB_BASE)/x.S\n' > "$lib/Makefile.uk" &&
	touch "$lib/x.c" "$lib/x.S" &&
	t_err "two sources compile to the same object: $lib/x.c $lib/x.S -> lib/duplib/x.o" make -C "$KM_ROOT" A="$HELLO" O="$C/e7" C="$C/e7/.config" L="$lib"
}
check "error: two sources that would share one object" t_dupobj

# A hand-edited .config that Kconfig would change stops the build, names the
# symbol and is left as the user wrote it; olddefconfig accepts the change.
t_bad_config() {
	local o=$C/badcfg
	km_build_app "$HELLO" "$o" defconfig > /dev/null || return 1
	printf 'nonsense line\nCONFIG_PLAT_LINUXU_HEAP_MIB=99999999\nCONFIG_LIBTEST_EXIT=y\n' >> "$o/.config"
	cp "$o/.config" "$o/config.written"
	t_err 'CONFIG_PLAT_LINUXU_HEAP_MIB=99999999 is not valid here' km_build_app "$HELLO" "$o" || return 1
	t_err 'unexpected data: nonsense line' km_build_app "$HELLO" "$o" || return 1
	t_err 'CONFIG_LIBTEST_EXIT=y would be dropped' km_build_app "$HELLO" "$o" || return 1
	cmp "$o/.config" "$o/config.written" || { echo ".config was changed"; return 1; }
	km_build_app "$HELLO" "$o" olddefconfig && km_build_app "$HELLO" "$o" > /dev/null &&
	grep -q '^CONFIG_PLAT_LINUXU_HEAP_MIB=16$' "$o/.config"
}
check "a bad .config: build refused naming each symbol, file untouched" t_bad_config
