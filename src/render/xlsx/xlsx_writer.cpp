// Stage: render/xlsx. TrackingModel → .xlsx through xlsx_stream (each sheet in memory only
// while it is written, then spilled to a file without a name; the package zipped at the end).
//
// Unit sheet (0-based rows; A = number of agency lines, P = number of phases):
//   0..A-1   agency (parent, issuing body bold), merged over STT..Đơn vị tính
//   A+1      BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA
//   A+2      unit name;  A+3  (Kèm theo Kế hoạch số …)
//   A+5,A+6  table header (two rows: "Kết quả thực hiện" over the phase columns)
//   A+7      column numbers (A, B, C, 1, 2, …)
//   A+8…     group rows (one per content area) and indicator rows
//   then     4 footer rows read by the summary sheet, and the signature rows.
// Columns: STT | Nội dung chỉ tiêu | Đơn vị tính | Chỉ tiêu giao | phases… | Lũy kế |
//          Tỷ lệ đạt (%) | Đánh giá | Ghi chú.
//
// Formulas (row r; G = Lũy kế, D = Chỉ tiêu giao; E:F the phase cells):
//   Lũy kế   counts:   IF(COUNT(E:F)=0,"",SUM(E:F))
//            "%":      IF(COUNT(E:F)=0,"",LOOKUP(9.99E+307,E:F)) - the last value entered.
//            A percentage is a state ("80% of households signed"), not a flow: adding or
//            averaging the phases would not give the rate reached, the latest figure does.
//   Tỷ lệ    at_least: IF(G="","",IF(D=0,100,G/D*100))
//            at_most:  IF(G="","",IF(G<=D,100,D/G*100)) - the share of the goal reached,
//            100 while the ceiling holds, so that a higher rate is always better and the
//            average and the ranking stay meaningful.
//   Đánh giá IF(G="","",IF(G>=D,"Đạt","Chưa đạt")), with <= for at_most.
// Every formula shows "" (nothing) until a number is entered, so nothing is judged early.
//
// A plan without any indicator (TrackingMode::areas) gets the same rows above the table,
// titled "… NỘI DUNG THI ĐUA", and one row per content area:
//   STT | Nội dung thi đua | phases… ("Đạt"/"Chưa đạt" from the list sheet) | Số đợt đạt |
//   Tỷ lệ đạt (%) | Đánh giá | Ghi chú; see write_area_sheet and write_area_summary_sheet.
// Nothing of it changes a workbook with indicators: its bytes stay as they were.
#include "render/xlsx/xlsx_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include "base/text.hpp"
#include "render/xlsx/tracking_model.hpp"
#include "render/xlsx/xlsx_common.hpp"
#include "render/xlsx/xlsx_stream.hpp"

namespace thidua::xlsx {
namespace detail {
namespace {

// ---------------------------------------------------------------------------------------
// Cell addresses

std::string col_name(int col) {
    std::string s;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
    return s;
}

/// "E9" for row 8, col 4 (0-based).
std::string cell(int row, int col) { return col_name(col) + std::to_string(row + 1); }
/// "$E$9".
std::string abs_cell(int row, int col) {
    return "$" + col_name(col) + "$" + std::to_string(row + 1);
}
std::string range(int r1, int c1, int r2, int c2) { return cell(r1, c1) + ":" + cell(r2, c2); }
std::string abs_range(int r1, int c1, int r2, int c2) {
    return abs_cell(r1, c1) + ":" + abs_cell(r2, c2);
}

// ---------------------------------------------------------------------------------------
// Workbook plumbing

constexpr double kBody = 12;    // table text, pt
constexpr double kHeader = 13;  // agency and titles, pt
const char* const kFont = "Times New Roman";
constexpr std::uint32_t kInputFill = 0xFFF2CC;   // pale yellow: cells to fill in
constexpr std::uint32_t kMissFill = 0xFFC7CE;    // light red: under target
constexpr std::uint32_t kHeadFill = 0xDDEBF7;    // pale blue: table header

const std::vector<std::string> kNoteChoices = {
    "Số liệu chính thức", "Số liệu ước tính", "Chưa có số liệu", "Có giải trình kèm theo"};
const std::vector<std::string> kRatingChoices = {
    "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
    "Không hoàn thành nhiệm vụ"};
const char* const kNoteListName = "DanhMuc_GhiChu";
const char* const kRatingListName = "DanhMuc_XepLoai";
// Plans without indicators: each content area is judged in each phase.
const char* const kMet = "Đạt";
const char* const kNotMet = "Chưa đạt";
const std::vector<std::string> kVerdictChoices = {kMet, kNotMet};
const char* const kVerdictListName = "DanhMuc_DanhGia";

struct Formats {
    stream::FormatId agency = -1;
    stream::FormatId agency_bold = -1;
    stream::FormatId title = -1;
    stream::FormatId subtitle = -1;
    stream::FormatId reference = -1;
    stream::FormatId head = -1;
    stream::FormatId ids = -1;
    stream::FormatId group_number = -1;
    stream::FormatId group_title = -1;
    stream::FormatId center = -1;
    stream::FormatId left = -1;
    stream::FormatId number = -1;
    stream::FormatId input = -1;
    stream::FormatId note_input = -1;
    stream::FormatId rate = -1;
    stream::FormatId verdict = -1;
    stream::FormatId foot_label = -1;
    stream::FormatId foot_value = -1;
    stream::FormatId foot_rate = -1;
    stream::FormatId rating_input = -1;
    stream::FormatId sign_title = -1;
    stream::FormatId sign_note = -1;
    stream::FormatId link = -1;
    stream::FormatId list_head = -1;
    stream::FormatId list_item = -1;
    // Made only for a workbook that tracks content areas (TrackingMode::areas), so that the
    // styles of an indicator workbook stay as they were.
    stream::FormatId percent = -1;
    stream::FormatId foot_percent = -1;
};

enum : unsigned {
    kBold = 1, kItalic = 2, kBorder = 4, kWrap = 8, kUnlocked = 16,
    kLeft = 32, kCenter = 64, kVCenter = 128
};

stream::FormatId make_format(stream::Workbook& wb, double size, unsigned flags,
                             const char* num_format = nullptr,
                             std::uint32_t fill = stream::kNoColor) {
    stream::Format f;
    f.font_name = kFont;
    f.font_size = size;
    f.bold = (flags & kBold) != 0;
    f.italic = (flags & kItalic) != 0;
    f.border = (flags & kBorder) != 0;
    f.wrap = (flags & kWrap) != 0;
    f.unlocked = (flags & kUnlocked) != 0;
    f.halign = (flags & kLeft) ? stream::HAlign::left
               : (flags & kCenter) ? stream::HAlign::center
                                   : stream::HAlign::none;
    f.valign = (flags & kVCenter) ? stream::VAlign::center : stream::VAlign::top;
    if (num_format) f.num_format = num_format;
    f.fill = fill;
    return wb.add_format(f);
}

Formats make_formats(stream::Workbook& wb) {
    Formats f;
    f.agency = make_format(wb, kHeader, kCenter | kWrap | kVCenter);
    f.agency_bold = make_format(wb, kHeader, kBold | kCenter | kWrap | kVCenter);
    f.title = make_format(wb, kHeader, kBold | kCenter | kWrap | kVCenter);
    f.subtitle = make_format(wb, kHeader, kBold | kCenter | kWrap | kVCenter);
    f.reference = make_format(wb, kBody, kItalic | kCenter | kWrap | kVCenter);
    f.head = make_format(wb, kBody, kBold | kCenter | kWrap | kVCenter | kBorder, nullptr,
                         kHeadFill);
    f.ids = make_format(wb, 11, kItalic | kCenter | kVCenter | kBorder);
    f.group_number = make_format(wb, kBody, kBold | kCenter | kVCenter | kBorder);
    f.group_title = make_format(wb, kBody, kBold | kLeft | kWrap | kVCenter | kBorder);
    f.center = make_format(wb, kBody, kCenter | kWrap | kVCenter | kBorder);
    f.left = make_format(wb, kBody, kLeft | kWrap | kVCenter | kBorder);
    f.number = make_format(wb, kBody, kCenter | kVCenter | kBorder, "General");
    f.input = make_format(wb, kBody, kCenter | kVCenter | kBorder | kUnlocked, "General",
                          kInputFill);
    f.note_input = make_format(wb, kBody, kLeft | kWrap | kVCenter | kBorder | kUnlocked,
                               nullptr, kInputFill);
    f.rate = make_format(wb, kBody, kCenter | kVCenter | kBorder, "0.0");
    f.verdict = make_format(wb, kBody, kBold | kCenter | kVCenter | kBorder);
    f.foot_label = make_format(wb, kBody, kBold | kLeft | kVCenter | kBorder);
    f.foot_value = make_format(wb, kBody, kBold | kCenter | kVCenter | kBorder, "General");
    f.foot_rate = make_format(wb, kBody, kBold | kCenter | kVCenter | kBorder, "0.0");
    f.rating_input = make_format(wb, kBody, kCenter | kWrap | kVCenter | kBorder | kUnlocked,
                                 nullptr, kInputFill);
    f.sign_title = make_format(wb, kBody, kBold | kCenter | kVCenter);
    f.sign_note = make_format(wb, kBody, kItalic | kCenter | kVCenter);
    {
        stream::Format link;
        link.font_name = kFont;
        link.font_size = kBody;
        link.font_color = 0x0000FF;
        link.underline = true;
        link.border = true;
        link.wrap = true;
        link.halign = stream::HAlign::left;
        link.valign = stream::VAlign::center;
        f.link = wb.add_format(link);
    }
    f.list_head = make_format(wb, kBody, kBold);
    f.list_item = make_format(wb, kBody, 0);
    return f;
}

void add_area_formats(stream::Workbook& wb, Formats& f) {
    f.percent = make_format(wb, kBody, kCenter | kVCenter | kBorder, "0.0%");
    f.foot_percent = make_format(wb, kBody, kBold | kCenter | kVCenter | kBorder, "0.0%");
}

struct Sheet {
    stream::Workbook& wb;
    stream::Sheet* ws;

