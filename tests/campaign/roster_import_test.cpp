// Tests for campaign/roster and campaign/roster_import: units and nominees taken from the
// spreadsheets a campaign file names (CSV files written here, .xlsx packages built part by
// part), the values they become, the cell each is recorded at, and that mistakes — the
// importer's own and those the schema and the rules find later — are reported at the cell.
// Also: the column tables agree with the schema.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/diagnostics.hpp"
#include "campaign/campaign.hpp"
#include "campaign/roster.hpp"
#include "campaign/roster_import.hpp"
#include "campaign/schema.hpp"
#include "sheet/zip_parts.hpp"

namespace fs = std::filesystem;
using json = thidua::Json;
using thidua::Diagnostics;

namespace {

const thidua::Schema& schema() {
    static const thidua::Schema s = [] {
        Diagnostics d;
        auto loaded = thidua::Schema::load(std::string(THIDUA_SOURCE_DIR) + "/schemas/campaign.schema.json", d);
        REQUIRE_MESSAGE(loaded.has_value(), d.format());
        return *loaded;
    }();
    return s;
}

/// A campaign with two awards and a council of 9, whose units and nominees come from
/// `units_file` and `nominees_file` (either may be empty: the list is then left out).
std::string campaign_json(const std::string& units_file, const std::string& nominees_file,
                          const std::string& units = "") {
    std::string s = R"({
  "issuer": { "name": "BAN CHỈ ĐẠO 138", "short": "BCĐ", "place": "Bắc Quang" },
  "document": { "date": "2024-04-10", "title": "Phát động phong trào thi đua năm 2024" },
  "campaign": {
    "name": "Toàn dân bảo vệ an ninh Tổ quốc",
    "start": "2024-01-01",
    "end": "2024-12-31",
    "awards": [
      { "form": "Giấy khen", "authority": "Chủ tịch UBND huyện" },
      { "form": "Chiến sĩ thi đua cơ sở" }
    ],
    "dossier": { "deadline": "2024-11-05" },
    "indicators": [ { "id": "nguon-tin", "name": "Nguồn tin", "target": 80, "unit": "%" } ]
  },
  "plan": { "sections": [] },
  "signature": { "authority": "TM. BAN CHỈ ĐẠO", "title": "TRƯỞNG BAN", "name": "Nguyễn Văn An" },
)";
    if (!units_file.empty()) s += "  \"units_file\": \"" + units_file + "\",\n";
    if (!units.empty()) s += "  \"units\": " + units + ",\n";
    s += R"(  "nomination": {
    "document": { "date": "2024-11-01" },
    "recipient": "Chủ tịch Ủy ban nhân dân huyện Bắc Quang",
    "council": {
      "name": "Hội đồng Thi đua - Khen thưởng huyện Bắc Quang",
      "members": 9,
      "chair": { "name": "Lê Văn Toàn" },
      "secretary": { "name": "Đỗ Thị Hằng" },
      "meeting": { "date": "2024-10-30", "place": "Hội trường UBND huyện", "present": 9 }
    })";
    if (!nominees_file.empty()) s += ",\n    \"nominees_file\": \"" + nominees_file + "\"";
    else s += ",\n    \"nominees\": []";
    s += "\n  }\n}\n";
    return s;
}

const char* const kUnitsCsv =
    "\xEF\xBB\xBF"
    "DANH SÁCH ĐƠN VỊ;;;\r\n"
    "STT;Tên đơn vị;Mã đơn vị (bắt buộc);Người đứng đầu;Ngày đăng ký thi đua;Hình thức khen thưởng tập thể đăng ký\r\n"
    "1;Xã Việt Vinh;viet-vinh;Hoàng  Văn Bình;18/4/2024;\"Giấy khen của Chủ tịch UBND huyện\"\r\n"
    "2;Thị trấn Việt Quang;viet-quang;;;\r\n"
    "3;;;;;\r\n";

