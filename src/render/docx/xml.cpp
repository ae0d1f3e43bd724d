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

void append_escaped(std::string& out, std::string_view text) {
    // Decoding turns every invalid byte into U+FFFD, so what is encoded again is valid.
    for (char32_t cp : text::decode(text::nfc(text))) {
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
