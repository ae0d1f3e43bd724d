// Stage: render/xlsx. Excel sheet names from unit names (see make_sheet_names).
#include <set>
#include <string>
#include <vector>

#include <utf8proc.h>

#include "base/text.hpp"
#include "render/xlsx/xlsx_writer.hpp"

namespace thidua::xlsx {
namespace detail {
namespace {

constexpr std::size_t max_sheet_name = 31;  // in UTF-16 units, as Excel counts

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' ||
           c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

bool is_forbidden(char32_t c) {
    return c == U'[' || c == U']' || c == U':' || c == U'*' || c == U'?' || c == U'/' ||
           c == U'\\';
}

bool is_letter_or_digit(char32_t c) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

std::size_t utf16_length(const std::u32string& s) {
    std::size_t n = 0;
    for (char32_t c : s) n += c > 0xFFFF ? 2 : 1;
    return n;
}

/// Drops spaces, hyphens and apostrophes that would dangle at either end.
void trim_ends(std::u32string& s, bool trailing_punct) {
    auto strip_front = [](char32_t c) { return c == U' ' || c == U'\''; };
    auto strip_back = [&](char32_t c) {
        return c == U' ' || c == U'\'' ||
               (trailing_punct && (c == U'-' || c == U',' || c == U';' || c == U'.'));
    };
    std::size_t b = 0;
    while (b < s.size() && strip_front(s[b])) ++b;
    std::size_t e = s.size();
    while (e > b && strip_back(s[e - 1])) --e;
    s = s.substr(b, e - b);
}

/// Cuts `s` to at most `limit` UTF-16 units, at the last space that fits when there is one.
std::u32string shorten(const std::u32string& s, std::size_t limit) {
    if (utf16_length(s) <= limit) return s;
    std::size_t fit = 0, units = 0;  // code points that fit
    while (fit < s.size() && units + (s[fit] > 0xFFFF ? 2 : 1) <= limit) {
        units += s[fit] > 0xFFFF ? 2 : 1;
        ++fit;
    }
    std::size_t cut = fit;
    // s[fit] is the first code point that does not fit; a word ends there if it is a space.
    if (fit < s.size() && s[fit] != U' ') {
        std::size_t space = fit;
        while (space > 0 && s[space - 1] != U' ') --space;
        if (space > 0) cut = space - 1;
    }
    std::u32string out = s.substr(0, cut);
    trim_ends(out, true);
    if (out.empty()) {  // only punctuation before the cut: keep the hard cut
        out = s.substr(0, fit);
        trim_ends(out, false);
    }
    return out;
}

std::string to_utf8(const std::u32string& s) {
    return text::encode(std::vector<char32_t>(s.begin(), s.end()));
}

std::string key_of(const std::string& name) { return text::lower(name); }

}  // namespace

/// Returns the cleaned, not yet shortened name; empty when nothing usable is left.
std::u32string clean_sheet_name(const std::string& raw) {
    if (text::find_invalid_utf8(raw)) return {};
    const auto cps = text::decode(text::nfc(raw));
    std::u32string s;
    bool usable = false;
    for (char32_t c : cps) {
        if (is_space(c) || is_control(c)) {
            if (!s.empty() && s.back() != U' ') s.push_back(U' ');
            continue;
        }
        if (is_forbidden(c)) {
            s.push_back(U'-');
            continue;
        }
        if (is_letter_or_digit(c)) usable = true;
        s.push_back(c);
    }
    if (!usable) return {};
    trim_ends(s, false);
    return s;
}

}  // namespace detail

std::vector<std::string> make_sheet_names(const std::vector<std::string>& unit_names) {
    std::set<std::string> taken = {detail::key_of(summary_sheet_name),
                                   detail::key_of(scoring_sheet_name),
                                   detail::key_of(list_sheet_name), "history"};
    std::vector<std::string> out;
    out.reserve(unit_names.size());
    for (const auto& raw : unit_names) {
        const std::u32string base = detail::clean_sheet_name(raw);
        if (base.empty()) {
            out.emplace_back();
            continue;
        }
        std::string name = detail::to_utf8(detail::shorten(base, detail::max_sheet_name));
        for (int n = 2; taken.count(detail::key_of(name)) != 0; ++n) {
            const std::string suffix = " (" + std::to_string(n) + ")";
            name = detail::to_utf8(detail::shorten(base, detail::max_sheet_name - suffix.size())) +
                   suffix;
        }
        taken.insert(detail::key_of(name));
        out.push_back(std::move(name));
    }
    return out;
}

std::string sheet_ref(const std::string& sheet) {
    std::string out = "'";
    for (char c : sheet) {
        out.push_back(c);
        if (c == '\'') out.push_back('\'');
    }
    out += "'!";
    return out;
}

}  // namespace thidua::xlsx
