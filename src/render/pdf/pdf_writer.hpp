// Stage: render/pdf. Positioned pages → PDF bytes, through libharu 2.3.0.
// In: layout::Pages, the FontSet they were measured with, and document metadata; out:
// the whole PDF file in memory (the caller writes it atomically). The only code that
// includes <hpdf.h>. Text is drawn word by word where layout put it, in CID TrueType
// fonts (Identity-H, UTF-8 encoder); only the faces the pages use are embedded, cut to the
// Vietnamese repertoire when the pages print nothing else (font_subset.hpp); the
// creation date is pinned, so the same input gives the same bytes.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "layout/fonts.hpp"
#include "layout/layout.hpp"

namespace thidua::pdf {

/// Document metadata written into the PDF Info dictionary.
struct PdfInfo {
    std::string title;
    std::string author;
    std::string subject;
    std::string creator = "thidua";
    int year = 2000;  ///< CreationDate and ModDate, pinned for reproducible output
    int month = 1;
    int day = 1;
};

/// How write_pdf embeds its fonts.
struct PdfOptions {
    /// Embed each face cut to the Vietnamese repertoire (detail::subset_font) when the
    /// document prints nothing else: a third of the time and of the size, the same pages.
    bool subset_fonts = true;
};

/// Returns `s` cut to 1000 characters (at a letter boundary, "…" added) for the PDF Info
/// dictionary: libharu fails on strings of 64 KiB or more.
std::string metadata_text(const std::string& s);

/// Returns PdfInfo filled from a document's metadata (each string through metadata_text); `created` is "YYYY-MM-DD" (an
/// unreadable or empty date leaves 2000-01-01 and reports a warning when not empty).
PdfInfo info_from(const std::string& title, const std::string& author,
                  const std::string& subject, const std::string& created, Diagnostics& diags);

/// Renders `pages` and returns the PDF bytes; reports a Vietnamese error and returns
/// nullopt when libharu fails (bad font file, no pages, out of memory). Never aborts.
std::optional<std::string> write_pdf(const layout::Pages& pages, const layout::FontSet& fonts,
                                     const PdfInfo& info, Diagnostics& diags,
                                     const PdfOptions& options = {});

}  // namespace thidua::pdf
