// What a văn thư checks before signing (issue 13, "what a reviewer returned"), read back from
// the PDFs of every document of every sample with poppler: header lines that do not split a
// place name or a word pair, no year alone on a title's last line, no "./." alone on a line,
// each document's header body and its parent, the signature forms (TM./KT. for an UBND, "(Ký,
// ghi rõ họ tên)" for a body without a seal, a name or a dotted blank), no row alone with the
// signature, the Danh mục hồ sơ of this dossier, campaign names in quotes. Skipped when
// pdftotext is missing (a failure under THIDUA_REQUIRE_TOOLS=1).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <sstream>

#include "base/json.hpp"

#include "base/text.hpp"
#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

/// One line of text as poppler groups it, with its box in points.
struct Line {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string text;
};

std::string unescape(std::string s) {
    const std::pair<const char*, const char*> ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
    for (const auto& [e, c] : ents)
        for (std::size_t at; (at = s.find(e)) != std::string::npos;) s.replace(at, std::string(e).size(), c);
    return s;
}

/// The lines of page `page` of `pdf` (pdftotext -bbox-layout).
std::vector<Line> page_lines(const std::string& pdf, int page) {
    const std::string p = std::to_string(page);
    Result r = run_shell("pdftotext -bbox-layout -enc UTF-8 -f " + p + " -l " + p + " " + sh_quote(pdf) + " -");
    REQUIRE_MESSAGE(r.status == 0, show(r));
    std::vector<Line> out;
    static const std::regex line_re(R"re(<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">)re");
    static const std::regex word_re(R"re(<word [^>]*>([^<]*)</word>)re");
    std::istringstream in(r.out);
    Line* cur = nullptr;
    for (std::string l; std::getline(in, l);) {
        std::smatch m;
        if (std::regex_search(l, m, line_re)) {
            out.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), ""});
            cur = &out.back();
        } else if (cur != nullptr && std::regex_search(l, m, word_re)) {
            if (!cur->text.empty()) cur->text += ' ';
            cur->text += thidua::text::nfc(unescape(m[1]));
        } else if (l.find("</line>") != std::string::npos) {
            cur = nullptr;
        }
    }
    return out;
}

int pages_of(const std::string& pdf) {
    Result info = run_shell("pdfinfo " + sh_quote(pdf));
    const std::size_t at = info.out.find("Pages:");
    return at == std::string::npos ? 0 : std::stoi(info.out.substr(at + 6));
}

/// The whole text of `pdf`, spaces and line ends collapsed to one space.
std::string flat_text(const std::string& pdf) {
    return collapse_spaces(run_shell("pdftotext -enc UTF-8 " + sh_quote(pdf) + " -").out);
}

/// The words of page 1 of `pdf` with their boxes (pdftotext -bbox).
std::vector<Line> page_words(const std::string& pdf) {
    Result r = run_shell("pdftotext -bbox -enc UTF-8 -f 1 -l 1 " + sh_quote(pdf) + " -");
    REQUIRE_MESSAGE(r.status == 0, show(r));
    std::vector<Line> out;
    static const std::regex word_re(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
    for (std::sregex_iterator it(r.out.begin(), r.out.end(), word_re), end; it != end; ++it) {
        const std::smatch& m = *it;
        out.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), thidua::text::nfc(unescape(m[5]))});
    }
    return out;
}

