#include "doc/document.hpp"

#include <cstdio>

namespace thidua::doc {

std::string Paragraph::text() const {
    std::string out;
    for (const auto& r : runs) out += r.text;
    return out;
}

const Style* Document::style(const std::string& role) const {
    for (const Style& s : styles)
        if (s.role == role) return &s;
    return nullptr;
}

namespace {

void number_paragraph(Paragraph& p, int& next) {
    for (Run& r : p.runs) {
        if (!r.is_footnote()) continue;
        r.text = std::to_string(++next);
        r.superscript = true;
    }
}

}  // namespace

void number_footnotes(Document& doc) {
    int next = 0;
    for (Section& s : doc.sections) {
        for (Block& b : s.blocks) {
            if (auto* p = std::get_if<Paragraph>(&b)) {
                number_paragraph(*p, next);
            } else if (auto* t = std::get_if<Table>(&b)) {
                for (Row& row : t->rows)
                    for (Cell& c : row.cells)
                        for (Paragraph& p : c.paragraphs) number_paragraph(p, next);
            }
        }
    }
}

std::vector<FootnoteRef> footnotes(const Document& doc) {
    std::vector<FootnoteRef> out;
    auto scan = [&](std::size_t sec, const Paragraph& p) {
        for (const Run& r : p.runs)
            if (r.is_footnote()) out.push_back({sec, &r});
    };
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        for (const Block& b : doc.sections[s].blocks) {
            if (const auto* p = std::get_if<Paragraph>(&b)) {
                scan(s, *p);
            } else if (const auto* t = std::get_if<Table>(&b)) {
                for (const Row& row : t->rows)
                    for (const Cell& c : row.cells)
                        for (const Paragraph& p : c.paragraphs) scan(s, p);
            }
        }
    }
    return out;
}

std::size_t paragraph_count(const Document& doc) {
    std::size_t n = 0;
    for (const Section& s : doc.sections) {
        for (const Block& b : s.blocks) {
            if (std::holds_alternative<Paragraph>(b)) {
                ++n;
            } else if (const auto* t = std::get_if<Table>(&b)) {
                for (const Row& row : t->rows)
                    for (const Cell& c : row.cells) n += c.paragraphs.size();
            }
        }
    }
    return n;
}

Paragraph footnote_paragraph(const Document& doc, const Run& marker) {
    Paragraph p;
    p.role = "footnote";
    p.size = kFootnoteSize;
    p.first_indent = 0;
    p.space_before = 0;
    p.line_spacing = 1.0;
    p.align = Align::justify;
    bool bold = false, italic = false;
    if (const Style* st = doc.style("footnote")) {
        p.size = st->size;
        p.first_indent = st->first_indent;
        p.left_indent = st->left_indent;
        p.space_before = st->space_before;
        p.space_after = st->space_after;
        p.line_spacing = st->line_spacing;
        p.align = st->align;
        bold = st->bold;
        italic = st->italic;
    }
    Run number;
    number.text = marker.text;
    number.superscript = true;
    p.runs.push_back(std::move(number));
    p.runs.push_back(Run{" ", bold, italic, false});
    for (const Run& r : marker.note)
        p.runs.push_back(Run{r.text, r.bold || bold, r.italic || italic, r.underline});
    return p;
}

void append(Document& into, Document&& part) {
    for (Style& s : part.styles)
        if (!into.style(s.role)) into.styles.push_back(std::move(s));
    for (Section& s : part.sections) into.sections.push_back(std::move(s));
}

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

const char* align_name(Align a) {
    switch (a) {
        case Align::justify: return "justify";
        case Align::left: return "left";
        case Align::center: return "center";
        case Align::right: return "right";
    }
    return "?";
}

const char* rule_name(Rule r) {
    switch (r) {
        case Rule::none: return "";
        case Rule::short_: return " rule=short";
        case Rule::text: return " rule=text";
        case Rule::full: return " rule=full";
    }
    return "";
}

