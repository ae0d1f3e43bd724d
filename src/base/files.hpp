// Stage: base. Reads a whole file in one go, sized by the file itself; says why a system
// call failed, in Vietnamese.
// In: a path and a size limit; out: the bytes, or why they could not be read.
#pragma once

#include <cstddef>
#include <string>

namespace thidua::files {

enum class ReadStatus { ok, cannot_open, not_regular, too_large, read_error, changed };

/// Reads the regular file `path` whole into `out`: one allocation of the file's size and
/// reads straight into it (no per-character stream copies, no zero-fill of a worst case).
/// A file larger than `limit` bytes is not read; a file that grows or shrinks while being
/// read is reported as `changed`. `out` is left empty on any failure.
ReadStatus read_whole(const std::string& path, std::string& out, std::size_t limit);

/// Returns the reason for a failed system call (an errno value) in Vietnamese: "ổ đĩa đã
/// đầy", "tệp vượt quá giới hạn kích thước tệp (ulimit -f)"… (the C library's English
/// text for the rare ones). Every message about a file that could not be read or written
/// uses it.
std::string errno_text(int err);

}  // namespace thidua::files
