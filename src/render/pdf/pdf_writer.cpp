#include "render/pdf/pdf_writer.hpp"

#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "base/files.hpp"
#include "base/text.hpp"
#include "render/pdf/deflate.hpp"
#include "render/pdf/embedded_font.hpp"
#include "render/pdf/pdf_serialiser.hpp"
#include "render/pdf/xmp.hpp"

#ifndef THIDUA_VERSION
#define THIDUA_VERSION "0.0.0"
#endif

namespace thidua::pdf {

namespace detail {
namespace {

using Handle = QPDFObjectHandle;

/// Whether `next` is the next word on the line of `t`: same line and baseline, and a gap
/// of at least a tenth of the size between them (no gap: a style change inside a word).
bool word_follows(const layout::TextItem& t, const layout::TextItem& next) {
    return next.line == t.line && std::abs(next.y - t.y) < 0.01 &&
           next.x - (t.x + t.width) >= 0.1 * t.size && !t.text.empty() && t.text.back() != ' ';
}

/// Whether `t` ends a line and `next`, on the next line, is of the same paragraph.
bool line_goes_on(const layout::TextItem& t, const layout::TextItem& next) {
    return t.para >= 0 && next.para == t.para && next.line != t.line && !t.text.empty() && t.text.back() != ' ';
}

/// Positions and lengths are written in units of 1/100,000 pt, as finely as libharu wrote
/// them (so the pages rasterize as before); each is rounded once from layout's value and
/// relative moves are differences of rounded values, so they never drift.
constexpr long long kUnitsPerPt = 100000;
constexpr int kDecimals = 5;

/// A length in kUnitsPerPt; a value that is not finite is 0, one beyond a billion points
/// (far past any page, and past what a long long holds in these units) is cut there.
long long units(double pt) {
    if (!std::isfinite(pt)) return 0;
    return std::llround(std::clamp(pt, -1e9, 1e9) * static_cast<double>(kUnitsPerPt));
}

/// Appends `v` units as a PDF number: "12.5", "-0.00005", "600".
void append_number(std::string& out, long long v) {
    if (v < 0) {
        out += '-';
        v = -v;
    }
    out += std::to_string(v / kUnitsPerPt);
    long long frac = v % kUnitsPerPt;
    if (frac == 0) return;
    char digits[kDecimals];
    for (int i = kDecimals - 1; i >= 0; --i, frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
    std::size_t n = kDecimals;
    while (digits[n - 1] == '0') --n;
    out += '.';
    out.append(digits, n);
}

Handle number(double v) {
    std::string s;
    append_number(s, units(v));
    return Handle::newReal(s);
}

/// Appends a two-byte code to a literal string, escaping the bytes a string cannot hold
/// plainly.
void append_code(std::string& out, char32_t code) {
    for (char b : {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)}) {
        switch (b) {
            case '(': out += "\\("; break;
            case ')': out += "\\)"; break;
            case '\\': out += "\\\\"; break;
            case '\r': out += "\\r"; break;
            case '\n': out += "\\n"; break;
            default: out += b;
        }
    }
}

/// The structure type of a paragraph: H1..H6 for a heading (its outline level; deeper
/// levels are H6), Title for the role "title", P for anything else.
const char* struct_type(const doc::Paragraph& p) {
    static const char* const headings[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    if (p.outline_level > 0) return headings[std::min(p.outline_level, 6) - 1];
    if (p.role == "title") return "Title";  // role-mapped to H1
    return "P";
}

/// The bookmark level of a paragraph: its outline level for a heading (the tree's, the
/// same as the Word file's), 0 for a document title (the role "title"), -1 for anything else.
int outline_level(const doc::Paragraph& p) {
    if (p.outline_level > 0) return p.outline_level;
    if (p.role == "title") return 0;
    return -1;
}

/// Where each paragraph of the tree was printed (numbered as layout numbers them,
/// TextItem::para).
struct ParaMarks {
    int first_page = -1;    ///< the page of its first word
    double first_top = 0;   ///< the top of its first word, pt from the top edge
    std::vector<std::pair<int, int>> mcids;  ///< (page, MCID) of each marked run, in order
};

/// What the writer knows of one paragraph of the tree.
struct ParaInfo {
    const doc::Paragraph* p;
    std::size_t section;  ///< index of its section
    bool header;      ///< in a table's header rows, printed again on each page the table goes on
    const char* tag;  ///< the structure element its words are marked with: H1, P, TD…
};

/// The paragraphs of `tree` in layout's order (TextItem::para). The only paragraph of a
/// bordered table's cell is the cell itself in the structure tree (TD or TH), which saves
/// an element per cell. Then the footnotes' paragraphs (layout numbers them after the
/// tree's own, in reading order), made in `notes`, tagged Note.
std::vector<ParaInfo> paragraphs_of(const doc::Document& tree, std::deque<doc::Paragraph>& notes) {
    std::vector<ParaInfo> out;
    for (std::size_t sec = 0; sec < tree.sections.size(); ++sec) {
        for (const doc::Block& b : tree.sections[sec].blocks) {
            if (const auto* p = std::get_if<doc::Paragraph>(&b)) {
                out.push_back({p, sec, false, struct_type(*p)});
            } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                for (std::size_t r = 0; r < t->rows.size(); ++r) {
                    const bool header = static_cast<int>(r) < t->header_rows;
                    for (const doc::Cell& c : t->rows[r].cells) {
                        for (const doc::Paragraph& p : c.paragraphs) {
                            const char* tag = !t->borders ? struct_type(p)
                                              : c.paragraphs.size() > 1 ? "P"
                                              : header ? "TH" : "TD";
                            out.push_back({&p, sec, header, tag});
                        }
                    }
                }
            }
        }
    }
    for (const doc::FootnoteRef& f : doc::footnotes(tree)) {
        notes.push_back(doc::footnote_paragraph(tree, *f.marker));
        out.push_back({&notes.back(), f.section, false, "Note"});
    }
    return out;
}

/// A set of BMP code points.
class CodeSet {
public:
    void add(char32_t c) { words_[c >> 6] |= std::uint64_t{1} << (c & 63); }
    void merge(const CodeSet& other) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
    }
    bool empty() const {
        return std::all_of(words_.begin(), words_.end(), [](std::uint64_t w) { return w == 0; });
    }
    /// The codes, ascending.
    std::vector<char32_t> codes() const {
        std::vector<char32_t> out;
        for (std::size_t i = 0; i < words_.size(); ++i) {
            for (std::uint64_t w = words_[i]; w != 0; w &= w - 1) {
                out.push_back(static_cast<char32_t>(i * 64 + static_cast<std::size_t>(std::countr_zero(w))));
            }
        }
        return out;
    }

private:
    std::array<std::uint64_t, 0x10000 / 64> words_{};
};

/// One page's content stream, compressed, and the paragraph of each MCID.
struct PageContent {
    std::string flate;
    std::vector<int> mcid_para;
};

/// Writes the page contents: strokes first (as artifacts), then every word as one text
/// object, each run of one paragraph's words marked with its MCID; collects the codes each
/// face prints and where each paragraph was printed.
class ContentWriter {
public:
    ContentWriter(const std::vector<ParaInfo>& paras, bool tagged)
        : paras_(paras), tagged_(tagged), marks_(paras.size()) {}

