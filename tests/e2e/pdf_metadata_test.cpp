// Acceptance (issue 12, "the PDF gains what the tree now knows"): every PDF of the five
// samples is PDF 1.7 and tagged (but the combined print file of all forms), has its full title ("Kế hoạch số …/KH-… về …", and the like
// for every other kind) and a subject on one line, /Lang (vi-VN), XMP metadata that parses
// and agrees with the Info dictionary, and bookmarks that open the page where their heading
// is printed. Skipped only when a tool is missing.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "base/json.hpp"

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

/// What the title of each kind starts with.
std::string title_start(const std::string& file) {
    static const std::vector<std::pair<std::string, std::string>> starts = {
        {"ke-hoach", "Kế hoạch số "},
        {"dang-ky", "Bản đăng ký thi đua của "},
        {"to-trinh", "Tờ trình số "},
        {"danh-sach", "Danh sách đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào "},
        {"bien-ban", "Biên bản số "},
        {"bao-cao-thanh-tich", "Báo cáo thành tích của "},
        {"danh-muc-ho-so", "Danh mục hồ sơ đề nghị khen thưởng trong phong trào "},
    };
    for (const auto& [kind, start] : starts) {
        if (file.rfind(kind, 0) == 0) return start;
    }
    return "?";
}

/// The value of a qpdf JSON string ("u:…" or "b:…" in qpdf's JSON version 2).
std::string text_of(const json& v) {
    const std::string s = v.get<std::string>();
    return s.size() > 2 && s[1] == ':' ? s.substr(2) : s;
}

struct Bookmark {
    std::string title;
    int page;
    int level;
};

void check_pdf(const fs::path& pdf, const std::string& name, const TempDir& dir) {
    const std::string file = pdf.filename().string();
    CAPTURE(file);
    Result j = run_shell("qpdf --json=2 --json-key=qpdf --json-key=outlines --json-stream-data=none " +
                         sh_quote(pdf.string()));
    REQUIRE_MESSAGE(j.status == 0, show(j));
    const json all = json::parse(j.out);
    const json& objs = all["qpdf"][1];
    auto object = [&](const json& ref) -> const json& {
        const json& o = objs["obj:" + ref.get<std::string>()];
        return o.contains("value") ? o["value"] : o["stream"]["dict"];
    };
    const json& trailer = objs["trailer"]["value"];
    const json& root = object(trailer["/Root"]);
    const json& info = object(trailer["/Info"]);

    // Version, language, tags.
    const std::string header = read_file(pdf).substr(0, 8);
    REQUIRE(header.rfind("%PDF-1.", 0) == 0);
    CHECK(header[7] >= '4');  // PDF 1.4 or later (the file says 1.7)
    CHECK(text_of(root["/Lang"]) == "vi-VN");
    if (file == "dang-ky.pdf") {
        // The forms of all units in one file, to be printed: no structure tree (each form's
        // own file has one), which would double the cost of tags for the campaign.
        CHECK_FALSE(root.contains("/StructTreeRoot"));
    } else {
        CHECK(root["/MarkInfo"]["/Marked"] == true);
        CHECK(root.contains("/StructTreeRoot"));
    }

    // The full title of the kind, a subject and an author, each on one line.
    const std::string title = text_of(info["/Title"]);
    CHECK_MESSAGE(title.rfind(title_start(file), 0) == 0, title);
    if (file.rfind("ke-hoach", 0) == 0) {
        CHECK_MESSAGE(title.find("/KH-") != std::string::npos, title);
        CHECK_MESSAGE(title.find(" về ") != std::string::npos, title);
    }
    for (const char* key : {"/Title", "/Subject", "/Author"}) {
        if (!info.contains(key)) continue;
        const std::string v = text_of(info[key]);
        CHECK_MESSAGE(v.find_first_of("\r\n\t") == std::string::npos, key << ": " << v);
    }
    CHECK(!text_of(info["/Subject"]).empty());

    // XMP: a /Metadata stream that parses, with the Info dictionary's title and language.
    if (!missing_program("/usr/bin/python3", "parsing the XMP metadata")) {
        const std::string xmp = (dir / (file + ".xmp")).string();
        Result meta = run_shell("pdfinfo -meta " + sh_quote(pdf.string()) + " > " + sh_quote(xmp));
        REQUIRE(meta.status == 0);
        Result p = run_shell(
            "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E\n"
            "ns = {'dc': 'http://purl.org/dc/elements/1.1/', 'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}\n"
            "t = E.parse(sys.argv[1])\n"
            "print(t.find('.//dc:title/rdf:Alt/rdf:li', ns).text)\n"
            "print(t.find('.//dc:language/rdf:Bag/rdf:li', ns).text)\" " + sh_quote(xmp));
        CHECK_MESSAGE(p.status == 0, show(p));
        CHECK(p.out == title + "\nvi-VN\n");
    }

    // Bookmarks: each opens the page its heading is printed on.
    std::vector<Bookmark> marks;
    std::function<void(const json&, int)> walk = [&](const json& items, int level) {
        for (const json& it : items) {
            marks.push_back({it["title"].get<std::string>(), it["destpageposfrom1"].get<int>(), level});
            walk(it["kids"], level + 1);
        }
    };
    walk(all["outlines"], 1);
    const bool has_headings = file.rfind("ke-hoach", 0) == 0 || file.rfind("dang-ky", 0) == 0 ||
                              file.rfind("to-trinh", 0) == 0 || file.rfind("bien-ban", 0) == 0 ||
                              file.rfind("bao-cao-thanh-tich", 0) == 0 || file.rfind("danh-muc-ho-so", 0) == 0;
    if (has_headings) CHECK_MESSAGE(!marks.empty(), "no bookmarks");
    if (!marks.empty()) {
        Result t = run_shell("pdftotext -enc UTF-8 " + sh_quote(pdf.string()) + " -");
        REQUIRE(t.status == 0);
        std::vector<std::string> pages(1);  // pdftotext ends each page with a form feed
        for (char c : t.out) {
            if (c == '\f') {
                pages.emplace_back();
            } else {
                pages.back() += c;
            }
        }
        for (const Bookmark& m : marks) {
            CAPTURE(m.title);
            REQUIRE(m.page >= 1);
            REQUIRE(static_cast<std::size_t>(m.page) <= pages.size());
            CHECK(collapse_spaces(pages[static_cast<std::size_t>(m.page) - 1]).find(m.title) != std::string::npos);
        }
    }
    if (file == "dang-ky.pdf") {
        // The forms of all units in one file: a bookmark per unit above its headings.
        const json data = json::parse(read_file(sample(name)));
        std::vector<std::string> units;
        for (const Bookmark& m : marks)
            if (m.level == 1) units.push_back(m.title);
        std::vector<std::string> want;
        for (const json& u : data["units"]) want.push_back(collapse_spaces(u["name"].get<std::string>()));
        CHECK(units == want);
        CHECK_MESSAGE(title.find(std::to_string(want.size()) + " đơn vị") != std::string::npos, title);
    }
}

