// `thidua render`: what it writes (manifest.json, which files for which campaign), that it
// writes all or nothing, and that the same input gives the same bytes. Most cases use a
// one-line template so they test the driver, not the project's templates.
#include <doctest/doctest.h>

#include "base/json.hpp"
#include <sys/stat.h>

#include "driver/kinds.hpp"
#include "driver/pipeline.hpp"
#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

/// Writes a variant of sample `name` changed by `edit` into `dir`, returns its path.
template <class Edit>
std::string edited_sample(const TempDir& dir, const std::string& name, Edit edit) {
    json c = json::parse(read_file(sample(name)));
    edit(c);
    std::string path = (dir / (name + "-edited.json")).string();
    write_file(path, c.dump(2, ' ', false));
    return path;
}

/// Files a failed run may have left: temporaries and backups are hidden dot files.
std::string leftovers(const fs::path& dir) {
    std::string out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        if (n.find(".tmp-") != std::string::npos || n.find(".old-") != std::string::npos) out += n + "\n";
    }
    return out;
}

}  // namespace

TEST_SUITE("render") {

TEST_CASE("render: writes the plan, the workbook and manifest.json for a campaign with units") {
    MiniTemplates tpl;
    TempDir out("manifest");
    const fs::path dir = out / "ket-qua" / "ba-to";  // two folders to create
    Result r = run_thidua({"render", sample("ba-to-2025"), "-o", dir.string(), "--templates", tpl.str(),
                           "--only", "ke-hoach,theo-doi"});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    CHECK(r.err.empty());
    CHECK(r.out == "Đã ghi " + dir.string() + "/ke-hoach.pdf (1 trang)\n"
                   "Đã ghi " + dir.string() + "/ke-hoach.docx\n"
                   "Đã ghi " + dir.string() + "/theo-doi.xlsx (10 trang tính)\n"
                   "Đã ghi " + dir.string() + "/manifest.json\n");
    auto snap = snapshot(dir);
    CHECK(names(snap) == "ke-hoach.docx\nke-hoach.pdf\nmanifest.json\ntheo-doi.xlsx\n");
    CHECK(snap["manifest.json"] ==
          "{\n"
          "  \"files\": [\n"
          "    {\n"
          "      \"kind\": \"ke-hoach\",\n"
          "      \"unit\": null,\n"
          "      \"path\": \"ke-hoach.pdf\",\n"
          "      \"format\": \"pdf\",\n"
          "      \"pages\": 1,\n"
          "      \"sheets\": null\n"
          "    },\n"
          "    {\n"
          "      \"kind\": \"ke-hoach\",\n"
          "      \"unit\": null,\n"
          "      \"path\": \"ke-hoach.docx\",\n"
          "      \"format\": \"docx\",\n"
          "      \"pages\": null,\n"
          "      \"sheets\": null\n"
          "    },\n"
          "    {\n"
          "      \"kind\": \"theo-doi\",\n"
          "      \"unit\": null,\n"
          "      \"path\": \"theo-doi.xlsx\",\n"
          "      \"format\": \"xlsx\",\n"
          "      \"pages\": null,\n"
          "      \"sheets\": 10\n"
          "    }\n"
          "  ]\n"
          "}\n");
    CHECK(snap["ke-hoach.docx"].rfind("PK", 0) == 0);
    CHECK(snap["ke-hoach.pdf"].rfind("%PDF-", 0) == 0);
    CHECK(snap["theo-doi.xlsx"].rfind("PK", 0) == 0);
}

TEST_CASE("render: no workbook for a campaign without units, or with neither indicators nor content areas") {
    MiniTemplates tpl;
    TempDir out("nounits");
    // thai-binh-2024 has no "units"; the data file has units, phases, but neither
    // indicators nor content areas: nothing to track.
    for (const std::string& path :
         {sample("thai-binh-2024"), source("tests/e2e/data/units-without-indicators-or-areas.json")}) {
        CAPTURE(path);
        const fs::path dir = out / fs::path(path).stem().string();
        Result r = run_thidua({"render", path, "-o", dir.string(), "--templates", tpl.str()});
        REQUIRE_MESSAGE(r.status == 0, show(r));
        CHECK(r.err.empty());
        auto snap = snapshot(dir);
        CHECK(snap.count("ke-hoach.pdf") == 1);
        CHECK(snap.count("theo-doi.xlsx") == 0);
        json m = json::parse(snap["manifest.json"]);
        for (const auto& f : m["files"]) CHECK(f["kind"] != "theo-doi");
    }
    CHECK(names(snapshot(out / "thai-binh-2024")) == "ke-hoach.docx\nke-hoach.pdf\nmanifest.json\n");
    // Units still get their registration forms.
    CHECK(snapshot(out / "units-without-indicators-or-areas").count("dang-ky.pdf") == 1);
}

TEST_CASE("render: a plan without indicators gets a workbook that tracks its content areas") {
    // phan-dinh-phung-2025: 26 units, 4 phases, 5 content areas and no indicator.
    MiniTemplates tpl;
    TempDir out("pdp");
    const fs::path dir = out / "pdp";
    Result r = run_thidua({"render", sample("phan-dinh-phung-2025"), "-o", dir.string(), "--templates", tpl.str()});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    CHECK(r.err.empty());
    CHECK(r.out.find("Đã ghi " + dir.string() + "/theo-doi.xlsx (28 trang tính)\n") != std::string::npos);
    auto snap = snapshot(dir);
    CHECK(snap.count("dang-ky.pdf") == 1);
    REQUIRE(snap.count("theo-doi.xlsx") == 1);
    json m = json::parse(snap["manifest.json"]);
    CHECK(m["files"].back()["kind"] == "theo-doi");
    CHECK(m["files"].back()["sheets"] == 28);

    // The workbook opens with openpyxl: the summary, 26 unit sheets, the hidden lists.
    const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const std::string script =
        "import sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "n = wb.sheetnames\n"
        "print(len(n)); print(n[0]); print(n[1]); print(n[26]); print(n[27])\n"
        "print(wb[n[27]].sheet_state)\n"
        "u = wb[n[1]]\n"
        "print(u['A4'].value); print(u['B11'].value); print(u['B15'].value); print(u['G11'].value)\n"
        "print(wb[n[0]]['D10'].value)\n";
    write_file(out / "read.py", script);
    Result py = run_shell(sh_quote(python) + " " + sh_quote((out / "read.py").string()) + " " +
                          sh_quote((dir / "theo-doi.xlsx").string()));
    const std::string why = show(py) + "\n(is python3-openpyxl installed?)";
    REQUIRE_MESSAGE(py.status == 0, why);
    CHECK(py.out ==
          "28\nTổng hợp\nTổ dân phố 1\nTổ dân phố 26\nDanh mục\nhidden\n"
          "BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN NỘI DUNG THI ĐUA\n"
          "Phổ biến, quán triệt thực hiện có hiệu quả các Chỉ thị, Nghị quyết của Đảng, Nhà nước, "
          "Đảng ủy Công an Trung ương, Tỉnh ủy, HĐND, UBND tỉnh, Thành ủy, UBND thành phố về công "
          "tác thi đua khen thưởng.\n"
          "Triển khai thực hiện có hiệu quả các đợt tấn công trấn áp tội phạm, tệ nạn xã hội\n"
          "=IF(COUNTA(C11:F11)=0,\"\",COUNTIF(C11:F11,\"Đạt\"))\n"
          "='Tổ dân phố 1'!H16\n");
}

TEST_CASE("render: --only selects kinds, and asking for a workbook the campaign cannot have is an error") {
    MiniTemplates tpl;
    TempDir out("only");
    Result r = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "a").string(), "--only", "theo-doi",
                       "--templates", tpl.str()});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    CHECK(names(snapshot(out / "a")) == "manifest.json\ntheo-doi.xlsx\n");
    json m = json::parse(read_file(out / "a" / "manifest.json"));
    CHECK(m["files"].size() == 1);
    CHECK(m["files"][0]["sheets"] == 10);

    Result r2 = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "b").string(), "--only",
                        "ke-hoach", "--templates", tpl.str()});
    REQUIRE_MESSAGE(r2.status == 0, show(r2));
    CHECK(names(snapshot(out / "b")) == "ke-hoach.docx\nke-hoach.pdf\nmanifest.json\n");

    const std::string no_areas = source("tests/e2e/data/units-without-indicators-or-areas.json");
    for (const std::string& path : {sample("thai-binh-2024"), no_areas}) {
        CAPTURE(path);
        Result bad = run_thidua({"render", path, "-o", (out / "c").string(), "--only",
                             "ke-hoach,theo-doi", "--templates", tpl.str()});
        CHECK_MESSAGE(bad.status == 1, show(bad));
        CHECK(bad.err.find("lỗi: không lập được \"theo-doi\": ") != std::string::npos);
        CHECK(bad.err.find(path + ":") == 0);
        CHECK_FALSE(fs::exists(out / "c"));
    }
    Result none = run_thidua({"render", no_areas, "-o", (out / "c").string(), "--only", "theo-doi",
                              "--templates", tpl.str()});
    CHECK(none.err.find(no_areas + ":14:15: lỗi: không lập được \"theo-doi\": kế hoạch chưa có chỉ "
                        "tiêu nào (\"indicators\" trong \"campaign\" hoặc trong các mục của "
                        "\"campaign.areas\") và cũng chưa có nội dung thi đua nào "
                        "(\"campaign.areas\") để theo dõi (tại /campaign)\n") == 0);
}

