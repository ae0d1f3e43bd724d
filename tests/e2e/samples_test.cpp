// Acceptance: each of the four seed samples rendered with the project's templates reproduces
// its real plan (/work/shared/seeds, map in seeds/README.md): pdftotext reads back the key
// lines in order, qpdf finds no damage, poppler reads every PDF without a warning, every
// font is embedded, seed-fidelity recall is at least 0.98 and nd30-check passes every rule. The fifth sample, Tân Tiến 2026, has no seed:
// the same checks but fidelity, nd30-check on the plan's own pages, and its appendix (a
// scoring table) numbered on its own. Skipped only when a tool is missing.
#include <doctest/doctest.h>

#include <algorithm>

#include "base/json.hpp"

#include "e2e.hpp"

using namespace e2e;

namespace {

struct SampleCase {
    std::string name;   ///< samples/<name>.json
    std::string seed;   ///< seed number, "000".."003"; "" for a sample with no seed
    std::vector<std::string> in_order;  ///< must appear in the -layout text in this order
    bool workbook;      ///< renders theo-doi.xlsx as well
    std::string appendix;  ///< the first appendix's title line, when the plan has one
};

const std::string kQuocHieu = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const std::string kTieuNgu = "Độc lập - Tự do - Hạnh phúc";

SampleCase sample_case(const std::string& name) {
    if (name == "thai-binh-2024") {
        return {name, "000",
                {kQuocHieu, kTieuNgu, "Số: 148/KH-BCĐ", "Thái Bình, ngày 13 tháng 9 năm 2024", "KẾ HOẠCH",
                 "Phát động phong trào thi đua đặc biệt trong lực lượng tham gia bảo vệ an ninh",
                 "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG TRỌNG TÂM PHONG TRÀO THI ĐUA",
                 "III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:", "Nguyễn Văn An"},
                false, ""};
    }
    if (name == "bac-quang-2024") {
        return {name, "001",
                {kQuocHieu, kTieuNgu, "KẾ HOẠCH",
                 "Phát động phong trào thi đua toàn dân bảo vệ an ninh Tổ quốc năm 2024",
                 "I. MỤC ĐÍCH, YÊU CẦU", "II. PHẠM VI, ĐỐI TƯỢNG THI ĐUA", "III. NỘI DUNG THI ĐUA",
                 "IV. CHỈ TIÊU THI ĐUA", "V. HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG",
                 "VI. TỔ CHỨC THỰC HIỆN", "Nơi nhận:", "Ngô Văn Hiếu"},
                true, ""};
    }
    if (name == "ba-to-2025") {
        return {name, "002",
                {kQuocHieu, kTieuNgu, "KẾ HOẠCH",
                 "Phát động phong trào thi đua trong lực lượng tham gia",
                 "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:",
                 "Nguyễn Thị Mỹ Lệ"},
                true, ""};
    }
    if (name == "tan-tien-2026") {
        return {name, "",
                {kQuocHieu, kTieuNgu, "Số: 18/KH-UBND", "Tân Tiến, ngày 05 tháng 02 năm 2026",
                 "KẾ HOẠCH", "Phát động phong trào thi đua “Chung tay xây dựng xã Tân Tiến",
                 "I. MỤC ĐÍCH, YÊU CẦU", "a) Tạo khí thế thi đua", "II. NỘI DUNG VÀ CHỈ TIÊU THI ĐUA",
                 "III. ĐỐI TƯỢNG, THỜI GIAN THI ĐUA", "IV. TIÊU CHÍ CHẤM ĐIỂM, CÁCH THỨC XẾP HẠNG",
                 "mỗi thôn không quá 01 tập thể, 02 cá nhân", "VII. TỔ CHỨC THỰC HIỆN", "./.",
                 "Nơi nhận:", "Hoàng Minh Đức", "Phụ lục", "THANG ĐIỂM THI ĐUA",
                 "(Kèm theo Kế hoạch số 18/KH-UBND ngày 05 tháng 02 năm 2026", "STT",
                 "Tiêu chí thi đua", "I", "CÔNG TÁC LÃNH ĐẠO", "15",
                 "3.2", "Hộ kinh doanh chấp nhận thanh", "-10", "Tổng cộng", "100",
                 "Xuất sắc: từ 85 điểm trở lên"},
                true, "THANG ĐIỂM THI ĐUA"};
    }
    return {"phan-dinh-phung-2025", "003",
            {kQuocHieu, kTieuNgu, "KẾ HOẠCH",
             "Phát động phong trào thi đua “Bảo vệ an ninh Tổ quốc” năm 2025",
             "I. MỤC ĐÍCH YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:",
             "Trần Đình Thìn"},
            true, ""};
}

/// The seed transcription for a seed number ("000_abab….txt").
std::string seed_path(const std::string& number) {
    const fs::path dir = fs::path(THIDUA_SHARED_DIR) / "seeds";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().filename().string().rfind(number + "_", 0) == 0) return e.path().string();
    }
    return {};
}

