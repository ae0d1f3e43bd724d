// Stage: render/xlsx (internal). What the tracking workbook shows, read from the campaign
// JSON with every string checked and normalised, before any libxlsxwriter call.
// In: campaign JSON; out: TrackingModel (texts already formatted the Vietnamese way).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "base/text.hpp"
#include "campaign/scoring.hpp"

namespace thidua::xlsx::detail {

/// One indicator row of a unit sheet.
struct TrackedIndicator {
    std::string id;
    std::string number;  ///< "1.2" as in the plan (area 1, its second indicator)
    std::string name;
    std::string unit;    ///< "%", "mô hình", ...
    double target = 0;   ///< the plan's target
    bool at_most = false;
    bool percent = false;  ///< unit is "%": the cumulative is the last value entered
    /// Its place among all the groups' indicators, 0, 1, 2... (one per id): how a unit's own
    /// target refers to it.
    std::uint32_t ordinal = 0;
};

/// A bold group row (one content area) and its indicators.
struct IndicatorGroup {
    std::string number;  ///< "1", "2"...; "" for the campaign-wide group
    std::string title;   ///< upper-cased
    std::vector<TrackedIndicator> indicators;
};

/// One content area of a plan without measurable indicators: a row judged "Đạt" or
/// "Chưa đạt" in each phase.
struct TrackedArea {
    std::string number;  ///< "1", "2"... as the plan numbers its content areas
    std::string title;   ///< as the plan words it, without ** and * markers or a final ":"/";"
};

/// What the unit sheets track.
enum class TrackingMode {
    indicators,  ///< the plan's measurable indicators (targets, numbers entered)
    areas,       ///< no indicator at all: the content areas, assessed "Đạt" / "Chưa đạt"
};

/// A unit that gets a sheet of its own.
struct TrackedUnit {
    std::string name;
    std::string sheet;                      ///< from make_sheet_names
    /// Indicator (its ordinal) → the unit's own target, a few at most (a small pair each,
    /// not a map's node nor a copy of the id: ten thousand units keep them all).
    std::vector<std::pair<std::uint32_t, double>> targets;

    /// Returns the unit's own target for `ind`, or the plan's.
    double target_for(const TrackedIndicator& ind) const;
};

struct TrackingModel {
    std::vector<std::string> agency_lines;  ///< upper-cased; the last is the issuing body
    std::string plan_reference;  ///< "(Kèm theo Kế hoạch số 05/KH-BCĐ ngày … của …)"
    std::string campaign_name;
    /// "Đợt 1\n(05/01/2025 - 30/6/2025)"; empty when the campaign has no phases.
    std::vector<std::string> phase_headers;
    TrackingMode mode = TrackingMode::indicators;
    std::vector<IndicatorGroup> groups;  ///< TrackingMode::indicators
    std::vector<TrackedArea> areas;      ///< TrackingMode::areas
    std::vector<TrackedUnit> units;
    /// The plan's scoring table (campaign.scoring), titles and guides as table text (see
    /// clean_title); nullopt when the plan has none. Scored on a sheet of its own.
    std::optional<ScoringTable> scoring;
    text::Date created;  ///< the document date when complete, else 2000-01-01
    std::string author;

    std::size_t indicator_count() const;
};

/// Reads the campaign JSON into a TrackingModel. A plan with indicators (campaign.indicators
/// or campaign.areas[].indicators) is tracked by them; a plan with none at all but with
/// content areas (campaign.areas) is tracked by its areas, qualitatively; with neither there
/// is nothing to track (an error). A scoring table (campaign.scoring) comes on top of either.
/// Reports every problem to `diags` (with its JSON pointer)
/// and goes on; the caller writes nothing when diags has errors.
TrackingModel build_tracking_model(const Json& campaign, Diagnostics& diags);

/// Returns a content area's title for a table row: on one line, without the **bold** and
/// *italic* markers of the plan's text (an escaped \* stays a star, as in the plan),
/// trimmed, without the ":" of a run-in heading or the ";" of a list item at the end.
/// "" when nothing is left.
std::string clean_title(const std::string& title);

/// Returns "Kèm theo Kế hoạch số …" text from the document parts: the number as printed
/// ("05", "0125"; see document_number) or "…" when null, the symbol, the long date with
/// "…" for blank parts.
std::string plan_reference_text(const std::optional<std::string>& number, const std::string& symbol,
                                const std::optional<text::Date>& date,
                                const std::string& issuer_full_name);

}  // namespace thidua::xlsx::detail
