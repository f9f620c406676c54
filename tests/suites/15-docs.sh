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

# Every CONFIG_ symbol the user docs name (README.md, doc/, the library
# READMEs) is declared by some Config.uk: a renamed or misspelt symbol in a
# doc is a defconfig line that silently does nothing. Placeholders
# (CONFIG_LIB<NAME>, CONFIG_OPTIMIZE_*, CONFIG_X in macro examples) are not
# names. Under a second.
t_doc_symbols() {
	local declared named s missing=0
	cd "$KM_ROOT" || return 1
	declared=$(git ls-files '*Config.uk' | xargs sed -n 's/^[[:space:]]*\(menu\)\{0,1\}config[[:space:]]\{1,\}\([A-Z0-9_]\{1,\}\).*/\2/p' | sort -u)
	[ "$(echo "$declared" | wc -l)" -gt 50 ] || { echo "found only $(echo "$declared" | wc -l) Config.uk symbols"; return 1; }
	named=$(git ls-files README.md 'doc/*.md' 'lib/*/README.md' 'plat/*/README.md' 'drivers/*/README.md' |
		xargs grep -ohE '\bCONFIG_[A-Z0-9_]+[<*]?' | grep -v '[<*]$' | grep -vxE 'CONFIG_(SYMBOL|X|PLAT_X)' | sort -u)
	for s in $named; do
		echo "$declared" | grep -qx "${s#CONFIG_}" || { echo "$s is named in $(cd "$KM_ROOT" && git grep -l "$s\b" -- README.md doc lib plat drivers | tr '\n' ' ')but no Config.uk declares it"; missing=1; }
	done
	[ $missing = 0 ]
}
check "every CONFIG_ symbol the docs name is declared by a Config.uk" t_doc_symbols
