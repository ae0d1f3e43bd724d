// Stage: layout. Font discovery and metrics.
// In: a folder the user named (may be empty) and the project's fonts/ folder; out: the
// four faces of one serif family (regular, bold, italic, bold italic) with their
// per-code-point advance widths and vertical metrics, read once with FreeType.
// Nothing here draws; the PDF backend embeds the files named by FontFace::path.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"

namespace thidua::layout {

/// The four styles of a family, in the order FontSet stores them.
enum class Face : std::uint8_t { regular = 0, bold = 1, italic = 2, bold_italic = 3 };

/// Returns the face for a run's bold and italic flags.
Face face_for(bool bold, bool italic);
/// Returns a short stable name for dumps: "R", "B", "I", "BI".
const char* face_code(Face f);

/// One TrueType font file and its metrics. Widths cover the Basic Multilingual Plane;
/// code points above U+FFFF count as missing (the PDF writer codes text in two bytes).
class FontFace {
public:
    std::string path;        ///< the .ttf file, embedded by the PDF backend
    /// The file's bytes as load() read them (and checked them): the PDF backend embeds
    /// these rather than reading the file again. Shared, never changed.
    std::shared_ptr<const std::string> bytes;
    std::string family;      ///< family name from the font, e.g. "Liberation Serif"
    int units_per_em = 2048;
    int ascender = 0;        ///< font units above the baseline (positive)
    int descender = 0;       ///< font units below the baseline (negative)
    int line_gap = 0;        ///< font units
    int underline_position = 0;   ///< font units, negative = below the baseline
    int underline_thickness = 0;  ///< font units

    /// Returns the advance width of `cp` at `size_pt`, in points; 0 for a missing glyph.
    double advance(char32_t cp, double size_pt) const;
    /// Returns the advance width of a UTF-8 string at `size_pt`, in points.
    double width(std::string_view utf8, double size_pt) const;
    /// True when the font maps `cp` to a real glyph.
    bool has_glyph(char32_t cp) const;
    /// Returns the code points of `utf8` the font lacks, each once, in order of first
    /// appearance. Line breaks and tabs are not reported (layout never prints them).
    std::vector<char32_t> missing_glyphs(std::string_view utf8) const;
    /// Returns the natural line height as a multiple of the font size:
    /// (ascender - descender + line gap) / units per em.
    double line_height_ratio() const;
    /// Returns the ascent in points at `size_pt`.
    double ascent(double size_pt) const;
    /// Returns the descent in points at `size_pt` (positive, below the baseline).
    double descent(double size_pt) const;

    /// Loads `path` with FreeType; reports a Vietnamese error naming the file and returns
    /// nullopt when the file is missing, unreadable or not a TrueType font the PDF writer can
    /// embed: a collection (.ttc), a table directory or a table running past the end of
    /// the file (FreeType clips it silently), or one of the required tables (head, hhea, hmtx, cmap, glyf, loca, maxp, name,
    /// OS/2, post) missing.
    static std::optional<FontFace> load(const std::string& path, Diagnostics& diags);

private:
    std::vector<std::uint16_t> advances_;  // 65,536 entries, font units
    std::vector<bool> present_;            // 65,536 entries
};

/// The four faces used to set a document.
class FontSet {
public:
    FontSet(FontFace regular, FontFace bold, FontFace italic, FontFace bold_italic);

    /// Returns the face for a style.
    const FontFace& face(Face f) const { return faces_[static_cast<std::size_t>(f)]; }
    /// Returns the face for a run's bold and italic flags.
    const FontFace& face(bool bold, bool italic) const { return face(face_for(bold, italic)); }
    /// Returns the folder the faces were found in.
    const std::string& folder() const { return folder_; }
    void set_folder(std::string folder) { folder_ = std::move(folder); }

private:
    std::array<FontFace, 4> faces_;
    std::string folder_;
};

/// Finds and loads the four faces. Search order: (1) `font_dir` when not empty (the
/// user's --fonts DIR or THIDUA_FONT_DIR): Times New Roman under its Windows names
/// times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf, or LiberationSerif-*.ttf; a folder
/// that was given but lacks a complete set is an error, never silently skipped;
/// (2) `project_fonts_dir` (the repository's fonts/); (3) Debian's fonts-liberation2 in
/// /usr/share/fonts/truetype/liberation2/. File names match case-insensitively.
/// Reports a Vietnamese error and returns nullopt when nothing is found.
std::optional<FontSet> find_fonts(const std::string& font_dir,
                                  const std::string& project_fonts_dir, Diagnostics& diags);

/// Returns "U+1EA0 'Ạ'" for messages.
std::string describe_code_point(char32_t cp);

}  // namespace thidua::layout
