// Stage: driver (before layout). The characters the fonts lack, reported where they come
// from: each one in the campaign's strings at its file:line:col in the campaign file, each
// one in a template's own text at its position in the .tpl file. layout::check_glyphs, run
// on the built documents afterwards, can only name the paragraph.
// In: the loaded campaign, compiled templates and the four faces; out: errors in
// Vietnamese, and whether any character is missing.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <utility>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"
#include "layout/fonts.hpp"
#include "template/template.hpp"

namespace thidua::driver {

/// Checks text against the four faces, reporting each place once however many
/// templates include the same file.
class GlyphCheck {
public:
    GlyphCheck(const layout::FontSet& fonts, Diagnostics& diags) : fonts_(fonts), diags_(diags) {}

    /// Checks every string of the campaign (but its "$schema" path). True when the fonts
    /// have every character.
    bool campaign(const JsonDoc& doc);
    /// Checks the literal text of a compiled template. True when the fonts have every
    /// character.
    bool template_text(const tpl::Template& t);

    /// At most this many places are reported; the rest are counted in one last error.
    static constexpr std::size_t max_reported = 20;

private:
    /// Returns "phông chữ … (thường) không có ký tự …" when a face lacks `cp`, else "".
    std::string missing(char32_t cp) const;
    /// Counts one place; false (and a note once) past max_reported.
    bool room();
    void walk(const JsonDoc& doc, const Json& v, const std::string& pointer, bool& ok);

    const layout::FontSet& fonts_;
    Diagnostics& diags_;
    std::set<std::pair<std::string, std::size_t>> reported_;  // (file, byte) already reported
    std::size_t places_ = 0;
};

}  // namespace thidua::driver
