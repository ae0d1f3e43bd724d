// Tests for the real templates in templates/: every <kind>.tpl compiles against the
// repository's schema without a diagnostic; ke-hoach.tpl renders each samples/*.json with
// the section headings of the real plan it was transcribed from (../shared/seeds), in
// order, and the "./." end mark; and a compiled template renders many times, for several
// campaigns, each result independent of the renders before it.
#include "fixture.hpp"

#include <map>
#include <variant>

#include "campaign/campaign.hpp"
#include "campaign/schema.hpp"

using namespace tpl_test;
using thidua::tpl::DirectorySource;

namespace {

const DirectorySource& repo_templates() {
    static const DirectorySource src(std::string(THIDUA_SOURCE_DIR) + "/templates");
    return src;
}

const thidua::tpl::Compiled& ke_hoach() {
    static const thidua::tpl::Compiled c = [] {
        Diagnostics d;
        auto c = thidua::tpl::compile(repo_templates(), "ke-hoach", repo_schema().root(), d);
        REQUIRE_MESSAGE(c.has_value(), d.format());
        return std::move(*c);
    }();
    return c;
}

const thidua::Campaign& sample(const std::string& name) {
    static std::map<std::string, thidua::Campaign> cache;
    auto it = cache.find(name);
    if (it == cache.end()) {
        enter_source_dir();
        Diagnostics d;
        auto c = thidua::load_campaign("samples/" + name + ".json", repo_schema(), d);
        REQUIRE_MESSAGE(c.has_value(), d.format());
        it = cache.emplace(name, std::move(*c)).first;
    }
    return it->second;
}

std::string render_dump(const thidua::tpl::Compiled& c, const thidua::Campaign& campaign) {
    Diagnostics d;
    auto doc = thidua::tpl::render(c, campaign.doc, nullptr, d);
    REQUIRE_MESSAGE(doc.has_value(), d.format());
    CHECK(d.format() == "");
    return thidua::doc::dump(*doc);
}

/// The plain text of every paragraph outside tables, in order, over all sections.
std::vector<std::string> body_paragraphs(const thidua::doc::Document& doc) {
    std::vector<std::string> out;
    for (const auto& s : doc.sections) {
        for (const auto& b : s.blocks) {
            if (auto* p = std::get_if<thidua::doc::Paragraph>(&b)) out.push_back(p->text());
        }
    }
    return out;
}

/// Checks that paragraphs starting with each of `prefixes` appear in this order.
void check_in_order(const std::vector<std::string>& paragraphs, const std::vector<std::string>& prefixes) {
    std::size_t at = 0;
    for (const auto& want : prefixes) {
        CAPTURE(want);
        std::size_t found = at;
        while (found < paragraphs.size() && paragraphs[found].rfind(want, 0) != 0) ++found;
        CHECK_MESSAGE(found < paragraphs.size(), "no paragraph starting with \"" << want
                                                     << "\" after paragraph " << at);
        if (found < paragraphs.size()) at = found + 1;
    }
}

}  // namespace

