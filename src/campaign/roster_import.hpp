// Stage: campaign. Takes a campaign's units and nominees from the spreadsheet its file
// names, before the schema and the rules see the campaign: "units_file" gives "units"
// (sheets "Đơn vị" and "Cá nhân đăng ký" of an .xlsx, or one CSV of units),
// "nomination.nominees_file" gives "nomination.nominees" (sheet "Đề nghị khen thưởng", or
// one CSV). Columns are found by their header text in any order (campaign/roster.hpp);
// each cell becomes a value of the model the templates see, and doc.positions records the
// cell, so every later error about the value (schema, rules) is reported at the cell.
// In: a parsed campaign JsonDoc; out: the same document with the lists filled, or
// diagnostics at the file, sheet, row or cell in Vietnamese.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// Fills the lists the campaign takes from spreadsheets (paths relative to the campaign
/// file). Returns false when a file, a sheet or a cell had a mistake (each reported); the
/// list it was for is then left out.
bool import_rosters(JsonDoc& doc, Diagnostics& diags);

/// The spreadsheet files the campaign names, as messages name them (relative to the
/// campaign file's folder resolved): that of "units_file", then that of
/// "nomination.nominees_file" when it is another.
std::vector<std::string> roster_files(const JsonDoc& doc);

}  // namespace thidua
