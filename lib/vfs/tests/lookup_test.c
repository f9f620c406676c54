/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/vfs path lookup, through the system calls (needs ramfs as /). */
#include <errno.h>
#include <string.h>
#include <km/syscall.h>
#include <km/test.h>
#include <km/vfs.h>

#define AT_FDCWD_ (-100)

static long sys_mkdir(const char *p)
{
	return km_syscall2(KM_SYS_mkdir, p, 0755);
}

static long sys_open(const char *p, long flags)
{
	return km_syscall3(KM_SYS_open, p, flags, 0644);
}

/* "ok" when @path resolves to the inode of @want, else the error. */
static long same_file(const char *path, const char *want)
{
	struct km_stat a, b;
	long r = km_syscall2(KM_SYS_stat, path, &a);

	if (r)
		return r;
	r = km_syscall2(KM_SYS_stat, want, &b);
	if (r)
		return r;
	return a.st_ino == b.st_ino && a.st_dev == b.st_dev ? 0 : -EXDEV;
}

KM_TEST(vfs, dot_and_dotdot)
{
	KM_ASSERT_EQ(sys_mkdir("/lt"), 0);
	KM_ASSERT_EQ(sys_mkdir("/lt/a"), 0);
	KM_ASSERT_EQ(sys_mkdir("/lt/a/b"), 0);
	KM_EXPECT_EQ(same_file("/lt/a/b/..", "/lt/a"), 0);
	KM_EXPECT_EQ(same_file("/lt/a/./b/../../a", "/lt/a"), 0);
	KM_EXPECT_EQ(same_file("/..", "/"), 0);
	KM_EXPECT_EQ(same_file("/../../lt", "/lt"), 0);
	KM_EXPECT_EQ(same_file("//lt///a//", "/lt/a"), 0);
	KM_EXPECT_EQ(same_file("/lt/a/b/.", "/lt/a/b"), 0);
	KM_EXPECT_EQ(sys_mkdir("/lt/a/."), -EEXIST);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_rmdir, "/lt/a/."), -EINVAL);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_rmdir, "/lt/a/b/.."), -ENOTEMPTY);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_rmdir, "/"), -EBUSY);
}

KM_TEST(vfs, errors)
{
	char longname[300], longpath[4200];
	struct km_stat st;
	long fd;

	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	for (size_t i = 0; i < sizeof(longpath) - 1; i += 2)
		memcpy(longpath + i, "/.", 2);
	longpath[sizeof(longpath) - 1] = '\0';
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, longname, &st), -ENAMETOOLONG);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, longpath, &st), -ENAMETOOLONG);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "", &st), -ENOENT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, NULL, &st), -EFAULT);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/nonexistent/x", &st), -ENOENT);
	fd = sys_open("/lt-file", 0101); /* O_WRONLY|O_CREAT */
	KM_ASSERT_TRUE(fd >= 0);
	km_syscall1(KM_SYS_close, fd);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/lt-file/x", &st), -ENOTDIR);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/lt-file/", &st), -ENOTDIR);
	KM_EXPECT_EQ(sys_mkdir("/lt-file/d"), -ENOTDIR);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_newfstatat, 1, "x", &st, 0), -ENOTDIR);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_newfstatat, 77, "x", &st, 0), -EBADF);
	KM_EXPECT_EQ(km_syscall4(KM_SYS_newfstatat, 77, "/lt-file", &st, 0), 0);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_unlink, "/lt-file"), 0);
}

