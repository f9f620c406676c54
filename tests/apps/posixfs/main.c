/* SPDX-License-Identifier: BSD-3-Clause */
/* posixfs COMMAND [ARGS]: one area of the file system calls (see posixfs.h). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "posixfs.h"

int pf_failures;

int pf_true(const char *what, int cond)
{
	if (cond) {
		printf("ok: %s\n", what);
		return 1;
	}
	pf_failures++;
	printf("FAIL: %s\n", what);
	return 0;
}

long pf_ok(const char *what, long ret)
{
	if (ret >= 0) {
		printf("ok: %s\n", what);
	} else {
		pf_failures++;
		printf("FAIL: %s (returned %ld, errno %d %s)\n", what, ret, errno, strerror(errno));
	}
	return ret;
}

void pf_err(const char *what, long ret, int err)
{
	if (ret == -1 && errno == err) {
		printf("ok: %s\n", what);
		return;
	}
	pf_failures++;
	printf("FAIL: %s (returned %ld, errno %d %s)\n", what, ret, errno, strerror(errno));
}

void pf_eq(const char *what, long long got, long long want)
{
	if (got == want) {
		printf("ok: %s\n", what);
		return;
	}
	pf_failures++;
	printf("FAIL: %s (got %lld, want %lld)\n", what, got, want);
}

void pf_write_file(const char *path, const char *data, unsigned long len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, data, len) != (long)len) {
		pf_failures++;
		printf("FAIL: writing %s (errno %d)\n", path, errno);
	}
	if (fd >= 0)
		close(fd);
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "files", cmd_files },	  { "dirs", cmd_dirs },	  { "names", cmd_names },
	{ "meta", cmd_meta },	  { "fds", cmd_fds },	  { "pipes", cmd_pipes },
	{ "poll", cmd_poll },	  { "devfs", cmd_devfs }, { "mounts", cmd_mounts },
	{ "enospc", cmd_enospc }, { "ls", cmd_ls },	  { "libc", cmd_libc },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: posixfs COMMAND [ARGS]\n");
		return 64;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[1], commands[i].name)) {
			int rc = commands[i].run(argc - 1, argv + 1);

			printf("%s: %d failures\n", argv[1], pf_failures);
			return rc ? rc : (pf_failures > 0);
		}
	}
	fprintf(stderr, "posixfs: unknown command '%s'\n", argv[1]);
	return 64;
}
