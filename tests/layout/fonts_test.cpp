#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include <functional>

#include "layout/fonts.hpp"

using namespace thidua;
using namespace thidua::layout;
namespace fs = std::filesystem;

namespace {

const std::string kLiberation = "/usr/share/fonts/truetype/liberation2/";

fs::path fresh_dir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() /
                   ("thidua-fonts-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

using Bytes = std::vector<unsigned char>;

Bytes read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::uint32_t get32(const Bytes& b, std::size_t at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
           (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

void put32(Bytes& b, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<unsigned char>(v >> (24 - 8 * i));
}

/// Returns where the table directory entry of `tag` starts.
std::size_t entry_of(const Bytes& b, const std::string& tag) {
    const std::size_t n = (std::size_t{b[4]} << 8) | b[5];
    for (std::size_t i = 0; i < n; ++i)
        if (std::string(b.begin() + 12 + 16 * i, b.begin() + 16 + 16 * i) == tag) return 12 + 16 * i;
    FAIL("no table " << tag);
    return 0;
}

/// A folder whose times.ttf is Liberation Serif Regular changed by `edit`, the other three
/// faces intact; returns the folder.
fs::path damaged(const std::string& name, const std::function<void(Bytes&)>& edit) {
    fs::path dir = fresh_dir(name);
    Bytes b = read_bytes(kLiberation + "LiberationSerif-Regular.ttf");
    edit(b);
    std::ofstream(dir / "times.ttf", std::ios::binary)
        .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    const char* names[] = {"timesbd.ttf", "timesi.ttf", "timesbi.ttf"};
    const char* src[] = {"Bold", "Italic", "BoldItalic"};
    for (int i = 0; i < 3; ++i)
        fs::create_symlink(kLiberation + "LiberationSerif-" + src[i] + ".ttf", dir / names[i]);
    return dir;
}

/// The only message find_fonts gives for `dir`, which it must refuse.
std::string refusal(const fs::path& dir) {
    Diagnostics d;
    CHECK_FALSE(find_fonts(dir.string(), "", d).has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::error);
    return d.all()[0].message;
}

}  // namespace

TEST_SUITE("layout") {

TEST_CASE("fonts: the default search finds Debian's Liberation Serif with its metrics") {
    Diagnostics d;
    auto set = find_fonts("", std::string(THIDUA_SOURCE_DIR) + "/fonts", d);
    REQUIRE(set.has_value());
    CHECK(d.all().empty());
    const FontFace& r = set->face(Face::regular);
    CHECK(r.path == kLiberation + "LiberationSerif-Regular.ttf");
    CHECK(set->face(Face::bold_italic).path == kLiberation + "LiberationSerif-BoldItalic.ttf");
    CHECK(r.family == "Liberation Serif");
    CHECK(r.units_per_em == 2048);
    CHECK(r.ascender == 1825);
    CHECK(r.descender == -443);
    CHECK(r.line_gap == 87);
    CHECK(r.line_height_ratio() == doctest::Approx(2355.0 / 2048.0));
    // Times New Roman metrics: a = 909 units, space = 512 units.
    CHECK(r.advance(U'a', 2048) == 909);
    CHECK(r.advance(U' ', 14) == doctest::Approx(512.0 * 14 / 2048));
    CHECK(r.width("aa", 2048) == 1818);
    CHECK(r.has_glyph(U'ự'));
    CHECK(r.has_glyph(U'Ỹ'));
}

TEST_CASE("fonts: missing_glyphs lists what the face lacks, once each, in order") {
    Diagnostics d;
    auto set = find_fonts("", "", d);
    REQUIRE(set.has_value());
    auto miss = set->face(Face::regular).missing_glyphs("Aβ中ệ\n😀中\t");
    REQUIRE(miss.size() == 2);
    CHECK(miss[0] == U'中');
    CHECK(miss[1] == U'😀');
    CHECK(describe_code_point(U'中') == "U+4E2D '中'");
    CHECK(set->face(Face::bold).missing_glyphs("Hội đồng thi đua - khen thưởng").empty());
}

TEST_CASE("fonts: a user folder with Times New Roman file names is used first") {
    fs::path dir = fresh_dir("tnr");
    const char* names[] = {"times.ttf", "timesbd.ttf", "TIMESI.TTF", "timesbi.ttf"};
    const char* src[] = {"Regular", "Bold", "Italic", "BoldItalic"};
    for (int i = 0; i < 4; ++i) {
        fs::create_symlink(kLiberation + "LiberationSerif-" + src[i] + ".ttf", dir / names[i]);
    }
    Diagnostics d;
    auto set = find_fonts(dir.string(), "", d);
    REQUIRE(set.has_value());
    CHECK(d.all().empty());
    CHECK(set->face(Face::regular).path == (dir / "times.ttf").string());
    CHECK(set->face(Face::italic).path == (dir / "TIMESI.TTF").string());
    CHECK(set->folder() == dir.string());
    fs::remove_all(dir);
}

TEST_CASE("fonts: a user folder with an incomplete set is an error naming the missing files") {
    fs::path dir = fresh_dir("partial");
    fs::create_symlink(kLiberation + "LiberationSerif-Regular.ttf", dir / "times.ttf");
    Diagnostics d;
    CHECK_FALSE(find_fonts(dir.string(), "", d).has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message == "thư mục phông chữ '" + dir.string() +
                                    "' thiếu tệp của phông Times New Roman: timesbd.ttf (đậm), "
                                    "timesi.ttf (nghiêng), timesbi.ttf (đậm nghiêng)");
    fs::remove_all(dir);
}

TEST_CASE("fonts: a missing or empty user folder is an error, not a silent fallback") {
    Diagnostics d;
    CHECK_FALSE(find_fonts("/nonexistent/thidua-fonts", "", d).has_value());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message == "không tìm thấy thư mục phông chữ '/nonexistent/thidua-fonts'");

    fs::path dir = fresh_dir("empty");
    Diagnostics d2;
    CHECK_FALSE(find_fonts(dir.string(), "", d2).has_value());
    REQUIRE(d2.all().size() == 1);
    CHECK(d2.all()[0].message.rfind("thư mục phông chữ '" + dir.string() +
                                        "' không có đủ bốn tệp Times New Roman",
                                    0) == 0);
    fs::remove_all(dir);
}

TEST_CASE("fonts: a file that is not a TrueType font is reported") {
    fs::path dir = fresh_dir("bad");
    for (const char* n : {"times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"}) {
        std::ofstream(dir / n) << "not a font";
    }
    Diagnostics d;
    CHECK_FALSE(find_fonts(dir.string(), "", d).has_value());
    REQUIRE(d.all().size() == 4);
    CHECK(d.all()[0].message == "không đọc được tệp phông chữ '" + (dir / "times.ttf").string() + "'");
    fs::remove_all(dir);
}

TEST_CASE("fonts: a table running past the end of the file is refused, naming the file and the table") {
    // FreeType clips such a table; libharu read the 3.8 GB length for over 45 s.
    std::uint32_t offset = 0;
    std::size_t size = 0;
    fs::path dir = damaged("past-end", [&](Bytes& b) {
        const std::size_t e = entry_of(b, "OS/2");
        offset = get32(b, e + 8);
        size = b.size();
        put32(b, e + 12, 0xE5FF0000u);
    });
    CHECK(refusal(dir) == "tệp phông chữ '" + (dir / "times.ttf").string() + "' bị hỏng: bảng OS/2 (từ byte " +
                              std::to_string(offset) + ", dài 3858694144 byte) vượt quá cuối tệp (" +
                              std::to_string(size) + " byte)");
    fs::remove_all(dir);
}

TEST_CASE("fonts: a table directory longer than the file is refused") {
    std::size_t size = 0;
    fs::path dir = damaged("directory", [&](Bytes& b) {
        b[4] = b[5] = 0xFF;  // 65,535 tables: a directory of 1 MB
        size = b.size();
    });
    CHECK(refusal(dir) == "tệp phông chữ '" + (dir / "times.ttf").string() +
                              "' bị hỏng: mục lục ghi 65535 bảng, dài hơn cả tệp (" +
                              std::to_string(size) + " byte)");
    fs::remove_all(dir);
}

TEST_CASE("fonts: a font without a table the PDF library needs is refused") {
    fs::path dir = damaged("no-post", [](Bytes& b) {
        b[entry_of(b, "post")] = 'x';
        b[entry_of(b, "OS/2")] = 'x';
    });
    CHECK(refusal(dir) == "tệp phông chữ '" + (dir / "times.ttf").string() +
                              "' thiếu bảng OS/2, post mà thư viện PDF cần để nhúng phông");
    fs::remove_all(dir);
}

TEST_CASE("fonts: table contents libharu trusts are checked before it reads them") {
    // Each edit keeps the table directory sound; libharu 2.3.0 overflowed a heap buffer on
    // the first, and failed on the others only when it came to embed the font, after check.
    auto at = [](const Bytes& b, const std::string& tag) { return std::size_t{get32(b, entry_of(b, tag) + 8)}; };
    auto put16 = [](Bytes& b, std::size_t i, unsigned v) {
        b[i] = static_cast<unsigned char>(v >> 8);
        b[i + 1] = static_cast<unsigned char>(v);
    };
    struct Case {
        const char* name;
        std::function<void(Bytes&)> edit;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"hmetrics", [&](Bytes& b) { put16(b, at(b, "hhea") + 34, 0xFFFF); },
         "bị hỏng: bảng hhea ghi 65535 số đo chiều ngang cho 2602 nét chữ"},
        {"locformat", [&](Bytes& b) { put16(b, at(b, "head") + 50, 7); },
         "bị hỏng: bảng head ghi kiểu bảng loca không có (7)"},
        {"loca", [&](Bytes& b) { put32(b, at(b, "loca") + 4 * 10, 0x7FFFFFFF); },
         "bị hỏng: bảng loca chỉ nét chữ 10 ra ngoài bảng glyf"},
        {"cmap", [&](Bytes& b) { put32(b, at(b, "cmap") + 8, 0x00FFFFFF); },
         "bị hỏng: bảng cmap có bảng mã nằm ngoài bảng"},
        {"name", [&](Bytes& b) { put16(b, at(b, "name") + 2, 0xFFFF); },
         "bị hỏng: bảng name ghi 65535 tên, dài hơn cả bảng"},
        {"fstype", [&](Bytes& b) { put16(b, at(b, "OS/2") + 8, 2); },
         ": giấy phép của phông chữ không cho nhúng vào tài liệu (OS/2 fsType 2); dùng phông "
         "khác, ví dụ Liberation Serif"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        fs::path dir = damaged(std::string("contents-") + c.name, c.edit);
        const std::string file = "tệp phông chữ '" + (dir / "times.ttf").string() + "'";
        CHECK(refusal(dir) == file + (c.message[0] == ':' ? "" : " ") + c.message);
        fs::remove_all(dir);
    }
}

TEST_CASE("fonts: a TrueType collection is refused, libharu embeds single fonts only") {
    fs::path dir = damaged("collection", [](Bytes& b) {
        // The same font as the only member of a collection: a 16-byte header in front,
        // every table offset moved by it.
        const std::size_t n = (std::size_t{b[4]} << 8) | b[5];
        for (std::size_t i = 0; i < n; ++i) put32(b, 12 + 16 * i + 8, get32(b, 12 + 16 * i + 8) + 16);
        Bytes head = {'t', 't', 'c', 'f', 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16};
        b.insert(b.begin(), head.begin(), head.end());
    });
    CHECK(refusal(dir) == "tệp phông chữ '" + (dir / "times.ttf").string() +
                              "' là tập nhiều phông (TrueType Collection); thư viện PDF chỉ nhúng "
                              "được tệp .ttf của từng kiểu chữ");
    fs::remove_all(dir);
}

}  // TEST_SUITE
