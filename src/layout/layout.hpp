// Stage: layout. Document tree → positioned pages.
// In: a doc::Document (all typography, page geometry and page-number placement come from
// the tree) and the FontSet whose metrics measure it; out: Pages of placed words and lines
// in points, ready for any drawing backend. Does line breaking (linebreak: own breaker
// over code points; paragraph: justification by word placement, rules), tables (table:
// cells placed by doc::table_grid, row groups), pagination (paginate: keep-with-next,
// widow/orphan control, tables split by rows with repeated header rows, keep-together
// blocks), sections and page numbers (engine). Also writes into the tree what a backend
// that cannot measure text (the Word writer) needs to print what the PDF prints
// (measure_rules): the balanced line breaks of centred paragraphs (balance) and the
// rules under paragraphs. No PDF calls.
//
// Coordinates: points (1/72 in), origin at the TOP-LEFT corner of the page, y grows
// downwards; a text item's y is its baseline.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "doc/sanitize.hpp"
#include "doc/warnings.hpp"
#include "layout/fonts.hpp"

namespace thidua::layout {

/// Points per millimetre.
inline constexpr double kPtPerMm = 72.0 / 25.4;
/// A4 in points, portrait.
inline constexpr double kA4Width = doc::kA4WidthMm * kPtPerMm;
inline constexpr double kA4Height = doc::kA4HeightMm * kPtPerMm;
/// Stroke width of rules, table borders and underlines' minimum, in points.
inline constexpr double kRuleWidth = 0.5;
/// Minimum length of a Rule::short_ (agency name, trích yếu), in mm.
inline constexpr double kShortRuleMinMm = 25.0;
/// Gap between the descender of a paragraph's last line and its rule, in points.
inline constexpr double kRuleGap = 2.0;
/// The largest font size layout sets, in points (doc::sanitize holds sizes to it).
inline constexpr double kMaxFontSize = doc::kMaxFontSize;
/// Vertical padding inside bordered table cells, in points (borderless tables: 0).
inline constexpr double kCellPadTop = 1.0;
inline constexpr double kCellPadBottom = 3.0;

/// A word (or part of one) in one face at a baseline position.
struct TextItem {
    double x = 0;     ///< left edge of the first glyph's advance box, pt
    double y = 0;     ///< baseline, pt from the top edge
    double size = 0;  ///< pt
    double width = 0; ///< advance width of `text`, pt
    Face face = Face::regular;
    std::string text; ///< UTF-8, NFC, no line breaks
    int line = 0;     ///< index of the visual line on its page (for dumps)
    /// The paragraph the word belongs to, numbered in document order from 0 (sections,
    /// their blocks, and in a table its rows, their cells, their paragraphs, counting every
    /// cell the tree lists); -1 for a page number. Lets a backend find a heading's page
    /// and place (bookmarks) and tie each word to its paragraph (tagged PDF).
    int para = -1;
};

/// A straight stroke: a rule, a table border or an underline.
struct LineItem {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  ///< pt, y from the top edge
    double width = kRuleWidth;              ///< stroke width, pt
};

struct Page {
    double width_pt = kA4Width;
    double height_pt = kA4Height;
    std::vector<TextItem> texts;
    std::vector<LineItem> lines;
    int section = 0;            ///< 0-based index of the section
    int number_in_section = 1;  ///< 1-based; restarts in every section
    bool show_number = false;   ///< the page number is printed (it is one of `texts`)
};

struct Pages {
    std::vector<Page> pages;
};

/// Lays out every section of `doc` with `fonts`. Expects a document the driver has
/// prepared (doc::sanitize, then measure_rules); any other is prepared on a copy first, so
/// this never fails and never loops on odd input: numbers no backend can use are replaced
/// (doc::sanitize says how, with warnings), a word wider than the line is split by
/// characters, a line or row taller than a page overflows the bottom margin, and repeated
/// table headers taller than half a page are printed once. Each of these is a Vietnamese
/// warning, given once per kind with the number of other places it occurred. Time is
/// linear in the text, however long a word or a table cell is. With `also`, the warnings
/// are noted there too (a file made of several documents warns once for all of them).
Pages layout_document(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags,
                      doc::Warnings* also = nullptr);

/// Breaks every centred paragraph that wraps into balanced lines ("\n" in its runs, see
/// detail::balance_paragraph), then stores in every paragraph with a rule not measured yet where the rule runs
/// (Paragraph::rule_from, rule_to, mm from its box's left edge): under its last line as laid out in the text
/// area or its table cell — as long as that line (Rule::text), a third of it but at least
/// kShortRuleMinMm and at most the widest line (Rule::short_), or the box (Rule::full). Expects
/// a sanitized document.
void measure_rules(doc::Document& doc, const FontSet& fonts);

/// True when every paragraph with a rule has its extent measured.
bool rules_measured(const doc::Document& doc);

/// Reports every character of `doc` that the face it would print in lacks, as errors
/// ("phông chữ … không có ký tự U+… (trong đoạn "…")"); call it before rendering.
/// Returns true when nothing is missing.
bool check_glyphs(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags);

/// Returns a stable text dump for golden tests: per page a header line, then one line
/// per visual text line — page, x range, baseline y (0.1 pt), and the text in runs of
/// one face and size — then one line per stroke.
std::string dump(const Pages& pages);

}  // namespace thidua::layout
