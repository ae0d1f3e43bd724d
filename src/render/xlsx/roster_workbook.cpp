// Stage: render/xlsx. The roster workbook (roster_workbook.hpp) through libxlsxwriter 1.1.4.
//
// Each table sheet (0-based rows):
//   0   title, merged over the columns: the table's title, the campaign's name under it
//   1   headers: the column's name in bold, its note in small italics on a second line;
//       locked, as is the title (the sheet is protected without a password)
//   2…  one row per unit / person the campaign already has, then roster_blank_rows more;
//       every cell unlocked, with its column's number format and validation
// Panes are frozen under the header and after the columns that name the row.
// Dropdown lists point at ranges ("Danh mục" for the fixed choices and the award forms,
// the "Đơn vị" sheet's names for the units), never at inline value lists: libxlsxwriter
// 1.1.4 overflows its buffer on a long Vietnamese list (shared/reference/libraries.md).
#include "render/xlsx/roster_workbook.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <ctime>
#include <deque>
#include <map>

#include <xlsxwriter.h>

#include "base/text.hpp"
#include "campaign/nomination.hpp"
#include "campaign/roster.hpp"
#include "campaign/schema.hpp"
#include "render/xlsx/xlsx_common.hpp"

namespace thidua::xlsx {
namespace detail {
namespace {

using json = Json;
using roster::Column;
using roster::Table;
using roster::TableId;
using roster::ValueKind;

constexpr double kBody = 12;
constexpr double kNote = 10;
constexpr double kTitle = 13;
const char* const kFont = "Times New Roman";
constexpr lxw_color_t kHeadFill = 0xDDEBF7;   // pale blue, as the tracking workbook's
constexpr lxw_color_t kInputFill = 0xFFF2CC;  // pale yellow: cells to fill in
constexpr int kHeaderRow = 1;
constexpr double kLandscapePx = 1000;  // about what an A4 landscape page holds at 100%
constexpr int kFirstRow = 2;

const std::vector<std::string> kKinds = {"Tập thể", "Cá nhân"};
const std::vector<std::string> kGenders = {"Nam", "Nữ"};

struct Formats {
    lxw_format* title = nullptr;       // the merged title cell
    lxw_format* title_font = nullptr;  // its first line
    lxw_format* title_sub = nullptr;   // the campaign's name under it
    lxw_format* head = nullptr;
    lxw_format* head_bold = nullptr;
    lxw_format* head_note = nullptr;
    lxw_format* text = nullptr;    // unlocked, text "@", wrapped
    lxw_format* date = nullptr;    // unlocked, dd/mm/yyyy
    lxw_format* count = nullptr;   // unlocked, whole number
    lxw_format* number = nullptr;  // unlocked, any number
    lxw_format* list_head = nullptr;
    lxw_format* list_item = nullptr;
};

lxw_format* font(lxw_workbook* wb, double size) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, kFont);
    format_set_font_size(f, size);
    return f;
}

lxw_format* input(lxw_workbook* wb, const char* num_format, bool center) {
    lxw_format* f = font(wb, kBody);
    format_set_unlocked(f);
    format_set_num_format(f, num_format);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    else format_set_text_wrap(f);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBFBFBF);
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, kInputFill);
    return f;
}

Formats make_formats(lxw_workbook* wb) {
    Formats f;
    f.title = font(wb, kTitle);
    format_set_bold(f.title);
    f.title_font = font(wb, kTitle);
    format_set_bold(f.title_font);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.title);
    f.title_sub = font(wb, kBody);
    format_set_italic(f.title_sub);
    f.head = font(wb, kBody);
    format_set_bold(f.head);
    format_set_align(f.head, LXW_ALIGN_CENTER);
    format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.head);
    format_set_border(f.head, LXW_BORDER_THIN);
    format_set_pattern(f.head, LXW_PATTERN_SOLID);
    format_set_bg_color(f.head, kHeadFill);
    f.head_bold = font(wb, kBody);
    format_set_bold(f.head_bold);
    f.head_note = font(wb, kNote);
    format_set_italic(f.head_note);
    f.text = input(wb, "@", false);
    f.date = input(wb, "dd/mm/yyyy", true);
    f.count = input(wb, "0", true);
    f.number = input(wb, "General", true);
    f.list_head = font(wb, kBody);
    format_set_bold(f.list_head);
    f.list_item = font(wb, kBody);
    return f;
}

