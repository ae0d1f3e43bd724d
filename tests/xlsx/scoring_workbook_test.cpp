// Tests for the scoring sheet "Chấm điểm" of a plan with a scoring table (campaign.scoring):
// one block per unit on a printed page of its own, the plan's rows and maximum points,
// input cells only where points are typed (validated 0..max, a deduction -max..0), sums
// for criteria with items, groups and the total, the rating formula; the summary's
// references and rank by the verified total; LibreOffice recalculation of a filled copy.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/diagnostics.hpp"
#include "fixture.hpp"
#include "render/xlsx/xlsx_writer.hpp"
#include "workbook_dump.hpp"

using xlsx_test::dump;
using xlsx_test::TempFile;
using xlsx_test::write;

using namespace xlsx_test::sheets;

TEST_SUITE("xlsx") {

TEST_CASE("scoring workbook: a scoring sheet after the unit sheets, one block per unit") {
    TempFile f("scoring-sheet.xlsx");
    auto d = dump(write(xlsx_test::scored_campaign(), f));
    CHECK(d["sheets"] == S + "|" + U1 + "|" + U2 + "|" + U3 + "|" + U4 + "|" + P + "|" + L);
    CHECK(d["state:" + P] == "visible");
    const std::string c = "cell:" + P + "!";
    const char* cells[][2] = {
        {"A4", "BẢNG CHẤM ĐIỂM THI ĐUA"},
        {"A5", "Toàn dân bảo vệ an ninh Tổ quốc"},
        {"A8", "Tổ dân phố 1"},
        {"A9", "STT"}, {"B9", "Tiêu chí thi đua"}, {"C9", "Điểm chuẩn"}, {"D9", "Điểm tự chấm"},
        {"E9", "Điểm thẩm định"}, {"F9", "Hướng dẫn chấm điểm"},
        {"A10", "I"}, {"B10", "CÔNG TÁC CHỈ ĐẠO"}, {"C10", "10"},
        {"D10", "=IF(COUNT(D11,D13:D14)=0,\"\",SUM(D11,D13:D14))"},
        {"A11", "1"}, {"B11", "Xây dựng kế hoạch"}, {"C11", "5"}, {"F11", "Đúng hạn: 05 điểm."},
        {"A12", "2"}, {"B12", "Tuyên truyền chuyển đổi số"}, {"C12", "5"},
        {"D12", "=IF(COUNT(D13:D14)=0,\"\",SUM(D13:D14))"},
        {"E12", "=IF(COUNT(E13:E14)=0,\"\",SUM(E13:E14))"},
        {"A13", "2.1"}, {"C13", "3"}, {"A14", "2.2"}, {"C14", "2"},
        {"A15", "II"}, {"C15", "10"}, {"E15", "=IF(COUNT(E16:E17)=0,\"\",SUM(E16:E17))"},
        {"A17", "2"}, {"C17", "-5"},
        {"B18", "Tổng điểm"}, {"C18", "20"},
        {"D18", "=IF(COUNT(D10,D15)=0,\"\",SUM(D10,D15))"},
        {"B19", "Xếp loại"},
        {"E19", "=IF(E18=\"\",\"\",IF(E18>=18,\"Xuất sắc\",IF(E18>=10,\"Khá\",\"Không xếp loại\")))"},
        {"A21", "Tổ dân phố 2/3: chợ [cũ]"},  // the unit's own name, not its sheet name
        {"A23", "I"},
        {"D31", "=IF(COUNT(D23,D28)=0,\"\",SUM(D23,D28))"},
    };
    for (const auto& [cell, value] : cells) {
        CAPTURE(cell);
        CHECK(d[c + cell] == value);
    }
    // Points are typed only where the plan scores directly; sums stay locked.
    for (const char* cell : {"D11", "E11", "D13", "E14", "D16", "E17", "E30"}) {
        CAPTURE(cell);
        CHECK(d["unlocked:" + P + "!" + cell] == "1");
    }
    for (const char* cell : {"D10", "D12", "E12", "D18", "E19", "C11"}) {
        CAPTURE(cell);
        CHECK(d.count("unlocked:" + P + "!" + cell) == 0);
    }
    // A validation per scored row: 0..max, a deduction -max..0.
    bool seen_plain = false, seen_deduct = false;
    for (const auto& [k, v] : d) {
        if (k.rfind("dv:" + P + "#", 0) != 0) continue;
        // openpyxl reads "between" and "stop", the defaults, as None.
        seen_plain = seen_plain || v == "D11:E11|decimal|None|0|5|True|None|Số điểm không hợp lệ|"
                                        "Nhập số điểm từ 0 đến 5.";
        seen_deduct = seen_deduct || v == "D17:E17|decimal|None|-5|0|True|None|Số điểm không "
                                          "hợp lệ|Nhập số điểm trừ, từ -5 đến 0.";
    }
    CHECK(seen_plain);
    CHECK(seen_deduct);
    // Each unit on a page of its own; no repeated rows (each block has its header).
    CHECK(d["breaks:" + P] == "20,33,46");
    CHECK(d["titles:" + P] == "None");
    CHECK(d["page:" + P] == "landscape paper=9 fitToPage=True width=None height=0");
    CHECK(d["protect:" + P] == "True password=None formatColumns=False");
}

TEST_CASE("scoring workbook: the summary shows each unit's totals, rank and rating") {
    TempFile f("scoring-summary.xlsx");
    auto d = dump(write(xlsx_test::scored_campaign(), f));
    const std::string s = "cell:" + S + "!";
    const char* cells[][2] = {
        {"G8", "Xếp hạng"}, {"H8", "Điểm tự chấm"}, {"I8", "Điểm thẩm định"},
        {"J8", "Xếp hạng theo điểm"}, {"K8", "Xếp loại theo điểm"}, {"L8", "Đơn vị tự xếp loại"},
        {"H9", "6"}, {"L9", "10"},
        {"H10", "=IF('Chấm điểm'!D18=\"\",\"\",'Chấm điểm'!D18)"},
        {"I10", "=IF('Chấm điểm'!E18=\"\",\"\",'Chấm điểm'!E18)"},
        {"J10", "=IF(I10=\"\",\"\",RANK(I10,$I$10:$I$13))"},
        {"K10", "=IF('Chấm điểm'!E19=\"\",\"\",'Chấm điểm'!E19)"},
        {"I11", "=IF('Chấm điểm'!E31=\"\",\"\",'Chấm điểm'!E31)"},
        {"I13", "=IF('Chấm điểm'!E57=\"\",\"\",'Chấm điểm'!E57)"},
    };
    for (const auto& [cell, value] : cells) {
        CAPTURE(cell);
        CHECK(d[s + cell] == value);
    }
    // The self-rating still comes from the unit's own sheet, now in the last column.
    CHECK(d[s + "L10"].find("'Tổ dân phố 1'!") != std::string::npos);
    CHECK(d["page:" + S].rfind("landscape", 0) == 0);
}

TEST_CASE("scoring workbook: a plan without scoring table gets no scoring sheet or columns") {
    TempFile f("scoring-none.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    CHECK(d["sheets"].find(P) == std::string::npos);
    CHECK(d["cell:" + S + "!H8"] == "Đơn vị tự xếp loại");
    CHECK(d.count("cell:" + S + "!I8") == 0);
}

TEST_CASE("scoring workbook: more rows than an Excel sheet holds is an error, and no file") {
    // 3 600 units of a table at its 300-row limit (a group, 299 criteria) need 1 098 007 rows on the scoring sheet; Excel
    // has 1 048 576. Found before any sheet is built, at the units.
    auto camp = xlsx_test::scored_campaign();
    thidua::Json criteria = thidua::Json::array();
    for (int i = 0; i < 299; ++i) {
        criteria.push_back({{"title", "Tiêu chí " + std::to_string(i)}, {"points", 1}});
    }
    camp["campaign"]["scoring"]["groups"] =
        thidua::Json::array({{{"title", "Chung"}, {"criteria", criteria}}});
    camp["campaign"]["scoring"]["ratings"] = thidua::Json::array({{{"label", "Đạt"}, {"min", 0}}});
    const thidua::Json unit = camp["units"][0];
    camp["units"] = thidua::Json::array();
    for (int i = 0; i < 3600; ++i) {
        thidua::Json u = unit;
        u["id"] = "u" + std::to_string(i);
        u["name"] = "Thôn " + std::to_string(i);
        camp["units"].push_back(u);
    }
    TempFile f("scoring-rows.xlsx");
    thidua::Diagnostics d;
    CHECK_FALSE(thidua::xlsx::write_tracking_workbook(camp, f.path(), d));
    CHECK_FALSE(std::filesystem::exists(f.path()));
    CHECK(d.format() == "lỗi: 3.600 đơn vị, mỗi đơn vị 305 dòng chấm điểm: cần 1.098.007 dòng, "
                        "quá 1.048.576 dòng của một trang tính Excel (tại /units)\n");
}

TEST_CASE("scoring workbook: LibreOffice recalculates sums, totals, ratings and ranks") {
    if (xlsx_test::missing_program("libreoffice", "recalculation test")) return;
    TempFile f("scoring-recalc.xlsx"), filled("scoring-filled.xlsx"), outdir("lo-out"),
        profile("lo-profile");
    write(xlsx_test::scored_campaign(), f);
    // Unit 1 scores itself and is verified; unit 2 is only verified (full marks); unit 3
    // gets one criterion verified; unit 4 nothing.
    const char* fill = R"PY(
ws = wb["Chấm điểm"]
for k, v in {"D11": 5, "E11": 4, "D13": 3, "E13": 3, "D14": 1, "D16": 10, "E16": 8,
             "D17": -5, "E17": 0,
             "E24": 5, "E26": 3, "E27": 2, "E29": 10, "E30": 0,
             "E37": 5}.items():
    ws[k] = v
)PY";
    const std::string out =
        xlsx_test::fill_and_recalculate(f.path(), fill, filled, outdir, profile);
    REQUIRE_MESSAGE(!out.empty(), "libreoffice did not convert the workbook");
    auto d = dump(out, true);
    const std::string p = "cell:" + P + "!";
    const char* scores[][2] = {
        {"D12", "4"}, {"E12", "3"}, {"D10", "9"}, {"E10", "7"}, {"D15", "5"}, {"E15", "8"},
        {"D18", "14"}, {"E18", "15"}, {"D19", "Khá"}, {"E19", "Khá"},
        {"E31", "20"}, {"E32", "Xuất sắc"},
        {"E44", "5"}, {"E45", "Không xếp loại"}};
    for (const auto& [cell, value] : scores) {
        CAPTURE(cell);
        CHECK(d[p + cell] == value);
    }
    for (const char* cell : {"D31", "D32", "E57", "E58", "D44"}) {  // nothing typed: blank
        CAPTURE(cell);
        CHECK(d.count(p + cell) == 0);
    }
    const std::string s = "cell:" + S + "!";
    const char* summary[][2] = {
        {"H10", "14"}, {"I10", "15"}, {"J10", "2"}, {"K10", "Khá"},
        {"I11", "20"}, {"J11", "1"}, {"K11", "Xuất sắc"},
        {"I12", "5"}, {"J12", "3"}, {"K12", "Không xếp loại"}};
    for (const auto& [cell, value] : summary) {
        CAPTURE(cell);
        CHECK(d[s + cell] == value);
    }
    for (const char* cell : {"H11", "H13", "I13", "J13", "K13"}) {
        CAPTURE(cell);
        CHECK(d.count(s + cell) == 0);
    }
}

namespace {

/// tests/campaign/good/scoring.json: points groups I and II (total 80), a bonus group III
/// (10), a group IV ranked by counts (more vụ việc ranks higher, fewer phản ánh does),
/// tie-break rules on criterion II.1 then count IV.1 then words only; three markets.
thidua::Json bonus_campaign() {
    std::ifstream in(std::string(THIDUA_SOURCE_DIR) + "/tests/campaign/good/scoring.json");
    return thidua::Json::parse(in);
}

}  // namespace

TEST_CASE("scoring workbook: bonus points apart from the total, counts without points, tie-break keys") {
    TempFile f("scoring-bonus.xlsx");
    auto d = dump(write(bonus_campaign(), f));
    const std::string c = "cell:" + P + "!";
    const char* cells[][2] = {
        {"A18", "III"}, {"B18", "ĐIỂM CỘNG"}, {"C18", "10"},
        {"E18", "=IF(COUNT(E19:E20)=0,\"\",SUM(E19:E20))"},
        {"A21", "IV"}, {"B21", "XẾP HẠNG THEO SỐ LƯỢNG"},
        {"B22", "Số vụ việc vi phạm phát hiện, báo tin"},
        // The total is of the points groups only; the bonus and the final total follow.
        {"B24", "Tổng điểm"}, {"C24", "80"}, {"E24", "=IF(COUNT(E10,E15)=0,\"\",SUM(E10,E15))"},
        {"B25", "Điểm cộng"}, {"C25", "10"}, {"E25", "=IF(COUNT(E18)=0,\"\",SUM(E18))"},
        {"B26", "Tổng điểm cuối cùng"}, {"C26", "90"},
        {"E26", "=IF(COUNT(E24:E25)=0,\"\",SUM(E24:E25))"},
        {"E27", "=IF(E26=\"\",\"\",IF(E26>=90,\"Xuất sắc\",IF(E26>=70,\"Khá\",\"Trung bình\")))"},
    };
    for (const auto& [cell, value] : cells) {
        CAPTURE(cell);
        CHECK(d[c + cell] == value);
    }
    // A count group and its counts have no maximum and no sum.
    for (const char* cell : {"C21", "D21", "E21", "C22", "C23"}) {
        CAPTURE(cell);
        CHECK(d.count(c + cell) == 0);
    }
    for (const char* cell : {"D22", "E22", "D23", "E23"}) {
        CAPTURE(cell);
        CHECK(d["unlocked:" + P + "!" + cell] == "1");
    }
    bool seen_count = false;
    for (const auto& [k, v] : d) {
        if (k.rfind("dv:" + P + "#", 0) != 0) continue;
        seen_count = seen_count || v.rfind("D22:E22|whole|greaterThanOrEqual|0|", 0) == 0;
    }
    CHECK(seen_count);
    const std::string s = "cell:" + S + "!";
    const char* summary[][2] = {
        {"H8", "Điểm tự chấm"}, {"I8", "Điểm thẩm định"}, {"J8", "Điểm cộng thẩm định"},
        {"K8", "Tổng điểm thẩm định"}, {"L8", "Xếp hạng theo điểm"},
        {"M8", "Xét khi bằng điểm: tiêu chí II.1"}, {"N8", "Xét khi bằng điểm: tiêu chí IV.1"},
        {"O8", "Xếp loại theo điểm"}, {"P8", "Số vụ việc vi phạm phát hiện, báo tin"},
        {"Q8", "Số phản ánh của người tiêu dùng"}, {"R8", "Xếp hạng nhóm IV"},
        {"S8", "Đơn vị tự xếp loại"},
        {"H10", "=IF('Chấm điểm'!D26=\"\",\"\",'Chấm điểm'!D26)"},
        {"I10", "=IF('Chấm điểm'!E24=\"\",\"\",'Chấm điểm'!E24)"},
        {"K10", "=IF('Chấm điểm'!E26=\"\",\"\",'Chấm điểm'!E26)"},
        {"L10", "=IF(K10=\"\",\"\",1+COUNTIF($K$10:$K$12,\">\"&K10)+COUNTIFS($K$10:$K$12,K10,"
                "$M$10:$M$12,\">\"&M10)+COUNTIFS($K$10:$K$12,K10,$M$10:$M$12,M10,$N$10:$N$12,"
                "\">\"&N10))"},
        {"M10", "=IF(K10=\"\",\"\",N('Chấm điểm'!E16))"},
        {"R10", "=IF(P10=\"\",\"\",1+COUNTIF($P$10:$P$12,\">\"&P10)+COUNTIFS($P$10:$P$12,P10,"
                "$Q$10:$Q$12,\"<\"&N(Q10)))"},
    };
    for (const auto& [cell, value] : summary) {
        CAPTURE(cell);
        CHECK(d[s + cell] == value);
    }
}

TEST_CASE("scoring workbook: LibreOffice ranks equal totals by the tie-break rules and counts by their order") {
    if (xlsx_test::missing_program("libreoffice", "recalculation test")) return;
    TempFile f("scoring-bonus-recalc.xlsx"), filled("scoring-bonus-filled.xlsx"),
        outdir("lo-bonus-out"), profile("lo-bonus-profile");
    write(bonus_campaign(), f);
    // All three end at 75 (70 and a 5-point bonus). Criterion II.1: 50, 55, 55, so the
    // first is third; the count IV.1 (3, 3, 4) puts the third market first. By counts:
    // 4 first, then 3 and 3 told apart by fewer phản ánh (1 against 0).
    const char* fill = R"PY(
ws = wb["Chấm điểm"]
for k, v in {"D11": 10, "E11": 10, "E13": 5, "E14": 5, "E16": 50, "E17": 0, "E19": 5,
             "E22": 3, "E23": 1,
             "E32": 10, "E34": 5, "E35": 5, "E37": 55, "E38": -5, "E40": 5,
             "E43": 3, "E44": 0,
             "E53": 10, "E55": 5, "E56": 5, "E58": 55, "E59": -5, "E61": 5,
             "E64": 4, "E65": 5}.items():
    ws[k] = v
)PY";
    const std::string out = xlsx_test::fill_and_recalculate(f.path(), fill, filled, outdir, profile);
    REQUIRE_MESSAGE(!out.empty(), "libreoffice did not convert the workbook");
    auto d = dump(out, true);
    const std::string p = "cell:" + P + "!";
    const char* scores[][2] = {
        {"E24", "70"}, {"E25", "5"}, {"E26", "75"}, {"E27", "Khá"}, {"D26", "10"},
        {"E45", "70"}, {"E47", "75"}, {"E66", "70"}, {"E67", "5"}, {"E68", "75"}};
    for (const auto& [cell, value] : scores) {
        CAPTURE(cell);
        CHECK(d[p + cell] == value);
    }
    const std::string s = "cell:" + S + "!";
    const char* summary[][2] = {
        {"I10", "70"}, {"J10", "5"}, {"K10", "75"}, {"L10", "3"}, {"M10", "50"}, {"N10", "3"},
        {"O10", "Khá"}, {"L11", "2"}, {"L12", "1"}, {"M12", "55"}, {"N12", "4"},
        {"P10", "3"}, {"Q10", "1"}, {"R10", "3"}, {"R11", "2"}, {"R12", "1"}};
    for (const auto& [cell, value] : summary) {
        CAPTURE(cell);
        CHECK(d[s + cell] == value);
    }
}

}  // TEST_SUITE
