#include "layout/fonts.hpp"

#include "base/files.hpp"
#include "base/text.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <span>
#include <system_error>
#include <unordered_set>

namespace thidua::layout {

Face face_for(bool bold, bool italic) {
    if (bold && italic) return Face::bold_italic;
    if (bold) return Face::bold;
    if (italic) return Face::italic;
    return Face::regular;
}

const char* face_code(Face f) {
    switch (f) {
        case Face::regular: return "R";
        case Face::bold: return "B";
        case Face::italic: return "I";
        case Face::bold_italic: return "BI";
    }
    return "?";
}

std::string describe_code_point(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    std::string out = buf;
    if (cp >= 0x20 && cp != 0x7F) {
        out += " '";
        text::append_utf8(out, cp);
        out += "'";
    }
    return out;
}

double FontFace::advance(char32_t cp, double size_pt) const {
    if (cp > 0xFFFF || advances_.empty()) return 0.0;
    return advances_[cp] * size_pt / units_per_em;
}

double FontFace::width(std::string_view utf8, double size_pt) const {
    double w = 0;
    for (char32_t cp : text::decode(utf8)) w += advance(cp, size_pt);
    return w;
}

bool FontFace::has_glyph(char32_t cp) const {
    return cp <= 0xFFFF && !present_.empty() && present_[cp];
}

std::vector<char32_t> FontFace::missing_glyphs(std::string_view utf8) const {
    std::vector<char32_t> out;
    std::unordered_set<char32_t> seen;  // a text of 20,000 distinct ideographs stays linear
    for (char32_t cp : text::decode(utf8)) {
        if (cp == U'\n' || cp == U'\t' || cp == U'\r') continue;
        if (has_glyph(cp)) continue;
        if (seen.insert(cp).second) out.push_back(cp);
    }
    return out;
}

double FontFace::line_height_ratio() const {
    return static_cast<double>(ascender - descender + line_gap) / units_per_em;
}

double FontFace::ascent(double size_pt) const {
    return ascender * size_pt / units_per_em;
}

double FontFace::descent(double size_pt) const {
    return -descender * size_pt / units_per_em;
}

namespace {

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::string tag_text(const unsigned char* p) {
    std::string t;
    for (int i = 0; i < 4; ++i) t += p[i] >= 0x20 && p[i] < 0x7F ? static_cast<char>(p[i]) : '?';
    while (!t.empty() && t.back() == ' ') t.pop_back();  // "cvt " prints as cvt
    return t;
}

std::uint32_t be16(const unsigned char* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }

/// Returns the offset in glyf where glyph `g` starts, from loca in format 0 (16-bit
/// offsets, halved) or 1 (32-bit). The caller checked loca is long enough.
std::size_t loca_format_offset(std::span<const unsigned char> loca, std::size_t g,
                               std::uint32_t format) {
    return format == 0 ? 2 * std::size_t{be16(loca.data() + 2 * g)}
                       : std::size_t{be32(loca.data() + 4 * g)};
}

/// The bytes of each table of an sfnt file that is read into memory, by tag.
using TableBytes = std::map<std::string, std::span<const unsigned char>>;

/// Checks the table contents the metrics and the embedded font program rely on (written
/// when libharu 2.3.0 read them unchecked and overflowed a heap buffer when
/// hhea.numberOfHMetrics exceeded maxp.numGlyphs; the HarfBuzz cutter now checks for itself,
/// and this keeps a broken font an error naming the file at load time rather than a PDF a
/// reader rejects). Returns a Vietnamese message about
/// the first problem, or "". `t` maps each required tag to its bytes.
std::string table_contents_problem(const std::string& file,
                                   const TableBytes& t) {
    auto bytes = [&](const char* tag) -> std::span<const unsigned char> { return t.at(tag); };
    auto broken = [&](const char* tag, const std::string& what) {
        return file + " bị hỏng: bảng " + tag + " " + what;
    };
    const auto head = bytes("head");
    const auto maxp = bytes("maxp");
    const auto hhea = bytes("hhea");
    const auto hmtx = bytes("hmtx");
    const auto loca = bytes("loca");
    const auto glyf = bytes("glyf");
    const auto cmap = bytes("cmap");
    const auto name = bytes("name");
    const auto os2 = bytes("OS/2");
    const auto post = bytes("post");
    if (head.size() < 54) return broken("head", "ngắn hơn 54 byte");
    const std::uint32_t loc_format = be16(head.data() + 50);
    if (loc_format > 1) return broken("head", "ghi kiểu bảng loca không có (" + std::to_string(loc_format) + ")");
    if (maxp.size() < 6) return broken("maxp", "ngắn hơn 6 byte");
    const std::uint32_t glyphs = be16(maxp.data() + 4);
    if (glyphs == 0) return broken("maxp", "ghi 0 nét chữ");
    if (hhea.size() < 36) return broken("hhea", "ngắn hơn 36 byte");
    const std::uint32_t metrics = be16(hhea.data() + 34);
    if (metrics == 0 || metrics > glyphs) {
        return broken("hhea", "ghi " + std::to_string(metrics) + " số đo chiều ngang cho " +
                                  std::to_string(glyphs) + " nét chữ");
    }
    if (hmtx.size() < 4 * std::size_t{metrics} + 2 * std::size_t{glyphs - metrics}) {
        return broken("hmtx", "ngắn hơn số đo của " + std::to_string(glyphs) + " nét chữ");
    }
    const std::size_t entry = loc_format == 0 ? 2 : 4;
    if (loca.size() < entry * (std::size_t{glyphs} + 1)) {
        return broken("loca", "ngắn hơn vị trí của " + std::to_string(glyphs) + " nét chữ");
    }
    for (std::size_t g = 0; g <= glyphs; ++g) {
        const std::size_t at = loca_format_offset(loca, g, loc_format);
        if (at > glyf.size()) {
            return broken("loca", "chỉ nét chữ " + std::to_string(g) + " ra ngoài bảng glyf");
        }
    }
    if (cmap.size() < 4) return broken("cmap", "ngắn hơn 4 byte");
    const std::uint32_t subtables = be16(cmap.data() + 2);
    if (4 + 8 * std::size_t{subtables} > cmap.size()) {
        return broken("cmap", "ghi " + std::to_string(subtables) + " bảng mã, dài hơn cả bảng");
    }
    for (std::uint32_t i = 0; i < subtables; ++i) {
        const std::size_t off = be32(cmap.data() + 4 + 8 * std::size_t{i} + 4);
        if (off + 4 > cmap.size()) return broken("cmap", "có bảng mã nằm ngoài bảng");
        const std::uint32_t format = be16(cmap.data() + off);
        std::size_t length = 0;
        if (format == 8 || format == 10 || format == 12 || format == 13) {
            if (off + 8 > cmap.size()) return broken("cmap", "có bảng mã nằm ngoài bảng");
            length = be32(cmap.data() + off + 4);
        } else if (format == 14) {
            if (off + 6 > cmap.size()) return broken("cmap", "có bảng mã nằm ngoài bảng");
            length = be32(cmap.data() + off + 2);
        } else {
            length = be16(cmap.data() + off + 2);
        }
        if (off + length > cmap.size()) {
            return broken("cmap", "có bảng mã kiểu " + std::to_string(format) + " dài quá bảng");
        }
        if (format == 4) {
            if (length < 16) return broken("cmap", "có bảng mã kiểu 4 quá ngắn");
            const std::size_t seg_x2 = be16(cmap.data() + off + 6);
            if (seg_x2 % 2 != 0 || 16 + 4 * seg_x2 > length) {
                return broken("cmap", "có bảng mã kiểu 4 ghi số đoạn sai");
            }
            // Each segment that maps through glyphIdArray must stay inside the subtable.
            for (std::size_t i = 0; i < seg_x2 / 2; ++i) {
                const std::size_t end = be16(cmap.data() + off + 14 + 2 * i);
                const std::size_t start = be16(cmap.data() + off + 16 + seg_x2 + 2 * i);
                const std::size_t ro_at = off + 16 + 3 * seg_x2 + 2 * i;
                const std::size_t ro = be16(cmap.data() + ro_at);
                if (start > end) return broken("cmap", "có đoạn mã bắt đầu sau khi kết thúc");
                if (ro != 0 && ro_at + ro + 2 * (end - start) + 2 > off + length) {
                    return broken("cmap", "có đoạn mã chỉ ra ngoài bảng mã kiểu 4");
                }
            }
        }
    }
    if (name.size() < 6) return broken("name", "ngắn hơn 6 byte");
    const std::size_t records = be16(name.data() + 2);
    const std::size_t storage = be16(name.data() + 4);
    if (6 + 12 * records > name.size() || storage > name.size()) {
        return broken("name", "ghi " + std::to_string(records) + " tên, dài hơn cả bảng");
    }
    for (std::size_t r = 0; r < records; ++r) {
        const unsigned char* rec = name.data() + 6 + 12 * r;
        if (storage + be16(rec + 10) + be16(rec + 8) > name.size()) {
            return broken("name", "có tên nằm ngoài bảng");
        }
    }
    if (os2.size() < 10) return broken("OS/2", "ngắn hơn 10 byte");
    const std::uint32_t fs_type = be16(os2.data() + 8);
    if ((fs_type & 0x000F) == 0x0002 || (fs_type & 0x0200) != 0) {
        return file + ": giấy phép của phông chữ không cho nhúng vào tài liệu (OS/2 fsType " +
               std::to_string(fs_type) + "); dùng phông khác, ví dụ Liberation Serif";
    }
    if (post.size() < 32) return broken("post", "ngắn hơn 32 byte");
    return "";
}

/// The tables a TrueType font must have to be measured and embedded.
constexpr std::array<const char*, 10> kRequiredTables{"head", "hhea", "hmtx", "cmap", "glyf",
                                                      "loca", "maxp", "name", "OS/2", "post"};

/// The largest font file read (a full CJK font is about 20 MB; Liberation Serif 0.4 MB).
constexpr std::size_t kMaxFontBytes = std::size_t{64} << 20;

/// Reads the table directory of the sfnt file `path` strictly (FreeType clips a table
/// running past the end of the file; the embedded program must not carry such a table).
/// Returns a Vietnamese message, or "" when every table lies inside the file and every
/// required table is there. A CFF font ('OTTO') returns "": the glyf check names it.
std::string table_directory_problem(const std::string& path, const std::string& bytes) {
    const std::string file = "tệp phông chữ '" + path + "'";
    // The tables below are views into the file's bytes.
    if (bytes.size() < 12) return "không đọc được " + file;
    const std::uintmax_t size = bytes.size();
    const auto* head = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::uint32_t version = be32(head);
    if (version == 0x4F54544Fu) return "";  // 'OTTO'
    if (version == 0x74746366u) {            // 'ttcf'
        return file + " là tập nhiều phông (TrueType Collection); thư viện PDF chỉ nhúng được "
                      "tệp .ttf của từng kiểu chữ";
    }
    const std::uint32_t count = (std::uint32_t{head[4]} << 8) | head[5];
    const std::uintmax_t dir_end = 12 + 16 * std::uintmax_t{count};
    if (count == 0 || dir_end > size) {
        return file + " bị hỏng: mục lục ghi " + std::to_string(count) + " bảng" +
               (count == 0 ? "" : ", dài hơn cả tệp (" + std::to_string(size) + " byte)");
    }
    const unsigned char* dir = head + 12;
    std::vector<std::string> tags;
    std::map<std::string, std::pair<std::uintmax_t, std::uintmax_t>> where;
    for (std::uint32_t i = 0; i < count; ++i) {
        const unsigned char* e = dir + 16 * std::size_t{i};
        const std::uintmax_t offset = be32(e + 8), length = be32(e + 12);
        if (offset + length > size) {
            return file + " bị hỏng: bảng " + tag_text(e) + " (từ byte " + std::to_string(offset) +
                   ", dài " + std::to_string(length) + " byte) vượt quá cuối tệp (" +
                   std::to_string(size) + " byte)";
        }
        tags.emplace_back(reinterpret_cast<const char*>(e), 4);
        where.emplace(tags.back(), std::pair(offset, length));
    }
    std::string missing;
    for (const char* t : kRequiredTables) {
        if (std::find(tags.begin(), tags.end(), t) != tags.end()) continue;
        missing += (missing.empty() ? "" : ", ") + std::string(t);
    }
    if (!missing.empty()) {
        return file + " thiếu bảng " + missing + " mà thư viện PDF cần để nhúng phông";
    }
    // Every table lies inside the file (checked above).
    TableBytes tables;
    for (const char* t : kRequiredTables) {
        const auto [offset, length] = where.at(t);
        tables[t] = std::span<const unsigned char>(head + offset, static_cast<std::size_t>(length));
    }
    return table_contents_problem(file, tables);
}

}  // namespace

std::optional<FontFace> FontFace::load(const std::string& path, Diagnostics& diags) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) {
        diags.error_general("không khởi tạo được thư viện FreeType để đọc phông chữ");
        return std::nullopt;
    }
    // The file is read once, here (Liberation Serif: about 0.4 MB a face): FreeType, the
    // checks below and the PDF backend (FontFace::bytes) all use these bytes.
    auto bytes = std::make_shared<std::string>();
    FT_Face ft = nullptr;
    if (files::read_whole(path, *bytes, kMaxFontBytes) != files::ReadStatus::ok ||
        FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(bytes->data()), static_cast<FT_Long>(bytes->size()),
                           0, &ft) != 0) {
        diags.error_general("không đọc được tệp phông chữ '" + path + "'");
        FT_Done_FreeType(lib);
        return std::nullopt;
    }
    std::optional<FontFace> result;
    FT_ULong glyf_len = 0;
    const std::string damage = FT_IS_SFNT(ft) ? table_directory_problem(path, *bytes) : "";
    bool truetype = FT_IS_SFNT(ft) &&
                    FT_Load_Sfnt_Table(ft, TTAG_glyf, 0, nullptr, &glyf_len) == 0 && glyf_len > 0;
    if (!damage.empty()) {
        diags.error_general(damage);
    } else if (!truetype) {
        diags.error_general("tệp phông chữ '" + path +
                            "' không phải phông TrueType (.ttf có bảng glyf); thư viện PDF chỉ "
                            "nhúng được phông TrueType");
    } else if (FT_Select_Charmap(ft, FT_ENCODING_UNICODE) != 0) {
        diags.error_general("phông chữ '" + path + "' không có bảng mã Unicode");
    } else {
        FontFace f;
        f.path = path;
        f.bytes = bytes;
        f.family = ft->family_name ? ft->family_name : "";
        f.units_per_em = ft->units_per_EM > 0 ? ft->units_per_EM : 2048;
        f.ascender = ft->ascender;
        f.descender = ft->descender;
        f.line_gap = std::max(0, ft->height - (ft->ascender - ft->descender));
        f.underline_position = ft->underline_position;
        f.underline_thickness = ft->underline_thickness;
        f.advances_.assign(0x10000, 0);
        f.present_.assign(0x10000, false);
        // Code points come in increasing order: stop past the BMP (a damaged cmap may
        // map all four billion code points).
        FT_UInt gid = 0;
        FT_ULong cp = FT_Get_First_Char(ft, &gid);
        while (gid != 0 && cp <= 0xFFFF) {
            FT_Fixed adv = 0;
            if (FT_Get_Advance(ft, gid, FT_LOAD_NO_SCALE, &adv) == 0) {
                f.advances_[cp] = static_cast<std::uint16_t>(std::clamp<FT_Fixed>(adv, 0, 0xFFFF));
                f.present_[cp] = true;
            }
            cp = FT_Get_Next_Char(ft, cp, &gid);
        }
        if (f.ascender <= 0 || f.descender > 0) {
            diags.error_general("phông chữ '" + path + "' có số đo dòng không hợp lệ");
        } else {
            result = std::move(f);
        }
    }
    FT_Done_Face(ft);
    FT_Done_FreeType(lib);
    return result;
}

