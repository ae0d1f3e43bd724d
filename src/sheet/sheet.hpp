// Stage: sheet. Reads a spreadsheet a clerk filled in — an .xlsx workbook (through libzip
// and pugixml) or a CSV file saved from one — into plain cells that know where they are.
// In: a file path (or its bytes); out: a Workbook of sheets of typed cells (text, number,
// true/false, formula error) with their row, column and whether a number is shown as a
// date, plus the merged ranges; or diagnostics in Vietnamese at the file, sheet or cell.
// Every text is valid UTF-8 in NFC with line ends as "\n"; control characters are errors.
// Sizes are bounded (file, unpacked parts, rows, cells) so a crafted file cannot exhaust
// memory. What the cells mean is the campaign stage's business (campaign/roster_import).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/text.hpp"

namespace thidua::sheet {

/// The largest spreadsheet file read, in bytes (16 MiB, as for a campaign file).
inline constexpr std::size_t max_file_bytes = 16u * 1024u * 1024u;
/// The most bytes one part of an .xlsx (a sheet, the shared strings) may unpack to.
inline constexpr std::size_t max_part_bytes = 8u * 1024u * 1024u;
/// The most bytes all the parts read from one .xlsx may unpack to together.
inline constexpr std::size_t max_unpacked_bytes = 32u * 1024u * 1024u;
/// The most cells one workbook may hold, counting cells that carry only a style.
inline constexpr std::size_t max_cells = 1000000;
/// The highest row number read: a list of units or people is never this long.
inline constexpr int max_rows = 10000;
/// The most characters of one cell (Excel's own limit).
inline constexpr std::size_t max_cell_chars = 32767;

enum class CellType {
    text,     ///< `text`
    number,   ///< `number`; `date` when the cell is formatted as a date
    boolean,  ///< `number` is 0 or 1
    error,    ///< a formula error such as "#N/A", in `text`
    formula,  ///< a formula whose result the file does not hold (written by a program that
              ///< does not calculate); `text` is the formula
};

/// One cell that holds something (empty cells are not kept).
struct Cell {
    int row = 0;  ///< 1-based
    int col = 0;  ///< 1-based, 1 = A
    CellType type = CellType::text;
    std::string text;
    double number = 0;
    bool date = false;  ///< a number whose number format shows days, months or years
    bool percent = false;  ///< a number shown as a percentage (0.85 shown "85%")
};

/// A merged range of cells, 1-based and inclusive.
struct Merge {
    int first_row = 0;
    int first_col = 0;
    int last_row = 0;
    int last_col = 0;
};

struct Sheet {
    std::string name;  ///< "" for a CSV file
    bool hidden = false;
    std::vector<Cell> cells;  ///< by row, then by column
    std::vector<Merge> merges;
};

struct Workbook {
    std::string path;  ///< as it is named in messages
    bool csv = false;
    bool date1904 = false;  ///< the workbook counts days from 1904 (old Excel for Mac)
    std::vector<Sheet> sheets;  ///< in the workbook's order
};

/// Reads the .xlsx in `bytes`, named `path` in messages. Returns nullopt, with the reasons
/// in `diags`, when it is not a workbook that can be read.
std::optional<Workbook> read_xlsx(const std::string& path, std::string_view bytes,
                                  Diagnostics& diags);

/// Reads the CSV in `bytes` (UTF-8 with or without a byte-order mark; fields separated by
/// commas or semicolons, whichever the first lines use more; RFC 4180 quoting) as one
/// sheet of text cells.
std::optional<Workbook> read_csv(const std::string& path, std::string_view bytes,
                                 Diagnostics& diags);

/// True when `path` ends in ".xlsx" or ".csv" (any case): the files read_file reads.
bool is_sheet_file_name(std::string_view path);

/// Reads the file at `path` (at most max_file_bytes) as .xlsx or CSV by its extension.
std::optional<Workbook> read_file(const std::string& path, Diagnostics& diags);

/// Returns the date of a serial day number of Excel's 1900 date system (1 = 1900-01-01,
/// with Excel's phantom 1900-02-29 as 60) or, with `date1904`, of the 1904 system
/// (0 = 1904-01-01); a time of day is dropped. nullopt outside 1900-01-01 .. 9999-12-31.
std::optional<text::Date> date_of_serial(double serial, bool date1904);

/// True when the number format `code` (with built-in id `id`; code empty for a built-in)
/// shows a date: the built-in date formats, or a code with days or years outside quoted
/// text and [...] sections.
bool is_date_format(int id, std::string_view code);

/// True when the number format shows a percentage: built-in 9 and 10, or a "%" outside
/// quoted text in the code's first section.
bool is_percent_format(int id, std::string_view code);

}  // namespace thidua::sheet
