#include "driver/glyphs.hpp"

#include "base/text.hpp"

namespace thidua::driver {

namespace {

/// The length of the UTF-8 sequence that starts with `lead`.
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

/// Calls `fn(cp, byte)` for every code point of `s` but control characters (line breaks
/// and tabs are never printed as glyphs; other control characters are the campaign
/// checks' business).
template <class Fn>
void each_code_point(const std::string& s, Fn fn) {
    // Decoded once (the text is valid UTF-8: both inputs are checked when read); the byte
    // of each code point follows from its lead byte.
    std::size_t i = 0;
    for (char32_t cp : text::decode(s)) {
        if (i >= s.size()) break;
        if (cp >= 0x20 && cp != 0x7F) fn(cp, i);
        i += sequence_length(static_cast<unsigned char>(s[i]));
    }
}

}  // namespace

std::string GlyphCheck::missing(char32_t cp) const {
    static const char* const names[] = {"thường", "đậm", "nghiêng", "đậm nghiêng"};
    for (int f = 0; f < 4; ++f) {
        const layout::FontFace& face = fonts_.face(static_cast<layout::Face>(f));
        if (face.has_glyph(cp)) continue;
        return "phông chữ " + face.family + " (" + names[f] + ") không có ký tự " +
               layout::describe_code_point(cp) + ": văn bản không in được ký tự này (bỏ nó, "
               "hoặc dùng phông có nó: --fonts)";
    }
    return {};
}

bool GlyphCheck::room() {
    if (++places_ <= max_reported) return true;
    if (places_ == max_reported + 1) {
        diags_.error_general("còn ký tự khác mà phông chữ không có; chỉ báo " +
                             std::to_string(max_reported) + " chỗ đầu tiên");
    }
    return false;
}

void GlyphCheck::walk(const JsonDoc& doc, const Json& v, const std::string& pointer,
                      bool& ok) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (pointer.empty() && it.key() == "$schema") continue;  // a path, never printed
            walk(doc, it.value(), pointer_append(pointer, it.key()), ok);
        }
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) walk(doc, v[i], pointer_append(pointer, i), ok);
    } else if (v.is_string()) {
        each_code_point(v.get_ref<const std::string&>(), [&](char32_t cp, std::size_t byte) {
            std::string message = missing(cp);
            if (message.empty()) return;
            ok = false;
            const std::size_t offset = offset_in_string(doc, pointer, byte);
            if (!reported_.insert({doc.source.path(), offset}).second || !room()) return;
            error_in_string(doc, diags_, pointer, byte, std::move(message));
        });
    }
}

bool GlyphCheck::campaign(const JsonDoc& doc) {
    bool ok = true;
    walk(doc, doc.value, "", ok);
    return ok;
}

bool GlyphCheck::template_text(const tpl::Template& t) {
    bool ok = true;
    for (const tpl::LiteralText& lit : tpl::literal_texts(t)) {
        if (lit.loc.file < 0 || static_cast<std::size_t>(lit.loc.file) >= t.files.size()) continue;
        const SourceFile& file = t.files[static_cast<std::size_t>(lit.loc.file)];
        each_code_point(lit.text, [&](char32_t cp, std::size_t byte) {
            std::string message = missing(cp);
            if (message.empty()) return;
            ok = false;
            // The character's own bytes, from where the text starts: escapes before it
            // ("\*") are ASCII, so the first match at or after its place in the text is it.
            std::string bytes;
            text::append_utf8(bytes, cp);
            std::size_t offset = file.text().find(bytes, lit.loc.offset + byte);
            if (offset == std::string::npos) offset = lit.loc.offset;
            if (!reported_.insert({file.path(), offset}).second || !room()) return;
            thidua::detail::report_error(diags_, file, offset, std::move(message));
        });
    }
    return ok;
}

}  // namespace thidua::driver
