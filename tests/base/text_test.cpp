// Tests for base/text: UTF-8 checks, NFC, Vietnamese case mapping, dates, numbers,
// Roman numerals and điểm letters.
#include <doctest/doctest.h>

#include <climits>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "base/text.hpp"

#include <utf8proc.h>

#include <cstdlib>

using namespace thidua::text;

namespace {

// The 89 Vietnamese letters, lower and upper, in NFC (format-spec §5.2).
const char* const kLower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
const char* const kUpper = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ";

std::vector<std::string> split_chars(const std::string& s) {
    std::vector<std::string> out;
    for (char32_t cp : decode(s)) {
        std::string one;
        append_utf8(one, cp);
        out.push_back(one);
    }
    return out;
}

}  // namespace

TEST_SUITE("base") {

TEST_CASE("text: each of the 89 Vietnamese letters maps to its pair both ways") {
    const auto lower_letters = split_chars(kLower);
    const auto upper_letters = split_chars(kUpper);
    REQUIRE(lower_letters.size() == 89);
    REQUIRE(upper_letters.size() == 89);
    for (std::size_t i = 0; i < 89; ++i) {
        CAPTURE(lower_letters[i]);
        CHECK(upper(lower_letters[i]) == upper_letters[i]);
        CHECK(lower(upper_letters[i]) == lower_letters[i]);
        CHECK(upper(upper_letters[i]) == upper_letters[i]);
        CHECK(lower(lower_letters[i]) == lower_letters[i]);
    }
    CHECK(upper(kLower) == kUpper);
    CHECK(lower(kUpper) == kLower);
    // The irregular pairs of §5.2, spelled as code points.
    CHECK(upper("\u0111") == "\u0110");  // đ → Đ
    CHECK(lower("\u0110") == "\u0111");
    CHECK(upper("\u01B0") == "\u01AF");  // ư → Ư: upper is the odd code point here
    CHECK(lower("\u01AF") == "\u01B0");
    CHECK(upper("\u1EF9") == "\u1EF8");  // ỹ → Ỹ
}

TEST_CASE("text: upper, lower and capitalize_first on phrases") {
    CHECK(upper("đồng chí") == "ĐỒNG CHÍ");
    CHECK(upper("Ủy ban nhân dân tỉnh Đắk Lắk") == "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
    CHECK(lower("KẾ HOẠCH THI ĐUA NĂM 2025") == "kế hoạch thi đua năm 2025");
    CHECK(upper("a\xFF" "b") == "A\xFF" "B");  // invalid bytes kept as they are
    CHECK(capitalize_first("đồng chí") == "Đồng chí");
    CHECK(capitalize_first("ưu tiên") == "Ưu tiên");
    CHECK(capitalize_first("“đồng chí”") == "“Đồng chí”");
    CHECK(capitalize_first("1. nội dung") == "1. Nội dung");
    CHECK(capitalize_first("Đã có") == "Đã có");
    CHECK(capitalize_first("") == "");
    CHECK(capitalize_first("2025") == "2025");
}

TEST_CASE("text: NFD input becomes NFC") {
    // ơ = o + U+031B horn
    CHECK(nfc("o\xCC\x9B") == "ơ");
    // Việt with ệ = e + U+0323 dot below + U+0302 circumflex (canonical order)
    CHECK(nfc("Vie\xCC\xA3\xCC\x82t") == "Việt");
    // the same marks in the other order still compose to ệ
    CHECK(nfc("Vie\xCC\x82\xCC\xA3t") == "Việt");
    // Đ has no decomposition; ắ = a + U+0306 breve + U+0301 acute
    CHECK(nfc("\xC4\x90" "a\xCC\x86\xCC\x81k") == "Đắk");
    // ư = u + U+031B; ừ adds U+0300 grave
    CHECK(nfc("u\xCC\x9B\xCC\x80") == "ừ");
    CHECK(nfc("Việt Nam") == "Việt Nam");
    CHECK(nfc("") == "");
    // invalid bytes are kept and the text around them is still normalised
    CHECK(nfc("o\xCC\x9B\xFFo\xCC\x9B") == "ơ\xFFơ");
    // an embedded NUL does not cut the text
    CHECK(nfc(std::string("a\0o\xCC\x9B", 5)) == std::string("a\0ơ", 4));
    CHECK(length("Việt Nam") == 8);
    CHECK(length("Vie\xCC\xA3\xCC\x82t") == 6);
}

TEST_CASE("text: the code points nfc passes through untouched are stable under NFC, checked against utf8proc") {
    // nfc skips utf8proc for text made only of nfc_inert code points: each must be a
    // starter, its own NFC, and never the second part of a canonical composition.
    std::size_t inert = 0;
    for (char32_t cp = 1; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        const auto c = static_cast<utf8proc_int32_t>(cp);
        // Second parts: every code point after the first in any full canonical decomposition.
        utf8proc_int32_t parts[8];
        int last = 0;
        const utf8proc_ssize_t n = utf8proc_decompose_char(c, parts, 8, UTF8PROC_DECOMPOSE, &last);
        REQUIRE(n >= 1);
        for (utf8proc_ssize_t k = 1; k < n && k < 8; ++k) {
            INFO(code_point_name(cp) << " decomposes with " << code_point_name(static_cast<unsigned>(parts[k])) << " after its first part");
            CHECK_FALSE(detail::nfc_inert(static_cast<char32_t>(parts[k])));
        }
        if (!detail::nfc_inert(cp)) continue;
        ++inert;
        INFO(code_point_name(cp));
        CHECK(utf8proc_get_property(c)->combining_class == 0);
        std::string one;
        append_utf8(one, cp);
        utf8proc_uint8_t* out = nullptr;
        const utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(one.data()),
                                                  static_cast<utf8proc_ssize_t>(one.size()), &out,
                                                  static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
        REQUIRE(len > 0);
        CHECK(std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len)) == one);
        std::free(out);
    }
    CHECK(inert == 0x300 - 1 + 0x100 + 0x18 + 0x2F);
    // Vietnamese text in NFC takes the quick path and comes back the same; a combining
    // mark anywhere sends the whole run through utf8proc.
    CHECK(detail::nfc_inert(std::string_view(kLower)));
    CHECK(detail::nfc_inert(std::string_view(kUpper)));
    CHECK(detail::nfc_inert(std::string_view("Kế hoạch – “thi đua” … 5‰")));
    CHECK_FALSE(detail::nfc_inert(std::string_view("Vie\xCC\xA3\xCC\x82t")));
    CHECK_FALSE(detail::nfc_inert(std::string_view("a\xE2\x80\x80")));  // U+2000 becomes U+2002
    CHECK(nfc(kLower) == kLower);
    CHECK(nfc("Việt Nam e\xCC\x82") == "Việt Nam ê");
}