TEST_CASE("render: --format chooses PDF, Word or both for every document, the workbook stays") {
    MiniTemplates tpl;
    TempDir out("format");
    auto render = [&](const std::string& dir, const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"render", sample("ba-to-2025"), "-o", (out / dir).string(),
                                         "--templates", tpl.str(), "--only", "ke-hoach,dang-ky,theo-doi"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_thidua(args);
    };
    auto formats = [&](const std::string& dir) {
        std::map<std::string, int> n;
        const json m = json::parse(read_file(out / dir / "manifest.json"));
        for (const auto& f : m["files"]) n[f["format"].get<std::string>()]++;
        return n;
    };
    // ba-to-2025: 8 units, so 1 + 8 + 1 documents.
    REQUIRE(render("pdf", {"--format", "pdf"}).status == 0);
    CHECK(formats("pdf") == std::map<std::string, int>{{"pdf", 10}, {"xlsx", 1}});
    CHECK_FALSE(fs::exists(out / "pdf" / "ke-hoach.docx"));
    REQUIRE(render("docx", {"--format=docx"}).status == 0);
    CHECK(formats("docx") == std::map<std::string, int>{{"docx", 10}, {"xlsx", 1}});
    CHECK(fs::exists(out / "docx" / "dang-ky-tdp-01.docx"));
    CHECK(fs::exists(out / "docx" / "dang-ky.docx"));
    CHECK_FALSE(fs::exists(out / "docx" / "ke-hoach.pdf"));
    Result both = render("both", {"--format", "docx, pdf"});
    REQUIRE(both.status == 0);
    CHECK(formats("both") == std::map<std::string, int>{{"pdf", 10}, {"docx", 10}, {"xlsx", 1}});
    CHECK(both.out.find("ke-hoach.pdf (1 trang)\nĐã ghi " + (out / "both").string() + "/ke-hoach.docx\n") != std::string::npos);
    // The same bytes as the default, which makes both.
    REQUIRE(render("default", {}).status == 0);
    CHECK(snapshot(out / "default") == snapshot(out / "both"));

    Result bad = render("bad", {"--format", "docs"});
    CHECK(bad.status == 2);
    CHECK(bad.err == "thidua render: lỗi: định dạng không rõ \"docs\" (có phải \"docx\"?); --format nhận pdf, "
                     "docx hoặc pdf,docx\nXem \"thidua render --help\".\n");
    Result none = render("bad", {"--format", ","});
    CHECK(none.status == 2);
    CHECK(none.err.find("--format cần ít nhất một định dạng") != std::string::npos);
    Result twice = render("bad", {"--format", "pdf", "--format", "docx"});
    CHECK(twice.status == 2);
    CHECK(twice.err.find("tùy chọn --format được ghi hai lần") != std::string::npos);
    Result dump = run_thidua({"dump", sample("ba-to-2025"), "--format", "pdf"});
    CHECK(dump.status == 2);
    CHECK_FALSE(fs::exists(out / "bad"));
}

