// Units and nominees from a spreadsheet, through the whole program: a 120-unit,
// 40-nominee workbook written by openpyxl (the way a clerk's own file looks: headers in
// another order, a numbering column, real dates), the same re-saved by LibreOffice and its
// units sheet saved by LibreOffice as a semicolon CSV all render the full set; the blank
// workbook of `render --only mau-don-vi`, filled by openpyxl, reads back; and broken
// workbooks each give one Vietnamese error at the file, sheet or cell, exactly, and write
// nothing.
#include <doctest/doctest.h>

#include "base/json.hpp"

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

const char* const kPython = "/usr/bin/python3";

/// Runs a Python script with openpyxl; the script gets `args`.
Result python(const TempDir& dir, const std::string& script, const std::string& args) {
    write_file(dir / "script.py", script);
    return run_shell(std::string(kPython) + " " + sh_quote((dir / "script.py").string()) + " " + args);
}

bool missing_openpyxl() {
    if (missing_program(kPython, "the spreadsheet import tests")) return true;
    Result r = run_shell(std::string(kPython) + " -c 'import openpyxl'");
    if (r.status == 0) return false;
    return missing_program("python3-openpyxl-is-not-installed", "the spreadsheet import tests");
}

/// Ba Tơ's campaign with its units and nominees taken from `units_file` and
/// `nominees_file` (an empty name leaves the list out, and the nomination with it).
std::string campaign(const std::string& units_file, const std::string& nominees_file) {
    json c = json::parse(read_file(sample("ba-to-2025")));
    c.erase("units");
    if (!units_file.empty()) c["units_file"] = units_file;
    if (nominees_file.empty()) {
        c.erase("nomination");
    } else {
        c["nomination"].erase("nominees");
        c["nomination"]["nominees_file"] = nominees_file;
    }
    c.erase("$schema");
    // The sheets propose more than the commune's quota of Giấy khen: what is tested here is
    // the reading, not the quota.
    for (json& a : c["campaign"]["awards"]) {
        a.erase("collective_quota");
        a.erase("individual_quota");
    }
    return c.dump(2);
}

/// The entries of manifest.json whose path starts with `prefix`.
std::size_t files_starting(const json& manifest, const std::string& prefix) {
    std::size_t n = 0;
    for (const json& f : manifest["files"]) n += f["path"].get<std::string>().rfind(prefix, 0) == 0;
    return n;
}

/// Writes the 120 units (each registered for the town's Giấy khen), 20 registered
/// individuals and 40 nominees (20 collectives named by their unit's name, 20 individuals
/// by their unit's code) into argv[1].
const char* const kBigWorkbook = R"PY(
import sys, datetime, openpyxl
award = "Giấy khen của Chủ tịch UBND huyện"
# Proposed in August 2025, after the district tier ended (01/07/2025): the commune's Giấy
# khen, which replaces the district's that the units registered for.
nom_award = "Giấy khen của Chủ tịch UBND xã"
given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hòa", "Khánh", "Lan", "Minh",
         "Nga", "Phúc", "Quỳnh", "Sơn", "Thảo", "Uyên", "Việt", "Xuân", "Yến", "Đức"]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Đơn vị"
ws.append(["STT", "Tên đơn vị", "Mã đơn vị", "Người đứng đầu", "Chức vụ người đứng đầu",
           "Ngày đăng ký thi đua", "Hình thức khen thưởng tập thể đăng ký"])
for i in range(1, 121):
    ws.append([i, "Tổ dân phố %d" % i, "tdp-%03d" % i, "Nguyễn Văn " + given[i % 20],
               "Tổ trưởng tổ dân phố", datetime.date(2025, 3, 25), award])
    ws.cell(row=i + 1, column=6).number_format = "DD/MM/YYYY"
reg = wb.create_sheet("Cá nhân đăng ký")
reg.append(["Đơn vị", "Họ và tên", "Chức vụ", "Hình thức khen thưởng đăng ký"])
nom = wb.create_sheet("Đề nghị khen thưởng")
nom.append(["Mã", "Tập thể hay cá nhân", "Tên tập thể hoặc họ và tên", "Chức vụ", "Đơn vị",
            "Hình thức khen thưởng đề nghị", "Số phiếu đồng ý", "Tóm tắt thành tích",
            "Ngày báo cáo thành tích", "Ngày sinh", "Giới tính", "Thành tích đạt được"])
