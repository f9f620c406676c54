/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A file that cannot grow: write until the heap is out, expect ENOSPC
 * (never a crash), then free it and write again. Run with a small heap.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posixfs.h"

int cmd_enospc(int argc, char **argv)
{
	static char chunk[65536];
	long total = 0, n = 0;
	struct stat st;
	int fd;

	(void)argc, (void)argv;
	memset(chunk, 'e', sizeof(chunk));
	fd = OK(open("/big", O_WRONLY | O_CREAT | O_TRUNC, 0644));
	while ((n = write(fd, chunk, sizeof(chunk))) > 0 && total < (1L << 34))
		total += n;
	pf_err("a write past the heap fails with ENOSPC", n, ENOSPC);
	OK(fstat(fd, &st));
	EQ(st.st_size, total);
	printf("enospc: %ld KiB written before ENOSPC\n", total / 1024);
	TRUE(total > 1024 * 1024);
	close(fd);
	/* Removed, its memory is back. */
	OK(unlink("/big"));
	fd = OK(open("/big2", O_WRONLY | O_CREAT | O_TRUNC, 0644));
	EQ(write(fd, chunk, sizeof(chunk)), (long)sizeof(chunk));
	close(fd);
	return 0;
}
