// Stage: base. The Vietnamese text rules, in one place: UTF-8 checks, NFC, case mapping,
// dates per ND 30/2020, counts, numbers, Roman numerals and the điểm letters.
// In: UTF-8 strings; out: UTF-8 strings. Nothing here allocates a locale or reads state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace thidua::text {

/// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt when `s` is
/// valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

/// A control character in UTF-8 text: its byte offset and code point.
struct ControlChar {
    std::size_t offset = 0;
    unsigned code = 0;
};

/// The first control character of `s` that text must not carry: C0 but tab and line feed,
/// DEL, and C1 (U+0080–U+009F, encoded C2 80–9F). Invisible when printed, cut a PDF's
/// metadata short, or drive a terminal (ESC). nullopt when there is none.
std::optional<ControlChar> find_control(std::string_view s);

/// "U+001B" for 0x1B: how a message names a code point.
std::string code_point_name(unsigned code);

/// Decodes valid UTF-8 into code points; each byte of an invalid sequence becomes U+FFFD.
std::vector<char32_t> decode(std::string_view s);
/// Encodes code points as UTF-8 (surrogates and values above U+10FFFF become U+FFFD).
std::string encode(const std::vector<char32_t>& cps);
/// Appends one code point to `out` as UTF-8, with the same replacement as encode.
void append_utf8(std::string& out, char32_t cp);

/// Returns the number of code points in valid UTF-8 (each invalid byte counts as one).
std::size_t length(std::string_view s);

/// Returns `s` in Unicode Normalization Form C (precomposed), e.g. NFD "ơ" → "ơ".
/// Invalid UTF-8 bytes are kept as they are and the valid text around them is normalised.
std::string nfc(std::string_view s);

namespace detail {
/// True when `cp` is a starter (combining class 0) that is its own NFC and that no
/// composition takes as its second part: text made only of such code points is already in
/// NFC, whatever their order. Holds for Latin below U+0300, Latin Extended Additional and
/// most general punctuation; the unit test checks every one against utf8proc.
bool nfc_inert(char32_t cp);
/// True when every code point of the valid UTF-8 `s` is nfc_inert (nfc returns it as is).
bool nfc_inert(std::string_view s);
}  // namespace detail

/// Returns `s` with every letter upper-cased per Unicode ("đồng chí" → "ĐỒNG CHÍ"),
/// one code point to one (simple case mapping); invalid UTF-8 bytes are kept as they are.
std::string upper(std::string_view s);
/// Returns `s` with every letter lower-cased per Unicode, like upper.
std::string lower(std::string_view s);
/// Returns `s` with its first letter upper-cased and the rest unchanged; leading
/// non-letters are skipped ("“đồng chí" → "“Đồng chí").
std::string capitalize_first(std::string_view s);

/// A calendar date whose day or month may be blank (a draft "ngày   tháng 4 năm 2024").
struct Date {
    int year = 0;
    int month = 0;  ///< 0 = blank
    int day = 0;    ///< 0 = blank

    bool complete() const { return year > 0 && month > 0 && day > 0; }
    bool operator==(const Date&) const = default;
    auto operator<=>(const Date&) const = default;
};

/// Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY" (exactly those digit counts, year ≥ 1);
/// nullopt when malformed or the date does not exist (2023-02-29, 2024-13-01).
std::optional<Date> parse_date(std::string_view iso);
/// True when the year, month and day form a real date of the Gregorian calendar.
bool valid_date(int year, int month, int day);
/// Returns the day number of a complete date (days since 1970-01-01), for comparisons
/// and differences; a blank month or day counts as 1.
long days_from_civil(const Date& d);

/// "ngày 05 tháng 01 năm 2025", "ngày 13 tháng 9 năm 2024": day 1-9 and months 1-2 take
/// a leading zero (ND 30 Phụ lục I II.4). A blank day, month or year prints as two
/// spaces (the width of "05"), so with its separators the gap between the words is
/// exactly four spaces for handwriting: "ngày    tháng 4 năm 2024".
std::string date_long(const Date& d);
/// "05/8/2025", "03/02/2025": the day zero-padded, the month only when 1 or 2 (ND 30).
/// Blank parts print as two spaces: "  /8/2025".
std::string date_short(const Date& d);
/// "05/08/2025": both padded; blank parts as in date_short.
std::string date_padded(const Date& d);

/// "02", "10", "125": a count zero-padded to two digits ("02 đợt"); negatives "-05".
std::string pad2(long n);

/// "2.340.000", "1,5", "0,3", "98": "." between thousands, "," before decimals; at most
/// `max_decimals` decimals (clamped to 0..9), rounded half away from zero, trailing zeros
/// dropped; negatives "-1,5" (never "-0"); NaN and infinities print "NaN", "∞", "-∞".
std::string number(double v, int max_decimals = 2);

/// The numbers roman() writes in Roman numerals.
inline constexpr int max_roman = 3999;

/// "I", "IV", "XIV" for 1..max_roman; the decimal number otherwise.
std::string roman(int n);

/// The last điểm letter diem_letter() writes: the 1000th is 44 letters long already.
inline constexpr int max_diem_letter = 1000;

/// The n-th điểm letter (1-based): a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s,
/// t, u, v, x, y; past y: "aa", "bb"… (never happens in real documents); "" for n < 1
/// and for n > max_diem_letter (callers report those: the letters would only repeat).
std::string diem_letter(int n);

/// Normalises a whole input file: strips a UTF-8 byte-order mark, turns CRLF and CR into
/// LF, and applies NFC. `s` should be valid UTF-8 (check with find_invalid_utf8 first);
/// invalid bytes are kept as they are.
std::string normalize_input(std::string_view s);

}  // namespace thidua::text
