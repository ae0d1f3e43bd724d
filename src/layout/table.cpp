#include "layout/table.hpp"

#include <algorithm>
#include <map>

#include "doc/table_geometry.hpp"
#include "layout/linebreak.hpp"

namespace thidua::layout::detail {

namespace {

/// Marks every word of `box` as printed by paragraph `id` (TextItem::para).
void set_para(ParagraphBox& box, int id) {
    for (LineBox& lb : box.lines)
        for (TextItem& t : lb.texts) t.para = id;
}

Band line_band(LineBox lb) {
    Band b;
    b.height = lb.height;
    BandCell c;
    c.bottom = lb.height;
    lb.top = 0;
    c.lines.push_back(std::move(lb));
    b.cells.push_back(std::move(c));
    return b;
}

}  // namespace

int paragraph_count(const doc::Table& table) {
    std::size_t n = 0;
    for (const doc::Row& row : table.rows)
        for (const doc::Cell& c : row.cells) n += c.paragraphs.size();
    return static_cast<int>(n);
}

void add_paragraph_units(const doc::Paragraph& para, int para_id, double width, const FontSet& fonts,
                         std::vector<Unit>& units) {
    ParagraphBox box = layout_paragraph(para, 0.0, width, fonts);
    set_para(box, para_id);
    const std::size_t n = box.lines.size();
    for (std::size_t i = 0; i < n; ++i) {
        Unit u;
        u.band = line_band(std::move(box.lines[i]));
        if (i == 0) u.space_before = box.space_before;
        if (i + 1 == n) {
            u.space_after = box.space_after;
            u.keep_with_next = para.keep_with_next;
        } else if (n < 4) {
            u.keep_with_next = true;  // short paragraphs stay whole
        } else {
            u.keep_with_next = (i == 0) || (i + 2 == n);  // no orphan, no widow
        }
        units.push_back(std::move(u));
    }
}

TableBands layout_table(const doc::Table& table, int first_para, double text_width, const FontSet& fonts) {
    TableBands out;
    out.space_before = table.space_before;
    const std::size_t nrows = table.rows.size();
    if (nrows == 0) return out;

    const doc::TableGrid grid = doc::table_grid(table, text_width / kPtPerMm);
    const std::vector<doc::PlacedCell>& placed = grid.cells;
    const std::size_t ncols = grid.columns;
    if (ncols == 0) return out;
    std::vector<double> col_x(ncols + 1, 0.0);
    for (std::size_t i = 0; i <= ncols; ++i) col_x[i] = grid.edges[i] * kPtPerMm;
    if (table.align == doc::Align::right || table.align == doc::Align::center) {
        double shift = text_width - col_x[ncols];
        if (table.align == doc::Align::center) shift /= 2;
        if (shift > 0) {
            for (double& x : col_x) x += shift;
        }
    }

    const double pad_x = table.cell_padding * kPtPerMm;
    const double pad_top = table.borders ? kCellPadTop : 0.0;
    const double pad_bottom = table.borders ? kCellPadBottom : 0.0;

    // The TextItem::para of each cell's first paragraph, by the cell's place in the tree.
    std::map<const doc::Cell*, int> cell_para;
    int next_para = first_para;
    for (const doc::Row& row : table.rows) {
        for (const doc::Cell& c : row.cells) {
            cell_para[&c] = next_para;
            next_para += static_cast<int>(c.paragraphs.size());
        }
    }

    // Lay out each cell's paragraphs.
    struct CellContent {
        std::vector<LineBox> lines;  // tops relative to the cell top
        double height = 0;
    };
    std::vector<CellContent> contents(placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const doc::PlacedCell& p = placed[i];
        double cx = col_x[p.col] + pad_x;
        double cw = std::max(col_x[p.col + p.colspan] - col_x[p.col] - 2 * pad_x, 1.0);
        double y = pad_top;
        int para_id = cell_para[p.cell];
        for (const doc::Paragraph& para : p.cell->paragraphs) {
            ParagraphBox box = layout_paragraph(para, cx, cw, fonts);
            set_para(box, para_id++);
            y += box.space_before;
            for (LineBox& lb : box.lines) {
                lb.top += y;
                contents[i].lines.push_back(std::move(lb));
            }
            if (!contents[i].lines.empty()) {
                y = contents[i].lines.back().top + contents[i].lines.back().height;
            }
            y += box.space_after;
        }
        contents[i].height = y + pad_bottom;
    }

    // Row heights.
    std::vector<double> heights(nrows, pad_top + pad_bottom);
    for (std::size_t i = 0; i < placed.size(); ++i)
        if (placed[i].rowspan == 1)
            heights[placed[i].row] = std::max(heights[placed[i].row], contents[i].height);
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const doc::PlacedCell& p = placed[i];
        if (p.rowspan == 1) continue;
        double sum = 0;
        for (std::size_t r = p.row; r < p.row + p.rowspan; ++r) sum += heights[r];
        if (contents[i].height > sum) heights[p.row + p.rowspan - 1] += contents[i].height - sum;
    }
    std::vector<double> row_y(nrows + 1, 0.0);
    for (std::size_t r = 0; r < nrows; ++r) row_y[r + 1] = row_y[r] + heights[r];

