// Tests for campaign/campaign: the corpus of bad campaign files in tests/campaign/bad/,
// each NN-name.json beside NN-name.expected holding the exact diagnostics; a case whose
// .json is missing is generated here (invalid UTF-8, BOM+CRLF+NFD, 17 MiB, deep nesting)
// into a temporary folder that the .expected file names "@DIR@". UPDATE_GOLDEN=1 rewrites
// the .expected files (review the diff before committing). Plus the good minimal campaign.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <utf8proc.h>

#include "base/diagnostics.hpp"
#include "campaign/campaign.hpp"
#include "campaign/schema.hpp"
#include "campaign/wording.hpp"

namespace fs = std::filesystem;
using thidua::Diagnostics;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

/// Runs from the repository root so that paths in messages are the relative paths given.
void enter_source_dir() { fs::current_path(THIDUA_SOURCE_DIR); }

const thidua::Schema& repo_schema() {
    static const thidua::Schema schema = [] {
        Diagnostics d;
        auto s = thidua::Schema::load(std::string(THIDUA_SOURCE_DIR) + "/schemas/campaign.schema.json", d);
        REQUIRE_MESSAGE(s.has_value(), d.format());
        return *s;
    }();
    return schema;
}

std::string nfd(const std::string& s) {
    utf8proc_uint8_t* out = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
    std::string r(reinterpret_cast<const char*>(out));
    std::free(out);
    return r;
}

std::string crlf(const std::string& s) {
    std::string r;
    for (char c : s) {
        if (c == '\n') r += '\r';
        r += c;
    }
    return r;
}

/// The inputs that cannot or should not live in the repository as files.
const std::map<std::string, std::function<std::string()>>& generators() {
    static const std::map<std::string, std::function<std::string()>> g = {
        // A byte of a legacy Vietnamese code page (Windows-1258 "à" is 0xE0) after
        // correctly encoded letters on the same line.
        {"40-invalid-utf8",
         [] {
             return std::string("{\n  \"issuer\": {\n    \"name\": \"Ban Chỉ đạo x\xE0 Tân\",\n"
                                "    \"short\": \"BCĐ\"\n  }\n}\n");
         }},
        // An overlong encoding of "/" on line 3 after a CRLF line end.
        {"41-invalid-utf8-overlong",
         [] { return std::string("{\r\n  \"a\": 1,\r\n  \"b\": \"x\xC0\xAF\"\r\n}\r\n"); }},
        // A clerk's Windows editor: BOM, CRLF, decomposed letters. Accepted as is.
        {"42-bom-crlf-nfd",
         [] {
             return "\xEF\xBB\xBF" +
                    crlf(nfd(read_file(fs::path(THIDUA_SOURCE_DIR) / "tests/campaign/good/minimal.json")));
         }},
        // The same, with a mistake after decomposed letters: the column counts the
        // composed characters the user sees.
        {"43-bom-crlf-nfd-column",
         [] {
             std::string s = read_file(fs::path(THIDUA_SOURCE_DIR) / "tests/campaign/good/minimal.json");
             const std::string from = "\"place\": \"Bắc Quang\"";
             s.replace(s.find(from), from.size(), "\"place\": \"Bắc Quang\", \"nơi\": 1");
             return "\xEF\xBB\xBF" + crlf(nfd(s));
         }},
        // 17 MiB: refused before it is read.
        {"44-too-large",
         [] {
             std::string s = "{\"issuer\": \"";
             s.append(17u * 1024u * 1024u - s.size() - 2, 'a');
             s += "\"}";
             return s;
         }},
        // 100 000 levels of nesting: a clean error at level 65, no stack overflow.
        {"45-deep-nesting",
         [] { return std::string(100000, '[') + std::string(100000, ']'); }},
        {"46-deep-nesting-objects",
         [] {
             std::string s;
             for (int i = 0; i < 100000; ++i) s += "{\"a\":";
             s += "1";
             s += std::string(100000, '}');
             return s;
         }},
    };
    return g;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
        s.replace(at, from.size(), to);
    }
    return s;
}

}  // namespace