const char* const kNomineesCsv =
    "Mã,Tập thể hay cá nhân,Tên tập thể hoặc họ và tên,Chức vụ,Đơn vị,Nơi công tác khác,"
    "Hình thức khen thưởng đề nghị,Số phiếu đồng ý,Tóm tắt thành tích,Ngày sinh,Giới tính,"
    "Thành tích đạt được,Danh hiệu thi đua đã đạt\n"
    "xa-viet-vinh,Tập thể,Nhân dân xã Việt Vinh,,viet-vinh,,Giấy khen của Chủ tịch UBND huyện,9,"
    "Giữ vững an ninh,,,\"Tổ chức 18 buổi tuyên truyền.\n\n9/9 thôn đạt tiêu chuẩn.\",\n"
    "nguyen-van-hai,cá nhân,Nguyễn Văn Hải,Trưởng Công an xã,,Công an xã Tân Quang,"
    "Giấy khen của Chủ tịch UBND huyện,8,Cung cấp 12 nguồn tin,12/05/1984,Nam,"
    "Cung cấp 12 nguồn tin.,\"2022: Lao động tiên tiến; Quyết định số 15/QĐ-UBND ngày 10/01/2023\n"
    "2023 - Chiến sĩ thi đua cơ sở\"\n";

struct Dir {
    fs::path path;
    explicit Dir(const std::string& name)
        : path(fs::temp_directory_path() / ("thidua-roster-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Dir() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path / name, std::ios::binary) << bytes;
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

/// Loads `json_text` as c.json in `dir`; returns the formatted diagnostics.
std::string load(const Dir& dir, const std::string& json_text, std::optional<thidua::Campaign>* out = nullptr) {
    dir.write("c.json", json_text);
    Diagnostics d;
    auto c = thidua::load_campaign(dir.file("c.json"), schema(), d);
    if (out != nullptr) *out = std::move(c);
    return d.format();
}

/// The diagnostics with the temporary folder written as "@/".
std::string relative(const Dir& dir, std::string s) {
    const std::string from = dir.path.string() + "/";
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at)) {
        s.replace(at, from.size(), "@/");
    }
    return s;
}

/// The place recorded for a value, as "file|sheet|row|col" (file relative to `dir`).
std::string cell_of(const Dir& dir, const thidua::Campaign& c, const std::string& pointer) {
    const thidua::CellPlace* p = c.doc.positions.cell(pointer);
    if (p == nullptr) return "json";
    return relative(dir, p->file) + "|" + p->sheet + "|" + std::to_string(p->row) + "|" +
           std::to_string(p->col);
}

}  // namespace