TEST_CASE("text: decode and encode") {
    CHECK(decode("aĐ\xE1\xBB\x87\xF0\x9F\x98\x80") ==
          std::vector<char32_t>{U'a', 0x110, 0x1EC7, 0x1F600});
    CHECK(encode({U'a', 0x110, 0x1EC7, 0x1F600}) == "aĐ\xE1\xBB\x87\xF0\x9F\x98\x80");
    CHECK(decode("a\xC0\x80") == std::vector<char32_t>{U'a', 0xFFFD, 0xFFFD});
    CHECK(encode({0xD800, 0x110000}) == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(encode({0x10FFFF}) == "\xF4\x8F\xBF\xBF");
    CHECK(length("a\xFF" "b") == 3);
}

TEST_CASE("text: invalid UTF-8 is found at the right offset") {
    CHECK_FALSE(find_invalid_utf8("").has_value());
    CHECK_FALSE(find_invalid_utf8("Việt Nam – Đắk Lắk").has_value());
    CHECK_FALSE(find_invalid_utf8("\xED\x9F\xBF").has_value());          // U+D7FF
    CHECK_FALSE(find_invalid_utf8("\xEE\x80\x80").has_value());          // U+E000
    CHECK_FALSE(find_invalid_utf8("\xF4\x8F\xBF\xBF").has_value());      // U+10FFFF
    CHECK_FALSE(find_invalid_utf8("\xF0\x90\x80\x80").has_value());      // U+10000
    // overlong forms
    CHECK(find_invalid_utf8("ab\xC0\x80") == std::optional<std::size_t>(2));
    CHECK(find_invalid_utf8("a\xC1\xBF") == std::optional<std::size_t>(1));
    CHECK(find_invalid_utf8("a\xE0\x80\xAF") == std::optional<std::size_t>(1));
    CHECK(find_invalid_utf8("x\xF0\x82\x82\xAC") == std::optional<std::size_t>(1));
    // surrogates
    CHECK(find_invalid_utf8("ab\xED\xA0\x80" "c") == std::optional<std::size_t>(2));
    CHECK(find_invalid_utf8("\xED\xBF\xBF") == std::optional<std::size_t>(0));
    // truncated: at the end and in the middle; "Việt" is 6 bytes
    CHECK(find_invalid_utf8("Việt\xE1\xBA") == std::optional<std::size_t>(6));
    CHECK(find_invalid_utf8("a\xE1\xBA" "b") == std::optional<std::size_t>(1));
    CHECK(find_invalid_utf8("\xF0\x9F\x98") == std::optional<std::size_t>(0));
    // above U+10FFFF
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == std::optional<std::size_t>(0));
    CHECK(find_invalid_utf8("ok\xF5\x80\x80\x80") == std::optional<std::size_t>(2));
    // stray continuation byte and 0xFF
    CHECK(find_invalid_utf8("đ\x80") == std::optional<std::size_t>(2));
    CHECK(find_invalid_utf8("\xFF") == std::optional<std::size_t>(0));
}

