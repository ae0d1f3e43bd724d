// Stage: render/xlsx. The Excel tracking workbook of a campaign (issue 4).
// In: the validated campaign JSON (schemas/campaign.schema.json); out: an .xlsx file with a
// summary sheet "Tổng hợp", one protected tracking sheet per unit and a hidden list sheet.
// The sheets track the plan's indicators; a plan without any tracks its content areas
// ("Đạt" / "Chưa đạt" in each phase) instead. A plan with a scoring table (thang điểm) also
// gets a sheet "Chấm điểm": one block per unit, self-scored and verified points per
// criterion, totals and rating; the summary ranks the units by the verified total.
// Written by xlsx_stream in memory that does not grow with the units: each sheet is spilled
// to a file without a name once written, and the package zipped from it at the end.
//
//     thidua::Diagnostics diags;
//     if (thidua::xlsx::write_tracking_workbook(campaign, "out.xlsx.tmp", diags))
//         std::rename("out.xlsx.tmp", "out.xlsx");
#pragma once

#include <string>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"

namespace thidua::xlsx {

/// The name of the first sheet, which sums up every unit.
inline constexpr const char* summary_sheet_name = "Tổng hợp";
/// The name of the sheet that scores every unit on the plan's scoring table (thang điểm),
/// when the plan has one.
inline constexpr const char* scoring_sheet_name = "Chấm điểm";
/// The name of the hidden sheet that holds the dropdown lists.
inline constexpr const char* list_sheet_name = "Danh mục";

/// Writes the tracking workbook of `campaign` to exactly `out_path` (give a temporary name
/// and rename it on success). Returns false, with the reasons in `diags`, when nothing
/// usable was written; never leaves a partial file behind. The same input always gives the
/// same bytes.
/// When `write_failed` is given, it is set to whether the failure came from creating or
/// writing the file (a full disk, a folder that cannot be written) rather than from the
/// campaign. The sheets' XML waits in `spill_fd` (an open, empty file without a name, still
/// the caller's: the driver registers it with its interrupt handler); without one, the
/// writer makes its own in the folder of `out_path` and removes its name at once.
bool write_tracking_workbook(const Json& campaign, const std::string& out_path,
                             Diagnostics& diags, bool* write_failed = nullptr,
                             int spill_fd = -1);

/// Returns how many sheets write_tracking_workbook writes for `campaign`: "Tổng hợp", one
/// per unit, "Chấm điểm" when the plan has a scoring table, "Danh mục".
std::size_t workbook_sheet_count(const Json& campaign);

/// Returns one valid, unique Excel sheet name per unit name, in order: at most 31
/// characters (shortened at a word boundary), none of []:*?/\ (each replaced by "-"),
/// no apostrophe at either end, whitespace collapsed, unique without regard to case
/// (later duplicates get " (2)", " (3)"…) and different from "Tổng hợp", "Chấm điểm", "Danh mục" and
/// Excel's reserved "History". An entry is "" when its name has nothing usable left.
std::vector<std::string> make_sheet_names(const std::vector<std::string>& unit_names);

/// Returns `sheet` as a formula reference prefix: "'Tổ dân phố 1'!" (quotes always,
/// inner apostrophes doubled).
std::string sheet_ref(const std::string& sheet);

}  // namespace thidua::xlsx
