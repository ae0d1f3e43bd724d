// Robustness of the template stage against hostile or broken templates: deep nesting of
// blocks, includes and expressions stops with a clean error instead of overflowing the
// stack; a 3 MB line parses, checks and renders in reasonable time; errors on a huge line
// do not copy it into every message; a macro that calls itself forever stops at the
// evaluator's depth limit. And the limits of docs/templates.md 16.1: numbers that do not
// fit, values a filter cannot take, strings, documents and work that would grow without
// end, and #include paths out of the templates folders — each an error at its position.
// Those are not timed: each input would hang or exhaust the memory without its limit.
#include "fixture.hpp"

#include <atomic>
#include <chrono>
#include <thread>
#include <filesystem>
#include <vector>

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tpl_test;
using thidua::tpl::MemorySource;

namespace {

std::string nested_ifs(int depth, const std::string& inner = "x\n") {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "#if true\n";
    s += inner;
    for (int i = 0; i < depth; ++i) s += "#end\n";
    return s;
}

/// Milliseconds spent running `f`.
template <class F>
long long timed_ms(F&& f) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
        .count();
}

/// "#set x = SEED" and `times` lines "#set x = x ~ x": a string of 2^times seeds.
std::string doubled(const std::string& seed, int times, const std::string& var = "x") {
    std::string s = "#set " + var + " = \"" + seed + "\"\n";
    for (int i = 0; i < times; ++i) s += "#set " + var + " = " + var + " ~ " + var + "\n";
    return s;
}

/// "[1,1,…,1]" with `n` elements.
std::string ones(int n) {
    std::string s = "[";
    for (int i = 0; i < n; ++i) s += i ? ",1" : "1";
    return s + "]";
}

const std::string kHead = "section portrait page_numbers margins=25/20/35/20\n";

/// The dump of one body paragraph holding `text`.
std::string para(const std::string& text) { return "  p[body justify 14 indent=10 before=6] " + text + "\n"; }

}  // namespace

TEST_SUITE("template") {

TEST_CASE("template: 10 000 nested #if stop with a nesting error, not a crash") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", nested_ifs(10000)}}, d);
    CHECK_FALSE(c.has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.format() == "main.tpl:201:1: lỗi: lệnh lồng nhau quá 200 cấp\n");
}

TEST_CASE("template: nesting up to the limit is fine, one more level is an error") {
    Diagnostics d;
    auto ok = compile_memory({{"main.tpl", nested_ifs(200, "{{ issuer.name }}\n")}}, d);
    CHECK(d.format() == "");
    REQUIRE(ok.has_value());
    thidua::JsonDoc doc = json_doc(R"({"issuer": {"name": "Sâu"}})");
    auto out = thidua::tpl::render(*ok, doc, nullptr, d);
    REQUIRE_MESSAGE(out.has_value(), d.format());
    CHECK(thidua::doc::dump(*out) ==
          "section portrait page_numbers margins=25/20/35/20\n"
          "  p[body justify 14 indent=10 before=6] Sâu\n");

    Diagnostics d2;
    CHECK_FALSE(compile_memory({{"main.tpl", nested_ifs(201)}}, d2).has_value());
    CHECK(d2.format() == "main.tpl:201:1: lỗi: lệnh lồng nhau quá 200 cấp\n");
}

TEST_CASE("template: the nesting limit counts every kind of block and what follows still parses") {
    std::string s;
    for (int i = 0; i < 300; ++i) {
        s += i % 3 == 0 ? "#for x in campaign.phases\n" : i % 3 == 1 ? "#if campaign.theme\n" : "#table widths=10\n";
    }
    for (int i = 0; i < 300; ++i) s += "#end\n";
    s += "{{ campain.name }}\n";  // still reported: parsing goes on after the deep block
    Diagnostics d;
    CHECK_FALSE(compile_memory({{"main.tpl", s}}, d).has_value());
    CHECK(d.format() == "main.tpl:201:1: lỗi: lệnh lồng nhau quá 200 cấp\n");
    // Parse errors stop before the check, so the unknown variable is not reported; the
    // parse itself reached the end without a second, spurious error.
    CHECK(d.all().size() == 1);
}

TEST_CASE("template: 10 000 files each including the next stop at the nesting limit") {
    MemorySource src;
    for (int i = 0; i < 10000; ++i) {
        src.add(i == 0 ? "main.tpl" : "f" + std::to_string(i) + ".tpl",
                "#include \"f" + std::to_string(i + 1) + ".tpl\"\n");
    }
    src.add("f10000.tpl", "x\n");
    Diagnostics d;
    auto c = thidua::tpl::compile(src, "main", repo_schema().root(), d);
    CHECK_FALSE(c.has_value());
    CHECK(d.format() == "f200.tpl:1:1: lỗi: lệnh lồng nhau quá 200 cấp\n");
}

