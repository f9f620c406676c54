/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * km/fdtab.h - the table of open files (consumer API of lib/fdtab).
 *
 * Every kind of open file (the console now; VFS files, pipes and sockets
 * later) is a struct km_file with an ops table. The table maps file
 * descriptors 0..CONFIG_LIBFDTAB_MAX-1 to files; several descriptors MAY
 * share one file (dup), which is closed when its last descriptor is.
 *
 * A kind provides (every op MAY be NULL, with the result given):
 *   read(f, buf, len, off)   bytes read, 0 at end, -EAGAIN when nothing
 *                            is there and the file is O_NONBLOCK (a kind
 *                            MAY block otherwise); NULL: -EBADF
 *   write(f, buf, len, off)  bytes written; NULL: -EBADF
 *                            @off is NULL for read/write/readv/writev (use
 *                            and advance the file's own position, if any),
 *                            else the pread64/pwrite64 offset
 *   lseek(f, off, whence)    new position; NULL: -ESPIPE (also pread/pwrite)
 *   poll(f, events)          the POLLIN/POLLOUT/... bits ready now, never
 *                            blocking; NULL: POLLIN|POLLOUT. A kind that
 *                            cannot call km_file_wake() when the file
 *                            becomes ready adds KM_POLL_NOWAKE (waiters
 *                            then look again every millisecond)
 *   ioctl(f, req, arg)       NULL: -ENOTTY
 *   fstat(f, st)             fill *st (zeroed before); NULL: -EBADF
 *   close(f)                 the last descriptor went away; NULL: nothing
 *   fcntl(f, cmd, arg)       fcntl commands the table does not handle
 *                            (record locks, pipe sizes); NULL: -EINVAL
 * readv/writev are the table's: it calls read/write per buffer and stops
 * at the first short transfer, as Linux does for one file.
 *
 * Contract:
 * - km_fd_install(f, minfd, fdflags) puts @f at the lowest free descriptor
 *   >= @minfd and returns it, or -EMFILE (table full) / -EINVAL (minfd out
 *   of range). @fdflags is FD_CLOEXEC or 0. The table takes one reference:
 *   @f MUST stay valid until its close op runs (the kind owns its memory).
 * - km_fd_get(fd) returns the file with one more reference (release it
 *   with km_file_put), or NULL for a descriptor not open.
 * - km_file_ref(f) adds a reference: a kind holding a file across a
 *   blocking call MAY take one.
 * - km_fd_close(fd): 0, or -EBADF.
 * - @f->flags holds the O_* status flags (O_ACCMODE, O_APPEND,
 *   O_NONBLOCK), set by the kind before install; fcntl(F_SETFL) changes
 *   O_APPEND and O_NONBLOCK only.
 * - All functions MAY be called from any thread (not from interrupts);
 *   the table is serialised by masking interrupts (one CPU) and ops are
 *   called with interrupts as the caller had them.
 *
 * System calls (Linux x86_64 ABI, the man pages of each): read, write,
 * readv, writev (iovcnt 0..1024 else -EINVAL), pread64, pwrite64, lseek,
 * ioctl (FIONBIO and FIOCLEX/FIONCLEX by the table, the rest by the kind),
 * fstat, fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL,
 * F_SETFL; others go to the kind's fcntl op), dup, dup2, dup3 (-EINVAL
 * when equal or bad flags), close, poll and ppoll, select and pselect6
 * (-EINVAL for nfds > the table size, select's nfds < 0 or a negative
 * timeout; select: -EBADF for a set bit of a descriptor not open). A
 * descriptor not open gives -EBADF.
 *
 * Waiting for readiness (poll, select, lib/posix-epoll's epoll_wait): the
 * waiter asks every file's poll op; when none is ready it sleeps until a
 * kind calls km_file_wake() or its timeout passes, then asks again.
 * - km_file_wake(): a file of some kind MAY have become ready (data or
 *   room arrived, the peer closed, an error). Any context, interrupts
 *   included; costs a counter and a look at an empty queue when nobody
 *   waits. Kinds call it after every such change (sockets from lwIP's
 *   event callback, pipes on read/write/close); a wake with nothing ready
 *   only costs the waiters another look.
 * - km_file_event(f): km_file_wake() for @f, which also counts the event
 *   in @f->events (edge-triggered epoll reports a file again only after
 *   a new event). Same contexts; @f MUST be alive.
 * - km_file_wakes() is the count of wakes so far: read it BEFORE asking
 *   the files, then km_file_wait(count, deadline) sleeps only while no wake
 *   came since: 0 after a wake, -ETIMEDOUT once @deadline (monotonic ns;
 *   UINT64_MAX: none) passed. A wake between the question and the sleep
 *   is never lost. Thread context only.
 * - Files whose poll op answers KM_POLL_NOWAKE (the console: platforms
 *   give no input interrupt) are asked again every millisecond while a
 *   waiter holds one. Without lib/sched, only interrupt-context code can
 *   wake, and km_file_wait() looks every millisecond.
 *
 * The console (console.c): fds 0 and 1 are one console file (O_RDWR) on
 * km/plat/console.h, fd 2 a second one that writes to the platform's error
 * stream (km_plat_console_write_err: the host's stderr on linuxu). When
 * km_plat_console_is_terminal() (the output is a terminal), a character
 * device: fstat gives S_IFCHR|0620, rdev 136:0 (a pty); ioctl TCGETS
 * returns a termios of a cooked terminal, TCSETS* are accepted, TIOCGWINSZ
 * is 24x80, so isatty() is true. Otherwise (a
 * pipe or a file, e.g. linuxu's stdout redirected) fstat gives S_IFIFO|0600
 * and terminal ioctls -ENOTTY: isatty() is false on fds 0-2 and a libc
 * buffers stdout fully, as Linux would. read blocks (sleeping 1 ms between platform reads)
 * unless O_NONBLOCK; poll reports POLLOUT always and POLLIN when a byte
 * is waiting (it is kept for the next read), with KM_POLL_NOWAKE: no
 * platform interrupts on console input. Closing fds 0..2 is allowed.
 *
 * km_console_file() is the console's file (for devfs's /dev/console); it
 * is static and never closed.
 *
 * Non-goals: per-thread tables, close-on-exec semantics (no exec: the flag
 * is kept and reported), file locks (a kind's fcntl), a wait queue per
 * file (one for all waiters).
 */
#ifndef KM_FDTAB_H
#define KM_FDTAB_H

#include <stddef.h>
#include <stdint.h>
#include <km/plat/time.h>

struct km_file;

/* struct stat of the Linux x86_64 ABI (144 bytes), for fstat ops. */
struct km_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
	int64_t reserved[3];
};

struct km_file_ops {
	const char *kind; /* "console", for logs */
	long (*read)(struct km_file *f, void *buf, size_t len, int64_t *off);
	long (*write)(struct km_file *f, const void *buf, size_t len, int64_t *off);
	long (*lseek)(struct km_file *f, int64_t off, int whence);
	unsigned int (*poll)(struct km_file *f, unsigned int events);
	long (*ioctl)(struct km_file *f, unsigned long req, unsigned long arg);
	int (*fstat)(struct km_file *f, struct km_stat *st);
	void (*close)(struct km_file *f);
	/* fcntl commands the table does not handle (F_SETLK, ...); NULL: -EINVAL */
	long (*fcntl)(struct km_file *f, int cmd, unsigned long arg);
};

struct km_file {
	const struct km_file_ops *ops;
	void *priv;	     /* the kind's */
	unsigned int flags;  /* O_* status flags */
	unsigned int refs;   /* private: descriptors and km_fd_get holders */
	unsigned int events; /* readiness events so far (km_file_event) */
};

#define KM_FD_CLOEXEC 1

/* In a poll op's answer: this file's readiness changes without a
 * km_file_wake() (never one of Linux's POLL* bits). */
#define KM_POLL_NOWAKE 0x08000000u

int km_fd_install(struct km_file *f, int minfd, int fdflags);
struct km_file *km_fd_get(int fd);
void km_file_ref(struct km_file *f);
void km_file_put(struct km_file *f);
int km_fd_close(int fd);
struct km_file *km_console_file(void);

void km_file_wake(void);
void km_file_event(struct km_file *f);
unsigned long km_file_wakes(void);
int km_file_wait(unsigned long seen, km_nsec_t deadline);

#endif /* KM_FDTAB_H */
