// Acceptance of the Word files: every DOCX of the five samples is read back with Debian's
// python3-docx (tests/e2e/docx_facts.py: styles by role, the header table, the PAGE field
// with a different first page, the landscape Danh sách, repeated header rows, vi-VN, the
// PDF's words) and converted with LibreOffice, whose PDF must pass every nd30-check rule
// thidua's own PDF passes, with its page count ±1, and reproduce the seed plans
// (seed-fidelity ≥ 0.98). An edit made with python-docx survives LibreOffice and nd30-check.
// Each check is skipped when its program is missing (a failure under THIDUA_REQUIRE_TOOLS=1).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "base/json.hpp"

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

const std::string kPython = "/usr/bin/python3";

/// True when the test must stop because Debian's python3-docx is missing: a skip, or a
/// failure under THIDUA_REQUIRE_TOOLS=1 (as missing_program).
bool missing_python_docx() {
    if (run_shell(kPython + " -c 'import docx'").status == 0) return false;
    const char* required = std::getenv("THIDUA_REQUIRE_TOOLS");
    if (required != nullptr && std::string(required) == "1") {
        FAIL_CHECK("python3-docx is not installed but THIDUA_REQUIRE_TOOLS=1: Word files cannot be read back");
    } else {
        MESSAGE("python3-docx is not installed: reading Word files back skipped");
    }
    return true;
}

std::string facts_script() { return source("tests/e2e/docx_facts.py"); }

/// A sample rendered into a temporary folder (PDF and Word files).
struct RenderedSample {
    TempDir dir;
    Result result;
    explicit RenderedSample(const std::string& name) : dir("docx-" + name) {
        result = run_thidua({"render", sample(name), "-o", (dir / "out").string()});
        REQUIRE_MESSAGE(result.status == 0, show(result));
    }
    fs::path out() const { return dir / "out"; }
    std::vector<std::string> files(const std::string& ext) const {
        std::vector<std::string> v;
        for (const auto& e : fs::directory_iterator(out()))
            if (e.path().extension() == ext) v.push_back(e.path().filename().string());
        std::sort(v.begin(), v.end());
        return v;
    }
};

/// python-docx's reading of `files` (in `dir`), with the PDF beside each compared; each
/// object's "file" is the file's name.
json read_back(const fs::path& dir, const std::vector<std::string>& files) {
    std::string cmd = kPython + " " + sh_quote(facts_script()) + " --with-pdf";
    for (const auto& f : files) cmd += " " + sh_quote((dir / f).string());
    Result r = run_shell(cmd, 300);
    REQUIRE_MESSAGE(r.status == 0, show(r));
    json out = json::parse(r.out);
    for (json& f : out) f["file"] = fs::path(f["file"].get<std::string>()).filename().string();
    return out;
}

bool has_style(const json& f, const std::string& name) { return f["styles_used"].contains(name); }

std::string kind_of(const std::string& file) {
    if (file == "ke-hoach.docx") return "plan";
    if (file.rfind("dang-ky", 0) == 0 || file.rfind("bao-cao", 0) == 0) return "form";
    return "generic";
}

