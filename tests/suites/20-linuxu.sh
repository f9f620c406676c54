# The framework on linuxu: build, run, arguments, exit status, boot
# parameters, init failures, external libraries.
HELLO=$KM_ROOT/apps/helloworld
ARGSTATUS=$KM_ROOT/tests/apps/argstatus
B=$KM_TMP/linuxu

t_hello_builds() {
	km_build_app "$HELLO" "$B/hello" &&
	test -x "$B/hello/helloworld_linuxu-x86_64" &&
	test -f "$B/hello/helloworld_linuxu-x86_64.dbg" &&
	test -s "$B/hello/boot-order.txt"
}
check "helloworld: clean build from its defconfig" t_hello_builds

t_hello_runs() {
	"$B/hello/helloworld_linuxu-x86_64" > "$B/hello.out" &&
	expect_output "$B/hello.out" '^Hello, world!$' &&
	expect_output "$B/hello.out" '^argv\[0\]: .*helloworld_linuxu-x86_64$'
}
check "helloworld: prints its greeting and exits 0" t_hello_runs

t_make_run() {
	make -C "$HELLO" O="$B/hello" C="$B/hello/.config" run ARGS='-- one "two words"' > "$B/run.out" &&
	expect_output "$B/run.out" '^argv\[1\]: one$' && expect_output "$B/run.out" '^argv\[2\]: two words$'
}
check "helloworld: make run ARGS= passes application arguments" t_make_run

t_argstatus_builds() { km_build_app "$ARGSTATUS" "$B/as"; }
check "argstatus: builds" t_argstatus_builds
AS=$B/as/argstatus_linuxu-x86_64

t_argv() {
	"$AS" -- a "b c" "" status=0 > "$B/argv.out" &&
	expect_output "$B/argv.out" '^argc=5$' &&
	expect_output "$B/argv.out" '^argv\[0\]=\[.*argstatus_linuxu-x86_64\]$' &&
	expect_output "$B/argv.out" '^argv\[2\]=\[b c\]$' &&
	expect_output "$B/argv.out" '^argv\[3\]=\[\]$'
}
check "argv reaches main after --, argv[0] is the image" t_argv

t_status() {
	for s in 0 1 3 42 255; do
		"$AS" -- status=$s > /dev/null
		rc=$?
		[ $rc -eq $s ] || { echo "status=$s gave exit $rc"; return 1; }
	done
}
check "main's return value is the exit status (0 1 3 42 255)" t_status

t_make_run_status() {
	make -C "$KM_ROOT" A="$ARGSTATUS" O="$B/as" C="$B/as/.config" run ARGS="-- status=3" > "$B/mrs.out" 2>&1 &&
		{ echo "make run succeeded for status 3"; return 1; }
	expect_output "$B/mrs.out" 'argstatus_linuxu-x86_64 exited with status 3' &&
	make -C "$KM_ROOT" A="$ARGSTATUS" O="$B/as" C="$B/as/.config" run ARGS="-- status=0" > "$B/mrs0.out" 2>&1
}
check "make run: a non-zero guest status fails make and is printed" t_make_run_status

t_headless() {
	"$AS" -- cat < /dev/null | cat > "$B/headless1.out" &&
	expect_output "$B/headless1.out" '^stdin: EOF$' &&
	printf 'line one\nline two\n' > "$B/in.txt" &&
	"$AS" -- cat < "$B/in.txt" > "$B/headless2.out" &&
	expect_output "$B/headless2.out" '^stdin: line two$' &&
	"$AS" -- cat <&- > "$B/headless3.out" &&
	expect_output "$B/headless3.out" '^stdin: EOF$' &&
	printf 'piped\n' | "$AS" -- cat | cat > "$B/headless4.out" &&
	expect_output "$B/headless4.out" '^stdin: piped$'
}
check "headless: stdin /dev/null, a file, closed, a pipe; stdout a pipe or file" t_headless

t_bad_param() {
	local rc
	"$AS" nosuch.param=1 -- x > "$B/bad1.out" 2>&1; rc=$?
	[ $rc -eq 64 ] || { echo "unknown parameter: exit $rc, want 64"; return 1; }
	expect_output "$B/bad1.out" "unknown boot parameter 'nosuch.param'" || return 1
	grep -q 'argc=' "$B/bad1.out" && { echo "main ran"; return 1; }
	"$AS" hello > "$B/bad2.out" 2>&1; rc=$?
	[ $rc -eq 64 ] && expect_output "$B/bad2.out" "malformed boot parameter 'hello'" || return 1
	"$AS" print.level=loud > "$B/bad3.out" 2>&1; rc=$?
	[ $rc -eq 64 ] && expect_output "$B/bad3.out" "print.level: invalid value 'loud'" || return 1
	"$AS" linuxu.heap_size=12Q > "$B/bad4.out" 2>&1; rc=$?
	[ $rc -eq 64 ] && expect_output "$B/bad4.out" "linuxu.heap_size: invalid value '12Q'" || return 1
	"$AS" =1 > "$B/bad5.out" 2>&1; rc=$?
	[ $rc -eq 64 ] && expect_output "$B/bad5.out" "malformed boot parameter '=1'"
}
check "bad boot parameters: named in the error, exit 64 before main" t_bad_param

