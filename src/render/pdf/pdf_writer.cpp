#include "render/pdf/pdf_writer.hpp"

#include <hpdf.h>

#include <array>
#include <cstdio>

#include "render/pdf/font_subset.hpp"

namespace thidua::pdf {

namespace detail {

/// What the libharu error handler saw; libharu keeps going after the handler returns,
/// so every step checks `failed` instead of jumping out.
struct ErrorState {
    bool failed = false;
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
    bool reading = false;  // HPDF_STREAM_EOF is expected while reading the result back
};

extern "C" void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* state = static_cast<ErrorState*>(user_data);
    if (state->reading && error_no == HPDF_STREAM_EOF) return;
    if (state->failed) return;  // keep the first error: later ones follow from it
    state->failed = true;
    state->code = error_no;
    state->detail = detail_no;
}

std::string describe(const ErrorState& st, const std::string& context) {
    char code[48];
    std::snprintf(code, sizeof code, "mã 0x%04X, chi tiết %u", static_cast<unsigned>(st.code),
                  static_cast<unsigned>(st.detail));
    std::string what;
    switch (st.code) {
        case HPDF_FAILD_TO_ALLOC_MEM: what = "không đủ bộ nhớ"; break;
        case HPDF_FILE_OPEN_ERROR:
        case HPDF_FILE_IO_ERROR: what = "không đọc được tệp"; break;
        case HPDF_TTF_INVALID_CMAP:
        case HPDF_TTF_INVALID_FOMAT:
        case HPDF_TTF_MISSING_TABLE:
        case HPDF_INVALID_TTC_FILE:
        case HPDF_INVALID_TTC_INDEX: what = "tệp phông chữ không hợp lệ hoặc thiếu bảng cần thiết"; break;
        case HPDF_TTF_CANNOT_EMBEDDING_FONT: what = "phông chữ không cho phép nhúng (giấy phép của phông)"; break;
        case HPDF_PAGE_OUT_OF_RANGE: what = "trang nằm ngoài giới hạn kích thước"; break;
        default: what = "lỗi của thư viện PDF libharu"; break;
    }
    return "không tạo được tệp PDF khi " + context + ": " + what + " (" + code + ")";
}

}  // namespace detail

std::string metadata_text(const std::string& s) {
    // libharu refuses an Info string of 64 KiB or more; a reader shows a line at most.
    constexpr std::size_t max_chars = 1000;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // inside a letter
        if (chars++ == max_chars) return s.substr(0, i) + "…";
    }
    return s;
}

