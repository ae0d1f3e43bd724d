// Stage: sheet. A CSV file saved from the spreadsheet → one sheet of text cells. UTF-8
// with or without a byte-order mark (a file in UTF-16 or a legacy code page is an error
// that says how to save it again); fields separated by commas or semicolons (LibreOffice
// and Excel in Vietnamese settings use either), quoted as RFC 4180 says ("" is a quote, a
// quoted field may hold separators and line breaks). Row and column numbers are those of
// the records and fields, which is what a spreadsheet shows when it opens the file.
#include "sheet/sheet.hpp"

#include "sheet/cell_text.hpp"

namespace thidua::sheet {

namespace {

using detail::count;

/// The separator the first lines use more, outside quotes: ';' or ',' (',' on a tie).
char guess_separator(std::string_view s) {
    std::size_t commas = 0, semicolons = 0, lines = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < s.size() && lines < 10; ++i) {
        const char c = s[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
        if (c == '\n') ++lines;
    }
    return semicolons > commas ? ';' : ',';
}

/// Line and character column of a byte offset, for the errors found before any cell.
LineCol line_col(std::string_view s, std::size_t offset) {
    LineCol lc{1, 1};
    for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
        if (s[i] == '\n') {
            ++lc.line;
            lc.col = 1;
        } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            ++lc.col;
        }
    }
    return lc;
}

}  // namespace

std::optional<Workbook> read_csv(const std::string& path, std::string_view bytes,
                                 Diagnostics& diags) {
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                              (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        diags.error_at(path, 0, 0,
                       "tệp CSV lưu bằng bảng mã UTF-16: hãy lưu lại dạng \"CSV "
                       "UTF-8\" (Excel) hoặc chọn bảng mã Unicode (UTF-8) (LibreOffice)");
        return std::nullopt;
    }
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
        diags.error_at(path, 0, 0,
                       "tệp là một tệp nén (bảng tính .xlsx?), không phải CSV: hãy "
                       "đặt đúng đuôi .xlsx cho tệp, hoặc lưu lại trang tính dạng CSV");
        return std::nullopt;
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (auto bad = text::find_invalid_utf8(bytes)) {
        LineCol lc = line_col(bytes, *bad);
        diags.error_at(path, lc.line, lc.col,
                       "tệp CSV không phải UTF-8 (có thể lưu bằng bảng mã Windows-1258, TCVN3 "
                       "hay VNI): hãy lưu lại dạng \"CSV UTF-8\" (Excel) hoặc chọn bảng mã "
                       "Unicode (UTF-8) (LibreOffice)");
        return std::nullopt;
    }
    Workbook wb;
    wb.path = path;
    wb.csv = true;
    wb.sheets.emplace_back();
    Sheet& sheet = wb.sheets.back();
    const char sep = guess_separator(bytes);
    const std::size_t errors_before = diags.error_count();
    int row = 1, col = 1;
    std::size_t cells = 0;
    std::string field;
    bool quoted_field = false;  // the field began with a quote
    std::size_t i = 0;
    auto finish_field = [&]() {
        if (!field.empty()) {
            if (++cells > max_cells) return false;
            detail::TextPlace at{&wb.path, &sheet.name, row, col};
            std::optional<std::string> s = detail::clean_text(field, at, diags);
            if (s && !s->empty()) {
                Cell c;
                c.row = row;
                c.col = col;
                c.text = std::move(*s);
                sheet.cells.push_back(std::move(c));
            }
        }
        field.clear();
        quoted_field = false;
        return true;
    };
    while (i < bytes.size()) {
        const char c = bytes[i];
        if (c == '"' && field.empty() && !quoted_field) {
            // A quoted field: up to the closing quote, "" standing for one quote.
            quoted_field = true;
            const std::size_t open = i;
            ++i;
            bool closed = false;
            while (i < bytes.size()) {
                if (bytes[i] == '"') {
                    if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                field += bytes[i++];
            }
            if (!closed) {
                LineCol lc = line_col(bytes, open);
                diags.error_at(path, lc.line, lc.col,
                               "dấu ngoặc kép mở ở đây không được đóng đến hết tệp");
                return std::nullopt;
            }
            continue;
        }
        if (c == sep) {
            if (!finish_field()) break;
            if (++col > 16384) {
                diags.error_at(path, 0, 0, "dòng " + std::to_string(row) + " có hơn 16.384 cột");
                return std::nullopt;
            }
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (!finish_field()) break;
            i += (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ? 2 : 1;
            ++row;
            col = 1;
            if (row > max_rows && i < bytes.size()) {
                // Blank lines at the end do not count; anything else past the limit does.
                if (bytes.substr(i).find_first_not_of("\r\n,; \t") != std::string_view::npos) {
                    diags.at_cell(path, "", 0, 0,
                                  "tệp có hơn " + count(static_cast<std::size_t>(max_rows)) +
                                      " dòng: quá giới hạn chương trình đọc");
                    return std::nullopt;
                }
                break;
            }
            continue;
        }
        field += c;
        ++i;
    }
    if (cells > max_cells || !finish_field()) {
        diags.error_at(path, 0, 0,
                       "tệp có hơn " + count(max_cells) + " ô: quá giới hạn chương trình đọc");
        return std::nullopt;
    }
    if (diags.error_count() != errors_before) return std::nullopt;
    return wb;
}

}  // namespace thidua::sheet
