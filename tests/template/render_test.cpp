// Tests for template/evaluator: the golden corpus in tests/template/render/<name>/, each an
// input.tpl compiled against the repository's schema and rendered for campaign.json (parsed
// only: the evaluator takes any JSON, so data errors can be provoked). A case with
// errors.expected must fail to render with exactly those diagnostics (at the campaign
// file's line:col, naming the template position); any other case must render cleanly to
// dump.expected (doc::dump). UPDATE_GOLDEN=1 rewrites the expected files.
// Plus bindings (unit, nominee), document metadata and values the dump does not show.
#include "fixture.hpp"

#include <variant>

using namespace tpl_test;
using thidua::tpl::DirectorySource;

TEST_SUITE("template") {

TEST_CASE("template: render golden cases give the expected document or data errors") {
    enter_source_dir();
    const auto dirs = case_dirs("tests/template/render");
    std::size_t errors = 0, dumps = 0;
    for (const fs::path& dir : dirs) {
        const std::string name = dir.filename().string();
        CAPTURE(name);
        Diagnostics d;
        auto c = thidua::tpl::compile(DirectorySource(dir.string()), "input", repo_schema().root(), d);
        REQUIRE_MESSAGE(c.has_value(), d.format());
        auto campaign = thidua::parse_json((dir / "campaign.json").string(),
                                           read_file(dir / "campaign.json"), d);
        REQUIRE_MESSAGE(campaign.has_value(), d.format());
        auto doc = thidua::tpl::render(*c, *campaign, nullptr, d);
        if (fs::exists(dir / "errors.expected")) {
            ++errors;
            CHECK_FALSE(doc.has_value());
            CHECK(d.has_errors());
            check_golden(dir / "errors.expected", d.format());
        } else {
            ++dumps;
            CHECK(d.format() == "");
            REQUIRE(doc.has_value());
            check_golden(dir / "dump.expected", thidua::doc::dump(*doc));
        }
    }
    CHECK(dumps >= 12);
    CHECK(errors >= 15);
}

TEST_CASE("template: a document rendered for a unit sees it as `unit`, its errors point into /units") {
    const std::string campaign = R"({
  "units": [
    { "id": "to-1", "name": "Tổ dân phố 1", "targets": { "nguon-tin": 85, "mo-hinh": 2 } },
    { "id": "to-2", "name": "Tổ dân phố 2" }
  ]
})";
    Diagnostics d;
    auto c = compile_memory({{"main.tpl",
                              "#if unit\n= {{ unit.name }}\n#for k, v in unit.targets\n"
                              "- {{ loop.index }}. {{ k }}: {{ v }}\n#end\n"
                              "Người đứng đầu: {{ unit.head }}\n#else\nKhông có đơn vị\n#end\n"}},
                            d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    thidua::JsonDoc doc = json_doc(campaign, "c.json");

    // Without a unit the template sees null.
    auto none = thidua::tpl::render(*c, doc, nullptr, d);
    REQUIRE_MESSAGE(none.has_value(), d.format());
    CHECK(thidua::doc::dump(*none) ==
          "section portrait page_numbers margins=25/20/35/20\n"
          "  p[body justify 14 indent=10 before=6] Không có đơn vị\n");

    // With the first unit: the members of an object in file order, then a missing field
    // reported at the unit in the campaign file.
    auto first = thidua::tpl::render(*c, doc, &doc.value["units"][0], d);
    CHECK_FALSE(first.has_value());
    CHECK(d.format() ==
          "c.json:3:5: lỗi: thiếu dữ liệu mà mẫu cần in; thêm vào tệp chiến dịch hoặc dùng "
          "\"| default(…)\" trong mẫu (mẫu main.tpl:6:25); thiếu \"/units/0/head\" (tại /units/0)\n");

    // Bindings by name: "nominee" is null unless bound.
    Diagnostics d2;
    auto c2 = compile_memory({{"main.tpl",
                               "#if nominee\nCó\n#else\nKhông\n#end\n{{ unit.name | default(\"?\") }}\n"}},
                             d2);
    REQUIRE_MESSAGE(c2.has_value(), d2.format());
    thidua::tpl::Bindings b;
    b["unit"] = &doc.value["units"][1];
    auto second = thidua::tpl::render(*c2, doc, b, d2);
    REQUIRE_MESSAGE(second.has_value(), d2.format());
    CHECK(thidua::doc::dump(*second) ==
          "section portrait page_numbers margins=25/20/35/20\n"
          "  p[body justify 14 indent=10 before=6] Không\n"
          "  p[body justify 14 indent=10 before=6] Tổ dân phố 2\n");
}

