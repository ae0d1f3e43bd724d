// Stage: render/pdf (internal). The faces a PDF embeds, cut with HarfBuzz to the characters
// Vietnamese documents print: a cut made once per process serves every document
// (embedded_font.hpp), a fifth to a tenth of the size of the whole face.
// In: the bytes of a TrueType file and the characters to keep; out: the bytes of the cut
// face. The cut keeps every outline and advance of the characters it keeps, so pages look
// the same to the pixel (tests/pdf). Two cuts are shared: the core (Vietnamese text) and
// the wider repertoire; a document that prints a character outside both gets a cut of its
// own: the repertoire and that document's characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace thidua::pdf::detail {

/// True when `c` is in the core a subset keeps first: what Vietnamese text prints — Basic
/// Latin, the Vietnamese letters (of Latin-1, Latin Extended-A and -B, and U+1EA0..U+1EF9),
/// the common signs of Latin-1 (no-break space, ©, «, °, ±, ·, », ×, ÷), dashes, quotes,
/// bullets, …, ‰, primes, the đồng and euro signs, №, ™, arrows and the minus sign.
/// A face cut to it is a third of the repertoire's and covers nearly every document.
bool in_core(char32_t c);
/// True when `c` is in the repertoire: the core, all of Latin-1, Latin Extended-A and
/// Latin Extended Additional, and general punctuation.
bool in_repertoire(char32_t c);
/// True when every code point of the UTF-8 `text` is in_repertoire.
bool in_subset_repertoire(std::string_view text);
/// Returns every code point of the core, ascending.
std::vector<char32_t> core();
/// Returns every code point of the repertoire, ascending.
std::vector<char32_t> repertoire();

/// Returns the TrueType face `ttf` cut to the code points `keep`; "" when HarfBuzz cannot
/// cut it (then embed the whole face). Deterministic: the same face and characters give
/// the same bytes. What a PDF viewer never reads is left out: the layout tables (GSUB,
/// GPOS, GDEF: a PDF places every glyph itself) and the hinting instructions (fpgm, prep,
/// cvt and each glyph's, more than half of the face; viewers draw PDF text unhinted, and
/// poppler's pages are the same to the pixel without them).
std::string subset_font(std::string_view ttf, const std::vector<char32_t>& keep);

}  // namespace thidua::pdf::detail
