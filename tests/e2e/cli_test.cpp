// The command line: help, version, usage errors (exit 2) and the exit codes of check,
// dump and render on good and bad campaign files.
#include <doctest/doctest.h>

#include <regex>

#include "e2e.hpp"

using namespace e2e;

TEST_SUITE("cli") {

TEST_CASE("cli: --help prints the usage in Vietnamese on stdout and exits 0") {
    for (const char* flag : {"--help", "-h", "help"}) {
        Result r = run_thidua({flag});
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK(r.err.empty());
        for (const char* want : {"Cách dùng:", "thidua check", "thidua dump", "thidua render",
                                 "--only", "--templates", "--fonts", "ke-hoach", "theo-doi",
                                 "Mã thoát:", "SOURCE_DATE_EPOCH"}) {
            CHECK_MESSAGE(r.out.find(want) != std::string::npos, want);
        }
    }
    Result r = run_thidua({"render", "--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("Cách dùng:") != std::string::npos);
}

TEST_CASE("cli: --version prints the version") {
    for (const char* flag : {"--version", "-V"}) {
        Result r = run_thidua({flag});
        CHECK(r.status == 0);
        CHECK_MESSAGE(std::regex_match(r.out, std::regex("thidua [0-9]+\\.[0-9]+\\.[0-9]+\n")), r.out);
    }
}

TEST_CASE("cli: usage errors exit 2 with a message and a pointer to --help") {
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::string c = sample("thai-binh-2024");
    const std::vector<Case> cases = {
        {{}, "Cách dùng:"},
        {{"foo"}, "thidua: lỗi: lệnh không rõ \"foo\"; các lệnh: new, check, dump, render"},
        {{"rendr", c}, "lệnh không rõ \"rendr\" (có phải \"render\"?)"},
        {{"--frobnicate"}, "tùy chọn không rõ \"--frobnicate\""},
        {{"check"}, "thidua check: lỗi: thiếu tệp chiến dịch (CAMPAIGN.json)"},
        {{"check", c, c}, "thừa tham số"},
        {{"check", c, "--bogus"}, "tùy chọn không rõ \"--bogus\" cho lệnh check"},
        {{"check", c, "--templates"}, "tùy chọn --templates cần một giá trị (DIR)"},
        {{"check", c, "-o", "x"}, "tùy chọn không rõ \"-o\" cho lệnh check"},
        {{"render", c}, "thidua render: lỗi: thiếu thư mục kết quả: thêm -o DIR"},
        {{"render", c, "-o", "x", "--onyl", "ke-hoach"}, "(có phải \"--only\"?)"},
        {{"render", c, "-o", "x", "--only", "ke-hoac"},
         "loại văn bản không rõ \"ke-hoac\" (có phải \"ke-hoach\"?); các loại: ke-hoach, dang-ky, to-trinh, danh-sach, bien-ban, bao-cao-thanh-tich, danh-muc-ho-so, theo-doi"},
        {{"render", c, "-o", "x", "--only", "bao-cao"},
         "loại văn bản không rõ \"bao-cao\"; các loại: ke-hoach, dang-ky, to-trinh, danh-sach, bien-ban, bao-cao-thanh-tich, danh-muc-ho-so, theo-doi"},
        {{"render", c, "-o", "x", "--only="}, "cần một giá trị"},
        {{"render", c, "-o", "x", "--only", ","}, "--only cần ít nhất một loại văn bản"},
        {{"dump", c, "--kind", "khong-co"}, "loại văn bản không rõ \"khong-co\""},
        {{"dump", c, "--kind", "theo-doi"}, "dump chỉ in được văn bản dựng từ mẫu"},
        {{"dump", c, "--unit", "1"}, "--unit chỉ dùng cho văn bản lập cho từng đơn vị"},
        {{"dump", c, "--nominee", "a"}, "--nominee chỉ dùng cho văn bản lập cho từng người"},
        {{"render", c, "-o", "/nonexistent/a", "--output=/nonexistent/b"},
         "tùy chọn --output được ghi hai lần; mỗi tùy chọn chỉ ghi một lần"},
        {{"dump", c, "--kind", "ke-hoach", "--kind", "dang-ky"}, "tùy chọn --kind được ghi hai lần"},
        {{"check", ""}, "thidua check: lỗi: tên tệp chiến dịch rỗng"},
        {{"dump", c, "--kind", "kh\xff"}, "loại văn bản không rõ \"kh\\xFF\""},
    };
    for (const auto& k : cases) {
        CAPTURE(k.message);
        Result r = run_thidua(k.args);
        CHECK_MESSAGE(r.status == 2, show(r));
        CHECK_MESSAGE(r.err.find(k.message) != std::string::npos, show(r));
        if (!k.args.empty()) {
            CHECK_MESSAGE(r.err.find("--help\".") != std::string::npos, show(r));
        }
        CHECK(r.out.empty());
    }
}

TEST_CASE("cli: options may come before the file, in --name=value and -oDIR forms") {
    MiniTemplates tpl;
    TempDir out("forms");
    Result r = run_thidua({"render", "--templates=" + tpl.str(), "-o" + (out / "a").string(),
                       "--only=ke-hoach", sample("thai-binh-2024")});
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(fs::exists(out / "a" / "ke-hoach.pdf"));
    Result r2 = run_thidua({"render", "--output", (out / "b").string(), "--", sample("thai-binh-2024"),
                        "--templates", tpl.str()});
    // After "--" everything is a file name: two files is a usage error.
    CHECK_MESSAGE(r2.status == 2, show(r2));
}

TEST_CASE("cli: check exits 0 on every sample and says so on stdout") {
    for (const char* name : {"thai-binh-2024", "bac-quang-2024", "ba-to-2025", "phan-dinh-phung-2025"}) {
        CAPTURE(name);
        Result r = run_thidua({"check", sample(name)});
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK(r.out == sample(name) + ": không có lỗi\n");
        CHECK_MESSAGE(r.err.empty(), r.err);
    }
}

TEST_CASE("cli: check tries the workbook in a private temporary folder, whatever TMPDIR is") {
    // TMPDIR missing, empty, or a file: /tmp is used instead; nothing is left behind.
    for (const char* tmpdir : {"/nonexistent", "", "/etc/passwd"}) {
        CAPTURE(tmpdir);
        Result r = run_thidua({"check", sample("bac-quang-2024")},
                              std::string("TMPDIR=") + (*tmpdir ? tmpdir : "''"));
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.err.empty(), r.err);
    }
    TempDir tmp("tmpdir");
    Result r = run_thidua({"check", sample("bac-quang-2024")}, "TMPDIR=" + tmp.str());
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(fs::is_empty(tmp.path));
}

TEST_CASE("cli: check, dump and render exit 1 on a missing campaign file") {
    TempDir dir("missing");
    const std::string path = (dir / "khong-co.json").string();
    for (std::vector<std::string> args :
         {std::vector<std::string>{"check", path}, {"dump", path}, {"render", path, "-o", (dir / "out").string()}}) {
        Result r = run_thidua(args);
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK(r.err == path + ": lỗi: không tìm thấy tệp\nthidua: 1 lỗi\n");
    }
    CHECK_FALSE(fs::exists(dir / "out"));
    Result r = run_thidua({"check", dir.str()});
    CHECK(r.status == 1);
    CHECK(r.err.find("đây là thư mục, không phải tệp") != std::string::npos);
}

TEST_CASE("cli: check reports template errors at the template's file:line:col") {
    MiniTemplates tpl("Dòng đầu.\n#for\n");
    Result r = run_thidua({"check", sample("thai-binh-2024"), "--templates", tpl.str()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find("ke-hoach.tpl:2:") != std::string::npos, show(r));
    CHECK(r.err.find("thidua: 1 lỗi\n") != std::string::npos);
    CHECK(r.out.empty());
}

TEST_CASE("cli: a templates folder that does not exist is an input error") {
    TempDir dir("notpl");
    Result r = run_thidua({"check", sample("thai-binh-2024"), "--templates", (dir / "nope").string()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("không tìm thấy thư mục mẫu văn bản") != std::string::npos);
}

TEST_CASE("cli: check reports both campaign and template errors in one run") {
    TempDir dir("both");
    write_file(dir / "c.json", "{\n  \"issuer\": 1,\n}\n");
    MiniTemplates tpl("#for\n");
    Result r = run_thidua({"check", (dir / "c.json").string(), "--templates", tpl.str()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find("c.json:2:14: lỗi: ") != std::string::npos, show(r));
    CHECK_MESSAGE(r.err.find("ke-hoach.tpl:1:") != std::string::npos, show(r));
    CHECK(r.err.find("thidua: 2 lỗi\n") != std::string::npos);
}

TEST_CASE("cli: a font folder without fonts is an input error for check and render") {
    TempDir fonts("nofonts");
    TempDir out("nofonts-out");
    Result r = run_thidua({"check", sample("thai-binh-2024"), "--fonts", fonts.str()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("thư mục phông chữ") != std::string::npos);
    Result r2 = run_thidua({"render", sample("thai-binh-2024"), "--fonts", fonts.str(), "-o",
                        (out / "x").string()});
    CHECK_MESSAGE(r2.status == 1, show(r2));
    CHECK_FALSE(fs::exists(out / "x"));
    // THIDUA_FONT_DIR is read when --fonts is not given.
    Result r3 = run_thidua({"check", sample("thai-binh-2024")}, "THIDUA_FONT_DIR=" + sh_quote(fonts.str()));
    CHECK_MESSAGE(r3.status == 1, show(r3));
}

TEST_CASE("cli: THIDUA_DATA_DIR that lacks the schema is an error, not a silent fallback") {
    TempDir data("data");
    Result r = run_thidua({"check", sample("thai-binh-2024")}, "THIDUA_DATA_DIR=" + sh_quote(data.str()));
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("THIDUA_DATA_DIR") != std::string::npos);
    CHECK(r.err.find("schemas/campaign.schema.json") != std::string::npos);
    Result ok = run_thidua({"check", sample("thai-binh-2024")},
                       "THIDUA_DATA_DIR=" + sh_quote(THIDUA_SOURCE_DIR));
    CHECK_MESSAGE(ok.status == 0, show(ok));
}

TEST_CASE("cli: dump prints the document tree on stdout") {
    MiniTemplates tpl;
    Result r = run_thidua({"dump", sample("thai-binh-2024"), "--templates", tpl.str()});
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(r.out.find("section portrait") != std::string::npos);
    CHECK(r.out.find("Kế hoạch thử nghiệm Phát động phong trào thi đua đặc biệt") != std::string::npos);
    CHECK(r.err.empty());

    Result real = run_thidua({"dump", sample("ba-to-2025"), "--kind", "ke-hoach"});
    CHECK_MESSAGE(real.status == 0, show(real));
    CHECK(real.out.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
    CHECK(real.out.find("KẾ HOẠCH") != std::string::npos);
}

TEST_CASE("cli: dump of a bad campaign exits 1 and prints nothing on stdout") {
    TempDir dir("dumpbad");
    write_file(dir / "c.json", "[1, 2");
    Result r = run_thidua({"dump", (dir / "c.json").string()});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find((dir / "c.json").string() + ":1:") != std::string::npos);
}

}  // TEST_SUITE
