#include "doc/sanitize.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <type_traits>

#include "doc/table_geometry.hpp"
#include "doc/warnings.hpp"

namespace thidua::doc {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

/// Walks a document, finds every number no backend can use and, when `D` is not const,
/// replaces it. The same rules serve sanitize (fix and warn) and is_sanitized (look).
template <class D>
class Walker {
public:
    static constexpr bool kFix = !std::is_const_v<D>;

    explicit Walker(D& doc) : doc_(doc) {}

    /// Returns true when something was (or would be) changed.
    bool run() {
        for (std::size_t s = 0; s < doc_.sections.size(); ++s) section(doc_.sections[s], s);
        return changed_;
    }

    void report(Diagnostics& diags) {
        for (auto& d : direct_) diags.add(std::move(d));
        warn_.report(diags);
    }

private:
    template <class Field, class V>
    void store(Field& field, V value) {
        changed_ = true;
        if constexpr (kFix) field = value;
    }

    void note(const std::string& kind, const std::function<std::string()>& message) {
        if (kFix) warn_.note(kind, message);
    }

    /// Notes "<what> của <where> không hợp lệ (<v><why>); dùng <use>".
    void note_invalid(const std::string& kind, const char* what,
                      const std::function<std::string()>& where, double v, const char* unit,
                      const char* why, const std::string& use) {
        note(kind, [&] {
            return std::string(what) + " của " + where() + " không hợp lệ (" + shown(v, unit) +
                   why + "); dùng " + use;
        });
    }

    /// A font size: not finite or not positive → 14, above kMaxFontSize → kMaxFontSize.
    template <class Field>
    void font_size(Field& v, const std::string& kind, const char* what,
                   const std::function<std::string()>& where) {
        if (!std::isfinite(v) || v <= 0) {
            note_invalid(kind, what, where, v, "pt", "", "14 pt");
            store(v, 14.0);
        } else if (v > kMaxFontSize) {
            note_invalid(kind, what, where, v, "pt", ", quá lớn", shown(kMaxFontSize, "pt"));
            store(v, kMaxFontSize);
        }
    }

    /// A vertical space in pt: negative → 0 (silently, as always), not finite → 0 and
    /// above kMaxLengthPt → kMaxLengthPt with a warning.
    template <class Field>
    void space(Field& v, const std::string& kind, const char* what,
               const std::function<std::string()>& where) {
        if (!std::isfinite(v)) {
            note_invalid(kind, what, where, v, "pt", "", "0 pt");
            store(v, 0.0);
        } else if (v > kMaxLengthPt) {
            note_invalid(kind, what, where, v, "pt", ", quá lớn", shown(kMaxLengthPt, "pt"));
            store(v, kMaxLengthPt);
        } else if (v < 0) {
            store(v, 0.0);
        }
    }

    /// An indent in mm: its points must be finite and within kMaxLengthPt, else 0.
    template <class Field>
    void indent(Field& mm, const std::string& kind, const char* what,
                const std::function<std::string()>& where) {
        const double pt = mm * kPtPerMm;
        if (std::isfinite(pt) && std::abs(pt) <= kMaxLengthPt) return;
        note_invalid(kind, what, where, mm, "mm", std::isfinite(mm) ? ", quá lớn" : "", "0 mm");
        store(mm, 0.0);
    }

