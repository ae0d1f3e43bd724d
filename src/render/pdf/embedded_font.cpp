#include "render/pdf/embedded_font.hpp"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>

#include "base/files.hpp"
#include "render/pdf/deflate.hpp"
#include "render/pdf/font_subset.hpp"

namespace thidua::pdf::detail {

namespace {

template <typename T, void (*destroy)(T*)>
struct Destroy {
    void operator()(T* p) const { destroy(p); }
};
using Face = std::unique_ptr<hb_face_t, Destroy<hb_face_t, hb_face_destroy>>;
using Font = std::unique_ptr<hb_font_t, Destroy<hb_font_t, hb_font_destroy>>;
using Blob = std::unique_ptr<hb_blob_t, Destroy<hb_blob_t, hb_blob_destroy>>;

/// A font table's bytes, read big-endian; values past its end read as 0.
class Table {
public:
    Table(hb_face_t* face, const char* tag)
        : blob_(hb_face_reference_table(face, hb_tag_from_string(tag, 4))) {
        unsigned size = 0;
        data_ = hb_blob_get_data(blob_.get(), &size);
        size_ = size;
    }
    bool has(std::size_t offset, std::size_t n) const { return data_ != nullptr && offset + n <= size_; }
    std::uint16_t u16(std::size_t at) const {
        if (!has(at, 2)) return 0;
        return static_cast<std::uint16_t>(static_cast<unsigned char>(data_[at]) << 8 |
                                          static_cast<unsigned char>(data_[at + 1]));
    }
    std::int16_t i16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
    std::uint8_t u8(std::size_t at) const { return has(at, 1) ? static_cast<std::uint8_t>(data_[at]) : 0; }
    std::int32_t i32(std::size_t at) const {
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(u16(at)) << 16 | u16(at + 2));
    }

private:
    Blob blob_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

/// Six capital letters from the font program's bytes (FNV-1a): the subset tag a PDF
/// puts before the name of a cut face, the same for the same cut.
std::string subset_tag(const std::string& bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + h % 26);
        h /= 26;
    }
    return tag;
}

/// The PostScript name, with only the characters a PDF name keeps plainly.
std::string postscript_name(hb_face_t* face) {
    char buf[128] = {};
    unsigned len = sizeof buf;  // in: room; out: letters written (cut to fit)
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, buf);
    std::string name;
    for (unsigned i = 0; i < len && i < sizeof buf; ++i) {
        const char c = buf[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
            name += c;
        }
    }
    return name.empty() ? "Font" : name;
}

/// Scales font units to 1/1000 em, truncating toward zero as libharu did.
int per_mille(long units, unsigned upem) { return static_cast<int>(units * 1000 / static_cast<long>(upem)); }

std::string read_file(const std::string& path) {
    std::string bytes;
    if (files::read_whole(path, bytes, std::size_t{1} << 30) != files::ReadStatus::ok) {
        throw std::runtime_error("không đọc được tệp");
    }
    if (bytes.empty()) throw std::runtime_error("tệp rỗng");
    return bytes;
}

/// What the process keeps of one font file.
struct Entry {
    std::once_flag read_once, core_once, cut_once, whole_once;
    std::shared_ptr<const std::string> bytes;
    std::shared_ptr<const EmbeddedFont> core, cut, whole;
};

Entry& entry_for(const std::string& path) {
    static std::mutex m;
    static std::map<std::string, std::unique_ptr<Entry>> entries;  // never erased: references stay valid
    std::lock_guard<std::mutex> lock(m);
    std::unique_ptr<Entry>& e = entries[path];
    if (!e) e = std::make_unique<Entry>();
    return *e;
}

/// Every BMP code point `ttf`'s cmap maps.
std::vector<char32_t> all_codes(const std::string& ttf) {
    Blob blob(hb_blob_create(ttf.data(), static_cast<unsigned>(ttf.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    Face face(hb_face_create(blob.get(), 0));
    std::unique_ptr<hb_set_t, Destroy<hb_set_t, hb_set_destroy>> set(hb_set_create());
    hb_face_collect_unicodes(face.get(), set.get());
    std::vector<char32_t> out;
    for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next(set.get(), &c);) {
        if (c > 0xFFFF) break;
        out.push_back(c);
    }
    return out;
}

}  // namespace

std::string to_unicode_cmap(const std::vector<char32_t>& codes) {
    // Ranges of consecutive codes that share their high byte (a bfrange may not cross one),
    // at most 100 to a section.
    std::vector<std::pair<char32_t, char32_t>> ranges;
    for (char32_t c : codes) {
        if (!ranges.empty() && ranges.back().second + 1 == c && (c & 0xFF) != 0) {
            ranges.back().second = c;
        } else {
            ranges.emplace_back(c, c);
        }
    }
    std::string out =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    char entry[32];
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        out += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k) {
            std::snprintf(entry, sizeof entry, "<%04X> <%04X> <%04X>\n", static_cast<unsigned>(ranges[k].first),
                          static_cast<unsigned>(ranges[k].second), static_cast<unsigned>(ranges[k].first));
            out += entry;
        }
        out += "endbfrange\n";
    }
    out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return out;
}

