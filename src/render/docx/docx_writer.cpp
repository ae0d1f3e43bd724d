#include "render/docx/docx_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <map>
#include <optional>
#include <vector>

#include "base/files.hpp"
#include "base/text.hpp"
#include "doc/sanitize.hpp"
#include "doc/table_geometry.hpp"
#include "render/zip/zip_package.hpp"
#include "render/docx/xml.hpp"

namespace thidua::docx {

namespace detail {

using zip::Part;
using zip::zip_parts;
using zip::zip_parts_to;

namespace {

constexpr const char* kFont = "Times New Roman";
/// Times New Roman's (and Liberation Serif's) ascent, a fraction of the font size: the
/// page-number header is placed so its baseline falls where the PDF prints it.
constexpr double kAscent = 1825.0 / 2048.0;
/// The writer's own style ids (role styles never take them).
constexpr const char* kNormal = "Normal";
constexpr const char* kHeader = "Header";
constexpr const char* kRuleStyle = "thiduaRule";
constexpr const char* kGapStyle = "thiduaGap";
/// Word's built-in footnote styles (the ids Word itself gives them).
constexpr const char* kFootnoteText = "FootnoteText";
constexpr const char* kFootnoteReference = "FootnoteReference";
/// Names shown for the writer's own styles.
constexpr const char* kRuleName = "Đường kẻ";
constexpr const char* kGapName = "Khoảng cách";
/// The PDF draws a rule 2 pt below the descender of the last line (layout::kRuleGap),
/// that is 2 pt less the font's line gap (87/2048 of the size) below the line's box; the
/// rule paragraph starts there, less half the rule's width, and is one twip high, so that
/// the rule sits and the text below it follows where the PDF has them.
constexpr double kRuleBelowDescenderPt = 2.0;
constexpr double kLineGap = 87.0 / 2048.0;
/// Rules and table borders: 0.5 pt, in eighths of a point.
constexpr int kBorderEighths = 4;
constexpr double kBorderPt = kBorderEighths / 8.0;
/// Vertical padding inside bordered cells, as the PDF has it (layout::kCellPadTop/Bottom),
/// less half a border each: the PDF draws borders on the cell edges, LibreOffice and Word
/// add them to the row.
constexpr double kCellPadTopPt = 1.0 - kBorderPt / 2;
constexpr double kCellPadBottomPt = 3.0 - kBorderPt / 2;
/// Columns narrower than this (mm) are left out of a table when no text needs them.
constexpr double kNarrowestColumnMm = 0.05;

long twips_mm(double mm) { return std::lround(mm * 1440.0 / 25.4); }
long twips_pt(double pt) { return std::lround(pt * 20.0); }
long half_points(double pt) { return std::lround(pt * 2.0); }
long line_240(double spacing) { return std::lround(spacing * 240.0); }

std::string num(long v) { return std::to_string(v); }

const char* jc(doc::Align a) {
    switch (a) {
        case doc::Align::justify: return "both";
        case doc::Align::left: return "left";
        case doc::Align::center: return "center";
        case doc::Align::right: return "right";
    }
    return "left";
}

std::string attr(std::string_view text) { return escaped(text); }

/// "<w:ind …/>" for a left indent and a first-line indent (negative: hanging), mm.
std::string ind_xml(double left_mm, double first_mm, double right_mm = 0) {
    std::string s = "<w:ind w:left=\"" + num(twips_mm(left_mm)) + "\" w:right=\"" + num(twips_mm(right_mm)) + "\"";
    if (first_mm < 0) {
        s += " w:hanging=\"" + num(twips_mm(-first_mm)) + "\"";
    } else {
        s += " w:firstLine=\"" + num(twips_mm(first_mm)) + "\"";
    }
    return s + "/>";
}

std::string spacing_xml(double before_pt, double after_pt, double line_spacing) {
    return "<w:spacing w:before=\"" + num(twips_pt(before_pt)) + "\" w:after=\"" +
           num(twips_pt(after_pt)) + "\" w:line=\"" + num(line_240(line_spacing)) +
           "\" w:lineRule=\"auto\"/>";
}

/// An exact line height, for the writer's short paragraphs (rules, gaps); at least a twip.
std::string exact_spacing_xml(double before_pt, double height_pt, double after_pt = 0) {
    return "<w:spacing w:before=\"" + num(twips_pt(before_pt)) + "\" w:after=\"" +
           num(twips_pt(after_pt)) + "\" w:line=\"" +
           num(std::max(1L, twips_pt(height_pt))) + "\" w:lineRule=\"exact\"/>";
}

/// Where the rule paragraph under a paragraph of `size` pt starts below its last line.
double rule_gap(double size) {
    return std::max(kRuleBelowDescenderPt - kLineGap * size - kBorderPt / 2, 0.0);
}

std::string on_off(const char* tag, bool on) {
    return on ? std::string("<w:") + tag + "/>" : std::string("<w:") + tag + " w:val=\"0\"/>";
}

}  // namespace

std::string style_id(const std::string& role, std::vector<std::string>& taken) {
    std::string id;
    if (role.size() == 8 && role.rfind("heading", 0) == 0 && role[7] >= '1' && role[7] <= '9') {
        id = "Heading" + role.substr(7);
    } else {
        for (char c : role) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) id += c;
        }
        if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "Role" + id;
    }
    auto used = [&](const std::string& x) {
        if (x == kNormal || x == kHeader || x == kRuleStyle || x == kGapStyle || x == kFootnoteText ||
            x == kFootnoteReference || x == "TableNormal" ||
            x == "NoList" || x == "DefaultParagraphFont")
            return true;
        return std::find(taken.begin(), taken.end(), x) != taken.end();
    };
    std::string out = id;
    for (int n = 2; used(out); ++n) out = id + std::to_string(n);
    taken.push_back(out);
    return out;
}

