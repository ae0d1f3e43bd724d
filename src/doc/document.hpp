// Stage: doc. The backend-neutral document tree that the template evaluator builds and
// every backend consumes (layout → PDF, and the Word writer).
// In: what the evaluator builds; out: everything a backend needs to know — page geometry
// and page-number placement per section, a style per paragraph role, rule lengths — so
// that no backend decides it again. It knows nothing of ND 30 or of campaigns: sizes,
// alignment and rules come from the templates. Lengths are in millimetres, font sizes and
// vertical spacing in points.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace thidua::doc {

/// A stretch of text in one face. "\n" inside text is a forced line break.
///
/// A run with a `note` is a footnote marker (superscript): its text is the note's number (set by
/// number_footnotes, "1", "2", … through the document), printed superscript; `note` is the
/// note's own text, printed at the foot of the page the marker lands on (PDF) or as a Word
/// footnote. A note holds no markers of its own.
struct Run {
    Run() = default;
    Run(std::string text_, bool bold_ = false, bool italic_ = false, bool underline_ = false)
        : text(std::move(text_)), bold(bold_), italic(italic_), underline(underline_) {}

    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool superscript = false;  ///< smaller and raised (a footnote's number)
    std::vector<Run> note;

    bool is_footnote() const { return !note.empty(); }
    bool operator==(const Run&) const = default;
};
using Runs = std::vector<Run>;

enum class Align { justify, left, center, right };

/// A horizontal rule drawn under a paragraph, centred on the text it follows.
enum class Rule {
    none,
    short_,  ///< about 1/3 of the paragraph's last line, centred (agency name, trích yếu)
    text,    ///< exactly as long as the paragraph's last line (Tiêu ngữ)
    full     ///< the whole width available (column or text area)
};

/// A paragraph. Headings, list items and captions are paragraphs with a role.
struct Paragraph {
    Runs runs;
    Align align = Align::justify;
    double size = 14.0;          ///< font size, pt
    double first_indent = 10.0;  ///< first-line indent, mm (may be negative for hanging)
    double left_indent = 0.0;    ///< mm
    double space_before = 6.0;   ///< pt
    double space_after = 0.0;    ///< pt
    double line_spacing = 1.15;  ///< multiple of the font size's natural line height
    bool keep_with_next = false; ///< never end a page after this paragraph
    Rule rule = Rule::none;
    /// What the paragraph is, for dumps, tests and a Word backend's styles:
    /// "body", "heading1".."heading5", "item", "title", "header", "signature", ...
    std::string role = "body";
    /// Where the rule runs, in mm from the left edge of the paragraph's box (the text area,
    /// or a table cell inside its padding); filled by layout::measure_rules from the laid-out
    /// text, which both backends then read. Negative: not measured yet.
    double rule_from = -1, rule_to = -1;
    /// 1-6 for a heading of that level (Word's outline level, PDF bookmarks); 0 for text.
    int outline_level = 0;

    /// Returns the text of all runs joined.
    std::string text() const;
};

struct Cell;

/// A table row; cells covered by a span from the left or from above are not listed.
struct Row {
    std::vector<Cell> cells;
    /// Never end a page after this row (a group heading row such as "I. TẬP THỂ").
    bool keep_with_next = false;
};

enum class VAlign { top, middle, bottom };

struct Cell {
    std::vector<Paragraph> paragraphs;
    int colspan = 1;
    int rowspan = 1;
    int column = 0;  ///< first grid column this cell occupies (filled by the evaluator)
    VAlign valign = VAlign::top;
};

/// A table. With borders off it is a layout grid (header block, signature block).
struct Table {
    std::vector<double> widths;  ///< column widths, mm; scaled to fit when wider than the text
    std::vector<Row> rows;
    int header_rows = 0;       ///< repeated at the top of each page the table continues on
    bool borders = true;
    bool keep_together = false;  ///< never split across pages (signature block)
    /// Where a table narrower than the text area sits: left (default), center or right
    /// (the "DỰ THẢO" box at the top right of a draft's first page).
    Align align = Align::left;
    double space_before = 6.0;   ///< pt
    double cell_padding = 1.5;   ///< mm, left and right inside each cell
    /// mm from the text area's left edge to the table's; negative reaches into the left
    /// margin (the ND 30 header block: a 6-7 cm agency column beside the Quốc hiệu's 10 cm
    /// hangs out of a 15.5 cm text area, as the Word models' tables do). The table's right
    /// edge stays within the text area.
    double indent = 0.0;
    std::string role = "table";
};

/// Vertical blank space (e.g. room to sign).
struct Spacer {
    double height = 12.0;  ///< pt
};

/// Ends the page.
struct PageBreak {};

using Block = std::variant<Paragraph, Table, Spacer, PageBreak>;

enum class Orientation { portrait, landscape };

/// A4, the paper of every ND 30 document, in mm (portrait).
inline constexpr double kA4WidthMm = 210.0;
inline constexpr double kA4HeightMm = 297.0;

