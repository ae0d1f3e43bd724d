// Stage: driver. How the driver quotes what the user typed (a path, a kind, a unit) in a
// message, so that a terminal always gets valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace thidua::driver {

/// Returns `s` in straight double quotes; bytes that are not valid UTF-8 are shown as
/// \xNN and control characters as \n, \t or \uNNNN, so nothing garbles the terminal.
std::string in_quotes(std::string_view s);

}  // namespace thidua::driver
