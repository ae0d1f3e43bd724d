#include "driver/output_set.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

#include "driver/messages.hpp"

namespace thidua::driver {

namespace {

namespace fs = std::filesystem;

/// Returns the reason for a failed system call in Vietnamese (the C library's English text
/// for the rare ones).
std::string errno_text(int err) {
    switch (err) {
        case ENOENT: return "không có thư mục hay tệp này";
        case EACCES:
        case EPERM: return "không có quyền ghi";
        case ENOSPC: return "ổ đĩa đã đầy";
        case EDQUOT: return "đã hết hạn mức dung lượng";
        case EROFS: return "ổ đĩa chỉ cho đọc";
        case EISDIR: return "đã có một thư mục trùng tên";
        case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
        case ENOTEMPTY:
        case EEXIST: return "đã có một thư mục trùng tên, không thay được";
        case ENAMETOOLONG: return "đường dẫn quá dài";
        case EIO: return "lỗi đọc ghi ổ đĩa";
        default: return std::strerror(err);
    }
}

std::string error_text(const std::error_code& ec) {
    if (ec.category() == std::generic_category() || ec.category() == std::system_category()) {
        return errno_text(ec.value());
    }
    return ec.message();
}

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

/// Flushes the file at `path` to disk; false with errno set on failure.
bool fsync_path(const fs::path& path, bool directory) {
    int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return false;
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    // Some file systems refuse fsync on a folder; that is not worth failing for.
    if (rc != 0 && directory && (err == EINVAL || err == EBADF)) return true;
    errno = err;
    return rc == 0;
}

// Interrupted by Ctrl-C (SIGINT), SIGTERM or SIGHUP, the process removes its temporaries
// and the folders it created before it dies. A signal handler may only call functions
// like unlink and rmdir, so the paths live in a fixed table of C strings that is only
// ever appended to (a slot is published by bumping the count after it is written).
constexpr int kMaxCleanup = 4096;
char* g_cleanup[kMaxCleanup];
bool g_cleanup_is_dir[kMaxCleanup];
std::atomic<int> g_cleanup_count{0};
std::atomic<bool> g_cleanup_armed{false};

extern "C" void cleanup_and_die(int sig) {
    if (g_cleanup_armed.load()) {
        const int n = g_cleanup_count.load();
        for (int i = n - 1; i >= 0; --i) {
            if (g_cleanup[i] == nullptr) continue;
            if (g_cleanup_is_dir[i]) {
                ::rmdir(g_cleanup[i]);
            } else {
                ::unlink(g_cleanup[i]);
            }
        }
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_handlers() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction sa {};
        sa.sa_handler = cleanup_and_die;
        sigemptyset(&sa.sa_mask);
        struct sigaction old {};
        // Leave a signal the caller chose to ignore (nohup) ignored.
        if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        ::sigaction(sig, &sa, nullptr);
    }
}

/// Adds a path for the signal handler to remove; the string is never freed (a handler may
/// be reading it), which costs a few bytes per output file.
void register_cleanup(const fs::path& path, bool is_dir) {
    install_handlers();
    int i = g_cleanup_count.load();
    if (i >= kMaxCleanup) return;
    g_cleanup[i] = ::strdup(path.c_str());
    g_cleanup_is_dir[i] = is_dir;
    g_cleanup_count.store(i + 1);
    g_cleanup_armed.store(true);
}

}  // namespace

OutputSet::OutputSet(std::string dir) : dir_text_(std::move(dir)), dir_(dir_text_) {
    if (dir_.empty()) dir_ = ".";
}

OutputSet::~OutputSet() {
    if (!committed_) rollback();
}

std::string OutputSet::display_path(const std::string& name) const {
    std::string d = dir_text_;
    if (d.empty()) return name;
    if (d.back() != '/') d += '/';
    return d + name;
}

bool OutputSet::prepare(Diagnostics& diags) {
    std::error_code ec;
    fs::file_status st = fs::status(dir_, ec);
    if (fs::exists(st)) {
        if (!fs::is_directory(st)) {
            diags.error_general("thư mục kết quả " + in_quotes(dir_text_) +
                                " đã có nhưng không phải thư mục");
            return false;
        }
        return true;
    }
    // Remember which folders this run creates, outermost first, to remove them on failure.
    std::vector<fs::path> missing;
    for (fs::path p = fs::absolute(dir_, ec).lexically_normal(); !p.empty();
         p = p.parent_path()) {
        if (p.has_filename() == false && p != p.root_path()) {  // trailing slash
            continue;
        }
        if (fs::exists(p, ec)) break;
        // A link to nowhere: create_directories would only say the name is taken.
        if (fs::is_symlink(fs::symlink_status(p, ec))) {
            const fs::path target = fs::read_symlink(p, ec);
            diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                                in_quotes(p.string()) + " là liên kết tới " +
                                in_quotes(target.string()) + ", nơi không có");
            return false;
        }
        missing.push_back(p);
        if (p == p.root_path()) break;
    }
    fs::create_directories(dir_, ec);
    if (ec) {
        diags.error_general("không tạo được thư mục kết quả " + in_quotes(dir_text_) + ": " +
                            error_text(ec));
        for (auto it = missing.begin(); it != missing.end(); ++it) fs::remove(*it, ec);
        return false;
    }
    created_dirs_.assign(missing.rbegin(), missing.rend());
    for (const auto& d : created_dirs_) register_cleanup(d, true);
    return true;
}

