#include "layout/layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "base/text.hpp"

namespace thidua::layout {

namespace detail {

constexpr double kEps = 0.01;

// ---------------------------------------------------------------------------------------
// Paragraph → lines

/// A stretch of one word in one face.
struct Piece {
    Face face = Face::regular;
    std::string text;
    std::vector<char32_t> cps;
    std::vector<double> advances;
    double width = 0;
    bool underline = false;
};

/// A word: text between spaces, possibly in several faces ("**Điều 1**.").
struct Word {
    std::vector<Piece> pieces;
    double width = 0;
};

struct Token {
    enum Kind { word, space, newline } kind = word;
    Word w;
    double space_width = 0;
    int spaces = 0;
    bool underline = false;
};

struct Gap {
    double width = 0;
    int spaces = 0;
    bool underline = false;
};

struct LineWord {
    Gap gap;  // the space before this word (empty for the first word of a line)
    Word word;
};

struct BrokenLine {
    std::vector<LineWord> words;
    double natural = 0;
    bool forced_end = false;  // ended by "\n"
};

void add_cp(Word& w, Face face, bool underline, char32_t cp, double adv) {
    if (w.pieces.empty() || w.pieces.back().face != face || w.pieces.back().underline != underline) {
        Piece p;
        p.face = face;
        p.underline = underline;
        w.pieces.push_back(std::move(p));
    }
    Piece& p = w.pieces.back();
    text::append_utf8(p.text, cp);
    p.cps.push_back(cp);
    p.advances.push_back(adv);
    p.width += adv;
    w.width += adv;
}

std::vector<Token> tokenize(const doc::Paragraph& para, const FontSet& fonts) {
    std::vector<Token> out;
    Word cur;
    auto flush = [&] {
        if (!cur.pieces.empty()) {
            Token t;
            t.kind = Token::word;
            t.w = std::move(cur);
            out.push_back(std::move(t));
            cur = Word{};
        }
    };
    for (const doc::Run& run : para.runs) {
        Face face = face_for(run.bold, run.italic);
        const FontFace& ff = fonts.face(face);
        for (char32_t cp : text::decode(run.text)) {
            if (cp == U'\n') {
                flush();
                Token t;
                t.kind = Token::newline;
                out.push_back(std::move(t));
            } else if (cp == U' ' || cp == U'\t') {
                flush();
                double w = ff.advance(U' ', para.size);
                if (!out.empty() && out.back().kind == Token::space) {
                    out.back().space_width += w;
                    out.back().spaces += 1;
                    out.back().underline = out.back().underline && run.underline;
                } else {
                    Token t;
                    t.kind = Token::space;
                    t.space_width = w;
                    t.spaces = 1;
                    t.underline = run.underline;
                    out.push_back(std::move(t));
                }
            } else if (cp < 0x20 || cp == 0x7F) {
                continue;  // other control characters print nothing
            } else {
                add_cp(cur, face, run.underline, cp, ff.advance(cp, para.size));
            }
        }
    }
    flush();
    return out;
}

/// A position inside a word: a piece and a code point of it.
struct WordPos {
    std::size_t piece = 0;
    std::size_t cp = 0;
};

/// Returns the longest run of `w` from `pos` on that is not wider than `avail` (at least
/// one code point, so every call makes progress) and moves `pos` past it. Costs the run
/// only: a word cut over many lines is read once, not copied again for every line.
Word take_head(const Word& w, WordPos& pos, double avail) {
    Word head;
    for (; pos.piece < w.pieces.size(); ++pos.piece, pos.cp = 0) {
        const Piece& p = w.pieces[pos.piece];
        for (; pos.cp < p.cps.size(); ++pos.cp) {
            if (!head.pieces.empty() && head.width + p.advances[pos.cp] > avail + kEps) return head;
            add_cp(head, p.face, p.underline, p.cps[pos.cp], p.advances[pos.cp]);
        }
    }
    return head;
}

std::vector<BrokenLine> break_lines(const std::vector<Token>& tokens,
                                    const std::function<double(std::size_t)>& avail_of) {
    std::vector<BrokenLine> lines(1);
    Gap pending;
    auto new_line = [&](bool forced) {
        lines.back().forced_end = forced;
        lines.emplace_back();
        pending = Gap{};
    };
    for (const Token& t : tokens) {
        if (t.kind == Token::newline) {
            new_line(true);
        } else if (t.kind == Token::space) {
            if (!lines.back().words.empty()) {
                pending.width += t.space_width;
                pending.spaces += t.spaces;
                pending.underline = t.underline;
            }
        } else {
            const Word& w = t.w;
            if (!lines.back().words.empty()) {
                BrokenLine& line = lines.back();
                if (line.natural + pending.width + w.width <= avail_of(lines.size() - 1) + kEps) {
                    line.natural += pending.width + w.width;
                    line.words.push_back({pending, w});
                    pending = Gap{};
                    continue;
                }
                new_line(false);
            }
            if (w.width <= avail_of(lines.size() - 1) + kEps) {
                lines.back().natural = w.width;
                lines.back().words.push_back({Gap{}, w});
                continue;
            }
            // Wider than a line: cut by characters, each line as full as it can be; the
            // last cut stays open for the words that follow.
            WordPos pos;
            while (true) {
                Word head = take_head(w, pos, avail_of(lines.size() - 1));
                lines.back().natural = head.width;
                lines.back().words.push_back({Gap{}, std::move(head)});
                if (pos.piece >= w.pieces.size()) break;
                new_line(false);
            }
        }
    }
    return lines;
}

// ---------------------------------------------------------------------------------------
// Numbers layout cannot use

/// Lengths beyond this (about 3.5 m, several pages) are not real: spaces, indents and
/// padding are held within it, so that sums of them stay finite.
constexpr double kMaxLength = 10000;  // pt
/// The largest line spacing, a multiple of the natural line height: far taller than a page.
constexpr double kMaxLineSpacing = 100;
/// The most grid columns a table may have beyond its widths: a span or a column index
/// past it is cut (a colspan of a billion must not allocate a billion columns).
constexpr std::size_t kMaxColumns = 1000;

/// Returns `v` for a message: "12.5 pt", "vô hạn", "không phải là số".
std::string shown(double v, const char* unit) {
    if (std::isnan(v)) return "không phải là số";
    if (std::isinf(v)) return v > 0 ? "vô hạn" : "âm vô hạn";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return *unit ? std::string(buf) + " " + unit : std::string(buf);
}

/// Returns the first 40 characters of a paragraph for messages, "…" when there are more.
std::string excerpt(const doc::Paragraph& p) {
    std::string out;
    std::vector<char32_t> cps = text::decode(p.text());
    for (std::size_t i = 0; i < cps.size() && i < 40; ++i) text::append_utf8(out, cps[i]);
    if (cps.size() > 40) out += "…";
    return out;
}

/// Warnings that a document may earn many times over (a template repeating a bad value,
/// a thousand lines taller than the page): each kind is reported once, at the end of the
/// layout, with the first place it was seen and how many others there were.
class Warnings {
public:
    void note(const std::string& kind, const std::function<std::string()>& message) {
        auto [it, fresh] = seen_.try_emplace(kind);
        if (fresh) {
            order_.push_back(kind);
            it->second.message = message();
        } else {
            ++it->second.more;
        }
    }
    void report(Diagnostics& diags) const {
        for (const std::string& kind : order_) {
            const Seen& s = seen_.at(kind);
            std::string m = s.message;
            if (s.more > 0) m += " (và " + std::to_string(s.more) + " chỗ khác)";
            diags.add({Severity::warning, "", 0, 0, "", std::move(m), ""});
        }
    }

private:
    struct Seen {
        std::string message;
        std::size_t more = 0;
    };
    std::map<std::string, Seen> seen_;
    std::vector<std::string> order_;
};

/// Notes "<what> của <where> không hợp lệ (<v><why>); dùng <use>".
void note_invalid(Warnings& warn, const std::string& kind, const char* what,
                  const std::function<std::string()>& where, double v, const char* unit,
                  const char* why, const std::string& use) {
    warn.note(kind, [&] {
        return std::string(what) + " của " + where() + " không hợp lệ (" + shown(v, unit) + why +
               "); dùng " + use;
    });
}

/// Returns a font size layout and the PDF page can use: not finite or not positive → 14,
/// above kMaxFontSize → kMaxFontSize, with a warning.
double checked_font_size(double v, Warnings& warn, const std::string& kind, const char* what,
                         const std::function<std::string()>& where) {
    if (!std::isfinite(v) || v <= 0) {
        note_invalid(warn, kind, what, where, v, "pt", "", "14 pt");
        return 14.0;
    }
    if (v > kMaxFontSize) {
        note_invalid(warn, kind, what, where, v, "pt", ", quá lớn", shown(kMaxFontSize, "pt"));
        return kMaxFontSize;
    }
    return v;
}

/// Returns a vertical space in pt: negative → 0 (silently, as always), not finite → 0 and
/// above kMaxLength → kMaxLength with a warning.
double checked_space(double v, Warnings& warn, const std::string& kind, const char* what,
                     const std::function<std::string()>& where) {
    if (!std::isfinite(v)) {
        note_invalid(warn, kind, what, where, v, "pt", "", "0 pt");
        return 0.0;
    }
    if (v > kMaxLength) {
        note_invalid(warn, kind, what, where, v, "pt", ", quá lớn", shown(kMaxLength, "pt"));
        return kMaxLength;
    }
    return std::max(v, 0.0);
}

/// The numbers of a paragraph that layout uses, checked.
struct ParaNumbers {
    double size = 14.0;    ///< pt
    double spacing = 1.0;  ///< multiple of the natural line height
    double left = 0;       ///< left indent, pt
    double first = 0;      ///< first-line indent, pt
    double space_before = 0, space_after = 0;  ///< pt, not negative
};

ParaNumbers numbers_of(const doc::Paragraph& p, Warnings& warn) {
    std::string place;
    auto where = [&]() -> std::string {
        if (place.empty()) place = "đoạn \"" + excerpt(p) + "\"";
        return place;
    };
    ParaNumbers n;
    n.size = checked_font_size(p.size, warn, "paragraph size", "cỡ chữ", where);
    n.spacing = p.line_spacing;
    if (!std::isfinite(n.spacing) || n.spacing <= 0) {
        note_invalid(warn, "line spacing", "giãn dòng", where, p.line_spacing, "", "", "1");
        n.spacing = 1.0;
    } else if (n.spacing > kMaxLineSpacing) {
        note_invalid(warn, "line spacing", "giãn dòng", where, p.line_spacing, "", ", quá lớn",
                     shown(kMaxLineSpacing, ""));
        n.spacing = kMaxLineSpacing;
    }
    auto indent = [&](double mm, const char* kind, const char* what) {
        double pt = mm * kPtPerMm;
        if (std::isfinite(pt) && std::abs(pt) <= kMaxLength) return pt;
        note_invalid(warn, kind, what, where, mm, "mm", std::isfinite(mm) ? ", quá lớn" : "", "0 mm");
        return 0.0;
    };
    n.left = indent(p.left_indent, "left indent", "lề trái");
    n.first = indent(p.first_indent, "first indent", "thụt đầu dòng");
    n.space_before = checked_space(p.space_before, warn, "space before", "khoảng cách trước", where);
    n.space_after = checked_space(p.space_after, warn, "space after", "khoảng cách sau", where);
    return n;
}

/// One visual line or one table cell line: texts and strokes relative to its own top-left.
struct LineBox {
    double top = 0;     ///< relative to the enclosing band/cell top
    double height = 0;
    std::vector<TextItem> texts;   ///< x relative to the band's left, y relative to `top`
    std::vector<LineItem> strokes; ///< same frame as texts
};

struct ParagraphBox {
    std::vector<LineBox> lines;  // tops relative to the paragraph's first line top
    double space_before = 0, space_after = 0;  // pt, checked
};

/// Lays out one paragraph in a box `width` wide whose left edge is `box_x` (in the
/// frame of the band).
ParagraphBox layout_paragraph(const doc::Paragraph& para, double box_x, double width,
                              const FontSet& fonts, Warnings& warn) {
    const FontFace& reg = fonts.face(Face::regular);
    const ParaNumbers num = numbers_of(para, warn);
    const double size = num.size;
    const double natural_h = size * reg.line_height_ratio();
    const double spacing = num.spacing;
    const double line_h = natural_h * spacing;
    const double baseline = (line_h - natural_h) + reg.ascent(size);
    const double left = num.left;
    const double first = num.first;

    auto start_of = [&](std::size_t i) { return left + (i == 0 ? first : 0.0); };
    // At least 1 pt, never NaN: a word wider than that is cut one character a line.
    auto avail_of = [&](std::size_t i) {
        double a = width - start_of(i);
        return std::isfinite(a) && a >= 1.0 ? a : 1.0;
    };

    doc::Paragraph p = para;
    p.size = size;
    std::vector<BrokenLine> broken = break_lines(tokenize(p, fonts), avail_of);

    ParagraphBox box;
    box.space_before = num.space_before;
    box.space_after = num.space_after;
    double y = 0;
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
        if (last && para.rule != doc::Rule::none) {
            double visual = cx - x;
            double rx1 = 0, rx2 = 0;
            if (para.rule == doc::Rule::full) {
                rx1 = box_x;
                rx2 = box_x + width;
            } else {
                double len = visual;
                if (para.rule == doc::Rule::short_) {
                    len = std::min(visual, std::max(visual / 3.0, kShortRuleMinMm * kPtPerMm));
                }
                double mid = x + visual / 2;
                rx1 = mid - len / 2;
                rx2 = mid + len / 2;
            }
            double ry = baseline + reg.descent(size) + kRuleGap;
            lb.strokes.push_back({rx1, ry, rx2, ry, kRuleWidth});
            lb.height = std::max(lb.height, ry + kRuleWidth / 2);
        }
        y += lb.height;
        box.lines.push_back(std::move(lb));
    }
    return box;
}

// ---------------------------------------------------------------------------------------
// Bands: the unit of pagination (a paragraph line, a table row group)

struct BandCell {
    double x = 0, w = 0, top = 0, bottom = 0;
    double pad_top = 0, pad_bottom = 0;
    /// In order, each ending lower than the one before. Those before `first` were printed
    /// on an earlier page; a line's top relative to the band top is `lines[k].top - shift`.
    /// Cutting a band moves what remains up by raising `shift` and `first` instead of
    /// rewriting every remaining line, so a cell over many pages costs its lines once.
    std::vector<LineBox> lines;
    std::size_t first = 0;
    double shift = 0;