PdfInfo info_from(const std::string& title, const std::string& author, const std::string& subject,
                  const std::string& created, Diagnostics& diags) {
    PdfInfo info;
    info.title = metadata_text(title);
    info.author = metadata_text(author);
    info.subject = metadata_text(subject);
    if (created.empty()) return info;
    int y = 0, m = 0, d = 0;
    char tail = 0;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool ok = created.size() == 10 && std::sscanf(created.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
              y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
              !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (!ok) {
        diags.add({Severity::warning, "", 0, 0, "",
                   "ngày tạo tài liệu '" + created + "' không đúng dạng YYYY-MM-DD; dùng 2000-01-01", ""});
        return info;
    }
    info.year = y;
    info.month = m;
    info.day = d;
    return info;
}

std::optional<std::string> write_pdf(const layout::Pages& pages, const layout::FontSet& fonts,
                                     const PdfInfo& info, Diagnostics& diags,
                                     const PdfOptions& options) {
    if (pages.pages.empty()) {
        diags.error_general("tài liệu không có trang nào để in ra PDF");
        return std::nullopt;
    }
    detail::ErrorState st;
    HPDF_Doc pdf = HPDF_New(detail::on_hpdf_error, &st);
    if (!pdf) {
        diags.error_general("không khởi tạo được thư viện PDF libharu (thiếu bộ nhớ)");
        return std::nullopt;
    }
    struct Guard {
        HPDF_Doc d;
        ~Guard() { HPDF_Free(d); }
    } guard{pdf};
    auto fail = [&](const std::string& context) {
        diags.error_general(detail::describe(st, context));
        return std::nullopt;
    };

    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    if (st.failed) return fail("chuẩn bị bảng mã UTF-8");

    HPDF_Date date{};
    date.year = info.year;
    date.month = info.month;
    date.day = info.day;
    date.ind = 'Z';
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
    if (!info.title.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info.title.c_str());
    if (!info.author.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info.author.c_str());
    if (!info.subject.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info.subject.c_str());
    if (!info.creator.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, info.creator.c_str());
    if (st.failed) return fail("ghi thông tin tài liệu");

    // Load only the faces the pages use (each embedded face costs ~10 ms and ~40 KB), cut
    // to the Vietnamese repertoire when everything printed in that face is in it.
    std::array<bool, 4> used{};
    std::array<bool, 4> cuttable{true, true, true, true};
    for (const layout::Page& p : pages.pages) {
        for (const layout::TextItem& t : p.texts) {
            const auto i = static_cast<std::size_t>(t.face);
            used[i] = true;
            if (cuttable[i] && !detail::in_subset_repertoire(t.text)) cuttable[i] = false;
        }
    }
    std::array<HPDF_Font, 4> hfonts{};
    for (std::size_t i = 0; i < 4; ++i) {
        if (!used[i]) continue;
        const layout::FontFace& face = fonts.face(static_cast<layout::Face>(i));
        std::string path = options.subset_fonts && cuttable[i] ? detail::subset_font(face.path)
                                                               : std::string();
        if (path.empty()) path = face.path;
        const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
        if (!name || st.failed) return fail("nạp phông chữ '" + face.path + "'");
        hfonts[i] = HPDF_GetFont(pdf, name, "UTF-8");
        if (!hfonts[i] || st.failed) return fail("nạp phông chữ '" + face.path + "'");
    }

    for (const layout::Page& p : pages.pages) {
        HPDF_Page page = HPDF_AddPage(pdf);
        if (!page || st.failed) return fail("thêm trang");
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.width_pt));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(p.height_pt));
        const double h = p.height_pt;
        if (!p.lines.empty()) {
            HPDF_Page_SetLineCap(page, HPDF_PROJECTING_SCUARE_END);
            double current = -1;
            for (const layout::LineItem& l : p.lines) {
                if (l.width != current) {
                    HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(l.width));
                    current = l.width;
                }
                HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(l.x1), static_cast<HPDF_REAL>(h - l.y1));
                HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(l.x2), static_cast<HPDF_REAL>(h - l.y2));
                HPDF_Page_Stroke(page);
            }
        }
        if (!p.texts.empty()) {
            HPDF_Page_BeginText(page);
            HPDF_Font cur_font = nullptr;
            double cur_size = -1;
            for (const layout::TextItem& t : p.texts) {
                HPDF_Font f = hfonts[static_cast<std::size_t>(t.face)];
                if (f != cur_font || t.size != cur_size) {
                    HPDF_Page_SetFontAndSize(page, f, static_cast<HPDF_REAL>(t.size));
                    cur_font = f;
                    cur_size = t.size;
                }
                HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(t.x), static_cast<HPDF_REAL>(h - t.y),
                                  t.text.c_str());
            }
            HPDF_Page_EndText(page);
        }
        if (st.failed) return fail("vẽ trang " + std::to_string(&p - pages.pages.data() + 1));
    }

    if (HPDF_SaveToStream(pdf) != HPDF_OK || st.failed) return fail("lưu tệp");
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    std::string bytes(size, '\0');
    HPDF_ResetStream(pdf);
    st.reading = true;
    HPDF_UINT32 got = 0;
    while (got < size) {
        HPDF_UINT32 n = size - got;
        HPDF_STATUS rc = HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()) + got, &n);
        got += n;
        if (rc == HPDF_STREAM_EOF || n == 0) break;
        if (rc != HPDF_OK || st.failed) return fail("đọc lại tệp đã lưu");
    }
    if (got != size) {
        diags.error_general("không tạo được tệp PDF: đọc lại được " + std::to_string(got) + " trên " +
                            std::to_string(size) + " byte");
        return std::nullopt;
    }
    return bytes;
}

}  // namespace thidua::pdf
