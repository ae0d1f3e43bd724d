#include "campaign/roster_import.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/suggest.hpp"
#include "base/text.hpp"
#include "campaign/roster.hpp"
#include "campaign/schema.hpp"
#include "sheet/sheet.hpp"

namespace thidua {

namespace {

namespace fs = std::filesystem;
using json = Json;
using roster::Column;
using roster::Table;
using roster::TableId;
using roster::ValueKind;
using sheet::Cell;
using sheet::CellType;

/// Header rows are looked for among the first rows that hold something.
constexpr int kHeaderSearchRows = 10;

/// `s` trimmed, with every run of white space (line breaks too) as one space.
std::string one_line(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// A name as two names are compared: one line, lower case.
std::string fold_name(std::string_view s) { return text::lower(one_line(s)); }

/// The value shown in a message: quoted text, or a number as Vietnamese prints it.
std::string shown(const Cell& c) {
    switch (c.type) {
        case CellType::number: return "số " + text::number(c.number, 6);
        case CellType::boolean:
            return std::string("giá trị đúng/sai (") + (c.number != 0 ? "TRUE" : "FALSE") + ")";
        default: return quote_for_message(c.text);
    }
}

/// Sets `value` at `pointer` (e.g. "/report/date") inside `obj`, making the objects on the way.
void put(json& obj, std::string_view pointer, json value) {
    json* at = &obj;
    std::size_t start = 1;
    for (;;) {
        const std::size_t slash = pointer.find('/', start);
        const std::string key(pointer.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) {
            (*at)[key] = std::move(value);
            return;
        }
        at = &(*at)[key];
        start = slash + 1;
    }
}

bool digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Splits `s` at each of the characters in `seps`.
std::vector<std::string> split(std::string_view s, std::string_view seps) {
    std::vector<std::string> out(1);
    for (char c : s) {
        if (seps.find(c) != std::string_view::npos) {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

std::string pad(int n, int width) {
    std::string s = std::to_string(n);
    return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
}

/// One unit a row of another sheet may name: its code (may be empty) and name.
struct UnitRef {
    std::string id;
    std::string name;
};

/// Where the columns of a table are on its sheet.
struct Header {
    int row = 0;
    std::vector<int> col;  ///< per column of the table: its sheet column, 0 when absent
    /// The units' target columns ("Chỉ tiêu <mã>"): indicator code and sheet column.
    std::vector<std::pair<std::string, int>> targets;
};

/// What a target column is read as; its header is the cell's own ("Chỉ tiêu <mã>").
const Column kTargetColumn{"Chỉ tiêu", "", "", ValueKind::number};

/// A sheet's cells grouped by row.
using Rows = std::map<int, std::vector<const Cell*>>;

Rows rows_of(const sheet::Sheet& s) {
    Rows rows;
    for (const Cell& c : s.cells) rows[c.row].push_back(&c);
    return rows;
}

/// Which column of `t` a header text names, or -1.
int column_of(const Table& t, std::string_view header) {
    const std::string folded = roster::fold_header(header);
    if (folded.empty()) return -1;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (roster::fold_header(t.columns[i].header) == folded) return static_cast<int>(i);
        for (const std::string& alias : split(t.columns[i].aliases, "|")) {
            if (!alias.empty() && roster::fold_header(alias) == folded) return static_cast<int>(i);
        }
    }
    return -1;
}

/// The row among the first that holds the most of the table's headers (at least two),
/// or 0.
int find_header_row(const Rows& rows, const Table& t) {
    int best = 0, best_count = 1;
    int seen = 0;
    for (const auto& [r, cells] : rows) {
        if (++seen > kHeaderSearchRows) break;
        std::set<int> found;
        for (const Cell* c : cells) {
            if (c->type != CellType::text) continue;
            const int k = column_of(t, c->text);
            if (k >= 0) found.insert(k);
        }
        if (static_cast<int>(found.size()) > best_count) {
            best = r;
            best_count = static_cast<int>(found.size());
        }
    }
    return best;
}

/// The path of a file the campaign names: relative to the campaign file's folder.
fs::path resolve(const JsonDoc& doc, const std::string& rel) {
    fs::path path(rel);
    if (path.is_relative()) path = fs::path(doc.source.path()).parent_path() / path;
    return path.lexically_normal();
}

class Importer {
public:
    Importer(JsonDoc& doc, Diagnostics& diags) : doc_(doc), diags_(diags) {}

    bool run() {
        if (!doc_.value.is_object()) return true;
        const std::size_t before = diags_.error_count();
        const json* units_file = lookup_pointer(doc_.value, "/units_file");
        if (units_file != nullptr && units_file->is_string()) import_units();
        const json* nominees_file = lookup_pointer(doc_.value, "/nomination/nominees_file");
        const json* nomination = lookup_pointer(doc_.value, "/nomination");
        if (nominees_file != nullptr && nominees_file->is_string() && nomination->is_object()) {
            import_nominees();
        }
        check_other_sheets();
        return diags_.error_count() == before;
    }

private:
    // ---- reporting

    bool room() {
        if (++reported_ <= max_validation_errors) return true;
        if (reported_ == max_validation_errors + 1) {
            diags_.error_general("còn lỗi khác trong bảng tính; chỉ báo " +
                                 std::to_string(max_validation_errors) + " lỗi đầu tiên");
        }
        return false;
    }

    void at(const sheet::Workbook& wb, const sheet::Sheet& s, int row, int col, std::string message,
            Severity severity = Severity::error) {
        if (severity != Severity::error || room()) {
            diags_.at_cell(wb.path, s.name, row, col, std::move(message), severity);
        }
    }

    // ---- files

    /// The workbook the string at `pointer` names, read once however many lists use it.
    const sheet::Workbook* load(const std::string& pointer) {
        const std::string& rel = lookup_pointer(doc_.value, pointer)->get_ref<const std::string&>();
        const std::string key = pointer.substr(pointer.rfind('/') + 1);
        if (!sheet::is_sheet_file_name(rel)) {
            error_at_value(doc_, diags_, pointer,
                           "\"" + key + "\" phải là một bảng tính .xlsx hoặc một tệp .csv, gặp " +
                               quote_for_message(rel));
            return nullptr;
        }
        const fs::path path = resolve(doc_, rel);
        const std::string shown = path.string();
        auto [it, inserted] = books_.try_emplace(shown);
        if (!inserted) return it->second ? &*it->second : nullptr;
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            error_at_value(doc_, diags_, pointer,
                           "không tìm thấy tệp " + quote_for_message(shown) +
                               " (đường dẫn tính từ thư mục của tệp chiến dịch)");
            return nullptr;
        }
        it->second = sheet::read_file(shown, diags_);
        return it->second ? &*it->second : nullptr;
    }

    static std::string fold_sheet(std::string_view name) { return fold_name(name); }

    /// The sheet of `t` in `wb` (the only one of a CSV file); reports it missing when
    /// `required`.
    const sheet::Sheet* find_sheet(const sheet::Workbook& wb, const Table& t, bool required) {
        if (wb.csv) return &wb.sheets.front();
        for (const sheet::Sheet& s : wb.sheets) {
            if (fold_sheet(s.name) == fold_sheet(t.sheet)) return &s;
        }
        if (required) missing_sheet_.insert(wb.path);
        if (required && room()) {
            std::string names;
            for (const sheet::Sheet& s : wb.sheets) {
                if (s.hidden) continue;
                names += (names.empty() ? "" : ", ") + std::string("\"") + s.name + "\"";
            }
            diags_.error_at(wb.path, 0, 0,
                            "bảng tính không có trang \"" + std::string(t.sheet) + "\" (có " +
                                names + "): đổi tên trang chứa danh sách " + std::string(t.noun) +
                                " thành \"" + std::string(t.sheet) + "\"");
        }
        return nullptr;
    }

    // ---- header

    std::string required_list(const Table& t) const {
        std::string out;
        for (const Column& c : t.columns) {
            if (c.required) out += (out.empty() ? "\"" : ", \"") + std::string(c.header) + "\"";
        }
        return out;
    }

    std::optional<Header> read_header(const sheet::Workbook& wb, const sheet::Sheet& s,
                                      const Rows& rows, const Table& t) {
        if (rows.empty()) {
            at(wb, s, 0, 0,
               "trang trống: chưa có dòng tiêu đề cột và " + std::string(t.noun) + " nào");
            return std::nullopt;
        }
        Header h;
        h.row = find_header_row(rows, t);
        if (h.row == 0) {
            at(wb, s, 0, 0,
               "không tìm thấy dòng tiêu đề cột trong " + std::to_string(kHeaderSearchRows) +
                   " dòng đầu: cần một dòng có các cột " + required_list(t));
            return std::nullopt;
        }
        h.col.assign(t.columns.size(), 0);
        std::vector<std::string> known;
        for (const Column& c : t.columns) known.emplace_back(c.header);
        bool ok = true;
        for (const Cell* c : rows.at(h.row)) {
            if (c->type != CellType::text) continue;
            const int k = column_of(t, c->text);
            if (k < 0 && t.id == TableId::units && !roster::target_of_header(c->text).empty()) {
                const std::string id = roster::target_of_header(c->text);
                bool twice = false;
                for (const auto& [other, col] : h.targets) {
                    if (other != id) continue;
                    at(wb, s, c->row, c->col,
                       "cột \"" + roster::target_header(id) + "\" có hai lần (ô " +
                           cell_name(h.row, col) + " và ô " + cell_name(c->row, c->col) +
                           "): xóa hoặc đổi tên một cột");
                    twice = true;
                }
                ok = ok && !twice;
                if (!twice) h.targets.emplace_back(id, c->col);
                continue;
            }
            if (k < 0) {
                const std::string folded = roster::fold_header(c->text);
                if (folded.empty() || roster::is_numbering_header(folded)) continue;
                std::string message =
                    "cột " + quote_for_message(one_line(c->text.substr(0, c->text.find('\n')))) +
                    " không phải cột của mẫu nên không được đọc";
                const std::string hint = closest_name(folded, lowered(known));
                if (!hint.empty()) message += " (có phải \"" + original(known, hint) + "\"?)";
                at(wb, s, c->row, c->col, message, Severity::warning);
                continue;
            }
            const auto ki = static_cast<std::size_t>(k);
            if (h.col[ki] != 0) {
                at(wb, s, c->row, c->col,
                   "cột \"" + std::string(t.columns[ki].header) + "\" có hai lần (ô " +
                       cell_name(h.row, h.col[ki]) + " và ô " + cell_name(c->row, c->col) +
                       "): xóa hoặc đổi tên một cột");
                ok = false;
                continue;
            }
            h.col[ki] = c->col;
        }
        for (std::size_t k = 0; k < t.columns.size(); ++k) {
            if (t.columns[k].required && h.col[k] == 0) {
                at(wb, s, h.row, 0, "thiếu cột \"" + std::string(t.columns[k].header) + "\"");
                ok = false;
            }
        }
        for (const sheet::Merge& m : s.merges) {
            if (m.last_row < h.row) continue;  // a title above the table
            at(wb, s, m.first_row, m.first_col,
               "các ô " + cell_name(m.first_row, m.first_col) + ":" +
                   cell_name(m.last_row, m.last_col) +
                   " được gộp thành một ô: hãy bỏ gộp ô (Merge) và ghi giá trị vào từng ô");
            ok = false;
        }
        if (!ok) return std::nullopt;
        return h;
    }

    static std::vector<std::string> lowered(const std::vector<std::string>& v) {
        std::vector<std::string> out;
        for (const auto& s : v) out.push_back(roster::fold_header(s));
        return out;
    }

    static std::string original(const std::vector<std::string>& known, const std::string& folded) {
        for (const auto& k : known) {
            if (roster::fold_header(k) == folded) return k;
        }
        return folded;
    }

    // ---- cells

    /// Where the value being read is, for its errors.
    struct Here {
        const sheet::Workbook* wb;
        const sheet::Sheet* sheet;
        const Column* column;
        int row;
        int col;
        std::string header = {};  ///< when not the column's own (a target column)
    };

    void fail(const Here& h, std::string message) {
        at(*h.wb, *h.sheet, h.row, h.col, std::move(message));
    }

    std::string column_name(const Here& h) const {
        return "cột \"" + (h.header.empty() ? std::string(h.column->header) : h.header) + "\"";
    }

    /// The cell's text, or nullopt (reported) when the cell is not text; `numbers` takes a
    /// whole number as its digits.
    std::optional<std::string> text_of(const Here& h, const Cell& c, bool numbers = false) {
        switch (c.type) {
            case CellType::text: return c.text;
            case CellType::number:
                if (numbers && c.number >= 0 && c.number < 1e15 &&
                    std::floor(c.number) == c.number && !c.date) {
                    return std::to_string(static_cast<long long>(c.number));
                }
                fail(h, "cần chữ ở " + column_name(h) + ", gặp " + shown(c));
                return std::nullopt;
            case CellType::boolean:
                fail(h, "cần chữ ở " + column_name(h) + ", gặp " + shown(c));
                return std::nullopt;
            case CellType::error:
                fail(h, "ô có lỗi công thức " + c.text + ": hãy sửa công thức hoặc ghi giá trị");
                return std::nullopt;
            case CellType::formula:
                fail(h, "ô có công thức chưa được tính (" + quote_for_message(c.text) +
                            "): hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại");
                return std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<json> read_date(const Here& h, const Cell& c) {
        if (c.type == CellType::number) {
            if (c.date) {
                std::optional<text::Date> d = sheet::date_of_serial(c.number, h.wb->date1904);
                if (!d) {
                    fail(h, "ngày ngoài khoảng đọc được (từ 01/01/1900 đến 31/12/9999)");
                    return std::nullopt;
                }
                return pad(d->year, 4) + "-" + pad(d->month, 2) + "-" + pad(d->day, 2);
            }
            if (std::floor(c.number) == c.number && c.number >= 1900 && c.number <= 2100) {
                return std::to_string(static_cast<int>(c.number));  // a year alone
            }
            fail(h, "ô là " + shown(c) +
                        ", không phải ngày: ghi ngày dạng ngày/tháng/năm "
                        "(ví dụ 05/03/2025) hoặc định dạng ô là ngày");
            return std::nullopt;
        }
        std::optional<std::string> t = text_of(h, c);
        if (!t) return std::nullopt;
        const std::string s = one_line(*t);
        const std::vector<std::string> parts = split(s, "/.-");
        auto bad = [&](const std::string& why) -> std::optional<json> {
            fail(h, quote_for_message(s) + " không phải ngày dạng ngày/tháng/năm" + why +
                        ": ghi ví dụ 05/03/2025, hoặc định dạng ô là ngày");
            return std::nullopt;
        };
        for (const auto& p : parts) {
            if (!digits(p) || p.size() > 4) return bad("");
        }
        // "2025-03-05": the ISO order, which no one reads another way.
        if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() == 2 &&
            parts[2].size() == 2 && s[4] == '-') {
            if (text::parse_date(s)) return s;
            return bad(" (không có ngày này)");
        }
        if (parts.size() == 3 && parts[0].size() <= 2 && parts[1].size() <= 2 &&
            parts[2].size() == 4) {
            const int d = std::stoi(parts[0]), m = std::stoi(parts[1]), y = std::stoi(parts[2]);
            if (m < 1 || m > 12) return bad(" (không có tháng " + std::to_string(m) + ")");
            if (!text::valid_date(y, m, d) || y < 1900) return bad(" (không có ngày này)");
            return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
        }
        if (parts.size() == 2 && parts[0].size() <= 2 && parts[1].size() == 4) {
            const int m = std::stoi(parts[0]), y = std::stoi(parts[1]);
            if (m < 1 || m > 12 || y < 1900)
                return bad(" (không có tháng " + std::to_string(m) + ")");
            return pad(y, 4) + "-" + pad(m, 2);
        }
        if (parts.size() == 1 && parts[0].size() == 4 && std::stoi(parts[0]) >= 1900) return s;
        if (parts.size() == 3 && parts[2].size() == 2) return bad(" (năm phải đủ 4 chữ số)");
        return bad("");
    }

    std::optional<json> read_count(const Here& h, const Cell& c) {
        if (c.type == CellType::number && !c.date && c.number >= 0 && c.number <= 1e9 &&
            std::floor(c.number) == c.number) {
            return static_cast<long long>(c.number);
        }
        if (c.type == CellType::text) {
            const std::string s = one_line(c.text);
            if (digits(s) && s.size() <= 9) return std::stoll(s);
        }
        if (c.type == CellType::error || c.type == CellType::formula) return text_of(h, c);
        fail(h, "cần số nguyên không âm ở " + column_name(h) + ", gặp " + shown(c));
        return std::nullopt;
    }

    std::optional<json> read_number(const Here& h, const Cell& c) {
        if (c.type == CellType::number && !c.date) {
            // "85%" typed into a cell is 0.85 shown as a percentage; a target of 85% is 85.
            return c.percent ? std::round(c.number * 100 * 1e9) / 1e9 : c.number;
        }
        if (c.type == CellType::text) {
            std::string s = one_line(c.text);
            if (!s.empty() && s.back() == '%') s = one_line(s.substr(0, s.size() - 1));
            std::replace(s.begin(), s.end(), ',', '.');
            double v = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (!s.empty() && ec == std::errc() && p == s.data() + s.size() && std::isfinite(v)) {
                return v;
            }
        }
        if (c.type == CellType::error || c.type == CellType::formula) return text_of(h, c);
        fail(h, "cần một số ở " + column_name(h) + ", gặp " + shown(c));
        return std::nullopt;
    }

    std::optional<json> read_choice(
        const Here& h, const Cell& c,
        const std::vector<std::pair<std::string, std::string>>& choices) {
        std::optional<std::string> t = text_of(h, c);
        if (!t) return std::nullopt;
        const std::string folded = fold_name(*t);
        std::string list;
        for (const auto& [word, value] : choices) {
            if (fold_name(word) == folded) return value;
        }
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (i > 0 && choices[i].second == choices[i - 1].second) continue;
            list += (list.empty() ? "\"" : "\" hoặc \"") + choices[i].first;
        }
        fail(h, column_name(h) + " ghi " + list + "\", gặp " + quote_for_message(*t));
        return std::nullopt;
    }

    /// Indexes the units a row may name by code and by name (as a reader compares names);
    /// the first of two with the same name wins (the rules report the second).
    void index_units() {
        unit_by_id_.clear();
        unit_by_name_.clear();
        for (const UnitRef& u : units_) {
            if (!u.id.empty()) unit_by_id_.emplace(u.id, &u);
            unit_by_name_.emplace(fold_name(u.name), &u);
        }
    }

    std::optional<json> read_unit(const Here& h, const Cell& c) {
        std::optional<std::string> t = text_of(h, c, true);
        if (!t) return std::nullopt;
        const std::string s = one_line(*t);
        const std::string folded = fold_name(s);
        if (auto it = unit_by_id_.find(s); it != unit_by_id_.end()) return it->second->id;
        if (auto it = unit_by_name_.find(folded); it != unit_by_name_.end()) {
            const UnitRef& u = *it->second;
            return u.id.empty() ? u.name : u.id;
        }
        if (units_failed_) return s;  // the units had mistakes of their own: said already
        std::string message = "đơn vị " + quote_for_message(s) + " không có trong " + units_from_;
        std::vector<std::string> names;
        for (const UnitRef& u : units_) names.push_back(u.name);
        const std::string hint = closest_name(s, names);
        if (!hint.empty()) message += " (có phải \"" + hint + "\"?)";
        if (h.column->kind == ValueKind::unit && table_of(h) == TableId::nominees) {
            message += "; người ngoài các đơn vị này ghi nơi công tác ở cột \"Nơi công tác khác\"";
        }
        fail(h, message);
        return std::nullopt;
    }

    TableId table_of(const Here& h) const {
        for (const Table& t : roster::tables()) {
            for (const Column& c : t.columns) {
                if (&c == h.column) return t.id;
            }
        }
        return TableId::units;
    }

    std::optional<json> read_records(const Here& h, const Cell& c) {
        std::optional<std::string> t = text_of(h, c);
        if (!t) return std::nullopt;
        json out = json::array();
        int line_no = 0;
        for (const std::string& raw : split(*t, "\n")) {
            ++line_no;
            const std::string line = one_line(raw);
            if (line.empty()) continue;
            std::size_t i = 0;
            while (i < line.size() && i < 4 && line[i] >= '0' && line[i] <= '9') ++i;
            std::size_t j = i;
            while (j < line.size() && line[j] == ' ') ++j;
            std::string_view rest = std::string_view(line).substr(j);
            std::size_t sep_len = rest.substr(0, 1) == ":" || rest.substr(0, 1) == "-" ? 1
                                  : rest.substr(0, 3) == "–"                           ? 3
                                                                                       : 0;
            if (i != 4 || (i < line.size() && line[i] >= '0' && line[i] <= '9') || sep_len == 0 ||
                one_line(rest.substr(sep_len)).empty()) {
                fail(h,
                     "dòng " + std::to_string(line_no) +
                         " của ô không đúng dạng \"năm: tên; "
                         "số, ngày quyết định\" (ví dụ \"2024: Lao động tiên tiến; Quyết định số "
                         "15/QĐ-UBND ngày 10/01/2025\"), gặp " +
                         quote_for_message(line));
                return std::nullopt;
            }
            const std::string body = one_line(rest.substr(sep_len));
            const std::size_t semi = body.find(';');
            json r = json::object();
            r["year"] = std::stoi(line.substr(0, 4));
            r["name"] = one_line(body.substr(0, semi));
            if (semi != std::string::npos && !one_line(body.substr(semi + 1)).empty()) {
                r["decision"] = one_line(body.substr(semi + 1));
            }
            if (r["name"].get_ref<const std::string&>().empty()) {
                fail(h, "dòng " + std::to_string(line_no) +
                            " của ô thiếu tên danh hiệu, hình "
                            "thức trước dấu \";\"");
                return std::nullopt;
            }
            out.push_back(std::move(r));
        }
        if (out.empty()) return json();
        return out;
    }

    /// The value of one cell for its column; null json when the cell says nothing;
    /// nullopt when it was reported.
    std::optional<json> read_value(const Here& h, const Cell& c) {
        switch (h.column->kind) {
            case ValueKind::id: {
                std::optional<std::string> t = text_of(h, c, true);
                if (!t) return std::nullopt;
                const std::string s = one_line(*t);
                bool ok = !s.empty() && s.size() <= 64 && s[0] != '-';
                for (char ch : s)
                    ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-');
                if (!ok) {
                    fail(h, "mã " + quote_for_message(s) +
                                " chỉ được gồm chữ thường không dấu, "
                                "chữ số và dấu \"-\", bắt đầu bằng chữ hoặc số, tối đa 64 ký tự "
                                "(ví dụ \"tdp-01\")");
                    return std::nullopt;
                }
                return s;
            }
            case ValueKind::text:
            case ValueKind::workplace: {
                std::optional<std::string> t = text_of(h, c);
                if (!t) return std::nullopt;
                std::string s = one_line(*t);
                return s.empty() ? json() : json(s);
            }
            case ValueKind::lines: {
                std::optional<std::string> t = text_of(h, c);
                if (!t) return std::nullopt;
                json out = json::array();
                for (const std::string& line : split(*t, "\n")) {
                    std::string s = one_line(line);
                    if (!s.empty()) out.push_back(s);
                }
                return out.empty() ? json() : out;
            }
            case ValueKind::date: return read_date(h, c);
            case ValueKind::count: return read_count(h, c);
            case ValueKind::kind:
                return read_choice(h, c,
                                   {{"Tập thể", "collective"},
                                    {"collective", "collective"},
                                    {"Cá nhân", "individual"},
                                    {"individual", "individual"}});
            case ValueKind::gender: return read_choice(h, c, {{"Nam", "Nam"}, {"Nữ", "Nữ"}});
            case ValueKind::unit: return read_unit(h, c);
            case ValueKind::records: return read_records(h, c);
            case ValueKind::number: return read_number(h, c);
        }
        return std::nullopt;
    }

    /// Reads the rows under the header into objects; `place` gets the row of each object.
    /// Cell places are recorded under `base` + "/<index>" + field. Returns false when a
    /// cell had a mistake.
    bool read_rows(const sheet::Workbook& wb, const sheet::Sheet& s, const Rows& rows,
                   const Table& t, const Header& head, const std::string& base, json& out,
                   std::vector<int>* row_numbers = nullptr) {
        bool ok = true;
        for (auto it = rows.upper_bound(head.row); it != rows.end(); ++it) {
            const int r = it->first;
            std::map<int, const Cell*> by_col;
            for (const Cell* c : it->second) by_col[c->col] = c;
            // A row with nothing in the table's columns (numbers in an "STT" column, notes
            // beside the table) is not a row of the list.
            bool any = false;
            std::vector<int> cols = head.col;
            for (const auto& target : head.targets) cols.push_back(target.second);
            for (int col : cols) {
                auto found = by_col.find(col);
                if (col == 0 || found == by_col.end()) continue;
                const Cell& c = *found->second;
                any = any || c.type != CellType::text || !one_line(c.text).empty();
            }
            if (!any) continue;
            const std::string p = pointer_append(base, out.size());
            doc_.positions.set_cell(p, {wb.path, s.name, r, 0});
            json obj = json::object();
            for (std::size_t k = 0; k < t.columns.size(); ++k) {
                const Column& col = t.columns[k];
                if (head.col[k] == 0) continue;
                const Here here{&wb, &s, &col, r, head.col[k]};
                auto found = by_col.find(head.col[k]);
                std::optional<json> v = json();
                if (found != by_col.end()) v = read_value(here, *found->second);
                if (!v) {
                    ok = false;
                    continue;
                }
                if (v->is_null()) {
                    if (col.required) {
                        fail(here, column_name(here) + " không được để trống");
                        ok = false;
                    }
                    if (col.kind != ValueKind::workplace) {
                        doc_.positions.set_cell(p + std::string(col.field),
                                                {wb.path, s.name, r, head.col[k]});
                    }
                    continue;
                }
                if (col.kind == ValueKind::workplace && lookup_pointer(obj, col.field) != nullptr) {
                    fail(here, "ghi một trong hai cột \"Đơn vị\" hoặc \"" +
                                   std::string(col.header) + "\", không ghi cả hai");
                    ok = false;
                    continue;
                }
                doc_.positions.set_cell(p + std::string(col.field),
                                        {wb.path, s.name, r, head.col[k]});
                put(obj, col.field, std::move(*v));
            }
            for (const auto& [id, col] : head.targets) {
                const Here here{&wb, &s, &kTargetColumn, r, col, roster::target_header(id)};
                const std::string field = roster::target_field(id);
                doc_.positions.set_cell(p + field, {wb.path, s.name, r, col});
                auto found = by_col.find(col);
                if (found == by_col.end()) continue;
                std::optional<json> v = read_value(here, *found->second);
                if (!v) {
                    ok = false;
                } else if (!v->is_null()) {
                    put(obj, field, std::move(*v));
                }
            }
            out.push_back(std::move(obj));
            if (row_numbers != nullptr) row_numbers->push_back(r);
            if (out.size() > static_cast<std::size_t>(sheet::max_rows)) break;
        }
        return ok;
    }

    // ---- the lists

    /// Where a list read from a file sits in the JSON text: at the "…_file" member.
    void place_list(const std::string& list, const std::string& file_pointer) {
        doc_.positions.place_like(list, file_pointer);
    }

    void import_units() {
        const std::string file_pointer = "/units_file";
        if (doc_.value.contains("units")) {
            error_at_key(doc_, diags_, file_pointer,
                         "\"units_file\" và \"units\" không dùng cùng nhau: lấy danh sách đơn vị "
                         "từ bảng tính thì xóa \"units\" trong tệp chiến dịch");
            units_failed_ = true;
            return;
        }
        units_failed_ = true;
        const sheet::Workbook* wb = load(file_pointer);
        if (wb == nullptr) return;
        const Table& t = roster::table(TableId::units);
        const sheet::Sheet* s = find_sheet(*wb, t, true);
        if (s == nullptr) return;
        read_[wb->path].insert(TableId::units);
        const Rows rows = rows_of(*s);
        std::optional<Header> head = read_header(*wb, *s, rows, t);
        if (!head) return;
        json units = json::array();
        place_list("/units", file_pointer);
        bool ok = read_rows(*wb, *s, rows, t, *head, "/units", units);
        if (units.empty() && ok) {
            at(*wb, *s, 0, 0,
               "chưa có đơn vị nào dưới dòng tiêu đề cột (dòng " + std::to_string(head->row) + ")");
            return;
        }
        for (const json& u : units) {
            units_.push_back({u.value("id", std::string()), u.value("name", std::string())});
        }
        index_units();
        units_from_ = wb->csv ? "tệp " + quote_for_message(wb->path)
                              : "trang \"" + std::string(t.sheet) + "\"";
        units_failed_ = !ok;
        if (!wb->csv) {
            read_[wb->path].insert(TableId::registrants);
            ok = import_registrants(*wb, units) && ok;
        }
        if (!ok) return;
        doc_.value["units"] = std::move(units);
    }

    /// The individuals each unit registered, from the sheet "Cá nhân đăng ký" when the
    /// workbook has it, into units[].registration.individuals.
    bool import_registrants(const sheet::Workbook& wb, json& units) {
        const Table& t = roster::table(TableId::registrants);
        const sheet::Sheet* s = find_sheet(wb, t, false);
        if (s == nullptr) return true;
        const Rows rows = rows_of(*s);
        if (rows.empty()) return true;
        std::optional<Header> head = read_header(wb, *s, rows, t);
        if (!head) return false;
        json people = json::array();
        std::vector<int> row_numbers;
        // Read under a pointer of their own, then move each person to their unit and
        // record their cells again where they end up.
        const std::string scratch = "/registrants";
        const bool ok = read_rows(wb, *s, rows, t, *head, scratch, people, &row_numbers);
        if (!ok) return false;
        std::map<std::string, std::size_t> unit_index;
        for (std::size_t i = 0; i < units.size(); ++i) {
            unit_index[units[i].value("id", units[i].value("name", std::string()))] = i;
        }
        for (std::size_t j = 0; j < people.size(); ++j) {
            json& person = people[j];
            const std::string unit = person.value("unit", std::string());
            auto u = unit_index.find(unit);
            if (u == unit_index.end()) continue;  // reported by read_unit
            person.erase("unit");
            json& reg = units[u->second]["registration"];
            json& list = reg["individuals"];
            if (!list.is_array()) list = json::array();
            const std::string p = pointer_append(
                pointer_append("/units", u->second) + "/registration/individuals", list.size());
            const int r = row_numbers[j];
            doc_.positions.set_cell(p, {wb.path, s->name, r, 0});
            for (std::size_t k = 1; k < t.columns.size(); ++k) {
                if (head->col[k] == 0) continue;
                doc_.positions.set_cell(p + std::string(t.columns[k].field),
                                        {wb.path, s->name, r, head->col[k]});
            }
            list.push_back(std::move(person));
        }
        return true;
    }

    void import_nominees() {
        const std::string file_pointer = "/nomination/nominees_file";
        if (doc_.value["nomination"].contains("nominees")) {
            error_at_key(doc_, diags_, file_pointer,
                         "\"nominees_file\" và \"nominees\" không dùng cùng nhau: lấy danh sách "
                         "đề nghị khen thưởng từ bảng tính thì xóa \"nominees\" trong "
                         "\"nomination\"");
            return;
        }
        const sheet::Workbook* wb = load(file_pointer);
        if (wb == nullptr) return;
        const Table& t = roster::table(TableId::nominees);
        const sheet::Sheet* s = find_sheet(*wb, t, true);
        if (s == nullptr) return;
        read_[wb->path].insert(TableId::nominees);
        if (!units_file_read() && units_.empty()) {
            // The units are those written in the campaign file.
            const json* units = lookup_pointer(doc_.value, "/units");
            if (units != nullptr && units->is_array()) {
                for (const json& u : *units) {
                    if (!u.is_object()) continue;
                    units_.push_back(
                        {u.value("id", std::string()), u.value("name", std::string())});
                }
                index_units();
            }
            units_failed_ = false;
            units_from_ = "\"units\" của tệp chiến dịch";
        }
        const Rows rows = rows_of(*s);
        std::optional<Header> head = read_header(*wb, *s, rows, t);
        if (!head) return;
        json nominees = json::array();
        place_list("/nomination/nominees", file_pointer);
        const bool ok = read_rows(*wb, *s, rows, t, *head, "/nomination/nominees", nominees);
        if (nominees.empty() && ok) {
            at(*wb, *s, 0, 0,
               "chưa có tập thể, cá nhân nào dưới dòng tiêu đề cột (dòng " +
                   std::to_string(head->row) + ")");
            return;
        }
        if (!ok) return;
        doc_.value["nomination"]["nominees"] = std::move(nominees);
    }

    bool units_file_read() const {
        const json* f = lookup_pointer(doc_.value, "/units_file");
        return f != nullptr && f->is_string();
    }

    /// A sheet nobody reads but which holds data would be lost without a word: a sheet
    /// not of the template is an error, a sheet of the template whose list the campaign
    /// takes from elsewhere a warning.
    void check_other_sheets() {
        for (const auto& [path, book] : books_) {
            // A workbook whose list's sheet is missing was told to rename a sheet already.
            if (!book || book->csv || missing_sheet_.count(path) != 0) continue;
            for (const sheet::Sheet& s : book->sheets) {
                if (s.hidden || s.cells.empty()) continue;
                const std::string name = fold_sheet(s.name);
                if (name == fold_sheet(roster::list_sheet)) continue;
                const Table* table = nullptr;
                for (const Table& t : roster::tables()) {
                    if (fold_sheet(t.sheet) == name) table = &t;
                }
                if (table == nullptr) {
                    std::string names;
                    for (const Table& t : roster::tables()) {
                        names += (names.empty() ? "\"" : ", \"") + std::string(t.sheet) + "\"";
                    }
                    at(*book, s, 0, 0,
                       "trang này không thuộc mẫu nên không được đọc: chuyển dữ "
                       "liệu sang các trang " +
                           names + ", hoặc xóa trang");
                    continue;
                }
                if (read_[path].count(table->id) != 0) continue;
                const Rows rows = rows_of(s);
                const int head = find_header_row(rows, *table);
                std::size_t data_rows = 0;
                for (auto it = rows.upper_bound(head); it != rows.end(); ++it) ++data_rows;
                if (data_rows == 0) continue;
                const std::string field = table->id == TableId::nominees
                                              ? "\"nomination.nominees_file\""
                                              : "\"units_file\"";
                at(*book, s, 0, 0,
                   "trang có " + std::to_string(data_rows) + " dòng " + std::string(table->noun) +
                       " nhưng tệp chiến dịch không lấy danh sách này từ tệp (" + field +
                       "): các dòng đó không được đọc",
                   Severity::warning);
            }
        }
    }

    JsonDoc& doc_;
    Diagnostics& diags_;
    std::map<std::string, std::optional<sheet::Workbook>> books_;
    std::map<std::string, std::set<TableId>> read_;  ///< the tables read from each file
    std::set<std::string> missing_sheet_;  ///< the files that lack a sheet they should have
    std::vector<UnitRef> units_;
    std::map<std::string, const UnitRef*> unit_by_id_, unit_by_name_;
    std::string units_from_ = "danh sách đơn vị";
    bool units_failed_ = false;
    std::size_t reported_ = 0;
};

}  // namespace

bool import_rosters(JsonDoc& doc, Diagnostics& diags) { return Importer(doc, diags).run(); }

std::vector<std::string> roster_files(const JsonDoc& doc) {
    std::vector<std::string> out;
    for (const char* pointer : {"/units_file", "/nomination/nominees_file"}) {
        const json* v = lookup_pointer(doc.value, pointer);
        if (v == nullptr || !v->is_string()) continue;
        const std::string path = resolve(doc, v->get<std::string>()).string();
        if (std::find(out.begin(), out.end(), path) == out.end()) out.push_back(path);
    }
    return out;
}

}  // namespace thidua
