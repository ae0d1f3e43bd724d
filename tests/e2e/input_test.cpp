// Bad campaign files through the whole program: every mistake is reported on stderr at
// file:line:col with the source line and a caret, the exit code is 1, nothing hangs or
// crashes, and a file that is only encoded differently (BOM, CRLF, NFD) is accepted.
#include <doctest/doctest.h>

#include <chrono>

#include "base/json.hpp"
#include <sys/stat.h>

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

/// The sample text with `line` inserted after its first line ("{").
std::string sample_with_line(const std::string& name, const std::string& line) {
    std::string text = read_file(sample(name));
    std::size_t nl = text.find('\n');
    REQUIRE(nl != std::string::npos);
    return text.substr(0, nl + 1) + line + "\n" + text.substr(nl + 1);
}

/// Counts the diagnostics lines ("…: lỗi: …") in stderr.
std::size_t error_lines(const std::string& err) {
    std::size_t n = 0;
    for (std::size_t pos = 0; (pos = err.find("lỗi: ", pos)) != std::string::npos; ++pos) ++n;
    return n;
}

}  // namespace

TEST_SUITE("input") {

TEST_CASE("input: broken JSON is reported at its line and column with a caret") {
    TempDir dir("broken");
    const std::string path = (dir / "c.json").string();
    write_file(path, "{\n  \"issuer\": {\n    \"name\": \"X\",\n  }\n}\n");
    for (const char* cmd : {"check", "dump"}) {
        Result r = run_thidua({cmd, path});
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK(r.err == path + ":3:16: lỗi: cú pháp JSON sai: dấu phẩy thừa trước \"}\"\n"
                             "      \"name\": \"X\",\n"
                             "                 ^\n"
                             "thidua: 1 lỗi\n");
        CHECK(r.out.empty());
    }
}

TEST_CASE("input: an unknown key is named with a suggestion and its JSON pointer") {
    TempDir dir("unknown");
    const std::string path = (dir / "c.json").string();
    write_file(path, sample_with_line("ba-to-2025", "  \"campaing\": 1,"));
    Result r = run_thidua({"check", path});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err == path + ":2:3: lỗi: trường không được phép \"campaing\" (có phải \"campaign\"?) "
                         "(tại /campaing)\n"
                         "    \"campaing\": 1,\n"
                         "    ^\n"
                         "thidua: 1 lỗi\n");
}

TEST_CASE("input: invalid UTF-8 bytes are reported where they are") {
    TempDir dir("utf8");
    const std::string path = (dir / "c.json").string();
    write_file(path, "{\n  \"issuer\": \"Ủy ban \xC3\x28 xã\"\n}\n");
    Result r = run_thidua({"check", path});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.rfind(path + ":2:21: lỗi: tệp không phải văn bản UTF-8 hợp lệ", 0) == 0, show(r));
    CHECK(r.err.find("thidua: 1 lỗi\n") != std::string::npos);
}

TEST_CASE("input: schema and rule mistakes are all reported, each at its value") {
    TempDir dir("rules");
    const std::string path = (dir / "c.json").string();
    std::string text = read_file(sample("ba-to-2025"));
    const std::string end = "\"end\": \"2025-08-19\"";
    std::size_t at = text.find(end);
    REQUIRE(at != std::string::npos);
    text.replace(at, end.size(), "\"end\": \"2024-01-01\"");
    write_file(path, text);
    Result r = run_thidua({"check", path});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("phong trào kết thúc ngày 01/01/2024, trước khi bắt đầu ngày 01/3/2025 "
                     "(tại /campaign/end)") != std::string::npos);
    const std::size_t n = error_lines(r.err);
    CHECK(n >= 2);
    CHECK(r.err.find("thidua: " + std::to_string(n) + " lỗi\n") != std::string::npos);
}

