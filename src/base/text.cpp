#include "base/text.hpp"

#include <utf8proc.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace thidua::text {

namespace detail {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/// The index of the first byte at or after `i` that is not ASCII (s.size() when none),
/// eight bytes at a time: most of a JSON file or a template is ASCII.
std::size_t ascii_end(std::string_view s, std::size_t i) {
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    while (i + 8 <= s.size()) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + i, 8);
        if ((word & high) != 0) break;
        i += 8;
    }
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    return i;
}

/// Decodes the sequence at `s[i]`; returns its length in bytes, or 0 when it is not
/// valid UTF-8 (overlong, surrogate, above U+10FFFF, truncated or a stray byte).
std::size_t decode_one(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const std::size_t left = s.size() - i;
    const unsigned char c0 = b(0);
    if (c0 < 0x80) {
        cp = c0;
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c0 >= 0xC2 && c0 <= 0xDF) {
        len = 2;
    } else if (c0 >= 0xE0 && c0 <= 0xEF) {
        len = 3;
        if (c0 == 0xE0) lo = 0xA0;  // overlong below U+0800
        if (c0 == 0xED) hi = 0x9F;  // surrogates U+D800..U+DFFF
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
        len = 4;
        if (c0 == 0xF0) lo = 0x90;  // overlong below U+10000
        if (c0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return 0;  // C0, C1 (overlong), F5..FF, or a stray continuation byte
    }
    if (left < len) return 0;
    if (b(1) < lo || b(1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        if (!is_continuation(b(k))) return 0;
    }
    char32_t v = c0 & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < len; ++k) v = (v << 6) | (b(k) & 0x3F);
    cp = v;
    return len;
}

bool nfc_inert(char32_t cp) {
    // Latin up to U+02FF, Latin Extended Additional (every precomposed Vietnamese letter)
    // and the general punctuation offices type (dashes, quotes, ellipsis, per mille; not the
    // spaces U+2000..U+200F nor U+2028..U+202F, two of which NFC replaces).
    return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x2030 && cp <= 0x205E);
}

bool nfc_inert(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decode_one(s, i, cp);
        if (len == 0 || !nfc_inert(cp)) return false;
        i += len;
    }
    return true;
}

/// Runs utf8proc_map with `options` on valid UTF-8; returns nullopt on any utf8proc error.
std::optional<std::string> map_valid(std::string_view s, int options) {
    if (s.empty()) return std::string();
    utf8proc_uint8_t* dest = nullptr;
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                     static_cast<utf8proc_ssize_t>(s.size()), &dest,
                     static_cast<utf8proc_option_t>(options));
    if (n < 0 || dest == nullptr) {
        std::free(dest);
        return std::nullopt;
    }
    std::string out(reinterpret_cast<const char*>(dest), static_cast<std::size_t>(n));
    std::free(dest);
    return out;
}

/// Appends the NFC of the valid UTF-8 `s` to `out`. Text can be cut before any nfc_inert
/// code point without changing its NFC (such a starter neither composes with what comes
/// before it nor lets a mark after it move across it), so only the pieces that hold another
/// code point go through utf8proc, each with the inert letter it starts with ("e" + U+0302);
/// the rest, nearly all of a Vietnamese file in NFC, is copied as it is.
void append_nfc(std::string& out, std::string_view s, int options) {
    std::size_t copied = 0;  // s[0, copied) is in `out`
    std::size_t piece = 0;   // where the piece being read starts
    bool dirty = false;      // the piece holds a code point that is not inert
    const auto flush = [&](std::size_t end) {
        if (!dirty) return;
        out += s.substr(copied, piece - copied);
        const std::string_view p = s.substr(piece, end - piece);
        if (auto mapped = map_valid(p, options)) {
            out += *mapped;
        } else {
            out += p;  // out of memory or overflow in utf8proc: keep the text
        }
        copied = end;
        dirty = false;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = static_cast<unsigned char>(s[i]);
        if (cp < 0x80) {
            // A run of ASCII: every byte is inert, so the piece ends before the first and
            // the last one starts the next.
            flush(i);
            const std::size_t end = ascii_end(s, i + 1);
            piece = end - 1;
            i = end;
            continue;
        }
        std::size_t len = 1;
        if (cp >= 0x80) {
            len = decode_one(s, i, cp);
            if (len == 0) {  // not reached: `s` is valid
                len = 1;
                cp = kReplacement;
            }
        }
        if (nfc_inert(cp)) {
            flush(i);
            piece = i;
        } else {
            dirty = true;
        }
        i += len;
    }
    flush(s.size());
    out += s.substr(copied);
}