TEST_SUITE("campaign") {

TEST_CASE("roster: CSV units and nominees become the lists, each value remembering its cell") {
    Dir dir("csv");
    dir.write("don-vi.csv", kUnitsCsv);
    dir.write("de-nghi.csv", kNomineesCsv);
    std::optional<thidua::Campaign> c;
    CHECK(load(dir, campaign_json("don-vi.csv", "de-nghi.csv"), &c) == "");
    REQUIRE(c);
    const json& v = c->doc.value;
    CHECK(v["units"] == json::parse(R"([
      {"id": "viet-vinh", "name": "Xã Việt Vinh", "head": "Hoàng Văn Bình",
       "registration": {"date": "2024-04-18", "awards": ["Giấy khen của Chủ tịch UBND huyện"]}},
      {"id": "viet-quang", "name": "Thị trấn Việt Quang"}])"));
    CHECK(v["nomination"]["nominees"] == json::parse(R"([
      {"id": "xa-viet-vinh", "kind": "collective", "name": "Nhân dân xã Việt Vinh",
       "unit": "viet-vinh", "award": "Giấy khen của Chủ tịch UBND huyện", "votes": 9,
       "summary": "Giữ vững an ninh",
       "report": {"achievements": ["Tổ chức 18 buổi tuyên truyền.", "9/9 thôn đạt tiêu chuẩn."]}},
      {"id": "nguyen-van-hai", "kind": "individual", "name": "Nguyễn Văn Hải",
       "position": "Trưởng Công an xã", "unit": "Công an xã Tân Quang",
       "award": "Giấy khen của Chủ tịch UBND huyện", "votes": 8, "summary": "Cung cấp 12 nguồn tin",
       "report": {"birth_date": "1984-05-12", "gender": "Nam",
                  "achievements": ["Cung cấp 12 nguồn tin."],
                  "titles": [{"year": 2022, "name": "Lao động tiên tiến",
                              "decision": "Quyết định số 15/QĐ-UBND ngày 10/01/2023"},
                             {"year": 2023, "name": "Chiến sĩ thi đua cơ sở"}]}}])"));
    CHECK(cell_of(dir, *c, "/units/0/name") == "@/don-vi.csv||3|2");
    CHECK(cell_of(dir, *c, "/units/1/id") == "@/don-vi.csv||4|3");
    CHECK(cell_of(dir, *c, "/units/1") == "@/don-vi.csv||4|0");
    CHECK(cell_of(dir, *c, "/units/0/registration/awards/0") == "@/don-vi.csv||3|6");
    CHECK(cell_of(dir, *c, "/units/1/head") == "@/don-vi.csv||4|4");  // empty, still its cell
    CHECK(cell_of(dir, *c, "/nomination/nominees/1/report/titles/1/year") == "@/de-nghi.csv||3|13");
    CHECK(cell_of(dir, *c, "/nomination/nominees/1/unit") == "@/de-nghi.csv||3|6");
    CHECK(cell_of(dir, *c, "/units") == "json");
    CHECK(cell_of(dir, *c, "/campaign/name") == "json");
}

TEST_CASE("roster: mistakes in the cells are reported at the cell, with nothing loaded") {
    Dir dir("bad-cells");
    dir.write("don-vi.csv",
              "Mã đơn vị;Tên đơn vị;Ngày đăng ký thi đua\n"
              "viet-vinh;Xã Việt Vinh;18/04/2024\n"
              "Viet Quang;Thị trấn Việt Quang;3/25/2024\n"
              ";xã  việt vinh;\n");
    dir.write("de-nghi.csv",
              "Mã,Tập thể hay cá nhân,Tên tập thể hoặc họ và tên,Đơn vị,Hình thức khen thưởng đề nghị,"
              "Số phiếu đồng ý,Tóm tắt thành tích,Giới tính\n"
              "a,Nhóm,Tổ 1,Xã Viet Vinh,Giấy khen của Chủ tịch UBND huyện,9,x,\n"
              "b,Cá nhân,,,Giấy khen của Chủ tịch UBND huyện,chín,x,Nam giới\n");
    std::string err = relative(dir, load(dir, campaign_json("don-vi.csv", "de-nghi.csv")));
    CHECK(err ==
          "@/don-vi.csv, ô A3: lỗi: mã \"Viet Quang\" chỉ được gồm chữ thường không dấu, chữ số "
          "và dấu \"-\", bắt đầu bằng chữ hoặc số, tối đa 64 ký tự (ví dụ \"tdp-01\")\n"
          "@/don-vi.csv, ô C3: lỗi: \"3/25/2024\" không phải ngày dạng ngày/tháng/năm (không có "
          "tháng 25): ghi ví dụ 05/03/2025, hoặc định dạng ô là ngày\n"
          "@/don-vi.csv, ô A4: lỗi: cột \"Mã đơn vị\" không được để trống\n"
          "@/de-nghi.csv, ô B2: lỗi: cột \"Tập thể hay cá nhân\" ghi \"Tập thể\" hoặc \"Cá nhân\", "
          "gặp \"Nhóm\"\n"
          "@/de-nghi.csv, ô C3: lỗi: cột \"Tên tập thể hoặc họ và tên\" không được để trống\n"
          "@/de-nghi.csv, ô F3: lỗi: cần số nguyên không âm ở cột \"Số phiếu đồng ý\", gặp \"chín\"\n"
          "@/de-nghi.csv, ô H3: lỗi: cột \"Giới tính\" ghi \"Nam\" hoặc \"Nữ\", gặp \"Nam giới\"\n");
}

TEST_CASE("roster: the schema's and the rules' findings on imported values point at the cell") {
    Dir dir("rules");
    dir.write("don-vi.csv",
              "Mã đơn vị;Tên đơn vị\n"
              "viet-vinh;Xã Việt Vinh\n"
              "viet-quang;Thị trấn Việt Quang\n"
              "viet-vinh-2;xã  việt vinh\n");
    dir.write("de-nghi.csv",
              "Mã,Tập thể hay cá nhân,Tên tập thể hoặc họ và tên,Đơn vị,Hình thức khen thưởng đề nghị,"
              "Số phiếu đồng ý,Tóm tắt thành tích,Thành tích đạt được,Danh hiệu thi đua đã đạt\n"
              "a,Tập thể,Tổ 1,Xã Việt Vinh,Bằng khen của Bộ Công an,9,x,y,\n"
              "a,Tập thể,Tổ 2,Thị trấn Việt Quan,Giấy khen của Chủ tịch UBND huyện,12,x,y,1930: Huân chương\n");
    std::string err = relative(dir, load(dir, campaign_json("don-vi.csv", "de-nghi.csv")));
    // The nominees are not loaded; the units are, and the rules still look at them.
    CHECK(err ==
          "@/don-vi.csv, ô B4: lỗi: tên đơn vị \"xã việt vinh\" bị lặp lại (đã có ở ô B2)\n"
          "@/de-nghi.csv, ô D3: lỗi: đơn vị \"Thị trấn Việt Quan\" không có trong tệp "
          "\"@/don-vi.csv\" (có phải \"Thị trấn Việt Quang\"?); người ngoài các đơn vị này ghi "
          "nơi công tác ở cột \"Nơi công tác khác\"\n");
    // The same with the unit right: the checks after the import find the rest.
    dir.write("de-nghi.csv",
              "Mã,Tập thể hay cá nhân,Tên tập thể hoặc họ và tên,Đơn vị,Hình thức khen thưởng đề nghị,"
              "Số phiếu đồng ý,Tóm tắt thành tích,Thành tích đạt được,Danh hiệu thi đua đã đạt\n"
              "a,Tập thể,Tổ 1,Xã Việt Vinh,Bằng khen của Bộ Công an,9,x,y,\n"
              "a,Tập thể,Tổ 2,viet-quang,Giấy khen của Chủ tịch UBND huyện,12,x,y,1930: Huân chương\n");
    err = relative(dir, load(dir, campaign_json("don-vi.csv", "de-nghi.csv")));
    CHECK(err ==
          "@/don-vi.csv, ô B4: lỗi: tên đơn vị \"xã việt vinh\" bị lặp lại (đã có ở ô B2)\n"
          "@/de-nghi.csv, ô D2: lỗi: tập thể Tổ 1 chưa đăng ký thi đua: đơn vị “Xã Việt Vinh” "
          "không có bản đăng ký (\"registration\" ở /units/0)\n"
          "@/de-nghi.csv, ô E2: lỗi: hình thức khen thưởng \"Bằng khen của Bộ Công an\" không có "
          "trong campaign.awards của kế hoạch\n"
          "@/de-nghi.csv, ô A3: lỗi: mã tập thể, cá nhân đề nghị \"a\" bị lặp lại (đã có ở ô A2)\n"
          "@/de-nghi.csv, ô D3: lỗi: tập thể Tổ 2 chưa đăng ký thi đua: đơn vị “Thị trấn Việt "
          "Quang” không có bản đăng ký (\"registration\" ở /units/1)\n"
          "@/de-nghi.csv, ô F3: lỗi: Tổ 2 được 12 phiếu, nhiều hơn tổng số 9 thành viên Hội đồng\n"
          "@/de-nghi.csv, ô I3: lỗi: giá trị ở \"Năm\" phải từ 1.945 trở lên, gặp 1.930\n");
}

TEST_CASE("roster: a unit's own targets come from the columns \"Chỉ tiêu <mã>\"") {
    Dir dir("targets");
    dir.write("don-vi.csv",
              "Mã đơn vị,Tên đơn vị,Chỉ tiêu nguon-tin,Chỉ tiêu mo-hinh\n"
              "a,Tổ A,85%,\n"
              "b,Tổ B,\"85,5\",\n"
              "c,Tổ C,,2\n");
    std::string err = relative(dir, load(dir, campaign_json("don-vi.csv", "")));
    CHECK(err == "@/don-vi.csv, ô D4: lỗi: chỉ tiêu \"mo-hinh\" không có trong kế hoạch\n");
    dir.write("don-vi.csv",
              "Mã đơn vị,Tên đơn vị,Chỉ tiêu nguon-tin\n"
              "a,Tổ A,85%\n"
              "b,Tổ B,\"85,5\"\n"
              "c,Tổ C,nhiều\n");
    err = relative(dir, load(dir, campaign_json("don-vi.csv", "")));
    CHECK(err == "@/don-vi.csv, ô C4: lỗi: cần một số ở cột \"Chỉ tiêu nguon-tin\", gặp \"nhiều\"\n");
    dir.write("don-vi.csv",
              "Mã đơn vị,Tên đơn vị,Chỉ tiêu nguon-tin\n"
              "a,Tổ A,85%\n"
              "b,Tổ B,\"85,5\"\n"
              "c,Tổ C,\n");
    std::optional<thidua::Campaign> c;
    CHECK(load(dir, campaign_json("don-vi.csv", ""), &c) == "");
    REQUIRE(c);
    CHECK(c->doc.value["units"] == json::parse(R"([
      {"id": "a", "name": "Tổ A", "targets": {"nguon-tin": 85}},
      {"id": "b", "name": "Tổ B", "targets": {"nguon-tin": 85.5}},
      {"id": "c", "name": "Tổ C"}])"));
}

TEST_CASE("roster: an .xlsx gives units, their registered individuals and nominees") {
    Dir dir("xlsx");
    sheet_test::Book b;
    b.shared = {"<t>Mã đơn vị\nbắt buộc</t>", "<t>Tên đơn vị</t>", "<t>Ngày đăng ký thi đua</t>",
                "<t>DANH SÁCH</t>"};
    b.cell_xfs = R"(<xf numFmtId="0"/><xf numFmtId="14"/>)";
    b.sheets[1] = {"Đơn vị",
                   R"(<row r="1"><c r="A1" t="s"><v>3</v></c></row>)"
                   R"(<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c></row>)"
                   R"(<row r="3"><c r="A3" t="inlineStr"><is><t>tdp-01</t></is></c><c r="B3" t="inlineStr"><is><t>Tổ dân phố 1</t></is></c><c r="C3" s="1"><v>45397</v></c></row>)"
                   R"(<row r="4"><c r="A4"><v>2</v></c><c r="B4" t="inlineStr"><is><t>Tổ dân phố 2</t></is></c></row>)"};
    b.sheets[2] = {"Cá nhân đăng ký",
                   R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Đơn vị</t></is></c><c r="B2" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="C2" t="inlineStr"><is><t>Danh hiệu đăng ký</t></is></c></row>)"
                   R"(<row r="3"><c r="A3" t="inlineStr"><is><t>Tổ dân phố 2</t></is></c><c r="B3" t="inlineStr"><is><t>Trần Văn Hòa</t></is></c><c r="C3" t="inlineStr"><is><t>Chiến sĩ thi đua cơ sở</t></is></c></row>)"};
    b.sheets[3] = {"Đề nghị khen thưởng",
                   R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Mã</t></is></c><c r="B2" t="inlineStr"><is><t>Tập thể hay cá nhân</t></is></c><c r="C2" t="inlineStr"><is><t>Họ và tên</t></is></c>)"
                   R"(<c r="D2" t="inlineStr"><is><t>Đơn vị</t></is></c><c r="E2" t="inlineStr"><is><t>Hình thức khen thưởng đề nghị</t></is></c><c r="F2" t="inlineStr"><is><t>Danh hiệu thi đua đề nghị</t></is></c>)"
                   R"(<c r="G2" t="inlineStr"><is><t>Số phiếu đồng ý</t></is></c><c r="H2" t="inlineStr"><is><t>Tóm tắt thành tích</t></is></c><c r="I2" t="inlineStr"><is><t>Ngày sinh</t></is></c></row>)"
                   R"(<row r="3"><c r="A3" t="inlineStr"><is><t>tran-van-hoa</t></is></c><c r="B3" t="inlineStr"><is><t>Cá nhân</t></is></c><c r="C3" t="inlineStr"><is><t>Trần Văn Hòa</t></is></c>)"
                   R"(<c r="D3" t="inlineStr"><is><t>2</t></is></c><c r="E3" t="inlineStr"><is><t>Chiến sĩ thi đua cơ sở</t></is></c><c r="F3" t="inlineStr"><is><t>Chiến sĩ thi đua cơ sở</t></is></c>)"
                   R"(<c r="G3"><v>9</v></c><c r="H3" t="inlineStr"><is><t>Gương mẫu</t></is></c><c r="I3"><v>1985</v></c></row>)"};
    b.extra = R"(<mergeCells><mergeCell ref="A1:C1"/></mergeCells>)";
    dir.write("ds.xlsx", b.bytes());
    std::optional<thidua::Campaign> c;
    // The nominee misses fields the report needs: the rule says so at the row.
    std::string err = relative(dir, load(dir, campaign_json("ds.xlsx", "ds.xlsx"), &c));
    CHECK(err ==
          "@/ds.xlsx, trang \"Đề nghị khen thưởng\", dòng 3: lỗi: chưa đủ thông tin để lập hồ sơ "
          "của Trần Văn Hòa: thiếu chức vụ (\"position\"), giới tính (\"report.gender\"), thành "
          "tích đạt được (\"report.achievements\")\n");
    // The lists are what the sheets say: the document as the importer left it.
    dir.write("c.json", campaign_json("ds.xlsx", "ds.xlsx"));
    Diagnostics d;
    auto doc = thidua::parse_json_file(dir.file("c.json"), d);
    REQUIRE(doc);
    CHECK(thidua::import_rosters(*doc, d));
    CHECK(d.format() == "");
    CHECK(doc->value["units"] == json::parse(R"([
      {"id": "tdp-01", "name": "Tổ dân phố 1", "registration": {"date": "2024-04-15"}},
      {"id": "2", "name": "Tổ dân phố 2",
       "registration": {"individuals": [{"name": "Trần Văn Hòa", "title": "Chiến sĩ thi đua cơ sở"}]}}])"));
    CHECK(doc->value["nomination"]["nominees"][0]["unit"] == "2");
    CHECK(doc->value["nomination"]["nominees"][0]["report"]["birth_date"] == "1985");
    const thidua::CellPlace* p = doc->positions.cell("/units/1/registration/individuals/0/title");
    REQUIRE(p != nullptr);
    CHECK(p->sheet == "Cá nhân đăng ký");
    CHECK(p->row == 3);
    CHECK(p->col == 3);
}

