// Stage: render/xlsx (internal). A small .xlsx writer for the tracking workbook, in memory
// that does not grow with the sheets: each sheet is kept only while it is written (its cells
// in any order), turned into XML when it is finished, and appended to a spill file (an open
// file without a name); rows and validations already final can be spilled earlier too, so a
// sheet of any length holds little. At the end the package is zipped (render/zip), each sheet
// read back from its stretches of the spill file.
// In: formats, cells, merged ranges, validations, page setup… (the subset of libxlsxwriter
// 1.1.4 the tracking workbook used, written as that library wrote it: the same parts, element
// order and attributes); out: the .xlsx file, or a Vietnamese error.
//
//     stream::Workbook wb(spill_fd);
//     stream::FormatId bold = wb.add_format({.font_name = "Times New Roman", .bold = true});
//     stream::Sheet& s = wb.add_sheet("Tổng hợp");
//     s.string(0, 0, "Xin chào", bold);
//     wb.finish_sheet(s);
//     if (!wb.close("out.xlsx")) report(wb.error());
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "render/zip/zip_package.hpp"

namespace thidua::xlsx::stream {

inline constexpr std::uint32_t kNoColor = 0xFFFFFFFFu;

enum class HAlign : std::uint8_t { none, left, center };
enum class VAlign : std::uint8_t { none, top, center };

/// A cell format: what the tracking workbook sets of libxlsxwriter's format_set_*.
struct Format {
    std::string font_name;  ///< "" = the default font (Calibri 11)
    double font_size = 11;
    bool bold = false, italic = false, underline = false;
    std::uint32_t font_color = kNoColor;  ///< RGB
    bool border = false;                  ///< thin on every side
    bool wrap = false;
    bool unlocked = false;
    HAlign halign = HAlign::none;
    VAlign valign = VAlign::none;
    std::string num_format;          ///< "" = none
    std::uint32_t fill = kNoColor;   ///< solid fill, RGB
};
using FormatId = int;

/// A data validation: a decimal between two numbers, a whole number at least a number, or
/// a list (a defined name).
struct Validation {
    enum class Type : std::uint8_t { decimal_between, whole_at_least, list } type =
        Type::decimal_between;
    double min = 0, max = 0;
    std::string list;  ///< the list's formula, "DanhMuc_GhiChu"
    bool show_error = true;
    std::string error_title, error_message;
};

/// A stretch of the spill file (the zip reads the parts back from such stretches).
using Range = zip::Range;

/// An open file without a name, appended to; remembers its first write error (errno).
class Spill {
public:
    explicit Spill(int fd) : fd_(fd) {}
    /// Appends `bytes`; returns where they are (nothing is written after an error).
    Range append(const std::string& bytes);
    /// Appends `buf` once it holds `at_least` bytes (and is not empty), noting where in
    /// `out`, and empties it: a part made piece by piece, never whole in memory.
    void append_section(std::string& buf, std::vector<Range>& out, std::size_t at_least);
    int fd() const { return fd_; }
    int error() const { return errno_; }

private:
    int fd_;
    std::uint64_t size_ = 0;
    int errno_ = 0;
};

class Workbook;

/// One sheet while it is written. Cells may be written in any order until the rows are
/// spilled (spill_rows_before); a later write to the same cell replaces it.
class Sheet {
public:
    void string(int row, int col, const std::string& s, FormatId f);
    void number(int row, int col, double v, FormatId f);
    void blank(int row, int col, FormatId f);
    void formula_number(int row, int col, const std::string& formula, FormatId f, double cached);
    void formula_string(int row, int col, const std::string& formula, FormatId f,
                        const std::string& cached);
    /// Merges the range, the first cell holding `s`, the others blank in `f`.
    void merge(int r1, int c1, int r2, int c2, const std::string& s, FormatId f);
    /// A link to a place in the workbook ("'Tổ 1'!A1"), shown as the string `text`.
    void internal_link(int row, int col, const std::string& location, const std::string& text,
                       FormatId f);
    void column_width(int col, double width);
    void row_height(int row, double height);
    void validation(int r1, int c1, int r2, int c2, const Validation& v);
    /// Shades the range with the workbook's dxf `dxf` where `formula` ("=$H11=\"x\"") holds.
    void conditional_format(int r1, int c1, int r2, int c2, const std::string& formula, int dxf);
    void freeze_panes(int row, int col);
    void select(int row, int col);
    void protect();
    void hide();
    void landscape(bool on);
    void paper(int code);
    void margins(double left, double right, double top, double bottom);
    void center_horizontally();
    void fit_to_pages(int width, int height);
    void footer(const std::string& text);
    void row_breaks(std::vector<int> rows);
    void repeat_rows(int first, int last);
    void print_area(int r1, int c1, int r2, int c2);
    /// Rows before `row`'s block of 16 are final: they go to the spill file now.
    void spill_rows_before(int row);

    const std::string& name() const { return name_; }

private:
    friend class Workbook;
    Sheet(Workbook& wb, std::string name, int index);

    struct Cell {
        enum class Type : std::uint8_t { string, number, blank, formula_number, formula_string };
        Type type = Type::blank;
        std::uint16_t col = 0;
        FormatId format = -1;
        std::uint32_t sst = 0;
        double number = 0;
        std::string formula, cached;
    };
    struct Row {
        std::vector<Cell> cells;
        double height = -1;
    };
    Cell& put(int row, int col, Cell::Type type, FormatId f);
    void track(int row, int col);
    void serialise_rows(std::map<int, Row>::iterator end);

