#include "base/files.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace thidua::files {

ReadStatus read_whole(const std::string& path, std::string& out, std::size_t limit) {
    out.clear();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return ReadStatus::cannot_open;
    struct Close {
        int fd;
        ~Close() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return ReadStatus::read_error;
    if (!S_ISREG(st.st_mode)) return ReadStatus::not_regular;
    if (st.st_size < 0 || static_cast<unsigned long long>(st.st_size) > limit) return ReadStatus::too_large;
    const auto size = static_cast<std::size_t>(st.st_size);
    // One byte more than the size, so that a file grown since fstat is noticed.
    out.resize(size + 1);
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t r = ::read(fd, out.data() + got, out.size() - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            out.clear();
            return ReadStatus::read_error;
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    if (got != size) {
        out.clear();
        return ReadStatus::changed;
    }
    out.resize(size);
    return ReadStatus::ok;
}

}  // namespace thidua::files
