// Stage: doc. Where a table's cells sit in its grid and how wide its columns are: the one
// place that decides it, for the evaluator (which checks rows against "widths"), sanitize
// (which cuts spans past kMaxTableColumns), layout and the Word writer.
// In: a doc::Table and the width it has (mm); out: each cell's row, column and spans,
// and the columns' widths and left edges in mm.
#pragma once

#include <cstddef>
#include <vector>

#include "doc/document.hpp"

namespace thidua::doc {

/// The most grid columns a table may have beyond its widths: a span or a column index past
/// it is cut (a colspan of a billion must not allocate a billion columns).
inline constexpr std::size_t kMaxTableColumns = 1000;

/// A cell at its place in the grid.
struct PlacedCell {
    const Cell* cell = nullptr;
    std::size_t row = 0, col = 0;
    std::size_t colspan = 1, rowspan = 1;  ///< at least 1, within the grid
};

struct TableGrid {
    std::vector<PlacedCell> cells;  ///< in row order, then left to right
    std::size_t columns = 0;        ///< the widths' count, or more when a row is wider
    /// Rows with a cell cut or dropped at the max_columns edge (for a warning).
    std::vector<std::size_t> cut_rows;
    std::vector<double> widths;  ///< mm, one per column (filled by table_grid)
    /// mm, columns + 1 left edges from the text area's left edge: from Table::indent
    /// (filled by table_grid)
    std::vector<double> edges;

    /// The width of the columns a cell spans, mm.
    double span_width(const PlacedCell& c) const { return edges[c.col + c.colspan] - edges[c.col]; }
};

/// Places the cells: each at its Cell::column when that column is free and not left of
/// the cells before it in the row, else at the next free column; a column stays taken by
/// a row span from above until the span ends. Row spans stop at the last row; spans past
/// max(widths, kMaxTableColumns) columns are cut there and cells beyond it dropped.
/// Leaves widths and edges empty.
TableGrid place_cells(const Table& table);

/// Returns the column widths in mm for `columns` columns in `text_width` mm: the widths
/// given (a width that is not a finite non-negative number counts as 0); columns written
/// as 0 or missing share what the others leave (none left: they stay 0); all scaled down
/// proportionally when wider than `text_width`.
std::vector<double> column_widths(const Table& table, std::size_t columns, double text_width);

/// place_cells, then column_widths and the columns' left edges.
TableGrid table_grid(const Table& table, double text_width);

}  // namespace thidua::doc
