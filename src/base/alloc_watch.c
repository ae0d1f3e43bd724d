/* See alloc_watch.hpp. C, so that the definitions match the C library's declarations of
 * malloc, calloc and realloc exactly. free and the aligned allocators are not replaced:
 * they are the C library's, which owns every block these functions return. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LARGE ((size_t)64 << 20) /* thidua_large_allocation */

#ifndef THIDUA_NO_ALLOC_WATCH

extern void* __libc_malloc(size_t);
extern void* __libc_calloc(size_t, size_t);
extern void* __libc_realloc(void*, size_t);

static atomic_uint_fast64_t g_failures;

/* Defined by the driver when it is linked in; null in a program without it. */
__attribute__((weak)) void thidua_on_allocation_failure(size_t bytes);

static void refused(size_t bytes) {
    if (bytes >= LARGE) return;
    atomic_fetch_add(&g_failures, 1);
    if (thidua_on_allocation_failure != NULL) thidua_on_allocation_failure(bytes);
}

void* malloc(size_t n) {
    void* p = __libc_malloc(n);
    if (p == NULL) refused(n);
    return p;
}

void* calloc(size_t n, size_t size) {
    void* p = __libc_calloc(n, size);
    if (p == NULL && n != 0 && size != 0) refused(size <= SIZE_MAX / n ? n * size : SIZE_MAX);
    return p;
}

void* realloc(void* old, size_t n) {
    void* p = __libc_realloc(old, n);
    if (p == NULL && n != 0) refused(n);
    return p;
}

uint64_t thidua_allocation_failures(void) { return atomic_load(&g_failures); }
bool thidua_allocation_watch_active(void) { return true; }

#else

uint64_t thidua_allocation_failures(void) { return 0; }
bool thidua_allocation_watch_active(void) { return false; }

#endif