FontSet::FontSet(FontFace regular, FontFace bold, FontFace italic, FontFace bold_italic)
    : faces_{std::move(regular), std::move(bold), std::move(italic), std::move(bold_italic)} {}

namespace {

namespace fs = std::filesystem;

struct Family {
    const char* name;
    std::array<const char*, 4> files;
};

constexpr std::array<Family, 2> kFamilies{{
    {"Times New Roman", {"times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"}},
    {"Liberation Serif",
     {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
      "LiberationSerif-BoldItalic.ttf"}},
}};

constexpr std::array<const char*, 4> kStyleNames{"thường", "đậm", "nghiêng", "đậm nghiêng"};

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Returns the path of `name` in `dir`, matching case-insensitively, or "".
std::string find_in(const fs::path& dir, const std::string& name) {
    std::error_code ec;
    fs::path exact = dir / name;
    if (fs::is_regular_file(exact, ec)) return exact.string();
    std::string want = lower_ascii(name);
    std::vector<std::string> hits;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (lower_ascii(it->path().filename().string()) == want && it->is_regular_file(ec)) {
            hits.push_back(it->path().string());
        }
    }
    std::sort(hits.begin(), hits.end());
    return hits.empty() ? std::string() : hits.front();
}

enum class Search { found, none, partial, failed };

