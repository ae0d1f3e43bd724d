#include "driver/output_set.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "base/alloc_watch.hpp"
#include "base/files.hpp"
#include "driver/messages.hpp"

namespace thidua::driver {

namespace {

namespace fs = std::filesystem;
using files::errno_text;

/// Writes all of `bytes` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

/// Flushes a folder to disk; some file systems refuse fsync on a folder, which is no
/// reason to fail.
void fsync_dir(int fd) {
    if (fd >= 0) ::fsync(fd);
}

/// What lies at `name` in `dir_fd`, without following a link.
struct Entry {
    bool exists = false;
    bool dir = false;
    dev_t dev = 0;
    ino_t ino = 0;
};

Entry entry_at(int dir_fd, const std::string& name) {
    Entry e;
    struct stat st {};
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        e.exists = true;
        e.dir = S_ISDIR(st.st_mode);
        e.dev = st.st_dev;
        e.ino = st.st_ino;
    }
    return e;
}

/// The names in folder `dir_fd` ("." and ".." left out); nullopt when it cannot be read.
std::optional<std::vector<std::string>> list_dir(int dir_fd) {
    const int fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    DIR* d = ::fdopendir(fd);
    if (d == nullptr) {
        ::close(fd);
        return std::nullopt;
    }
    std::vector<std::string> out;
    errno = 0;
    while (const dirent* e = ::readdir(d)) {
        const std::string n = e->d_name;
        if (n != "." && n != "..") out.push_back(n);
    }
    const bool ok = errno == 0;
    ::closedir(d);
    if (!ok) return std::nullopt;
    return out;
}

int open_dir_at(int dir_fd, const std::string& name) {
    return ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/// Reads a small file; nullopt when it cannot be read.
std::optional<std::string> read_small(int dir_fd, const std::string& name) {
    const int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string out;
    char buf[8192];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            if (n < 0) return std::nullopt;
            return out;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
}

/// The top-level names the manifest.json in `dir_fd` lists (its "path" values): the files
/// of the set there that thidua wrote. Empty when there is none or it cannot be read. The
/// manifest is thidua's own (manifest_json in pipeline.cpp), so its "path" values are read
/// by a scan rather than a JSON parser: Json allocates while it destroys a tree,
/// and here memory may be short (a name with an escape is skipped: it is moved, not
/// copied). A bad_alloc thrown here backs the commit out.
std::set<std::string> manifest_files(int dir_fd) {
    std::set<std::string> out;
    const auto text = read_small(dir_fd, "manifest.json");
    if (!text) return out;
    static constexpr std::string_view key = "\"path\": \"";
    for (std::size_t at = text->find(key); at != std::string::npos; at = text->find(key, at)) {
        at += key.size();
        const std::size_t end = text->find_first_of("\"\\/\n", at);
        if (end == std::string::npos) break;
        if ((*text)[end] == '"' && end > at) out.insert(text->substr(at, end - at));
        at = end;
    }
    if (!out.empty()) out.insert("manifest.json");
    return out;
}

/// Copies the regular file `name` of `from_fd` into `to_fd` (which must not hold it), with
/// its permissions and times, flushed to disk. A failed copy leaves nothing behind.
bool copy_file_at(int from_fd, const std::string& name, int to_fd) {
    const int in = ::openat(from_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0) return false;
    struct stat st {};
    if (::fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(in);
        return false;
    }
    const int out = ::openat(to_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                             st.st_mode & 07777);
    if (out < 0) {
        ::close(in);
        return false;
    }
    bool ok = true;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) ok = false;
        if (n <= 0) break;
        if (!write_all(out, std::string_view(buf, static_cast<std::size_t>(n)))) {
            ok = false;
            break;
        }
    }
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    ok = ok && ::futimens(out, times) == 0 && ::fsync(out) == 0;
    ::close(in);
    ok = ::close(out) == 0 && ok;
    if (!ok) ::unlinkat(to_fd, name.c_str(), 0);
    return ok;
}

/// Renames `from` in `from_fd` to `to` in `to_fd` unless `to` exists.
bool move_no_replace(int from_fd, const std::string& name, int to_fd) {
    if (::renameat2(from_fd, name.c_str(), to_fd, name.c_str(), RENAME_NOREPLACE) == 0) return true;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return false;
    // The file system cannot refuse to replace: look first (the folder is locked).
    if (entry_at(to_fd, name).exists) {
        errno = EEXIST;
        return false;
    }
    return ::renameat(from_fd, name.c_str(), to_fd, name.c_str()) == 0;
}

