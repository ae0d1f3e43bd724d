// Stage: render/docx (internal). The parts of a Word file → the .docx (a zip) in memory,
// through libzip: entries in the order given, deflated, every timestamp 1980-01-01 00:00,
// so the same parts give the same bytes on any machine, in any time zone.
// In: named parts; out: the zip's bytes, or an error message.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace thidua::docx::detail {

struct Part {
    std::string name;   ///< path in the package, "word/document.xml"
    std::string bytes;
};

/// Returns the zip holding `parts`, or nullopt with `error` set (libzip's message).
std::optional<std::string> zip_parts(const std::vector<Part>& parts, std::string& error);

}  // namespace thidua::docx::detail
