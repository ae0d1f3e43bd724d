// Stage: render/pdf (internal). The faces a PDF embeds, cut with HarfBuzz to the characters
// Vietnamese documents print, so that libharu's fixed cost per embedded face (a map over
// every code point, measured at ~10 ms and ~40 KB a face) shrinks to a third.
// In: a TrueType file; out: the path of a subset libharu can load, made once per process.
// The subset keeps every outline and advance of the characters it keeps: pages look the
// same to the pixel (tests/pdf). A document that prints any character outside the
// repertoire embeds the whole font, as before.
#pragma once

#include <string>
#include <string_view>

namespace thidua::pdf::detail {

/// True when `c` is in the repertoire a subset keeps: Basic Latin, Latin-1, Latin
/// Extended-A, the Vietnamese letters of Latin Extended-B and Latin Extended Additional,
/// general punctuation, the đồng and euro signs, №, ™, arrows and the minus sign.
bool in_repertoire(char32_t c);
/// True when every code point of the UTF-8 `text` is in_repertoire.
bool in_subset_repertoire(std::string_view text);

/// Returns a path for HPDF_LoadTTFontFromFile: `font_path` cut to the repertoire, made on
/// the first call for that path and kept for the life of the process (an unlinked
/// temporary file read through /proc/self/fd, so nothing is left on disk even after a
/// crash); "" when the font cannot be cut (then embed the whole font).
std::string subset_font(const std::string& font_path);

}  // namespace thidua::pdf::detail