t_params() {
	"$AS" help > "$B/help.out" &&
	expect_output "$B/help.out" '^  print.level +loglevel = warn' &&
	expect_output "$B/help.out" '^  linuxu.heap_size +size += 16M' &&
	"$AS" linuxu.heap_size=3M help > "$B/help2.out" &&
	expect_output "$B/help2.out" 'linuxu.heap_size +size += 3M' &&
	"$AS" print.level=debug linuxu.heap_size=2M -- x > "$B/debug.out" &&
	expect_output "$B/debug.out" 'region free .* 2048 KiB heap' &&
	expect_output "$B/debug.out" 'init plat 0 linuxu_heap_init' &&
	expect_output "$B/debug.out" '^argv\[1\]=\[x\]$'
}
check "boot parameters: help lists values, print.level and linuxu.heap_size apply" t_params

t_boot_order() {
	"$AS" print.level=debug > "$B/order.out" &&
	grep -o 'init [a-z]* [0-9] [a-z_0-9]*' "$B/order.out" | cut -d' ' -f2- > "$B/order.log" &&
	grep -v '^#' "$B/as/boot-order.txt" | cut -d' ' -f1-3 > "$B/order.txt" &&
	test -s "$B/order.txt" && diff "$B/order.txt" "$B/order.log"
}
check "boot-order.txt matches the order the boot log shows" t_boot_order

t_failinit_optional() {
	local rc
	km_build_app "$ARGSTATUS" "$B/fo" L="$KM_ROOT/tests/libs/failinit" defconfig &&
	echo CONFIG_LIBFAILINIT=y >> "$B/fo/.config" &&
	km_build_app "$ARGSTATUS" "$B/fo" L="$KM_ROOT/tests/libs/failinit" || return 1
	"$B/fo/argstatus_linuxu-x86_64" -- status=7 > "$B/fo.out" 2>&1; rc=$?
	[ $rc -eq 7 ] || { echo "exit $rc"; return 1; }
	expect_output "$B/fo.out" 'failinit_init .*failed.*continuing without CONFIG_LIBFAILINIT' &&
	expect_output "$B/fo.out" '^argc=2$'
}
check "an optional init that fails: warning naming its symbol, boot goes on" t_failinit_optional

t_failinit_required() {
	local rc
	km_build_app "$ARGSTATUS" "$B/fr" L="$KM_ROOT/tests/libs/failinit" defconfig &&
	printf 'CONFIG_LIBFAILINIT=y\nCONFIG_LIBFAILINIT_REQUIRED=y\n' >> "$B/fr/.config" &&
	km_build_app "$ARGSTATUS" "$B/fr" L="$KM_ROOT/tests/libs/failinit" || return 1
	"$B/fr/argstatus_linuxu-x86_64" > "$B/fr.out" 2>&1; rc=$?
	[ $rc -eq 70 ] || { echo "exit $rc, want 70"; return 1; }
	expect_output "$B/fr.out" 'failinit_init \(libfailinit, CONFIG_LIBFAILINIT\) failed.*halting' &&
	! grep -q 'argc=' "$B/fr.out"
}
check "a required init that fails halts with status 70 before main" t_failinit_required

# usegreeter lists tests/libs/greeter in its Libs.uk: no L= needed.
t_external_lib() {
	local u=$KM_ROOT/tests/apps/usegreeter
	km_build_app "$u" "$B/ug" &&
	"$B/ug/usegreeter_linuxu-x86_64" > "$B/ug.out" &&
	expect_output "$B/ug.out" '^greetings from the external library \(42\)$' &&
	nm "$B/ug/lib/greeter/libgreeter.o" | grep -q ' T greeter_greet$' &&
	nm "$B/ug/lib/greeter/libgreeter.o" | grep -q ' t greeter_internal$' || return 1
	# A symbol left out of exports.uk must not link from another library.
	echo CONFIG_APPUSEGREETER_CALL_INTERNAL=y >> "$B/ug/.config"
	if km_build_app "$u" "$B/ug" > "$B/ug-internal.out" 2>&1; then
		echo "calling an unexported symbol linked"; return 1
	fi
	expect_output "$B/ug-internal.out" "undefined reference to .greeter_internal"
}
check "external library (the app's Libs.uk): app calls it; exports.uk hides its internals" t_external_lib

t_out_of_tree() {
	local copy=$KM_TMP/elsewhere/myhello
	mkdir -p "$(dirname "$copy")" && cp -r "$HELLO" "$copy" && rm -rf "$copy/build" "$copy/.config" &&
	make -C "$copy" KUMIKI_ROOT="$KM_ROOT" -j"$KM_JOBS" > "$B/oot1.out" &&
	"$copy/build/myhello_linuxu-x86_64" | grep -q '^Hello, world!$' &&
	rm -rf "$copy/build" "$copy/.config" &&
	KUMIKI_ROOT=$KM_ROOT make -C "$copy" -j"$KM_JOBS" > "$B/oot2.out" &&
	"$copy/build/myhello_linuxu-x86_64" | grep -q '^Hello, world!$' &&
	make -C "$KM_ROOT" A="$copy" O="$KM_TMP/elsewhere/out" -j"$KM_JOBS" > "$B/oot3.out" &&
	"$KM_TMP/elsewhere/out/myhello_linuxu-x86_64" | grep -q '^Hello, world!$' || return 1
	# Without KUMIKI_ROOT the copy must say how to find the framework.
	! make -C "$copy" > "$B/oot4.out" 2>&1 && expect_output "$B/oot4.out" 'KUMIKI_ROOT'
}
check "out-of-tree copy of helloworld builds with KUMIKI_ROOT= and with A=" t_out_of_tree