TEST_CASE("template: deeply nested expressions stop with an error, not a crash") {
    for (const std::string& open : {std::string("("), std::string("not "), std::string("- "),
                                    std::string("[")}) {
        CAPTURE(open);
        std::string e;
        for (int i = 0; i < 100000; ++i) e += open;
        e += "1";
        if (open == "(") e += std::string(100000, ')');
        if (open == "[") e += std::string(100000, ']');
        Diagnostics d;
        CHECK_FALSE(compile_memory({{"main.tpl", "{{ " + e + " }}\n"}}, d).has_value());
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].message == "biểu thức lồng nhau quá 200 cấp");
        CHECK(d.all()[0].line == 1);
    }
    // Chains are built without recursion but walked recursively later: their length
    // counts too. 150 terms are fine; 1 MB of "+ 1", ".a" or "| trim" is an error.
    std::string flat = "1";
    for (int i = 0; i < 150; ++i) flat += " + 1";
    CHECK(render_text("{{ " + flat + " }}\n") ==
          "section portrait page_numbers margins=25/20/35/20\n"
          "  p[body justify 14 indent=10 before=6] 151\n");
    for (const std::string& link : {std::string(" + 1"), std::string(".a"), std::string(" | trim"),
                                    std::string("[0]"), std::string(" ~ \"x\"")}) {
        CAPTURE(link);
        std::string e = "campaign.name";
        while (e.size() < (1u << 20)) e += link;
        Diagnostics d;
        CHECK_FALSE(compile_memory({{"main.tpl", "{{ " + e + " }}\n"}}, d).has_value());
        REQUIRE(d.all().size() == 1);
        CHECK(d.all()[0].message == "biểu thức lồng nhau quá 200 cấp");
        CHECK(d.all()[0].source_line.empty());  // a 1 MB line is not copied into the message
    }
}

TEST_CASE("template: a 3 MB line parses, checks and renders") {
    std::string line;
    line.reserve(3u << 20);
    while (line.size() < (3u << 20)) line += "Thi đua **yêu nước** {{ issuer.name }} ";
    const std::string expected_text = [&] {
        std::string t;
        for (std::size_t at = 0; at < line.size();) {
            std::size_t open = line.find("{{ issuer.name }}", at);
            if (open == std::string::npos) {
                t += line.substr(at);
                break;
            }
            t += line.substr(at, open - at) + "Ban";
            at = open + 17;
        }
        std::string plain;
        for (char ch : t) {
            if (ch != '*') plain += ch;
        }
        while (!plain.empty() && plain.back() == ' ') plain.pop_back();
        return plain;
    }();
    std::optional<thidua::doc::Document> out;
    Diagnostics d;
    long long ms = timed_ms([&] {
        auto c = compile_memory({{"main.tpl", line + "\n"}}, d);
        REQUIRE_MESSAGE(c.has_value(), d.format().substr(0, 2000));
        thidua::JsonDoc doc = json_doc(R"({"issuer": {"name": "Ban"}})");
        out = thidua::tpl::render(*c, doc, nullptr, d);
    });
    REQUIRE(out.has_value());
    const auto& p = std::get<thidua::doc::Paragraph>(out->sections.at(0).blocks.at(0));
    CHECK(p.text() == expected_text);
    CHECK(ms < 20000);
}

TEST_CASE("template: a 3 MB line of text, of attributes, or of an unclosed expression") {
    const std::string big(3u << 20, 'a');
    // One paragraph of plain text.
    std::string dump = render_text(big + "\n");
    CHECK(dump.size() > big.size());
    // An unclosed {{ at the start of a 3 MB line: one error.
    Diagnostics d;
    CHECK_FALSE(compile_memory({{"main.tpl", "{{ " + big + "\n"}}, d).has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message == "thiếu \"}}\" đóng biểu thức");
    // An attribute block that never closes, and 3 MB of "{" that is not "{{".
    Diagnostics d2;
    CHECK_FALSE(compile_memory({{"main.tpl", "{center " + big + "\n"}}, d2).has_value());
    REQUIRE(d2.all().size() == 1);
    CHECK(d2.all()[0].message == "thiếu \"}\" đóng phần thuộc tính");
    Diagnostics d3;
    std::string braces;
    for (int i = 0; i < (3 << 19); ++i) braces += "{a";
    auto c3 = compile_memory({{"main.tpl", "x " + braces + "\n"}}, d3);
    CHECK(d3.format() == "");
    CHECK(c3.has_value());
}

