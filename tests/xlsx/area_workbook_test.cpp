// Tests for the workbook of a plan without measurable indicators (TrackingMode::areas):
// one row per content area, "Đạt" / "Chưa đạt" chosen in each phase from the hidden list,
// the phases achieved, the rate and the verdict as formulas, the summary's references and
// ranks, protection and print setup; read back with openpyxl, and - when LibreOffice is
// installed - recalculated on a filled-in copy.
#include <doctest/doctest.h>

#include <string>

#include "fixture.hpp"
#include "workbook_dump.hpp"

using xlsx_test::dump;
using xlsx_test::TempFile;
using xlsx_test::write;

using namespace xlsx_test::sheets;

TEST_SUITE("xlsx") {

TEST_CASE("area workbook: summary, one sheet per unit, the verdicts in the hidden list") {
    TempFile f("areas-sheets.xlsx");
    auto d = dump(write(xlsx_test::area_campaign(), f));
    CHECK(d["sheets"] == S + "|" + U1 + "|" + U2 + "|" + U3 + "|" + U4 + "|" + L);
    CHECK(d["state:" + L] == "hidden");
    CHECK(d["state:" + U1] == "visible");
    CHECK(d["cell:" + L + "!A1"] == "Đánh giá");
    CHECK(d["cell:" + L + "!A2"] == "Đạt");
    CHECK(d["cell:" + L + "!A3"] == "Chưa đạt");
    CHECK(d.count("cell:" + L + "!A4") == 0);
    CHECK(d["cell:" + L + "!B2"] == "Hoàn thành xuất sắc nhiệm vụ");
    CHECK(d["name:DanhMuc_DanhGia"] == "'Danh mục'!$A$2:$A$3");
    CHECK(d["name:DanhMuc_XepLoai"] == "'Danh mục'!$B$2:$B$5");
    CHECK(d.count("name:DanhMuc_GhiChu") == 0);  // notes are free text here
    CHECK(d["protect:" + L] == "True password=None formatColumns=False");
}

TEST_CASE("area workbook: unit sheet header and one row per content area") {
    TempFile f("areas-unit.xlsx");
    auto d = dump(write(xlsx_test::area_campaign(), f));
    const std::string c = "cell:" + U1 + "!";
    const char* cells[][2] = {
        {"A1", "ỦY BAN NHÂN DÂN HUYỆN BẮC QUANG"},
        {"A2", "BAN CHỈ ĐẠO 138"},
        {"A4", "BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN NỘI DUNG THI ĐUA"},
        {"A5", "Tổ dân phố 1"},
        {"A6", "(Kèm theo Kế hoạch số 05/KH-BCĐ ngày 05 tháng 01 năm 2025 của Ban Chỉ đạo 138 "
               "huyện Bắc Quang)"},
        {"A8", "STT"},
        {"B8", "Nội dung thi đua"},
        {"C8", "Kết quả thực hiện"},
        {"C9", "Đợt 1\\n(05/01/2025 - 30/6/2025)"},
        {"D9", "Đợt 2\\n(01/7/2025 - 31/8/2025)"},
        {"E9", "Đợt 3\\n(01/9/2025 - 15/12/2025)"},
        {"F8", "Số đợt đạt"},
        {"G8", "Tỷ lệ đạt (%)"},
        {"H8", "Đánh giá"},
        {"I8", "Ghi chú"},
        {"A10", "A"}, {"B10", "B"}, {"C10", "1"}, {"E10", "3"}, {"F10", "4"}, {"I10", "7"},
        {"A11", "1"},
        {"B11", "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc"},
        {"A12", "2"},
        {"B12", "Phòng ngừa vi phạm pháp luật"},
        {"A13", "3"},
        {"B13", "Triển khai Thông tư 124/2021/TT-BCA về khu dân cư *an toàn*."},
        {"B14", "Số nội dung đã đánh giá"},
        {"B15", "Số nội dung đạt"},
        {"B16", "Tỷ lệ nội dung đạt (%)"},
        {"B17", "Tổng số đợt đạt"},
        {"B18", "Đơn vị tự xếp loại"},
        {"A20", "NGƯỜI LẬP BIỂU"},
        {"G20", "THỦ TRƯỞNG ĐƠN VỊ"},
        {"G21", "(Ký, ghi rõ họ tên)"}};
    for (const auto& [cell, text] : cells) {
        CAPTURE(cell);
        CHECK(d[c + cell] == text);
    }
    CHECK(d["cell:" + U2 + "!A5"] == "Tổ dân phố 2/3: chợ [cũ]");  // the real name
    for (const char* cell : {"C11", "D11", "E11", "I11", "C13", "E13"}) {
        CAPTURE(cell);
        CHECK(d.count(c + cell) == 0);  // inputs start empty
    }
    CHECK(d.count(c + "A14") == 0);
    // Agency over A:B, titles over the whole width, header cells over two rows except
    // "Kết quả thực hiện" over the phases, footer labels over B:F, the self-rating over
    // G:I, signatures.
    CHECK(d["merged:" + U1] ==
          "A1:B1 A20:B20 A21:B21 A2:B2 A4:I4 A5:I5 A6:I6 A8:A9 B14:F14 B15:F15 B16:F16 "
          "B17:F17 B18:F18 B8:B9 C8:E8 F8:F9 G18:I18 G20:I20 G21:I21 G8:G9 H8:H9 I8:I9");
}

TEST_CASE("area workbook: phases achieved, rate and verdict are formulas") {
    TempFile f("areas-formulas.xlsx");
    auto d = dump(write(xlsx_test::area_campaign(), f));
    const std::string c = "cell:" + U1 + "!";
    // Nothing shows until a phase is filled in; no verdict until every phase is.
    CHECK(d[c + "F11"] == "=IF(COUNTA(C11:E11)=0,\"\",COUNTIF(C11:E11,\"Đạt\"))");
    CHECK(d[c + "G11"] == "=IF(F11=\"\",\"\",F11/3)");
    CHECK(d[c + "H11"] ==
          "=IF(COUNTBLANK(C11:E11)>0,\"\",IF(F11=3,\"Đạt\",\"Chưa đạt\"))");
    CHECK(d[c + "F13"] == "=IF(COUNTA(C13:E13)=0,\"\",COUNTIF(C13:E13,\"Đạt\"))");
    CHECK(d[c + "H13"] ==
          "=IF(COUNTBLANK(C13:E13)>0,\"\",IF(F13=3,\"Đạt\",\"Chưa đạt\"))");
    CHECK(d["fmt:" + U1 + "!G11"] == "0.0%");
    // Footer read by the summary.
    CHECK(d[c + "G14"] == "=COUNTIF(H11:H13,\"Đạt\")+COUNTIF(H11:H13,\"Chưa đạt\")");
    CHECK(d[c + "G15"] == "=COUNTIF(H11:H13,\"Đạt\")");
    CHECK(d[c + "G16"] == "=IF(G14=0,\"\",G15/3)");
    CHECK(d["fmt:" + U1 + "!G16"] == "0.0%");
    CHECK(d[c + "G17"] == "=SUM(F11:F13)");
    // Rows not achieved in light red once judged, as rows under target are.
    CHECK(d["cf:" + U1] == "A11:I13|expression|$H11=\"Chưa đạt\"|FFFFC7CE");
}

TEST_CASE("area workbook: phase cells choose from the hidden list, the rest is protected") {
    TempFile f("areas-inputs.xlsx");
    auto d = dump(write(xlsx_test::area_campaign(), f));
    const std::string dv = "dv:" + U1 + "#";
    // One list over every phase cell, fed by the named range on "Danh mục" (a value list
    // would overflow libxlsxwriter 1.1.4's buffer on Vietnamese text).
    CHECK(d[dv + "0"] == "C11:E13|list|None|DanhMuc_DanhGia|None|True|None|"
                         "Kết quả không hợp lệ|Chọn “Đạt” hoặc “Chưa đạt” trong danh sách.");
    CHECK(d[dv + "1"] == "G18|list|None|DanhMuc_XepLoai|None|True|None|"
                         "Xếp loại không hợp lệ|Chọn một mức xếp loại trong danh sách.");
    CHECK(d.count(dv + "2") == 0);
    CHECK(d["dvxml:" + U1 + "#0"].find("showErrorMessage=\"1\"") != std::string::npos);

    CHECK(d["protect:" + U1] == "True password=None formatColumns=False");
    CHECK(d["protect:" + S] == "True password=None formatColumns=False");
    const std::string u = "unlocked:" + U1 + "!";
    for (const char* cell : {"C11", "D11", "E11", "I11", "C12", "D12", "E12", "I12", "C13",
                             "D13", "E13", "I13", "G18", "H18", "I18"}) {
        CAPTURE(cell);
        CHECK(d.count(u + cell) == 1);
    }
    for (const char* cell : {"A11", "B11", "F11", "G11", "H11", "G14", "G16", "G17", "C10"}) {
        CAPTURE(cell);
        CHECK(d.count(u + cell) == 0);
    }
    std::size_t unlocked = 0;
    for (const auto& [k, v] : d) unlocked += k.rfind(u, 0) == 0;
    CHECK(unlocked == 15);
    std::size_t summary_unlocked = 0;
    for (const auto& [k, v] : d) summary_unlocked += k.rfind("unlocked:" + S + "!", 0) == 0;
    CHECK(summary_unlocked == 0);
}

TEST_CASE("area workbook: print setup, frozen panes and column widths") {
    TempFile f("areas-print.xlsx");
    auto d = dump(write(xlsx_test::area_campaign(), f));
    CHECK(d["page:" + U1] == "landscape paper=9 fitToPage=True width=None height=0");
    CHECK(d["titles:" + U1] == "$8:$10");
    CHECK(d["area:" + U1] == "['$A$1:$I$25']");
    CHECK(d["freeze:" + U1] == "C11");
    // Nine summary columns: landscape keeps them at full size (the header rows repeat).
    CHECK(d["page:" + S] == "landscape paper=9 fitToPage=True width=None height=0");
    CHECK(d["titles:" + S] == "$8:$9");
    CHECK(d["freeze:" + S] == "A10");

    const std::string w = "width:" + U1 + "!";
    // The area titles make column B the widest; a phase column holds "Chưa đạt" and the
    // dropdown arrow.
    const double b = std::stod(d[w + "B"]);
    CHECK(b >= 30);
    CHECK(b <= 48.71);
    for (const char* col : {"A", "C", "D", "E", "F", "G", "H", "I"}) {
        CAPTURE(col);
        CHECK(std::stod(d[w + col]) < b);
        CHECK(std::stod(d[w + col]) >= 5);
    }
    CHECK(std::stod(d[w + "C"]) >= 10);
    CHECK(std::stod(d["width:" + S + "!B"]) >= 24);
    // The longest self-rating fits the one-line rows of the summary.
    CHECK(std::stod(d["width:" + S + "!I"]) >= 28);
}

TEST_CASE("area workbook: summary rows are formulas over the unit sheets") {
    TempFile f("areas-summary.xlsx");
    auto d = dump(write(xlsx_test::area_campaign(), f));
    const std::string c = "cell:" + S + "!";
    CHECK(d[c + "A4"] == "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN NỘI DUNG THI ĐUA");
    CHECK(d[c + "A5"] == "Toàn dân bảo vệ an ninh Tổ quốc");
    const char* heads[][2] = {{"A8", "STT"},
                              {"B8", "Đơn vị"},
                              {"C8", "Số nội dung"},
                              {"D8", "Số nội dung đã đánh giá"},
                              {"E8", "Số nội dung đạt"},
                              {"F8", "Tỷ lệ nội dung đạt (%)"},
                              {"G8", "Tổng số đợt đạt"},
                              {"H8", "Xếp hạng"},
                              {"I8", "Đơn vị tự xếp loại"},
                              {"F9", "4=(3/1)"}};
    for (const auto& [cell, text] : heads) {
        CAPTURE(cell);
        CHECK(d[c + cell] == text);
    }
    CHECK(d[c + "A10"] == "1");
    CHECK(d[c + "B10"] == "Tổ dân phố 1");
    CHECK(d["link:" + S + "!B10"] == "'Tổ dân phố 1'!A1");
    CHECK(d[c + "C10"] == "3");
    CHECK(d[c + "D10"] == "='Tổ dân phố 1'!G14");
    CHECK(d[c + "E10"] == "='Tổ dân phố 1'!G15");
    CHECK(d[c + "F10"] == "='Tổ dân phố 1'!G16");
    CHECK(d["fmt:" + S + "!F10"] == "0.0%");
    CHECK(d[c + "G10"] == "='Tổ dân phố 1'!G17");
    // Ranked by the share of areas achieved; equal shares by the phases achieved; no rank
    // before anything is assessed.
    CHECK(d[c + "H10"] == "=IF(D10=0,\"\",RANK(F10,$F$10:$F$13)+COUNTIFS($F$10:$F$13,F10,"
                          "$G$10:$G$13,\">\"&G10))");
    CHECK(d[c + "I10"] == "=IF('Tổ dân phố 1'!G18=\"\",\"\",'Tổ dân phố 1'!G18)");
    CHECK(d[c + "B11"] == "Tổ dân phố 2/3: chợ [cũ]");
    CHECK(d[c + "D11"] == "='Tổ dân phố 2-3- chợ -cũ-'!G14");
    CHECK(d[c + "E12"] == "='Tổ dân phố số 12 phường Nguyễn'!G15");
    CHECK(d[c + "G13"] == "='TỔ DÂN PHỐ 1 (2)'!G17");
    CHECK(d[c + "B14"] == "Tổng cộng");
    CHECK(d[c + "C14"] == "=SUM(C10:C13)");
    CHECK(d[c + "D14"] == "=SUM(D10:D13)");
    CHECK(d[c + "E14"] == "=SUM(E10:E13)");
    CHECK(d[c + "F14"] == "=IF(COUNT(F10:F13)=0,\"\",AVERAGE(F10:F13))");
    CHECK(d[c + "G14"] == "=SUM(G10:G13)");
    CHECK(d.count(c + "H14") == 0);
    CHECK(d.count(c + "A15") == 0);
}

TEST_CASE("area workbook: without phases one \"Kết quả\" column") {
    auto camp = xlsx_test::area_campaign();
    camp["campaign"].erase("phases");
    TempFile f("areas-nophase.xlsx");
    auto d = dump(write(camp, f));
    const std::string c = "cell:" + U1 + "!";
    CHECK(d[c + "C8"] == "Kết quả");
    CHECK(d[c + "D8"] == "Số đợt đạt");
    CHECK(d[c + "G8"] == "Ghi chú");
    CHECK(d.count(c + "H8") == 0);
    CHECK(d[c + "D11"] == "=IF(COUNTA(C11:C11)=0,\"\",COUNTIF(C11:C11,\"Đạt\"))");
    CHECK(d[c + "E11"] == "=IF(D11=\"\",\"\",D11/1)");
    CHECK(d[c + "F11"] == "=IF(COUNTBLANK(C11:C11)>0,\"\",IF(D11=1,\"Đạt\",\"Chưa đạt\"))");
    CHECK(d["merged:" + U1].find("C8:C9") != std::string::npos);
    CHECK(d["dv:" + U1 + "#0"].rfind("C11:C13|list|None|DanhMuc_DanhGia|", 0) == 0);
    CHECK(d["cell:" + S + "!D10"] == "='Tổ dân phố 1'!E14");
}

TEST_CASE("area workbook: the creation date is pinned and the bytes repeat") {
    TempFile a("areas-a.xlsx"), b("areas-b.xlsx");
    write(xlsx_test::area_campaign(), a);
    write(xlsx_test::area_campaign(), b);
    const std::string bytes = xlsx_test::read_file(a.path());
    CHECK(bytes.size() > 10000);
    CHECK(bytes == xlsx_test::read_file(b.path()));
    auto d = dump(a.path());
    CHECK(d["created"] == "2025-01-05T00:00:00Z");
}

TEST_CASE("area workbook: LibreOffice recalculates phases achieved, verdicts and ranks") {
    if (xlsx_test::missing_program("libreoffice", "recalculation test")) return;
    TempFile f("areas-recalc.xlsx"), filled("areas-filled.xlsx"), outdir("lo-out"),
        profile("lo-profile");
    write(xlsx_test::area_campaign(), f);
    // What units would choose; the third unit enters nothing.
    const char* fill = R"PY(
D, C = "Đạt", "Chưa đạt"
def put(i, rows):
    ws = wb[n[i]]
    for r, values in rows.items():
        for k, v in enumerate(values): ws.cell(row=r, column=3 + k, value=v)
put(1, {11: [D, D, D], 12: [D, C, D], 13: [D, D]})
wb[n[1]]["G18"] = "Hoàn thành tốt nhiệm vụ"
put(2, {11: [D, D, D], 12: [D, D, D], 13: [D, D, D]})
put(4, {11: [D, D, D], 12: [C, C, C], 13: [D, C, C]})
)PY";
    const std::string out =
        xlsx_test::fill_and_recalculate(f.path(), fill, filled, outdir, profile);
    REQUIRE_MESSAGE(!out.empty(), "libreoffice did not convert the workbook");
    auto d = dump(out, true);

    const std::string c = "cell:" + U1 + "!";
    const char* unit1[][2] = {
        {"F11", "3"}, {"G11", "1"}, {"H11", "Đạt"},
        {"F12", "2"}, {"G12", "0.6667"}, {"H12", "Chưa đạt"},
        {"F13", "2"}, {"G13", "0.6667"},  // a phase still empty: no verdict yet
        {"G14", "2"}, {"G15", "1"}, {"G16", "0.3333"}, {"G17", "7"}};
    for (const auto& [cell, value] : unit1) {
        CAPTURE(cell);
        CHECK(d[c + cell] == value);
    }
    CHECK(d.count(c + "H13") == 0);
    const std::string c2 = "cell:" + U2 + "!";
    CHECK(d[c2 + "H13"] == "Đạt");
    CHECK(d[c2 + "G16"] == "1");
    const std::string c3 = "cell:" + U3 + "!";
    for (const char* cell : {"F11", "G11", "H11", "G16"}) {  // nothing entered, nothing shown
        CAPTURE(cell);
        CHECK(d.count(c3 + cell) == 0);
    }
    CHECK(d[c3 + "G14"] == "0");
    const std::string c4 = "cell:" + U4 + "!";
    CHECK(d[c4 + "F12"] == "0");
    CHECK(d[c4 + "G12"] == "0");
    CHECK(d[c4 + "H12"] == "Chưa đạt");
    CHECK(d[c4 + "H13"] == "Chưa đạt");

    // U1 and U4 achieve one area in three each: U1, with more phases achieved, ranks before.
    const std::string s = "cell:" + S + "!";
    const char* expect[][2] = {
        {"C10", "3"}, {"D10", "2"}, {"E10", "1"}, {"F10", "0.3333"}, {"G10", "7"}, {"H10", "2"},
        {"I10", "Hoàn thành tốt nhiệm vụ"},
        {"D11", "3"}, {"E11", "3"}, {"F11", "1"}, {"G11", "9"}, {"H11", "1"},
        {"D12", "0"}, {"E12", "0"}, {"G12", "0"},
        {"D13", "3"}, {"E13", "1"}, {"F13", "0.3333"}, {"G13", "4"}, {"H13", "3"},
        {"C14", "12"}, {"D14", "8"}, {"E14", "5"}, {"F14", "0.5556"}, {"G14", "20"}};
    for (const auto& [cell, value] : expect) {
        CAPTURE(cell);
        CHECK(d[s + cell] == value);
    }
    CHECK(d.count(s + "F12") == 0);  // nothing assessed: no rate, no rank
    CHECK(d.count(s + "H12") == 0);
    CHECK(d.count(s + "I11") == 0);
}

}  // TEST_SUITE