    template <class P>
    void paragraph(P& p) {
        std::string place;
        auto where = [&]() -> std::string {
            if (place.empty()) place = "đoạn \"" + excerpt(p) + "\"";
            return place;
        };
        font_size(p.size, "paragraph size", "cỡ chữ", where);
        if (!std::isfinite(p.line_spacing) || p.line_spacing <= 0) {
            note_invalid("line spacing", "giãn dòng", where, p.line_spacing, "", "", "1");
            store(p.line_spacing, 1.0);
        } else if (p.line_spacing > kMaxLineSpacing) {
            note_invalid("line spacing", "giãn dòng", where, p.line_spacing, "", ", quá lớn",
                         shown(kMaxLineSpacing, ""));
            store(p.line_spacing, kMaxLineSpacing);
        }
        indent(p.left_indent, "left indent", "lề trái", where);
        indent(p.first_indent, "first indent", "thụt đầu dòng", where);
        space(p.space_before, "space before", "khoảng cách trước", where);
        space(p.space_after, "space after", "khoảng cách sau", where);
        // Rule extents come from layout; anything unusable means "not measured".
        const bool rule_ok = (p.rule_from < 0 && p.rule_to < 0) ||
                             (std::isfinite(p.rule_from) && std::isfinite(p.rule_to) &&
                              p.rule_from >= 0 && p.rule_to >= p.rule_from &&
                              p.rule_to * kPtPerMm <= kMaxLengthPt);
        if (!rule_ok) {
            store(p.rule_from, -1.0);
            store(p.rule_to, -1.0);
        }
        if (p.outline_level < 0) store(p.outline_level, 0);
        if (p.outline_level > 9) store(p.outline_level, 9);
    }

    template <class T>
    void table(T& t) {
        const std::string place = "bảng '" + t.role + "'";
        auto where = [&] { return place; };
        space(t.space_before, "table space before", "khoảng cách trước", where);
        for (std::size_t i = 0; i < t.widths.size(); ++i) {
            const double w = t.widths[i];
            if (std::isfinite(w * kPtPerMm) && w >= 0) continue;
            note("column width", [&] {
                return "độ rộng cột " + std::to_string(i + 1) + " của " + place +
                       " không hợp lệ (" + shown(w, "mm") + "); cột này chia phần bề rộng còn lại";
            });
            store(t.widths[i], 0.0);
        }
        const double pad_pt = t.cell_padding * kPtPerMm;
        if (!std::isfinite(pad_pt) || pad_pt > kMaxLengthPt) {
            const double usual = Table{}.cell_padding;
            note_invalid("cell padding", "lề trong ô", where, t.cell_padding, "mm",
                         std::isfinite(pad_pt) ? ", quá lớn" : "", shown(usual, "mm"));
            store(t.cell_padding, usual);
        } else if (t.cell_padding < 0) {
            store(t.cell_padding, 0.0);
        }
        grid(t, place);
        const int nrows = static_cast<int>(std::min<std::size_t>(t.rows.size(), 1u << 30));
        if (t.header_rows < 0) store(t.header_rows, 0);
        if (t.header_rows > nrows) store(t.header_rows, nrows);
        if (nrows > 0 && t.header_rows >= nrows) {
            if (kFix) {
                direct_.push_back({Severity::warning, "", 0, 0, "",
                                   "bảng '" + t.role + "' chỉ có hàng tiêu đề, không có hàng nội dung", ""});
            }
            store(t.header_rows, 0);
        }
        for (auto& row : t.rows)
            for (auto& cell : row.cells)
                for (auto& p : cell.paragraphs) paragraph(p);
    }

    /// Places the cells; sets their columns and cuts spans to the grid.
    template <class T>
    void grid(T& t, const std::string& place) {
        TableGrid g = place_cells(t);
        for (std::size_t r : g.cut_rows) {
            note("table columns", [&] {
                return "một ô ở hàng " + std::to_string(r + 1) + " của " + place + " vượt quá " +
                       std::to_string(std::max(t.widths.size(), kMaxTableColumns)) +
                       " cột; phần vượt quá bị bỏ";
            });
        }
        std::size_t total = 0;
        bool same = true;
        for (const auto& row : t.rows) total += row.cells.size();
        same = total == g.cells.size();
        for (const PlacedCell& pc : g.cells) {
            same = same && static_cast<std::size_t>(pc.cell->column) == pc.col &&
                   static_cast<std::size_t>(pc.cell->colspan) == pc.colspan &&
                   static_cast<std::size_t>(pc.cell->rowspan) == pc.rowspan && pc.cell->column >= 0;
        }
        if (same) return;
        changed_ = true;
        if constexpr (kFix) {
            // Rebuild each row from its placed cells (the grid keeps them in row order).
            std::vector<std::vector<Cell>> rows(t.rows.size());
            for (const PlacedCell& pc : g.cells) {
                Cell c = std::move(*const_cast<Cell*>(pc.cell));
                c.column = static_cast<int>(pc.col);
                c.colspan = static_cast<int>(pc.colspan);
                c.rowspan = static_cast<int>(pc.rowspan);
                rows[pc.row].push_back(std::move(c));
            }
            for (std::size_t r = 0; r < rows.size(); ++r) t.rows[r].cells = std::move(rows[r]);
        }
    }

