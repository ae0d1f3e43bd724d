// Stage: layout (internal). One paragraph in a box of a given width → its visual lines:
// words placed by alignment (justification by word placement), underlines, and the rule
// under the last line.
// In: a sanitized doc::Paragraph, the box's left edge and width (points), the FontSet;
// out: a ParagraphBox of LineBoxes with texts and strokes relative to each line's top.
#pragma once

#include <vector>

#include "doc/document.hpp"
#include "layout/fonts.hpp"
#include "layout/layout.hpp"

namespace thidua::layout::detail {

/// One visual line or one table cell line: texts and strokes relative to its own top-left.
struct LineBox {
    double top = 0;     ///< relative to the enclosing band/cell top
    double height = 0;
    std::vector<TextItem> texts;   ///< x relative to the band's left, y relative to `top`
    std::vector<LineItem> strokes; ///< same frame as texts
    /// The footnote markers on this line (runs of the document tree, which outlives the
    /// layout), in order: their notes go to the foot of the page the line lands on.
    std::vector<const doc::Run*> notes;
};

struct ParagraphBox {
    std::vector<LineBox> lines;  // tops relative to the paragraph's first line top
    double space_before = 0, space_after = 0;  // pt
    /// The rule under the last line, points from the box's left edge (rule_to > rule_from
    /// when the paragraph has one).
    double rule_from = 0, rule_to = 0;
};

/// Lays out one paragraph in a box `width` wide whose left edge is `box_x` (in the frame
/// of the band). The rule runs where the paragraph's rule_from/rule_to say when they are
/// measured, else where its last line puts it (measure_rules stores that).
ParagraphBox layout_paragraph(const doc::Paragraph& para, double box_x, double width,
                              const FontSet& fonts);

/// Breaks a centred paragraph that does not fit on one line of `width` points into
/// balanced lines by writing "\n" for the chosen spaces into its runs, so that both
/// backends (the PDF's breaker and Word) print the same lines: lines of about equal
/// length, breaks before a phrase ("và", "về", "huyện", "xã"…) or after punctuation
/// rather than inside one, never inside a place name ("HUYỆN BẮC QUANG") or before a
/// number ("năm 2025"), never one word alone on the last line; one line more than the
/// greedy breaker needs when that avoids a bad break. A paragraph holding "\n" already,
/// a word wider than the line, or not centred is left as it is.
void balance_paragraph(doc::Paragraph& para, double width, const FontSet& fonts);

}  // namespace thidua::layout::detail
