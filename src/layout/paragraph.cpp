#include "layout/paragraph.hpp"

#include <algorithm>
#include <cmath>

#include "doc/table_geometry.hpp"
#include "layout/linebreak.hpp"

namespace thidua::layout {

namespace detail {

ParagraphBox layout_paragraph(const doc::Paragraph& para, double box_x, double width,
                              const FontSet& fonts) {
    const FontFace& reg = fonts.face(Face::regular);
    const double size = para.size;
    const double natural_h = size * reg.line_height_ratio();
    const double spacing = para.line_spacing;
    const double line_h = natural_h * spacing;
    const double baseline = (line_h - natural_h) + reg.ascent(size);
    const double left = para.left_indent * kPtPerMm;
    const double first = para.first_indent * kPtPerMm;

    auto start_of = [&](std::size_t i) { return left + (i == 0 ? first : 0.0); };
    // At least 1 pt, never NaN: a word wider than that is cut one character a line.
    auto avail_of = [&](std::size_t i) {
        double a = width - start_of(i);
        return std::isfinite(a) && a >= 1.0 ? a : 1.0;
    };

    std::vector<BrokenLine> broken = break_lines(tokenize(para, fonts), avail_of);

    ParagraphBox box;
    box.space_before = para.space_before;
    box.space_after = para.space_after;
    double y = 0;
    double widest = 0;  // the widest line's visual width so far (a short rule's measure)
    for (std::size_t i = 0; i < broken.size(); ++i) {
        const BrokenLine& bl = broken[i];
        bool last = i + 1 == broken.size();
        double avail = avail_of(i);
        double slack = std::max(avail - bl.natural, 0.0);
        double x = box_x + start_of(i);
        double per_space = 0;
        int spaces = 0;
        for (std::size_t k = 1; k < bl.words.size(); ++k) spaces += bl.words[k].gap.spaces;
        switch (para.align) {
            case doc::Align::justify:
                if (!last && !bl.forced_end && spaces > 0) per_space = slack / spaces;
                break;
            case doc::Align::left: break;
            case doc::Align::center: x += slack / 2; break;
            case doc::Align::right: x += slack; break;
        }
        LineBox lb;
        lb.top = y;
        lb.height = line_h;
        double cx = x;
        double prev_end = x;
        bool prev_underlined = false;
        for (std::size_t k = 0; k < bl.words.size(); ++k) {
            const LineWord& lw = bl.words[k];
            if (k > 0) {
                double gap = lw.gap.width + per_space * lw.gap.spaces;
                if (lw.gap.underline && prev_underlined && !lw.word.pieces.empty() &&
                    lw.word.pieces.front().underline) {
                    const FontFace& ff = fonts.face(lw.word.pieces.front().face);
                    double uy = baseline - ff.underline_position * size / ff.units_per_em;
                    double uw = std::max(ff.underline_thickness * size / ff.units_per_em, 0.25);
                    lb.strokes.push_back({prev_end, uy, prev_end + gap, uy, uw});
                }
                cx += gap;
            }
            for (const Piece& pc : lw.word.pieces) {
                TextItem t;
                t.x = cx;
                t.y = baseline;
                t.size = size;
                if (pc.superscript) {
                    t.size = size * doc::kFootnoteMarkerScale;
                    t.y = baseline - size * doc::kFootnoteMarkerRise;
                }
                if (pc.note && (lb.notes.empty() || lb.notes.back() != pc.note)) lb.notes.push_back(pc.note);
                t.width = pc.width;
                t.face = pc.face;
                t.text = pc.text;
                lb.texts.push_back(std::move(t));
                if (pc.underline) {
                    const FontFace& ff = fonts.face(pc.face);
                    double uy = baseline - ff.underline_position * size / ff.units_per_em;
                    double uw = std::max(ff.underline_thickness * size / ff.units_per_em, 0.25);
                    lb.strokes.push_back({cx, uy, cx + pc.width, uy, uw});
                }
                cx += pc.width;
            }
            prev_end = cx;
            prev_underlined = !lw.word.pieces.empty() && lw.word.pieces.back().underline;
        }
        widest = std::max(widest, cx - x);
        if (last && para.rule != doc::Rule::none) {
            double rx1 = 0, rx2 = 0;
            if (para.rule_from >= 0 && para.rule_to >= para.rule_from) {
                rx1 = box_x + para.rule_from * kPtPerMm;
                rx2 = box_x + para.rule_to * kPtPerMm;
            } else if (para.rule == doc::Rule::full) {
                rx1 = box_x;
                rx2 = box_x + width;
            } else {
                double visual = cx - x;
                double len = visual;
                if (para.rule == doc::Rule::short_) {
                    // A third of the whole title or name (its widest line), not of its
                    // last word, centred under the last line.
                    len = std::min(widest, std::max(widest / 3.0, kShortRuleMinMm * kPtPerMm));
                }
                double mid = x + visual / 2;
                rx1 = mid - len / 2;
                rx2 = mid + len / 2;
            }
            box.rule_from = rx1 - box_x;
            box.rule_to = rx2 - box_x;
            double ry = baseline + reg.descent(size) + kRuleGap;
            lb.strokes.push_back({rx1, ry, rx2, ry, kRuleWidth});
            lb.height = std::max(lb.height, ry + kRuleWidth / 2);
        }
        y += lb.height;
        box.lines.push_back(std::move(lb));
    }
    return box;
}

}  // namespace detail

namespace {

/// Stores where the rule of `p` runs, measured in a box `width` points wide, unless the
/// tree says already.
void measure(doc::Paragraph& p, double width, const FontSet& fonts) {
    detail::balance_paragraph(p, width, fonts);
    if (p.rule == doc::Rule::none || p.rule_from >= 0) return;
    detail::ParagraphBox box = detail::layout_paragraph(p, 0.0, width, fonts);
    p.rule_from = std::max(box.rule_from, 0.0) / kPtPerMm;
    p.rule_to = std::max(box.rule_to, box.rule_from) / kPtPerMm;
}

}  // namespace

void measure_rules(doc::Document& doc, const FontSet& fonts) {
    for (doc::Section& s : doc.sections) {
        const double text_width = s.text_width() * kPtPerMm;
        for (doc::Block& b : s.blocks) {
            if (auto* p = std::get_if<doc::Paragraph>(&b)) {
                measure(*p, text_width, fonts);
            } else if (auto* t = std::get_if<doc::Table>(&b)) {
                bool ruled = false;
                for (const doc::Row& row : t->rows)
                    for (const doc::Cell& c : row.cells)
                        for (const doc::Paragraph& p : c.paragraphs)
                            ruled = ruled || (p.rule != doc::Rule::none && p.rule_from < 0) ||
                                    p.align == doc::Align::center;
                if (!ruled) continue;
                const doc::TableGrid grid = doc::table_grid(*t, text_width / kPtPerMm);
                const double pad = std::max(t->cell_padding, 0.0) * kPtPerMm;
                for (const doc::PlacedCell& pc : grid.cells) {
                    const double w = std::max(grid.edges[pc.col + pc.colspan] * kPtPerMm - grid.edges[pc.col] * kPtPerMm - 2 * pad, 1.0);
                    for (doc::Paragraph& p : const_cast<doc::Cell*>(pc.cell)->paragraphs) measure(p, w, fonts);
                }
            }
        }
    }
}

bool rules_measured(const doc::Document& doc) {
    auto ok = [](const doc::Paragraph& p) { return p.rule == doc::Rule::none || p.rule_from >= 0; };
    for (const doc::Section& s : doc.sections) {
        for (const doc::Block& b : s.blocks) {
            if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
                if (!ok(*p)) return false;
            } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                for (const doc::Row& row : t->rows)
                    for (const doc::Cell& c : row.cells)
                        for (const doc::Paragraph& p : c.paragraphs)
                            if (!ok(p)) return false;
            }
        }
    }
    return true;
}

}  // namespace thidua::layout
