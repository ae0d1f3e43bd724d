// Builds .xlsx packages in memory for the reader's tests: each part's XML written out
// here, zipped with libzip, so every case says exactly what the file holds.
#pragma once

#include <zip.h>

#include <map>
#include <stdexcept>
#include <string>

namespace sheet_test {

/// Returns a zip holding `parts` (name → bytes), deflated.
inline std::string zip_of(const std::map<std::string, std::string>& parts) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (src == nullptr) throw std::runtime_error("zip_source_buffer_create");
    zip_source_keep(src);
    zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &error);
    if (z == nullptr) throw std::runtime_error("zip_open_from_source");
    for (const auto& [name, bytes] : parts) {
        zip_source_t* s = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        if (s == nullptr || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
            throw std::runtime_error("zip_file_add");
        }
    }
    if (zip_close(z) < 0) throw std::runtime_error("zip_close");
    std::string out;
    if (zip_source_open(src) < 0) throw std::runtime_error("zip_source_open");
    char buf[65536];
    for (zip_int64_t n; (n = zip_source_read(src, buf, sizeof buf)) > 0;) {
        out.append(buf, static_cast<std::size_t>(n));
    }
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&error);
    return out;
}

inline const char* const kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
inline const char* const kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

/// A workbook with the given sheets (name → sheetData inner XML), shared strings and
/// styles (cellXfs inner XML; numFmts inner XML). `extra` is added to each sheet after
/// sheetData (e.g. mergeCells). `hidden` names a sheet to hide.
struct Book {
    std::map<int, std::pair<std::string, std::string>> sheets;  // order → (name, sheetData)
    std::vector<std::string> shared;
    std::string num_fmts;
    std::string cell_xfs = R"(<xf numFmtId="0"/>)";
    std::string extra;
    std::string hidden;
    bool date1904 = false;

    std::string bytes() const {
        std::map<std::string, std::string> parts;
        parts["[Content_Types].xml"] = kContentTypes;
        parts["_rels/.rels"] = kRootRels;
        std::string wb = R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)";
        if (date1904) wb += R"(<workbookPr date1904="1"/>)";
        wb += "<sheets>";
        std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
        int i = 0;
        for (const auto& [order, sheet] : sheets) {
            ++i;
            const std::string id = "rId" + std::to_string(i);
            wb += "<sheet name=\"" + sheet.first + "\" sheetId=\"" + std::to_string(i) +
                  "\" r:id=\"" + id + "\"" + (sheet.first == hidden ? " state=\"hidden\"" : "") +
                  "/>";
            rels += "<Relationship Id=\"" + id +
                    "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" +
                    std::to_string(i) + ".xml\"/>";
            parts["xl/worksheets/sheet" + std::to_string(i) + ".xml"] =
                R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                sheet.second + "</sheetData>" + extra + "</worksheet>";
        }
        wb += "</sheets></workbook>";
        rels += R"(<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
        rels += R"(<Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>)";
        rels += "</Relationships>";
        parts["xl/workbook.xml"] = wb;
        parts["xl/_rels/workbook.xml.rels"] = rels;
        std::string sst = R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
        for (const auto& s : shared) sst += "<si>" + s + "</si>";
        parts["xl/sharedStrings.xml"] = sst + "</sst>";
        parts["xl/styles.xml"] =
            R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>)" +
            num_fmts + "</numFmts><cellXfs>" + cell_xfs + "</cellXfs></styleSheet>";
        return zip_of(parts);
    }
};

}  // namespace sheet_test