    PageContent page(const layout::Page& p, int index) {
        PageContent out;
        std::string& s = ops_;
        s.clear();
        s.reserve(64 * p.texts.size() + 40 * p.lines.size() + 64);
        const double h = p.height_pt;
        if (!p.lines.empty()) {
            if (tagged_) s += "/Artifact BMC\n";
            s += "2 J\n";
            long long width = -1;
            for (const layout::LineItem& l : p.lines) {
                const long long w = units(l.width);
                if (w != width) {
                    append_number(s, w);
                    s += " w\n";
                    width = w;
                }
                append_number(s, units(l.x1));
                s += ' ';
                append_number(s, units(h - l.y1));
                s += " m ";
                append_number(s, units(l.x2));
                s += ' ';
                append_number(s, units(h - l.y2));
                s += " l S\n";
            }
            if (tagged_) s += "EMC\n";
        }
        if (p.texts.empty()) {
            out.flate = zlib_compress(s, kContentLevel);
            return out;
        }
        s += "BT\n";
        int face = -1;
        long long size = -1, x = 0, y = 0;
        int open = kNone;  // what the current marked-content sequence marks
        for (std::size_t k = 0; k < p.texts.size(); ++k) {
            const layout::TextItem& t = p.texts[k];
            const int para = t.para >= 0 && static_cast<std::size_t>(t.para) < paras_.size() ? t.para : -1;
            if (para >= 0 && marks_[para].first_page < 0) {
                marks_[para].first_page = index;
                marks_[para].first_top = t.y - t.size;
            }
            if (tagged_) {
                // A page number, and a table's header rows printed again on a later page,
                // are artifacts; every other word belongs to its paragraph.
                int want = para < 0 ? kPagination
                           : paras_[para].header && marks_[para].first_page < index ? kArtifact
                                                                                     : para;
                if (want != open) {
                    if (open != kNone) s += "EMC\n";
                    if (want == kPagination) {
                        s += "/Artifact <</Type /Pagination>> BDC\n";
                    } else if (want == kArtifact) {
                        s += "/Artifact BMC\n";
                    } else {
                        const int mcid = static_cast<int>(out.mcid_para.size());
                        out.mcid_para.push_back(want);
                        marks_[want].mcids.emplace_back(index, mcid);
                        s += '/';
                        s += paras_[want].tag;
                        s += " <</MCID " + std::to_string(mcid) + ">> BDC\n";
                    }
                    open = want;
                }
            }
            const int f = static_cast<int>(t.face) & 3;
            const long long sz = units(t.size);
            if (f != face || sz != size) {
                s += "/F";
                s += static_cast<char>('1' + f);
                s += ' ';
                append_number(s, sz);
                s += " Tf\n";
                face = f;
                size = sz;
            }
            const long long nx = units(t.x), ny = units(h - t.y);
            append_number(s, nx - x);
            s += ' ';
            append_number(s, ny - y);
            s += " Td\n(";
            x = nx;
            y = ny;
            CodeSet& used = used_[static_cast<std::size_t>(f)];
            for (char32_t c : text::decode(t.text)) {
                if (c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0;  // no such code: glyph 0
                if (c != 0) used.add(c);
                append_code(s, c);
            }
            // Words are placed one by one; a space after each word that another follows on
            // the line, or that ends a line its paragraph goes on from (drawn where it is
            // invisible), lets copied text and the structure tree keep their spaces.
            if (k + 1 < p.texts.size() && (word_follows(t, p.texts[k + 1]) || line_goes_on(t, p.texts[k + 1]))) {
                append_code(s, U' ');
                used.add(U' ');
            }
            s += ") Tj\n";
        }
        if (open != kNone) s += "EMC\n";
        s += "ET\n";
        out.flate = zlib_compress(s, kContentLevel);
        return out;
    }

    /// The codes face `f` prints, ascending.
    std::vector<char32_t> codes(int f) const { return used_[static_cast<std::size_t>(f)].codes(); }
    bool uses(int f) const { return !used_[static_cast<std::size_t>(f)].empty(); }
    const std::array<CodeSet, 4>& used() const { return used_; }
    const std::vector<ParaMarks>& marks() const { return marks_; }

private:
    static constexpr int kNone = -1, kPagination = -2, kArtifact = -3;
    const std::vector<ParaInfo>& paras_;
    bool tagged_;
    std::vector<ParaMarks> marks_;
    std::array<CodeSet, 4> used_;
    std::string ops_;  // the page being written, reused from page to page
};

/// A stream whose data is already compressed with FlateDecode: QPDFWriter passes it
/// through as it is.
Handle flate_stream(QPDF& pdf, const std::string& data) {
    Handle s = Handle::newStream(&pdf);
    s.replaceStreamData(data, Handle::newName("/FlateDecode"), Handle::newNull());
    s.setFilterOnWrite(false);  // new data counts as modified: qpdf would inflate and deflate it again
    return s;
}

Handle dict(std::initializer_list<std::pair<const std::string, Handle>> items) {
    return Handle::newDictionary(std::map<std::string, Handle>(items));
}

/// A run of consecutive codes and their widths, for a CIDFont's /W array.
struct WidthRun {
    char32_t first = 0;
    std::vector<int> widths;
};

/// The widths of the codes printed (`codes` ascending) that face `f` covers, in runs of
/// consecutive codes: /W is [c [w w …] c' [w …] …]. Both writers (qpdf's and the combined
/// file's) print it from here.
std::vector<WidthRun> width_runs(const EmbeddedFont& f, const std::vector<char32_t>& codes) {
    std::vector<WidthRun> runs;
    char32_t prev = 0;
    for (char32_t c : codes) {
        if (!f.covers(c)) continue;
        if (runs.empty() || c != prev + 1) runs.push_back({c, {}});
        runs.back().widths.push_back(f.widths[c]);
        prev = c;
    }
    return runs;
}

/// The Type0 font of face `f` for a document printing `codes` with it.
Handle font_object(QPDF& pdf, const EmbeddedFont& f, const std::vector<char32_t>& codes) {
    Handle file = flate_stream(pdf, f.font_file);
    file.getDict().replaceKey("/Length1", Handle::newInteger(static_cast<long long>(f.font_file_length)));
    Handle descriptor = pdf.makeIndirectObject(dict({
        {"/Type", Handle::newName("/FontDescriptor")},
        {"/FontName", Handle::newName("/" + f.base_font)},
        {"/Flags", Handle::newInteger(f.flags)},
        {"/FontBBox", Handle::newArray({Handle::newInteger(f.bbox[0]), Handle::newInteger(f.bbox[1]),
                                        Handle::newInteger(f.bbox[2]), Handle::newInteger(f.bbox[3])})},
        {"/ItalicAngle", number(f.italic_angle)},
        {"/Ascent", Handle::newInteger(f.ascent)},
        {"/Descent", Handle::newInteger(f.descent)},
        {"/CapHeight", Handle::newInteger(f.cap_height)},
        {"/XHeight", Handle::newInteger(f.x_height)},
        {"/StemV", Handle::newInteger(f.stem_v)},
        {"/FontFile2", file},
    }));
    std::vector<Handle> w;
    for (const WidthRun& r : width_runs(f, codes)) {
        std::vector<Handle> run;
        for (int width : r.widths) run.push_back(Handle::newInteger(width));
        w.push_back(Handle::newInteger(r.first));
        w.push_back(Handle::newArray(run));
    }
    Handle cid = pdf.makeIndirectObject(dict({
        {"/Type", Handle::newName("/Font")},
        {"/Subtype", Handle::newName("/CIDFontType2")},
        {"/BaseFont", Handle::newName("/" + f.base_font)},
        {"/CIDSystemInfo", dict({{"/Registry", Handle::newString("Adobe")},
                                 {"/Ordering", Handle::newString("Identity")},
                                 {"/Supplement", Handle::newInteger(0)}})},
        {"/FontDescriptor", descriptor},
        {"/DW", Handle::newInteger(f.missing_width)},
        {"/W", Handle::newArray(w)},
        {"/CIDToGIDMap", flate_stream(pdf, f.cid_to_gid)},
    }));
    return pdf.makeIndirectObject(dict({
        {"/Type", Handle::newName("/Font")},
        {"/Subtype", Handle::newName("/Type0")},
        {"/BaseFont", Handle::newName("/" + f.base_font)},
        {"/Encoding", Handle::newName("/Identity-H")},
        {"/DescendantFonts", Handle::newArray({cid})},
        {"/ToUnicode", flate_stream(pdf, f.to_unicode)},
    }));
}

/// Builds the structure tree under the Document element: a Sect per section; a heading,
/// a title or a paragraph per paragraph that printed something; a Table of TR and TH/TD
/// per bordered table; a Div per borderless one (the header block and the signature
/// block are a layout grid, not a table of data).
class StructureBuilder {
public:
    StructureBuilder(QPDF& pdf, const std::vector<Handle>& pages, const std::vector<ParaInfo>& paras,
                     const std::vector<ParaMarks>& marks, std::vector<std::vector<Handle>>& parent_tree)
        : pdf_(pdf), pages_(pages), paras_(paras), marks_(marks), parent_tree_(parent_tree) {}

