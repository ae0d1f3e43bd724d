// The tracking workbook's own .xlsx writer (render/xlsx/xlsx_stream): the XML of a small
// sheet, escaping, the shared strings, the styles, rows spilled early, the records of many
// sheets reserved or not, errors; and render/zip's parts lent one by one.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "render/xlsx/xlsx_stream.hpp"

namespace {

using namespace thidua::xlsx;
using xlsx_test::TempFile;

/// The part `name` of the zip at `path` (read with Python's zipfile).
std::string part(const std::string& path, const std::string& name) {
    return xlsx_test::run_python(
        "import sys, zipfile\n"
        "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode('utf-8'))\n",
        "'" + path + "' '" + name + "'");
}

/// An open, empty spill file without a name, closed at the end.
struct SpillFd {
    int fd = -1;
    SpillFd() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "thidua-spill-XXXXXX").string();
        fd = ::mkstemp(tmpl.data());
        ::unlink(tmpl.c_str());
    }
    ~SpillFd() {
        if (fd >= 0) ::close(fd);
    }
};

stream::Format tnr(double size, bool bold = false) {
    stream::Format f;
    f.font_name = "Times New Roman";
    f.font_size = size;
    f.bold = bold;
    f.valign = stream::VAlign::center;
    return f;
}

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";

}  // namespace

TEST_CASE("xlsx_stream: the XML of a small sheet, as libxlsxwriter wrote it") {
    TempFile out("small.xlsx");
    SpillFd spill;
    stream::Workbook wb(spill.fd);
    stream::Format bordered = tnr(12);
    bordered.border = true;
    bordered.halign = stream::HAlign::center;
    bordered.unlocked = true;
    bordered.fill = 0xFFF2CC;
    bordered.num_format = "0.0";
    const stream::FormatId head = wb.add_format(tnr(13, true));
    const stream::FormatId input = wb.add_format(bordered);
    stream::Sheet& s = wb.add_sheet("Tổ 1");
    wb.activate(s);
    // Written out of order: the rows come out sorted, the last write to a cell wins.
    s.number(3, 1, 2.5, input);
    s.merge(0, 0, 0, 2, "Tiêu đề", head);
    s.row_height(0, 21);
    s.formula_string(3, 2, "=IF(B4=\"\",\"\",B4*2)", input, "");
    s.formula_number(3, 3, "=SUM(B4:C4)", input, 0);
    s.blank(3, 0, input);
    s.number(3, 0, 7, input);
    s.row_height(5, 30);
    s.column_width(1, 12);
    s.column_width(0, 5);
    stream::Validation dv;
    dv.min = 0;
    dv.max = 100;
    dv.error_title = "Sai";
    dv.error_message = "Nhập từ 0 đến 100.";
    s.validation(3, 1, 3, 2, dv);
    s.conditional_format(3, 0, 3, 3, "=$C4=\"x\"", wb.add_fill_dxf(0xFFC7CE));
    s.freeze_panes(3, 1);
    s.select(3, 1);
    s.protect();
    s.landscape(true);
    s.paper(9);
    s.margins(0.6, 0.4, 0.6, 0.6);
    s.center_horizontally();
    s.fit_to_pages(1, 0);
    s.footer("&CTrang &P");
    s.print_area(0, 0, 5, 3);
    wb.finish_sheet(s);
    REQUIRE(wb.close(out.path()));

    CHECK(part(out.path(), "xl/worksheets/sheet1.xml") ==
          kHead +
              "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1:D6\"/>"
              "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane xSplit=\"1\" "
              "ySplit=\"3\" topLeftCell=\"B4\" activePane=\"bottomRight\" state=\"frozen\"/>"
              "<selection pane=\"topRight\" activeCell=\"B1\" sqref=\"B1\"/><selection "
              "pane=\"bottomLeft\" activeCell=\"A4\" sqref=\"A4\"/><selection "
              "pane=\"bottomRight\" activeCell=\"B4\" sqref=\"B4\"/></sheetView></sheetViews>"
              "<sheetFormatPr defaultRowHeight=\"15\"/><cols><col min=\"1\" max=\"1\" "
              "width=\"5.7109375\" customWidth=\"1\"/><col min=\"2\" max=\"2\" "
              "width=\"12.7109375\" customWidth=\"1\"/></cols><sheetData>"
              "<row r=\"1\" spans=\"1:4\" ht=\"21\" customHeight=\"1\"><c r=\"A1\" s=\"1\" "
              "t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"/><c r=\"C1\" s=\"1\"/></row>"
              "<row r=\"4\" spans=\"1:4\"><c r=\"A4\" s=\"2\"><v>7</v></c><c r=\"B4\" "
              "s=\"2\"><v>2.5</v></c><c r=\"C4\" s=\"2\" t=\"str\"><f>IF(B4=\"\",\"\",B4*2)</f>"
              "<v></v></c><c r=\"D4\" s=\"2\"><f>SUM(B4:C4)</f><v>0</v></c></row>"
              "<row r=\"6\" ht=\"30\" customHeight=\"1\"/></sheetData>"
              "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" "
              "formatRows=\"0\"/><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells>"
              "<conditionalFormatting sqref=\"A4:D4\"><cfRule type=\"expression\" dxfId=\"0\" "
              "priority=\"1\"><formula>$C4=\"x\"</formula></cfRule></conditionalFormatting>"
              "<dataValidations count=\"1\"><dataValidation type=\"decimal\" allowBlank=\"1\" "
              "showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"Sai\" error=\"Nhập từ "
              "0 đến 100.\" sqref=\"B4:C4\"><formula1>0</formula1><formula2>100</formula2>"
              "</dataValidation></dataValidations><printOptions horizontalCentered=\"1\"/>"
              "<pageMargins left=\"0.6\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" "
              "header=\"0.3\" footer=\"0.3\"/><pageSetup paperSize=\"9\" fitToHeight=\"0\" "
              "orientation=\"landscape\"/><headerFooter><oddFooter>&amp;CTrang &amp;P"
              "</oddFooter></headerFooter></worksheet>");
    const std::string workbook = part(out.path(), "xl/workbook.xml");
    CHECK(workbook.find("<sheet name=\"Tổ 1\" sheetId=\"1\" r:id=\"rId1\"/>") != std::string::npos);
    CHECK(workbook.find("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'Tổ "
                        "1'!$A$1:$D$6</definedName>") != std::string::npos);
    CHECK(part(out.path(), "docProps/app.xml").find("<vt:lpstr>'Tổ 1'!Print_Area</vt:lpstr>") !=
          std::string::npos);
}

