// Tests for render/xlsx/xlsx_writer: the workbook read back with openpyxl (formulas, data
// validations, protection, print setup, frozen panes, the summary's references), the
// same bytes for the same input, no file on errors, and - when LibreOffice is installed -
// the formulas recalculated on filled-in numbers.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "fixture.hpp"
#include "render/xlsx/xlsx_writer.hpp"
#include "workbook_dump.hpp"

using thidua::Diagnostics;
using thidua::xlsx::write_tracking_workbook;
using xlsx_test::dump;
using xlsx_test::Dump;
using xlsx_test::TempFile;
using xlsx_test::write;

using namespace xlsx_test::sheets;

TEST_SUITE("xlsx") {

TEST_CASE("workbook: summary first, one sheet per unit, hidden list sheet last") {
    TempFile f("sheets.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    CHECK(d["sheets"] == S + "|" + U1 + "|" + U2 + "|" + U3 + "|" + U4 + "|Danh mục");
    CHECK(d["state:" + S] == "visible");
    CHECK(d["state:" + U4] == "visible");
    CHECK(d["state:Danh mục"] == "hidden");
    CHECK(d["cell:Danh mục!B2"] == "Hoàn thành xuất sắc nhiệm vụ");
    CHECK(d["cell:Danh mục!A3"] == "Số liệu ước tính");
    CHECK(d["name:DanhMuc_GhiChu"] == "'Danh mục'!$A$2:$A$5");
    CHECK(d["name:DanhMuc_XepLoai"] == "'Danh mục'!$B$2:$B$5");
}

TEST_CASE("workbook: unit sheet header and table") {
    TempFile f("unit.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    const std::string c = "cell:" + U1 + "!";
    CHECK(d[c + "A1"] == "ỦY BAN NHÂN DÂN HUYỆN BẮC QUANG");
    CHECK(d[c + "A2"] == "BAN CHỈ ĐẠO 138");
    CHECK(d[c + "A4"] == "BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA");
    CHECK(d[c + "A5"] == "Tổ dân phố 1");
    CHECK(d[c + "A6"] == "(Kèm theo Kế hoạch số 05/KH-BCĐ ngày 05 tháng 01 năm 2025 của Ban "
                         "Chỉ đạo 138 huyện Bắc Quang)");
    CHECK(d["cell:" + U2 + "!A5"] == "Tổ dân phố 2/3: chợ [cũ]");  // the real name
    const char* heads[][2] = {{"A8", "STT"},           {"B8", "Nội dung chỉ tiêu"},
                              {"C8", "Đơn vị tính"},   {"D8", "Chỉ tiêu giao"},
                              {"E8", "Kết quả thực hiện"}, {"G8", "Lũy kế"},
                              {"H8", "Tỷ lệ đạt (%)"}, {"I8", "Đánh giá"},
                              {"J8", "Ghi chú"},
                              {"E9", "Đợt 1\\n(05/01/2025 - 30/6/2025)"},
                              {"F9", "Đợt 2\\n(01/7/2025 - 15/12/2025)"},
                              {"A10", "A"}, {"D10", "1"}, {"G10", "4"}, {"H10", "5=(4/1)"},
                              {"J10", "7"}};
    for (const auto& [cell, text] : heads) {
        CAPTURE(cell);
        CHECK(d[c + cell] == text);
    }
    // Agency over A:C, titles over the whole width, header cells over two rows except
    // "Kết quả thực hiện" over the phases, group titles, footer labels, self-rating,
    // signatures.
    CHECK(d["merged:" + U1] ==
          "A1:C1 A21:C21 A22:C22 A2:C2 A4:J4 A5:J5 A6:J6 A8:A9 B11:J11 B14:J14 B16:G16 "
          "B17:G17 B18:G18 B19:G19 B8:B9 C8:C9 D8:D9 E8:F8 G8:G9 H19:J19 H21:J21 H22:J22 "
          "H8:H9 I8:I9 J8:J9");
}

TEST_CASE("workbook: groups, indicators, targets and formulas") {
    TempFile f("formulas.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    const std::string c = "cell:" + U1 + "!";
    CHECK(d[c + "A11"] == "1");
    CHECK(d[c + "B11"] == "XÂY DỰNG PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC");
    CHECK(d[c + "A12"] == "1.1");
    CHECK(d[c + "B12"] == "Nguồn tin về an ninh, trật tự do Nhân dân cung cấp được xử lý");
    CHECK(d[c + "C12"] == "%");
    CHECK(d[c + "D12"] == "80");
    CHECK(d[c + "A13"] == "1.2");
    CHECK(d[c + "D13"] == "3");                  // the unit's own target
    CHECK(d["cell:" + U2 + "!D13"] == "2");      // the plan's
    CHECK(d[c + "A14"] == "2");
    CHECK(d[c + "A15"] == "2.1");
    CHECK(d[c + "C15"] == "vụ");
    CHECK(d.count(c + "E12") == 0);  // inputs start empty

    // "%": the last value entered; counts: the sum.
    CHECK(d[c + "G12"] == "=IF(COUNT(E12:F12)=0,\"\",LOOKUP(9.99E+307,E12:F12))");
    CHECK(d[c + "G13"] == "=IF(COUNT(E13:F13)=0,\"\",SUM(E13:F13))");
    CHECK(d[c + "H12"] == "=IF(G12=\"\",\"\",IF(D12=0,100,G12/D12*100))");
    CHECK(d[c + "I12"] == "=IF(G12=\"\",\"\",IF(G12>=D12,\"Đạt\",\"Chưa đạt\"))");
    // at_most: achieved while the result stays at or under the target.
    CHECK(d[c + "H15"] == "=IF(G15=\"\",\"\",IF(G15<=D15,100,D15/G15*100))");
    CHECK(d[c + "I15"] == "=IF(G15=\"\",\"\",IF(G15<=D15,\"Đạt\",\"Chưa đạt\"))");
    // Footer read by the summary.
    CHECK(d[c + "B16"] == "Số chỉ tiêu đã có kết quả");
    CHECK(d[c + "H16"] == "=COUNT(G11:G15)");
    CHECK(d[c + "H17"] == "=COUNTIF(I11:I15,\"Đạt\")");
    CHECK(d[c + "H18"] == "=IF(COUNT(H11:H15)=0,\"\",AVERAGE(H11:H15))");
    CHECK(d[c + "B19"] == "Đơn vị tự xếp loại");
    CHECK(d[c + "A21"] == "NGƯỜI LẬP BIỂU");
    CHECK(d[c + "H21"] == "THỦ TRƯỞNG ĐƠN VỊ");
    // Under-target rows in light red once judged.
    CHECK(d["cf:" + U1] == "A11:J15|expression|$I11=\"Chưa đạt\"|FFFFC7CE");
}

TEST_CASE("workbook: input cells are validated, unlocked, and the rest protected") {
    TempFile f("inputs.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    const std::string dv = "dv:" + U1 + "#";
    // operator "between" and errorStyle "stop" are the defaults, absent from the XML.
    CHECK(d[dv + "0"] == "E12:F12|decimal|None|0|100|True|None|Số liệu không hợp lệ|"
                         "Nhập một số từ 0 đến 100 (%).");
    CHECK(d[dv + "1"] == "E13:F13|decimal|None|0|1000000|True|None|Số liệu không hợp lệ|"
                         "Nhập một số từ 0 đến 1.000.000.");
    CHECK(d[dv + "2"] == "E15:F15|decimal|None|0|1000000|True|None|Số liệu không hợp lệ|"
                         "Nhập một số từ 0 đến 1.000.000.");
    CHECK(d[dv + "3"].rfind("J11:J15|list|None|DanhMuc_GhiChu|None|", 0) == 0);
    CHECK(d[dv + "4"] == "H19|list|None|DanhMuc_XepLoai|None|True|None|"
                         "Xếp loại không hợp lệ|Chọn một mức xếp loại trong danh sách.");
    CHECK(d.count(dv + "5") == 0);
    // The notes list only suggests: no error message, so free text stays allowed.
    CHECK(d["dvxml:" + U1 + "#3"] ==
          "type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" sqref=\"J11:J15\"");
    CHECK(d["dvxml:" + U1 + "#4"].find("showErrorMessage=\"1\"") != std::string::npos);
    // A large target widens the allowed range: at least 10 times the target.
    auto big = xlsx_test::campaign();
    big["units"][0]["targets"]["mo-hinh"] = 250000;
    TempFile g("big.xlsx");
    CHECK(dump(write(big, g))[dv + "1"] ==
          "E13:F13|decimal|None|0|2500000|True|None|Số liệu không hợp lệ|"
          "Nhập một số từ 0 đến 2.500.000.");

    CHECK(d["protect:" + U1] == "True password=None formatColumns=False");
    CHECK(d["protect:" + S] == "True password=None formatColumns=False");
    const std::string u = "unlocked:" + U1 + "!";
    for (const char* cell : {"E12", "F12", "J12", "E13", "F13", "J13", "E15", "F15", "J15",
                             "H19", "I19", "J19"}) {
        CAPTURE(cell);
        CHECK(d.count(u + cell) == 1);
    }
    for (const char* cell : {"D12", "G12", "H12", "I12", "B12", "E11", "E14", "H16", "H18"}) {
        CAPTURE(cell);
        CHECK(d.count(u + cell) == 0);
    }
    std::size_t unlocked = 0;
    for (const auto& [k, v] : d) unlocked += k.rfind(u, 0) == 0;
    CHECK(unlocked == 12);
}

TEST_CASE("workbook: print setup and frozen panes") {
    TempFile f("print.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    // fitToWidth is absent from the XML when it is 1 (the default): openpyxl says None.
    CHECK(d["page:" + U1] == "landscape paper=9 fitToPage=True width=None height=0");
    CHECK(d["titles:" + U1] == "$8:$10");
    CHECK(d["area:" + U1] == "['$A$1:$J$26']");
    CHECK(d["freeze:" + U1] == "C11");
    CHECK(d["page:" + S] == "portrait paper=9 fitToPage=True width=None height=0");
    CHECK(d["titles:" + S] == "$8:$9");
    CHECK(d["freeze:" + S] == "A10");
}

TEST_CASE("workbook: column widths follow the content") {
    TempFile f("widths.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    const std::string w = "width:" + U1 + "!";
    // The long indicator names make column B the widest, capped so that text wraps.
    CHECK(std::stod(d[w + "B"]) == doctest::Approx(48.71));
    CHECK(std::stod(d[w + "A"]) < 10);
    for (const char* col : {"A", "C", "D", "E", "F", "G", "H", "I", "J"}) {
        CAPTURE(col);
        CHECK(std::stod(d[w + col]) < std::stod(d[w + "B"]));
        CHECK(std::stod(d[w + col]) >= 5);
    }
    // The note column holds the longest dropdown choice.
    CHECK(std::stod(d[w + "J"]) > std::stod(d[w + "I"]));
}

TEST_CASE("workbook: summary rows are formulas over the unit sheets") {
    TempFile f("summary.xlsx");
    auto d = dump(write(xlsx_test::campaign(), f));
    const std::string c = "cell:" + S + "!";
    CHECK(d[c + "A4"] == "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA");
    CHECK(d[c + "A5"] == "Toàn dân bảo vệ an ninh Tổ quốc");
    CHECK(d[c + "B8"] == "Đơn vị");
    CHECK(d[c + "G8"] == "Xếp hạng");
    CHECK(d[c + "A10"] == "1");
    CHECK(d[c + "B10"] == "Tổ dân phố 1");
    CHECK(d["link:" + S + "!B10"] == "'Tổ dân phố 1'!A1");
    CHECK(d[c + "C10"] == "3");
    CHECK(d[c + "D10"] == "='Tổ dân phố 1'!H16");
    CHECK(d[c + "E10"] == "='Tổ dân phố 1'!H17");
    CHECK(d[c + "F10"] == "='Tổ dân phố 1'!H18");
    CHECK(d[c + "G10"] == "=IF(D10=0,\"\",RANK(E10,$E$10:$E$13)+COUNTIFS($E$10:$E$13,E10,"
                          "$F$10:$F$13,\">\"&F10))");
    CHECK(d[c + "H10"] == "=IF('Tổ dân phố 1'!H19=\"\",\"\",'Tổ dân phố 1'!H19)");
    CHECK(d[c + "B11"] == "Tổ dân phố 2/3: chợ [cũ]");
    CHECK(d[c + "D11"] == "='Tổ dân phố 2-3- chợ -cũ-'!H16");
    CHECK(d["link:" + S + "!B11"] == "'Tổ dân phố 2-3- chợ -cũ-'!A1");
    CHECK(d[c + "E12"] == "='Tổ dân phố số 12 phường Nguyễn'!H17");
    CHECK(d[c + "F13"] == "='TỔ DÂN PHỐ 1 (2)'!H18");
    CHECK(d[c + "B14"] == "Tổng cộng");
    CHECK(d[c + "C14"] == "=SUM(C10:C13)");
    CHECK(d[c + "E14"] == "=SUM(E10:E13)");
    CHECK(d[c + "F14"] == "=IF(COUNT(F10:F13)=0,\"\",AVERAGE(F10:F13))");
    CHECK(d.count(c + "A15") == 0);
}

TEST_CASE("workbook: an apostrophe inside a unit name is doubled in references") {
    auto camp = xlsx_test::campaign();
    camp["units"] = {{{"name", "Xóm 'Đồi Thông'"}}, {{"name", "Xóm Bãi"}}};
    TempFile f("quote.xlsx");
    auto d = dump(write(camp, f));
    CHECK(d["sheets"] == S + "|Xóm 'Đồi Thông|Xóm Bãi|Danh mục");
    CHECK(d["cell:" + S + "!D10"] == "='Xóm ''Đồi Thông'!H16");
}

TEST_CASE("workbook: control characters from copy and paste do not break the file") {
    auto camp = xlsx_test::campaign();
    camp["campaign"]["name"] = "Toàn dân\x01 bảo vệ\x0B an ninh";
    camp["issuer"]["full_name"] = "Ban Chỉ đạo\x02 138";
    camp["units"][0]["name"] = "Tổ\x07 dân phố 1";
    camp["campaign"]["areas"][0]["indicators"][0]["name"] = "Nguồn tin\x03\xEF\xBF\xBF";
    TempFile f("control.xlsx");
    auto d = dump(write(camp, f));  // openpyxl refuses malformed XML
    CHECK(d["cell:" + S + "!A5"] == "Toàn dân bảo vệ an ninh");
    CHECK(d["cell:" + U1 + "!A5"] == "Tổ dân phố 1");
    CHECK(d["cell:" + U1 + "!B12"] == "Nguồn tin");
    CHECK(d["cell:" + U1 + "!A6"] ==
          "(Kèm theo Kế hoạch số 05/KH-BCĐ ngày 05 tháng 01 năm 2025 của Ban Chỉ đạo 138)");
}

TEST_CASE("workbook: without phases one \"Kết quả\" column") {
    auto camp = xlsx_test::campaign();
    camp["campaign"].erase("phases");
    TempFile f("nophase.xlsx");
    auto d = dump(write(camp, f));
    const std::string c = "cell:" + U1 + "!";
    CHECK(d[c + "E8"] == "Kết quả");
    CHECK(d[c + "F8"] == "Lũy kế");
    CHECK(d[c + "F12"] == "=IF(COUNT(E12:E12)=0,\"\",LOOKUP(9.99E+307,E12:E12))");
    CHECK(d[c + "I8"] == "Ghi chú");
    CHECK(d.count(c + "J8") == 0);
    CHECK(d["merged:" + U1].find("E8:E9") != std::string::npos);
}

TEST_CASE("workbook: the creation date is pinned and the bytes repeat") {
    TempFile a("a.xlsx"), b("b.xlsx");
    write(xlsx_test::campaign(), a);
    write(xlsx_test::campaign(), b);
    const std::string bytes = xlsx_test::read_file(a.path());
    CHECK(bytes.size() > 10000);
    CHECK(bytes == xlsx_test::read_file(b.path()));
    CHECK(dump(a.path())["created"] == "2025-01-05T00:00:00Z");

    auto partial = xlsx_test::campaign();
    partial["document"]["date"] = "2025-01";
    TempFile p("partial.xlsx");
    write(partial, p);
    CHECK(dump(p.path())["created"] == "2000-01-01T00:00:00Z");
}

TEST_CASE("workbook: errors leave no file behind") {
    SUBCASE("a unit without a usable name") {
        auto camp = xlsx_test::campaign();
        camp["units"][1]["name"] = "[]";
        TempFile f("noname.xlsx");
        Diagnostics d;
        CHECK_FALSE(write_tracking_workbook(camp, f.path(), d));
        CHECK_FALSE(std::filesystem::exists(f.path()));
        CHECK(d.format() == "lỗi: đơn vị thứ 2 không có tên dùng được làm tên trang tính Excel "
                            "(cần ít nhất một chữ cái hoặc chữ số) (tại /units/1/name)\n");
    }
    SUBCASE("a string that is not UTF-8") {
        auto camp = xlsx_test::campaign();
        camp["campaign"]["areas"][1]["title"] = "Ph\xF2ng ng\xFB" "a";
        TempFile f("utf8.xlsx");
        Diagnostics d;
        CHECK_FALSE(write_tracking_workbook(camp, f.path(), d));
        CHECK_FALSE(std::filesystem::exists(f.path()));
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].pointer == "/campaign/areas/1/title");
    }
    SUBCASE("a folder that does not exist") {
        TempFile dir("missing-dir");
        const std::string path = dir.path() + "/out.xlsx";
        Diagnostics d;
        CHECK_FALSE(write_tracking_workbook(xlsx_test::campaign(), path, d));
        CHECK_FALSE(std::filesystem::exists(path));
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].message == "không mở được tệp \"" + path + "\" để ghi bảng tính Excel");
    }
}

TEST_CASE("workbook: LibreOffice recalculates rates, verdicts and ranks") {
    if (xlsx_test::missing_program("libreoffice", "recalculation test")) return;
    TempFile f("recalc.xlsx"), filled("filled.xlsx"), outdir("lo-out"), profile("lo-profile");
    write(xlsx_test::campaign(), f);
    // Numbers a unit would type in.
    const char* fill = R"PY(
def put(i, cells):
    for k, v in cells.items(): wb[n[i]][k] = v
put(1, {"E12": 70, "F12": 85, "E13": 1, "F13": 1, "E15": 0, "F15": 2,
        "H19": "Hoàn thành tốt nhiệm vụ"})
put(2, {"E12": 90, "F13": 2, "E15": 0})
put(4, {"E13": 3})
)PY";
    const std::string out =
        xlsx_test::fill_and_recalculate(f.path(), fill, filled, outdir, profile);
    REQUIRE_MESSAGE(!out.empty(), "libreoffice did not convert the workbook");
    auto d = dump(out, true);

    const std::string c = "cell:" + U1 + "!";
    CHECK(d[c + "G12"] == "85");  // "%": the last value, not 155
    CHECK(d[c + "H12"] == "106.25");
    CHECK(d[c + "I12"] == "Đạt");
    CHECK(d[c + "G13"] == "2");  // count: the sum, against the unit's own target 3
    CHECK(d[c + "H13"] == "66.6667");
    CHECK(d[c + "I13"] == "Chưa đạt");
    CHECK(d[c + "G15"] == "2");  // at_most 1: two cases are too many
    CHECK(d[c + "H15"] == "50");
    CHECK(d[c + "I15"] == "Chưa đạt");
    CHECK(d[c + "H16"] == "3");
    CHECK(d[c + "H17"] == "1");
    CHECK(d[c + "H18"] == "74.3056");

    const std::string c2 = "cell:" + U2 + "!";
    CHECK(d[c2 + "H15"] == "100");  // 0 cases under a ceiling of 1
    CHECK(d[c2 + "I15"] == "Đạt");
    CHECK(d.count("cell:" + U3 + "!G12") == 0);  // nothing entered: nothing judged
    CHECK(d.count("cell:" + U3 + "!I12") == 0);

    const std::string s = "cell:" + S + "!";
    const char* expect[][2] = {
        {"D10", "3"}, {"E10", "1"}, {"F10", "74.3056"}, {"G10", "3"},
        {"H10", "Hoàn thành tốt nhiệm vụ"},
        {"D11", "3"}, {"E11", "3"}, {"F11", "104.1667"}, {"G11", "1"},
        {"D12", "0"}, {"E12", "0"},
        {"D13", "1"}, {"E13", "1"}, {"F13", "150"}, {"G13", "2"},
        {"C14", "12"}, {"D14", "7"}, {"E14", "5"}, {"F14", "109.4907"}};
    for (const auto& [cell, value] : expect) {
        CAPTURE(cell);
        CHECK(d[s + cell] == value);
    }
    CHECK(d.count(s + "G12") == 0);  // no rank without results
    CHECK(d.count(s + "H11") == 0);
}

}  // TEST_SUITE
