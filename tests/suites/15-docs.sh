# Things that must stay true of the tree: the README's install line is exactly
# the package list .ci/run installs.
t_readme_packages() {
	local ci readme
	ci=$(sed -n '/^packages=(/,/^)/p' "$KM_ROOT/.ci/run" | sed 's/#.*//; /packages=(/d; /^)/d' | tr -s ' \t' '\n\n' | grep . | sort)
	readme=$(sed -n '/^apt-get install/,/^```/p' "$KM_ROOT/README.md" | sed 's/apt-get install//; s/\\//; /```/d' | tr -s ' \t' '\n\n' | grep . | sort)
	echo ".ci/run: $(echo $ci)"
	echo "README:  $(echo $readme)"
	[ -n "$ci" ] && [ "$ci" = "$readme" ]
}
check "README's apt-get line lists exactly the packages .ci/run installs" t_readme_packages

# The style file and the code agree (make check runs the same).
t_clang_format() {
	local out
	cd "$KM_ROOT" && out=$(git ls-files '*.c' '*.h' | xargs clang-format --dry-run 2>&1 | grep 'warning:')
	[ -z "$out" ] || { echo "$out" | head -n 20; echo "$(echo "$out" | wc -l) differences: run clang-format -i on them"; return 1; }
}
if ! command -v clang-format > /dev/null; then
	skip "the C sources are clang-formatted" "clang-format not installed (Debian package clang-format)"
elif ! git -C "$KM_ROOT" rev-parse --git-dir > /dev/null 2>&1; then
	skip "the C sources are clang-formatted" "not a git checkout"
else
	check "the C sources are clang-formatted (.clang-format, as make check)" t_clang_format
fi
