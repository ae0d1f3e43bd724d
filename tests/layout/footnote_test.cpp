// Footnotes in layout: the marker printed superscript, the note at the foot of the page
// its marker lands on, room reserved for it, a note longer than the page continued.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "layout/layout.hpp"

using namespace thidua;
using namespace thidua::layout;

namespace {

const FontSet& fonts() {
    static FontSet set = [] {
        Diagnostics d;
        auto f = find_fonts("", std::string(THIDUA_SOURCE_DIR) + "/fonts", d);
        REQUIRE_MESSAGE(f.has_value(), d.format());
        return std::move(*f);
    }();
    return set;
}

const double kTop = 25 * kPtPerMm;
const double kTextHeight = kA4Height - 45 * kPtPerMm;
const double kBottom = kTop + kTextHeight;  // the text area's bottom edge
const double kLine = 14 * 1.15 * 2355.0 / 2048.0;

/// A left-aligned paragraph without indent or space: `text`, then a footnote marker whose
/// note is `note`, then `after`.
doc::Paragraph with_note(const std::string& text, const std::string& note, const std::string& after = "") {
    doc::Paragraph p;
    p.align = doc::Align::left;
    p.first_indent = 0;
    p.space_before = 0;
    p.runs.push_back({text, false, false, false});
    doc::Run m;
    m.note.push_back({note, false, false, false});
    p.runs.push_back(m);
    if (!after.empty()) p.runs.push_back({after, false, false, false});
    return p;
}

doc::Paragraph plain(const std::string& text) {
    doc::Paragraph p;
    p.align = doc::Align::left;
    p.first_indent = 0;
    p.space_before = 0;
    p.runs.push_back({text, false, false, false});
    return p;
}

doc::Document one_section(std::vector<doc::Block> blocks) {
    doc::Document d;
    doc::Section s;
    s.blocks = std::move(blocks);
    d.sections.push_back(std::move(s));
    doc::number_footnotes(d);
    return d;
}

Pages lay(const doc::Document& d) {
    Diagnostics diags;
    Pages p = layout_document(d, fonts(), diags);
    CHECK_MESSAGE(!diags.has_errors(), diags.format());
    return p;
}

/// The items of `page` whose text is `text`.
std::vector<TextItem> items(const Page& page, const std::string& text) {
    std::vector<TextItem> out;
    for (const TextItem& t : page.texts)
        if (t.text == text) out.push_back(t);
    return out;
}

/// The page index holding a word `text`, or -1.
int page_of(const Pages& pages, const std::string& text) {
    for (std::size_t i = 0; i < pages.pages.size(); ++i)
        if (!items(pages.pages[i], text).empty()) return static_cast<int>(i);
    return -1;
}

}  // namespace

