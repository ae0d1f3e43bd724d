#include <algorithm>
#include <map>
#include <set>

#include "doc/sanitize.hpp"
#include "doc/warnings.hpp"
#include "layout/layout.hpp"
#include "layout/paginate.hpp"
#include "layout/table.hpp"

namespace thidua::layout {

namespace {

/// Lays out a sanitized document with measured rules.
Pages layout_prepared(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags,
                      doc::Warnings* also) {
    using namespace detail;
    Pages out;
    doc::Warnings warn;
    int next_para = 0;  // TextItem::para
    // Notes are numbered as paragraphs after all the tree's own, in reading order.
    std::map<const doc::Run*, int> note_para;
    {
        int id = static_cast<int>(doc::paragraph_count(doc));
        for (const doc::FootnoteRef& f : doc::footnotes(doc)) note_para[f.marker] = id++;
    }
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const doc::Section& sec = doc.sections[s];
        const SectionFrame frame = frame_for(sec);
        std::vector<Unit> units;
        std::map<int, Band> headers;
        int table_id = 0;
        for (const doc::Block& block : sec.blocks) {
            if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
                add_paragraph_units(*p, next_para++, frame.text_width, fonts, units);
            } else if (const auto* t = std::get_if<doc::Table>(&block)) {
                TableBands tb = layout_table(*t, next_para, frame.text_width, fonts);
                next_para += paragraph_count(*t);
                int id = table_id++;
                for (std::size_t k = 0; k < tb.bands.size(); ++k) {
                    Unit u;
                    u.table = id;
                    u.splittable = true;
                    u.is_header = tb.has_header && k == 0;
                    if (u.is_header && tb.bands[k].height <= frame.text_height / 2) {
                        headers[id] = tb.bands[k];
                    } else if (u.is_header) {
                        // Repeated, it would leave less room than it takes on every page.
                        warn.note("tall header", [&] {
                            return "các hàng tiêu đề của bảng '" + t->role +
                                   "' cao hơn nửa trang; không lặp lại ở các trang sau";
                        });
                    }
                    u.band = std::move(tb.bands[k]);
                    if (k == 0) u.space_before = tb.space_before;
                    bool last = k + 1 == tb.bands.size();
                    u.keep_with_next = (!last && (t->keep_together || u.is_header)) || u.band.keep_with_next;
                    units.push_back(std::move(u));
                }
                // A heading kept with a table that has no rows keeps with what follows.
            } else if (const auto* sp = std::get_if<doc::Spacer>(&block)) {
                Unit u;
                u.space_before = sp->height;
                units.push_back(std::move(u));
            } else {
                Unit u;
                u.page_break = true;
                units.push_back(std::move(u));
            }
        }
        std::size_t first_page = out.pages.size();
        NoteLayout notes;
        if (!note_para.empty()) {
            notes = [&](const doc::Run& marker) {
                ParagraphBox box = layout_paragraph(doc::footnote_paragraph(doc, marker), 0.0, frame.text_width, fonts);
                auto it = note_para.find(&marker);
                for (LineBox& lb : box.lines)
                    for (TextItem& t : lb.texts) t.para = it == note_para.end() ? -1 : it->second;
                return std::move(box.lines);
            };
        }
        Paginator pag(out, frame, static_cast<int>(s), warn, headers, std::move(notes));
        pag.run(units);
        // Drop a trailing page left empty by a final page break.
        if (out.pages.size() > first_page + 1 && out.pages.back().texts.empty() &&
            out.pages.back().lines.empty()) {
            out.pages.pop_back();
        }
        if (!sec.page_numbers) continue;
        const FontFace& reg = fonts.face(Face::regular);
        const double size = sec.page_number_size;
        for (std::size_t k = first_page; k < out.pages.size(); ++k) {
            Page& page = out.pages[k];
            if (page.number_in_section < sec.page_number_from) continue;
            TextItem t;
            t.text = std::to_string(page.number_in_section);
            t.size = size;
            t.width = reg.width(t.text, size);
            t.x = frame.left + (frame.text_width - t.width) / 2;
            t.y = sec.page_number_baseline * kPtPerMm;
            t.line = -1;
            page.texts.push_back(std::move(t));
            page.show_number = true;
        }
    }
    warn.report(diags);
    if (also != nullptr) also->merge(warn);
    return out;
}

void check_paragraph(const doc::Paragraph& p, const FontSet& fonts, Diagnostics& diags,
                     std::set<std::pair<int, char32_t>>& reported) {
    std::string shown_text;
    std::vector<const doc::Run*> all;
    for (const doc::Run& run : p.runs) {
        all.push_back(&run);
        for (const doc::Run& n : run.note) all.push_back(&n);  // a footnote's text
    }
    for (const doc::Run* rp : all) {
        const doc::Run& run = *rp;
        Face f = face_for(run.bold, run.italic);
        const FontFace& ff = fonts.face(f);
        for (char32_t cp : ff.missing_glyphs(run.text)) {
            if (cp == 0x7F || cp < 0x20) continue;
            if (!reported.insert({static_cast<int>(f), cp}).second) continue;
            if (shown_text.empty()) shown_text = doc::excerpt(p);  // once, not once a character
            static const char* const names[] = {"thường", "đậm", "nghiêng", "đậm nghiêng"};
            diags.error_general("phông chữ " + ff.family + " (" + names[static_cast<int>(f)] +
                                ") không có ký tự " + describe_code_point(cp) +
                                " (trong đoạn \"" + shown_text + "\")");
        }
    }
}

}  // namespace

Pages layout_document(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags,
                      doc::Warnings* also) {
    if (doc::is_sanitized(doc) && rules_measured(doc)) return layout_prepared(doc, fonts, diags, also);
    // Built by hand or not prepared by the driver: prepare a copy.
    doc::Document ready = doc;
    doc::sanitize(ready, diags);
    measure_rules(ready, fonts);
    return layout_prepared(ready, fonts, diags, also);
}

bool check_glyphs(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags) {
    std::size_t before = diags.error_count();
    std::set<std::pair<int, char32_t>> reported;
    for (const doc::Section& s : doc.sections) {
        for (const doc::Block& b : s.blocks) {
            if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
                check_paragraph(*p, fonts, diags, reported);
            } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                for (const doc::Row& row : t->rows)
                    for (const doc::Cell& cell : row.cells)
                        for (const doc::Paragraph& p : cell.paragraphs)
                            check_paragraph(p, fonts, diags, reported);
            }
        }
    }
    return diags.error_count() == before;
}

}  // namespace thidua::layout