TEST_CASE("text: normalize_input strips the BOM, turns CRLF and CR into LF, applies NFC") {
    CHECK(normalize_input("\xEF\xBB\xBF{\r\n\"a\": 1\r\n}\r\n") == "{\n\"a\": 1\n}\n");
    CHECK(normalize_input("a\rb\r\r\nc") == "a\nb\n\nc");
    CHECK(normalize_input("\xEF\xBB\xBFo\xCC\x9B\r\n") == "ơ\n");
    // only a leading BOM is removed
    CHECK(normalize_input("a\xEF\xBB\xBF") == "a\xEF\xBB\xBF");
    CHECK(normalize_input("") == "");
    CHECK(normalize_input("\xEF\xBB\xBF") == "");
}

TEST_CASE("text: dates that do not exist are rejected") {
    CHECK_FALSE(parse_date("2023-02-29").has_value());
    CHECK_FALSE(parse_date("2024-02-30").has_value());
    CHECK_FALSE(parse_date("2024-13-01").has_value());
    CHECK_FALSE(parse_date("2024-00-10").has_value());
    CHECK_FALSE(parse_date("2024-01-00").has_value());
    CHECK_FALSE(parse_date("2024-04-31").has_value());
    CHECK_FALSE(parse_date("1900-02-29").has_value());
    CHECK_FALSE(parse_date("0000-01-01").has_value());
    CHECK_FALSE(parse_date("2024-4-01").has_value());
    CHECK_FALSE(parse_date("24-01-01").has_value());
    CHECK_FALSE(parse_date("2024/01/01").has_value());
    CHECK_FALSE(parse_date("2024-01-1x").has_value());
    CHECK_FALSE(parse_date("2024-01-01 ").has_value());
    CHECK_FALSE(parse_date("").has_value());
    CHECK(parse_date("2024-02-29") == std::optional<Date>(Date{2024, 2, 29}));
    CHECK(parse_date("2000-02-29") == std::optional<Date>(Date{2000, 2, 29}));
    CHECK(parse_date("2025-12-31") == std::optional<Date>(Date{2025, 12, 31}));
    CHECK(parse_date("2024-04") == std::optional<Date>(Date{2024, 4, 0}));
    CHECK(parse_date("2024") == std::optional<Date>(Date{2024, 0, 0}));
    CHECK(valid_date(2024, 2, 29));
    CHECK_FALSE(valid_date(2023, 2, 29));
    CHECK_FALSE(valid_date(2100, 2, 29));
    CHECK_FALSE(valid_date(2024, 6, 31));
    CHECK(Date{2024, 2, 29}.complete());
    CHECK_FALSE(Date{2024, 4, 0}.complete());
}