/// The first line of the marker; the names of the new set follow, one a line.
constexpr const char* kMarkerHead = "thidua: bộ văn bản cũ, đã được thay bằng bộ mới\n";

/// What settle_old() did.
struct Settled {
    std::size_t moved = 0;  ///< entries moved back into the new folder
    std::size_t left = 0;   ///< entries left in the old folder
    bool removed = false;   ///< the old folder is gone
};

/// Settles the entries `names` of the old folder `old_fd` after the swap, beside the new
/// folder `new_fd` whose own files (the new set) are `outputs` (null: unknown): every
/// entry linked into the new set (same file) or replaced by a file of the new set goes;
/// anything else — a sub-folder, every file on a file system without hard links, a file
/// the user saved during the commit — is moved into the new folder. Nothing is removed
/// that the new folder does not hold. Allocates nothing: it runs after the swap, when
/// running out of memory must not stop it halfway.
void settle_entries(int old_fd, int new_fd, const std::vector<std::string>& names,
                    const std::set<std::string>* outputs, Settled& s) noexcept {
    for (const std::string& n : names) {
        if (n == OutputSet::old_marker) continue;
        const Entry o = entry_at(old_fd, n);
        if (!o.exists) continue;
        const Entry x = entry_at(new_fd, n);
        bool done = false;
        if (x.exists && x.dev == o.dev && x.ino == o.ino) {
            done = ::unlinkat(old_fd, n.c_str(), o.dir ? AT_REMOVEDIR : 0) == 0;
        } else if (x.exists && outputs != nullptr && outputs->count(n) != 0) {
            // The earlier version of a file the new set replaced (never a folder: the
            // commit refuses to replace one).
            done = !o.dir && ::unlinkat(old_fd, n.c_str(), 0) == 0;
        } else if (x.exists && outputs != nullptr && !o.dir && !x.dir) {
            // The new folder holds a link to an earlier version of this file: the user
            // saved a new version while the commit ran. Theirs wins.
            done = ::renameat(old_fd, n.c_str(), new_fd, n.c_str()) == 0;
            if (done) ++s.moved;
        } else if (!x.exists) {
            done = move_no_replace(old_fd, n, new_fd);
            if (done) ++s.moved;
        }
        if (!done) ++s.left;
    }
}

/// Removes the old folder `old_name` once `s` says nothing is left in it.
void remove_old(int parent_fd, const std::string& old_name, int old_fd, int new_fd,
                Settled& s) noexcept {
    if (s.left != 0) return;
    ::unlinkat(old_fd, OutputSet::old_marker, 0);
    fsync_dir(new_fd);
    s.removed = ::unlinkat(parent_fd, old_name.c_str(), AT_REMOVEDIR) == 0;
    if (!s.removed) s.left = 1;
}

/// The old folder `old_name` (in `parent_fd`, beside the new folder `new_name`) left by a
/// killed run: its marker lists the new set; settle_entries() does the rest.
Settled settle_old(int parent_fd, const std::string& old_name, const std::string& new_name) {
    Settled s;
    const int old_fd = open_dir_at(parent_fd, old_name);
    const int new_fd = open_dir_at(parent_fd, new_name);
    if (old_fd < 0 || new_fd < 0) {
        if (old_fd >= 0) ::close(old_fd);
        if (new_fd >= 0) ::close(new_fd);
        s.left = 1;
        return s;
    }
    std::set<std::string> outputs;
    std::optional<std::string> marker = read_small(old_fd, OutputSet::old_marker);
    const bool known = marker && marker->rfind(kMarkerHead, 0) == 0;
    if (known) {
        std::size_t at = std::strlen(kMarkerHead);
        while (at < marker->size()) {
            std::size_t nl = marker->find('\n', at);
            if (nl == std::string::npos) nl = marker->size();
            outputs.insert(marker->substr(at, nl - at));
            at = nl + 1;
        }
    }
    if (const auto names = list_dir(old_fd)) {
        settle_entries(old_fd, new_fd, *names, known ? &outputs : nullptr, s);
    } else {
        s.left = 1;
    }
    remove_old(parent_fd, old_name, old_fd, new_fd, s);
    ::close(old_fd);
    ::close(new_fd);
    return s;
}