TEST_CASE("xlsx_stream: escaping, and one shared string per distinct text") {
    TempFile out("escape.xlsx");
    SpillFd spill;
    stream::Workbook wb(spill.fd);
    const stream::FormatId f = wb.add_format(tnr(12));
    stream::Sheet& s = wb.add_sheet("Danh mục");
    s.string(0, 0, " a & <b> \"c\"", f);
    s.string(1, 0, "Đạt", f);
    s.string(2, 0, "Đạt", f);
    s.string(3, 0, std::string("x\x01y"), f);
    s.string(4, 0, "", f);  // an empty string is a blank cell, not a shared string
    s.formula_string(0, 1, "=IF(A2<>\"\",\"<&>\",\"\")", f, "");
    s.internal_link(1, 1, "'Tổ \"1\"'!A1", "Tổ & 1", f);
    stream::Validation dv;
    dv.type = stream::Validation::Type::list;
    dv.list = "=DanhMuc";
    dv.error_title = "Chọn \"Đạt\"";
    dv.error_message = "<một> & hai";
    s.validation(0, 2, 9, 2, dv);
    wb.finish_sheet(s);
    REQUIRE(wb.close(out.path()));

    CHECK(part(out.path(), "xl/sharedStrings.xml") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst "
          "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"5\" "
          "uniqueCount=\"4\"><si><t xml:space=\"preserve\"> a &amp; &lt;b&gt; \"c\"</t></si>"
          "<si><t>Đạt</t></si><si><t>x_x0001_y</t></si><si><t>Tổ &amp; 1</t></si></sst>");
    const std::string sheet = part(out.path(), "xl/worksheets/sheet1.xml");
    CHECK(sheet.find("<c r=\"A2\" s=\"1\" t=\"s\"><v>1</v></c>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A3\" s=\"1\" t=\"s\"><v>1</v></c>") != std::string::npos);
    CHECK(sheet.find("<c r=\"A5\" s=\"1\"/>") != std::string::npos);
    CHECK(sheet.find("<f>IF(A2&lt;&gt;\"\",\"&lt;&amp;&gt;\",\"\")</f>") != std::string::npos);
    CHECK(sheet.find("<hyperlink ref=\"B2\" location=\"'Tổ &quot;1&quot;'!A1\" display=\"Tổ "
                     "&amp; 1\"/>") != std::string::npos);
    CHECK(sheet.find("type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" "
                     "showErrorMessage=\"1\" errorTitle=\"Chọn &quot;Đạt&quot;\" "
                     "error=\"&lt;một&gt; &amp; hai\" sqref=\"C1:C10\"><formula1>DanhMuc"
                     "</formula1>") != std::string::npos);
}

