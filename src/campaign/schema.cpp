#include "campaign/schema.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <new>
#include <set>
#include <utility>
#include <vector>

#include "base/suggest.hpp"
#include "base/text.hpp"

namespace thidua {

namespace detail {

using json = Json;

/// A schema "pattern", compiled once by PCRE2 and matched by any thread. JSON Schema says
/// ECMA-262 regular expressions; the options bring PCRE2 to that dialect where the two
/// differ on what schemas write: "$" only at the very end, \uHHHH escapes. Matching
/// backtracks on the heap, so a 200 000-character value cannot exhaust the stack.
class Pattern {
public:
    static std::shared_ptr<const Pattern> compile(const std::string& source) {
        int error = 0;
        PCRE2_SIZE offset = 0;
        pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(),
                                         PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY |
                                             PCRE2_ALT_BSUX,
                                         &error, &offset, nullptr);
        if (code == nullptr) return nullptr;
        return std::shared_ptr<const Pattern>(new Pattern(code));
    }
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;
    ~Pattern() { pcre2_code_free(code_); }

    /// True when the pattern is found anywhere in `text` (JSON Schema's "pattern" is not
    /// anchored). A match PCRE2 gives up on (its backtracking limits) counts as no match.
    bool matches(const std::string& text) const {
        std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
            pcre2_match_data_create_from_pattern(code_, nullptr), &pcre2_match_data_free);
        if (!data) throw std::bad_alloc();
        const int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0,
                                   data.get(), nullptr);
        if (rc == PCRE2_ERROR_NOMEMORY) throw std::bad_alloc();
        return rc >= 0;
    }

private:
    explicit Pattern(pcre2_code* code) : code_(code) {}
    pcre2_code* code_;
};

const std::set<std::string, std::less<>>& known_keywords() {
    static const std::set<std::string, std::less<>> words = {
        "$schema", "$id",   "$comment", "$defs",    "$ref",        "title", "$anchor",
        "description", "default", "examples", "type", "properties", "required",
        "additionalProperties", "items", "enum", "minimum", "exclusiveMinimum", "minItems",
        "pattern", "format"};
    return words;
}

bool known_type(const std::string& t) {
    return t == "string" || t == "number" || t == "integer" || t == "boolean" ||
           t == "array" || t == "object" || t == "null";
}

/// Checks a schema file node by node: keywords, their values, references and patterns.
class SchemaChecker {
public:
    SchemaChecker(const JsonDoc& doc, Diagnostics& diags,
                  std::unordered_map<std::string, std::shared_ptr<const Pattern>>& patterns)
        : doc_(doc), diags_(diags), patterns_(patterns) {}

    void check_schema(const json& node, const std::string& ptr) {
        if (node.is_boolean()) return;
        if (!node.is_object()) {
            error_at_value(doc_, diags_, ptr, "lược đồ con phải là đối tượng hoặc true/false");
            return;
        }
        for (const auto& [key, value] : node.items()) {
            const std::string at = pointer_append(ptr, key);
            if (known_keywords().count(key) == 0) {
                error_at_key(doc_, diags_, at,
                             "từ khóa lược đồ không được hỗ trợ: " + quote_for_message(key));
                continue;
            }
            check_keyword(key, value, at);
        }
    }

private:
    void need(bool ok, const std::string& at, const char* what) {
        if (!ok) error_at_value(doc_, diags_, at, what);
    }

    void check_map_of_schemas(const json& value, const std::string& at) {
        if (!value.is_object()) {
            error_at_value(doc_, diags_, at, "cần một đối tượng gồm các lược đồ con");
            return;
        }
        for (const auto& [name, sub] : value.items()) check_schema(sub, pointer_append(at, name));
    }