/// The lines of the header's left column on page 1, top to bottom: the words that end
/// before the column's right edge (margin - 8 + 63 mm, a little slack) in the top 75 mm,
/// grouped by baseline, above the "Số:" line. Words, not poppler's lines: poppler joins
/// the left column's line with the Quốc hiệu on the same baseline.
std::vector<std::string> left_header(const std::string& pdf) {
    const double mm = 72.0 / 25.4;
    const bool landscape = run_shell("pdfinfo " + sh_quote(pdf)).out.find("841.89 x 595.2") != std::string::npos;
    const double right = (landscape ? 20 - 8 + 63 : 35 - 8 + 63) * mm + 2;
    std::vector<Line> words = page_words(pdf);
    std::vector<Line> left;
    for (const Line& w : words)
        if (w.x1 <= right && w.y0 < 75 * mm) left.push_back(w);
    std::stable_sort(left.begin(), left.end(), [](const Line& a, const Line& b) {
        return std::abs(a.y1 - b.y1) > 1.0 ? a.y1 < b.y1 : a.x0 < b.x0;
    });
    std::vector<std::string> out;
    std::vector<double> ys;
    double y = -100;
    for (const Line& w : left) {
        if (std::abs(w.y1 - y) > 1.0) {
            out.emplace_back();
            y = w.y1;
            ys.push_back(y);
        }
        out.back() += (out.back().empty() ? "" : " ") + w.text;
    }
    // The column ends at "Số:" or at the gap before the title (lines are 15 pt apart).
    std::vector<std::string> kept;
    double prev = -1;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].rfind("Số:", 0) == 0 || (prev >= 0 && ys[i] - prev > 24)) break;
        kept.push_back(out[i]);
        prev = ys[i];
    }
    return kept;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " / ") + x;
    return s;
}

/// Every PDF a sample renders, by file name.
struct Sample {
    TempDir dir;
    json data;
    explicit Sample(const std::string& name) : dir("review-" + name) {
        Result r = run_thidua({"render", sample(name), "-o", (dir / "out").string(), "--format", "pdf"});
        REQUIRE_MESSAGE(r.status == 0, show(r));
        data = json::parse(read_file(e2e::sample(name)));
    }
    std::string pdf(const std::string& stem) const { return (dir / "out" / (stem + ".pdf")).string(); }
    std::vector<std::string> pdfs() const {
        std::vector<std::string> v;
        for (const auto& e : fs::directory_iterator(dir / "out"))
            if (e.path().extension() == ".pdf") v.push_back(e.path().string());
        std::sort(v.begin(), v.end());
        return v;
    }
};

const char* const kSamples[] = {"thai-binh-2024", "bac-quang-2024", "ba-to-2025", "phan-dinh-phung-2025",
                                "tan-tien-2026"};

/// Word pairs a header or title line must not split: every place name of the data (the
/// issuer's place and the units' names after "xã", "phường", "thị trấn"…) and the pairs the
/// reviewer found split.
std::vector<std::pair<std::string, std::string>> bound_pairs(const json& data) {
    std::vector<std::string> names = {"tệ nạn", "an ninh", "xã hội", "tổ quốc", "thi đua", "khen thưởng"};
    auto place = [&](std::string s) {
        for (const char* pre : {"P. ", "TT. ", "X. "})
            if (s.rfind(pre, 0) == 0) s = s.substr(std::string(pre).size());
        names.push_back(s);
    };
    place(data["issuer"]["place"].get<std::string>());
    if (data.contains("units"))
        for (const auto& u : data["units"]) {
            const std::string n = thidua::text::lower(u["name"].get<std::string>());
            for (const char* pre : {"xã ", "phường ", "thị trấn ", "thôn "})
                if (n.rfind(pre, 0) == 0) names.push_back(n.substr(std::string(pre).size()));
        }
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& n : names) {
        std::istringstream in(thidua::text::upper(n));
        std::vector<std::string> w;
        for (std::string x; in >> x;) w.push_back(x);
        for (std::size_t i = 0; i + 1 < w.size(); ++i) out.push_back({w[i], w[i + 1]});
    }
    return out;
}

}  // namespace