/// Copies what it can of a folder's permissions, owner and extended attributes (ACLs) to
/// the folder that takes its place; what the system refuses is left as it is.
void copy_folder_attributes(int from_fd, int to_fd) {
    struct stat st {};
    if (::fstat(from_fd, &st) != 0) return;
    struct stat cur {};
    if (::fstat(to_fd, &cur) == 0 && (cur.st_uid != st.st_uid || cur.st_gid != st.st_gid)) {
        if (::fchown(to_fd, st.st_uid, st.st_gid) != 0) { /* not root: keep ours */ }
    }
    ::fchmod(to_fd, st.st_mode & 07777);
    const ssize_t size = ::flistxattr(from_fd, nullptr, 0);
    if (size <= 0) return;
    std::string names(static_cast<std::size_t>(size), '\0');
    const ssize_t got = ::flistxattr(from_fd, names.data(), names.size());
    if (got <= 0) return;
    names.resize(static_cast<std::size_t>(got));
    for (std::size_t at = 0; at < names.size();) {
        const std::string key = names.c_str() + at;
        at += key.size() + 1;
        const ssize_t vsize = ::fgetxattr(from_fd, key.c_str(), nullptr, 0);
        if (vsize < 0) continue;
        std::string value(static_cast<std::size_t>(vsize), '\0');
        const ssize_t v = ::fgetxattr(from_fd, key.c_str(), value.data(), value.size());
        if (v < 0) continue;
        ::fsetxattr(to_fd, key.c_str(), value.data(), static_cast<std::size_t>(v), 0);
    }
}

/// The names of the staging folder, lock and old folder for output folder `name`; a long
/// name is shortened (with a hash of the whole) to stay within 255 bytes.
std::string scratch_base(const std::string& name) {
    if (name.size() <= 200) return name;
    std::size_t cut = 180;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
    char hex[20];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return name.substr(0, cut) + "-" + hex;
}

