// Stage: render/docx (internal). Text as it may go into the XML parts of a Word file.
// In: UTF-8 from the document tree; out: NFC text with &, <, >, " escaped and every
// character XML 1.0 does not allow removed, so that no input can make a part unreadable.
#pragma once

#include <string>
#include <string_view>

namespace thidua::docx::detail {

/// Appends `text` to `out` as XML character data or an attribute value: NFC, escaped
/// (&amp; &lt; &gt; &quot;), invalid UTF-8 as U+FFFD, and without the characters XML 1.0
/// forbids (controls other than tab, line feed and carriage return; U+FFFE, U+FFFF).
void append_escaped(std::string& out, std::string_view text);

/// Returns append_escaped of `text`.
std::string escaped(std::string_view text);

/// True when `cp` may appear in an XML 1.0 document.
bool xml_char(char32_t cp);

}  // namespace thidua::docx::detail
