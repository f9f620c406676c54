/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfs.fstab=<source>:<mountpoint>:<fstype>[:<flags>[:<options>]] ...
 * (Unikraft's field order; entries separated by spaces in one quoted
 * value; each occurrence of the parameter adds its entries). Checked when
 * the parameter is read, so a typo stops the boot
 * before anything runs; mounted in order in the rootfs class, after / and
 * the initrd, each mount point created first (mkdir -p).
 *
 * <flags>: empty, a number (mount(2)'s MS_* bits: MS_RDONLY is applied,
 * the others accepted), or a comma list of "ro", "rw" and "required".
 * A failed entry is reported and skipped, unless "required": then the
 * boot stops. <options> is the rest of the entry, colons included, given
 * to the file system as is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <km/init.h>
#include <km/param.h>
#include <km/print.h>
#include <km/syscall.h>
#include "vfs_impl.h"

#define FSTAB_REQUIRED 0x100

struct fstab_entry {
	const char *field[5]; /* source, mountpoint, fstype, flags, options */
	size_t len[5];
	unsigned long mflags;
};

/* Each vfs.fstab= occurrence adds its entries (as virtio_mmio.device
 * does), so that `make run SHARE=` and a user's own vfs.fstab both count. */
#define FSTAB_VALUES 8
struct fstab_values {
	unsigned int n;
	const char *text[FSTAB_VALUES];
};
static struct fstab_values fstab;

static int parse_flags(const char *s, size_t len, unsigned long *out, const char **why)
{
	*out = 0;
	if (!len)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {
		/* Digits by hand: no errno this early (see lib/param). Only
		 * bit 0 (MS_RDONLY) matters, so the last hex digit decides. */
		size_t i = len > 2 && s[0] == '0' && (s[1] | 0x20) == 'x' ? 2 : 0;
		int hex = i == 2;

		for (; i < len; i++)
			if (!(s[i] >= '0' && s[i] <= '9') &&
			    !(hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')) {
				*why = "flags: not a number";
				return -EINVAL;
			}
		*out = ((s[len - 1] | 0x20) - (s[len - 1] <= '9' ? '0' : 'a' - 10)) & 1
			       ? KM_MNT_RDONLY
			       : 0;
		return 0;
	}
	while (len) {
		size_t n = 0;

		while (n < len && s[n] != ',')
			n++;
		if (n == 2 && !memcmp(s, "ro", 2))
			*out |= KM_MNT_RDONLY;
		else if (n == 2 && !memcmp(s, "rw", 2))
			*out &= ~(unsigned long)KM_MNT_RDONLY;
		else if (n == 8 && !memcmp(s, "required", 8))
			*out |= FSTAB_REQUIRED;
		else {
			*why = "flags: expected a number or ro, rw, required separated by commas";
			return -EINVAL;
		}
		s += n + (n < len);
		len -= n + (n < len);
	}
	return 0;
}

/* Split one entry of @len bytes: 0, or -EINVAL with *@why. */
static int parse_entry(const char *s, size_t len, struct fstab_entry *e, const char **why)
{
	size_t i = 0, f = 0;

	memset(e, 0, sizeof(*e));
	e->field[0] = s;
	for (; i < len && f < 4; i++)
		if (s[i] == ':') {
			e->len[f] = (size_t)(s + i - e->field[f]);
			e->field[++f] = s + i + 1;
		}
	e->len[f] = (size_t)(s + len - e->field[f]);
	for (size_t k = f + 1; k < 5; k++)
		e->field[k] = s + len;
	if (f < 2) {
		*why = "expected <source>:<mountpoint>:<fstype>[:<flags>[:<options>]]";
		return -EINVAL;
	}
	if (!e->len[1] || e->field[1][0] != '/') {
		*why = "the mount point must be an absolute path";
		return -EINVAL;
	}
	if (e->len[1] >= KM_VFS_PATH_MAX) {
		*why = "the mount point is too long";
		return -EINVAL;
	}
	if (!e->len[2]) {
		*why = "the file system type is empty";
		return -EINVAL;
	}
	return parse_flags(e->field[3], e->len[3], &e->mflags, why);
}

/* Calls @fn for each entry of @text, stopping at the first error. */
static int each_entry(const char *text, int (*fn)(struct fstab_entry *e, void *ctx), void *ctx)
{
	while (*text) {
		size_t n = strcspn(text, " \t\n");
		struct fstab_entry e;
		const char *why = "";
		int err;

		if (n) {
			err = parse_entry(text, n, &e, &why);
			if (err) {
				km_pr_err("vfs.fstab: entry '%.*s': %s\n", (int)n, text, why);
				return err;
			}
			err = fn(&e, ctx);
			if (err)
				return err;
		}
		text += n;
		text += strspn(text, " \t\n");
	}
	return 0;
}

static int accept_entry(struct fstab_entry *e, void *ctx)
{
	(void)e;
	(void)ctx;
	return 0;
}

static int parse_fstab(const char *text, void *var)
{
	struct fstab_values *v = var;
	int err;

	if (v->n == FSTAB_VALUES) {
		km_pr_err("vfs.fstab: more than %d occurrences; put entries in one value\n",
			  FSTAB_VALUES);
		return -ERANGE;
	}
	err = each_entry(text, accept_entry, NULL);
	if (!err)
		v->text[v->n++] = text;
	return err;
}

static int format_fstab(char *buf, size_t len, const void *var)
{
	const struct fstab_values *v = var;
	size_t n = 0;

	if (!v->n)
		return snprintf(buf, len, "(none)");
	for (unsigned int k = 0; k < v->n && n < len; k++) {
		int w = snprintf(buf + n, len - n, "%s%s", k ? " " : "", v->text[k]);

		if (w < 0)
			return w;
		n += (size_t)w;
	}
	return (int)n;
}

KM_PARAM_TYPE(fstab, parse_fstab, format_fstab);
KM_PARAM(vfs, fstab, fstab, fstab,
	 "mounts: \"<source>:<mountpoint>:<fstype>[:<flags>[:<options>]] ...\"");

/* mkdir -p @path: every missing directory on the way is made (0755). */
static int make_dirs(char *path)
{
	for (char *s = path + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			long err;

			*s = '\0';
			err = km_syscall2(KM_SYS_mkdir, path, 0755);
			*s = c;
			if (err && err != -EEXIST)
				return (int)err;
			if (!c)
				return 0;
		}
	}
}

