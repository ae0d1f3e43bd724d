// Footnotes end to end: a plan whose data writes `[^…]` in a citation, the preamble and a
// purpose, rendered to PDF and Word. The PDF read back page by page with pdftotext (each
// note on its marker's page, below the text) still passes nd30-check; the DOCX read back
// with Debian's python3 (footnotes.xml holds the notes, document.xml refers to them by id)
// and converted by LibreOffice, which prints the notes. Mistakes in the notation are errors
// at the campaign file's line:col with the JSON pointer.
#include <doctest/doctest.h>

#include <algorithm>

#include "base/json.hpp"

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

const std::string kPython = "/usr/bin/python3";

template <class Edit>
std::string edited(const TempDir& dir, const std::string& name, Edit edit) {
    json c = json::parse(read_file(sample(name)));
    edit(c);
    const std::string path = (dir / (name + "-notes.json")).string();
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

const std::string kNote1 = "Luật số 30/2023/QH15 được Quốc hội thông qua ngày 28/11/2023.";
const std::string kNote2 = "Ban Chỉ đạo thực hiện Chỉ thị 138/CP của Chính phủ.";
const std::string kNote3 = "Theo Kế hoạch số 399/KH-BCA-X03 của Bộ Công an.";

void add_notes(json& c) {
    c["legal_bases"][0]["items"][0]["name"] =
        c["legal_bases"][0]["items"][0]["name"].get<std::string>() + "[^" + kNote1 + "]";
    c["preamble"] = "Ban Chỉ đạo 138[^" + kNote2 +
                    "] tỉnh xây dựng Kế hoạch phát động phong trào thi đua, cụ thể như sau:";
    c["campaign"]["purposes"][0] = c["campaign"]["purposes"][0].get<std::string>() + "[^" + kNote3 + "]";
}

/// The text of page `k` (1-based) of `pdf`, words on one line each separated by a space.
std::string page_text(const std::string& pdf, int k) {
    Result r = run_shell("pdftotext -layout -f " + std::to_string(k) + " -l " + std::to_string(k) + " " +
                         sh_quote(pdf) + " -");
    REQUIRE_MESSAGE(r.status == 0, show(r));
    return collapse_spaces(r.out);
}

int page_count(const std::string& pdf) {
    Result r = run_shell("pdfinfo " + sh_quote(pdf) + " | sed -n 's/^Pages: *//p'");
    REQUIRE_MESSAGE(r.status == 0, show(r));
    return std::stoi(r.out);
}

}  // namespace

TEST_SUITE("e2e") {

TEST_CASE("render: footnotes in the data print at the foot of their marker's page (PDF) and as Word footnotes") {
    if (missing_program("pdftotext", "reading the PDF's pages") || missing_program("pdfinfo", "counting pages")) return;
    TempDir in("notes");
    const std::string path = edited(in, "thai-binh-2024", add_notes);
    const fs::path out = in / "out";
    Result r = run_thidua({"render", path, "-o", out.string(), "--only", "ke-hoach"});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    const std::string pdf = (out / "ke-hoach.pdf").string();

    // PDF: each note on the page of the text it explains, after (below) that text, with
    // its number; numbered 1, 2, 3 in reading order.
    const int pages = page_count(pdf);
    struct Expect {
        std::string body, note, number;
    };
    const std::vector<Expect> expect = {
        {"Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở1", kNote1, "1"},
        {"Ban Chỉ đạo 1382 tỉnh xây dựng Kế hoạch", kNote2, "2"},
        {"nâng cao chất lượng", kNote3, "3"},
    };
    for (const Expect& e : expect) {
        CAPTURE(e.note);
        int body_page = 0, note_page = 0;
        for (int k = 1; k <= pages; ++k) {
            const std::string t = page_text(pdf, k);
            if (!body_page && t.find(e.body) != std::string::npos) body_page = k;
            if (!note_page && t.find(e.number + " " + e.note) != std::string::npos) note_page = k;
        }
        REQUIRE(body_page > 0);
        CHECK(note_page == body_page);
        const std::string t = page_text(pdf, body_page);
        CHECK(t.find(e.number + " " + e.note) > t.find(e.body));
    }
    // The notes are the last lines of their page: nothing of the body below them.
    const std::string first = page_text(pdf, 1);
    const std::size_t n1 = first.find(kNote1);
    REQUIRE(n1 != std::string::npos);
    CHECK(first.find("cụ thể như sau:") < n1);

    // The plan still passes every ND 30 rule.
    const std::string nd30 = std::string(THIDUA_SHARED_DIR) + "/tools/nd30-check";
    if (fs::exists(nd30)) {
        Result check = run_shell(sh_quote(nd30) + " --kind plan " + sh_quote(pdf));
        CHECK_MESSAGE(check.status == 0, show(check));
        CHECK(check.out.find("FAIL") == std::string::npos);
    }

    // Word: footnotes.xml holds the three notes under the ids document.xml refers to, with
    // the separators Word expects; the references use the FootnoteReference style.
    const std::string docx = (out / "ke-hoach.docx").string();
    REQUIRE(fs::exists(docx));
    const std::string script = R"PY(
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
doc = z.read('word/document.xml').decode()
notes = z.read('word/footnotes.xml').decode() if 'word/footnotes.xml' in names else ''
out = {
  'refs': re.findall(r'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="(\d+)"/></w:r>', doc),
  'notes': {m.group(1): ''.join(re.findall(r'<w:t[^>]*>([^<]*)</w:t>', m.group(2)))
            for m in re.finditer(r'<w:footnote w:id="(\d+)">(.*?)</w:footnote>', notes)},
  'separators': re.findall(r'<w:footnote w:type="(\w+)" w:id="(-?\d+)">', notes),
  'types': 'footnotes+xml' in z.read('[Content_Types].xml').decode(),
  'rels': 'footnotes.xml' in z.read('word/_rels/document.xml.rels').decode(),
  'styles': all(s in z.read('word/styles.xml').decode() for s in ('w:styleId="FootnoteText"', 'w:styleId="FootnoteReference"', '<w:vertAlign w:val="superscript"/>', '<w:sz w:val="20"/>')),
  'settings': '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>' in z.read('word/settings.xml').decode(),
}
print(json.dumps(out, ensure_ascii=False))
)PY";
    write_file(in / "facts.py", script);
    Result facts = run_shell(kPython + " " + sh_quote((in / "facts.py").string()) + " " + sh_quote(docx));
    REQUIRE_MESSAGE(facts.status == 0, show(facts));
    const json f = json::parse(facts.out);
    CHECK(f["refs"] == json::array({"1", "2", "3"}));
    // After the number Word prints (<w:footnoteRef/>), a space, then the note.
    CHECK(f["notes"]["1"] == " " + kNote1);
    CHECK(f["notes"]["2"] == " " + kNote2);
    CHECK(f["notes"]["3"] == " " + kNote3);
    CHECK(f["separators"] == json::array({json::array({"separator", "-1"}), json::array({"continuationSeparator", "0"})}));
    CHECK(f["types"] == true);
    CHECK(f["rels"] == true);
    CHECK(f["styles"] == true);
    CHECK(f["settings"] == true);

    // LibreOffice reads them as footnotes: its PDF prints each note, at the foot of a page.
    if (missing_program("libreoffice", "converting the Word file")) return;
    TempDir lo("notes-lo");
    Result conv = run_shell("libreoffice -env:UserInstallation=file://" + (lo / "profile").string() +
                                " --headless --convert-to pdf --outdir " + sh_quote(lo.str()) + " " + sh_quote(docx),
                            300);
    REQUIRE_MESSAGE(conv.status == 0, show(conv));
    const std::string lo_pdf = (lo / "ke-hoach.pdf").string();
    REQUIRE(fs::exists(lo_pdf));
    // pdftotext may set LibreOffice's superscript number off by a space: compared without
    // spaces. Numbered 1, 2, 3 as in thidua's PDF, each on its marker's page, below it.
    auto squeeze = [](std::string s) {
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        return s;
    };
    const int lo_pages = page_count(lo_pdf);
    for (const Expect& e : expect) {
        CAPTURE(e.note);
        bool found = false;
        for (int k = 1; k <= lo_pages && !found; ++k) {
            const std::string t = squeeze(page_text(lo_pdf, k));
            const std::size_t at = t.find(squeeze(e.number + " " + e.note));
            const std::size_t body = t.find(squeeze(e.body));
            found = at != std::string::npos && body != std::string::npos && at > body;
        }
        CHECK(found);
    }
}

