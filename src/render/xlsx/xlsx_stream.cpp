#include "render/xlsx/xlsx_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <unistd.h>

#include <xlsxwriter.h>
#include <xlsxwriter/theme.h>

#include "base/files.hpp"
#include "render/zip/zip_package.hpp"

namespace thidua::xlsx::stream {

namespace {

constexpr const char* kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPkgRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr int kMaxRows = 1048576, kMaxCols = 16384;
constexpr std::size_t kStrMax = 32767;
/// A section of a sheet's XML goes to the spill file once it holds this much.
constexpr std::size_t kSpillAt = 256 * 1024;
constexpr double kDefaultRowHeight = 15;

std::string col_letters(int col) {
    std::string s;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
    return s;
}

std::string ref_of(int r1, int c1, int r2, int c2) {
    if (r1 == r2 && c1 == c2) return cell_name(r1, c1);
    return cell_name(r1, c1) + ":" + cell_name(r2, c2);
}

std::string abs_ref(int r1, int c1, int r2, int c2) {
    return "$" + col_letters(c1) + "$" + std::to_string(r1 + 1) + ":$" + col_letters(c2) + "$" +
           std::to_string(r2 + 1);
}

std::string attr(const char* name, const std::string& value) {
    std::string out = " ";
    out += name;
    out += "=\"";
    append_escaped(out, value, true);
    out += '"';
    return out;
}

std::string hex_rgb(std::uint32_t rgb) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "FF%06X", rgb & 0xFFFFFFu);
    return buf;
}

/// Shared strings as libxlsxwriter wrote them: control characters as _xHHHH_.
void append_sst_text(std::string& out, const std::string& s) {
    for (unsigned char c : s) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            char buf[16];
            std::snprintf(buf, sizeof buf, "_x%04X_", c);
            out += buf;
        } else if (c == '&') {
            out += "&amp;";
        } else if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else {
            out += static_cast<char>(c);
        }
    }
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string font_key(const Format& f) {
    const std::string name = f.font_name.empty() ? "Calibri" : f.font_name;
    return name + '\x1f' + number_text(f.font_size) + '\x1f' + char('0' + f.bold) +
           char('0' + f.italic) + char('0' + f.underline) + '\x1f' + std::to_string(f.font_color);
}

std::string format_key(const Format& f) {
    return font_key(f) + '\x1e' + char('0' + f.border) + char('0' + f.wrap) +
           char('0' + f.unlocked) + char('0' + static_cast<int>(f.halign)) +
           char('0' + static_cast<int>(f.valign)) + '\x1e' + f.num_format + '\x1e' +
           std::to_string(f.fill);
}

/// The theme part, as libxlsxwriter writes it (Excel's default theme).
std::string theme_xml() {
    char* buf = nullptr;
    std::size_t len = 0;
    std::FILE* mem = ::open_memstream(&buf, &len);
    if (mem == nullptr) throw std::bad_alloc();
    lxw_theme* theme = lxw_theme_new();
    if (theme == nullptr) {
        std::fclose(mem);
        std::free(buf);
        throw std::bad_alloc();
    }
    theme->file = mem;
    lxw_theme_assemble_xml_file(theme);
    lxw_theme_free(theme);
    const bool ok = std::fclose(mem) == 0;
    std::string out;
    if (ok && buf != nullptr) {
        try {
            out.assign(buf, len);
        } catch (...) {
            std::free(buf);
            throw;
        }
    }
    std::free(buf);
    if (!ok) throw std::bad_alloc();
    return out;
}

}  // namespace

std::string cell_name(int row, int col) { return col_letters(col) + std::to_string(row + 1); }

void append_escaped(std::string& out, const std::string& s, bool attribute) {
    std::size_t from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const char* rep = nullptr;
        switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = attribute ? "&quot;" : nullptr; break;
            default: break;
        }
        if (rep == nullptr) continue;
        out.append(s, from, i - from);
        out += rep;
        from = i + 1;
    }
    out.append(s, from, std::string::npos);
}

std::string number_text(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.16G", v);
    return buf;
}

// ---------------------------------------------------------------------------------------
// Spill

void Spill::append_section(std::string& buf, std::vector<Range>& out, std::size_t at_least) {
    if (buf.size() < at_least || buf.empty()) return;
    out.push_back(append(buf));
    buf.clear();
}

Range Spill::append(const std::string& bytes) {
    Range r{size_, bytes.size()};
    if (errno_ != 0) return r;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done,
                                   static_cast<off_t>(size_ + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            errno_ = n < 0 ? errno : EIO;
            return r;
        }
        done += static_cast<std::size_t>(n);
    }
    size_ += bytes.size();
    return r;
}

// ---------------------------------------------------------------------------------------
// Sheet

Sheet::Sheet(Workbook& wb, std::string name, int index)
    : wb_(wb), name_(std::move(name)), index_(index) {}

void Sheet::track(int row, int col) {
    if (min_row_ < 0 || row < min_row_) min_row_ = row;
    if (row > max_row_) max_row_ = row;
    if (col >= 0) {
        if (min_col_ < 0 || col < min_col_) min_col_ = col;
        if (col > max_col_) max_col_ = col;
    }
}

