#include "render/docx/xml.hpp"

#include "base/text.hpp"

namespace thidua::docx::detail {

bool xml_char(char32_t cp) {
    if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
    if (cp < 0x20) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (cp == 0xFFFE || cp == 0xFFFF) return false;
    return cp <= 0x10FFFF;
}

namespace {

/// True when every character of `text` is one NFC leaves alone whatever surrounds it (so
/// the text is NFC as it is): below U+0300 (where no combining mark is), the precomposed
/// letters of Latin Extended Additional (every Vietnamese letter with two marks), and the
/// dashes, quotation marks and dots of General Punctuation. Anything else goes through
/// text::nfc. Most text of a document passes, and costs no normalisation.
bool plainly_nfc(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0 && i + 1 < text.size()) {
            const char32_t cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
            if (cp >= 0x300) return false;
            i += 2;
            continue;
        }
        if ((c & 0xF0) == 0xE0 && i + 2 < text.size()) {
            const char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                                (static_cast<unsigned char>(text[i + 2]) & 0x3F);
            if (!((cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x2027))) return false;
            i += 3;
            continue;
        }
        return false;
    }
    return true;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
    // Decoding turns every invalid byte into U+FFFD, so what is encoded again is valid.
    const std::string normal = plainly_nfc(text) ? std::string() : text::nfc(text);
    for (char32_t cp : text::decode(normal.empty() ? text : std::string_view(normal))) {
        switch (cp) {
            case U'&': out += "&amp;"; break;
            case U'<': out += "&lt;"; break;
            case U'>': out += "&gt;"; break;
            case U'"': out += "&quot;"; break;
            default:
                if (xml_char(cp)) text::append_utf8(out, cp);
                break;
        }
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

}  // namespace thidua::docx::detail