    void check_keyword(const std::string& key, const json& value, const std::string& at) {
        if (key == "$ref") {
            check_ref(value, at);
        } else if (key == "type") {
            check_type(value, at);
        } else if (key == "properties" || key == "$defs") {
            check_map_of_schemas(value, at);
        } else if (key == "additionalProperties" || key == "items") {
            check_schema(value, at);
        } else if (key == "required") {
            bool ok = value.is_array() &&
                      std::all_of(value.begin(), value.end(),
                                  [](const json& v) { return v.is_string(); });
            need(ok, at, "\"required\" phải là danh sách tên trường");
        } else if (key == "enum") {
            need(value.is_array() && !value.empty(), at,
                 "\"enum\" phải là danh sách giá trị không rỗng");
        } else if (key == "minimum" || key == "exclusiveMinimum") {
            need(value.is_number(), at, "cần một số");
        } else if (key == "minItems") {
            need(value.is_number_unsigned() || (value.is_number_integer() && value >= 0), at,
                 "cần một số nguyên không âm");
        } else if (key == "format") {
            need(value == "date" || value == "partial-date", at,
                 "định dạng không được hỗ trợ; chỉ dùng được \"date\", \"partial-date\"");
        } else if (key == "pattern") {
            check_pattern(value, at);
        } else if (key == "$anchor") {
            need(value.is_string(), at, "cần một chuỗi");
        } else if (key == "title" || key == "description" || key == "$comment" ||
                   key == "$schema" || key == "$id") {
            need(value.is_string(), at, "cần một chuỗi văn bản");
        }
    }

    void check_ref(const json& value, const std::string& at) {
        if (!value.is_string()) {
            error_at_value(doc_, diags_, at, "\"$ref\" phải là chuỗi văn bản");
            return;
        }
        const std::string& ref = value.get_ref<const std::string&>();
        const json* target = nullptr;
        if (!ref.empty() && ref[0] == '#') {
            target = lookup_pointer(doc_.value, std::string_view(ref).substr(1));
        }
        if (target == nullptr) {
            error_at_value(doc_, diags_, at,
                           "tham chiếu " + quote_for_message(ref) + " không tìm thấy");
            return;
        }
        // A chain of references must end at a real schema.
        std::set<const json*> seen;
        while (target->is_object() && target->contains("$ref")) {
            if (!seen.insert(target).second) {
                error_at_value(doc_, diags_, at,
                               "tham chiếu " + quote_for_message(ref) + " tạo thành vòng lặp");
                return;
            }
            const json& next = (*target)["$ref"];
            if (!next.is_string()) return;  // reported where it is
            const std::string& r = next.get_ref<const std::string&>();
            const json* t = r.empty() || r[0] != '#'
                                ? nullptr
                                : lookup_pointer(doc_.value, std::string_view(r).substr(1));
            if (t == nullptr) return;  // reported where it is
            target = t;
        }
    }

    void check_type(const json& value, const std::string& at) {
        auto one = [&](const json& t, const std::string& where) {
            if (!t.is_string() || !known_type(t.get<std::string>())) {
                error_at_value(doc_, diags_, where,
                               "kiểu không hợp lệ; chọn một trong: string, number, integer, "
                               "boolean, array, object, null");
            }
        };
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) one(value[i], pointer_append(at, i));
        } else {
            one(value, at);
        }
    }

    void check_pattern(const json& value, const std::string& at) {
        if (!value.is_string()) {
            error_at_value(doc_, diags_, at, "\"pattern\" phải là chuỗi văn bản");
            return;
        }
        const std::string& p = value.get_ref<const std::string&>();
        if (patterns_.count(p) != 0) return;
        if (auto compiled = Pattern::compile(p)) {
            patterns_.emplace(p, std::move(compiled));
        } else {
            error_at_value(doc_, diags_, at,
                           "biểu thức chính quy không dùng được: " + quote_for_message(p));
        }
    }

    const JsonDoc& doc_;
    Diagnostics& diags_;
    std::unordered_map<std::string, std::shared_ptr<const Pattern>>& patterns_;
};

/// One mismatch, kept until all are found so they can be reported in file order.
struct Finding {
    std::size_t offset = 0;
    std::string message;
    std::string pointer;
};

