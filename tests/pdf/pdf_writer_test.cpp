#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "base/text.hpp"
#include "layout/layout.hpp"
#include "render/pdf/font_subset.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "sample_document.hpp"

using namespace thidua;
namespace fs = std::filesystem;

namespace {

const layout::FontSet& fonts() {
    static layout::FontSet set = [] {
        Diagnostics d;
        auto f = layout::find_fonts("", std::string(THIDUA_SOURCE_DIR) + "/fonts", d);
        REQUIRE_MESSAGE(f.has_value(), d.format());
        return std::move(*f);
    }();
    return set;
}

const std::string kLower =
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
const std::string kUpper =
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ";

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() / ("thidua-pdf-" + std::to_string(::getpid()) + "-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

/// Runs a shell command; returns its exit status and standard output.
std::pair<int, std::string> run(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (!p) return {-1, out};
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int rc = ::pclose(p);
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

std::string render(const doc::Document& d, Diagnostics& diags, const pdf::PdfOptions& options = {}) {
    layout::Pages pages = layout::layout_document(d, fonts(), diags);
    pdf::PdfInfo info = pdf::info_from(d.title, d.author, d.subject, d.created, diags);
    auto bytes = pdf::write_pdf(pages, fonts(), info, diags, options);
    REQUIRE_MESSAGE(bytes.has_value(), diags.format());
    return *bytes;
}

std::string save(const TempDir& dir, const std::string& name, const std::string& bytes) {
    std::string path = (dir.path / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

/// Every letter in every face, one paragraph per face and case, letters spaced.
doc::Document alphabet_document() {
    doc::Document d;
    d.title = "Bảng chữ cái tiếng Việt";
    d.created = "2025-01-02";
    doc::Section s;
    s.page_numbers = false;
    for (int face = 0; face < 4; ++face) {
        for (const std::string* letters : {&kLower, &kUpper}) {
            std::string spaced;
            for (char32_t cp : thidua::text::decode(*letters)) {
                if (!spaced.empty()) spaced += ' ';
                thidua::text::append_utf8(spaced, cp);
            }
            doc::Paragraph p = testing::para(spaced, 14, doc::Align::left, face & 1, face & 2);
            p.space_before = 6;
            s.blocks.push_back(p);
        }
    }
    d.sections.push_back(s);
    return d;
}

std::string strip_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') out += c;
    return out;
}

}  // namespace

TEST_SUITE("pdf") {

TEST_CASE("pdf: every Vietnamese letter in all four faces comes back from pdftotext") {
    Diagnostics d;
    std::string bytes = render(alphabet_document(), d);
    CHECK(d.all().empty());
    TempDir dir("alphabet");
    std::string path = save(dir, "alphabet.pdf", bytes);
    auto [rc, text] = run("pdftotext -enc UTF-8 '" + path + "' -");
    REQUIRE(rc == 0);
    std::string want;
    for (int face = 0; face < 4; ++face) want += kLower + kUpper;
    CHECK(strip_spaces(text) == want);
    CHECK(thidua::text::decode(kLower).size() == 89);
    CHECK(thidua::text::decode(kUpper).size() == 89);
}

TEST_CASE("pdf: each face maps its codes back to letters, a word another follows ends in a space, the glyph map ends at the last letter") {
    // libharu's own /ToUnicode is an identity CMap of CIDs ("begincidrange"), which poppler
    // warns about and stricter readers copy as garbage; write_pdf writes a real one.
    Diagnostics d;
    TempDir dir("tounicode");
    std::string path = save(dir, "alphabet.pdf", render(alphabet_document(), d));
    auto [rc, warnings] = run("sh -c \"pdftotext -enc UTF-8 '" + path + "' /dev/null 2>&1\"");
    CHECK(rc == 0);
    CHECK_MESSAGE(warnings.empty(), warnings);
    const std::string plain = (dir.path / "plain.pdf").string();
    REQUIRE(run("qpdf --qdf --object-streams=disable '" + path + "' '" + plain + "'").first == 0);
    std::ifstream in(plain, std::ios::binary);
    const std::string body{std::istreambuf_iterator<char>(in), {}};
    CHECK(body.find("begincidrange") == std::string::npos);
    std::size_t maps = 0;
    for (std::size_t at = 0; (at = body.find("/CMapName /Adobe-Identity-UCS def", at)) != std::string::npos; ++at) ++maps;
    CHECK(maps == 4);                                        // one per face
    CHECK(body.find("<1EA0> <1EA0>") != std::string::npos);  // Ạ
    CHECK(body.find("<0111> <0111>") != std::string::npos);  // đ
    // "a ă â …": each letter but the last of a line is written with a space after it.
    CHECK(body.find("00610020> Tj") != std::string::npos);

    // Each face's CID-to-glyph map ends at the highest letter it prints, "ỹ" (U+1EF9), two
    // bytes a code, instead of libharu's 65,536 codes.
    std::size_t checked = 0;
    for (std::size_t at = 0; (at = body.find("/CIDToGIDMap ", at)) != std::string::npos; ++checked) {
        at += 13;
        const std::string object = body.substr(at, body.find(' ', at) - at);
        auto [shown, map] = run("qpdf --show-object=" + object + " --filtered-stream-data '" + plain + "'");
        REQUIRE(shown == 0);
        CHECK(map.size() == 2 * (0x1EF9 + 1));
    }
    CHECK(checked == 4);
}

TEST_CASE("pdf: every face used is embedded, and only those") {
    Diagnostics d;
    TempDir dir("fonts");
    std::string all = save(dir, "all.pdf", render(alphabet_document(), d));
    auto [rc, out] = run("pdffonts '" + all + "'");
    REQUIRE(rc == 0);
    for (const char* name : {"LiberationSerif ", "LiberationSerif-Bold,Bold", "LiberationSerif-Italic,Italic",
                             "LiberationSerif-BoldItalic,Bold"}) {
        CHECK_MESSAGE(out.find(name) != std::string::npos, name);
    }
    int rows = 0, embedded = 0;
    std::size_t pos = 0;
    while ((pos = out.find("CID TrueType", pos)) != std::string::npos) {
        ++rows;
        std::size_t eol = out.find('\n', pos);
        std::string rest = out.substr(pos, eol - pos);
        if (rest.find("Identity-H       yes yes yes") != std::string::npos) ++embedded;
        pos = eol;
    }
    CHECK(rows == 4);
    CHECK(embedded == 4);

    doc::Document one;
    doc::Section s;
    s.blocks.push_back(testing::body("Chỉ một kiểu chữ thường."));
    one.sections.push_back(s);
    std::string single = save(dir, "one.pdf", render(one, d));
    auto [rc2, out2] = run("pdffonts '" + single + "'");
    REQUIRE(rc2 == 0);
    std::size_t count = 0;
    for (pos = 0; (pos = out2.find("CID TrueType", pos)) != std::string::npos; ++pos) ++count;
    CHECK(count == 1);
}

TEST_CASE("pdf: faces cut to the Vietnamese repertoire draw the same pages, in a third of the size") {
    Diagnostics d;
    TempDir dir("subset");
    const std::string cut = render(alphabet_document(), d);
    const std::string whole = render(alphabet_document(), d, pdf::PdfOptions{false});
    CHECK(d.all().empty());
    CHECK(cut.size() * 2 < whole.size());
    const std::string a = save(dir, "cut.pdf", cut), b = save(dir, "whole.pdf", whole);
    // Every letter, every mark, every face: the same pixels.
    REQUIRE(run("pdftoppm -r 150 '" + a + "' '" + (dir.path / "cut").string() + "'").first == 0);
    REQUIRE(run("pdftoppm -r 150 '" + b + "' '" + (dir.path / "whole").string() + "'").first == 0);
    std::ifstream pa(dir.path / "cut-1.ppm", std::ios::binary), pb(dir.path / "whole-1.ppm", std::ios::binary);
    const std::string ia((std::istreambuf_iterator<char>(pa)), {}), ib((std::istreambuf_iterator<char>(pb)), {});
    REQUIRE(ia.size() > 100000);
    CHECK(ia == ib);
}

TEST_CASE("pdf: metadata longer than libharu takes is cut at a letter, not refused") {
    std::string title;
    while (title.size() < 70000) title += "Đề nghị khen thưởng ";
    CHECK(pdf::metadata_text("Kế hoạch") == "Kế hoạch");
    const std::string cut = pdf::metadata_text(title);
    CHECK(thidua::text::decode(cut).size() == 1001);
    CHECK(cut.substr(cut.size() - 3) == "…");
    Diagnostics d;
    doc::Document doc;
    doc.title = title;
    doc.subject = title;
    doc::Section s;
    s.blocks.push_back(testing::body("Nội dung."));
    doc.sections.push_back(s);
    TempDir dir("long-title");
    const std::string path = save(dir, "long.pdf", render(doc, d));
    CHECK(d.all().empty());
    auto [rc, info] = run("pdfinfo '" + path + "'");
    REQUIRE(rc == 0);
    const std::size_t at = info.find("Title:");
    REQUIRE(at != std::string::npos);
    const std::string line = info.substr(at, info.find('\n', at) - at);
    CHECK(line.find("Đề nghị khen thưởng Đề nghị") != std::string::npos);
    CHECK(line.size() < 3100);
}

TEST_CASE("pdf: a face that prints a character outside the repertoire embeds the whole font") {
    CHECK(pdf::detail::in_subset_repertoire("Số: 05/KH-UBND – “Đạt” 2.340.000 ₫ № 1 → ™"));
    CHECK_FALSE(pdf::detail::in_subset_repertoire("hệ số α"));
    CHECK_FALSE(pdf::detail::in_subset_repertoire("✓"));
    Diagnostics d;
    doc::Document greek;
    doc::Section s;
    s.blocks.push_back(testing::body("Hệ số α = 0,5 áp dụng cho các thôn."));
    greek.sections.push_back(s);
    doc::Document plain = greek;
    std::get<doc::Paragraph>(plain.sections[0].blocks[0]) = testing::body("Hệ số a = 0,5 áp dụng cho các thôn.");
    TempDir dir("outside");
    const std::string g = save(dir, "greek.pdf", render(greek, d));
    const std::string p = save(dir, "plain.pdf", render(plain, d));
    CHECK(d.all().empty());
    CHECK(fs::file_size(g) > 2 * fs::file_size(p));
    auto [rc, text] = run("pdftotext -enc UTF-8 '" + g + "' -");
    REQUIRE(rc == 0);
    CHECK(text.find("Hệ số α = 0,5") != std::string::npos);
}

TEST_CASE("pdf: the sample plan passes qpdf --check, metadata and nd30-check") {
    Diagnostics d;
    std::string bytes = render(testing::sample_document(), d);
    CHECK(d.all().empty());
    TempDir dir("sample");
    std::string path = save(dir, "sample.pdf", bytes);
    // THIDUA_SAMPLE_OUT=DIR keeps a copy to look at (pdftoppm -r 70 -png DIR/sample.pdf).
    if (const char* keep = std::getenv("THIDUA_SAMPLE_OUT")) {
        std::ofstream(fs::path(keep) / "sample.pdf", std::ios::binary) << bytes;
    }
    auto [rc, out] = run("qpdf --check '" + path + "'");
    CHECK(rc == 0);
    CHECK(out.find("No syntax or stream encoding errors found") != std::string::npos);
    auto [rc2, info] = run("pdfinfo '" + path + "'");
    REQUIRE(rc2 == 0);
    CHECK(info.find("Title:           Kế hoạch phát động phong trào thi đua năm 2025\n") != std::string::npos);
    CHECK(info.find("Author:          Ban Chỉ đạo thi đua khen thưởng\n") != std::string::npos);
    CHECK(info.find("Creator:         thidua\n") != std::string::npos);
    CHECK(info.find("CreationDate:    Wed Mar  5 00:00:00 2025 UTC\n") != std::string::npos);
    CHECK(info.find("ModDate:         Wed Mar  5 00:00:00 2025 UTC\n") != std::string::npos);
    CHECK(info.find("Pages:           3\n") != std::string::npos);
    CHECK(info.find("Page size:       595.276 x 841.89 pts (A4)") != std::string::npos);
    std::string checker = std::string(THIDUA_SHARED_DIR) + "/tools/nd30-check";
    if (fs::exists(checker)) {
        auto [rc3, report] = run("'" + checker + "' '" + path + "'");
        CHECK_MESSAGE(rc3 == 0, report);
        CHECK(report.find("nd30: 17/17 rules pass") != std::string::npos);
    }
}

TEST_CASE("pdf: the same input gives byte-identical output") {
    Diagnostics d;
    std::string a = render(testing::sample_document(), d);
    std::string b = render(testing::sample_document(), d);
    CHECK(a.size() > 1000);
    CHECK(a == b);
    CHECK(a.rfind("%PDF-1.3", 0) == 0);
}

TEST_CASE("pdf: a 30-page document renders with page numbers 2..30") {
    doc::Document doc;
    doc.created = "2025-12-31";
    doc::Section s;
    for (int i = 1; i <= 30; ++i) {
        s.blocks.push_back(testing::body("Trang số " + std::to_string(i) + " của tài liệu dài."));
        if (i < 30) s.blocks.emplace_back(std::in_place_type<doc::PageBreak>);
    }
    doc.sections.push_back(s);
    Diagnostics d;
    std::string bytes = render(doc, d);
    TempDir dir("thirty");
    std::string path = save(dir, "thirty.pdf", bytes);
    auto [rc, info] = run("pdfinfo '" + path + "'");
    REQUIRE(rc == 0);
    CHECK(info.find("Pages:           30\n") != std::string::npos);
    auto [rc2, p30] = run("pdftotext -f 30 -l 30 -layout '" + path + "' -");
    REQUIRE(rc2 == 0);
    CHECK(p30.find("30") < p30.find("Trang số 30 của tài liệu dài."));
    auto [rc3, qc] = run("qpdf --check '" + path + "'");
    CHECK(rc3 == 0);
}

TEST_CASE("pdf: errors are reported, never thrown or aborted") {
    Diagnostics d;
    CHECK_FALSE(pdf::write_pdf(layout::Pages{}, fonts(), pdf::PdfInfo{}, d).has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message == "tài liệu không có trang nào để in ra PDF");

    Diagnostics w;
    pdf::PdfInfo info = pdf::info_from("t", "a", "s", "2023-02-29", w);
    REQUIRE(w.all().size() == 1);
    CHECK(w.all()[0].message == "ngày tạo tài liệu '2023-02-29' không đúng dạng YYYY-MM-DD; dùng 2000-01-01");
    CHECK(info.year == 2000);
    Diagnostics ok;
    pdf::PdfInfo leap = pdf::info_from("t", "a", "s", "2024-02-29", ok);
    CHECK(ok.all().empty());
    CHECK(leap.year == 2024);
    CHECK(leap.month == 2);
    CHECK(leap.day == 29);
}

}  // TEST_SUITE
