# hostfs (linuxu): a host directory mounted by vfs.fstab=<dir>:/host:hostfs,
# used from inside by tests/apps/filetree (with musl, then newlib) and checked from the host:
# a 5 MiB host file read and compared (cksum), a new file written inside
# and read on the host, readdir of a host directory, rename and unlink
# seen from the host, a tree walked (modes, sizes, mtimes, symlinks) equal
# to the host's view; a missing host directory gives one clear line, and
# stops the boot when the entry says "required".
FTAPP=$KM_ROOT/tests/apps/filetree
HF=$KM_TMP/hostfs

# t_hf_build BUILD DEFCONFIG
t_hf_build() {
	mkdir -p "$HF/share" && km_build_app "$FTAPP" "$HF/$1" defconfig DEFCONFIG="defconfigs/$2" > /dev/null &&
	km_build_app "$FTAPP" "$HF/$1" > "$HF/$1.log" 2>&1 || { cat "$HF/$1.log"; return 1; }
	! grep -E 'warning|error' "$HF/$1.log"
}

# hf_run OUT ARGS...: the image with the share mounted on /host
hf_run() {
	local o=$1
	shift
	km_run_image "$o" "$HF_IMG" "vfs.fstab=$HF/share:/host:hostfs" -- "$@"
}

t_hf_read_5m() {
	head -c $((5 * 1024 * 1024 + 17)) /dev/urandom > "$HF/share/big" &&
	hf_run "$HF/big.out" cksum /host/big || { cat "$HF/big.out"; return 1; }
	cat "$HF/big.out"
	expect_output "$HF/big.out" "^$(cksum < "$HF/share/big")\$"
}

t_hf_write() {
	rm -f "$HF/share/new.txt"
	hf_run "$HF/write.out" write /host/new.txt "written inside the image" || { cat "$HF/write.out"; return 1; }
	[ "$(cat "$HF/share/new.txt")" = "written inside the image" ] && [ "$(stat -c %a "$HF/share/new.txt")" = 644 ] || return 1
	# the image's umask (0 here) is the only one applied, not the host's too
	rm -f "$HF/share/mode666"
	hf_run "$HF/create.out" create /host/mode666 666 || { cat "$HF/create.out"; return 1; }
	[ "$(stat -c %a "$HF/share/mode666")" = 666 ] || { stat "$HF/share/mode666"; return 1; }
}

t_hf_readdir() {
	local i
	rm -rf "$HF/share/dir" && mkdir -p "$HF/share/dir/sub"
	for i in $(seq 1 300); do : > "$HF/share/dir/entry-with-a-long-name-$i"; done
	ln -s sub "$HF/share/dir/link"
	hf_run "$HF/ls.out" ls /host/dir || { cat "$HF/ls.out"; return 1; }
	grep -v '^\.\.\?$' "$HF/ls.out" | grep -v 'libvfs\|hostfs' | sort > "$HF/ls.image"
	ls -A "$HF/share/dir" | sort > "$HF/ls.host"
	diff "$HF/ls.host" "$HF/ls.image" && [ "$(wc -l < "$HF/ls.image")" = 302 ] &&
	[ "$(grep -c '^\.\.\?$' "$HF/ls.out")" = 2 ]
}

t_hf_rename_unlink() {
	echo one > "$HF/share/old" && echo two > "$HF/share/gone" && rm -f "$HF/share/renamed"
	hf_run "$HF/rename.out" rename /host/old /host/renamed || { cat "$HF/rename.out"; return 1; }
	hf_run "$HF/unlink.out" unlink /host/gone || { cat "$HF/unlink.out"; return 1; }
	[ ! -e "$HF/share/old" ] && [ "$(cat "$HF/share/renamed")" = one ] && [ ! -e "$HF/share/gone" ]
}

# the walk of suite 82, on a host tree: modes, sizes, mtimes, symlinks
t_hf_walk() {
	local d=$HF/share/tree
	rm -rf "$d" && mkdir -p "$d/a/b" && head -c 70000 /dev/urandom > "$d/a/b/data" &&
	chmod 600 "$d/a/b/data" && echo x > "$d/a/x" && ln -s b/data "$d/a/link" && touch -d @1600000000 "$d/a/x" &&
	hf_run "$HF/walk.out" walk /host/tree || { cat "$HF/walk.out"; return 1; }
	km_tree_listing "$d" "$HF/walk.host" &&
	grep -E '^[fdl] ' "$HF/walk.out" | sort | diff "$HF/walk.host" -
}