    void str(int r, int c, const std::string& s, stream::FormatId f) { ws->string(r, c, s, f); }
    void num(int r, int c, double v, stream::FormatId f) { ws->number(r, c, v, f); }
    void blank(int r, int c, stream::FormatId f) { ws->blank(r, c, f); }
    /// A formula whose result is a number; `cached` is what shows before recalculation.
    void formula_num(int r, int c, const std::string& formula, stream::FormatId f, double cached) {
        ws->formula_number(r, c, formula, f, cached);
    }
    /// A formula whose result is text, or "" while nothing is entered.
    void formula_str(int r, int c, const std::string& formula, stream::FormatId f,
                     const std::string& cached = {}) {
        ws->formula_string(r, c, formula, f, cached);
    }
    void merge(int r1, int c1, int r2, int c2, const std::string& s, stream::FormatId f) {
        if (r1 == r2 && c1 == c2) {
            str(r1, c1, s, f);
            return;
        }
        ws->merge(r1, c1, r2, c2, s, f);
    }
    void width(int c, double w) { ws->column_width(c, w); }
    void height(int r, double h) { ws->row_height(r, h); }
};

std::string number_text(double v) { return text::number(v, 2); }

/// Maximum value a unit may enter for an indicator.
double input_max(const TrackedIndicator& ind, double target) {
    if (ind.percent) return 100;
    return std::max(1e6, target * 10);
}

// ---------------------------------------------------------------------------------------
// Unit sheet

/// Where the summary sheet finds a unit's results.
/// Indicators: entered = indicators with a result, average = mean rate (0-100).
/// Areas: entered = areas assessed, average = share of the areas achieved (0-1), phases =
/// phases achieved over all areas.
struct UnitCells {
    int entered_row = 0, achieved_row = 0, average_row = 0, rating_row = 0;
    int phases_row = 0;  ///< areas only
    int value_col = 0;  ///< column of the footer values (Tỷ lệ đạt)
};

/// The rows of both kinds of unit sheet down to the first data row (see the top of the
/// file), and the number of phase columns.
struct UnitRows {
    int agency_rows = 0;
    int phases = 0;  ///< input columns (1 when the campaign has no phases)
    int r_title = 0, r_unit = 0, r_ref = 0, r_head = 0, r_head2 = 0, r_ids = 0, r_data = 0;

    explicit UnitRows(const TrackingModel& m) {
        agency_rows = static_cast<int>(m.agency_lines.size());
        phases = std::max<int>(1, static_cast<int>(m.phase_headers.size()));
        r_title = agency_rows + 1;
        r_unit = r_title + 1;
        r_ref = r_unit + 1;
        r_head = r_ref + 2;
        r_head2 = r_head + 1;
        r_ids = r_head2 + 1;
        r_data = r_ids + 1;
    }
};

struct UnitLayout : UnitRows {
    int c_target = 3;
    int c_first_phase = 4;
    int c_cumulative = 0, c_rate = 0, c_verdict = 0, c_note = 0;