/// A sample rendered into a temporary folder with the project's templates.
struct Rendered {
    SampleCase c;
    TempDir dir;
    Result result;
    explicit Rendered(const std::string& name) : c(sample_case(name)), dir("sample-" + name) {
        result = run_thidua({"render", sample(name), "-o", (dir / "out").string()});
    }
    std::string pdf() const { return (dir / "out" / "ke-hoach.pdf").string(); }
};

void check_renders(const std::string& name) {
    Rendered r(name);
    REQUIRE_MESSAGE(r.result.status == 0, show(r.result));
    CHECK_MESSAGE(r.result.err.empty(), r.result.err);
    auto snap = snapshot(r.dir / "out");
    // What the sample's data calls for, in the kinds table's order: the plan; a form per
    // unit and the combined one; the nomination dossier (every nominee's vote passes in
    // the samples); the workbook.
    const thidua::Json data = thidua::Json::parse(read_file(sample(name)));
    // Each document as a PDF, then as a Word file.
    std::vector<std::pair<std::string, std::string>> want;
    auto both = [&](const std::string& kind, const std::string& stem) {
        want.push_back({kind, stem + ".pdf"});
        want.push_back({kind, stem + ".docx"});
    };
    both("ke-hoach", "ke-hoach");
    if (data.contains("units")) {
        for (const auto& u : data["units"]) both("dang-ky", "dang-ky-" + u["id"].get<std::string>());
        both("dang-ky", "dang-ky");
    }
    if (data.contains("nomination")) {
        both("to-trinh", "to-trinh");
        both("danh-sach", "danh-sach");
        both("bien-ban", "bien-ban");
        for (const auto& n : data["nomination"]["nominees"])
            both("bao-cao-thanh-tich", "bao-cao-thanh-tich-" + n["id"].get<std::string>());
        both("danh-muc-ho-so", "danh-muc-ho-so");
    }
    if (r.c.workbook) want.push_back({"theo-doi", "theo-doi.xlsx"});
    auto m = thidua::Json::parse(snap["manifest.json"]);
    REQUIRE(m["files"].size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i);
        CHECK(m["files"][i]["kind"] == want[i].first);
        CHECK(m["files"][i]["path"] == want[i].second);
        CHECK(snap.count(want[i].second) == 1);
        const std::string ext = fs::path(want[i].second).extension().string();
        CHECK(m["files"][i]["format"] == ext.substr(1));
        if (ext == ".pdf") {
            CHECK(m["files"][i]["pages"].get<int>() >= 1);
            CHECK(snap[want[i].second].rfind("%PDF-", 0) == 0);
        } else if (ext == ".docx") {
            CHECK(m["files"][i]["pages"].is_null());
            CHECK(snap[want[i].second].rfind("PK", 0) == 0);
        }
    }
    CHECK(snap.size() == want.size() + 1);  // and manifest.json, nothing else
    CHECK(m["files"][0]["pages"].get<int>() >= 2);
    if (r.c.workbook) {
        const auto& wb = m["files"].back();
        CHECK(wb["pages"].is_null());
        CHECK(wb["sheets"].get<int>() >= 3);
        CHECK(snap["theo-doi.xlsx"].rfind("PK", 0) == 0);
    }

    // The same run again gives the same bytes.
    TempDir again("sample-again-" + name);
    Result r2 = run_thidua({"render", sample(name), "-o", again.str()});
    REQUIRE(r2.status == 0);
    CHECK(snapshot(again.path) == snap);

    Result check = run_thidua({"check", sample(name)});
    CHECK_MESSAGE(check.status == 0, show(check));
    Result dump = run_thidua({"dump", sample(name)});
    CHECK_MESSAGE(dump.status == 0, show(dump));
    CHECK(dump.out.find(kQuocHieu) != std::string::npos);
}

void check_text(const std::string& name) {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    Rendered r(name);
    REQUIRE_MESSAGE(r.result.status == 0, show(r.result));
    Result text = run_shell("pdftotext -layout -enc UTF-8 " + sh_quote(r.pdf()) + " -");
    REQUIRE(text.status == 0);
    std::string flat = collapse_spaces(text.out);
    std::string missing = find_in_order(flat, r.c.in_order);
    CHECK_MESSAGE(missing.empty(), missing << "\n--- pdftotext -layout\n" << text.out.substr(0, 3000));
    // The document ends with "./." right after the last body paragraph.
    CHECK(flat.find("./.") != std::string::npos);
}

