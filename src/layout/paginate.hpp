// Stage: layout (internal). Units → pages of one section: keep-with-next chains, space
// before dropped at a page top, table header rows repeated on each page the table
// continues on, a band cut as a last resort, table borders drawn once per edge.
// In: the section's frame (points) and its Units; out: pages appended to Pages.
#pragma once

#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "doc/document.hpp"
#include "doc/warnings.hpp"
#include "layout/layout.hpp"
#include "layout/table.hpp"

namespace thidua::layout::detail {

/// A section's page and text area, in points from the page's top-left corner.
struct SectionFrame {
    double width = kA4Width, height = kA4Height;
    double left = 0, top = 0, text_width = 0, text_height = 0;
};

/// Returns the frame of a sanitized section.
SectionFrame frame_for(const doc::Section& s);

class Paginator {
public:
    Paginator(Pages& out, const SectionFrame& frame, int section, doc::Warnings& warn,
              const std::map<int, Band>& headers);

    void run(const std::vector<Unit>& units);

private:
    double chain_height(const std::vector<Unit>& units, std::size_t i, std::size_t j,
                        bool at_top) const;
    double header_height_for(const Unit& u) const;
    void place_chain(const std::vector<Unit>& units, std::size_t i, std::size_t j);
    void place_unit(const Unit& unit);
    void new_page_for(const Unit& next);
    void start_page();
    void draw(const Band& band, double y);

    Pages& out_;
    SectionFrame frame_;
    int section_;
    doc::Warnings& warn_;
    const std::map<int, Band>& headers_;
    double cursor_ = 0;
    bool empty_ = true;
    int last_table_ = -1;
    int count_ = 0;
    int next_line_ = 0;
    std::set<std::tuple<long, long, long, long>> edges_;  // border strokes on this page
};

}  // namespace thidua::layout::detail