TEST_SUITE("review") {

TEST_CASE("review: no header line splits a place name or a word pair, no year or ./. alone on a line, in every PDF of every sample") {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    for (const char* name : kSamples) {
        Sample s(name);
        const auto pairs = bound_pairs(s.data);
        for (const std::string& pdf : s.pdfs()) {
            const std::vector<std::string> head = left_header(pdf);
            CAPTURE(pdf);
            CAPTURE(joined(head));
            CHECK(!head.empty());
            for (std::size_t i = 0; i + 1 < head.size(); ++i) {
                const std::string a = thidua::text::upper(head[i]), b = thidua::text::upper(head[i + 1]);
                const std::string last = a.substr(a.rfind(' ') == std::string::npos ? 0 : a.rfind(' ') + 1);
                const std::string first = b.substr(0, b.find(' '));
                for (const auto& [x, y] : pairs) CHECK_MESSAGE(!(last == x && first == y), x << " / " << y);
                CHECK(first != "-");
            }
            const int pages = pages_of(pdf);
            for (int p = 1; p <= pages; ++p)
                for (const Line& l : page_lines(pdf, p)) {
                    CHECK_MESSAGE(l.text != "./.", "page " << p);
                    // A year alone on a title's or header's last line ("… NĂM / 2025"): the
                    // header and titles are in the top 110 mm of page 1 (a year in a table
                    // cell, lower, is not a title).
                    if (p == 1 && l.y0 < 110 * 72.0 / 25.4)
                        CHECK_MESSAGE(!std::regex_match(l.text, std::regex("(19|20)[0-9]{2}")), l.text);
                }
        }
    }
}

TEST_CASE("review: each document's header is its own issuing body under that body's parent") {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    {
        Sample s("phan-dinh-phung-2025");
        // A tổ dân phố under the UBND phường, not under the Ban Chỉ đạo's eight lines.
        CHECK(joined(left_header(s.pdf("dang-ky-tdp-01"))) == "UBND PHƯỜNG / PHAN ĐÌNH PHÙNG / TỔ DÂN PHỐ 1");
    }
    {
        Sample s("bac-quang-2024");
        // A commune's registration is its UBND's under the district's UBND.
        // "UBND" is not left alone on a line: the kind of place stays with it (issue 13).
        CHECK(joined(left_header(s.pdf("dang-ky-viet-quang"))) == "UBND HUYỆN BẮC QUANG / UBND THỊ TRẤN / VIỆT QUANG");
        // The council's Biên bản carries the council's header, not the Ban Chỉ đạo's.
        const std::string bb = joined(left_header(s.pdf("bien-ban")));
        CHECK(bb.rfind("UBND HUYỆN BẮC QUANG / HỘI ĐỒNG", 0) == 0);
        CHECK(bb.find("BAN CHỈ ĐẠO") == std::string::npos);
    }
    {
        Sample s("tan-tien-2026");
        // A thôn's team under the UBND xã; a commune official's report is the UBND's own
        // header, not "UBND XÃ TÂN TIẾN / ỦY BAN NHÂN DÂN XÃ TÂN TIẾN".
        CHECK(joined(left_header(s.pdf("dang-ky-dong-tam"))) == "UBND XÃ TÂN TIẾN / THÔN ĐỒNG TÂM");
        for (const auto& n : s.data["nomination"]["nominees"]) {
            const std::string h = joined(left_header(s.pdf("bao-cao-thanh-tich-" + n["id"].get<std::string>())));
            CAPTURE(h);
            CHECK_FALSE((h.find("UBND XÃ TÂN TIẾN") != std::string::npos && h.find("ỦY BAN NHÂN DÂN") != std::string::npos));
        }
    }
}

TEST_CASE("review: signature blocks: TM./KT. for an UBND, no seal for a tổ, a name or a dotted blank") {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    {
        Sample s("bac-quang-2024");
        const std::string t = flat_text(s.pdf("dang-ky-viet-quang"));
        CHECK(t.find("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Ký, đóng dấu) Nguyễn Đức Thắng") != std::string::npos);
        CHECK(t.find("CHỦ TỊCH UBND THỊ TRẤN") == std::string::npos);
    }
    {
        Sample s("phan-dinh-phung-2025");
        for (const std::string& pdf : s.pdfs()) {
            if (pdf.find("dang-ky") == std::string::npos) continue;
            const std::string t = flat_text(pdf);
            CAPTURE(pdf);
            CHECK(t.find("(Ký, đóng dấu)") == std::string::npos);
            CHECK(t.find("(Ký, ghi rõ họ tên)") != std::string::npos);
            // No head named in the data: a dotted blank for the name.
            CHECK(t.find("(Ký, ghi rõ họ tên) ………") != std::string::npos);
        }
    }
    {
        Sample s("ba-to-2025");
        // A tổ's report: its leader signs without a seal; the confirming body seals.
        const std::string t = flat_text(s.pdf("bao-cao-thanh-tich-to-antt-tdp-01"));
        CHECK(t.find("TỔ TRƯỞNG TỔ BẢO VỆ ANTT (Ký, ghi rõ họ tên)") != std::string::npos);
        std::size_t seals = 0;
        for (std::size_t at = 0; (at = t.find("(Ký, đóng dấu)", at)) != std::string::npos; ++at) ++seals;
        CHECK(seals == 1);
    }
}

TEST_CASE("review: in a two-column signature block the names or dotted blanks share one baseline") {
    // A title of two lines on one side ("THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN / TRỰC TIẾP XÁC NHẬN, ĐỀ
    // NGHỊ") pushed that side's dotted blank a line below the other side's (issue 13).
    if (missing_program("pdftotext", "reading the PDF back")) return;
    std::size_t blocks = 0;
    for (const char* name : kSamples) {
        Sample s(name);
        for (const std::string& pdf : s.pdfs()) {
            const bool two = pdf.find("bien-ban") != std::string::npos ||
                             pdf.find("bao-cao-thanh-tich") != std::string::npos;
            if (!two) continue;
            CAPTURE(pdf);
            const int page = pages_of(pdf);
            Result r = run_shell("pdftotext -bbox -enc UTF-8 -f " + std::to_string(page) + " -l " +
                                 std::to_string(page) + " " + sh_quote(pdf) + " -");
            REQUIRE(r.status == 0);
            // The lowest word of each half of the page: the name or the dotted blank.
            static const std::regex word_re(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
            double left = -1, right = -1;
            std::string left_word, right_word;
            for (std::sregex_iterator it(r.out.begin(), r.out.end(), word_re), end; it != end; ++it) {
                const double x0 = std::stod((*it)[1]), y1 = std::stod((*it)[4]);
                if (y1 > 780) continue;  // not a page number at the foot
                if (x0 < 297.6 / 1.0 && y1 > left) { left = y1; left_word = (*it)[5]; }
                if (x0 >= 297.6 && y1 > right) { right = y1; right_word = (*it)[5]; }
            }
            CAPTURE(left_word);
            CAPTURE(right_word);
            CHECK(std::abs(left - right) < 1.0);
            ++blocks;
        }
    }
    CHECK(blocks >= 10);
}

TEST_CASE("review: Danh sách keeps the last rows with the signature, Danh mục lists this dossier's documents, names in quotes, no doubled unit") {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    {
        Sample s("ba-to-2025");
        const std::string ds = s.pdf("danh-sach");
        const int pages = pages_of(ds);
        REQUIRE(pages >= 2);
        const std::string last = collapse_spaces(run_shell("pdftotext -enc UTF-8 -f " + std::to_string(pages) + " -l " +
                                                           std::to_string(pages) + " " + sh_quote(ds) + " -").out);
        // The last two nominees are on the signature's page: never one row alone with it.
        const auto& ns = s.data["nomination"]["nominees"];
        CHECK(last.find(ns[ns.size() - 1]["name"].get<std::string>()) != std::string::npos);
        CHECK(last.find(ns[ns.size() - 2]["name"].get<std::string>()) != std::string::npos);
        CHECK(last.find("Phạm Văn Quý") != std::string::npos);

        const std::string dm = flat_text(s.pdf("danh-muc-ho-so"));
        CHECK(dm.find("Báo cáo thành tích của Phạm Văn Tùng đề nghị công nhận danh hiệu “Chiến sĩ thi đua cơ sở”") != std::string::npos);
        CHECK(dm.find("Quyết định công nhận sáng kiến “Sổ tay theo dõi nhân khẩu theo cụm hộ”") != std::string::npos);
        for (const auto& n : ns) CHECK(dm.find("Báo cáo thành tích của " + n["name"].get<std::string>()) != std::string::npos);

        // The campaign's name as written, in quotes (it was lower-cased without them).
        const std::string bb = flat_text(s.pdf("bien-ban"));
        CHECK(bb.find("phong trào “" + s.data["campaign"]["name"].get<std::string>() + "”") != std::string::npos);
    }
    {
        Sample s("tan-tien-2026");
        const std::string ds = flat_text(s.pdf("danh-sach"));
        CHECK(ds.find("thôn Đồng Tâm, Thôn Đồng Tâm") == std::string::npos);
        CHECK(ds.find("Tổ trưởng Tổ công nghệ số cộng đồng thôn Đồng Tâm") != std::string::npos);
    }
}

}  // TEST_SUITE
