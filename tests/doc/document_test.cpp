#include <doctest/doctest.h>

#include "doc/document.hpp"

using namespace thidua::doc;

TEST_SUITE("doc") {

TEST_CASE("doc: a section knows its page and text area as turned") {
    Section s;
    CHECK(s.page_width() == 210);
    CHECK(s.page_height() == 297);
    CHECK(s.text_width() == 155);
    CHECK(s.text_height() == 252);
    s.orientation = Orientation::landscape;
    s.margin_left = 30;
    CHECK(s.page_width() == 297);
    CHECK(s.text_width() == 247);
    CHECK(s.text_height() == 165);
}

TEST_CASE("doc: append keeps the first style of each role and adds the sections") {
    Document a, b;
    Style body;
    body.role = "body";
    body.size = 14;
    a.styles.push_back(body);
    a.sections.emplace_back();
    Style other = body;
    other.size = 12;
    Style cell;
    cell.role = "cell";
    b.styles = {other, cell};
    b.sections.emplace_back();
    b.sections.emplace_back();
    append(a, std::move(b));
    REQUIRE(a.styles.size() == 2);
    CHECK(a.style("body")->size == 14);
    CHECK(a.style("cell") != nullptr);
    CHECK(a.style("none") == nullptr);
    CHECK(a.sections.size() == 3);
}

}  // TEST_SUITE