    double line_top(std::size_t k) const { return lines[k].top - shift; }
    double line_end(std::size_t k) const { return line_top(k) + lines[k].height; }
};

struct Band {
    double height = 0;
    bool borders = false;
    bool keep_with_next = false;  // the last row of the band is a kept row
    std::vector<BandCell> cells;
};

struct Unit {
    Band band;
    double space_before = 0;  // dropped at the top of a page
    double space_after = 0;
    bool keep_with_next = false;
    bool page_break = false;
    bool splittable = false;  // a table row group may be cut inside as a last resort
    int table = -1;
    bool is_header = false;
};

Band line_band(LineBox lb) {
    Band b;
    b.height = lb.height;
    BandCell c;
    c.bottom = lb.height;
    lb.top = 0;
    c.lines.push_back(std::move(lb));
    b.cells.push_back(std::move(c));
    return b;
}

void add_paragraph_units(const doc::Paragraph& para, double width, const FontSet& fonts,
                         Warnings& warn, std::vector<Unit>& units) {
    ParagraphBox box = layout_paragraph(para, 0.0, width, fonts, warn);
    const std::size_t n = box.lines.size();
    for (std::size_t i = 0; i < n; ++i) {
        Unit u;
        u.band = line_band(std::move(box.lines[i]));
        if (i == 0) u.space_before = box.space_before;
        if (i + 1 == n) {
            u.space_after = box.space_after;
            u.keep_with_next = para.keep_with_next;
        } else if (n < 4) {
            u.keep_with_next = true;  // short paragraphs stay whole
        } else {
            u.keep_with_next = (i == 0) || (i + 2 == n);  // no orphan, no widow
        }
        units.push_back(std::move(u));
    }
}

/// Places the cells' paragraphs; returns the table's bands (header group first when the
/// table has header rows) and marks which one is the header.
struct TableBands {
    std::vector<Band> bands;
    bool has_header = false;
    double space_before = 0;  // pt, checked
};

TableBands layout_table(const doc::Table& table, double text_width, const FontSet& fonts,
                        Diagnostics& diags, Warnings& warn) {
    TableBands out;
    const std::string place = "bảng '" + table.role + "'";
    auto where = [&] { return place; };
    out.space_before = checked_space(table.space_before, warn, "table space before",
                                     "khoảng cách trước", where);
    const std::size_t nrows = table.rows.size();
    if (nrows == 0) return out;

    // Grid positions: trust Cell::column when it points at a free column. Cells of a row
    // only move right, so a column is blocked only by a row span from above, until the
    // row in busy_until.
    struct Placed {
        const doc::Cell* cell;
        std::size_t row, col, colspan, rowspan;
    };
    std::vector<Placed> placed;
    std::vector<std::size_t> busy_until;
    const std::size_t max_cols = std::max(table.widths.size(), kMaxColumns);
    std::size_t ncols = table.widths.size();
    for (std::size_t r = 0; r < nrows; ++r) {
        std::size_t cursor = 0;
        for (const doc::Cell& c : table.rows[r].cells) {
            std::size_t col = std::max<std::size_t>(static_cast<std::size_t>(std::max(c.column, 0)), cursor);
            while (col < busy_until.size() && busy_until[col] > r) ++col;
            std::size_t cs = static_cast<std::size_t>(std::max(c.colspan, 1));
            if (col >= max_cols || cs > max_cols - col) {
                warn.note("table columns", [&] {
                    return "một ô ở hàng " + std::to_string(r + 1) + " của " + place +
                           " vượt quá " + std::to_string(max_cols) +
                           " cột; phần vượt quá bị bỏ";
                });
                if (col >= max_cols) continue;
                cs = max_cols - col;
            }
            std::size_t rs = std::min<std::size_t>(static_cast<std::size_t>(std::max(c.rowspan, 1)), nrows - r);
            if (busy_until.size() < col + cs) busy_until.resize(col + cs, 0);
            for (std::size_t cc = col; cc < col + cs; ++cc) busy_until[cc] = r + rs;
            placed.push_back({&c, r, col, cs, rs});
            cursor = col + cs;
            ncols = std::max(ncols, col + cs);
        }
    }
    if (ncols == 0) return out;

    // Column widths in points, scaled down to the text width.
    std::vector<double> widths(ncols, 0.0);
    double given = 0;
    int positive = 0;
    for (std::size_t i = 0; i < table.widths.size(); ++i) {
        const double pt = table.widths[i] * kPtPerMm;
        if (!std::isfinite(pt) || table.widths[i] < 0) {
            warn.note("column width", [&] {
                return "độ rộng cột " + std::to_string(i + 1) + " của " + place +
                       " không hợp lệ (" + shown(table.widths[i], "mm") +
                       "); cột này chia phần bề rộng còn lại";
            });
        } else if (table.widths[i] > 0) {
            widths[i] = pt;
            given += widths[i];
            ++positive;
        }
    }
    int missing = static_cast<int>(ncols) - positive;
    if (missing > 0) {
        // Columns written as 0 share what the others leave; none left: they stay empty
        // (a header block "55,0,100" spreads out on a landscape page, closes up on portrait).
        double each = positive == 0 ? text_width / ncols
                      : given < text_width ? (text_width - given) / missing : 0.0;
        for (double& w : widths)
            if (w <= 0) w = each;
    }
    double total = 0;
    for (double w : widths) total += w;
    if (total > text_width) {
        if (!std::isfinite(total)) {  // widths near the largest double: scale in two steps
            const double widest = *std::max_element(widths.begin(), widths.end());
            total = 0;
            for (double& w : widths) total += (w /= widest);
        }
        for (double& w : widths) w *= text_width / total;
    }
    std::vector<double> col_x(ncols + 1, 0.0);
    for (std::size_t i = 0; i < ncols; ++i) col_x[i + 1] = col_x[i] + widths[i];

    double pad_x = std::max(table.cell_padding, 0.0) * kPtPerMm;
    if (!std::isfinite(pad_x) || pad_x > kMaxLength) {
        const double usual = doc::Table{}.cell_padding;
        note_invalid(warn, "cell padding", "lề trong ô", where, table.cell_padding, "mm",
                     std::isfinite(pad_x) ? ", quá lớn" : "", shown(usual, "mm"));
        pad_x = usual * kPtPerMm;
    }
    const double pad_top = table.borders ? kCellPadTop : 0.0;
    const double pad_bottom = table.borders ? kCellPadBottom : 0.0;

    // Lay out each cell's paragraphs.
    struct CellContent {
        std::vector<LineBox> lines;  // tops relative to the cell top
        double height = 0;
    };
    std::vector<CellContent> contents(placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const Placed& p = placed[i];
        double cx = col_x[p.col] + pad_x;
        double cw = std::max(col_x[p.col + p.colspan] - col_x[p.col] - 2 * pad_x, 1.0);
        double y = pad_top;
        for (const doc::Paragraph& para : p.cell->paragraphs) {
            ParagraphBox box = layout_paragraph(para, cx, cw, fonts, warn);
            y += box.space_before;
            for (LineBox& lb : box.lines) {
                lb.top += y;
                contents[i].lines.push_back(std::move(lb));
            }
            if (!contents[i].lines.empty()) {
                y = contents[i].lines.back().top + contents[i].lines.back().height;
            }
            y += box.space_after;
        }
        contents[i].height = y + pad_bottom;
    }

    // Row heights.
    std::vector<double> heights(nrows, pad_top + pad_bottom);
    for (std::size_t i = 0; i < placed.size(); ++i)
        if (placed[i].rowspan == 1)
            heights[placed[i].row] = std::max(heights[placed[i].row], contents[i].height);
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const Placed& p = placed[i];
        if (p.rowspan == 1) continue;
        double sum = 0;
        for (std::size_t r = p.row; r < p.row + p.rowspan; ++r) sum += heights[r];
        if (contents[i].height > sum) heights[p.row + p.rowspan - 1] += contents[i].height - sum;
    }
    std::vector<double> row_y(nrows + 1, 0.0);
    for (std::size_t r = 0; r < nrows; ++r) row_y[r + 1] = row_y[r] + heights[r];