std::string type_name_vi(std::string_view t) {
    if (t == "string") return "chuỗi văn bản";
    if (t == "number") return "số";
    if (t == "integer") return "số nguyên";
    if (t == "boolean") return "đúng/sai";
    if (t == "array") return "danh sách";
    if (t == "object") return "đối tượng";
    return "null";
}

bool is_integral(const json& v) {
    if (v.is_number_integer()) return true;  // also unsigned
    if (!v.is_number_float()) return false;
    double d = v.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
}

bool type_matches(const json& v, std::string_view t) {
    if (t == "string") return v.is_string();
    if (t == "number") return v.is_number();
    if (t == "integer") return is_integral(v);
    if (t == "boolean") return v.is_boolean();
    if (t == "array") return v.is_array();
    if (t == "object") return v.is_object();
    return v.is_null();
}

std::string actual_type_vi(const json& v, bool want_integer) {
    if (v.is_string()) return "chuỗi văn bản";
    if (v.is_number()) return want_integer && !is_integral(v) ? "số thập phân" : "số";
    if (v.is_boolean()) return "đúng/sai";
    if (v.is_array()) return "danh sách";
    if (v.is_object()) return "đối tượng";
    return "null";
}

std::string number_vi(const json& v) {
    if (v.is_number_unsigned()) return text::number(static_cast<double>(v.get<std::uint64_t>()), 0);
    if (v.is_number_integer()) return text::number(static_cast<double>(v.get<std::int64_t>()), 0);
    return text::number(v.get<double>(), 6);
}

/// Returns the value shown in a message: strings quoted, numbers as printed in Vietnamese
/// text, anything else by its JSON spelling.
std::string show_value(const json& v) {
    if (v.is_string()) return quote_for_message(v.get_ref<const std::string&>());
    if (v.is_number()) return number_vi(v);
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_array()) return "[…]";
    if (v.is_object()) return "{…}";
    return "null";
}

/// True when `s` has the shape of an ISO date: "YYYY-MM-DD", or with `partial` also
/// "YYYY-MM" and "YYYY".
bool date_shape(std::string_view s, bool partial) {
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
        }
        return true;
    };
    if (s.size() == 10) return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
    if (!partial) return false;
    if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
    if (s.size() == 4) return digits(0, 4);
    return false;
}

/// Walks a value and its schema together and collects every mismatch.
class Validator {
public:
    Validator(const JsonDoc& doc, const Schema& schema) : doc_(doc), schema_(schema) {}

    void check(const json& v, const json& node, const std::string& ptr, const std::string& hint,
               int ref_depth) {
        if (full()) return;
        if (node.is_boolean()) {
            if (!node.get<bool>()) add_value(ptr, "giá trị không được phép ở đây");
            return;
        }
        if (!node.is_object()) return;
        const std::string title =
            !hint.empty() ? hint : node.contains("title") && node["title"].is_string()
                                       ? node["title"].get<std::string>()
                                       : std::string();
        const std::string named = title.empty() ? "" : " ở \"" + title + "\"";

        if (auto it = node.find("$ref"); it != node.end() && ref_depth < 64) {
            const json& target = schema_.resolve(node);
            if (&target != &node) check(v, target, ptr, title_of(node, hint), ref_depth + 1);
        }
        if (auto it = node.find("type"); it != node.end()) {
            if (!check_type(v, *it, ptr, named)) return;
        }
        if (auto it = node.find("enum"); it != node.end() && it->is_array()) {
            check_enum(v, *it, ptr, named);
        }
        if (v.is_object()) check_object(v, node, ptr);
        if (v.is_array()) check_array(v, node, ptr, named);
        if (v.is_string()) check_string(v.get_ref<const std::string&>(), node, ptr, named);
        if (v.is_number()) check_number(v, node, ptr, named);
    }