    /// Returns the Document element, or an uninitialised handle when nothing is marked.
    Handle build(const doc::Document& tree, const Handle& root) {
        Handle document = element("Document", root);
        std::vector<Handle> sections;
        for (const doc::Section& s : tree.sections) {
            Handle sect = element("Sect", document);
            std::vector<Handle> kids;
            for (const doc::Block& b : s.blocks) {
                if (std::holds_alternative<doc::Paragraph>(b)) {
                    paragraph(sect, kids);
                } else if (const auto* t = std::get_if<doc::Table>(&b)) {
                    table(*t, sect, kids);
                }
            }
            // The section's footnotes, after its text (ids after every paragraph's).
            const std::size_t sec = sections_seen_++;
            for (std::size_t id = 0; id < paras_.size(); ++id) {
                if (paras_[id].section != sec || std::strcmp(paras_[id].tag, "Note") != 0) continue;
                if (marks_[id].mcids.empty()) continue;
                Handle note = leaf("Note", sect, id, {});
                note.replaceKey("/ID", Handle::newString("fn" + std::to_string(id)));
                kids.push_back(note);
            }
            if (finish(sect, kids)) sections.push_back(sect);
        }
        if (!finish(document, sections)) return {};
        return document;
    }

private:
    Handle element(const std::string& type, const Handle& parent) {
        // /Type /StructElem is optional: left out, as a few bytes of every element.
        return pdf_.makeIndirectObject(dict({{"/S", Handle::newName("/" + type)}, {"/P", parent}}));
    }

    /// Sets the kids of `e`; false (and `e` left out of the tree) when it has none.
    static bool finish(Handle& e, const std::vector<Handle>& kids) {
        if (kids.empty()) return false;
        e.replaceKey("/K", kids.size() == 1 ? kids[0] : Handle::newArray(kids));
        return true;
    }

    /// Adds paragraph number next_para_ as an element under `parent`.
    void paragraph(const Handle& parent, std::vector<Handle>& out) {
        const std::size_t id = static_cast<std::size_t>(next_para_++);
        if (marks_[id].mcids.empty()) return;  // nothing printed (an empty line of a signature block)
        out.push_back(leaf(paras_[id].tag, parent, id, {}));
    }

    /// Returns the element of type `type` whose content is the marked runs of paragraph
    /// `id` (none when it printed nothing), made in one step, with `attrs` as its /A.
    Handle leaf(const char* type, const Handle& parent, std::size_t id, const Handle& attrs) {
        std::map<std::string, Handle> d = {{"/S", Handle::newName(std::string("/") + type)}, {"/P", parent}};
        if (attrs.isInitialized()) d["/A"] = attrs;
        const ParaMarks& m = marks_[id];
        if (!m.mcids.empty()) {
            const int home = m.mcids.front().first;
            d["/Pg"] = pages_[static_cast<std::size_t>(home)];
            std::vector<Handle> kids;
            kids.reserve(m.mcids.size());
            for (const auto& [page, mcid] : m.mcids) {
                if (page == home) {
                    kids.push_back(Handle::newInteger(mcid));
                } else {
                    kids.push_back(dict({{"/Type", Handle::newName("/MCR")},
                                         {"/Pg", pages_[static_cast<std::size_t>(page)]},
                                         {"/MCID", Handle::newInteger(mcid)}}));
                }
            }
            d["/K"] = kids.size() == 1 ? kids[0] : Handle::newArray(kids);
        }
        Handle e = pdf_.makeIndirectObject(Handle::newDictionary(d));
        for (const auto& [page, mcid] : m.mcids) {
            std::vector<Handle>& slots = parent_tree_[static_cast<std::size_t>(page)];
            if (slots.size() <= static_cast<std::size_t>(mcid)) slots.resize(static_cast<std::size_t>(mcid) + 1);
            slots[static_cast<std::size_t>(mcid)] = e;
        }
        return e;
    }

    void table(const doc::Table& t, const Handle& parent, std::vector<Handle>& out) {
        if (!t.borders) {
            Handle div = element("Div", parent);
            std::vector<Handle> kids;
            for (const doc::Row& row : t.rows)
                for (const doc::Cell& c : row.cells)
                    for (std::size_t k = 0; k < c.paragraphs.size(); ++k) paragraph(div, kids);
            if (finish(div, kids)) out.push_back(div);
            return;
        }
        Handle table = element("Table", parent);
        std::vector<Handle> rows;
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const bool header = static_cast<int>(r) < t.header_rows;
            Handle tr = element("TR", table);
            std::vector<Handle> cells;
            for (const doc::Cell& c : t.rows[r].cells) {
                std::map<std::string, Handle> a;
                if (header) a["/Scope"] = Handle::newName("/Column");
                if (c.rowspan > 1) a["/RowSpan"] = Handle::newInteger(c.rowspan);
                if (c.colspan > 1) a["/ColSpan"] = Handle::newInteger(c.colspan);
                Handle attrs;
                if (!a.empty()) {
                    a["/O"] = Handle::newName("/Table");
                    attrs = Handle::newDictionary(a);
                }
                const char* type = header ? "TH" : "TD";
                if (c.paragraphs.size() == 1) {
                    // The cell is its paragraph: one element, not two.
                    cells.push_back(leaf(type, tr, static_cast<std::size_t>(next_para_++), attrs));
                } else {
                    Handle td = element(type, tr);
                    if (attrs.isInitialized()) td.replaceKey("/A", attrs);
                    std::vector<Handle> paras;
                    for (std::size_t k = 0; k < c.paragraphs.size(); ++k) paragraph(td, paras);
                    finish(td, paras);
                    cells.push_back(td);
                }
                // An empty cell stays: it holds its place in the grid.
            }
            finish(tr, cells);
            rows.push_back(tr);
        }
        if (finish(table, rows)) out.push_back(table);
    }