    // Row groups: rows tied by row spans (and the header rows) cannot be separated.
    std::vector<std::size_t> span_end(nrows);
    for (std::size_t r = 0; r < nrows; ++r) span_end[r] = r;
    for (const Placed& p : placed) span_end[p.row] = std::max(span_end[p.row], p.row + p.rowspan - 1);
    std::size_t header_rows = std::min<std::size_t>(static_cast<std::size_t>(std::max(table.header_rows, 0)), nrows);
    if (header_rows == nrows && nrows > 0) {
        diags.add({Severity::warning, "", 0, 0, "",
                   "bảng '" + table.role + "' chỉ có hàng tiêu đề, không có hàng nội dung", ""});
        header_rows = 0;
    }
    std::size_t r = 0;
    std::size_t next_cell = 0;  // `placed` is in row order: each group takes the next cells
    while (r < nrows) {
        std::size_t end = r;
        if (r == 0 && header_rows > 0) end = header_rows - 1;
        for (std::size_t k = r; k <= end && k < nrows; ++k) end = std::max(end, span_end[k]);
        end = std::min(end, nrows - 1);
        Band band;
        band.borders = table.borders;
        band.height = row_y[end + 1] - row_y[r];
        for (; next_cell < placed.size() && placed[next_cell].row <= end; ++next_cell) {
            const std::size_t i = next_cell;
            const Placed& p = placed[i];
            BandCell c;
            c.x = col_x[p.col];
            c.w = col_x[p.col + p.colspan] - col_x[p.col];
            c.top = row_y[p.row] - row_y[r];
            c.bottom = row_y[p.row + p.rowspan] - row_y[r];
            c.pad_top = pad_top;
            c.pad_bottom = pad_bottom;
            double shift = c.top;
            double room = (c.bottom - c.top) - contents[i].height;
            if (room > 0 && p.cell->valign == doc::VAlign::middle) shift += room / 2;
            if (room > 0 && p.cell->valign == doc::VAlign::bottom) shift += room;
            c.lines = std::move(contents[i].lines);  // each cell is in one group only
            for (LineBox& lb : c.lines) lb.top += shift;
            band.cells.push_back(std::move(c));
        }
        if (r == 0 && header_rows > 0) out.has_header = true;
        band.keep_with_next = table.rows[end].keep_with_next;
        out.bands.push_back(std::move(band));
        r = end + 1;
    }
    return out;
}