/// Applies `f` to every code point of `s`; invalid bytes are copied unchanged.
template <class F>
std::string map_code_points(std::string_view s, F f) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        std::size_t len = decode_one(s, i, cp);
        if (len == 0) {
            out += s[i];
            ++i;
            continue;
        }
        append_utf8(out, f(cp));
        i += len;
    }
    return out;
}

char32_t to_upper(char32_t cp) {
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
}

char32_t to_lower(char32_t cp) {
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

bool is_letter(char32_t cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO: return true;
        default: return false;
    }
}

/// Width of a blank day or month: the width of a two-digit number, so that with the
/// surrounding separators the gap between the words is four spaces.
constexpr const char* kBlank = "  ";

std::string two_digits(int n) {
    std::string s = std::to_string(n);
    if (n >= 0 && n < 10) s.insert(s.begin(), '0');
    return s;
}

/// Inserts "." between groups of three digits of a decimal digit string.
std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return out;
}

}  // namespace detail

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            i = detail::ascii_end(s, i + 1);
            continue;
        }
        char32_t cp = 0;
        std::size_t len = detail::decode_one(s, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        std::size_t len = detail::decode_one(s, i, cp);
        if (len == 0) {
            out.push_back(detail::kReplacement);
            ++i;
        } else {
            out.push_back(cp);
            i += len;
        }
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = detail::kReplacement;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encode(const std::vector<char32_t>& cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps) append_utf8(out, cp);
    return out;
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        std::size_t len = detail::decode_one(s, i, cp);
        i += len == 0 ? 1 : len;
        ++n;
    }
    return n;
}

std::string nfc(std::string_view s) {
    // Normalise each valid run on its own and keep invalid bytes as they are, so that
    // one bad byte does not stop the rest of the text from being normalised.
    constexpr int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::string_view rest = s.substr(pos);
        std::size_t run = find_invalid_utf8(rest).value_or(rest.size());
        if (run > 0) {
            detail::append_nfc(out, rest.substr(0, run), options);
        }
        if (run < rest.size()) out += rest[run];
        pos += run + 1;
    }
    return out;
}

std::string upper(std::string_view s) { return detail::map_code_points(s, detail::to_upper); }

std::string lower(std::string_view s) { return detail::map_code_points(s, detail::to_lower); }

std::string capitalize_first(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        std::size_t len = detail::decode_one(s, i, cp);
        if (len == 0) {
            ++i;
            continue;
        }
        if (detail::is_letter(cp)) {
            std::string out(s.substr(0, i));
            append_utf8(out, detail::to_upper(cp));
            out += s.substr(i + len);
            return out;
        }
        i += len;
    }
    return std::string(s);
}

bool valid_date(int year, int month, int day) {
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = days[static_cast<std::size_t>(month - 1)];
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && leap) max = 29;
    return day <= max;
}

std::optional<Date> parse_date(std::string_view iso) {
    auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
        if (from + count > iso.size()) return std::nullopt;
        int v = 0;
        for (std::size_t k = from; k < from + count; ++k) {
            if (iso[k] < '0' || iso[k] > '9') return std::nullopt;
            v = v * 10 + (iso[k] - '0');
        }
        return v;
    };
    if (iso.size() != 4 && iso.size() != 7 && iso.size() != 10) return std::nullopt;
    Date d;
    auto y = digits(0, 4);
    if (!y || *y < 1) return std::nullopt;
    d.year = *y;
    if (iso.size() >= 7) {
        if (iso[4] != '-') return std::nullopt;
        auto m = digits(5, 2);
        if (!m || *m < 1 || *m > 12) return std::nullopt;
        d.month = *m;
    }
    if (iso.size() == 10) {
        if (iso[7] != '-') return std::nullopt;
        auto day = digits(8, 2);
        if (!day || !valid_date(d.year, d.month, *day)) return std::nullopt;
        d.day = *day;
    }
    return d;
}

