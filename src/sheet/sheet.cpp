#include "sheet/sheet.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sheet/cell_text.hpp"

namespace thidua::sheet {

namespace detail {

std::string count(std::size_t n) { return text::number(static_cast<double>(n), 0); }

std::optional<std::string> clean_text(std::string_view raw, const TextPlace& at,
                                      Diagnostics& diags) {
    auto report = [&](std::string message) {
        diags.at_cell(*at.path, at.sheet ? *at.sheet : std::string(), at.row, at.col,
                      std::move(message));
        return std::nullopt;
    };
    if (text::find_invalid_utf8(raw)) {
        return report("ô có chữ không phải UTF-8 hợp lệ: hãy gõ lại nội dung ô");
    }
    std::string s;
    s.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r') {
            s += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else {
            s += raw[i];
        }
    }
    std::size_t chars = 0;
    for (char32_t c : text::decode(s)) {
        ++chars;
        if (c == U'\n' || c == U'\t') continue;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
            return report(std::string("ô có ký tự điều khiển ") + buf +
                          " (không in được, thường do dán từ chương trình khác): hãy xóa nó");
        }
    }
    if (chars > max_cell_chars) {
        return report("ô dài " + count(chars) + " ký tự, quá giới hạn " + count(max_cell_chars) +
                      " ký tự của một ô");
    }
    return text::nfc(s);
}

}  // namespace detail

bool is_sheet_file_name(std::string_view path) {
    auto ends_with = [&](std::string_view ext) {
        if (path.size() < ext.size()) return false;
        std::string tail(path.substr(path.size() - ext.size()));
        std::transform(tail.begin(), tail.end(), tail.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return tail == ext;
    };
    return ends_with(".xlsx") || ends_with(".csv");
}

std::optional<Workbook> read_file(const std::string& path, Diagnostics& diags) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        diags.error_at(path, 0, 0, "không tìm thấy tệp");
        return std::nullopt;
    }
    if (!fs::is_regular_file(st)) {
        diags.error_at(path, 0, 0, "đây không phải một tệp thường (là thư mục hoặc thiết bị)");
        return std::nullopt;
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    auto too_big = [&](std::uintmax_t n) {
        diags.error_at(path, 0, 0,
                       "tệp quá lớn: " + detail::count(static_cast<std::size_t>(n)) +
                           " byte, giới hạn " + detail::count(max_file_bytes) + " byte");
        return std::nullopt;
    };
    if (!ec && size > max_file_bytes) return too_big(size);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error_at(path, 0, 0, "không mở được tệp");
        return std::nullopt;
    }
    std::string bytes(max_file_bytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad()) {
        diags.error_at(path, 0, 0, "không đọc được tệp");
        return std::nullopt;
    }
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_file_bytes) return too_big(bytes.size());
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.size() >= 4 && lower.compare(lower.size() - 4, 4, ".csv") == 0) {
        return read_csv(path, bytes, diags);
    }
    return read_xlsx(path, bytes, diags);
}

std::optional<text::Date> date_of_serial(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial > 3e6) return std::nullopt;
    long days = static_cast<long>(std::floor(serial));
    // Day numbers since 1970-01-01 of each system's day 0.
    long base = 0;
    if (date1904) {
        base = text::days_from_civil({1904, 1, 1});
    } else {
        if (days < 1) return std::nullopt;    // day 0 is "1900-01-00"
        if (days == 60) return std::nullopt;  // Excel's 1900-02-29, which never was
        base = text::days_from_civil({1899, 12, 31});
        if (days > 60) --days;  // after the phantom leap day
    }
    // civil_from_days (H. Hinnant's algorithm)
    long z = base + days + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned long doe = static_cast<unsigned long>(z - era * 146097);
    const unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = static_cast<long>(yoe) + era * 400;
    const unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned long mp = (5 * doy + 2) / 153;
    const unsigned d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    const unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    if (m <= 2) ++y;
    if (y < 1900 || y > 9999) return std::nullopt;
    return text::Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

bool is_date_format(int id, std::string_view code) {
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
        (id >= 50 && id <= 58)) {
        return true;
    }
    // Only the first section counts (positive numbers); skip quoted text, [..] (colours,
    // locales, conditions), escaped characters and the filler/space operators.
    bool date = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;
        if (c == '"') {
            std::size_t end = code.find('"', i + 1);
            if (end == std::string_view::npos) break;
            i = end;
        } else if (c == '[') {
            std::size_t end = code.find(']', i + 1);
            if (end == std::string_view::npos) break;
            i = end;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
            date = true;
        }
    }
    return date;
}

bool is_percent_format(int id, std::string_view code) {
    if (id == 9 || id == 10) return true;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == ';') break;
        if (c == '"' || c == '[') {
            std::size_t end = code.find(c == '"' ? '"' : ']', i + 1);
            if (end == std::string_view::npos) break;
            i = end;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '%') {
            return true;
        }
    }
    return false;
}

}  // namespace thidua::sheet
