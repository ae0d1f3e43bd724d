// Stage: campaign. Wording in the campaign file that the documents would print wrong
// without a word from the program:
// - a placeholder the sentence does not fill ("{taget}" in an indicator's text prints
//   literally, "{deadline}" with no date prints nothing): an error at the "{", with the
//   close name ("có phải "{target}"?"); "{…}" in a text nothing fills (a paragraph) is a
//   warning, as it prints as written;
// - marks the templates add themselves: "- " before a Nơi nhận line or a list item, ";" or
//   "." after a Nơi nhận line, "./." after the last paragraph. They are taken off the value
//   (the document prints "- Công an tỉnh;", not "- - Công an tỉnh;;") with a warning at the
//   value.
// The placeholders each field takes are those the program's templates fill
// (templates/parts/*.tpl, listed in the schema's descriptions and docs/templates.md §15).
// In: the parsed campaign file; out: diagnostics at file:line:col (and, for the marks, the
// value without them).
#pragma once

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// Reports placeholders that no sentence fills or that have no value.
void check_placeholders(const JsonDoc& doc, Diagnostics& diags);

/// Takes the marks the templates add (list dashes, Nơi nhận punctuation, a final "./.")
/// off the values of `doc`, with a warning at each value changed.
void strip_template_marks(JsonDoc& doc, Diagnostics& diags);

}  // namespace thidua
