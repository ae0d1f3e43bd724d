#include "render/xlsx/xlsx_common.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "base/text.hpp"

namespace thidua::xlsx::detail {

namespace {

double char_em(char32_t c) {
    if (c == U' ') return 0.25;
    if (c >= U'0' && c <= U'9') return 0.5;
    if (c == U'i' || c == U'j' || c == U'l' || c == U't' || c == U'f' || c == U'r') return 0.3;
    if (c == U'm' || c == U'w') return 0.75;
    if (c == U'M' || c == U'W') return 0.9;
    if (c == U'I' || c == U'J') return 0.38;
    if (c >= U'A' && c <= U'Z') return 0.7;
    if (c >= U'a' && c <= U'z') return 0.48;
    if (c == U'%') return 0.83;
    if (c == U'…' || c == U'—') return 1.0;
    if (c < 0x80) return 0.33;  // punctuation
    // Vietnamese letters: as wide as their base letter; upper case is wider.
    std::string s;
    text::append_utf8(s, c);
    return text::lower(s) != s ? 0.72 : 0.49;
}

}  // namespace

double text_px(const std::string& s, double size_pt, bool bold) {
    double em = 0;
    for (char32_t c : text::decode(s)) em += char_em(c);
    return em * size_pt * 96.0 / 72.0 * (bold ? 1.07 : 1.0);
}

std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

double longest_word_px(const std::string& s, double size, bool bold) {
    double m = 0;
    for (const auto& w : words_of(s)) m = std::max(m, text_px(w, size, bold));
    return m;
}

/// Number of lines `s` takes when wrapped at spaces (and at "\n") into `avail_px`.
int wrapped_lines(const std::string& s, double size, bool bold, double avail_px) {
    int lines = 0;
    std::istringstream paragraphs(s);
    const double space = text_px(" ", size, bold);
    for (std::string para; std::getline(paragraphs, para);) {
        ++lines;
        double x = 0;
        for (const auto& w : words_of(para)) {
            const double wpx = text_px(w, size, bold);
            if (x > 0 && x + space + wpx > avail_px) {
                ++lines;
                x = wpx;
            } else {
                x += (x > 0 ? space : 0) + wpx;
            }
            while (x > avail_px && avail_px > 0) {  // a word longer than the line
                ++lines;
                x -= avail_px;
            }
        }
    }
    return std::max(lines, 1);
}

double col_px(double width_chars) { return width_chars * 7.0 + 5.0; }
double width_for_px(double px) { return std::ceil((px + 12.0) / 7.0 * 2.0) / 2.0; }
double line_height(double size) { return std::round(size * 1.3 * 4.0) / 4.0; }


std::string error_text(lxw_error e) {
    switch (e) {
        case LXW_ERROR_MEMORY_MALLOC_FAILED:
            return "hết bộ nhớ";
        case LXW_ERROR_CREATING_XLSX_FILE:
        case LXW_ERROR_CREATING_TMPFILE:
        case LXW_ERROR_READING_TMPFILE:
        case LXW_ERROR_ZIP_FILE_OPERATION:
        case LXW_ERROR_ZIP_FILE_ADD:
        case LXW_ERROR_ZIP_CLOSE:
            return "không tạo hoặc không ghi được tệp (thư mục không ghi được, đĩa đầy?)";
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
        case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
        case LXW_ERROR_SHEETNAME_ALREADY_USED:
            return "tên trang tính không hợp lệ hoặc bị trùng";
        case LXW_ERROR_32_STRING_LENGTH_EXCEEDED:
        case LXW_ERROR_128_STRING_LENGTH_EXCEEDED:
        case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
        case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED:
            return "một chuỗi dài quá giới hạn của Excel";
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            return "vượt quá số dòng hoặc số cột của một trang tính Excel";
        default:
            return "lỗi của thư viện libxlsxwriter (mã " + std::to_string(static_cast<int>(e)) +
                   ")";
    }
}


bool probe_output(const std::string& out_path, Diagnostics& diags, bool* write_failed) {
    if (FILE* probe = std::fopen(out_path.c_str(), "wb")) {
        std::fclose(probe);
        return true;
    }
    if (write_failed != nullptr) *write_failed = true;
    diags.error_general("không mở được tệp \"" + out_path + "\" để ghi bảng tính Excel");
    return false;
}

lxw_workbook* open_workbook(const std::string& out_path, std::string& tmpdir,
                            Diagnostics& diags, bool* write_failed) {
    if (!probe_output(out_path, diags, write_failed)) return nullptr;
    const std::size_t slash = out_path.find_last_of('/');
    tmpdir = slash == std::string::npos ? "." : slash == 0 ? "/" : out_path.substr(0, slash);
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(out_path.c_str(), &options);
    if (wb == nullptr) {
        std::remove(out_path.c_str());
        diags.error_general("không tạo được bảng tính Excel \"" + out_path + "\"");
    }
    return wb;
}

}  // namespace thidua::xlsx::detail