for k in range(40):
    u = 3 * k + 1
    if k % 2 == 0:
        nom.append(["tap-the-%02d" % k, "Tập thể", "Tổ bảo vệ an ninh, trật tự Tổ dân phố %d" % u,
                    None, "Tổ dân phố %d" % u, nom_award, 9,
                    "Cung cấp %d nguồn tin; tham gia %d ca tuần tra." % (k + 3, 2 * k + 10),
                    datetime.date(2025, 8, 8), None, None,
                    "Cung cấp %d nguồn tin về an ninh, trật tự.\nTham gia %d ca tuần tra." % (k + 3, 2 * k + 10)])
    else:
        name = "Trần Thị " + given[k % 20] if k % 4 == 1 else "Lê Văn " + given[k % 20]
        reg.append(["Tổ dân phố %d" % u, name, "Tổ viên Tổ bảo vệ ANTT", award])
        nom.append(["ca-nhan-%02d" % k, "Cá nhân", name, "Tổ viên Tổ bảo vệ ANTT", "tdp-%03d" % u,
                    nom_award, 8, "Gương mẫu, tích cực tuần tra, vận động Nhân dân.",
                    datetime.date(2025, 8, 9), datetime.date(1980 + k % 20, 1 + k % 12, 1 + k % 28),
                    "Nữ" if k % 4 == 1 else "Nam",
                    "Tham gia %d ca tuần tra.\nVận động %d hộ ký cam kết." % (k + 20, k + 5)])
    for col in (9, 10):
        nom.cell(row=k + 2, column=col).number_format = "DD/MM/YYYY"
wb.save(sys.argv[1])
)PY";

}  // namespace

TEST_SUITE("e2e") {

TEST_CASE("import: 120 units and 40 nominees from openpyxl, LibreOffice and CSV render the full set") {
    if (missing_openpyxl()) return;
    TempDir dir("import-big");
    Result made = python(dir, kBigWorkbook, sh_quote((dir / "ds.xlsx").string()));
    REQUIRE_MESSAGE(made.status == 0, show(made));

    auto render_all = [&](const std::string& units_file, const std::string& nominees_file,
                          const std::string& tag, std::size_t reports) {
        CAPTURE(tag);
        write_file(dir / (tag + ".json"), campaign(units_file, nominees_file));
        const std::string out = (dir / ("out-" + tag)).string();
        // PDF only: the Word files are the same documents again (tested in docx_test.cpp).
        Result r = run_thidua({"render", (dir / (tag + ".json")).string(), "-o", out, "--format", "pdf"});
        REQUIRE_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.err.empty(), r.err);
        const json manifest = json::parse(read_file(fs::path(out) / "manifest.json"));
        CHECK(files_starting(manifest, "dang-ky-tdp-") == 120);
        CHECK(fs::exists(fs::path(out) / "dang-ky-tdp-120.pdf"));
        CHECK(files_starting(manifest, "bao-cao-thanh-tich-") == reports);
        CHECK(files_starting(manifest, "theo-doi.xlsx") == 1);
        CHECK(files_starting(manifest, "ke-hoach.pdf") == 1);
        if (reports > 0) {
            CHECK(fs::exists(fs::path(out) / "bao-cao-thanh-tich-ca-nhan-39.pdf"));
            CHECK(files_starting(manifest, "danh-sach.pdf") == 1);
            // The list the council votes on names the people from the sheet.
            Result dump = run_thidua({"dump", (dir / (tag + ".json")).string(), "--kind", "danh-sach"});
            REQUIRE_MESSAGE(dump.status == 0, show(dump));
            CHECK(dump.out.find("Tổ bảo vệ an ninh, trật tự Tổ dân phố 115") != std::string::npos);
            CHECK(dump.out.find("Lê Văn Đức") != std::string::npos);
        }
    };
    render_all("ds.xlsx", "ds.xlsx", "openpyxl", 40);

    if (missing_program("libreoffice", "re-saving the workbook with LibreOffice")) return;
    fs::create_directories(dir / "lo");
    const std::string profile = "-env:UserInstallation=file://" + (dir / "profile").string();
    Result saved = run_shell("libreoffice " + profile + " --headless --convert-to xlsx --outdir " +
                             sh_quote((dir / "lo").string()) + " " + sh_quote((dir / "ds.xlsx").string()) +
                             " >/dev/null", 180);
    REQUIRE_MESSAGE(fs::exists(dir / "lo" / "ds.xlsx"), show(saved));
    // LibreOffice writes the package its own way (shared strings, styles, its own
    // number formats): the same lists come out.
    CHECK(read_file(dir / "lo" / "ds.xlsx") != read_file(dir / "ds.xlsx"));
    render_all("lo/ds.xlsx", "lo/ds.xlsx", "libreoffice", 40);

    // The units sheet saved as CSV by LibreOffice: semicolons, UTF-8, dates as shown.
    Result csv = run_shell("libreoffice " + profile +
                               " --headless --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' "
                               "--outdir " + sh_quote((dir / "lo").string()) + " " +
                               sh_quote((dir / "lo" / "ds.xlsx").string()) + " >/dev/null", 180);
    REQUIRE_MESSAGE(fs::exists(dir / "lo" / "ds.csv"), show(csv));
    const std::string text = read_file(dir / "lo" / "ds.csv");
    CHECK(text.find("\"tdp-001\";") != std::string::npos);  // every text quoted
    CHECK(text.find("25/03/2025") != std::string::npos);
    render_all("lo/ds.csv", "", "csv", 0);
}

