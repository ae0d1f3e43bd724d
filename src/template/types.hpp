// Stage: template (check). The static types of template expressions, read from the
// campaign's JSON Schema: the checker uses them to verify every field and filter a
// template uses before anything is rendered.
#pragma once

#include <string>

#include "base/json.hpp"

namespace thidua::tpl {

/// The type of an expression. Objects and arrays keep the schema node that describes them.
struct Type {
    enum class Kind { any, null, boolean, integer, number, string, date, array, object, rich, loop };
    Kind kind = Kind::any;
    const Json* schema = nullptr;  ///< for array/object (already resolved)
    std::string def;                         ///< "$defs" name when known, e.g. "indicator"
    bool nullable = false;

    static Type of(Kind k) {
        Type t;
        t.kind = k;
        return t;
    }
};

/// Returns a Vietnamese name of a type for messages ("chuỗi văn bản", "danh sách", …).
std::string type_name(const Type& t);

/// Reads types from a JSON Schema (the subset the campaign schema uses).
class SchemaTypes {
public:
    explicit SchemaTypes(const Json& root) : root_(root) {}

    /// Returns the type a schema node describes (following $ref).
    Type from_node(const Json& node) const;
    /// Returns the type of $defs/<name>, or nullopt-like any with empty def when unknown.
    bool has_def(const std::string& name) const;
    Type from_def(const std::string& name) const;
    /// Returns the root object's type.
    Type root() const { return from_node(root_); }

    /// Returns the type of field `name` of an object type; false when the object has no
    /// such field. Fills `known` with the field names the object allows (for hints).
    bool member(const Type& object, const std::string& name, Type& out,
                std::vector<std::string>* known = nullptr) const;
    /// Returns the element type of an array type.
    Type element(const Type& array) const;

private:
    const Json& root_;
    const Json& resolve(const Json& node, std::string* def) const;
};

}  // namespace thidua::tpl