std::shared_ptr<const EmbeddedFont> embed_font(const std::string& ttf, const std::vector<char32_t>& codes,
                                               int level) {
    Blob blob(hb_blob_create_or_fail(ttf.data(), static_cast<unsigned>(ttf.size()), HB_MEMORY_MODE_READONLY,
                                     nullptr, nullptr));
    if (!blob) throw std::bad_alloc();
    Face face(hb_face_create(blob.get(), 0));
    const unsigned upem = hb_face_get_upem(face.get());
    if (hb_face_get_glyph_count(face.get()) == 0 || upem == 0) {
        throw std::runtime_error("HarfBuzz không đọc được nét chữ nào trong tệp");
    }
    Font font(hb_font_create(face.get()));
    hb_font_set_scale(font.get(), static_cast<int>(upem), static_cast<int>(upem));

    auto f = std::make_shared<EmbeddedFont>();
    // The map from code to glyph and each code's width.
    std::vector<std::pair<char32_t, hb_codepoint_t>> mapped;
    for (char32_t c : codes) {
        hb_codepoint_t gid = 0;
        if (c <= 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF) && hb_font_get_nominal_glyph(font.get(), c, &gid) && gid != 0) {
            mapped.emplace_back(c, gid);
        }
    }
    std::sort(mapped.begin(), mapped.end());
    mapped.erase(std::unique(mapped.begin(), mapped.end()), mapped.end());
    const std::size_t end = mapped.empty() ? 0 : mapped.back().first + 1;
    f->widths.assign(end, -1);
    std::string map(2 * end, '\0');
    std::vector<char32_t> kept;
    kept.reserve(mapped.size());
    for (const auto& [c, gid] : mapped) {
        f->widths[c] = per_mille(hb_font_get_glyph_h_advance(font.get(), gid), upem);
        map[2 * c] = static_cast<char>(gid >> 8);
        map[2 * c + 1] = static_cast<char>(gid & 0xFF);
        kept.push_back(c);
    }
    f->missing_width = per_mille(hb_font_get_glyph_h_advance(font.get(), 0), upem);
    f->cid_to_gid = zlib_compress(map, level);
    f->to_unicode = zlib_compress(to_unicode_cmap(kept), level);
    f->font_file = zlib_compress(ttf, level);
    f->font_file_length = ttf.size();
    f->base_font = subset_tag(ttf) + "+" + postscript_name(face.get());

    // The descriptor, from head, hhea, OS/2 and post.
    const Table head(face.get(), "head"), hhea(face.get(), "hhea"), os2(face.get(), "OS/2"), post(face.get(), "post");
    f->bbox = {per_mille(head.i16(36), upem), per_mille(head.i16(38), upem), per_mille(head.i16(40), upem),
               per_mille(head.i16(42), upem)};
    f->ascent = per_mille(hhea.i16(4), upem);
    f->descent = per_mille(hhea.i16(6), upem);
    const std::uint16_t os2_version = os2.u16(0);
    f->x_height = os2_version >= 2 ? per_mille(os2.i16(86), upem) : 0;
    f->cap_height = os2_version >= 2 && os2.i16(88) > 0 ? per_mille(os2.i16(88), upem) : f->ascent;
    const std::uint16_t weight = os2.has(4, 2) ? os2.u16(4) : 400;
    f->stem_v = 10 + 220 * (std::clamp<int>(weight, 50, 950) - 50) / 900;
    f->italic_angle = post.i32(4) / 65536.0;
    const bool fixed = post.i32(12) != 0;
    const std::uint8_t serif_style = os2.u8(32 + 1);  // panose bSerifStyle: 2..10 have serifs
    const bool italic = (head.u16(44) & 2) != 0 || f->italic_angle != 0;
    f->flags = (fixed ? 1 : 0) | (serif_style >= 2 && serif_style <= 10 ? 2 : 0) | 32 | (italic ? 64 : 0);
    return f;
}

std::shared_ptr<const EmbeddedFont> font_for(const std::string& path, std::shared_ptr<const std::string> file,
                                             const std::vector<char32_t>& chars, bool subset) {
    Entry& e = entry_for(path);
    std::call_once(e.read_once, [&] {
        if (file == nullptr || file->empty()) file = std::make_shared<const std::string>(read_file(path));
        e.bytes = std::move(file);
    });
    const std::string& ttf = *e.bytes;
    if (!subset) {
        std::call_once(e.whole_once, [&] { e.whole = embed_font(ttf, all_codes(ttf), kSharedLevel); });
        return e.whole;
    }
    // The smallest shared cut that has every character; failing both, one of its own.
    auto shared = [&](std::once_flag& once, std::shared_ptr<const EmbeddedFont>& cut, std::vector<char32_t> codes) {
        std::call_once(once, [&] {
            const std::string bytes = subset_font(ttf, codes);
            cut = embed_font(bytes.empty() ? ttf : bytes, codes, kSharedLevel);
        });
        return cut;
    };
    if (std::all_of(chars.begin(), chars.end(), in_core)) return shared(e.core_once, e.core, core());
    if (std::all_of(chars.begin(), chars.end(), in_repertoire)) return shared(e.cut_once, e.cut, repertoire());
    std::vector<char32_t> codes = repertoire();
    codes.insert(codes.end(), chars.begin(), chars.end());
    const std::string bytes = subset_font(ttf, codes);
    return embed_font(bytes.empty() ? ttf : bytes, codes, kContentLevel);
}

}  // namespace thidua::pdf::detail
