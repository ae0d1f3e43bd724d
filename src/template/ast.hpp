// Stage: template. The syntax tree of a compiled template: what the parser builds from
// template files and what the checker and the evaluator walk. Positions are kept as byte
// offsets into the template's source files; line:column is computed only for messages.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/json.hpp"

#include "base/diagnostics.hpp"

namespace thidua::tpl {

/// A position: which template file (index into Template::files) and the byte offset.
struct Loc {
    int file = -1;
    std::size_t offset = 0;
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// An expression: literal, variable, member access, index, operator or filter call.
struct Expr {
    enum class Kind { literal, var, member, index, unary, binary, filter, list };
    Kind kind = Kind::literal;
    Loc loc;
    Json literal;                        ///< literal
    std::string name;                    ///< var: variable; member: field; filter: filter name; unary/binary: operator
    ExprPtr base;                        ///< member/index/filter input; unary operand; binary left
    ExprPtr other;                       ///< index key; binary right
    std::vector<ExprPtr> args;           ///< filter arguments; list elements
    std::vector<std::string> arg_names;  ///< filter argument names ("" when positional)
};

/// A piece of inline content: literal text or an interpolated expression, with the
/// emphasis in force where it stands.
struct Segment {
    std::string text;  ///< literal text (when expr is null)
    ExprPtr expr;      ///< {{ expr }}
    bool bold = false;
    bool italic = false;
    Loc loc;
};
using Content = std::vector<Segment>;

/// Paragraph, table and cell attributes written as {center bold size=13} or after a
/// directive (#table widths=67.5,100 borders=none).
struct Attrs {
    std::set<std::string> flags;
    std::map<std::string, std::string> values;
    std::map<std::string, Loc> value_locs;  ///< where each key=value was written (messages)
    Loc loc;

    bool has(const std::string& f) const { return flags.count(f) > 0; }
    const std::string* get(const std::string& k) const {
        auto it = values.find(k);
        return it == values.end() ? nullptr : &it->second;
    }
};

struct Node;
using Body = std::vector<Node>;

/// One statement of a template.
struct Node {
    enum class Kind {
        paragraph,  ///< a text line
        heading,    ///< = / == / =(expr) line, numbered automatically
        item,       ///< - / + / ~a / ~1 / ~(level, style) list item
        pipe_row,   ///< | a | b | table row shorthand
        for_,       ///< #for x in expr / #for k, v in expr
        if_,        ///< #if / #elif / #else
        set,        ///< #set name = expr
        block,      ///< an included file's body
        call,       ///< #call macro(args)
        table,      ///< #table … #end
        row,        ///< #row [header]
        cell,       ///< #cell [colspan=…]
        section,    ///< #section [landscape] [nonumbers]
        pagebreak,  ///< #pagebreak
        space,      ///< #space POINTS
        style,      ///< #style ROLE attrs
        endmark,    ///< #endmark: glue "./." to the last body paragraph
        numbering,  ///< #numbering restart / #numbering items (var: "restart" or "items")
    };
    Kind kind = Kind::paragraph;
    Loc loc;
    Attrs attrs;
    Content content;                 ///< paragraph / heading / item
    int level = 0;                   ///< heading level (1-6) when static
    ExprPtr level_expr;              ///< heading =(expr); item ~(level, style)
    ExprPtr style_expr;              ///< heading =(level, style); item ~(style) / ~(level, style)
    char marker = '-';               ///< item: '-', '+', 'a', '1', '~' (level and style from expressions)
    std::vector<Content> cells;      ///< pipe_row
    std::string var, var2;           ///< for / set / style role
    std::string name;                ///< call: macro name; block: file path
    ExprPtr expr;                    ///< for: sequence; set: value; space: height
    std::vector<ExprPtr> args;       ///< call arguments
    std::vector<std::pair<ExprPtr, Body>> branches;  ///< if / elif
    Body else_body;
    Body body;                       ///< for / table / block
};

/// A macro parameter: its name and declared type (a $defs name of the campaign schema,
/// or string, integer, number, boolean, date, any).
struct Param {
    std::string name;
    std::string type;
    Loc loc;
};

struct Macro {
    std::string name;
    std::vector<Param> params;
    Body body;
    Loc loc;
};

/// A compiled template: its source files, top-level body and macros.
struct Template {
    std::string name;                  ///< e.g. "ke-hoach"
    std::vector<SourceFile> files;     ///< every file read (the main file first)
    Body body;
    std::map<std::string, Macro> macros;
    /// Extra variables the template expects besides the campaign's top-level fields,
    /// e.g. {"unit", "unit"} for per-unit documents (name → $defs type).
    std::map<std::string, std::string> extra_vars;
};

}  // namespace thidua::tpl