TEST_CASE("xlsx_stream: styles, number formats, fonts and fills in the order of first use") {
    TempFile out("styles.xml.xlsx");
    SpillFd spill;
    stream::Workbook wb(spill.fd);
    stream::Format a = tnr(12);
    a.num_format = "0.0%";
    stream::Format b = tnr(12, true);
    b.fill = 0xDDEBF7;
    b.wrap = true;
    const stream::FormatId unused = wb.add_format(tnr(20));
    const stream::FormatId fa = wb.add_format(a);
    const stream::FormatId fb = wb.add_format(b);
    const stream::FormatId fa2 = wb.add_format(a);  // equal to fa: the same xf
    (void)unused;
    stream::Sheet& s = wb.add_sheet("S");
    s.number(0, 0, 1, fb);
    s.number(0, 1, 1, fa);
    s.number(0, 2, 1, fa2);
    wb.finish_sheet(s);
    REQUIRE(wb.close(out.path()));
    const std::string styles = part(out.path(), "xl/styles.xml");
    CHECK(styles.find("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
                      "</numFmts><fonts count=\"3\"><font><sz val=\"11\"/><color theme=\"1\"/>"
                      "<name val=\"Calibri\"/><family val=\"2\"/><scheme val=\"minor\"/></font>"
                      "<font><b/><sz val=\"12\"/><color theme=\"1\"/><name val=\"Times New "
                      "Roman\"/><family val=\"2\"/></font><font><sz val=\"12\"/>") !=
          std::string::npos);
    CHECK(styles.find("<fills count=\"3\">") != std::string::npos);
    CHECK(styles.find("<fgColor rgb=\"FFDDEBF7\"/>") != std::string::npos);
    CHECK(styles.find("<borders count=\"1\">") != std::string::npos);
    CHECK(styles.find("<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
                      "borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" "
                      "borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" "
                      "applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>"
                      "<xf numFmtId=\"164\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                      "applyNumberFormat=\"1\" applyFont=\"1\" applyAlignment=\"1\"><alignment "
                      "vertical=\"center\"/></xf></cellXfs>") != std::string::npos);
    CHECK(styles.find("<dxfs count=\"0\"/>") != std::string::npos);
    CHECK(part(out.path(), "xl/worksheets/sheet1.xml").find(
              "<c r=\"A1\" s=\"1\"><v>1</v></c><c r=\"B1\" s=\"2\"><v>1</v></c><c r=\"C1\" "
              "s=\"2\"><v>1</v></c>") != std::string::npos);
}