/// True for a temporary file an earlier version of thidua (before the folder swap) left
/// in the output folder: ".NAME.tmp-PID" or ".NAME.old-PID", its process gone.
bool legacy_leftover(const std::string& n) {
    if (n.size() < 8 || n[0] != '.') return false;
    const std::size_t dash = n.rfind('-');
    if (dash == std::string::npos || dash + 1 >= n.size() || dash < 5) return false;
    const std::string tag = n.substr(dash - 4, 4);
    if (tag != ".tmp" && tag != ".old") return false;
    const std::string digits = n.substr(dash + 1);
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    const long pid = std::strtol(digits.c_str(), nullptr, 10);
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

OutputSet::OutputSet(std::string dir) : dir_text_(std::move(dir)) {}

void OutputSet::release_created() {
    for (Created& c : created_dirs_) {
        c.guard.reset();
        if (c.parent_fd >= 0) ::close(c.parent_fd);
    }
    created_dirs_.clear();
}

OutputSet::~OutputSet() {
    rollback();
    if (parent_fd_ >= 0) ::close(parent_fd_);
}

std::string OutputSet::display_path(const std::string& name) const {
    std::string d = dir_text_;
    if (d.empty()) return name;
    if (d.back() != '/') d += '/';
    return d + name;
}

void OutputSet::warn(Diagnostics& diags, std::string message) const {
    Diagnostic d;
    d.severity = Severity::warning;
    d.message = std::move(message);
    diags.add(std::move(d));
}

bool OutputSet::resolve(Diagnostics& diags) {
    const std::string given = dir_text_.empty() ? "." : dir_text_;
    std::error_code ec;
    struct stat st {};
    fs::path real;
    if (::stat(given.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            diags.error_general("thư mục kết quả " + in_quotes(dir_text_) +
                                " đã có nhưng không phải thư mục");
            return false;
        }
        real = fs::canonical(given, ec);
        if (ec) {
            diags.error_general("không dùng được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                                errno_text(ec.value()));
            return false;
        }
    } else if (errno == ENOENT) {
        // Remember which folders this run creates, outermost first, to remove them on
        // failure; the output folder itself is made by renaming the staging folder.
        const fs::path target = fs::absolute(given, ec).lexically_normal();
        fs::path dir = target;
        if (!dir.has_filename()) dir = dir.parent_path();  // a trailing slash
        std::vector<fs::path> missing;
        for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
            if (fs::exists(p, ec)) break;
            // A link to nowhere: creating the folder would only say the name is taken.
            if (fs::is_symlink(fs::symlink_status(p, ec))) {
                const fs::path to = fs::read_symlink(p, ec);
                diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) +
                                    ": " + in_quotes(p.string()) + " là liên kết tới " +
                                    in_quotes(to.string()) + ", nơi không có");
                return false;
            }
            missing.push_back(p);
            if (p == p.root_path()) break;
        }
        const fs::path parent = dir.parent_path();
        // Everything an interrupt or a refused allocation needs to remove them is taken
        // before the first folder is made (arming a guard then allocates nothing).
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            if (*it == dir) continue;
            Created c;
            c.path = it->string();
            c.parent = it->parent_path().string();
            c.name = it->filename().string();
            c.guard = std::make_unique<ScratchGuard>();
            c.guard->reserve();
            created_dirs_.push_back(std::move(c));
        }
        for (Created& c : created_dirs_) {
            if (::mkdir(c.path.c_str(), 0777) != 0 && errno != EEXIST) {
                diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                                    errno_text(errno));
                return false;
            }
            c.parent_fd = ::open(c.parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            c.guard->arm(c.parent_fd, c.name, Scratch::empty_folder);
        }
        struct stat pst {};
        const int bad = ::stat(parent.c_str(), &pst) != 0 ? errno : S_ISDIR(pst.st_mode) ? 0 : ENOTDIR;
        if (bad != 0) {
            diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                                errno_text(bad));
            return false;
        }
        real = fs::canonical(parent, ec) / dir.filename();
        if (ec) {
            diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                                errno_text(ec.value()));
            return false;
        }
    } else {
        diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                            errno_text(errno));
        return false;
    }
    if (real == real.root_path() || !real.has_filename()) {
        diags.error_general("không dùng được thư mục gốc " + in_quotes(dir_text_) +
                            " làm thư mục kết quả: hãy chọn một thư mục con");
        return false;
    }
    parent_ = real.parent_path().string();
    name_ = real.filename().string();
    const std::string base = scratch_base(name_);
    staging_ = "." + base + ".thidua-tmp";
    old_ = "." + base + ".thidua-old";
    lock_name_ = "." + base + ".thidua-lock";
    parent_fd_ = ::open(parent_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent_fd_ < 0) {
        diags.error_general("không mở được thư mục " + in_quotes(parent_) + " chứa thư mục kết quả: " +
                            errno_text(errno));
        return false;
    }
    // The swap renames the output folder: the root of a mounted file system (a USB stick
    // mounted at DIR) cannot be renamed.
    struct statx sx {};
    if (::statx(parent_fd_, name_.c_str(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0) {
        struct stat pst {};
        const bool mount_root =
            ((sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) != 0 &&
             (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0) ||
            (::fstat(parent_fd_, &pst) == 0 &&
             ::makedev(sx.stx_dev_major, sx.stx_dev_minor) != pst.st_dev);
        if (mount_root) {
            diags.error_general(
                "thư mục kết quả " + in_quotes(dir_text_) +
                " là gốc của một ổ đĩa (điểm gắn kết): thidua thay cả bộ văn bản bằng cách đổi "
                "chỗ thư mục, điều không làm được với gốc ổ đĩa; hãy ghi vào một thư mục con, ví "
                "dụ " + in_quotes(display_path("ho-so")));
            return false;
        }
    }
    return true;
}

bool OutputSet::lock(Diagnostics& diags) {
    lock_guard_.reserve();
    for (int attempt = 0; attempt < 20; ++attempt) {
        const int fd = ::openat(parent_fd_, lock_name_.c_str(),
                                O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0) {
            diags.error_general(
                "không ghi được vào thư mục " + in_quotes(parent_) + " chứa thư mục kết quả: " +
                errno_text(errno) + "; thidua dựng bộ văn bản mới ngay cạnh " +
                in_quotes(dir_text_) + " rồi mới đổi chỗ, nên cần ghi được vào đó");
            return false;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            if (err == EWOULDBLOCK) {
                std::string pid = read_small(parent_fd_, lock_name_).value_or("");
                while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
                const bool digits = !pid.empty() && pid.size() < 12 &&
                                    pid.find_first_not_of("0123456789") == std::string::npos;
                ::close(fd);
                diags.error_general("thư mục kết quả " + in_quotes(dir_text_) +
                                    " đang được một lần chạy thidua khác ghi" +
                                    (digits ? " (tiến trình " + pid + ")" : std::string()) +
                                    "; chờ lần chạy đó xong rồi chạy lại");
                return false;
            }
            // No locks on this file system (some network shares): go on without one.
            if (err != ENOLCK && err != EOPNOTSUPP && err != EINVAL && err != ENOSYS) {
                ::close(fd);
                diags.error_general("không khóa được thư mục kết quả " + in_quotes(dir_text_) +
                                    ": " + errno_text(err));
                return false;
            }
        }
        // The lock file may have been removed by the run that held it just before we
        // locked it: then our lock is on a file nobody else sees. Try again.
        struct stat a {};
        const Entry b = entry_at(parent_fd_, lock_name_);
        if (::fstat(fd, &a) != 0 || !b.exists || a.st_ino != b.ino || a.st_dev != b.dev) {
            ::close(fd);
            continue;
        }
        lock_fd_ = fd;
        const std::string pid = std::to_string(::getpid()) + "\n";
        if (::ftruncate(fd, 0) == 0) {
            if (::pwrite(fd, pid.data(), pid.size(), 0) < 0) { /* the pid is only informative */ }
        }
        lock_guard_.arm(parent_fd_, lock_name_, Scratch::file, fd);
        return true;
    }
    diags.error_general("không khóa được thư mục kết quả " + in_quotes(dir_text_));
    return false;
}

void OutputSet::unlock() {
    if (lock_fd_ < 0) return;
    // Remove the file while still holding the lock, so that no one locks a file that is
    // about to disappear (they check, see lock()).
    ::unlinkat(parent_fd_, lock_name_.c_str(), 0);
    lock_guard_.release();
    ::close(lock_fd_);
    lock_fd_ = -1;
}

bool OutputSet::recover(Diagnostics& diags) {
    const std::string shown = in_quotes(dir_text_);
    const Entry dir = entry_at(parent_fd_, name_);
    const Entry staging = entry_at(parent_fd_, staging_);
    const Entry old = entry_at(parent_fd_, old_);
    auto has_marker = [&](const std::string& folder) {
        const int fd = open_dir_at(parent_fd_, folder);
        if (fd < 0) return false;
        const bool yes = entry_at(fd, old_marker).exists;
        ::close(fd);
        return yes;
    };
    auto report_settled = [&](const Settled& s, const std::string& folder, std::string what) {
        if (s.moved > 0) {
            what += "; đã trả " + std::to_string(s.moved) + " tệp, thư mục khác về " + shown;
        }
        if (!s.removed) {
            what += "; một số mục chưa chuyển được, vẫn nằm ở " + in_quotes(parent_ + "/" + folder) +
                    ": hãy xem và chuyển tay";
        }
        warn(diags, std::move(what));
    };
    const std::string killed = "lần chạy trước vào thư mục " + shown;
    if (staging.exists && has_marker(staging_)) {
        // Killed after the exchange: the staging name holds the old set.
        if (dir.exists) {
            report_settled(settle_old(parent_fd_, staging_, name_), staging_,
                           killed + " bị ngắt ngay sau khi đã đổi sang bộ văn bản mới; đã dọn bộ "
                                    "cũ nó để lại");
        } else if (::renameat(parent_fd_, staging_.c_str(), parent_fd_, name_.c_str()) == 0) {
            ::unlinkat(parent_fd_, (name_ + "/" + old_marker).c_str(), 0);
            warn(diags, killed + " bị ngắt giữa chừng; đã đặt lại bộ văn bản cũ vào chỗ");
        }
    } else if (staging.exists && !dir.exists && old.exists) {
        // Killed between the two renames of the swap without RENAME_EXCHANGE: the new
        // set was complete; finish its commit.
        if (::renameat(parent_fd_, staging_.c_str(), parent_fd_, name_.c_str()) == 0) {
            report_settled(settle_old(parent_fd_, old_, name_), old_,
                           killed + " bị ngắt giữa hai bước đổi thư mục; đã đặt bộ văn bản mới "
                                    "(đã ghi trọn) của lần chạy đó vào chỗ");
        }
    } else if (staging.exists) {
        // Killed before its commit: its files are discarded, the folder is as it was.
        if (!remove_flat_folder(parent_fd_, staging_.c_str())) {
            diags.error_general(killed + " bị ngắt và để lại thư mục tạm " +
                                in_quotes(parent_ + "/" + staging_) +
                                " mà thidua không dọn được (có thư mục con?): hãy xem và xoá nó");
            return false;
        }
        warn(diags, killed + " bị ngắt khi chưa ghi xong; đã xoá các tệp dở dang nó để lại, "
                             "thư mục vẫn như trước lần chạy đó");
    }
    if (entry_at(parent_fd_, old_).exists) {
        if (entry_at(parent_fd_, name_).exists) {
            report_settled(settle_old(parent_fd_, old_, name_), old_,
                           killed + " bị ngắt ngay sau khi đã đổi sang bộ văn bản mới; đã dọn bộ "
                                    "cũ nó để lại");
        } else if (::renameat(parent_fd_, old_.c_str(), parent_fd_, name_.c_str()) == 0) {
            warn(diags, killed + " bị ngắt giữa chừng; đã đặt lại bộ văn bản cũ vào chỗ");
        }
    }
    // The marker of a run killed just before its swap.
    const int dir_fd = open_dir_at(parent_fd_, name_);
    if (dir_fd >= 0) {
        ::unlinkat(dir_fd, old_marker, 0);
        // Temporaries of a killed run of an earlier thidua (renamed file by file).
        std::size_t legacy = 0;
        if (auto names = list_dir(dir_fd)) {
            for (const auto& n : *names) {
                const Entry e = entry_at(dir_fd, n);
                if (!e.dir && legacy_leftover(n) && ::unlinkat(dir_fd, n.c_str(), 0) == 0) ++legacy;
            }
        }
        if (legacy > 0) {
            warn(diags, "đã xoá " + std::to_string(legacy) +
                            " tệp tạm mà một lần chạy bị ngắt của phiên bản thidua cũ để lại trong " +
                            shown);
        }
        ::close(dir_fd);
    }
    return true;
}

bool OutputSet::prepare(Diagnostics& diags) {
    install_interrupt_handlers();
    if (!resolve(diags) || !lock(diags) || !recover(diags)) {
        rollback();
        return false;
    }
    staging_guard_.reserve();
    if (::mkdirat(parent_fd_, staging_.c_str(), 0777) != 0) {
        if (errno == EEXIST) {
            // What a killed run left could not all be put back (see the warning above).
            diags.error_general("thư mục " + in_quotes(parent_ + "/" + staging_) +
                                " còn lại từ một lần chạy bị ngắt và chưa dọn được: hãy chuyển "
                                "những gì của bạn trong đó về " + in_quotes(dir_text_) +
                                " rồi xoá nó");
        } else {
            diags.error_general("không tạo được thư mục tạm " + in_quotes(parent_ + "/" + staging_) +
                                " cho thư mục kết quả " + in_quotes(dir_text_) + ": " +
                                errno_text(errno));
        }
        rollback();
        return false;
    }
    staging_guard_.arm(parent_fd_, staging_, Scratch::folder);
    staging_fd_ = open_dir_at(parent_fd_, staging_);
    if (staging_fd_ < 0) {
        diags.error_general("không mở được thư mục tạm " + in_quotes(parent_ + "/" + staging_) +
                            ": " + errno_text(errno));
        rollback();
        return false;
    }
    return true;
}

bool OutputSet::check_name(const std::string& name, Diagnostics& diags) const {
    const bool ok = !name.empty() && name != "." && name != ".." && name.size() <= 255 &&
                    name.find('/') == std::string::npos && name.find('\0') == std::string::npos &&
                    name != old_marker;
    if (!ok) diags.error_general("tên tệp kết quả không hợp lệ " + in_quotes(name));
    if (ok && staging_fd_ < 0) {
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) +
                            ": thư mục kết quả chưa sẵn sàng");
        return false;
    }
    return ok;
}

