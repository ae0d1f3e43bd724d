// render/zip: the package written to a file (zip_parts_to, through the source that writes
// straight into it) holds the same bytes as the one made in memory (zip_parts), whatever
// the file held before; a file that cannot be made says why in Vietnamese.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "render/zip/zip_package.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A small part (stored), a large one (deflated) and a part read from a file's stretches.
std::vector<thidua::zip::Part> sample_parts(int fd) {
    std::vector<thidua::zip::Part> parts;
    parts.emplace_back("[Content_Types].xml", "<Types/>");
    std::string big;
    for (int i = 0; i < 5000; ++i) big += "<w:p>Đoạn văn số " + std::to_string(i) + "</w:p>";
    parts.emplace_back("word/document.xml", big);
    thidua::zip::Part from_file("xl/worksheets/sheet1.xml", "", fd);
    from_file.ranges = {{0, 6}, {10, 4}};
    parts.push_back(from_file);
    return parts;
}

}  // namespace

TEST_CASE("zip: a package written to a file is the one made in memory, whatever the file held") {
    const fs::path dir = fs::temp_directory_path() / ("thidua-zip-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path spill = dir / "spill";
    { std::ofstream(spill, std::ios::binary) << "<row/>....<c/>"; }
    std::FILE* f = std::fopen(spill.c_str(), "rb");
    REQUIRE(f != nullptr);
    const auto parts = sample_parts(::fileno(f));

    std::string error;
    const auto in_memory = thidua::zip::zip_parts(parts, error);
    REQUIRE_MESSAGE(in_memory.has_value(), error);
    const fs::path out = dir / "out.docx";
    // A longer file there before: nothing of it may stay at the end.
    { std::ofstream(out, std::ios::binary) << std::string(in_memory->size() * 3, 'x'); }
    REQUIRE_MESSAGE(thidua::zip::zip_parts_to(parts, out.string(), error), error);
    CHECK(read_all(out) == *in_memory);
    CHECK(in_memory->rfind("PK", 0) == 0);
    CHECK(in_memory->find("<row/><c/>") != std::string::npos);  // the stretches, stored
    // Written twice, the same bytes; and only the file itself is in the folder (no
    // temporary file of libzip's left beside it).
    REQUIRE(thidua::zip::zip_parts_to(parts, out.string(), error));
    CHECK(read_all(out) == *in_memory);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"out.docx", "spill"});

    SUBCASE("a folder that is not there: the reason in Vietnamese, no file") {
        const fs::path missing = dir / "khong-co" / "out.docx";
        CHECK_FALSE(thidua::zip::zip_parts_to(parts, missing.string(), error));
        CHECK(error == "không có thư mục hay tệp này");
        CHECK_FALSE(fs::exists(missing));
    }
    std::fclose(f);
    fs::remove_all(dir);
}
