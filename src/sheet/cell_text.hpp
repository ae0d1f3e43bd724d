// Stage: sheet (internal). What the .xlsx and CSV readers do alike to every text they
// read: check it, normalise it, and report what is wrong at its cell.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"

namespace thidua::sheet::detail {

/// Where a text was read, for the messages about it.
struct TextPlace {
    const std::string* path = nullptr;
    const std::string* sheet = nullptr;
    int row = 0;
    int col = 0;
};

/// Returns `raw` as a cell's text: valid UTF-8 (else an error), "\r\n" and "\r" as "\n",
/// NFC, at most max_cell_chars characters, and no control character but "\n" and "\t"
/// (each an error naming the character). nullopt when it was reported.
std::optional<std::string> clean_text(std::string_view raw, const TextPlace& at,
                                      Diagnostics& diags);

/// Returns `n` with "." between thousands, for messages ("1.000.000").
std::string count(std::size_t n);

}  // namespace thidua::sheet::detail
