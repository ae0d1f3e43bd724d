// Stage: render/xlsx. The workbook a clerk fills with the campaign's units, the
// individuals each unit registers and the collectives and individuals nominated for an
// award — the file a campaign names in "units_file" and "nomination.nominees_file".
// In: the validated campaign JSON; out: an .xlsx with one sheet per table of
// campaign/roster.hpp ("Đơn vị", "Cá nhân đăng ký", "Đề nghị khen thưởng") and the hidden
// list sheet "Danh mục": a title row, a protected header row (each header with a short
// note of what the column takes), frozen panes, column widths, number formats (dates as
// dates, codes and names as text), dropdown lists (collective or individual, gender, the
// campaign's award forms, the units of the first sheet) and the rows the campaign already
// has, so the file reads back into the same lists. Only this folder includes <xlsxwriter.h>.
//
//     thidua::Diagnostics diags;
//     thidua::xlsx::write_roster_workbook(campaign, "mau-don-vi.xlsx.tmp", diags);
#pragma once

#include <cstddef>
#include <string>

#include "base/json.hpp"

#include "base/diagnostics.hpp"

namespace thidua::xlsx {

/// Writes the roster workbook of `campaign` to exactly `out_path` (give a temporary name
/// and rename it on success). Returns false, with the reasons in `diags`, when nothing
/// usable was written; never leaves a partial file behind. The same input always gives
/// the same bytes (the creation date is the campaign's document date).
bool write_roster_workbook(const Json& campaign, const std::string& out_path,
                           Diagnostics& diags);

/// How many sheets write_roster_workbook writes: one per table, and "Danh mục".
std::size_t roster_sheet_count();

/// The rows of each table below the header that carry the dropdown lists and formats
/// beyond those the campaign fills: room to add this many units or people.
inline constexpr int roster_blank_rows = 1000;

}  // namespace thidua::xlsx