    QPDF& pdf_;
    const std::vector<Handle>& pages_;
    const std::vector<ParaInfo>& paras_;
    const std::vector<ParaMarks>& marks_;
    std::vector<std::vector<Handle>>& parent_tree_;
    int next_para_ = 0;
    std::size_t sections_seen_ = 0;
};

/// One bookmark before the objects are made: its level (-1 a part, 0 a document title,
/// 1-6 a heading), its text, the page it opens (0-based in the file) and where on it.
struct OutlineItem {
    int level;
    std::string title;
    int page;
    double top;  ///< pt from the top edge
    int parent = -1;
    std::vector<int> kids;
};

/// Collects the bookmarks of a document, or of the documents a combined file is made of
/// one after the other (each add() numbering its pages and paragraphs after the last).
class OutlineCollector {
public:
    /// Adds the bookmarks of one document laid out as `laid`, whose paragraphs `paras`
    /// printed as `marks` say: one per heading (and document title) that printed; in a
    /// document of several parts, one per part above them, opening its first page.
    void add(const std::vector<ParaInfo>& paras, const std::vector<ParaMarks>& marks,
             const layout::Pages& laid, const std::vector<PdfInfo::Part>& parts) {
        std::size_t next_part = 0;
        // A part's bookmark, before the first paragraph of its sections (level -1: above
        // titles and headings); it opens the part's first page.
        auto part_before = [&](std::size_t section) {
            while (next_part < parts.size() && parts[next_part].first_section <= section) {
                const PdfInfo::Part& part = parts[next_part++];
                for (std::size_t k = 0; k < laid.pages.size(); ++k) {
                    if (static_cast<std::size_t>(laid.pages[k].section) < part.first_section) continue;
                    std::string text = metadata_text(part.title, 250);
                    if (!text.empty()) items_.push_back({-1, std::move(text), page_base_ + static_cast<int>(k), 0.0, -1, {}});
                    break;
                }
            }
        };
        for (std::size_t i = 0; i < paras.size(); ++i) {
            const int index = para_base_ + static_cast<int>(i);
            part_before(paras[i].section);
            const int level = outline_level(*paras[i].p);
            const ParaMarks& m = marks[i];
            if (level < 0 || m.first_page < 0) continue;
            std::string shown;  // the heading's words, without its footnote numbers
            for (const doc::Run& r : paras[i].p->runs)
                if (!r.is_footnote()) shown += r.text;
            std::string text = metadata_text(shown, 250);
            if (text.empty()) continue;
            // A title set over several paragraphs ("KẾ HOẠCH", then the trích yếu) is one
            // bookmark.
            if (level == 0 && last_title_ == index - 1 && !items_.empty() && items_.back().level == 0) {
                items_.back().title = metadata_text(items_.back().title + " " + text, 250);
                last_title_ = index;
                continue;
            }
            if (level == 0) last_title_ = index;
            items_.push_back({level, std::move(text), page_base_ + m.first_page, m.first_top, -1, {}});
        }
        page_base_ += static_cast<int>(laid.pages.size());
        para_base_ += static_cast<int>(paras.size());
    }

    std::vector<OutlineItem>& items() { return items_; }

    /// Removes and returns the bookmarks collected so far but the last (which the next
    /// document's first title paragraph may still be joined to): a combined file keeps
    /// them in its spill file, not in memory.
    std::vector<OutlineItem> take_all_but_last() {
        std::vector<OutlineItem> out;
        if (items_.size() < 2) return out;
        out.assign(std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end() - 1));
        items_.erase(items_.begin(), items_.end() - 1);
        return out;
    }

private:
    std::vector<OutlineItem> items_;
    int last_title_ = -2;  // the paragraph index of the last title paragraph taken
    int page_base_ = 0, para_base_ = 0;
};

/// The bookmarks' objects, nested by level, each opening its page (`pages`, whose heights
/// are `heights`) at its place. Returns an uninitialised handle when there are none.
Handle outline(QPDF& pdf, std::vector<OutlineItem>& items, const std::vector<Handle>& pages,
               const std::vector<double>& heights) {
    using Item = OutlineItem;
    if (items.empty()) return {};
    std::vector<int> top;
    std::vector<int> stack;
    for (int i = 0; i < static_cast<int>(items.size()); ++i) {
        while (!stack.empty() && items[static_cast<std::size_t>(stack.back())].level >= items[static_cast<std::size_t>(i)].level) stack.pop_back();
        if (stack.empty()) {
            top.push_back(i);
        } else {
            items[static_cast<std::size_t>(i)].parent = stack.back();
            items[static_cast<std::size_t>(stack.back())].kids.push_back(i);
        }
        stack.push_back(i);
    }
    Handle root = pdf.makeIndirectObject(dict({{"/Type", Handle::newName("/Outlines")}}));
    std::vector<Handle> objects;
    objects.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) objects.push_back(pdf.makeIndirectObject(Handle::newDictionary()));
    // A part's bookmark is closed (a combined file lists its parts first), every other one
    // open. An item's /Count is the number of its descendants shown when it is open,
    // negative when it is closed; `shown` is what it adds to the list as it is.
    std::vector<int> count(items.size(), 0), shown(items.size(), 0);
    for (std::size_t i = items.size(); i-- > 0;) {
        for (int k : items[i].kids) count[i] += 1 + shown[static_cast<std::size_t>(k)];
        shown[i] = items[i].level < 0 ? 0 : count[i];
        if (items[i].level < 0) count[i] = -count[i];
    }
    auto link = [&](const std::vector<int>& siblings, const Handle& parent) {
        for (std::size_t s = 0; s < siblings.size(); ++s) {
            const Item& it = items[static_cast<std::size_t>(siblings[s])];
            Handle o = objects[static_cast<std::size_t>(siblings[s])];
            const double height = heights[static_cast<std::size_t>(it.page)];
            const double top_pt = std::clamp(height - it.top, 0.0, height);
            o.replaceKey("/Title", Handle::newUnicodeString(it.title));
            o.replaceKey("/Parent", parent);
            o.replaceKey("/Dest", Handle::newArray({pages[static_cast<std::size_t>(it.page)], Handle::newName("/XYZ"),
                                                    Handle::newNull(), number(top_pt), Handle::newNull()}));
            if (s > 0) o.replaceKey("/Prev", objects[static_cast<std::size_t>(siblings[s - 1])]);
            if (s + 1 < siblings.size()) o.replaceKey("/Next", objects[static_cast<std::size_t>(siblings[s + 1])]);
            if (!it.kids.empty()) {
                o.replaceKey("/First", objects[static_cast<std::size_t>(it.kids.front())]);
                o.replaceKey("/Last", objects[static_cast<std::size_t>(it.kids.back())]);
                o.replaceKey("/Count", Handle::newInteger(count[static_cast<std::size_t>(siblings[s])]));
            }
        }
    };
    link(top, root);
    for (std::size_t i = 0; i < items.size(); ++i) link(items[i].kids, objects[i]);
    int total = 0;
    for (int i : top) total += 1 + shown[static_cast<std::size_t>(i)];
    root.replaceKey("/First", objects[static_cast<std::size_t>(top.front())]);
    root.replaceKey("/Last", objects[static_cast<std::size_t>(top.back())]);
    root.replaceKey("/Count", Handle::newInteger(total));
    return root;
}

std::string pdf_date(const PdfInfo& info) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d000000Z", info.year, info.month, info.day);
    return buf;
}

std::string producer() { return "thidua " THIDUA_VERSION " (libqpdf " + QPDF::QPDFVersion() + ")"; }