TEST_CASE("template: many errors on one huge line stop at 100, quickly, without copying the line") {
    std::string line;
    while (line.size() < (3u << 20)) line += "{{ khong_co }} ";
    Diagnostics d;
    long long ms = timed_ms([&] { CHECK_FALSE(compile_memory({{"main.tpl", line + "\n"}}, d).has_value()); });
    REQUIRE(d.all().size() == 101);
    CHECK(d.format().size() < 10000);
    CHECK(thidua::format_diagnostic(d.all()[0]) == "main.tpl:1:4: lỗi: không có biến \"khong_co\"");
    CHECK(thidua::format_diagnostic(d.all()[1]) == "main.tpl:1:19: lỗi: không có biến \"khong_co\"");
    CHECK(thidua::format_diagnostic(d.all()[100]) == "main.tpl: lỗi: còn lỗi khác; chỉ báo 100 lỗi đầu tiên");
    CHECK(ms < 20000);
    // The same for syntax errors: 3 MB of unknown directives, one per line.
    std::string lines;
    while (lines.size() < (3u << 20)) lines += "#khong\n";
    Diagnostics d2;
    CHECK_FALSE(compile_memory({{"main.tpl", lines}}, d2).has_value());
    REQUIRE(d2.all().size() == 101);
    CHECK(thidua::format_diagnostic(d2.all()[99]) == "main.tpl:100:1: lỗi: lệnh không hợp lệ \"#khong\"");
    CHECK(thidua::format_diagnostic(d2.all()[100]) == "main.tpl: lỗi: còn lỗi khác; chỉ báo 100 lỗi đầu tiên");
    // Errors already in the Diagnostics (another file, another stage) do not count.
    Diagnostics d3;
    for (int i = 0; i < 150; ++i) d3.error_general("trước");
    CHECK_FALSE(compile_memory({{"main.tpl", "{{ a }}\n{{ b }}\n"}}, d3).has_value());
    REQUIRE(d3.all().size() == 152);
    CHECK(thidua::format_diagnostic(d3.all()[151]) == "main.tpl:2:4: lỗi: không có biến \"b\"");
}

TEST_CASE("template: recursion through deeply nested blocks stops at the depth limit, not the stack") {
    // Each of the 64 calls allowed runs inside 199 nested blocks: 12 736 levels of blocks.
    std::string body = "#macro m(n: integer)\n";
    for (int i = 0; i < 99; ++i) body += "#if true\n#for p in campaign.phases\n";
    body += "#if true\n";  // 199 blocks: the macro itself is the 200th level
    body += "#call m(n + 1)\n";
    for (int i = 0; i < 200; ++i) body += "#end\n";
    body += "#call m(0)\n";
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", body}}, d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    thidua::JsonDoc doc = json_doc(R"({"campaign": {"phases": [{}]}})");
    CHECK_FALSE(thidua::tpl::render(*c, doc, nullptr, d).has_value());
    CHECK(d.format() == "main.tpl:201:1: lỗi: lệnh lồng nhau quá 1000 cấp khi điền dữ liệu (tính cả các lần gọi macro)\n");
}

TEST_CASE("template: a macro calling itself forever stops at the evaluator's depth limit") {
    CHECK(render_text("#macro m(n: integer)\n#call m(n + 1)\n#end\n#call m(1)\n") ==
          "ERRORS\nmain.tpl:2:1: lỗi: macro \"m\" gọi lồng nhau quá 64 cấp\n");
    // Two macros calling each other, inside loops and tables: same stop.
    CHECK(render_text("#macro a(n: integer)\n#for p in campaign.phases\n#call b(n)\n#end\n#end\n"
                      "#macro b(n: integer)\n#if true\n#call a(n + 1)\n#end\n#end\n#call a(0)\n",
                      R"({"campaign": {"phases": [{}]}})") ==
          "ERRORS\nmain.tpl:8:1: lỗi: macro \"a\" gọi lồng nhau quá 64 cấp\n");
    // Recursion that ends within the limit is fine, and the depth count is released after
    // each call: 100 calls of depth 60 in a row.
    CHECK(render_text("#macro m(n: integer)\n#if n > 0\n#call m(n - 1)\n#end\n#end\n"
                      "#for p in campaign.phases\n#call m(60)\n#end\nxong\n",
                      "{\"campaign\": {\"phases\": [" + [] {
                          std::string s;
                          for (int i = 0; i < 100; ++i) s += i ? ",{}" : "{}";
                          return s;
                      }() + "]}}") ==
          "section portrait page_numbers margins=25/20/35/20\n"
          "  p[body justify 14 indent=10 before=6] xong\n");
}

// ---------------------------------------------------------------------------------------
// Numbers: literals are parsed exactly, arithmetic never overflows silently.

TEST_CASE("template: integer literals are exact up to INT64_MAX, larger ones are errors") {
    // 2^53 + 1 would come out as 2^53 through a double; INT64_MAX would wrap to INT64_MIN.
    CHECK(render_text("{{ 9223372036854775807 }}\n{{ 9007199254740993 }}\n"
                      "{{ -9223372036854775807 - 1 }}\n{{ 0." + std::string(400, '0') + "1 }}\n") ==
          kHead + para("9223372036854775807") + para("9007199254740993") +
              para("-9223372036854775808") + para("0"));
    // 400 digits threw std::out_of_range out of std::stod ("lỗi nội bộ", exit 3).
    Diagnostics d;
    CHECK_FALSE(compile_memory({{"main.tpl", "Số {{ 1 + " + std::string(400, '9') + " }}\n"}}, d));
    CHECK(d.format() == "main.tpl:1:11: lỗi: số quá lớn: số nguyên viết trong mẫu tối đa "
                        "9223372036854775807\n");
}