    explicit UnitLayout(const TrackingModel& m) : UnitRows(m) {
        c_cumulative = c_first_phase + phases;
        c_rate = c_cumulative + 1;
        c_verdict = c_rate + 1;
        c_note = c_verdict + 1;
    }
    int last_col() const { return c_note; }
};

struct ColumnPlan {
    std::vector<double> widths;  // in Excel character units
};

std::string phase_label(const TrackingModel& m, int p) {
    return m.phase_headers.empty() ? std::string("Kết quả") : m.phase_headers[p];
}

/// Width a header cell needs: its longest word, and no more than about three lines.
double header_need(const std::string& h) {
    double line = 0;
    std::istringstream in(h);
    for (std::string part; std::getline(in, part);) {
        line = std::max(line, text_px(part, kBody, true));
    }
    return std::max(longest_word_px(h, kBody, true), line / 2.2);
}

/// Returns the width in px of the longest self-rating choice.
double longest_rating_px() {
    double px = 0;
    for (const auto& c : kRatingChoices) px = std::max(px, text_px(c, kBody, false));
    return px;
}

ColumnPlan plan_unit_columns(const TrackingModel& m, const UnitLayout& L) {
    ColumnPlan plan;
    plan.widths.assign(L.last_col() + 1, 8);
    double stt = text_px("STT", kBody, true), name = text_px("Nội dung chỉ tiêu", kBody, true);
    double unit = header_need("Đơn vị tính"), target = header_need("Chỉ tiêu giao");
    double values = text_px("1.000.000", kBody, false);
    for (const auto& g : m.groups) {
        stt = std::max(stt, text_px(g.number, kBody, true));
        for (const auto& ind : g.indicators) {
            stt = std::max(stt, text_px(ind.number, kBody, false));
            name = std::max(name, text_px(ind.name, kBody, false));
            unit = std::max(unit, text_px(ind.unit, kBody, false));
            double t = ind.target;
            for (const auto& u : m.units) t = std::max(t, u.target_for(ind));
            target = std::max(target, text_px(number_text(t), kBody, false));
        }
    }
    plan.widths[0] = std::max(5.0, width_for_px(stt));
    plan.widths[1] = std::clamp(width_for_px(name), 30.0, 48.0);
    plan.widths[2] = std::clamp(width_for_px(unit), 8.0, 18.0);
    plan.widths[L.c_target] = std::clamp(width_for_px(target), 9.0, 16.0);
    for (int p = 0; p < L.phases; ++p) {
        plan.widths[L.c_first_phase + p] = std::clamp(
            width_for_px(std::max(header_need(phase_label(m, p)), values)), 10.0, 16.0);
    }
    plan.widths[L.c_cumulative] =
        std::max(9.0, width_for_px(std::max(header_need("Lũy kế"), values)));
    plan.widths[L.c_rate] = std::max(9.0, width_for_px(header_need("Tỷ lệ đạt (%)")));
    plan.widths[L.c_verdict] = std::max(9.0, width_for_px(text_px("Chưa đạt", kBody, true)));
    double note = text_px("Ghi chú", kBody, true);
    for (const auto& c : kNoteChoices) note = std::max(note, text_px(c, kBody, false));
    // The self-rating cell spans Tỷ lệ..Ghi chú: make room for its longest choice.
    const double rating = longest_rating_px();
    const double spanned = col_px(plan.widths[L.c_rate]) + col_px(plan.widths[L.c_verdict]);
    plan.widths[L.c_note] = std::max(width_for_px(note), width_for_px(rating - spanned));
    return plan;
}

/// Height for a row whose cells hold `cells` (text, size, bold, available px).
struct CellText {
    std::string text;
    double size;
    bool bold;
    double px;
};
double row_height(const std::vector<CellText>& cells, double min_lines = 1) {
    double h = 0;
    for (const auto& c : cells) {
        h = std::max(h, wrapped_lines(c.text, c.size, c.bold, c.px - 8) * line_height(c.size));
    }
    return std::max(h, min_lines * line_height(kBody)) + 4;
}

double span_px(const ColumnPlan& plan, int c1, int c2) {
    double px = 0;
    for (int c = c1; c <= c2; ++c) px += col_px(plan.widths[c]);
    return px;
}

void write_page_setup(Sheet& s, bool landscape, int repeat_first, int repeat_last,
                      int print_last_row, int print_last_col) {
    s.ws->landscape(landscape);
    s.ws->paper(9);  // A4
    s.ws->margins(0.6, 0.4, 0.6, 0.6);
    s.ws->center_horizontally();
    s.ws->fit_to_pages(1, 0);
    if (repeat_first >= 0) {  // -1: no rows repeat (each block has its own header)
        s.ws->repeat_rows(repeat_first, repeat_last);
    }
    s.ws->print_area(0, 0, print_last_row, print_last_col);
    s.ws->footer("&C&\"Times New Roman,Regular\"&11Trang &P/&N");
}

/// Protects the sheet; the user may still resize columns and rows.
void protect(stream::Sheet* ws) { ws->protect(); }

void write_header_block(Sheet& s, const TrackingModel& m, const ColumnPlan& plan,
                        int agency_last_col, int last_col, const std::string& title,
                        const std::string& subtitle, int r_title, const Formats& f) {
    const double agency_px = span_px(plan, 0, agency_last_col);
    for (std::size_t i = 0; i < m.agency_lines.size(); ++i) {
        const bool last = i + 1 == m.agency_lines.size();
        const int r = static_cast<int>(i);
        s.merge(r, 0, r, agency_last_col, m.agency_lines[i], last ? f.agency_bold : f.agency);
        s.height(r, row_height({{m.agency_lines[i], kHeader, last, agency_px}}));
    }
    const double full = span_px(plan, 0, last_col);
    s.merge(r_title, 0, r_title, last_col, title, f.title);
    s.height(r_title, row_height({{title, kHeader, true, full}}));
    int r = r_title + 1;
    if (!subtitle.empty()) {
        s.merge(r, 0, r, last_col, subtitle, f.subtitle);
        s.height(r, row_height({{subtitle, kHeader, true, full}}));
        ++r;
    }
    s.merge(r, 0, r, last_col, m.plan_reference, f.reference);
    s.height(r, row_height({{m.plan_reference, kBody, false, full}}));
}

// ---------------------------------------------------------------------------------------
// Pieces of both kinds of unit sheet (indicators and content areas)

/// Adds the worksheet of `unit` with the columns of `plan` and writes the rows above its
/// table (the agency over columns 0..agency_last_col, `title`, the unit's name, the plan
/// reference).
Sheet add_unit_worksheet(stream::Workbook& wb, const TrackingModel& m,
                         const TrackedUnit& unit, const ColumnPlan& plan, const UnitRows& rows,
                         int agency_last_col, const std::string& title, const Formats& f) {
    // make_sheet_names guarantees a valid, unique name.
    Sheet s{wb, &wb.add_sheet(unit.sheet)};
    const int last_col = static_cast<int>(plan.widths.size()) - 1;
    for (int c = 0; c <= last_col; ++c) s.width(c, plan.widths[c]);
    write_header_block(s, m, plan, agency_last_col, last_col, title, unit.name, rows.r_title, f);
    return s;
}

/// Writes the table header on rows r_head and r_head + 1: each heading of `fixed` merged
/// over both rows, "Kết quả thực hiện" over the phase columns c_first_phase..c_last_phase
/// with each phase's name under it (one "Kết quả" column over both rows when the campaign
/// has no phases), and gives both rows the height their text needs.
void write_two_row_head(Sheet& s, const TrackingModel& m, const ColumnPlan& plan, int r_head,
                        const std::vector<std::pair<int, std::string>>& fixed,
                        int c_first_phase, int c_last_phase, const Formats& f) {
    const int r_head2 = r_head + 1;
    double merged_need = 0;
    for (const auto& [c, h] : fixed) {
        s.merge(r_head, c, r_head2, c, h, f.head);
        merged_need = std::max(merged_need, row_height({{h, kBody, true, col_px(plan.widths[c])}}));
    }
    double h2 = line_height(kBody) + 4;
    if (m.phase_headers.empty()) {
        s.merge(r_head, c_first_phase, r_head2, c_first_phase, "Kết quả", f.head);
    } else {
        s.merge(r_head, c_first_phase, r_head, c_last_phase, "Kết quả thực hiện", f.head);
        for (int c = c_first_phase; c <= c_last_phase; ++c) {
            const std::string& phase = m.phase_headers[c - c_first_phase];
            s.str(r_head2, c, phase, f.head);
            h2 = std::max(h2, row_height({{phase, kBody, true, col_px(plan.widths[c])}}));
        }
    }
    const double h1 = std::max(
        row_height({{"Kết quả thực hiện", kBody, true,
                     span_px(plan, c_first_phase, c_last_phase)}}),
        merged_need - h2);
    s.height(r_head, h1);
    s.height(r_head2, h2);
}

/// Lets the cells r1..r2 × c1..c2 take the values of the list named `list_name`. With an
/// error title anything else is refused (a stop error with `err_title` and `err_msg`);
/// with an empty one the list only suggests and free text stays allowed.
void add_list_validation(Sheet& s, int r1, int c1, int r2, int c2, const char* list_name,
                         const std::string& err_title, const std::string& err_msg) {
    stream::Validation dv;
    dv.type = stream::Validation::Type::list;
    dv.list = list_name;
    if (err_title.empty()) {
        dv.show_error = false;
    } else {
        dv.error_title = err_title;
        dv.error_message = err_msg;
    }
    s.ws->validation(r1, c1, r2, c2, dv);
}

/// Turns the data rows r1..r2 light red once their verdict (column c_verdict) is
/// "Chưa đạt".
void shade_unmet_rows(Sheet& s, int r1, int r2, int c_verdict, int last_col,
                      const Formats& f) {
    const std::string cf_formula =
        "=$" + col_name(c_verdict) + std::to_string(r1 + 1) + "=\"" + kNotMet + "\"";
    (void)f;
    s.ws->conditional_format(r1, 0, r2, last_col, cf_formula, s.wb.add_fill_dxf(kMissFill));
}

/// The columns of the footer rows under a unit's table: the label spans 1..label_last, the
/// value the summary reads stands in `value`, and the self-rating spans value..note.
struct FootColumns {
    int label_last = 0, value = 0, verdict = 0, note = 0;
};

/// Writes footer row `r` but for its value: the label, blank verdict and note cells.
void write_foot_row(Sheet& s, const FootColumns& fc, int r, const std::string& label,
                    const Formats& f) {
    s.blank(r, 0, f.foot_label);
    s.merge(r, 1, r, fc.label_last, label, f.foot_label);
    s.blank(r, fc.verdict, f.foot_value);
    s.blank(r, fc.note, f.foot_value);
    s.height(r, line_height(kBody) + 6);
}

/// Writes the "Đơn vị tự xếp loại" row `r`: one input cell over value..note that takes a
/// rating from the list sheet.
void write_rating_row(Sheet& s, const FootColumns& fc, int r, const Formats& f) {
    s.blank(r, 0, f.foot_label);
    s.merge(r, 1, r, fc.label_last, "Đơn vị tự xếp loại", f.foot_label);
    s.height(r, line_height(kBody) + 6);
    s.merge(r, fc.value, r, fc.note, "", f.rating_input);
    add_list_validation(s, r, fc.value, r, fc.value, kRatingListName, "Xếp loại không hợp lệ",
                        "Chọn một mức xếp loại trong danh sách.");
}

/// Writes the signature block from row `r`: whoever fills in the table ("NGƯỜI LẬP BIỂU")
/// over columns 0..left_last, the head of the unit over right_first..right_last. Returns
/// the last row to print, which leaves room to sign.
int write_signatures(Sheet& s, int r, int left_last, int right_first, int right_last,
                     const Formats& f) {
    s.merge(r, 0, r, left_last, "NGƯỜI LẬP BIỂU", f.sign_title);
    s.merge(r, right_first, r, right_last, "THỦ TRƯỞNG ĐƠN VỊ", f.sign_title);
    ++r;
    s.merge(r, 0, r, left_last, "(Ký, ghi rõ họ tên)", f.sign_note);
    s.merge(r, right_first, r, right_last, "(Ký, ghi rõ họ tên)", f.sign_note);
    return r + 4;
}

/// Freezes the rows above `rows.r_data` and the first two columns, sets up a landscape
/// page that repeats the table header (r_head..r_ids) up to `print_last_row`, selects the
/// first input cell (none when select_row < 0), protects the sheet and finishes it (its
/// XML goes to the spill file).
void finish_unit_sheet(Sheet& s, const UnitRows& rows, int print_last_row, int last_col,
                       int select_row, int select_col) {
    s.ws->freeze_panes(rows.r_data, 2);
    write_page_setup(s, true, rows.r_head, rows.r_ids, print_last_row, last_col);
    if (select_row >= 0) s.ws->select(select_row, select_col);
    protect(s.ws);
    s.wb.finish_sheet(*s.ws);
}

/// Writes the sheet of `unit`; `plan` is plan_unit_columns of the model, the same for every
/// unit (it looks at every unit's targets: planned once, not once a unit).
UnitCells write_unit_sheet(stream::Workbook& wb, const TrackingModel& m,
                           const TrackedUnit& unit, const ColumnPlan& plan, const Formats& f) {
    UnitCells cells;
    const UnitLayout L(m);
    Sheet s = add_unit_worksheet(wb, m, unit, plan, L, 2,
                                 "BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA", f);

    // Table header: two rows; "Kết quả thực hiện" spans the phase columns.
    const int c_last_phase = L.c_first_phase + L.phases - 1;
    write_two_row_head(s, m, plan, L.r_head,
                       {{0, "STT"},
                        {1, "Nội dung chỉ tiêu"},
                        {2, "Đơn vị tính"},
                        {L.c_target, "Chỉ tiêu giao"},
                        {L.c_cumulative, "Lũy kế"},
                        {L.c_rate, "Tỷ lệ đạt (%)"},
                        {L.c_verdict, "Đánh giá"},
                        {L.c_note, "Ghi chú"}},
                       L.c_first_phase, c_last_phase, f);

    // Column numbers: A, B, C, 1, 2, … and the rate as "n=(k/1)".
    s.str(L.r_ids, 0, "A", f.ids);
    s.str(L.r_ids, 1, "B", f.ids);
    s.str(L.r_ids, 2, "C", f.ids);
    int k = 1;
    for (int c = L.c_target; c <= L.c_cumulative; ++c) s.str(L.r_ids, c, std::to_string(k++), f.ids);
    const int cumulative_id = k - 1;
    s.str(L.r_ids, L.c_rate, std::to_string(k++) + "=(" + std::to_string(cumulative_id) + "/1)",
          f.ids);
    s.str(L.r_ids, L.c_verdict, std::to_string(k++), f.ids);
    s.str(L.r_ids, L.c_note, std::to_string(k++), f.ids);

    // Groups and indicators.
    int r = L.r_data;
    std::vector<int> indicator_rows;
    for (const auto& g : m.groups) {
        s.str(r, 0, g.number, f.group_number);
        s.merge(r, 1, r, L.last_col(), g.title, f.group_title);
        s.height(r, row_height({{g.title, kBody, true, span_px(plan, 1, L.last_col())}}));
        ++r;
        for (const auto& ind : g.indicators) {
            const double target = unit.target_for(ind);
            const std::string phases = range(r, L.c_first_phase, r, c_last_phase);
            const std::string cum = cell(r, L.c_cumulative);
            const std::string tgt = cell(r, L.c_target);
            s.str(r, 0, ind.number, f.center);
            s.str(r, 1, ind.name, f.left);
            s.str(r, 2, ind.unit, f.center);
            s.num(r, L.c_target, target, f.number);
            for (int c = L.c_first_phase; c <= c_last_phase; ++c) s.blank(r, c, f.input);
            const std::string total = ind.percent ? "LOOKUP(9.99E+307," + phases + ")"
                                                  : "SUM(" + phases + ")";
            s.formula_str(r, L.c_cumulative,
                          "=IF(COUNT(" + phases + ")=0,\"\"," + total + ")", f.number);
            const std::string rate =
                ind.at_most ? "IF(" + cum + "<=" + tgt + ",100," + tgt + "/" + cum + "*100)"
                            : "IF(" + tgt + "=0,100," + cum + "/" + tgt + "*100)";
            s.formula_str(r, L.c_rate, "=IF(" + cum + "=\"\",\"\"," + rate + ")", f.rate);
            s.formula_str(r, L.c_verdict,
                          "=IF(" + cum + "=\"\",\"\",IF(" + cum + (ind.at_most ? "<=" : ">=") +
                              tgt + ",\"Đạt\",\"Chưa đạt\"))",
                          f.verdict);
            s.blank(r, L.c_note, f.note_input);

            const double max = input_max(ind, target);
            const std::string err_title = "Số liệu không hợp lệ";
            const std::string err_msg =
                "Nhập một số từ 0 đến " + number_text(max) + (ind.percent ? " (%)" : "") + ".";
            stream::Validation dv;
            dv.min = 0;
            dv.max = max;
            dv.error_title = err_title;
            dv.error_message = err_msg;
            s.ws->validation(r, L.c_first_phase, r, c_last_phase, dv);


            s.height(r, row_height({{ind.name, kBody, false, col_px(plan.widths[1])},
                                    {ind.unit, kBody, false, col_px(plan.widths[2])}}));
            indicator_rows.push_back(r);
            ++r;
        }
    }
    const int r_last_data = r - 1;

    // One suggestion list over the whole note column (group rows are merged cells there).
    add_list_validation(s, L.r_data, L.c_note, r_last_data, L.c_note, kNoteListName, {}, {});

    // Under-target rows turn light red once a result is entered.
    shade_unmet_rows(s, L.r_data, r_last_data, L.c_verdict, L.last_col(), f);

    // Footer rows: what the summary sheet reads.
    const std::string cum_range = range(L.r_data, L.c_cumulative, r_last_data, L.c_cumulative);
    const std::string rate_range = range(L.r_data, L.c_rate, r_last_data, L.c_rate);
    const std::string verdict_range = range(L.r_data, L.c_verdict, r_last_data, L.c_verdict);
    const FootColumns fc{L.c_cumulative, L.c_rate, L.c_verdict, L.c_note};
    cells.value_col = fc.value;
    cells.entered_row = r;
    write_foot_row(s, fc, r, "Số chỉ tiêu đã có kết quả", f);
    s.formula_num(r, L.c_rate, "=COUNT(" + cum_range + ")", f.foot_value, 0);
    cells.achieved_row = ++r;
    write_foot_row(s, fc, r, "Số chỉ tiêu đạt", f);
    s.formula_num(r, L.c_rate, "=COUNTIF(" + verdict_range + ",\"Đạt\")", f.foot_value, 0);
    cells.average_row = ++r;
    write_foot_row(s, fc, r, "Tỷ lệ đạt bình quân (%)", f);
    s.formula_str(r, L.c_rate,
                  "=IF(COUNT(" + rate_range + ")=0,\"\",AVERAGE(" + rate_range + "))",
                  f.foot_rate);
    cells.rating_row = ++r;
    write_rating_row(s, fc, r, f);

    // Signatures after a blank row; then panes, print setup and protection.
    const int r_print_last = write_signatures(s, r + 2, 2, L.c_rate, L.c_note, f);
    finish_unit_sheet(s, L, r_print_last, L.last_col(),
                      indicator_rows.empty() ? -1 : indicator_rows.front(), L.c_first_phase);
    return cells;
}

// ---------------------------------------------------------------------------------------
// Unit sheet of a plan without indicators (TrackingModel::areas)

struct AreaLayout : UnitRows {
    int c_first_phase = 2;
    int c_last_phase = 0, c_count = 0, c_rate = 0, c_verdict = 0, c_note = 0;

