// Stage: campaign. The plan's scoring table (thang điểm thi đua, campaign.scoring) as rows
// with their numbers and points worked out, for the rules below and for the tracking
// workbook; the plan's template prints the same table from the same data.
// In: the parsed campaign JSON (validated or not: values of the wrong type are skipped);
// out: ScoringTable, and diagnostics for what the schema cannot say (a criterion's points
// that differ from the sum of its items, a criterion with neither, points or deductions in
// a group ranked by counts, ids that repeat, tie-break rules that name no group or
// criterion, rating levels that repeat or that no unit can reach; a warning when the plan
// never prints the table).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// The most rows (groups, criteria and items) a scoring table may have: each row is a row
/// of every unit's block on the workbook's scoring sheet, and the sums list their rows (a
/// formula takes at most 255 arguments and 8,192 characters in Excel).
inline constexpr std::size_t max_scoring_rows = 300;
/// The most rating levels: the rating is one nested IF per level (Excel nests 64 at most).
inline constexpr std::size_t max_scoring_ratings = 20;

/// What a group of the scoring table counts ("kind" in the file).
enum class ScoreGroupKind {
    points,  ///< scored; its points make up the total ("Tổng cộng")
    bonus,   ///< điểm cộng: scored, counted apart and added to the total only at the end
    count,   ///< xếp hạng theo số lượng: criteria are counts (no points), units ranked by them
};

/// One row of the scoring table, in the order the plan prints it.
struct ScoreRow {
    enum class Kind { group, criterion, item };
    Kind kind = Kind::criterion;
    ScoreGroupKind group_kind = ScoreGroupKind::points;  ///< the kind of its group
    std::string number;   ///< "I" for a group, "1" for a criterion, "1.2" for an item
    std::string title;    ///< as the data writes it (may hold ** and * marks)
    std::string guide;    ///< hướng dẫn chấm điểm; "" when none
    /// Maximum points: a group's sum of its criteria that are not deductions, a criterion's
    /// "points" (or the sum of its items when it gives none), an item's "points".
    double points = 0;
    bool deduct = false;  ///< a deduction (điểm trừ), or an item of one
    bool has_items = false;  ///< a criterion whose items are the rows scored
    std::string pointer;  ///< JSON pointer of the group, criterion or item
    std::string id;       ///< "id" of a group or criterion; "" when none
    /// A count criterion: fewer ranks higher ("better": "less"); else more does.
    bool fewer_better = false;
};

/// One rule of "tie_break", in the file's order: the rows to compare when totals are
/// equal (a group or criterion named by "by"), or words only ("text").
struct ScoreTieBreak {
    std::string text;      ///< as the file writes it; "" when the template words it
    int row = -1;          ///< index in ScoringTable::rows of the row "by" names; -1 when none
    std::string pointer;   ///< of the rule
};

/// A rating level of the total score ("Xuất sắc" from 90 points). The file lists them
/// from the highest to the lowest (check_scoring_rules reports any other order).
struct ScoreRating {
    std::string label;
    double min = 0;
};

/// campaign.scoring, read.
struct ScoringTable {
    std::string title;              ///< "" when the data gives none
    std::vector<ScoreRow> rows;
    double total = 0;               ///< maximum total: the sum of the points groups' points
    double bonus = 0;               ///< maximum bonus: the sum of the bonus groups' points
    bool has_bonus = false;         ///< some group has "kind": "bonus"
    bool total_row = true;          ///< the plan prints "Tổng cộng" ("total_row")
    std::vector<ScoreRating> ratings;  ///< in the file's order: highest first; of the final
                                       ///< total (base and bonus)
    std::vector<ScoreTieBreak> tie_break;  ///< in the file's order
};

/// Returns campaign.scoring of `root` (the whole campaign file) as rows, or nullopt when
/// the file has no scoring table with at least one criterion.
std::optional<ScoringTable> read_scoring(const Json& root);

/// Reports the mistakes in campaign.scoring the schema cannot express, each at its value.
void check_scoring_rules(const JsonDoc& doc, Diagnostics& diags);

}  // namespace thidua
