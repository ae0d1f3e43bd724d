// Tests for campaign/schema: loading and checking schemas (with positions of their own
// mistakes), $ref resolution, each supported keyword of the validator with its exact
// message, the error cap, long strings against patterns, and the suggestion policy.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <string>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"
#include "campaign/schema.hpp"

using thidua::Diagnostics;
using thidua::JsonDoc;
using thidua::Schema;

namespace {

JsonDoc doc_of(const std::string& name, const std::string& text) {
    Diagnostics d;
    auto doc = thidua::parse_json(name, text, d);
    REQUIRE_MESSAGE(doc.has_value(), d.format());
    return std::move(*doc);
}

/// Returns the diagnostics of loading `schema_text` as a schema.
std::string schema_errors(const std::string& schema_text) {
    Diagnostics d;
    auto s = Schema::from_doc(doc_of("s.json", schema_text), d);
    CHECK(s.has_value() == !d.has_errors());
    return d.format();
}

/// Returns the diagnostics of validating `value_text` against `schema_text`.
std::string validation_errors(const std::string& schema_text, const std::string& value_text) {
    Diagnostics d;
    auto s = Schema::from_doc(doc_of("s.json", schema_text), d);
    REQUIRE_MESSAGE(s.has_value(), d.format());
    thidua::validate(doc_of("v.json", value_text), *s, d);
    return d.format();
}

}  // namespace

TEST_SUITE("campaign") {

TEST_CASE("schema: resolve follows chains of $ref and leaves other nodes alone") {
    Diagnostics d;
    auto s = Schema::from_doc(
        doc_of("s.json", R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"type": "string"}},
                             "properties": {"x": {"$ref": "#/$defs/a"}}})"),
        d);
    REQUIRE(s.has_value());
    const auto& x = s->root()["properties"]["x"];
    CHECK(&s->resolve(x) == &s->root()["$defs"]["b"]);
    CHECK(&s->resolve(s->root()) == &s->root());
    CHECK(thidua::lookup_pointer(s->root(), "/$defs/b/type") != nullptr);
    CHECK(thidua::lookup_pointer(s->root(), "/$defs/c") == nullptr);
    CHECK(thidua::lookup_pointer(s->root(), "$defs") == nullptr);
}

