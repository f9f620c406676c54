/* SPDX-License-Identifier: BSD-3-Clause */
/* Splitting a firmware command line into words. Pure, host-tested. */
#include <errno.h>
#include <km/plat/bootinfo.h>

int km_cmdline_split(char *cmdline, char **argv, int max)
{
	char *in = cmdline, *out = cmdline;
	int argc = 0;

	for (;;) {
		int quoted = 0;

		while (*in == ' ' || *in == '\t' || *in == '\n')
			in++;
		if (!*in)
			break;
		if (argc >= max - 1)
			return -E2BIG;
		argv[argc++] = out;
		/* Words are rewritten in place; out never overtakes in. */
		while (*in && (quoted || (*in != ' ' && *in != '\t' && *in != '\n'))) {
			if (*in == '"') {
				quoted = !quoted;
				in++;
			} else if (*in == '\\' && in[1]) {
				*out++ = in[1];
				in += 2;
			} else {
				*out++ = *in++;
			}
		}
		if (*in)
			in++;
		*out++ = '\0';
	}
	argv[argc] = 0;
	return argc;
}
