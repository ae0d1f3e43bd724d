// Stage: render/docx (internal). The parts of a Word file → the .docx (a zip) in memory,
// through libzip: entries in the order given, deflated, every timestamp 1980-01-01 00:00,
// so the same parts give the same bytes on any machine, in any time zone.
// In: named parts (bytes, or a file to read); out: the zip's bytes, or the zip written to a
// file, or an error message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace thidua::docx::detail {

struct Part {
    std::string name;   ///< path in the package, "word/document.xml"
    std::string bytes;
    /// When not -1: the part is the first `size` bytes of this file (open for reading,
    /// still the caller's), not `bytes`.
    int fd = -1;
    std::uint64_t size = 0;
};

/// Returns the zip holding `parts`, or nullopt with `error` set (libzip's message).
std::optional<std::string> zip_parts(const std::vector<Part>& parts, std::string& error);

/// Writes the zip holding `parts` to the file `path` (the same bytes zip_parts returns);
/// false with `error` set.
bool zip_parts_to(const std::vector<Part>& parts, const std::string& path, std::string& error);

}  // namespace thidua::docx::detail
