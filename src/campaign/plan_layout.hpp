// Stage: campaign. What the plan prints when the file does not say it, and what it would
// print wrong or not at all:
// - defaults the schema promises: document.symbol "KH-" + issuer.short;
// - the default layout: without plan.sections the plan prints, in the order of
//   templates/bo-cuc-ke-hoach.json (the ND 30 order), every part the file has data for;
// - warnings for data no document prints (a phase, an indicator, an award, a task… with no
//   block of its kind), for a section that would print its heading and nothing under it
//   ("I. MỤC ĐÍCH, YÊU CẦU./."), for a data block whose data is empty;
// - draft marks "[…]" (what `thidua new` leaves for the office to decide): each one a
//   warning at its file:line:col, and has_draft_marks tells the templates to print
//   "DỰ THẢO".
// In: a validated JsonDoc (and the default layout, a JSON value); out: the doc with the
// defaults filled in, and warnings.
#pragma once

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// The file, in the templates folder, that holds the default layout of the plan.
inline constexpr const char* default_layout_file = "bo-cuc-ke-hoach.json";

/// Fills in the values the schema says default: document.symbol = "KH-" + issuer.short.
void apply_document_defaults(JsonDoc& doc);

/// When the campaign has no plan.sections: sets it to the blocks of `layout` (an object
/// with "sections", as in bo-cuc-ke-hoach.json) whose conditions ("khi") hold and whose
/// data the file has; sections left with no block are dropped. Returns true when it did.
bool apply_default_layout(JsonDoc& doc, const Json& layout);

/// Checks a default layout file: an object with an array "sections" of objects with a
/// "type"; errors name `path`.
bool valid_default_layout(const Json& layout, const std::string& path,
                          Diagnostics& diags);

/// True when the block (of plan.sections) has something to print from the campaign
/// `root`: a paragraph its text, a list its items, a data block its data.
bool block_has_data(const Json& root, const Json& block);

/// Warns about data no document prints and blocks that print an empty heading or list.
void check_layout(const JsonDoc& doc, Diagnostics& diags);

/// The opening of a draft mark: "[…" (the mark runs to the next "]").
inline constexpr std::string_view draft_mark_open = "[\xE2\x80\xA6";

/// True when some string of the campaign holds a draft mark "[…".
bool has_draft_marks(const Json& root);

/// Warns at every draft mark left in the campaign, at its line and column (at most 100,
/// then a note with the count).
void check_draft_marks(const JsonDoc& doc, Diagnostics& diags);

}  // namespace thidua
