// Stage: driver. Where the program's own files are: schemas/campaign.schema.json, the
// templates/ folder and the fonts/ folder.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"

namespace thidua::driver {

/// The folder holding schemas/, templates/ and fonts/, and the paths derived from it.
struct DataDir {
    std::string root;

    std::string schema() const { return root + "/schemas/campaign.schema.json"; }
    std::string templates() const { return root + "/templates"; }
    std::string fonts() const { return root + "/fonts"; }
};

/// Finds the data folder: (1) the environment variable THIDUA_DATA_DIR when set (it must
/// hold schemas/campaign.schema.json: no silent fallback); (2) the folder compiled in
/// (CMake cache variable THIDUA_DATA_DIR, the source tree by default); (3) next to the
/// executable: its folder, the folder above it, and ../share/thidua. Reports a
/// Vietnamese error naming every place tried when none has the schema.
std::optional<DataDir> find_data_dir(Diagnostics& diags);

}  // namespace thidua::driver