namespace {

/// The role styles of a document, by role.
class Styles {
public:
    explicit Styles(const doc::Document& d) { add(d.styles); }

    /// Adds the styles of the roles that have none yet (doc::append's rule: the first wins).
    void add(const std::vector<doc::Style>& styles) {
        for (const doc::Style& s : styles) {
            if (index_.count(s.role)) continue;
            index_[s.role] = list_.size();
            list_.push_back({s, style_id(s.role, taken_)});
        }
        if (index_.count("body")) body_id_ = list_[index_.at("body")].id;
    }

    struct Entry {
        doc::Style style;
        std::string id;
    };

    /// The style of a role; a role without one (a tree built by hand) gets Normal with the
    /// tree's paragraph defaults, written out in full on the paragraph.
    const Entry& of(const std::string& role) {
        auto it = index_.find(role);
        if (it != index_.end()) return list_[it->second];
        return normal_;
    }

    const std::vector<Entry>& all() const { return list_; }
    const std::string& body_id() const { return body_id_; }

private:
    std::map<std::string, std::size_t> index_;
    std::vector<Entry> list_;
    std::vector<std::string> taken_;  ///< the style ids given so far
    std::string body_id_;
    /// Normal: what docDefaults say (no indent, no spacing, single line, 14 pt).
    Entry normal_{[] {
                      doc::Style s;
                      s.align = doc::Align::left;
                      s.first_indent = 0;
                      s.space_before = 0;
                      s.line_spacing = 1.0;
                      return s;
                  }(),
                  kNormal};
};

/// The page-number headers: one part per font size used, and one empty part.
struct Headers {
    std::vector<double> sizes;  ///< header(2 + i).xml shows the page number at sizes[i]
    /// The relationship id of the part that shows numbers at `size` ("rIdH2"…).
    std::string numbered(double size) {
        for (std::size_t i = 0; i < sizes.size(); ++i)
            if (sizes[i] == size) return "rIdH" + std::to_string(i + 2);
        sizes.push_back(size);
        return "rIdH" + std::to_string(sizes.size() + 1);
    }
    static std::string empty() { return "rIdH1"; }
};

/// A paragraph waiting to be written: the next block may add space after it (a table
/// that follows) or the section's properties (when it is the section's last).
struct PendingParagraph {
    const doc::Paragraph* p = nullptr;
    double before_add = 0;  ///< pt, from spacers before it
    double after_add = 0;   ///< pt, the space before a table that follows
    bool page_break_before = false;
    double box_width = 0;  ///< mm, the text area (for a rule)
};

/// The first footnote marker of `s` in reading order, or nullptr.
const doc::Run* first_footnote(const doc::Section& s) {
    auto in = [](const doc::Paragraph& p) -> const doc::Run* {
        for (const doc::Run& r : p.runs)
            if (r.is_footnote()) return &r;
        return nullptr;
    };
    for (const doc::Block& b : s.blocks) {
        if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
            if (const doc::Run* r = in(*p)) return r;
        } else if (const auto* t = std::get_if<doc::Table>(&b)) {
            for (const doc::Row& row : t->rows)
                for (const doc::Cell& c : row.cells)
                    for (const doc::Paragraph& p : c.paragraphs)
                        if (const doc::Run* r = in(p)) return r;
        }
    }
    return nullptr;
}

class Writer {
public:
    explicit Writer(const doc::Document& d) : doc_(d), styles_(d) {}

    std::string document_xml();
    /// word/footnotes.xml: the separators and the notes document_xml referred to.
    std::string footnotes_xml() const;
    bool has_footnotes() const { return !notes_.empty(); }
    /// The notes' paragraph style (doc::footnote_paragraph's values).
    doc::Style footnote_style() const {
        doc::Run marker;
        marker.note = {doc::Run{"x"}};
        const doc::Paragraph p = doc::footnote_paragraph(doc_, marker);
        doc::Style st;
        st.role = p.role;
        st.align = p.align;
        st.size = p.size;
        st.first_indent = p.first_indent;
        st.left_indent = p.left_indent;
        st.space_before = p.space_before;
        st.space_after = p.space_after;
        st.line_spacing = p.line_spacing;
        if (const doc::Style* own = doc_.style("footnote")) {
            st.bold = own->bold;
            st.italic = own->italic;
        }
        return st;
    }
    /// document_xml() in steps, for a document given part by part: the start, each
    /// section (`last`: the document's last), the end; take() hands over what was written.
    void begin_document();
    void section(const doc::Section& s, bool last);
    void end_document();
    std::string take() { return std::move(out_); }
    /// The styles of a part that comes after the first.
    void add_styles(const std::vector<doc::Style>& styles) { styles_.add(styles); }
    std::string styles_xml() const;
    std::string header_xml(std::optional<double> size) const;
    const Headers& headers() const { return headers_; }

private:
    // --- paragraphs
    void paragraph(const doc::Paragraph& p, double before_add, double after_add,
                   bool page_break_before, bool in_cell, double box_width,
                   const std::string& sect_pr, std::optional<bool> keep_next = std::nullopt);
    void runs(const doc::Paragraph& p, const doc::Style& st);
    void rule_paragraph(const doc::Paragraph& p, double box_width, bool keep, double after,
                        const std::string& sect_pr);
    void gap_paragraph(double height_pt, bool page_break_before, const std::string& sect_pr);
    // --- tables
    void table(const doc::Table& t, double text_width);
    // --- sections
    std::string sect_pr(const doc::Section& s);
    void flush(const std::string& sect_pr = "");