TEST_CASE("render: an error leaves the output folder exactly as it was") {
    MiniTemplates tpl;
    TempDir out("atomic");
    const fs::path dir = out / "ket-qua";
    fs::create_directories(dir);
    write_file(dir / "ke-hoach.pdf", "bản cũ");
    write_file(dir / "manifest.json", "{}");
    write_file(dir / "ghi-chu.txt", "của người dùng");
    const auto before = snapshot(dir);
    TempDir in("atomic-in");

    SUBCASE("a campaign with a syntax error") {
        write_file(in / "c.json", "{");
        Result r = run_thidua({"render", (in / "c.json").string(), "-o", dir.string(), "--templates", tpl.str()});
        CHECK_MESSAGE(r.status == 1, show(r));
    }
    SUBCASE("a template that does not compile") {
        MiniTemplates broken("#for\n");
        Result r = run_thidua({"render", sample("ba-to-2025"), "-o", dir.string(), "--templates", broken.str()});
        CHECK_MESSAGE(r.status == 1, show(r));
    }
    SUBCASE("a character the font lacks") {
        std::string path = edited_sample(in, "ba-to-2025", [](json& c) {
            c["document"]["title"] = "Thi đua 漢字";
        });
        Result r = run_thidua({"render", path, "-o", dir.string(), "--templates", tpl.str()});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK(r.err.find("không có ký tự U+6F22") != std::string::npos);
    }
    SUBCASE("the workbook fails after the plan was made") {
        // A unit name with nothing usable as a sheet name: the XLSX stage refuses it, at
        // the campaign file's line and column.
        std::string path = edited_sample(in, "ba-to-2025", [](json& c) { c["units"][1]["name"] = "[]"; });
        Result r = run_thidua({"render", path, "-o", dir.string(), "--templates", tpl.str()});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK_MESSAGE(r.err.find(path + ":") == 0, show(r));
        CHECK(r.err.find("(tại /units/1/name)") != std::string::npos);
    }
    SUBCASE("a rename fails after the plan was already in place") {
        // theo-doi.xlsx is a folder that is not empty: the plan is renamed first, then the
        // workbook cannot be; the earlier plan must come back.
        fs::create_directories(dir / "theo-doi.xlsx");
        write_file(dir / "theo-doi.xlsx" / "x", "x");
        const auto with_folder = snapshot(dir);
        Result r = run_thidua({"render", sample("ba-to-2025"), "-o", dir.string(), "--templates", tpl.str()});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK(r.err.find("lỗi: không ghi được tệp \"" + dir.string() + "/theo-doi.xlsx\"") == 0);
        CHECK(snapshot(dir) == with_folder);
        fs::remove_all(dir / "theo-doi.xlsx");
    }
    CHECK(snapshot(dir) == before);
    CHECK(leftovers(dir).empty());
}