/// A run of pages with one paper size, orientation, margins and one page-number series
/// (the body, one unit's form, an appendix): it starts on a new page and its pages are
/// numbered from 1. Page numbers are printed centred in the top margin, their baseline
/// `page_number_baseline` below the top edge, from page `page_number_from` on, when
/// `page_numbers` is set.
struct Section {
    Orientation orientation = Orientation::portrait;
    double paper_width = kA4WidthMm, paper_height = kA4HeightMm;  ///< mm, as held portrait
    /// Margins in mm (ND 30 defaults: top 25, bottom 20, left 35, right 20; for
    /// landscape the template may swap them).
    double margin_top = 25.0, margin_bottom = 20.0, margin_left = 35.0, margin_right = 20.0;
    bool page_numbers = true;
    double page_number_size = 14.0;      ///< pt
    int page_number_from = 2;            ///< the first page that shows its number
    double page_number_baseline = 12.0;  ///< mm from the top edge of the page
    std::vector<Block> blocks;

    /// The page as printed (landscape swaps the paper's sides), mm.
    double page_width() const { return orientation == Orientation::landscape ? paper_height : paper_width; }
    double page_height() const { return orientation == Orientation::landscape ? paper_width : paper_height; }
    /// The text area between the margins, mm.
    double text_width() const { return page_width() - margin_left - margin_right; }
    double text_height() const { return page_height() - margin_top - margin_bottom; }
};

/// How the paragraphs of one role look unless a paragraph says otherwise: what a word
/// processor shows as a paragraph style ("change all body text to 13 pt" is one change).
/// The values are those a paragraph of the role gets from the template's #style for it
/// where the role is first used; a paragraph's own values may differ.
struct Style {
    std::string role;   ///< "body", "heading1", "quoc_hieu", …
    std::string name;   ///< shown to the user ("Quốc hiệu"); empty: the role
    Align align = Align::justify;
    double size = 14.0;  ///< pt
    bool bold = false;
    bool italic = false;
    double first_indent = 10.0;  ///< mm
    double left_indent = 0.0;    ///< mm
    double space_before = 6.0;   ///< pt
    double space_after = 0.0;    ///< pt
    double line_spacing = 1.15;
    bool keep_with_next = false;
    int outline_level = 0;  ///< 1-6 for heading roles

    bool operator==(const Style&) const = default;
};

/// A whole document, ready for layout.
struct Document {
    std::string title;    ///< metadata title
    std::string author;   ///< metadata author (issuing body)
    std::string subject;  ///< metadata subject
    std::string created;  ///< creation date "YYYY-MM-DD", pinned for reproducible output
    std::vector<Style> styles;  ///< one per role the paragraphs use, in order of first use
    std::vector<Section> sections;

    /// Returns the style of `role`, or nullptr.
    const Style* style(const std::string& role) const;
};

/// Numbers the footnote markers of `doc` 1, 2, 3 … in reading order (sections, their
/// blocks, a table's rows, cells and paragraphs), writing the number as each marker's text.
/// The evaluator calls it once per evaluated document, so numbers restart in every document
/// (one unit's form of a batch appended to the others keeps its own 1, 2, …).
void number_footnotes(Document& doc);

/// A footnote marker of the tree and the section it is in.
struct FootnoteRef {
    std::size_t section = 0;
    const Run* marker = nullptr;
};

/// The footnote markers of `doc` in reading order (number_footnotes' order).
std::vector<FootnoteRef> footnotes(const Document& doc);

/// The number of paragraphs of `doc`, those in table cells included.
std::size_t paragraph_count(const Document& doc);

/// Footnote typography (ND 30 practice: 10 pt Times, single spacing, a short rule above).
inline constexpr double kFootnoteSize = 10.0;        ///< pt, the note's text
inline constexpr double kFootnoteMarkerScale = 0.65; ///< marker size / the text's size
inline constexpr double kFootnoteMarkerRise = 0.35;  ///< marker raise / the text's size
inline constexpr double kFootnoteRuleMm = 50.0;      ///< the rule above the notes, mm

/// The paragraph a note prints as: its marker number superscript, then its text, in the
/// role "footnote" (size kFootnoteSize, justified, no indent, single spacing), unless the
/// document's style for "footnote" (a template's #style footnote …) says otherwise.
Paragraph footnote_paragraph(const Document& doc, const Run& marker);

/// Appends the sections of `part` to `into` (each starts a new page and numbers its pages
/// from 1) and the styles of the roles `into` has no style for yet.
void append(Document& into, Document&& part);

/// Returns a readable, stable text dump of the tree (used by `thidua dump` and golden
/// tests): one line per paragraph with its role, alignment, size and styled text.
/// The style table is not part of it (dump_styles prints it).
std::string dump(const Document& doc);

/// Returns one line per style of the document: role, name, and its values.
std::string dump_styles(const Document& doc);

}  // namespace thidua::doc
