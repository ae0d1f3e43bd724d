#include <cmath>
#include <cstdio>
#include <map>

#include "layout/layout.hpp"

namespace thidua::layout {

namespace {

std::string fmt1(double v) {
    double r = std::round(v * 10) / 10;
    if (r == 0) r = 0;  // no "-0.0"
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", r);
    return buf;
}

std::string fmt_size(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(v * 10) / 10);
    return buf;
}

}  // namespace

std::string dump(const Pages& pages) {
    std::string out;
    for (std::size_t n = 0; n < pages.pages.size(); ++n) {
        const Page& p = pages.pages[n];
        out += "page " + std::to_string(n + 1) + " " + fmt1(p.width_pt) + "x" + fmt1(p.height_pt) +
               " section " + std::to_string(p.section + 1) + " number " +
               std::to_string(p.number_in_section) + (p.show_number ? " shown" : "") + "\n";
        // Group text items by visual line, in order of first appearance.
        std::vector<int> order;
        std::map<int, std::vector<const TextItem*>> by_line;
        for (const TextItem& t : p.texts) {
            if (!by_line.count(t.line)) order.push_back(t.line);
            by_line[t.line].push_back(&t);
        }
        for (int id : order) {
            const auto& items = by_line[id];
            double x1 = items.front()->x, x2 = items.back()->x + items.back()->width;
            std::string line = "  y=" + fmt1(items.front()->y) + " x=" + fmt1(x1) + ".." + fmt1(x2);
            const TextItem* prev = nullptr;
            for (const TextItem* t : items) {
                bool glued = prev && t->x - (prev->x + prev->width) <= 0.01;
                bool same = prev && prev->face == t->face && prev->size == t->size;
                if (!same) {
                    if (prev) line += "\"";
                    line += std::string(glued ? "+" : " ") + face_code(t->face) + fmt_size(t->size) + " \"";
                } else if (!glued) {
                    line += " ";
                }
                line += t->text;
                prev = t;
            }
            line += "\"";
            out += line + "\n";
        }
        for (const LineItem& l : p.lines) {
            out += "  stroke " + fmt1(l.x1) + "," + fmt1(l.y1) + " " + fmt1(l.x2) + "," + fmt1(l.y2) +
                   " w" + fmt_size(l.width) + "\n";
        }
    }
    return out;
}

}  // namespace thidua::layout