    // Row groups: rows tied by row spans (and the header rows) cannot be separated.
    std::vector<std::size_t> span_end(nrows);
    for (std::size_t r = 0; r < nrows; ++r) span_end[r] = r;
    for (const doc::PlacedCell& p : placed) span_end[p.row] = std::max(span_end[p.row], p.row + p.rowspan - 1);
    std::size_t header_rows = std::min<std::size_t>(static_cast<std::size_t>(std::max(table.header_rows, 0)), nrows);
    if (header_rows == nrows) header_rows = 0;  // sanitize warned: nothing to repeat them over
    std::size_t r = 0;
    std::size_t next_cell = 0;  // `placed` is in row order: each group takes the next cells
    while (r < nrows) {
        std::size_t end = r;
        if (r == 0 && header_rows > 0) end = header_rows - 1;
        for (std::size_t k = r; k <= end && k < nrows; ++k) end = std::max(end, span_end[k]);
        end = std::min(end, nrows - 1);
        Band band;
        band.borders = table.borders;
        band.height = row_y[end + 1] - row_y[r];
        for (; next_cell < placed.size() && placed[next_cell].row <= end; ++next_cell) {
            const std::size_t i = next_cell;
            const doc::PlacedCell& p = placed[i];
            BandCell c;
            c.x = col_x[p.col];
            c.w = col_x[p.col + p.colspan] - col_x[p.col];
            c.top = row_y[p.row] - row_y[r];
            c.bottom = row_y[p.row + p.rowspan] - row_y[r];
            c.pad_top = pad_top;
            c.pad_bottom = pad_bottom;
            double shift = c.top;
            double room = (c.bottom - c.top) - contents[i].height;
            if (room > 0 && p.cell->valign == doc::VAlign::middle) shift += room / 2;
            if (room > 0 && p.cell->valign == doc::VAlign::bottom) shift += room;
            c.lines = std::move(contents[i].lines);  // each cell is in one group only
            for (LineBox& lb : c.lines) lb.top += shift;
            band.cells.push_back(std::move(c));
        }
        if (r == 0 && header_rows > 0) out.has_header = true;
        band.keep_with_next = table.rows[end].keep_with_next;
        out.bands.push_back(std::move(band));
        r = end + 1;
    }
    return out;
}

std::optional<Band> split_band(Band& band, double h, bool force) {
    auto stays = [](const BandCell& c, std::size_t k, double cut) { return c.line_end(k) <= cut + kEps; };
    // A cell's lines end lower and lower: its first remaining line decides for the cell.
    bool any = false;
    double first_end = -1;
    for (const BandCell& c : band.cells) {
        if (c.first >= c.lines.size()) continue;
        if (stays(c, c.first, h)) any = true;
        double e = c.line_end(c.first);
        if (first_end < 0 || e < first_end) first_end = e;
    }
    if (!any) {
        if (!force || first_end < 0) return std::nullopt;
        h = first_end;
    }
    if (h >= band.height - kEps) return std::nullopt;
    // Where each cell's remaining lines start; nothing is changed until a line is sure to stay.
    std::vector<std::size_t> cut(band.cells.size());
    std::size_t staying = 0;
    for (std::size_t i = 0; i < band.cells.size(); ++i) {
        const BandCell& c = band.cells[i];
        std::size_t k = c.first;
        if (c.top < h)
            while (k < c.lines.size() && stays(c, k, h)) ++k;
        cut[i] = k;
        if (c.top < h - kEps) staying += k - c.first;
    }
    if (staying == 0) return std::nullopt;  // every cut must print a line: the loop ends

    Band top;
    top.borders = band.borders;
    top.height = h;
    const double height = band.height;
    double rest_h = height - h;
    std::vector<BandCell> rest;
    for (std::size_t i = 0; i < band.cells.size(); ++i) {
        BandCell& c = band.cells[i];
        const std::size_t k = cut[i];
        if (c.top < h - kEps) {
            BandCell t;
            t.x = c.x;
            t.w = c.w;
            t.top = c.top;
            t.bottom = std::min(c.bottom, h);
            t.pad_top = c.pad_top;
            t.pad_bottom = c.pad_bottom;
            for (std::size_t j = c.first; j < k; ++j) {  // printed now, never needed again
                const double line_top = c.line_top(j);
                t.lines.push_back(std::move(c.lines[j]));
                t.lines.back().top = line_top;
            }
            top.cells.push_back(std::move(t));
        }
        if (c.bottom > h + kEps) {
            double shift = h;
            if (c.top < h) {
                if (k < c.lines.size()) shift = std::min(h, c.line_top(k) - c.pad_top);
                c.top = 0;
            } else {
                c.top = c.top - h;
            }
            c.bottom = c.bottom - h;
            c.first = k;
            c.shift += shift;
            double need = c.bottom;
            if (k < c.lines.size()) {
                need = std::max(need, c.line_end(c.lines.size() - 1) + c.pad_bottom);
            }
            c.bottom = need;
            rest_h = std::max(rest_h, need);
            rest.push_back(std::move(c));
        }
    }
    for (BandCell& c : rest)
        if (c.bottom >= height - h - kEps) c.bottom = std::max(c.bottom, rest_h);
    band.cells = std::move(rest);
    band.height = rest_h;
    return top;
}

}  // namespace thidua::layout::detail