/// The font resources of a document whose faces print `used` (only the faces it uses,
/// each shared by every page).
Handle font_resources(QPDF& pdf, const std::array<CodeSet, 4>& used, const layout::FontSet& fonts,
                      const PdfOptions& options) {
    std::map<std::string, Handle> font_names;
    for (int f = 0; f < 4; ++f) {
        if (used[static_cast<std::size_t>(f)].empty()) continue;
        const std::vector<char32_t> codes = used[static_cast<std::size_t>(f)].codes();
        const layout::FontFace& face = fonts.face(static_cast<layout::Face>(f));
        std::shared_ptr<const EmbeddedFont> embedded;
        try {
            embedded = font_for(face.path, face.bytes, codes, options.subset_fonts);
        } catch (const std::runtime_error& e) {
            throw std::runtime_error("phông chữ '" + face.path + "': " + e.what());
        }
        font_names[std::string("/F") + static_cast<char>('1' + f)] = font_object(pdf, *embedded, codes);
    }
    return pdf.makeIndirectObject(dict({{"/Font", Handle::newDictionary(font_names)}}));
}

/// A page of `width` × `height` pt showing `content`.
Handle page_object(QPDF& pdf, const Handle& page_tree, const Handle& resources, const Handle& content,
                   double width, double height) {
    return pdf.makeIndirectObject(dict({
        {"/Type", Handle::newName("/Page")},
        {"/Parent", page_tree},
        {"/MediaBox", Handle::newArray({Handle::newInteger(0), Handle::newInteger(0), number(width), number(height)})},
        {"/Resources", resources},
        {"/Contents", content},
    }));
}

/// Adds the bookmarks, language, viewer preferences, Info dictionary and XMP metadata,
/// then writes the file to `sink` (the same document, the same bytes).
void finish_and_write(QPDF& pdf, Handle& root, const Handle& bookmarks, const PdfInfo& info, Pipeline& sink) {
    if (bookmarks.isInitialized()) root.replaceKey("/Outlines", bookmarks);
    if (!info.language.empty()) root.replaceKey("/Lang", Handle::newString(info.language));
    root.replaceKey("/ViewerPreferences", dict({{"/DisplayDocTitle", Handle::newBool(true)}}));

    const std::string date = pdf_date(info);
    std::map<std::string, Handle> meta = {
        {"/CreationDate", Handle::newString(date)},
        {"/ModDate", Handle::newString(date)},
        {"/Producer", Handle::newUnicodeString(producer())},
    };
    if (!info.title.empty()) meta["/Title"] = Handle::newUnicodeString(info.title);
    if (!info.author.empty()) meta["/Author"] = Handle::newUnicodeString(info.author);
    if (!info.subject.empty()) meta["/Subject"] = Handle::newUnicodeString(info.subject);
    if (!info.creator.empty()) meta["/Creator"] = Handle::newUnicodeString(info.creator);
    pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(Handle::newDictionary(meta)));

    XmpFields x{info.title, info.author, info.subject, info.creator, producer(), info.language, info.year, info.month, info.day};
    Handle xmp = Handle::newStream(&pdf, xmp_packet(x));
    xmp.getDict().replaceKey("/Type", Handle::newName("/Metadata"));
    xmp.getDict().replaceKey("/Subtype", Handle::newName("/XML"));
    xmp.setFilterOnWrite(false);  // stored plainly, for tools that read XMP without a PDF parser
    root.replaceKey("/Metadata", xmp);

    QPDFWriter w(pdf);
    w.setOutputPipeline(&sink);
    w.setMinimumPDFVersion("1.7");
    // No object streams: qpdf 11.3 compresses each with zlib, whose state it allocates
    // and frees every time: about 1.5 ms a document, for 6% fewer bytes (docs/benchmark.md).
    w.setObjectStreamMode(qpdf_o_disable);
    w.setDeterministicID(true);
    w.write();
}

/// Builds the whole file; throws what qpdf throws.
std::string build(const doc::Document& tree, const layout::Pages& laid, const layout::FontSet& fonts,
                  const PdfInfo& info, const PdfOptions& options) {
    std::deque<doc::Paragraph> note_paras;
    const auto paras = paragraphs_of(tree, note_paras);
    ContentWriter writer(paras, options.tagged);
    std::vector<PageContent> contents;
    contents.reserve(laid.pages.size());
    for (std::size_t i = 0; i < laid.pages.size(); ++i) contents.push_back(writer.page(laid.pages[i], static_cast<int>(i)));

    QPDF pdf;
    pdf.emptyPDF();
    Handle root = pdf.getRoot();
    Handle page_tree = root.getKey("/Pages");
    Handle resources = font_resources(pdf, writer.used(), fonts, options);

    std::vector<Handle> pages;
    pages.reserve(laid.pages.size());
    for (std::size_t i = 0; i < laid.pages.size(); ++i) {
        const layout::Page& p = laid.pages[i];
        Handle content = flate_stream(pdf, contents[i].flate);
        std::string().swap(contents[i].flate);  // qpdf keeps its own copy
        pages.push_back(page_object(pdf, page_tree, resources, content, p.width_pt, p.height_pt));
    }
    page_tree.replaceKey("/Kids", Handle::newArray(pages));
    page_tree.replaceKey("/Count", Handle::newInteger(static_cast<long long>(pages.size())));

    // Tagged PDF: the structure tree, and for each page the element of each MCID.
    if (options.tagged) {
        Handle tree_root = pdf.makeIndirectObject(dict({{"/Type", Handle::newName("/StructTreeRoot")}}));
        std::vector<std::vector<Handle>> parent_tree(pages.size());
        StructureBuilder builder(pdf, pages, paras, writer.marks(), parent_tree);
        Handle document = builder.build(tree, tree_root);
        if (document.isInitialized()) {
            std::vector<Handle> nums;
            for (std::size_t i = 0; i < pages.size(); ++i) {
                if (contents[i].mcid_para.empty()) continue;
                pages[i].replaceKey("/StructParents", Handle::newInteger(static_cast<long long>(i)));
                nums.push_back(Handle::newInteger(static_cast<long long>(i)));
                for (Handle& h : parent_tree[i])
                    if (!h.isInitialized()) h = Handle::newNull();  // never: every MCID has an element
                nums.push_back(Handle::newArray(parent_tree[i]));
            }
            tree_root.replaceKey("/K", document);
            tree_root.replaceKey("/ParentTree", pdf.makeIndirectObject(dict({{"/Nums", Handle::newArray(nums)}})));
            tree_root.replaceKey("/ParentTreeNextKey", Handle::newInteger(static_cast<long long>(pages.size())));
            tree_root.replaceKey("/RoleMap", dict({{"/Title", Handle::newName("/H1")}}));
            root.replaceKey("/StructTreeRoot", tree_root);
            root.replaceKey("/MarkInfo", dict({{"/Marked", Handle::newBool(true)}}));
        }
    }

    OutlineCollector collected;
    collected.add(paras, writer.marks(), laid, info.parts);
    std::vector<double> heights;
    heights.reserve(laid.pages.size());
    for (const layout::Page& p : laid.pages) heights.push_back(p.height_pt);
    Handle bookmarks = outline(pdf, collected.items(), pages, heights);

    std::string out;
    Pl_String sink("thidua pdf", nullptr, out);
    finish_and_write(pdf, root, bookmarks, info, sink);
    // The file is kept until every file of the run is written: without the room the string
    // grew into (up to half of it).
    out.shrink_to_fit();
    return out;
}

/// Writes `size` bytes at `at` of the spill file `fd`; throws std::runtime_error.
void spill_write(int fd, std::uint64_t at, const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(at + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("không ghi được tệp tạm: " + files::errno_text(errno));
        done += static_cast<std::size_t>(n);
    }
}