TEST_CASE("xlsx_stream: rows spilled early give the same sheet, a spilled row cannot change") {
    auto write = [](const std::string& path, bool spill_early, bool late_write) {
        SpillFd spill;
        stream::Workbook wb(spill.fd);
        const stream::FormatId f = wb.add_format(tnr(12));
        stream::Sheet& s = wb.add_sheet("S");
        for (int r = 0; r < 100; ++r) {
            if (spill_early) s.spill_rows_before(r);
            s.number(r, r % 5, r, f);
            s.row_height(r, 15 + r % 3);
            stream::Validation dv;
            dv.max = r;
            s.validation(r, 0, r, 0, dv);
        }
        if (late_write) s.number(3, 0, 1, f);
        wb.finish_sheet(s);
        const bool ok = wb.close(path);
        if (!ok) CHECK(wb.error() == "vượt quá số dòng hoặc số cột của một trang tính Excel");
        CHECK_FALSE(wb.write_failed());
        return ok;
    };
    TempFile a("whole.xlsx"), b("spilled.xlsx"), c("late.xlsx");
    REQUIRE(write(a.path(), false, false));
    REQUIRE(write(b.path(), true, false));
    const std::string sheet = part(a.path(), "xl/worksheets/sheet1.xml");
    CHECK(sheet == part(b.path(), "xl/worksheets/sheet1.xml"));
    // Spans are per block of 16 rows: rows 1-16 use columns A..E, rows 97-100 B..E.
    CHECK(sheet.find("<row r=\"1\" spans=\"1:5\">") != std::string::npos);
    CHECK(sheet.find("<row r=\"98\" spans=\"2:5\" ht=\"16\" customHeight=\"1\">") !=
          std::string::npos);
    CHECK(sheet.find("<row r=\"97\" spans=\"2:5\"><c r=\"B97\"") != std::string::npos);
    CHECK(sheet.find("<dataValidations count=\"100\">") != std::string::npos);
    CHECK_FALSE(write(c.path(), true, true));
    CHECK_FALSE(std::filesystem::exists(c.path()));
}

TEST_CASE("xlsx_stream: a spill file that cannot be written fails as a write failure") {
    TempFile out("unwritable.xlsx");
    const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    {
        stream::Workbook wb(fd);
        const stream::FormatId f = wb.add_format(tnr(12));
        stream::Sheet& s = wb.add_sheet("S");
        s.string(0, 0, "a", f);
        wb.finish_sheet(s);
        CHECK_FALSE(wb.close(out.path()));
        CHECK(wb.write_failed());
        CHECK(wb.error().rfind("không ghi được tệp tạm: ", 0) == 0);
    }
    ::close(fd);
    CHECK_FALSE(std::filesystem::exists(out.path()));
}

TEST_CASE("xlsx_stream: sheet names quoted as libxlsxwriter quoted them") {
    CHECK(stream::Workbook::quote_sheet("Sheet1") == "Sheet1");
    CHECK(stream::Workbook::quote_sheet("Danh_muc.2") == "Danh_muc.2");
    CHECK(stream::Workbook::quote_sheet("Tổng hợp") == "'Tổng hợp'");
    CHECK(stream::Workbook::quote_sheet("Tổ dân phố 1's") == "'Tổ dân phố 1''s'");
}

namespace {

std::string file_bytes(const std::string& path) {
    std::string out;
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
        std::fclose(f);
    }
    return out;
}

}  // namespace