std::string OutputSet::stage(const std::string& name) const {
    return parent_ + "/" + staging_ + "/" + name;
}

bool OutputSet::write(const std::string& name, std::string_view bytes, Diagnostics& diags) {
    return put(name, bytes, O_TRUNC, true, diags);
}

bool OutputSet::append(const std::string& name, std::string_view bytes, Diagnostics& diags) {
    const bool first = appending_.insert(name).second;
    return put(name, bytes, first ? O_TRUNC : O_APPEND, false, diags);
}

bool OutputSet::put(const std::string& name, std::string_view bytes, int mode, bool flush,
                    Diagnostics& diags) {
    if (!check_name(name, diags)) return false;
    const int fd = ::openat(staging_fd_, name.c_str(),
                            O_WRONLY | O_CREAT | mode | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) {
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) + ": " +
                            errno_text(errno));
        return false;
    }
    bool ok = write_all(fd, bytes) && (!flush || ::fsync(fd) == 0);
    int err = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) + ": " +
                            errno_text(err));
        ::unlinkat(staging_fd_, name.c_str(), 0);
    }
    return ok;
}

bool OutputSet::sync(const std::string& name, Diagnostics& diags) {
    if (!check_name(name, diags)) return false;
    const int fd = ::openat(staging_fd_, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) + ": " +
                            errno_text(err));
        return false;
    }
    ::close(fd);
    return true;
}

