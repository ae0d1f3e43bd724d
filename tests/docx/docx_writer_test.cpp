// The Word writer on documents built by hand: the XML parts it writes (read back out of
// the zip with libzip), the package itself (entry order, timestamps, same bytes), and text
// that must never break the XML. What a user sees (LibreOffice's rendering, python-docx)
// is tested end to end in tests/e2e/docx_test.cpp.
#include <doctest/doctest.h>

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

#include "render/docx/docx_writer.hpp"
#include "render/docx/xml.hpp"
#include "support/tools.hpp"

using namespace thidua;

namespace {

struct Entry {
    std::string name;
    std::string bytes;
    zip_uint16_t dos_time = 0, dos_date = 0;
    zip_uint16_t method = 0;
};

/// Every entry of a zip held in memory, in order (libzip reads it).
std::vector<Entry> unzip(const std::string& zip_bytes) {
    std::vector<Entry> out;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &err);
    REQUIRE(src != nullptr);
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
    REQUIRE_MESSAGE(za != nullptr, zip_error_strerror(&err));
    const zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
        Entry e;
        e.name = st.name;
        e.method = st.comp_method;
        e.bytes.resize(static_cast<std::size_t>(st.size));
        zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(f != nullptr);
        CHECK(zip_fread(f, e.bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(f);
        // The DOS time and date as stored: libzip turns them into a time_t with the local
        // time zone, localtime_r turns that back.
        struct tm t = {};
        time_t mt = st.mtime;
        localtime_r(&mt, &t);
        e.dos_date = static_cast<zip_uint16_t>(((t.tm_year - 80) << 9) | ((t.tm_mon + 1) << 5) | t.tm_mday);
        e.dos_time = static_cast<zip_uint16_t>((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec / 2));
        out.push_back(std::move(e));
    }
    zip_close(za);
    return out;
}

std::map<std::string, std::string> parts(const std::string& zip_bytes) {
    std::map<std::string, std::string> out;
    for (auto& e : unzip(zip_bytes)) out[e.name] = e.bytes;
    return out;
}

doc::Paragraph para(const std::string& text, const std::string& role = "body") {
    doc::Paragraph p;
    p.runs.push_back({text, false, false, false});
    p.role = role;
    return p;
}

doc::Style style_of(const std::string& role, const std::string& name = "") {
    doc::Style s;
    s.role = role;
    s.name = name;
    return s;
}

doc::Document one_section(std::vector<doc::Block> blocks) {
    doc::Document d;
    d.title = "Kế hoạch";
    d.author = "UBND xã";
    d.subject = "Phát động\nphong trào";
    d.created = "2025-01-05";
    d.styles.push_back(style_of("body", "Nội dung"));
    doc::Section s;
    s.blocks = std::move(blocks);
    d.sections.push_back(std::move(s));
    return d;
}

std::string docx_of(const doc::Document& d, Diagnostics* diags_out = nullptr) {
    Diagnostics diags;
    auto bytes = docx::write_docx(d, diags);
    REQUIRE_MESSAGE(bytes.has_value(), diags.format());
    if (diags_out) *diags_out = diags;
    return *bytes;
}

std::string document_xml(const doc::Document& d) { return parts(docx_of(d))["word/document.xml"]; }

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

/// Every <w:p>…</w:p> of a part, in order.
std::vector<std::string> paragraphs_of(const std::string& xml) {
    std::vector<std::string> out;
    for (std::size_t at = xml.find("<w:p>"); at != std::string::npos; at = xml.find("<w:p>", at + 1)) {
        out.push_back(xml.substr(at, xml.find("</w:p>", at) + 6 - at));
    }
    return out;
}

/// Runs /usr/bin/python3's XML parser over `xml`; true when it is well-formed.
bool well_formed(const std::string& xml) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("thidua-docx-wf-" + std::to_string(::getpid()) + ".xml")).string();
    std::ofstream(path, std::ios::binary) << xml;
    const int rc = std::system(("/usr/bin/python3 -c 'import sys, xml.dom.minidom; "
                                "xml.dom.minidom.parse(sys.argv[1])' '" + path + "' 2>/dev/null").c_str());
    std::filesystem::remove(path);
    return rc == 0;
}

}  // namespace

