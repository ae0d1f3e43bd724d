#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "layout/layout.hpp"
#include "layout/linebreak.hpp"
#include "layout/paragraph.hpp"

namespace thidua::layout::detail {

namespace {

/// Words a break may come before at no cost: connectives and prepositions that start a
/// phrase, and the words that start an administrative or organisational name. Vietnamese
/// writing rules, not any campaign's subject: a title or an agency name reads in phrases,
/// and these begin one.
bool starts_phrase(const std::string& w) {
    static const char* const words[] = {
        "và", "về", "của", "cho", "trong", "tại", "với", "theo", "năm", "giai", "đợt",
        "phong", "thi", "huyện", "tỉnh", "quận", "xã", "phường", "thị", "thành", "thôn", "tổ",
        "ban", "ủy", "ubnd", "hội", "đối", "trên", "từ", "đến", "giữa", "kèm", "đề",
        "công", "sở", "trường", "đảng", "mặt", "đoàn", "bộ", "cục", "chi", "làng", "ấp",
        "bản", "xóm", "khu", "đội", "trung", "văn", "phòng", "tòa", "viện"};
    for (const char* x : words)
        if (w == x) return true;
    return false;
}

/// Words after which the rest of a name follows, up to the next phrase: a break there
/// splits a place name ("HUYỆN / BẮC QUANG", "PHƯỜNG PHAN / ĐÌNH PHÙNG").
bool names_a_place(const std::string& w) {
    static const char* const words[] = {"huyện", "tỉnh", "quận", "xã", "phường", "trấn",
                                        "thôn", "xóm", "ấp", "bản", "làng", "phố", "khu"};
    for (const char* x : words)
        if (w == x) return true;
    return false;
}

/// The word's letters lower-cased, without the punctuation around them.
std::string key_of(const Word& w) {
    std::string s;
    for (const Piece& p : w.pieces) s += p.text;
    auto punct = [](char c) {
        return c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == ')' || c == '"' ||
               c == '!' || c == '?';
    };
    while (!s.empty() && punct(s.back())) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && punct(s[b])) ++b;
    // Typographic quotes are three bytes each.
    auto strip = [&](std::string_view q) {
        if (s.size() - b >= q.size() && s.compare(b, q.size(), q) == 0) b += q.size();
        if (s.size() >= b + q.size() && s.compare(s.size() - q.size(), q.size(), q) == 0)
            s.erase(s.size() - q.size());
    };
    strip("“");
    strip("”");
    return text::lower(s.substr(b));
}

std::string raw_of(const Word& w) {
    std::string s;
    for (const Piece& p : w.pieces) s += p.text;
    return s;
}

/// True when words 0..i-1 are only the prefix "UBND": a break after it leaves the
/// abbreviation alone on its line ("UBND / THỊ TRẤN VIỆT QUANG").
bool lone_prefix(const std::vector<std::string>& keys, std::size_t i) {
    return i == 1 && keys[0] == "ubnd";
}

/// Cost of a break between words i-1 and i.
double break_cost(const std::vector<Word>& words, const std::vector<std::string>& keys,
                  const std::vector<bool>& in_name, std::size_t i) {
    const std::string before = raw_of(words[i - 1]);
    const std::string& next = keys[i];
    const char last = before.empty() ? ' ' : before.back();
    if (last == ',' || last == ';' || last == ':' || last == ')' || last == '.') return 0;
    const std::string first_raw = raw_of(words[i]);
    if (!first_raw.empty() && (first_raw[0] == '(' || first_raw.rfind("“", 0) == 0)) return 40;
    // A number or a code belongs to the word before it ("năm 2025", "Chỉ thị số 138").
    if (!next.empty() && next[0] >= '0' && next[0] <= '9') return 100000;
    if (in_name[i]) {
        // Between the kind of place and its name ("THỊ TRẤN / VIỆT QUANG") the name stays
        // whole: acceptable, as a phrase break that costs a little more. Inside the name
        // ("BẮC / QUANG") only when nothing else fits.
        // A phrase word there is the rest of a compound ("XÃ / HỘI"), never a name.
        return names_a_place(keys[i - 1]) && !starts_phrase(keys[i]) ? 400 : 100000;
    }
    if (lone_prefix(keys, i)) return 2500;
    // The kinds of place written in two words: "THỊ / TRẤN", "ĐẶC / KHU" split the kind.
    static const char* const kinds[][2] = {
        {"thị", "trấn"}, {"đặc", "khu"}, {"thành", "phố"}, {"dân", "phố"}};
    for (const auto& k : kinds)
        if (keys[i - 1] == k[0] && next == k[1]) return 5000;
    // "Thi đua - Khen thưởng": a line never starts with the dash; after it is a last resort.
    if (next == "-" || next == "–") return 3000;
    if (keys[i - 1] == "-" || keys[i - 1] == "–") return 1200;
    // The terms a dash joins are words of two syllables ("Văn hóa - Xã hội", "Thi đua -
    // Khen thưởng"): not "KHEN / THƯỞNG", nor "THI / ĐUA -".
    if (i >= 2 && (keys[i - 2] == "-" || keys[i - 2] == "–")) return 5000;
    if (i + 1 < keys.size() && (keys[i + 1] == "-" || keys[i + 1] == "–")) return 5000;
    if (starts_phrase(next)) return 60;
    return 900;
}

}  // namespace