TEST_CASE("template: the loop over an object's members is in file order, with loop.*") {
    const std::string campaign =
        R"({"units": [{"name": "A", "targets": {"z": 1, "a": 2.5, "m": 3}}]})";
    Diagnostics d;
    auto c = compile_memory(
        {{"main.tpl",
          "#for k, v in unit.targets\n#if loop.first\nđầu\n#end\n"
          "{{ loop.index }}/{{ loop.length }} {{ k }}={{ v }}\n#if loop.last\ncuối\n#end\n#end\n"}},
        d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    thidua::JsonDoc doc = json_doc(campaign);
    auto out = thidua::tpl::render(*c, doc, &doc.value["units"][0], d);
    REQUIRE_MESSAGE(out.has_value(), d.format());
    std::string text;
    for (const auto& b : out->sections.at(0).blocks) {
        text += std::get<thidua::doc::Paragraph>(b).text() + "\n";
    }
    // thidua::Json keeps object members sorted by key.
    CHECK(text == "đầu\n1/3 a=2,5\n2/3 m=3\n3/3 z=1\ncuối\n");
}

TEST_CASE("template: #set meta_title / meta_author / meta_subject fill the document's metadata") {
    std::string dump;
    Diagnostics d;
    auto c = compile_memory({{"main.tpl",
                              "#set meta_title = \"Kế hoạch\"\n#set meta_author = issuer.name\n"
                              "#set meta_subject = document.title | upper\nx\n"}},
                            d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    thidua::JsonDoc doc =
        json_doc(R"({"issuer": {"name": "UBND xã"}, "document": {"title": "phát động"}})");
    auto out = thidua::tpl::render(*c, doc, nullptr, d);
    REQUIRE_MESSAGE(out.has_value(), d.format());
    CHECK(out->title == "Kế hoạch");
    CHECK(out->author == "UBND xã");
    CHECK(out->subject == "PHÁT ĐỘNG");
}

TEST_CASE("template: styled runs keep their faces, and adjacent runs of one face are merged") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", "a **b {{ x | md }} c** *d*{{ \"e\" }}\n#set x = \"\"\n"}}, d);
    // x is used before it is set: the checker refuses it.
    CHECK_FALSE(c.has_value());
    CHECK(d.format() == "main.tpl:1:10: lỗi: không có biến \"x\"\n");

    Diagnostics d2;
    auto c2 = compile_memory(
        {{"main.tpl", "a **b {{ campaign.name | md }} c** *d*{{ \"e\" }}\n"}}, d2);
    REQUIRE_MESSAGE(c2.has_value(), d2.format());
    thidua::JsonDoc doc = json_doc(R"({"campaign": {"name": "x *y* z"}})");
    auto out = thidua::tpl::render(*c2, doc, nullptr, d2);
    REQUIRE_MESSAGE(out.has_value(), d2.format());
    const auto& p = std::get<thidua::doc::Paragraph>(out->sections.at(0).blocks.at(0));
    REQUIRE(p.runs.size() == 7);
    using thidua::doc::Run;
    CHECK(p.runs[0] == Run{"a ", false, false, false});
    CHECK(p.runs[1] == Run{"b x ", true, false, false});
    CHECK(p.runs[2] == Run{"y", true, true, false});
    CHECK(p.runs[3] == Run{" z c", true, false, false});
    CHECK(p.runs[4] == Run{" ", false, false, false});
    CHECK(p.runs[5] == Run{"d", false, true, false});
    CHECK(p.runs[6] == Run{"e", false, false, false});
}