TEST_SUITE("layout") {

TEST_CASE("layout: footnote markers are numbered through the document, in reading order, cells included") {
    doc::Table t;
    t.widths = {50, 50};
    doc::Row row;
    doc::Cell c;
    c.paragraphs.push_back(with_note("ô", "chú thích trong ô"));
    row.cells.push_back(c);
    t.rows.push_back(row);
    doc::Document d = one_section({with_note("một", "thứ nhất", " và hai"), t, with_note("ba", "thứ ba")});
    doc::Section s2;
    s2.blocks.push_back(with_note("phụ lục", "thứ tư"));
    d.sections.push_back(s2);
    doc::number_footnotes(d);
    const std::vector<doc::FootnoteRef> notes = doc::footnotes(d);
    REQUIRE(notes.size() == 4);
    CHECK(notes[0].marker->text == "1");
    CHECK(notes[1].marker->note.at(0).text == "chú thích trong ô");
    CHECK(notes[1].marker->text == "2");
    CHECK(notes[2].marker->text == "3");
    CHECK(notes[3].marker->text == "4");
    CHECK(notes[3].section == 1);
    CHECK(notes[0].marker->superscript);
    // The dump shows where each note is.
    CHECK(doc::dump(d).find("một[^1: thứ nhất] và hai") != std::string::npos);
}

TEST_CASE("layout: the marker is smaller and raised, its note is at the foot of the same page under a short rule") {
    const Pages pages = lay(one_section({with_note("Luật Thi đua, khen thưởng", "Luật số 06/2022/QH15.", " năm 2022.")}));
    REQUIRE(pages.pages.size() == 1);
    const Page& p = pages.pages[0];
    const std::vector<TextItem> body = items(p, "Luật");
    REQUIRE(body.size() == 2);  // the text's word and the note's first word
    const TextItem& word = body[0].size == 14 ? body[0] : body[1];
    const TextItem& note_word = body[0].size == 14 ? body[1] : body[0];
    // "thưởng" then the marker "1", on the same line, smaller and higher.
    std::vector<TextItem> ones;
    for (const TextItem& t : p.texts)
        if (t.text == "1") ones.push_back(t);
    REQUIRE(ones.size() == 2);  // the marker in the text and the number before the note
    const TextItem& marker = ones[0].y < ones[1].y ? ones[0] : ones[1];
    CHECK(marker.size == doctest::Approx(14 * doc::kFootnoteMarkerScale));
    CHECK(marker.y == doctest::Approx(word.y - 14 * doc::kFootnoteMarkerRise));
    // The note: 10 pt, at the bottom of the text area, far below the text.
    CHECK(note_word.size == doctest::Approx(doc::kFootnoteSize));
    CHECK(note_word.y > kBottom - 20);
    CHECK(note_word.y <= kBottom);
    // The rule above it: 5 cm from the left margin, between the text and the note.
    bool rule = false;
    for (const LineItem& l : p.lines) {
        if (l.y1 == l.y2 && std::abs((l.x2 - l.x1) - doc::kFootnoteRuleMm * kPtPerMm) < 0.01 &&
            l.y1 < note_word.y && l.y1 > word.y)
            rule = true;
    }
    CHECK(rule);
}

TEST_CASE("layout: room is reserved for a note: a line whose note does not fit goes to the next page with it") {
    // A spacer that leaves room for the marker's line but not for its three-line note.
    const double room = 2 * kLine;
    std::string note;
    for (int i = 0; i < 40; ++i) note += "chú thích dài ";
    doc::Document d = one_section({plain("đầu"), doc::Spacer{kTextHeight - kLine - room},
                                   with_note("dòng có số", note)});
    const Pages pages = lay(d);
    REQUIRE(pages.pages.size() == 2);
    const int marker_page = page_of(pages, "có");
    CHECK(marker_page == 1);
    // Every word of the note is on the marker's page, below the text, inside the text area.
    for (const TextItem& t : pages.pages[1].texts) {
        if (t.size == doc::kFootnoteSize) {
            CHECK(t.y <= kBottom + 0.01);
        }
    }
    int note_words = 0;
    for (const Page& p : pages.pages)
        for (const TextItem& t : p.texts)
            if (t.text == "dài") {
                CHECK(&p == &pages.pages[1]);
                ++note_words;
            }
    CHECK(note_words == 40);
    // Without the note the same line stays on the first page.
    doc::Document bare = one_section({plain("đầu"), doc::Spacer{kTextHeight - kLine - room}, plain("dòng có số")});
    CHECK(lay(bare).pages.size() == 1);
}

TEST_CASE("layout: a long note starts under its line and goes on at the next page's foot, not leaving the page's end empty") {
    // Room for the line and about four lines of notes; the note has about twelve.
    std::string note;
    for (int i = 0; i < 80; ++i) note += "kéo dài ";
    const double room = kLine + 9.5 + 4 * 11.6;
    doc::Document d = one_section({plain("đầu"), doc::Spacer{kTextHeight - kLine - room},
                                   with_note("dòng có số", note), plain("tiếp theo")});
    const Pages pages = lay(d);
    REQUIRE(pages.pages.size() == 2);
    CHECK(page_of(pages, "có") == 0);  // the line stays on its page
    int first = 0, second = 0;
    for (const TextItem& t : pages.pages[0].texts) first += t.text == "kéo";
    for (const TextItem& t : pages.pages[1].texts) second += t.text == "kéo";
    CHECK(first > 0);
    CHECK(second > 0);
    CHECK(first + second == 80);
    // The next page: the text first, the rest of the note at its foot.
    CHECK(page_of(pages, "tiếp") == 1);
    for (const TextItem& t : pages.pages[1].texts)
        if (t.text == "kéo") CHECK(t.y > items(pages.pages[1], "tiếp")[0].y);
}

TEST_CASE("layout: a note longer than a page continues at the next page's foot and never leaves the text area") {
    std::string note;
    for (int i = 0; i < 1200; ++i) note += "rất dài ";
    doc::Document d = one_section({with_note("dòng đầu", note), plain("dòng sau")});
    const Pages pages = lay(d);
    REQUIRE(pages.pages.size() >= 2);
    CHECK(page_of(pages, "đầu") == 0);
    int words = 0;
    for (const Page& p : pages.pages) {
        for (const TextItem& t : p.texts) {
            if (t.line < 0) continue;  // the page number, in the top margin
            CHECK(t.y <= kBottom + 0.01);
            CHECK(t.y >= kTop);
            if (t.text == "dài") ++words;
        }
    }
    CHECK(words == 1200);  // nothing lost
    // The first line of the note is on the marker's page.
    CHECK(!items(pages.pages[0], "rất").empty());
    // The text after it goes on: "dòng sau" is printed, above the note's part on its page.
    const int after = page_of(pages, "sau");
    REQUIRE(after >= 0);
    for (const TextItem& t : pages.pages[static_cast<std::size_t>(after)].texts) {
        if (t.text == "rất") {
            CHECK(t.y > items(pages.pages[static_cast<std::size_t>(after)], "sau")[0].y);
        }
    }
}

TEST_CASE("layout: a document without footnotes lays out as before (no rule, no foot)") {
    const Pages pages = lay(one_section({plain("không có chú thích")}));
    REQUIRE(pages.pages.size() == 1);
    CHECK(pages.pages[0].lines.empty());
}

}  // TEST_SUITE
