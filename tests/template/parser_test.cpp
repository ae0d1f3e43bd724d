// Tests for template/parser: the golden corpus in tests/template/cases/<name>/, each an
// input.tpl (plus the files it includes) beside ast.expected holding dump_ast's output;
// every case must parse without a diagnostic. UPDATE_GOLDEN=1 rewrites ast.expected.
// Plus the in-memory source, expression precedence and source positions.
#include "fixture.hpp"

#include "template/ast.hpp"
#include "template/parser.hpp"

using namespace tpl_test;
using thidua::tpl::DirectorySource;
using thidua::tpl::MemorySource;
using thidua::tpl::Node;

TEST_SUITE("template") {

TEST_CASE("template: parser golden cases give the expected syntax tree") {
    enter_source_dir();
    const auto dirs = case_dirs("tests/template/cases");
    CHECK(dirs.size() >= 15);
    for (const fs::path& dir : dirs) {
        const std::string name = dir.filename().string();
        CAPTURE(name);
        DirectorySource src(dir.string());
        Diagnostics d;
        thidua::tpl::Template t = thidua::tpl::parse_template(src, "input.tpl", d);
        CHECK(d.format() == "");
        check_golden(dir / "ast.expected", thidua::tpl::dump_ast(t));
    }
}

TEST_CASE("template: the same text parses the same from memory and from a folder") {
    enter_source_dir();
    const fs::path dir = "tests/template/cases/08-include";
    MemorySource mem;
    for (const char* f : {"input.tpl", "chung/a.tpl", "chung/b.tpl"}) mem.add(f, read_file(dir / f));
    Diagnostics d1, d2;
    auto from_mem = thidua::tpl::parse_template(mem, "input.tpl", d1);
    auto from_dir = thidua::tpl::parse_template(DirectorySource(dir.string()), "input.tpl", d2);
    CHECK(d1.format() == "");
    CHECK(d2.format() == "");
    CHECK(thidua::tpl::dump_ast(from_mem) == thidua::tpl::dump_ast(from_dir));
    // Every file read is kept once per inclusion, the main file first, with the name the
    // source gives it.
    REQUIRE(from_mem.files.size() == 4);
    CHECK(from_mem.files[0].path() == "input.tpl");
    CHECK(from_mem.files[1].path() == "chung/a.tpl");
    CHECK(from_mem.files[2].path() == "chung/b.tpl");
    CHECK(from_mem.files[3].path() == "chung/b.tpl");
    CHECK(from_dir.files[0].path() == dir.string() + "/input.tpl");
}

TEST_CASE("template: a missing main file is one error naming where it was looked for") {
    MemorySource mem;
    Diagnostics d;
    auto t = thidua::tpl::parse_template(mem, "khong-co.tpl", d);
    CHECK(d.format() == "lỗi: không tìm thấy tệp mẫu \"khong-co.tpl\" (khong-co.tpl)\n");
    CHECK(t.body.empty());
    Diagnostics d2;
    thidua::tpl::parse_template(DirectorySource("/khong/co"), "x.tpl", d2);
    CHECK(d2.format() == "lỗi: không tìm thấy tệp mẫu \"x.tpl\" (/khong/co/x.tpl)\n");
}

TEST_CASE("template: a template that is not UTF-8 is refused at the bad byte") {
    MemorySource mem;
    mem.add("main.tpl", "Dòng một\nx\xE0y\n");
    Diagnostics d;
    thidua::tpl::parse_template(mem, "main.tpl", d);
    CHECK(d.format() == "main.tpl:2:2: lỗi: tệp mẫu không phải văn bản UTF-8 hợp lệ\n");
}

TEST_CASE("template: expression precedence and literals") {
    auto dump = [](const std::string& text) {
        thidua::SourceFile f("e", text);
        Diagnostics d;
        auto e = thidua::tpl::parse_expression(f, 0, 0, text.size(), d);
        if (!e) return "ERR " + d.format();
        // Wrap in a one-paragraph template to reuse dump_ast's expression printer.
        thidua::tpl::Template t;
        Node n;
        n.kind = Node::Kind::set;
        n.var = "v";
        n.expr = e;
        t.body.push_back(n);
        std::string s = thidua::tpl::dump_ast(t);
        return s.substr(8, s.size() - 9);  // "set v = " … "\n"
    };
    CHECK(dump("a or b and not c") == "(a or (b and (not c)))");
    CHECK(dump("not a == b") == "(not (a == b))");
    CHECK(dump("a + b * c - d / e") == "((a + (b * c)) - (d / e))");
    CHECK(dump("a ~ b + 1 ~ c") == "((a ~ (b + 1)) ~ c)");
    CHECK(dump("- a.b[1] | f") == "(- (a.b[1] | f))");
    CHECK(dump("x | f | g(1, k=\"v\")") == "((x | f) | g(1, k=\"v\"))");
    CHECK(dump("(a + b) * c") == "((a + b) * c)");
    CHECK(dump("[1, 2.5, \"s\", true, null]") == "[1, 2.5, \"s\", true, null]");
    CHECK(dump("'a\\'b' ~ \"c\\nd\"") == "(\"a'b\" ~ \"c\\nd\")");
    CHECK(dump("1.") == "ERR e:1:3: lỗi: cần tên trường sau dấu \".\"\n");
    CHECK(dump("(a $") == "ERR e:1:4: lỗi: ký tự \"$\" không được dùng trong biểu thức\n");
    CHECK(dump("a \"mở") == "ERR e:1:3: lỗi: chuỗi chưa đóng dấu nháy\n");
    CHECK(dump("a +") == "ERR e:1:4: lỗi: thiếu biểu thức\n");
    CHECK(dump("a $ b") == "ERR e:1:3: lỗi: ký tự \"$\" không được dùng trong biểu thức\n");
    CHECK(dump("x | 3") == "ERR e:1:5: lỗi: cần tên bộ lọc sau dấu \"|\"\n");
    CHECK(dump("a.") == "ERR e:1:3: lỗi: cần tên trường sau dấu \".\"\n");
    CHECK(dump("f(") == "ERR e:1:2: lỗi: thừa \"(\" trong biểu thức\n");
    CHECK(dump("(a") == "ERR e:1:3: lỗi: cần \")\" ở cuối biểu thức\n");
    CHECK(dump("\"mở") == "ERR e:1:1: lỗi: chuỗi chưa đóng dấu nháy\n");
}

TEST_CASE("template: nodes remember their position in their own file") {
    MemorySource mem;
    mem.add("main.tpl", "Một\n#include \"b.tpl\"\n  - mục\n");
    mem.add("b.tpl", "\n\n== Đề mục {{ x }}\n");
    Diagnostics d;
    auto t = thidua::tpl::parse_template(mem, "main.tpl", d);
    REQUIRE(d.format() == "");
    REQUIRE(t.body.size() == 3);
    auto at = [&](const thidua::tpl::Loc& loc) {
        auto lc = t.files[static_cast<std::size_t>(loc.file)].line_col(loc.offset);
        return t.files[static_cast<std::size_t>(loc.file)].path() + ":" + std::to_string(lc.line) +
               ":" + std::to_string(lc.col);
    };
    CHECK(at(t.body[0].loc) == "main.tpl:1:1");
    CHECK(at(t.body[1].loc) == "main.tpl:2:1");
    REQUIRE(t.body[1].body.size() == 1);
    const Node& h = t.body[1].body[0];
    CHECK(h.kind == Node::Kind::heading);
    CHECK(h.level == 2);
    CHECK(at(h.loc) == "b.tpl:3:1");
    REQUIRE(h.content.size() == 2);
    CHECK(at(h.content[1].loc) == "b.tpl:3:11");
    CHECK(at(h.content[1].expr->loc) == "b.tpl:3:14");
    CHECK(at(t.body[2].loc) == "main.tpl:3:3");
}

TEST_CASE("template: escaped markers are literal text, not emphasis (the dump cannot show it)") {
    MemorySource mem;
    mem.add("main.tpl", "\\*a\\* **b\\*c** \\{{ d \\\\\n");
    Diagnostics d;
    auto t = thidua::tpl::parse_template(mem, "main.tpl", d);
    REQUIRE(d.format() == "");
    REQUIRE(t.body.size() == 1);
    const auto& c = t.body[0].content;
    REQUIRE(c.size() == 3);
    CHECK(c[0].text == "*a* ");
    CHECK_FALSE(c[0].bold);
    CHECK_FALSE(c[0].italic);
    CHECK(c[1].text == "b*c");
    CHECK(c[1].bold);
    CHECK_FALSE(c[1].italic);
    CHECK(c[2].text == " {{ d \\");
    CHECK_FALSE(c[2].bold);
    CHECK(c[2].expr == nullptr);
}

}  // TEST_SUITE
