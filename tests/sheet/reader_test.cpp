// Tests for sheet/: the .xlsx reader on packages built here part by part (shared and
// inline strings, rich text, numbers, booleans, dates by built-in and custom formats, the
// 1904 system, formula results and formulas never computed, merged ranges, hidden sheets,
// namespace prefixes), what it refuses (not a zip, .xls, .ods, a missing part, a zip bomb,
// control characters, a broken index, too many rows), and the CSV reader.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "sheet/sheet.hpp"
#include "zip_parts.hpp"

using thidua::Diagnostics;
using namespace thidua::sheet;
using sheet_test::Book;

namespace {

const Cell* at(const Sheet& s, int row, int col) {
    for (const Cell& c : s.cells) {
        if (c.row == row && c.col == col) return &c;
    }
    return nullptr;
}

std::string dates(double serial, bool d1904 = false) {
    auto d = date_of_serial(serial, d1904);
    if (!d) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

}  // namespace

TEST_SUITE("sheet") {

TEST_CASE("xlsx: every kind of cell reads back with its row and column") {
    Book b;
    b.shared = {"<t>Tổ dân phố 1</t>",
                "<r><rPr><b/></rPr><t>Đinh </t></r><r><t xml:space=\"preserve\">Thị Mai</t></r><rPh><t>x</t></rPh>",
                "<t>dòng 1_x000D_\ndòng 2</t>",
                // "Hòa" written decomposed (o + combining grave): read as NFC
                "<t>Ho\xCC\x80" "a</t>"};
    b.num_fmts = R"(<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/>)";
    b.cell_xfs = R"(<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>)";
    b.sheets[1] = {"Đơn vị",
                   R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
                   R"(<row r="3"><c r="B3" t="inlineStr"><is><t>Trực tiếp</t></is></c><c r="C3"><v>42.5</v></c>)"
                   R"(<c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c></row>)"
                   R"(<row r="4"><c r="A4" s="1"><v>45658</v></c><c r="B4" s="2"><v>45700.75</v></c><c r="C4" s="3"><v>12</v></c>)"
                   R"(<c r="D4" t="str"><f>A1&amp;"!"</f><v>Tổ!</v></c><c r="E4"><f>ROW()</f></c><c r="F4" t="s"><v>2</v></c><c r="G4" t="s"><v>3</v></c></row>)"
                   R"(<row r="5"><c r="A5" s="1"/><c r="B5" t="s"><v>0</v></c></row>)"};
    b.sheets[2] = {"Danh mục", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)"};
    b.hidden = "Danh mục";
    b.extra = R"(<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>)";
    Diagnostics d;
    auto wb = read_xlsx("a.xlsx", b.bytes(), d);
    REQUIRE_MESSAGE(wb, d.format());
    CHECK_FALSE(wb->csv);
    REQUIRE(wb->sheets.size() == 2);
    const Sheet& s = wb->sheets[0];
    CHECK(s.name == "Đơn vị");
    CHECK_FALSE(s.hidden);
    CHECK(wb->sheets[1].hidden);
    REQUIRE(at(s, 1, 1) != nullptr);
    CHECK(at(s, 1, 1)->text == "Tổ dân phố 1");
    CHECK(at(s, 1, 3)->text == "Đinh Thị Mai");  // rich runs joined, phonetic run left out
    CHECK(at(s, 3, 2)->text == "Trực tiếp");
    CHECK(at(s, 3, 3)->type == CellType::number);
    CHECK(at(s, 3, 3)->number == 42.5);
    CHECK_FALSE(at(s, 3, 3)->date);
    CHECK(at(s, 3, 4)->type == CellType::boolean);
    CHECK(at(s, 3, 4)->number == 1);
    CHECK(at(s, 3, 5)->type == CellType::error);
    CHECK(at(s, 3, 5)->text == "#N/A");
    CHECK(at(s, 4, 1)->date);  // built-in format 14
    CHECK(dates(at(s, 4, 1)->number) == "2025-01-01");
    CHECK(at(s, 4, 2)->date);  // custom dd/mm/yyyy; the time of day is dropped
    CHECK(dates(at(s, 4, 2)->number) == "2025-02-12");
    CHECK_FALSE(at(s, 4, 3)->date);  // "0.00"d"": the d is quoted text
    CHECK(at(s, 4, 4)->type == CellType::text);
    CHECK(at(s, 4, 4)->text == "Tổ!");
    CHECK(at(s, 4, 5)->type == CellType::formula);
    CHECK(at(s, 4, 5)->text == "=ROW()");
    CHECK(at(s, 4, 6)->text == "dòng 1\ndòng 2");  // _x000D_ + LF is one line break
    CHECK(at(s, 4, 7)->text == "Hòa");
    CHECK(at(s, 5, 1) == nullptr);  // a styled cell without a value is empty
    CHECK(at(s, 5, 2) != nullptr);
    REQUIRE(s.merges.size() == 1);
    CHECK(s.merges[0].first_row == 1);
    CHECK(s.merges[0].last_col == 2);
    CHECK(d.all().empty());
}

TEST_CASE("xlsx: namespace prefixes, cells without references and the 1904 date system") {
    Book b;
    b.date1904 = true;
    b.cell_xfs = R"(<xf numFmtId="0"/><xf numFmtId="14"/>)";
    b.sheets[1] = {"S", R"(<row><c t="inlineStr"><is><t>a</t></is></c><c s="1"><v>0</v></c></row><row><c><v>7</v></c></row>)"};
    std::string bytes = b.bytes();
    Diagnostics d;
    auto wb = read_xlsx("a.xlsx", bytes, d);
    REQUIRE_MESSAGE(wb, d.format());
    CHECK(wb->date1904);
    const Sheet& s = wb->sheets[0];
    REQUIRE(at(s, 1, 2) != nullptr);
    CHECK(dates(at(s, 1, 2)->number, true) == "1904-01-01");
    CHECK(at(s, 2, 1)->number == 7);

    // The same sheet with every element prefixed, as some writers do.
    std::map<std::string, std::string> parts = {
        {"[Content_Types].xml", sheet_test::kContentTypes},
        {"_rels/.rels", sheet_test::kRootRels},
        {"xl/workbook.xml", R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="P" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>)"},
        {"xl/_rels/workbook.xml.rels", R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="./worksheets/../worksheets/s.xml"/></Relationships>)"},
        {"xl/worksheets/s.xml", R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>Xin chào</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)"},
    };
    auto p = read_xlsx("p.xlsx", sheet_test::zip_of(parts), d);
    REQUIRE_MESSAGE(p, d.format());
    REQUIRE(p->sheets.size() == 1);
    REQUIRE(at(p->sheets[0], 2, 2) != nullptr);
    CHECK(at(p->sheets[0], 2, 2)->text == "Xin chào");
}

TEST_CASE("xlsx: what is not a readable workbook is refused with the reason") {
    auto refused = [](const std::string& bytes) {
        Diagnostics d;
        auto wb = read_xlsx("x.xlsx", bytes, d);
        CHECK_FALSE(wb);
        return d.format();
    };
    CHECK(refused("Tên đơn vị,Mã\n") ==
          "x.xlsx: lỗi: tệp không phải bảng tính .xlsx: không đọc được nó như một tệp nén zip "
          "(tệp hỏng, hoặc là loại tệp khác đổi tên thành .xlsx)\n");
    CHECK(refused(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'))
              .find("x.xlsx: lỗi: tệp là bảng tính Excel cũ (.xls) hoặc bảng tính có đặt mật khẩu") == 0);
    CHECK(refused(sheet_test::zip_of({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                      {"content.xml", "<a/>"}})) ==
          "x.xlsx: lỗi: tệp là bảng tính OpenDocument (.ods) đổi tên, không phải .xlsx: hãy lưu "
          "lại dạng Excel (.xlsx)\n");
    CHECK(refused(sheet_test::zip_of({{"[Content_Types].xml", sheet_test::kContentTypes}})) ==
          "x.xlsx: lỗi: tệp nén không có phần \"xl/workbook.xml\": không phải bảng tính .xlsx, "
          "hoặc tệp hỏng\n");
    // A sheet that unpacks to 20 MiB (a few KiB packed) is not unpacked past the limit.
    Book bomb;
    bomb.sheets[1] = {"S", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
                               std::string(20u << 20, ' ') + "</t></is></c></row>"};
    const std::string packed = bomb.bytes();
    CHECK(packed.size() < 200000);
    CHECK(refused(packed) ==
          "x.xlsx: lỗi: phần \"xl/worksheets/sheet1.xml\" của tệp giải nén ra hơn 8 MiB: tệp "
          "bất thường (có thể là \"bom nén\"), không đọc\n");
    Book broken;
    broken.sheets[1] = {"S", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>"};
    CHECK(refused(broken.bytes()).find("x.xlsx: lỗi: phần \"xl/worksheets/sheet1.xml\" của tệp hỏng: XML sai ở byte") == 0);
}

TEST_CASE("xlsx: a bad cell is reported at its sheet and cell") {
    Book b;
    b.shared = {"<t>Tổ\x07 1</t>"};
    b.sheets[1] = {"Đơn vị", R"(<row r="3"><c r="C3" t="s"><v>0</v></c><c r="D3" t="s"><v>9</v></c><c r="E3" t="inlineStr"><is><t>a_x0001_b</t></is></c></row>)"};
    Diagnostics d;
    CHECK_FALSE(read_xlsx("x.xlsx", b.bytes(), d));
    CHECK(d.format() ==
          "x.xlsx, trang \"Đơn vị\", ô C3: lỗi: ô có ký tự điều khiển U+0007 (không in được, "
          "thường do dán từ chương trình khác): hãy xóa nó\n"
          "x.xlsx, trang \"Đơn vị\", ô D3: lỗi: ô chỉ tới chuỗi dùng chung số \"9\", không có "
          "trong tệp: tệp hỏng\n"
          "x.xlsx, trang \"Đơn vị\", ô E3: lỗi: ô có ký tự điều khiển U+0001 (không in được, "
          "thường do dán từ chương trình khác): hãy xóa nó\n");
    Book rows;
    rows.sheets[1] = {"S", R"(<row r="10001"><c r="A10001"><v>1</v></c></row>)"};
    Diagnostics d2;
    CHECK_FALSE(read_xlsx("x.xlsx", rows.bytes(), d2));
    CHECK(d2.format() == "x.xlsx, trang \"S\": lỗi: trang tính có dữ liệu ở ô A10001, quá giới "
                         "hạn 10.000 dòng chương trình đọc\n");
}

TEST_CASE("dates: Excel serials and date formats") {
    CHECK(dates(1) == "1900-01-01");
    CHECK(dates(59) == "1900-02-28");
    CHECK(dates(60) == "-");  // the 29 February 1900 Excel counts and the calendar does not
    CHECK(dates(61) == "1900-03-01");
    CHECK(dates(45658) == "2025-01-01");
    CHECK(dates(45658.99) == "2025-01-01");
    CHECK(dates(0) == "-");
    CHECK(dates(-3) == "-");
    CHECK(dates(2958465) == "9999-12-31");
    CHECK(dates(2958466) == "-");
    CHECK(dates(0, true) == "1904-01-01");
    CHECK(dates(44196, true) == "2025-01-01");
    CHECK(is_date_format(14, ""));
    CHECK(is_date_format(22, ""));
    CHECK_FALSE(is_date_format(0, ""));
    CHECK_FALSE(is_date_format(2, ""));
    CHECK(is_date_format(164, "dd/mm/yyyy"));
    CHECK(is_date_format(164, "[$-42A]d mmmm yyyy;@"));
    CHECK(is_date_format(164, "yyyy\\-mm\\-dd"));
    CHECK_FALSE(is_date_format(164, "0.00\"d\""));
    CHECK_FALSE(is_date_format(164, "[Red]0;[Blue]-0"));
    CHECK_FALSE(is_date_format(164, "h:mm"));
    CHECK_FALSE(is_date_format(164, "#,##0_d"));
}

TEST_CASE("csv: separators, quotes, byte-order mark and line breaks") {
    Diagnostics d;
    auto wb = read_csv("a.csv",
                       "\xEF\xBB\xBFM\xC3\xA3;T\xC3\xAAn\r\n"
                       "tdp-01;\"Tổ dân phố 1; khu A\"\r\n"
                       "\r\n"
                       "tdp-02;\"dòng \"\"một\"\"\ndòng hai\"\r\n",
                       d);
    REQUIRE_MESSAGE(wb, d.format());
    CHECK(wb->csv);
    const Sheet& s = wb->sheets.at(0);
    CHECK(s.name.empty());
    REQUIRE(at(s, 1, 1) != nullptr);
    CHECK(at(s, 1, 1)->text == "Mã");
    CHECK(at(s, 2, 2)->text == "Tổ dân phố 1; khu A");
    CHECK(at(s, 3, 1) == nullptr);
    CHECK(at(s, 4, 2)->text == "dòng \"một\"\ndòng hai");
    CHECK(at(s, 4, 1)->type == CellType::text);

    auto comma = read_csv("b.csv", "a,b;c\n1,2\n", d);
    REQUIRE(comma);
    CHECK(at(comma->sheets[0], 1, 2)->text == "b;c");

    auto refused = [](const std::string& bytes) {
        Diagnostics e;
        CHECK_FALSE(read_csv("x.csv", bytes, e));
        return e.format();
    };
    CHECK(refused("\xFF\xFEM\0")
              .find("x.csv: lỗi: tệp CSV lưu bằng bảng mã UTF-16") == 0);
    CHECK(refused("Mã,Tên\ntdp-01,T\xF4 1\n") ==
          "x.csv:2:9: lỗi: tệp CSV không phải UTF-8 (có thể lưu bằng bảng mã Windows-1258, "
          "TCVN3 hay VNI): hãy lưu lại dạng \"CSV UTF-8\" (Excel) hoặc chọn bảng mã Unicode "
          "(UTF-8) (LibreOffice)\n");
    CHECK(refused(sheet_test::zip_of({{"a", "b"}})) ==
          "x.csv: lỗi: tệp là một tệp nén (bảng tính .xlsx?), không phải CSV: hãy đặt đúng đuôi "
          ".xlsx cho tệp, hoặc lưu lại trang tính dạng CSV\n");
    CHECK(refused("a,b\n1,\"2\n3\n") ==
          "x.csv:2:3: lỗi: dấu ngoặc kép mở ở đây không được đóng đến hết tệp\n");
    CHECK(refused("a,b\n1,x\x1by\n") ==
          "x.csv, ô B2: lỗi: ô có ký tự điều khiển U+001B (không in được, thường do dán từ "
          "chương trình khác): hãy xóa nó\n");
}

TEST_CASE("files: the reader goes by the extension") {
    CHECK(is_sheet_file_name("a.xlsx"));
    CHECK(is_sheet_file_name("thu muc/A.XLSX"));
    CHECK(is_sheet_file_name("a.Csv"));
    CHECK_FALSE(is_sheet_file_name("a.xls"));
    CHECK_FALSE(is_sheet_file_name("a.ods"));
    CHECK_FALSE(is_sheet_file_name("xlsx"));
    Diagnostics d;
    CHECK_FALSE(read_file("/khong/co/tep.xlsx", d));
    CHECK(d.format() == "/khong/co/tep.xlsx: lỗi: không tìm thấy tệp\n");
}

}  // TEST_SUITE

TEST_SUITE("sheet") {

TEST_CASE("xlsx: damaged parts never crash the reader") {
    // The parts of a sound workbook, each damaged many ways (bytes changed, cut short,
    // tags doubled): the reader either reads something or says why it cannot.
    Book b;
    b.shared = {"<t>Tổ dân phố 1</t>", "<r><t>Đinh </t></r><r><t>Thị Mai</t></r>"};
    b.num_fmts = R"(<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>)";
    b.cell_xfs = R"(<xf numFmtId="0"/><xf numFmtId="164"/>)";
    b.sheets[1] = {"Đơn vị",
                   R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
                   R"(<row r="2"><c r="A2" s="1"><v>45658</v></c><c r="B2" t="inlineStr"><is><t>x</t></is></c><c r="C2" t="b"><v>1</v></c></row>)"};
    b.extra = R"(<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>)";
    const std::string good = b.bytes();
    std::uint32_t seed = 12345;
    auto next = [&]() {
        seed = seed * 1103515245u + 12345u;
        return seed >> 8;
    };
    int read = 0, refused = 0;
    for (int i = 0; i < 400; ++i) {
        Book d = b;
        std::string* target = nullptr;
        std::string xml = d.sheets[1].second;
        switch (i % 4) {
            case 0: target = &d.sheets[1].second; break;
            case 1: target = &d.shared[next() % d.shared.size()]; break;
            case 2: target = &d.cell_xfs; break;
            default: target = &d.extra; break;
        }
        std::string& t = *target;
        const int edits = 1 + static_cast<int>(next() % 4);
        for (int e = 0; e < edits && !t.empty(); ++e) {
            const std::size_t at = next() % t.size();
            switch (next() % 4) {
                case 0: t[at] = static_cast<char>(next() & 0xFF); break;
                case 1: t.resize(at); break;
                case 2: t.insert(at, t.substr(at, std::min<std::size_t>(40, t.size() - at))); break;
                default: t.insert(at, std::to_string(next())); break;
            }
        }
        Diagnostics diags;
        auto wb = read_xlsx("f.xlsx", d.bytes(), diags);
        if (wb) {
            ++read;
        } else {
            ++refused;
            CHECK_MESSAGE(diags.has_errors(), "refused without a reason, case " << i);
        }
    }
    // Damaged and whole zips too: bytes of the package itself changed.
    for (int i = 0; i < 200; ++i) {
        std::string z = good;
        for (int e = 0; e < 3; ++e) z[next() % z.size()] = static_cast<char>(next() & 0xFF);
        Diagnostics diags;
        auto wb = read_xlsx("f.xlsx", z, diags);
        if (!wb) CHECK(diags.has_errors());
    }
    CHECK(read > 0);
    CHECK(refused > 0);
    MESSAGE(read << " damaged workbooks read, " << refused << " refused with a reason");
}

TEST_CASE("csv: damaged files never crash the reader") {
    const std::string good =
        "Mã đơn vị;Tên đơn vị;Ghi chú\n\"tdp-01\";\"Tổ \"\"một\"\"\";x\ntdp-02;Tổ 2;\"a\nb\"\n";
    std::uint32_t seed = 777;
    auto next = [&]() {
        seed = seed * 1103515245u + 12345u;
        return seed >> 8;
    };
    for (int i = 0; i < 500; ++i) {
        std::string s = good;
        for (int e = 0; e < 3; ++e) {
            const std::size_t at = next() % s.size();
            if (next() % 2) s[at] = "\";,\n\r\x01\xC3"[next() % 8];
            else s.erase(at, 1);
        }
        Diagnostics diags;
        auto wb = read_csv("f.csv", s, diags);
        if (!wb) CHECK(diags.has_errors());
    }
}

}  // TEST_SUITE
