// Tests for template/parser and template/checker errors: the corpus in
// tests/template/errors/<name>/, each an input.tpl (plus the files it includes) beside
// errors.expected holding Diagnostics::format() after compiling input.tpl against the
// repository's campaign schema — exact text and file:line:col. Every case must fail to
// compile. UPDATE_GOLDEN=1 rewrites errors.expected.
#include "fixture.hpp"

using namespace tpl_test;
using thidua::tpl::DirectorySource;

TEST_SUITE("template") {

TEST_CASE("template: corpus of bad templates gives the exact expected diagnostics") {
    enter_source_dir();
    const auto dirs = case_dirs("tests/template/errors");
    CHECK(dirs.size() >= 30);
    for (const fs::path& dir : dirs) {
        const std::string name = dir.filename().string();
        CAPTURE(name);
        DirectorySource src(dir.string());
        Diagnostics d;
        auto c = thidua::tpl::compile(src, "input", repo_schema().root(), d);
        CHECK_FALSE(c.has_value());
        CHECK(d.has_errors());
        check_golden(dir / "errors.expected", d.format());
    }
}

TEST_CASE("template: an error is shown with its template line and a caret") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", "= Mục\n  Tên: {{ campain.name }}\n"}}, d);
    CHECK_FALSE(c.has_value());
    CHECK(d.format(true) ==
          "main.tpl:2:11: lỗi: không có biến \"campain\"; có phải \"campaign\"?\n"
          "    Tên: {{ campain.name }}\n"
          "            ^\n");
}

TEST_CASE("template: the checker reports every error of a file, in order, not only the first") {
    Diagnostics d;
    auto c = compile_memory({{"main.tpl", "{{ a1 }}\n{{ a2 }}\n{{ a3 }}\n{{ a4 }}\n{{ a5 }}\n"}}, d);
    CHECK_FALSE(c.has_value());
    REQUIRE(d.all().size() == 5);
    for (int i = 0; i < 5; ++i) {
        CHECK(d.all()[static_cast<std::size_t>(i)].line == i + 1);
        CHECK(d.all()[static_cast<std::size_t>(i)].col == 4);
    }
}

TEST_CASE("template: a clean template compiles with no diagnostic at all") {
    Diagnostics d;
    auto c = compile_memory(
        {{"main.tpl",
          "#for d in campaign.phases\n- {{ d.name | default(\"Đợt \" ~ loop.index) }}: "
          "{{ d.start | date_short }}\n#end\n"}},
        d);
    CHECK(c.has_value());
    CHECK(d.format() == "");
}

}  // TEST_SUITE
