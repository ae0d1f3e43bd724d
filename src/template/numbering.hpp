// Stage: template (internal). Numbering styles of headings and list items: the names a
// template or a campaign file may give ("roman" or "I.", "letter" or "a)", …) and how a
// counter prints in each.
// In: a style name as written; out: the canonical style, or the marker of a counter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace thidua::tpl {

/// The canonical numbering styles: roman "I.", arabic "1.", parent "1.1." (the numbers of
/// the levels above joined), letter "a)", paren "(1)", dash "-", plus "+", none (nothing
/// printed, the counter still counts).
enum class NumberStyle { roman, arabic, parent, letter, paren, dash, plus, none };

/// Reads a style written as its name ("letter") or as the marker it prints ("a)", "I.",
/// "1.", "1.1.", "(1)", "-", "+"); nullopt for anything else (the empty string included).
std::optional<NumberStyle> parse_number_style(std::string_view s);

/// Every accepted spelling, for messages: "roman (I.), arabic (1.), …".
std::string number_style_list();

/// The marker of `n` in a style that does not look at other levels (not parent): "IV.",
/// "4.", "d)", "(4)", "-", "+", "". `letter` must be the điểm letter of n (the caller
/// checks its range).
std::string number_marker(NumberStyle style, int n, const std::string& letter);

}  // namespace thidua::tpl