    explicit AreaLayout(const TrackingModel& m) : UnitRows(m) {
        c_last_phase = c_first_phase + phases - 1;
        c_count = c_last_phase + 1;
        c_rate = c_count + 1;
        c_verdict = c_rate + 1;
        c_note = c_verdict + 1;
    }
    int last_col() const { return c_note; }
};

ColumnPlan plan_area_columns(const TrackingModel& m, const AreaLayout& L) {
    ColumnPlan plan;
    plan.widths.assign(L.last_col() + 1, 8);
    double stt = text_px("STT", kBody, true), title = text_px("Nội dung thi đua", kBody, true);
    for (const auto& a : m.areas) {
        stt = std::max(stt, text_px(a.number, kBody, false));
        title = std::max(title, text_px(a.title, kBody, false));
    }
    // A chosen value, and room for the dropdown arrow beside it.
    const double value = text_px(kNotMet, kBody, false) + 16;
    plan.widths[0] = std::max(5.0, width_for_px(stt));
    plan.widths[1] = std::clamp(width_for_px(title), 30.0, 48.0);
    for (int p = 0; p < L.phases; ++p) {
        plan.widths[L.c_first_phase + p] = std::clamp(
            width_for_px(std::max(header_need(phase_label(m, p)), value)), 10.0, 16.0);
    }
    plan.widths[L.c_count] = std::max(9.0, width_for_px(header_need("Số đợt đạt")));
    plan.widths[L.c_rate] = std::max(9.0, width_for_px(header_need("Tỷ lệ đạt (%)")));
    plan.widths[L.c_verdict] = std::max(9.0, width_for_px(text_px(kNotMet, kBody, true)));
    // The self-rating cell spans Tỷ lệ..Ghi chú: make room for its longest choice.
    const double rating = longest_rating_px();
    const double spanned = col_px(plan.widths[L.c_rate]) + col_px(plan.widths[L.c_verdict]);
    plan.widths[L.c_note] = std::max({12.0, width_for_px(text_px("Ghi chú", kBody, true)),
                                      width_for_px(rating - spanned)});
    return plan;
}

/// One row per content area; each phase cell takes "Đạt" or "Chưa đạt" from a list:
///   Số đợt đạt  IF(COUNTA(C:F)=0,"",COUNTIF(C:F,"Đạt"))
///   Tỷ lệ đạt   IF(G="","",G/P)                        (a percentage of the P phases)
///   Đánh giá    IF(COUNTBLANK(C:F)>0,"",IF(G=P,"Đạt","Chưa đạt"))
/// Nothing shows until a phase is filled in, and no verdict until every phase is.
UnitCells write_area_sheet(stream::Workbook& wb, const TrackingModel& m,
                           const TrackedUnit& unit, const ColumnPlan& plan, const Formats& f) {
    UnitCells cells;
    const AreaLayout L(m);
    Sheet s = add_unit_worksheet(wb, m, unit, plan, L, 1,
                                 "BẢNG THEO DÕI KẾT QUẢ THỰC HIỆN NỘI DUNG THI ĐUA", f);

    // Table header: two rows; "Kết quả thực hiện" spans the phase columns.
    write_two_row_head(s, m, plan, L.r_head,
                       {{0, "STT"},
                        {1, "Nội dung thi đua"},
                        {L.c_count, "Số đợt đạt"},
                        {L.c_rate, "Tỷ lệ đạt (%)"},
                        {L.c_verdict, "Đánh giá"},
                        {L.c_note, "Ghi chú"}},
                       L.c_first_phase, L.c_last_phase, f);

    // Column numbers: A, B, then 1, 2, … for the phases and what follows.
    s.str(L.r_ids, 0, "A", f.ids);
    s.str(L.r_ids, 1, "B", f.ids);
    for (int c = L.c_first_phase, k = 1; c <= L.c_note; ++c, ++k) {
        s.str(L.r_ids, c, std::to_string(k), f.ids);
    }

    // One row per content area.
    const std::string phase_count = std::to_string(L.phases);
    int r = L.r_data;
    for (const auto& a : m.areas) {
        const std::string phases = range(r, L.c_first_phase, r, L.c_last_phase);
        const std::string count = cell(r, L.c_count);
        s.str(r, 0, a.number, f.center);
        s.str(r, 1, a.title, f.left);
        for (int c = L.c_first_phase; c <= L.c_last_phase; ++c) s.blank(r, c, f.input);
        s.formula_str(r, L.c_count,
                      "=IF(COUNTA(" + phases + ")=0,\"\",COUNTIF(" + phases + ",\"" + kMet +
                          "\"))",
                      f.number);
        s.formula_str(r, L.c_rate, "=IF(" + count + "=\"\",\"\"," + count + "/" + phase_count + ")",
                      f.percent);
        s.formula_str(r, L.c_verdict,
                      "=IF(COUNTBLANK(" + phases + ")>0,\"\",IF(" + count + "=" + phase_count +
                          ",\"" + kMet + "\",\"" + kNotMet + "\"))",
                      f.verdict);
        s.blank(r, L.c_note, f.note_input);
        s.height(r, row_height({{a.title, kBody, false, col_px(plan.widths[1])}}));
        ++r;
    }
    const int r_last_data = r - 1;

    // One list over every phase cell; the choices live in "Danh mục" (a list of values
    // written into the validation would overflow Excel's 255 characters sooner).
    add_list_validation(s, L.r_data, L.c_first_phase, r_last_data, L.c_last_phase,
                        kVerdictListName, "Kết quả không hợp lệ",
                        "Chọn “Đạt” hoặc “Chưa đạt” trong danh sách.");

    // Rows not achieved turn light red once judged.
    shade_unmet_rows(s, L.r_data, r_last_data, L.c_verdict, L.last_col(), f);

    // Footer rows: what the summary sheet reads.
    const std::string count_range = range(L.r_data, L.c_count, r_last_data, L.c_count);
    const std::string verdict_range = range(L.r_data, L.c_verdict, r_last_data, L.c_verdict);
    const FootColumns fc{L.c_count, L.c_rate, L.c_verdict, L.c_note};
    cells.value_col = fc.value;
    cells.entered_row = r;
    write_foot_row(s, fc, r, "Số nội dung đã đánh giá", f);
    s.formula_num(r, L.c_rate,
                  "=COUNTIF(" + verdict_range + ",\"" + kMet + "\")+COUNTIF(" + verdict_range +
                      ",\"" + kNotMet + "\")",
                  f.foot_value, 0);
    cells.achieved_row = ++r;
    write_foot_row(s, fc, r, "Số nội dung đạt", f);
    s.formula_num(r, L.c_rate, "=COUNTIF(" + verdict_range + ",\"" + kMet + "\")", f.foot_value,
                  0);
    cells.average_row = ++r;
    write_foot_row(s, fc, r, "Tỷ lệ nội dung đạt (%)", f);
    s.formula_str(r, L.c_rate,
                  "=IF(" + cell(cells.entered_row, L.c_rate) + "=0,\"\"," +
                      cell(cells.achieved_row, L.c_rate) + "/" + std::to_string(m.areas.size()) +
                      ")",
                  f.foot_percent);
    cells.phases_row = ++r;
    write_foot_row(s, fc, r, "Tổng số đợt đạt", f);
    s.formula_num(r, L.c_rate, "=SUM(" + count_range + ")", f.foot_value, 0);
    cells.rating_row = ++r;
    write_rating_row(s, fc, r, f);

    // Signatures after a blank row; then panes, print setup and protection.
    const int r_print_last = write_signatures(s, r + 2, 1, L.c_rate, L.c_note, f);
    finish_unit_sheet(s, L, r_print_last, L.last_col(), L.r_data, L.c_first_phase);
    return cells;
}

// ---------------------------------------------------------------------------------------
// Scoring sheet "Chấm điểm" (TrackingModel::scoring)
//
// One block per unit, each starting on a printed page of its own:
//   unit name | STT | Tiêu chí thi đua | Điểm chuẩn | Điểm tự chấm | Điểm thẩm định |
//   Hướng dẫn chấm điểm, as the plan's table: group rows I, II… (bold, the sum of their
//   criteria), criteria 1, 2…, items 1.1, 1.2…; a deduction's maximum shows as "-10" and
//   takes 0 down to -10. Points are typed only in the rows without items (0 to the maximum,
//   validated); a criterion with items, a group and the total are sums that show nothing
//   until a point is typed. With bonus groups ("kind": "bonus") the total of the other
//   groups is followed by "Điểm cộng" (the bonus groups' sum) and "Tổng điểm cuối cùng".
//   With rating levels, "Xếp loại" names the level the final total reaches, else "Không
//   xếp loại". A group ranked by counts ("kind": "count") has no points: its criteria take
//   a whole number from 0 and are summed nowhere.

/// Where the summary finds a unit's scores on the scoring sheet.
struct ScoreCells {
    int total_row = -1;   ///< the final total: "Tổng điểm", or "Tổng điểm cuối cùng"
    int base_row = -1;    ///< "Tổng điểm" (the points groups)
    int bonus_row = -1;   ///< "Điểm cộng"; -1 without bonus groups
    int rating_row = -1;  ///< the "Xếp loại" row; -1 when the plan has no rating levels
    std::vector<int> rows;  ///< the sheet row of each row of the table (ScoringTable::rows)
};

constexpr int kScoreMax = 2, kScoreSelf = 3, kScoreVerified = 4, kScoreGuide = 5;

/// A number as a formula writes it: "2.5", "90".
std::string formula_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

/// A formula string literal: "Xuất sắc" with inner quotes doubled.
std::string formula_text(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// "D12,D14:D16": the cells of column `col` in `rows` (ascending), runs written as ranges.
std::string cell_list(const std::vector<int>& rows, int col) {
    std::string out;
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
        if (!out.empty()) out += ',';
        out += i == j ? cell(rows[i], col) : range(rows[i], col, rows[j], col);
        i = j + 1;
    }
    return out;
}

/// The sum of `cells` ("D12,D14:D16"), or "" while none of them holds a number.
std::string sum_or_blank(const std::string& cells) {
    return "=IF(COUNT(" + cells + ")=0,\"\",SUM(" + cells + "))";
}

/// The label of the first rating level (highest first) that `total` reaches.
std::string rating_formula(const std::vector<ScoreRating>& ratings, const std::string& total) {
    std::string f, close;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
        const bool last = i + 1 == ratings.size();
        if (last && ratings[i].min <= 0) {
            f += formula_text(ratings[i].label);
            break;
        }
        f += "IF(" + total + ">=" + formula_number(ratings[i].min) + "," +
             formula_text(ratings[i].label) + ",";
        close += ")";
        if (last) f += formula_text("Không xếp loại");
    }
    return "=IF(" + total + "=\"\",\"\"," + f + close + ")";
}

/// The row where the first unit's block of the scoring sheet starts: under the agency
/// lines, the title, the subtitle and the plan reference.
int scoring_first_block_row(const TrackingModel& m) {
    return static_cast<int>(m.agency_lines.size()) + 1 + 4;
}

/// The rows the scoring sheet needs for every unit: the unit's name, the header, the
/// table, the total, the rating (with rating levels) and a blank row, each unit.
std::uint64_t scoring_sheet_rows(const TrackingModel& m) {
    if (!m.scoring) return 0;
    const std::uint64_t block = 2 + m.scoring->rows.size() + 1 + (m.scoring->has_bonus ? 2 : 0) +
                                (m.scoring->ratings.empty() ? 0 : 1) + 1;
    return static_cast<std::uint64_t>(scoring_first_block_row(m)) + block * m.units.size();
}

std::vector<ScoreCells> write_scoring_sheet(stream::Workbook& wb, const TrackingModel& m,
                                            const Formats& f) {
    std::vector<ScoreCells> out(m.units.size());
    Sheet s{wb, &wb.add_sheet(scoring_sheet_name)};
    stream::Sheet* ws = s.ws;
    const ScoringTable& t = *m.scoring;

    ColumnPlan plan;
    plan.widths.assign(kScoreGuide + 1, 10);
    double stt = text_px("STT", kBody, true), title = text_px("Tiêu chí thi đua", kBody, true);
    double guide = text_px("Hướng dẫn chấm điểm", kBody, true);
    for (const ScoreRow& row : t.rows) {
        stt = std::max(stt, text_px(row.number, kBody, row.kind == ScoreRow::Kind::group));
        title = std::max(title, text_px(row.title, kBody, row.kind == ScoreRow::Kind::group));
        guide = std::max(guide, text_px(row.guide, kBody, false));
    }
    for (const auto& u : m.units) title = std::max(title, text_px(u.name, kHeader, true) / 2);
    plan.widths[0] = std::max(5.0, width_for_px(stt));
    plan.widths[1] = std::clamp(width_for_px(title), 30.0, 50.0);
    for (int c : {kScoreMax, kScoreSelf, kScoreVerified}) plan.widths[c] = 11;
    plan.widths[kScoreGuide] = std::clamp(width_for_px(guide), 20.0, 46.0);
    for (int c = 0; c <= kScoreGuide; ++c) s.width(c, plan.widths[c]);

    const int r_title = static_cast<int>(m.agency_lines.size()) + 1;
    write_header_block(s, m, plan, 1, kScoreGuide, "BẢNG CHẤM ĐIỂM THI ĐUA",
                       t.title.empty() ? m.campaign_name : t.title, r_title, f);
    int r = scoring_first_block_row(m);

    const std::vector<std::string> heads = {"STT", "Tiêu chí thi đua", "Điểm chuẩn",
                                            "Điểm tự chấm", "Điểm thẩm định",
                                            "Hướng dẫn chấm điểm"};
    double head_h = 0;
    for (int c = 0; c <= kScoreGuide; ++c) {
        head_h = std::max(head_h, row_height({{heads[c], kBody, true, col_px(plan.widths[c])}}));
    }
    const std::string err_title = "Số điểm không hợp lệ";
    std::vector<int> breaks;
    int first_input_row = -1;
    for (std::size_t ui = 0; ui < m.units.size(); ++ui) {
        const TrackedUnit& u = m.units[ui];
        if (ui > 0) {
            // A new printed page for each unit (Excel takes at most 1023 manual breaks).
            if (breaks.size() < 1023) breaks.push_back(r);
        }
        s.merge(r, 0, r, kScoreGuide, u.name, f.subtitle);
        s.height(r, row_height({{u.name, kHeader, true, span_px(plan, 0, kScoreGuide)}}));
        ++r;
        for (int c = 0; c <= kScoreGuide; ++c) s.str(r, c, heads[c], f.head);
        s.height(r, head_h);
        ++r;

        std::vector<int> group_rows, bonus_rows, group_leaves, item_rows;
        int group_row = -1, criterion_row = -1;
        out[ui].rows.assign(t.rows.size(), -1);
        auto close_criterion = [&] {
            if (criterion_row < 0 || item_rows.empty()) return;
            for (int c : {kScoreSelf, kScoreVerified}) {
                s.formula_str(criterion_row, c, sum_or_blank(cell_list(item_rows, c)), f.number);
            }
        };
        bool counting = false;  // in a group ranked by counts
        auto close_group = [&] {
            close_criterion();
            if (group_row < 0 || counting) return;
            for (int c : {kScoreSelf, kScoreVerified}) {
                if (group_leaves.empty()) {
                    s.blank(group_row, c, f.foot_value);
                } else {
                    s.formula_str(group_row, c, sum_or_blank(cell_list(group_leaves, c)),
                                  f.foot_value);
                }
            }
        };
        for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
            const ScoreRow& row = t.rows[ri];
            out[ui].rows[ri] = r;
            if (row.kind == ScoreRow::Kind::group) {
                close_group();
                counting = row.group_kind == ScoreGroupKind::count;
                group_row = r;
                criterion_row = -1;
                group_leaves.clear();
                item_rows.clear();
                if (row.group_kind == ScoreGroupKind::bonus) bonus_rows.push_back(r);
                else if (!counting) group_rows.push_back(r);
                s.str(r, 0, row.number, f.group_number);
                s.str(r, 1, text::upper(row.title), f.group_title);
                if (counting) {
                    for (int c : {kScoreMax, kScoreSelf, kScoreVerified}) s.blank(r, c, f.foot_value);
                } else {
                    s.num(r, kScoreMax, row.points, f.foot_value);
                }
                s.blank(r, kScoreGuide, f.group_title);
                s.height(r, row_height({{text::upper(row.title), kBody, true,
                                         col_px(plan.widths[1])}}));
                ++r;
                continue;
            }
            if (row.kind == ScoreRow::Kind::criterion) {
                close_criterion();
                criterion_row = r;
                item_rows.clear();
            } else {
                item_rows.push_back(r);
            }
            s.str(r, 0, row.number, f.center);
            s.str(r, 1, row.title, f.left);
            if (counting) s.blank(r, kScoreMax, f.number);
            else s.num(r, kScoreMax, row.deduct ? -row.points : row.points, f.number);
            s.str(r, kScoreGuide, row.guide, f.left);
            s.height(r, row_height({{row.title, kBody, false, col_px(plan.widths[1])},
                                    {row.guide, kBody, false, col_px(plan.widths[kScoreGuide])}}));
            if (counting) {
                // A count: a whole number from 0, typed, summed nowhere.
                for (int c : {kScoreSelf, kScoreVerified}) s.blank(r, c, f.input);
                const std::string msg = "Nhập số lượng: số nguyên từ 0 trở lên.";
                const std::string count_title = "Số lượng không hợp lệ";
                stream::Validation dv;
                dv.type = stream::Validation::Type::whole_at_least;
                dv.min = 0;
                dv.error_title = count_title;
                dv.error_message = msg;
                ws->validation(r, kScoreSelf, r, kScoreVerified, dv);
                if (first_input_row < 0) first_input_row = r;
                ++r;
                continue;
            }
            if (row.kind == ScoreRow::Kind::criterion && row.has_items) {
                ++r;  // its sums are written once its items are known
                continue;
            }
            // A row scored directly: two input cells, validated.
            for (int c : {kScoreSelf, kScoreVerified}) s.blank(r, c, f.input);
            const std::string msg =
                row.deduct ? "Nhập số điểm trừ, từ -" + number_text(row.points) + " đến 0."
                           : "Nhập số điểm từ 0 đến " + number_text(row.points) + ".";
            stream::Validation dv;
            dv.min = row.deduct ? -row.points : 0;
            dv.max = row.deduct ? 0 : row.points;
            dv.error_title = err_title;
            dv.error_message = msg;
            ws->validation(r, kScoreSelf, r, kScoreVerified, dv);
            group_leaves.push_back(r);
            if (first_input_row < 0) first_input_row = r;
            ++r;
        }
        close_group();

        // Total (the points groups; with bonus groups, the bonus and the final total) and
        // rating.
        auto total_line = [&](const char* label, double max, const std::vector<int>& rows) {
            s.blank(r, 0, f.foot_label);
            s.str(r, 1, label, f.foot_label);
            s.num(r, kScoreMax, max, f.foot_value);
            for (int c : {kScoreSelf, kScoreVerified}) {
                if (rows.empty()) s.blank(r, c, f.foot_value);
                else s.formula_str(r, c, sum_or_blank(cell_list(rows, c)), f.foot_value);
            }
            s.blank(r, kScoreGuide, f.foot_value);
            s.height(r, line_height(kBody) + 6);
            return r++;
        };
        out[ui].base_row = out[ui].total_row = total_line("Tổng điểm", t.total, group_rows);
        if (t.has_bonus) {
            out[ui].bonus_row = total_line("Điểm cộng", t.bonus, bonus_rows);
            out[ui].total_row = total_line("Tổng điểm cuối cùng", t.total + t.bonus,
                                           {out[ui].base_row, out[ui].bonus_row});
        }
        if (!t.ratings.empty()) {
            out[ui].rating_row = r;
            s.blank(r, 0, f.foot_label);
            s.str(r, 1, "Xếp loại", f.foot_label);
            s.blank(r, kScoreMax, f.foot_value);
            for (int c : {kScoreSelf, kScoreVerified}) {
                s.formula_str(r, c, rating_formula(t.ratings, cell(out[ui].total_row, c)),
                              f.verdict);
            }
            s.blank(r, kScoreGuide, f.foot_value);
            s.height(r, line_height(kBody) + 6);
            ++r;
        }
        r += 1;  // a blank row between units on screen
        ws->spill_rows_before(r);  // the block is final: memory stays flat with the units
    }
    if (!breaks.empty()) ws->row_breaks(std::move(breaks));
    write_page_setup(s, true, -1, -1, r - 1, kScoreGuide);
    if (first_input_row >= 0) {
        ws->select(first_input_row, kScoreSelf);
    }
    protect(ws);
    wb.finish_sheet(*ws);
    return out;
}

/// The summary's columns for the scoring sheet, as offsets from the first: each unit's
/// self-scored and verified totals (with bonus groups, the verified bonus and final total),
/// its rank by the verified final total, the rows the tie-break rules compare (as long as
/// they name one), with rating levels its rating, then for each group ranked by counts
/// the verified counts and the rank they give.
struct ScoreColumns {
    std::vector<std::string> heads;
    int bonus = -1, final_total = 1, rank = 2, rating = -1;
    std::vector<std::pair<int, int>> keys;  ///< (column, row of the table) per tie-break rule
    struct CountGroup {
        std::vector<std::pair<int, int>> criteria;  ///< (column, row of the table)
        int rank = -1;
    };
    std::vector<CountGroup> counts;

