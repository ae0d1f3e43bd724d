// Stage: render/zip. The parts of an Office package (a Word file of render/docx, the tracking
// workbook of render/xlsx) → the zip, through libzip: entries in the order given, deflated,
// every timestamp 1980-01-01 00:00, so the same parts give the same bytes on any machine, in
// any time zone. The only writer that includes <zip.h>.
// In: named parts (bytes, or pieces of a file to read), in a list or lent one by one; out: the zip's bytes, or the zip
// written to a file, or an error message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace thidua::zip {

/// A stretch of a file: `size` bytes from `offset`.
struct Range {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

struct Part {
    Part() = default;
    Part(std::string part_name, std::string part_bytes, int part_fd = -1,
         std::uint64_t part_size = 0)
        : name(std::move(part_name)), bytes(std::move(part_bytes)), fd(part_fd),
          size(part_size) {}

    std::string name;   ///< path in the package, "word/document.xml"
    std::string bytes;
    /// When not -1: the part is the first `size` bytes of this file (open for reading,
    /// still the caller's), not `bytes`; or, when `ranges` is not empty, those stretches of
    /// the file one after the other (read with pread at zip time: the file's offset is left
    /// alone).
    int fd = -1;
    std::uint64_t size = 0;
    std::vector<Range> ranges;
};

/// A part lent for a moment (see zip_parts_to below): `name` is copied at once; `bytes`, or
/// the stretches `ranges[0, range_count)` of the file `fd` (or its first `size` bytes when
/// `ranges` is null), must stay alive until the zip is written.
struct PartView {
    std::string name;
    std::string_view bytes;
    int fd = -1;
    std::uint64_t size = 0;
    const Range* ranges = nullptr;
    std::size_t range_count = 0;
};

/// Returns the zip holding `parts`, or nullopt with `error` set (libzip's message).
std::optional<std::string> zip_parts(const std::vector<Part>& parts, std::string& error);

/// Writes the zip holding `parts` to the file `path` (the same bytes zip_parts returns);
/// false with `error` set.
bool zip_parts_to(const std::vector<Part>& parts, const std::string& path, std::string& error);

/// Writes the zip of `count` parts to the file `path`, `part(i)` lending the i-th (asked
/// once each, in order): a package of ten thousand parts needs no list of them, only
/// libzip's entries. The same bytes as zip_parts_to of the same parts; false with `error`
/// set.
bool zip_parts_to(std::size_t count, const std::function<PartView(std::size_t)>& part,
                  const std::string& path, std::string& error);

}  // namespace thidua::zip
