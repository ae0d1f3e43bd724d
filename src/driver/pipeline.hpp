// Stage: driver. The commands `check`, `dump` and `render`: they run the stages in order
// (campaign load → validate → rules; template compile; evaluate → document tree →
// doc::sanitize and layout::measure_rules, once → {layout → PDF, Word file}; campaign →
// XLSX) and write the outputs all or nothing.
// In: parsed command-line options; out: files, text on stdout, diagnostics on stderr and
// the process exit code.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "driver/kinds.hpp"

namespace thidua::driver {

/// Process exit codes.
enum Exit : int {
    exit_ok = 0,        ///< done (warnings may have been printed)
    exit_input = 1,     ///< the input (campaign, templates, fonts) or the output folder has errors
    exit_usage = 2,     ///< the command line is wrong
    exit_internal = 3,  ///< a bug: an unexpected exception was caught
};

/// What the command line asked for (cli.cpp fills it).
struct Options {
    std::string campaign;       ///< the campaign file (check, dump; render: the first one)
    /// render: every campaign argument as typed (files, folders, "@list.txt"); more than
    /// one, a folder or a list make a batch (batch.hpp).
    std::vector<std::string> campaigns;
    unsigned jobs = 0;          ///< render -j: campaigns rendered at once; 0: one per processor
    std::string templates_dir;  ///< --templates; empty: the data folder's templates/
    std::string fonts_dir;      ///< --fonts; empty: THIDUA_FONT_DIR, then the usual places
    std::string output_dir;     ///< render -o
    std::vector<const DocumentKind*> only;  ///< render --only; empty: every kind that applies
    /// render --format: the files made of each document from a template (both by default).
    bool pdf = true;
    bool docx = true;
    std::string kind = "ke-hoach";          ///< dump --kind
    std::string unit;           ///< dump --unit: 1-based number, id or name
    std::string nominee;        ///< dump --nominee: 1-based number, id or name
    // new (output_dir is the file to write)
    std::string new_level;      ///< --cap: tinh, xa, phuong, dac-khu
    std::string new_agency;     ///< --co-quan
    int new_year = 0;           ///< --nam; 0: this year
    int new_units = 0;          ///< --don-vi
    int new_phases = 0;         ///< --dot
    bool force = false;         ///< --force: overwrite the file
};

int run_check(const Options& opt);
int run_dump(const Options& opt);
int run_render(const Options& opt);
/// `thidua new`: writes a new campaign file (atomically; an existing file only with --force).
int run_new(const Options& opt);

/// Prints every diagnostic (with the source line and a caret) to stderr, then a summary
/// "thidua: 3 lỗi, 1 cảnh báo" when there is any.
void print_diagnostics(const Diagnostics& diags);

/// Returns the creation date written into the PDFs, "YYYY-MM-DD": from
/// `source_date_epoch` (the SOURCE_DATE_EPOCH variable; nullptr when unset) when it is a
/// number of seconds; else the campaign's document.date when it is a full date; else
/// 2000-01-01. A malformed SOURCE_DATE_EPOCH is a warning and is ignored.
std::string creation_date(const Json& campaign, const char* source_date_epoch,
                          Diagnostics& diags);

/// True when the campaign has a non-empty "units" array.
bool has_units(const Json& campaign);
/// True when the value at `pointer` exists and is not null, an empty array, object or string.
bool has_value(const Json& campaign, std::string_view pointer);
/// Creates a new folder only this process uses, under TMPDIR (or /tmp when TMPDIR is
/// unset, empty or not a folder); nullopt when none can be made.
std::optional<std::filesystem::path> private_temp_dir();
/// True when campaign.indicators or some campaign.areas[].indicators is non-empty.
bool has_indicators(const Json& campaign);
/// True when campaign.areas is non-empty: a plan without indicators is tracked by its
/// content areas ("Đạt" / "Chưa đạt" in each phase).
bool has_areas(const Json& campaign);

/// One line of manifest.json.
struct ManifestEntry {
    std::string kind;
    std::optional<std::string> unit;     ///< the unit's name for per-unit documents
    std::optional<std::string> nominee;  ///< the nominee's name for per-nominee documents
    std::string path;                 ///< relative to the output folder
    std::string format;               ///< "pdf", "docx" or "xlsx"
    std::optional<std::size_t> pages;   ///< PDF
    std::optional<std::size_t> sheets;  ///< XLSX: summary + one per unit + hidden lists
};

/// One file's entry of manifest.json, as an ordered JSON object (keys in the order below).
nlohmann::ordered_json manifest_entry(const ManifestEntry& e);

/// The text of manifest.json, made one entry at a time as its files are written: a render
/// takes text() away in pieces (the 20,000 files of 10,000 units are never listed in
/// memory all at once) and calls close() for the end. The pieces together are
/// manifest_json() of the same entries.
class ManifestText {
public:
    /// Appends the entry of one file.
    void add(const ManifestEntry& e);
    /// Appends the end of the text; add() may not be called after it.
    void close();
    /// The text made since it was last taken (the caller may clear it).
    std::string& text() { return text_; }

private:
    std::string text_ = "{\n  \"files\": [";
    bool empty_ = true;
};

/// Returns manifest.json: {"files": [{"kind", "unit", "path", "format", "pages", "sheets"}...]}
/// with keys in that order, absent values as null, two-space indent, UTF-8, final newline.
/// Documents per nominee have a "nominee" key after "unit"; the others do not.
std::string manifest_json(const std::vector<ManifestEntry>& entries);

}  // namespace thidua::driver