TEST_CASE("template: table, cell and section attributes that the dump does not show") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl",
                              "#section landscape numbersize=12\n"
                              "#table widths=10,20 before=3 padding=0.5 keep\n"
                              "#row\n#cell valign=middle\n{spacing=1.5} a\n#cell valign=bottom\nb\n"
                              "#row\n#cell colspan=2\nc\n#end\n"}},
                            d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    thidua::JsonDoc doc = json_doc("{}");
    auto out = thidua::tpl::render(*c, doc, nullptr, d);
    REQUIRE_MESSAGE(out.has_value(), d.format());
    REQUIRE(out->sections.size() == 1);
    CHECK(out->sections[0].page_number_size == 12);
    const auto& t = std::get<thidua::doc::Table>(out->sections[0].blocks.at(0));
    CHECK(t.space_before == 3);
    CHECK(t.cell_padding == 0.5);
    CHECK(t.keep_together);
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].cells[0].valign == thidua::doc::VAlign::middle);
    CHECK(t.rows[0].cells[0].paragraphs.at(0).line_spacing == 1.5);
    CHECK(t.rows[0].cells[1].valign == thidua::doc::VAlign::bottom);
    CHECK(t.rows[1].cells[0].valign == thidua::doc::VAlign::top);
    CHECK(t.rows[1].cells[0].colspan == 2);
}

TEST_CASE("template: the document carries one style per role, as #style set it where the role is first used") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl",
                              "#style body justify size=14 indent=10 before=6 spacing=1.15 name=\"Nội dung\"\n"
                              "#style heading1 bold center size=14 noindent before=12\n"
                              "#style quoc_hieu center bold size=13 noindent before=0 spacing=1 name=\"Quốc hiệu\"\n"
                              "= Mục một\n"
                              "Đoạn một.\n"
                              "{size=13} Đoạn hai, cỡ riêng.\n"
                              "#style body size=12\n"
                              "Đoạn ba, sau khi #style đổi.\n"
                              "{role=quoc_hieu} CỘNG HÒA\n"
                              "== {runin} Liền:\n"
                              "đoạn.\n"}},
                            d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    thidua::JsonDoc doc = json_doc("{}");
    auto out = thidua::tpl::render(*c, doc, nullptr, d);
    REQUIRE_MESSAGE(out.has_value(), d.format());
    CHECK(thidua::doc::dump_styles(*out) ==
          "style heading1 [center 14 bold before=12 spacing=1.15 keep outline=1]\n"
          "style body \"Nội dung\" [justify 14 indent=10 before=6 spacing=1.15]\n"
          "style quoc_hieu \"Quốc hiệu\" [center 13 bold spacing=1]\n");
    const auto& blocks = out->sections.at(0).blocks;
    CHECK(std::get<thidua::doc::Paragraph>(blocks.at(0)).outline_level == 1);
    CHECK(std::get<thidua::doc::Paragraph>(blocks.at(1)).outline_level == 0);
    // Paragraphs keep their own values: the style table does not change them.
    CHECK(std::get<thidua::doc::Paragraph>(blocks.at(2)).size == 13);
    CHECK(std::get<thidua::doc::Paragraph>(blocks.at(3)).size == 12);
    // A run-in heading is part of the paragraph it starts: no heading2 style, no level.
    CHECK(out->style("heading2") == nullptr);
    CHECK(std::get<thidua::doc::Paragraph>(blocks.at(5)).outline_level == 0);
}

TEST_CASE("template: name= is a #style attribute only, and a quoted value must close") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", "{name=\"Tên\"} chữ\n"}}, d);
    CHECK_FALSE(c.has_value());
    CHECK(d.format().find("main.tpl:1:2: lỗi: thuộc tính \"name\" (tên kiểu trong tệp Word) chỉ dùng trong \"#style\"") == 0);
    Diagnostics d2;
    auto c2 = compile_memory({{"main.tpl", "#style body name=\"Nội dung\nchữ\n"}}, d2);
    CHECK_FALSE(c2.has_value());
    CHECK(d2.format().find("thiếu dấu \" đóng giá trị thuộc tính") != std::string::npos);
}

}  // TEST_SUITE
