// Stage: campaign. The JSON Schema that describes a campaign file, and a validator for the
// part of JSON Schema 2020-12 that the schema uses.
// In: a schema file and a parsed JsonDoc; out: diagnostics in Vietnamese at the offending
// value (or key, or the object's "{" for a missing field), each with its JSON pointer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// A loaded and checked JSON Schema. Supported keywords: type (also arrays of types and
/// "integer"), properties, required, additionalProperties (false or a schema), items,
/// enum, minimum, exclusiveMinimum, minItems, pattern, format ("date", "partial-date"),
/// $ref ("#/..."), $defs and the annotations title, description, $schema, $id, $comment,
/// $anchor, default, examples. "$comment": "partial-date" marks a date whose day or month
/// may be blank (a custom format fails strict validators, and Ajv's strict mode rejects
/// "$anchor"; both older marks are still read). Any other keyword is reported when the schema is loaded.
namespace detail {
/// A "pattern" compiled once (PCRE2); defined in schema.cpp.
class Pattern;
}  // namespace detail

class Schema {
public:
    /// Reads, parses and checks the schema file at `path`; nullopt when it is unusable.
    static std::optional<Schema> load(const std::string& path, Diagnostics& diags);
    /// Checks an already parsed schema; nullopt when it is unusable.
    static std::optional<Schema> from_doc(JsonDoc doc, Diagnostics& diags);

    /// Returns the schema's root node.
    const Json& root() const { return doc_.value; }
    /// Returns the parsed schema file, for positions inside it.
    const JsonDoc& doc() const { return doc_; }
    /// Returns the node a "$ref" leads to, following chains of references; returns `node`
    /// itself when it has no "$ref".
    const Json& resolve(const Json& node) const;
    /// True when the "pattern" `pattern` of this schema (checked at load) finds a match in
    /// `text`; true as well for a pattern the schema does not hold.
    bool pattern_matches(const std::string& pattern, const std::string& text) const;

private:
    JsonDoc doc_;
    /// The compiled patterns (PCRE2 code, shared read-only by every thread), by source.
    std::unordered_map<std::string, std::shared_ptr<const detail::Pattern>> patterns_;
};

/// Checks `doc` against `schema` and reports every mismatch (up to max_validation_errors).
void validate(const JsonDoc& doc, const Schema& schema, Diagnostics& diags);

/// The most mismatches one validation reports before it stops with a note.
inline constexpr std::size_t max_validation_errors = 100;
/// The largest magnitude of a number in a campaign file (10^15): integers up to it are
/// exact as doubles and fit every integer type the later stages use.
inline constexpr double max_json_magnitude = 1e15;

/// Returns the JSON value at `pointer` under `root` ("" is the root), or nullptr.
const Json* lookup_pointer(const Json& root, std::string_view pointer);

/// Returns the candidate closest to `word` when it is close enough to be a typing slip:
/// 1 edit for words of up to 4 characters, 2 edits for longer ones; else "". Wraps
/// base's closest_name, skipping candidates whose length alone rules them out (so a
/// megabyte-long key costs nothing).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace thidua
