// Stage: render/pdf. Positioned pages → PDF bytes, through libqpdf.
// In: the doc::Document the pages were laid out from (its headings give the bookmarks, its
// paragraphs and tables the structure tree), the layout::Pages, the FontSet they were
// measured with, and the document's metadata; out: the whole PDF file in memory (the
// caller writes it atomically); the combined file of several documents (CombinedPdf)
// straight to a file. With pdf_serialiser.cpp (for MD5), the only code that includes
// qpdf's headers.
// Text is drawn word by word where layout put it, in CIDFontType2 faces (Identity-H, a
// code is the letter's Unicode value) that are cut, compressed and measured once per
// process and shared by every document (embedded_font.hpp); page contents are compressed
// with libdeflate (deflate.hpp) and handed to qpdf already filtered. The file is PDF 1.7
// with /Lang, bookmarks of the headings, XMP metadata and a structure tree (Tagged PDF);
// the dates are pinned and the /ID is a digest of the content, so the same input gives the
// same bytes.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "layout/fonts.hpp"
#include "layout/layout.hpp"

namespace thidua::pdf {

/// Document metadata written into the Info dictionary and the XMP metadata.
struct PdfInfo {
    std::string title;
    std::string author;
    std::string subject;
    std::string creator = "thidua";
    std::string language = "vi-VN";  ///< the catalog's /Lang and XMP dc:language
    int year = 2000;  ///< CreationDate and ModDate, pinned for reproducible output
    int month = 1;
    int day = 1;
    /// A document made of several (the forms of all units in one file): where each part
    /// starts and what it is called. Each part gets a bookmark above its own headings.
    struct Part {
        std::size_t first_section = 0;  ///< index of its first doc::Section
        std::string title;
    };
    std::vector<Part> parts;
};

/// How write_pdf builds the file.
struct PdfOptions {
    /// Embed each face cut to the Vietnamese repertoire (detail::subset_font) when the
    /// document prints nothing else: a third of the time and of the size, the same pages.
    bool subset_fonts = true;
    /// Write the structure tree (headings, paragraphs, tables) and mark every word with
    /// it, page numbers, rules and borders as artifacts: a Tagged PDF.
    bool tagged = true;
};

/// Returns `s` as one line for the Info dictionary, the XMP metadata and bookmarks: line
/// breaks, tabs and other control characters become spaces, runs of spaces one, no space
/// at either end; cut to `max_chars` letters (at a letter boundary, "…" added).
std::string metadata_text(const std::string& s, std::size_t max_chars = 1000);

/// Returns PdfInfo filled from a document's metadata (each string through metadata_text); `created` is "YYYY-MM-DD" (an
/// unreadable or empty date leaves 2000-01-01 and reports a warning when not empty).
PdfInfo info_from(const std::string& title, const std::string& author,
                  const std::string& subject, const std::string& created, Diagnostics& diags);

/// Renders `pages`, laid out from `tree`, and returns the PDF bytes; reports a Vietnamese
/// error and returns nullopt when the file cannot be made (no pages, a font that cannot be
/// read, an error inside qpdf). Never aborts; only std::bad_alloc passes through.
std::optional<std::string> write_pdf(const doc::Document& tree, const layout::Pages& pages,
                                     const layout::FontSet& fonts, const PdfInfo& info,
                                     Diagnostics& diags, const PdfOptions& options = {});

namespace detail {
struct CombinedState;
}

/// A PDF made of several documents (the forms of every unit, to be printed), written part
/// by part so that memory does not grow with the parts: add() compresses each part's pages
/// and writes them and its bookmarks into a spill file (`spill_fd`, open for reading and
/// writing, kept open by the caller until finish() returned); finish() writes the file
/// object by object (pdf_serialiser.hpp, not through qpdf's object graph, which grows with
/// the pages), reading each page and bookmark back from the spill file as it is written.
/// Memory holds a few bytes a page. The file shows what write_pdf gives for the parts
/// joined with doc::append, untagged, with a PdfInfo::Part per part (layout numbers pages
/// and paragraphs per section, so a part laid out alone is laid out as in the whole): the
/// same page contents, fonts, bookmarks, Info, XMP and /Lang, in other bytes.
class CombinedPdf {
public:
    CombinedPdf(const layout::FontSet& fonts, int spill_fd);
    ~CombinedPdf();
    CombinedPdf(const CombinedPdf&) = delete;
    CombinedPdf& operator=(const CombinedPdf&) = delete;

    /// Adds one part, prepared and laid out as `pages`; its bookmark says `title`. False
    /// with an error when the spill file cannot be written.
    bool add(const doc::Document& part, const layout::Pages& pages, const std::string& title,
             Diagnostics& diags);
    /// Writes the whole file to `path`; false with an error as write_pdf.
    bool finish(const PdfInfo& info, const std::string& path, Diagnostics& diags);
    /// The pages added so far.
    std::size_t pages() const;

private:
    std::unique_ptr<detail::CombinedState> state_;
};

}  // namespace thidua::pdf
