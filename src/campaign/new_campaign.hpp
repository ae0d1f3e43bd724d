// Stage: campaign. `thidua new`: a complete campaign file to start from, made of the
// skeleton templates/moi/ke-hoach.json and the wording of each level templates/moi/cap.json
// (both files an office can adapt): every "{{name}}" of the skeleton is replaced by the
// value the options and the level give; "[…]" marks are left where only the office can
// decide. Nothing is assumed about the campaign's subject.
// In: the options and the two files' text; out: the new file's JSON text (two-space
// indent, keys in the skeleton's order, final newline), or diagnostics naming the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

namespace thidua {

/// What `thidua new` was asked for.
struct NewOptions {
    std::string level;         ///< "tinh", "xa", "phuong" or "dac-khu" (a key of cap.json)
    std::string agency;        ///< "UBND phường An Phú"; empty: a "[…]" mark
    int year = 0;              ///< the plan's year
    int units = 0;             ///< how many units (tổ dân phố, thôn…) to list
    int phases = 0;            ///< how many phases; 0: none
    std::string schema_ref;    ///< the "$schema" value written
};

/// The levels in force since 01/07/2025, as written on the command line.
const std::vector<std::string>& new_levels();

/// Returns the new campaign file's text, or nullopt with errors at `skeleton_path` or
/// `levels_path`.
std::optional<std::string> make_new_campaign(const NewOptions& opt, const std::string& skeleton,
                                             const std::string& skeleton_path,
                                             const std::string& levels,
                                             const std::string& levels_path, Diagnostics& diags);

}  // namespace thidua