Sheet::Cell& Sheet::put(int row, int col, Cell::Type type, FormatId f) {
    static Cell dropped;
    if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols || row < spilled_below_ ||
        finished_) {
        if (wb_.error_.empty()) {
            wb_.error_ = "vượt quá số dòng hoặc số cột của một trang tính Excel";
        }
        dropped = Cell{};
        return dropped;
    }
    track(row, col);
    Row& r = rows_[row];
    r.cells.emplace_back();
    Cell& c = r.cells.back();
    c.type = type;
    c.col = static_cast<std::uint16_t>(col);
    c.format = f;
    return c;
}

void Sheet::string(int row, int col, const std::string& s, FormatId f) {
    if (s.empty()) {  // libxlsxwriter: an empty string is a blank cell
        blank(row, col, f);
        return;
    }
    if (s.size() > kStrMax) {
        if (wb_.error_.empty()) wb_.error_ = "một chuỗi dài quá giới hạn của Excel";
        return;
    }
    Cell& c = put(row, col, Cell::Type::string, f);
    c.sst = wb_.sst_index(s);
}

void Sheet::number(int row, int col, double v, FormatId f) {
    put(row, col, Cell::Type::number, f).number = v;
}

void Sheet::blank(int row, int col, FormatId f) {
    if (f < 0) return;  // libxlsxwriter ignores a blank without a format
    put(row, col, Cell::Type::blank, f);
}

void Sheet::formula_number(int row, int col, const std::string& formula, FormatId f,
                           double cached) {
    Cell& c = put(row, col, Cell::Type::formula_number, f);
    c.formula = formula.empty() || formula[0] != '=' ? formula : formula.substr(1);
    c.number = cached;
}

void Sheet::formula_string(int row, int col, const std::string& formula, FormatId f,
                           const std::string& cached) {
    Cell& c = put(row, col, Cell::Type::formula_string, f);
    c.formula = formula.empty() || formula[0] != '=' ? formula : formula.substr(1);
    c.cached = cached;
}

void Sheet::merge(int r1, int c1, int r2, int c2, const std::string& s, FormatId f) {
    string(r1, c1, s, f);
    for (int r = r1; r <= r2; ++r) {
        for (int c = c1; c <= c2; ++c) {
            if (r != r1 || c != c1) blank(r, c, f);
        }
    }
    merges_xml_ += "<mergeCell ref=\"" + ref_of(r1, c1, r2, c2) + "\"/>";
    ++merges_;
    wb_.spill_.append_section(merges_xml_, merges_at_, kSpillAt);
}

void Sheet::internal_link(int row, int col, const std::string& location,
                          const std::string& text, FormatId f) {
    string(row, col, text, f);
    links_xml_ += "<hyperlink ref=\"" + cell_name(row, col) + "\"" + attr("location", location) +
                  attr("display", text) + "/>";
    wb_.spill_.append_section(links_xml_, links_at_, kSpillAt);
}

void Sheet::column_width(int col, double width) { cols_.emplace_back(col, width); }

void Sheet::row_height(int row, double height) {
    if (row < spilled_below_ || row >= kMaxRows || row < 0) {
        if (wb_.error_.empty()) wb_.error_ = "vượt quá số dòng hoặc số cột của một trang tính Excel";
        return;
    }
    track(row, -1);
    rows_[row].height = height;
}

void Sheet::validation(int r1, int c1, int r2, int c2, const Validation& v) {
    std::string& x = dv_xml_;
    x += "<dataValidation type=\"";
    switch (v.type) {
        case Validation::Type::decimal_between: x += "decimal\""; break;
        case Validation::Type::whole_at_least:
            x += "whole\" operator=\"greaterThanOrEqual\"";
            break;
        case Validation::Type::list: x += "list\""; break;
    }
    x += " allowBlank=\"1\" showInputMessage=\"1\"";
    if (v.show_error) x += " showErrorMessage=\"1\"";
    if (!v.error_title.empty()) x += attr("errorTitle", v.error_title);
    if (!v.error_message.empty()) x += attr("error", v.error_message);
    x += " sqref=\"" + ref_of(r1, c1, r2, c2) + "\">";
    x += "<formula1>";
    if (v.type == Validation::Type::list) {
        append_escaped(x, v.list.empty() || v.list[0] != '=' ? v.list : v.list.substr(1), false);
    } else {
        x += number_text(v.min);
    }
    x += "</formula1>";
    if (v.type == Validation::Type::decimal_between) {
        x += "<formula2>" + number_text(v.max) + "</formula2>";
    }
    x += "</dataValidation>";
    ++dvs_;
    wb_.spill_.append_section(dv_xml_, dv_at_, kSpillAt);
}

void Sheet::conditional_format(int r1, int c1, int r2, int c2, const std::string& formula,
                               int dxf) {
    cf_xml_ += "<conditionalFormatting sqref=\"" + ref_of(r1, c1, r2, c2) +
               "\"><cfRule type=\"expression\" dxfId=\"" + std::to_string(dxf) +
               "\" priority=\"" + std::to_string(++cf_priority_) + "\"><formula>";
    append_escaped(cf_xml_, formula.empty() || formula[0] != '=' ? formula : formula.substr(1),
                   false);
    cf_xml_ += "</formula></cfRule></conditionalFormatting>";
}

void Sheet::freeze_panes(int row, int col) {
    frozen_ = true;
    freeze_row_ = row;
    freeze_col_ = col;
}

void Sheet::select(int row, int col) {
    if (row == 0 && col == 0) return;  // A1 is Excel's default: libxlsxwriter wrote nothing
    sel_row_ = row;
    sel_col_ = col;
}

