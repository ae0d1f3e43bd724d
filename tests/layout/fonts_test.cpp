#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

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

}  // TEST_SUITE