TEST_CASE("import: the blank workbook of render --only mau-don-vi, filled by openpyxl, reads back") {
    if (missing_openpyxl()) return;
    TempDir dir("import-blank");
    // A campaign with neither units nor nominees yet: the workbook is blank.
    json c = json::parse(campaign("", ""));
    write_file(dir / "c.json", c.dump(2));
    Result r = run_thidua({"render", (dir / "c.json").string(), "-o", (dir / "mau").string(),
                           "--only", "mau-don-vi"});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    CHECK(r.out == "Đã ghi " + (dir / "mau" / "mau-don-vi.xlsx").string() + " (4 trang tính)\n"
                   "Đã ghi " + (dir / "mau" / "manifest.json").string() + "\n");
    const char* const fill = R"PY(
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
u = wb["Đơn vị"]
assert u["A2"].value.startswith("Mã đơn vị\n") and u["A3"].value is None
for i in range(1, 4):
    u.cell(row=2 + i, column=1, value="tdp-%02d" % i)
    u.cell(row=2 + i, column=2, value="Tổ dân phố %d" % i)
    u.cell(row=2 + i, column=5, value=datetime.date(2025, 3, 20 + i))
u.cell(row=3, column=7, value="Giấy khen của Chủ tịch UBND huyện")
r = wb["Cá nhân đăng ký"]
r["A3"], r["B3"], r["C3"], r["E3"] = "Tổ dân phố 2", "Đinh Thị Mai", "Tổ phó", "Giấy khen của Chủ tịch UBND huyện"
n = wb["Đề nghị khen thưởng"]
row = {"Mã": "dinh-thi-mai", "Tập thể hay cá nhân": "Cá nhân", "Tên tập thể hoặc họ và tên": "Đinh Thị Mai",
       "Chức vụ": "Tổ phó", "Đơn vị": "Tổ dân phố 2",
       "Hình thức khen thưởng đề nghị": "Giấy khen của Chủ tịch UBND xã", "Số phiếu đồng ý": 9,
       "Tóm tắt thành tích": "Tiếp nhận 7 nguồn tin.", "Ngày sinh": datetime.date(1990, 9, 2),
       "Giới tính": "Nữ", "Thành tích đạt được": "Tiếp nhận 7 nguồn tin.\nHòa giải thành 4 vụ."}
for col in range(1, n.max_column + 1):
    head = n.cell(row=2, column=col).value.split("\n")[0]
    if head in row:
        n.cell(row=3, column=col, value=row[head])
wb.save(sys.argv[2])
)PY";
    Result filled = python(dir, fill, sh_quote((dir / "mau" / "mau-don-vi.xlsx").string()) + " " +
                                         sh_quote((dir / "ds.xlsx").string()));
    REQUIRE_MESSAGE(filled.status == 0, show(filled));
    write_file(dir / "c2.json", campaign("ds.xlsx", "ds.xlsx"));
    Result out = run_thidua({"render", (dir / "c2.json").string(), "-o", (dir / "out").string()});
    REQUIRE_MESSAGE(out.status == 0, show(out));
    CHECK_MESSAGE(out.err.empty(), out.err);
    CHECK(fs::exists(dir / "out" / "dang-ky-tdp-03.pdf"));
    CHECK(fs::exists(dir / "out" / "bao-cao-thanh-tich-dinh-thi-mai.pdf"));
    Result dump = run_thidua({"dump", (dir / "c2.json").string(), "--kind", "bao-cao-thanh-tich",
                              "--nominee", "dinh-thi-mai"});
    REQUIRE_MESSAGE(dump.status == 0, show(dump));
    CHECK(dump.out.find("Sinh ngày, tháng, năm: 02/09/1990; Giới tính: Nữ.") != std::string::npos);
    CHECK(dump.out.find("Hòa giải thành 4 vụ.") != std::string::npos);
    // The workbook written again from the campaign that reads it has the same rows.
    Result again = run_thidua({"render", (dir / "c2.json").string(), "-o", (dir / "mau2").string(),
                               "--only", "mau-don-vi"});
    REQUIRE_MESSAGE(again.status == 0, show(again));
    Result cells = python(dir, R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets[:3]:
    for row in ws.iter_rows(min_row=3):
        vals = [str(c.value) for c in row if c.value is not None]
        if vals: print(ws.title + ": " + " | ".join(vals))
)PY", sh_quote((dir / "mau2" / "mau-don-vi.xlsx").string()));
    CHECK(cells.out ==
          "Đơn vị: tdp-01 | Tổ dân phố 1 | 2025-03-21 00:00:00 | Giấy khen của Chủ tịch UBND huyện\n"
          "Đơn vị: tdp-02 | Tổ dân phố 2 | 2025-03-22 00:00:00\n"
          "Đơn vị: tdp-03 | Tổ dân phố 3 | 2025-03-23 00:00:00\n"
          "Cá nhân đăng ký: Tổ dân phố 2 | Đinh Thị Mai | Tổ phó | Giấy khen của Chủ tịch UBND huyện\n"
          "Đề nghị khen thưởng: dinh-thi-mai | Cá nhân | Đinh Thị Mai | Tổ phó | Tổ dân phố 2 | "
          "Giấy khen của Chủ tịch UBND xã | 9 | Tiếp nhận 7 nguồn tin. | 1990-09-02 00:00:00 | "
          "Nữ | Tiếp nhận 7 nguồn tin.\nHòa giải thành 4 vụ.\n");
}