# every changing call, each in its own boot, seen from the host
t_hf_calls() {
	local d=$HF/share/calls c
	rm -rf "$d" && mkdir -p "$d" && echo 0123456789 > "$d/file"
	for c in "mkdir /host/calls/dir 750" "symlink ../file /host/calls/dir/sym" \
		"link /host/calls/file /host/calls/dir/hard" "chmod /host/calls/file 604" \
		"truncate /host/calls/file 4" "touch /host/calls/file 1234567890" \
		"touch /host/calls/dir/sym 1111111111" "mkdir /host/calls/gone 700" "rmdir /host/calls/gone"; do
		# shellcheck disable=SC2086 # c is a word list
		hf_run "$HF/calls.out" $c || { echo "$c:"; cat "$HF/calls.out"; return 1; }
	done
	[ "$(stat -c %a "$d/dir")" = 750 ] && [ "$(readlink "$d/dir/sym")" = ../file ] &&
	[ "$(stat -c %i "$d/file")" = "$(stat -c %i "$d/dir/hard")" ] && [ "$(stat -c %a "$d/file")" = 604 ] &&
	[ "$(cat "$d/file")" = 0123 ] && [ "$(stat -c %Y "$d/file")" = 1234567890 ] &&
	[ "$(stat -c %Y "$d/dir/sym")" = 1111111111 ] && [ ! -e "$d/gone" ] || { ls -laR "$d"; return 1; }
}

# errors come from the host unchanged
t_hf_errno() {
	local rc
	hf_run "$HF/enoent.out" cksum /host/no-such-file; rc=$?
	cat "$HF/enoent.out"
	[ $rc = 1 ] && expect_output "$HF/enoent.out" 'filetree: open /host/no-such-file: No such file or directory'
}

t_hf_missing() {
	local o=$HF/missing rc
	km_run_image "$o" "$HF_IMG" "vfs.fstab=$HF/no-such-dir:/host:hostfs" -- ls /; rc=$?
	cat "$o"
	[ $rc = 0 ] && expect_output "$o" "libhostfs: (err: )?cannot use host directory $HF/no-such-dir: No such file or directory" &&
	[ "$(grep -c 'hostfs' "$o")" -le 2 ] || return 1
	km_run_image "$o.req" "$HF_IMG" "vfs.fstab=$HF/no-such-dir:/host:hostfs:required" -- ls /; rc=$?
	cat "$o.req"
	[ $rc = 70 ] && expect_output "$o.req" "libhostfs: (err: )?cannot use host directory $HF/no-such-dir" || return 1
	echo file > "$HF/a-file"
	km_run_image "$o.file" "$HF_IMG" "vfs.fstab=$HF/a-file:/host:hostfs" -- ls /; rc=$?
	cat "$o.file"
	[ $rc = 0 ] && expect_output "$o.file" "libhostfs: (err: )?cannot use host directory $HF/a-file: Not a directory" || return 1
	km_run_image "$o.rel" "$HF_IMG" "vfs.fstab=relative/dir:/host:hostfs" -- ls /; rc=$?
	cat "$o.rel"
	[ $rc = 0 ] && expect_output "$o.rel" "hostfs source 'relative/dir' must be an absolute host path"
}

for HF_LIBC in musl newlib; do
	HF_IMG=$HF/$HF_LIBC/filetree_linuxu-x86_64
	check "hostfs, $HF_LIBC: filetree builds (hostfs, linuxu)" t_hf_build "$HF_LIBC" "hostfs$([ "$HF_LIBC" = newlib ] && echo -newlib)"
	check "hostfs, $HF_LIBC: a 5 MiB host file read and compared" t_hf_read_5m
	check "hostfs, $HF_LIBC: a file written inside, read on the host; its mode as the image asked" t_hf_write
	check "hostfs, $HF_LIBC: readdir of a host directory (302 entries)" t_hf_readdir
	check "hostfs, $HF_LIBC: rename and unlink seen from the host" t_hf_rename_unlink
	check "hostfs, $HF_LIBC: a host tree walked: modes, sizes, mtimes, symlinks" t_hf_walk
	check "hostfs, $HF_LIBC: mkdir, symlink, link, chmod, truncate, utimensat, rmdir seen from the host" t_hf_calls
	check "hostfs, $HF_LIBC: a host errno reaches the program unchanged" t_hf_errno
	check "hostfs, $HF_LIBC: a missing host directory, a file, a relative path: one clear line each" t_hf_missing
done