TEST_SUITE("docx") {

TEST_CASE("docx: a role's style is written once, paragraphs name it and carry only what differs") {
    doc::Paragraph a = para("Đoạn một.");
    doc::Paragraph b = para("Đoạn hai, cỡ 13, căn giữa.");
    b.size = 13;
    b.align = doc::Align::center;
    b.runs.push_back({" đậm", true, false, false});
    auto files = parts(docx_of(one_section({a, b})));
    const std::string styles = files["word/styles.xml"];
    CHECK(count(styles, "w:styleId=\"body\"") == 1);
    CHECK(styles.find("<w:name w:val=\"Nội dung\"/>") != std::string::npos);
    // The style holds the tree's values: justified, 14 pt, 10 mm first line, 6 pt before, 1.15.
    const std::string body = styles.substr(styles.find("w:styleId=\"body\""));
    CHECK(body.find("<w:spacing w:before=\"120\" w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/>") < body.find("</w:style>"));
    CHECK(body.find("<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"567\"/>") < body.find("</w:style>"));
    CHECK(body.find("<w:jc w:val=\"both\"/>") < body.find("</w:style>"));
    CHECK(body.find("<w:sz w:val=\"28\"/>") < body.find("</w:style>"));
    // Defaults: Times New Roman, Vietnamese, widow control.
    CHECK(styles.find("<w:rFonts w:ascii=\"Times New Roman\"") != std::string::npos);
    CHECK(styles.find("<w:lang w:val=\"vi-VN\"") != std::string::npos);
    CHECK(styles.find("<w:widowControl/>") != std::string::npos);
    const auto ps = paragraphs_of(files["word/document.xml"]);
    REQUIRE(ps.size() >= 2);
    CHECK(ps[0] == "<w:p><w:pPr><w:pStyle w:val=\"body\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Đoạn một.</w:t></w:r></w:p>");
    CHECK(ps[1].find("<w:jc w:val=\"center\"/>") != std::string::npos);
    CHECK(ps[1].find("<w:sz w:val=\"26\"/>") != std::string::npos);
    CHECK(ps[1].find("<w:b/>") != std::string::npos);
    CHECK(ps[1].find("<w:spacing") == std::string::npos);  // as the style says
}

TEST_CASE("docx: headings are Word's heading styles with their outline level") {
    doc::Document d = one_section({});
    doc::Style h = style_of("heading2");
    h.bold = true;
    h.keep_with_next = true;
    h.outline_level = 2;
    d.styles.push_back(h);
    doc::Paragraph p = para("1. Mục", "heading2");
    p.outline_level = 2;
    p.keep_with_next = true;
    p.runs[0].bold = true;
    d.sections[0].blocks = {p, para("Thân.")};
    auto files = parts(docx_of(d));
    const std::string styles = files["word/styles.xml"];
    CHECK(styles.find("<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
                      "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"body\"/><w:qFormat/><w:pPr><w:keepNext/>") != std::string::npos);
    CHECK(styles.find("<w:outlineLvl w:val=\"1\"/>") != std::string::npos);
    const auto ps = paragraphs_of(files["word/document.xml"]);
    CHECK(ps[0] == "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1. Mục</w:t></w:r></w:p>");
}

TEST_CASE("docx: style ids are ASCII, unique and never the writer's own") {
    std::vector<std::string> taken;
    CHECK(docx::detail::style_id("heading1", taken) == "Heading1");
    CHECK(docx::detail::style_id("quoc_hieu", taken) == "quochieu");
    CHECK(docx::detail::style_id("quoc-hieu", taken) == "quochieu2");
    CHECK(docx::detail::style_id("ghi chú", taken) == "ghich");
    CHECK(docx::detail::style_id("đ", taken) == "Role");
    CHECK(docx::detail::style_id("Normal", taken) == "Normal2");
    CHECK(docx::detail::style_id("1x", taken) == "Role1x");
}

TEST_CASE("docx: the same document gives the same bytes, parts in a fixed order, dated 1980-01-01") {
    doc::Document d = one_section({para("Một."), para("Hai.")});
    const std::string a = docx_of(d);
    const std::string b = docx_of(d);
    CHECK(a == b);
    CHECK(a.rfind("PK", 0) == 0);
    auto entries = unzip(a);
    std::vector<std::string> names;
    for (const auto& e : entries) names.push_back(e.name);
    CHECK(names == std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                                            "docProps/app.xml", "word/document.xml", "word/styles.xml",
                                            "word/settings.xml", "word/fontTable.xml", "word/header1.xml",
                                            "word/header2.xml", "word/_rels/document.xml.rels"});
    for (const auto& e : entries) {
        CAPTURE(e.name);
        // Deflated, but for parts too small to gain from it.
        CHECK(e.method == (e.bytes.size() < 2048 ? ZIP_CM_STORE : ZIP_CM_DEFLATE));
        CHECK(e.dos_date == ((0 << 9) | (1 << 5) | 1));
        CHECK(e.dos_time == 0);
        CHECK(well_formed(e.bytes));
    }
    // The time zone does not enter the bytes.
    setenv("TZ", "Asia/Ho_Chi_Minh", 1);
    tzset();
    const std::string c = docx_of(d);
    unsetenv("TZ");
    tzset();
    CHECK(c == a);
}