TEST_CASE("roster: the campaign file's own mistakes about the files") {
    Dir dir("files");
    CHECK(relative(dir, load(dir, campaign_json("khong-co.xlsx", ""))) ==
          "@/c.json:17:17: lỗi: không tìm thấy tệp \"@/khong-co.xlsx\" (đường dẫn tính từ thư mục "
          "của tệp chiến dịch) (tại /units_file)\n");
    CHECK(relative(dir, load(dir, campaign_json("don-vi.xls", ""))) ==
          "@/c.json:17:17: lỗi: \"units_file\" phải là một bảng tính .xlsx hoặc một tệp .csv, gặp "
          "\"don-vi.xls\" (tại /units_file)\n");
    dir.write("don-vi.csv", kUnitsCsv);
    CHECK(relative(dir, load(dir, campaign_json("don-vi.csv", "", R"([{"name": "Tổ 1"}])"))) ==
          "@/c.json:17:3: lỗi: \"units_file\" và \"units\" không dùng cùng nhau: lấy danh sách "
          "đơn vị từ bảng tính thì xóa \"units\" trong tệp chiến dịch (tại /units_file)\n");
    // A nomination with neither list.
    std::string text = campaign_json("", "");
    text.replace(text.find(",\n    \"nominees\": []"), std::string(",\n    \"nominees\": []").size(), "");
    CHECK(relative(dir, load(dir, text)).find(
              "lỗi: thiếu trường bắt buộc \"nominees\" (Tập thể, cá nhân đề nghị khen thưởng), "
              "hoặc \"nominees_file\" (tại /nomination)") != std::string::npos);
}

