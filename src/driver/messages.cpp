#include "driver/messages.hpp"

#include <cstdio>

#include "base/text.hpp"

namespace thidua::driver {

std::string in_quotes(std::string_view s) {
    std::string out = "\"";
    std::size_t i = 0;
    while (i < s.size()) {
        const std::optional<std::size_t> bad = text::find_invalid_utf8(s.substr(i));
        const std::size_t good_end = bad ? i + *bad : s.size();
        for (; i < good_end; ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            char buf[8];
            if (c == '\n') {
                out += "\\n";
            } else if (c == '\t') {
                out += "\\t";
            } else if (c < 0x20 || c == 0x7F) {
                std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
        if (bad) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i]));
            out += buf;
            ++i;
        }
    }
    return out + "\"";
}

}  // namespace thidua::driver
