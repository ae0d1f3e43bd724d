// Stage: campaign. Reads a JSON file into a thidua::Json value plus an index from JSON
// pointers to byte offsets, so later checks can report `file:line:col` for any value (the
// index may be built from the kept text only when a message first needs it).
// In: a path (and its bytes); out: a JsonDoc, or diagnostics in Vietnamese when the file is
// too large, not UTF-8, not JSON, nested too deeply or repeats a key in an object.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"

namespace thidua {

/// The largest JSON file accepted, in bytes (16 MiB).
inline constexpr std::size_t max_json_bytes = 16u * 1024u * 1024u;
/// The deepest nesting of objects and arrays accepted; the root container is level 1.
inline constexpr int max_json_depth = 64;

/// Where a value that is not written in the JSON text came from: a cell of a spreadsheet
/// the campaign file names (campaign/roster_import), or its row (col 0), or its sheet
/// (row 0).
struct CellPlace {
    std::string file;
    std::string sheet;  ///< "" for a CSV file
    int row = 0;
    int col = 0;
};

struct JsonDoc;

/// Maps JSON pointers ("/campaign/phases/1/end") to byte offsets in the normalised text,
/// and the values read from a spreadsheet to their cells. A document read with
/// JsonPositions::on_demand finds the offsets in its text at the first lookup (a file
/// without mistakes never needs them: ten thousand units would keep 30 MB of pointers).
class PositionIndex {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    /// Where one value sits: its first character ("{" for an object, the opening quote for
    /// a string) and, for an object member, the opening quote of its key.
    struct Entry {
        std::size_t value = npos;
        std::size_t key = npos;
    };

    /// Records the offset of the value at `pointer`.
    void set_value(const std::string& pointer, std::size_t offset);
    /// Records the offset of the key of the member at `pointer`.
    void set_key(const std::string& pointer, std::size_t offset);

    /// Returns the entry for `pointer`, or nullptr when nothing was recorded there.
    const Entry* find(const std::string& pointer) const;
    /// Returns the offset of the value at `pointer`; when it is unknown, the offset of its
    /// nearest known ancestor; 0 when nothing is known.
    std::size_t value_offset(const std::string& pointer) const;
    /// Returns the offset of the key of the member at `pointer`, or value_offset when the
    /// value is not an object member.
    std::size_t key_offset(const std::string& pointer) const;

    std::size_t size() const {
        ensure();
        return entries_.size();
    }

    /// Records that the value at `pointer` (a list read from a spreadsheet) sits where the
    /// value at `like` (its "…_file" member) does: its value and its key.
    void place_like(const std::string& pointer, const std::string& like);
    /// Records nothing now: the offsets are found in the text of the JsonDoc at the first
    /// lookup (parse_json, JsonPositions::on_demand).
    void find_on_demand() {
        entries_.clear();
        built_ = false;
        on_demand_ = true;
    }
    /// Drops the offsets of a document read on_demand (they are found again at the next
    /// lookup); does nothing to one read `indexed`.
    void release();

    /// Records that the value at `pointer` was read from a spreadsheet.
    void set_cell(const std::string& pointer, CellPlace place);
    /// Returns the spreadsheet place of the value at `pointer`: its own, or that of its
    /// nearest ancestor when no nearer one is in the JSON text; nullptr when the value (or
    /// the nearest known ancestor) is in the JSON text.
    const CellPlace* cell(const std::string& pointer) const;

private:
    friend struct JsonDoc;

    /// Finds the offsets in the text when they are not known yet.
    void ensure() const;

    mutable std::unordered_map<std::string, Entry> entries_;
    mutable bool built_ = true;  ///< false: entries_ is to be found in *source_
    bool on_demand_ = false;
    const SourceFile* source_ = nullptr;  ///< the text of the JsonDoc this index belongs to
    std::vector<std::pair<std::string, std::string>> like_;  ///< place_like, in order
    std::unordered_map<std::string, CellPlace> cells_;
};

/// A parsed JSON file: its normalised text, its value and where each value came from.
struct JsonDoc {
    SourceFile source;
    Json value;
    PositionIndex positions;

