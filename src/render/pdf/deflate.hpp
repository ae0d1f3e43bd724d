// Stage: render/pdf (internal). FlateDecode data for PDF streams, through libdeflate.
// In: bytes and a compression level; out: the same bytes in the zlib format a PDF stream
// with /Filter /FlateDecode holds. Each thread keeps its own compressor per level (a
// libdeflate compressor must not be shared between threads), so documents rendered on
// several threads never wait on each other here.
#pragma once

#include <string>
#include <string_view>

namespace thidua::pdf::detail {

/// Content streams: libdeflate level 6 compresses a page of words about as well as zlib's
/// default level and in a third of its time; a higher level saves ~1% of a content stream
/// for twice the time (docs/benchmark.md).
inline constexpr int kContentLevel = 6;
/// Streams made once per process and reused by every document (font programs, glyph
/// maps): the highest level, paid once.
inline constexpr int kSharedLevel = 12;

/// Returns `data` compressed in the zlib format at `level` (0..12). Deterministic: the same
/// bytes and level give the same output. Throws std::bad_alloc when out of memory.
std::string zlib_compress(std::string_view data, int level);

}  // namespace thidua::pdf::detail
