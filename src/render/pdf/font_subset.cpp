#include "render/pdf/font_subset.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <utility>

#include <fcntl.h>
#include <hb-subset.h>
#include <hb.h>
#include <unistd.h>

#include "base/text.hpp"

namespace thidua::pdf::detail {

namespace {

/// Inclusive ranges of the repertoire.
constexpr std::pair<char32_t, char32_t> kRepertoire[] = {
    {0x20, 0x7E},     {0xA0, 0xFF},     {0x100, 0x17F},   {0x1A0, 0x1A1},
    {0x1AF, 0x1B0},   {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x20AB, 0x20AC},
    {0x2116, 0x2116}, {0x2122, 0x2122}, {0x2190, 0x2193}, {0x2212, 0x2212},
};

/// Writes `data` to an unlinked temporary file and returns "/proc/self/fd/N" for it, or
/// "" on any failure. The descriptor stays open until the process ends.
std::string anonymous_file(const char* data, unsigned size) {
    if (!std::filesystem::exists("/proc/self/fd")) return {};
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "thidua-font-XXXXXX").string();
    if (ec) return {};
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) return {};
    ::unlink(pattern.c_str());
    for (unsigned done = 0; done < size;) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n <= 0) {
            ::close(fd);
            return {};
        }
        done += static_cast<unsigned>(n);
    }
    return "/proc/self/fd/" + std::to_string(fd);
}

std::string make_subset(const std::string& font_path) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(font_path.c_str());
    if (blob == nullptr) return {};
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    std::string path;
    if (hb_subset_input_t* input = hb_subset_input_create_or_fail()) {
        hb_set_t* unicodes = hb_subset_input_unicode_set(input);
        for (const auto& [lo, hi] : kRepertoire) hb_set_add_range(unicodes, lo, hi);
        if (hb_face_t* cut = hb_subset_or_fail(face, input)) {
            hb_blob_t* out = hb_face_reference_blob(cut);
            unsigned size = 0;
            const char* data = hb_blob_get_data(out, &size);
            if (data != nullptr && size > 0) path = anonymous_file(data, size);
            hb_blob_destroy(out);
            hb_face_destroy(cut);
        }
        hb_subset_input_destroy(input);
    }
    hb_face_destroy(face);
    return path;
}

}  // namespace

bool in_repertoire(char32_t c) {
    for (const auto& [lo, hi] : kRepertoire) {
        if (c >= lo && c <= hi) return true;
    }
    return false;
}

bool in_subset_repertoire(std::string_view text) {
    for (char32_t c : text::decode(text)) {
        if (!in_repertoire(c)) return false;
    }
    return true;
}

std::string subset_font(const std::string& font_path) {
    static std::map<std::string, std::string> made;
    auto it = made.find(font_path);
    if (it == made.end()) it = made.emplace(font_path, make_subset(font_path)).first;
    return it->second;
}

}  // namespace thidua::pdf::detail
