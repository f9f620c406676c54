# Configuration targets, randconfig, incremental rebuilds and the errors a
# user gets for bad input.
HELLO=$KM_ROOT/apps/helloworld
CF=$KM_TMP/config

t_roundtrip() {
	local o=$CF/rt
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
	local o=$CF/noconf
	km_build_app "$HELLO" "$o" > "$CF/noconf.out" &&
	expect_output "$CF/noconf.out" 'no .config: loading defconfigs/linuxu-x86_64' &&
	test -x "$o/helloworld_linuxu-x86_64"
}
check "make with no .config loads the app's default and says so" t_no_config

# Kconfig guarantees a platform (linuxu when no other is on), so every seed
# builds, and every image runs (kvm ones under QEMU). Nothing is pinned.
t_randconfig() {
	local seed=$1 o=$CF/rand-$1 rc img want
	KCONFIG_SEED=$seed km_build_app "$HELLO" "$o" randconfig > "$o.cfg.log" 2>&1 || {
		echo "Kconfig refused seed $seed:"; cat "$o.cfg.log"; return 1; }
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
for seed in $(seq 1 20); do
	check "randconfig KCONFIG_SEED=$seed builds, and every image runs" t_randconfig $seed
done

t_allyes_allno() {
	km_build_app "$HELLO" "$CF/allyes" allyesconfig && km_build_app "$HELLO" "$CF/allyes" &&
	km_build_app "$HELLO" "$CF/allno" allnoconfig &&
	grep -q '^CONFIG_PLAT_LINUXU=y' "$CF/allno/.config" &&
	km_build_app "$HELLO" "$CF/allno" && "$CF/allno/helloworld_linuxu-x86_64" > "$CF/allno.out" &&
	expect_output "$CF/allno.out" '^Hello'
}
check "allyesconfig builds; allnoconfig gets linuxu from Kconfig, builds and runs" t_allyes_allno

# Switching off the only platform by hand still leaves one.
t_platform_guaranteed() {
	local o=$CF/noplat
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG=defconfigs/kvm-x86_64 > /dev/null &&
	sed -i 's/^CONFIG_PLAT_KVM=y/# CONFIG_PLAT_KVM is not set/; /CONFIG_PLAT_LINUXU/d' "$o/.config" &&
	echo '# CONFIG_PLAT_LINUXU is not set' >> "$o/.config" &&
	km_build_app "$HELLO" "$o" olddefconfig && grep -q '^CONFIG_PLAT_LINUXU=y' "$o/.config" &&
	km_build_app "$HELLO" "$o" print-images > "$o.images" && expect_output "$o.images" 'helloworld_linuxu-x86_64$'
}
check "a configuration with every platform off gets linuxu from Kconfig" t_platform_guaranteed

# Which objects a make run compiled, from its quiet output.
km_compiled() { grep -E '^  (CC|AS) ' "$1" | awk '{print $2}' | sort | tr '\n' ' '; }

t_incremental() {
	local o=$CF/inc app=$KM_TMP/inc-app
	cp -r "$HELLO" "$app" && rm -rf "$app/build" "$app/.config" &&
	km_build_app "$app" "$o" > /dev/null || return 1
	km_build_app "$app" "$o" > "$CF/inc0.out" || return 1
	[ -z "$(km_compiled "$CF/inc0.out")" ] || { echo "no-op rebuilt: $(km_compiled "$CF/inc0.out")"; return 1; }
	grep -qE '^  (LD|STRIP) ' "$CF/inc0.out" && { echo "no-op relinked"; return 1; }
	touch "$app/main.c"; km_build_app "$app" "$o" > "$CF/inc1.out" || return 1
	[ "$(km_compiled "$CF/inc1.out")" = "app/main.o " ] || { echo "touch main.c rebuilt: $(km_compiled "$CF/inc1.out")"; return 1; }
	# A header: its users and nobody else.
	touch "$KM_ROOT/lib/param/include/km/param.h"; km_build_app "$app" "$o" > "$CF/inc2.out" || return 1
	local want
	want=$(grep -l 'km/param.h' "$o"/lib/*/*.o.d "$o"/plat/*/*.o.d "$o"/app/*.o.d | sed "s|^$o/||; s|\.d$||" | sort | tr '\n' ' ')
	[ "$(km_compiled "$CF/inc2.out")" = "$want" ] || { echo "header rebuilt: $(km_compiled "$CF/inc2.out") want: $want"; return 1; }
	echo "param.h users rebuilt: $want"
	# A config symbol: only the files that use it.
	sed -i 's/^CONFIG_APPHELLOWORLD_GREETING=.*/CONFIG_APPHELLOWORLD_GREETING="changed"/' "$o/.config"
	km_build_app "$app" "$o" > "$CF/inc3.out" || return 1
	[ "$(km_compiled "$CF/inc3.out")" = "app/main.o " ] || { echo "greeting change rebuilt: $(km_compiled "$CF/inc3.out")"; return 1; }
	"$o/myhello_linuxu-x86_64" 2>/dev/null | grep -q changed || "$o/inc-app_linuxu-x86_64" | grep -q '^changed$' || return 1
	sed -i '/CONFIG_LIBPRINT_LEVEL_ERR/d; s/^CONFIG_LIBPRINT_LEVEL_WARN=y/# CONFIG_LIBPRINT_LEVEL_WARN is not set\nCONFIG_LIBPRINT_LEVEL_ERR=y/' "$o/.config"
	km_build_app "$app" "$o" > "$CF/inc4.out" || return 1
	[ "$(km_compiled "$CF/inc4.out")" = "lib/print/print.o " ] || { echo "log level change rebuilt: $(km_compiled "$CF/inc4.out")"; return 1; }
	# A flag change (optimisation level) rebuilds everything.
	printf 'CONFIG_OPTIMIZE_SIZE=y\n' >> "$o/.config"
	km_build_app "$app" "$o" > "$CF/inc5.out" || return 1
	[ "$(km_compiled "$CF/inc5.out" | wc -w)" -ge 10 ] || { echo "-Os rebuilt only: $(km_compiled "$CF/inc5.out")"; return 1; }
}
check "incremental: no-op, main.c, a header, a config symbol, a flag change" t_incremental

t_jobs() {
	local o=$CF/jobs
	make -C "$KM_ROOT" -j16 A="$HELLO" O="$o" C="$o/.config" > "$CF/jobs1.out" 2>&1 &&
	make -C "$KM_ROOT" A="$HELLO" O="$o" C="$o/.config" clean &&
	make -C "$KM_ROOT" -j16 A="$HELLO" O="$o" C="$o/.config" > "$CF/jobs2.out" 2>&1 &&
	"$o/helloworld_linuxu-x86_64" | grep -q Hello
}
check "-j16 from nothing and after clean" t_jobs

t_verbose() {
	local o=$CF/verbose
	km_build_app "$HELLO" "$o" > "$CF/quiet.out" && expect_output "$CF/quiet.out" '^  CC      lib/print/print.o$' &&
	km_build_app "$HELLO" "$o" clean && km_build_app "$HELLO" "$o" V=1 > "$CF/verbose.out" &&
	expect_output "$CF/verbose.out" 'gcc .*-ffreestanding.* -c -o .*lib/print/print.o'
}
check "quiet Kbuild-style lines; V=1 shows full commands" t_verbose

t_clean_targets() {
	local o=$CF/clean mk=(make -C "$KM_ROOT" A="$HELLO" O="$CF/clean" C="$CF/clean.config")
	"${mk[@]}" && "${mk[@]}" clean &&
	test ! -e "$o/helloworld_linuxu-x86_64" && test ! -e "$o/lib" && test -f "$CF/clean.config" && test -d "$o/kconfig" &&
	"${mk[@]}" properclean && test ! -e "$o" && test -f "$CF/clean.config" &&
	"${mk[@]}" distclean && test ! -e "$CF/clean.config"
}
check "clean, properclean, distclean" t_clean_targets

t_help() {
	make -C "$KM_ROOT" help > "$CF/help.out" &&
	for t in menuconfig defconfig savedefconfig olddefconfig oldconfig allyesconfig allnoconfig randconfig syncconfig run gdb clean properclean distclean test; do
		grep -q "^  $t " "$CF/help.out" || { echo "help lacks $t"; return 1; }
	done &&
	for v in 'A=' 'O=' 'C=' 'L=' 'V=1' 'QEMU_ACCEL=' 'QEMU_CPU=' 'GDB_PORT='; do grep -q "  $v" "$CF/help.out" || { echo "help lacks $v"; return 1; }; done
}
check "make help lists targets and variables" t_help

# Errors: each names the file or symbol at fault and exits non-zero.
t_err() {
	local want=$1 out=$CF/err.$RANDOM
	shift
	if "$@" > "$out" 2>&1; then echo "succeeded: $*"; return 1; fi
	expect_output "$out" "$want"
}
check "error: unknown DEFCONFIG names the file" \
	t_err 'DEFCONFIG=defconfigs/nope: no such file .*defconfigs/nope' make -C "$KM_ROOT" A="$HELLO" O="$CF/e1" C="$CF/e1/.config" defconfig DEFCONFIG=defconfigs/nope
check "error: L= path that does not exist" \
	t_err 'L=/P=: /nonexistent/lib does not exist' make -C "$KM_ROOT" A="$HELLO" O="$CF/e2" C="$CF/e2/.config" L=/nonexistent/lib
t_nomk() { mkdir -p "$CF/nomk" && echo 'config LIBNOMK' > "$CF/nomk/Config.uk" &&
	t_err "$CF/nomk has no Makefile.uk" make -C "$KM_ROOT" A="$HELLO" O="$CF/e3" C="$CF/e3/.config" L="$CF/nomk"; }
check "error: a library folder without Makefile.uk" t_nomk
check "error: no application given" t_err 'No application given' make -C "$KM_ROOT"
check "error: A= folder without Makefile.uk" t_err "A=/tmp: no Makefile.uk" make -C "$KM_ROOT" A=/tmp
t_notool() {
	local bin=$CF/bin
	mkdir -p "$bin"
	for t in make sh env gcc cc ld objcopy strip printf mkdir cat cmp mv rm touch find sed tail test; do
		p=$(command -v $t) && ln -sf "$p" "$bin/$t"
	done
	t_err 'kconfig-conf not found: install the Debian package kconfig-frontends-nox' \
		env PATH="$bin" make -C "$KM_ROOT" A="$HELLO" O="$CF/e4" C="$CF/e4/.config"
}
check "error: a missing host tool names its Debian package" t_notool
t_badsrc() {
	local lib=$CF/badsrc
	mkdir -p "$lib" && printf 'config LIBBADSRC\n\tbool\n\tdefault y\n' > "$lib/Config.uk" &&
	printf '$(eval $(call addlib_s,libbadsrc,$(CONFIG_LIBBADSRC)))\nLIBBADSRC_SRCS-y += $(LIBBADSRC_BASE)/missing.c\n' > "$lib/Makefile.uk" &&
	t_err "Makefile.uk: libbadsrc: source file .*missing.c does not exist" make -C "$KM_ROOT" A="$HELLO" O="$CF/e5" C="$CF/e5/.config" L="$lib"
}
check "error: a Makefile.uk naming a missing source" t_badsrc
t_kconfig_err() {
	local lib=$CF/badkc
	mkdir -p "$lib" && printf 'config LIBBADKC\n\tbool\n\tdepends on\n' > "$lib/Config.uk" && touch "$lib/Makefile.uk" &&
	t_err "$lib/Config.uk:3" make -C "$KM_ROOT" A="$HELLO" O="$CF/e6" C="$CF/e6/.config" L="$lib"
}
check "error: a Kconfig syntax error names file and line" t_kconfig_err

t_oldconfig() {
	local o=$CF/old
	km_build_app "$HELLO" "$o" defconfig > /dev/null &&
	sed -i '/APPHELLOWORLD_GREETING/d' "$o/.config" &&
	printf 'asked for it\n' | km_build_app "$HELLO" "$o" oldconfig > "$CF/old.out" &&
	expect_output "$CF/old.out" 'Greeting' &&
	grep -q '^CONFIG_APPHELLOWORLD_GREETING="asked for it"$' "$o/.config" &&
	km_build_app "$HELLO" "$o" syncconfig > /dev/null &&
	grep -q 'APPHELLOWORLD_GREETING "asked for it"' "$o/kconfig/include/generated/autoconf.h"
}
check "oldconfig asks only about the new symbol; syncconfig writes autoconf.h" t_oldconfig

# menuconfig in a real terminal (tmux): open, leave with Esc Esc, save.
t_menuconfig() {
	local o=$CF/menu s=kumiki-menu-$$
	km_build_app "$HELLO" "$o" defconfig > /dev/null && rm -f "$o/.config.old" || return 1
	sed -i 's/^CONFIG_DEBUG_SYMBOLS=y/# CONFIG_DEBUG_SYMBOLS is not set/' "$o/.config"
	tmux new-session -d -s "$s" -x 120 -y 40 "make -C '$KM_ROOT' A='$HELLO' O='$o' C='$o/.config' menuconfig; echo menuconfig-exit=\$? > '$CF/menu.status'"
	for _ in $(seq 50); do tmux capture-pane -p -t "$s" | grep -q 'Build options' && break; sleep 0.2; done
	tmux capture-pane -p -t "$s" > "$CF/menu.screen"
	# Build options is the only top entry whose hotkey is B (its place in
	# the list changes as menus are added): open it, toggle the
	# debug-symbols entry, leave and save.
	tmux send-keys -t "$s" B Enter; sleep 0.5
	tmux capture-pane -p -t "$s" >> "$CF/menu.screen"
	tmux send-keys -t "$s" Down Space Escape Escape; sleep 0.5
	tmux send-keys -t "$s" Escape Escape; sleep 0.5
	tmux send-keys -t "$s" Enter
	for _ in $(seq 50); do [ -f "$CF/menu.status" ] && break; sleep 0.2; done
	tmux kill-session -t "$s" 2>/dev/null
	cat "$CF/menu.screen"
	expect_output "$CF/menu.status" 'menuconfig-exit=0' &&
	expect_output "$CF/menu.screen" 'Debug information in the .dbg image' &&
	grep -q '^CONFIG_DEBUG_SYMBOLS=y' "$o/.config"
}
if command -v tmux > /dev/null; then
	check "menuconfig: navigate, toggle an option, save (in tmux)" t_menuconfig
else
	skip "menuconfig in a terminal" "tmux not installed (apt-get install tmux)"
fi
t_dupobj() {
	local lib=$CF/duplib
	mkdir -p "$lib" && printf 'config LIBDUPLIB\n\tbool\n\tdefault y\n' > "$lib/Config.uk" &&
	printf '$(eval $(call addlib_s,libduplib,$(CONFIG_LIBDUPLIB)))\nLIBDUPLIB_SRCS-y += $(LIBDUPLIB_BASE)/x.c $(LIBDUPLIB_BASE)/x.S\n' > "$lib/Makefile.uk" &&
	touch "$lib/x.c" "$lib/x.S" &&
	t_err "two sources compile to the same object: $lib/x.c $lib/x.S -> lib/duplib/x.o" make -C "$KM_ROOT" A="$HELLO" O="$CF/e7" C="$CF/e7/.config" L="$lib"
}
check "error: two sources that would share one object" t_dupobj

# A hand-edited .config that Kconfig would change stops the build, names the
# symbol and is left as the user wrote it; olddefconfig accepts the change.
t_bad_config() {
	local o=$CF/badcfg
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

# Paths with a space are refused up front with one line naming the path, and
# nothing is written: no build folder, no stray folder from a split path.
t_space_refused() {
	local what=$1 d="$CF/sp ace" out
	shift
	out=$KM_TMP/space-$what.out
	mkdir -p "$d" && : > "$KM_TMP/space.mark" && sleep 0.01
	if "$@" > "$out" 2>&1; then echo "succeeded: $*"; return 1; fi
	cat "$out"
	[ "$(grep -c 'contain.* a space' "$out")" = 1 ] || { echo "want one line about the space"; return 1; }
	grep -qi 'no such file\|no rule to make' "$out" && { echo "misleading error"; return 1; }
	local stray
	stray=$(find "$CF" "$KM_ROOT" -newer "$KM_TMP/space.mark" -type d -not -path "*/.git*" 2>/dev/null)
	[ -z "$stray" ] || { echo "folders written: $stray"; return 1; }
}
t_spaces() {
	local d="$CF/sp ace"
	mkdir -p "$d" && cp -r "$HELLO" "$d/hw" && rm -rf "$d/hw/build" "$d/hw/.config" && ln -sfn "$KM_ROOT" "$d/km" &&
	mkdir -p "$d/lib" && cp -r "$KM_ROOT/tests/libs/greeter/." "$d/lib/" &&
	cp -r "$d/hw" "$CF/nospace-hw" || return 1
	t_space_refused app make -C "$d/hw" KUMIKI_ROOT="$KM_ROOT" || return 1
	t_space_refused A make -C "$KM_ROOT" A="$d/hw" || return 1
	t_space_refused O make -C "$KM_ROOT" A="$HELLO" O="$d/out" C="$CF/sp.config" || return 1
	t_space_refused C make -C "$KM_ROOT" A="$HELLO" O="$CF/spc" C="$d/my.config" || return 1
	t_space_refused L make -C "$KM_ROOT" A="$HELLO" O="$CF/spl" C="$CF/spl.config" L="$d/lib" || return 1
	t_space_refused DEFCONFIG make -C "$KM_ROOT" A="$HELLO" O="$CF/spd" C="$CF/spd.config" defconfig DEFCONFIG="$d/hw/defconfigs/linuxu-x86_64" || return 1
	t_space_refused checkout make -f "$d/km/Makefile" A="$HELLO" O="$CF/spk" C="$CF/spk.config" || return 1
	t_space_refused KUMIKI_ROOT make -C "$CF/nospace-hw" KUMIKI_ROOT="$d/km"
}
check "paths with a space (app, A=, O=, C=, L=, DEFCONFIG=, checkout): one clear line, nothing written" t_spaces

# O=, C= and L= typed in an app folder resolve against that folder.
t_relative_paths() {
	local w=$KM_TMP/rel
	mkdir -p "$w" && cp -r "$KM_ROOT/tests/apps/usegreeter" "$w/ug" && cp -r "$KM_ROOT/tests/libs/greeter" "$w/greeter" &&
	rm -f "$w/ug/Libs.uk" || return 1
	(cd "$w/ug" && make KUMIKI_ROOT="$KM_ROOT" O=out C=my.config L=../greeter) > "$CF/rel.out" 2>&1 || { cat "$CF/rel.out"; return 1; }
	test -f "$w/ug/my.config" && test -x "$w/ug/out/ug_linuxu-x86_64" &&
	test ! -e "$KM_ROOT/out" && test ! -e "$KM_ROOT/my.config" &&
	"$w/ug/out/ug_linuxu-x86_64" | grep -q '^greetings from the external library'
}
check "relative O=, C=, L= in an app folder resolve against that folder" t_relative_paths

# A configuration is noticed by its content: switching C=, or a file copied in
# with an older timestamp, resyncs whatever the goals; mixed goals run in order.
t_switch_config() {
	local o=$CF/switch mk=(make -C "$KM_ROOT" -j2 A="$HELLO" O="$CF/switch")
	"${mk[@]}" C="$o/kvm.config" defconfig DEFCONFIG=defconfigs/kvm-x86_64 all > /dev/null &&
	test -f "$o/helloworld_kvm-x86_64" || return 1
	"${mk[@]}" C="$o/lin.config" defconfig DEFCONFIG=defconfigs/linuxu-x86_64 > /dev/null || return 1
	# Switch C= to a file older than auto.conf, then run: the linuxu image runs.
	touch -d '2001-01-01' "$o/lin.config"
	"${mk[@]}" C="$o/lin.config" run > "$o.run1" 2>&1 || { cat "$o.run1"; return 1; }
	expect_output "$o.run1" '^argv\[0\]: .*helloworld_linuxu-x86_64$' || return 1
	# Copy the kvm configuration in, keeping its old timestamp.
	cp -p "$o/kvm.config" "$o/lin.config" && touch -d '2001-01-01' "$o/lin.config" &&
	"${mk[@]}" C="$o/lin.config" print-images > "$o.img" 2>&1 && expect_output "$o.img" 'helloworld_kvm-x86_64$' &&
	grep -q '^CONFIG_PLAT_KVM=y' "$o/kconfig/include/config/auto.conf" || return 1
	# Config and build goals on one line, with -j: in order.
	"${mk[@]}" C="$o/lin.config" defconfig DEFCONFIG=defconfigs/linuxu-x86_64 all run ARGS='-- ordered' > "$o.run2" 2>&1 ||
		{ cat "$o.run2"; return 1; }
	expect_output "$o.run2" '^argv\[1\]: ordered$'
}
check "switching configurations: C=, an older copy, goals in order with -j" t_switch_config

# A typo in a defconfig: a warning naming file, line and symbol.
t_defconfig_typo() {
	local o=$CF/typo app=$KM_TMP/typo-app
	printf 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBALLOC_BUDY=y\n# CONFIG_NO_SUCH_THING is not set\n' > "$CF/typo.defconfig"
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG="$CF/typo.defconfig" > "$CF/typo.out" 2>&1 || { cat "$CF/typo.out"; return 1; }
	expect_output "$CF/typo.out" "$CF/typo.defconfig:2: warning: unknown symbol CONFIG_LIBALLOC_BUDY" &&
	expect_output "$CF/typo.out" "$CF/typo.defconfig:3: warning: unknown symbol CONFIG_NO_SUCH_THING" || return 1
	grep -c 'unknown symbol' "$CF/typo.out" | grep -qx 2 || { echo "a known symbol was reported"; return 1; }
	# The default configuration a plain make loads is checked too.
	cp -r "$HELLO" "$app" && rm -rf "$app/build" "$app/.config" && echo CONFIG_LIBPRINT_LEVL_INFO=y >> "$app/defconfigs/linuxu-x86_64" &&
	km_build_app "$app" "$CF/typo2" > "$CF/typo2.out" 2>&1 &&
	expect_output "$CF/typo2.out" "defconfigs/linuxu-x86_64:[0-9]+: warning: unknown symbol CONFIG_LIBPRINT_LEVL_INFO"
}
check "an unknown symbol in a defconfig: warning with file, line and symbol" t_defconfig_typo

# A defconfig turning off what a select keeps on: the warning names the
# selectors that are on (linuxu stays as the fallback platform; lib/syscall
# for every POSIX library musl brings). Two defconfig loads, ~1 s.
t_defconfig_selected() {
	local o=$CF/sel
	printf '# CONFIG_PLAT_LINUXU is not set\n' > "$CF/sel1.defconfig"
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG="$CF/sel1.defconfig" > "$CF/sel1.out" 2>&1 || { cat "$CF/sel1.out"; return 1; }
	expect_output "$CF/sel1.out" "sel1.defconfig:1: warning: CONFIG_PLAT_LINUXU=n not applied .*: it is y, selected by PLAT_LINUXU_FALLBACK$" || return 1
	printf 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBMUSL=y\n# CONFIG_LIBSYSCALL is not set\n' > "$CF/sel2.defconfig"
	km_build_app "$HELLO" "$o" defconfig DEFCONFIG="$CF/sel2.defconfig" > "$CF/sel2.out" 2>&1 || { cat "$CF/sel2.out"; return 1; }
	expect_output "$CF/sel2.out" "sel2.defconfig:3: warning: CONFIG_LIBSYSCALL=n not applied .*: it is y, selected by .*LIBMUSL" &&
	! grep -q 'selected by.*LIBNEWLIB' "$CF/sel2.out"
}
check "a defconfig value a select overrides: the warning names the selectors that are on" t_defconfig_selected

# An app's external libraries (Libs.uk) are built whether make starts in the
# framework (A=) or in the app folder.
t_app_libs() {
	local u=$KM_ROOT/tests/apps/usegreeter
	make -C "$KM_ROOT" -j2 A="$u" O="$CF/ug1" C="$CF/ug1/.config" > /dev/null &&
	make -C "$u" -j2 O="$CF/ug2" C="$CF/ug2/.config" > /dev/null || return 1
	for o in "$CF/ug1" "$CF/ug2"; do
		"$o/usegreeter_linuxu-x86_64" | grep -q '^greetings from the external library' || { echo "$o: no greeting"; return 1; }
	done
	diff <(cd "$CF/ug1" && find lib app plat -name '*.o' | sort) <(cd "$CF/ug2" && find lib app plat -name '*.o' | sort) &&
	diff <(grep -v '^#' "$CF/ug1/.config") <(grep -v '^#' "$CF/ug2/.config")
}
check "an app's Libs.uk: make A=app and make in the app build the same" t_app_libs

# Enabling, switching or disabling a library compiles only objects that are
# new, or whose sources or headers name a symbol whose value changed.
km_changed_syms() { diff <(sort "$1") <(sort "$2") | sed -n 's/^[<>] \(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p' | sort -u; }
t_only_affected() {
	local o=$1 log=$2 before=$3 syms f obj ok
	syms=$(km_changed_syms "$before" "$o/kconfig/include/config/auto.conf")
	echo "changed: $(echo $syms)"
	for obj in $(km_compiled "$log"); do
		ok=
		[ -e "$o/$obj.was" ] || ok=new
		for s in $syms; do
			f=$(echo "${s#CONFIG_}" | tr 'A-Z_' 'a-z/')
			grep -q "include/config/$f.h" "$o/$obj.d" && ok=uses
		done
		[ -n "$ok" ] || { echo "$obj recompiled, though it is not new and uses none of: $syms"; return 1; }
	done
}
km_mark_objs() { find "$1" -name '*.o' -exec touch {}.was \; ; cp "$1/kconfig/include/config/auto.conf" "$1/auto.before"; }
t_incremental_libs() {
	local o=$CF/inclib app=$KM_TMP/inclib-app n
	# main.c includes km/sched.h, whose comments name sched symbols; the
	# include path holds it whether sched is enabled or not.
	cp -r "$HELLO" "$app" && rm -rf "$app/build" "$app/.config" && sed -i '1i #include <km/sched.h>' "$app/main.c" &&
	km_build_app "$app" "$o" > /dev/null || return 1
	km_mark_objs "$o"; echo CONFIG_LIBSCHED=y >> "$o/.config"
	km_build_app "$app" "$o" > "$CF/inclib1.out" || return 1
	echo "enable sched: $(km_compiled "$CF/inclib1.out")"
	t_only_affected "$o" "$CF/inclib1.out" "$o/auto.before" || return 1
	km_compiled "$CF/inclib1.out" | grep -q 'lib/sched/sched.o' || { echo "sched not compiled"; return 1; }
	km_mark_objs "$o"; echo CONFIG_LIBSCHED_PREEMPT=y >> "$o/.config"
	km_build_app "$app" "$o" > "$CF/inclib2.out" || return 1
	echo "coop -> preempt: $(km_compiled "$CF/inclib2.out")"
	t_only_affected "$o" "$CF/inclib2.out" "$o/auto.before" || return 1
	km_compiled "$CF/inclib2.out" | grep -q 'app/main.o' && { echo "main.o recompiled (a CONFIG_ name in a comment?)"; return 1; }
	km_mark_objs "$o"; sed -i '/LIBSCHED/d' "$o/.config"; echo '# CONFIG_LIBSCHED is not set' >> "$o/.config"
	km_build_app "$app" "$o" olddefconfig > /dev/null && km_build_app "$app" "$o" > "$CF/inclib3.out" || return 1
	echo "disable sched: $(km_compiled "$CF/inclib3.out")"
	t_only_affected "$o" "$CF/inclib3.out" "$o/auto.before" || return 1
	n=$(km_compiled "$CF/inclib1.out" | wc -w)
	[ "$n" -lt 30 ] || { echo "enabling sched compiled $n objects"; return 1; }
}
check "incremental: enabling/switching/disabling a library compiles only what it affects" t_incremental_libs

# No "Nothing to be done" on a no-op build or make run; a bad ARGS quote is
# one clear error; a quoted apostrophe reaches main.
t_quiet_and_args() {
	local o=$CF/quiet mk=(make --no-print-directory -C "$KM_ROOT" A="$HELLO" O="$CF/quiet" C="$CF/quiet/.config")
	"${mk[@]}" > /dev/null && "${mk[@]}" > "$o.noop" 2>&1 && "${mk[@]}" run > "$o.run" 2>&1 || return 1
	cat "$o.noop" "$o.run"
	grep -q 'Nothing to be done\|is up to date' "$o.noop" "$o.run" && return 1
	[ -s "$o.noop" ] && { echo "a no-op build printed something"; return 1; }
	if "${mk[@]}" run ARGS="-- it's" > "$o.bad" 2>&1; then echo "unbalanced quote accepted"; return 1; fi
	cat "$o.bad"
	expect_output "$o.bad" "^error: ARGS=-- it's: unbalanced quote" && ! grep -qi 'syntax error' "$o.bad" || return 1
	"${mk[@]}" run ARGS="-- \"it's\"" > "$o.ok" 2>&1 && expect_output "$o.ok" "^argv\[1\]: it's$"
}
check "no 'Nothing to be done'; make run ARGS with an unbalanced quote: clear error" t_quiet_and_args

# The sched-preempt time slice sits in the sched submenu: oldconfig indents
# it like the other sched options.
t_slice_in_sched_menu() {
	local o=$CF/slice
	km_build_app "$HELLO" "$o" defconfig > /dev/null && printf 'CONFIG_LIBSCHED=y\nCONFIG_LIBSCHED_PREEMPT=y\n' >> "$o/.config" &&
	km_build_app "$HELLO" "$o" olddefconfig > /dev/null 2>&1 && sed -i '/SLICE_US\|STACK_KIB/d' "$o/.config" &&
	printf '\n\n\n' | km_build_app "$HELLO" "$o" oldconfig > "$o.out" || return 1
	local slice stack
	slice=$(grep 'LIBSCHED_PREEMPT_SLICE_US' "$o.out" | sed 's/[^ ].*//' | wc -c)
	stack=$(grep 'LIBSCHED_STACK_KIB' "$o.out" | sed 's/[^ ].*//' | wc -c)
	cat "$o.out"
	[ "$slice" -gt 1 ] && [ "$slice" = "$stack" ] || { echo "time slice indented $slice, stack size $stack"; return 1; }
}
check "menuconfig: the time slice is inside the sched submenu" t_slice_in_sched_menu

# help's defconfig default is what make loads; an app without a default lists its defconfigs.
t_default_defconfig() {
	local app=$KM_TMP/nodefault
	make -C "$KM_ROOT" help | grep -q 'defconfigs/linuxu-x86_64' || { echo "help does not name the linuxu fallback"; return 1; }
	# crashtest's plain make loads its linuxu default and names the others
	make -C "$KM_ROOT" A="$KM_ROOT/apps/crashtest" O="$CF/crdef" C="$CF/crdef/.config" > "$CF/crdef.out" 2>&1 || return 1
	expect_output "$CF/crdef.out" 'no .config: loading defconfigs/linuxu-x86_64 \(the app has: defconfigs/kvm-x86_64 defconfigs/linuxu-x86_64 defconfigs/xen-x86_64; pick one with make defconfig DEFCONFIG=<file>\)' || return 1
	# an app with neither defconfigs/default nor a linuxu one: an error listing what it has
	cp -r "$KM_ROOT/apps/crashtest" "$app" && rm -rf "$app/build" "$app/.config" "$app/defconfigs/linuxu-x86_64" || return 1
	if make -C "$app" KUMIKI_ROOT="$KM_ROOT" O="$CF/nodef" > "$CF/nodef.out" 2>&1; then echo "built without a configuration"; return 1; fi
	expect_output "$CF/nodef.out" '^error: .*it has: defconfigs/kvm-x86_64.*make defconfig DEFCONFIG=defconfigs/kvm-x86_64'
}
check "make help names the default defconfig; crashtest's plain make lists its defconfigs" t_default_defconfig