TEST_CASE("template: integer overflow is an error at the operator, not undefined behaviour") {
    const std::string range = "nằm ngoài khoảng số nguyên từ -9223372036854775808 đến 9223372036854775807";
    CHECK(render_text("{{ 4611686018427387904 * 2 }}\n") ==
          "ERRORS\nmain.tpl:1:24: lỗi: số quá lớn: kết quả phép \"*\" " + range + "\n");
    CHECK(render_text("{{ -(-9223372036854775807 - 1) }}\n") ==
          "ERRORS\nmain.tpl:1:4: lỗi: số quá lớn: kết quả dấu \"-\" " + range + "\n");
    CHECK(render_text("x\n{{ 9223372036854775807 + 1 }}\n") ==
          "ERRORS\nmain.tpl:2:24: lỗi: số quá lớn: kết quả phép \"+\" " + range + "\n");
    CHECK(render_text("{{ -9223372036854775807 - 2 }}\n") ==
          "ERRORS\nmain.tpl:1:25: lỗi: số quá lớn: kết quả phép \"-\" " + range + "\n");
    // Doubling in a loop stops at the turn that overflows.
    CHECK(render_text("#set n = 1\n#for i in " + ones(70) + "\n#set n = n * 2\n#end\n") ==
          "ERRORS\nmain.tpl:3:12: lỗi: số quá lớn: kết quả phép \"*\" " + range + "\n");
    // Decimals: past 1.8e308 the result would be infinite ("∞" printed).
    CHECK(render_text("{{ 1" + std::string(308, '0') + ".0 * 10 }}\n") ==
          "ERRORS\nmain.tpl:1:316: lỗi: số quá lớn: kết quả phép \"*\" vượt quá giới hạn của số thập phân\n");
    // A percentage of a huge number printed "∞%".
    CHECK(render_text("{{ 1" + std::string(307, '0') + ".0 | percent(0.5) }}\n") ==
          "ERRORS\nmain.tpl:1:317: lỗi: số quá lớn: bộ lọc \"percent\" cho kết quả vượt quá giới hạn "
          "của số thập phân\n");
    // Just inside the range is fine.
    CHECK(render_text("{{ 4611686018427387903 * 2 + 1 }}\n{{ 0 - 9223372036854775807 - 1 }}\n") ==
          kHead + para("9223372036854775807") + para("-9223372036854775808"));
}

TEST_CASE("template: an unsigned 64-bit number in the campaign prints as itself, computing with it is an error") {
    const std::string campaign = R"({"document": {"number": 18446744073709551615}})";
    // Read as a signed integer it printed "-1" ("Số: -1/KH-…").
    CHECK(render_text("Số: {{ document.number }}/KH\n", campaign) == kHead + para("Số: 18446744073709551615/KH"));
    CHECK(render_text("{{ document.number + 1 }}\n", campaign) ==
          "ERRORS\nmain.tpl:1:20: lỗi: số quá lớn: kết quả phép \"+\" nằm ngoài khoảng số nguyên từ "
          "-9223372036854775808 đến 9223372036854775807\n");
    CHECK(render_text("{{ -document.number }}\n", campaign) ==
          "ERRORS\nmain.tpl:1:4: lỗi: số quá lớn: kết quả dấu \"-\" nằm ngoài khoảng số nguyên từ "
          "-9223372036854775808 đến 9223372036854775807\n");
    // Through a filter too ("-1" in join, fill, replace).
    CHECK(render_text("{{ [document.number] | join(\", \") }} {{ \"{n}\" | fill(n=document.number) }}\n", campaign) ==
          kHead + para("18446744073709551615 18446744073709551615"));
    // As a list index it finds nothing (it wrapped to -1, the last element).
    CHECK(render_text("{{ [\"a\", \"b\"][document.number] | default(\"không có\") }}\n", campaign) ==
          kHead + para("không có"));
}

TEST_CASE("template: #space computed while rendering is checked like a written one") {
    CHECK(render_text("x\n#set n = 600\n#space n\n") ==
          "ERRORS\nmain.tpl:3:8: lỗi: \"#space\" cần một số từ 0 đến 500 (pt), gặp 600\n");
    CHECK(render_text("x\n#space 250 * 3\n") ==
          "ERRORS\nmain.tpl:2:12: lỗi: \"#space\" cần một số từ 0 đến 500 (pt), gặp 750\n");
    CHECK(render_text("x\n#space 0 - 0.5\n") ==
          "ERRORS\nmain.tpl:2:10: lỗi: \"#space\" cần một số từ 0 đến 500 (pt), gặp -0.5\n");
    CHECK(render_text("x\n#space 1" + std::string(300, '0') + ".0 * 1\n") ==
          "ERRORS\nmain.tpl:2:312: lỗi: \"#space\" cần một số từ 0 đến 500 (pt), gặp 1e+300\n");
    CHECK(render_text("x\n#space 250 * 2\n") ==
          kHead + para("x") + "  spacer 500\n");
}

