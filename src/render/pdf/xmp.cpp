#include "render/pdf/xmp.hpp"

#include <cstdio>

#include "base/text.hpp"

namespace thidua::pdf::detail {

std::string xml_text(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : text::decode(s)) {
        switch (c) {
            case U'&': out += "&amp;"; break;
            case U'<': out += "&lt;"; break;
            case U'>': out += "&gt;"; break;
            case U'"': out += "&quot;"; break;
            default:
                if ((c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || c == 0xFFFE || c == 0xFFFF ||
                    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
                    continue;
                }
                text::append_utf8(out, c);
        }
    }
    return out;
}

std::string xmp_packet(const XmpFields& f) {
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00Z", f.year, f.month, f.day);
    auto alt = [](const std::string& v) {
        return "<rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_text(v) + "</rdf:li></rdf:Alt>";
    };
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "  <rdf:Description rdf:about=\"\"\n";
    x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
    x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
    x += "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    x += "   <dc:format>application/pdf</dc:format>\n";
    if (!f.title.empty()) x += "   <dc:title>" + alt(f.title) + "</dc:title>\n";
    if (!f.author.empty()) {
        x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_text(f.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    }
    if (!f.subject.empty()) x += "   <dc:description>" + alt(f.subject) + "</dc:description>\n";
    if (!f.language.empty()) {
        x += "   <dc:language><rdf:Bag><rdf:li>" + xml_text(f.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    }
    x += std::string("   <xmp:CreateDate>") + date + "</xmp:CreateDate>\n";
    x += std::string("   <xmp:ModifyDate>") + date + "</xmp:ModifyDate>\n";
    x += std::string("   <xmp:MetadataDate>") + date + "</xmp:MetadataDate>\n";
    if (!f.creator_tool.empty()) x += "   <xmp:CreatorTool>" + xml_text(f.creator_tool) + "</xmp:CreatorTool>\n";
    x += "   <pdf:Producer>" + xml_text(f.producer) + "</pdf:Producer>\n";
    x += "  </rdf:Description>\n";
    x += " </rdf:RDF>\n";
    x += "</x:xmpmeta>\n";
    x += "<?xpacket end=\"r\"?>";
    return x;
}

}  // namespace thidua::pdf::detail
