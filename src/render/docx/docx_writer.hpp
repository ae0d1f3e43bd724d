// Stage: render/docx. Document tree → an editable Word file (.docx, Office Open XML).
// In: a doc::Document prepared by the driver (doc::sanitize, layout::measure_rules); out:
// the whole .docx in memory (the caller writes it atomically). The only code that
// includes <zip.h>. Reads the tree and nothing else — not the laid-out pages: Word lays
// the text out itself.
//
// What the file holds: one paragraph style per role of the document's style table
// (headings are Word's "heading 1…6" with their outline levels), each paragraph naming
// its style and carrying only what differs from it; Times New Roman, language vi-VN;
// tables with merged cells (gridSpan, vMerge), repeated header rows, rows that do not
// split, borderless grids for the header and signature blocks; each rule under a
// paragraph as a short paragraph with a top border, indented to the rule's measured
// length; one Word section per tree section (page size, orientation, margins, page
// numbers restarting at 1, a PAGE field centred in the page header from the section's
// second page); core properties (title, subject, author, dates). The zip is written with
// fixed timestamps and entry order: the same tree gives the same bytes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"

namespace thidua::docx {

/// Returns the .docx bytes of `doc`; reports a Vietnamese error and returns nullopt when
/// the package cannot be made (libzip out of memory). A document not sanitized is
/// sanitized on a copy first (with its warnings); a rule not measured is drawn a third
/// of its box wide, centred.
std::optional<std::string> write_docx(const doc::Document& doc, Diagnostics& diags);

namespace detail {
struct CombinedState;
}

/// A Word file made of several documents (the forms of every unit), written part by part
/// so that memory does not grow with the parts: add() writes each part's sections into
/// word/document.xml in a spill file (`spill_fd`, open for reading and writing, kept open
/// by the caller until finish() returned), holding back only the last section (whether it
/// is the document's last decides its XML); finish() zips the package straight to `path`,
/// reading word/document.xml from the spill file (whose mode it sets to 0666: libzip
/// gives the entry its file's mode). The bytes are those write_docx gives
/// for the parts joined with doc::append and the metadata given to finish().
class CombinedDocx {
public:
    explicit CombinedDocx(int spill_fd);
    ~CombinedDocx();
    CombinedDocx(const CombinedDocx&) = delete;
    CombinedDocx& operator=(const CombinedDocx&) = delete;

    /// Adds one part (sanitized here when it is not yet); false with an error when the
    /// spill file cannot be written.
    bool add(doc::Document&& part, Diagnostics& diags);
    /// Writes the package to `path` with these core properties; false with an error.
    bool finish(const std::string& title, const std::string& author, const std::string& subject,
                const std::string& created, const std::string& path, Diagnostics& diags);

private:
    std::unique_ptr<detail::CombinedState> state_;
};

namespace detail {

/// Returns the Word style id for a role: "Heading1"… for heading1…heading9, else the
/// role's ASCII letters and digits, never empty, never one the writer uses itself, and
/// unique: `taken` holds the ids given so far and receives this one.
std::string style_id(const std::string& role, std::vector<std::string>& taken);

}  // namespace detail

}  // namespace thidua::docx