// ---------------------------------------------------------------------------------------
// Filters and counters that turn a number into letters.

TEST_CASE("template: letter, roman and pad2 have explicit ranges") {
    // A billion was a 43 MB word; 2^31 and up was an undefined cast to int; 1e14 printed "".
    CHECK(render_text("{{ 1000000000 | letter }}\n") ==
          "ERRORS\nmain.tpl:1:17: lỗi: bộ lọc \"letter\" cần một số nguyên từ 1 đến 1000\n");
    CHECK(render_text("#macro m(v: any)\n{{ v | letter }}\n#end\n#call m(100000000000000.0)\n") ==
          "ERRORS\nmain.tpl:2:8: lỗi: bộ lọc \"letter\" cần một số nguyên từ 1 đến 1000\n");
    CHECK(render_text("{{ document.number | letter }}\n", R"({"document": {"number": 100000000000000}})") ==
          "ERRORS\nc.json:1:25: lỗi: bộ lọc \"letter\" cần một số nguyên từ 1 đến 1000 (mẫu main.tpl:1:22) "
          "(tại /document/number)\n");
    CHECK(render_text("{{ 0 | letter }}\n") ==
          "ERRORS\nmain.tpl:1:8: lỗi: bộ lọc \"letter\" cần một số nguyên từ 1 đến 1000\n");
    CHECK(render_text("{{ 4000 | roman }}\n") ==
          "ERRORS\nmain.tpl:1:11: lỗi: bộ lọc \"roman\" cần một số nguyên từ 1 đến 3999\n");
    CHECK(render_text("{{ 4294967297 | roman }}\n") ==
          "ERRORS\nmain.tpl:1:17: lỗi: bộ lọc \"roman\" cần một số nguyên từ 1 đến 3999\n");
    CHECK(render_text("{{ 2147483648 | pad2 }}\n") ==
          "ERRORS\nmain.tpl:1:17: lỗi: bộ lọc \"pad2\" cần một số nguyên từ -2147483648 đến 2147483647\n");
    CHECK(render_text("{{ 1000 | letter }} {{ 3999 | roman }} {{ (0 - 2147483648) | pad2 }} {{ 7 | pad2 }}\n") ==
          kHead + para(std::string(44, 'l') + " MMMCMXCIX -2147483648 07"));
}

