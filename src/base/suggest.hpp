// Stage: base. "Did you mean …?" hints for unknown names (JSON keys, template fields,
// filters): the closest known name by edit distance over characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace thidua {

/// Returns the edit distance (insert, delete, substitute, swap of neighbours) between two
/// UTF-8 strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Returns the known name closest to `name` when it is within `max_distance` edits (and
/// the hint is unambiguous enough to help), or an empty string.
std::string closest_name(std::string_view name, const std::vector<std::string>& known,
                         std::size_t max_distance = 2);

}  // namespace thidua
