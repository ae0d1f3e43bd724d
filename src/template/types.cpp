#include "template/types.hpp"

namespace thidua::tpl {

std::string type_name(const Type& t) {
    switch (t.kind) {
        case Type::Kind::any: return "giá trị bất kỳ";
        case Type::Kind::null: return "null";
        case Type::Kind::boolean: return "đúng/sai";
        case Type::Kind::integer: return "số nguyên";
        case Type::Kind::number: return "số";
        case Type::Kind::string: return "chuỗi văn bản";
        case Type::Kind::date: return "ngày";
        case Type::Kind::array: return "danh sách";
        case Type::Kind::object: return t.def.empty() ? "đối tượng" : "đối tượng " + t.def;
        case Type::Kind::rich: return "văn bản có định dạng";
        case Type::Kind::loop: return "biến vòng lặp";
    }
    return "?";
}

const Json& SchemaTypes::resolve(const Json& node, std::string* def) const {
    const Json* n = &node;
    for (int guard = 0; guard < 32 && n->is_object() && n->contains("$ref"); ++guard) {
        const auto& ref = (*n)["$ref"];
        if (!ref.is_string()) break;
        std::string r = ref.get<std::string>();
        const std::string prefix = "#/$defs/";
        if (r.rfind(prefix, 0) != 0) break;
        std::string name = r.substr(prefix.size());
        if (!root_.contains("$defs") || !root_["$defs"].contains(name)) break;
        if (def) *def = name;
        n = &root_["$defs"][name];
    }
    return *n;
}

bool SchemaTypes::has_def(const std::string& name) const {
    return root_.is_object() && root_.contains("$defs") && root_["$defs"].contains(name);
}

Type SchemaTypes::from_def(const std::string& name) const {
    if (!has_def(name)) return Type{};
    Type t = from_node(root_["$defs"][name]);
    t.def = name;
    return t;
}

Type SchemaTypes::from_node(const Json& node) const {
    std::string def;
    const Json& n = resolve(node, &def);
    Type t;
    t.def = def;
    if (!n.is_object() || !n.contains("type")) return t;
    std::string kind;
    const auto& ty = n["type"];
    if (ty.is_string()) {
        kind = ty.get<std::string>();
    } else if (ty.is_array()) {
        // ["integer", "null"] is a nullable integer; two kinds besides null (a document
        // number written 125 or "0125") are any: the checker cannot tell which one the data
        // holds, so it lets a filter that takes either through.
        int kinds = 0;
        for (const auto& k : ty) {
            if (!k.is_string()) continue;
            if (k.get<std::string>() == "null") {
                t.nullable = true;
            } else {
                if (kind.empty()) kind = k.get<std::string>();
                ++kinds;
            }
        }
        if (kinds > 1) return t;
    }
    if (kind == "string") {
        std::string format = n.contains("format") && n["format"].is_string()
                                 ? n["format"].get<std::string>()
                                 : "";
        // A partial date is marked by "$comment": "partial-date" (strict validators reject a
        // custom format, and Ajv's strict mode an "$anchor"); the older marks are still read.
        const bool partial = (n.contains("$comment") && n["$comment"] == "partial-date") ||
                             (n.contains("$anchor") && n["$anchor"] == "partial-date");
        t.kind = (format == "date" || format == "partial-date" || partial) ? Type::Kind::date
                                                                 : Type::Kind::string;
    } else if (kind == "integer") {
        t.kind = Type::Kind::integer;
    } else if (kind == "number") {
        t.kind = Type::Kind::number;
    } else if (kind == "boolean") {
        t.kind = Type::Kind::boolean;
    } else if (kind == "array") {
        t.kind = Type::Kind::array;
        t.schema = &n;
    } else if (kind == "object") {
        t.kind = Type::Kind::object;
        t.schema = &n;
    } else if (kind == "null") {
        t.kind = Type::Kind::null;
    }
    return t;
}

bool SchemaTypes::member(const Type& object, const std::string& name, Type& out,
                         std::vector<std::string>* known) const {
    if (object.kind == Type::Kind::any) {
        out = Type{};
        return true;
    }
    if (object.kind != Type::Kind::object || !object.schema) return false;
    const auto& s = *object.schema;
    if (s.contains("properties") && s["properties"].is_object()) {
        if (s["properties"].contains(name)) {
            out = from_node(s["properties"][name]);
            return true;
        }
        if (known) {
            for (auto it = s["properties"].begin(); it != s["properties"].end(); ++it) {
                known->push_back(it.key());
            }
        }
    }
    if (s.contains("additionalProperties") && s["additionalProperties"].is_object()) {
        out = from_node(s["additionalProperties"]);
        out.nullable = true;
        return true;
    }
    return false;
}

Type SchemaTypes::element(const Type& array) const {
    if (array.kind != Type::Kind::array || !array.schema) return Type{};
    const auto& s = *array.schema;
    if (s.contains("items")) return from_node(s["items"]);
    return Type{};
}

}  // namespace thidua::tpl
