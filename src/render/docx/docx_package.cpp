#include "render/docx/docx_package.hpp"

#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace thidua::docx::detail {

namespace {

/// The DOS date of 1980-01-01 (the earliest a zip can hold) and the time 00:00:00.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;

/// Parts smaller than this are stored, not deflated: a few hundred bytes save little, and
/// each deflate stream costs zlib hundreds of KiB of tables to set up.
constexpr std::size_t kStoreBelow = 2048;
/// zlib's fastest level: on 300 unit forms it takes a third less time than the default
/// level 6 for files 12% larger (4.5 → 5.0 MB in all).
constexpr zip_uint32_t kDeflateLevel = 1;

/// Owns a libzip source until it is handed over.
struct SourceGuard {
    zip_source_t* src = nullptr;
    ~SourceGuard() {
        if (src != nullptr) zip_source_free(src);
    }
};

std::string message(zip_error_t* e) { return zip_error_strerror(e); }

/// Adds `parts` to `za` in order (a file part read from its descriptor at zip_close);
/// false with `error` set.
bool add_parts(zip_t* za, const std::vector<Part>& parts, std::string& error) {
    for (const Part& p : parts) {
        zip_source_t* s = nullptr;
        std::uint64_t size = p.bytes.size();
        if (p.fd >= 0) {
            // libzip reads the file at zip_close and closes the stream when done.
            const int fd = ::dup(p.fd);
            std::FILE* f = fd >= 0 ? ::fdopen(fd, "rb") : nullptr;
            if (f == nullptr) {
                if (fd >= 0) ::close(fd);
                error = p.name + ": " + std::strerror(errno);
                return false;
            }
            s = zip_source_filep(za, f, 0, static_cast<zip_int64_t>(p.size));
            if (s == nullptr) std::fclose(f);
            size = p.size;
        } else {
            // The part's bytes stay alive until zip_close: `parts` outlives the archive.
            s = zip_source_buffer(za, p.bytes.data(), p.bytes.size(), 0);
        }
        if (s == nullptr) {
            error = p.name + ": " + zip_strerror(za);
            return false;
        }
        zip_int64_t idx = zip_file_add(za, p.name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (idx < 0) {
            zip_source_free(s);
            error = p.name + ": " + zip_strerror(za);
            return false;
        }
        const auto i = static_cast<zip_uint64_t>(idx);
        const zip_int32_t method = size < kStoreBelow ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
        if (zip_set_file_compression(za, i, method, kDeflateLevel) != 0 ||
            zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) != 0) {
            error = p.name + ": " + zip_strerror(za);
            return false;
        }
    }
    return true;
}

}  // namespace

bool zip_parts_to(const std::vector<Part>& parts, const std::string& path, std::string& error) {
    int ze = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (za == nullptr) {
        zip_error_t e;
        zip_error_init_with_code(&e, ze);
        error = message(&e);
        zip_error_fini(&e);
        return false;
    }
    if (!add_parts(za, parts, error)) {
        zip_discard(za);
        return false;
    }
    if (zip_close(za) != 0) {
        error = std::string("zip: ") + zip_strerror(za);
        zip_discard(za);
        return false;
    }
    return true;
}

std::optional<std::string> zip_parts(const std::vector<Part>& parts, std::string& error) {
    zip_error_t ze;
    zip_error_init(&ze);
    // The archive is written into this buffer source, which we keep to read it back.
    SourceGuard out;
    out.src = zip_source_buffer_create(nullptr, 0, 0, &ze);
    if (out.src == nullptr) {
        error = message(&ze);
        zip_error_fini(&ze);
        return std::nullopt;
    }
    zip_source_keep(out.src);
    zip_t* za = zip_open_from_source(out.src, ZIP_TRUNCATE, &ze);
    if (za == nullptr) {
        error = message(&ze);
        zip_error_fini(&ze);
        zip_source_free(out.src);  // the reference zip_source_keep added
        return std::nullopt;
    }
    auto fail = [&](const std::string& what) -> std::optional<std::string> {
        error = what + ": " + zip_strerror(za);
        zip_discard(za);  // drops the archive's reference; the guard drops ours
        zip_error_fini(&ze);
        return std::nullopt;
    };
    if (!add_parts(za, parts, error)) {
        zip_discard(za);  // drops the archive's reference; the guard drops ours
        zip_error_fini(&ze);
        return std::nullopt;
    }
    if (zip_close(za) != 0) return fail("zip");
    // Read the finished archive back out of the buffer source.
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_open(out.src) != 0) {
        error = message(zip_source_error(out.src));
        zip_error_fini(&ze);
        return std::nullopt;
    }
    if (zip_source_stat(out.src, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
        error = message(zip_source_error(out.src));
        zip_source_close(out.src);
        zip_error_fini(&ze);
        return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    zip_int64_t n = zip_source_read(out.src, bytes.data(), st.size);
    zip_source_close(out.src);
    zip_error_fini(&ze);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
        error = "zip: không đọc lại được tệp vừa tạo";
        return std::nullopt;
    }
    return bytes;
}

}  // namespace thidua::docx::detail