/// Reads `length` bytes at `at` of the spill file `fd`, handing them to `take` in pieces of
/// at most `buf`'s size; throws std::runtime_error.
template <class Take>
void spill_read(int fd, std::uint64_t at, std::uint64_t length, std::string& buf, Take&& take) {
    if (buf.size() < 65536) buf.resize(65536);
    while (length > 0) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(length, buf.size()));
        const ssize_t n = ::pread(fd, buf.data(), want, static_cast<off_t>(at));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error(std::string("không đọc lại được tệp tạm: ") +
                                             (n < 0 ? files::errno_text(errno) : "tệp ngắn hơn đã ghi"));
        take(buf.data(), static_cast<std::size_t>(n));
        at += static_cast<std::uint64_t>(n);
        length -= static_cast<std::uint64_t>(n);
    }
}

/// A PDF number of `v` pt, as number() writes it.
std::string pdf_number(double v) {
    std::string s;
    append_number(s, units(v));
    return s;
}

/// The objects of the Type0 font of face `f` for a file printing `codes` with it, as
/// font_object() makes them through qpdf: the Type0 font as `first`, then its CIDFont, font
/// descriptor, font program, CIDToGIDMap and ToUnicode map (`first` + 1 … + 5).
void write_font(PdfSerialiser& out, std::uint32_t first, const EmbeddedFont& f, const std::vector<char32_t>& codes) {
    const std::uint32_t type0 = first, cid = first + 1, descriptor = first + 2, file = first + 3,
                        cid_to_gid = first + 4, to_unicode = first + 5;
    out.object(type0, "<< /BaseFont /" + f.base_font + " /DescendantFonts [ " + ref(cid) +
                          " ] /Encoding /Identity-H /Subtype /Type0 /ToUnicode " + ref(to_unicode) +
                          " /Type /Font >>");
    std::string w = "[";
    for (const WidthRun& r : width_runs(f, codes)) {
        w += ' ' + std::to_string(static_cast<unsigned long>(r.first)) + " [";
        for (int width : r.widths) w += ' ' + std::to_string(width);
        w += " ]";
    }
    w += " ]";
    out.object(cid, "<< /BaseFont /" + f.base_font +
                        " /CIDSystemInfo << /Ordering (Identity) /Registry (Adobe) /Supplement 0 >> /CIDToGIDMap " +
                        ref(cid_to_gid) + " /DW " + std::to_string(f.missing_width) + " /FontDescriptor " +
                        ref(descriptor) + " /Subtype /CIDFontType2 /Type /Font /W " + w + " >>");
    out.object(descriptor, "<< /Ascent " + std::to_string(f.ascent) + " /CapHeight " + std::to_string(f.cap_height) +
                               " /Descent " + std::to_string(f.descent) + " /Flags " + std::to_string(f.flags) +
                               " /FontBBox [ " + std::to_string(f.bbox[0]) + ' ' + std::to_string(f.bbox[1]) + ' ' +
                               std::to_string(f.bbox[2]) + ' ' + std::to_string(f.bbox[3]) + " ] /FontFile2 " +
                               ref(file) + " /FontName /" + f.base_font + " /ItalicAngle " +
                               pdf_number(f.italic_angle) + " /StemV " + std::to_string(f.stem_v) +
                               " /Type /FontDescriptor /XHeight " + std::to_string(f.x_height) + " >>");
    out.stream(file, "/Filter /FlateDecode /Length1 " + std::to_string(f.font_file_length), f.font_file);
    out.stream(cid_to_gid, "/Filter /FlateDecode", f.cid_to_gid);
    out.stream(to_unicode, "/Filter /FlateDecode", f.to_unicode);
}

}  // namespace

/// See CombinedPdf. The spill file holds, part after part, the part's compressed page
/// contents, then its bookmarks (spill_bookmarks); memory holds a few bytes a page (the
/// length of its contents and which size it is) and a few a part.
struct CombinedState {
    CombinedState(const layout::FontSet& f, int fd) : fonts(f), spill_fd(fd) {}
    const layout::FontSet& fonts;
    int spill_fd;
    std::uint64_t spill_size = 0;
    std::vector<std::uint32_t> page_length;  ///< of each page's compressed contents
    std::vector<std::uint16_t> page_size;    ///< of each page, an index in `sizes`
    std::vector<std::pair<double, double>> sizes;  ///< the page sizes (width, height) met
    struct Part {
        std::uint64_t pages_at;      ///< where its first page's contents are in the spill file
        std::uint64_t bookmarks_at;  ///< where its bookmarks are
        std::uint32_t bookmarks_length;
        std::uint32_t first_page;
    };
    std::vector<Part> parts;
    std::uint64_t bookmarks = 0;  ///< bookmarks spilled so far
    std::array<CodeSet, 4> used{};
    OutlineCollector collected;  ///< holds the last bookmark only between parts

    std::uint16_t size_index(double width, double height) {
        for (std::size_t i = 0; i < sizes.size(); ++i)
            if (sizes[i].first == width && sizes[i].second == height) return static_cast<std::uint16_t>(i);
        if (sizes.size() >= 0xFFFF) throw std::runtime_error("quá nhiều khổ trang khác nhau trong một tệp");
        sizes.emplace_back(width, height);
        return static_cast<std::uint16_t>(sizes.size() - 1);
    }
    double height(std::uint32_t page) const { return sizes[page_size[page]].second; }

    /// Appends `items` to the spill file after the pages: per bookmark its level (one
    /// byte), page (4), top (8), and title (its length in 4, then its bytes).
    void spill_bookmarks(std::vector<OutlineItem> items, Part& part) {
        std::string rec;
        for (const OutlineItem& it : items) {
            char head[17];
            head[0] = static_cast<char>(it.level);
            const std::uint32_t page = static_cast<std::uint32_t>(it.page);
            const std::uint32_t len = static_cast<std::uint32_t>(it.title.size());
            std::memcpy(head + 1, &page, 4);
            std::memcpy(head + 5, &it.top, 8);
            std::memcpy(head + 13, &len, 4);
            rec.append(head, sizeof head);
            rec += it.title;
        }
        part.bookmarks_at = spill_size;
        part.bookmarks_length = static_cast<std::uint32_t>(rec.size());
        spill_write(spill_fd, spill_size, rec.data(), rec.size());
        spill_size += rec.size();
        bookmarks += items.size();
    }

    void add(const doc::Document& doc_part, const layout::Pages& laid, const std::string& title) {
        std::deque<doc::Paragraph> note_paras;  // the part's footnotes, alive while it is written
        const auto paras = paragraphs_of(doc_part, note_paras);
        ContentWriter writer(paras, false);
        Part part{spill_size, 0, 0, static_cast<std::uint32_t>(page_length.size())};
        for (std::size_t i = 0; i < laid.pages.size(); ++i) {
            const layout::Page& p = laid.pages[i];
            PageContent c = writer.page(p, static_cast<int>(i));
            spill_write(spill_fd, spill_size, c.flate.data(), c.flate.size());
            page_length.push_back(static_cast<std::uint32_t>(c.flate.size()));
            page_size.push_back(size_index(p.width_pt, p.height_pt));
            spill_size += c.flate.size();
        }
        for (std::size_t f = 0; f < used.size(); ++f) used[f].merge(writer.used()[f]);
        collected.add(paras, writer.marks(), laid, {{0, title}});
        spill_bookmarks(collected.take_all_but_last(), part);
        parts.push_back(part);
    }