    const doc::Document& doc_;
    Styles styles_;
    Headers headers_;
    std::string out_;
    /// Footnote w:id i + 1 is notes_[i]: copies, since a combined file's parts are gone by
    /// the time footnotes.xml is written.
    std::vector<doc::Run> notes_;
    bool restart_notes_ = false;  ///< the section being written numbers its notes from 1 again
    std::optional<PendingParagraph> pending_;
    std::string final_sect_;  ///< the last section's properties, which close the body
    bool any_section_ = false;
};

void Writer::runs(const doc::Paragraph& p, const doc::Style& st) {
    const bool size_differs = half_points(p.size) != half_points(st.size);
    for (const doc::Run& r : p.runs) {
        if (r.is_footnote()) {
            // Word numbers the note and prints it at the foot of the page itself.
            notes_.push_back(r);
            out_ += std::string("<w:r><w:rPr><w:rStyle w:val=\"") + kFootnoteReference +
                    "\"/></w:rPr><w:footnoteReference w:id=\"" + std::to_string(notes_.size()) + "\"/></w:r>";
            continue;
        }
        if (r.text.empty()) continue;
        std::string rpr;
        if (r.bold != st.bold) rpr += on_off("b", r.bold);
        if (r.italic != st.italic) rpr += on_off("i", r.italic);
        if (size_differs) {
            rpr += "<w:sz w:val=\"" + num(half_points(p.size)) + "\"/><w:szCs w:val=\"" +
                   num(half_points(p.size)) + "\"/>";
        }
        if (r.underline) rpr += "<w:u w:val=\"single\"/>";
        out_ += "<w:r>";
        if (!rpr.empty()) out_ += "<w:rPr>" + rpr + "</w:rPr>";
        // A line break is <w:br/>; a tab prints as a space, as in the PDF; other controls
        // print nothing (escaped() drops them).
        std::string chunk;
        auto flush_text = [&] {
            if (chunk.empty()) return;
            out_ += "<w:t xml:space=\"preserve\">";
            append_escaped(out_, chunk);
            out_ += "</w:t>";
            chunk.clear();
        };
        for (char c : r.text) {
            if (c == '\n') {
                flush_text();
                out_ += "<w:br/>";
            } else if (c == '\t') {
                chunk += ' ';
            } else {
                chunk += c;
            }
        }
        flush_text();
        out_ += "</w:r>";
    }
}

void Writer::paragraph(const doc::Paragraph& p, double before_add, double after_add,
                       bool page_break_before, bool in_cell, double box_width,
                       const std::string& sect_pr, std::optional<bool> keep_next) {
    const Styles::Entry& e = styles_.of(p.role);
    const doc::Style& st = e.style;
    const bool ruled = p.rule != doc::Rule::none;
    // In a table the row decides (keep_next); outside, a ruled paragraph keeps with its rule.
    const bool kept = keep_next.value_or(p.keep_with_next);
    const bool keep = kept || (ruled && !in_cell);
    std::string ppr = "<w:pStyle w:val=\"" + attr(e.id) + "\"/>";
    if (keep != st.keep_with_next) ppr += on_off("keepNext", keep);
    if (page_break_before) ppr += "<w:pageBreakBefore/>";
    const double before = p.space_before + before_add;
    // The space after a ruled paragraph comes after its rule.
    const double after = ruled ? 0.0 : p.space_after + after_add;
    if (twips_pt(before) != twips_pt(st.space_before) || twips_pt(after) != twips_pt(st.space_after) ||
        line_240(p.line_spacing) != line_240(st.line_spacing)) {
        ppr += spacing_xml(before, after, p.line_spacing);
    }
    if (twips_mm(p.left_indent) != twips_mm(st.left_indent) ||
        twips_mm(p.first_indent) != twips_mm(st.first_indent)) {
        ppr += ind_xml(p.left_indent, p.first_indent);
    }
    if (p.align != st.align) ppr += std::string("<w:jc w:val=\"") + jc(p.align) + "\"/>";
    if (p.outline_level != st.outline_level) {
        ppr += "<w:outlineLvl w:val=\"" + num(p.outline_level > 0 ? p.outline_level - 1 : 9) + "\"/>";
    }
    if (half_points(p.size) != half_points(st.size)) {
        ppr += "<w:rPr><w:sz w:val=\"" + num(half_points(p.size)) + "\"/><w:szCs w:val=\"" +
               num(half_points(p.size)) + "\"/></w:rPr>";
    }
    out_ += "<w:p><w:pPr>" + ppr + (ruled ? "" : sect_pr) + "</w:pPr>";
    runs(p, st);
    out_ += "</w:p>";
    if (ruled) rule_paragraph(p, box_width, kept, p.space_after + after_add, sect_pr);
}

void Writer::rule_paragraph(const doc::Paragraph& p, double box_width, bool keep, double after,
                            const std::string& sect_pr) {
    double from = p.rule_from, to = p.rule_to;
    if (from < 0 || to < from) {  // not measured: a third of the box, centred
        from = p.rule == doc::Rule::full ? 0 : box_width / 3;
        to = p.rule == doc::Rule::full ? box_width : 2 * box_width / 3;
    }
    from = std::clamp(from, 0.0, box_width);
    to = std::clamp(to, from, box_width);
    out_ += std::string("<w:p><w:pPr><w:pStyle w:val=\"") + kRuleStyle + "\"/>";
    if (keep) out_ += "<w:keepNext/>";
    out_ += "<w:pBdr><w:top w:val=\"single\" w:sz=\"" + num(kBorderEighths) +
            "\" w:space=\"0\" w:color=\"auto\"/></w:pBdr>";
    out_ += exact_spacing_xml(rule_gap(p.size), 0, after);
    out_ += ind_xml(from, 0, box_width - to);
    out_ += sect_pr + "</w:pPr></w:p>";
}