void check_one_pdf(const std::string& pdf);

void check_pdf_tools(const std::string& name) {
    Rendered r(name);
    REQUIRE_MESSAGE(r.result.status == 0, show(r.result));
    // Every PDF of the sample: the plan, the forms, the dossier.
    std::vector<std::string> pdfs;
    for (const auto& e : fs::directory_iterator(r.dir / "out")) {
        if (e.path().extension() == ".pdf") pdfs.push_back(e.path().string());
    }
    std::sort(pdfs.begin(), pdfs.end());
    REQUIRE(!pdfs.empty());
    for (const std::string& pdf : pdfs) {
        CAPTURE(pdf);
        check_one_pdf(pdf);
    }
}

void check_one_pdf(const std::string& pdf) {
    if (!missing_program("qpdf", "qpdf --check")) {
        Result q = run_shell("qpdf --check " + sh_quote(pdf));
        CHECK_MESSAGE(q.status == 0, show(q));
        CHECK(q.out.find("No syntax or stream encoding errors found") != std::string::npos);
    }
    if (!missing_program("pdftotext", "reading the PDF back")) {
        // Poppler has nothing to say about the file (it warned of libharu's ToUnicode maps).
        Result t = run_shell("pdftotext -enc UTF-8 " + sh_quote(pdf) + " /dev/null");
        CHECK_MESSAGE(t.status == 0, show(t));
        CHECK_MESSAGE(t.err.empty(), t.err);
    }
    if (!missing_program("pdffonts", "the embedded-font check")) {
        Result f = run_shell("pdffonts " + sh_quote(pdf));
        REQUIRE(f.status == 0);
        int fonts = 0, embedded = 0;
        std::istringstream lines(f.out);
        std::string line;
        int n = 0;
        while (std::getline(lines, line)) {
            if (++n <= 2 || line.empty()) continue;  // header and ruler
            std::istringstream words(line);
            std::vector<std::string> w;
            for (std::string t; words >> t;) w.push_back(t);
            if (w.size() < 6) continue;
            ++fonts;
            // Columns end with: emb sub uni object-number generation.
            if (w[w.size() - 5] == "yes") ++embedded;
        }
        CHECK(fonts >= 2);
        CHECK_MESSAGE(embedded == fonts, f.out);
    }
}

void check_fidelity(const std::string& name) {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    const std::string tool = std::string(THIDUA_SHARED_DIR) + "/tools/seed-fidelity";
    if (!fs::exists(tool)) {
        MESSAGE(tool << " is not there (no shared folder next to the repository): test skipped");
        return;
    }
    Rendered r(name);
    REQUIRE_MESSAGE(r.result.status == 0, show(r.result));
    const std::string seed = seed_path(r.c.seed);
    REQUIRE_MESSAGE(!seed.empty(), "no seed " << r.c.seed);
    Result f = run_shell(sh_quote(tool) + " " + sh_quote(seed) + " " + sh_quote(r.pdf()) +
                         " --min-recall 0.98");
    CHECK_MESSAGE(f.status == 0, show(f));
    CHECK(f.out.find("recall ") != std::string::npos);
}

/// The number of pages of `pdf` (pdfinfo), or 0.
int page_count(const std::string& pdf) {
    Result info = run_shell("pdfinfo " + sh_quote(pdf));
    const std::size_t at = info.out.find("Pages:");
    return at == std::string::npos ? 0 : std::stoi(info.out.substr(at + 6));
}

/// The text of page `page` of `pdf` (pdftotext -layout).
std::string page_text(const std::string& pdf, int page) {
    const std::string p = std::to_string(page);
    return run_shell("pdftotext -layout -enc UTF-8 -f " + p + " -l " + p + " " + sh_quote(pdf) + " -").out;
}

/// The first page of the first appendix: the page whose text has `title`; 0 when none.
int appendix_page(const std::string& pdf, const std::string& title) {
    const int pages = page_count(pdf);
    for (int p = 1; p <= pages; ++p) {
        if (page_text(pdf, p).find(title) != std::string::npos) return p;
    }
    return 0;
}

/// The first non-blank line of `text`, without the spaces around it.
std::string first_line(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto b = line.find_first_not_of(" \f\t");
        if (b == std::string::npos) continue;
        return line.substr(b, line.find_last_not_of(" \t") - b + 1);
    }
    return {};
}

