#include "render/pdf/pdf_writer.hpp"

#include <hpdf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

#include "base/text.hpp"
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

/// Whether `next` is the next word on the line of `t`: same line and baseline, and a gap
/// of at least a tenth of the size between them (no gap: a style change inside a word).
bool word_follows(const layout::TextItem& t, const layout::TextItem& next) {
    return next.line == t.line && std::abs(next.y - t.y) < 0.01 &&
           next.x - (t.x + t.width) >= 0.1 * t.size && !t.text.empty() && t.text.back() != ' ';
}

/// The ToUnicode CMap of a face that prints `chars`. With libharu's UTF-8 encoder a code
/// is the letter's BMP code point, so each code maps to itself; a CMap section holds at
/// most 100 entries.
std::string to_unicode_cmap(const std::set<char32_t>& chars) {
    std::string out =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<char32_t> bmp;
    for (char32_t c : chars) {
        if (c <= 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF)) bmp.push_back(c);
    }
    char entry[20];
    for (std::size_t i = 0; i < bmp.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, bmp.size() - i);
        out += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k) {
            std::snprintf(entry, sizeof entry, "<%04X> <%04X>\n", static_cast<unsigned>(bmp[k]),
                          static_cast<unsigned>(bmp[k]));
            out += entry;
        }
        out += "endbfchar\n";
    }
    out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return out;
}

/// libharu 2.3.0 gives each Type0 font its encoder's identity CMap as /ToUnicode: it maps
/// codes to CIDs ("begincidrange"), which a ToUnicode map cannot do. Poppler warns and
/// guesses; a reader that trusts it copies text out of the PDF as garbage. The stream is
/// made when the font is, so its content is replaced here, before anything is written.
bool replace_to_unicode(HPDF_Font font, const std::set<char32_t>& chars) {
    auto* map = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    if (map == nullptr || map->stream == nullptr) return true;  // none to mend (not 2.3.0's way)
    HPDF_MemStream_FreeData(map->stream);
    return HPDF_Stream_WriteStr(map->stream, to_unicode_cmap(chars).c_str()) == HPDF_OK;
}

/// libharu 2.3.0 writes the CID-to-glyph map of a face for all 65,536 codes: 128 KB to
/// compress into every PDF, for each face it uses. Codes above the highest one the face
/// prints are never drawn, and a map that ends sooner sends them to glyph 0, as the whole
/// map does for codes the font lacks; so the map is cut after `highest`.
bool trim_cid_to_gid_map(HPDF_Font font, char32_t highest, ErrorState& st) {
    auto* fonts = static_cast<HPDF_Array>(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY));
    auto* cid = fonts ? static_cast<HPDF_Dict>(HPDF_Array_GetItem(fonts, 0, HPDF_OCLASS_DICT)) : nullptr;
    auto* map = cid ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT)) : nullptr;
    if (map == nullptr || map->stream == nullptr) return true;  // not embedded this way: leave it
    const HPDF_UINT32 size = HPDF_Stream_Size(map->stream);
    const HPDF_UINT32 keep = std::min<HPDF_UINT32>(size, 2 * (static_cast<HPDF_UINT32>(highest) + 1));
    if (keep == size) return true;
    std::string head(keep, '\0');
    HPDF_UINT got = keep;
    if (HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET) != HPDF_OK) return false;
    st.reading = true;
    const HPDF_STATUS rc = HPDF_Stream_Read(map->stream, reinterpret_cast<HPDF_BYTE*>(head.data()), &got);
    st.reading = false;
    if ((rc != HPDF_OK && rc != HPDF_STREAM_EOF) || got != keep) return false;
    HPDF_MemStream_FreeData(map->stream);
    return HPDF_Stream_Write(map->stream, reinterpret_cast<const HPDF_BYTE*>(head.data()), keep) == HPDF_OK;
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
    // The letters each face prints: they decide the cut, the ToUnicode map and where the
    // glyph map may end.
    std::array<std::set<char32_t>, 4> chars;
    for (const layout::Page& p : pages.pages) {
        for (const layout::TextItem& t : p.texts) {
            auto& face_chars = chars[static_cast<std::size_t>(t.face)];
            for (char32_t c : text::decode(t.text)) face_chars.insert(c);
            face_chars.insert(U' ');  // written between words (word_follows)
        }
    }
    std::array<HPDF_Font, 4> hfonts{};
    for (std::size_t i = 0; i < 4; ++i) {
        if (chars[i].empty()) continue;  // a face the pages do not use
        const bool cuttable = std::all_of(chars[i].begin(), chars[i].end(), detail::in_repertoire);
        const layout::FontFace& face = fonts.face(static_cast<layout::Face>(i));
        std::string path = options.subset_fonts && cuttable ? detail::subset_font(face.path)
                                                               : std::string();
        if (path.empty()) path = face.path;
        const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
        if (!name || st.failed) return fail("nạp phông chữ '" + face.path + "'");
        hfonts[i] = HPDF_GetFont(pdf, name, "UTF-8");
        if (!hfonts[i] || st.failed) return fail("nạp phông chữ '" + face.path + "'");
        if (!detail::replace_to_unicode(hfonts[i], chars[i]) ||
            !detail::trim_cid_to_gid_map(hfonts[i], *chars[i].rbegin(), st) || st.failed) {
            return fail("sửa bảng mã của phông chữ '" + face.path + "'");
        }
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
            for (std::size_t k = 0; k < p.texts.size(); ++k) {
                const layout::TextItem& t = p.texts[k];
                HPDF_Font f = hfonts[static_cast<std::size_t>(t.face)];
                if (f != cur_font || t.size != cur_size) {
                    HPDF_Page_SetFontAndSize(page, f, static_cast<HPDF_REAL>(t.size));
                    cur_font = f;
                    cur_size = t.size;
                }
                // Words are placed one by one; a space after each word that another follows
                // on the line (drawn where it is invisible) lets copied text keep its spaces.
                const bool spaced = k + 1 < p.texts.size() && detail::word_follows(t, p.texts[k + 1]);
                HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(t.x), static_cast<HPDF_REAL>(h - t.y),
                                  spaced ? (t.text + ' ').c_str() : t.text.c_str());
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