TEST_CASE("template: more than 1000 points a), b)… or letter-numbered headings in a row is an error") {
    // The 1001st letter would be "aaaa…" 44 long and growing: a million items in a loop
    // built gigabytes of letters.
    CHECK(render_text("#for i in " + ones(1001) + "\n~a mục\n#end\n") ==
          "ERRORS\nmain.tpl:2:1: lỗi: quá 1000 điểm a), b), c)… liền nhau: không còn chữ cái thứ tự để đánh\n");
    CHECK(render_text("#for i in " + ones(1001) + "\n==== mục\n#end\n") ==
          "ERRORS\nmain.tpl:2:1: lỗi: quá 1000 điểm a), b), c)… liền nhau: không còn chữ cái thứ tự để đánh\n");
    // A numbered item starts the letters again: 2000 items under two "~1" are fine.
    std::string out = render_text("~1 một\n#for i in " + ones(1000) + "\n~a mục\n#end\n~1 hai\n#for i in " +
                                  ones(1000) + "\n~a mục\n#end\n");
    CHECK(out.rfind("ERRORS", 0) == std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Strings and the document: bounded.

TEST_CASE("template: a string built by ~ in a loop stops at 16 MiB") {
    // "ab" doubled 40 times is 2 TiB: it ran out of memory. 2 × 2^23 bytes is exactly
    // 16 MiB and allowed; the next doubling, on line 25, is not.
    std::string tpl = doubled("ab", 40);
    CHECK(render_text(tpl) == "ERRORS\nmain.tpl:25:12: lỗi: phép \"~\" tạo chuỗi dài quá 16 MiB\n");
    CHECK(render_text(doubled("ab", 23) + "{{ x | length }}\n") == kHead + para("16777216"));
}

TEST_CASE("template: filters stop at 16 MiB too, and so does a list written in the template") {
    const std::string x1m = doubled("a", 20);  // x: 1 MiB
    // join: 16 separators of 1 MiB and 17 digits.
    CHECK(render_text(x1m + "{{ [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17] | join(x) | length }}\n") ==
          "ERRORS\nmain.tpl:22:50: lỗi: bộ lọc \"join\" tạo chuỗi dài quá 16 MiB\n");
    // replace: each of 8192 "a" by 8192 bytes is 64 MiB.
    CHECK(render_text(doubled("a", 13) + "{{ x | replace(\"a\", x) | length }}\n") ==
          "ERRORS\nmain.tpl:15:8: lỗi: bộ lọc \"replace\" tạo chuỗi dài quá 16 MiB\n");
    // fill: 4096 placeholders of 8192 bytes each is 32 MiB.
    CHECK(render_text(doubled("a", 13) + doubled("{a}", 12, "t") + "{{ t | fill(a=x) | length }}\n") ==
          "ERRORS\nmain.tpl:28:8: lỗi: bộ lọc \"fill\" tạo chuỗi dài quá 16 MiB\n");
    // upper: 16 MiB of "ɐ" (2 bytes) is 24 MiB of "Ɐ" (3 bytes).
    CHECK(render_text(doubled("ɐɐɐɐ", 21) + "{{ x | upper | length }}\n") ==
          "ERRORS\nmain.tpl:23:8: lỗi: bộ lọc \"upper\" tạo chuỗi dài quá 16 MiB\n");
    // A list of 8 MiB strings.
    CHECK(render_text(doubled("a", 23) + "{{ [x, x, x] | length }}\n") ==
          "ERRORS\nmain.tpl:25:4: lỗi: danh sách viết trong mẫu chứa quá 16 MiB chữ\n");
}

TEST_CASE("template: a document holds at most 16 MiB of text") {
    CHECK(render_text(doubled("a", 23) + "{{ x }}\n{{ x }}\n{{ x }}\n") ==
          "ERRORS\nmain.tpl:27:4: lỗi: văn bản dài quá 16 MiB chữ\n");
    // Table cells count too: the third copy is one too many.
    CHECK(render_text(doubled("a", 23) + "#table widths=100\n#for i in " + ones(100) +
                      "\n| {{ x }} |\n#end\n#end\n") ==
          "ERRORS\nmain.tpl:27:6: lỗi: văn bản dài quá 16 MiB chữ\n");
}

// ---------------------------------------------------------------------------------------
// Work: every rendering has a budget of steps.

TEST_CASE("template: loops nested over long lists stop at the step limit instead of running for hours") {
    const std::string budget =
        "lỗi: mẫu làm quá 10.000.000 bước khi điền dữ liệu: vòng lặp lồng nhau, macro gọi quá "
        "nhiều lần hay chuỗi quá dài bị chép nhiều lần?";
    // 300^3 = 27 million turns of the innermost loop.
    const std::string l = ones(300);
    std::string out = render_text("#for a in " + l + "\n#for b in " + l + "\n#for c in " + l +
                                  "\n#end\n#end\n#end\nxong\n");
    CHECK(out == "ERRORS\nmain.tpl:3:1: " + budget + "\n");
    // A macro calling itself twice, 60 deep: 2^60 calls, each well within the depth limit.
    CHECK(render_text("#macro m(n: integer)\n#if n > 0\n#call m(n - 1)\n#call m(n - 1)\n#end\n#end\n"
                      "#call m(60)\n")
              .find(budget) != std::string::npos);
    // Copying a long string is work too: 8 MiB copied 30 times is cheap in steps but not
    // in bytes.
    CHECK(render_text(doubled("a", 23) + "#for i in " + ones(30) + "\n#set y = x\n#end\n") ==
          "ERRORS\nmain.tpl:26:1: " + budget + "\n");
}

TEST_CASE("template: an unclosed { ( or \" on every line of 2 MiB is reported without quadratic time") {
    // Each closing mark was looked for in the rest of the file, not of the line.
    // (A broken "#macro" line skips what follows as its body: one error.)
    for (const auto& [line, errors] : std::vector<std::pair<std::string, std::size_t>>{
             {"{a", 101}, {"x {{ a", 101}, {"=(1", 101}, {"#include \"a", 101}, {"#macro m(a: string", 1}}) {
        CAPTURE(line);
        // As many lines as 2 MiB holds: the work was lines × file size, 10^11 bytes and more.
        std::string text;
        while (text.size() + line.size() < (2u << 20)) text += line + "\n";
        Diagnostics d;
        CHECK_FALSE(compile_memory({{"main.tpl", text}}, d).has_value());
        CHECK(d.all().size() == errors);
        CHECK(d.all()[0].line == 1);
    }
}

TEST_CASE("template: fill and fill_indicators take linear time on long texts") {
    // 4 MiB of "{" with no "}": each "{" looked for its "}" to the end of the text.
    CHECK(render_text(doubled("{", 22, "t") + "{{ t | fill(a=1) | length }}\n") == kHead + para("4194304"));
    // 2^20 placeholders against 20 000 indicators: each placeholder walked the list.
    std::string inds;
    for (int i = 0; i < 20000; ++i) inds += "{\"id\": \"i" + std::to_string(i) + "\"},";
    inds += "{\"id\": \"x\", \"target\": 3}";
    CHECK(render_text(doubled("{x}", 20, "t") + "{{ t | fill_indicators(campaign.indicators) | length }}\n",
                      "{\"campaign\": {\"indicators\": [" + inds + "]}}") ==
          kHead + para("2097152"));
}

// ---------------------------------------------------------------------------------------
// Template files on disk: only regular files inside the templates folders, at most 4 MiB.

TEST_CASE("template: #include reads only regular files inside the templates folders") {
    namespace fs = std::filesystem;
    const fs::path base = fs::temp_directory_path() / ("thidua-include-" + std::to_string(::getpid()));
    fs::remove_all(base);
    const fs::path root = base / "mau", fallback = base / "goc", outside = base / "ngoai";
    fs::create_directories(root / "thu-muc");
    fs::create_directories(fallback);
    fs::create_directories(outside);
    write_file(outside / "bi-mat.tpl", "bí mật\n");
    write_file(fallback / "chung.tpl", "chung\n");
    write_file(root / "rieng.tpl", "riêng\n");
    fs::create_symlink(outside / "bi-mat.tpl", root / "ra-ngoai.tpl");
    fs::create_symlink("/dev/zero", root / "zero.tpl");
    fs::create_symlink(outside, root / "ngoai");
    fs::create_symlink(fallback / "chung.tpl", root / "sang-goc.tpl");
    REQUIRE(::mkfifo((root / "ong.tpl").c_str(), 0600) == 0);
    write_file(root / "lon.tpl", "#--" + std::string((4u << 20) - 2, ' '));  // 4 MiB + 1
    write_file(root / "vua.tpl", "#--" + std::string((4u << 20) - 4, ' ') + "\n");  // 4 MiB
    write_file(root / "main.tpl",
               "#include \"ra-ngoai.tpl\"\n#include \"zero.tpl\"\n#include \"ngoai/bi-mat.tpl\"\n"
               "#include \"thu-muc\"\n#include \"ong.tpl\"\n#include \"lon.tpl\"\n"
               "#include \"vua.tpl\"\n#include \"rieng.tpl\"\n#include \"chung.tpl\"\n"
               "#include \"sang-goc.tpl\"\n");
    fs::create_symlink("/dev/zero", fallback / "zero-goc.tpl");
    thidua::tpl::DirectorySource src(root.string(), fallback.string());
    Diagnostics d;
    CHECK_FALSE(thidua::tpl::compile(src, "main", repo_schema().root(), d).has_value());
    std::vector<std::string> got;
    for (const auto& e : d.all()) got.push_back(std::to_string(e.line) + ":" + std::to_string(e.col) + " " + e.message);
    CHECK(got == std::vector<std::string>{
                     "1:10 tệp mẫu \"ra-ngoai.tpl\" nằm ngoài thư mục mẫu",
                     "2:10 tệp mẫu \"zero.tpl\" nằm ngoài thư mục mẫu",
                     "3:10 tệp mẫu \"ngoai/bi-mat.tpl\" nằm ngoài thư mục mẫu",
                     "4:10 \"thu-muc\" không phải một tệp mẫu (là thư mục hoặc tệp đặc biệt)",
                     "5:10 \"ong.tpl\" không phải một tệp mẫu (là thư mục hoặc tệp đặc biệt)",
                     "6:10 tệp mẫu \"lon.tpl\" lớn quá 4 MiB",
                 });
    // The files that are allowed: one at the limit, one in the folder, one in the
    // fallback folder, one linked from the folder into the fallback folder.
    Diagnostics d2;
    write_file(root / "main.tpl", "#include \"vua.tpl\"\n#include \"rieng.tpl\"\n#include \"chung.tpl\"\n"
                                  "#include \"sang-goc.tpl\"\n");
    auto c = thidua::tpl::compile(src, "main", repo_schema().root(), d2);
    CHECK(d2.format() == "");
    REQUIRE(c.has_value());
    thidua::JsonDoc doc = json_doc("{}");
    auto out = thidua::tpl::render(*c, doc, nullptr, d2);
    REQUIRE(out.has_value());
    CHECK(thidua::doc::dump(*out) == kHead + para("riêng") + para("chung") + para("chung"));
    // The main template is held to the same rules, in either folder.
    Diagnostics d3;
    CHECK_FALSE(thidua::tpl::compile(src, "zero", repo_schema().root(), d3).has_value());
    CHECK_FALSE(thidua::tpl::compile(src, "zero-goc", repo_schema().root(), d3).has_value());
    REQUIRE(d3.all().size() == 2);
    CHECK(d3.all()[0].message == "tệp mẫu \"zero.tpl\" nằm ngoài thư mục mẫu (" + (root / "zero.tpl").string() + ")");
    CHECK(d3.all()[1].message ==
          "tệp mẫu \"zero-goc.tpl\" nằm ngoài thư mục mẫu (" + (fallback / "zero-goc.tpl").string() + ")");
    fs::remove_all(base);
}

TEST_CASE("template: a template held in memory is limited to 4 MiB like a file") {
    Diagnostics d;
    CHECK_FALSE(compile_memory({{"main.tpl", "x\n#include \"b.tpl\"\n"}, {"b.tpl", std::string((4u << 20) + 1, 'a')}}, d));
    CHECK(d.format() == "main.tpl:2:10: lỗi: tệp mẫu \"b.tpl\" lớn quá 4 MiB\n");
}

TEST_CASE("template: files that each include the next twice stop at 256 inclusions, not 2^30 parses") {
    MemorySource src;
    for (int i = 0; i < 30; ++i) {
        const std::string next = "\"f" + std::to_string(i + 1) + ".tpl\"";
        src.add(i == 0 ? "main.tpl" : "f" + std::to_string(i) + ".tpl",
                "#include " + next + "\n#include " + next + "\n");
    }
    src.add("f30.tpl", "x\n");
    Diagnostics d;
    CHECK_FALSE(thidua::tpl::compile(src, "main", repo_schema().root(), d).has_value());
    // Depth first: the 257th inclusion is made by the file 28 levels down.
    CHECK(d.format() == "f28.tpl:1:10: lỗi: quá 256 lần \"#include\" trong một mẫu (tính cả các tệp "
                        "được bao gồm lồng nhau, mỗi lần bao gồm tính một lần): có tệp nào được bao "
                        "gồm lặp đi lặp lại?\n");
}

TEST_CASE("template: the files one template includes hold at most 16 MiB of text together") {
    const std::string big(3u << 20, 'a');
    std::string main = "x\n";
    std::vector<std::pair<std::string, std::string>> files;
    for (int i = 0; i < 6; ++i) {
        main += "#include \"b" + std::to_string(i) + ".tpl\"\n";
        files.emplace_back("b" + std::to_string(i) + ".tpl", big);
    }
    files.emplace_back("main.tpl", main);
    Diagnostics d;
    CHECK_FALSE(compile_memory(files, d));
    CHECK(d.format() == "main.tpl:7:10: lỗi: các tệp mẫu được \"#include\" chứa tổng cộng quá 16 MiB "
                        "chữ (mỗi lần bao gồm tính một lần)\n");
}

TEST_CASE("template: a folder swapped for a link to outside while reading never leaks the outside file") {
    namespace fs = std::filesystem;
    const fs::path base = fs::temp_directory_path() / ("thidua-swap-" + std::to_string(::getpid()));
    fs::remove_all(base);
    fs::create_directories(base / "mau" / "phan");
    fs::create_directories(base / "ngoai");
    write_file(base / "mau" / "phan" / "x.tpl", "trong thư mục\n");
    write_file(base / "ngoai" / "x.tpl", "BÍ MẬT\n");
    fs::create_symlink(base / "ngoai", base / "mau" / "lien-ket");
    // One thread swaps the folder "phan" and a link to the folder outside (one atomic
    // exchange, again and again) while this one reads "phan/x.tpl": resolving the path,
    // checking it, then opening it would let some reads through to the file outside.
    std::atomic<bool> stop{false};
    std::thread flipper([&] {
        const std::string a = (base / "mau" / "phan").string(), b = (base / "mau" / "lien-ket").string();
        while (!stop.load()) ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE);
    });
    thidua::tpl::DirectorySource src((base / "mau").string());
    int inside = 0, refused = 0, leaked = 0;
    for (int i = 0; i < 5000; ++i) {
        std::string text;
        const thidua::tpl::ReadError r = src.read("phan/x.tpl", text);
        if (text.find("BÍ MẬT") != std::string::npos) ++leaked;
        else if (r == thidua::tpl::ReadError::none) ++inside;
        else if (r == thidua::tpl::ReadError::outside) ++refused;
    }
    stop.store(true);
    flipper.join();
    CHECK(leaked == 0);
    CHECK(inside > 0);
    CHECK(refused > 0);
    fs::remove_all(base);
}

TEST_CASE("template: a control character in a template is an error at its column") {
    Diagnostics d;
    CHECK_FALSE(compile_memory({{"main.tpl", "Dòng một\nChữ \x1b[31mđỏ\x1b[0m\n"}}, d));
    CHECK(d.format() == "main.tpl:2:5: lỗi: tệp mẫu chứa ký tự điều khiển U+001B, không in ra được: hãy xoá nó\n");
    Diagnostics d2;
    CHECK_FALSE(compile_memory({{"main.tpl", std::string("a\0b\n", 4)}}, d2));
    CHECK(d2.format() == "main.tpl:1:2: lỗi: tệp mẫu chứa ký tự điều khiển U+0000, không in ra được: hãy xoá nó\n");
}

}  // TEST_SUITE
