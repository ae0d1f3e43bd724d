// Stage: render/pdf (internal). TrueType faces ready to embed in a PDF as CIDFontType2,
// made once per process and shared by every document (and every thread) that prints them.
// In: the font file named by layout::FontFace::path and the characters a document prints;
// out: an EmbeddedFont: the font program, the code → glyph map and the ToUnicode map, each
// already compressed, and every width and descriptor value the PDF needs, all in memory.
// Codes are the characters' Unicode values (two bytes, Identity-H), so the page contents
// never look a glyph up and two characters drawn with one glyph still copy as themselves.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace thidua::pdf::detail {

/// One face, cut or whole, as a PDF embeds it.
struct EmbeddedFont {
    std::string base_font;  ///< "ABCDEF+LiberationSerif-Bold": a tag of the cut, PostScript name
    // FontDescriptor values, in 1/1000 em.
    int ascent = 0, descent = 0, cap_height = 0, x_height = 0, stem_v = 0, flags = 0;
    double italic_angle = 0;
    std::array<int, 4> bbox{};
    int missing_width = 0;   ///< DW: the advance of glyph 0
    /// Advance of each code's glyph in 1/1000 em, truncated as libharu wrote it (the pages
    /// stay the same to the pixel); -1 for a code the face does not map. Ends at the
    /// highest code it maps.
    std::vector<int> widths;
    std::string font_file;  ///< the font program (FontFile2), zlib
    std::size_t font_file_length = 0;  ///< its size uncompressed (Length1)
    std::string cid_to_gid;  ///< CIDToGIDMap: two bytes a code, up to the highest one, zlib
    std::string to_unicode;  ///< ToUnicode CMap: each mapped code to itself, zlib

    bool covers(char32_t c) const { return c < widths.size() && widths[c] >= 0; }
    int width(char32_t c) const { return covers(c) ? widths[c] : missing_width; }
};

/// Returns `ttf` made ready to embed, mapping the BMP code points of `codes` the face has
/// (others are drawn as glyph 0 and left out of the maps), its streams compressed at
/// `level` (deflate.hpp). Throws std::runtime_error (a Vietnamese message) when HarfBuzz
/// cannot read the face.
std::shared_ptr<const EmbeddedFont> embed_font(const std::string& ttf, const std::vector<char32_t>& codes,
                                               int level);

/// Returns the ToUnicode CMap mapping each of `codes` (ascending, BMP, no surrogates) to
/// itself, in ranges of consecutive codes.
std::string to_unicode_cmap(const std::vector<char32_t>& codes);

/// Returns the face at `path` for a document whose face prints `chars` (ascending):
/// - `subset` and every character in the core (font_subset.hpp): the face cut to the core,
///   made on the first call for `path` and shared by every later one;
/// - `subset` and every character in the repertoire: the same with the repertoire;
/// - `subset` and some character outside it: a cut of the repertoire and `chars` for this
///   document alone;
/// - not `subset`: the whole face, made once and shared.
/// `file` is the file's bytes when the caller has them (layout::FontFace::bytes), else null:
/// the file is then read, once per process. Safe to call from several threads at once.
/// Throws std::runtime_error (Vietnamese message) when the file cannot be read or parsed.
std::shared_ptr<const EmbeddedFont> font_for(const std::string& path, std::shared_ptr<const std::string> file,
                                             const std::vector<char32_t>& chars, bool subset);

}  // namespace thidua::pdf::detail