std::string OutputSet::stage(const std::string& name) {
    for (const auto& e : entries_) {
        if (e.name == name) return e.temp.string();
    }
    Entry e;
    e.name = name;
    e.final_path = dir_ / name;
    e.temp = dir_ / ("." + name + ".tmp-" + std::to_string(::getpid()));
    entries_.push_back(e);
    register_cleanup(entries_.back().temp, false);
    return entries_.back().temp.string();
}

bool OutputSet::write(const std::string& name, std::string_view bytes, Diagnostics& diags) {
    const fs::path temp = stage(name);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) + ": " +
                            errno_text(errno));
        return false;
    }
    bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
    int err = errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) + ": " +
                            errno_text(err));
        std::error_code ec;
        fs::remove(temp, ec);
    }
    return ok;
}

bool OutputSet::sync(const std::string& name, Diagnostics& diags) {
    const fs::path temp = stage(name);
    if (!fsync_path(temp, false)) {
        diags.error_general("không ghi được tệp " + in_quotes(display_path(name)) + ": " +
                            errno_text(errno));
        return false;
    }
    return true;
}

bool OutputSet::commit(Diagnostics& diags) {
    std::error_code ec;
    const std::string pid = std::to_string(::getpid());
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        Entry& e = entries_[i];
        // Keep the file an earlier run left (a hard link costs nothing) so that a failure
        // further on can put it back.
        e.backup.clear();
        if (fs::is_regular_file(fs::symlink_status(e.final_path, ec))) {
            fs::path backup = dir_ / ("." + e.name + ".old-" + pid);
            fs::remove(backup, ec);
            fs::create_hard_link(e.final_path, backup, ec);
            if (!ec) e.backup = backup;
        }
        fs::rename(e.temp, e.final_path, ec);
        if (ec) {
            diags.error_general("không ghi được tệp " + in_quotes(display_path(e.name)) + ": " +
                                error_text(ec));
            if (!e.backup.empty()) fs::remove(e.backup, ec);
            e.backup.clear();
            rollback();
            return false;
        }
        e.renamed = true;
    }
    g_cleanup_armed.store(false);  // the files are in place: an interrupt must keep them
    fsync_path(dir_, true);
    for (auto& e : entries_) {
        if (!e.backup.empty()) fs::remove(e.backup, ec);
    }
    committed_ = true;
    return true;
}

void OutputSet::rollback() {
    std::error_code ec;
    // Undo in reverse order: put back what an earlier run left, remove what is new.
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        if (it->renamed) {
            if (!it->backup.empty()) {
                fs::rename(it->backup, it->final_path, ec);
            } else {
                fs::remove(it->final_path, ec);
            }
            it->renamed = false;
        } else if (!it->backup.empty()) {
            fs::remove(it->backup, ec);
        }
        it->backup.clear();
        fs::remove(it->temp, ec);
    }
    entries_.clear();
    // Innermost first; fs::remove leaves a folder that is not empty.
    for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) {
        fs::remove(*it, ec);
    }
    created_dirs_.clear();
}

}  // namespace thidua::driver