static char *dup_field(const struct fstab_entry *e, int k)
{
	char *s = malloc(e->len[k] + 1);

	if (s) {
		memcpy(s, e->field[k], e->len[k]);
		s[e->len[k]] = '\0';
	}
	return s;
}

static int mount_entry(struct fstab_entry *e, void *ctx)
{
	char *f[5];
	int err = 0, required = !!(e->mflags & FSTAB_REQUIRED);

	(void)ctx;
	for (int k = 0; k < 5; k++)
		if (!(f[k] = dup_field(e, k)))
			err = -ENOMEM;
	/* Before the mount point is made: no stray directory for a typo. */
	if (!err && !vfs_fstype_known(f[2])) {
		char names[128];

		vfs_fstype_names(names, sizeof(names));
		km_pr_err("vfs.fstab: cannot mount %s on %s: no file system type '%s' in this "
			  "image (it has: %s)\n",
			  *f[0] ? f[0] : "-", f[1], f[2], names);
		err = -ENODEV;
		goto out;
	}
	/* / itself comes first when no root file system was configured. */
	if (!err && strcmp(f[1], "/")) {
		err = make_dirs(f[1]);
		if (err)
			km_pr_err("vfs.fstab: cannot create mount point %s: %s\n", f[1],
				  km_errno_name(-err));
	}
	if (!err) {
		err = km_vfs_mount(f[0], f[1], f[2], e->mflags & KM_MNT_RDONLY, f[4]);
		if (err)
			km_pr_err("vfs.fstab: cannot mount %s (%s) on %s: %s\n", f[2],
				  *f[0] ? f[0] : "-", f[1], km_errno_name(-err));
		else
			km_pr_info("mounted %s (%s) on %s\n", f[2], *f[0] ? f[0] : "-", f[1]);
	}
out:
	for (int k = 0; k < 5; k++)
		free(f[k]);
	return required ? err : 0;
}

static int vfs_fstab_mount(void)
{
	for (unsigned int k = 0; k < fstab.n; k++) {
		int err = each_entry(fstab.text[k], mount_entry, NULL);

		if (err)
			return err;
	}
	return 0;
}
KM_INIT_ROOTFS_REQUIRED(vfs_fstab_mount, 4);