    Workbook& wb_;
    std::string name_;
    int index_;
    std::map<int, Row> rows_;
    int spilled_below_ = 0;  ///< rows before this are in the spill file
    int block_ = -1;         ///< the block of 16 rows whose spans were computed last
    std::string spans_;
    int min_row_ = -1, max_row_ = -1, min_col_ = -1, max_col_ = -1;
    std::vector<std::pair<int, double>> cols_;
    // Sections of the sheet's XML: bytes not yet spilled, then where the spilled ones are.
    std::string rows_xml_, merges_xml_, dv_xml_, links_xml_;
    std::vector<Range> rows_at_, merges_at_, dv_at_, links_at_;
    std::size_t merges_ = 0, dvs_ = 0;
    std::string cf_xml_;
    int cf_priority_ = 0;
    bool frozen_ = false;
    int freeze_row_ = 0, freeze_col_ = 0;
    int sel_row_ = -1, sel_col_ = -1;
    bool protected_ = false, hidden_ = false;
    bool page_setup_ = false, landscape_ = false, centered_ = false, fit_ = false;
    int paper_ = 0, fit_w_ = 0, fit_h_ = 0;
    double m_left_ = 0.7, m_right_ = 0.7, m_top_ = 0.75, m_bottom_ = 0.75;
    std::string footer_;
    std::vector<int> breaks_;
    bool finished_ = false;
};

/// The workbook: formats, shared strings, defined names and the finished sheets' places in
/// the spill file. The first write error of the spill file makes close fail.
class Workbook {
public:
    /// `spill_fd`: an open, empty, unnamed file (still the caller's) for the sheets' XML.
    explicit Workbook(int spill_fd);
    ~Workbook();
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    FormatId add_format(const Format& f);
    /// A format for conditional formatting: a solid fill of `rgb` (made once); returns its dxf
    /// index.
    int add_fill_dxf(std::uint32_t rgb);
    /// Room for `sheets` sheets and `names` defined names (print titles and areas count):
    /// a workbook of ten thousand sheets then holds its records once, not grown by doubling.
    /// Only a hint: more may still be added.
    void reserve(std::size_t sheets, std::size_t names);
    /// Adds the sheet `name` (valid and unique: the caller checks); it stays the caller's to
    /// write until finish_sheet.
    Sheet& add_sheet(const std::string& name);
    /// Serialises the sheet to the spill file and frees its cells.
    void finish_sheet(Sheet& s);
    /// A global defined name: `formula` as "='Danh mục'!$A$2:$A$5".
    void define_name(const std::string& name, const std::string& formula);
    void set_properties(std::string title, std::string subject, std::string author,
                        std::time_t created);
    void activate(const Sheet& s);
    /// Zips the package to `path`; false with error() set (nothing left at `path`).
    bool close(const std::string& path);
    /// Why close failed: a Vietnamese message; write_failed() tells a failure to write.
    const std::string& error() const { return error_; }
    bool write_failed() const { return write_failed_; }

    /// "'Tổ 1'" or "Sheet1": a sheet name as libxlsxwriter quoted it in defined names.
    static std::string quote_sheet(const std::string& name);

private:
    friend class Sheet;
    std::uint32_t sst_index(const std::string& s);
    int xf_index(FormatId f);
    std::string styles_xml() const;
    void add_local_name(const std::string& name, int sheet, bool rows, int r1, int c1, int r2,
                        int c2);

    Spill spill_;
    std::vector<Format> formats_;
    std::vector<int> format_xf_;                    ///< per FormatId, -1 until used
    std::map<std::string, int> xf_by_key_;          ///< equal formats share an xf
    std::vector<FormatId> xfs_;                     ///< xf index → a format
    std::vector<std::uint32_t> dxfs_;
    std::unordered_map<std::string, std::uint32_t> sst_;
    std::vector<const std::string*> sst_order_;
    std::uint64_t sst_count_ = 0;
    /// A defined name. Each unit sheet has its own (print titles, print area): the name's
    /// text is kept once in name_texts_, a local name's reference as numbers; the formula,
    /// the sorting keys and the app.xml title are made when written.
    struct Name {
        std::uint32_t text = 0;  ///< index in name_texts_
        std::int32_t sheet = -1; ///< local to this sheet; -1 for a global name
        /// A local name: the rows r1..r2 (`rows`: print titles, "$1:$5") or the range
        /// r1,c1..r2,c2; a global name: r1 is its formula's index in formulas_.
        std::int32_t r1 = 0, c1 = 0, r2 = 0, c2 = 0;
        bool rows = false;
    };
    std::uint32_t name_text(const std::string& name);
    std::string name_formula(const Name& d) const;
    std::vector<Name> names_;
    std::vector<std::string> name_texts_;
    std::vector<std::string> formulas_;  ///< the global names' formulas
    /// A sheet: its name and its stretches of the spill file (sheet_ranges_[first, first+count)).
    struct SheetEntry {
        std::string name;
        std::uint32_t first = 0, count = 0;
        bool hidden = false;
    };
    std::vector<SheetEntry> sheets_;
    std::vector<Range> sheet_ranges_;
    std::vector<std::unique_ptr<Sheet>> open_;
    int active_ = 0;
    std::string title_, subject_, author_;
    std::time_t created_ = 0;
    std::string error_;
    bool write_failed_ = false;
};

/// "E9" for row 8, col 4 (0-based).
std::string cell_name(int row, int col);
/// Escapes & < > (element text) and also " (attributes).
void append_escaped(std::string& out, const std::string& s, bool attribute);
/// A number as libxlsxwriter wrote it ("%.16G").
std::string number_text(double v);

}  // namespace thidua::xlsx::stream