TEST_CASE("render: a failed run into a new folder does not create it") {
    MiniTemplates tpl;
    TempDir out("newdir");
    TempDir in("newdir-in");
    std::string path = edited_sample(in, "ba-to-2025", [](json& c) { c["units"][0]["name"] = "???"; });
    Result r = run_thidua({"render", path, "-o", (out / "a" / "b").string(), "--templates", tpl.str()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(names(snapshot(out.path)).empty());
}

TEST_CASE("render: an output path that is a file, or inside a file, is an input error") {
    MiniTemplates tpl;
    TempDir out("notdir");
    write_file(out / "tep", "x");
    Result r = run_thidua({"render", sample("thai-binh-2024"), "-o", (out / "tep").string(), "--templates", tpl.str()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("đã có nhưng không phải thư mục") != std::string::npos);
    Result r2 = run_thidua({"render", sample("thai-binh-2024"), "-o", (out / "tep" / "con").string(),
                        "--templates", tpl.str()});
    CHECK_MESSAGE(r2.status == 1, show(r2));
    CHECK(r2.err.find("không tạo được thư mục kết quả") != std::string::npos);
    CHECK(read_file(out / "tep") == "x");
}

TEST_CASE("render: an output path that is a link to nowhere says so, and creates nothing") {
    MiniTemplates tpl;
    TempDir out("dangling");
    std::filesystem::create_symlink(out / "khong-co", out / "lien-ket");
    for (const auto& o : {out / "lien-ket", out / "lien-ket" / "con"}) {
        Result r = run_thidua({"render", sample("thai-binh-2024"), "-o", o.string(), "--templates", tpl.str()});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK_MESSAGE(r.err.find("là liên kết tới \"" + (out / "khong-co").string() + "\", nơi không có") !=
                          std::string::npos,
                      show(r));
    }
    CHECK(names(snapshot(out.path)) == "lien-ket\n");
    CHECK_FALSE(std::filesystem::exists(out / "khong-co"));
}

TEST_CASE("render: a read-only output folder is an input error with nothing left behind") {
    if (::geteuid() == 0) {
        MESSAGE("running as root: permissions are not enforced, test skipped");
        return;
    }
    MiniTemplates tpl;
    TempDir out("readonly");
    fs::create_directories(out / "ro");
    fs::permissions(out / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    Result r = run_thidua({"render", sample("thai-binh-2024"), "-o", (out / "ro").string(), "--templates", tpl.str()});
    fs::permissions(out / "ro", fs::perms::owner_all);
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("không có quyền ghi") != std::string::npos);
    CHECK(names(snapshot(out / "ro")).empty());
}

TEST_CASE("render: the same input gives byte-identical files, whatever the folder or the day") {
    MiniTemplates tpl;
    TempDir out("determinism");
    Result a = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "a").string(), "--templates", tpl.str()});
    Result b = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "b" / "c").string(), "--templates", tpl.str()},
                      "TZ=Asia/Ho_Chi_Minh LANG=C");
    REQUIRE_MESSAGE(a.status == 0, show(a));
    REQUIRE_MESSAGE(b.status == 0, show(b));
    CHECK(snapshot(out / "a") == snapshot(out / "b" / "c"));
    // Rendering over an earlier run replaces the files with the same bytes.
    Result again = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "a").string(), "--templates", tpl.str()});
    REQUIRE(again.status == 0);
    CHECK(snapshot(out / "a") == snapshot(out / "b" / "c"));
}