lxw_format* format_of(const Formats& f, const Column& c) {
    switch (c.kind) {
        case ValueKind::date: return f.date;
        case ValueKind::count: return f.count;
        case ValueKind::number: return f.number;
        default: return f.text;
    }
}

/// "'Đơn vị'!$B$3:$B$1002".
std::string range_ref(std::string_view sheet, int r1, int c1, int r2, int c2) {
    std::string name(sheet);
    std::string quoted = "'";
    for (char ch : name) {
        quoted += ch;
        if (ch == '\'') quoted += '\'';
    }
    quoted += "'!";
    auto abs = [](int r, int c) {
        return "$" + column_letters(c + 1) + "$" + std::to_string(r + 1);
    };
    return quoted + abs(r1, c1) + ":" + abs(r2, c2);
}

std::string str(const json& obj, std::string_view pointer) {
    const json* v = lookup_pointer(obj, pointer);
    return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

/// One cell as the workbook shows it.
struct Value {
    enum class Kind { none, text, number, date } kind = Kind::none;
    std::string text;
    double number = 0;
    text::Date date;
};

/// "05/03/2025", "03/2025", "2025": a partial date as the reader takes it back.
std::string partial_date_text(const text::Date& d) {
    char buf[16];
    if (d.month == 0) return std::to_string(d.year);
    if (d.day == 0) {
        std::snprintf(buf, sizeof buf, "%02d/%04d", d.month, d.year);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
    return buf;
}

/// The units of the campaign: code → name, to show a nominee's unit by its name.
using UnitNames = std::map<std::string, std::string>;

Value value_of(const json& row, const Column& c, const UnitNames& units) {
    Value v;
    const json* x = lookup_pointer(row, c.field);
    if (x == nullptr || x->is_null()) return v;
    auto text_value = [&](std::string s) {
        if (!s.empty()) {
            v.kind = Value::Kind::text;
            v.text = std::move(s);
        }
        return v;
    };
    switch (c.kind) {
        case ValueKind::count:
        case ValueKind::number:
            if (!x->is_number()) return v;
            v.kind = Value::Kind::number;
            v.number = x->get<double>();
            return v;
        case ValueKind::date: {
            if (!x->is_string()) return v;
            std::optional<text::Date> d = text::parse_date(x->get_ref<const std::string&>());
            if (!d) return v;
            if (!d->complete()) return text_value(partial_date_text(*d));
            v.kind = Value::Kind::date;
            v.date = *d;
            return v;
        }
        case ValueKind::kind: {
            const std::string k = x->is_string() ? x->get<std::string>() : std::string();
            return text_value(k == "collective" ? kKinds[0] : k == "individual" ? kKinds[1] : k);
        }
        case ValueKind::lines: {
            std::string s;
            if (x->is_array()) {
                for (const json& line : *x) {
                    if (line.is_string()) s += (s.empty() ? "" : "\n") + line.get<std::string>();
                }
            }
            return text_value(s);
        }
        case ValueKind::records: {
            std::string s;
            if (x->is_array()) {
                for (const json& r : *x) {
                    if (!r.is_object()) continue;
                    std::string line = r.contains("year") && r["year"].is_number()
                                           ? std::to_string(r["year"].get<long long>())
                                           : std::string();
                    line += ": " + str(r, "/name");
                    if (!str(r, "/decision").empty()) line += "; " + str(r, "/decision");
                    s += (s.empty() ? "" : "\n") + line;
                }
            }
            return text_value(s);
        }
        case ValueKind::unit: {
            // A unit of the campaign by its name, as the dropdown offers it.
            if (!x->is_string()) return v;
            auto it = units.find(x->get<std::string>());
            if (it != units.end()) return text_value(it->second);
            for (const auto& [id, name] : units) {
                if (name == x->get<std::string>()) return text_value(name);
            }
            return v;
        }
        case ValueKind::workplace: {
            // The same field when it names no unit: a body outside the campaign.
            if (!x->is_string()) return v;
            const std::string& s = x->get_ref<const std::string&>();
            if (units.count(s) != 0) return v;
            for (const auto& [id, name] : units) {
                if (name == s) return v;
            }
            return text_value(s);
        }
        case ValueKind::id:
        case ValueKind::text:
        case ValueKind::gender:
            return text_value(x->is_string() ? x->get<std::string>() : std::string());
    }
    return v;
}

class RosterWriter {
public:
    RosterWriter(lxw_workbook* wb, Checker& check, const json& campaign)
        : wb_(wb), check_(check), campaign_(campaign), f_(make_formats(wb)) {
        if (const json* units = lookup_pointer(campaign, "/units"); units && units->is_array()) {
            for (const json& u : *units) {
                if (!u.is_object()) continue;
                const std::string name = str(u, "/name");
                unit_names_[str(u, "/id").empty() ? name : str(u, "/id")] = name;
                unit_rows_.push_back(&u);
            }
        }
        if (const json* awards = lookup_pointer(campaign, "/campaign/awards");
            awards && awards->is_array()) {
            for (const json& a : *awards) {
                std::string label = award_label(a);
                if (!label.empty() &&
                    std::find(awards_.begin(), awards_.end(), label) == awards_.end()) {
                    awards_.push_back(label);
                }
            }
        }
        if (const json* n = lookup_pointer(campaign, "/nomination/council/members");
            n && n->is_number()) {
            members_ = n->get<double>();
        }
        add_indicators(lookup_pointer(campaign, "/campaign/indicators"));
        if (const json* areas = lookup_pointer(campaign, "/campaign/areas");
            areas && areas->is_array()) {
            for (const json& a : *areas) {
                if (a.is_object() && a.contains("indicators")) add_indicators(&a["indicators"]);
            }
        }
    }

    void write() {
        std::vector<lxw_worksheet*> sheets;
        for (const Table& t : roster::tables()) {
            sheets.push_back(workbook_add_worksheet(wb_, std::string(t.sheet).c_str()));
            if (sheets.back() == nullptr)
                check_(LXW_ERROR_SHEETNAME_ALREADY_USED, "thêm trang tính");
        }
        lists_ = workbook_add_worksheet(wb_, std::string(roster::list_sheet).c_str());
        if (lists_ == nullptr) check_(LXW_ERROR_SHEETNAME_ALREADY_USED, "thêm trang danh mục");
        if (!check_.ok()) return;
        write_lists();
        std::size_t i = 0;
        for (const Table& t : roster::tables()) write_table(sheets[i++], t, rows_of(t));
        worksheet_activate(sheets.front());
    }

private:
    /// One column per indicator of the plan on the units sheet: the unit's own target.
    void add_indicators(const json* list) {
        if (list == nullptr || !list->is_array()) return;
        for (const json& i : *list) {
            const std::string id = str(i, "/id");
            if (id.empty()) continue;
            std::string note = "riêng của đơn vị; " + str(i, "/name");
            if (!str(i, "/unit").empty()) note += " (" + str(i, "/unit") + ")";
            if (i.contains("target") && i["target"].is_number()) {
                note += "; chung: " + text::number(i["target"].get<double>(), 2);
            }
            if (text::length(note) > 120) {
                std::string cut;
                for (char32_t c : text::decode(note)) {
                    if (text::length(cut) >= 118) break;
                    text::append_utf8(cut, c);
                }
                note = cut + "…";
            }
            Column c;
            c.header = keep(roster::target_header(id));
            c.note = keep(note);
            c.field = keep(roster::target_field(id));
            c.kind = ValueKind::number;
            c.width = 16;
            targets_.push_back(c);
        }
    }

    std::string_view keep(std::string s) { return strings_.emplace_back(std::move(s)); }

    /// The columns of a sheet: the table's, and on the units sheet one per indicator.
    std::vector<Column> columns_of(const Table& t) const {
        std::vector<Column> cols = t.columns;
        if (t.id == TableId::units) cols.insert(cols.end(), targets_.begin(), targets_.end());
        return cols;
    }

    std::vector<const json*> rows_of(const Table& t) {
        std::vector<const json*> rows;
        switch (t.id) {
            case TableId::units: return unit_rows_;
            case TableId::registrants:
                // Each registered individual, with the unit's code for the "Đơn vị" column.
                for (const json* u : unit_rows_) {
                    const json* list = lookup_pointer(*u, "/registration/individuals");
                    if (list == nullptr || !list->is_array()) continue;
                    const std::string unit =
                        str(*u, "/id").empty() ? str(*u, "/name") : str(*u, "/id");
                    for (const json& p : *list) {
                        json row = p;
                        row["unit"] = unit;
                        people_.push_back(std::move(row));
                    }
                }
                for (const json& p : people_) rows.push_back(&p);
                return rows;
            case TableId::nominees:
                if (const json* n = lookup_pointer(campaign_, "/nomination/nominees");
                    n && n->is_array()) {
                    for (const json& x : *n) rows.push_back(&x);
                }
                return rows;
        }
        return rows;
    }

    void write_lists() {
        Sheet s{lists_, check_};
        auto column = [&](int c, const std::string& head, const std::vector<std::string>& items) {
            double px = text_px(head, kBody, true);
            s.str(0, c, head, f_.list_head);
            for (std::size_t i = 0; i < items.size(); ++i) {
                s.str(static_cast<int>(i) + 1, c, items[i], f_.list_item);
                px = std::max(px, text_px(items[i], kBody, false));
            }
            check_(
                worksheet_set_column(lists_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                     std::min(width_for_px(px), 80.0), nullptr),
                "độ rộng cột");
        };
        column(0, "Tập thể hay cá nhân", kKinds);
        column(1, "Giới tính", kGenders);
        column(2, "Hình thức khen thưởng trong Kế hoạch", awards_);
        worksheet_hide(lists_);
        protect(lists_);
    }

    /// The cells of a sheet, writing through the checker.
    struct Sheet {
        lxw_worksheet* ws;
        Checker& check;
        void str(int r, int c, const std::string& s, lxw_format* f) const {
            check(worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                                         s.c_str(), f),
                  "ghi chuỗi");
        }
    };

    static void protect(lxw_worksheet* ws) {
        lxw_protection prot{};
        // libxlsxwriter: 1 = the user may still do it on the protected sheet.
        prot.format_columns = 1;
        prot.format_rows = 1;
        prot.insert_rows = 1;
        prot.delete_rows = 1;
        prot.sort = 1;
        prot.autofilter = 1;
        worksheet_protect(ws, nullptr, &prot);
    }

    void validate(lxw_worksheet* ws, int col, int last_row, lxw_data_validation& dv,
                  const char* what) {
        check_(worksheet_data_validation_range(ws, kFirstRow, static_cast<lxw_col_t>(col),
                                               static_cast<lxw_row_t>(last_row),
                                               static_cast<lxw_col_t>(col), &dv),
               what);
    }

    /// A dropdown list from `range`; `strict` refuses anything else.
    void list(lxw_worksheet* ws, int col, int last_row, const std::string& range, bool strict,
              const std::string& message) {
        lxw_data_validation dv{};
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = const_cast<char*>(range.c_str());
        dv.error_type = strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
        const std::string title = "Giá trị không có trong danh sách";
        dv.error_title = const_cast<char*>(title.c_str());
        dv.error_message = const_cast<char*>(message.c_str());
        validate(ws, col, last_row, dv, "danh sách chọn");
    }

    void add_validation(lxw_worksheet* ws, const Table& t, const Column& c, int col, int last_row) {
        const std::string lists = std::string(roster::list_sheet);
        switch (c.kind) {
            case ValueKind::kind:
                list(ws, col, last_row, "=" + range_ref(lists, 1, 0, 2, 0), true,
                     "Chọn \"Tập thể\" hoặc \"Cá nhân\".");
                return;
            case ValueKind::gender:
                list(ws, col, last_row, "=" + range_ref(lists, 1, 1, 2, 1), true,
                     "Chọn \"Nam\" hoặc \"Nữ\".");
                return;
            case ValueKind::unit: {
                const Table& units = roster::table(TableId::units);
                int name_col = 0;
                for (std::size_t i = 0; i < units.columns.size(); ++i) {
                    if (units.columns[i].field == "/name") name_col = static_cast<int>(i);
                }
                const int last =
                    kFirstRow + static_cast<int>(unit_rows_.size()) + roster_blank_rows - 1;
                list(ws, col, last_row,
                     "=" + range_ref(units.sheet, kFirstRow, name_col, last, name_col), true,
                     "Chọn một đơn vị có ở trang \"Đơn vị\"" +
                         std::string(
                             t.id == TableId::nominees
                                 ? "; người ngoài các đơn vị ghi ở cột \"Nơi công tác khác\"."
                                 : "."));
                return;
            }
            case ValueKind::date: {
                lxw_data_validation dv{};
                dv.validate = LXW_VALIDATION_TYPE_DATE;
                dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                dv.minimum_datetime = {1900, 1, 1, 0, 0, 0};
                dv.maximum_datetime = {2100, 12, 31, 0, 0, 0};
                dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
                const std::string title = "Không phải ngày";
                const std::string message = "Ghi ngày dạng ngày/tháng/năm, ví dụ 05/03/2025.";
                dv.error_title = const_cast<char*>(title.c_str());
                dv.error_message = const_cast<char*>(message.c_str());
                validate(ws, col, last_row, dv, "kiểm tra ngày");
                return;
            }
            case ValueKind::number: {
                lxw_data_validation dv{};
                dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
                dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
                dv.value_number = 0;
                dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
                const std::string title = "Không phải số";
                const std::string message = "Ghi chỉ tiêu riêng của đơn vị bằng một số, ví dụ 85.";
                dv.error_title = const_cast<char*>(title.c_str());
                dv.error_message = const_cast<char*>(message.c_str());
                validate(ws, col, last_row, dv, "kiểm tra số");
                return;
            }
            case ValueKind::count: {
                lxw_data_validation dv{};
                dv.validate = LXW_VALIDATION_TYPE_INTEGER;
                dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                dv.minimum_number = 0;
                dv.maximum_number = members_ > 0 ? members_ : 1000000;
                dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
                const std::string title = "Không phải số hợp lệ";
                const std::string message = members_ > 0 ? "Ghi số nguyên từ 0 đến " +
                                                               text::number(members_, 0) +
                                                               " (tổng số thành viên Hội đồng)."
                                                         : "Ghi số nguyên không âm.";
                dv.error_title = const_cast<char*>(title.c_str());
                dv.error_message = const_cast<char*>(message.c_str());
                validate(ws, col, last_row, dv, "kiểm tra số");
                return;
            }
            case ValueKind::id: {
                lxw_data_validation dv{};
                dv.validate = LXW_VALIDATION_TYPE_LENGTH;
                dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
                dv.minimum_number = 1;
                dv.maximum_number = 64;
                dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
                const std::string title = "Mã quá dài";
                const std::string message =
                    "Mã có tối đa 64 ký tự: chữ thường không dấu, chữ số và dấu -.";
                dv.error_title = const_cast<char*>(title.c_str());
                dv.error_message = const_cast<char*>(message.c_str());
                validate(ws, col, last_row, dv, "kiểm tra mã");
                return;
            }
            default: break;
        }
        if (c.field == "/award" && !awards_.empty()) {
            // The nominee's award must be one of the plan's; a registration may name others.
            const int n = static_cast<int>(awards_.size());
            list(ws, col, last_row, "=" + range_ref(lists, 1, 2, n, 2), t.id == TableId::nominees,
                 "Chọn một hình thức khen thưởng có trong Kế hoạch.");
        }
    }

    void write_table(lxw_worksheet* ws, const Table& t, const std::vector<const json*>& rows) {
        const std::vector<Column> columns = columns_of(t);
        const int last_col = static_cast<int>(columns.size()) - 1;
        const int last_row = kFirstRow + static_cast<int>(rows.size()) + roster_blank_rows - 1;
        std::vector<double> widths;
        for (const Column& c : columns) {
            double w = std::max(c.width,
                                width_for_px(longest_word_px(std::string(c.header), kBody, true)));
            widths.push_back(w);
        }
        for (int c = 0; c <= last_col; ++c) {
            check_(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                        widths[static_cast<std::size_t>(c)],
                                        format_of(f_, columns[static_cast<std::size_t>(c)])),
                   "độ rộng cột");
        }
        // Title: the table's, and the campaign's name under it.
        const std::string name = str(campaign_, "/campaign/name");
        check_(worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(last_col), "", f_.title),
               "gộp ô tiêu đề");
        write_rich(ws, 0, 0, std::string(t.title), name.empty() ? "" : "\n" + name, f_.title,
                   f_.title_font, f_.title_sub);
        double page_px = 0;
        for (double w : widths) page_px += col_px(w);
        check_(worksheet_set_row(
                   ws, 0,
                   line_height(kTitle) *
                           (name.empty() ? 1 : 1 + wrapped_lines(name, kBody, false, page_px)) +
                       8,
                   nullptr),
               "chiều cao dòng");
        // Headers with their notes.
        int head_lines = 1;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const Column& c = columns[k];
            const double avail = col_px(widths[k]) - 6;
            write_rich(ws, kHeaderRow, static_cast<int>(k), std::string(c.header),
                       c.note.empty() ? "" : "\n" + std::string(c.note), f_.head, f_.head_bold,
                       f_.head_note);
            int lines = wrapped_lines(std::string(c.header), kBody, true, avail);
            if (!c.note.empty()) lines += wrapped_lines(std::string(c.note), kNote, false, avail);
            head_lines = std::max(head_lines, lines);
        }
        check_(worksheet_set_row(ws, kHeaderRow, line_height(kBody) * head_lines + 6, nullptr),
               "chiều cao dòng");
        // The rows the campaign has.
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const int r = kFirstRow + static_cast<int>(i);
            int lines = 1;
            for (std::size_t k = 0; k < columns.size(); ++k) {
                const Column& c = columns[k];
                const Value v = value_of(*rows[i], c, unit_names_);
                const auto col = static_cast<lxw_col_t>(k);
                const auto row = static_cast<lxw_row_t>(r);
                switch (v.kind) {
                    case Value::Kind::none: break;
                    case Value::Kind::text:
                        check_(
                            worksheet_write_string(ws, row, col, v.text.c_str(), format_of(f_, c)),
                            "ghi chuỗi");
                        lines = std::max(
                            lines, wrapped_lines(v.text, kBody, false, col_px(widths[k]) - 12));
                        break;
                    case Value::Kind::number:
                        check_(worksheet_write_number(ws, row, col, v.number, format_of(f_, c)),
                               "ghi số");
                        break;
                    case Value::Kind::date: {
                        lxw_datetime d{v.date.year, v.date.month, v.date.day, 0, 0, 0};
                        check_(worksheet_write_datetime(ws, row, col, &d, f_.date), "ghi ngày");
                        break;
                    }
                }
            }
            if (lines > 1) {
                check_(worksheet_set_row(ws, static_cast<lxw_row_t>(r),
                                         std::min(409.0, line_height(kBody) * lines + 4), nullptr),
                       "chiều cao dòng");
            }
        }
        for (std::size_t k = 0; k < columns.size(); ++k) {
            add_validation(ws, t, columns[k], static_cast<int>(k), last_row);
        }
        // Panes under the header and after the columns that say who the row is.
        int freeze = 0;
        for (std::size_t k = 0; k < columns.size() && k < 3; ++k) {
            const std::string_view f = columns[k].field;
            if (f == "/id" || f == "/name" || f == "/kind" || f == "/unit")
                freeze = static_cast<int>(k) + 1;
        }
        worksheet_freeze_panes(ws, kFirstRow, static_cast<lxw_col_t>(freeze));
        check_(worksheet_autofilter(ws, kHeaderRow, 0, static_cast<lxw_row_t>(last_row),
                                    static_cast<lxw_col_t>(last_col)),
               "bộ lọc");
        worksheet_set_landscape(ws);
        worksheet_set_paper(ws, 9);  // A4
        // Printed across as many pages as keep the text at about two thirds of its size or
        // more: one page for a narrow table, more for a wide one (the nominees' 25 columns),
        // the columns that name the row repeated on each.
        const int pages_wide =
            std::max(1, static_cast<int>(std::ceil(page_px / kLandscapePx / 1.5)));
        worksheet_fit_to_pages(ws, static_cast<std::uint16_t>(pages_wide), 0);
        if (pages_wide > 1 && freeze > 0) {
            check_(worksheet_repeat_columns(ws, 0, static_cast<lxw_col_t>(freeze - 1)),
                   "lặp cột khi in");
        }
        check_(worksheet_repeat_rows(ws, 0, kHeaderRow), "lặp dòng tiêu đề khi in");
        protect(ws);
    }

    /// Writes `first` (in the font `first_font`) and `rest` (in `rest_font`) into one
    /// cell of look `cell`; just `first` in `cell`'s own font when there is no `rest`.
    void write_rich(lxw_worksheet* ws, int r, int c, const std::string& first,
                    const std::string& rest, lxw_format* cell, lxw_format* first_font,
                    lxw_format* rest_font) {
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        if (rest.empty()) {
            check_(worksheet_write_string(ws, row, col, first.c_str(), cell), "ghi chuỗi");
            return;
        }
        lxw_rich_string_tuple a{first_font, const_cast<char*>(first.c_str())};
        lxw_rich_string_tuple b{rest_font, const_cast<char*>(rest.c_str())};
        lxw_rich_string_tuple* parts[] = {&a, &b, nullptr};
        check_(worksheet_write_rich_string(ws, row, col, parts, cell), "ghi chuỗi");
    }

    lxw_workbook* wb_;
    Checker& check_;
    const json& campaign_;
    Formats f_;
    lxw_worksheet* lists_ = nullptr;
    UnitNames unit_names_;
    std::vector<const json*> unit_rows_;
    std::vector<json> people_;
    std::vector<std::string> awards_;
    double members_ = 0;
    std::vector<Column> targets_;      ///< the units' target columns
    std::deque<std::string> strings_;  ///< what their string_views point at
};

}  // namespace
}  // namespace detail