TEST_SUITE("campaign") {

TEST_CASE("campaign: the repository's schema loads") {
    Diagnostics d;
    auto s = thidua::Schema::load(std::string(THIDUA_SOURCE_DIR) + "/schemas/campaign.schema.json", d);
    CHECK(d.format() == "");
    REQUIRE(s.has_value());
    CHECK(s->root()["title"] == "Mô tả phong trào thi đua");
    CHECK(s->resolve(s->root()["properties"]["issuer"])["title"] == "Cơ quan ban hành");
}

TEST_CASE("campaign: the good minimal campaign loads clean") {
    enter_source_dir();
    Diagnostics d;
    auto c = thidua::load_campaign("tests/campaign/good/minimal.json", repo_schema(), d);
    CHECK(d.format() == "");
    REQUIRE(c.has_value());
    CHECK(c->doc.value["issuer"]["name"] == "BAN CHỈ ĐẠO 138");
    CHECK(c->doc.value["campaign"]["phases"].size() == 2);
    CHECK(c->doc.source.path() == "tests/campaign/good/minimal.json");
}

TEST_CASE("campaign: a plan written from the docs alone loads clean (quotas, date styles, \"0125\")") {
    enter_source_dir();
    Diagnostics d;
    auto c = thidua::load_campaign("tests/campaign/good/drafting.json", repo_schema(), d);
    CHECK(d.format() == "");
    REQUIRE(c.has_value());
    CHECK(c->doc.value["document"]["number"] == "0125");
}

TEST_CASE("campaign: a dossier deadline after the campaign's end is accepted within review_until") {
    // minimal.json ends 31/12/2025 and reviews until 20/01/2026; the dossier due on
    // 15/01/2026 (evaluation after the campaign) is fine. Past review_until it is not
    // (bad/72), nor past the end without a review date (bad/71).
    enter_source_dir();
    std::string s = read_file("tests/campaign/good/minimal.json");
    const std::string from = "\"dossier\": { \"deadline\": \"2025-12-20\" }";
    REQUIRE(s.find(from) != std::string::npos);
    s.replace(s.find(from), from.size(), "\"dossier\": { \"deadline\": \"2026-01-15\" }");
    Diagnostics d;
    auto doc = thidua::parse_json("late.json", s, d);
    REQUIRE(doc.has_value());
    thidua::validate(*doc, repo_schema(), d);
    thidua::check_campaign_rules(*doc, d);
    CHECK(d.format() == "");
}

TEST_CASE("campaign: wording checks stop after 100 findings, and every mark still comes off") {
    // 150 indicators with a placeholder no sentence fills, 150 recipients with "- ".
    std::string text = "{\"campaign\": {\"indicators\": [";
    for (int i = 0; i < 150; ++i) {
        text += std::string(i ? "," : "") + "{\"id\": \"c" + std::to_string(i) +
                "\", \"text\": \"đạt {taget}\"}";
    }
    text += "]}, \"recipients\": [";
    for (int i = 0; i < 150; ++i) text += std::string(i ? "," : "") + "\"- Nơi " + std::to_string(i) + ";\"";
    text += "]}";
    Diagnostics d;
    auto doc = thidua::parse_json("t.json", text, d);
    REQUIRE(doc.has_value());
    thidua::check_placeholders(*doc, d);
    REQUIRE(d.all().size() == 101);
    CHECK(thidua::format_diagnostic(d.all()[100]) ==
          "t.json: lỗi: còn chỗ thay khác không dùng được; chỉ báo 100 chỗ đầu tiên");
    Diagnostics w;
    thidua::strip_template_marks(*doc, w);
    REQUIRE(w.all().size() == 101);
    CHECK(thidua::format_diagnostic(w.all()[100]) ==
          "t.json: cảnh báo: còn dấu khác do mẫu tự thêm đã được bỏ; chỉ báo 100 chỗ đầu tiên");
    CHECK(doc->value["recipients"][149] == "Nơi 149");
}

TEST_CASE("campaign: BOM, CRLF and NFD input gives the same value as the clean file") {
    enter_source_dir();
    const fs::path dir = fs::temp_directory_path() / "thidua-campaign-test-nfd";
    fs::create_directories(dir);
    write_file(dir / "x.json", generators().at("42-bom-crlf-nfd")());
    Diagnostics d;
    auto dirty = thidua::load_campaign((dir / "x.json").string(), repo_schema(), d);
    auto clean = thidua::load_campaign("tests/campaign/good/minimal.json", repo_schema(), d);
    CHECK(d.format() == "");
    REQUIRE(dirty.has_value());
    REQUIRE(clean.has_value());
    CHECK(dirty->doc.value == clean->doc.value);
    CHECK(dirty->doc.value["issuer"]["place"] == "Bắc Quang");
    fs::remove_all(dir);
}

TEST_CASE("campaign: rule checks stop after 100 findings with a note") {
    std::string text = "{\"units\": [";
    for (int i = 0; i < 150; ++i) text += std::string(i ? "," : "") + "\n{\"id\": \"to\"}";
    text += "]}";
    Diagnostics d;
    auto doc = thidua::parse_json("t.json", text, d);
    REQUIRE(doc.has_value());
    thidua::check_campaign_rules(*doc, d);
    REQUIRE(d.all().size() == 101);
    CHECK(thidua::format_diagnostic(d.all()[0]) ==
          "t.json:3:8: lỗi: mã đơn vị \"to\" bị lặp lại (đã có ở dòng 2, cột 8) (tại /units/1/id)");
    CHECK(thidua::format_diagnostic(d.all()[100]) ==
          "t.json: lỗi: còn lỗi khác; chỉ báo 100 lỗi đầu tiên");
}

TEST_CASE("campaign: corpus of bad files gives the exact expected diagnostics") {
    enter_source_dir();
    const fs::path bad = "tests/campaign/bad";
    const fs::path tmp = fs::temp_directory_path() / "thidua-campaign-test-corpus";
    fs::create_directories(tmp);
    const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;

    std::vector<fs::path> expected_files;
    for (const auto& e : fs::directory_iterator(bad)) {
        if (e.path().extension() == ".expected") expected_files.push_back(e.path());
    }
    std::sort(expected_files.begin(), expected_files.end());
    CHECK(expected_files.size() >= 30);

    std::size_t generated = 0;
    for (const fs::path& expected_path : expected_files) {
        const std::string name = expected_path.stem().string();
        CAPTURE(name);
        fs::path input = bad / (name + ".json");
        bool is_generated = false;
        if (!fs::exists(input)) {
            auto g = generators().find(name);
            REQUIRE_MESSAGE(g != generators().end(), "no .json and no generator for " << name);
            input = tmp / (name + ".json");
            write_file(input, g->second());
            is_generated = true;
            ++generated;
        }
        Diagnostics d;
        auto c = thidua::load_campaign(input.string(), repo_schema(), d);
        std::string actual = d.format();
        if (is_generated) actual = replace_all(actual, tmp.string(), "@DIR@");
        if (update) write_file(expected_path, actual);
        CHECK(actual == read_file(expected_path));
        // A campaign comes back exactly when nothing was wrong (warnings do not count).
        CHECK(c.has_value() == !d.has_errors());
    }
    CHECK(generated == generators().size());
    fs::remove_all(tmp);
}

}  // TEST_SUITE