void Writer::gap_paragraph(double height_pt, bool page_break_before, const std::string& sect_pr) {
    out_ += std::string("<w:p><w:pPr><w:pStyle w:val=\"") + kGapStyle + "\"/>";
    if (page_break_before) out_ += "<w:pageBreakBefore/>";
    out_ += exact_spacing_xml(0, height_pt);
    out_ += sect_pr + "</w:pPr></w:p>";
}

void Writer::flush(const std::string& sect_pr) {
    if (!pending_) return;
    const PendingParagraph pp = *pending_;
    pending_.reset();
    paragraph(*pp.p, pp.before_add, pp.after_add, pp.page_break_before, false, pp.box_width, sect_pr);
}

void Writer::table(const doc::Table& t, double text_width) {
    const doc::TableGrid grid = doc::table_grid(t, text_width);
    const std::size_t nrows = t.rows.size();
    const std::size_t ncols = grid.columns;
    if (nrows == 0 || ncols == 0) return;

    // A column is kept unless it is (nearly) zero wide and no text needs it.
    std::vector<bool> keep(ncols, false);
    for (std::size_t c = 0; c < ncols; ++c) keep[c] = grid.widths[c] >= kNarrowestColumnMm;
    for (const doc::PlacedCell& pc : grid.cells) {
        bool has_text = false;
        for (const doc::Paragraph& p : pc.cell->paragraphs) has_text = has_text || !p.text().empty();
        bool any_kept = false;
        for (std::size_t c = pc.col; c < pc.col + pc.colspan; ++c) any_kept = any_kept || keep[c];
        if (has_text && !any_kept) keep[pc.col] = true;
    }
    // Grid columns in twips, from the rounded edges so that they add up exactly.
    std::vector<long> edge(ncols + 1);
    for (std::size_t c = 0; c <= ncols; ++c) edge[c] = twips_mm(grid.edges[c]);
    auto span_twips = [&](std::size_t c0, std::size_t c1) {
        long w = 0;
        for (std::size_t c = c0; c < c1; ++c)
            if (keep[c]) w += edge[c + 1] - edge[c];
        return w;
    };
    auto kept_in = [&](std::size_t c0, std::size_t c1) {
        std::size_t n = 0;
        for (std::size_t c = c0; c < c1; ++c) n += keep[c] ? 1 : 0;
        return n;
    };
    const long total = span_twips(0, ncols);
    const double pad = t.cell_padding;  // mm, left and right
    const std::string border = t.borders ? "single" : "nil";
    auto b = [&](const char* side) {
        return std::string("<w:") + side + " w:val=\"" + border + "\" w:sz=\"" + num(kBorderEighths) +
               "\" w:space=\"0\" w:color=\"auto\"/>";
    };
    out_ += "<w:tbl><w:tblPr><w:tblW w:w=\"" + num(total) + "\" w:type=\"dxa\"/>";
    if (t.align == doc::Align::right) out_ += "<w:jc w:val=\"right\"/>";
    if (t.align == doc::Align::center) out_ += "<w:jc w:val=\"center\"/>";
    // The table's left edge where the grid starts (Table::indent; compatibility mode 15
    // measures tblInd to the edge, not to the first cell's text).
    out_ += "<w:tblInd w:w=\"" + num(edge[0]) + "\" w:type=\"dxa\"/>";
    out_ += "<w:tblBorders>" + b("top") + b("left") + b("bottom") + b("right") + b("insideH") +
            b("insideV") + "</w:tblBorders>";
    out_ += "<w:tblLayout w:type=\"fixed\"/>";
    out_ += "<w:tblCellMar><w:top w:w=\"" + num(t.borders ? twips_pt(kCellPadTopPt) : 0) +
            "\" w:type=\"dxa\"/><w:left w:w=\"" + num(twips_mm(pad)) +
            "\" w:type=\"dxa\"/><w:bottom w:w=\"" + num(t.borders ? twips_pt(kCellPadBottomPt) : 0) +
            "\" w:type=\"dxa\"/><w:right w:w=\"" + num(twips_mm(pad)) + "\" w:type=\"dxa\"/></w:tblCellMar>";
    out_ += "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
            "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
    for (std::size_t c = 0; c < ncols; ++c)
        if (keep[c]) out_ += "<w:gridCol w:w=\"" + num(edge[c + 1] - edge[c]) + "\"/>";
    out_ += "</w:tblGrid>";

    const std::size_t header_rows = static_cast<std::size_t>(std::max(t.header_rows, 0));
    const Styles::Entry& cell_style = styles_.of("cell");
    // The cell covering each column in the current row (-1: none): cells start in their
    // row and cover their columns until their row span ends. Memory per column, not per
    // grid position: a table of thousands of rows and a thousand columns stays small.
    std::vector<int> cover(ncols, -1);
    std::size_t next_cell = 0;  // grid.cells is in row order
    for (std::size_t r = 0; r < nrows; ++r) {
        for (int& o : cover)
            if (o >= 0 && grid.cells[static_cast<std::size_t>(o)].row + grid.cells[static_cast<std::size_t>(o)].rowspan <= r) o = -1;
        for (; next_cell < grid.cells.size() && grid.cells[next_cell].row == r; ++next_cell) {
            const doc::PlacedCell& pc = grid.cells[next_cell];
            for (std::size_t c = pc.col; c < pc.col + pc.colspan; ++c) cover[c] = static_cast<int>(next_cell);
        }
        const doc::Row& row = t.rows[r];
        const bool header = r < header_rows;
        // The PDF keeps a header group, a kept row and every row of a keep-together table
        // with what follows; Word does it by "keep with next" on the row's paragraphs.
        const bool keep_next = (header && r + 1 < nrows) || row.keep_with_next ||
                               (t.keep_together && r + 1 < nrows);
        out_ += "<w:tr><w:trPr><w:cantSplit/>";
        if (header) out_ += "<w:tblHeader/>";
        out_ += "</w:trPr>";
        bool any = false;
        std::size_t c = 0;
        while (c < ncols) {
            const int o = cover[c];
            const doc::PlacedCell* pc = o >= 0 ? &grid.cells[static_cast<std::size_t>(o)] : nullptr;
            const std::size_t c0 = pc ? pc->col : c;
            std::size_t c1 = pc ? pc->col + pc->colspan : c + 1;
            if (!pc) {  // columns no cell covers: one empty cell across them
                while (c1 < ncols && cover[c1] < 0) ++c1;
            }
            c = c1;
            const std::size_t span = kept_in(c0, c1);
            if (span == 0) continue;
            any = true;
            out_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + num(span_twips(c0, c1)) + "\" w:type=\"dxa\"/>";
            if (span > 1) out_ += "<w:gridSpan w:val=\"" + num(static_cast<long>(span)) + "\"/>";
            const bool starts = pc && pc->row == r;
            if (pc && pc->rowspan > 1) out_ += starts ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>";
            if (pc && pc->cell->valign != doc::VAlign::top) {
                out_ += pc->cell->valign == doc::VAlign::middle ? "<w:vAlign w:val=\"center\"/>"
                                                                 : "<w:vAlign w:val=\"bottom\"/>";
            }
            out_ += "</w:tcPr>";
            const double box = std::max((grid.edges[c1] - grid.edges[c0]) - 2 * pad, 0.1);
            if (starts && !pc->cell->paragraphs.empty()) {
                for (const doc::Paragraph& p : pc->cell->paragraphs) {
                    paragraph(p, 0, 0, false, true, box, "", keep_next);
                }
            } else if (!starts && pc) {
                gap_paragraph(1, false, "");  // under a merged cell: nothing to type into
            } else {
                out_ += "<w:p><w:pPr><w:pStyle w:val=\"" + attr(cell_style.id) + "\"/></w:pPr></w:p>";
            }
            out_ += "</w:tc>";
        }
        if (!any) {  // every cell of the row fell in dropped columns
            out_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + num(total) + "\" w:type=\"dxa\"/>";
            out_ += "<w:gridSpan w:val=\"" + num(static_cast<long>(kept_in(0, ncols))) + "\"/></w:tcPr>";
            gap_paragraph(1, false, "");
            out_ += "</w:tc>";
        }
        out_ += "</w:tr>";
    }
    out_ += "</w:tbl>";
}

