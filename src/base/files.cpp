#include "base/files.hpp"

#include <cerrno>
#include <cstring>
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

std::string errno_text(int err) {
    switch (err) {
        case ENOENT: return "không có thư mục hay tệp này";
        case EACCES:
        case EPERM: return "không có quyền ghi";
        case ENOSPC: return "ổ đĩa đã đầy";
        case EDQUOT: return "đã hết hạn mức dung lượng";
        case EFBIG: return "tệp vượt quá giới hạn kích thước tệp (ulimit -f)";
        case EROFS: return "ổ đĩa chỉ cho đọc";
        case EISDIR: return "đã có một thư mục trùng tên";
        case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
        case ENOTEMPTY:
        case EEXIST: return "đã có một thư mục trùng tên, không thay được";
        case ENAMETOOLONG: return "đường dẫn quá dài";
        case EIO: return "lỗi đọc ghi ổ đĩa";
        case EBUSY: return "thư mục đang được dùng (mở ở chương trình khác, hoặc là điểm gắn ổ đĩa)";
        case EXDEV: return "không cùng một ổ đĩa";
        case ELOOP: return "quá nhiều liên kết lồng nhau";
        default: return std::strerror(err);
    }
}

}  // namespace thidua::files