    /// Writes the file to `out`.
    void write(const PdfInfo& info, const PdfSerialiser::Sink& sink) {
        // The last bookmark, kept in memory until now.
        if (!collected.items().empty()) {
            Part last{spill_size, 0, 0, static_cast<std::uint32_t>(page_length.size())};
            spill_bookmarks(std::move(collected.items()), last);
            collected.items().clear();
            parts.push_back(last);
        }
        // The fonts, as font_resources() makes them.
        PdfOptions options;
        std::vector<std::pair<std::shared_ptr<const EmbeddedFont>, std::vector<char32_t>>> faces(4);
        std::uint32_t font_objects = 0;
        for (int f = 0; f < 4; ++f) {
            if (used[static_cast<std::size_t>(f)].empty()) continue;
            std::vector<char32_t> codes = used[static_cast<std::size_t>(f)].codes();
            const layout::FontFace& face = fonts.face(static_cast<layout::Face>(f));
            try {
                faces[static_cast<std::size_t>(f)] = {font_for(face.path, face.bytes, codes, options.subset_fonts), codes};
            } catch (const std::runtime_error& e) {
                throw std::runtime_error("phông chữ '" + face.path + "': " + e.what());
            }
            font_objects += 6;
        }
        // The objects' numbers: the catalog, Info, XMP, the page tree, the resources, the
        // outline root, the fonts; then the contents and the dictionary of each page, then
        // the bookmarks, in their order.
        const std::uint32_t catalog = 1, info_obj = 2, xmp_obj = 3, page_tree = 4, resources = 5, outline_root = 6;
        const std::uint32_t first_font = 7;
        const std::uint64_t n_pages = page_length.size();
        const std::uint32_t first_page = first_font + font_objects;
        const std::uint64_t first_bookmark = first_page + 2 * n_pages;
        const std::uint64_t total = first_bookmark + bookmarks - 1;
        if (total >= 8000000) throw std::runtime_error("tệp gộp có quá nhiều trang và đề mục cho một tệp PDF");
        auto page_obj = [&](std::uint64_t i) { return static_cast<std::uint32_t>(first_page + 2 * i + 1); };

        PdfSerialiser out(sink, static_cast<std::uint32_t>(total));
        out.header();
        std::string fonts_dict = "<< /Font <<";
        for (int f = 0, next = static_cast<int>(first_font); f < 4; ++f) {
            const auto& [embedded, codes] = faces[static_cast<std::size_t>(f)];
            if (!embedded) continue;
            write_font(out, static_cast<std::uint32_t>(next), *embedded, codes);
            fonts_dict += std::string(" /F") + static_cast<char>('1' + f) + ' ' + ref(static_cast<std::uint32_t>(next));
            next += 6;
        }
        fonts_dict += " >> >>";
        out.object(resources, fonts_dict);

        // The pages, their contents copied from the spill file.
        std::string buf;
        std::string kids = "<< /Count " + std::to_string(n_pages) + " /Kids [";
        std::uint64_t at = 0;
        std::size_t next_part = 0;
        const std::string tail = " /Parent " + ref(page_tree) + " /Resources " + ref(resources) + " /Type /Page >>";
        for (std::uint64_t i = 0; i < n_pages; ++i) {
            while (next_part < parts.size() && parts[next_part].first_page <= i) at = parts[next_part++].pages_at;
            const std::uint32_t content = static_cast<std::uint32_t>(first_page + 2 * i);
            out.begin_stream(content, "/Filter /FlateDecode", page_length[i]);
            spill_read(spill_fd, at, page_length[i], buf, [&](const char* d, std::size_t n) { out.data(d, n); });
            out.end_stream();
            at += page_length[i];
            const auto& [w, h] = sizes[page_size[i]];
            out.object(page_obj(i), "<< /Contents " + ref(content) + " /MediaBox [ 0 0 " + pdf_number(w) + ' ' +
                                        pdf_number(h) + " ]" + tail);
            kids += ' ';
            kids += ref(page_obj(i));
        }
        kids += " ] /Type /Pages >>";
        out.object(page_tree, kids);
        std::string().swap(kids);

        // The bookmarks, nested by level as outline() nests them, each written as soon as
        // its kids and next sibling are known: at most one open bookmark per level.
        struct Open {
            std::uint64_t index;
            int level;
            std::uint32_t page;
            double top;
            std::string title;
            std::int64_t prev = -1, first = -1, last = -1;
            int count = 0;  ///< the bookmarks below it shown when it is open
        };
        std::vector<Open> stack;
        std::int64_t top_first = -1, top_last = -1;
        int top_count = 0;
        auto number_of = [&](std::uint64_t index) { return static_cast<std::uint32_t>(first_bookmark + index); };
        // Writes `e`, whose next sibling is `next` (-1: none), and returns what it adds to
        // its parent's /Count. A part's bookmark is closed, every other one open.
        auto close = [&](const Open& e, std::int64_t next, std::uint32_t parent) {
            const double height = this->height(e.page);
            const double top_pt = std::clamp(height - e.top, 0.0, height);
            std::string o = "<< ";
            if (e.first >= 0) o += "/Count " + std::to_string(e.level < 0 ? -e.count : e.count) + ' ';
            o += "/Dest [ " + ref(page_obj(e.page)) + " /XYZ null " + pdf_number(top_pt) + " null ]";
            if (e.first >= 0) {
                o += " /First " + ref(number_of(static_cast<std::uint64_t>(e.first)));
                o += " /Last " + ref(number_of(static_cast<std::uint64_t>(e.last)));
            }
            if (next >= 0) o += " /Next " + ref(number_of(static_cast<std::uint64_t>(next)));
            o += " /Parent " + ref(parent);
            if (e.prev >= 0) o += " /Prev " + ref(number_of(static_cast<std::uint64_t>(e.prev)));
            o += " /Title ";
            append_text_string(o, e.title);
            o += " >>";
            out.object(number_of(e.index), o);
            return 1 + (e.level < 0 ? 0 : e.count);
        };
        auto parent_of_top = [&]() { return stack.empty() ? outline_root : number_of(stack.back().index); };
        // Closes the open bookmarks of level `level` and deeper before bookmark `index`;
        // returns the one closed that is its previous sibling (-1: none).
        auto close_to = [&](int level, std::int64_t index) {
            std::int64_t prev = -1;
            while (!stack.empty() && stack.back().level >= level) {
                Open e = std::move(stack.back());
                stack.pop_back();
                const bool sibling = index >= 0 && (stack.empty() || stack.back().level < level);
                const int add = close(e, sibling ? index : -1, parent_of_top());
                if (stack.empty()) {
                    top_count += add;
                } else {
                    stack.back().count += add;
                }
                if (sibling) prev = static_cast<std::int64_t>(e.index);
            }
            return prev;
        };
        std::uint64_t index = 0;
        for (const Part& part : parts) {
            std::string rec;
            rec.reserve(part.bookmarks_length);
            spill_read(spill_fd, part.bookmarks_at, part.bookmarks_length, buf,
                       [&](const char* d, std::size_t n) { rec.append(d, n); });
            for (std::size_t k = 0; k + 17 <= rec.size(); ++index) {
                if (index >= bookmarks) throw std::runtime_error("không đọc lại được tệp tạm: đề mục hỏng");
                Open e;
                e.index = index;
                e.level = static_cast<signed char>(rec[k]);
                std::uint32_t len = 0;
                std::memcpy(&e.page, rec.data() + k + 1, 4);
                std::memcpy(&e.top, rec.data() + k + 5, 8);
                std::memcpy(&len, rec.data() + k + 13, 4);
                if (e.page >= n_pages || k + 17 + len > rec.size())
                    throw std::runtime_error("không đọc lại được tệp tạm: đề mục hỏng");
                e.title.assign(rec, k + 17, len);
                k += 17 + len;
                e.prev = close_to(e.level, static_cast<std::int64_t>(index));
                if (stack.empty()) {
                    if (top_first < 0) top_first = static_cast<std::int64_t>(index);
                    top_last = static_cast<std::int64_t>(index);
                } else {
                    if (stack.back().first < 0) stack.back().first = static_cast<std::int64_t>(index);
                    stack.back().last = static_cast<std::int64_t>(index);
                }
                stack.push_back(std::move(e));
            }
        }
        close_to(std::numeric_limits<int>::min(), -1);
        if (index != bookmarks) throw std::logic_error("số đề mục đọc lại khác số đã ghi");
        if (bookmarks > 0) {
            out.object(outline_root, "<< /Count " + std::to_string(top_count) + " /First " +
                                         ref(number_of(static_cast<std::uint64_t>(top_first))) + " /Last " +
                                         ref(number_of(static_cast<std::uint64_t>(top_last))) + " /Type /Outlines >>");
        } else {
            out.object(outline_root, "null");  // keeps the numbers; nothing refers to it
        }

        const std::string date = pdf_date(info);
        std::string meta = "<<";
        auto entry = [&](const char* key, const std::string& value) {
            if (value.empty()) return;
            meta += ' ';
            meta += key;
            meta += ' ';
            append_text_string(meta, value);
        };
        entry("/Author", info.author);
        meta += " /CreationDate ";
        append_literal_string(meta, date);
        entry("/Creator", info.creator);
        meta += " /ModDate ";
        append_literal_string(meta, date);
        entry("/Producer", producer());
        entry("/Subject", info.subject);
        entry("/Title", info.title);
        meta += " >>";
        out.object(info_obj, meta);

        XmpFields x{info.title, info.author, info.subject, info.creator, producer(), info.language, info.year, info.month, info.day};
        // Stored plainly, for tools that read XMP without a PDF parser.
        out.stream(xmp_obj, "/Subtype /XML /Type /Metadata", xmp_packet(x));

        std::string root = "<<";
        if (!info.language.empty()) {
            root += " /Lang ";
            append_literal_string(root, info.language);
        }
        root += " /Metadata " + ref(xmp_obj);
        if (bookmarks > 0) root += " /Outlines " + ref(outline_root);
        root += " /Pages " + ref(page_tree) + " /Type /Catalog /ViewerPreferences << /DisplayDocTitle true >> >>";
        out.object(catalog, root);
        out.finish(catalog, info_obj);
    }
};

}  // namespace detail