long days_from_civil(const Date& d) {
    // Howard Hinnant's days_from_civil; blank month or day count as 1.
    long y = d.year;
    const long m = d.month > 0 ? d.month : 1;
    const long day = d.day > 0 ? d.day : 1;
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string date_long(const Date& d) {
    std::string out = "ngày ";
    out += d.day > 0 ? detail::two_digits(d.day) : detail::kBlank;
    out += " tháng ";
    if (d.month <= 0) {
        out += detail::kBlank;
    } else {
        out += d.month <= 2 ? detail::two_digits(d.month) : std::to_string(d.month);
    }
    out += " năm ";
    out += d.year > 0 ? std::to_string(d.year) : std::string(detail::kBlank);
    return out;
}

std::string date_short(const Date& d) {
    std::string out = d.day > 0 ? detail::two_digits(d.day) : detail::kBlank;
    out += '/';
    // ND 30: months 1 and 2 take a leading zero ("03/02/2025"), the others do not.
    out += d.month > 0 ? (d.month < 3 ? detail::two_digits(d.month) : std::to_string(d.month))
                       : detail::kBlank;
    out += '/';
    out += d.year > 0 ? std::to_string(d.year) : std::string(detail::kBlank);
    return out;
}

std::string date_padded(const Date& d) {
    std::string out = d.day > 0 ? detail::two_digits(d.day) : detail::kBlank;
    out += '/';
    out += d.month > 0 ? detail::two_digits(d.month) : detail::kBlank;
    out += '/';
    out += d.year > 0 ? std::to_string(d.year) : std::string(detail::kBlank);
    return out;
}

std::string pad2(long n) {
    const bool negative = n < 0;
    // Through unsigned so that the most negative long does not overflow.
    unsigned long magnitude =
        negative ? 0UL - static_cast<unsigned long>(n) : static_cast<unsigned long>(n);
    std::string digits = std::to_string(magnitude);
    if (digits.size() < 2) digits.insert(digits.begin(), '0');
    return negative ? "-" + digits : digits;
}

std::string number(double v, int max_decimals) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v < 0 ? "-∞" : "∞";
    if (max_decimals < 0) max_decimals = 0;
    if (max_decimals > 9) max_decimals = 9;
    const bool negative = std::signbit(v);
    const double a = std::fabs(v);

    std::string int_part;
    std::string frac_part;
    double scale = 1;
    for (int k = 0; k < max_decimals; ++k) scale *= 10;
    const double scaled = std::round(a * scale);  // half away from zero: 0,125 → 0,13
    if (scaled < 9.0e15) {
        auto units = static_cast<unsigned long long>(scaled);
        auto factor = static_cast<unsigned long long>(scale);
        int_part = std::to_string(units / factor);
        if (max_decimals > 0) {
            frac_part = std::to_string(units % factor);
            frac_part.insert(0, static_cast<std::size_t>(max_decimals) - frac_part.size(), '0');
        }
    } else {
        // Too large for exact integer arithmetic: let printf write all the digits.
        std::array<char, 400> buf{};
        std::snprintf(buf.data(), buf.size(), "%.*f", max_decimals, a);
        std::string text = buf.data();
        std::size_t dot = text.find('.');
        int_part = text.substr(0, dot);
        if (dot != std::string::npos) frac_part = text.substr(dot + 1);
    }
    while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();

    std::string out;
    if (negative && (int_part != "0" || !frac_part.empty())) out += '-';  // no "-0"
    out += detail::group_thousands(int_part);
    if (!frac_part.empty()) out += ',' + frac_part;
    return out;
}

std::string roman(int n) {
    if (n < 1 || n > max_roman) return std::to_string(n);
    static constexpr std::array<std::pair<int, const char*>, 13> table{{{1000, "M"},
                                                                        {900, "CM"},
                                                                        {500, "D"},
                                                                        {400, "CD"},
                                                                        {100, "C"},
                                                                        {90, "XC"},
                                                                        {50, "L"},
                                                                        {40, "XL"},
                                                                        {10, "X"},
                                                                        {9, "IX"},
                                                                        {5, "V"},
                                                                        {4, "IV"},
                                                                        {1, "I"}}};
    std::string out;
    for (const auto& [value, symbol] : table) {
        while (n >= value) {
            out += symbol;
            n -= value;
        }
    }
    return out;
}

std::string diem_letter(int n) {
    static constexpr std::array<const char*, 23> letters{
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
        "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    if (n < 1 || n > max_diem_letter) return {};
    const auto index = static_cast<std::size_t>(n - 1);
    const std::string letter = letters[index % letters.size()];
    std::string out;
    for (std::size_t k = 0; k <= index / letters.size(); ++k) out += letter;
    return out;
}

std::string normalize_input(std::string_view s) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    if (s.find('\r') == std::string_view::npos) return nfc(s);
    std::string lf;
    lf.reserve(s.size());
    std::size_t from = 0;
    for (std::size_t cr = s.find('\r'); cr != std::string_view::npos; cr = s.find('\r', from)) {
        lf.append(s, from, cr - from);
        lf += '\n';
        from = cr + 1 < s.size() && s[cr + 1] == '\n' ? cr + 2 : cr + 1;
    }
    lf.append(s, from);
    return nfc(lf);
}

std::optional<ControlChar> find_control(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return ControlChar{i, c};
        if (c == 0xC2 && i + 1 < s.size()) {
            const unsigned char next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return ControlChar{i, next};
        }
    }
    return std::nullopt;
}

std::string code_point_name(unsigned code) {
    char out[16];
    std::snprintf(out, sizeof out, "U+%04X", code);
    return out;
}

}  // namespace thidua::text
