// Stage: campaign. The lists a clerk keeps in a spreadsheet — units (with their
// registration and, one column per indicator, their own targets), the individuals each
// unit registered, and the collectives and
// individuals nominated for an award — as tables of columns: the header each column has,
// the note under it, the field of the campaign model it fills and what kind of value it
// takes. One description for both directions: roster_import reads a filled workbook
// through it, render/xlsx's roster_workbook writes the blank one from it.
// In: nothing (static tables); out: the tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace thidua::roster {

/// What a column's cells hold, and what each becomes in the campaign model.
enum class ValueKind {
    id,       ///< a code of [a-z0-9-] (a whole number is taken as its digits) → string
    text,     ///< one line of text (line breaks and runs of spaces become one space)
    lines,    ///< paragraphs, one per line of the cell → array of strings
    date,     ///< a date cell, or text dd/mm/yyyy (also mm/yyyy, yyyy) → "YYYY-MM-DD"
    count,    ///< a whole number ≥ 0
    kind,     ///< "Tập thể" or "Cá nhân" → "collective" or "individual"
    gender,   ///< "Nam" or "Nữ"
    unit,     ///< the name or code of a unit of the campaign → the unit's code
    workplace,  ///< free text for the same field as the `unit` column, when that is empty
    records,  ///< lines "năm: tên; quyết định" → [{"year", "name", "decision"}]
    number,   ///< a number (decimals with "," or "."), e.g. a unit's own target
};

struct Column {
    std::string_view header;  ///< the first line of the header cell
    std::string_view note;    ///< what the column takes, written under the header
    std::string_view field;   ///< JSON pointer inside one row's object ("/report/date")
    ValueKind kind = ValueKind::text;
    bool required = false;    ///< the column must be there and each row's cell filled
    double width = 20;        ///< column width (characters) in the blank workbook
    std::string_view aliases = {};  ///< other headers accepted when reading, "|"-separated
};

enum class TableId { units, registrants, nominees };

struct Table {
    TableId id;
    std::string_view sheet;  ///< the sheet's name in the workbook
    std::string_view title;  ///< the title row of the blank workbook
    std::string_view noun;   ///< what one row is, for messages: "đơn vị"
    std::vector<Column> columns;
};

/// The hidden sheet of the blank workbook that holds its dropdown lists; the reader skips
/// it even when someone made it visible.
inline constexpr std::string_view list_sheet = "Danh mục";

/// The three tables, in the order of the workbook's sheets.
const std::vector<Table>& tables();
const Table& table(TableId id);

/// Returns a header as the reader compares it: its first line, NFC, lower case, runs of
/// white space as one space, without a trailing "*" or ":" and without a parenthesised
/// remark at the end ("Tên đơn vị (bắt buộc) *" → "tên đơn vị").
std::string fold_header(std::string_view header);

/// True for the headers of a numbering column ("STT", "TT", "Số TT"), which the reader
/// skips without a word.
bool is_numbering_header(std::string_view folded);

/// The units sheet has one more column per indicator of the plan, for the unit's own
/// target ("targets" in the model): its header is "Chỉ tiêu <mã chỉ tiêu>".
std::string target_header(std::string_view indicator_id);
/// The indicator a header of a target column names ("Chỉ tiêu nguon-tin" → "nguon-tin"),
/// or "" when the header is not one.
std::string target_of_header(std::string_view header);
/// The field a target column fills: "/targets/<id>".
std::string target_field(std::string_view indicator_id);

}  // namespace thidua::roster