TEST_CASE("schema: its own mistakes are reported in the schema file") {
    CHECK(schema_errors("{\n  \"oneOf\": [],\n  \"type\": \"text\"\n}") ==
          "s.json:2:3: lỗi: từ khóa lược đồ không được hỗ trợ: \"oneOf\" (tại /oneOf)\n"
          "s.json:3:11: lỗi: kiểu không hợp lệ; chọn một trong: string, number, integer, "
          "boolean, array, object, null (tại /type)\n");
    CHECK(schema_errors(R"({"properties": {"a": {"$ref": "#/$defs/nothing"}}})") ==
          "s.json:1:31: lỗi: tham chiếu \"#/$defs/nothing\" không tìm thấy "
          "(tại /properties/a/$ref)\n");
    CHECK(schema_errors(R"({"$defs": {"a": {"$ref": "#/$defs/a"}}})") ==
          "s.json:1:26: lỗi: tham chiếu \"#/$defs/a\" tạo thành vòng lặp (tại /$defs/a/$ref)\n");
    CHECK(schema_errors(R"({"pattern": "[a-"})") ==
          "s.json:1:13: lỗi: biểu thức chính quy không dùng được: \"[a-\" (tại /pattern)\n");
    CHECK(schema_errors(R"({"format": "email", "items": 3})") ==
          "s.json:1:12: lỗi: định dạng không được hỗ trợ; chỉ dùng được \"date\", "
          "\"partial-date\" (tại /format)\n"
          "s.json:1:30: lỗi: lược đồ con phải là đối tượng hoặc true/false (tại /items)\n");
    CHECK(schema_errors("[]") == "s.json:1:1: lỗi: lược đồ phải là một đối tượng JSON\n");
}

TEST_CASE("schema: load reads a valid file without positions and a faulty one again with them") {
    const auto dir = std::filesystem::temp_directory_path() / ("thidua-schema-load-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    };
    // Valid: the same tree as the indexed parse, no message.
    const std::string good = R"({"title": "Chiến dịch", "properties": {"a": {"type": "string", "pattern": "^x"}}})";
    Diagnostics d;
    auto s = Schema::load(write("good.json", good), d);
    REQUIRE(s.has_value());
    CHECK(d.all().empty());
    CHECK(s->root() == doc_of("s.json", good).value);
    // Each fault is still reported at its line and column: the schema's own mistakes, a
    // repeated key (which the plain read refuses), too deep a nesting, bad syntax.
    const auto load_errors = [&](const std::string& name, const std::string& text) {
        Diagnostics e;
        const std::string path = write(name, text);
        Schema::load(path, e);
        std::string out = e.format();
        const std::string prefix = path + ":";
        for (std::size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at)) {
            out.replace(at, path.size(), name);
        }
        return out;
    };
    CHECK(load_errors("own.json", "{\n  \"type\": \"text\"\n}") ==
          "own.json:2:11: lỗi: kiểu không hợp lệ; chọn một trong: string, number, integer, "
          "boolean, array, object, null (tại /type)\n");
    CHECK(load_errors("twice.json", "{\"type\": \"string\",\n \"type\": \"number\"}") ==
          "twice.json:2:2: lỗi: trường \"type\" bị lặp lại (tại /type)\n");
    CHECK(load_errors("syntax.json", "{\"type\": }").find("syntax.json:1:10: lỗi: cú pháp JSON sai") == 0);
    std::string deep;
    for (int i = 0; i < 200; ++i) deep += "{\"items\": ";
    deep += "true";
    for (int i = 0; i < 200; ++i) deep += "}";
    CHECK(load_errors("deep.json", deep).find("deep.json:1:") == 0);
    std::filesystem::remove_all(dir);
}

TEST_CASE("json_source: a read without positions builds the same value, and refuses what must be reported") {
    const std::string text = R"({"a": [1, 2.5, "chữ", null, true, {"b": []}], "c": {}})";
    Diagnostics d;
    auto plain = thidua::parse_json("p.json", text, d, thidua::JsonPositions::none);
    REQUIRE(plain.has_value());
    CHECK(plain->value == doc_of("i.json", text).value);
    for (const std::string bad : {R"({"a": 1, "a": 2})", R"({"a": )", R"([1, 2)", "\"x\" 3"}) {
        Diagnostics e;
        CHECK_FALSE(thidua::parse_json("p.json", bad, e, thidua::JsonPositions::none).has_value());
        CHECK(e.has_errors());
    }
}

TEST_CASE("schema: types, including type lists and integers written as 3.0") {
    const std::string schema = R"({"properties": {
        "n": {"type": ["integer", "null"]}, "s": {"type": "string", "title": "Tên"},
        "b": {"type": "boolean"}, "o": {"type": "object"}, "a": {"type": "array"},
        "x": {"type": "number"}}})";
    CHECK(validation_errors(schema, R"({"n": 3.0, "s": "x", "b": false, "o": {}, "a": [], "x": 1})") == "");
    CHECK(validation_errors(schema, R"({"n": null})") == "");
    CHECK(validation_errors(schema, "{\"n\": 2.5,\n \"s\": [1], \"b\": null, \"o\": [], \"a\": \"\", \"x\": true}") ==
          "v.json:1:7: lỗi: sai kiểu dữ liệu: cần số nguyên hoặc null, gặp số thập phân (tại /n)\n"
          "v.json:2:7: lỗi: sai kiểu dữ liệu ở \"Tên\": cần chuỗi văn bản, gặp danh sách (tại /s)\n"
          "v.json:2:17: lỗi: sai kiểu dữ liệu: cần đúng/sai, gặp null (tại /b)\n"
          "v.json:2:28: lỗi: sai kiểu dữ liệu: cần đối tượng, gặp danh sách (tại /o)\n"
          "v.json:2:37: lỗi: sai kiểu dữ liệu: cần danh sách, gặp chuỗi văn bản (tại /a)\n"
          "v.json:2:46: lỗi: sai kiểu dữ liệu: cần số, gặp đúng/sai (tại /x)\n");
}