std::string metadata_text(const std::string& s, std::size_t max_chars) {
    std::string one;
    one.reserve(s.size());
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        // ASCII controls, DEL, and the C1 controls (U+0080..U+009F, "\xC2\x80".."\xC2\x9F")
        // and the line and paragraph separators (U+2028, U+2029) are breaks or noise here.
        const bool c1 = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(s[i + 1]) <= 0x9F;
        const bool sep = c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                         (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9);
        if (c <= 0x20 || c == 0x7F || c1 || sep) {
            space = !one.empty();
            i += c1 ? 1 : sep ? 2 : 0;
            continue;
        }
        if (space) one += ' ';
        space = false;
        one += static_cast<char>(c);
    }
    std::size_t chars = 0;
    for (std::size_t i = 0; i < one.size(); ++i) {
        if ((static_cast<unsigned char>(one[i]) & 0xC0) == 0x80) continue;  // inside a letter
        if (chars++ == max_chars) return one.substr(0, i) + "…";
    }
    return one;
}

PdfInfo info_from(const std::string& title, const std::string& author, const std::string& subject,
                  const std::string& created, Diagnostics& diags) {
    PdfInfo info;
    info.title = metadata_text(title);
    info.author = metadata_text(author);
    info.subject = metadata_text(subject);
    if (created.empty()) return info;
    int y = 0, m = 0, d = 0;
    char tail = 0;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool ok = created.size() == 10 && std::sscanf(created.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
              y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
              !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (!ok) {
        diags.add({Severity::warning, "", 0, 0, "",
                   "ngày tạo tài liệu '" + created + "' không đúng dạng YYYY-MM-DD; dùng 2000-01-01", ""});
        return info;
    }
    info.year = y;
    info.month = m;
    info.day = d;
    return info;
}

namespace {

/// Runs `make` and reports what qpdf and the writer throw as a Vietnamese error; returns
/// whether `make` finished. Only running out of memory goes on up, to the driver (exit 3,
/// nothing written).
template <class Make>
bool reporting_errors(Diagnostics& diags, Make&& make) {
    try {
        make();
        return true;
    } catch (const QPDFExc& e) {
        diags.error_general(std::string("không tạo được tệp PDF: thư viện qpdf báo lỗi (") + e.what() + ")");
    } catch (const std::runtime_error& e) {
        diags.error_general(std::string("không tạo được tệp PDF: ") + e.what());
    } catch (const std::logic_error& e) {
        diags.error_general(std::string("không tạo được tệp PDF: lỗi bên trong khi dựng tệp (") + e.what() + ")");
    }
    return false;
}

}  // namespace

std::optional<std::string> write_pdf(const doc::Document& tree, const layout::Pages& pages,
                                     const layout::FontSet& fonts, const PdfInfo& info,
                                     Diagnostics& diags, const PdfOptions& options) {
    if (pages.pages.empty()) {
        diags.error_general("tài liệu không có trang nào để in ra PDF");
        return std::nullopt;
    }
    std::optional<std::string> out;
    reporting_errors(diags, [&] { out = detail::build(tree, pages, fonts, info, options); });
    return out;
}

CombinedPdf::CombinedPdf(const layout::FontSet& fonts, int spill_fd)
    : state_(std::make_unique<detail::CombinedState>(fonts, spill_fd)) {}

CombinedPdf::~CombinedPdf() = default;

std::size_t CombinedPdf::pages() const { return state_->page_length.size(); }

bool CombinedPdf::add(const doc::Document& part, const layout::Pages& pages, const std::string& title,
                      Diagnostics& diags) {
    try {
        state_->add(part, pages, title);
        return true;
    } catch (const std::runtime_error& e) {
        diags.error_general(std::string("không tạo được tệp PDF gộp: ") + e.what());
    }
    return false;
}

bool CombinedPdf::finish(const PdfInfo& info, const std::string& path, Diagnostics& diags) {
    if (state_->page_length.empty()) {
        diags.error_general("tài liệu không có trang nào để in ra PDF");
        return false;
    }
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
        diags.error_general("không ghi được " + path + ": " + files::errno_text(errno));
        return false;
    }
    bool ok = false;
    try {
        ok = reporting_errors(diags, [&] {
            state_->write(info, [&](const char* data, std::size_t size) {
                if (std::fwrite(data, 1, size, f) != size)
                    throw std::runtime_error("không ghi được " + path + ": " + files::errno_text(errno));
            });
        });
    } catch (...) {
        std::fclose(f);
        throw;
    }
    if (std::fclose(f) != 0 && ok) {
        diags.error_general("không ghi được " + path + ": " + files::errno_text(errno));
        ok = false;
    }
    return ok;
}

}  // namespace thidua::pdf