std::string Writer::sect_pr(const doc::Section& s) {
    const bool landscape = s.orientation == doc::Orientation::landscape;
    std::string x = "<w:sectPr>";
    const bool title_page = s.page_numbers && s.page_number_from >= 2;
    if (s.page_numbers) {
        x += "<w:headerReference w:type=\"default\" r:id=\"" + headers_.numbered(s.page_number_size) + "\"/>";
    } else {
        x += "<w:headerReference w:type=\"default\" r:id=\"" + Headers::empty() + "\"/>";
    }
    // Another section's first-page header must not show through: name the empty one.
    x += "<w:headerReference w:type=\"first\" r:id=\"" + Headers::empty() + "\"/>";
    // Notes numbered as the PDF numbers them: through the document (Word's default), and
    // from 1 again in a section whose first note is 1 after notes in an earlier section
    // (each unit's form of a batch). Not on every section: LibreOffice reads "each section"
    // as "each chapter" and would restart at every first-level heading.
    if (restart_notes_) x += "<w:footnotePr><w:numRestart w:val=\"eachSect\"/></w:footnotePr>";
    x += "<w:type w:val=\"nextPage\"/>";
    x += "<w:pgSz w:w=\"" + num(twips_mm(s.page_width())) + "\" w:h=\"" + num(twips_mm(s.page_height())) + "\"";
    if (landscape) x += " w:orient=\"landscape\"";
    x += "/>";
    const double header_mm = std::max(s.page_number_baseline - kAscent * s.page_number_size * 25.4 / 72.0, 0.0);
    x += "<w:pgMar w:top=\"" + num(twips_mm(s.margin_top)) + "\" w:right=\"" + num(twips_mm(s.margin_right)) +
         "\" w:bottom=\"" + num(twips_mm(s.margin_bottom)) + "\" w:left=\"" + num(twips_mm(s.margin_left)) +
         "\" w:header=\"" + num(twips_mm(header_mm)) + "\" w:footer=\"" +
         num(twips_mm(std::min(10.0, s.margin_bottom))) + "\" w:gutter=\"0\"/>";
    x += "<w:pgNumType w:start=\"1\"/>";
    if (title_page) x += "<w:titlePg/>";
    return x + "</w:sectPr>";
}

void Writer::begin_document() {
    out_.clear();
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
    final_sect_.clear();
    any_section_ = false;
}