/// Looks for a complete family in `dir`. With `report_partial`, a family with some but
/// not all four files is reported as an error naming the missing files.
Search search_dir(const std::string& dir, bool report_partial, Diagnostics& diags,
                  std::optional<FontSet>& out) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return Search::none;
    bool partial = false;
    for (const Family& fam : kFamilies) {
        std::array<std::string, 4> paths;
        int found = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            paths[i] = find_in(dir, fam.files[i]);
            if (!paths[i].empty()) ++found;
        }
        if (found == 4) {
            std::size_t before = diags.error_count();
            std::array<std::optional<FontFace>, 4> faces;
            for (std::size_t i = 0; i < 4; ++i) faces[i] = FontFace::load(paths[i], diags);
            if (diags.error_count() != before) return Search::failed;
            out.emplace(std::move(*faces[0]), std::move(*faces[1]), std::move(*faces[2]),
                        std::move(*faces[3]));
            out->set_folder(dir);
            return Search::found;
        }
        if (found > 0) {
            partial = true;
            if (report_partial) {
                std::string missing;
                for (std::size_t i = 0; i < 4; ++i) {
                    if (!paths[i].empty()) continue;
                    if (!missing.empty()) missing += ", ";
                    missing += std::string(fam.files[i]) + " (" + kStyleNames[i] + ")";
                }
                diags.error_general("thư mục phông chữ '" + dir + "' thiếu tệp của phông " +
                                    fam.name + ": " + missing);
            }
        }
    }
    return partial ? Search::partial : Search::none;
}

}  // namespace

