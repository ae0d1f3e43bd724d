// Stage: campaign. The award dossier ("nomination"): the share of council votes each
// nominee needs, how an award form is written, and the rules a schema cannot say about the
// dossier (votes, quorum, dates against the plan's deadline, quotas, awards the plan
// names, registration, the fields each form needs, unique ids).
// In: the parsed campaign file; out: diagnostics in Vietnamese at the offending value.
// The vote rules (format-spec §2.5, ND 98/2023 Điều 30.7): at least 90% of ALL council
// members for "Anh hùng" and every "Chiến sĩ thi đua" above base level; at least 80% for
// "Chiến sĩ thi đua cơ sở" and "Cờ thi đua". Every other title or award (Bằng khen, Giấy
// khen, Lao động tiên tiến, ...) needs more than half of all members: the law sets no
// share for those, so that is this generator's rule.
#pragma once

#include <string>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"

namespace thidua {

/// The share of all council members who must vote for a nominee.
struct VoteRule {
    int num = 1;          ///< the share is num/den of all members
    int den = 2;
    bool strict = true;   ///< true: more than num/den ("quá bán"); false: at least num/den
    std::string basis;    ///< the title or award that sets the rule, as the data writes it
    std::string label;    ///< "80%", "90%" or "quá bán", for messages and documents
};

/// Returns the rule for `nominee`: the strictest of the rules its "title" and its "award"
/// call for (a nominee that is not an object, or names neither, needs "quá bán").
VoteRule vote_rule(const Json& nominee);

/// Returns the share of all council members the nominee needs: 0.9, 0.8 or 0.5 (for 0.5
/// the votes must be strictly more, see vote_rule).
double vote_threshold(const Json& nominee);

/// Returns the rule in words: "ít nhất 90% tổng số thành viên Hội đồng", "ít nhất 80% …",
/// "quá bán (trên 50%) tổng số thành viên Hội đồng".
std::string vote_rule_label(const Json& nominee);

/// True when the nominee's "votes" reach its rule against the council's "members"; false
/// when either is missing or not a number, or members is not positive.
bool vote_passes(const Json& nominee, const Json& council);

/// Returns how an award form of campaign.awards is written, which is what a nominee's
/// "award" must equal: its "text" without a trailing ":", ";" or "." when it has one
/// ("Bằng khen Bộ Công an:" → "Bằng khen Bộ Công an"), else "<form> của <authority>", or
/// just the form; "" when `award` is not an object with a form or text.
std::string award_label(const Json& award);

/// Reports the mistakes in "nomination" that the schema cannot express (does nothing when
/// there is none). A nominee under its vote share gets a warning (it is left out of the
/// dossier); everything else is an error. Values of the wrong type are skipped.
void check_nomination_rules(const JsonDoc& doc, Diagnostics& diags);

}  // namespace thidua