    explicit ScoreColumns(const ScoringTable& t) {
        heads = {"Điểm tự chấm", "Điểm thẩm định"};
        if (t.has_bonus) {
            bonus = static_cast<int>(heads.size());
            heads.push_back("Điểm cộng thẩm định");
            final_total = static_cast<int>(heads.size());
            heads.push_back("Tổng điểm thẩm định");
        }
        rank = static_cast<int>(heads.size());
        heads.push_back("Xếp hạng theo điểm");
        for (const ScoreTieBreak& tb : t.tie_break) {
            if (tb.row < 0) break;  // words only: the rules after it cannot be computed
            const ScoreRow& row = t.rows[static_cast<std::size_t>(tb.row)];
            if (row.kind == ScoreRow::Kind::group && row.group_kind == ScoreGroupKind::count) break;
            std::string head = "Xét khi bằng điểm: ";
            if (row.kind == ScoreRow::Kind::group) {
                head += "nhóm " + row.number;
            } else {
                std::string group;
                for (int k = tb.row; k >= 0; --k) {
                    if (t.rows[static_cast<std::size_t>(k)].kind == ScoreRow::Kind::group) {
                        group = t.rows[static_cast<std::size_t>(k)].number;
                        break;
                    }
                }
                head += "tiêu chí " + group + "." + row.number;
            }
            keys.emplace_back(static_cast<int>(heads.size()), tb.row);
            heads.push_back(head);
        }
        if (!t.ratings.empty()) {
            rating = static_cast<int>(heads.size());
            heads.push_back("Xếp loại theo điểm");
        }
        // Each group ranked by counts: its counts, then the rank they give.
        std::string group;
        auto close = [&] {
            if (counts.empty() || counts.back().criteria.empty() || counts.back().rank >= 0) return;
            counts.back().rank = static_cast<int>(heads.size());
            heads.push_back("Xếp hạng nhóm " + group);
        };
        for (std::size_t k = 0; k < t.rows.size(); ++k) {
            const ScoreRow& row = t.rows[k];
            if (row.kind == ScoreRow::Kind::group) close();
            if (row.group_kind != ScoreGroupKind::count) continue;
            if (row.kind == ScoreRow::Kind::group) {
                counts.emplace_back();
                group = row.number;
                continue;
            }
            if (row.kind != ScoreRow::Kind::criterion || counts.empty()) continue;
            counts.back().criteria.emplace_back(static_cast<int>(heads.size()),
                                                static_cast<int>(k));
            heads.push_back(row.title);
        }
        close();
    }
};

std::vector<std::string> score_heads(const TrackingModel& m) {
    if (!m.scoring) return {};
    return ScoreColumns(*m.scoring).heads;
}

/// Writes the score columns of summary row `r` from column `c0`; every unit is in rows
/// `first`..`last`, for the ranks.
void write_score_columns(Sheet& s, const ScoringTable& t, int r, int c0, const ScoreCells& sc,
                         int first, int last, const Formats& f) {
    const ScoreColumns cols(t);
    const std::string ref = sheet_ref(scoring_sheet_name);
    auto copy = [&](int col, int sheet_row, stream::FormatId format) {
        const std::string v = ref + cell(sheet_row, kScoreVerified);
        s.formula_str(r, c0 + col, "=IF(" + v + "=\"\",\"\"," + v + ")", format);
    };
    for (int k = 0; k < 2; ++k) {
        const std::string total = ref + cell(k == 0 ? sc.total_row : sc.base_row,
                                             k == 0 ? kScoreSelf : kScoreVerified);
        s.formula_str(r, c0 + k, "=IF(" + total + "=\"\",\"\"," + total + ")", f.number);
    }
    if (cols.bonus >= 0) {
        copy(cols.bonus, sc.bonus_row, f.number);
        copy(cols.final_total, sc.total_row, f.number);
    }
    const std::string verified = cell(r, c0 + cols.final_total);
    const std::string all = abs_range(first, c0 + cols.final_total, last, c0 + cols.final_total);
    if (cols.keys.empty()) {
        s.formula_str(r, c0 + cols.rank,
                      "=IF(" + verified + "=\"\",\"\",RANK(" + verified + "," + all + "))",
                      f.verdict);
    } else {
        // Equal totals are told apart by each rule in turn: a unit ranks below every unit
        // with a higher total, and below those equal on the total and the rules before
        // that are higher on this one.
        std::string formula = "=IF(" + verified + "=\"\",\"\",1+COUNTIF(" + all + ",\">\"&" +
                              verified + ")";
        std::string equal = all + "," + verified;
        for (const auto& [col, row] : cols.keys) {
            const ScoreRow& key = t.rows[static_cast<std::size_t>(row)];
            const std::string mine = cell(r, c0 + col);
            const std::string keys = abs_range(first, c0 + col, last, c0 + col);
            const char* better = key.group_kind == ScoreGroupKind::count && key.fewer_better
                                     ? "\"<\"&" : "\">\"&";
            formula += "+COUNTIFS(" + equal + "," + keys + "," + better + mine + ")";
            equal += "," + keys + "," + mine;
        }
        s.formula_str(r, c0 + cols.rank, formula + ")", f.verdict);
        for (const auto& [col, row] : cols.keys) {
            // The rule's verified value, 0 when not entered, once the total is there.
            const std::string v = ref + cell(sc.rows[static_cast<std::size_t>(row)], kScoreVerified);
            s.formula_str(r, c0 + col, "=IF(" + verified + "=\"\",\"\",N(" + v + "))", f.number);
        }
    }
    if (sc.rating_row >= 0 && cols.rating >= 0) {
        const std::string rating = ref + cell(sc.rating_row, kScoreVerified);
        s.formula_str(r, c0 + cols.rating, "=IF(" + rating + "=\"\",\"\"," + rating + ")",
                      f.center);
    }
    for (const ScoreColumns::CountGroup& cg : cols.counts) {
        if (cg.criteria.empty()) continue;
        for (const auto& [col, row] : cg.criteria) {
            copy(col, sc.rows[static_cast<std::size_t>(row)], f.number);
        }
        // Ranked by the first count; equal counts by the next, and so on.
        std::string formula;
        std::string equal;
        for (std::size_t k = 0; k < cg.criteria.size(); ++k) {
            const auto& [col, row] = cg.criteria[k];
            const ScoreRow& crit = t.rows[static_cast<std::size_t>(row)];
            const std::string mine = cell(r, c0 + col);
            const std::string range_k = abs_range(first, c0 + col, last, c0 + col);
            const std::string value = k == 0 ? mine : "N(" + mine + ")";
            const char* better = crit.fewer_better ? "\"<\"&" : "\">\"&";
            if (k == 0) {
                formula = "=IF(" + mine + "=\"\",\"\",1+COUNTIF(" + range_k + "," + better + mine + ")";
            } else {
                formula += "+COUNTIFS(" + equal + "," + range_k + "," + better + value + ")";
            }
            equal += std::string(equal.empty() ? "" : ",") + range_k + "," + value;
        }
        s.formula_str(r, c0 + cg.rank, formula + ")", f.verdict);
    }
}

// ---------------------------------------------------------------------------------------
// Summary sheet "Tổng hợp": a row per unit and a total row, under the header block, in
// columns both kinds (indicators, content areas) share but for their own:
//   STT | Đơn vị | indicators or areas | entered | achieved | rate | own… (the rank last) |
//   scores… | Đơn vị tự xếp loại
// where entered, achieved and rate come from the footer of the unit's sheet (the rate is
// the mean rate, or the share of the areas achieved).

constexpr int kSumUnit = 1, kSumCount = 2, kSumEntered = 3, kSumAchieved = 4, kSumRate = 5;

/// The columns and rows of a summary sheet. The headings are `own` (STT, Đơn vị and the
/// columns of its kind, the rank last), the score columns when the plan has a scoring
/// table, and the self-rating last. Plans every width but the self-rating's, which each
/// kind sets: STT narrow, the units' names within 24..40, every other heading as wide as
/// its longest word.
struct SummaryLayout {
    std::vector<std::string> heads;
    int c_score = 0;      ///< the first score column
    bool scored = false;  ///< the plan has a scoring table
    int last_col = 0;     ///< the self-rating
    ColumnPlan plan;
    int r_title = 0, r_head = 0, r_ids = 0;
    int first = 0, last = 0;  ///< the units' rows