TEST_CASE("roster: headers are found by their text") {
    using thidua::roster::fold_header;
    CHECK(fold_header("Tên đơn vị") == "tên đơn vị");
    CHECK(fold_header("  TÊN  ĐƠN   VỊ *") == "tên đơn vị");
    CHECK(fold_header("Mã đơn vị (bắt buộc):") == "mã đơn vị");
    CHECK(fold_header("Mã đơn vị\nbắt buộc; chữ thường") == "mã đơn vị");
    CHECK(fold_header("Te\xCC\x82n đơn vị") == "tên đơn vị");  // NFD
    CHECK(fold_header("(ghi chú)") == "(ghi chú)");
    CHECK(thidua::roster::is_numbering_header("stt"));
    CHECK_FALSE(thidua::roster::is_numbering_header("mã"));
}

TEST_CASE("roster: every column fills a field the schema has, and the schema's required fields have a required column") {
    const json& root = schema().root();
    auto object_of = [&](const char* def) { return &schema().resolve(root["$defs"][def]); };
    auto field_schema = [&](const json* obj, std::string_view field) -> const json* {
        std::size_t start = 1;
        while (obj != nullptr) {
            const std::size_t slash = field.find('/', start);
            const std::string key(field.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
            const json& props = (*obj)["properties"];
            if (!props.contains(key)) return nullptr;
            obj = &schema().resolve(props[key]);
            if (slash == std::string_view::npos) return obj;
            start = slash + 1;
        }
        return nullptr;
    };
    using thidua::roster::TableId;
    const json* unit = object_of("unit");
    const json* nominee = object_of("nominee");
    const json* person = &schema().resolve(object_of("registration")->at("properties").at("individuals").at("items"));
    for (const auto& t : thidua::roster::tables()) {
        const json* obj = t.id == TableId::units ? unit : t.id == TableId::nominees ? nominee : person;
        for (const auto& c : t.columns) {
            if (t.id == TableId::registrants && c.field == "/unit") continue;  // where the row goes
            CAPTURE(c.header);
            const json* f = field_schema(obj, c.field);
            REQUIRE(f != nullptr);
            const std::string type = f->value("type", std::string());
            switch (c.kind) {
                case thidua::roster::ValueKind::lines:
                case thidua::roster::ValueKind::records: CHECK(type == "array"); break;
                case thidua::roster::ValueKind::count: CHECK(type == "integer"); break;
                default: CHECK(type == "string"); break;
            }
        }
        for (const json& name : obj->value("required", json::array())) {
            CAPTURE(name);
            bool found = false;
            for (const auto& c : t.columns) found = found || (c.field == "/" + name.get<std::string>() && c.required);
            CHECK(found);
        }
    }
}

}  // TEST_SUITE