std::string runs_text(const Runs& runs) {
    std::string out;
    for (const auto& r : runs) {
        std::string mark = r.bold && r.italic ? "***" : r.bold ? "**" : r.italic ? "*" : "";
        std::string t = r.text;
        for (std::size_t i = 0; (i = t.find('\n', i)) != std::string::npos;) {
            t.replace(i, 1, "\\n");
        }
        if (r.underline) t = "__" + t + "__";
        if (r.is_footnote()) {
            out += "[^" + t + ": " + runs_text(r.note) + "]";
            continue;
        }
        out += mark + t + mark;
    }
    return out;
}

void dump_paragraph(std::string& out, const Paragraph& p, const std::string& indent) {
    out += indent + "p[" + p.role + " " + align_name(p.align) + " " + num(p.size);
    if (p.first_indent != 0) out += " indent=" + num(p.first_indent);
    if (p.left_indent != 0) out += " left=" + num(p.left_indent);
    if (p.space_before != 0) out += " before=" + num(p.space_before);
    if (p.space_after != 0) out += " after=" + num(p.space_after);
    if (p.keep_with_next) out += " keep";
    out += rule_name(p.rule);
    out += "] " + runs_text(p.runs) + "\n";
}

void dump_block(std::string& out, const Block& b, const std::string& indent) {
    if (auto* p = std::get_if<Paragraph>(&b)) {
        dump_paragraph(out, *p, indent);
    } else if (auto* t = std::get_if<Table>(&b)) {
        out += indent + "table[" + t->role + (t->borders ? " borders" : " noborders");
        if (t->keep_together) out += " keep";
        if (t->header_rows) out += " header_rows=" + std::to_string(t->header_rows);
        out += " widths=";
        for (std::size_t i = 0; i < t->widths.size(); ++i) {
            if (i) out += ',';
            out += num(t->widths[i]);
        }
        out += "]\n";
        for (const auto& row : t->rows) {
            out += indent + (row.keep_with_next ? "  row keep\n" : "  row\n");
            for (const auto& cell : row.cells) {
                out += indent + "    cell[col=" + std::to_string(cell.column);
                if (cell.colspan != 1) out += " colspan=" + std::to_string(cell.colspan);
                if (cell.rowspan != 1) out += " rowspan=" + std::to_string(cell.rowspan);
                out += "]\n";
                for (const auto& p : cell.paragraphs) dump_paragraph(out, p, indent + "      ");
            }
        }
    } else if (auto* s = std::get_if<Spacer>(&b)) {
        out += indent + "spacer " + num(s->height) + "\n";
    } else {
        out += indent + "pagebreak\n";
    }
}

}  // namespace

std::string dump_styles(const Document& doc) {
    std::string out;
    for (const Style& s : doc.styles) {
        out += "style " + s.role + (s.name.empty() ? "" : " \"" + s.name + "\"") + " [" +
               align_name(s.align) + " " + num(s.size);
        if (s.bold) out += " bold";
        if (s.italic) out += " italic";
        if (s.first_indent != 0) out += " indent=" + num(s.first_indent);
        if (s.left_indent != 0) out += " left=" + num(s.left_indent);
        if (s.space_before != 0) out += " before=" + num(s.space_before);
        if (s.space_after != 0) out += " after=" + num(s.space_after);
        out += " spacing=" + num(s.line_spacing);
        if (s.keep_with_next) out += " keep";
        if (s.outline_level) out += " outline=" + std::to_string(s.outline_level);
        out += "]\n";
    }
    return out;
}

std::string dump(const Document& doc) {
    std::string out;
    for (const auto& s : doc.sections) {
        out += std::string("section ") +
               (s.orientation == Orientation::portrait ? "portrait" : "landscape") +
               (s.page_numbers ? " page_numbers" : "") + " margins=" + num(s.margin_top) + "/" +
               num(s.margin_bottom) + "/" + num(s.margin_left) + "/" + num(s.margin_right) +
               "\n";
        for (const auto& b : s.blocks) dump_block(out, b, "  ");
    }
    return out;
}

}  // namespace thidua::doc
