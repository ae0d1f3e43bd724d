#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "doc/table_geometry.hpp"

using namespace thidua::doc;

namespace {

Cell cell(int colspan = 1, int rowspan = 1) {
    Cell c;
    c.colspan = colspan;
    c.rowspan = rowspan;
    return c;
}

Table table(std::vector<double> widths, std::vector<std::vector<Cell>> rows) {
    Table t;
    t.widths = std::move(widths);
    for (auto& r : rows) t.rows.push_back(Row{std::move(r), false});
    return t;
}

}  // namespace

TEST_SUITE("doc") {

TEST_CASE("doc: cells skip the columns a row span from above still covers") {
    // | a (2 rows) | b | c |
    // |            | d (2 cols) |
    Table t = table({10, 20, 30}, {{cell(1, 2), cell(), cell()}, {cell(2)}});
    TableGrid g = table_grid(t, 155);
    REQUIRE(g.cells.size() == 4);
    CHECK(g.columns == 3);
    CHECK(g.cells[0].col == 0);
    CHECK(g.cells[0].rowspan == 2);
    CHECK(g.cells[2].col == 2);
    CHECK(g.cells[3].row == 1);
    CHECK(g.cells[3].col == 1);
    CHECK(g.cells[3].colspan == 2);
    CHECK(g.span_width(g.cells[3]) == doctest::Approx(50));
    CHECK(g.edges == std::vector<double>{0, 10, 30, 60});
    CHECK(g.cut_rows.empty());
}

TEST_CASE("doc: a row span stops at the last row, a wider row adds columns") {
    Table t = table({10, 10}, {{cell(1, 5), cell()}, {cell(), cell()}});
    TableGrid g = place_cells(t);
    CHECK(g.cells[0].rowspan == 2);
    CHECK(g.columns == 3);  // the second row starts right of the span: columns 1 and 2
    CHECK(g.cells[3].col == 2);
}

TEST_CASE("doc: columns written as 0 share what the others leave, and wide tables shrink") {
    Table t = table({55, 0, 100}, {{cell(), cell(), cell()}});
    CHECK(column_widths(t, 3, 155) == std::vector<double>{55, 0, 100});
    CHECK(column_widths(t, 3, 247) == std::vector<double>{55, 92, 100});
    Table wide = table({100, 100}, {{cell(), cell()}});
    auto w = column_widths(wide, 2, 150);
    CHECK(w[0] == doctest::Approx(75));
    CHECK(w[1] == doctest::Approx(75));
    // No widths at all: even shares; a missing width counts as 0.
    Table none = table({}, {{cell(), cell()}});
    CHECK(column_widths(none, 2, 100) == std::vector<double>{50, 50});
    Table shorter = table({40}, {{cell(), cell()}});
    CHECK(column_widths(shorter, 2, 100) == std::vector<double>{40, 60});
}

TEST_CASE("doc: widths that are not finite non-negative numbers count as 0, huge ones scale") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Table t = table({nan, -5, 20}, {{cell(), cell(), cell()}});
    CHECK(column_widths(t, 3, 100) == std::vector<double>{40, 40, 20});
    Table huge = table({1e307, 1e307}, {{cell(), cell()}});
    auto w = column_widths(huge, 2, 100);
    CHECK(w[0] == doctest::Approx(50));
    CHECK(std::isfinite(w[1]));
}

TEST_CASE("doc: a span past 1,000 columns is cut at the edge, a cell beyond it dropped") {
    Table t = table({10}, {{cell(5000)}, {cell(999), cell(), cell()}});
    TableGrid g = place_cells(t);
    CHECK(g.columns == kMaxTableColumns);
    REQUIRE(g.cells.size() == 3);
    CHECK(g.cells[0].colspan == kMaxTableColumns);
    CHECK(g.cut_rows == std::vector<std::size_t>{0, 1});
}

}  // TEST_SUITE