void Writer::section(const doc::Section& s, bool last_section) {
    any_section_ = true;
    // Restart the notes' numbers here when this section's first note is 1 again after
    // notes in an earlier section (each unit's form of a combined file).
    const doc::Run* first = first_footnote(s);
    restart_notes_ = first != nullptr && first->text == "1" && !notes_.empty();
    const double text_width = s.text_width();
    enum class Prev { none, paragraph, table } prev = Prev::none;
    double spacers = 0;       // pt of spacers since the last paragraph or table
    bool page_break = false;  // a page break waits for the next paragraph or table
    for (const doc::Block& b : s.blocks) {
        if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
            flush();
            PendingParagraph pp;
            pp.p = p;
            // At the top of a page the PDF drops space before; so do spacers here.
            pp.before_add = prev == Prev::none || page_break ? 0 : spacers;
            pp.page_break_before = page_break && prev != Prev::none;
            pp.box_width = text_width;
            pending_ = pp;
            prev = Prev::paragraph;
            spacers = 0;
            page_break = false;
        } else if (const auto* t = std::get_if<doc::Table>(&b)) {
            const double gap = spacers + t->space_before;
            if (page_break && prev != Prev::none) {
                flush();
                gap_paragraph(1, true, "");
            } else if (prev == Prev::paragraph && pending_) {
                pending_->after_add += gap;
                flush();
            } else if (prev == Prev::table) {
                // Two tables in a row would merge into one: a gap paragraph parts them.
                gap_paragraph(std::max(gap, 1.0), false, "");
            }
            table(*t, text_width);
            prev = Prev::table;
            spacers = 0;
            page_break = false;
        } else if (const auto* sp = std::get_if<doc::Spacer>(&b)) {
            spacers += sp->height;
        } else {
            page_break = true;
        }
    }
    // The section's properties go on its last paragraph; a section that ends with a
    // table (or has nothing) gets a 1 pt paragraph to carry them.
    const std::string sp = sect_pr(s);
    if (last_section) {
        if (pending_) {
            flush();
        } else {
            gap_paragraph(1, false, "");
        }
        final_sect_ = sp;
    } else if (pending_) {
        flush(sp);
    } else {
        gap_paragraph(1, false, sp);
    }
}

void Writer::end_document() {
    if (!any_section_) {
        restart_notes_ = false;
        out_ += "<w:p/>";
        final_sect_ = sect_pr(doc::Section{});
    }
    out_ += final_sect_ + "</w:body></w:document>";
}

std::string Writer::document_xml() {
    begin_document();
    for (std::size_t si = 0; si < doc_.sections.size(); ++si) section(doc_.sections[si], si + 1 == doc_.sections.size());
    end_document();
    return take();
}

std::string style_xml(const Styles::Entry& e, const std::string& body_id) {
    const doc::Style& s = e.style;
    const bool heading = e.id.rfind("Heading", 0) == 0 && e.id.size() == 8;
    std::string name = heading ? "heading " + e.id.substr(7) : (s.name.empty() ? s.role : s.name);
    std::string x = "<w:style w:type=\"paragraph\"";
    if (!heading) x += " w:customStyle=\"1\"";
    x += " w:styleId=\"" + attr(e.id) + "\"><w:name w:val=\"" + attr(name) + "\"/>";
    x += "<w:basedOn w:val=\"Normal\"/>";
    x += "<w:next w:val=\"" + attr(heading && !body_id.empty() ? body_id : e.id) + "\"/>";
    x += "<w:qFormat/><w:pPr>";
    if (s.keep_with_next) x += "<w:keepNext/>";
    x += spacing_xml(s.space_before, s.space_after, s.line_spacing);
    x += ind_xml(s.left_indent, s.first_indent);
    x += std::string("<w:jc w:val=\"") + jc(s.align) + "\"/>";
    if (s.outline_level > 0) x += "<w:outlineLvl w:val=\"" + num(s.outline_level - 1) + "\"/>";
    x += "</w:pPr><w:rPr>";
    if (s.bold) x += "<w:b/>";
    if (s.italic) x += "<w:i/>";
    x += "<w:sz w:val=\"" + num(half_points(s.size)) + "\"/><w:szCs w:val=\"" + num(half_points(s.size)) + "\"/>";
    return x + "</w:rPr></w:style>";
}