void Sheet::protect() { protected_ = true; }
void Sheet::hide() { hidden_ = true; }
void Sheet::landscape(bool on) {
    landscape_ = on;
    page_setup_ = true;
}
void Sheet::paper(int code) {
    paper_ = code;
    page_setup_ = true;
}
void Sheet::margins(double left, double right, double top, double bottom) {
    m_left_ = left;
    m_right_ = right;
    m_top_ = top;
    m_bottom_ = bottom;
}
void Sheet::center_horizontally() { centered_ = true; }
void Sheet::fit_to_pages(int width, int height) {
    fit_ = true;
    fit_w_ = width;
    fit_h_ = height;
    page_setup_ = true;
}
void Sheet::footer(const std::string& text) { footer_ = text; }
void Sheet::row_breaks(std::vector<int> rows) {
    std::sort(rows.begin(), rows.end());
    if (rows.size() > 1023) rows.resize(1023);
    breaks_ = std::move(rows);
}
void Sheet::repeat_rows(int first, int last) {
    wb_.add_local_name("_xlnm.Print_Titles", index_, true, first, 0, last, 0);
}
void Sheet::print_area(int r1, int c1, int r2, int c2) {
    wb_.add_local_name("_xlnm.Print_Area", index_, false, r1, c1, r2, c2);
}

void Sheet::spill_rows_before(int row) {
    const int limit = row / 16 * 16;
    if (limit <= spilled_below_) return;
    serialise_rows(rows_.lower_bound(limit));
    spilled_below_ = limit;
    wb_.spill_.append_section(rows_xml_, rows_at_, kSpillAt);
}

void Sheet::serialise_rows(std::map<int, Row>::iterator end) {
    std::string& x = rows_xml_;
    for (auto it = rows_.begin(); it != end;) {
        const int r = it->first;
        Row& row = it->second;
        std::vector<Cell>& cells = row.cells;
        if (!cells.empty()) {
            // The last write to a cell wins.
            std::stable_sort(cells.begin(), cells.end(),
                             [](const Cell& a, const Cell& b) { return a.col < b.col; });
            std::size_t keep = 0;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                if (keep > 0 && cells[keep - 1].col == cells[i].col) {
                    cells[keep - 1] = std::move(cells[i]);
                } else {
                    if (keep != i) cells[keep] = std::move(cells[i]);
                    ++keep;
                }
            }
            cells.resize(keep);
            if (r / 16 > block_) {
                // libxlsxwriter's spans: the columns used in this block of 16 rows.
                block_ = r / 16;
                int lo = cells.front().col, hi = cells.back().col;
                for (auto j = std::next(it); j != rows_.end() && j->first < (block_ + 1) * 16; ++j) {
                    for (const Cell& c : j->second.cells) {
                        lo = std::min<int>(lo, c.col);
                        hi = std::max<int>(hi, c.col);
                    }
                }
                spans_ = std::to_string(lo + 1) + ":" + std::to_string(hi + 1);
            }
        }
        x += "<row r=\"" + std::to_string(r + 1) + "\"";
        if (!cells.empty()) x += " spans=\"" + spans_ + "\"";
        if (row.height >= 0 && row.height != kDefaultRowHeight) {
            x += " ht=\"" + number_text(row.height) + "\" customHeight=\"1\"";
        }
        if (cells.empty()) {
            x += "/>";
        } else {
            x += '>';
            for (const Cell& c : cells) {
                x += "<c r=\"";
                x += col_letters(c.col);
                x += std::to_string(r + 1);
                x += '"';
                const int xf = c.format >= 0 ? wb_.xf_index(c.format) : 0;
                if (xf != 0) x += " s=\"" + std::to_string(xf) + "\"";
                switch (c.type) {
                    case Cell::Type::string:
                        x += " t=\"s\"><v>" + std::to_string(c.sst) + "</v></c>";
                        break;
                    case Cell::Type::number:
                        x += "><v>" + number_text(c.number) + "</v></c>";
                        break;
                    case Cell::Type::blank:
                        x += "/>";
                        break;
                    case Cell::Type::formula_number:
                        x += "><f>";
                        append_escaped(x, c.formula, false);
                        x += "</f><v>" + number_text(c.number) + "</v></c>";
                        break;
                    case Cell::Type::formula_string:
                        x += " t=\"str\"><f>";
                        append_escaped(x, c.formula, false);
                        x += "</f><v>";
                        append_escaped(x, c.cached, false);
                        x += "</v></c>";
                        break;
                }
            }
            x += "</row>";
        }
        it = rows_.erase(it);
    }
}

// ---------------------------------------------------------------------------------------
// Workbook

Workbook::Workbook(int spill_fd) : spill_(spill_fd) {}
Workbook::~Workbook() = default;

FormatId Workbook::add_format(const Format& f) {
    formats_.push_back(f);
    format_xf_.push_back(-1);
    return static_cast<FormatId>(formats_.size() - 1);
}

int Workbook::add_fill_dxf(std::uint32_t rgb) {
    auto it = std::find(dxfs_.begin(), dxfs_.end(), rgb);
    if (it != dxfs_.end()) return static_cast<int>(it - dxfs_.begin());
    dxfs_.push_back(rgb);
    return static_cast<int>(dxfs_.size() - 1);
}