    SummaryLayout(const TrackingModel& m, const std::vector<std::string>& own) : heads(own) {
        c_score = static_cast<int>(heads.size());
        const std::vector<std::string> score = score_heads(m);
        scored = !score.empty();
        heads.insert(heads.end(), score.begin(), score.end());
        heads.push_back("Đơn vị tự xếp loại");
        last_col = static_cast<int>(heads.size()) - 1;

        plan.widths.assign(heads.size(), 10);
        double unit_px = text_px(heads[kSumUnit], kBody, true);
        for (const auto& u : m.units) unit_px = std::max(unit_px, text_px(u.name, kBody, false));
        plan.widths[0] = 6;
        plan.widths[kSumUnit] = std::clamp(width_for_px(unit_px), 24.0, 40.0);
        for (int c = kSumCount; c < last_col; ++c) {
            plan.widths[c] = std::max(10.0, width_for_px(longest_word_px(heads[c], kBody, true)));
        }

        r_title = static_cast<int>(m.agency_lines.size()) + 1;
        r_head = r_title + (m.campaign_name.empty() ? 3 : 4);
        r_ids = r_head + 1;
        first = r_ids + 1;
        last = first + static_cast<int>(m.units.size()) - 1;
    }

    /// Returns the column numbers A, B, 1, 2, … up to the self-rating.
    std::vector<std::string> ids() const {
        std::vector<std::string> out = {"A", "B"};
        for (int c = kSumCount; c <= last_col; ++c) out.push_back(std::to_string(c - 1));
        return out;
    }
};

/// Sets the columns of `L` and writes the rows above the table (the agency over STT and
/// Đơn vị, `title`, the campaign's name, the plan reference), the headings and the column
/// numbers `ids`.
void write_summary_head(Sheet& s, const TrackingModel& m, const SummaryLayout& L,
                        const std::string& title, const std::vector<std::string>& ids,
                        const Formats& f) {
    for (int c = 0; c <= L.last_col; ++c) s.width(c, L.plan.widths[c]);
    write_header_block(s, m, L.plan, kSumUnit, L.last_col, title, m.campaign_name, L.r_title,
                       f);
    double hh = 0;
    for (int c = 0; c <= L.last_col; ++c) {
        s.str(L.r_head, c, L.heads[c], f.head);
        hh = std::max(hh, row_height({{L.heads[c], kBody, true, col_px(L.plan.widths[c])}}));
    }
    s.height(L.r_head, hh);
    for (int c = 0; c <= L.last_col; ++c) s.str(L.r_ids, c, ids[c], f.ids);
}

/// Writes a row per unit: its number, its name as a link to its sheet, `count`, what the
/// footer of its sheet says it entered, achieved and reached (the rate in `rate_format`),
/// then `own_columns(r, ref, cells)` for the columns of this kind of summary (`ref` names
/// the unit's sheet, `cells` its footer), the score columns and the self-rating. Each row
/// is as high as the unit's name needs.
template <typename OwnColumns>
void write_summary_units(Sheet& s, const TrackingModel& m, const SummaryLayout& L,
                         const std::vector<UnitCells>& unit_cells,
                         const std::vector<ScoreCells>& score_cells, double count,
                         stream::FormatId rate_format, OwnColumns own_columns, const Formats& f) {
    for (std::size_t i = 0; i < m.units.size(); ++i) {
        const int r = L.first + static_cast<int>(i);
        s.ws->spill_rows_before(r);  // the rows above are final
        const TrackedUnit& u = m.units[i];
        const UnitCells& uc = unit_cells[i];
        const std::string ref = sheet_ref(u.sheet);
        s.num(r, 0, static_cast<double>(i + 1), f.center);
        s.ws->internal_link(r, kSumUnit, ref + "A1", u.name, f.link);
        s.num(r, kSumCount, count, f.number);
        s.formula_num(r, kSumEntered, "=" + ref + cell(uc.entered_row, uc.value_col), f.number,
                      0);
        s.formula_num(r, kSumAchieved, "=" + ref + cell(uc.achieved_row, uc.value_col),
                      f.number, 0);
        s.formula_str(r, kSumRate, "=" + ref + cell(uc.average_row, uc.value_col), rate_format);
        own_columns(r, ref, uc);
        if (L.scored) {
            write_score_columns(s, *m.scoring, r, L.c_score, score_cells[i], L.first, L.last, f);
        }
        const std::string rating = ref + cell(uc.rating_row, uc.value_col);
        s.formula_str(r, L.last_col, "=IF(" + rating + "=\"\",\"\"," + rating + ")", f.center);
        s.height(r, row_height({{u.name, kBody, false, col_px(L.plan.widths[kSumUnit])}}));
    }
}

/// Writes the "Tổng cộng" row under the units: the sum of each column in `summed` (the
/// count column shows `count` times the units before recalculation, the others 0), the
/// mean of the rates in `rate_format`, and blanks from `c_first_blank` to the self-rating.
/// Returns its row.
int write_summary_total(Sheet& s, const TrackingModel& m, const SummaryLayout& L,
                        const std::vector<int>& summed, double count, stream::FormatId rate_format,
                        int c_first_blank, const Formats& f) {
    const int r_total = L.last + 1;
    s.blank(r_total, 0, f.foot_label);
    s.str(r_total, kSumUnit, "Tổng cộng", f.foot_label);
    for (int c : summed) {
        const double cached = c == kSumCount ? count * static_cast<double>(m.units.size()) : 0;
        s.formula_num(r_total, c, "=SUM(" + range(L.first, c, L.last, c) + ")", f.foot_value,
                      cached);
    }
    const std::string rates = range(L.first, kSumRate, L.last, kSumRate);
    s.formula_str(r_total, kSumRate, "=IF(COUNT(" + rates + ")=0,\"\",AVERAGE(" + rates + "))",
                  rate_format);
    for (int c = c_first_blank; c <= L.last_col; ++c) s.blank(r_total, c, f.foot_value);
    s.height(r_total, line_height(kBody) + 6);
    return r_total;
}

/// Freezes the rows above the units, sets up a page (`landscape` or portrait) that repeats
/// the headings and the column numbers and prints down to `r_last`, and protects the sheet.
void finish_summary_sheet(Sheet& s, const SummaryLayout& L, bool landscape, int r_last) {
    s.ws->freeze_panes(L.first, 0);
    write_page_setup(s, landscape, L.r_head, L.r_ids, r_last, L.last_col);
    protect(s.ws);
    s.wb.finish_sheet(*s.ws);
}

/// The summary of a workbook that tracks indicators: per unit the indicators with a result
/// and achieved, the mean rate, the rank and the self-rating. The rank follows the
/// indicators achieved; equal counts are told apart by the mean rate; no rank before the
/// unit has entered any result.
void write_summary_sheet(Sheet s, const TrackingModel& m,
                         const std::vector<UnitCells>& unit_cells,
                         const std::vector<ScoreCells>& score_cells, const Formats& f) {
    constexpr int c_rank = 6;
    // The scores (when the plan has a scoring table) come before the self-rating, last.
    SummaryLayout L(m, {"STT", "Đơn vị", "Số chỉ tiêu", "Số chỉ tiêu đã có kết quả",
                        "Số chỉ tiêu đạt", "Tỷ lệ đạt bình quân (%)", "Xếp hạng"});
    L.plan.widths[L.last_col] = std::clamp(width_for_px(longest_rating_px() * 0.6), 16.0, 30.0);
    write_summary_head(s, m, L, "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA", L.ids(),
                       f);

    const std::string count_col = abs_range(L.first, kSumAchieved, L.last, kSumAchieved);
    const std::string avg_col = abs_range(L.first, kSumRate, L.last, kSumRate);
    const double indicators = static_cast<double>(m.indicator_count());
    write_summary_units(
        s, m, L, unit_cells, score_cells, indicators, f.rate,
        [&](int r, const std::string&, const UnitCells&) {
            s.formula_str(r, c_rank,
                          "=IF(" + cell(r, kSumEntered) + "=0,\"\",RANK(" +
                              cell(r, kSumAchieved) + "," + count_col + ")+COUNTIFS(" +
                              count_col + "," + cell(r, kSumAchieved) + "," + avg_col +
                              ",\">\"&" + cell(r, kSumRate) + "))",
                          f.verdict);
        },
        f);
    const int r_total = write_summary_total(s, m, L, {kSumCount, kSumEntered, kSumAchieved},
                                            indicators, f.foot_rate, c_rank, f);
    // With the score columns the table no longer fits a portrait page at 12 pt.
    finish_summary_sheet(s, L, L.scored, r_total);
}

/// The summary of a workbook that tracks content areas: per unit the areas assessed and
/// achieved, the share achieved, the phases achieved, the rank and the self-rating. The rank
/// follows the share achieved; equal shares are told apart by the phases achieved (as the
/// indicator summary tells equal counts apart by the mean rate); no rank before any area
/// of the unit is assessed.
void write_area_summary_sheet(Sheet s, const TrackingModel& m,
                              const std::vector<UnitCells>& unit_cells,
                              const std::vector<ScoreCells>& score_cells, const Formats& f) {
    constexpr int c_phases = 6, c_rank = 7;
    SummaryLayout L(m, {"STT", "Đơn vị", "Số nội dung", "Số nội dung đã đánh giá",
                        "Số nội dung đạt", "Tỷ lệ nội dung đạt (%)", "Tổng số đợt đạt",
                        "Xếp hạng"});
    // The self-rating on one line: the unit rows are one line high.
    L.plan.widths[L.last_col] = std::max(16.0, width_for_px(longest_rating_px()));
    std::vector<std::string> ids = L.ids();
    ids[kSumRate] = "4=(3/1)";
    write_summary_head(s, m, L, "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN NỘI DUNG THI ĐUA", ids, f);

    const std::string rate_col = abs_range(L.first, kSumRate, L.last, kSumRate);
    const std::string phases_col = abs_range(L.first, c_phases, L.last, c_phases);
    const double areas = static_cast<double>(m.areas.size());
    write_summary_units(
        s, m, L, unit_cells, score_cells, areas, f.percent,
        [&](int r, const std::string& ref, const UnitCells& uc) {
            s.formula_num(r, c_phases, "=" + ref + cell(uc.phases_row, uc.value_col), f.number,
                          0);
            s.formula_str(r, c_rank,
                          "=IF(" + cell(r, kSumEntered) + "=0,\"\",RANK(" + cell(r, kSumRate) +
                              "," + rate_col + ")+COUNTIFS(" + rate_col + "," +
                              cell(r, kSumRate) + "," + phases_col + ",\">\"&" +
                              cell(r, c_phases) + "))",
                          f.verdict);
        },
        f);
    const int r_total =
        write_summary_total(s, m, L, {kSumCount, kSumEntered, kSumAchieved, c_phases}, areas,
                            f.foot_percent, c_rank, f);
    // Nine columns: on a portrait page they would shrink to about three quarters of 12 pt.
    finish_summary_sheet(s, L, true, r_total);
}

// ---------------------------------------------------------------------------------------
// Hidden list sheet

/// Writes the hidden list sheet: `head` over `choices` in column A (`width` wide), the
/// self-ratings in column B; names the two lists `list_name` and kRatingListName for the
/// validations of the other sheets, then hides and protects the sheet.
void write_lists(Sheet s, const std::string& head, double width,
                 const std::vector<std::string>& choices, const char* list_name,
                 const Formats& f) {
    s.width(0, width);
    s.width(1, width_for_px(text_px(kRatingChoices[0], kBody, false)) + 4);
    s.str(0, 0, head, f.list_head);
    s.str(0, 1, "Tự xếp loại", f.list_head);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        s.str(static_cast<int>(i) + 1, 0, choices[i], f.list_item);
    }
    for (std::size_t i = 0; i < kRatingChoices.size(); ++i) {
        s.str(static_cast<int>(i) + 1, 1, kRatingChoices[i], f.list_item);
    }
    const std::string ref = sheet_ref(list_sheet_name);
    const std::string values = "=" + ref + abs_range(1, 0, static_cast<int>(choices.size()), 0);
    const std::string ratings =
        "=" + ref + abs_range(1, 1, static_cast<int>(kRatingChoices.size()), 1);
    s.wb.define_name(list_name, values);
    s.wb.define_name(kRatingListName, ratings);
    s.ws->hide();
    protect(s.ws);
    s.wb.finish_sheet(*s.ws);
}

