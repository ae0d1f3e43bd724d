#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "doc/sanitize.hpp"
#include "doc/table_geometry.hpp"

using namespace thidua;
using namespace thidua::doc;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Paragraph para(const std::string& text) {
    Paragraph p;
    p.runs.push_back({text, false, false, false});
    return p;
}

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.all()) out.push_back(x.message);
    return out;
}

}  // namespace

TEST_SUITE("doc") {

TEST_CASE("doc: sanitize replaces unusable numbers once, with one warning per kind") {
    Document d;
    Section s;
    s.margin_left = kNaN;
    s.page_number_size = 0;
    Paragraph a = para("một");
    a.size = kNaN;
    a.line_spacing = 1000;
    a.first_indent = kInf;
    a.space_before = -3;
    Paragraph b = para("hai");
    b.size = -1;
    s.blocks = {a, b, Spacer{kInf}};
    d.sections.push_back(s);
    CHECK_FALSE(is_sanitized(d));
    Diagnostics diags;
    sanitize(d, diags);
    CHECK(messages(diags) == std::vector<std::string>{
        "lề của phần 1 không hợp lệ (không phải là số hữu hạn); dùng lề mặc định 25/20/35/20 mm",
        "cỡ chữ của đoạn \"một\" không hợp lệ (không phải là số); dùng 14 pt (và 1 chỗ khác)",
        "giãn dòng của đoạn \"một\" không hợp lệ (1000, quá lớn); dùng 100",
        "thụt đầu dòng của đoạn \"một\" không hợp lệ (vô hạn); dùng 0 mm",
        "chiều cao khoảng trống của phần 1 không hợp lệ (vô hạn); dùng 0 pt",
        "cỡ chữ số trang của phần 1 không hợp lệ (0 pt); dùng 14 pt"});
    const auto& p = std::get<Paragraph>(d.sections[0].blocks[0]);
    CHECK(p.size == 14);
    CHECK(p.line_spacing == kMaxLineSpacing);
    CHECK(p.first_indent == 0);
    CHECK(p.space_before == 0);
    CHECK(std::get<Paragraph>(d.sections[0].blocks[1]).size == 14);
    CHECK(d.sections[0].margin_left == 35);
    CHECK(d.sections[0].page_number_size == 14);
    CHECK(is_sanitized(d));
    // Again: nothing to change, nothing to say.
    Diagnostics again;
    Document copy = d;
    sanitize(copy, again);
    CHECK(again.all().empty());
}

TEST_CASE("doc: margins must leave an inch of text area each way, on the page as turned") {
    Document d;
    Section s;
    s.orientation = Orientation::landscape;
    s.margin_left = 100;
    s.margin_right = 100;  // 297 - 200 = 97 mm wide: fine on landscape
    s.margin_top = 90;
    s.margin_bottom = 90;  // 210 - 180 = 30 mm high: fine
    d.sections.push_back(s);
    CHECK(is_sanitized(d));
    d.sections[0].orientation = Orientation::portrait;  // 10 mm wide
    CHECK_FALSE(is_sanitized(d));
    Diagnostics diags;
    sanitize(d, diags);
    CHECK(messages(diags) == std::vector<std::string>{
        "lề của phần 1 không hợp lệ (âm hoặc quá lớn); dùng lề mặc định 25/20/35/20 mm"});
    CHECK(d.sections[0].text_width() == 155);
}

TEST_CASE("doc: sanitize places the table grid: columns set, spans cut, header-only tables lose the header") {
    Document d;
    Section s;
    Table t;
    t.role = "bảng";
    t.widths = {10, kNaN};
    t.cell_padding = -1;
    Cell wide;
    wide.colspan = 2000;
    Cell tall;
    tall.rowspan = 9;
    t.rows.push_back(Row{{tall, Cell{}}, false});
    t.rows.push_back(Row{{wide}, false});
    t.header_rows = 2;
    s.blocks.push_back(t);
    d.sections.push_back(s);
    Diagnostics diags;
    sanitize(d, diags);
    CHECK(messages(diags) == std::vector<std::string>{
        "bảng 'bảng' chỉ có hàng tiêu đề, không có hàng nội dung",
        "độ rộng cột 2 của bảng 'bảng' không hợp lệ (không phải là số); cột này chia phần bề rộng còn lại",
        "một ô ở hàng 2 của bảng 'bảng' vượt quá 1000 cột; phần vượt quá bị bỏ"});
    const auto& out = std::get<Table>(d.sections[0].blocks[0]);
    CHECK(out.widths[1] == 0);
    CHECK(out.cell_padding == 0);
    CHECK(out.header_rows == 0);
    CHECK(out.rows[0].cells[0].rowspan == 2);
    CHECK(out.rows[0].cells[1].column == 1);
    REQUIRE(out.rows[1].cells.size() == 1);
    CHECK(out.rows[1].cells[0].column == 1);
    CHECK(out.rows[1].cells[0].colspan == 999);
    CHECK(is_sanitized(d));
}

TEST_CASE("doc: unusable rule extents and outline levels are reset without a word") {
    Document d;
    Section s;
    Paragraph p = para("x");
    p.rule = Rule::short_;
    p.rule_from = 5;
    p.rule_to = kNaN;
    p.outline_level = 42;
    s.blocks.push_back(p);
    d.sections.push_back(s);
    Diagnostics diags;
    sanitize(d, diags);
    CHECK(diags.all().empty());
    const auto& q = std::get<Paragraph>(d.sections[0].blocks[0]);
    CHECK(q.rule_from == -1);
    CHECK(q.rule_to == -1);
    CHECK(q.outline_level == 9);
}

}  // TEST_SUITE