TEST_CASE("render: the PDF creation date is SOURCE_DATE_EPOCH, else the document date, else 2000-01-01") {
    if (missing_program("pdfinfo", "the creation date check")) return;
    MiniTemplates tpl;
    TempDir out("dates");
    auto created = [&](const std::string& campaign, const std::string& env, const std::string& sub) {
        Result r = run_thidua({"render", campaign, "-o", (out / sub).string(), "--only", "ke-hoach",
                           "--templates", tpl.str()}, env);
        REQUIRE_MESSAGE(r.status == 0, show(r));
        Result info = run_shell("pdfinfo " + sh_quote((out / sub / "ke-hoach.pdf").string()));
        std::size_t at = info.out.find("CreationDate:");
        REQUIRE(at != std::string::npos);
        return info.out.substr(at, info.out.find('\n', at) - at);
    };
    // thai-binh-2024 is dated 2024-09-13; ba-to-2025 only "2025-03".
    CHECK(created(sample("thai-binh-2024"), "", "a") == "CreationDate:    Fri Sep 13 00:00:00 2024 UTC");
    CHECK(created(sample("ba-to-2025"), "", "b") == "CreationDate:    Sat Jan  1 00:00:00 2000 UTC");
    CHECK(created(sample("ba-to-2025"), "SOURCE_DATE_EPOCH=1700000000", "c") ==
          "CreationDate:    Tue Nov 14 00:00:00 2023 UTC");
    Result bad = run_thidua({"render", sample("thai-binh-2024"), "-o", (out / "d").string(), "--only",
                         "ke-hoach", "--templates", tpl.str()}, "SOURCE_DATE_EPOCH=hôm-nay");
    CHECK_MESSAGE(bad.status == 0, show(bad));
    CHECK(bad.err.find("cảnh báo: biến môi trường SOURCE_DATE_EPOCH=\"hôm-nay\"") == 0);
    CHECK(bad.err.find("thidua: 1 cảnh báo\n") != std::string::npos);
}

}  // TEST_SUITE

