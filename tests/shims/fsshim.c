/* Test shim (LD_PRELOAD) for the all-or-nothing tests: simulates file systems without hard
 * links or without renameat2 flags, and stops the process at a chosen file system call.
 *
 *   THIDUA_SHIM_NO_LINK=1     link()/linkat() fail with EPERM (FAT, exFAT, some SMB shares)
 *   THIDUA_SHIM_NO_RENAME2=1  renameat2() with any flag fails with EINVAL (no RENAME_EXCHANGE,
 *                             no RENAME_NOREPLACE: the weakest file system)
 *   THIDUA_SHIM_NO_EXCHANGE=1 only RENAME_EXCHANGE fails with EINVAL (exFAT, SMB)
 *   THIDUA_SHIM_STOP_AT=K     at the K-th call that changes a folder (link, rename, unlink,
 *   THIDUA_SHIM_SIGNAL=SIG    mkdir, rmdir, creating a file, fopen for writing), before it
 *                             runs, send SIG
 *                             (INT, TERM, HUP or KILL) to the process itself
 *   THIDUA_SHIM_LOG=FILE      append one line per such call ("renameat2 .x.thidua-tmp")
 *   THIDUA_SHIM_COUNT_FROM=S  count calls only from the first one whose path contains S,
 *                             or, as "call:linkat", from the first call of that name
 *   THIDUA_SHIM_NO_FSYNC=1    fsync() and fdatasync() return at once (the tests run the
 *                             commit hundreds of times; they are not about power loss)
 *   THIDUA_SHIM_FUSE_HIDDEN=1 removing a file that this process still holds open renames it
 *                             to ".fuse_hiddenNNNNNNNN" in its folder instead, as a FUSE file
 *                             system does (exFAT through exfat-fuse, NTFS through ntfs-3g):
 *                             the folder cannot be removed until the file is closed
 *
 * Counting starts when the process starts; the test first runs with only the log to learn
 * how many calls a render makes, then once per K.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static long g_count;

static int env_flag(const char* name) {
    const char* v = getenv(name);
    return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

static void note(const char* what, const char* path) {
    static int started;
    if (!started) {
        const char* from = getenv("THIDUA_SHIM_COUNT_FROM");
        if (from != NULL && *from != '\0') {
            /* "call:linkat" names a call, anything else is part of a path */
            const int by_call = strncmp(from, "call:", 5) == 0;
            if (by_call ? strcmp(what, from + 5) != 0 : (path == NULL || strstr(path, from) == NULL)) return;
        }
        started = 1;
    }
    ++g_count;
    const char* log = getenv("THIDUA_SHIM_LOG");
    if (log != NULL && *log != '\0') {
        int fd = ((int (*)(const char*, int, ...))dlsym(RTLD_NEXT, "open"))(
            log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd >= 0) {
            char line[4200];
            int n = snprintf(line, sizeof line, "%ld %s %s\n", g_count, what, path ? path : "");
            if (n > 0) {
                ssize_t w = write(fd, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
                (void)w;
            }
            close(fd);
        }
    }
    const char* at = getenv("THIDUA_SHIM_STOP_AT");
    if (at != NULL && atol(at) == g_count) {
        const char* s = getenv("THIDUA_SHIM_SIGNAL");
        int sig = SIGKILL;
        if (s != NULL) {
            if (strcmp(s, "INT") == 0) sig = SIGINT;
            else if (strcmp(s, "TERM") == 0) sig = SIGTERM;
            else if (strcmp(s, "HUP") == 0) sig = SIGHUP;
        }
        kill(getpid(), sig);
    }
}

