// Stage: campaign. The two-tier local government (format-spec §0, §2.3): since 01/07/2025
// there is no district tier (huyện, quận, thị xã) and no thị trấn; the Chủ tịch UBND cấp xã
// decides what the district chairman used to. A document dated on or after that day that
// names a district body as one that acts (an award's authority, a recipient, the issuer or
// its parent, a signer's title, a council, a task's agency, criteria and scoring text)
// gets a warning at the word, with the date that makes it so.
// In: the parsed campaign file; out: warnings in Vietnamese at file:line:col.
// Not warned: a plan dated before the reform (its own text stays as issued), citations of
// old documents ("Căn cứ Kế hoạch số 12/KH-UBND … của UBND huyện"), addresses and prose
// that are history (reports, summaries), "huyện … cũ", "nguyên Chủ tịch UBND huyện", and a
// capitalised "Huyện" inside a proper name ("tổ dân phố Huyện Long").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// Reports, as warnings, the district bodies that documents dated from 01/07/2025 name
/// as live. Values of the wrong type are skipped.
void check_district_tier(const JsonDoc& doc, Diagnostics& diags);

namespace detail {

/// A mention of a unit the reform abolished, in a text.
struct TierMention {
    std::size_t offset = 0;  ///< byte offset of its first word in the text
    std::string word;        ///< as written: "huyện", "HUYỆN", "thị trấn", "Quận"
    bool town = false;       ///< a thị trấn (became xã or phường), not a district
};

/// Returns the first mention in `text` of a district-level unit (huyện, quận, thị xã) or
/// a thị trấn that reads as live: not a proper name, not "… cũ" or "nguyên …", not in a
/// clause citing a numbered document ("số 12/…").
std::optional<TierMention> find_abolished_tier(std::string_view text);

}  // namespace detail

}  // namespace thidua