    std::vector<Finding>& findings() { return findings_; }
    bool full() const { return findings_.size() >= max_validation_errors; }

private:
    static std::string title_of(const json& node, const std::string& hint) {
        if (!hint.empty()) return hint;
        auto it = node.find("title");
        return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    void add(std::size_t offset, std::string message, const std::string& ptr) {
        if (full()) return;
        findings_.push_back({offset, std::move(message), ptr});
    }
    void add_value(const std::string& ptr, std::string message) {
        add(doc_.positions.value_offset(ptr), std::move(message), ptr);
    }
    void add_key(const std::string& ptr, std::string message) {
        add(doc_.positions.key_offset(ptr), std::move(message), ptr);
    }

    bool check_type(const json& v, const json& type, const std::string& ptr,
                    const std::string& named) {
        std::vector<std::string> types;
        if (type.is_string()) types.push_back(type.get<std::string>());
        if (type.is_array()) {
            for (const json& t : type) {
                if (t.is_string()) types.push_back(t.get<std::string>());
            }
        }
        bool want_integer = false;
        for (const std::string& t : types) {
            if (type_matches(v, t)) return true;
            if (t == "integer") want_integer = true;
        }
        if (std::find(types.begin(), types.end(), "number") != types.end()) want_integer = false;
        std::string wanted;
        for (std::size_t i = 0; i < types.size(); ++i) {
            if (i > 0) wanted += i + 1 == types.size() ? " hoặc " : ", ";
            wanted += type_name_vi(types[i]);
        }
        add_value(ptr, "sai kiểu dữ liệu" + named + ": cần " + wanted + ", gặp " +
                           actual_type_vi(v, want_integer));
        return false;
    }

    void check_enum(const json& v, const json& values, const std::string& ptr,
                    const std::string& named) {
        for (const json& e : values) {
            if (e == v) return;
        }
        std::string list;
        std::vector<std::string> strings;
        for (const json& e : values) {
            if (!list.empty()) list += ", ";
            if (e.is_string()) {
                list += e.get<std::string>();
                strings.push_back(e.get<std::string>());
            } else {
                list += e.dump();
            }
        }
        std::string message = "giá trị " + show_value(v) + " không hợp lệ" + named +
                              "; chọn một trong: " + list;
        if (v.is_string()) {
            std::string s = closest_match(v.get_ref<const std::string&>(), strings);
            if (!s.empty()) message += " (có phải \"" + s + "\"?)";
        }
        add_value(ptr, std::move(message));
    }

    void check_object(const json& v, const json& node, const std::string& ptr) {
        const json* props = nullptr;
        if (auto it = node.find("properties"); it != node.end() && it->is_object()) props = &*it;
        if (auto it = node.find("required"); it != node.end() && it->is_array()) {
            for (const json& name : *it) {
                if (!name.is_string() || v.contains(name.get<std::string>())) continue;
                const std::string& n = name.get_ref<const std::string&>();
                std::string message = "thiếu trường bắt buộc " + quote_for_message(n);
                if (props != nullptr && props->contains(n)) {
                    const json& sub = (*props)[n];
                    std::string t = title_of(sub, "");
                    if (t.empty() && sub.is_object()) t = title_of(schema_.resolve(sub), "");
                    if (!t.empty()) message += " (" + t + ")";
                }
                add_value(ptr, std::move(message));
            }
        }
        const json* additional = nullptr;
        if (auto it = node.find("additionalProperties"); it != node.end()) additional = &*it;
        for (const auto& [key, member] : v.items()) {
            if (full()) return;
            const std::string at = pointer_append(ptr, key);
            if (props != nullptr && props->contains(key)) {
                check(member, (*props)[key], at, "", 0);
            } else if (additional != nullptr && additional->is_boolean() &&
                       !additional->get<bool>()) {
                std::string message = "trường không được phép " + quote_for_message(key);
                if (props != nullptr) {
                    std::vector<std::string> names;
                    for (const auto& [name, sub] : props->items()) names.push_back(name);
                    std::string s = closest_match(key, names);
                    if (!s.empty()) message += " (có phải \"" + s + "\"?)";
                }
                add_key(at, std::move(message));
            } else if (additional != nullptr) {
                check(member, *additional, at, "", 0);
            }
        }
    }

    void check_array(const json& v, const json& node, const std::string& ptr,
                     const std::string& named) {
        if (auto it = node.find("minItems"); it != node.end() && it->is_number()) {
            double min = it->get<double>();
            if (static_cast<double>(v.size()) < min) {
                add_value(ptr, "danh sách" + named + " cần ít nhất " + number_vi(*it) +
                                   " phần tử, gặp " + std::to_string(v.size()));
            }
        }
        if (auto it = node.find("items"); it != node.end()) {
            for (std::size_t i = 0; i < v.size() && !full(); ++i) {
                check(v[i], *it, pointer_append(ptr, i), "", 0);
            }
        }
    }

    void check_string(const std::string& s, const json& node, const std::string& ptr,
                      const std::string& named) {
        // A partial date is marked by "$comment": "partial-date": a custom format fails
        // strict validators, and Ajv's strict mode rejects "$anchor" as an unknown keyword.
        // The older marks ("$anchor", "format": "partial-date") are still read.
        auto marked = [&](const char* key) {
            const auto m = node.find(key);
            return m != node.end() && *m == "partial-date";
        };
        const bool anchored = marked("$comment") || marked("$anchor");
        const auto mark = marked("$comment") ? node.find("$comment") : node.find("$anchor");
        if (auto it = anchored ? mark : node.find("format"); it != node.end() && it->is_string()) {
            const bool partial = anchored || *it == "partial-date";
            if (*it == "date" || partial) {
                if (!date_shape(s, partial)) {
                    add_value(ptr, "ngày sai dạng " + quote_for_message(s) +
                                       (partial ? ": cần dạng năm-tháng-ngày (\"2024-09-13\"), "
                                                  "năm-tháng (\"2024-04\") hoặc năm (\"2024\")"
                                                : ": cần dạng năm-tháng-ngày, ví dụ "
                                                  "\"2025-07-30\""));
                    return;  // the pattern says the same thing less clearly
                }
                if (!text::parse_date(s)) {
                    add_value(ptr, "ngày không tồn tại: " + quote_for_message(s));
                    return;
                }
            }
        }
        if (auto it = node.find("pattern"); it != node.end() && it->is_string()) {
            const std::string& p = it->get_ref<const std::string&>();
            if (!schema_.pattern_matches(p, s)) {
                add_value(ptr, "giá trị " + quote_for_message(s) + " không đúng dạng" + named +
                                   " (mẫu " + p + ")");
            }
        }
    }

    void check_number(const json& v, const json& node, const std::string& ptr,
                      const std::string& named) {
        const double d = v.get<double>();
        // No figure of a plan comes near 10^15; beyond it integers stop being exact in a
        // double and later stages (templates, the workbook) could misprint them.
        if (!(std::fabs(d) <= max_json_magnitude)) {
            add_value(ptr, "giá trị" + named + " quá lớn: thidua nhận số từ -10^15 đến 10^15");
            return;
        }
        if (auto it = node.find("minimum"); it != node.end() && it->is_number() &&
                                            d < it->get<double>()) {
            add_value(ptr, "giá trị" + named + " phải từ " + number_vi(*it) + " trở lên, gặp " +
                               number_vi(v));
        }
        if (auto it = node.find("exclusiveMinimum"); it != node.end() && it->is_number() &&
                                                     d <= it->get<double>()) {
            add_value(ptr, "giá trị" + named + " phải lớn hơn " + number_vi(*it) + ", gặp " +
                               number_vi(v));
        }
    }

    const JsonDoc& doc_;
    const Schema& schema_;
    std::vector<Finding> findings_;
};

}  // namespace detail