#define REAL(ret, name, ...) \
    static ret (*real_##name)(__VA_ARGS__); \
    if (real_##name == NULL) real_##name = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

int link(const char* a, const char* b) {
    REAL(int, link, const char*, const char*);
    note("link", b);
    if (env_flag("THIDUA_SHIM_NO_LINK")) {
        errno = EPERM;
        return -1;
    }
    return real_link(a, b);
}

int linkat(int fa, const char* a, int fb, const char* b, int flags) {
    REAL(int, linkat, int, const char*, int, const char*, int);
    note("linkat", b);
    if (env_flag("THIDUA_SHIM_NO_LINK")) {
        errno = EPERM;
        return -1;
    }
    return real_linkat(fa, a, fb, b, flags);
}

int rename(const char* a, const char* b) {
    REAL(int, rename, const char*, const char*);
    note("rename", b);
    return real_rename(a, b);
}

int renameat(int fa, const char* a, int fb, const char* b) {
    REAL(int, renameat, int, const char*, int, const char*);
    note("renameat", b);
    return real_renameat(fa, a, fb, b);
}

int renameat2(int fa, const char* a, int fb, const char* b, unsigned flags) {
    REAL(int, renameat2, int, const char*, int, const char*, unsigned);
    note(flags & RENAME_EXCHANGE ? "renameat2-exchange" : "renameat2", b);
    if ((flags != 0 && env_flag("THIDUA_SHIM_NO_RENAME2")) ||
        ((flags & RENAME_EXCHANGE) && env_flag("THIDUA_SHIM_NO_EXCHANGE"))) {
        errno = EINVAL;
        return -1;
    }
    return real_renameat2(fa, a, fb, b, flags);
}

/* Whether the file dev/ino is open in this process (any descriptor but `skip`). Uses only
 * system calls: it runs inside signal handlers too. */
static int held_open(dev_t dev, ino_t ino, int skip) {
    int fds = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fds < 0) return 0;
    int held = 0;
    char buf[4096] __attribute__((aligned(8)));
    long n;
    while (!held && (n = syscall(SYS_getdents64, fds, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n;) {
            unsigned short reclen;
            memcpy(&reclen, buf + off + 16, sizeof reclen);
            const char* name = buf + off + 19;
            off += reclen;
            if (name[0] < '0' || name[0] > '9') continue;
            int fd = atoi(name);
            struct stat st;
            if (fd != fds && fd != skip && fstat(fd, &st) == 0 && st.st_dev == dev && st.st_ino == ino) {
                held = 1;
                break;
            }
        }
    }
    syscall(SYS_close, fds);
    return held;
}

/* The files hidden so far and where they are now: removed for good once closed. */
static struct Hidden {
    int used;
    dev_t dev;
    ino_t ino;
    char path[4200];
} g_hidden[64];

/* FUSE's removal of an open file: a rename to a hidden name in the same folder. */
static int hide_if_open(int dir, const char* p, int* result) {
    struct stat target;
    if (!env_flag("THIDUA_SHIM_FUSE_HIDDEN") || fstatat(dir, p, &target, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(target.st_mode) || !held_open(target.st_dev, target.st_ino, -1)) {
        return 0;
    }
    static unsigned counter;
    char hidden[4200];
    const char* slash = strrchr(p, '/');
    const int head = slash ? (int)(slash - p + 1) : 0;
    snprintf(hidden, sizeof hidden, "%.*s.fuse_hidden%08x", head, p, ++counter);
    *result = (int)syscall(SYS_renameat2, dir, p, dir, hidden, 0); /* -1 and errno on failure */
    if (*result != 0) return 1;
    /* Where it is now, as an absolute path, for close(). */
    char where[4200] = "";
    if (hidden[0] != '/') {
        long n;
        if (dir == AT_FDCWD) {
            n = getcwd(where, sizeof where) ? (long)strlen(where) : -1;
        } else {
            char link[64];
            snprintf(link, sizeof link, "/proc/self/fd/%d", dir);
            n = readlink(link, where, sizeof where - 1);
        }
        if (n < 0) return 1;
        where[n] = '\0';
        strncat(where, "/", sizeof where - strlen(where) - 1);
    }
    strncat(where, hidden, sizeof where - strlen(where) - 1);
    struct Hidden* slot = NULL;
    for (int i = 0; i < 64; ++i) {
        if (g_hidden[i].used && g_hidden[i].dev == target.st_dev && g_hidden[i].ino == target.st_ino) slot = &g_hidden[i];
    }
    for (int i = 0; slot == NULL && i < 64; ++i) {
        if (!g_hidden[i].used) slot = &g_hidden[i];
    }
    if (slot != NULL) {
        slot->used = 1;
        slot->dev = target.st_dev;
        slot->ino = target.st_ino;
        memcpy(slot->path, where, sizeof slot->path);
    }
    return 1;
}

/* The last descriptor of a hidden file closed: FUSE removes it then. */
int close(int fd) {
    REAL(int, close, int);
    struct stat st;
    int hidden = -1;
    if (fstat(fd, &st) == 0) {
        for (int i = 0; i < 64; ++i) {
            if (g_hidden[i].used && g_hidden[i].dev == st.st_dev && g_hidden[i].ino == st.st_ino) hidden = i;
        }
    }
    const int r = real_close(fd);
    if (hidden >= 0 && !held_open(st.st_dev, st.st_ino, -1)) {
        syscall(SYS_unlinkat, AT_FDCWD, g_hidden[hidden].path, 0);
        g_hidden[hidden].used = 0;
    }
    return r;
}

int unlink(const char* p) {
    REAL(int, unlink, const char*);
    note("unlink", p);
    int r;
    if (hide_if_open(AT_FDCWD, p, &r)) return r;
    return real_unlink(p);
}

int unlinkat(int fd, const char* p, int flags) {
    REAL(int, unlinkat, int, const char*, int);
    note("unlinkat", p);
    int r;
    if (!(flags & AT_REMOVEDIR) && hide_if_open(fd, p, &r)) return r;
    return real_unlinkat(fd, p, flags);
}

int rmdir(const char* p) {
    REAL(int, rmdir, const char*);
    note("rmdir", p);
    return real_rmdir(p);
}

int mkdir(const char* p, mode_t m) {
    REAL(int, mkdir, const char*, mode_t);
    note("mkdir", p);
    return real_mkdir(p, m);
}

int mkdirat(int fd, const char* p, mode_t m) {
    REAL(int, mkdirat, int, const char*, mode_t);
    note("mkdirat", p);
    return real_mkdirat(fd, p, m);
}

int openat(int fd, const char* p, int flags, ...) {
    REAL(int, openat, int, const char*, int, ...);
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
        note("create", p);
    }
    return real_openat(fd, p, flags, mode);
}

int fsync(int fd) {
    REAL(int, fsync, int);
    if (env_flag("THIDUA_SHIM_NO_FSYNC")) return 0;
    return real_fsync(fd);
}

int fdatasync(int fd) {
    REAL(int, fdatasync, int);
    if (env_flag("THIDUA_SHIM_NO_FSYNC")) return 0;
    return real_fdatasync(fd);
}

/* libxlsxwriter opens its workbook with fopen: a point to stop at too. */
FILE* fopen(const char* p, const char* mode) {
    REAL(FILE*, fopen, const char*, const char*);
    if (mode != NULL && (mode[0] == 'w' || mode[0] == 'a')) note("fopen", p);
    return real_fopen(p, mode);
}

FILE* fopen64(const char* p, const char* mode) {
    REAL(FILE*, fopen64, const char*, const char*);
    if (mode != NULL && (mode[0] == 'w' || mode[0] == 'a')) note("fopen", p);
    return real_fopen64(p, mode);
}