TEST_CASE("render: data without footnotes writes no footnotes part, no footnote styles") {
    TempDir out("no-notes");
    Result r = run_thidua({"render", sample("thai-binh-2024"), "-o", (out / "x").string(), "--only", "ke-hoach"});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    Result z = run_shell(kPython + " -c " +
                         sh_quote("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                                  "print('word/footnotes.xml' in z.namelist(), 'Footnote' in z.read('word/styles.xml').decode())") +
                         " " + sh_quote((out / "x" / "ke-hoach.docx").string()));
    REQUIRE_MESSAGE(z.status == 0, show(z));
    CHECK(z.out == "False False\n");
}

TEST_CASE("check: an unclosed, empty or nested footnote is an error at its place in the campaign file") {
    TempDir in("notes-bad");
    struct Case {
        std::string text, at, message;
    };
    const std::vector<Case> cases = {
        {"Ban Chỉ đạo 138[^ chưa đóng tỉnh xây dựng Kế hoạch, cụ thể như sau:", "[^ chưa",
         "lỗi: chú thích \"[^\" không có dấu \"]\" đóng: thêm \"]\" sau nội dung chú thích; viết \\[^ để in \"[^\" nguyên văn"},
        {"Ban Chỉ đạo 138[^  ] tỉnh xây dựng Kế hoạch, cụ thể như sau:", "[^  ]",
         "lỗi: chú thích \"[^ ]\" không có chữ"},
        {"Ban Chỉ đạo 138[^ a [^ b] c] tỉnh xây dựng Kế hoạch, cụ thể như sau:", "[^ b]",
         "lỗi: chú thích không lồng trong chú thích"},
        {"Ban Chỉ đạo 138[^ *nghiêng] tỉnh xây dựng Kế hoạch, cụ thể như sau:", "*nghiêng",
         "lỗi: dấu \"*\" không có dấu đóng trong chú thích"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const std::string path = edited(in, "thai-binh-2024", [&](json& j) { j["preamble"] = c.text; });
        const std::string text = read_file(path);
        Result r = run_thidua({"check", path});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK_MESSAGE(r.err.find(path + ":" + line_col(text, c.at) + ": " + c.message) != std::string::npos, show(r));
        CHECK_MESSAGE(r.err.find("/preamble") != std::string::npos, show(r));
    }
    // Escaped, "[^" prints as it is.
    const std::string ok = edited(in, "thai-binh-2024", [](json& j) { j["preamble"] = "Ký hiệu \\[^ và ] in nguyên văn, cụ thể như sau:"; });
    Result r2 = run_thidua({"check", ok});
    CHECK_MESSAGE(r2.status == 0, show(r2));
}

}  // TEST_SUITE
