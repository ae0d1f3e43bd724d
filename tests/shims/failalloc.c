/* Test shim (LD_PRELOAD): makes one chosen allocation fail, to see what the program does
 * when memory runs out at that point.
 *
 *   THIDUA_FAIL_ALLOC_AT=N     the N-th call of malloc, calloc or realloc (counted from
 *                              the start of the process) returns NULL
 *   THIDUA_FAIL_ALLOC_AFTER=1  every call from the N-th on fails (memory stays short)
 *   THIDUA_FAIL_ALLOC_COUNT=F  write how many calls the process made to file F at exit
 *
 * thidua replaces malloc itself (src/base/alloc_watch.c) and calls the C library's
 * __libc_malloc: the shim defines both names, so it sits under thidua's watch as under any
 * other program.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void* (*malloc_fn)(size_t);
typedef void* (*calloc_fn)(size_t, size_t);
typedef void* (*realloc_fn)(void*, size_t);
typedef void (*free_fn)(void*);

static malloc_fn real_malloc;
static calloc_fn real_calloc;
static realloc_fn real_realloc;
static free_fn real_free;

/* dlsym may allocate while the real functions are being looked up: serve those few
 * requests from here, and never hand them to the real free. */
static _Alignas(16) char boot[1 << 16];
static size_t boot_used;
static int resolving;

static int in_boot(void* p) { return (char*)p >= boot && (char*)p < boot + sizeof boot; }

static void* boot_alloc(size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (boot_used + n > sizeof boot) return NULL;
    void* p = boot + boot_used;
    boot_used += n;
    return p;
}

static void resolve(void) {
    if (real_malloc != NULL || resolving) return;
    resolving = 1;
    real_malloc = (malloc_fn)dlsym(RTLD_NEXT, "__libc_malloc");
    real_calloc = (calloc_fn)dlsym(RTLD_NEXT, "__libc_calloc");
    real_realloc = (realloc_fn)dlsym(RTLD_NEXT, "__libc_realloc");
    real_free = (free_fn)dlsym(RTLD_NEXT, "__libc_free");
    resolving = 0;
}

static atomic_long g_calls;
static long g_at = -1;
static int g_after;
static int g_read_env;

static int should_fail(void) {
    long n = atomic_fetch_add(&g_calls, 1) + 1;
    if (!g_read_env) {
        /* getenv does not allocate. */
        const char* at = getenv("THIDUA_FAIL_ALLOC_AT");
        const char* after = getenv("THIDUA_FAIL_ALLOC_AFTER");
        g_at = at != NULL ? atol(at) : -1;
        g_after = after != NULL && *after == '1';
        g_read_env = 1;
    }
    if (g_at <= 0) return 0;
    return g_after ? n >= g_at : n == g_at;
}

void* __libc_malloc(size_t n) {
    resolve();
    if (real_malloc == NULL) return boot_alloc(n);
    if (should_fail()) return NULL;
    return real_malloc(n);
}

void* __libc_calloc(size_t n, size_t size) {
    resolve();
    if (real_calloc == NULL) {
        void* p = boot_alloc(n * size);
        if (p != NULL) memset(p, 0, n * size);
        return p;
    }
    if (should_fail()) return NULL;
    return real_calloc(n, size);
}

void* __libc_realloc(void* old, size_t n) {
    resolve();
    if (in_boot(old)) {
        void* p = __libc_malloc(n);
        if (p != NULL) memcpy(p, old, n);  /* the boot block is at least n long or at the end */
        return p;
    }
    if (real_realloc == NULL) return boot_alloc(n);
    if (n != 0 && should_fail()) return NULL;
    return real_realloc(old, n);
}

void __libc_free(void* p) {
    if (p == NULL || in_boot(p)) return;
    resolve();
    if (real_free != NULL) real_free(p);
}

/* For a program that does not replace malloc itself. */
void* malloc(size_t n) { return __libc_malloc(n); }
void* calloc(size_t n, size_t size) { return __libc_calloc(n, size); }
void* realloc(void* old, size_t n) { return __libc_realloc(old, n); }
void free(void* p) { __libc_free(p); }

__attribute__((destructor)) static void report(void) {
    const char* path = getenv("THIDUA_FAIL_ALLOC_COUNT");
    if (path == NULL || *path == '\0') return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    char buf[32];
    int len = snprintf(buf, sizeof buf, "%ld\n", (long)atomic_load(&g_calls));
    if (len > 0 && write(fd, buf, (size_t)len) < 0) { /* the test will say */ }
    close(fd);
}