    template <class S>
    void section(S& s, std::size_t index) {
        const std::string name = "phần " + std::to_string(index + 1);
        auto where = [&] { return name; };
        const bool paper_ok = std::isfinite(s.paper_width) && std::isfinite(s.paper_height) &&
                              s.paper_width > 0 && s.paper_height > 0 &&
                              s.paper_width * kPtPerMm <= kMaxLengthPt &&
                              s.paper_height * kPtPerMm <= kMaxLengthPt;
        if (!paper_ok) {
            note_invalid("paper", "khổ giấy", where, s.paper_width, "mm", "", "A4");
            store(s.paper_width, kA4WidthMm);
            store(s.paper_height, kA4HeightMm);
        }
        const double w = paper_ok ? s.page_width() : (s.orientation == Orientation::landscape ? kA4HeightMm : kA4WidthMm);
        const double h = paper_ok ? s.page_height() : (s.orientation == Orientation::landscape ? kA4WidthMm : kA4HeightMm);
        const double ml = s.margin_left, mr = s.margin_right, mt = s.margin_top, mb = s.margin_bottom;
        const bool finite = std::isfinite(ml) && std::isfinite(mr) && std::isfinite(mt) && std::isfinite(mb);
        const bool bad = !finite || ml < 0 || mr < 0 || mt < 0 || mb < 0 ||
                         w - (ml + mr) < kMinTextAreaMm || h - (mt + mb) < kMinTextAreaMm;
        if (bad) {
            if (kFix) {
                direct_.push_back({Severity::warning, "", 0, 0, "",
                                   "lề của " + name + " không hợp lệ (" +
                                       (finite ? "âm hoặc quá lớn" : "không phải là số hữu hạn") +
                                       "); dùng lề mặc định 25/20/35/20 mm",
                                   ""});
            }
            store(s.margin_top, 25.0);
            store(s.margin_bottom, 20.0);
            store(s.margin_left, 35.0);
            store(s.margin_right, 20.0);
        }
        for (auto& b : s.blocks) {
            if (auto* p = std::get_if<Paragraph>(&b)) {
                paragraph(*p);
            } else if (auto* t = std::get_if<Table>(&b)) {
                table(*t);
            } else if (auto* sp = std::get_if<Spacer>(&b)) {
                space(sp->height, "spacer", "chiều cao khoảng trống", where);
            }
        }
        font_size(s.page_number_size, "page number size", "cỡ chữ số trang", where);
        if (s.page_number_from < 1) store(s.page_number_from, 1);
        if (!std::isfinite(s.page_number_baseline) || s.page_number_baseline < 0 ||
            s.page_number_baseline > h) {
            store(s.page_number_baseline, Section{}.page_number_baseline);
        }
    }

    D& doc_;
    bool changed_ = false;
    Warnings warn_;
    std::vector<Diagnostic> direct_;
};

}  // namespace

void sanitize(Document& doc, Diagnostics& diags) {
    Walker<Document> w(doc);
    w.run();
    w.report(diags);
}

bool is_sanitized(const Document& doc) {
    Walker<const Document> w(doc);
    return !w.run();
}

}  // namespace thidua::doc
