// Stage: layout (internal). Bands, the unit of pagination: a paragraph line, or a table
// row group (rows tied by row spans, the header rows) with its cells laid out; and the
// cut of a band at a page end, as a last resort.
// In: sanitized paragraphs and tables, the text width (points), the FontSet; out: Units
// for the paginator.
#pragma once

#include <optional>
#include <vector>

#include "doc/document.hpp"
#include "doc/warnings.hpp"
#include "layout/fonts.hpp"
#include "layout/paragraph.hpp"

namespace thidua::layout::detail {

struct BandCell {
    double x = 0, w = 0, top = 0, bottom = 0;
    double pad_top = 0, pad_bottom = 0;
    /// In order, each ending lower than the one before. Those before `first` were printed
    /// on an earlier page; a line's top relative to the band top is `lines[k].top - shift`.
    /// Cutting a band moves what remains up by raising `shift` and `first` instead of
    /// rewriting every remaining line, so a cell over many pages costs its lines once.
    std::vector<LineBox> lines;
    std::size_t first = 0;
    double shift = 0;

    double line_top(std::size_t k) const { return lines[k].top - shift; }
    double line_end(std::size_t k) const { return line_top(k) + lines[k].height; }
};

struct Band {
    double height = 0;
    bool borders = false;
    bool keep_with_next = false;  // the last row of the band is a kept row
    std::vector<BandCell> cells;
};

struct Unit {
    Band band;
    double space_before = 0;  // dropped at the top of a page
    double space_after = 0;
    bool keep_with_next = false;
    bool page_break = false;
    bool splittable = false;  // a table row group may be cut inside as a last resort
    int table = -1;
    bool is_header = false;
};

/// Adds one unit per line of the paragraph, tied so that a paragraph of fewer than four
/// lines stays whole and no page starts or ends with a lone line of a longer one. Its words
/// carry `para_id` (TextItem::para).
void add_paragraph_units(const doc::Paragraph& para, int para_id, double width, const FontSet& fonts,
                         std::vector<Unit>& units);

/// A table's bands (header group first when the table has header rows).
struct TableBands {
    std::vector<Band> bands;
    bool has_header = false;
    double space_before = 0;  // pt
};

/// Places the cells (doc::table_grid) and lays out their paragraphs into row groups. The
/// words of the table's paragraphs carry TextItem::para from `first_para` on, in the order
/// the tree lists rows, cells and paragraphs (a cell the grid drops still counts).
TableBands layout_table(const doc::Table& table, int first_para, double text_width, const FontSet& fonts);

/// The number of paragraphs in `table`'s cells.
int paragraph_count(const doc::Table& table);

/// Cuts `band` at `h` below its top: returns the part for this page (the lines that end
/// above the cut) and leaves the rest in `band`, moved up. With `force`, at least the first
/// line of the cell whose first line ends soonest stays. Returns nullopt, leaving `band` as
/// it was, when no line would stay. Costs the band's cells and the lines that stay, never
/// the lines that remain: a row over many pages is cut in time linear in its lines.
std::optional<Band> split_band(Band& band, double h, bool force);

}  // namespace thidua::layout::detail