void balance_paragraph(doc::Paragraph& para, double width, const FontSet& fonts) {
    if (para.align != doc::Align::center || para.runs.empty()) return;
    for (const doc::Run& r : para.runs)
        if (r.text.find('\n') != std::string::npos) return;  // the author broke it already
    const double left = para.left_indent * kPtPerMm;
    const double first = para.first_indent * kPtPerMm;
    auto avail_of = [&](std::size_t i) {
        double a = width - left - (i == 0 ? first : 0.0);
        return std::isfinite(a) && a >= 1.0 ? a : 1.0;
    };
    std::vector<Token> tokens = tokenize(para, fonts);
    const std::size_t greedy = break_lines(tokens, avail_of).size();
    if (greedy < 2) return;

    std::vector<Word> words;
    std::vector<double> gap;  // gap before words[i]
    double pending = 0;
    for (Token& t : tokens) {
        if (t.kind == Token::space) {
            if (!words.empty()) pending += t.space_width;
        } else if (t.kind == Token::word) {
            gap.push_back(words.empty() ? 0 : pending);
            words.push_back(std::move(t.w));
            pending = 0;
        }
    }
    const std::size_t n = words.size();
    if (n < 2 || n > 200) return;
    for (const Word& w : words)
        if (w.width > avail_of(1) + kEps) return;  // a word cut by characters: leave it greedy

    std::vector<std::string> keys(n);
    for (std::size_t i = 0; i < n; ++i) keys[i] = key_of(words[i]);
    // in_name[i]: word i continues a place name started by an earlier word, so no break
    // before it. The name runs from the word after "huyện", "xã"… to the next phrase word
    // or punctuation.
    std::vector<bool> in_name(n, false);
    bool naming = false;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && naming && !starts_phrase(keys[i])) in_name[i] = true;
        else if (i > 0 && naming && names_a_place(keys[i - 1])) in_name[i] = true;  // "xã hội"
        else naming = false;
        const std::string raw = raw_of(words[i]);
        const char last = raw.empty() ? ' ' : raw.back();
        if (names_a_place(keys[i]) && !(i > 0 && keys[i] == "xã" && keys[i - 1] == "hội")) naming = true;
        if (last == ',' || last == ';' || last == ':' || last == '.' || last == ')') naming = false;
    }

    // Lines are balanced: every line's slack counts (the text is centred), a word alone
    // on the last line costs more than any split, and one line more than the greedy
    // breaker needs is allowed when it saves a bad break.
    const std::size_t max_lines = greedy + 1;
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(max_lines + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<std::size_t>> from(max_lines + 1, std::vector<std::size_t>(n + 1, 0));
    best[0][0] = 0;
    for (std::size_t k = 1; k <= max_lines; ++k) {
        const double avail = avail_of(k - 1);
        for (std::size_t i = 0; i < n; ++i) {
            if (best[k - 1][i] == inf) continue;
            double w = 0;
            for (std::size_t j = i + 1; j <= n; ++j) {
                w += words[j - 1].width + (j - 1 > i ? gap[j - 1] : 0.0);
                if (w > avail + kEps) break;
                const double slack = (avail - w) / avail;
                double c = best[k - 1][i] + 3000 * slack * slack;
                if (j < n) c += break_cost(words, keys, in_name, j);
                if (j == n && k > 1 && j - i == 1) c += 5000;
                if (c < best[k][j]) {
                    best[k][j] = c;
                    from[k][j] = i;
                }
            }
        }
    }
    std::size_t lines = 0;
    double cost = inf;
    for (std::size_t k = greedy; k <= max_lines; ++k) {
        const double c = best[k][n] + (k > greedy ? 1500.0 : 0.0);
        if (c < cost) {
            cost = c;
            lines = k;
        }
    }
    if (lines == 0) return;
    std::vector<bool> break_before(n, false);
    for (std::size_t k = lines, j = n; k > 0; --k) {
        const std::size_t i = from[k][j];
        if (i > 0) break_before[i] = true;
        j = i;
    }

    // Rewrite the runs: the spaces of each chosen gap become one "\n". Gaps are counted as
    // tokenize counts them: a run of spaces with a word before it and one after it.
    std::size_t word_index = 0;  // words started so far
    bool in_word = false;
    bool in_gap = false;
    bool gap_broken = false;
    // Spaces seen since the last word, kept back until the next word says what they are.
    struct Held {
        std::size_t run;
        std::string text;
    };
    std::vector<Held> held;
    doc::Runs out = para.runs;
    for (doc::Run& r : out) r.text.clear();
    for (std::size_t ri = 0; ri < para.runs.size(); ++ri) {
        const std::string& s = para.runs[ri].text;
        std::size_t pos = 0;
        while (pos < s.size()) {
            const char c = s[pos];
            if (c == ' ' || c == '\t') {
                if (in_word) {
                    in_word = false;
                    in_gap = true;
                    gap_broken = word_index < n && break_before[word_index];
                    held.clear();
                }
                if (in_gap) held.push_back({ri, std::string(1, c)});
                else out[ri].text += c;  // leading spaces
                ++pos;
                continue;
            }
            if (!in_word) {
                if (in_gap) {
                    if (gap_broken) out[held.front().run].text += '\n';
                    else
                        for (const Held& h : held) out[h.run].text += h.text;
                    held.clear();
                    in_gap = false;
                }
                in_word = true;
                ++word_index;
            }
            out[ri].text += c;
            ++pos;
        }
    }
    for (const Held& h : held) out[h.run].text += h.text;  // trailing spaces
    para.runs = std::move(out);
}

}  // namespace thidua::layout::detail
