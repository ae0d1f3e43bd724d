// Tests for the spreadsheet places of base/diagnostics: column letters, cell names and
// `file.xlsx, trang "Đơn vị", ô C7: lỗi: …` (no JSON pointer, no caret).
#include <doctest/doctest.h>

#include "base/diagnostics.hpp"

TEST_SUITE("base") {

TEST_CASE("diagnostics: spreadsheet cells are named as a spreadsheet shows them") {
    using namespace thidua;
    CHECK(column_letters(1) == "A");
    CHECK(column_letters(26) == "Z");
    CHECK(column_letters(27) == "AA");
    CHECK(column_letters(52) == "AZ");
    CHECK(column_letters(16384) == "XFD");
    CHECK(column_letters(0).empty());
    CHECK(cell_name(7, 3) == "C7");
    CHECK(cell_place("Đơn vị", 7, 3) == "trang \"Đơn vị\", ô C7");
    CHECK(cell_place("Đơn vị", 7, 0) == "trang \"Đơn vị\", dòng 7");
    CHECK(cell_place("Đơn vị", 0, 0) == "trang \"Đơn vị\"");
    CHECK(cell_place("", 2, 1) == "ô A2");

    Diagnostics d;
    d.at_cell("ds.xlsx", "Đơn vị", 7, 3, "tên đơn vị để trống");
    d.at_cell("ds.csv", "", 4, 0, "dòng thừa", Severity::warning);
    d.at_cell("ds.xlsx", "Sheet2", 0, 0, "trang không thuộc mẫu");
    Diagnostic with_pointer;
    with_pointer.cell = true;
    with_pointer.file = "ds.xlsx";
    with_pointer.sheet = "Đơn vị";
    with_pointer.line = 2;
    with_pointer.col = 1;
    with_pointer.pointer = "/units/0/id";
    with_pointer.source_line = "không in";
    with_pointer.message = "mã sai";
    d.add(with_pointer);
    CHECK(d.error_count() == 3);
    CHECK(d.format(true) ==
          "ds.xlsx, trang \"Đơn vị\", ô C7: lỗi: tên đơn vị để trống\n"
          "ds.csv, dòng 4: cảnh báo: dòng thừa\n"
          "ds.xlsx, trang \"Sheet2\": lỗi: trang không thuộc mẫu\n"
          "ds.xlsx, trang \"Đơn vị\", ô A2: lỗi: mã sai\n");
}

}  // TEST_SUITE