TEST_CASE("input: a file with a BOM, CRLF line ends and NFD letters is accepted as is") {
    // Decompose every Vietnamese letter of a sample with Python's unicodedata (NFD),
    // switch to CRLF and put a byte-order mark in front.
    TempDir dir("nfd");
    const std::string path = (dir / "nfd.json").string();
    Result py = run_shell("python3 -c " + sh_quote(
        "import sys, unicodedata\n"
        "t = open(sys.argv[1], encoding='utf-8').read()\n"
        "t = unicodedata.normalize('NFD', t).replace('\\n', '\\r\\n')\n"
        "open(sys.argv[2], 'wb').write(b'\\xef\\xbb\\xbf' + t.encode('utf-8'))\n") +
        " " + sh_quote(sample("ba-to-2025")) + " " + sh_quote(path));
    REQUIRE_MESSAGE(py.status == 0, show(py));
    std::string bytes = read_file(path);
    REQUIRE(bytes.rfind("\xEF\xBB\xBF{\r\n", 0) == 0);
    REQUIRE(bytes != read_file(sample("ba-to-2025")));

    Result r = run_thidua({"check", path});
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(r.err.empty());

    // The documents are the same as from the NFC, LF, BOM-less original.
    MiniTemplates tpl;
    TempDir out("nfd-out");
    Result a = run_thidua({"render", path, "-o", (out / "nfd").string(), "--templates", tpl.str()});
    Result b = run_thidua({"render", sample("ba-to-2025"), "-o", (out / "nfc").string(), "--templates", tpl.str()});
    REQUIRE_MESSAGE(a.status == 0, show(a));
    REQUIRE_MESSAGE(b.status == 0, show(b));
    CHECK(read_file(out / "nfd" / "ke-hoach.pdf") == read_file(out / "nfc" / "ke-hoach.pdf"));
    CHECK(read_file(out / "nfd" / "theo-doi.xlsx") == read_file(out / "nfc" / "theo-doi.xlsx"));
}

TEST_CASE("input: positions in a BOM + CRLF file count neither the BOM nor the CR") {
    TempDir dir("bompos");
    const std::string path = (dir / "c.json").string();
    write_file(path, "\xEF\xBB\xBF{\r\n  \"issuerr\": 1\r\n}\r\n");
    Result r = run_thidua({"check", path});
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find(path + ":2:3: lỗi: trường không được phép \"issuerr\" (có phải \"issuer\"?)") !=
                      std::string::npos,
                  show(r));
    CHECK(r.err.find(path + ":1:1: lỗi: thiếu trường bắt buộc \"document\"") != std::string::npos);
}

TEST_CASE("input: 100000 nested arrays are refused quickly, without a stack overflow") {
    TempDir dir("deep");
    const std::string path = (dir / "deep.json").string();
    write_file(path, std::string(100000, '[') + std::string(100000, ']'));
    auto start = std::chrono::steady_clock::now();
    Result r = run_thidua({"check", path}, "", 60);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK_MESSAGE(r.status == 1, show(r).substr(0, 2000));
    CHECK(r.err.rfind(path + ":1:65: lỗi: dữ liệu lồng quá sâu: quá 64 cấp", 0) == 0);
    CHECK(r.err.find("thidua: 1 lỗi\n") != std::string::npos);
    CHECK(secs < 20);
}