KM_TEST(vfs, symlinks)
{
	struct km_stat st;
	char buf[64];

	KM_ASSERT_EQ(sys_mkdir("/ls"), 0);
	KM_ASSERT_EQ(sys_mkdir("/ls/dir"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, "dir", "/ls/rel"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, "/ls/dir", "/ls/abs"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, "../rel/..", "/ls/dir/up"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, "loop2", "/ls/loop1"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, "loop1", "/ls/loop2"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, "missing", "/ls/dangling"), 0);
	KM_EXPECT_EQ(same_file("/ls/rel", "/ls/dir"), 0);
	KM_EXPECT_EQ(same_file("/ls/abs/", "/ls/dir"), 0);
	KM_EXPECT_EQ(same_file("/ls/dir/up", "/ls"), 0);
	KM_EXPECT_EQ(same_file("/ls/rel/up/abs/up/rel", "/ls/dir"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/ls/loop1", &st), -ELOOP);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/ls/loop1/x", &st), -ELOOP);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_lstat, "/ls/loop1", &st), 0);
	KM_EXPECT_EQ(st.st_mode & 0170000, 0120000u);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/ls/dangling", &st), -ENOENT);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_readlink, "/ls/rel", buf, sizeof(buf)), 3);
	KM_EXPECT_EQ(km_syscall3(KM_SYS_readlink, "/ls/dir", buf, sizeof(buf)), -EINVAL);
	/* 40 links are followed, the 41st is a loop. */
	for (int i = 0; i < 41; i++) {
		char name[32], target[32];

		memcpy(name, "/ls/c", 5);
		name[5] = (char)('A' + i / 26);
		name[6] = (char)('a' + i % 26);
		name[7] = '\0';
		memcpy(target, name + 4, 4);
		target[2] = (char)('a' + (i + 1) % 26);
		target[1] = (char)('A' + (i + 1) / 26);
		target[3] = '\0';
		if (i == 40)
			memcpy(target, "dir", 4);
		KM_EXPECT_EQ(km_syscall2(KM_SYS_symlink, target, name), 0);
	}
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/ls/cAa", &st), -ELOOP); /* 41 links */
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/ls/cAb", &st), 0);	/* 40 links */
	KM_EXPECT_EQ(st.st_mode & 0170000, 0040000u);
}

KM_TEST(vfs, mounts)
{
	struct km_stat a, b;
	char cwd[64];
	long fd;

	KM_ASSERT_EQ(sys_mkdir("/lm"), 0);
	KM_ASSERT_EQ(sys_mkdir("/lm/mnt"), 0);
	KM_ASSERT_EQ(km_vfs_mount("", "/lm/mnt", "ramfs", 0, ""), 0);
	KM_EXPECT_EQ(km_vfs_mount("", "/lm/mnt", "ramfs", 0, ""), -EBUSY);
	KM_EXPECT_EQ(km_vfs_mount("", "/lm/none", "ramfs", 0, ""), -ENOENT);
	KM_EXPECT_EQ(km_vfs_mount("", "/lm/mnt", "nofs", 0, ""), -ENODEV);
	KM_EXPECT_EQ(km_vfs_mount("", "/lm", "ramfs", 0, "bad=1"), -EINVAL);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_stat, "/lm", &a), 0);
	KM_ASSERT_EQ(km_syscall2(KM_SYS_stat, "/lm/mnt", &b), 0);
	KM_EXPECT_NE(a.st_dev, b.st_dev);
	KM_EXPECT_EQ(same_file("/lm/mnt/..", "/lm"), 0);
	KM_EXPECT_EQ(sys_mkdir("/lm/mnt/sub"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_rename, "/lm/mnt/sub", "/lm/sub"), -EXDEV);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_link, "/lm/mnt/sub", "/lm/sub"), -EPERM);
	fd = sys_open("/lm/mnt/f", 0101);
	KM_ASSERT_TRUE(fd >= 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_link, "/lm/mnt/f", "/lm/f"), -EXDEV);
	KM_EXPECT_EQ(km_vfs_unmount("/lm/mnt"), -EBUSY); /* f is open */
	km_syscall1(KM_SYS_close, fd);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_chdir, "/lm/mnt/sub"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getcwd, cwd, sizeof(cwd)), 12);
	KM_EXPECT_STREQ(cwd, "/lm/mnt/sub");
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getcwd, cwd, 5), -ERANGE);
	KM_EXPECT_EQ(km_vfs_unmount("/lm/mnt"), -EBUSY); /* the cwd is there */
	KM_EXPECT_EQ(km_syscall1(KM_SYS_chdir, "../../.."), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_getcwd, cwd, sizeof(cwd)), 2);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_rmdir, "/lm/mnt"), -EBUSY);
	KM_EXPECT_EQ(km_vfs_unmount("/lm"), -EINVAL);
	KM_EXPECT_EQ(km_vfs_unmount("/lm/mnt"), 0);
	KM_EXPECT_EQ(km_syscall2(KM_SYS_stat, "/lm/mnt/f", &b), -ENOENT);
	KM_EXPECT_EQ(km_syscall1(KM_SYS_rmdir, "/lm/mnt"), 0);
	(void)AT_FDCWD_;
}