TEST_CASE("schema: objects: required, unknown keys, additionalProperties as a schema") {
    const std::string schema = R"({"type": "object", "additionalProperties": false,
        "required": ["name", "place"],
        "properties": {"name": {"type": "string", "title": "Tên cơ quan"}, "place": {"type": "string"},
                       "extra": {"type": "object", "additionalProperties": {"type": "number"}}}})";
    CHECK(validation_errors(schema, "{\"name\": \"A\", \"place\": \"B\", \"extra\": {\"k\": 1}}") == "");
    CHECK(validation_errors(schema, "{\n  \"nmae\": \"A\",\n  \"plce\": 1, \"x\": 2, \"extra\": {\"k\": \"1\"}}") ==
          "v.json:1:1: lỗi: thiếu trường bắt buộc \"name\" (Tên cơ quan)\n"
          "v.json:1:1: lỗi: thiếu trường bắt buộc \"place\"\n"
          "v.json:2:3: lỗi: trường không được phép \"nmae\" (có phải \"name\"?) (tại /nmae)\n"
          "v.json:3:3: lỗi: trường không được phép \"plce\" (có phải \"place\"?) (tại /plce)\n"
          "v.json:3:14: lỗi: trường không được phép \"x\" (tại /x)\n"
          "v.json:3:37: lỗi: sai kiểu dữ liệu: cần số, gặp chuỗi văn bản (tại /extra/k)\n");
}

TEST_CASE("schema: arrays, numbers, enums, patterns, dates, false schemas") {
    const std::string schema = R"({"properties": {
        "list": {"type": "array", "minItems": 2, "items": {"type": "integer", "minimum": 1}},
        "w": {"type": "number", "exclusiveMinimum": 0, "title": "Độ rộng"},
        "kind": {"enum": ["task", "report", "registration"]},
        "id": {"type": "string", "pattern": "^[a-z]+$"},
        "d": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "p": {"type": "string", "format": "partial-date"},
        "never": false}})";
    CHECK(validation_errors(schema, R"({"list": [1, 2], "w": 0.5, "kind": "task", "id": "ab",
                                        "d": "2024-02-29", "p": "2024"})") == "");
    CHECK(validation_errors(schema, R"({"list": [0], "w": 0, "kind": "reprot", "id": "Ab",
"d": "2023-02-29", "p": "2024-13", "never": 1})") ==
          "v.json:1:10: lỗi: danh sách cần ít nhất 2 phần tử, gặp 1 (tại /list)\n"
          "v.json:1:11: lỗi: giá trị phải từ 1 trở lên, gặp 0 (tại /list/0)\n"
          "v.json:1:20: lỗi: giá trị ở \"Độ rộng\" phải lớn hơn 0, gặp 0 (tại /w)\n"
          "v.json:1:31: lỗi: giá trị \"reprot\" không hợp lệ; chọn một trong: task, report, "
          "registration (có phải \"report\"?) (tại /kind)\n"
          "v.json:1:47: lỗi: giá trị \"Ab\" không đúng dạng (mẫu ^[a-z]+$) (tại /id)\n"
          "v.json:2:6: lỗi: ngày không tồn tại: \"2023-02-29\" (tại /d)\n"
          "v.json:2:25: lỗi: ngày không tồn tại: \"2024-13\" (tại /p)\n"
          "v.json:2:45: lỗi: giá trị không được phép ở đây (tại /never)\n");
    CHECK(validation_errors(schema, R"({"kind": 3, "d": "30/7/2025"})") ==
          "v.json:1:10: lỗi: giá trị 3 không hợp lệ; chọn một trong: task, report, registration "
          "(tại /kind)\n"
          "v.json:1:18: lỗi: ngày sai dạng \"30/7/2025\": cần dạng năm-tháng-ngày, ví dụ "
          "\"2025-07-30\" (tại /d)\n");
}