std::string Writer::styles_xml() const {
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:docDefaults><w:rPrDefault><w:rPr>";
    x += std::string("<w:rFonts w:ascii=\"") + kFont + "\" w:eastAsia=\"" + kFont + "\" w:hAnsi=\"" + kFont +
         "\" w:cs=\"" + kFont + "\"/>";
    x += "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>";
    x += "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
         "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
         "</w:docDefaults>";
    x += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>";
    x += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name "
         "w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>";
    x += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
         "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" "
         "w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" "
         "w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
         "</w:tblCellMar></w:tblPr></w:style>";
    x += "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
         "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>";
    x += std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + kHeader +
         "\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>"
         "<w:unhideWhenUsed/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>";
    x += std::string("<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"") + kRuleStyle +
         "\"><w:name w:val=\"" + attr(kRuleName) + "\"/><w:basedOn w:val=\"Normal\"/>"
         "<w:pPr>" + exact_spacing_xml(rule_gap(14), 0) + "</w:pPr><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:style>";
    x += std::string("<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"") + kGapStyle +
         "\"><w:name w:val=\"" + attr(kGapName) + "\"/><w:basedOn w:val=\"Normal\"/>"
         "<w:pPr>" + exact_spacing_xml(0, 1.0) + "</w:pPr><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:style>";
    for (const Styles::Entry& e : styles_.all()) x += style_xml(e, styles_.body_id());
    if (has_footnotes()) {
        const doc::Style st = footnote_style();
        x += std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + kFootnoteText +
             "\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>"
             "<w:unhideWhenUsed/><w:pPr>" + spacing_xml(st.space_before, st.space_after, st.line_spacing) +
             ind_xml(st.left_indent, st.first_indent) + "<w:jc w:val=\"" + jc(st.align) + "\"/></w:pPr><w:rPr>" +
             (st.bold ? "<w:b/>" : "") + (st.italic ? "<w:i/>" : "") + "<w:sz w:val=\"" + num(half_points(st.size)) +
             "\"/><w:szCs w:val=\"" + num(half_points(st.size)) + "\"/></w:rPr></w:style>";
        x += std::string("<w:style w:type=\"character\" w:styleId=\"") + kFootnoteReference +
             "\"><w:name w:val=\"footnote reference\"/><w:basedOn w:val=\"DefaultParagraphFont\"/>"
             "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>";
    }
    return x + "</w:styles>";
}

std::string Writer::header_xml(std::optional<double> size) const {
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
    if (!size) return x + std::string("<w:p><w:pPr><w:pStyle w:val=\"") + kHeader + "\"/></w:pPr></w:p></w:hdr>";
    const std::string sz = "<w:rPr><w:sz w:val=\"" + num(half_points(*size)) + "\"/><w:szCs w:val=\"" +
                           num(half_points(*size)) + "\"/></w:rPr>";
    x += std::string("<w:p><w:pPr><w:pStyle w:val=\"") + kHeader + "\"/><w:jc w:val=\"center\"/>" + sz + "</w:pPr>";
    x += "<w:r>" + sz + "<w:fldChar w:fldCharType=\"begin\"/></w:r>";
    x += "<w:r>" + sz + "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>";
    x += "<w:r>" + sz + "<w:fldChar w:fldCharType=\"separate\"/></w:r>";
    x += "<w:r>" + sz + "<w:t>2</w:t></w:r>";
    x += "<w:r>" + sz + "<w:fldChar w:fldCharType=\"end\"/></w:r>";
    return x + "</w:p></w:hdr>";
}

std::string Writer::footnotes_xml() const {
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
    const std::string sep_ppr = "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>";
    x += "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p>" + sep_ppr + "<w:r><w:separator/></w:r></w:p></w:footnote>";
    x += "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p>" + sep_ppr +
         "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>";
    Writer text(doc_);  // writes the notes' runs as the body's are written
    for (std::size_t i = 0; i < notes_.size(); ++i) {
        doc::Paragraph p = doc::footnote_paragraph(doc_, notes_[i]);
        p.runs.erase(p.runs.begin());  // the number: <w:footnoteRef/> prints it
        const doc::Style st = footnote_style();
        text.out_.clear();
        text.runs(p, st);
        x += "<w:footnote w:id=\"" + std::to_string(i + 1) + "\"><w:p><w:pPr><w:pStyle w:val=\"" + kFootnoteText +
             "\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"" + kFootnoteReference + "\"/></w:rPr><w:footnoteRef/></w:r>" +
             text.out_ + "</w:p></w:footnote>";
    }
    return x + "</w:footnotes>";
}

/// "2025-01-05" → "2025-01-05T00:00:00Z"; anything else → 2000-01-01.
std::string w3c_date(const std::string& created) {
    std::optional<text::Date> d = text::parse_date(created);
    if (!d || !d->complete()) return "2000-01-01T00:00:00Z";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", d->year % 10000, d->month % 100, d->day % 100);
    return buf;
}

/// Metadata text on one line: line breaks and tabs become spaces.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

std::string core_xml(const doc::Document& d) {
    const std::string date = w3c_date(d.created);
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    x += "<dc:title>" + escaped(one_line(d.title)) + "</dc:title>";
    x += "<dc:subject>" + escaped(one_line(d.subject)) + "</dc:subject>";
    x += "<dc:creator>" + escaped(one_line(d.author)) + "</dc:creator>";
    x += "<cp:lastModifiedBy>" + escaped(one_line(d.author)) + "</cp:lastModifiedBy>";
    x += "<dc:language>vi-VN</dc:language>";
    x += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:created>";
    x += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:modified>";
    return x + "</cp:coreProperties>";
}

/// The parts of the package of a document whose word/document.xml is `document`, written
/// by `w` (which has decided which headers exist); `meta` gives the core properties.
std::vector<Part> package_parts(const Writer& w, const doc::Document& meta, Part document) {
    std::vector<Part> parts;
    const std::string ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"" + ct + "document.main+xml\"/>"
        "<Override PartName=\"/word/styles.xml\" ContentType=\"" + ct + "styles+xml\"/>"
        "<Override PartName=\"/word/settings.xml\" ContentType=\"" + ct + "settings+xml\"/>"
        "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" + ct + "fontTable+xml\"/>";
    if (w.has_footnotes()) types += "<Override PartName=\"/word/footnotes.xml\" ContentType=\"" + ct + "footnotes+xml\"/>";
    const std::size_t nheaders = 1 + w.headers().sizes.size();
    for (std::size_t i = 1; i <= nheaders; ++i) {
        types += "<Override PartName=\"/word/header" + std::to_string(i) + ".xml\" ContentType=\"" + ct + "header+xml\"/>";
    }
    types += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
             "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
             "</Types>";
    parts.push_back({"[Content_Types].xml", std::move(types)});
    parts.push_back({"_rels/.rels",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                     "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                     "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
                     "</Relationships>"});
    parts.push_back({"docProps/core.xml", core_xml(meta)});
    parts.push_back({"docProps/app.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                     "<Application>thidua</Application></Properties>"});
    parts.push_back(std::move(document));
    parts.push_back({"word/styles.xml", w.styles_xml()});
    parts.push_back({"word/settings.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                     "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
                     "<w:characterSpacingControl w:val=\"doNotCompress\"/>" +
                     std::string(w.has_footnotes() ? "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>" : "") +
                     // A line ended by a line break in a justified paragraph is not stretched,
                     // as in the PDF.
                     "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
                     "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
                     "<w:themeFontLang w:val=\"vi-VN\"/></w:settings>"});
    parts.push_back({"word/fontTable.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                     "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                     "<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/>"
                     "<w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>"
                     "</w:fonts>"});
    std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>";
    for (std::size_t i = 1; i <= nheaders; ++i) {
        const std::string n = std::to_string(i);
        parts.push_back({"word/header" + n + ".xml",
                         w.header_xml(i == 1 ? std::nullopt : std::optional<double>(w.headers().sizes[i - 2]))});
        rels += "<Relationship Id=\"rIdH" + n +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header" +
                n + ".xml\"/>";
    }
    if (w.has_footnotes()) {
        parts.push_back({"word/footnotes.xml", w.footnotes_xml()});
        rels += "<Relationship Id=\"rIdF1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>";
    }
    parts.push_back({"word/_rels/document.xml.rels", rels + "</Relationships>"});
    return parts;
}

}  // namespace
}  // namespace detail

std::optional<std::string> write_docx(const doc::Document& doc, Diagnostics& diags) {
    using namespace detail;
    if (!doc::is_sanitized(doc)) {
        doc::Document ready = doc;
        doc::sanitize(ready, diags);
        return write_docx(ready, diags);
    }
    Writer w(doc);
    Part document{"word/document.xml", w.document_xml()};  // first: it decides which headers exist
    std::vector<Part> parts = package_parts(w, doc, std::move(document));
    std::string error;
    std::optional<std::string> bytes = zip_parts(parts, error);
    if (!bytes) {
        diags.error_general("không tạo được tệp Word (DOCX): " + error);
        return std::nullopt;
    }
    return bytes;
}

namespace detail {

/// See CombinedDocx.
struct CombinedState {
    explicit CombinedState(int fd) : spill_fd(fd) {}
    doc::Document meta;  ///< the metadata; the styles and sections are the writer's
    Writer w{meta};
    int spill_fd;
    std::uint64_t spill_size = 0;
    bool begun = false;
    std::optional<doc::Section> deferred;  ///< the last section so far: the document's last?

    void spill() {
        const std::string x = w.take();
        std::size_t done = 0;
        while (done < x.size()) {
            const ssize_t n = ::pwrite(spill_fd, x.data() + done, x.size() - done, static_cast<off_t>(spill_size + done));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw std::runtime_error("không ghi được tệp tạm: " + files::errno_text(errno));
            done += static_cast<std::size_t>(n);
        }
        spill_size += x.size();
    }
};

}  // namespace detail

CombinedDocx::CombinedDocx(int spill_fd) : state_(std::make_unique<detail::CombinedState>(spill_fd)) {}
CombinedDocx::~CombinedDocx() = default;

bool CombinedDocx::add(doc::Document&& part, Diagnostics& diags) {
    detail::CombinedState& st = *state_;
    if (!doc::is_sanitized(part)) doc::sanitize(part, diags);
    try {
        if (!st.begun) {
            st.begun = true;
            st.w.begin_document();
        }
        st.w.add_styles(part.styles);
        if (st.deferred) {
            st.w.section(*st.deferred, false);
            st.deferred.reset();
        }
        for (std::size_t i = 0; i + 1 < part.sections.size(); ++i) st.w.section(part.sections[i], false);
        if (!part.sections.empty()) st.deferred = std::move(part.sections.back());
        st.spill();
        return true;
    } catch (const std::runtime_error& e) {
        diags.error_general(std::string("không tạo được tệp Word (DOCX) gộp: ") + e.what());
    }
    return false;
}

bool CombinedDocx::finish(const std::string& title, const std::string& author, const std::string& subject,
                          const std::string& created, const std::string& path, Diagnostics& diags) {
    using namespace detail;
    CombinedState& st = *state_;
    std::string error;
    try {
        if (!st.begun) st.w.begin_document();
        if (st.deferred) st.w.section(*st.deferred, true);
        st.deferred.reset();
        st.w.end_document();
        st.spill();
        st.meta.title = title;
        st.meta.author = author;
        st.meta.subject = subject;
        st.meta.created = created;
        // libzip gives an entry read from a file that file's mode: the one an entry made
        // from memory has (-rw-rw-rw-), so that the bytes do not depend on where the part
        // was. The file is a spill file with no name: no one else can open it.
        if (::fchmod(st.spill_fd, 0666) != 0) throw std::runtime_error("tệp tạm: " + files::errno_text(errno));
        Part document{"word/document.xml", {}};
        document.fd = st.spill_fd;
        document.size = st.spill_size;
        if (zip_parts_to(package_parts(st.w, st.meta, std::move(document)), path, error)) return true;
    } catch (const std::runtime_error& e) {
        error = e.what();
    }
    diags.error_general("không tạo được tệp Word (DOCX): " + error);
    return false;
}

}  // namespace thidua::docx
