// Tests for base/diagnostics: line and character column of byte offsets, line text, and
// the `file:line:col: lỗi: message (tại /pointer)` output with and without the caret.
#include <doctest/doctest.h>

#include <string>

#include "base/diagnostics.hpp"

using thidua::Diagnostic;
using thidua::Diagnostics;
using thidua::LineCol;
using thidua::Severity;
using thidua::SourceFile;

namespace {

LineCol at(const SourceFile& f, const std::string& needle) {
    return f.line_col(f.text().find(needle));
}

}  // namespace

TEST_SUITE("base") {

TEST_CASE("diagnostics: column counts characters after Vietnamese letters") {
    // Line 2: `  "tên": "Đắk Lắk", x` — ê, Đ, ắ, ắ take 2-3 bytes each.
    SourceFile f("f.json", "{\n  \"tên\": \"Đắk Lắk\", x\n}\n");
    LineCol x = at(f, "x");
    CHECK(x.line == 2);
    CHECK(x.col == 21);
    LineCol lak = at(f, "Lắk");
    CHECK(lak.line == 2);
    CHECK(lak.col == 15);
    LineCol first = f.line_col(0);
    CHECK(first.line == 1);
    CHECK(first.col == 1);
    // an offset inside a multi-byte letter points at that letter ("ắ" of "Đắk")
    std::size_t dak = f.text().find("Đắk");
    LineCol inside = f.line_col(dak + 3);  // second byte of "ắ"
    CHECK(inside.line == 2);
    CHECK(inside.col == 12);
    // offsets past the end clamp to the end
    LineCol end = f.line_col(1000);
    CHECK(end.line == 4);
    CHECK(end.col == 1);
}

TEST_CASE("diagnostics: CRLF lines") {
    SourceFile f("f.json", "a\r\nbcd\r\nđêm\r\n");
    LineCol c = at(f, "c");
    CHECK(c.line == 2);
    CHECK(c.col == 2);
    LineCol m = at(f, "m");
    CHECK(m.line == 3);
    CHECK(m.col == 3);
    LineCol cr = f.line_col(f.text().find('\r', 4));  // the CR ending line 2
    CHECK(cr.line == 2);
    CHECK(cr.col == 4);
    CHECK(f.line_text(1) == "a");
    CHECK(f.line_text(2) == "bcd");
    CHECK(f.line_text(3) == "đêm");
    CHECK(f.line_text(4) == "");
    CHECK(f.line_text(5) == "");
    CHECK(f.line_text(0) == "");
}

TEST_CASE("diagnostics: a byte-order mark is not a column") {
    SourceFile f("f.json", "\xEF\xBB\xBF{\"a\": x}");
    LineCol x = at(f, "x");
    CHECK(x.line == 1);
    CHECK(x.col == 7);
    CHECK(f.line_text(1) == "{\"a\": x}");
}

TEST_CASE("diagnostics: an empty or default source file does not crash") {
    SourceFile none;
    LineCol a = none.line_col(5);
    CHECK(a.line == 1);
    CHECK(a.col == 1);
    CHECK(none.line_text(1) == "");
    SourceFile empty("e.json", "");
    LineCol b = empty.line_col(0);
    CHECK(b.line == 1);
    CHECK(b.col == 1);
}

TEST_CASE("diagnostics: a packed source file gives the same text and positions") {
    // Enough lines of Vietnamese text to pass a small threshold; CRLF on some of them.
    std::string text = "\xEF\xBB\xBF{\n";
    for (int i = 0; i < 2000; ++i) {
        text += "  \"tên " + std::to_string(i) + "\": \"Thôn Đắk Lắk số " + std::to_string(i) + "\",";
        text += i % 7 == 0 ? "\r\n" : "\n";
    }
    text += "  \"x\": 1\n}\n";
    SourceFile plain("f.json", text);
    SourceFile packed("f.json", text);
    packed.pack(1000);
    CHECK(packed.packed());
    // Asked for again, the positions are those of the text as it was.
    for (const char* needle : {"{", "tên 0\"", "Lắk số 1234", "tên 1999", "\"x\"", "}"}) {
        const std::size_t offset = text.find(needle);
        REQUIRE(offset != std::string::npos);
        const LineCol a = plain.line_col(offset);
        const LineCol b = packed.line_col(offset);
        CHECK(a.line == b.line);
        CHECK(a.col == b.col);
        CHECK(plain.line_text(a.line) == packed.line_text(b.line));
    }
    CHECK_FALSE(packed.packed());  // inflated by the first question, and kept so
    CHECK(packed.text() == text);
    CHECK(packed.line_col(text.find("Lắk số 1234")).line == 1236);

    // Read forward a character at a time, packed or not, it is the text; a packed one
    // stays packed (a piece at a time).
    SourceFile chars_of("f.json", text);
    chars_of.pack(1000);
    for (SourceFile* f : {&plain, &chars_of}) {
        SourceFile::Chars chars(*f);
        std::string read(chars.begin(), chars.end());
        CHECK(read == text);
    }
    CHECK(chars_of.packed());

    // A text below the threshold stays as it is; packing twice is packing once.
    SourceFile small("s.json", "{\"a\": 1}");
    small.pack();
    CHECK_FALSE(small.packed());
    SourceFile twice("f.json", text);
    twice.pack(1000);
    twice.pack(1000);
    CHECK(twice.text() == text);
    // A copy of a packed file is packed and gives the text too.
    SourceFile original("f.json", text);
    original.pack(1000);
    SourceFile copy = original;
    CHECK(copy.packed());
    CHECK(copy.text() == text);
    CHECK(original.text() == text);
}

TEST_CASE("diagnostics: format prints file:line:col: lỗi: message (tại pointer)") {
    Diagnostics ds;
    ds.error_at("f.json", 3, 7, "message", "/a/b");
    CHECK(ds.format() == "f.json:3:7: lỗi: message (tại /a/b)\n");
    CHECK(ds.has_errors());
    CHECK(ds.error_count() == 1);

    ds.error_general("không tìm thấy tệp cấu hình");
    CHECK(ds.format() ==
          "f.json:3:7: lỗi: message (tại /a/b)\n"
          "lỗi: không tìm thấy tệp cấu hình\n");

    ds.clear();
    CHECK_FALSE(ds.has_errors());
    CHECK(ds.format() == "");
}

TEST_CASE("diagnostics: warnings and notes are not errors") {
    SourceFile f("k.json", "{\n\"x\": 1\n}");
    Diagnostics ds;
    ds.warning(f, f.text().find('1'), "giá trị nhỏ", "/x");
    CHECK_FALSE(ds.has_errors());
    Diagnostic note;
    note.severity = Severity::note;
    note.file = "k.json";
    note.line = 2;
    note.message = "xem tại đây";
    ds.add(note);
    CHECK(ds.error_count() == 0);
    CHECK(ds.format() ==
          "k.json:2:6: cảnh báo: giá trị nhỏ (tại /x)\n"
          "k.json:2: ghi chú: xem tại đây\n");
}

TEST_CASE("diagnostics: caret form points at the character column") {
    // Line 3 is `"hạn":x`; x is character 7 although byte 8.
    SourceFile f("f.json", "{\r\n\"a\": 1,\r\n\"hạn\":x\r\n}\r\n");
    Diagnostics ds;
    ds.error(f, f.text().find('x'), "message", "/a/b");
    REQUIRE(ds.all().size() == 1);
    CHECK(ds.all()[0].line == 3);
    CHECK(ds.all()[0].col == 7);
    CHECK(ds.all()[0].source_line == "\"hạn\":x");
    CHECK(ds.format() == "f.json:3:7: lỗi: message (tại /a/b)\n");
    CHECK(ds.format(true) ==
          "f.json:3:7: lỗi: message (tại /a/b)\n"
          "  \"hạn\":x\n"
          "        ^\n");

    // tabs in the line are kept so the caret lines up
    Diagnostic d;
    d.file = "t.txt";
    d.line = 1;
    d.col = 3;
    d.message = "sai";
    d.source_line = "\tđx";
    CHECK(thidua::format_diagnostic(d, true) ==
          "t.txt:1:3: lỗi: sai\n"
          "  \tđx\n"
          "  \t ^");
    // without a source line the caret form is the plain form
    d.source_line.clear();
    CHECK(thidua::format_diagnostic(d, true) == "t.txt:1:3: lỗi: sai");
}

}  // TEST_SUITE