int Workbook::xf_index(FormatId f) {
    int& xf = format_xf_[static_cast<std::size_t>(f)];
    if (xf >= 0) return xf;
    const std::string key = format_key(formats_[static_cast<std::size_t>(f)]);
    auto [it, added] = xf_by_key_.emplace(key, static_cast<int>(xfs_.size()) + 1);
    if (added) xfs_.push_back(f);
    xf = it->second;
    return xf;
}

std::uint32_t Workbook::sst_index(const std::string& s) {
    ++sst_count_;
    auto [it, added] = sst_.emplace(s, static_cast<std::uint32_t>(sst_order_.size()));
    if (added) sst_order_.push_back(&it->first);
    return it->second;
}

std::string Workbook::quote_sheet(const std::string& name) {
    if (!name.empty() && name[0] == '\'') return name;
    bool needs = false;
    for (unsigned char c : name) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && c != '_' && c != '.') needs = true;
    }
    if (!needs) return name;
    std::string out = "'";
    for (char c : name) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

namespace {
char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string s) {
    for (char& c : s) c = lower_ascii(c);
    return s;
}

/// a < b with ASCII letters lower-cased, as libxlsxwriter sorts sheet names of defined names.
bool less_lower_ascii(const std::string& a, const std::string& b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = lower_ascii(a[i]), y = lower_ascii(b[i]);
        if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
    }
    return a.size() < b.size();
}

/// "Print_Titles" for "_xlnm.Print_Titles": a built-in name without its prefix.
std::string bare_name(const std::string& name) {
    return name.rfind("_xlnm.", 0) == 0 ? name.substr(6) : name;
}
}  // namespace

std::uint32_t Workbook::name_text(const std::string& name) {
    for (std::size_t i = 0; i < name_texts_.size(); ++i) {
        if (name_texts_[i] == name) return static_cast<std::uint32_t>(i);
    }
    name_texts_.push_back(name);
    return static_cast<std::uint32_t>(name_texts_.size() - 1);
}

void Workbook::add_local_name(const std::string& name, int sheet, bool rows, int r1, int c1,
                              int r2, int c2) {
    names_.push_back({name_text(name), sheet, r1, c1, r2, c2, rows});
}

void Workbook::define_name(const std::string& name, const std::string& formula) {
    formulas_.push_back(formula.empty() || formula[0] != '=' ? formula : formula.substr(1));
    names_.push_back({name_text(name), -1, static_cast<std::int32_t>(formulas_.size() - 1), 0, 0,
                      0, false});
}

std::string Workbook::name_formula(const Name& d) const {
    if (d.sheet < 0) return formulas_[static_cast<std::size_t>(d.r1)];
    std::string f = quote_sheet(sheets_[static_cast<std::size_t>(d.sheet)].name) + "!";
    if (d.rows) return f + "$" + std::to_string(d.r1 + 1) + ":$" + std::to_string(d.r2 + 1);
    return f + abs_ref(d.r1, d.c1, d.r2, d.c2);
}

void Workbook::reserve(std::size_t sheets, std::size_t names) {
    sheets_.reserve(sheets);
    sheet_ranges_.reserve(sheets);  // a sheet of a few rows is one stretch
    names_.reserve(names);
}

void Workbook::set_properties(std::string title, std::string subject, std::string author,
                              std::time_t created) {
    title_ = std::move(title);
    subject_ = std::move(subject);
    author_ = std::move(author);
    created_ = created;
}

void Workbook::activate(const Sheet& s) { active_ = s.index_; }

Sheet& Workbook::add_sheet(const std::string& name) {
    const int index = static_cast<int>(sheets_.size());
    sheets_.push_back({name, 0, 0, false});
    open_.push_back(std::unique_ptr<Sheet>(new Sheet(*this, name, index)));
    return *open_.back();
}