TEST_CASE("docx: text is NFC and escaped, characters XML forbids never reach the file") {
    const std::string nasty = std::string("a & b < c > d \" e ' f") + "\x01\x08\x0b\x0c\x1f" +
                              "\xef\xbf\xbe" /* U+FFFE */ + "\xef\xbf\xbf" /* U+FFFF */ +
                              "\xff\xfe" /* not UTF-8 */ + "o\xcc\x9b\xcc\x81" /* NFD ớ */ + "\tz";
    doc::Document d = one_section({para(nasty)});
    d.title = nasty;
    d.author = "]]><w:p>";
    auto files = parts(docx_of(d));
    const std::string xml = files["word/document.xml"];
    CHECK(xml.find("a &amp; b &lt; c &gt; d &quot; e ' f") != std::string::npos);
    CHECK(xml.find("\xe1\xbb\x9b") != std::string::npos);  // ớ, composed
    CHECK(xml.find("\xef\xbf\xbd\xef\xbf\xbd") != std::string::npos);  // the two bad bytes, as U+FFFD
    CHECK(xml.find("\xef\xbf\xbe") == std::string::npos);
    CHECK(xml.find("\xef\xbf\xbf") == std::string::npos);
    for (char c : xml) {
        const auto u = static_cast<unsigned char>(c);
        CHECK_MESSAGE((u >= 0x20 || c == '\n'), "control byte " << int(u));
    }
    CHECK(xml.find("ớ z") != std::string::npos);  // a tab prints as a space
    CHECK(well_formed(xml));
    CHECK(well_formed(files["docProps/core.xml"]));
    CHECK(files["docProps/core.xml"].find("<dc:creator>]]&gt;&lt;w:p&gt;</dc:creator>") != std::string::npos);
    for (char32_t cp : {U'\t', U'\n', U'\r', U' ', U'ớ', U'\U0001F600'}) CHECK(docx::detail::xml_char(cp));
    for (char32_t cp : {U'\0', U'\x01', U'\x1f', char32_t(0xD800), char32_t(0xFFFE), char32_t(0xFFFF), char32_t(0x110000)})
        CHECK_FALSE(docx::detail::xml_char(cp));
}

