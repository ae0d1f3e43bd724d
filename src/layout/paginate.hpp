// Stage: layout (internal). Units → pages of one section: keep-with-next chains, space
// before dropped at a page top, table header rows repeated on each page the table
// continues on, a band cut as a last resort, table borders drawn once per edge, and
// footnotes at the foot of the page their marker lands on (the text area shrinks by the
// notes' height; a note too long for the page continues at the next page's foot).
// In: the section's frame (points) and its Units; out: pages appended to Pages.
#pragma once

#include <deque>
#include <functional>
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

/// Lays out the note of a footnote marker: its lines, tops relative to the note's top.
using NoteLayout = std::function<std::vector<LineBox>(const doc::Run& marker)>;

/// The foot of a page: a gap, a short rule, a gap, then the notes (points).
inline constexpr double kNoteGapAbove = 6.0;
inline constexpr double kNoteGapBelow = 3.0;
/// A note longer than this many lines may start at the foot of its marker's page and
/// continue on the next, rather than take its line to the next page; a shorter one never
/// splits (unless it is taller than a page).
inline constexpr std::size_t kNoteSplitLines = 3;

class Paginator {
public:
    Paginator(Pages& out, const SectionFrame& frame, int section, doc::Warnings& warn,
              const std::map<int, Band>& headers, NoteLayout notes = {});

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

    // Footnotes.
    const std::vector<LineBox>& note_lines(const doc::Run* marker) const;
    std::vector<const doc::Run*> band_notes(const Band& band) const;
    /// The room the notes of `markers` take at this page's foot, the rule included when
    /// the foot is empty yet; with `first_lines` > 0, only that many lines of the first note.
    double notes_need(const std::vector<const doc::Run*>& markers, std::size_t first_lines = 0) const;
    /// What a fresh page's foot takes for the notes carried over to it.
    double carry_need() const;
    /// The text area's height left for text on this page.
    double body_height() const { return frame_.text_height - foot_h_; }
    void add_notes(const std::vector<const doc::Run*>& markers);
    void take_carry();
    void finish_page();

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
    NoteLayout note_layout_;
    mutable std::map<const doc::Run*, std::vector<LineBox>> note_cache_;
    std::vector<LineBox> foot_;   // note lines at this page's foot, in order
    double foot_h_ = 0;           // their height with the rule's, 0 with no notes
    std::deque<LineBox> carry_;   // note lines continued at the next page's foot
    bool started_ = false;
};

}  // namespace thidua::layout::detail