TEST_CASE("schema: a 200 000-character string against a pattern does not crash") {
    const std::string schema = R"({"properties": {"id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}}})";
    const std::string good = std::string(200000, 'a');
    CHECK(validation_errors(schema, "{\"id\": \"" + good + "\"}") == "");
    CHECK(validation_errors(schema, "{\"id\": \"" + good + "A\"}") ==
          "v.json:1:8: lỗi: giá trị \"" + std::string(60, 'a') +
              "…\" không đúng dạng (mẫu ^[a-z0-9][a-z0-9-]*$) (tại /id)\n");
}

TEST_CASE("schema: patterns follow ECMA-262 where PCRE differs: $ only at the very end, u-escapes, not anchored, Vietnamese letters are one character") {
    const std::string schema = R"({"properties": {
        "id": {"type": "string", "pattern": "^[a-z]+$"},
        "dash": {"type": "string", "pattern": "^\\u2013$"},
        "any": {"type": "string", "pattern": "[0-9]"},
        "word": {"type": "string", "pattern": "^.{4}$"}}})";
    CHECK(validation_errors(schema, R"({"id": "abc", "dash": "–", "any": "số 5", "word": "Việt"})") == "");
    CHECK(validation_errors(schema, R"({"id": "abc\n"})") ==
          "v.json:1:8: lỗi: giá trị \"abc\\n\" không đúng dạng (mẫu ^[a-z]+$) (tại /id)\n");
    CHECK(validation_errors(schema, R"({"any": "năm"})") ==
          "v.json:1:9: lỗi: giá trị \"năm\" không đúng dạng (mẫu [0-9]) (tại /any)\n");
    // a back-reference is a valid ECMA-262 pattern
    CHECK(schema_errors(R"({"pattern": "^(a)\\1$"})") == "");
    CHECK(schema_errors(R"({"pattern": "(?<"})") ==
          "s.json:1:13: lỗi: biểu thức chính quy không dùng được: \"(?<\" (tại /pattern)\n");
}

TEST_CASE("schema: validation stops after 100 mismatches with a note") {
    const std::string schema = R"({"items": {"type": "string"}})";
    std::string value = "[";
    for (int i = 0; i < 150; ++i) value += i == 0 ? "1" : ",\n1";
    value += "]";
    Diagnostics d;
    auto s = Schema::from_doc(doc_of("s.json", schema), d);
    REQUIRE(s.has_value());
    thidua::validate(doc_of("v.json", value), *s, d);
    REQUIRE(d.all().size() == 101);
    CHECK(thidua::format_diagnostic(d.all()[99]) ==
          "v.json:100:1: lỗi: sai kiểu dữ liệu: cần chuỗi văn bản, gặp số (tại /99)");
    CHECK(thidua::format_diagnostic(d.all()[100]) ==
          "v.json: lỗi: còn lỗi khác; chỉ báo 100 lỗi đầu tiên");
}

TEST_CASE("schema: suggestions allow 1 edit up to 4 letters, 2 beyond") {
    const std::vector<std::string> keys = {"end", "name", "start", "theme"};
    CHECK(thidua::closest_match("nmae", keys) == "name");
    CHECK(thidua::closest_match("strat", keys) == "start");
    CHECK(thidua::closest_match("stat", keys) == "start");
    CHECK(thidua::closest_match("ten", keys) == "");   // 2 edits from "end": too far for 3 letters
    CHECK(thidua::closest_match("tehem", keys) == "theme");
    CHECK(thidua::closest_match("ghi_chu", keys) == "");
    CHECK(thidua::closest_match("đợt", {"đột", "dot"}) == "đột");
    CHECK(thidua::closest_match(std::string(1000000, 'n'), keys) == "");
}

}  // TEST_SUITE
