// Stage: base. Notices every allocation the C library refuses, in our code and in every
// library we call (libxlsxwriter, libharu, FreeType, HarfBuzz, GLib, zlib…), several of
// which only log such a failure, go on with a piece missing, abort or hang.
// In: malloc, calloc and realloc of the whole process (alloc_watch.c defines them and
// hands each call to the C library's own allocator); out: a count of the requests that
// failed, and a call of thidua_on_allocation_failure() for each — a weak symbol that the
// driver defines (stop at once, exit code 3; interrupt.cpp). Even a library's constructor
// that runs before main is covered.
// Built without it (-DTHIDUA_NO_ALLOC_WATCH, the sanitizer build, whose runtime owns
// malloc): the count stays 0 and nothing is called.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

/// How many requests for fewer than thidua_large_allocation bytes malloc, calloc or
/// realloc refused since the process started.
std::uint64_t thidua_allocation_failures(void);

/// False when alloc_watch.c was built without the watch.
bool thidua_allocation_watch_active(void);

/// Called on each refusal counted by thidua_allocation_failures(), before the null pointer
/// is returned to the caller (it may end the process instead). Requests of
/// thidua_large_allocation bytes or more are left to their caller: a library that asks for
/// a huge block checks the answer and usually has a smaller way.
void thidua_on_allocation_failure(std::size_t bytes);

/// Requests from this size up are not counted and do not call the hook.
inline constexpr std::size_t thidua_large_allocation = std::size_t{64} << 20;
}
