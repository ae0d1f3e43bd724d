#include "layout/paginate.hpp"

#include <algorithm>
#include <cmath>

#include "layout/linebreak.hpp"

namespace thidua::layout::detail {

SectionFrame frame_for(const doc::Section& s) {
    SectionFrame f;
    f.width = s.page_width() * kPtPerMm;
    f.height = s.page_height() * kPtPerMm;
    f.left = s.margin_left * kPtPerMm;
    f.top = s.margin_top * kPtPerMm;
    f.text_width = f.width - (s.margin_left + s.margin_right) * kPtPerMm;
    f.text_height = f.height - (s.margin_top + s.margin_bottom) * kPtPerMm;
    return f;
}

Paginator::Paginator(Pages& out, const SectionFrame& frame, int section, doc::Warnings& warn,
                     const std::map<int, Band>& headers, NoteLayout notes)
    : out_(out), frame_(frame), section_(section), warn_(warn), headers_(headers),
      note_layout_(std::move(notes)) {
    start_page();
}

namespace {

double lines_height(const std::vector<LineBox>& lines) {
    double h = 0;
    for (const LineBox& lb : lines) h += lb.height;
    return h;
}

}  // namespace

const std::vector<LineBox>& Paginator::note_lines(const doc::Run* marker) const {
    auto it = note_cache_.find(marker);
    if (it == note_cache_.end()) {
        it = note_cache_.emplace(marker, note_layout_ ? note_layout_(*marker) : std::vector<LineBox>{}).first;
    }
    return it->second;
}

std::vector<const doc::Run*> Paginator::band_notes(const Band& band) const {
    std::vector<const doc::Run*> out;
    if (!note_layout_) return out;
    for (const BandCell& c : band.cells)
        for (std::size_t k = c.first; k < c.lines.size(); ++k)
            for (const doc::Run* r : c.lines[k].notes) out.push_back(r);
    return out;
}

double Paginator::notes_need(const std::vector<const doc::Run*>& markers, std::size_t first_lines) const {
    double h = 0;
    for (const doc::Run* m : markers) {
        const std::vector<LineBox>& lines = note_lines(m);
        if (lines.empty()) continue;
        if (first_lines > 0) {
            for (std::size_t k = 0; k < std::min(first_lines, lines.size()); ++k) h += lines[k].height;
            break;
        }
        h += lines_height(lines);
    }
    if (h > 0 && foot_.empty() && carry_.empty()) h += kNoteGapAbove + kRuleWidth + kNoteGapBelow;
    // Notes after carried lines wait behind them: they need the whole carry's room too.
    return h;
}

double Paginator::carry_need() const {
    if (carry_.empty()) return 0;
    double h = kNoteGapAbove + kRuleWidth + kNoteGapBelow;
    for (const LineBox& lb : carry_) {
        if (h + lb.height > frame_.text_height / 2 && h > kNoteGapAbove + kRuleWidth + kNoteGapBelow) break;
        h += lb.height;
    }
    return h;
}

void Paginator::add_notes(const std::vector<const doc::Run*>& markers) {
    for (const doc::Run* m : markers) {
        for (const LineBox& lb : note_lines(m)) {
            const double sep = foot_.empty() ? kNoteGapAbove + kRuleWidth + kNoteGapBelow : 0.0;
            if (carry_.empty() && cursor_ + foot_h_ + sep + lb.height <= frame_.text_height + kEps) {
                foot_.push_back(lb);
                foot_h_ += sep + lb.height;
            } else {
                carry_.push_back(lb);  // continues at the next page's foot
            }
        }
    }
}

void Paginator::take_carry() {
    // Carried lines take at most half a fresh page (at least one line), so that text
    // goes on beside a note of any length.
    while (!carry_.empty()) {
        const double sep = foot_.empty() ? kNoteGapAbove + kRuleWidth + kNoteGapBelow : 0.0;
        const double h = carry_.front().height;
        if (!foot_.empty() && foot_h_ + h > frame_.text_height / 2) break;
        foot_.push_back(std::move(carry_.front()));
        carry_.pop_front();
        foot_h_ += sep + h;
    }
}

void Paginator::finish_page() {
    if (foot_.empty()) return;
    Page& page = out_.pages.back();
    double y = frame_.top + frame_.text_height - foot_h_ + kNoteGapAbove;
    const double rule_w = std::min(doc::kFootnoteRuleMm * kPtPerMm, frame_.text_width);
    page.lines.push_back({frame_.left, y + kRuleWidth / 2, frame_.left + rule_w, y + kRuleWidth / 2, kRuleWidth});
    y += kRuleWidth + kNoteGapBelow;
    for (const LineBox& lb : foot_) {
        int id = next_line_++;
        for (const TextItem& t : lb.texts) {
            TextItem placed = t;
            placed.x += frame_.left;
            placed.y += y;
            placed.line = id;
            page.texts.push_back(std::move(placed));
        }
        for (const LineItem& st : lb.strokes)
            page.lines.push_back({st.x1 + frame_.left, st.y1 + y, st.x2 + frame_.left, st.y2 + y, st.width});
        y += lb.height;
    }
    foot_.clear();
    foot_h_ = 0;
}

void Paginator::run(const std::vector<Unit>& units) {
    std::size_t i = 0;
    while (i < units.size()) {
        if (units[i].page_break) {
            if (!empty_) start_page();
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < units.size() && units[j].keep_with_next && !units[j + 1].page_break) ++j;
        place_chain(units, i, j);
        i = j + 1;
    }
    finish_page();
    while (!carry_.empty()) {  // a long note goes on past the last line of text
        start_page();
        finish_page();
    }
}

double Paginator::chain_height(const std::vector<Unit>& units, std::size_t i, std::size_t j,
                               bool at_top) const {
    double h = 0;
    for (std::size_t k = i; k <= j; ++k) {
        if (!(k == i && at_top)) h += units[k].space_before;
        h += units[k].band.height;
        if (k < j) h += units[k].space_after;
    }
    // The notes' room: a long note needs only its first lines here (place_unit splits it).
    double notes_h = 0;
    for (std::size_t k = i; k <= j; ++k) {
        for (const doc::Run* r : band_notes(units[k].band)) {
            const std::vector<LineBox>& lines = note_lines(r);
            const std::size_t n = lines.size() > kNoteSplitLines ? kNoteSplitLines : lines.size();
            for (std::size_t l = 0; l < n; ++l) notes_h += lines[l].height;
        }
    }
    if (notes_h > 0 && foot_.empty() && carry_.empty()) notes_h += kNoteGapAbove + kRuleWidth + kNoteGapBelow;
    return h + notes_h;
}

double Paginator::header_height_for(const Unit& u) const {
    if (u.table < 0 || u.is_header || u.table != last_table_) return 0;
    auto it = headers_.find(u.table);
    return it == headers_.end() ? 0 : it->second.height;
}

void Paginator::place_chain(const std::vector<Unit>& units, std::size_t i, std::size_t j) {
    double room = body_height() - cursor_;
    if (chain_height(units, i, j, empty_) <= room + kEps) {
        for (std::size_t k = i; k <= j; ++k) place_unit(units[k]);
        return;
    }
    double fresh = frame_.text_height - carry_need() - header_height_for(units[i]);
    if (!empty_ && chain_height(units, i, j, true) <= fresh + kEps) {
        new_page_for(units[i]);
        for (std::size_t k = i; k <= j; ++k) place_unit(units[k]);
        return;
    }
    for (std::size_t k = i; k <= j; ++k) place_unit(units[k]);
}

void Paginator::place_unit(const Unit& unit) {
    Band band = unit.band;
    auto placed = [&](const Band& b, double y, double after) {
        draw(b, y);
        cursor_ = y + b.height + after;
        empty_ = false;
        last_table_ = unit.table;
        add_notes(band_notes(b));
    };
    while (true) {
        double sb = empty_ ? 0.0 : unit.space_before;
        double room = body_height() - cursor_ - sb;
        const std::vector<const doc::Run*> notes = band_notes(band);
        const double need = notes.empty() ? 0.0 : notes_need(notes);
        if (band.height + need <= room + kEps) {
            placed(band, cursor_ + sb, unit.space_after);
            return;
        }
        // A long note starts here, its first lines under its line, and goes on at the next
        // page's foot (as a word processor splits it), rather than leave this page's end
        // empty.
        if (!notes.empty() && note_lines(notes.front()).size() > kNoteSplitLines &&
            band.height + notes_need(notes, kNoteSplitLines) <= room + kEps) {
            placed(band, cursor_ + sb, unit.space_after);
            return;
        }
        double fresh = frame_.text_height - carry_need() - header_height_for(unit);
        if (!empty_ && band.height + notes_need(notes) <= fresh + kEps) {
            new_page_for(unit);
            continue;
        }
        // Notes too long to go whole with their line on any page: the line goes where it
        // and the first line of its first note fit; the rest continues at the next foot.
        if (!notes.empty() && band.height + notes_need(notes, 1) <= room + kEps) {
            placed(band, cursor_ + sb, unit.space_after);
            return;
        }
        if (unit.splittable) {
            if (std::optional<Band> part = split_band(band, std::max(room, 0.0), empty_)) {
                placed(*part, cursor_ + sb, 0.0);
                new_page_for(unit);
                continue;
            }
        }
        if (!empty_) {
            new_page_for(unit);
            continue;
        }
        warn_.note("taller than a page", [] {
            return "một dòng hoặc một hàng bảng cao hơn cả trang, phần dưới bị tràn lề dưới";
        });
        placed(band, cursor_, unit.space_after);
        return;
    }
}

void Paginator::new_page_for(const Unit& next) {
    bool repeat = next.table >= 0 && !next.is_header && next.table == last_table_;
    start_page();
    if (repeat) {
        auto it = headers_.find(next.table);
        if (it != headers_.end()) {
            draw(it->second, 0);
            cursor_ = it->second.height;
            last_table_ = next.table;
        }
    }
}

void Paginator::start_page() {
    if (started_) finish_page();
    started_ = true;
    Page p;
    p.width_pt = frame_.width;
    p.height_pt = frame_.height;
    p.section = section_;
    p.number_in_section = ++count_;
    out_.pages.push_back(std::move(p));
    cursor_ = 0;
    empty_ = true;
    last_table_ = -1;
    next_line_ = 0;
    edges_.clear();
    take_carry();
}

void Paginator::draw(const Band& band, double y) {
    Page& page = out_.pages.back();
    const double x0 = frame_.left;
    const double y0 = frame_.top + y;
    for (const BandCell& c : band.cells) {
        for (std::size_t k = c.first; k < c.lines.size(); ++k) {
            const LineBox& lb = c.lines[k];
            const double top = c.line_top(k);
            int id = next_line_++;
            for (const TextItem& t : lb.texts) {
                TextItem placed = t;
                placed.x += x0;
                placed.y += y0 + top;
                placed.line = id;
                page.texts.push_back(std::move(placed));
            }
            for (const LineItem& s : lb.strokes) {
                page.lines.push_back({s.x1 + x0, s.y1 + y0 + top, s.x2 + x0,
                                      s.y2 + y0 + top, s.width});
            }
        }
    }
    if (!band.borders) return;
    auto key = [](double a) { return std::lround(a * 100); };
    auto edge = [&](double x1, double y1, double x2, double y2) {
        auto k = std::make_tuple(key(x1), key(y1), key(x2), key(y2));
        if (!edges_.insert(k).second) return;  // shared by two cells or two bands
        page.lines.push_back({x1, y1, x2, y2, kRuleWidth});
    };
    for (const BandCell& c : band.cells) {
        double l = x0 + c.x, r = x0 + c.x + c.w, t = y0 + c.top, b = y0 + c.bottom;
        edge(l, t, r, t);
        edge(l, b, r, b);
        edge(l, t, l, b);
        edge(r, t, r, b);
    }
}

}  // namespace thidua::layout::detail
