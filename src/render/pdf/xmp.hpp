// Stage: render/pdf (internal). The XMP metadata packet of a PDF (the catalog's /Metadata
// stream): the same title, author, subject, dates, producer and language as the Info
// dictionary, in the RDF/XML that archives and PDF/A readers take metadata from.
// In: the fields as UTF-8; out: the packet, every value escaped for XML and stripped of
// the characters XML 1.0 cannot hold.
#pragma once

#include <string>

namespace thidua::pdf::detail {

struct XmpFields {
    std::string title, author, subject, creator_tool, producer, language;
    int year = 2000, month = 1, day = 1;  ///< xmp:CreateDate and ModifyDate, midnight UTC
};

/// Returns `s` with &, <, >, " escaped and the characters XML 1.0 forbids (controls other
/// than tab and line breaks, U+FFFE, U+FFFF) left out.
std::string xml_text(const std::string& s);

/// Returns the whole packet, from <?xpacket begin…?> to <?xpacket end="r"?>.
std::string xmp_packet(const XmpFields& f);

}  // namespace thidua::pdf::detail
