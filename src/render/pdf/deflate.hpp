// Stage: render/pdf (internal). FlateDecode data for PDF streams, through libdeflate.
// In: bytes and a compression level; out: the same bytes in the zlib format a PDF stream
// with /Filter /FlateDecode holds. Each thread keeps its own compressor for page contents
// (a libdeflate compressor must not be shared between threads), so documents rendered on
// several threads never wait on each other here.
#pragma once

#include <string>
#include <string_view>

namespace thidua::pdf::detail {

/// Content streams. Measured on the 244 pages of the five samples (10.5 KB a page before
/// compression): level 1 takes 45 µs a page and leaves 26.6% of the bytes, level 6 97 µs
/// and 25.2%, zlib's default 173 µs and 25.0%. The 6% a higher level saves of a content
/// stream is about 1% of a file (the font programs are most of it): not worth twice the time.
inline constexpr int kContentLevel = 1;
/// Streams made once per process and reused by every document (font programs, glyph
/// maps): level 6. On Liberation Serif Regular (394 KB) libdeflate's level 9 takes 58.4 M
/// instructions for 206.0 KB, level 6 34.6 M for 206.9 KB (0.45% more); in a one-plan run,
/// where the four faces' cuts are made for one document, level 9 was 9% of all the work.
/// Levels 10..12 (near-optimal parsing) take 5 times as long again for 1% less. A face cut
/// for one document alone is compressed at kContentLevel.
inline constexpr int kSharedLevel = 6;

/// Returns `data` compressed in the zlib format at `level` (0..12). Deterministic: the same
/// bytes and level give the same output. Throws std::bad_alloc when out of memory.
std::string zlib_compress(std::string_view data, int level);

}  // namespace thidua::pdf::detail
