// Tests for campaign/json_source: values and their positions, JSON pointers, repeated keys,
// the depth and size limits, each kind of syntax mistake, file errors and message quoting.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

using thidua::Diagnostics;
using thidua::JsonDoc;
using thidua::LineCol;

namespace {

/// Returns "line:col" of a byte offset in `doc`.
std::string lc(const JsonDoc& doc, std::size_t offset) {
    LineCol p = doc.source.line_col(offset);
    return std::to_string(p.line) + ":" + std::to_string(p.col);
}

/// Returns the diagnostics that parsing `text` as "t.json" gives.
std::string errors_of(const std::string& text) {
    Diagnostics d;
    auto doc = thidua::parse_json("t.json", text, d);
    CHECK(doc.has_value() == !d.has_errors());
    return d.format();
}

}  // namespace

TEST_SUITE("campaign") {

TEST_CASE("json_source: values, keys and objects have positions by JSON pointer") {
    Diagnostics d;
    const std::string text =
        "{\n"
        "  \"tên\": \"Đắk Lắk\", \"n\": [1, {\"x\": null}],\n"
        "  \"a/b\": {\"~\": true}\n"
        "}\n";
    auto doc = thidua::parse_json("t.json", text, d);
    REQUIRE(doc.has_value());
    CHECK(d.format() == "");
    CHECK(doc->value["tên"] == "Đắk Lắk");
    CHECK(doc->value["a/b"]["~"] == true);
    const auto& pos = doc->positions;
    CHECK(lc(*doc, pos.value_offset("")) == "1:1");
    CHECK(lc(*doc, pos.key_offset("/tên")) == "2:3");
    CHECK(lc(*doc, pos.value_offset("/tên")) == "2:10");
    CHECK(lc(*doc, pos.key_offset("/n")) == "2:21");
    CHECK(lc(*doc, pos.value_offset("/n")) == "2:26");
    CHECK(lc(*doc, pos.value_offset("/n/0")) == "2:27");
    CHECK(lc(*doc, pos.value_offset("/n/1")) == "2:30");
    CHECK(lc(*doc, pos.key_offset("/n/1/x")) == "2:31");
    CHECK(lc(*doc, pos.value_offset("/n/1/x")) == "2:36");
    CHECK(lc(*doc, pos.value_offset("/a~1b/~0")) == "3:16");
    // Array elements have no key: key_offset falls back to the value.
    CHECK(pos.key_offset("/n/0") == pos.value_offset("/n/0"));
    // An unknown pointer falls back to its nearest known ancestor.
    CHECK(pos.value_offset("/n/1/missing") == pos.value_offset("/n/1"));
    CHECK(pos.find("/n/7") == nullptr);
    CHECK(pos.size() == 8);
}

TEST_CASE("json_source: positions found on demand are those of an indexed read, moved or copied") {
    const std::string text =
        "{\n"
        "  \"tên\": \"Đắk Lắk\", \"n\": [1, {\"x\": null}],\n"
        "  \"a/b\": {\"~\": true}, \"f\": \"x.csv\"\n"
        "}\n";
    Diagnostics d;
    auto indexed = thidua::parse_json("t.json", text, d);
    auto lazy = thidua::parse_json("t.json", text, d, thidua::JsonPositions::on_demand);
    REQUIRE(indexed.has_value());
    REQUIRE(lazy.has_value());
    CHECK(d.format() == "");
    CHECK(lazy->value == indexed->value);
    // A list read from a file sits at its "…_file" member (roster_import), before and
    // after the offsets are found.
    indexed->positions.place_like("/list", "/f");
    lazy->positions.place_like("/list", "/f");
    // Moved and copied, the index still reads the text of its own document.
    JsonDoc moved = std::move(*lazy);
    const JsonDoc copy = moved;
    moved.positions.release();
    for (const JsonDoc* doc : {static_cast<const JsonDoc*>(&moved), &copy}) {
        for (const std::string p : {"", "/tên", "/n", "/n/0", "/n/1", "/n/1/x", "/a~1b", "/a~1b/~0",
                                    "/f", "/list", "/list/3/name", "/n/9"}) {
            CAPTURE(p);
            CHECK(doc->positions.value_offset(p) == indexed->positions.value_offset(p));
            CHECK(doc->positions.key_offset(p) == indexed->positions.key_offset(p));
        }
        CHECK(doc->positions.size() == indexed->positions.size());
    }
    CHECK(lc(moved, moved.positions.key_offset("/list")) == "3:23");
    // Released again, the next lookup finds the offsets again.
    moved.positions.release();
    CHECK(lc(moved, moved.positions.value_offset("/n/1/x")) == "2:36");
}

TEST_CASE("json_source: a file read on demand with a mistake is read again and reported in place") {
    for (const std::string& bad : {std::string("{\"a\": 1,\n \"a\": {\"b\": [2]}, \"c\": 3}"),
                                  std::string("{\"a\": [1,\n 2,]}"), std::string("[1, 2")}) {
        CAPTURE(bad);
        Diagnostics indexed_diags, lazy_diags;
        auto indexed = thidua::parse_json("t.json", bad, indexed_diags);
        auto lazy = thidua::parse_json("t.json", bad, lazy_diags, thidua::JsonPositions::on_demand);
        CHECK(lazy_diags.has_errors());
        CHECK(lazy_diags.format() == indexed_diags.format());
        CHECK(lazy.has_value() == indexed.has_value());
        if (lazy && indexed) {
            CHECK(lazy->value == indexed->value);
            CHECK(lazy->positions.size() == indexed->positions.size());
        }
    }
}

TEST_CASE("json_source: a large file read on demand is parsed from its deflated pieces") {
    // Past 1 MiB the text is deflated in pieces of 256 KiB before it is parsed, and parsed
    // a piece at a time: the value, the positions and the messages are those of the text.
    std::string text = "{\"đơn vị\": [\n";
    for (int i = 0; i < 15000; ++i) {
        text += "  {\"id\": \"to-" + std::to_string(i) + "\", \"tên\": \"Tổ dân phố Đắk Lắk " +
                std::to_string(i) + "\", \"số\": [" + std::to_string(i) + ", 1.5, true, null]},\n";
    }
    text += "  {\"cuối\": \"hết\"}\n]}\n";
    REQUIRE(text.size() > 1024 * 1024 + 256 * 1024);
    Diagnostics d;
    auto indexed = thidua::parse_json("t.json", text, d);
    auto lazy = thidua::parse_json("t.json", text, d, thidua::JsonPositions::on_demand);
    REQUIRE(indexed.has_value());
    REQUIRE(lazy.has_value());
    CHECK(d.format() == "");
    CHECK(lazy->source.packed());
    CHECK(lazy->value == indexed->value);
    for (const std::string p : {"/đơn vị/0/tên", "/đơn vị/4321/số/2", "/đơn vị/15000/cuối"}) {
        CAPTURE(p);
        CHECK(lc(*lazy, lazy->positions.value_offset(p)) == lc(*indexed, indexed->positions.value_offset(p)));
    }
    CHECK(lazy->source.text() == text);

    // Mistakes near the end and across a piece's edge: read again with the index, reported
    // as the indexed read reports them.
    std::string repeated = text;
    repeated.replace(repeated.rfind("{\"cuối\""), 1, "{\"cuối\": 1, ");
    std::string broken = text;
    broken[256 * 1024 + 3] = '}';
    for (const std::string* bad : {&repeated, &broken}) {
        Diagnostics indexed_diags, lazy_diags;
        auto a = thidua::parse_json("t.json", *bad, indexed_diags);
        auto b = thidua::parse_json("t.json", *bad, lazy_diags, thidua::JsonPositions::on_demand);
        CHECK(lazy_diags.has_errors());
        CHECK(lazy_diags.format() == indexed_diags.format());
        CHECK(a.has_value() == b.has_value());
    }
}

TEST_CASE("json_source: pointer_append escapes ~ and /") {
    CHECK(thidua::pointer_append("", "a/b~c") == "/a~1b~0c");
    CHECK(thidua::pointer_append("/x", std::size_t{12}) == "/x/12");
}

TEST_CASE("json_source: a repeated key is an error, and the first value is kept") {
    Diagnostics d;
    auto doc = thidua::parse_json("t.json", "{\"a\": 1,\n \"a\": {\"b\": [2]}, \"c\": 3}", d);
    REQUIRE(doc.has_value());
    CHECK(d.format() == "t.json:2:2: lỗi: trường \"a\" bị lặp lại (tại /a)\n");
    CHECK(doc->value == thidua::Json({{"a", 1}, {"c", 3}}));
    CHECK(doc->positions.find("/a/b") == nullptr);
    CHECK(lc(*doc, doc->positions.value_offset("/a")) == "1:7");
}

TEST_CASE("json_source: each way of reading builds the tree nlohmann's own parser builds") {
    // Keys out of order, objects past the size where repeated keys are looked up in a
    // hash set, nested objects and arrays at every level, empty ones.
    std::string text = "{\"z\": [], \"m\": {}, \"big\": {";
    for (int i = 99; i >= 0; --i) {
        text += (i == 99 ? "" : ", ") + std::string("\"k") + std::to_string(i * 7 % 100) +
                "\": [" + std::to_string(i) + ", {\"b\": \"x\", \"a\": [[], {}]}]";
    }
    text += "}, \"a\": [{\"y\": 1, \"x\": 2}, 3, \"chữ\", null, true, 1.5, -2]}";
    const thidua::Json expected = thidua::Json::parse(text);
    REQUIRE(expected["big"].size() == 100);
    for (auto positions : {thidua::JsonPositions::indexed, thidua::JsonPositions::on_demand,
                           thidua::JsonPositions::none}) {
        Diagnostics d;
        auto doc = thidua::parse_json("t.json", text, d, positions);
        REQUIRE(doc.has_value());
        CHECK(d.format() == "");
        CHECK(doc->value == expected);
        CHECK(doc->value.dump() == expected.dump());
        // No spare room is left in the objects read.
        CHECK(doc->value.get_ref<const thidua::Json::object_t&>().capacity() == 4);
        CHECK(doc->value["big"].get_ref<const thidua::Json::object_t&>().capacity() == 100);
    }
}

TEST_CASE("json_source: a repeated key in a large object is found, in each way of reading") {
    std::string text = "{";
    for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    text += "\"k3\": 99, \"k40\": 40}";
    Diagnostics d;
    auto doc = thidua::parse_json("t.json", text, d);
    REQUIRE(doc.has_value());
    CHECK(d.format() == "t.json:1:" + std::to_string(text.find("\"k3\": 99") + 1) +
                            ": lỗi: trường \"k3\" bị lặp lại (tại /k3)\n");
    CHECK(doc->value.size() == 41);
    CHECK(doc->value["k3"] == 3);
    Diagnostics lazy_diags;
    auto lazy = thidua::parse_json("t.json", text, lazy_diags, thidua::JsonPositions::on_demand);
    CHECK(lazy_diags.format() == d.format());
    Diagnostics plain_diags;
    CHECK_FALSE(thidua::parse_json("t.json", text, plain_diags, thidua::JsonPositions::none));
    CHECK(plain_diags.has_errors());
}

TEST_CASE("json_source: on a long line, at most 100 repeated keys, without the line") {
    std::string text = "{\"a\": 0";
    for (int i = 0; i < 150; ++i) text += ", \"a\": " + std::to_string(i);
    text += "}";
    Diagnostics d;
    auto doc = thidua::parse_json("t.json", text, d);
    REQUIRE(doc.has_value());
    REQUIRE(d.all().size() == 101);
    CHECK(thidua::format_diagnostic(d.all()[0]) == "t.json:1:10: lỗi: trường \"a\" bị lặp lại (tại /a)");
    CHECK(d.all()[0].source_line.empty());  // the line is longer than 1000 bytes
    CHECK(thidua::format_diagnostic(d.all()[100]) ==
          "t.json: lỗi: còn trường lặp lại khác; chỉ báo 100 trường đầu tiên");
    // A short line is kept for the caret display.
    Diagnostics e;
    thidua::parse_json("t.json", "{\"a\": 1, \"a\": 2}", e);
    REQUIRE(e.all().size() == 1);
    CHECK(e.all()[0].source_line == "{\"a\": 1, \"a\": 2}");
}

TEST_CASE("json_source: 64 levels are accepted, 65 are not") {
    Diagnostics d;
    auto ok = thidua::parse_json("t.json", std::string(64, '[') + std::string(64, ']'), d);
    CHECK(ok.has_value());
    CHECK(d.format() == "");
    std::string pointer;
    for (int i = 0; i < 64; ++i) pointer += "/0";
    CHECK(errors_of(std::string(65, '[') + std::string(65, ']')) ==
          "t.json:1:65: lỗi: dữ liệu lồng quá sâu: quá 64 cấp (tại " + pointer + ")\n");
    // Inside a repeated member, whose values are dropped, the limit holds as well.
    std::string dropped = "{\"a\": 1, \"a\": " + std::string(70, '[') + std::string(70, ']') + "}";
    CHECK(errors_of(dropped) ==
          "t.json:1:10: lỗi: trường \"a\" bị lặp lại (tại /a)\n"
          "t.json:1:78: lỗi: dữ liệu lồng quá sâu: quá 64 cấp\n");
}

TEST_CASE("json_source: the size limit is 16 MiB") {
    std::string at_limit = "\"" + std::string(thidua::max_json_bytes - 2, 'a') + "\"";
    Diagnostics d;
    auto ok = thidua::parse_json("t.json", at_limit, d);
    CHECK(ok.has_value());
    CHECK(d.format() == "");
    CHECK(errors_of(at_limit + " ") ==
          "t.json: lỗi: tệp quá lớn: 16.777.217 byte, giới hạn 16.777.216 byte\n");
}

TEST_CASE("json_source: syntax mistakes are named at the token where they are") {
    SUBCASE("missing comma") {
        CHECK(errors_of("[1,\n 2\n 3]") ==
              "t.json:3:2: lỗi: cú pháp JSON sai: thiếu dấu phẩy hoặc dấu đóng ngoặc\n");
    }
    SUBCASE("two commas") {
        CHECK(errors_of("[1,,2]") == "t.json:1:4: lỗi: cú pháp JSON sai: thiếu giá trị trước dấu phẩy\n");
    }
    SUBCASE("comma where a key should be") {
        CHECK(errors_of("{,}") ==
              "t.json:1:2: lỗi: cú pháp JSON sai: cần tên trường trong dấu ngoặc kép\n");
    }
    SUBCASE("a colon where a value should be") {
        CHECK(errors_of("[:]") == "t.json:1:2: lỗi: cú pháp JSON sai: cần một giá trị\n");
    }
    SUBCASE("a value glued to its key") {
        CHECK(errors_of("{\"tên\"Bắc}") ==
              "t.json:1:7: lỗi: cú pháp JSON sai: thiếu dấu hai chấm sau tên trường\n");
    }
    SUBCASE("unquoted key") {
        CHECK(errors_of("{tên: 1}") == "t.json:1:2: lỗi: cú pháp JSON sai: tên trường phải đặt "
                                       "trong dấu ngoặc kép, gặp \"tên\"\n");
    }
    SUBCASE("string unclosed at the end of the file") {
        CHECK(errors_of("{\"a\": \"Đắk") == "t.json:1:7: lỗi: cú pháp JSON sai: chuỗi chưa đóng\n");
    }
    SUBCASE("file ends inside an array") {
        CHECK(errors_of("{\"a\": [1,\n  2\n\n") ==
              "t.json:2:4: lỗi: cú pháp JSON sai: tệp kết thúc giữa chừng; thiếu \"]\" đóng "
              "\"[\" mở ở dòng 1, cột 7\n");
    }
    SUBCASE("invalid numbers") {
        CHECK(errors_of("[1.]") == "t.json:1:2: lỗi: cú pháp JSON sai: số viết sai \"1.\"\n");
        CHECK(errors_of("[-x]") == "t.json:1:2: lỗi: cú pháp JSON sai: số viết sai \"-x\"\n");
        CHECK(errors_of("[-007]") ==
              "t.json:1:2: lỗi: cú pháp JSON sai: số không được viết số 0 ở đầu\n");
    }
    SUBCASE("a lone surrogate escape") {
        CHECK(errors_of("[\"ơ\\ud800\"]") ==
              "t.json:1:4: lỗi: cú pháp JSON sai: cặp \\u thay thế (surrogate) không hợp lệ\n");
    }
    SUBCASE("a comment after the value") {
        CHECK(errors_of("{}\n// hết\n") ==
              "t.json:2:1: lỗi: cú pháp JSON sai: JSON không cho phép chú thích\n");
    }
    SUBCASE("only blanks") {
        CHECK(errors_of(" \n\t") == "t.json:1:1: lỗi: cú pháp JSON sai: tệp rỗng, không có dữ liệu JSON\n");
    }
}

TEST_CASE("json_source: invalid UTF-8 is reported at its byte, after a BOM") {
    CHECK(errors_of("\xEF\xBB\xBF[\"đ\xFF\"]") ==
          "t.json:1:4: lỗi: tệp không phải văn bản UTF-8 hợp lệ: byte 0xFF sai chỗ; hãy lưu "
          "tệp với bảng mã UTF-8\n");
}

TEST_CASE("json_source: NFD input is read as NFC and columns count composed letters") {
    Diagnostics d;
    // "Bắc" written as B, a, U+0306 (breve), U+0301 (acute), c.
    auto doc = thidua::parse_json("t.json", "[\"Ba\xCC\x86\xCC\x81" "c\", 2]", d);
    REQUIRE(doc.has_value());
    CHECK(doc->value[0] == "Bắc");
    CHECK(lc(*doc, doc->positions.value_offset("/1")) == "1:9");
}

TEST_CASE("json_source: file errors") {
    Diagnostics d;
    CHECK_FALSE(thidua::parse_json_file("khong/co/tep.json", d).has_value());
    CHECK_FALSE(thidua::parse_json_file(std::filesystem::temp_directory_path().string(), d));
    CHECK(d.format() == "khong/co/tep.json: lỗi: không tìm thấy tệp\n" +
                            std::filesystem::temp_directory_path().string() +
                            ": lỗi: đây là thư mục, không phải tệp\n");
}

TEST_CASE("json_source: an error inside a string points at the character") {
    Diagnostics d;
    // Escapes before the target: \" (1 byte), \u1EAF (ắ, 3 bytes), \uD83D\uDE00 (4 bytes).
    const std::string text = "{\"s\": \"\\\"B\\u1EAFc \\uD83D\\uDE00 {x}\"}";
    auto doc = thidua::parse_json("t.json", text, d);
    REQUIRE(doc.has_value());
    const std::string& s = doc->value["s"].get_ref<const std::string&>();
    CHECK(s == "\"Bắc 😀 {x}");
    thidua::error_in_string(*doc, d, "/s", s.find('{'), "ở đây");
    CHECK(d.format() == "t.json:1:32: lỗi: ở đây (tại /s)\n");
}

TEST_CASE("json_source: values in messages are quoted, escaped and cut") {
    CHECK(thidua::quote_for_message("Đợt 1") == "\"Đợt 1\"");
    CHECK(thidua::quote_for_message("a\nb\tc\x01") == "\"a\\nb\\tc\\u0001\"");
    std::string long_text;
    for (int i = 0; i < 70; ++i) long_text += "ă";
    std::string cut;
    for (int i = 0; i < 60; ++i) cut += "ă";
    CHECK(thidua::quote_for_message(long_text) == "\"" + cut + "…\"");
}

}  // TEST_SUITE
