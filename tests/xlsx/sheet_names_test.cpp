// Tests for render/xlsx/sheet_names: Excel sheet names from unit names (length, forbidden
// characters, apostrophes, case-insensitive duplicates, reserved names) and references.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "render/xlsx/xlsx_writer.hpp"

using thidua::xlsx::make_sheet_names;
using thidua::xlsx::sheet_ref;
using Names = std::vector<std::string>;

TEST_SUITE("xlsx") {

TEST_CASE("sheet names: Vietnamese names stay as they are") {
    CHECK(make_sheet_names({"Tổ dân phố 1", "Thôn Nà Khương", "Xóm Đồi"}) ==
          Names{"Tổ dân phố 1", "Thôn Nà Khương", "Xóm Đồi"});
}

TEST_CASE("sheet names: forbidden characters become hyphens") {
    CHECK(make_sheet_names({"Tổ dân phố 2/3: chợ [cũ]", "a*b?c\\d"}) ==
          Names{"Tổ dân phố 2-3- chợ -cũ-", "a-b-c-d"});
}

TEST_CASE("sheet names: long names are shortened at a word boundary") {
    const auto names =
        make_sheet_names({"Tổ dân phố số 12 phường Nguyễn Trãi thành phố Hà Giang",
                          std::string(40, 'x')});
    CHECK(names[0] == "Tổ dân phố số 12 phường Nguyễn");
    CHECK(thidua::text::length(names[0]) == 30);
    CHECK(names[1] == std::string(31, 'x'));  // one long word: cut hard at 31
    // A name of 35 Vietnamese letters counts characters, not bytes.
    std::string u;
    for (int i = 0; i < 35; ++i) u += "ư";
    const auto cut = make_sheet_names({u})[0];
    CHECK(thidua::text::length(cut) == 31);
    CHECK(cut.size() == 62);
    // The cut never leaves a dangling comma or hyphen.
    CHECK(make_sheet_names({"Khu dân cư số 5, phường Minh, khu vực phía Bắc"})[0] ==
          "Khu dân cư số 5, phường Minh");
    CHECK(make_sheet_names({"Ban công tác Mặt trận xóm - Nguyễn"})[0] ==
          "Ban công tác Mặt trận xóm");
}

TEST_CASE("sheet names: duplicates differ without regard to case and get a number") {
    CHECK(make_sheet_names({"Tổ dân phố 1", "TỔ DÂN PHỐ 1", "tổ dân phố 1", "Tổ dân phố 2"}) ==
          Names{"Tổ dân phố 1", "TỔ DÂN PHỐ 1 (2)", "tổ dân phố 1 (3)", "Tổ dân phố 2"});
    // A shortened duplicate leaves room for its number.
    const std::string long_name = "Tổ dân phố số 12 phường Nguyễn Trãi thành phố Hà Giang";
    CHECK(make_sheet_names({long_name, long_name}) ==
          Names{"Tổ dân phố số 12 phường Nguyễn", "Tổ dân phố số 12 phường (2)"});
    // A name that already looks numbered is not taken twice.
    CHECK(make_sheet_names({"Xóm 1", "Xóm 1 (2)", "Xóm 1"}) ==
          Names{"Xóm 1", "Xóm 1 (2)", "Xóm 1 (3)"});
}

TEST_CASE("sheet names: the workbook's own sheets and Excel's History are reserved") {
    CHECK(make_sheet_names({"Tổng hợp", "DANH MỤC", "history", "chấm điểm"}) ==
          Names{"Tổng hợp (2)", "DANH MỤC (2)", "history (2)", "chấm điểm (2)"});
}

TEST_CASE("sheet names: apostrophes at the ends and extra whitespace go") {
    CHECK(make_sheet_names({"'Tổ 5'", "Xóm Đồi' ", "  Tổ\tdân\n phố  7 ", "Tổ 'Hòa' Bình"}) ==
          Names{"Tổ 5", "Xóm Đồi", "Tổ dân phố 7", "Tổ 'Hòa' Bình"});
}

TEST_CASE("sheet names: decomposed input is composed") {
    // "Tổ" written as T, o, U+0302, U+0309.
    CHECK(make_sheet_names({"To\xCC\x82\xCC\x89 1"}) == Names{"Tổ 1"});
}

TEST_CASE("sheet names: a name with nothing usable gives an empty entry") {
    CHECK(make_sheet_names({"", "   ", "???", "''", "\xC3\x28", "Tổ 9"}) ==
          Names{"", "", "", "", "", "Tổ 9"});
}

TEST_CASE("sheet names: every result obeys Excel's rules") {
    const Names input = {"[Tổ]", "'", "a:b", "x'", std::string(40, 'a'), std::string(40, 'A'),
                         "Tổng hợp", "Tổng Hợp", "Ủy ban nhân dân xã Tân Thành huyện Bắc Quang",
                         "Ủy ban nhân dân xã Tân Thành huyện Bắc Quang tỉnh Hà Giang"};
    std::set<std::string> seen;
    for (const auto& n : make_sheet_names(input)) {
        if (n.empty()) continue;
        CAPTURE(n);
        CHECK(thidua::text::length(n) <= 31);
        CHECK(n.find_first_of("[]:*?/\\") == std::string::npos);
        CHECK(n.front() != '\'');
        CHECK(n.back() != '\'');
        CHECK(seen.insert(thidua::text::lower(n)).second);
    }
    CHECK(seen.size() == 9);
}

TEST_CASE("sheet names: references quote the name and double its apostrophes") {
    CHECK(sheet_ref("Tổ dân phố 1") == "'Tổ dân phố 1'!");
    CHECK(sheet_ref("Xóm 'A") == "'Xóm ''A'!");
}

}  // TEST_SUITE