TEST_CASE("import: each broken spreadsheet gives one Vietnamese error at its cell and writes nothing") {
    if (missing_openpyxl()) return;
    TempDir dir("import-broken");
    // Each case: a name, the Python that spoils the good workbook (`wb`, `u` its units
    // sheet; `path` is where it is saved), whether the campaign takes nominees from it too,
    // and the one error expected (after the file's path).
    struct Case {
        const char* name;
        const char* spoil;
        bool nominees;
        std::string error;
    };
    const std::vector<Case> cases = {
        {"missing-column", "u.delete_cols(2)", false,
         ", trang \"Đơn vị\", dòng 1: lỗi: thiếu cột \"Tên đơn vị\""},
        {"empty-id", "u['A3'] = None", false,
         ", trang \"Đơn vị\", ô A3: lỗi: cột \"Mã đơn vị\" không được để trống"},
        {"duplicate-name", "u['B4'] = 'tổ dân  phố 1'", false,
         ", trang \"Đơn vị\", ô B4: lỗi: tên đơn vị \"tổ dân phố 1\" bị lặp lại (đã có ở ô B2)"},
        {"date-as-text", "u['D3'] = '3/25/2025'", false,
         ", trang \"Đơn vị\", ô D3: lỗi: \"3/25/2025\" không phải ngày dạng ngày/tháng/năm "
         "(không có tháng 25): ghi ví dụ 05/03/2025, hoặc định dạng ô là ngày"},
        {"merged-cells", "u.merge_cells('C3:C4')", false,
         ", trang \"Đơn vị\", ô C3: lỗi: các ô C3:C4 được gộp thành một ô: hãy bỏ gộp ô (Merge) "
         "và ghi giá trị vào từng ô"},
        {"extra-sheet", "wb.create_sheet('Sheet2')['A1'] = 'Ghi chú riêng'", false,
         ", trang \"Sheet2\": lỗi: trang này không thuộc mẫu nên không được đọc: chuyển dữ liệu "
         "sang các trang \"Đơn vị\", \"Cá nhân đăng ký\", \"Đề nghị khen thưởng\", hoặc xóa trang"},
        {"not-a-zip", "open(path, 'w').write('Mã đơn vị,Tên đơn vị\\n'); sys.exit(0)", false,
         ": lỗi: tệp không phải bảng tính .xlsx: không đọc được nó như một tệp nén zip (tệp hỏng, "
         "hoặc là loại tệp khác đổi tên thành .xlsx)"},
        {"zip-bomb",
         "wb.save(path)\n"
         "import zipfile, shutil\n"
         "src = zipfile.ZipFile(path)\n"
         "dst = zipfile.ZipFile(path + '.new', 'w', zipfile.ZIP_DEFLATED, compresslevel=9)\n"
         "for item in src.infolist():\n"
         "    data = src.read(item.filename)\n"
         "    if item.filename == 'xl/worksheets/sheet1.xml':\n"
         "        with dst.open(item.filename, 'w') as f:\n"
         "            f.write(data[:-len('</worksheet>')])\n"
         "            for _ in range(64): f.write(b' ' * (1 << 20))\n"
         "            f.write(b'</worksheet>')\n"
         "    else:\n"
         "        dst.writestr(item, data)\n"
         "dst.close(); shutil.move(path + '.new', path); sys.exit(0)",
         false,
         ": lỗi: phần \"xl/worksheets/sheet1.xml\" của tệp giải nén ra hơn 8 MiB: tệp bất thường "
         "(có thể là \"bom nén\"), không đọc"},
        {"wrong-header-row",
         "for c, h in zip('ABCD', ['id', 'name', 'leader', 'date']): u[c + '1'] = h", false,
         ", trang \"Đơn vị\": lỗi: không tìm thấy dòng tiêu đề cột trong 10 dòng đầu: cần một "
         "dòng có các cột \"Mã đơn vị\", \"Tên đơn vị\""},
        {"unknown-unit", "n['E2'] = 'Tổ dân phố 22'", true,
         ", trang \"Đề nghị khen thưởng\", ô E2: lỗi: đơn vị \"Tổ dân phố 22\" không có trong "
         "trang \"Đơn vị\" (có phải \"Tổ dân phố 2\"?); người ngoài các đơn vị này ghi nơi công tác "
         "ở cột \"Nơi công tác khác\""},
        {"number-for-text", "u['B3'] = 12345", false,
         ", trang \"Đơn vị\", ô B3: lỗi: cần chữ ở cột \"Tên đơn vị\", gặp số 12.345"},
        {"empty-sheet", "wb.remove(u); wb.create_sheet('Đơn vị', 0)", false,
         ", trang \"Đơn vị\": lỗi: trang trống: chưa có dòng tiêu đề cột và đơn vị nào"},
        {"formula-not-computed", "u['C3'] = '=UPPER(B3)'", false,
         ", trang \"Đơn vị\", ô C3: lỗi: ô có công thức chưa được tính (\"=UPPER(B3)\"): hãy mở "
         "tệp bằng Excel hoặc LibreOffice và lưu lại"},
        {"sheet-renamed", "u.title = 'Sheet1'", false,
         ": lỗi: bảng tính không có trang \"Đơn vị\" (có \"Sheet1\"): đổi tên trang chứa danh "
         "sách đơn vị thành \"Đơn vị\""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const std::string xlsx = (dir / (std::string(c.name) + ".xlsx")).string();
        const std::string script = std::string(R"PY(
import sys, datetime, openpyxl
path = sys.argv[1]
with_nominees = sys.argv[2] == "1"
wb = openpyxl.Workbook()
u = wb.active
u.title = "Đơn vị"
u.append(["Mã đơn vị", "Tên đơn vị", "Người đứng đầu", "Ngày đăng ký thi đua"])
for i in (1, 2, 3):
    u.append(["tdp-%02d" % i, "Tổ dân phố %d" % i, "Trần Văn Hòa", datetime.date(2025, 3, 25)])
if with_nominees:
    n = wb.create_sheet("Đề nghị khen thưởng")
    n.append(["Mã", "Tập thể hay cá nhân", "Tên tập thể hoặc họ và tên", "Chức vụ", "Đơn vị",
              "Hình thức khen thưởng đề nghị", "Số phiếu đồng ý", "Tóm tắt thành tích",
              "Thành tích đạt được"])
    n.append(["to-1", "Tập thể", "Tổ bảo vệ ANTT Tổ dân phố 1", None, "Tổ dân phố 1",
              "Giấy khen của Chủ tịch UBND thị trấn", 9, "Cung cấp 11 nguồn tin.", "Cung cấp 11 nguồn tin."])
)PY") + c.spoil + "\nwb.save(path)\n";
        Result made = python(dir, script, sh_quote(xlsx) + (c.nominees ? " 1" : " 0"));
        REQUIRE_MESSAGE(made.status == 0, show(made));
        const std::string campaign_path = (dir / (std::string(c.name) + ".json")).string();
        const std::string file = std::string(c.name) + ".xlsx";
        write_file(campaign_path, campaign(file, c.nominees ? file : ""));
        const std::string out = (dir / (std::string("out-") + c.name)).string();
        Result r = run_thidua({"render", campaign_path, "-o", out});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK(r.err == xlsx + c.error + "\nthidua: 1 lỗi\n");
        CHECK(r.out.empty());
        CHECK_FALSE(fs::exists(out));
    }
}

}  // TEST_SUITE
