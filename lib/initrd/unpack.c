/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unpacks every initrd region of the boot info into / (rootfs class,
 * priority 3: after / and /dev are mounted, before vfs.fstab's mounts).
 *
 * The whole archive is read once before anything is written, so a damaged
 * archive stops the boot with an untouched tree; the tree is then built
 * with ordinary system calls (km_syscall), as a program would. Directory
 * times are set last, since creating their entries changes them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <km/cpio.h>
#include <km/fdtab.h>
#include <km/init.h>
#include <km/initrd.h>
#include <km/plat/bootinfo.h>
#include <km/plat/time.h>
#include <km/print.h>
#include <km/syscall.h>

/* Linux x86_64 ABI values (asm-generic/fcntl.h, linux/fcntl.h) */
#define AT_FDCWD	    (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define O_WRONLY_	    01
#define O_CREAT_	    0100
#define O_TRUNC_	    01000
#define O_NOFOLLOW_	    0400000
#define O_CLOEXEC_	    02000000

struct timespec_abi {
	int64_t sec, nsec;
};

/* One regular file with links: the first path it was created at. */
struct link_slot {
	uint64_t dev, ino;
	const char *path;
	size_t path_len;
};

struct unpack {
	const struct km_initrd_region *rd;
	char path[KM_CPIO_NAME_MAX + 2];  /* "/" + the member's path + NUL */
	char other[KM_CPIO_NAME_MAX + 2]; /* a link's or symlink's target */
	struct link_slot *links;	  /* open addressing, a power of two */
	size_t nr_link_slots;
	unsigned int skipped;
	const char *known_dir; /* a directory known to exist (in the archive) */
	size_t known_dir_len;
	unsigned int parents_made; /* members whose missing parents were made */
};

static long sys(long nr, long a1, long a2, long a3, long a4, long a5)
{
	return km_syscall(nr, a1, a2, a3, a4, a5, 0);
}

static const char *errname(long err)
{
	const char *n = km_errno_name(-err);

	return n ? n : "an unknown error";
}

/* "/" + @p (@len bytes) into @buf, NUL-terminated. */
static char *absolute(char *buf, const char *p, size_t len)
{
	buf[0] = '/';
	memcpy(buf + 1, p, len);
	buf[len + 1] = '\0';
	return buf;
}

static int member_failed(const struct km_cpio_entry *e, const char *call, long err)
{
	km_pr_crit("initrd: member '%s' at byte %zu: %s: %s; the tree is incomplete\n", e->name,
		   e->offset, call, errname(err));
	return (int)err;
}

static struct link_slot *link_slot(struct unpack *u, uint64_t dev, uint64_t ino)
{
	size_t mask = u->nr_link_slots - 1,
	       i = (size_t)((ino * 0x9e3779b97f4a7c15ULL) ^ dev) & mask;

	while (u->links[i].path && (u->links[i].dev != dev || u->links[i].ino != ino))
		i = (i + 1) & mask;
	return &u->links[i];
}

static int set_times(struct unpack *u, const struct km_cpio_entry *e)
{
	struct timespec_abi ts[2] = { { e->mtime, 0 }, { e->mtime, 0 } };
	long rc = sys(KM_SYS_utimensat, AT_FDCWD, (long)u->path, (long)ts, AT_SYMLINK_NOFOLLOW, 0);

	return rc ? member_failed(e, "utimensat", rc) : 0;
}

static int make_dir(struct unpack *u, const struct km_cpio_entry *e)
{
	long rc = sys(KM_SYS_mkdirat, AT_FDCWD, (long)u->path, 0700, 0, 0);

	if (rc == -EEXIST) {
		struct km_stat st;

		rc = sys(KM_SYS_newfstatat, AT_FDCWD, (long)u->path, (long)&st, AT_SYMLINK_NOFOLLOW,
			 0);
		if (rc == 0 && (st.st_mode & KM_CPIO_S_IFMT) != KM_CPIO_S_IFDIR)
			rc = -EEXIST; /* a file or symlink is in the way */
	}
	if (rc)
		return member_failed(e, "mkdirat", rc);
	rc = sys(KM_SYS_fchmodat, AT_FDCWD, (long)u->path, e->mode & 07777, 0, 0);
	return rc ? member_failed(e, "fchmodat", rc) : 0;
}

/*
 * newc stores a file with several links once per link, its data with the
 * last one (GNU cpio) or the first; odc with every one. As Linux's
 * initramfs does, the first occurrence creates the file, later ones link
 * to it, and whatever data a member carries is written without truncating.
 */
static int make_file(struct unpack *u, const struct km_cpio_entry *e)
{
	long flags = O_WRONLY_ | O_CREAT_ | O_NOFOLLOW_ | O_CLOEXEC_, fd, rc;
	struct link_slot *slot = NULL;
	size_t done = 0;

	if (e->nlink > 1 && u->links) {
		slot = link_slot(u, e->dev, e->ino);
		if (slot->path) {
			absolute(u->other, slot->path, slot->path_len);
			sys(KM_SYS_unlinkat, AT_FDCWD, (long)u->path, 0, 0, 0);
			rc = sys(KM_SYS_linkat, AT_FDCWD, (long)u->other, AT_FDCWD, (long)u->path,
				 0);
			if (rc)
				return member_failed(e, "linkat (a hard link)", rc);
			slot = NULL;
		} else {
			flags |= O_TRUNC_;
			slot->dev = e->dev;
			slot->ino = e->ino;
			slot->path = e->path;
			slot->path_len = e->path_len;
		}
	} else {
		flags |= O_TRUNC_;
	}
	fd = sys(KM_SYS_openat, AT_FDCWD, (long)u->path, flags, 0600, 0);
	if (fd == -ELOOP) { /* a symlink is in the way: replace it */
		sys(KM_SYS_unlinkat, AT_FDCWD, (long)u->path, 0, 0, 0);
		fd = sys(KM_SYS_openat, AT_FDCWD, (long)u->path, flags, 0600, 0);
	}
	if (fd < 0)
		return member_failed(e, "openat", fd);
	while (done < e->size) {
		rc = sys(KM_SYS_write, fd, (long)(e->data + done), (long)(e->size - done), 0, 0);
		if (rc <= 0) {
			sys(KM_SYS_close, fd, 0, 0, 0, 0);
			return member_failed(e, "write", rc ? rc : -EIO);
		}
		done += (size_t)rc;
	}
	rc = sys(KM_SYS_close, fd, 0, 0, 0, 0);
	if (rc)
		return member_failed(e, "close", rc);
	rc = sys(KM_SYS_fchmodat, AT_FDCWD, (long)u->path, e->mode & 07777, 0, 0);
	return rc ? member_failed(e, "fchmodat", rc) : set_times(u, e);
}

static int make_symlink(struct unpack *u, const struct km_cpio_entry *e)
{
	long rc;

	memcpy(u->other, e->data, e->size);
	u->other[e->size] = '\0';
	rc = sys(KM_SYS_symlinkat, (long)u->other, AT_FDCWD, (long)u->path, 0, 0);
	if (rc == -EEXIST) {
		sys(KM_SYS_unlinkat, AT_FDCWD, (long)u->path, 0, 0, 0);
		rc = sys(KM_SYS_symlinkat, (long)u->other, AT_FDCWD, (long)u->path, 0, 0);
	}
	return rc ? member_failed(e, "symlinkat", rc) : set_times(u, e);
}

static const char *special_name(uint32_t mode)
{
	switch (mode & KM_CPIO_S_IFMT) {
	case KM_CPIO_S_IFCHR:
		return "character device";
	case KM_CPIO_S_IFBLK:
		return "block device";
	case KM_CPIO_S_IFIFO:
		return "FIFO";
	}
	return "socket";
}

/*
 * An archive made with `find /abs/dir | cpio -o` names /abs/dir but not /abs:
 * as `cpio -id` does, missing parents are made (0755). Members usually
 * follow their directory, so the last directory known to exist saves the
 * check for most of them.
 */
static int make_parents(struct unpack *u, const struct km_cpio_entry *e)
{
	size_t len = e->path_len;
	struct km_stat st;
	long rc;

	while (len && e->path[len - 1] != '/')
		len--;
	if (len)
		len--; /* the parent's path, without its trailing '/' */
	if (!len || (len == u->known_dir_len && !memcmp(e->path, u->known_dir, len)))
		return 0;
	absolute(u->other, e->path, len);
	rc = sys(KM_SYS_newfstatat, AT_FDCWD, (long)u->other, (long)&st, 0, 0);
	if (rc == -ENOENT) {
		for (char *s = u->other + 1;; s++) {
			if (*s == '/' || !*s) {
				char c = *s;

				*s = '\0';
				rc = sys(KM_SYS_mkdirat, AT_FDCWD, (long)u->other, 0755, 0, 0);
				*s = c;
				if (rc && rc != -EEXIST)
					return member_failed(e, "mkdirat (a missing parent)", rc);
				if (!c)
					break;
			}
		}
		if (!u->parents_made++)
			km_pr_warn("initrd: member '%s' at byte %zu: made its missing parent "
				   "directories (as cpio -id does)\n",
				   e->name, e->offset);
	}
	u->known_dir = e->path;
	u->known_dir_len = len;
	return 0;
}

static int unpack_member(struct unpack *u, const struct km_cpio_entry *e)
{
	int err = make_parents(u, e);

	if (err)
		return err;
	absolute(u->path, e->path, e->path_len);
	switch (e->mode & KM_CPIO_S_IFMT) {
	case KM_CPIO_S_IFDIR:
		if (!e->path_len)
			return 0; /* "/" exists: its mode comes last */
		err = make_dir(u, e);
		if (!err) {
			u->known_dir = e->path;
			u->known_dir_len = e->path_len;
		}
		return err;
	case KM_CPIO_S_IFREG:
		return make_file(u, e);
	case KM_CPIO_S_IFLNK:
		return make_symlink(u, e);
	}
	/* device nodes come from devfs; a FIFO or socket has no use here */
	km_pr_warn("initrd: member '%s' at byte %zu: %s skipped (not unpacked)\n", e->name,
		   e->offset, special_name(e->mode));
	u->skipped++;
	return 0;
}

/* Directory modes of "/" and times of every directory, after their entries. */
static int finish_dirs(struct unpack *u)
{
	struct km_cpio_reader r;
	struct km_cpio_entry e;
	long rc;

	km_cpio_init(&r, u->rd->data, u->rd->len);
	while (km_cpio_next(&r, &e) > 0) {
		if ((e.mode & KM_CPIO_S_IFMT) != KM_CPIO_S_IFDIR)
			continue;
		absolute(u->path, e.path, e.path_len);
		if (!e.path_len) {
			rc = sys(KM_SYS_fchmodat, AT_FDCWD, (long)u->path, e.mode & 07777, 0, 0);
			if (rc)
				return member_failed(&e, "fchmodat", rc);
		}
		rc = set_times(u, &e);
		if (rc)
			return (int)rc;
	}
	return 0;
}

int km_initrd_check(const struct km_initrd_region *rd, struct km_initrd_stats *st)
{
	struct km_cpio_reader r;
	struct km_cpio_entry e;
	int rc;

	memset(st, 0, sizeof(*st));
	km_cpio_init(&r, rd->data, rd->len);
	while ((rc = km_cpio_next(&r, &e)) > 0) {
		st->members++;
		st->data_bytes += e.size;
		st->linked += (e.mode & KM_CPIO_S_IFMT) == KM_CPIO_S_IFREG && e.nlink > 1;
		st->format = e.format;
	}
	if (rc < 0)
		km_pr_crit("initrd (%s, %zu bytes): %s; nothing was unpacked\n", rd->name, rd->len,
			   r.error);
	return rc;
}

int km_initrd_unpack(const struct km_initrd_region *rd)
{
	struct km_initrd_stats st;
	struct km_cpio_reader r;
	struct km_cpio_entry e;
	struct unpack *u;
	km_nsec_t t0 = km_plat_monotonic_ns();
	int rc;

	rc = km_initrd_check(rd, &st);
	if (rc)
		return rc;
	u = calloc(1, sizeof(*u));
	if (!u) {
		km_pr_crit("initrd: no memory to unpack (%zu bytes)\n", sizeof(*u));
		return -ENOMEM;
	}
	u->rd = rd;
	if (st.linked) {
		u->nr_link_slots = 2;
		while (u->nr_link_slots < 2 * (size_t)st.linked)
			u->nr_link_slots *= 2;
		u->links = calloc(u->nr_link_slots, sizeof(*u->links));
		if (!u->links) {
			free(u);
			km_pr_crit("initrd: no memory for %u hard links\n", st.linked);
			return -ENOMEM;
		}
	}
	km_cpio_init(&r, rd->data, rd->len);
	while (!rc && km_cpio_next(&r, &e) > 0)
		rc = unpack_member(u, &e);
	if (!rc)
		rc = finish_dirs(u);
	if (!rc)
		km_pr_info(
			"initrd: %u members (%s, %zu bytes, %llu of data) unpacked into / in %llu "
			"us%s\n",
			st.members, km_cpio_format_name(st.format), rd->len,
			(unsigned long long)st.data_bytes,
			(unsigned long long)((km_plat_monotonic_ns() - t0) / 1000),
			u->skipped ? "; special files skipped (above)" : "");
	free(u->links);
	free(u);
	return rc;
}

static int initrd_unpack_all(void)
{
	struct km_bootinfo *bi = km_bootinfo_get();
	int rc = 0;

	for (unsigned int i = 0; i < bi->nr_regions && !rc; i++) {
		const struct km_region *reg = &bi->regions[i];
		struct km_initrd_region rd = { (const void *)reg->base, reg->len, reg->name };

		if (reg->type != KM_REGION_INITRD)
			continue;
		if (reg->len == 0) {
			km_pr_warn("initrd: %s is empty; nothing to unpack\n", reg->name);
			continue;
		}
		rc = km_initrd_unpack(&rd);
	}
	return rc;
}
KM_INIT_ROOTFS_REQUIRED(initrd_unpack_all, 3);

/* lib/boot stops an image given an initrd it cannot unpack (without this). */
const int km_initrd_present = 1;
