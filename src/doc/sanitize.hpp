// Stage: doc. Makes every number of a document tree usable, once, before any backend
// reads it: a template or a program building the tree by hand may leave a NaN, an
// infinite or a negative size, a margin that leaves no page, a span of a billion columns.
// In: a doc::Document; out: the same document with each such number replaced (and the
// table grid placed: every cell's column, spans cut to the grid), Vietnamese warnings.
#pragma once

#include "base/diagnostics.hpp"
#include "doc/document.hpp"

namespace thidua::doc {

/// Lengths beyond this (about 3.5 m, several pages) are not real: spaces, indents and
/// padding are held within it, so that sums of them stay finite. In points.
inline constexpr double kMaxLengthPt = 10000;
/// The largest line spacing, a multiple of the natural line height: far taller than a page.
inline constexpr double kMaxLineSpacing = 100;
/// The largest font size, in points: more is no document (libharu's old limit, kept).
inline constexpr double kMaxFontSize = 600.0;
/// The smallest text area a section's margins may leave, each way, in mm.
inline constexpr double kMinTextAreaMm = 25.4;

/// Replaces what no backend can use: a font size that is not finite or not positive (14)
/// or above kMaxFontSize; a line spacing not finite or not positive (1) or above
/// kMaxLineSpacing; an indent, a space or a padding that is not finite or longer than
/// kMaxLengthPt (0, the limit, or the usual padding); a negative space or padding (0,
/// silently); a column width that is not a finite non-negative number (0: it shares
/// what the others leave); margins that are not finite, negative, or leave less than
/// kMinTextAreaMm (25/20/35/20 mm); paper that is not finite or positive (A4); a page
/// number size as a font size; spans past kMaxTableColumns columns (cut) and past the
/// last row; header rows that are all the rows (none). Sets every cell's column to its
/// place in the grid. Each kind of warning is given once with the count of the others.
/// Running it again changes nothing and says nothing.
void sanitize(Document& doc, Diagnostics& diags);

/// True when sanitize would change nothing in `doc`.
bool is_sanitized(const Document& doc);

}  // namespace thidua::doc