TEST_CASE("text: days_from_civil gives day numbers and differences") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({2000, 3, 1}) == 11017);
    CHECK(days_from_civil({1969, 12, 31}) == -1);
    CHECK(days_from_civil({2024, 2, 29}) - days_from_civil({2024, 2, 28}) == 1);
    CHECK(days_from_civil({2024, 3, 1}) - days_from_civil({2024, 2, 28}) == 2);
    CHECK(days_from_civil({2023, 3, 1}) - days_from_civil({2023, 2, 28}) == 1);
    CHECK(days_from_civil({2025, 1, 1}) - days_from_civil({2024, 1, 1}) == 366);
    CHECK(days_from_civil({2026, 1, 1}) - days_from_civil({2025, 1, 1}) == 365);
    CHECK(days_from_civil({2025, 11, 18}) - days_from_civil({2025, 10, 6}) == 43);
    // blank parts count as 1
    CHECK(days_from_civil({2024, 4, 0}) == days_from_civil({2024, 4, 1}));
    CHECK(days_from_civil({2024, 0, 0}) == days_from_civil({2024, 1, 1}));
}

TEST_CASE("text: date_long pads days 1-9 and months 1-2 and blanks missing parts") {
    CHECK(date_long({2025, 1, 5}) == "ngày 05 tháng 01 năm 2025");
    CHECK(date_long({2024, 9, 13}) == "ngày 13 tháng 9 năm 2024");
    CHECK(date_long({2025, 2, 8}) == "ngày 08 tháng 02 năm 2025");
    CHECK(date_long({2025, 11, 18}) == "ngày 18 tháng 11 năm 2025");
    CHECK(date_long({2019, 6, 29}) == "ngày 29 tháng 6 năm 2019");
    CHECK(date_long({2025, 3, 1}) == "ngày 01 tháng 3 năm 2025");
    CHECK(date_long({2025, 12, 10}) == "ngày 10 tháng 12 năm 2025");
    CHECK(date_long({2024, 4, 0}) == "ngày    tháng 4 năm 2024");
    CHECK(date_long({2024, 1, 0}) == "ngày    tháng 01 năm 2024");
    CHECK(date_long({2024, 0, 0}) == "ngày    tháng    năm 2024");
}

TEST_CASE("text: date_short and date_padded") {
    CHECK(date_short({2025, 8, 5}) == "05/8/2025");
    CHECK(date_short({2025, 5, 16}) == "16/5/2025");
    CHECK(date_short({2025, 10, 6}) == "06/10/2025");
    CHECK(date_short({2025, 2, 3}) == "03/02/2025");
    CHECK(date_short({2024, 1, 16}) == "16/01/2024");
    CHECK(date_short({2025, 8, 0}) == "  /8/2025");
    CHECK(date_short({2025, 0, 0}) == "  /  /2025");
    CHECK(date_padded({2020, 3, 5}) == "05/03/2020");
    CHECK(date_padded({2025, 12, 31}) == "31/12/2025");
    CHECK(date_padded({2025, 8, 0}) == "  /08/2025");
}

TEST_CASE("text: pad2") {
    CHECK(pad2(0) == "00");
    CHECK(pad2(2) == "02");
    CHECK(pad2(9) == "09");
    CHECK(pad2(10) == "10");
    CHECK(pad2(125) == "125");
    CHECK(pad2(-5) == "-05");
    CHECK(pad2(LONG_MIN) == "-" + std::to_string(static_cast<unsigned long>(LONG_MAX) + 1));
}

TEST_CASE("text: number uses a thousands dot and a decimal comma") {
    CHECK(number(2340000) == "2.340.000");
    CHECK(number(1.5) == "1,5");
    CHECK(number(0.3) == "0,3");
    CHECK(number(98) == "98");
    CHECK(number(0) == "0");
    CHECK(number(999) == "999");
    CHECK(number(1000) == "1.000");
    CHECK(number(100000) == "100.000");
    CHECK(number(1234567.891) == "1.234.567,89");
    CHECK(number(1.10) == "1,1");
    CHECK(number(2.999) == "3");
    CHECK(number(0.125) == "0,13");
    CHECK(number(1.23456, 4) == "1,2346");
    CHECK(number(2.5, 0) == "3");
    CHECK(number(1.5, -3) == "2");
    CHECK(number(-2340000.5) == "-2.340.000,5");
    CHECK(number(-1.5) == "-1,5");
    CHECK(number(-0.001) == "0");
    CHECK(number(-0.0) == "0");
    CHECK(number(1e18) == "1.000.000.000.000.000.000");
    CHECK(number(std::nan("")) == "NaN");
    CHECK(number(std::numeric_limits<double>::infinity()) == "∞");
    CHECK(number(-std::numeric_limits<double>::infinity()) == "-∞");
}