TEST_CASE("xlsx_stream: room reserved for too few, enough or no sheets writes the same workbook") {
    // Many sheets, each with its print titles and area (local names), a sheet kept open
    // while the others are written (its stretches of the spill file come apart), two global
    // names: the records a workbook keeps a sheet, reserved or grown.
    auto write = [](const std::string& path, std::size_t sheets, std::size_t names) {
        SpillFd spill;
        stream::Workbook wb(spill.fd);
        wb.reserve(sheets, names);
        const stream::FormatId f = wb.add_format(tnr(12));
        stream::Sheet& first = wb.add_sheet("Tổng hợp");
        for (int i = 0; i < 60; ++i) {
            stream::Sheet& s = wb.add_sheet("Tổ " + std::to_string(i + 1));
            s.string(0, 0, "Tổ " + std::to_string(i + 1), f);
            for (int r = 1; r < 40 + i; ++r) {
                s.spill_rows_before(r);
                s.number(r, 1, r * i, f);
            }
            if (i % 3 != 0) s.repeat_rows(2, 3 + i % 2);
            s.print_area(0, 0, 40 + i, 1 + i % 4);
            wb.finish_sheet(s);
            first.spill_rows_before(i * 20);
            first.number(i * 20, 0, i, f);
            for (int r = i * 20 + 1; r < i * 20 + 20; ++r) first.string(r, 2, "dòng", f);
        }
        first.repeat_rows(0, 1);
        first.print_area(0, 0, 1200, 2);
        wb.finish_sheet(first);
        wb.define_name("DanhMuc", "='Tổng hợp'!$A$2:$A$5");
        wb.define_name("Muc", "'Tổng hợp'!$B$2:$B$5");
        REQUIRE(wb.close(path));
    };
    TempFile none("none.xlsx"), few("few.xlsx"), enough("enough.xlsx");
    write(none.path(), 0, 0);
    write(few.path(), 3, 1);
    write(enough.path(), 61, 124);
    const std::string bytes = file_bytes(none.path());
    REQUIRE(bytes.size() > 1000);
    CHECK(file_bytes(few.path()) == bytes);
    CHECK(file_bytes(enough.path()) == bytes);

    const std::string workbook = part(none.path(), "xl/workbook.xml");
    CHECK(workbook.find("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"2\">'Tổ "
                        "2'!$3:$5</definedName>") != std::string::npos);
    CHECK(workbook.find("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"60\">'Tổ "
                        "60'!$A$1:$E$100</definedName>") != std::string::npos);
    CHECK(workbook.find("<definedName name=\"DanhMuc\">'Tổng hợp'!$A$2:$A$5</definedName>") !=
          std::string::npos);
    CHECK(workbook.find("<definedName name=\"Muc\">'Tổng hợp'!$B$2:$B$5</definedName>") !=
          std::string::npos);
    CHECK(part(none.path(), "docProps/app.xml").find("<vt:lpstr>'Tổ 60'!Print_Titles</vt:lpstr>") !=
          std::string::npos);
    const std::string summary = part(none.path(), "xl/worksheets/sheet1.xml");
    CHECK(summary.find("<row r=\"1181\" spans=\"1:3\"><c r=\"A1181\" s=\"1\"><v>59</v></c></row>") !=
          std::string::npos);
    CHECK(summary.find("<c r=\"C1200\" s=\"1\" t=\"s\"><v>") != std::string::npos);
    const std::string last = part(none.path(), "xl/worksheets/sheet61.xml");
    CHECK(last.find("<c r=\"B98\" s=\"1\"><v>5723</v></c>") != std::string::npos);
}

TEST_CASE("zip: parts lent one by one give the zip of the same parts in a list") {
    SpillFd file;
    const std::string text = "<a>" + std::string(5000, 'x') + "</a><b>tail</b>";
    REQUIRE(::write(file.fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    std::vector<thidua::zip::Part> parts;
    parts.emplace_back("small.xml", "<small/>");
    parts.emplace_back("large.xml", std::string(3000, 'y'));
    thidua::zip::Part ranges("ranges.xml", "", file.fd);
    ranges.ranges = {{0, 3}, {5007, 11}, {3, 5000}, {5003, 4}};
    parts.push_back(ranges);
    TempFile listed("listed.zip"), lent("lent.zip");
    std::string error;
    REQUIRE(thidua::zip::zip_parts_to(parts, listed.path(), error));
    std::size_t asked = 0;
    REQUIRE(thidua::zip::zip_parts_to(
        parts.size(),
        [&](std::size_t i) {
            CHECK(i == asked++);
            const thidua::zip::Part& p = parts[i];
            thidua::zip::PartView v;
            v.name = p.name;
            v.bytes = p.bytes;
            v.fd = p.fd;
            v.size = p.size;
            if (!p.ranges.empty()) {
                v.ranges = p.ranges.data();
                v.range_count = p.ranges.size();
            }
            return v;
        },
        lent.path(), error));
    CHECK(asked == parts.size());
    CHECK(file_bytes(lent.path()) == file_bytes(listed.path()));
    CHECK(part(lent.path(), "ranges.xml") == "<a><b>tail</b>" + std::string(5000, 'x') + "</a>");
}