TEST_CASE("docx: a line break is a <w:br/>, runs keep their faces") {
    doc::Paragraph p = para("dòng một\ndòng hai");
    p.runs.push_back({" nghiêng", false, true, false});
    p.runs.push_back({" gạch", false, false, true});
    const std::string xml = document_xml(one_section({p}));
    CHECK(xml.find("<w:t xml:space=\"preserve\">dòng một</w:t><w:br/><w:t xml:space=\"preserve\">dòng hai</w:t>") != std::string::npos);
    CHECK(xml.find("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"> nghiêng</w:t>") != std::string::npos);
    CHECK(xml.find("<w:rPr><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\"> gạch</w:t>") != std::string::npos);
}

TEST_CASE("docx: tables: grid, gridSpan, vMerge, repeated header rows, rows kept whole, borders") {
    // | A (2 rows) | B      | C |
    // |            | D (2 cols)  |
    // | E          | F      | G |
    doc::Table t;
    t.widths = {20, 30, 40};
    t.header_rows = 1;
    doc::Cell a;
    a.paragraphs = {para("A", "cell")};
    a.rowspan = 2;
    a.valign = doc::VAlign::middle;
    doc::Cell b, c, dd, e, f, g;
    b.paragraphs = {para("B", "cell")};
    c.paragraphs = {para("C", "cell")};
    dd.paragraphs = {para("D", "cell")};
    dd.colspan = 2;
    e.paragraphs = {para("E", "cell")};
    f.paragraphs = {para("F", "cell")};
    g.paragraphs = {para("G", "cell")};
    t.rows = {doc::Row{{a, b, c}, false}, doc::Row{{dd}, true}, doc::Row{{e, f, g}, false}};
    doc::Document d = one_section({para("Trước."), t});
    const std::string xml = document_xml(d);
    CHECK(xml.find("<w:tblGrid><w:gridCol w:w=\"1134\"/><w:gridCol w:w=\"1701\"/><w:gridCol w:w=\"2267\"/></w:tblGrid>") != std::string::npos);
    CHECK(xml.find("<w:tblW w:w=\"5102\" w:type=\"dxa\"/>") != std::string::npos);
    CHECK(count(xml, "<w:tblHeader/>") == 1);
    CHECK(count(xml, "<w:cantSplit/>") == 3);
    CHECK(count(xml, "<w:vMerge w:val=\"restart\"/>") == 1);
    CHECK(count(xml, "<w:vMerge/>") == 1);
    CHECK(xml.find("<w:gridSpan w:val=\"2\"/>") != std::string::npos);
    CHECK(xml.find("<w:vAlign w:val=\"center\"/>") != std::string::npos);
    CHECK(count(xml, "<w:top w:val=\"single\" w:sz=\"4\"") == 1);
    // The header row and the kept row keep with the next row.
    const std::size_t row2 = xml.find("<w:tr>", xml.find("<w:tr>") + 1);
    const std::size_t row3 = xml.find("<w:tr>", row2 + 1);
    CHECK(xml.substr(0, row2).find("<w:keepNext/>") != std::string::npos);
    CHECK(xml.substr(row2, row3 - row2).find("<w:keepNext/>") != std::string::npos);
    CHECK(xml.substr(row3).find("<w:keepNext/>") == std::string::npos);
    // The table's 6 pt before went to the paragraph before it.
    CHECK(paragraphs_of(xml)[0].find("w:after=\"120\"") != std::string::npos);
    // Padding: 1.5 mm each side; bordered rows 0.75 pt over and 2.75 pt under the text.
    CHECK(xml.find("<w:tblCellMar><w:top w:w=\"15\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>"
                   "<w:bottom w:w=\"55\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>") != std::string::npos);
}

TEST_CASE("docx: a borderless grid drops a zero-wide empty column, and two tables in a row are parted") {
    doc::Table h;
    h.widths = {55, 0, 100};
    h.borders = false;
    h.cell_padding = 0;
    doc::Cell l, m, r;
    l.paragraphs = {para("Cơ quan", "cell")};
    r.paragraphs = {para("Quốc hiệu", "cell")};
    h.rows = {doc::Row{{l, m, r}, false}};
    doc::Table second = h;
    doc::Document d = one_section({h, second});
    const std::string xml = document_xml(d);
    CHECK(count(xml, "<w:gridCol") == 4);  // two of each table's three columns
    CHECK(count(xml, "<w:top w:val=\"nil\"") == 2);
    // Between the tables: a gap paragraph.
    const std::size_t end1 = xml.find("</w:tbl>");
    CHECK(xml.find("<w:p><w:pPr><w:pStyle w:val=\"thiduaGap\"/>", end1) == end1 + 8);
    // Landscape: the middle column takes what the others leave.
    d.sections[0].orientation = doc::Orientation::landscape;
    const std::string wide = document_xml(d);
    CHECK(count(wide, "<w:gridCol") == 6);
    CHECK(wide.find("<w:gridCol w:w=\"4932\"/>") != std::string::npos);  // 242 - 55 - 100 = 87 mm
}

TEST_CASE("docx: each section has its page, margins, numbering from 1 and a PAGE field from page 2") {
    doc::Document d = one_section({para("Thân.")});
    doc::Section land;
    land.orientation = doc::Orientation::landscape;
    land.margin_top = 20;
    land.margin_left = 30;
    land.page_number_size = 13;
    land.blocks = {para("Danh sách.")};
    doc::Section quiet;
    quiet.page_numbers = false;
    quiet.blocks = {para("Không số trang.")};
    d.sections.push_back(land);
    d.sections.push_back(quiet);
    auto files = parts(docx_of(d));
    const std::string xml = files["word/document.xml"];
    CHECK(count(xml, "<w:sectPr>") == 3);
    CHECK(count(xml, "<w:pgNumType w:start=\"1\"/>") == 3);
    CHECK(count(xml, "<w:titlePg/>") == 2);
    CHECK(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") != std::string::npos);
    CHECK(xml.find("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>") != std::string::npos);
    CHECK(xml.find("<w:pgMar w:top=\"1417\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1984\"") != std::string::npos);
    CHECK(xml.find("<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\"") != std::string::npos);
    // The first two sections end on their last paragraph; the last one at the end of the body.
    const auto ps = paragraphs_of(xml);
    CHECK(ps[0].find("<w:sectPr>") != std::string::npos);
    CHECK(ps[1].find("<w:sectPr>") != std::string::npos);
    CHECK(xml.find("</w:p><w:sectPr>") != std::string::npos);
    // Headers: the empty one, then one per page-number size (14 pt and 13 pt).
    CHECK(files["word/header1.xml"].find("PAGE") == std::string::npos);
    CHECK(files["word/header2.xml"].find("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>") != std::string::npos);
    CHECK(files["word/header2.xml"].find("<w:jc w:val=\"center\"/>") != std::string::npos);
    CHECK(files["word/header2.xml"].find("<w:sz w:val=\"28\"/>") != std::string::npos);
    CHECK(files["word/header3.xml"].find("<w:sz w:val=\"26\"/>") != std::string::npos);
    CHECK(count(xml, "<w:headerReference w:type=\"default\" r:id=\"rIdH1\"/>") == 1);  // no numbers
    CHECK(count(xml, "<w:headerReference w:type=\"first\" r:id=\"rIdH1\"/>") == 3);
    // The number's baseline 12 mm from the top: the header starts 12 mm less the ascent.
    CHECK(xml.find("w:header=\"431\"") != std::string::npos);
    CHECK(files["[Content_Types].xml"].find("/word/header3.xml") != std::string::npos);
    CHECK(files["word/_rels/document.xml.rels"].find("Id=\"rIdH3\"") != std::string::npos);
}

TEST_CASE("docx: a rule is a paragraph with a top border, indented to its measured extent") {
    doc::Paragraph p = para("Độc lập - Tự do - Hạnh phúc");
    p.align = doc::Align::center;
    p.rule = doc::Rule::text;
    p.rule_from = 30;
    p.rule_to = 125;
    p.space_after = 3;
    doc::Paragraph q = p;
    q.rule_from = q.rule_to = -1;  // not measured: a third of the box, centred
    const std::string xml = document_xml(one_section({p, q}));
    const auto ps = paragraphs_of(xml);
    REQUIRE(ps.size() >= 4);
    CHECK(ps[0].find("<w:keepNext/>") != std::string::npos);  // the text keeps with its rule
    CHECK(ps[0].find("w:after=\"60\"") == std::string::npos);  // its space after goes under the rule
    CHECK(ps[1].find("<w:pStyle w:val=\"thiduaRule\"/>") != std::string::npos);
    CHECK(ps[1].find("<w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:pBdr>") != std::string::npos);
    CHECK(ps[1].find("<w:ind w:left=\"1701\" w:right=\"1701\" w:firstLine=\"0\"/>") != std::string::npos);
    CHECK(ps[1].find("w:after=\"60\"") != std::string::npos);
    CHECK(ps[1].find("w:line=\"1\" w:lineRule=\"exact\"") != std::string::npos);
    CHECK(ps[3].find("<w:ind w:left=\"2929\" w:right=\"2929\" w:firstLine=\"0\"/>") != std::string::npos);
}

TEST_CASE("docx: spacers, page breaks and the space before tables become paragraph spacing") {
    doc::Table t;
    t.widths = {50};
    t.space_before = 12;
    doc::Cell c;
    c.paragraphs = {para("ô", "cell")};
    t.rows = {doc::Row{{c}, false}};
    doc::Document d = one_section({doc::Spacer{30}, para("Một."), doc::Spacer{10}, para("Hai."),
                                   doc::PageBreak{}, para("Ba."), doc::PageBreak{}, t, t});
    const std::string xml = document_xml(d);
    const auto ps = paragraphs_of(xml);
    // A spacer at the top of the page counts for nothing, as in the PDF.
    CHECK(ps[0].find("<w:spacing") == std::string::npos);
    CHECK(ps[1].find("w:before=\"320\"") != std::string::npos);  // 6 + 10 pt
    CHECK(ps[2].find("<w:pageBreakBefore/>") != std::string::npos);
    // Before the first table: a 1 pt paragraph that starts the page; between the tables a
    // 12 pt one; after the last, a 1 pt one carrying the section.
    CHECK(ps[3].find("<w:pageBreakBefore/>") != std::string::npos);
    CHECK(xml.find("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"exact\"/>") != std::string::npos);
    CHECK(count(xml, "<w:tbl>") == 2);
}

TEST_CASE("docx: core properties carry the title, subject on one line, author and the pinned date") {
    doc::Document d = one_section({para("x")});
    auto files = parts(docx_of(d));
    const std::string core = files["docProps/core.xml"];
    CHECK(core.find("<dc:title>Kế hoạch</dc:title>") != std::string::npos);
    CHECK(core.find("<dc:subject>Phát động phong trào</dc:subject>") != std::string::npos);
    CHECK(core.find("<dc:creator>UBND xã</dc:creator>") != std::string::npos);
    CHECK(core.find("<dc:language>vi-VN</dc:language>") != std::string::npos);
    CHECK(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-01-05T00:00:00Z</dcterms:created>") != std::string::npos);
    CHECK(core.find("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2025-01-05T00:00:00Z</dcterms:modified>") != std::string::npos);
    d.created = "không phải ngày";
    CHECK(parts(docx_of(d))["docProps/core.xml"].find("2000-01-01T00:00:00Z") != std::string::npos);
}

TEST_CASE("docx: a document not sanitized is sanitized on a copy, with its warnings, and no NaN reaches the file") {
    doc::Paragraph p = para("x");
    p.size = std::numeric_limits<double>::quiet_NaN();
    p.first_indent = std::numeric_limits<double>::infinity();
    doc::Document d = one_section({p});
    d.sections[0].margin_left = -5;
    Diagnostics diags;
    const std::string xml = parts(docx_of(d, &diags))["word/document.xml"];
    CHECK(diags.all().size() == 3);
    CHECK(xml.find("nan") == std::string::npos);
    CHECK(xml.find("inf") == std::string::npos);
    CHECK(xml.find("w:left=\"1984\"") != std::string::npos);
}

TEST_CASE("docx: an empty document is still a Word file with one section") {
    doc::Document d;
    auto files = parts(docx_of(d));
    CHECK(files["word/document.xml"].find("<w:body><w:p/><w:sectPr>") != std::string::npos);
    CHECK(well_formed(files["word/document.xml"]));
}

TEST_CASE("docx: columns no cell covers get one empty cell, and a wide, long table costs its cells") {
    doc::Table t;
    t.widths = {10, 10, 10, 10};
    doc::Cell a;
    a.paragraphs = {para("a", "cell")};
    t.rows = {doc::Row{{a}, false}};
    std::string xml = document_xml(one_section({t}));
    CHECK(xml.find("<w:gridSpan w:val=\"3\"/>") != std::string::npos);  // after "a": one cell over three
    CHECK(count(xml, "<w:tc>") == 2);
    // 3,000 rows under a cell that spans 1,000 columns and every row.
    doc::Table big;
    doc::Cell wide;
    wide.colspan = 1000;
    wide.rowspan = 3000;
    wide.paragraphs = {para("x", "cell")};
    big.rows.push_back(doc::Row{{wide}, false});
    for (int r = 1; r < 3000; ++r) big.rows.push_back(doc::Row{{}, false});
    Diagnostics diags;
    auto bytes = docx::write_docx(one_section({big}), diags);
    REQUIRE(bytes.has_value());
    xml = parts(*bytes)["word/document.xml"];
    CHECK(count(xml, "<w:vMerge/>") == 2999);
    CHECK(count(xml, "<w:gridCol ") == 1000);
}

TEST_CASE("docx: a file written part by part through a spill file is the file of the parts joined, byte for byte") {
    // Parts with their own styles and sections (a landscape one with page numbers, one
    // ending with a table): only the last section of all closes the body.
    std::vector<doc::Document> pieces;
    pieces.push_back(one_section({para("Thôn A"), para("ĐĂNG KÝ", "title")}));
    doc::Document second = one_section({para("Thôn B", "heading1")});
    second.styles.push_back(style_of("heading1"));
    doc::Section landscape;
    landscape.orientation = doc::Orientation::landscape;
    landscape.page_numbers = true;
    landscape.page_number_size = 13;
    doc::Table t;
    t.widths = {50.0, 50.0};
    doc::Row row;
    doc::Cell a, b;
    a.paragraphs = {para("1")};
    b.paragraphs = {para("Nguyễn Văn A")};
    b.column = 1;
    row.cells = {a, b};
    t.rows = {row};
    landscape.blocks = {para("DANH SÁCH"), t};
    second.sections.push_back(landscape);
    pieces.push_back(second);
    pieces.push_back(one_section({para("Thôn C"), para("Cam kết.")}));

    doc::Document joined = pieces[0];
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        doc::Document copy = pieces[i];
        doc::append(joined, std::move(copy));
    }
    joined.title = "Bản đăng ký của 3 đơn vị";
    const std::string whole = docx_of(joined);

    std::FILE* spill = std::tmpfile();
    REQUIRE(spill != nullptr);
    Diagnostics d;
    docx::CombinedDocx combined(::fileno(spill));
    for (doc::Document& p : pieces) REQUIRE(combined.add(std::move(p), d));
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("thidua-docx-combined-" + std::to_string(::getpid()) + ".docx")).string();
    REQUIRE_MESSAGE(combined.finish(joined.title, joined.author, joined.subject, joined.created, path, d),
                    d.format());
    std::fclose(spill);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    std::filesystem::remove(path);
    CHECK(parts(bytes) == parts(whole));
    CHECK(bytes == whole);
    CHECK_FALSE(d.has_errors());
}

}  // TEST_SUITE