/// The lists of a workbook that tracks content areas: the verdicts, the self-ratings.
void write_area_list_sheet(Sheet s, const Formats& f) {
    write_lists(s, "Đánh giá", width_for_px(text_px("Đánh giá", kBody, true)) + 4,
                kVerdictChoices, kVerdictListName, f);
}

/// The lists of a workbook that tracks indicators: the notes, the self-ratings.
void write_list_sheet(Sheet s, const Formats& f) {
    write_lists(s, "Ghi chú",
                width_for_px(text_px(kNoteChoices[2], kBody, false)) + 4, kNoteChoices,
                kNoteListName, f);
}

}  // namespace
}  // namespace detail

bool write_tracking_workbook(const Json& campaign, const std::string& out_path,
                             Diagnostics& diags, bool* write_failed, int spill_fd) {
    using namespace detail;
    if (write_failed != nullptr) *write_failed = false;
    const std::size_t errors_before = diags.error_count();
    const TrackingModel m = build_tracking_model(campaign, diags);
    if (diags.error_count() != errors_before) return false;
    // A sheet has 1,048,576 rows: find out before writing any of it.
    if (const std::uint64_t rows = scoring_sheet_rows(m); rows > 1048576) {
        Diagnostic d;
        d.pointer = "/units";
        d.message = text::number(static_cast<double>(m.units.size()), 0) +
                    " đơn vị, mỗi đơn vị " +
                    text::number(static_cast<double>((rows - scoring_first_block_row(m)) / m.units.size()), 0) +
                    " dòng chấm điểm: cần " + text::number(static_cast<double>(rows), 0) +
                    " dòng, quá 1.048.576 dòng của một trang tính Excel";
        diags.add(std::move(d));
        return false;
    }

    // The path is probed first: a folder that cannot be written says so before any work.
    if (!probe_output(out_path, diags, write_failed)) return false;
    // Nothing half-written is left at out_path, whatever happens (an exception included).
    struct Cleanup {
        const std::string& path;
        int own_fd = -1;
        bool done = false;
        ~Cleanup() {
            if (own_fd >= 0) ::close(own_fd);
            if (!done) std::remove(path.c_str());
        }
    } cleanup{out_path};
    if (spill_fd < 0) {
        // No spill file given: one of our own beside the workbook, without a name.
        const std::size_t slash = out_path.find_last_of('/');
        const std::string dir =
            slash == std::string::npos ? "." : slash == 0 ? "/" : out_path.substr(0, slash);
        std::string tmpl = dir + "/.theo-doi.spill-XXXXXX";
        cleanup.own_fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
        if (cleanup.own_fd < 0) {
            if (write_failed != nullptr) *write_failed = true;
            diags.error_general("không tạo được tệp tạm \"" + tmpl + "\" để ghi bảng tính Excel");
            return false;
        }
        ::unlink(tmpl.c_str());
        spill_fd = cleanup.own_fd;
    }

    stream::Workbook wb(spill_fd);
    // The summary, a sheet a unit, the scoring sheet, the lists; each sheet has a print area
    // and may repeat its header rows (two names), the lists' sheet defines two more.
    const std::size_t sheet_count = m.units.size() + 2 + (m.scoring ? 1 : 0);
    wb.reserve(sheet_count, 2 * sheet_count + 2);
    const bool by_areas = m.mode == TrackingMode::areas;
    const std::string title = by_areas ? "Bảng theo dõi kết quả thực hiện nội dung thi đua"
                                       : "Bảng theo dõi kết quả thực hiện chỉ tiêu thi đua";
    wb.set_properties(title, m.campaign_name, m.author,
                      static_cast<std::time_t>(text::days_from_civil(m.created)) * 86400);

    Formats f = make_formats(wb);
    if (by_areas) add_area_formats(wb, f);
    // The summary comes first in the workbook but is written last: it reads every unit's
    // sheet. Each unit's sheet is finished (spilled) as soon as it is written.
    Sheet summary{wb, &wb.add_sheet(summary_sheet_name)};
    wb.activate(*summary.ws);
    std::vector<UnitCells> unit_cells;
    unit_cells.reserve(m.units.size());
    const ColumnPlan plan = by_areas ? plan_area_columns(m, AreaLayout(m))
                                     : plan_unit_columns(m, UnitLayout(m));
    for (const auto& u : m.units) {
        unit_cells.push_back(by_areas ? write_area_sheet(wb, m, u, plan, f)
                                      : write_unit_sheet(wb, m, u, plan, f));
    }
    std::vector<ScoreCells> score_cells;
    if (m.scoring) score_cells = write_scoring_sheet(wb, m, f);
    Sheet lists{wb, &wb.add_sheet(list_sheet_name)};
    if (by_areas) write_area_summary_sheet(summary, m, unit_cells, score_cells, f);
    else write_summary_sheet(summary, m, unit_cells, score_cells, f);
    if (by_areas) write_area_list_sheet(lists, f);
    else write_list_sheet(lists, f);

    if (!wb.close(out_path)) {
        diags.error_general("không ghi được bảng tính Excel \"" + out_path + "\": " + wb.error());
        if (write_failed != nullptr) *write_failed = wb.write_failed();
        return false;
    }
    cleanup.done = true;
    return true;
}

std::size_t workbook_sheet_count(const Json& campaign) {
    std::size_t units = 0;
    if (campaign.is_object()) {
        auto it = campaign.find("units");
        if (it != campaign.end() && it->is_array()) units = it->size();
    }
    return units + 2 + (read_scoring(campaign) ? 1 : 0);
}

}  // namespace thidua::xlsx
