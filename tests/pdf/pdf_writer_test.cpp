#include <doctest/doctest.h>

#include <hb.h>
#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "base/json.hpp"

#include "base/text.hpp"
#include "layout/layout.hpp"
#include "render/pdf/deflate.hpp"
#include "render/pdf/embedded_font.hpp"
#include "render/pdf/font_subset.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "render/pdf/xmp.hpp"
#include "sample_document.hpp"
#include "support/tools.hpp"

using namespace thidua;
namespace fs = std::filesystem;
using json = thidua::Json;
using test_support::missing_program;

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

std::string render(const doc::Document& d, Diagnostics& diags, const pdf::PdfOptions& options = {},
                   std::vector<pdf::PdfInfo::Part> parts = {}) {
    layout::Pages pages = layout::layout_document(d, fonts(), diags);
    pdf::PdfInfo info = pdf::info_from(d.title, d.author, d.subject, d.created, diags);
    info.parts = std::move(parts);
    auto bytes = pdf::write_pdf(d, pages, fonts(), info, diags, options);
    REQUIRE_MESSAGE(bytes.has_value(), diags.format());
    return *bytes;
}

std::string save(const TempDir& dir, const std::string& name, const std::string& bytes) {
    std::string path = (dir.path / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// The file as qpdf sees it, every object written out (qpdf --json=2 --json-key=qpdf).
json objects(const std::string& path) {
    auto [rc, out] = run("qpdf --json=2 --json-key=qpdf --json-stream-data=none '" + path + "'");
    REQUIRE(rc == 0);
    return json::parse(out)["qpdf"][1];
}

/// The value of object `ref` ("12 0 R") in `objs`.
const json& object(const json& objs, const std::string& ref) {
    const std::string key = "obj:" + ref;
    REQUIRE_MESSAGE(objs.contains(key), key);
    const json& o = objs[key];
    return o.contains("value") ? o["value"] : o["stream"]["dict"];
}

/// The decoded data of stream `ref`.
std::string stream_data(const std::string& path, const std::string& ref, bool raw = false) {
    const std::string id = ref.substr(0, ref.find(' '));
    auto [rc, out] = run("qpdf --show-object=" + id + (raw ? " --raw-stream-data" : " --filtered-stream-data") +
                         " '" + path + "'");
    REQUIRE(rc == 0);
    return out;
}

std::string inflate(const std::string& z, std::size_t size) {
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    std::string out(size, '\0');
    std::size_t got = 0;
    const auto rc = libdeflate_zlib_decompress(d, z.data(), z.size(), out.data(), out.size(), &got);
    libdeflate_free_decompressor(d);
    REQUIRE(rc == LIBDEFLATE_SUCCESS);
    out.resize(got);
    return out;
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

doc::Document one_line(const std::string& text) {
    doc::Document d;
    doc::Section s;
    s.blocks.push_back(testing::body(text));
    d.sections.push_back(s);
    return d;
}

std::string strip_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') out += c;
    return out;
}

/// The BaseFont names pdffonts lists, in order.
std::vector<std::string> font_names(const std::string& path) {
    auto [rc, out] = run("pdffonts '" + path + "'");
    REQUIRE(rc == 0);
    std::vector<std::string> names;
    std::istringstream lines(out);
    std::string line;
    for (int n = 0; std::getline(lines, line); ++n) {
        if (n < 2 || line.empty()) continue;
        names.push_back(line.substr(0, line.find(' ')));
    }
    return names;
}

/// The bookmarks of `path` as "level|title|page" lines (qpdf --json), with "+" or "-"
/// after the level for an open or closed item that has children.
std::string bookmarks(const std::string& path) {
    auto [rc, out] = run("qpdf --json=2 --json-key=outlines '" + path + "'");
    REQUIRE(rc == 0);
    std::string lines;
    std::function<void(const json&, int)> walk = [&](const json& items, int level) {
        for (const json& it : items) {
            lines += std::to_string(level) + (it["kids"].empty() ? "" : it["open"].get<bool>() ? "+" : "-") +
                     "|" + it["title"].get<std::string>() + "|" + std::to_string(it["destpageposfrom1"].get<int>()) +
                     "\n";
            walk(it["kids"], level + 1);
        }
    };
    walk(json::parse(out)["outlines"], 1);
    return lines;
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

TEST_CASE("pdf: codes are Unicode values, mapped back by a real ToUnicode map, and a word another follows ends in a space") {
    Diagnostics d;
    TempDir dir("tounicode");
    std::string path = save(dir, "alphabet.pdf", render(alphabet_document(), d));
    auto [rc, warnings] = run("sh -c \"pdftotext -enc UTF-8 '" + path + "' /dev/null 2>&1\"");
    CHECK(rc == 0);
    CHECK_MESSAGE(warnings.empty(), warnings);
    const json objs = objects(path);
    int fonts_seen = 0;
    for (const auto& [key, o] : objs.items()) {
        if (!o.contains("value") || !o["value"].is_object()) continue;
        const json& v = o["value"];
        if (v.value("/Subtype", "") != "/Type0") continue;
        ++fonts_seen;
        CHECK(v["/Encoding"] == "/Identity-H");
        const std::string cmap = stream_data(path, v["/ToUnicode"].get<std::string>());
        CHECK(cmap.find("begincidrange") == std::string::npos);
        CHECK(cmap.find("/CMapName /Adobe-Identity-UCS def") != std::string::npos);
        CHECK(cmap.find("<1EA0> <1EF9> <1EA0>") != std::string::npos);  // Ạ..ỹ, each to itself
        CHECK(cmap.find("<0110> <0111> <0110>") != std::string::npos);  // Đ đ
    }
    CHECK(fonts_seen == 4);
    // "a ă â …": each letter but the last of a line is written with a space after it (qpdf's
    // QDF form shows the two-byte codes in hex).
    auto [rc2, plain] = run("qpdf --qdf --object-streams=disable '" + path + "' -");
    REQUIRE(rc2 == 0);
    CHECK(plain.find("<00610020> Tj") != std::string::npos);
}

TEST_CASE("pdf: each face's code-to-glyph map and widths agree with the font it embeds and with layout's metrics") {
    for (int f = 0; f < 4; ++f) {
        const layout::FontFace& face = fonts().face(static_cast<layout::Face>(f));
        CAPTURE(face.path);
        const std::vector<char32_t> letters = thidua::text::decode(kLower + kUpper + " .,;:–“”");
        auto embedded = pdf::detail::font_for(face.path, face.bytes, std::vector<char32_t>(letters.begin(), letters.end()), true);
        REQUIRE(embedded != nullptr);
        // The program and the map, inflated; HarfBuzz reads the program's own cmap.
        const std::string program = inflate(embedded->font_file, embedded->font_file_length);
        const std::string map = inflate(embedded->cid_to_gid, 2 * 0x10000);
        CHECK(map.size() == 2 * embedded->widths.size());
        hb_blob_t* blob = hb_blob_create(program.data(), static_cast<unsigned>(program.size()), HB_MEMORY_MODE_READONLY,
                                         nullptr, nullptr);
        hb_face_t* hbface = hb_face_create(blob, 0);
        hb_font_t* font = hb_font_create(hbface);
        const unsigned upem = hb_face_get_upem(hbface);
        for (char32_t c : letters) {
            CAPTURE(static_cast<unsigned>(c));
            REQUIRE(embedded->covers(c));
            hb_codepoint_t gid = 0;
            REQUIRE(hb_font_get_nominal_glyph(font, c, &gid));
            const unsigned in_map = static_cast<unsigned char>(map[2 * c]) << 8 | static_cast<unsigned char>(map[2 * c + 1]);
            CHECK(in_map == gid);
            // The width a viewer places the next glyph by, against what layout measured the
            // word with (FreeType, the whole face): the same to a thousandth of an em.
            const double layout_width = face.advance(c, 1000.0);
            CHECK(embedded->width(c) == static_cast<int>(layout_width));
            CHECK(embedded->width(c) == static_cast<int>(hb_font_get_glyph_h_advance(font, gid) * 1000 / upem));
        }
        hb_font_destroy(font);
        hb_face_destroy(hbface);
        hb_blob_destroy(blob);
    }
}

TEST_CASE("pdf: the W array of each face holds the widths of the codes it prints") {
    Diagnostics d;
    TempDir dir("widths");
    const std::string path = save(dir, "w.pdf", render(one_line("Bảo vệ an ninh Tổ quốc"), d));
    const json objs = objects(path);
    const layout::FontFace& face = fonts().face(layout::Face::regular);
    int checked = 0;
    for (const auto& [key, o] : objs.items()) {
        if (!o.contains("value") || !o["value"].is_object() || o["value"].value("/Subtype", "") != "/CIDFontType2") continue;
        const json& w = o["value"]["/W"];
        for (std::size_t i = 0; i + 1 < w.size(); i += 2) {
            const int first = w[i].get<int>();
            for (std::size_t k = 0; k < w[i + 1].size(); ++k) {
                const char32_t c = static_cast<char32_t>(first + static_cast<int>(k));
                CHECK(w[i + 1][k].get<int>() == static_cast<int>(face.advance(c, 1000.0)));
                ++checked;
            }
        }
    }
    // The distinct letters printed: "Bảo vệnitTổqốc" and the space.
    std::set<char32_t> distinct;
    for (char32_t c : thidua::text::decode("Bảo vệ an ninh Tổ quốc")) distinct.insert(c);
    CHECK(checked == static_cast<int>(distinct.size()));
}

TEST_CASE("pdf: every face used is embedded, and only those") {
    Diagnostics d;
    TempDir dir("fonts");
    std::string all = save(dir, "all.pdf", render(alphabet_document(), d));
    auto [rc, out] = run("pdffonts '" + all + "'");
    REQUIRE(rc == 0);
    for (const char* name : {"+LiberationSerif ", "+LiberationSerif-Bold ", "+LiberationSerif-Italic ",
                             "+LiberationSerif-BoldItalic "}) {
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

    std::string single = save(dir, "one.pdf", render(one_line("Chỉ một kiểu chữ thường."), d));
    CHECK(font_names(single).size() == 1);
}

TEST_CASE("pdf: faces cut to the Vietnamese core draw the same pages as the whole faces, in a fraction of the size") {
    Diagnostics d;
    TempDir dir("subset");
    const std::string cut = render(alphabet_document(), d);
    const std::string whole = render(alphabet_document(), d, pdf::PdfOptions{false, true});
    CHECK(d.all().empty());
    CHECK(cut.size() * 5 < whole.size());
    const std::string a = save(dir, "cut.pdf", cut), b = save(dir, "whole.pdf", whole);
    // Every letter, every mark, every face: the same pixels.
    REQUIRE(run("pdftoppm -r 150 '" + a + "' '" + (dir.path / "cut").string() + "'").first == 0);
    REQUIRE(run("pdftoppm -r 150 '" + b + "' '" + (dir.path / "whole").string() + "'").first == 0);
    const std::string ia = read((dir.path / "cut-1.ppm").string()), ib = read((dir.path / "whole-1.ppm").string());
    REQUIRE(ia.size() > 100000);
    CHECK(ia == ib);
}

TEST_CASE("pdf: the shared cuts: the core, the repertoire, and a cut of its own for a document printing anything else") {
    CHECK(pdf::detail::in_subset_repertoire("Số: 05/KH-UBND – “Đạt” 2.340.000 ₫ № 1 → ™"));
    CHECK_FALSE(pdf::detail::in_subset_repertoire("hệ số α"));
    CHECK_FALSE(pdf::detail::in_subset_repertoire("✓"));
    CHECK(pdf::detail::in_core(U'ạ'));
    CHECK(pdf::detail::in_core(U'₫'));
    CHECK_FALSE(pdf::detail::in_core(U'ł'));  // Polish: in the repertoire only
    CHECK(pdf::detail::in_repertoire(U'ł'));
    for (char32_t c : thidua::text::decode(kLower + kUpper)) CHECK(pdf::detail::in_core(c));

    Diagnostics d;
    TempDir dir("cuts");
    const std::string plain1 = save(dir, "p1.pdf", render(one_line("Hệ số a = 0,5 áp dụng cho các thôn."), d));
    const std::string plain2 = save(dir, "p2.pdf", render(one_line("Một câu khác hẳn, cùng kiểu chữ."), d));
    const std::string polish = save(dir, "pl.pdf", render(one_line("Thành phố Łódź kết nghĩa."), d));
    const std::string greek = save(dir, "g1.pdf", render(one_line("Hệ số α = 0,5 áp dụng cho các thôn."), d));
    const std::string greek2 = save(dir, "g2.pdf", render(one_line("Hệ số β = 0,5 áp dụng cho các thôn."), d));
    CHECK(d.all().empty());
    const std::string core_name = font_names(plain1).at(0);
    CHECK(core_name.size() == 7 + std::string("LiberationSerif").size());  // "ABCDEF+" and the name
    CHECK(core_name.substr(6) == "+LiberationSerif");
    CHECK(font_names(plain2).at(0) == core_name);       // the same shared cut
    CHECK(font_names(polish).at(0) != core_name);       // the repertoire's
    CHECK(font_names(greek).at(0) != core_name);        // its own
    CHECK(font_names(greek).at(0) != font_names(polish).at(0));
    CHECK(font_names(greek2).at(0) != font_names(greek).at(0));
    // A cut of its own is made from the repertoire and the document's letters: a few
    // kilobytes more, not the whole face.
    CHECK(fs::file_size(greek) < 2 * fs::file_size(plain1));
    auto [rc, text] = run("pdftotext -enc UTF-8 '" + greek + "' -");
    REQUIRE(rc == 0);
    CHECK(text.find("Hệ số α = 0,5") != std::string::npos);
    auto [rc2, text2] = run("pdftotext -enc UTF-8 '" + polish + "' -");
    CHECK(text2.find("Łódź") != std::string::npos);
}

TEST_CASE("pdf: the same input gives the same bytes, before and after other documents use the shared faces, on any thread") {
    Diagnostics d;
    const std::string a = render(testing::sample_document(), d);
    const std::string other = render(one_line("Một văn bản khác với chữ α và chữ Łódź."), d);
    const std::string b = render(testing::sample_document(), d);
    CHECK(a.size() > 1000);
    CHECK(a == b);
    CHECK(a != other);
    CHECK(a.rfind("%PDF-1.7", 0) == 0);
    // Documents written at once on four threads share the faces and come out the same.
    std::vector<std::string> out(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < out.size(); ++i) {
        threads.emplace_back([&out, i] {
            Diagnostics local;
            const doc::Document doc = testing::sample_document();
            layout::Pages pages = layout::layout_document(doc, fonts(), local);
            pdf::PdfInfo info = pdf::info_from(doc.title, doc.author, doc.subject, doc.created, local);
            out[i] = pdf::write_pdf(doc, pages, fonts(), info, local).value_or("");
        });
    }
    for (std::thread& t : threads) t.join();
    for (const std::string& o : out) CHECK(o == a);
}

TEST_CASE("pdf: page contents are compressed by thidua with libdeflate and written as they are") {
    // qpdf counts stream data given to it as modified and would inflate and deflate it
    // again with zlib; the writer tells it not to: the bytes in the file are libdeflate's.
    Diagnostics d;
    TempDir dir("flate");
    const std::string path = save(dir, "s.pdf", render(testing::sample_document(), d));
    const json objs = objects(path);
    int pages = 0;
    for (const auto& [key, o] : objs.items()) {
        if (!o.contains("value") || !o["value"].is_object() || o["value"].value("/Type", "") != "/Page") continue;
        ++pages;
        const std::string ref = o["value"]["/Contents"].get<std::string>();
        CHECK(object(objs, ref)["/Filter"] == "/FlateDecode");
        const std::string raw = stream_data(path, ref, true);
        const std::string plain = stream_data(path, ref);
        CHECK(raw == pdf::detail::zlib_compress(plain, pdf::detail::kContentLevel));
    }
    CHECK(pages == 3);
}

TEST_CASE("pdf: metadata is one line, cut at a letter when too long, the same in Info and in XMP") {
    CHECK(pdf::metadata_text("Kế hoạch") == "Kế hoạch");
    CHECK(pdf::metadata_text("  Phát động phong trào\nthi đua\r\n năm\t2025 \x01") == "Phát động phong trào thi đua năm 2025");
    CHECK(pdf::metadata_text("a\xE2\x80\xA8" "b\xC2\x85" "c") == "a b c");  // U+2028, U+0085
    std::string title;
    while (title.size() < 70000) title += "Đề nghị khen thưởng ";
    const std::string cut = pdf::metadata_text(title);
    CHECK(thidua::text::decode(cut).size() == 1001);
    CHECK(cut.substr(cut.size() - 3) == "…");
    CHECK(pdf::detail::xml_text("a < b & \"c\" \x01\x7F") == "a &lt; b &amp; &quot;c&quot; \x7F");

    Diagnostics d;
    doc::Document doc = one_line("Nội dung.");
    doc.title = "Kế hoạch số 05/KH-UBND về phát động\nphong trào <thi đua> & khen thưởng";
    doc.subject = "Phát động phong trào thi đua\nnăm 2025";
    doc.author = "Ủy ban nhân dân xã Tân Tiến";
    doc.created = "2025-03-05";
    TempDir dir("meta");
    const std::string path = save(dir, "m.pdf", render(doc, d));
    CHECK(d.all().empty());
    auto [rc, info] = run("pdfinfo '" + path + "'");
    REQUIRE(rc == 0);
    CHECK(info.find("Title:           Kế hoạch số 05/KH-UBND về phát động phong trào <thi đua> & khen thưởng\n") != std::string::npos);
    CHECK(info.find("Subject:         Phát động phong trào thi đua năm 2025\n") != std::string::npos);
    CHECK(info.find("Producer:        thidua ") != std::string::npos);
    CHECK(info.find("PDF version:     1.7\n") != std::string::npos);
    CHECK(info.find("Metadata Stream: yes\n") != std::string::npos);
    CHECK(info.find("Tagged:          yes\n") != std::string::npos);
    const json objs = objects(path);
    const json& root = object(objs, objs["trailer"]["value"]["/Root"].get<std::string>());
    CHECK(root["/Lang"] == "u:vi-VN");
    CHECK(root["/ViewerPreferences"]["/DisplayDocTitle"] == true);
    CHECK(root["/MarkInfo"]["/Marked"] == true);
    // The XMP packet parses as XML and says the same.
    if (missing_program("/usr/bin/python3", "parsing the XMP metadata")) return;
    const std::string xmp = (dir.path / "xmp.xml").string();
    REQUIRE(run("pdfinfo -meta '" + path + "' > '" + xmp + "'").first == 0);
    auto [rc2, fields] = run(
        "/usr/bin/python3 -c \"import sys, xml.etree.ElementTree as E\n"
        "t = E.parse(sys.argv[1])\n"
        "ns = {'dc': 'http://purl.org/dc/elements/1.1/', 'xmp': 'http://ns.adobe.com/xap/1.0/', "
        "'pdf': 'http://ns.adobe.com/pdf/1.3/', 'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}\n"
        "for p in ['dc:title/rdf:Alt/rdf:li', 'dc:creator/rdf:Seq/rdf:li', 'dc:description/rdf:Alt/rdf:li', "
        "'dc:language/rdf:Bag/rdf:li', 'xmp:CreateDate', 'xmp:ModifyDate', 'pdf:Producer']:\n"
        "    print(p.split('/')[0] + '=' + t.find('.//' + p, ns).text)\" '" + xmp + "'");
    REQUIRE(rc2 == 0);
    CHECK(fields.find("dc:title=Kế hoạch số 05/KH-UBND về phát động phong trào <thi đua> & khen thưởng\n") != std::string::npos);
    CHECK(fields.find("dc:creator=Ủy ban nhân dân xã Tân Tiến\n") != std::string::npos);
    CHECK(fields.find("dc:description=Phát động phong trào thi đua năm 2025\n") != std::string::npos);
    CHECK(fields.find("dc:language=vi-VN\n") != std::string::npos);
    CHECK(fields.find("xmp:CreateDate=2025-03-05T00:00:00Z\n") != std::string::npos);
    CHECK(fields.find("xmp:ModifyDate=2025-03-05T00:00:00Z\n") != std::string::npos);
    CHECK(fields.find("pdf:Producer=thidua ") != std::string::npos);
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

TEST_CASE("pdf: the headings are bookmarks, nested by level, each opening its page") {
    Diagnostics d;
    TempDir dir("outline");
    const std::string path = save(dir, "o.pdf", render(testing::sample_document(), d));
    CHECK(bookmarks(path) ==
          "1+|KẾ HOẠCH|1\n"  // the paragraph with the role "title"
          "2|I. MỤC ĐÍCH, YÊU CẦU|1\n"
          "2|II. NỘI DUNG VÀ TIẾN ĐỘ THỰC HIỆN|1\n"
          "2|III. TỔ CHỨC THỰC HIỆN|2\n");

    // Levels nest; a title over two paragraphs is one bookmark above the headings; a
    // heading that prints nothing has none.
    doc::Document doc;
    doc::Section s;
    auto with = [](std::string text, std::string role) {
        doc::Paragraph p = testing::body(std::move(text));
        // A heading's level is the tree's outline level; its role is only a name.
        if (role.rfind("heading", 0) == 0) p.outline_level = role.back() - '0';
        p.role = std::move(role);
        return p;
    };
    s.blocks = {with("KẾ HOẠCH", "title"), with("Phát động\nthi đua", "title"), with("I. MỤC ĐÍCH", "heading1"),
                with("1. Mục đích", "heading2"), with("a) Ý một", "heading4"), with("Nội dung.", "body"),
                with("", "heading2"), doc::PageBreak{}, with("II. NỘI DUNG", "heading1")};
    doc.sections.push_back(s);
    const std::string nested = save(dir, "n.pdf", render(doc, d));
    CHECK(bookmarks(nested) ==
          "1+|KẾ HOẠCH Phát động thi đua|1\n"
          "2+|I. MỤC ĐÍCH|1\n"
          "3+|1. Mục đích|1\n"
          "4|a) Ý một|1\n"
          "2|II. NỘI DUNG|2\n");
    // The destination is the heading's place on its page, a little above its first line.
    const json objs = objects(nested);
    bool found = false;
    for (const auto& [key, o] : objs.items()) {
        if (!o.contains("value") || !o["value"].is_object() || !o["value"].contains("/Title")) continue;
        if (o["value"]["/Title"] != "u:II. NỘI DUNG") continue;
        const json& dest = o["value"]["/Dest"];
        CHECK(dest[1] == "/XYZ");
        const double top = dest[3].get<double>();
        CHECK(top < 841.89 - 25 * 72 / 25.4);   // below the top margin…
        CHECK(top > 841.89 - 25 * 72 / 25.4 - 20);  // …by less than a line
        found = true;
    }
    CHECK(found);
}

TEST_CASE("pdf: a document made of parts has a closed bookmark per part, its headings under it") {
    doc::Document doc;
    for (const char* unit : {"Thôn A", "Thôn B"}) {
        doc::Section s;
        doc::Paragraph h = testing::body(std::string("I. CHỈ TIÊU CỦA ") + unit);
        h.role = "heading1";
        h.outline_level = 1;
        s.blocks = {testing::body("Bản đăng ký."), h};
        doc.sections.push_back(s);
    }
    Diagnostics d;
    TempDir dir("parts");
    const std::string path = save(dir, "p.pdf", render(doc, d, {}, {{0, "Thôn A"}, {1, "Thôn B"}}));
    CHECK(bookmarks(path) ==
          "1-|Thôn A|1\n"
          "2|I. CHỈ TIÊU CỦA Thôn A|1\n"
          "1-|Thôn B|2\n"
          "2|I. CHỈ TIÊU CỦA Thôn B|2\n");
}

TEST_CASE("pdf: the structure tree holds every paragraph, heading and table cell once, page numbers and repeated headers are artifacts") {
    Diagnostics d;
    TempDir dir("tags");
    // 60 rows: the table's header row is printed again on the next page.
    const std::string path = save(dir, "t.pdf", render(testing::sample_document(60), d));
    auto [rc, tree] = run("pdfinfo -struct-text '" + path + "'");
    REQUIRE(rc == 0);
    CHECK(tree.rfind("Document\n  Sect\n    Div\n      P (block)\n        \"UBND TỈNH THÁI BÌNH\"\n", 0) == 0);
    CHECK(tree.find("    H1 (block)\n      \"I. MỤC ĐÍCH, YÊU CẦU\"\n") != std::string::npos);
    // The table: header cells TH (scope Column), body cells TD, one per cell of the tree.
    std::size_t th = 0, td = 0, stt = 0;
    for (std::size_t at = 0; (at = tree.find("TH:", at)) != std::string::npos; ++at) ++th;
    for (std::size_t at = 0; (at = tree.find(" TD\n", at)) != std::string::npos; ++at) ++td;
    for (std::size_t at = 0; (at = tree.find("\"STT\"", at)) != std::string::npos; ++at) ++stt;
    CHECK(th == 4);
    CHECK(td == 4 * 60);
    CHECK(stt == 1);  // the header row printed again on page 2 is not in the tree again
    // A line broken inside a paragraph keeps the space between its words.
    CHECK(tree.find("trong toàn tỉnh thi đua lập thành tích") != std::string::npos);
    // Page numbers are not content: "2" is in the tree once, as the second row's number.
    std::size_t twos = 0;
    for (std::size_t at = 0; (at = tree.find("\"2\"\n", at)) != std::string::npos; ++at) ++twos;
    CHECK(twos == 1);
    // The parent tree has an element for every marked run on every page.
    const json objs = objects(path);
    const json& root = object(objs, objs["trailer"]["value"]["/Root"].get<std::string>());
    const json& st = object(objs, root["/StructTreeRoot"].get<std::string>());
    const json& nums = object(objs, st["/ParentTree"].get<std::string>())["/Nums"];
    int pages = 0, mcids = 0;
    for (std::size_t i = 0; i + 1 < nums.size(); i += 2) {
        ++pages;
        for (const json& e : nums[i + 1]) {
            CHECK(e.is_string());  // a reference to an element, never null
            ++mcids;
        }
    }
    CHECK(pages >= 3);
    CHECK(mcids > 100);

    // Untagged on request: no structure, no marks.
    const std::string plain = save(dir, "u.pdf", render(testing::sample_document(60), d, pdf::PdfOptions{true, false}));
    auto [rc2, info] = run("pdfinfo '" + plain + "'");
    CHECK(info.find("Tagged:          no\n") != std::string::npos);
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

TEST_CASE("pdf: pages no layout makes (odd numbers, unknown paragraphs, letters no face has) still give a sound file") {
    layout::Pages pages;
    layout::Page p;
    auto word = [](std::string text, double x, double y, double size, int para) {
        layout::TextItem t;
        t.text = std::move(text);
        t.x = x;
        t.y = y;
        t.size = size;
        t.para = para;
        return t;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    p.texts = {word("Bình thường", 100, 100, 14, 0), word("", 100, 120, 14, 0),
               word("NaN", nan, nan, nan, 1), word("xa", 1e300, -1e300, 14, 7),
               word("cỡ 0", 100, 140, 0, 99), word("\xF0\x9F\x98\x80 ✓ \xED\xA0\x80 ()\\", 100, 160, 14, -5)};
    p.lines = {{0, 0, 1e300, nan, 0.5}, {10, 10, 20, 10, -1}};
    pages.pages = {p, layout::Page{}};  // and an empty page
    const doc::Document tree = one_line("Một đoạn.");  // fewer paragraphs than the words claim
    TempDir dir("odd");
    for (bool tagged : {true, false}) {
        Diagnostics d;
        auto bytes = pdf::write_pdf(tree, pages, fonts(), pdf::PdfInfo{}, d, pdf::PdfOptions{true, tagged});
        REQUIRE_MESSAGE(bytes.has_value(), d.format());
        const std::string path = save(dir, tagged ? "t.pdf" : "u.pdf", *bytes);
        auto [rc, out] = run("qpdf --check '" + path + "'");
        CHECK_MESSAGE(rc == 0, out);
        auto [rc2, text] = run("pdftotext -enc UTF-8 '" + path + "' -");
        CHECK(rc2 == 0);
        CHECK(text.find("Bình thường") != std::string::npos);
        CHECK(text.find("()\\") != std::string::npos);  // the bytes a string escapes
    }
}

TEST_CASE("pdf: errors are reported in Vietnamese, never thrown or aborted") {
    Diagnostics d;
    CHECK_FALSE(pdf::write_pdf(doc::Document{}, layout::Pages{}, fonts(), pdf::PdfInfo{}, d).has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message == "tài liệu không có trang nào để in ra PDF");

    // A font file that is gone by the time the PDF is written.
    TempDir dir("gone");
    std::vector<std::string> names = {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                                      "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"};
    for (int f = 0; f < 4; ++f) {
        fs::copy_file(fonts().face(static_cast<layout::Face>(f)).path, dir.path / names[static_cast<std::size_t>(f)]);
    }
    Diagnostics load;
    auto gone = layout::find_fonts(dir.path.string(), "", load);
    REQUIRE_MESSAGE(gone.has_value(), load.format());
    const doc::Document doc = one_line("Phông chữ đã bị xóa.");
    Diagnostics lay;
    const layout::Pages pages = layout::layout_document(doc, *gone, lay);
    fs::remove(dir.path / names[0]);
    // Faces without their bytes read the file, which is gone.
    auto without_bytes = [&](layout::Face f) {
        layout::FontFace face = gone->face(f);
        face.bytes = nullptr;
        return face;
    };
    const layout::FontSet bare(without_bytes(layout::Face::regular), without_bytes(layout::Face::bold),
                               without_bytes(layout::Face::italic), without_bytes(layout::Face::bold_italic));
    Diagnostics e;
    CHECK_FALSE(pdf::write_pdf(doc, pages, bare, pdf::PdfInfo{}, e).has_value());
    REQUIRE(e.all().size() == 1);
    CHECK(e.all()[0].message == "không tạo được tệp PDF: phông chữ '" + (dir.path / names[0]).string() +
                                    "': không đọc được tệp");
    // The faces keep the bytes they were measured from: those are embedded, the file is
    // not read again (the failed read above is not remembered).
    Diagnostics kept;
    CHECK(pdf::write_pdf(doc, pages, *gone, pdf::PdfInfo{}, kept).has_value());
    CHECK(kept.all().empty());

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

TEST_CASE("pdf: a file written part by part through a spill file shows what the parts joined in one tree show") {
    // Three parts: a plan of several pages (tables, page numbers), a short form with a
    // heading, and the plan again: what the combined registration file is made of.
    std::vector<doc::Document> parts;
    parts.push_back(testing::sample_document(40));
    doc::Document form;
    form.title = "Bản đăng ký của Thôn B";
    doc::Section s;
    doc::Paragraph h = testing::body("I. CHỈ TIÊU CỦA Thôn B (\\ và ( )");
    h.role = "heading1";
    h.outline_level = 1;
    s.blocks = {testing::body("Bản đăng ký."), h, testing::body("Đạt 95% hộ gia đình.")};
    form.sections.push_back(s);
    parts.push_back(form);
    parts.push_back(testing::sample_document(5));
    const std::vector<std::string> titles = {"Thôn A", "Thon B", "Thôn C"};

    Diagnostics d;
    doc::Document joined = parts[0];
    std::vector<pdf::PdfInfo::Part> marks = {{0, titles[0]}};
    for (std::size_t i = 1; i < parts.size(); ++i) {
        marks.push_back({joined.sections.size(), titles[i]});
        doc::Document copy = parts[i];
        doc::append(joined, std::move(copy));
    }
    TempDir dir("combined");
    const std::string whole = save(dir, "whole.pdf", render(joined, d, pdf::PdfOptions{true, false}, marks));

    std::FILE* spill = std::tmpfile();
    REQUIRE(spill != nullptr);
    pdf::CombinedPdf combined(fonts(), ::fileno(spill));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        layout::Pages pages = layout::layout_document(parts[i], fonts(), d);
        REQUIRE(combined.add(parts[i], pages, titles[i], d));
    }
    pdf::PdfInfo info = pdf::info_from(joined.title, joined.author, joined.subject, joined.created, d);
    const std::string path = (dir.path / "combined.pdf").string();
    REQUIRE_MESSAGE(combined.finish(info, path, d), d.format());
    CHECK_FALSE(d.has_errors());

    // The same bytes again: deterministic.
    const std::string again = (dir.path / "again.pdf").string();
    {
        pdf::CombinedPdf second(fonts(), ::fileno(std::tmpfile()));
        for (std::size_t i = 0; i < parts.size(); ++i) {
            layout::Pages pages = layout::layout_document(parts[i], fonts(), d);
            REQUIRE(second.add(parts[i], pages, titles[i], d));
        }
        REQUIRE(second.finish(info, again, d));
    }
    CHECK(read(again) == read(path));
    std::fclose(spill);

    // Sound.
    auto [rc, check] = run("qpdf --check '" + path + "' 2>&1");
    CHECK_MESSAGE(rc == 0, check);
    CHECK_MESSAGE(check.find("No syntax or stream encoding errors found") != std::string::npos, check);
    CHECK_MESSAGE(check.find("WARNING") == std::string::npos, check);
    CHECK(read(path).rfind("%PDF-1.7\n", 0) == 0);

    // The same pages, each drawing the same contents with the same fonts.
    auto contents = [](const std::string& file) {
        auto [code, out] = run("qpdf --json=2 --json-key=pages '" + file + "'");
        REQUIRE(code == 0);
        std::vector<std::string> data;
        const json all = json::parse(out);
        for (const json& p : all["pages"]) {
            REQUIRE(p["contents"].size() == 1);
            data.push_back(stream_data(file, p["contents"][0].get<std::string>()));
        }
        return data;
    };
    const auto mine = contents(path), theirs = contents(whole);
    CHECK(combined.pages() > 3);
    REQUIRE(mine.size() == combined.pages());
    REQUIRE(mine.size() == theirs.size());
    for (std::size_t i = 0; i < mine.size(); ++i) {
        CAPTURE(i);
        CHECK(mine[i].size() > 100);
        CHECK(mine[i] == theirs[i]);
    }
    auto sorted_fonts = [](const std::string& file) {
        auto names = font_names(file);
        std::sort(names.begin(), names.end());
        return names;
    };
    CHECK(sorted_fonts(path).size() >= 2);
    CHECK(sorted_fonts(path) == sorted_fonts(whole));
    auto [r1, text1] = run("pdftotext -layout '" + path + "' -");
    auto [r2, text2] = run("pdftotext -layout '" + whole + "' -");
    CHECK(r1 == 0);
    CHECK(text1.find("Thôn B (\\ và ( )") != std::string::npos);
    CHECK(text1 == text2);

    // The same bookmarks: titles, nesting, open or closed, the page and the place they open.
    auto places = [](const std::string& file) {
        auto [code, out] = run("qpdf --json=2 --json-key=outlines '" + file + "'");
        REQUIRE(code == 0);
        std::string lines;
        std::function<void(const json&, int)> walk = [&](const json& items, int level) {
            for (const json& it : items) {
                lines += std::to_string(level) + (it["kids"].empty() ? "" : it["open"].get<bool>() ? "+" : "-") +
                         "|" + it["title"].get<std::string>() + "|" +
                         std::to_string(it["destpageposfrom1"].get<int>()) + "|" + it["dest"][3].dump() + "\n";
                walk(it["kids"], level + 1);
            }
        };
        walk(json::parse(out)["outlines"], 1);
        return lines;
    };
    CHECK(places(path) == places(whole));
    CHECK(bookmarks(path).find("1-|Thôn A|1\n") == 0);
    CHECK(bookmarks(path).find("1-|Thon B|") != std::string::npos);
    CHECK(bookmarks(path).find("2|I. CHỈ TIÊU CỦA Thôn B (\\ và ( )|") != std::string::npos);

    // The same metadata: Info, XMP, /Lang, the viewer's title bar; untagged.
    const json a = objects(path), b = objects(whole);
    const json& root_a = object(a, a["trailer"]["value"]["/Root"]);
    const json& root_b = object(b, b["trailer"]["value"]["/Root"]);
    CHECK(object(a, a["trailer"]["value"]["/Info"]) == object(b, b["trailer"]["value"]["/Info"]));
    CHECK(root_a["/Lang"] == root_b["/Lang"]);
    CHECK(root_a["/ViewerPreferences"] == root_b["/ViewerPreferences"]);
    CHECK_FALSE(root_a.contains("/StructTreeRoot"));
    CHECK(stream_data(path, root_a["/Metadata"].get<std::string>()) ==
          stream_data(whole, root_b["/Metadata"].get<std::string>()));
    CHECK(a["trailer"]["value"]["/ID"].size() == 2);
}

TEST_CASE("pdf: a combined file that cannot be written, or whose spill file cannot be read back, is an error") {
    Diagnostics d;
    const doc::Document part = testing::sample_document(5);
    const layout::Pages pages = layout::layout_document(part, fonts(), d);
    const pdf::PdfInfo info = pdf::info_from("t", "a", "s", "", d);
    {
        std::FILE* spill = std::tmpfile();
        REQUIRE(spill != nullptr);
        pdf::CombinedPdf combined(fonts(), ::fileno(spill));
        REQUIRE(combined.add(part, pages, "Thôn A", d));
        Diagnostics full;
        CHECK_FALSE(combined.finish(info, "/dev/full", full));
        REQUIRE(full.all().size() == 1);
        CHECK_MESSAGE(full.all()[0].message.find("không ghi được /dev/full: ổ đĩa đã đầy") != std::string::npos,
                      full.format());
        std::fclose(spill);
    }
    {
        // A spill file that cannot be read back (opened for writing only).
        TempDir dir("combined-wo");
        const std::string name = (dir.path / "spill").string();
        std::FILE* spill = std::fopen(name.c_str(), "w");
        REQUIRE(spill != nullptr);
        pdf::CombinedPdf combined(fonts(), ::fileno(spill));
        REQUIRE(combined.add(part, pages, "Thôn A", d));
        Diagnostics unread;
        CHECK_FALSE(combined.finish(info, (dir.path / "c.pdf").string(), unread));
        REQUIRE(unread.all().size() == 1);
        CHECK_MESSAGE(unread.all()[0].message.find("không tạo được tệp PDF: không đọc lại được tệp tạm: ") == 0,
                      unread.format());
        std::fclose(spill);
    }
    {
        // A spill file that cannot be written (opened for reading only).
        TempDir dir("combined-ro");
        const std::string name = (dir.path / "spill").string();
        std::fclose(std::fopen(name.c_str(), "w"));
        std::FILE* spill = std::fopen(name.c_str(), "r");
        REQUIRE(spill != nullptr);
        pdf::CombinedPdf combined(fonts(), ::fileno(spill));
        Diagnostics ro;
        CHECK_FALSE(combined.add(part, pages, "Thôn A", ro));
        REQUIRE(ro.all().size() == 1);
        CHECK(ro.all()[0].message.find("không tạo được tệp PDF gộp: không ghi được tệp tạm: ") == 0);
        std::fclose(spill);
    }
    CHECK_FALSE(d.has_errors());
}

}  // TEST_SUITE
