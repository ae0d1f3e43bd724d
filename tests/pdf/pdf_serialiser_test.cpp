#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "render/pdf/pdf_serialiser.hpp"
#include "support/tools.hpp"

using namespace thidua::pdf::detail;

namespace {

std::string text(std::string_view s) {
    std::string out;
    append_text_string(out, s);
    return out;
}

std::string literal(std::string_view s) {
    std::string out;
    append_literal_string(out, s);
    return out;
}

/// A small file: objects written out of order, a stream given in pieces, an empty one.
std::string small_file() {
    std::string out;
    PdfSerialiser w([&](const char* d, std::size_t n) { out.append(d, n); }, 5);
    w.header();
    w.begin_stream(5, "/Type /EmbeddedFile", 0);
    w.end_stream();
    const std::string content = "BT /F1 12 Tf 72 720 Td (Hi) Tj ET";
    w.begin_stream(4, "", content.size());
    w.data(content.data(), 10);
    w.data(content.data() + 10, content.size() - 10);
    w.end_stream();
    w.object(3, "<< /Contents 4 0 R /MediaBox [ 0 0 612 792 ] /Parent 2 0 R /Type /Page >>");
    w.object(2, "<< /Count 1 /Kids [ 3 0 R ] /Type /Pages >>");
    w.object(1, "<< /Pages 2 0 R /Type /Catalog >>");
    w.finish(1, 0);
    return out;
}

std::string with_info(const std::string& title) {
    std::string out;
    PdfSerialiser w([&](const char* d, std::size_t n) { out.append(d, n); }, 4);
    w.header();
    w.object(3, "<< /MediaBox [ 0 0 612 792 ] /Parent 2 0 R /Type /Page >>");
    std::string info = "<< /Title ";
    append_text_string(info, title);
    info += " >>";
    w.object(4, info);
    w.object(2, "<< /Count 1 /Kids [ 3 0 R ] /Type /Pages >>");
    w.object(1, "<< /Pages 2 0 R /Type /Catalog >>");
    w.finish(1, 4);
    return out;
}

}  // namespace

TEST_SUITE("pdf") {

TEST_CASE("pdf serialiser: text strings are literal in printable ASCII, else UTF-16BE with a byte order mark") {
    CHECK(text("") == "()");
    CHECK(text("Thon A") == "(Thon A)");
    CHECK(text("a (b) \\c") == "(a \\(b\\) \\\\c)");
    CHECK(text("Thôn") == "<FEFF0054006800F4006E>");
    CHECK(text("Đạt") == "<FEFF01101EA10074>");
    CHECK(text("a\nb") == "<FEFF0061000A0062>");            // not printable: as UTF-16
    CHECK(text("\xF0\x9F\x98\x80") == "<FEFFD83DDE00>");    // U+1F600: a surrogate pair
    CHECK(text("\xFF") == "<FEFFFFFD>");                    // not UTF-8: U+FFFD
    CHECK(literal("D:20260205000000Z") == "(D:20260205000000Z)");
    CHECK(literal("a\nb\r(c)\\\x01") == "(a\\nb\\r\\(c\\)\\\\\\001)");
}

TEST_CASE("pdf serialiser: the cross-reference table gives each object's offset, startxref the table's") {
    const std::string f = small_file();
    REQUIRE(f.rfind("%PDF-1.7\n%\xbf\xf7\xa2\xfe\n", 0) == 0);
    const std::size_t sx = f.rfind("startxref\n");
    REQUIRE(sx != std::string::npos);
    const std::size_t xref = std::stoull(f.substr(sx + 10));
    REQUIRE(f.compare(xref, 12, "xref\n0 6\n000") == 0);
    std::size_t row = f.find('\n', f.find('\n', xref) + 1) + 1;  // after "xref", "0 6"
    CHECK(f.compare(row, 20, "0000000000 65535 f \n") == 0);
    for (int n = 1; n <= 5; ++n) {
        row += 20;
        CAPTURE(n);
        REQUIRE(f.compare(row + 10, 10, " 00000 n \n") == 0);
        const std::size_t at = std::stoull(f.substr(row, 10));
        CHECK(f.compare(at, std::to_string(n).size() + 6, std::to_string(n) + " 0 obj") == 0);
    }
    CHECK(f.find("trailer << /Root 1 0 R /Size 6 /ID [<") != std::string::npos);
    CHECK(f.substr(f.size() - 6) == "%%EOF\n");
    CHECK(f.find("<< /Length 33 >>\nstream\nBT /F1 12 Tf 72 720 Td (Hi) Tj ET\nendstream\nendobj\n") !=
          std::string::npos);

    if (test_support::missing_program("qpdf", "the check of a serialised file")) return;
    const std::string path = "/tmp/thidua-serialiser-" + std::to_string(::getpid()) + ".pdf";
    std::ofstream(path, std::ios::binary) << with_info("Bản đăng ký (Thôn A)");
    std::array<char, 4096> buf{};
    std::string out;
    FILE* p = ::popen(("qpdf --check '" + path + "' 2>&1; echo rc=$?; qpdf --json=2 --json-key=qpdf '" + path +
                       "' | grep -o '\"/Title\": \"[^\"]*\"'").c_str(), "r");
    REQUIRE(p != nullptr);
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    ::pclose(p);
    std::remove(path.c_str());
    CHECK_MESSAGE(out.find("No syntax or stream encoding errors found") != std::string::npos, out);
    CHECK_MESSAGE(out.find("WARNING") == std::string::npos, out);
    CHECK_MESSAGE(out.find("rc=0") != std::string::npos, out);
    CHECK_MESSAGE(out.find("\"/Title\": \"u:Bản đăng ký (Thôn A)\"") != std::string::npos, out);
}

TEST_CASE("pdf serialiser: the same objects give the same bytes, and the /ID is a digest of what it follows") {
    const std::string a = with_info("Thôn A"), b = with_info("Thôn A"), c = with_info("Thôn B");
    CHECK(a == b);
    auto id = [](const std::string& f) { return f.substr(f.find("/ID [<") + 6, 32); };
    CHECK(id(a).find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(id(a) != id(c));
    CHECK(a.find("/ID [<" + id(a) + "><" + id(a) + ">]") != std::string::npos);
}

TEST_CASE("pdf serialiser: a missing object, a stream of the wrong length, a failed write are errors") {
    std::string out;
    auto sink = [&](const char* d, std::size_t n) { out.append(d, n); };
    {
        PdfSerialiser w(sink, 2);
        CHECK_THROWS_AS(w.object(1, "null"), std::logic_error);  // before the header
        w.header();
        w.object(1, "null");
        CHECK_THROWS_AS(w.object(1, "null"), std::logic_error);  // twice
        CHECK_THROWS_AS(w.object(3, "null"), std::logic_error);  // beyond the table
        CHECK_THROWS_AS(w.finish(1, 0), std::logic_error);      // 2 never written
    }
    {
        PdfSerialiser w(sink, 1);
        w.header();
        w.begin_stream(1, "", 4);
        CHECK_THROWS_AS(w.data("12345", 5), std::logic_error);
        w.data("123", 3);
        CHECK_THROWS_AS(w.end_stream(), std::logic_error);
    }
    {
        PdfSerialiser w([](const char*, std::size_t) { throw std::runtime_error("ổ đĩa đã đầy"); }, 1);
        CHECK_THROWS_AS(w.header(), std::runtime_error);
    }
}

}  // TEST_SUITE