void check_sample(const std::string& name) {
    if (missing_program("qpdf", "reading the PDF's objects") || missing_program("pdfinfo", "reading the XMP") ||
        missing_program("pdftotext", "reading the bookmarked pages")) {
        return;
    }
    TempDir dir("meta-" + name);
    Result r = run_thidua({"render", sample(name), "-o", (dir / "out").string()});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    std::vector<fs::path> pdfs;
    for (const auto& e : fs::directory_iterator(dir / "out")) {
        if (e.path().extension() == ".pdf") pdfs.push_back(e.path());
    }
    std::sort(pdfs.begin(), pdfs.end());
    REQUIRE(!pdfs.empty());
    for (const fs::path& pdf : pdfs) check_pdf(pdf, name, dir);
}

}  // namespace

TEST_SUITE("pdf-metadata") {

TEST_CASE("sample thai-binh-2024: every PDF is 1.7 and tagged, with its full title, /Lang, XMP and bookmarks") {
    check_sample("thai-binh-2024");
}
TEST_CASE("sample bac-quang-2024: every PDF is 1.7 and tagged, with its full title, /Lang, XMP and bookmarks") {
    check_sample("bac-quang-2024");
}
TEST_CASE("sample ba-to-2025: every PDF is 1.7 and tagged, with its full title, /Lang, XMP and bookmarks") {
    check_sample("ba-to-2025");
}
TEST_CASE("sample phan-dinh-phung-2025: every PDF is 1.7 and tagged, with its full title, /Lang, XMP and bookmarks") {
    check_sample("phan-dinh-phung-2025");
}
TEST_CASE("sample tan-tien-2026: every PDF is 1.7 and tagged, with its full title, /Lang, XMP and bookmarks") {
    check_sample("tan-tien-2026");
}

TEST_CASE("the plan's bookmarks are its headings, numbered and nested as printed") {
    if (missing_program("qpdf", "reading the bookmarks")) return;
    TempDir dir("meta-outline");
    Result r = run_thidua({"render", sample("thai-binh-2024"), "-o", (dir / "out").string()});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    Result j = run_shell("qpdf --json=2 --json-key=outlines " + sh_quote((dir / "out" / "ke-hoach.pdf").string()));
    REQUIRE_MESSAGE(j.status == 0, show(j));
    const json outlines = json::parse(j.out)["outlines"];
    std::vector<std::string> top;
    std::size_t nested = 0;
    for (const json& it : outlines) {
        top.push_back(it["title"].get<std::string>());
        nested += it["kids"].size();
    }
    CHECK(top == std::vector<std::string>{"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG TRỌNG TÂM PHONG TRÀO THI ĐUA",
                                          "III. TỔ CHỨC THỰC HIỆN"});
    CHECK(nested > 0);
}

}  // TEST_SUITE