TEST_SUITE("template") {

TEST_CASE("template: every template in templates/ compiles against the schema without a diagnostic") {
    std::size_t kinds = 0;
    for (const auto& e : fs::directory_iterator(std::string(THIDUA_SOURCE_DIR) + "/templates")) {
        if (e.path().extension() != ".tpl") continue;
        const std::string kind = e.path().stem().string();
        CAPTURE(kind);
        Diagnostics d;
        auto c = thidua::tpl::compile(repo_templates(), kind, repo_schema().root(), d);
        CHECK(d.format() == "");
        CHECK(c.has_value());
        ++kinds;
    }
    CHECK(kinds >= 1);
    // ke-hoach includes the shared parts: the main file first, then every part it includes.
    const auto& files = ke_hoach().tpl.files;
    REQUIRE(files.size() >= 10);
    CHECK(files[0].path() == std::string(THIDUA_SOURCE_DIR) + "/templates/ke-hoach.tpl");
    CHECK(files[1].path() == std::string(THIDUA_SOURCE_DIR) + "/templates/chung/kieu-nd30.tpl");
    CHECK(ke_hoach().tpl.macros.count("khoi") == 1);
    CHECK(ke_hoach().tpl.macros.count("dau_van_ban") == 1);
}

TEST_CASE("template: ke-hoach renders Thái Bình 2024 with the seed's headings in order and ./.") {
    Diagnostics d;
    auto doc = thidua::tpl::render(ke_hoach(), sample("thai-binh-2024").doc, nullptr, d);
    REQUIRE_MESSAGE(doc.has_value(), d.format());
    const auto paras = body_paragraphs(*doc);
    check_in_order(paras, {
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Triển khai thực hiện hiệu quả Luật Lực lượng tham gia bảo vệ an",
        "4. Bảo đảm sự phối hợp chặt chẽ",
        "II. NỘI DUNG TRỌNG TÂM PHONG TRÀO THI ĐUA",
        "1. Đối tượng: Tập thể là lực lượng tham gia bảo vệ an ninh",
        "2. Thời gian tổ chức phong trào thi đua: Bắt đầu từ ngày 01/10/2024",
        "3. Chủ đề phong trào thi đua: “Lực lượng mới, khí thế mới",
        "4. Nội dung phong trào thi đua",
        "4.1. Thi đua nắm tình hình an ninh, trật tự",
        "4.2. Thi đua phối hợp xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "4.3. Thực hiện tốt công tác phòng cháy, chữa cháy, cứu nạn, cứu hộ",
        "4.4. Thực hiện tốt nhiệm vụ quản lý hành chính về trật tự xã hội",
        "4.5. Thực hiện tốt công tác vận động, giáo dục, cảm hóa",
        "4.6. Tăng cường công tác tuần tra bảo đảm an ninh, trật tự",
        "4.7. Xây dựng, phát huy, nhân rộng những hình ảnh đẹp",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Căn cứ Kế hoạch này",
        "3. Công an tỉnh:",
        "4. Ban Thi đua - Khen thưởng, Sở Nội vụ",
        "Trên đây là Kế hoạch phát động phong trào thi đua đặc biệt",
    });
    // The end mark ends the last body paragraph, before the signature block.
    REQUIRE(!paras.empty());
    const std::string last = paras.back();
    CHECK(last.rfind("Trên đây là Kế hoạch", 0) == 0);
    CHECK(last.substr(last.size() - 3) == "./.");
    CHECK(last.find("../.") == std::string::npos);
}

TEST_CASE("template: ke-hoach renders the other samples with their seeds' headings in order") {
    struct Expect {
        const char* sample;
        std::vector<std::string> headings;
    };
    const std::vector<Expect> cases = {
        {"bac-quang-2024",
         {"I. MỤC ĐÍCH, YÊU CẦU", "II. PHẠM VI, ĐỐI TƯỢNG THI ĐUA", "1. Phạm vi: Phong trào thi đua",
          "2. Đối tượng thi đua", "III. NỘI DUNG THI ĐUA", "IV. CHỈ TIÊU THI ĐUA",
          "2. Có 100% khu dân cư", "4. Có 95% số xã đạt chỉ tiêu 19.2",
          "V. HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG", "1. Hình thức khen thưởng",
          "2. Tiêu chuẩn khen thưởng", "2.1. Đối với tập thể", "2.2. Đối với cá nhân",
          "3. Hồ sơ thủ tục đề nghị, thời gian khen thưởng", "3.1. Hồ sơ thủ tục khen thưởng",
          "3.2. Thời gian", "VI. TỔ CHỨC THỰC HIỆN", "Căn cứ kế hoạch này, Thủ trưởng các cơ quan"}},
        {"ba-to-2025",
         {"I. MỤC ĐÍCH, YÊU CẦU", "1. Nhằm tạo khí thế, thi đua sôi nổi", "II. NỘI DUNG",
          "1. Đối tượng: Lực lượng tham gia bảo vệ ANTT ở cơ sở của 8 tổ",
          "2. Thời gian: Phong trào thi đua bắt đầu từ nay đến 19/8/2025",
          "3. Nội dung của đợt thi đua", "3.1. Thi đua hỗ trợ Công an thị trấn trong công tác nắm",
          "3.7. Thi đua xây dựng, phát huy, nhân rộng", "III. TỔ CHỨC THỰC HIỆN",
          "1. Các Tổ tham gia bảo vệ ANTT cơ sở:", "5. Công an thị trấn"}},
        {"phan-dinh-phung-2025",
         {"I. MỤC ĐÍCH YÊU CẦU", "1. Tổ chức phong trào thi đua “Bảo vệ an ninh Tổ quốc”",
          "II. NỘI DUNG", "1. Phổ biến, quán triệt thực hiện có hiệu quả", "III. TỔ CHỨC THỰC HIỆN",
          "2. Định kỳ sơ kết các đợt thi đua", "3. Quá trình thực hiện có khó khăn, vướng mắc"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.sample);
        Diagnostics d;
        auto doc = thidua::tpl::render(ke_hoach(), sample(c.sample).doc, nullptr, d);
        REQUIRE_MESSAGE(doc.has_value(), d.format());
        CHECK(d.format() == "");
        const auto paras = body_paragraphs(*doc);
        check_in_order(paras, c.headings);
        REQUIRE(!paras.empty());
        CHECK(paras.back().substr(paras.back().size() - 3) == "./.");
        CHECK(paras.back().find("../.") == std::string::npos);
        // The header table, the body and the signature table are all in one portrait section.
        REQUIRE(doc->sections.size() == 1);
        CHECK(std::holds_alternative<thidua::doc::Table>(doc->sections[0].blocks.front()));
        CHECK(std::holds_alternative<thidua::doc::Table>(doc->sections[0].blocks.back()));
    }
}

TEST_CASE("template: ke-hoach renders a plan in its own order, with a) b) c), quotas and a scoring appendix") {
    // Tân Tiến 2026 is not a seed: a commune plan on digital transformation whose sections
    // come in another order than the seeds', with lettered sub-items, nomination quotas per
    // award and per thôn, and a scoring table in an appendix, all from data.
    Diagnostics d;
    auto doc = thidua::tpl::render(ke_hoach(), sample("tan-tien-2026").doc, nullptr, d);
    REQUIRE_MESSAGE(doc.has_value(), d.format());
    CHECK(d.format() == "");
    const auto paras = body_paragraphs(*doc);
    check_in_order(paras, {
        "KẾ HOẠCH",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 152/2025/NĐ-CP",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Tạo khí thế thi đua sôi nổi",
        "b) Nâng cao nhận thức", "c) Kịp thời phát hiện", "2. Yêu cầu", "a) Phong trào thi đua",
        "II. NỘI DUNG VÀ CHỈ TIÊU THI ĐUA", "Chủ đề: “Người dân số - Thôn số - Xã số”.",
        "1. Thi đua phổ cập kỹ năng số cho người dân:",
        "4. Thi đua xây dựng thôn số:",
        "III. ĐỐI TƯỢNG, THỜI GIAN THI ĐUA", "1. Đối tượng thi đua", "2. Thời gian",
        "Phong trào thi đua được tổ chức từ ngày 15/02/2026 đến ngày 30/11/2026, chia thành 02 đợt:",
        "- Đợt 1: Từ ngày 15/02 đến ngày 30/6/2026",
        "IV. TIÊU CHÍ CHẤM ĐIỂM, CÁCH THỨC XẾP HẠNG",
        "V. HÌNH THỨC, SỐ LƯỢNG VÀ TIÊU CHUẨN KHEN THƯỞNG", "1. Hình thức khen thưởng",
        "2. Số lượng khen thưởng",
        "- Bằng khen của Chủ tịch UBND tỉnh: không quá 01 tập thể, 02 cá nhân;",
        "- Giấy khen của Chủ tịch UBND xã: không quá 03 tập thể, 08 cá nhân; mỗi thôn không quá "
        "01 tập thể, 02 cá nhân.",
        "3. Tiêu chuẩn khen thưởng", "3.1. Đối với tập thể",
        "VI. HỒ SƠ, THỜI GIAN KHEN THƯỞNG", "VII. TỔ CHỨC THỰC HIỆN",
        "Trên đây là Kế hoạch phát động phong trào thi đua",
        "Phụ lục", "THANG ĐIỂM THI ĐUA “CHUNG TAY XÂY DỰNG XÃ TÂN TIẾN CHUYỂN ĐỔI SỐ” NĂM 2026",
        "(Kèm theo Kế hoạch số 18/KH-UBND ngày 05 tháng 02 năm 2026 của Ủy ban nhân dân xã Tân Tiến)",
        "Xếp loại theo tổng điểm:", "- Xuất sắc: từ 85 điểm trở lên;",
        "- Tốt: từ 70 điểm đến dưới 85 điểm;", "- Khá: từ 50 điểm đến dưới 70 điểm;",
        "- Trung bình: dưới 50 điểm.",
    });
    // The body ends with "./." before the signature; the appendix is a section of its own.
    REQUIRE(doc->sections.size() == 2);
    // The scoring table: header, group rows with their sums, criteria, items, a deduction,
    // the total.
    const thidua::doc::Table* table = nullptr;
    for (const auto& b : doc->sections[1].blocks) {
        if (auto* t = std::get_if<thidua::doc::Table>(&b)) table = t;
    }
    REQUIRE(table != nullptr);
    auto row_text = [](const thidua::doc::Row& r) {
        std::string out;
        for (const auto& c : r.cells) {
            out += "|";
            for (const auto& p : c.paragraphs) out += p.text();
        }
        return out;
    };
    std::vector<std::string> rows;
    for (const auto& r : table->rows) rows.push_back(row_text(r));
    REQUIRE(rows.size() == 15);
    CHECK(rows[0] == "|STT|Tiêu chí thi đua|Điểm chuẩn|Hướng dẫn chấm điểm");
    CHECK(rows[1] == "|I|CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TUYÊN TRUYỀN|15|");
    CHECK(rows[4] == "|II|KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU|75|");
    CHECK(rows[7] == "|3|Thanh toán không dùng tiền mặt|20|");
    CHECK(rows[8].rfind("|3.1|Người trưởng thành có tài khoản thanh toán điện tử (chỉ tiêu 85%)|10|", 0) == 0);
    CHECK(rows[11] == "|III|ĐIỂM THƯỞNG, ĐIỂM TRỪ|10|");
    CHECK(rows[13].find("|-10|Mỗi vụ trừ 05 điểm, tối đa trừ 10 điểm.") != std::string::npos);
    CHECK(rows[14] == "|Tổng cộng|100|");
}

TEST_CASE("template: ke-hoach prints what drafters wrote from the docs: quotas, date styles, 0125, a deadline without a date") {
    // tests/campaign/good/drafting.json is a plan after Đắk Lắk 0125/KH-UBND (format-spec
    // §3): a percentage quota of a named base, quotas per named body with the rest per
    // xã, combined "trường hợp (tập thể hoặc cá nhân)" counts, citations and phases in
    // the offices' date styles, a deadline sentence with no structured date.
    enter_source_dir();
    Diagnostics d;
    auto c = thidua::load_campaign("tests/campaign/good/drafting.json", repo_schema(), d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    CHECK(d.format() == "");
    // The text of the body, one paragraph a line: what the plan says, not how it is set
    // (styles and roles are the layout's business and change on their own).
    Diagnostics r;
    auto doc = thidua::tpl::render(ke_hoach(), c->doc, nullptr, r);
    REQUIRE_MESSAGE(doc.has_value(), r.format());
    CHECK(r.format() == "");
    std::string text;
    for (const std::string& p : body_paragraphs(*doc)) text += p + "\n";
    check_golden("tests/template/drafting-ke-hoach.expected", text);
    // The number as the office writes it, in the header (ô 3).
    CHECK(render_dump(ke_hoach(), *c).find("] Số: 0125/KH-UBND\n") != std::string::npos);
}

TEST_CASE("template: ke-hoach numbers every block in the style the plan gives, structured blocks included") {
    // tests/campaign/good/numbering.json keeps its purposes, areas, criteria, dossier and
    // tasks as data and numbers them as a real plan does: a) under 1., (1) (2), "+" under
    // "-", a paragraph between a) and b) that does not restart the letters, a task's own
    // a) b) items with "Giao …" before it and a closing after them, indicators on their
    // own lines, an untitled unnumbered group that prints no blank line.
    enter_source_dir();
    Diagnostics d;
    auto c = thidua::load_campaign("tests/campaign/good/numbering.json", repo_schema(), d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    CHECK(d.format() == "");
    Diagnostics r;
    auto doc = thidua::tpl::render(ke_hoach(), c->doc, nullptr, r);
    REQUIRE_MESSAGE(doc.has_value(), r.format());
    CHECK(r.format() == "");
    std::string text;
    for (const std::string& p : body_paragraphs(*doc)) text += p + "\n";
    check_golden("tests/template/numbering-ke-hoach.expected", text);
    for (const std::string& p : body_paragraphs(*doc)) CHECK_MESSAGE(!p.empty(), "an empty paragraph");
}

namespace {

/// The rows of the last table of section `section`, each "|cell|cell…".
std::vector<std::string> last_table_rows(const thidua::doc::Document& doc, std::size_t section) {
    const thidua::doc::Table* table = nullptr;
    for (const auto& b : doc.sections.at(section).blocks) {
        if (auto* t = std::get_if<thidua::doc::Table>(&b)) table = t;
    }
    std::vector<std::string> rows;
    if (table == nullptr) return rows;
    for (const auto& r : table->rows) {
        std::string out;
        for (const auto& c : r.cells) {
            out += "|";
            for (const auto& p : c.paragraphs) out += p.text();
        }
        rows.push_back(out);
    }
    return rows;
}

}  // namespace

TEST_CASE("template: a scoring table with bonus points, a group ranked by counts and tie-break rules") {
    // tests/campaign/good/scoring.json: Tổng cộng right after the last points group and
    // only of them; the bonus group with its maximum but outside the total; the count group
    // without points; the tie-break rules after the ratings, worded from the rows they name
    // or as written. Its areas join indicators to text that already ends in a stop.
    enter_source_dir();
    Diagnostics d;
    auto c = thidua::load_campaign("tests/campaign/good/scoring.json", repo_schema(), d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    CHECK(d.format() == "");
    Diagnostics r;
    auto doc = thidua::tpl::render(ke_hoach(), c->doc, nullptr, r);
    REQUIRE_MESSAGE(doc.has_value(), r.format());
    CHECK(r.format() == "");
    std::string text;
    for (const std::string& p : body_paragraphs(*doc)) text += p + "\n";
    REQUIRE(doc->sections.size() == 2);
    text += "--- bảng thang điểm\n";
    for (const std::string& row : last_table_rows(*doc, 1)) text += row + "\n";
    check_golden("tests/template/scoring-ke-hoach.expected", text);

    // "total_row": false: the same table without Tổng cộng.
    std::string s = read_file("tests/campaign/good/scoring.json");
    const std::string from = "\"groups\": [";
    REQUIRE(s.find(from) != std::string::npos);
    s.replace(s.find(from), from.size(), "\"total_row\": false, \"groups\": [");
    const fs::path tmp = fs::temp_directory_path() / "thidua-scoring-no-total.json";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << s;
    }
    Diagnostics d2;
    auto c2 = thidua::load_campaign(tmp.string(), repo_schema(), d2);
    fs::remove(tmp);
    REQUIRE_MESSAGE(c2.has_value(), d2.format());
    Diagnostics r2;
    auto doc2 = thidua::tpl::render(ke_hoach(), c2->doc, nullptr, r2);
    REQUIRE_MESSAGE(doc2.has_value(), r2.format());
    const auto with = last_table_rows(*doc, 1), without = last_table_rows(*doc2, 1);
    REQUIRE(without.size() + 1 == with.size());
    for (const std::string& row : without) CHECK(row.find("Tổng cộng") == std::string::npos);
}

TEST_CASE("template: a numbering style the data names but the language lacks is an error at the value") {
    enter_source_dir();
    std::string s = read_file("tests/campaign/good/numbering.json");
    const std::string from = "\"item_number\": \"(1)\" }";
    REQUIRE(s.find(from) != std::string::npos);
    s.replace(s.find(from), from.size(), "\"item_number\": \"i)\" }");
    Diagnostics d;
    auto doc = thidua::parse_json("so.json", s, d);
    REQUIRE(doc.has_value());
    thidua::validate(*doc, repo_schema(), d);
    CHECK(d.format().find("so.json:") != std::string::npos);
    CHECK(d.format().find("\"i)\" không hợp lệ") != std::string::npos);
}

TEST_CASE("template: marks the templates add are printed once when the data has them too") {
    // bad/79-template-marks.json writes "- Công an tỉnh;", "Lưu: VT, BCĐ." and a closing
    // ending in "./.": the campaign loads with warnings and the marks taken off, so the
    // plan prints "- Công an tỉnh;" and "…thi đua./." instead of "- - Công an tỉnh;;" and
    // "././.".
    enter_source_dir();
    Diagnostics d;
    auto c = thidua::load_campaign("tests/campaign/bad/79-template-marks.json", repo_schema(), d);
    REQUIRE_MESSAGE(c.has_value(), d.format());
    CHECK_FALSE(d.has_errors());
    const std::string dump = render_dump(ke_hoach(), *c);
    CHECK(dump.find("] - Công an tỉnh;\n") != std::string::npos);
    CHECK(dump.find("] - Thường trực Huyện ủy;\n") != std::string::npos);
    CHECK(dump.find("] - Lưu: VT, BCĐ.\n") != std::string::npos);
    CHECK(dump.find("] - +84 Đường dây nóng;\n") != std::string::npos);
    CHECK(dump.find("Trên đây là Kế hoạch phát động phong trào thi đua./.") != std::string::npos);
    CHECK(dump.find("././.") == std::string::npos);
    CHECK(dump.find("- - ") == std::string::npos);
    CHECK(dump.find("- + ") == std::string::npos);
    CHECK(dump.find(";;") == std::string::npos);
    CHECK(dump.find("] - Bảo đảm thiết thực;\n") != std::string::npos);
    CHECK(dump.find("] a) - giữ nguyên ở kiểu a), b)\n") != std::string::npos);
}

TEST_CASE("template: one compiled template renders many times, each render independent") {
    const auto& c = ke_hoach();
    const std::string before = thidua::tpl::dump_ast(c.tpl);
    const std::string a1 = render_dump(c, sample("thai-binh-2024"));
    const std::string b1 = render_dump(c, sample("bac-quang-2024"));
    const std::string a2 = render_dump(c, sample("thai-binh-2024"));
    const std::string b2 = render_dump(c, sample("bac-quang-2024"));
    CHECK(a1 == a2);
    CHECK(b1 == b2);
    CHECK(a1 != b1);
    // Heading numbers, item counters and styles start afresh: the second campaign's first
    // heading is "I." even after a campaign that reached "III.".
    CHECK(b1.find("**I. ****MỤC ĐÍCH, YÊU CẦU**") != std::string::npos);
    // A freshly compiled copy renders the same as the one used many times.
    Diagnostics d;
    auto fresh = thidua::tpl::compile(repo_templates(), "ke-hoach", repo_schema().root(), d);
    REQUIRE_MESSAGE(fresh.has_value(), d.format());
    CHECK(render_dump(*fresh, sample("bac-quang-2024")) == b1);
    CHECK(thidua::tpl::dump_ast(c.tpl) == before);
    // A failed render (data missing) leaves nothing behind for the next one.
    thidua::JsonDoc broken = json_doc(R"({"issuer": {}, "document": {}, "campaign": {}, "plan": {}})");
    Diagnostics d2;
    CHECK_FALSE(thidua::tpl::render(c, broken, nullptr, d2).has_value());
    CHECK(d2.has_errors());
    CHECK(render_dump(c, sample("thai-binh-2024")) == a1);
}

TEST_CASE("template: the Compiled value owns its schema copy and outlives the schema it came from") {
    std::optional<thidua::tpl::Compiled> c;
    {
        Diagnostics d;
        auto schema = thidua::Schema::load(std::string(THIDUA_SOURCE_DIR) + "/schemas/campaign.schema.json", d);
        REQUIRE(schema.has_value());
        c = thidua::tpl::compile(repo_templates(), "ke-hoach", schema->root(), d);
        REQUIRE_MESSAGE(c.has_value(), d.format());
    }
    thidua::tpl::Compiled moved = std::move(*c);
    c.reset();
    CHECK(render_dump(moved, sample("ba-to-2025")) == render_dump(ke_hoach(), sample("ba-to-2025")));
}

}  // TEST_SUITE