TEST_CASE("text: roman numerals") {
    CHECK(roman(1) == "I");
    CHECK(roman(2) == "II");
    CHECK(roman(3) == "III");
    CHECK(roman(4) == "IV");
    CHECK(roman(5) == "V");
    CHECK(roman(6) == "VI");
    CHECK(roman(9) == "IX");
    CHECK(roman(10) == "X");
    CHECK(roman(14) == "XIV");
    CHECK(roman(40) == "XL");
    CHECK(roman(49) == "XLIX");
    CHECK(roman(90) == "XC");
    CHECK(roman(400) == "CD");
    CHECK(roman(944) == "CMXLIV");
    CHECK(roman(1994) == "MCMXCIV");
    CHECK(roman(2024) == "MMXXIV");
    CHECK(roman(3999) == "MMMCMXCIX");
    CHECK(roman(0) == "0");
    CHECK(roman(4000) == "4000");
    CHECK(roman(-3) == "-3");
}

TEST_CASE("text: diem letters follow the Vietnamese alphabet") {
    std::string seq;
    for (int n = 1; n <= 23; ++n) {
        if (n > 1) seq += ' ';
        seq += diem_letter(n);
    }
    CHECK(seq == "a b c d đ e g h i k l m n o p q r s t u v x y");
    CHECK(diem_letter(24) == "aa");
    CHECK(diem_letter(25) == "bb");
    CHECK(diem_letter(28) == "đđ");
    CHECK(diem_letter(46) == "yy");
    CHECK(diem_letter(47) == "aaa");
    CHECK(diem_letter(0) == "");
    CHECK(diem_letter(-1) == "");
}

TEST_CASE("text: diem letters stop at max_diem_letter instead of growing without end") {
    // The 1000th is the 44th "l"; past it nothing (callers report an error): the 10^9th
    // would be a word of 43 million letters.
    CHECK(max_diem_letter == 1000);
    CHECK(diem_letter(max_diem_letter) == std::string(44, 'l'));
    CHECK(diem_letter(max_diem_letter + 1) == "");
    CHECK(diem_letter(1000000000) == "");
    CHECK(diem_letter(INT_MAX) == "");
    CHECK(diem_letter(INT_MIN) == "");
    CHECK(max_roman == 3999);
    CHECK(roman(INT_MAX) == std::to_string(INT_MAX));
    CHECK(roman(INT_MIN) == std::to_string(INT_MIN));
}

}  // TEST_SUITE

TEST_CASE("find_control: C0 but tab and line feed, DEL and C1 are found at their byte, nothing else") {
    using thidua::text::find_control;
    CHECK_FALSE(find_control("Tổ dân phố 1\tmột\nhai").has_value());
    CHECK_FALSE(find_control("").has_value());
    auto esc = find_control("ab\x1b[31m");
    REQUIRE(esc.has_value());
    CHECK(esc->offset == 2);
    CHECK(esc->code == 0x1B);
    auto nul = find_control(std::string("x\0y", 3));
    REQUIRE(nul.has_value());
    CHECK(nul->code == 0);
    CHECK(find_control("\x7f")->code == 0x7F);
    auto c1 = find_control("Đ\xc2\x85");  // U+0085 after a two-byte letter
    REQUIRE(c1.has_value());
    CHECK(c1->offset == 2);
    CHECK(c1->code == 0x85);
    CHECK_FALSE(find_control("\xc2\xa0").has_value());  // U+00A0 is a letter space, not C1
    CHECK(thidua::text::code_point_name(0x1B) == "U+001B");
}
