// Mistakes that used to pass silently, or be reported without a place, as `thidua check`
// and `render` now report them: a character the fonts lack at its line:col in the
// campaign file or in the template that writes it (not "in the paragraph …"), and an
// unclosed "*" at the marker. The campaign checks themselves are in the corpus
// (tests/campaign/bad/71-… to 79-…); these run the program on a sample.
#include <doctest/doctest.h>

#include "base/json.hpp"

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

/// Writes sample `name` changed by `edit` into `dir` (two-space indent, UTF-8 as is).
template <class Edit>
std::string edited(const TempDir& dir, const std::string& name, Edit edit) {
    json c = json::parse(read_file(sample(name)));
    edit(c);
    const std::string path = (dir / (name + "-edited.json")).string();
    write_file(path, c.dump(2, ' ', false));
    return path;
}

/// "line:col" of the first `needle` in `text`, the column counted in characters.
std::string line_col(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    int line = 1, col = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace

TEST_SUITE("e2e") {

TEST_CASE("check: a character the fonts lack is reported where the campaign file writes it") {
    TempDir in("glyph");
    const std::string path = edited(in, "ba-to-2025", [](json& c) {
        c["units"][2]["name"] = "Tổ dân phố 3 🏠";
        c["campaign"]["name"] = "Thi đua 漢字 và 漢字";
    });
    const std::string text = read_file(path);
    Result r = run_thidua({"check", path});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find(path + ":" + line_col(text, "🏠") +
                             ": lỗi: phông chữ Liberation Serif (thường) không có ký tự U+1F3E0 "
                             "'🏠': văn bản không in được ký tự này (bỏ nó, hoặc dùng phông có "
                             "nó: --fonts) (tại /units/2/name)") != std::string::npos,
                  show(r));
    // Each place once: both 漢 of the name, the 字 after them.
    CHECK(r.err.find(path + ":" + line_col(text, "漢") + ": lỗi: ") != std::string::npos);
    CHECK(r.err.find("U+5B57") != std::string::npos);
    // Nothing reported without a place ("trong đoạn …" was all the old check could say).
    CHECK_MESSAGE(r.err.find("trong đoạn") == std::string::npos, show(r));
    CHECK(r.err.find("thidua: 5 lỗi") != std::string::npos);
}

TEST_CASE("render: a large campaign, its text kept deflated, still reports at file:line:col") {
    // Past 1 MiB the campaign's text is kept deflated after it is read (SourceFile::pack);
    // a character the fonts lack is found only when rendering starts, in the last unit.
    TempDir in("glyph-large");
    const std::string path = edited(in, "ba-to-2025", [](json& c) {
        const json first = c["units"][0];
        json units = json::array();
        for (int i = 1; i <= 1500; ++i) {
            json u = first;
            u["id"] = "tdp-" + std::to_string(i);
            u["name"] = "Tổ dân phố " + std::to_string(i);
            units.push_back(u);
        }
        units[1499]["head"] = "Trần Văn Hòa ☎";
        c["units"] = units;
    });
    const std::string text = read_file(path);
    REQUIRE(text.size() > 1024 * 1024);
    TempDir out("glyph-large-out");
    Result r = run_thidua({"render", path, "-o", (out / "o").string(), "--only", "ke-hoach",
                           "--format", "pdf"});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find(path + ":" + line_col(text, "☎") + ": lỗi: phông chữ ") == 0,
                  show(r));
    CHECK_MESSAGE(r.err.find("(tại /units/1499/head)") != std::string::npos, show(r));
    // The caret line shows the line of the file the character is on.
    CHECK_MESSAGE(r.err.find("\"head\": \"Trần Văn Hòa ☎\"") != std::string::npos, show(r));
    CHECK_FALSE(std::filesystem::exists(out / "o"));
}

TEST_CASE("render: a character a template writes is reported at the template's line:col") {
    MiniTemplates tpl("{{ document.title }}\nGhi chú ✓ \\* đây: “{{ campaign.name }}” ✓\n#endmark\n");
    TempDir out("glyph-tpl");
    Result r = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "x").string(), "--only",
                           "ke-hoach", "--templates", tpl.str()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find(tpl.str() + "/ke-hoach.tpl:2:9: lỗi: phông chữ Liberation Serif "
                                         "(thường) không có ký tự U+2713 '✓'") == 0,
                  show(r));
    CHECK(r.err.find(tpl.str() + "/ke-hoach.tpl:2:41: lỗi: ") != std::string::npos);
    CHECK(r.err.find("trong đoạn") == std::string::npos);
    CHECK_FALSE(fs::exists(out / "x"));
}

TEST_CASE("check: an unclosed * in text the plan prints is an error at the star") {
    TempDir in("star");
    const std::string path = edited(in, "thai-binh-2024", [](json& c) {
        c["preamble"] = "Ban Chỉ đạo 138 tỉnh xây dựng Kế hoạch * cụ thể như sau:";
    });
    const std::string text = read_file(path);
    Result r = run_thidua({"check", path});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find(path + ":" + line_col(text, "* cụ thể") +
                             ": lỗi: dấu \"*\" không có dấu đóng: phần chữ sau nó sẽ in nghiêng "
                             "và dấu \"*\" không được in; viết \\* để in dấu *, hoặc thêm dấu "
                             "\"*\" đóng (mẫu ") != std::string::npos,
                  show(r));
    // Escaped, it prints: no error.
    const std::string ok = edited(in, "thai-binh-2024", [](json& c) {
        c["preamble"] = "Ban Chỉ đạo 138 tỉnh xây dựng Kế hoạch \\* cụ thể như sau:";
    });
    Result r2 = run_thidua({"check", ok});
    CHECK_MESSAGE(r2.status == 0, show(r2));
}

}  // TEST_SUITE