const Json* lookup_pointer(const Json& root, std::string_view pointer) {
    const Json* node = &root;
    if (pointer.empty()) return node;
    if (pointer[0] != '/') return nullptr;
    std::size_t i = 1;
    for (;;) {
        std::size_t end = pointer.find('/', i);
        std::string_view raw = pointer.substr(i, end == std::string_view::npos ? end : end - i);
        std::string token;
        for (std::size_t k = 0; k < raw.size(); ++k) {
            if (raw[k] == '~' && k + 1 < raw.size() && (raw[k + 1] == '0' || raw[k + 1] == '1')) {
                token += raw[k + 1] == '0' ? '~' : '/';
                ++k;
            } else {
                token += raw[k];
            }
        }
        if (node->is_object()) {
            auto it = node->find(token);
            if (it == node->end()) return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            if (token.empty() || token.size() > 9 ||
                !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                return nullptr;
            }
            std::size_t index = std::stoul(token);
            if (index >= node->size()) return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
        if (end == std::string_view::npos) return node;
        i = end + 1;
    }
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    const std::size_t length = text::length(word);
    const std::size_t allowed = length <= 4 ? 1 : 2;
    std::vector<std::string> near;
    for (const std::string& c : candidates) {
        const std::size_t other = text::length(c);
        if (other <= length + allowed && length <= other + allowed) near.push_back(c);
    }
    return closest_name(word, near, allowed);
}

std::optional<Schema> Schema::load(const std::string& path, Diagnostics& diags) {
    // Every run reads the schema, and it is nearly always thidua's own valid file: it is
    // read first without the position index and checked into a scratch list. Only when
    // anything is reported is it read again with the index, so that each message names
    // its file:line:col as before.
    {
        Diagnostics scratch;
        std::optional<JsonDoc> doc = parse_json_file(path, scratch, JsonPositions::none);
        if (doc && scratch.all().empty()) {
            std::optional<Schema> schema = from_doc(std::move(*doc), scratch);
            if (schema && scratch.all().empty()) return schema;
        }
    }
    std::optional<JsonDoc> doc = parse_json_file(path, diags);
    if (!doc) return std::nullopt;
    return from_doc(std::move(*doc), diags);
}

std::optional<Schema> Schema::from_doc(JsonDoc doc, Diagnostics& diags) {
    const std::size_t before = diags.error_count();
    Schema schema;
    schema.doc_ = std::move(doc);
    if (!schema.doc_.value.is_object()) {
        error_at_value(schema.doc_, diags, "", "lược đồ phải là một đối tượng JSON");
        return std::nullopt;
    }
    detail::SchemaChecker checker(schema.doc_, diags, schema.patterns_);
    checker.check_schema(schema.doc_.value, "");
    if (diags.error_count() != before) return std::nullopt;
    return schema;
}

const Json& Schema::resolve(const Json& node) const {
    const Json* n = &node;
    // Load-time checks guarantee that chains end; the bound only guards against misuse.
    for (int step = 0; step < 64; ++step) {
        if (!n->is_object()) return *n;
        auto it = n->find("$ref");
        if (it == n->end() || !it->is_string()) return *n;
        const std::string& ref = it->get_ref<const std::string&>();
        if (ref.empty() || ref[0] != '#') return *n;
        const Json* target = lookup_pointer(doc_.value, std::string_view(ref).substr(1));
        if (target == nullptr) return *n;
        n = target;
    }
    return *n;
}

bool Schema::pattern_matches(const std::string& pattern, const std::string& text) const {
    auto it = patterns_.find(pattern);
    return it == patterns_.end() || it->second->matches(text);
}

void validate(const JsonDoc& doc, const Schema& schema, Diagnostics& diags) {
    detail::Validator validator(doc, schema);
    validator.check(doc.value, schema.root(), "", "", 0);
    std::vector<detail::Finding>& found = validator.findings();
    std::stable_sort(found.begin(), found.end(),
                     [](const detail::Finding& a, const detail::Finding& b) {
                         return a.offset < b.offset;
                     });
    for (detail::Finding& f : found) {
        detail::report_at(doc, diags, f.pointer, f.offset, std::move(f.message));
    }
    if (validator.full()) {
        diags.error_at(doc.source.path(), 0, 0,
                       "còn lỗi khác; chỉ báo " + std::to_string(max_validation_errors) +
                           " lỗi đầu tiên");
    }
}

}  // namespace thidua