    JsonDoc() { positions.source_ = &source; }
    JsonDoc(const JsonDoc& o) : source(o.source), value(o.value), positions(o.positions) {
        positions.source_ = &source;
    }
    JsonDoc(JsonDoc&& o) noexcept
        : source(std::move(o.source)), value(std::move(o.value)), positions(std::move(o.positions)) {
        positions.source_ = &source;
    }
    JsonDoc& operator=(const JsonDoc& o) {
        if (this != &o) *this = JsonDoc(o);
        return *this;
    }
    JsonDoc& operator=(JsonDoc&& o) noexcept {
        source = std::move(o.source);
        value = std::move(o.value);
        positions = std::move(o.positions);
        positions.source_ = &source;
        return *this;
    }
    ~JsonDoc() = default;
};

/// Whether a parse builds the position index (JSON pointer → offset) beside the value.
enum class JsonPositions {
    indexed,  ///< every message can point at file:line:col
    /// No index, about half the cost: for a file that is nearly always valid (the schema),
    /// read again `indexed` when anything must be reported. A repeated key, nesting past
    /// max_json_depth or a syntax error is one error with no position, and no document.
    none,
    /// Read as `none`; a file that must be reported is read again `indexed`. Otherwise
    /// the index is built from the kept text at the first lookup (PositionIndex).
    on_demand,
};

/// Parses `bytes` as the JSON file `path`: checks size and UTF-8, normalises (BOM, CRLF,
/// NFC), then parses without recursion. Returns nullopt when no value could be built; a
/// repeated key is reported but the first occurrence is kept and the document returned.
std::optional<JsonDoc> parse_json(std::string path, std::string_view bytes, Diagnostics& diags,
                                  JsonPositions positions = JsonPositions::indexed);

/// Reads and parses the file at `path`; a file over max_json_bytes is refused unread.
std::optional<JsonDoc> parse_json_file(const std::string& path, Diagnostics& diags,
                                       JsonPositions positions = JsonPositions::indexed);

/// Returns `pointer` extended by one object key, escaping "~" and "/" as RFC 6901 says.
std::string pointer_append(const std::string& pointer, std::string_view key);
/// Returns `pointer` extended by one array index.
std::string pointer_append(const std::string& pointer, std::size_t index);

/// Reports an error at the value that `pointer` names in `doc`: in the JSON text, or at
/// the spreadsheet cell it was read from (the same for the functions below).
void error_at_value(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                    std::string message);
/// Reports an error at the key of the member that `pointer` names in `doc`.
void error_at_key(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                  std::string message);
/// Reports a warning at the value that `pointer` names in `doc` (the file still loads).
void warning_at_value(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                      std::string message);
/// Reports an error at byte `byte_in_value` of the decoded string at `pointer`, so that a
/// mistake inside a long string is shown where it is (escapes in the file are accounted for).
void error_in_string(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                     std::size_t byte_in_value, std::string message);
/// Reports a warning at byte `byte_in_value` of the decoded string at `pointer`.
void warning_in_string(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                       std::size_t byte_in_value, std::string message);
/// Returns the file offset of byte `byte_in_value` of the decoded string at `pointer`
/// (escapes in the file accounted for); the value's offset when it is not a string.
std::size_t offset_in_string(const JsonDoc& doc, const std::string& pointer,
                             std::size_t byte_in_value);

/// Returns where the value at `pointer` is, for a message about the value at `from` that
/// names this second place ("đã có ở …"): "dòng 3, cột 5" in the JSON text, "ô C5" in a
/// spreadsheet, "ô C5 của trang "Đơn vị"" when `from` is not on that sheet.
std::string place_of(const JsonDoc& doc, const std::string& pointer,
                     const std::string& from = {});

namespace detail {

/// Source lines longer than this (a minified file is one line) are not copied into a
/// diagnostic: a hundred errors on a 16 MiB line would otherwise copy 1.6 GB.
inline constexpr std::size_t max_source_line_bytes = 1000;

/// Adds an error (or a diagnostic of another `severity`) at a byte offset of `file`, like
/// Diagnostics::error, but without the source line when it is longer than
/// max_source_line_bytes.
void report_error(Diagnostics& diags, const SourceFile& file, std::size_t offset,
                  std::string message, std::string pointer = {},
                  Severity severity = Severity::error);

/// Adds a diagnostic about the value at `pointer` of `doc`: at its spreadsheet cell when
/// it was read from one, else at byte `offset` of the JSON text, like report_error.
void report_at(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
               std::size_t offset, std::string message, Severity severity = Severity::error);

}  // namespace detail

/// Returns `s` quoted for a message: in double quotes, control characters escaped, cut
/// to at most 60 characters with "…".
std::string quote_for_message(std::string_view s);

}  // namespace thidua
