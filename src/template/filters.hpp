// Stage: template (check + evaluate). The filters a template can apply with `| name`:
// their signatures (checked before rendering) and what they do (the Vietnamese text
// rules of base/text.hpp, citations, indicator targets, placeholders).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"

#include "base/text.hpp"
#include "doc/document.hpp"
#include "template/types.hpp"

namespace thidua::tpl {

/// A value while a template runs: a reference into the campaign data (with its JSON
/// pointer, for messages), a computed JSON value, or styled text.
struct Value {
    const Json* ref = nullptr;
    Json owned;
    std::string pointer;      ///< where in the campaign file, when the value comes from it
    bool rich = false;        ///< styled text in `runs`
    doc::Runs runs;

    const Json& get() const { return ref ? *ref : owned; }
    static Value of(Json j) {
        Value v;
        v.owned = std::move(j);
        return v;
    }
};

/// What the checker knows of a filter.
struct FilterSignature {
    std::string name;
    std::string description;  ///< Vietnamese, for docs and messages
    /// Input kinds accepted (any input is accepted when empty).
    std::vector<Type::Kind> inputs;
    /// $defs name the input object must have ("indicator"), or empty.
    std::string input_def;
    int min_args = 0;
    int max_args = 0;
    bool named_args = false;  ///< fill(name=value, …)
    /// Returns the result type for an input type and argument types.
    std::function<Type(const Type& in, const std::vector<Type>& args)> result;
};

/// Returns the table of every filter, by name.
const std::map<std::string, FilterSignature>& filters();

/// Applies filter `name`. On failure returns false and sets `error` (Vietnamese) and
/// `error_pointer` (the campaign pointer of the offending value, if any); when the mistake
/// is at one place of the campaign's own string (not a copy the template changed),
/// `*error_offset` is its byte in that string, else npos.
bool apply_filter(const std::string& name, const Value& input, const std::vector<Value>& args,
                  const std::vector<std::string>& arg_names, Value& out, std::string& error,
                  std::string& error_pointer, std::size_t* error_offset = nullptr);

/// Returns an indicator's target as printed: "80%", "01 mô hình", "0,5 lần".
std::string format_target(const Json& indicator);

/// Returns the indicator's sentence with {target} / {value} filled in.
std::string format_indicator(const Json& indicator);

/// The date styles offices write dates in, for data ("date_style") and the `date` filter:
/// "long" (25 tháng 11 năm 2022), "short" (03/02/2025, 25/11/2022: ND 30 pads months 1-2),
/// "slash" (03/2/2025: the month never padded), "padded" (03/02/2025), "month_year"
/// (tháng 11 năm 2022). None includes the "ngày" that the sentence around it writes.
const std::vector<std::string>& date_styles();

/// Returns `d` in `style` (one of date_styles()), or nullopt for an unknown style.
std::optional<std::string> format_date(const text::Date& d, std::string_view style);

/// Returns the day and month of `d` in `style` ("04/02", "04/2", "04 tháng 02", "tháng 02"),
/// for the first date of a range in the same year; nullopt for an unknown style.
std::optional<std::string> format_day_month(const text::Date& d, std::string_view style);

/// The message for a date style that is not one of date_styles(), with a close name.
std::string unknown_date_style(const std::string& style);

/// Returns a citation as printed: "Kế hoạch số 399/KH-BCA-X03 ngày 13/8/2024 của …".
std::string format_citation(const Json& citation);

/// Parses **bold**, *italic* and ***both*** markers and footnotes `[^text of the note]`
/// in data text into runs: a footnote becomes a marker run (doc::Run::note holding the
/// note's own runs, where ** and * work too), numbered later (doc::number_footnotes).
/// `\*` prints "*", `\[^` prints "[^", and inside a note `\]` prints "]". Text that
/// markup_error rejects is parsed as far as it goes (a note left open runs to the end).
doc::Runs parse_markup(const std::string& s);

/// A mistake in the markup of data text.
struct MarkupError {
    std::size_t offset = 0;  ///< byte of the marker in the text
    std::string message;     ///< Vietnamese, for the md filter's error
};

/// Returns the first mistake of `s` that parse_markup would print wrongly: a ** or *
/// that opens and never closes (the rest would print bold or italic and the marker vanish,
/// inside a note: before the note's "]"), a "[^" without its "]", an empty note "[^ ]",
/// or a "[^" inside a note.
std::optional<MarkupError> markup_error(const std::string& s);

}  // namespace thidua::tpl
