/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test app: lib/newlib's OS stubs and added POSIX functions, one line each,
 * checked by tests/suites/72-newlib.sh. Each line prints what the call
 * gave, so a wrong value shows in the output rather than as "failed".
 * The last line comes from exit(): a fully buffered stderr is flushed then.
 * With the argument "posix", the POSIX functions lib/newlib adds follow;
 * with "process", the process functions and those that need a fork.
 */
#define _GNU_SOURCE /* gettid, syscall */
#include <dirent.h>
#include <dlfcn.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <syslog.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wordexp.h>

static long long ns_of(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/* errno's name, for the few the calls below can give. */
static const char *strerrorname(int e)
{
	static char other[16];

	switch (e) {
	case 0:
		return "0";
	case EINVAL:
		return "EINVAL";
	case EBADF:
		return "EBADF";
	case ENOSYS:
		return "ENOSYS";
	case ENOENT:
		return "ENOENT";
	case EEXIST:
		return "EEXIST";
	case ENOTTY:
		return "ENOTTY";
	case EFAULT:
		return "EFAULT";
	case ECHILD:
		return "ECHILD";
	case ENAMETOOLONG:
		return "ENAMETOOLONG";
	default:
		snprintf(other, sizeof(other), "errno %d", e);
		return other;
	}
}

/* "-1 ENAME" after a failed call, else the value: what the call gave. */
static void result(const char *what, long ret)
{
	if (ret == -1)
		printf("%s: -1 %s\n", what, strerrorname(errno));
	else
		printf("%s: %ld\n", what, ret);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* The POSIX functions lib/newlib adds on the syscall layer
 * (posix_sys.c, posix_fs.c, signal.c, dirent.c). */
static void posix_additions(void)
{
	struct sigaction sa = { 0 }, old;
	struct pollfd pfd = { 1, POLLOUT, 0 };
	struct winsize ws;
	struct utsname u;
	struct passwd *pw;
	sigset_t set, cur;
	unsigned char rnd[16];
	int fds[2];
	char *p;

	printf("sysconf: %ld %ld %s\n", sysconf(_SC_PAGESIZE), sysconf(_SC_NPROCESSORS_ONLN),
	       sysconf(_SC_OPEN_MAX) > 2 && sysconf(_SC_PHYS_PAGES) > 0 ? "ok" : "wrong");
	result("sysconf(-5)", sysconf(-5));
	printf("getpagesize: %d\n", getpagesize());
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED) {
		p[0] = 'a';
		p[8191] = 'z';
	}
	printf("mmap: %s\n", p != MAP_FAILED && p[0] == 'a' && p[8191] == 'z' ? "ok" : "failed");
	result("mprotect", mprotect(p, 4096, PROT_READ));
	result("munmap", munmap(p, 8192));
	p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap(len 0): %s %s\n", p == MAP_FAILED ? "MAP_FAILED" : "mapped",
	       strerrorname(errno));
	printf("uname: %d %s %s\n", uname(&u), u.sysname, u.machine);
	result("getrandom", getrandom(rnd, sizeof(rnd), 0));
	result("getrandom(bad flags)", getrandom(rnd, sizeof(rnd), 0x100));
	result("fcntl(F_SETFD)", fcntl(7, F_SETFD, FD_CLOEXEC));
	result("fcntl(F_GETFD)", fcntl(7, F_GETFD));
	result("fcntl(F_DUPFD)", fcntl(7, F_DUPFD, 20));
	result("fcntl(99)", fcntl(99, F_GETFD));
	result("ioctl(99)", ioctl(99, TIOCGWINSZ, &ws));
	result("poll", poll(&pfd, 1, 0));
	printf("poll: revents %s\n", pfd.revents & POLLOUT ? "POLLOUT" : "none");
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	result("sigaction", sigaction(SIGUSR1, &sa, NULL));
	sigaction(SIGUSR1, NULL, &old);
	printf("sigaction: %s\n", old.sa_handler == on_usr1 && sigismember(&old.sa_mask, SIGUSR2) &&
						  !sigismember(&old.sa_mask, SIGUSR1)
					  ? "recorded"
					  : "lost");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &cur);
	printf("sigprocmask: USR2 %d USR1 %d HUP %d\n", sigismember(&cur, SIGUSR2),
	       sigismember(&cur, SIGUSR1), sigismember(&cur, SIGHUP));
	result("sigaddset(99)", sigaddset(&set, 99));
	result("kill(0)", kill(getpid(), 0));
	pw = getpwuid(0);
	printf("getpwuid(0): %s %s\n", pw ? pw->pw_name : "NULL", pw ? pw->pw_dir : "");
	printf("getpwuid(5): %s\n", getpwuid(5) ? "found" : "NULL");
	printf("gettid: %s\n", gettid() == getpid() ? "pid" : "other");
	printf("syscall(SYS_getppid): %s\n", syscall(SYS_getppid) == getppid() ? "ok" : "wrong");
	result("syscall(SYS_close, 99)", syscall(SYS_close, 99));
	/* Files: whatever the syscall layer answers (the VFS may not be
	 * there), always -1 and an errno name on failure. */
	result("pipe", pipe(fds));
	result("access", access("/", F_OK));
	result("mkdir", mkdir("/newlibstubs-dir", 0755));
	result("rmdir", rmdir("/newlibstubs-dir"));
	result("rename", rename("/a", "/b"));
	result("chdir", chdir("/"));
	printf("getcwd: %s\n", getcwd((char[64]){ 0 }, 64) ? "ok" : strerrorname(errno));
	printf("opendir: %s\n", opendir("/") ? "ok" : strerrorname(errno));
	result("lstat", lstat("/", &(struct stat){ 0 }));
	result("openat", openat(AT_FDCWD, "/no/such", O_RDONLY));
}

