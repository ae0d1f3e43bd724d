// Stage: driver. The documents thidua can produce, as one table: adding a document kind
// is one row in kinds.cpp plus its template.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.hpp"

namespace thidua::driver {

/// What a kind is written as.
enum class OutputFormat { pdf, xlsx };

/// How many documents of a kind one campaign gives.
enum class Each {
    campaign,  ///< one
    unit,      ///< one per element of /units, bound to the template variable "unit"
    nominee,   ///< one per element of /nomination/nominees, bound to "nominee"
};

/// One kind of output document.
struct DocumentKind {
    std::string_view name;           ///< as on the command line and in manifest.json
    std::string_view template_file;  ///< "<name>.tpl" in the templates folder; empty for XLSX
    Each each = Each::campaign;
    OutputFormat format = OutputFormat::pdf;
    /// A JSON pointer the campaign must hold a non-empty value at for the kind to apply
    /// (e.g. "/nomination"); empty: always. Kinds per unit or nominee also need their list.
    std::string_view needs;
    std::string_view description;    ///< Vietnamese, for --help
    /// Per-unit kinds: also write "<name>.pdf", every unit's document one after the other
    /// (each starting on a new page with its own page numbers), for printing at once.
    bool combined = false;
    /// Per-nominee kinds: only the nominees whose council vote reaches their share; the
    /// others get a warning from the rule checks and no document.
    bool passing_only = false;
    /// Made only when asked for with --only (a tool for the office, not a document of the
    /// campaign): `render` without --only and `check` leave it out.
    bool on_request = false;
};

/// The kind of the blank workbook to fill with units and nominees
/// (render/xlsx/roster_workbook.hpp) rather than the tracking workbook.
inline constexpr std::string_view roster_kind = "mau-don-vi";

/// Returns every kind, in the order outputs are produced and listed in the manifest.
const std::vector<DocumentKind>& document_kinds();

/// Returns the kind called `name`, or nullptr.
const DocumentKind* find_kind(std::string_view name);

/// Returns the kind names joined by ", " (for messages).
std::string kind_names();

/// Returns where the documents of `each` come from in the campaign: "/units",
/// "/nomination/nominees"; "" for Each::campaign.
std::string_view each_pointer(Each each);
/// Returns the template variable one element is bound to: "unit", "nominee"; "" for one.
std::string_view each_variable(Each each);

/// Returns the output file names of a kind, one per element of `items` (the array at
/// each_pointer; ignored for Each::campaign): "ke-hoach.pdf", "theo-doi.xlsx"; per element
/// "<name>-<id>.pdf" when every element has a distinct "id" of [a-z0-9-], else
/// "<name>-<NN>.pdf" with the 1-based position zero-padded to at least two digits.
/// The combined file of a per-unit kind is not in the list (it is "<name>.pdf").
std::vector<std::string> output_file_names(const DocumentKind& kind, const Json* items);

}  // namespace thidua::driver