/// Cuts `band` at `h` below its top: returns the part for this page (the lines that end
/// above the cut) and leaves the rest in `band`, moved up. With `force`, at least the first
/// line of the cell whose first line ends soonest stays. Returns nullopt, leaving `band` as
/// it was, when no line would stay. Costs the band's cells and the lines that stay, never
/// the lines that remain: a row over many pages is cut in time linear in its lines.
std::optional<Band> split_band(Band& band, double h, bool force) {
    auto stays = [](const BandCell& c, std::size_t k, double cut) { return c.line_end(k) <= cut + kEps; };
    // A cell's lines end lower and lower: its first remaining line decides for the cell.
    bool any = false;
    double first_end = -1;
    for (const BandCell& c : band.cells) {
        if (c.first >= c.lines.size()) continue;
        if (stays(c, c.first, h)) any = true;
        double e = c.line_end(c.first);
        if (first_end < 0 || e < first_end) first_end = e;
    }
    if (!any) {
        if (!force || first_end < 0) return std::nullopt;
        h = first_end;
    }
    if (h >= band.height - kEps) return std::nullopt;
    // Where each cell's remaining lines start; nothing is changed until a line is sure to stay.
    std::vector<std::size_t> cut(band.cells.size());
    std::size_t staying = 0;
    for (std::size_t i = 0; i < band.cells.size(); ++i) {
        const BandCell& c = band.cells[i];
        std::size_t k = c.first;
        if (c.top < h)
            while (k < c.lines.size() && stays(c, k, h)) ++k;
        cut[i] = k;
        if (c.top < h - kEps) staying += k - c.first;
    }
    if (staying == 0) return std::nullopt;  // every cut must print a line: the loop ends

    Band top;
    top.borders = band.borders;
    top.height = h;
    const double height = band.height;
    double rest_h = height - h;
    std::vector<BandCell> rest;
    for (std::size_t i = 0; i < band.cells.size(); ++i) {
        BandCell& c = band.cells[i];
        const std::size_t k = cut[i];
        if (c.top < h - kEps) {
            BandCell t;
            t.x = c.x;
            t.w = c.w;
            t.top = c.top;
            t.bottom = std::min(c.bottom, h);
            t.pad_top = c.pad_top;
            t.pad_bottom = c.pad_bottom;
            for (std::size_t j = c.first; j < k; ++j) {  // printed now, never needed again
                const double line_top = c.line_top(j);
                t.lines.push_back(std::move(c.lines[j]));
                t.lines.back().top = line_top;
            }
            top.cells.push_back(std::move(t));
        }
        if (c.bottom > h + kEps) {
            double shift = h;
            if (c.top < h) {
                if (k < c.lines.size()) shift = std::min(h, c.line_top(k) - c.pad_top);
                c.top = 0;
            } else {
                c.top = c.top - h;
            }
            c.bottom = c.bottom - h;
            c.first = k;
            c.shift += shift;
            double need = c.bottom;
            if (k < c.lines.size()) {
                need = std::max(need, c.line_end(c.lines.size() - 1) + c.pad_bottom);
            }
            c.bottom = need;
            rest_h = std::max(rest_h, need);
            rest.push_back(std::move(c));
        }
    }
    for (BandCell& c : rest)
        if (c.bottom >= height - h - kEps) c.bottom = std::max(c.bottom, rest_h);
    band.cells = std::move(rest);
    band.height = rest_h;
    return top;
}

