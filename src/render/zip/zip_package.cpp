#include "render/zip/zip_package.hpp"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "base/files.hpp"

namespace thidua::zip {

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

/// Why libzip failed, in Vietnamese: a system call's reason (a full disk, `ulimit -f`…) as
/// every other write says it; libzip's own English text for the rare others.
std::string message(zip_error_t* e) {
    if (zip_error_system_type(e) == ZIP_ET_SYS && zip_error_code_system(e) != 0) {
        return files::errno_text(zip_error_code_system(e));
    }
    if (zip_error_code_zip(e) == ZIP_ER_MEMORY) return "hết bộ nhớ";
    return zip_error_strerror(e);
}
std::string message(zip_t* za) { return message(zip_get_error(za)); }

/// A libzip source that reads a part's stretches of a file with pread, one after the other
/// (libzip calls it at zip_close). It allocates nothing: no exception crosses libzip.
struct RangesSource {
    int fd = -1;
    const Range* ranges = nullptr;  ///< the part's: they outlive the archive
    std::size_t count = 0;
    std::uint64_t total = 0;
    std::size_t index = 0;   ///< the range being read
    std::uint64_t done = 0;  ///< bytes read of that range
    zip_error_t error;
};

zip_int64_t ranges_callback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<RangesSource*>(user);
    switch (cmd) {
        case ZIP_SOURCE_OPEN:
            s->index = 0;
            s->done = 0;
            return 0;
        case ZIP_SOURCE_READ: {
            zip_uint64_t n = 0;
            auto* out = static_cast<char*>(data);
            while (n < len && s->index < s->count) {
                const Range& r = s->ranges[s->index];
                if (s->done == r.size) {
                    ++s->index;
                    s->done = 0;
                    continue;
                }
                const std::uint64_t want = std::min<std::uint64_t>(len - n, r.size - s->done);
                const ssize_t got = ::pread(s->fd, out + n, static_cast<std::size_t>(want),
                                            static_cast<off_t>(r.offset + s->done));
                if (got < 0 && errno == EINTR) continue;
                if (got <= 0) {
                    zip_error_set(&s->error, ZIP_ER_READ, got < 0 ? errno : EIO);
                    return -1;
                }
                s->done += static_cast<std::uint64_t>(got);
                n += static_cast<zip_uint64_t>(got);
            }
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE:
            return 0;
        case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->size = s->total;
            st->valid |= ZIP_STAT_SIZE;
            return sizeof(*st);
        }
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&s->error, data, len);
        case ZIP_SOURCE_FREE:
            zip_error_fini(&s->error);
            delete s;
            return 0;
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                                  ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                  ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
        default:
            zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
            return -1;
    }
}

/// Adds the part `p` to `za` (a file part read from its descriptor at zip_close); false with
/// `error` set.
bool add_part(zip_t* za, const PartView& p, std::string& error) {
    zip_source_t* s = nullptr;
    std::uint64_t size = p.bytes.size();
    if (p.fd >= 0 && p.ranges != nullptr && p.range_count > 0) {
        auto* rs = new RangesSource;  // freed by libzip (ZIP_SOURCE_FREE), or just below
        rs->fd = p.fd;
        rs->ranges = p.ranges;
        rs->count = p.range_count;
        for (std::size_t i = 0; i < p.range_count; ++i) rs->total += p.ranges[i].size;
        zip_error_init(&rs->error);
        size = rs->total;
        s = zip_source_function(za, ranges_callback, rs);
        if (s == nullptr) {
            zip_error_fini(&rs->error);
            delete rs;
        }
    } else if (p.fd >= 0) {
        // libzip reads the file at zip_close and closes the stream when done.
        const int fd = ::dup(p.fd);
        std::FILE* f = fd >= 0 ? ::fdopen(fd, "rb") : nullptr;
        if (f == nullptr) {
            if (fd >= 0) ::close(fd);
            error = p.name + ": " + files::errno_text(errno);
            return false;
        }
        s = zip_source_filep(za, f, 0, static_cast<zip_int64_t>(p.size));
        if (s == nullptr) std::fclose(f);
        size = p.size;
    } else {
        // The part's bytes stay alive until zip_close (the caller's promise).
        s = zip_source_buffer(za, p.bytes.data(), p.bytes.size(), 0);
    }
    if (s == nullptr) {
        error = p.name + ": " + message(za);
        return false;
    }
    zip_int64_t idx = zip_file_add(za, p.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(s);
        error = p.name + ": " + message(za);
        return false;
    }
    const auto i = static_cast<zip_uint64_t>(idx);
    const zip_int32_t method = size < kStoreBelow ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(za, i, method, kDeflateLevel) != 0 ||
        zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) != 0) {
        error = p.name + ": " + message(za);
        return false;
    }
    return true;
}

/// A Part of a list, lent as a PartView.
PartView view_of(const Part& p) {
    PartView v;
    v.name = p.name;
    v.bytes = p.bytes;
    v.fd = p.fd;
    v.size = p.size;
    v.ranges = p.ranges.empty() ? nullptr : p.ranges.data();
    v.range_count = p.ranges.size();
    return v;
}

/// A libzip source that writes the archive straight into an open file, where zip_open(path)
/// would write a temporary file beside `path` and rename it at the end: that file is named
/// with random bytes from OpenSSL, whose start-up alone brings 2 MiB of its code into
/// memory, and it is given its mode through umask(), which no other thread may call at the
/// same time. The file starts empty (there is no archive to read: the source says so).
/// It allocates nothing: no exception crosses libzip.
struct FileSink {
    int fd = -1;
    zip_error_t error;
};