bool write_roster_workbook(const Json& campaign, const std::string& out_path,
                           Diagnostics& diags) {
    using namespace detail;
    std::string tmpdir;
    lxw_workbook* wb = open_workbook(out_path, tmpdir, diags);
    if (wb == nullptr) return false;
    Checker check;
    const json* date = lookup_pointer(campaign, "/document/date");
    std::optional<text::Date> d = date != nullptr && date->is_string()
                                      ? text::parse_date(date->get_ref<const std::string&>())
                                      : std::nullopt;
    const text::Date created = d && d->complete() ? *d : text::Date{2000, 1, 1};
    const std::string title = "Danh sách đơn vị, cá nhân đăng ký và đề nghị khen thưởng";
    const std::string subject = str(campaign, "/campaign/name");
    const std::string author = !str(campaign, "/issuer/full_name").empty()
                                   ? str(campaign, "/issuer/full_name")
                                   : str(campaign, "/issuer/name");
    lxw_doc_properties props{};
    props.title = const_cast<char*>(title.c_str());
    props.subject = const_cast<char*>(subject.c_str());
    props.author = const_cast<char*>(author.c_str());
    props.created = static_cast<time_t>(text::days_from_civil(created)) * 86400;
    check(workbook_set_properties(wb, &props), "thuộc tính tệp");
    RosterWriter(wb, check, campaign).write();
    const lxw_error closed = workbook_close(wb);
    if (!check.ok() || closed != LXW_NO_ERROR) {
        std::remove(out_path.c_str());
        const lxw_error e = check.ok() ? closed : check.error();
        std::string msg = "không ghi được bảng tính Excel \"" + out_path + "\"";
        if (!check.ok()) msg += " (" + check.what() + ")";
        diags.error_general(msg + ": " + error_text(e));
        return false;
    }
    return true;
}

std::size_t roster_sheet_count() { return roster::tables().size() + 1; }

}  // namespace thidua::xlsx