void Workbook::finish_sheet(Sheet& s) {
    s.serialise_rows(s.rows_.end());
    const bool selected = s.index_ == active_;
    std::string h = kDecl;
    h += "<worksheet xmlns=\"";
    h += kMainNs;
    h += "\" xmlns:r=\"";
    h += kRelNs;
    h += "\">";
    if (s.fit_) h += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>";
    h += "<dimension ref=\"";
    if (s.max_row_ < 0) {
        h += "A1";
    } else if (s.min_col_ < 0) {
        h += ref_of(s.min_row_, 0, s.max_row_, 0);
    } else {
        h += ref_of(s.min_row_, s.min_col_, s.max_row_, s.max_col_);
    }
    h += "\"/><sheetViews><sheetView";
    if (selected) h += " tabSelected=\"1\"";
    h += " workbookViewId=\"0\"";
    const bool selection = s.sel_row_ >= 0;
    const std::string sel = selection ? cell_name(s.sel_row_, s.sel_col_) : std::string();
    auto selection_xml = [](const char* pane, const std::string& cell) {
        std::string out = "<selection";
        if (pane != nullptr) out += std::string(" pane=\"") + pane + "\"";
        if (!cell.empty()) out += " activeCell=\"" + cell + "\" sqref=\"" + cell + "\"";
        return out + "/>";
    };
    if (s.frozen_ && (s.freeze_row_ > 0 || s.freeze_col_ > 0)) {
        const int r = s.freeze_row_, c = s.freeze_col_;
        h += "><pane";
        if (c > 0) h += " xSplit=\"" + std::to_string(c) + "\"";
        if (r > 0) h += " ySplit=\"" + std::to_string(r) + "\"";
        const char* active = r > 0 && c > 0 ? "bottomRight" : c > 0 ? "topRight" : "bottomLeft";
        h += " topLeftCell=\"" + cell_name(r, c) + "\" activePane=\"" + active +
             "\" state=\"frozen\"/>";
        if (r > 0 && c > 0) {
            h += selection_xml("topRight", cell_name(0, c));
            h += selection_xml("bottomLeft", cell_name(r, 0));
        }
        h += selection_xml(active, sel);
        h += "</sheetView>";
    } else if (selection) {
        h += ">" + selection_xml(nullptr, sel) + "</sheetView>";
    } else {
        h += "/>";
    }
    h += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
    if (!s.cols_.empty()) {
        std::stable_sort(s.cols_.begin(), s.cols_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        h += "<cols>";
        for (const auto& [col, width] : s.cols_) {
            // libxlsxwriter: the width in characters plus 5 px of padding, in 1/256.
            // libxlsxwriter: whole pixels (7 a character, 5 of padding), in 1/256 of a character.
            const int px = static_cast<int>(width * 7 + 0.5) + 5;
            const double w = width > 0 ? static_cast<int>(px / 7.0 * 256) / 256.0 : 0;
            h += "<col min=\"" + std::to_string(col + 1) + "\" max=\"" + std::to_string(col + 1) +
                 "\" width=\"" + number_text(w) + "\" customWidth=\"1\"/>";
        }
        h += "</cols>";
    }
    const bool has_rows = !s.rows_at_.empty() || !s.rows_xml_.empty();
    h += has_rows ? "<sheetData>" : "<sheetData/>";

    std::vector<zip::Range> ranges;
    std::string pending = std::move(h);
    auto flush = [&] {
        if (pending.empty()) return;
        const Range r = spill_.append(pending);
        ranges.push_back({r.offset, r.size});
        pending.clear();
    };
    auto section = [&](const std::vector<Range>& at, std::string& rest) {
        if (!at.empty()) {
            flush();
            for (const Range& r : at) ranges.push_back({r.offset, r.size});
        }
        pending += rest;
        std::string().swap(rest);
    };
    if (has_rows) {
        section(s.rows_at_, s.rows_xml_);
        pending += "</sheetData>";
    }
    if (s.protected_) {
        pending += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" "
                   "formatColumns=\"0\" formatRows=\"0\"/>";
    }
    if (s.merges_ > 0) {
        pending += "<mergeCells count=\"" + std::to_string(s.merges_) + "\">";
        section(s.merges_at_, s.merges_xml_);
        pending += "</mergeCells>";
    }
    pending += s.cf_xml_;
    if (s.dvs_ > 0) {
        pending += "<dataValidations count=\"" + std::to_string(s.dvs_) + "\">";
        section(s.dv_at_, s.dv_xml_);
        pending += "</dataValidations>";
    }
    if (!s.links_at_.empty() || !s.links_xml_.empty()) {
        pending += "<hyperlinks>";
        section(s.links_at_, s.links_xml_);
        pending += "</hyperlinks>";
    }
    if (s.centered_) pending += "<printOptions horizontalCentered=\"1\"/>";
    pending += "<pageMargins left=\"" + number_text(s.m_left_) + "\" right=\"" +
               number_text(s.m_right_) + "\" top=\"" + number_text(s.m_top_) + "\" bottom=\"" +
               number_text(s.m_bottom_) + "\" header=\"0.3\" footer=\"0.3\"/>";
    if (s.page_setup_) {
        pending += "<pageSetup";
        if (s.paper_ != 0) pending += " paperSize=\"" + std::to_string(s.paper_) + "\"";
        if (s.fit_) {
            if (s.fit_w_ != 1) pending += " fitToWidth=\"" + std::to_string(s.fit_w_) + "\"";
            if (s.fit_h_ != 1) pending += " fitToHeight=\"" + std::to_string(s.fit_h_) + "\"";
        }
        pending += s.landscape_ ? " orientation=\"landscape\"/>" : " orientation=\"portrait\"/>";
    }
    if (!s.footer_.empty()) {
        pending += "<headerFooter><oddFooter>";
        append_escaped(pending, s.footer_, false);
        pending += "</oddFooter></headerFooter>";
    }
    if (!s.breaks_.empty()) {
        const std::string n = std::to_string(s.breaks_.size());
        pending += "<rowBreaks count=\"" + n + "\" manualBreakCount=\"" + n + "\">";
        for (int b : s.breaks_) {
            pending += "<brk id=\"" + std::to_string(b) + "\" max=\"16383\" man=\"1\"/>";
        }
        pending += "</rowBreaks>";
    }
    pending += "</worksheet>";
    flush();

    SheetEntry& e = sheets_[static_cast<std::size_t>(s.index_)];
    e.hidden = s.hidden_;
    e.first = static_cast<std::uint32_t>(sheet_ranges_.size());
    e.count = static_cast<std::uint32_t>(ranges.size());
    sheet_ranges_.insert(sheet_ranges_.end(), ranges.begin(), ranges.end());
    s.finished_ = true;
    for (auto it = open_.begin(); it != open_.end(); ++it) {
        if (it->get() == &s) {
            open_.erase(it);
            break;
        }
    }
}

std::string Workbook::styles_xml() const {
    // Fonts, fills, borders and number formats numbered in the order of the xfs, as
    // libxlsxwriter numbered them; index 0 of each is the default format's.
    std::vector<std::string> font_keys = {font_key(Format{})};
    std::vector<const Format*> fonts = {nullptr};
    std::vector<std::uint32_t> fills;
    std::vector<std::string> num_formats;
    struct XfIds {
        int num = 0, font = 0, fill = 0, border = 0;
    };
    std::vector<XfIds> ids;
    for (FormatId id : xfs_) {
        const Format& f = formats_[static_cast<std::size_t>(id)];
        XfIds x;
        const std::string fk = font_key(f);
        auto fit = std::find(font_keys.begin(), font_keys.end(), fk);
        if (fit == font_keys.end()) {
            font_keys.push_back(fk);
            fonts.push_back(&f);
            fit = std::prev(font_keys.end());
        }
        x.font = static_cast<int>(fit - font_keys.begin());
        if (f.fill != kNoColor) {
            auto it = std::find(fills.begin(), fills.end(), f.fill);
            if (it == fills.end()) {
                fills.push_back(f.fill);
                it = std::prev(fills.end());
            }
            x.fill = 2 + static_cast<int>(it - fills.begin());
        }
        x.border = f.border ? 1 : 0;
        if (!f.num_format.empty()) {
            auto it = std::find(num_formats.begin(), num_formats.end(), f.num_format);
            if (it == num_formats.end()) {
                num_formats.push_back(f.num_format);
                it = std::prev(num_formats.end());
            }
            x.num = 164 + static_cast<int>(it - num_formats.begin());
        }
        ids.push_back(x);
    }
    const bool any_border =
        std::any_of(xfs_.begin(), xfs_.end(),
                    [&](FormatId id) { return formats_[static_cast<std::size_t>(id)].border; });

    std::string x = kDecl;
    x += "<styleSheet xmlns=\"";
    x += kMainNs;
    x += "\">";
    if (!num_formats.empty()) {
        x += "<numFmts count=\"" + std::to_string(num_formats.size()) + "\">";
        for (std::size_t i = 0; i < num_formats.size(); ++i) {
            x += "<numFmt numFmtId=\"" + std::to_string(164 + i) + "\"" +
                 attr("formatCode", num_formats[i]) + "/>";
        }
        x += "</numFmts>";
    }
    x += "<fonts count=\"" + std::to_string(fonts.size()) + "\">";
    for (const Format* f : fonts) {
        if (f == nullptr || f->font_name.empty()) {
            x += "<font><sz val=\"" + number_text(f ? f->font_size : 11) +
                 "\"/><color theme=\"1\"/><name val=\"Calibri\"/><family val=\"2\"/>"
                 "<scheme val=\"minor\"/></font>";
            continue;
        }
        x += "<font>";
        if (f->bold) x += "<b/>";
        if (f->italic) x += "<i/>";
        if (f->underline) x += "<u/>";
        x += "<sz val=\"" + number_text(f->font_size) + "\"/>";
        x += f->font_color == kNoColor ? std::string("<color theme=\"1\"/>")
                                       : "<color rgb=\"" + hex_rgb(f->font_color) + "\"/>";
        x += "<name" + attr("val", f->font_name) + "/><family val=\"2\"/></font>";
    }
    x += "</fonts><fills count=\"" + std::to_string(2 + fills.size()) +
         "\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill "
         "patternType=\"gray125\"/></fill>";
    for (std::uint32_t rgb : fills) {
        x += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"" + hex_rgb(rgb) +
             "\"/><bgColor indexed=\"64\"/></patternFill></fill>";
    }
    x += "</fills><borders count=\"";
    x += any_border ? "2" : "1";
    x += "\"><border><left/><right/><top/><bottom/><diagonal/></border>";
    if (any_border) {
        x += "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color "
             "auto=\"1\"/></right><top style=\"thin\"><color auto=\"1\"/></top><bottom "
             "style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>";
    }
    x += "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
         "borderId=\"0\"/></cellStyleXfs>";
    x += "<cellXfs count=\"" + std::to_string(1 + xfs_.size()) +
         "\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>";
    for (std::size_t i = 0; i < xfs_.size(); ++i) {
        const Format& f = formats_[static_cast<std::size_t>(xfs_[i])];
        const XfIds& d = ids[i];
        x += "<xf numFmtId=\"" + std::to_string(d.num) + "\" fontId=\"" + std::to_string(d.font) +
             "\" fillId=\"" + std::to_string(d.fill) + "\" borderId=\"" +
             std::to_string(d.border) + "\" xfId=\"0\"";
        if (d.num != 0) x += " applyNumberFormat=\"1\"";
        if (d.font != 0) x += " applyFont=\"1\"";
        if (d.fill != 0) x += " applyFill=\"1\"";
        if (d.border != 0) x += " applyBorder=\"1\"";
        const bool align = f.halign != HAlign::none || f.valign != VAlign::none || f.wrap;
        if (align) x += " applyAlignment=\"1\"";
        if (f.unlocked) x += " applyProtection=\"1\"";
        if (!align && !f.unlocked) {
            x += "/>";
            continue;
        }
        x += '>';
        if (align) {
            x += "<alignment";
            if (f.halign == HAlign::left) x += " horizontal=\"left\"";
            if (f.halign == HAlign::center) x += " horizontal=\"center\"";
            if (f.valign == VAlign::top) x += " vertical=\"top\"";
            if (f.valign == VAlign::center) x += " vertical=\"center\"";
            if (f.wrap) x += " wrapText=\"1\"";
            x += "/>";
        }
        if (f.unlocked) x += "<protection locked=\"0\"/>";
        x += "</xf>";
    }
    x += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" "
         "builtinId=\"0\"/></cellStyles>";
    if (dxfs_.empty()) {
        x += "<dxfs count=\"0\"/>";
    } else {
        x += "<dxfs count=\"" + std::to_string(dxfs_.size()) + "\">";
        for (std::uint32_t rgb : dxfs_) {
            x += "<dxf><fill><patternFill><bgColor rgb=\"" + hex_rgb(rgb) +
                 "\"/></patternFill></fill></dxf>";
        }
        x += "</dxfs>";
    }
    x += "<tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
         "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";
    return x;
}

bool Workbook::close(const std::string& path) {
    auto fail = [&](const std::string& why, bool write) {
        if (error_.empty()) error_ = why;
        write_failed_ = write_failed_ || write;
        std::remove(path.c_str());
        return false;
    };
    if (!error_.empty()) return fail(error_, false);
    if (!open_.empty()) return fail("một trang tính chưa ghi xong", false);
    if (spill_.error() != 0) {
        return fail("không ghi được tệp tạm: " + files::errno_text(spill_.error()), true);
    }
    const std::size_t n = sheets_.size();
    // Sorted as libxlsxwriter sorted them: by the name without "_xlnm.", then by the sheet's
    // name, ASCII letters lower-cased.
    std::vector<std::string> sort_names;
    for (const std::string& t : name_texts_) sort_names.push_back(lower_ascii(bare_name(t)));
    static const std::string no_sheet;
    auto sheet_of = [&](const Name& d) -> const std::string& {
        return d.sheet >= 0 ? sheets_[static_cast<std::size_t>(d.sheet)].name : no_sheet;
    };
    std::stable_sort(names_.begin(), names_.end(), [&](const Name& a, const Name& b) {
        const std::string& x = sort_names[a.text];
        const std::string& y = sort_names[b.text];
        if (x != y) return x < y;
        return less_lower_ascii(sheet_of(a), sheet_of(b));
    });

    // The parts other than the sheets, in the package's order: the first three come before
    // the sheets. Each is its bytes, or its stretches of the spill file; the sheets are lent
    // to the zip one by one from sheets_ (no list of ten thousand parts).
    struct Other {
        const char* name;
        std::string bytes;
        std::vector<zip::Range> at;
    };
    std::vector<Other> others;
    others.reserve(9);  // nine at most
    auto add = [&](const char* name, std::string bytes) {
        others.push_back({name, std::move(bytes), {}});
    };
    // A part that grows with the sheets (a line or two for each) is made in the spill file,
    // kSpillAt bytes at a time, never whole in memory: `text` gets what comes next.
    std::string text;
    std::vector<Range> text_at;
    auto spill_text = [&](std::size_t at_least) { spill_.append_section(text, text_at, at_least); };
    auto add_spilled = [&](const char* name) {
        spill_text(0);
        others.push_back({name, {}, std::move(text_at)});
        text_at = {};
    };
    const bool strings = !sst_order_.empty();

    text = kDecl;
    text += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            "<Default Extension=\"rels\" "
            "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            "<Override PartName=\"/docProps/app.xml\" "
            "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            "<Override PartName=\"/docProps/core.xml\" "
            "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            "<Override PartName=\"/xl/styles.xml\" "
            "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            "<Override PartName=\"/xl/theme/theme1.xml\" "
            "ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
            "<Override PartName=\"/xl/workbook.xml\" "
            "ContentType=\"application/"
            "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
    for (std::size_t i = 0; i < n; ++i) {
        text += "<Override PartName=\"/xl/worksheets/sheet" + std::to_string(i + 1) +
                ".xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
        spill_text(kSpillAt);
    }
    if (strings) {
        text += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
    }
    text += "</Types>";
    add_spilled("[Content_Types].xml");

    std::string rels = kDecl;
    rels += std::string("<Relationships xmlns=\"") + kPkgRelNs +
            "\"><Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" "
            "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
            "core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";
    add("_rels/.rels", std::move(rels));

    text = kDecl;
    text += std::string("<Relationships xmlns=\"") + kPkgRelNs + "\">";
    const std::string rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    for (std::size_t i = 0; i < n; ++i) {
        text += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" + rel_type +
                "worksheet\" Target=\"worksheets/sheet" + std::to_string(i + 1) + ".xml\"/>";
        spill_text(kSpillAt);
    }
    text += "<Relationship Id=\"rId" + std::to_string(n + 1) + "\" Type=\"" + rel_type +
            "theme\" Target=\"theme/theme1.xml\"/>";
    text += "<Relationship Id=\"rId" + std::to_string(n + 2) + "\" Type=\"" + rel_type +
            "styles\" Target=\"styles.xml\"/>";
    if (strings) {
        text += "<Relationship Id=\"rId" + std::to_string(n + 3) + "\" Type=\"" + rel_type +
                "sharedStrings\" Target=\"sharedStrings.xml\"/>";
    }
    text += "</Relationships>";
    add_spilled("xl/_rels/workbook.xml.rels");

    text = kDecl;
    text += std::string("<workbook xmlns=\"") + kMainNs + "\" xmlns:r=\"" + kRelNs +
            "\"><fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" "
            "rupBuild=\"4505\"/><workbookPr defaultThemeVersion=\"124226\"/><bookViews>"
            "<workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" "
            "windowHeight=\"9660\"";
    if (active_ > 0) text += " activeTab=\"" + std::to_string(active_) + "\"";
    text += "/></bookViews><sheets>";
    for (std::size_t i = 0; i < n; ++i) {
        text += "<sheet" + attr("name", sheets_[i].name) + " sheetId=\"" + std::to_string(i + 1) +
                "\"";
        if (sheets_[i].hidden) text += " state=\"hidden\"";
        text += " r:id=\"rId" + std::to_string(i + 1) + "\"/>";
        spill_text(kSpillAt);
    }
    text += "</sheets>";
    if (!names_.empty()) {
        text += "<definedNames>";
        for (const Name& d : names_) {
            text += "<definedName" + attr("name", name_texts_[d.text]);
            if (d.sheet >= 0) text += " localSheetId=\"" + std::to_string(d.sheet) + "\"";
            text += '>';
            append_escaped(text, name_formula(d), false);
            text += "</definedName>";
            spill_text(kSpillAt);
        }
        text += "</definedNames>";
    }
    text += "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>";
    add_spilled("xl/workbook.xml");

    if (strings) {
        text = kDecl;
        text += std::string("<sst xmlns=\"") + kMainNs + "\" count=\"" +
                std::to_string(sst_count_) + "\" uniqueCount=\"" +
                std::to_string(sst_order_.size()) + "\">";
        for (const std::string* s : sst_order_) {
            const bool preserve = !s->empty() && (is_space(s->front()) || is_space(s->back()));
            text += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>";
            append_sst_text(text, *s);
            text += "</t></si>";
            spill_text(kSpillAt);
        }
        text += "</sst>";
        add_spilled("xl/sharedStrings.xml");
    }
    add("xl/theme/theme1.xml", theme_xml());
    add("xl/styles.xml", styles_xml());

    char date[32] = "";
    std::tm tm{};
    if (::gmtime_r(&created_, &tm) != nullptr) {
        std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    std::string core = kDecl;
    core += "<cp:coreProperties "
            "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
            "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>";
    append_escaped(core, title_, false);
    core += "</dc:title><dc:subject>";
    append_escaped(core, subject_, false);
    core += "</dc:subject><dc:creator>";
    append_escaped(core, author_, false);
    core += "</dc:creator><cp:lastModifiedBy>";
    append_escaped(core, author_, false);
    core += std::string("</cp:lastModifiedBy><dcterms:created xsi:type=\"dcterms:W3CDTF\">") +
            date + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date +
            "</dcterms:modified></cp:coreProperties>";
    add("docProps/core.xml", std::move(core));

    text = kDecl;
    text += "<Properties "
            "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
            "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
            "<ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size=\"";
    text += names_.empty() ? "2" : "4";
    text += "\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
            "<vt:variant><vt:i4>" + std::to_string(n) + "</vt:i4></vt:variant>";
    if (!names_.empty()) {
        text += "<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>" +
                std::to_string(names_.size()) + "</vt:i4></vt:variant>";
    }
    text += "</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\"" +
            std::to_string(n + names_.size()) + "\" baseType=\"lpstr\">";
    for (const SheetEntry& e : sheets_) {
        text += "<vt:lpstr>";
        append_escaped(text, e.name, false);
        text += "</vt:lpstr>";
        spill_text(kSpillAt);
    }
    for (const Name& d : names_) {
        // A local name is titled "'Tổ 1'!Print_Titles", a global one by its name.
        const std::string& name = name_texts_[d.text];
        text += "<vt:lpstr>";
        append_escaped(text, d.sheet >= 0 ? quote_sheet(sheet_of(d)) + "!" + bare_name(name) : name,
                       false);
        text += "</vt:lpstr>";
        spill_text(kSpillAt);
    }
    text += "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "<AppVersion>12.0000</AppVersion></Properties>";
    add_spilled("docProps/app.xml");
    text = std::string();
    if (spill_.error() != 0) {
        return fail("không ghi được tệp tạm: " + files::errno_text(spill_.error()), true);
    }

    constexpr std::size_t kBefore = 3;  // [Content_Types].xml and the two .rels
    auto part = [&](std::size_t i) {
        zip::PartView v;
        if (i >= kBefore && i < kBefore + n) {
            const SheetEntry& e = sheets_[i - kBefore];
            v.name = "xl/worksheets/sheet" + std::to_string(i - kBefore + 1) + ".xml";
            if (e.count > 0) {
                v.fd = spill_.fd();
                v.ranges = sheet_ranges_.data() + e.first;
                v.range_count = e.count;
            }
            return v;
        }
        const Other& o = others[i < kBefore ? i : i - n];
        v.name = o.name;
        v.bytes = o.bytes;
        if (!o.at.empty()) {
            v.fd = spill_.fd();
            v.ranges = o.at.data();
            v.range_count = o.at.size();
        }
        return v;
    };
    std::string zip_error;
    if (!zip::zip_parts_to(n + others.size(), part, path, zip_error)) {
        return fail("không tạo hoặc không ghi được tệp (thư mục không ghi được, đĩa đầy?): " +
                        zip_error,
                    true);
    }
    return true;
}

}  // namespace thidua::xlsx::stream
