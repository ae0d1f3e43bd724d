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
                     const std::map<int, Band>& headers)
    : out_(out), frame_(frame), section_(section), warn_(warn), headers_(headers) {
    start_page();
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
}

double Paginator::chain_height(const std::vector<Unit>& units, std::size_t i, std::size_t j,
                               bool at_top) const {
    double h = 0;
    for (std::size_t k = i; k <= j; ++k) {
        if (!(k == i && at_top)) h += units[k].space_before;
        h += units[k].band.height;
        if (k < j) h += units[k].space_after;
    }
    return h;
}

double Paginator::header_height_for(const Unit& u) const {
    if (u.table < 0 || u.is_header || u.table != last_table_) return 0;
    auto it = headers_.find(u.table);
    return it == headers_.end() ? 0 : it->second.height;
}

void Paginator::place_chain(const std::vector<Unit>& units, std::size_t i, std::size_t j) {
    double room = frame_.text_height - cursor_;
    if (chain_height(units, i, j, empty_) <= room + kEps) {
        for (std::size_t k = i; k <= j; ++k) place_unit(units[k]);
        return;
    }
    double fresh = frame_.text_height - header_height_for(units[i]);
    if (!empty_ && chain_height(units, i, j, true) <= fresh + kEps) {
        new_page_for(units[i]);
        for (std::size_t k = i; k <= j; ++k) place_unit(units[k]);
        return;
    }
    for (std::size_t k = i; k <= j; ++k) place_unit(units[k]);
}

void Paginator::place_unit(const Unit& unit) {
    Band band = unit.band;
    while (true) {
        double sb = empty_ ? 0.0 : unit.space_before;
        double room = frame_.text_height - cursor_ - sb;
        if (band.height <= room + kEps) {
            draw(band, cursor_ + sb);
            cursor_ += sb + band.height + unit.space_after;
            empty_ = false;
            last_table_ = unit.table;
            return;
        }
        double fresh = frame_.text_height - header_height_for(unit);
        if (!empty_ && band.height <= fresh + kEps) {
            new_page_for(unit);
            continue;
        }
        if (unit.splittable) {
            if (std::optional<Band> part = split_band(band, std::max(room, 0.0), empty_)) {
                draw(*part, cursor_ + sb);
                empty_ = false;
                last_table_ = unit.table;
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
        draw(band, cursor_);
        cursor_ += band.height + unit.space_after;
        empty_ = false;
        last_table_ = unit.table;
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