std::optional<FontSet> find_fonts(const std::string& font_dir, const std::string& project_fonts_dir,
                                  Diagnostics& diags) {
    std::optional<FontSet> out;
    if (!font_dir.empty()) {
        std::error_code ec;
        if (!fs::is_directory(font_dir, ec)) {
            diags.error_general("không tìm thấy thư mục phông chữ '" + font_dir + "'");
            return std::nullopt;
        }
        Search s = search_dir(font_dir, true, diags, out);
        if (s == Search::found) return out;
        if (s == Search::none) {
            diags.error_general(
                "thư mục phông chữ '" + font_dir +
                "' không có đủ bốn tệp Times New Roman (times.ttf, timesbd.ttf, timesi.ttf, "
                "timesbi.ttf) hoặc Liberation Serif (LiberationSerif-Regular.ttf, -Bold, "
                "-Italic, -BoldItalic)");
        }
        return std::nullopt;
    }
    const std::string system_dir = "/usr/share/fonts/truetype/liberation2";
    for (const std::string& dir : {project_fonts_dir, system_dir}) {
        Search s = search_dir(dir, false, diags, out);
        if (s == Search::found) return out;
        if (s == Search::failed) return std::nullopt;
    }
    diags.error_general(
        "không tìm thấy phông chữ: cần Times New Roman hoặc Liberation Serif (bốn kiểu thường, "
        "đậm, nghiêng, đậm nghiêng); cài gói fonts-liberation2 (apt-get install "
        "fonts-liberation2) hoặc chỉ thư mục chứa times.ttf, timesbd.ttf, timesi.ttf, "
        "timesbi.ttf bằng --fonts DIR hay biến môi trường THIDUA_FONT_DIR");
    return std::nullopt;
}

}  // namespace thidua::layout