void check_read_back(const std::string& name) {
    if (missing_python_docx() || missing_program("pdftotext", "reading the PDF's words")) return;
    RenderedSample r(name);
    const auto docx = r.files(".docx");
    // One Word file beside every PDF.
    auto pdfs = r.files(".pdf");
    REQUIRE(docx.size() == pdfs.size());
    for (std::size_t i = 0; i < docx.size(); ++i) CHECK(fs::path(docx[i]).stem() == fs::path(pdfs[i]).stem());
    const json facts = read_back(r.out(), docx);
    REQUIRE(facts.size() == docx.size());
    for (const json& f : facts) {
        const std::string file = f["file"];
        CAPTURE(file);
        CHECK(f["lang"] == "vi-VN");
        CHECK(f["font"] == "Times New Roman");
        // Styles by role, named as a clerk reads them.
        for (const char* s : {"Cơ quan ban hành", "Quốc hiệu", "Tiêu ngữ", "Tên loại văn bản", "Đường kẻ"}) {
            CHECK_MESSAGE(has_style(f, s), s << " in " << f["styles_used"].dump());
        }
        // The header block: a borderless table whose first row holds the agency, the
        // national name and motto, with a rule under the agency and under the motto.
        REQUIRE(!f["tables"].empty());
        const json& head = f["tables"][0];
        CHECK(head["borders"] == "none");
        CHECK(head["columns"].get<int>() >= 2);
        const std::string row = head["first_row"].dump();
        CHECK(row.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
        CHECK(row.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
        const auto& styles = head["first_row_styles"];
        CHECK(std::count(styles.begin(), styles.end(), "Đường kẻ") == 2);
        CHECK(std::find(styles.begin(), styles.end(), "Quốc hiệu") != styles.end());
        // Every section: its own numbering from 1, a PAGE field centred in the header from
        // its second page (a different, empty first-page header).
        REQUIRE(!f["sections"].empty());
        for (const json& s : f["sections"]) {
            CHECK(s["start"] == "1");
            CHECK(s["different_first_page"] == true);
            CHECK(s["header"]["fields"] == json::array({"PAGE"}));
            CHECK(s["header"]["centered"] == true);
            CHECK(s["first_page_header"]["fields"].empty());
            CHECK(s["header"]["linked"] == false);
        }
        // Core properties.
        CHECK(!f["core"]["title"].get<std::string>().empty());
        CHECK(!f["core"]["author"].get<std::string>().empty());
        CHECK(f["core"]["created"].is_string());
        // The same words as the PDF, in the order it draws them.
        CHECK_MESSAGE(f["pdf_words"]["same"] == true, f["pdf_words"].dump());
    }
    // The plan: headings with outline levels, body, lists, Nơi nhận, the signature.
    const json& plan = *std::find_if(facts.begin(), facts.end(), [](const json& f) { return f["file"] == "ke-hoach.docx"; });
    for (const char* s : {"Trích yếu", "Nội dung", "Heading 1", "Nơi nhận", "Nơi nhận - dòng",
                          "Chức vụ người ký", "Họ tên người ký"}) {
        CHECK_MESSAGE(has_style(plan, s), s << " in " << plan["styles_used"].dump());
    }
    CHECK(plan["outline"]["Heading 1"] == 1);
    if (has_style(plan, "Heading 2")) CHECK(plan["outline"]["Heading 2"] == 2);
    CHECK(plan["sections"][0]["orientation"] == "portrait");
    CHECK(plan["sections"][0]["page_mm"] == json::array({210.0, 297.0}));
    CHECK(plan["sections"][0]["margins_mm"] == json::array({25.0, 20.0, 35.0, 20.0}));
}

void check_libreoffice(const std::string& name, const std::string& seed) {
    if (missing_program("libreoffice", "converting the Word files") ||
        missing_program("pdftotext", "nd30-check")) {
        return;
    }
    const std::string nd30 = std::string(THIDUA_SHARED_DIR) + "/tools/nd30-check";
    const std::string fidelity = std::string(THIDUA_SHARED_DIR) + "/tools/seed-fidelity";
    if (!fs::exists(nd30)) {
        MESSAGE(nd30 << " is not there (no shared folder next to the repository): test skipped");
        return;
    }
    RenderedSample r(name);
    const auto docx = r.files(".docx");
    REQUIRE(!docx.empty());
    // Every file in one LibreOffice run, with a profile of its own (tests run in parallel).
    TempDir lo("lo-" + name);
    std::string cmd = "libreoffice -env:UserInstallation=file://" + (lo / "profile").string() +
                      " --headless --convert-to pdf --outdir " + sh_quote((lo / "pdf").string());
    for (const auto& f : docx) cmd += " " + sh_quote((r.out() / f).string());
    Result conv = run_shell(cmd, 600);
    REQUIRE_MESSAGE(conv.status == 0, show(conv));
    // nd30-check of both PDFs of every document, in one Python process.
    std::string batch = kPython + " " + sh_quote(source("tests/e2e/nd30_many.py")) + " " + sh_quote(nd30);
    for (const std::string& f : docx) {
        const std::string stem = fs::path(f).stem().string();
        batch += " " + kind_of(f) + " " + sh_quote((r.out() / (stem + ".pdf")).string());
        batch += " " + kind_of(f) + " " + sh_quote((lo / "pdf" / (stem + ".pdf")).string());
    }
    Result measured = run_shell(batch, 900);
    REQUIRE_MESSAGE(measured.status == 0, show(measured));
    const json m = json::parse(measured.out);
    for (const std::string& f : docx) {
        CAPTURE(f);
        const std::string stem = fs::path(f).stem().string();
        const std::string ours = (r.out() / (stem + ".pdf")).string();
        const std::string theirs = (lo / "pdf" / (stem + ".pdf")).string();
        REQUIRE_MESSAGE(fs::exists(theirs), "LibreOffice made no PDF of " << f << "\n" << show(conv));
        const json& a = m.at(ours);
        const json& b = m.at(theirs);
        for (const auto& [rule, status] : a["rules"].items()) {
            if (status != "PASS") continue;
            CHECK_MESSAGE(b["rules"].value(rule, "") == "PASS",
                          rule << " passes in thidua's PDF, not in LibreOffice's");
        }
        const int pa = a["pages"], pb = b["pages"];
        CHECK(pa >= 1);
        CHECK_MESSAGE(std::abs(pa - pb) <= 1, pa << " pages in thidua's PDF, " << pb << " in LibreOffice's");
    }
    if (seed.empty()) return;
    if (!fs::exists(fidelity)) return;
    const fs::path seeds = fs::path(THIDUA_SHARED_DIR) / "seeds";
    std::string seed_file;
    for (const auto& e : fs::directory_iterator(seeds))
        if (e.path().filename().string().rfind(seed + "_", 0) == 0) seed_file = e.path().string();
    REQUIRE(!seed_file.empty());
    Result fid = run_shell(sh_quote(fidelity) + " " + sh_quote(seed_file) + " " +
                           sh_quote((lo / "pdf" / "ke-hoach.pdf").string()) + " --min-recall 0.98");
    CHECK_MESSAGE(fid.status == 0, show(fid));
}

}  // namespace

TEST_SUITE("docx") {

#define DOCX_SAMPLE_TESTS(ID, NAME)                                                                  \
    TEST_CASE("docx: sample " NAME ": python-docx reads back the styles by role, the header table, " \
              "PAGE fields from page 2, vi-VN and the PDF's words") {                               \
        check_read_back(NAME);                                                                       \
    }                                                                                                \
    TEST_CASE("docx: sample " NAME ": LibreOffice's PDF of every Word file passes the nd30-check "   \
              "rules thidua's PDF passes, with its page count +-1") {                                \
        check_libreoffice(NAME, ID);                                                                 \
    }

DOCX_SAMPLE_TESTS("000", "thai-binh-2024")
DOCX_SAMPLE_TESTS("001", "bac-quang-2024")
DOCX_SAMPLE_TESTS("002", "ba-to-2025")
DOCX_SAMPLE_TESTS("003", "phan-dinh-phung-2025")
DOCX_SAMPLE_TESTS("", "tan-tien-2026")

TEST_CASE("docx: Danh sách is an A4 landscape section whose nominee table repeats its header row") {
    if (missing_python_docx() || missing_program("pdftotext", "reading the PDF's words")) return;
    RenderedSample r("tan-tien-2026");
    const json f = read_back(r.out(), {"danh-sach.docx"})[0];
    REQUIRE(f["sections"].size() == 1);
    CHECK(f["sections"][0]["orientation"] == "landscape");
    CHECK(f["sections"][0]["page_mm"] == json::array({297.0, 210.0}));
    CHECK(f["sections"][0]["margins_mm"] == json::array({20.0, 20.0, 30.0, 20.0}));
    const json* nominees = nullptr;
    for (const json& t : f["tables"])
        if (t["borders"] == "single") nominees = &t;
    REQUIRE(nominees != nullptr);
    CHECK((*nominees)["header_rows"] == 1);
    CHECK((*nominees)["first_row"][0] == "TT");
    CHECK((*nominees)["cant_split_rows"] == (*nominees)["rows"]);
    CHECK((*nominees)["grid_spans"].get<int>() >= 2);  // "I. TẬP THỂ", "II. CÁ NHÂN" across the table
}

TEST_CASE("docx: the header's columns, indent and balanced line breaks are the PDF's, Nơi nhận lines hang") {
    if (missing_python_docx() || missing_program("pdftotext", "reading the PDF's words")) return;
    RenderedSample r("phan-dinh-phung-2025");
    const json f = read_back(r.out(), {"dang-ky-tdp-01.docx"})[0];
    REQUIRE(!f["tables"].empty());
    const json& head = f["tables"][0];
    // 63 mm and 100 mm (the zero-wide middle column is dropped), 8 mm into the left margin.
    CHECK(head["grid_twips"] == json::array({3572, 5669}));
    CHECK(head["indent_twips"] == -454);
    // The lines break where the PDF breaks them: the UBND phường over the tổ dân phố, no
    // place name split.
    // (The rule under the name is an empty paragraph of its own: a trailing line break.)
    std::string left_cell = head["first_row"][0].get<std::string>();
    while (!left_cell.empty() && left_cell.back() == '\n') left_cell.pop_back();
    CHECK(left_cell == "UBND PHƯỜNG\nPHAN ĐÌNH PHÙNG\nTỔ DÂN PHỐ 1");
    // A body without a seal: "(Ký, ghi rõ họ tên)", and a dotted blank for the name.
    const auto& words = f["words"];
    CHECK(std::find(words.begin(), words.end(), "đóng") == words.end());
    CHECK(std::find(words.begin(), words.end(), "……………………………") != words.end());
    RenderedSample plan("bac-quang-2024");
    const json k = read_back(plan.out(), {"ke-hoach.docx"})[0];
    // "- " at 11 pt is 2.25 mm: a wrapped line starts under the text, not under the dash.
    CHECK(k["indents"]["Nơi nhận - dòng"]["hanging"] == 128);
    CHECK(k["indents"]["Nơi nhận - dòng"]["left"] == 128);
}

TEST_CASE("docx: the combined dang-ky.docx has one section per unit, each numbered from 1") {
    if (missing_python_docx() || missing_program("pdftotext", "reading the PDF's words")) return;
    RenderedSample r("tan-tien-2026");
    const json data = json::parse(read_file(sample("tan-tien-2026")));
    const json f = read_back(r.out(), {"dang-ky.docx"})[0];
    REQUIRE(f["sections"].size() == data["units"].size());
    for (const json& s : f["sections"]) {
        CHECK(s["start"] == "1");
        CHECK(s["different_first_page"] == true);
    }
    // The first form's title made to speak of all the units ("… của 8 đơn vị trong …").
    CHECK(f["core"]["title"].get<std::string>().find("của " + std::to_string(data["units"].size()) + " đơn vị") !=
          std::string::npos);
}

TEST_CASE("docx: an edit made with python-docx survives: LibreOffice converts it and nd30-check still passes") {
    if (missing_python_docx() || missing_program("libreoffice", "converting the edited file") ||
        missing_program("pdftotext", "nd30-check")) {
        return;
    }
    const std::string nd30 = std::string(THIDUA_SHARED_DIR) + "/tools/nd30-check";
    if (!fs::exists(nd30)) {
        MESSAGE(nd30 << " is not there: test skipped");
        return;
    }
    RenderedSample r("tan-tien-2026");
    TempDir work("docx-edit");
    const std::string edited = (work / "bien-ban.docx").string();
    const std::string body =
        "Vào hồi 08 giờ 30 phút, ngày 19 tháng 11 năm 2026, tại Hội trường Ủy ban nhân dân xã Tân "
        "Tiến, Hội đồng Thi đua - Khen thưởng xã đã họp phiên bất thường, xét lại đề nghị khen "
        "thưởng các tập thể, cá nhân có thành tích xuất sắc, theo ý kiến chỉ đạo của Chủ tịch.";
    Result e = run_shell(kPython + " " + sh_quote(facts_script()) + " --edit " +
                         sh_quote((r.out() / "bien-ban.docx").string()) + " " + sh_quote(edited) + " " +
                         sh_quote(body) + " " + sh_quote("Tổ công nghệ số cộng đồng thôn Đông Tâm (đã sửa)"));
    REQUIRE_MESSAGE(e.status == 0, show(e));
    Result conv = run_shell("libreoffice -env:UserInstallation=file://" + (work / "profile").string() +
                                " --headless --convert-to pdf --outdir " + sh_quote(work.str()) + " " + sh_quote(edited),
                            300);
    REQUIRE_MESSAGE(conv.status == 0, show(conv));
    const std::string pdf = (work / "bien-ban.pdf").string();
    REQUIRE(fs::exists(pdf));
    Result text = run_shell("pdftotext " + sh_quote(pdf) + " -");
    CHECK(collapse_spaces(text.out).find("họp phiên bất thường") != std::string::npos);
    CHECK(collapse_spaces(text.out).find("(đã sửa)") != std::string::npos);
    Result check = run_shell(sh_quote(nd30) + " --kind generic " + sh_quote(pdf));
    CHECK_MESSAGE(check.status == 0, show(check));
    CHECK(check.out.find("FAIL") == std::string::npos);
}

}  // TEST_SUITE
