// Stage: doc. The backend-neutral document tree that the template evaluator builds and
// every backend (layout + PDF, later an editable Word writer) consumes.
// It knows nothing of ND 30 or of campaigns: sizes, alignment and rules come from the
// templates. Lengths are in millimetres, font sizes and vertical spacing in points.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace thidua::doc {

/// A stretch of text in one face. "\n" inside text is a forced line break.
struct Run {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;

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
    double space_before = 6.0;   ///< pt
    double cell_padding = 1.5;   ///< mm, left and right inside each cell
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

/// A run of pages with one orientation and one page-number series (the body, or an
/// appendix). Page numbers are printed centred in the top margin from the section's
/// second page on, when `page_numbers` is set.
struct Section {
    Orientation orientation = Orientation::portrait;
    bool page_numbers = true;
    /// Margins in mm (ND 30 defaults: top 25, bottom 20, left 35, right 20; for
    /// landscape the template may swap them).
    double margin_top = 25.0, margin_bottom = 20.0, margin_left = 35.0, margin_right = 20.0;
    double page_number_size = 14.0;  ///< pt
    std::vector<Block> blocks;
};

/// A whole document, ready for layout.
struct Document {
    std::string title;    ///< PDF metadata title
    std::string author;   ///< PDF metadata author (issuing body)
    std::string subject;  ///< PDF metadata subject
    std::string created;  ///< creation date "YYYY-MM-DD", pinned for reproducible output
    std::vector<Section> sections;
};

/// Returns a readable, stable text dump of the tree (used by `thidua dump` and golden
/// tests): one line per paragraph with its role, alignment, size and styled text.
std::string dump(const Document& doc);

}  // namespace thidua::doc