// ---------------------------------------------------------------------------------------
// Pagination

struct SectionFrame {
    double width = kA4Width, height = kA4Height;
    double left = 0, top = 0, text_width = 0, text_height = 0;
};

class Paginator {
public:
    Paginator(Pages& out, const SectionFrame& frame, int section, Warnings& warn,
              const std::map<int, Band>& headers)
        : out_(out), frame_(frame), section_(section), warn_(warn), headers_(headers) {
        start_page();
    }

    void run(const std::vector<Unit>& units) {
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

    int pages_made() const { return count_; }

private:
    double chain_height(const std::vector<Unit>& units, std::size_t i, std::size_t j,
                        bool at_top) const {
        double h = 0;
        for (std::size_t k = i; k <= j; ++k) {
            if (!(k == i && at_top)) h += units[k].space_before;
            h += units[k].band.height;
            if (k < j) h += units[k].space_after;
        }
        return h;
    }

    double header_height_for(const Unit& u) const {
        if (u.table < 0 || u.is_header || u.table != last_table_) return 0;
        auto it = headers_.find(u.table);
        return it == headers_.end() ? 0 : it->second.height;
    }

    void place_chain(const std::vector<Unit>& units, std::size_t i, std::size_t j) {
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

    void place_unit(const Unit& unit) {
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

    void new_page_for(const Unit& next) {
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

    void start_page() {
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

    void draw(const Band& band, double y) {
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

    Pages& out_;
    SectionFrame frame_;
    int section_;
    Warnings& warn_;
    const std::map<int, Band>& headers_;
    double cursor_ = 0;
    bool empty_ = true;
    int last_table_ = -1;
    int count_ = 0;
    int next_line_ = 0;
    std::set<std::tuple<long, long, long, long>> edges_;  // border strokes on this page
};

SectionFrame frame_for(const doc::Section& s, std::size_t index, Diagnostics& diags) {
    SectionFrame f;
    bool landscape = s.orientation == doc::Orientation::landscape;
    f.width = landscape ? kA4Height : kA4Width;
    f.height = landscape ? kA4Width : kA4Height;
    double ml = s.margin_left, mr = s.margin_right, mt = s.margin_top, mb = s.margin_bottom;
    bool finite = std::isfinite(ml) && std::isfinite(mr) && std::isfinite(mt) && std::isfinite(mb);
    bool bad = !finite || ml < 0 || mr < 0 || mt < 0 || mb < 0 ||
               f.width - (ml + mr) * kPtPerMm < 72 || f.height - (mt + mb) * kPtPerMm < 72;
    if (bad) {
        diags.add({Severity::warning, "", 0, 0, "",
                   "lề của phần " + std::to_string(index + 1) + " không hợp lệ (" +
                       (finite ? "âm hoặc quá lớn" : "không phải là số hữu hạn") +
                       "); dùng lề mặc định 25/20/35/20 mm",
                   ""});
        ml = 35;
        mr = 20;
        mt = 25;
        mb = 20;
    }
    f.left = ml * kPtPerMm;
    f.top = mt * kPtPerMm;
    f.text_width = f.width - (ml + mr) * kPtPerMm;
    f.text_height = f.height - (mt + mb) * kPtPerMm;
    return f;
}

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

void check_paragraph(const doc::Paragraph& p, const FontSet& fonts, Diagnostics& diags,
                     std::set<std::pair<int, char32_t>>& reported) {
    std::string shown_text;
    for (const doc::Run& run : p.runs) {
        Face f = face_for(run.bold, run.italic);
        const FontFace& ff = fonts.face(f);
        for (char32_t cp : ff.missing_glyphs(run.text)) {
            if (cp == 0x7F || cp < 0x20) continue;
            if (!reported.insert({static_cast<int>(f), cp}).second) continue;
            if (shown_text.empty()) shown_text = excerpt(p);  // once, not once a character
            static const char* const names[] = {"thường", "đậm", "nghiêng", "đậm nghiêng"};
            diags.error_general("phông chữ " + ff.family + " (" + names[static_cast<int>(f)] +
                                ") không có ký tự " + describe_code_point(cp) +
                                " (trong đoạn \"" + shown_text + "\")");
        }
    }
}

}  // namespace detail

Pages layout_document(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags) {
    using namespace detail;
    Pages out;
    Warnings warn;
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const doc::Section& sec = doc.sections[s];
        SectionFrame frame = frame_for(sec, s, diags);
        const std::string section_name = "phần " + std::to_string(s + 1);
        auto section_where = [&] { return section_name; };
        std::vector<Unit> units;
        std::map<int, Band> headers;
        int table_id = 0;
        for (const doc::Block& block : sec.blocks) {
            if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
                add_paragraph_units(*p, frame.text_width, fonts, warn, units);
            } else if (const auto* t = std::get_if<doc::Table>(&block)) {
                TableBands tb = layout_table(*t, frame.text_width, fonts, diags, warn);
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
                u.space_before = checked_space(sp->height, warn, "spacer", "chiều cao khoảng trống",
                                               section_where);
                units.push_back(std::move(u));
            } else {
                Unit u;
                u.page_break = true;
                units.push_back(std::move(u));
            }
        }
        std::size_t first_page = out.pages.size();
        Paginator pag(out, frame, static_cast<int>(s), warn, headers);
        pag.run(units);
        // Drop a trailing page left empty by a final page break.
        if (out.pages.size() > first_page + 1 && out.pages.back().texts.empty() &&
            out.pages.back().lines.empty()) {
            out.pages.pop_back();
        }
        if (!sec.page_numbers || out.pages.size() < first_page + 2) continue;  // none printed
        const FontFace& reg = fonts.face(Face::regular);
        const double size = checked_font_size(sec.page_number_size, warn, "page number size",
                                              "cỡ chữ số trang", section_where);
        for (std::size_t k = first_page; k < out.pages.size(); ++k) {
            Page& page = out.pages[k];
            if (page.number_in_section < 2) continue;
            TextItem t;
            t.text = std::to_string(page.number_in_section);
            t.size = size;
            t.width = reg.width(t.text, size);
            t.x = frame.left + (frame.text_width - t.width) / 2;
            t.y = kPageNumberBaselineMm * kPtPerMm;
            t.line = -1;
            page.texts.push_back(std::move(t));
            page.show_number = true;
        }
    }
    warn.report(diags);
    return out;
}

bool check_glyphs(const doc::Document& doc, const FontSet& fonts, Diagnostics& diags) {
    std::size_t before = diags.error_count();
    std::set<std::pair<int, char32_t>> reported;
    for (const doc::Section& s : doc.sections) {
        for (const doc::Block& b : s.blocks) {
            if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
                detail::check_paragraph(*p, fonts, diags, reported);
            } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                for (const doc::Row& row : t->rows)
                    for (const doc::Cell& cell : row.cells)
                        for (const doc::Paragraph& p : cell.paragraphs)
                            detail::check_paragraph(p, fonts, diags, reported);
            }
        }
    }
    return diags.error_count() == before;
}

std::string dump(const Pages& pages) {
    using detail::fmt1;
    using detail::fmt_size;
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