void check_appendix_numbering(const std::string& name) {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    Rendered r(name);
    REQUIRE_MESSAGE(r.result.status == 0, show(r.result));
    REQUIRE(!r.c.appendix.empty());
    const int first = appendix_page(r.pdf(), r.c.appendix);
    const int pages = page_count(r.pdf());
    REQUIRE(first > 2);
    // The plan's pages run 2, 3, …; the appendix starts again: nothing on its first page,
    // "2" on its second (ND 30 Phụ lục I: each appendix is numbered on its own).
    CHECK(first_line(page_text(r.pdf(), first - 1)) == std::to_string(first - 1));
    CHECK(first_line(page_text(r.pdf(), first)) == "Phụ lục");
    REQUIRE(pages > first);
    CHECK(first_line(page_text(r.pdf(), first + 1)) == "2");
}

void check_nd30(const std::string& name) {
    if (missing_program("pdftotext", "reading the PDF back")) return;
    const std::string tool = std::string(THIDUA_SHARED_DIR) + "/tools/nd30-check";
    if (!fs::exists(tool)) {
        MESSAGE(tool << " is not there (no shared folder next to the repository): test skipped");
        return;
    }
    Rendered r(name);
    REQUIRE_MESSAGE(r.result.status == 0, show(r.result));
    std::string pdf = r.pdf();
    if (!r.c.appendix.empty()) {
        // nd30-check numbers every page of a file as one run; an appendix restarts its own
        // numbering (checked above), so the rules are measured on the plan's own pages.
        if (missing_program("qpdf", "cutting the plan's own pages")) return;
        const int first = appendix_page(pdf, r.c.appendix);
        REQUIRE(first > 1);
        const std::string body = (r.dir / "body.pdf").string();
        Result cut = run_shell("qpdf --empty --pages " + sh_quote(pdf) + " 1-" +
                               std::to_string(first - 1) + " -- " + sh_quote(body));
        REQUIRE_MESSAGE(cut.status == 0, show(cut));
        pdf = body;
    }
    Result f = run_shell(sh_quote(tool) + " " + sh_quote(pdf));
    CHECK_MESSAGE(f.status == 0, show(f));
    CHECK_MESSAGE(f.out.find("FAIL") == std::string::npos, f.out);
    std::size_t at = f.out.find("nd30: ");
    REQUIRE(at != std::string::npos);
    std::string summary = f.out.substr(at, f.out.find('\n', at) - at);
    // "nd30: N/N rules pass"
    std::size_t slash = summary.find('/');
    REQUIRE(slash != std::string::npos);
    CHECK_MESSAGE(summary.substr(6, slash - 6) == summary.substr(slash + 1, summary.find(' ', slash) - slash - 1),
                  summary);
}

}  // namespace

TEST_SUITE("samples") {

#define SAMPLE_TESTS(ID, NAME)                                                               \
    TEST_CASE("sample " NAME ": renders, manifest, byte-identical repeat, check and dump") { \
        check_renders(NAME);                                                                 \
    }                                                                                        \
    TEST_CASE("sample " NAME ": pdftotext -layout reads back the key lines in order") {     \
        check_text(NAME);                                                                    \
    }                                                                                        \
    TEST_CASE("sample " NAME ": qpdf --check passes and every font is embedded in every PDF") {          \
        check_pdf_tools(NAME);                                                               \
    }                                                                                        \
    TEST_CASE("sample " NAME ": seed-fidelity recall >= 0.98 against seed " ID) {           \
        check_fidelity(NAME);                                                                \
    }                                                                                        \
    TEST_CASE("sample " NAME ": nd30-check passes every rule") { check_nd30(NAME); }

SAMPLE_TESTS("000", "thai-binh-2024")
SAMPLE_TESTS("001", "bac-quang-2024")
SAMPLE_TESTS("002", "ba-to-2025")
SAMPLE_TESTS("003", "phan-dinh-phung-2025")

TEST_CASE("sample tan-tien-2026: renders, manifest, byte-identical repeat, check and dump") {
    check_renders("tan-tien-2026");
}
TEST_CASE("sample tan-tien-2026: pdftotext -layout reads back the key lines in order") {
    check_text("tan-tien-2026");
}
TEST_CASE("sample tan-tien-2026: qpdf --check passes and every font is embedded in every PDF") {
    check_pdf_tools("tan-tien-2026");
}
TEST_CASE("sample tan-tien-2026: the scoring appendix numbers its pages on its own") {
    check_appendix_numbering("tan-tien-2026");
}
TEST_CASE("sample tan-tien-2026: nd30-check passes every rule on the plan's own pages") {
    check_nd30("tan-tien-2026");
}

}  // TEST_SUITE
