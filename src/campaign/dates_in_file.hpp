// Stage: campaign (internal). Dates read from the campaign file together with where they
// are, for the rules that compare dates (campaign.cpp, nomination.cpp).
// In: parsed campaign JSON and a JSON pointer; out: the date, or nothing.
#pragma once

#include <optional>
#include <string>

#include "base/json.hpp"

#include "base/text.hpp"

namespace thidua::detail {

/// A complete, existing date found in the file, with where it is.
struct DateAt {
    text::Date date;
    std::string pointer;
};

/// Returns the date at `pointer` when it is a string holding a complete, real date.
std::optional<DateAt> date_at(const Json& root, const std::string& pointer);

/// Returns "ngày dd/m/yyyy" for messages.
std::string day(const DateAt& d);

}  // namespace thidua::detail
