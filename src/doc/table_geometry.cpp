#include "doc/table_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace thidua::doc {

namespace {

/// A width whose points would not be finite, or negative, is not a width.
bool usable_width(double mm) { return std::isfinite(mm * 72.0 / 25.4) && mm >= 0; }

}  // namespace

TableGrid place_cells(const Table& table) {
    TableGrid grid;
    const std::size_t nrows = table.rows.size();
    const std::size_t max_cols = std::max(table.widths.size(), kMaxTableColumns);
    grid.columns = table.widths.size();
    // A column is blocked only by a row span from above, until the row in busy_until:
    // cells of a row only move right.
    std::vector<std::size_t> busy_until;
    for (std::size_t r = 0; r < nrows; ++r) {
        std::size_t cursor = 0;
        bool cut = false;
        for (const Cell& c : table.rows[r].cells) {
            std::size_t col = std::max<std::size_t>(static_cast<std::size_t>(std::max(c.column, 0)), cursor);
            while (col < busy_until.size() && busy_until[col] > r) ++col;
            std::size_t cs = static_cast<std::size_t>(std::max(c.colspan, 1));
            if (col >= max_cols || cs > max_cols - col) {
                cut = true;
                if (col >= max_cols) continue;
                cs = max_cols - col;
            }
            std::size_t rs = std::min<std::size_t>(static_cast<std::size_t>(std::max(c.rowspan, 1)), nrows - r);
            if (busy_until.size() < col + cs) busy_until.resize(col + cs, 0);
            for (std::size_t cc = col; cc < col + cs; ++cc) busy_until[cc] = r + rs;
            grid.cells.push_back({&c, r, col, cs, rs});
            cursor = col + cs;
            grid.columns = std::max(grid.columns, col + cs);
        }
        if (cut) grid.cut_rows.push_back(r);
    }
    return grid;
}

std::vector<double> column_widths(const Table& table, std::size_t columns, double text_width) {
    std::vector<double> widths(columns, 0.0);
    double given = 0;
    std::size_t positive = 0;
    for (std::size_t i = 0; i < table.widths.size() && i < columns; ++i) {
        const double w = table.widths[i];
        if (usable_width(w) && w > 0) {
            widths[i] = w;
            given += w;
            ++positive;
        }
    }
    if (columns == 0) return widths;
    const std::size_t missing = columns - positive;
    if (missing > 0) {
        // Columns written as 0 share what the others leave; none left: they stay empty
        // (a header block "55,0,100" spreads out on a landscape page, closes up on portrait).
        double each = positive == 0 ? text_width / static_cast<double>(columns)
                      : given < text_width ? (text_width - given) / static_cast<double>(missing)
                                           : 0.0;
        for (double& w : widths)
            if (w <= 0) w = each;
    }
    double total = 0;
    for (double w : widths) total += w;
    if (total > text_width) {
        if (!std::isfinite(total)) {  // widths near the largest double: scale in two steps
            const double widest = *std::max_element(widths.begin(), widths.end());
            total = 0;
            for (double& w : widths) total += (w /= widest);
        }
        for (double& w : widths) w *= text_width / total;
    }
    return widths;
}

TableGrid table_grid(const Table& table, double text_width) {
    TableGrid grid = place_cells(table);
    // An indented table fits between its own left edge and the text area's right edge;
    // its edges start at the indent, so every reader places it the same way.
    const double indent = std::isfinite(table.indent) ? std::clamp(table.indent, -text_width, text_width) : 0.0;
    grid.widths = column_widths(table, grid.columns, std::max(text_width - indent, 1.0));
    grid.edges.assign(grid.columns + 1, indent);
    for (std::size_t i = 0; i < grid.columns; ++i) grid.edges[i + 1] = grid.edges[i] + grid.widths[i];
    return grid;
}

}  // namespace thidua::doc