TEST_CASE("input: a 100 MB file is refused unread with a clear message") {
    TempDir dir("huge");
    const std::string path = (dir / "huge.json").string();
    {
        // A syntactically plausible file: one long string value.
        std::ofstream f(path, std::ios::binary);
        f << "{\"issuer\": \"";
        std::string chunk(1 << 20, 'a');
        for (int i = 0; i < 100; ++i) f << chunk;
        f << "\"}";
    }
    REQUIRE(fs::file_size(path) > 100u * 1000u * 1000u);
    auto start = std::chrono::steady_clock::now();
    for (const char* cmd : {"check", "render"}) {
        std::vector<std::string> args = {cmd, path};
        if (std::string(cmd) == "render") {
            args.push_back("-o");
            args.push_back((dir / "out").string());
        }
        Result r = run_thidua(args, "", 60);
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK(r.err.rfind(path + ": lỗi: tệp quá lớn: ", 0) == 0);
        CHECK(r.err.find("giới hạn 16.777.216 byte") != std::string::npos);
    }
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(secs < 20);
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("input: empty files, wrong top-level types and NUL bytes exit 1 with a message") {
    TempDir dir("odd");
    struct Case {
        std::string bytes;
        std::string want;
    };
    const std::vector<Case> cases = {
        {"", ":1:1: lỗi: cú pháp JSON sai: tệp rỗng"},
        {"[1,2]", ":1:1: lỗi: sai kiểu dữ liệu"},
        {"\"chuỗi\"", ":1:1: lỗi: sai kiểu dữ liệu"},
        {std::string("{\"a\":\0}", 7), ":1:"},
        {"\x89PNG\r\n\x1a\n", ":1:1: lỗi: "},
    };
    int i = 0;
    for (const auto& c : cases) {
        const std::string path = (dir / ("c" + std::to_string(i++) + ".json")).string();
        write_file(path, c.bytes);
        Result r = run_thidua({"check", path});
        CAPTURE(c.want);
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK_MESSAGE(r.err.rfind(path + c.want, 0) == 0, show(r));
    }
}

TEST_CASE("input: a campaign path that is a named pipe nobody writes to is an error at once") {
    TempDir dir("fifo");
    const fs::path fifo = dir / "c.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const std::string command : {"check", "dump", "render"}) {
        std::vector<std::string> args = {command, fifo.string()};
        if (command == "render") args = {"render", fifo.string(), "-o", (dir / "out").string()};
        Result r = run_thidua(args, "", 20);
        CHECK_MESSAGE(r.status == 1, show(r));
        CHECK_MESSAGE(r.err.rfind(fifo.string() + ": lỗi: đây là một ống dẫn (FIFO) mà không chương trình "
                                                  "nào ghi vào; hãy đưa đường dẫn tới tệp JSON\n", 0) == 0,
                      show(r));
    }
    // A pipe with a writer is read as it comes.
    Result piped = run_shell("cat " + sh_quote(sample("ba-to-2025")) + " | " + sh_quote(THIDUA_BINARY) +
                             " check /dev/stdin");
    CHECK_MESSAGE(piped.status == 0, show(piped));
    CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("input: control characters in a campaign are errors at their column, and never reach the terminal") {
    TempDir dir("controls");
    json c = json::parse(read_file(sample("ba-to-2025")));
    c["document"]["title"] = "Thi đua \x1b[2J\x1b[31mđỏ";
    c["campaign"]["name"] = std::string("tên\0sau", 8);
    const std::string escaped = (dir / "escaped.json").string();
    write_file(escaped, c.dump(2));
    Result r = run_thidua({"check", escaped});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find("lỗi: chuỗi chứa ký tự điều khiển U+001B, không in ra được: hãy xoá nó (tại /document/title)") !=
          std::string::npos);
    CHECK(r.err.find("lỗi: chuỗi chứa ký tự điều khiển U+0000, không in ra được: hãy xoá nó (tại /campaign/name)") !=
          std::string::npos);
    // A raw ESC in the file (invalid JSON): the line printed under the error shows it as a
    // symbol, one column wide, so the caret still points at it.
    const std::string raw = (dir / "raw.json").string();
    write_file(raw, "{\n  \"a\": \"x\x1b[31mđỏ\"\n}\n");
    Result r2 = run_thidua({"check", raw});
    CHECK_MESSAGE(r2.status == 1, show(r2));
    CHECK(r2.err.find('\x1b') == std::string::npos);
    CHECK_MESSAGE(r2.err.find("\n    \"a\": \"x\u241b[31mđỏ\"\n           ^") != std::string::npos, show(r2));
}

}  // TEST_SUITE
