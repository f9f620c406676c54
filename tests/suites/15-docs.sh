# Documentation that must stay true: the README's install line is exactly
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
