// Stage: campaign. Loads a campaign description file: JSON syntax, the schema, then the
// rules a schema cannot say (dates in order, deadlines inside the campaign, unique ids,
// references to indicators).
// In: a path and the loaded Schema; out: a Campaign whose value every later stage may
// trust, or nullopt with every mistake reported in Vietnamese at file:line:col.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"
#include "campaign/schema.hpp"

namespace thidua {

/// A campaign file that passed every check; the validated value is doc.value.
struct Campaign {
    JsonDoc doc;
    /// True while some string holds a draft mark "[…" (plan_layout.hpp): the documents
    /// print "DỰ THẢO".
    bool draft = false;
};

/// Reads, parses, validates and checks the campaign file at `path`; reports all mistakes
/// together, in file order, and returns nullopt when there was any. Marks the templates
/// add themselves ("- " and ";" around a Nơi nhận line, a final "./.") are taken off the
/// returned values, with a warning (wording.hpp). document.symbol gets its default; without
/// plan.sections, the plan gets `default_layout` (plan_layout.hpp) when one is given (the
/// driver, which prints the plan, always gives it), and then data no block prints and empty
/// blocks are warnings. "[…]" marks are warnings.
std::optional<Campaign> load_campaign(const std::string& path, const Schema& schema,
                                      Diagnostics& diags,
                                      const Json* default_layout = nullptr);

/// Reports the mistakes in an already parsed campaign that the schema cannot express,
/// including those of the award dossier when there is a "nomination" (nomination.hpp;
/// a nominee under its vote share is a warning). Values of the wrong type are skipped
/// (validate reports those).
void check_campaign_rules(const JsonDoc& doc, Diagnostics& diags);

}  // namespace thidua
