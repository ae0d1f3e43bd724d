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

/// Decodes valid UTF-8 into code points.
std::vector<char32_t> decode(std::string_view s);
/// Encodes code points as UTF-8.
std::string encode(const std::vector<char32_t>& cps);
void append_utf8(std::string& out, char32_t cp);

/// Returns the number of code points in valid UTF-8.
std::size_t length(std::string_view s);

/// Returns `s` in Unicode Normalization Form C (precomposed), e.g. NFD "ơ" → "ơ".
std::string nfc(std::string_view s);

/// Returns `s` with every letter upper-cased per Unicode ("đồng chí" → "ĐỒNG CHÍ").
std::string upper(std::string_view s);
/// Returns `s` with every letter lower-cased per Unicode.
std::string lower(std::string_view s);
/// Returns `s` with its first letter upper-cased and the rest unchanged.
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

/// Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY"; nullopt when malformed or the date does not
/// exist (2023-02-29, 2024-13-01).
std::optional<Date> parse_date(std::string_view iso);
/// True when the year, month and day form a real date of the Gregorian calendar.
bool valid_date(int year, int month, int day);
/// Returns the day number of a complete date (days since 1970-01-01), for comparisons
/// and differences.
long days_from_civil(const Date& d);

/// "ngày 05 tháng 01 năm 2025", "ngày 13 tháng 9 năm 2024": day 1-9 and months 1-2 take
/// a leading zero (ND 30 Phụ lục I II.4). Blank parts print as spaces:
/// "ngày    tháng 4 năm 2024".
std::string date_long(const Date& d);
/// "05/8/2025": the day zero-padded, the month not (citation practice, format-spec §5.1).
std::string date_short(const Date& d);
/// "05/08/2025": both padded.
std::string date_padded(const Date& d);

/// "02", "10", "125": a count zero-padded to two digits ("02 đợt").
std::string pad2(long n);

/// "2.340.000", "1,5", "0,3", "98": "." between thousands, "," before decimals; at most
/// `max_decimals` decimals, trailing zeros dropped.
std::string number(double v, int max_decimals = 2);

/// "I", "IV", "XIV" for 1..3999; the decimal number otherwise.
std::string roman(int n);

/// The n-th điểm letter (1-based): a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s,
/// t, u, v, x, y; past y: "aa", "bb"… (never happens in real documents).
std::string diem_letter(int n);

/// Normalises a whole input file: strips a UTF-8 byte-order mark, turns CRLF and CR into
/// LF, and applies NFC. `s` must be valid UTF-8.
std::string normalize_input(std::string_view s);

}  // namespace thidua::text
