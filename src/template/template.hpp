// Stage: template (facade). Compile a template once (lex → parse → check), then render it
// for a campaign — once for a campaign-wide document, or once per unit.
// In: a TemplateSource (the project's templates/ or --templates DIR), a document kind
// ("ke-hoach"), the campaign schema; out: a doc::Document, or nullopt with diagnostics.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"
#include "campaign/json_source.hpp"
#include "doc/document.hpp"
#include "template/ast.hpp"
#include "template/parser.hpp"

namespace thidua::tpl {

/// A template that parsed and passed the check against the campaign schema.
struct Compiled {
    Template tpl;
    Json schema;  ///< the campaign schema's root (types for the evaluator)
};

/// Parses `<kind>.tpl` from `source` with everything it includes and checks it against
/// `schema_root`. Returns nullopt when there is any error (all are in `diags`, each at the
/// template's file:line:col).
std::optional<Compiled> compile(const TemplateSource& source, const std::string& kind,
                                const Json& schema_root, Diagnostics& diags);

/// Renders a compiled template for `campaign` (already validated). `unit` is the unit the
/// document is for (bound to the template variable `unit`), or nullptr. Data the
/// template needs but the campaign lacks is reported at the campaign file's position.
std::optional<doc::Document> render(const Compiled& compiled, const JsonDoc& campaign,
                                    const Json* unit, Diagnostics& diags);

/// Text written in a template that can reach a document: inline text of paragraphs,
/// headings, items and table rows (after its escapes), and string literals of expressions,
/// each with where it is written.
struct LiteralText {
    Loc loc;
    std::string text;
};

/// Returns every literal text of `t`, its main body and its macros, in file order within
/// each (literals.cpp). The fonts are checked against these before anything is rendered,
/// so that a character they lack is reported where the template writes it.
std::vector<LiteralText> literal_texts(const Template& t);

/// Values a document is rendered for, bound to template variables of the same name:
/// "unit" (an element of /units) for a registration form, "nominee" (an element of
/// /nomination/nominees) for an achievement report. Each must point into `campaign`.
using Bindings = std::map<std::string, const Json*>;

/// Renders a compiled template with `bindings`; variables not bound are null.
std::optional<doc::Document> render(const Compiled& compiled, const JsonDoc& campaign,
                                    const Bindings& bindings, Diagnostics& diags);

}  // namespace thidua::tpl
