// Tests for render/xlsx/roster_workbook: the blank workbook to fill with units, registered
// individuals and nominees, read back with openpyxl (sheets, headers with their notes,
// protection, frozen panes, lists pointing at ranges, date and text formats), and read back
// by the campaign's own importer: a workbook written from each sample gives the sample's
// units (with their own targets) and nominees again.
#include <doctest/doctest.h>

#include <filesystem>

#include "campaign/json_source.hpp"
#include "campaign/roster_import.hpp"
#include "render/xlsx/roster_workbook.hpp"
#include "workbook_dump.hpp"

using json = thidua::Json;
using namespace xlsx_test;

namespace {

std::string write_roster(const json& campaign, const TempFile& f) {
    thidua::Diagnostics d;
    const bool ok = thidua::xlsx::write_roster_workbook(campaign, f.path(), d);
    INFO(d.format());
    REQUIRE(ok);
    REQUIRE(d.all().empty());
    return f.path();
}

json sample(const std::string& name) {
    return json::parse(read_file(std::string(THIDUA_SOURCE_DIR) + "/samples/" + name + ".json"));
}

/// `v` without empty lists: an empty cell reads back as no list, which the templates
/// print the same way ("Chưa có.").
json without_empty_lists(json v) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end();) {
            if (it->is_array() && it->empty()) {
                it = v.erase(it);
            } else {
                *it = without_empty_lists(*it);
                ++it;
            }
        }
    } else if (v.is_array()) {
        for (json& x : v) x = without_empty_lists(x);
    }
    return v;
}

}  // namespace

TEST_SUITE("xlsx") {

TEST_CASE("roster: sheets, headers, protection, panes and lists of the blank workbook") {
    TempFile f("roster.xlsx");
    json c = campaign();
    c["campaign"]["awards"] = json::parse(R"([{"form": "Giấy khen", "authority": "Chủ tịch UBND huyện"},
                                              {"form": "Bằng khen", "text": "Bằng khen của Chủ tịch UBND tỉnh"}])");
    c["nomination"] = {{"council", {{"members", 9}}}};
    Dump d = dump(write_roster(c, f));
    CHECK(d["sheets"] == "Đơn vị|Cá nhân đăng ký|Đề nghị khen thưởng|Danh mục");
    CHECK(d["state:Danh mục"] == "hidden");
    CHECK(d["state:Đơn vị"] == "visible");
    CHECK(d["cell:Đơn vị!A1"] == "DANH SÁCH ĐƠN VỊ THAM GIA PHONG TRÀO\\nToàn dân bảo vệ an ninh Tổ quốc");
    CHECK(d["merged:Đơn vị"] == "A1:N1");  // 10 columns and one per indicator
    CHECK(d["cell:Đơn vị!A2"] ==
          "Mã đơn vị\\nbắt buộc, không trùng; chữ thường không dấu, số, dấu -: tdp-01");
    CHECK(d["cell:Đơn vị!B2"] == "Tên đơn vị\\nbắt buộc, không trùng: Tổ dân phố 1");
    CHECK(d["cell:Cá nhân đăng ký!C2"] == "Chức vụ");
    CHECK(d["cell:Đề nghị khen thưởng!I2"] == "Số phiếu đồng ý\\nbắt buộc; số thành viên Hội đồng đồng ý");
    CHECK(d["freeze:Đơn vị"] == "C3");
    CHECK(d["freeze:Đề nghị khen thưởng"] == "D3");
    CHECK(d["protect:Đơn vị"] == "True password=None formatColumns=False");
    CHECK(d["titles:Đơn vị"] == "$1:$2");
    // The header is locked, the rows under it are not.
    CHECK(d.count("unlocked:Đơn vị!A2") == 0);
    // The units' prefilled rows (the fixture's four units) are unlocked cells.
    CHECK(d["cell:Đơn vị!B3"] == "Tổ dân phố 1");
    CHECK(d["unlocked:Đơn vị!B3"] == "1");
    // Lists point at ranges, never at inline lists (libxlsxwriter 1.1.4's overflow).
    std::string lists;
    for (const auto& [k, v] : d) {
        if (k.rfind("dv:", 0) == 0) lists += k + "=" + v + "\n";
    }
    CHECK(lists.find("'Danh mục'!$A$2:$A$3") != std::string::npos);  // Tập thể / Cá nhân
    CHECK(lists.find("'Danh mục'!$B$2:$B$3") != std::string::npos);  // Nam / Nữ
    CHECK(lists.find("'Danh mục'!$C$2:$C$3") != std::string::npos);  // the two awards
    CHECK(lists.find("'Đơn vị'!$B$3:$B$1006") != std::string::npos);  // 4 units + 1000 rows
    CHECK(lists.find("|list|") != std::string::npos);
    CHECK(lists.find("|date|None|1|73415|True|warning") != std::string::npos);  // 1900 .. 2100
    CHECK(lists.find("|whole|None|0|9|True|None") != std::string::npos);  // votes ≤ the council
    for (const auto& [k, v] : d) {
        if (k.rfind("dvxml:", 0) != 0) continue;
        const bool inline_list = v.find("type=\"list\"") != std::string::npos &&
                                 v.find("showErrorMessage") == std::string::npos;
        CHECK_MESSAGE(!inline_list, v);
    }
    CHECK(d["cell:Danh mục!C2"] == "Giấy khen của Chủ tịch UBND huyện");
    CHECK(d["cell:Danh mục!C3"] == "Bằng khen của Chủ tịch UBND tỉnh");
    CHECK(d["created"] == "2025-01-05T00:00:00Z");
}

TEST_CASE("roster: a workbook written from each sample reads back into the same lists") {
    for (const std::string name : {"ba-to-2025", "bac-quang-2024", "tan-tien-2026", "phan-dinh-phung-2025"}) {
        CAPTURE(name);
        TempFile f(name + ".xlsx");
        const json original = sample(name);
        write_roster(original, f);
        // The campaign as it would be written to read the lists back from the workbook.
        json c = original;
        c.erase("units");
        c["units_file"] = std::filesystem::path(f.path()).filename().string();
        const bool nominees = c.contains("nomination");
        if (nominees) {
            c["nomination"].erase("nominees");
            c["nomination"]["nominees_file"] = c["units_file"];
        }
        thidua::Diagnostics d;
        auto doc = thidua::parse_json(
            (std::filesystem::path(f.path()).parent_path() / "c.json").string(), c.dump(2), d);
        REQUIRE(doc);
        CHECK(thidua::import_rosters(*doc, d));
        CHECK(d.format() == "");
        CHECK(doc->value["units"] == without_empty_lists(original["units"]));
        if (nominees) {
            CHECK(doc->value["nomination"]["nominees"] ==
                  without_empty_lists(original["nomination"]["nominees"]));
        }
    }
}

TEST_CASE("roster: partial and full dates, numbers and lines are written as the reader takes them") {
    TempFile f("dates.xlsx");
    json c = campaign();
    c["units"] = json::parse(R"([{"id": "a", "name": "Tổ A", "registration": {"date": "2025-03"}},
                                 {"id": "b", "name": "Tổ B", "registration": {"date": "2025-03-05",
                                  "titles": ["Tập thể lao động tiên tiến", "Cờ thi đua"]}}])");
    Dump d = dump(write_roster(c, f));
    CHECK(d["cell:Đơn vị!E3"] == "03/2025");
    CHECK(d["cell:Đơn vị!E4"] == "2025-03-05 00:00:00");  // a real date
    CHECK(d["cell:Đơn vị!F4"] == "Tập thể lao động tiên tiến\\nCờ thi đua");
}

}  // TEST_SUITE