bool OutputSet::commit(Diagnostics& diags) {
    if (staging_fd_ < 0 || committed_) return committed_;
    // Interrupt signals wait until the commit is over: the folder is then either as it was
    // (on a failure) or holds the new set. An allocation that fails in here is not fatal
    // (see interrupt.hpp): it throws, or a call fails, and the commit backs out.
    CommitSection section;
    try {
        const bool done = swap_in(diags);
        if (done) note_set_committed();
        return done;
    } catch (...) {
        if (committed_) {
            note_set_committed();
            return true;  // the new set is in place; a later run tidies up
        }
        try {
            diags.error_general("không thay được thư mục kết quả " + in_quotes(dir_text_) +
                                ": hết bộ nhớ");
        } catch (...) {
        }
        rollback();
        return false;
    }
}

bool OutputSet::swap_in(Diagnostics& diags) {
    auto fail = [&](const std::string& message) {
        diags.error_general(message);
        rollback();
        return false;
    };
    const auto outputs = list_dir(staging_fd_);
    if (!outputs) return fail("không đọc được thư mục tạm " + in_quotes(parent_ + "/" + staging_));
    fsync_dir(staging_fd_);
    const std::string dir_display = in_quotes(dir_text_.empty() ? "." : dir_text_);
    // What was built while memory ran short cannot be trusted (a library may have left a
    // piece out and said nothing): keep the old set.
    if (thidua_allocation_failures() > 0) {
        return fail("không thay được thư mục kết quả " + dir_display + ": hết bộ nhớ");
    }

    bool cwd_replaced = false;
    const int dir_fd = open_dir_at(parent_fd_, name_);
    if (dir_fd < 0 && errno != ENOENT) {
        return fail("không mở được thư mục kết quả " + dir_display + ": " + errno_text(errno));
    }
    if (dir_fd < 0) {
        // A new folder: one rename puts the whole set in place.
        int rc = ::renameat2(parent_fd_, staging_.c_str(), parent_fd_, name_.c_str(), RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) &&
            !entry_at(parent_fd_, name_).exists) {
            rc = ::renameat(parent_fd_, staging_.c_str(), parent_fd_, name_.c_str());
        }
        if (rc != 0) {
            return fail("không tạo được thư mục kết quả " + dir_display + ": " + errno_text(errno));
        }
        staging_guard_.release();
        committed_ = true;
    } else {
        struct Closer {
            int fd;
            ~Closer() { ::close(fd); }
        } close_dir{dir_fd};
        // A file of the new set may not replace a folder (the user's, with its files).
        for (const std::string& n : *outputs) {
            if (entry_at(dir_fd, n).dir) {
                return fail("không ghi được tệp " + in_quotes(display_path(n)) + ": " +
                            errno_text(EEXIST));
            }
        }
        // Carry everything else over by hard links: the new folder then holds it too, at
        // the instant of the swap, and nothing is copied.
        const std::set<std::string> out_set(outputs->begin(), outputs->end());
        const auto present = list_dir(dir_fd);
        if (!present) {
            return fail("không đọc được thư mục kết quả " + dir_display + ": " + errno_text(errno));
        }
        std::optional<std::set<std::string>> own;  // the old set's files, read when needed
        for (const std::string& n : *present) {
            if (out_set.count(n) != 0 || n == old_marker) continue;
            if (::linkat(dir_fd, n.c_str(), staging_fd_, n.c_str(), 0) == 0 || errno == EEXIST) continue;
            // No hard link (FAT, exFAT, some SMB shares): the files of the earlier set that
            // this one keeps are copied, so that thidua's files in the folder are a whole
            // set at the instant of the swap, killed or not. The user's own files and
            // folders, of any size, are moved after the swap instead (as is a kept file
            // whose copy fails, for want of room say).
            if (!own) own = manifest_files(dir_fd);
            if (own->count(n) != 0) copy_file_at(dir_fd, n, staging_fd_);
        }
        copy_folder_attributes(dir_fd, staging_fd_);
        fsync_dir(staging_fd_);
        // The marker says which folder is the old one, should the process be killed
        // during the swap, and what the new set replaces.
        std::string marker = kMarkerHead;
        for (const std::string& n : *outputs) marker += n + "\n";
        marked_ = true;
        const int mfd = ::openat(dir_fd, old_marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
        const bool marker_ok = mfd >= 0 && write_all(mfd, marker) && ::fsync(mfd) == 0;
        const int merr = errno;
        if (mfd >= 0) ::close(mfd);
        if (!marker_ok) {
            return fail("không ghi được vào thư mục kết quả " + dir_display + ": " + errno_text(merr));
        }
        fsync_dir(dir_fd);
        // Is our working folder the output folder (-o .)? After the swap it is the old one.
        struct stat here {}, there {};
        cwd_replaced = ::stat(".", &here) == 0 && ::fstat(dir_fd, &there) == 0 &&
                       here.st_dev == there.st_dev && here.st_ino == there.st_ino;

        // The swap: one atomic exchange, else two renames.
        std::string old_folder = staging_;
        if (::renameat2(parent_fd_, staging_.c_str(), parent_fd_, name_.c_str(), RENAME_EXCHANGE) != 0) {
            const int err = errno;
            if (err != EINVAL && err != ENOSYS && err != EOPNOTSUPP) {
                return fail("không thay được thư mục kết quả " + dir_display + ": " + errno_text(err));
            }
            if (::renameat(parent_fd_, name_.c_str(), parent_fd_, old_.c_str()) != 0) {
                return fail("không thay được thư mục kết quả " + dir_display + ": " + errno_text(errno));
            }
            if (::renameat(parent_fd_, staging_.c_str(), parent_fd_, name_.c_str()) != 0) {
                const int e2 = errno;
                ::renameat(parent_fd_, old_.c_str(), parent_fd_, name_.c_str());
                return fail("không thay được thư mục kết quả " + dir_display + ": " + errno_text(e2));
            }
            old_folder = old_;
        }
        // From here on the output folder holds the new set: the staging name, if it still
        // exists, holds the old one, which an interrupt must not touch. Nothing below may
        // stop halfway for want of memory: the names were listed before the swap.
        staging_guard_.release();
        committed_ = true;
        fsync_dir(parent_fd_);
        Settled settled;
        const int old_fd = open_dir_at(parent_fd_, old_folder);
        const int new_fd = open_dir_at(parent_fd_, name_);
        if (old_fd >= 0 && new_fd >= 0) {
            settle_entries(old_fd, new_fd, *present, &out_set, settled);
            remove_old(parent_fd_, old_folder, old_fd, new_fd, settled);
        } else {
            settled.left = 1;
        }
        if (old_fd >= 0) ::close(old_fd);
        if (new_fd >= 0) ::close(new_fd);
        try {
            // What the user added while the commit ran (not in the listing), then a word.
            if (!settled.removed && entry_at(parent_fd_, old_folder).exists) {
                settled = settle_old(parent_fd_, old_folder, name_);
            }
            if (!settled.removed) {
                warn(diags, "bộ văn bản mới đã ghi xong vào " + dir_display + ", nhưng " +
                                std::to_string(settled.left) +
                                " mục cũ chưa chuyển được về đó, vẫn nằm ở " +
                                in_quotes(parent_ + "/" + old_folder) +
                                "; lần chạy sau sẽ thử lại, hoặc hãy chuyển tay");
            }
        } catch (...) {
        }
    }
    fsync_dir(parent_fd_);
    release_created();
    ::close(staging_fd_);
    staging_fd_ = -1;
    unlock();
    // Our own working folder was the old output folder, now gone: the shell that started
    // us is probably there too.
    if (cwd_replaced) {
        try {
            Diagnostic d;
            d.severity = Severity::note;
            d.message = "thư mục hiện tại là thư mục kết quả cũ, nay đã được thay bằng thư mục "
                        "mới cùng tên: gõ \"cd .\" để thấy các tệp mới";
            diags.add(std::move(d));
        } catch (...) {
        }
    }
    return true;
}

void OutputSet::rollback() {
    if (committed_) return;
    if (marked_) {
        ::unlinkat(parent_fd_, (name_ + "/" + old_marker).c_str(), 0);
        marked_ = false;
    }
    if (staging_fd_ >= 0) {
        ::close(staging_fd_);
        staging_fd_ = -1;
    }
    if (staging_guard_.armed()) {
        remove_flat_folder(parent_fd_, staging_.c_str());
        staging_guard_.release();
    }
    unlock();
    // Innermost first; a folder that is not empty stays.
    for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) {
        ::rmdir(it->path.c_str());
    }
    release_created();
}

}  // namespace thidua::driver
