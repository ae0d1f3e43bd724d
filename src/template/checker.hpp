// Stage: template (check). Verifies a parsed template against the campaign schema before
// anything is rendered: every variable, field, filter, macro call and attribute, and the
// structure of tables. Reports all errors at once, each at the template's file:line:col.
#pragma once

#include <string>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "template/ast.hpp"

namespace thidua::tpl {

/// Checks `t` against the campaign schema `schema_root`. Returns true when clean.
bool check_template(const Template& t, const Json& schema_root, Diagnostics& diags);

/// The message for "#space N" with N outside 0..max_space_pt (checked when N is written in
/// the template, and when it is computed, while rendering).
std::string space_range_message(double n);

}  // namespace thidua::tpl