TEST_SUITE("driver") {

TEST_CASE("driver: manifest.json keeps its key order and writes absent values as null") {
    using thidua::driver::ManifestEntry;
    std::vector<ManifestEntry> entries(2);
    entries[0].kind = "dang-ky";
    entries[0].unit = "Tổ dân phố 1";
    entries[0].path = "dang-ky-01.pdf";
    entries[0].format = "pdf";
    entries[0].pages = 2;
    entries[1].kind = "theo-doi";
    entries[1].path = "theo-doi.xlsx";
    entries[1].format = "xlsx";
    entries[1].sheets = 3;
    CHECK(thidua::driver::manifest_json(entries) ==
          "{\n  \"files\": [\n"
          "    {\n      \"kind\": \"dang-ky\",\n      \"unit\": \"Tổ dân phố 1\",\n"
          "      \"path\": \"dang-ky-01.pdf\",\n      \"format\": \"pdf\",\n      \"pages\": 2,\n      \"sheets\": null\n    },\n"
          "    {\n      \"kind\": \"theo-doi\",\n      \"unit\": null,\n"
          "      \"path\": \"theo-doi.xlsx\",\n      \"format\": \"xlsx\",\n      \"pages\": null,\n      \"sheets\": 3\n    }\n"
          "  ]\n}\n");
    CHECK(thidua::driver::manifest_json({}) == "{\n  \"files\": []\n}\n");
}

TEST_CASE("driver: manifest.json written entry by entry is the whole list's dump") {
    // manifest_json dumps one entry at a time; the text must be what nlohmann writes for
    // the whole value, whatever the names hold: quotes, a line end, a control character, a
    // backslash, a byte that is not UTF-8 (replaced), a nominee.
    using thidua::driver::ManifestEntry;
    std::vector<ManifestEntry> entries(3);
    entries[0].kind = "dang-ky";
    entries[0].unit = "Tổ \"Đoàn kết\"\nsố 1\t\\ \x01 \xff";
    entries[0].path = "dang-ky-to-doan-ket.pdf";
    entries[0].format = "pdf";
    entries[0].pages = 12;
    entries[1].kind = "bao-cao-thanh-tich";
    entries[1].nominee = "Nguyễn Thị Hà";
    entries[1].path = "bao-cao-thanh-tich-nguyen-thi-ha.docx";
    entries[1].format = "docx";
    entries[2].kind = "theo-doi";
    entries[2].path = "theo-doi.xlsx";
    entries[2].format = "xlsx";
    entries[2].sheets = 10003;
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& e : entries) files.push_back(thidua::driver::manifest_entry(e));
    nlohmann::ordered_json root;
    root["files"] = std::move(files);
    const std::string whole =
        root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    CHECK(thidua::driver::manifest_json(entries) == whole);
    CHECK(whole.find("\\ufffd") == std::string::npos);  // replaced by the character itself
    CHECK(whole.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("render: a manifest of many files, written in pieces as they are made, lists each once in order") {
    // 400 units: 401 entries of about 200 bytes, past the 64 KiB pieces manifest.json is
    // written in; the workbook (written before the forms) keeps its place after them.
    MiniTemplates tpl;
    write_file(tpl.dir / "dang-ky.tpl", "Đăng ký của {{ unit.name }}.\n");
    TempDir out("manifest-pieces");
    const std::string campaign = edited_sample(out, "tan-tien-2026", [](json& c) {
        const json model = c["units"][0];
        c["units"] = json::array();
        for (int i = 1; i <= 400; ++i) {
            json u = model;
            u["id"] = "don-vi-" + std::to_string(i);
            u["name"] = "Đơn vị số " + std::to_string(i);
            c["units"].push_back(std::move(u));
        }
        for (json& n : c["nomination"]["nominees"]) {
            if (n.value("unit", "") == model["id"]) n["unit"] = "don-vi-1";
        }
    });
    const fs::path dir = out / "ket-qua";
    Result r = run_thidua({"render", campaign, "-o", dir.string(), "--templates", tpl.str(), "--only",
                           "theo-doi,dang-ky", "--format", "pdf"});
    REQUIRE_MESSAGE(r.status == 0, show(r));
    const std::string text = read_file(dir / "manifest.json");
    CHECK(text.size() > 64 * 1024);
    const json files = json::parse(text)["files"];
    REQUIRE(files.size() == 402);
    std::string report;
    for (std::size_t i = 0; i < 400; ++i) {
        CHECK(files[i]["kind"] == "dang-ky");
        CHECK(files[i]["unit"] == "Đơn vị số " + std::to_string(i + 1));
        CHECK(fs::exists(dir / files[i]["path"].get<std::string>()));
        report += "Đã ghi " + (dir / files[i]["path"].get<std::string>()).string() + " (1 trang)\n";
    }
    CHECK(files[400]["path"] == "dang-ky.pdf");
    CHECK(files[400]["pages"] == 400);
    CHECK(files[401]["path"] == "theo-doi.xlsx");
    CHECK(files[401]["sheets"] == 403);
    // The same text as the whole list dumped at once, and the report in the same order.
    std::vector<thidua::driver::ManifestEntry> entries(402);
    for (std::size_t i = 0; i < 402; ++i) {
        entries[i].kind = files[i]["kind"].get<std::string>();
        if (!files[i]["unit"].is_null()) entries[i].unit = files[i]["unit"].get<std::string>();
        entries[i].path = files[i]["path"].get<std::string>();
        entries[i].format = files[i]["format"].get<std::string>();
        if (!files[i]["pages"].is_null()) entries[i].pages = files[i]["pages"].get<std::size_t>();
        if (!files[i]["sheets"].is_null()) entries[i].sheets = files[i]["sheets"].get<std::size_t>();
    }
    CHECK(thidua::driver::manifest_json(entries) == text);
    CHECK(r.out.rfind(report, 0) == 0);
}

TEST_CASE("driver: the kinds table names the outputs") {
    using namespace thidua::driver;
    const DocumentKind* plan = find_kind("ke-hoach");
    REQUIRE(plan != nullptr);
    CHECK(plan->template_file == "ke-hoach.tpl");
    CHECK(plan->each == Each::campaign);
    CHECK(output_file_names(*plan, nullptr) == std::vector<std::string>{"ke-hoach.pdf"});
    const DocumentKind* tracking = find_kind("theo-doi");
    REQUIRE(tracking != nullptr);
    CHECK(tracking->format == OutputFormat::xlsx);
    CHECK(output_file_names(*tracking, nullptr) == std::vector<std::string>{"theo-doi.xlsx"});
    CHECK(find_kind("khong-co") == nullptr);
    CHECK(kind_names() ==
          "ke-hoach, dang-ky, to-trinh, danh-sach, bien-ban, bao-cao-thanh-tich, danh-muc-ho-so, "
          "theo-doi, mau-don-vi");
    const DocumentKind* reg = find_kind("dang-ky");
    REQUIRE(reg != nullptr);
    CHECK(reg->each == Each::unit);
    CHECK(reg->combined);
    const DocumentKind* report = find_kind("bao-cao-thanh-tich");
    REQUIRE(report != nullptr);
    CHECK(report->each == Each::nominee);
    CHECK(report->passing_only);
    CHECK(report->needs == "/nomination");

    // Per-unit and per-nominee kinds: ids when all are distinct and safe, else numbers.
    DocumentKind per_unit{"dang-ky", "dang-ky.tpl", Each::unit, OutputFormat::pdf, "", ""};
    CHECK(each_pointer(Each::unit) == "/units");
    CHECK(each_variable(Each::nominee) == "nominee");
    json units = json::array();
    for (int i = 1; i <= 8; ++i) units.push_back({{"name", "Tổ " + std::to_string(i)}});
    auto names8 = output_file_names(per_unit, &units);
    REQUIRE(names8.size() == 8);
    CHECK(names8[0] == "dang-ky-01.pdf");
    CHECK(names8[7] == "dang-ky-08.pdf");
    json many = json::array();
    for (int i = 1; i <= 120; ++i) many.push_back(json::object());
    CHECK(output_file_names(per_unit, &many)[4] == "dang-ky-005.pdf");
    json with_ids = {{{"id", "to-1"}, {"name", "A"}}, {{"id", "to-2"}, {"name", "B"}}};
    CHECK(output_file_names(per_unit, &with_ids) == std::vector<std::string>{"dang-ky-to-1.pdf", "dang-ky-to-2.pdf"});
    json dup_ids = {{{"id", "to-1"}}, {{"id", "to-1"}}};
    CHECK(output_file_names(per_unit, &dup_ids) == std::vector<std::string>{"dang-ky-01.pdf", "dang-ky-02.pdf"});
    json bad_ids = {{{"id", "../x"}}, {{"id", "b"}}};
    CHECK(output_file_names(per_unit, &bad_ids)[0] == "dang-ky-01.pdf");
    CHECK(output_file_names(per_unit, nullptr).empty());
}

TEST_CASE("driver: creation date and what a campaign has") {
    using namespace thidua::driver;
    thidua::Diagnostics d;
    json c = {{"document", {{"date", "2024-09-13"}}}};
    CHECK(creation_date(c, nullptr, d) == "2024-09-13");
    CHECK(creation_date(c, "", d) == "2024-09-13");
    CHECK(creation_date(c, "0", d) == "1970-01-01");
    CHECK(creation_date(c, "1700000000", d) == "2023-11-14");
    CHECK(d.all().empty());
    CHECK(creation_date(c, "-5", d) == "2024-09-13");
    CHECK(creation_date(c, "99999999999999999999999", d) == "2024-09-13");
    CHECK(d.all().size() == 2);
    CHECK_FALSE(d.has_errors());
    thidua::Diagnostics d2;
    CHECK(creation_date(json{{"document", {{"date", "2025-03"}}}}, nullptr, d2) == "2000-01-01");
    CHECK(creation_date(json::object(), nullptr, d2) == "2000-01-01");

    CHECK_FALSE(has_units(json::object()));
    CHECK_FALSE(has_units(json{{"units", json::array()}}));
    CHECK(has_units(json{{"units", {{{"name", "A"}}}}}));
    CHECK_FALSE(has_indicators(json{{"campaign", {{"areas", {{{"title", "x"}}}}}}}));
    CHECK(has_indicators(json{{"campaign", {{"indicators", {1}}}}}));
    CHECK(has_indicators(json{{"campaign", {{"areas", {{{"indicators", json::array()}}, {{"indicators", {1}}}}}}}}));
    CHECK(has_areas(json{{"campaign", {{"areas", {{{"title", "x"}}}}}}}));
    CHECK_FALSE(has_areas(json{{"campaign", {{"areas", json::array()}}}}));
    CHECK_FALSE(has_areas(json{{"campaign", json::object()}}));
    CHECK_FALSE(has_value(json::object(), "/nomination"));
    CHECK_FALSE(has_value(json{{"nomination", nullptr}}, "/nomination"));
    CHECK_FALSE(has_value(json{{"nomination", json::object()}}, "/nomination"));
    CHECK(has_value(json{{"nomination", {{"a", 1}}}}, "/nomination"));
}

}  // TEST_SUITE