/* The process functions lib/newlib adds (posix_proc.c) and newlib's own
 * libc/posix ones that need a fork this OS does not have: they fail as
 * POSIX says, never hang or crash. */
static void process_additions(void)
{
	char *const args[] = { "sh", "-c", "true", NULL };
	struct rlimit rl;
	struct rusage ru;
	char host[64];
	wordexp_t we;
	uid_t r, e, s;
	pid_t pid;
	FILE *p;

	printf("system(NULL): %d\n", system(NULL));
	result("system", system("true"));
	errno = 0;
	p = popen("true", "r");
	printf("popen: %s %s\n", p ? "stream" : "NULL", strerrorname(errno));
	printf("posix_spawn: %s\n",
	       strerrorname(posix_spawn(&pid, "/bin/sh", NULL, NULL, args, NULL)));
	printf("wordexp: %s\n", wordexp("a b", &we, 0) == WRDE_NOSPACE ? "WRDE_NOSPACE" : "other");
	result("execvp", execvp("sh", args));
	result("vfork", vfork());
	result("waitpid", waitpid(-1, NULL, WNOHANG));
	result("getrlimit", getrlimit(RLIMIT_NOFILE, &rl));
	printf("RLIMIT_NOFILE: %llu %llu\n", rl.rlim_cur, rl.rlim_max);
	result("getrusage", getrusage(RUSAGE_SELF, &ru));
	result("gethostname", gethostname(host, sizeof(host)));
	printf("hostname: %s\n", host);
	result("gethostname(short)", gethostname(host, 3));
	result("getresuid", getresuid(&r, &e, &s));
	printf("resuid: %d %d %d\n", (int)r, (int)e, (int)s);
	result("seteuid", seteuid(0));
	printf("getgroups: %d\n", getgroups(0, NULL));
	result("getpgrp", getpgrp() == getpid() ? 0 : -2);
	printf("strsignal: %s\n", strsignal(SIGTERM));
	printf("getgrgid(0): %s\n", getgrgid(0) ? getgrgid(0)->gr_name : "NULL");
	printf("timegm: %lld\n",
	       (long long)timegm(
		       &(struct tm){ .tm_year = 100, .tm_mon = 1, .tm_mday = 29, .tm_hour = 12 }));
	errno = 0;
	printf("dlopen: %s\n", dlopen("libm.so", RTLD_NOW) ? "handle" : "NULL");
	printf("dlerror: %s\n", dlerror());
	flockfile(stdout);
	printf("flockfile: held\n");
	funlockfile(stdout);
	result("tcgetattr(99)", tcgetattr(99, &(struct termios){ 0 }));
	openlog("nlstubs", LOG_PERROR, LOG_USER);
	syslog(LOG_ERR, "syslog %d", 3);
	closelog();
	errno = ENOENT;
	warn("warn %d", 1);
	warnx("warnx %d", 2);
	fflush(stderr);
}

int main(int argc, char **argv)
{
	struct timespec t0, t1, res, nap = { 0, 20000000 };
	struct stat st;
	int fd, err;

	setvbuf(stdout, NULL, _IONBF, 0);   /* lines in order with dup2's write */
	setvbuf(stderr, NULL, _IOFBF, 256); /* written by exit()'s flush only */
	fprintf(stderr, "exit: stderr flushed\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("nanosleep: %d\n", nanosleep(&nap, NULL));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("monotonic: slept %s\n",
	       ns_of(&t1) - ns_of(&t0) >= 20000000 ? "20ms or more" : "too little");
	clock_gettime(CLOCK_REALTIME, &t0);
	printf("realtime: %s\n", t0.tv_sec > 1500000000 ? "after 2017" : "wrong");
	err = clock_getres(CLOCK_MONOTONIC, &res);
	printf("clock_getres: %d %s\n", err, res.tv_sec == 0 && res.tv_nsec > 0 ? "ok" : "wrong");
	printf("usleep: %d\n", usleep(1000));
	printf("ids: %d %d %d %d\n", (int)getuid(), (int)geteuid(), (int)getgid(), (int)getegid());
	printf("isatty: %d %d\n", isatty(1), isatty(99));
	err = fstat(1, &st);
	printf("fstat: %d %s\n", err, S_ISCHR(st.st_mode) ? "char device" : "other");
	fd = dup2(1, 7);
	printf("dup2: %d\n", fd);
	if (fd == 7)
		write(fd, "write: through fd 7\n", 20);
	errno = 0;
	fd = close(99);
	printf("close(99): %d %s\n", fd, strerror(errno));
	errno = 0;
	fd = fork();
	err = errno;
	printf("fork: %d %s (%d)\n", fd, strerror(err), err);
	printf("getentropy: %d\n", getentropy(&res, sizeof(res)));
	fd = open("/no/such/file", O_RDONLY);
	printf("open: %d %s\n", fd, fd < 0 ? "failed" : "opened");
	if (argc > 1 && !strcmp(argv[1], "posix"))
		posix_additions();
	if (argc > 1 && !strcmp(argv[1], "process"))
		process_additions();
	return 0;
}