zip_int64_t sink_callback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<FileSink*>(user);
    auto fail = [&](int zip_code, int sys) -> zip_int64_t {
        zip_error_set(&s->error, zip_code, sys);
        return -1;
    };
    switch (cmd) {
        case ZIP_SOURCE_STAT:  // no archive yet (libzip's words for it): a new one is made
            return fail(ZIP_ER_READ, ENOENT);
        case ZIP_SOURCE_BEGIN_WRITE:
            if (::ftruncate(s->fd, 0) != 0 || ::lseek(s->fd, 0, SEEK_SET) != 0) return fail(ZIP_ER_WRITE, errno);
            return 0;
        case ZIP_SOURCE_WRITE: {
            const auto* from = static_cast<const char*>(data);
            zip_uint64_t done = 0;
            while (done < len) {
                const ssize_t n = ::write(s->fd, from + done, static_cast<std::size_t>(len - done));
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) return fail(ZIP_ER_WRITE, n < 0 ? errno : EIO);
                done += static_cast<zip_uint64_t>(n);
            }
            return static_cast<zip_int64_t>(done);
        }
        case ZIP_SOURCE_SEEK_WRITE: {
            auto* args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &s->error);
            if (args == nullptr) return -1;
            if (::lseek(s->fd, static_cast<off_t>(args->offset), args->whence) < 0) return fail(ZIP_ER_SEEK, errno);
            return 0;
        }
        case ZIP_SOURCE_TELL_WRITE: {
            const off_t at = ::lseek(s->fd, 0, SEEK_CUR);
            if (at < 0) return fail(ZIP_ER_TELL, errno);
            return static_cast<zip_int64_t>(at);
        }
        case ZIP_SOURCE_COMMIT_WRITE:  // the caller flushes the file to disk
            return 0;
        case ZIP_SOURCE_ROLLBACK_WRITE:
            (void)::ftruncate(s->fd, 0);
            return 0;
        case ZIP_SOURCE_REMOVE:  // an archive with no entries: the file stays, empty
            return ::ftruncate(s->fd, 0) == 0 ? 0 : fail(ZIP_ER_WRITE, errno);
        case ZIP_SOURCE_ERROR:
            return zip_error_to_data(&s->error, data, len);
        case ZIP_SOURCE_FREE:
            return 0;  // the FileSink belongs to its ZipFile
        case ZIP_SOURCE_SUPPORTS:
            return ZIP_SOURCE_SUPPORTS_WRITABLE;
        default:  // reading: there is nothing to read
            return fail(ZIP_ER_OPNOTSUPP, 0);
    }
}

/// An archive written straight into the file `path` through a FileSink; discarded (and the
/// file left empty) unless close() wrote it.
class ZipFile {
public:
    ZipFile() { zip_error_init(&sink_.error); }
    ~ZipFile() {
        if (za_ != nullptr) zip_discard(za_);  // frees the source, which leaves sink_ alone
        if (sink_.fd >= 0) ::close(sink_.fd);
        zip_error_fini(&sink_.error);
    }
    ZipFile(const ZipFile&) = delete;
    ZipFile& operator=(const ZipFile&) = delete;

    /// Creates (or empties) `path` and opens an archive on it; false with `error` set.
    bool open(const std::string& path, std::string& error) {
        sink_.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (sink_.fd < 0) {
            error = files::errno_text(errno);
            return false;
        }
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t* src = zip_source_function_create(sink_callback, &sink_, &ze);
        za_ = src != nullptr ? zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &ze) : nullptr;
        if (za_ == nullptr) {
            error = message(&ze);
            if (src != nullptr) zip_source_free(src);
        }
        zip_error_fini(&ze);
        return za_ != nullptr;
    }
    zip_t* get() const { return za_; }
    /// Writes the archive (its entries all added) and closes the file; false with `error`.
    bool close(std::string& error) {
        if (zip_close(za_) != 0) {
            error = std::string("zip: ") + message(za_);
            return false;  // the destructor discards it
        }
        za_ = nullptr;
        const int fd = sink_.fd;
        sink_.fd = -1;
        if (::close(fd) != 0) {
            error = files::errno_text(errno);
            return false;
        }
        return true;
    }

private:
    FileSink sink_;
    zip_t* za_ = nullptr;
};

/// Adds `parts` to `za` in order; false with `error` set.
bool add_parts(zip_t* za, const std::vector<Part>& parts, std::string& error) {
    for (const Part& p : parts) {
        if (!add_part(za, view_of(p), error)) return false;
    }
    return true;
}

}  // namespace

bool zip_parts_to(const std::vector<Part>& parts, const std::string& path, std::string& error) {
    return zip_parts_to(parts.size(), [&](std::size_t i) { return view_of(parts[i]); }, path, error);
}

bool zip_parts_to(std::size_t count, const std::function<PartView(std::size_t)>& part,
                  const std::string& path, std::string& error) {
    ZipFile zip;  // discards the archive on every way out, std::bad_alloc included
    if (!zip.open(path, error)) return false;
    for (std::size_t i = 0; i < count; ++i) {
        if (!add_part(zip.get(), part(i), error)) return false;
    }
    return zip.close(error);
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
        error = what + ": " + message(za);
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

}  // namespace thidua::zip
