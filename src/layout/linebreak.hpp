// Stage: layout (internal). A paragraph's text → lines: tokens of words in their faces
// and the spaces between them, then a greedy breaker over code points that cuts a word
// wider than the line by characters.
// In: a doc::Paragraph (sanitized) and the FontSet measuring it; out: BrokenLines, each a
// list of words with the gaps before them and its natural width, in points.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "doc/document.hpp"
#include "layout/fonts.hpp"

namespace thidua::layout::detail {

/// Lengths closer than this (points) are equal.
inline constexpr double kEps = 0.01;

/// A stretch of one word in one face.
struct Piece {
    Face face = Face::regular;
    std::string text;
    std::vector<char32_t> cps;
    std::vector<double> advances;
    double width = 0;
    bool underline = false;
    bool superscript = false;        ///< a footnote's number: smaller and raised
    const doc::Run* note = nullptr;  ///< the footnote marker this piece prints, if any
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

/// Splits the paragraph's runs into words, spaces and forced line breaks, measured at the
/// paragraph's size; control characters other than "\n" and tab print nothing.
std::vector<Token> tokenize(const doc::Paragraph& para, const FontSet& fonts);

/// Breaks tokens into lines no wider than avail_of(line index), greedily; a word wider
/// than a line is cut by characters (at least one a line). Time linear in the text.
std::vector<BrokenLine> break_lines(const std::vector<Token>& tokens,
                                    const std::function<double(std::size_t)>& avail_of);

}  // namespace thidua::layout::detail
