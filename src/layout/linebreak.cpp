#include "layout/linebreak.hpp"

#include "base/text.hpp"

namespace thidua::layout::detail {

namespace {

void add_cp(Word& w, Face face, bool underline, char32_t cp, double adv, bool superscript = false,
            const doc::Run* note = nullptr) {
    if (w.pieces.empty() || w.pieces.back().face != face || w.pieces.back().underline != underline ||
        w.pieces.back().superscript != superscript || w.pieces.back().note != note) {
        Piece p;
        p.face = face;
        p.underline = underline;
        p.superscript = superscript;
        p.note = note;
        w.pieces.push_back(std::move(p));
    }
    Piece& p = w.pieces.back();
    text::append_utf8(p.text, cp);
    p.cps.push_back(cp);
    p.advances.push_back(adv);
    p.width += adv;
    w.width += adv;
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
            add_cp(head, p.face, p.underline, p.cps[pos.cp], p.advances[pos.cp], p.superscript, p.note);
        }
    }
    return head;
}

}  // namespace

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
        if (run.superscript) {
            // A footnote's number: part of the word it follows, never broken inside.
            const double size = para.size * doc::kFootnoteMarkerScale;
            const doc::Run* note = run.is_footnote() ? &run : nullptr;
            for (char32_t cp : text::decode(run.text)) {
                if (cp < 0x20 || cp == 0x7F || cp == U' ') continue;
                add_cp(cur, face, false, cp, ff.advance(cp, size), true, note);
            }
            continue;
        }
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

}  // namespace thidua::layout::detail
