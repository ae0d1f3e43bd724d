#include "template/checker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string_view>
#include <set>
#include <vector>

#include "base/suggest.hpp"
#include "template/parser.hpp"
#include "template/filters.hpp"
#include "template/limits.hpp"
#include "template/numbering.hpp"
#include "template/types.hpp"

namespace thidua::tpl {

namespace {

using K = Type::Kind;

/// The members of the `loop` variable inside #for.
const std::map<std::string, K>& loop_members() {
    static const std::map<std::string, K> m = {
        {"index", K::integer}, {"index0", K::integer}, {"first", K::boolean},
        {"last", K::boolean},  {"length", K::integer},
    };
    return m;
}

/// Names of the primitive parameter types a macro may declare.
const std::map<std::string, K>& primitive_types() {
    static const std::map<std::string, K> m = {
        {"any", K::any},         {"string", K::string}, {"integer", K::integer},
        {"number", K::number},   {"boolean", K::boolean}, {"date", K::date},
        {"list", K::array},      {"object", K::object},
    };
    return m;
}

/// Parses a number written in an attribute: digits with an optional "-" and an optional
/// decimal part ("12", "-5", "1.15"); nothing else ("nan", "inf", "1e400", "0x10", "1,5").
std::optional<double> attr_number(std::string_view s) {
    std::size_t i = s.empty() || s[0] != '-' ? 0 : 1;
    std::size_t digits = 0, dot = std::string_view::npos;
    for (std::size_t k = i; k < s.size(); ++k) {
        if (s[k] == '.' && dot == std::string_view::npos && digits > 0) {
            dot = k;
        } else if (s[k] >= '0' && s[k] <= '9') {
            ++digits;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || (dot != std::string_view::npos && dot + 1 == s.size())) return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::fixed);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// The values a numeric attribute accepts (see docs/templates.md, section 5).
struct NumberRange {
    double min, max;
    const char* unit;  ///< shown in the message: "pt", "mm", "bội số"
    bool integer;
};

const std::map<std::string, NumberRange>& number_ranges() {
    static const std::map<std::string, NumberRange> m = {
        {"size", {1, 200, "pt", false}},         {"numbersize", {1, 200, "pt", false}},
        {"indent", {-500, 500, "mm", false}},    {"leftindent", {0, 500, "mm", false}},
        {"before", {0, 500, "pt", false}},       {"after", {0, 500, "pt", false}},
        {"spacing", {0.5, 10, "bội số", false}}, {"padding", {0, 500, "mm", false}},
        {"colspan", {1, 1000, "", true}},        {"rowspan", {1, 1000, "", true}},
        {"widths", {0, 1000, "mm", false}},      {"margins", {0, 500, "mm", false}},
    };
    return m;
}

/// The most columns a table may have.
constexpr std::size_t kMaxColumns = 100;

/// A bound as written in a template: "200", "0.5", "-500".
std::string bound(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

bool in_range(const std::string& v, const NumberRange& r) {
    auto n = attr_number(v);
    if (!n || *n < r.min || *n > r.max) return false;
    return !r.integer || (v.find('.') == std::string::npos && std::floor(*n) == *n);
}

/// "một số từ 1 đến 200 (pt)", "số nguyên từ 1 đến 1000".
std::string range_text(const NumberRange& r) {
    std::string s = std::string(r.integer ? "số nguyên" : "một số") + " từ " + bound(r.min) +
                    " đến " + bound(r.max);
    if (*r.unit) s += std::string(" (") + r.unit + ")";
    return s;
}

/// The comma-separated numbers of widths= and margins=, each checked against `r`.
bool number_list(const std::string& v, const NumberRange& r, std::size_t& count) {
    bool ok = true;
    count = 0;
    std::size_t b = 0;
    while (b <= v.size()) {
        std::size_t c = v.find(',', b);
        if (c == std::string::npos) c = v.size();
        if (!in_range(v.substr(b, c - b), r)) ok = false;
        ++count;
        b = c + 1;
    }
    return ok;
}

/// The value of a number written in the template, "12" or "-12", else nullopt.
std::optional<double> literal_number(const ExprPtr& e) {
    if (!e) return std::nullopt;
    if (e->kind == Expr::Kind::literal && e->literal.is_number()) return e->literal.get<double>();
    if (e->kind == Expr::Kind::unary && e->name == "-") {
        if (auto v = literal_number(e->base)) return -*v;
    }
    return std::nullopt;
}

class Checker {
public:
    Checker(const Template& t, const Json& schema, Diagnostics& diags)
        : t_(t), schema_(schema), types_(schema), diags_(diags), baseline_(diags.error_count()) {}

    bool run() {
        std::size_t before = diags_.error_count();
        Scope root;
        // The campaign's top-level fields are the template's variables.
        Type r = types_.root();
        if (r.schema && r.schema->contains("properties")) {
            for (auto it = (*r.schema)["properties"].begin(); it != (*r.schema)["properties"].end();
                 ++it) {
                if (it.key().empty() || it.key()[0] == '$') continue;
                root.vars[it.key()] = types_.from_node(it.value());
            }
        }
        // `unit` is the unit a per-unit document is rendered for (null otherwise).
        Type unit = types_.has_def("unit") ? types_.from_def("unit") : Type{};
        unit.nullable = true;
        root.vars["unit"] = unit;
        // `nominee` is the nominee an achievement report is rendered for (null otherwise).
        Type nominee = types_.has_def("nominee") ? types_.from_def("nominee") : Type{};
        nominee.nullable = true;
        root.vars["nominee"] = nominee;
        // `du_thao` is true while the campaign has "[…]" marks left: the documents print
        // "DỰ THẢO" (chung/dau-van-ban.tpl).
        root.vars["du_thao"] = Type::of(Type::Kind::boolean);
        for (const auto& [name, def] : t_.extra_vars) root.vars[name] = types_.from_def(def);
        scopes_.push_back(root);
        for (const auto& [name, m] : t_.macros) check_macro(m);
        for (const auto& n : t_.body) check_node(n, false);
        return diags_.error_count() == before;
    }

private:
    struct Scope {
        std::map<std::string, Type> vars;
    };

    const Template& t_;
    const Json& schema_;
    SchemaTypes types_;
    Diagnostics& diags_;
    std::size_t baseline_;  // errors before the check began (for the error limit)
    std::vector<Scope> scopes_;

    void error(const Loc& loc, std::string msg) {
        if (loc.file < 0 || static_cast<std::size_t>(loc.file) >= t_.files.size()) {
            diags_.error_general(std::move(msg));
            return;
        }
        report_template_error(diags_, baseline_, t_.files[static_cast<std::size_t>(loc.file)],
                              loc.offset, std::move(msg));
    }

    const Type* lookup(const std::string& name) const {
        for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
            auto f = it->vars.find(name);
            if (f != it->vars.end()) return &f->second;
        }
        return nullptr;
    }

    std::vector<std::string> visible_names() const {
        std::vector<std::string> names;
        for (const auto& s : scopes_) {
            for (const auto& [n, t] : s.vars) names.push_back(n);
        }
        return names;
    }

    /// True once max_template_errors errors were reported: later ones are dropped, so
    /// their hints need not be looked for (a 4 MiB line of unknown names has 250 000).
    bool muted() const {
        return diags_.error_count() - std::min(baseline_, diags_.error_count()) >= max_template_errors;
    }

    std::string hint(const std::string& name, const std::vector<std::string>& known) const {
        if (muted()) return "";
        std::string c = closest_name(name, known);
        return c.empty() ? "" : "; có phải \"" + c + "\"?";
    }

    Type param_type(const Param& p) {
        auto prim = primitive_types().find(p.type);
        if (prim != primitive_types().end()) return Type::of(prim->second);
        if (types_.has_def(p.type)) return types_.from_def(p.type);
        std::vector<std::string> known;
        for (const auto& [n, k] : primitive_types()) known.push_back(n);
        // The schema's $defs names are types too ("blok" → "block").
        if (schema_.is_object() && schema_.contains("$defs") && schema_["$defs"].is_object()) {
            for (auto it = schema_["$defs"].begin(); it != schema_["$defs"].end(); ++it) {
                known.push_back(it.key());
            }
        }
        error(p.loc, "kiểu \"" + p.type + "\" của tham số \"" + p.name +
                         "\" không có trong lược đồ chiến dịch" + hint(p.type, known));
        return Type{};
    }

    void check_macro(const Macro& m) {
        Scope s;
        for (const auto& p : m.params) s.vars[p.name] = param_type(p);
        scopes_.push_back(s);
        check_body(m.body, false);
        scopes_.pop_back();
    }

    // -------------------------------------------------------------------------------
    // Expressions

    static bool accepts(const std::vector<K>& inputs, const Type& t) {
        if (inputs.empty() || t.kind == K::any) return true;
        for (K k : inputs) {
            if (k == t.kind) return true;
            if (k == K::number && t.kind == K::integer) return true;
            if (k == K::date && t.kind == K::string) return true;  // a literal date
            if (k == K::string && t.kind == K::date) return false;
        }
        return false;
    }

    Type expr(const ExprPtr& e) {
        if (!e) return Type{};
        switch (e->kind) {
            case Expr::Kind::literal: {
                const auto& j = e->literal;
                if (j.is_string()) return Type::of(K::string);
                if (j.is_number_integer()) return Type::of(K::integer);
                if (j.is_number()) return Type::of(K::number);
                if (j.is_boolean()) return Type::of(K::boolean);
                return Type::of(K::null);
            }
            case Expr::Kind::var: {
                if (const Type* t = lookup(e->name)) return *t;
                error(e->loc, "không có biến \"" + e->name + "\"" +
                                  (muted() ? "" : hint(e->name, visible_names())));
                return Type{};
            }
            case Expr::Kind::member: {
                Type base = expr(e->base);
                if (base.kind == K::loop) {
                    auto f = loop_members().find(e->name);
                    if (f != loop_members().end()) return Type::of(f->second);
                    std::vector<std::string> known;
                    for (const auto& [n, k] : loop_members()) known.push_back(n);
                    error(e->loc, "biến vòng lặp không có \"" + e->name + "\"" + hint(e->name, known));
                    return Type{};
                }
                if (base.kind == K::any) return Type{};
                if (base.kind != K::object) {
                    error(e->loc, "không lấy được trường \"" + e->name + "\" của " + type_name(base));
                    return Type{};
                }
                Type out;
                std::vector<std::string> known;
                if (types_.member(base, e->name, out, &known)) return out;
                error(e->loc, "\"" + (base.def.empty() ? std::string("đối tượng") : base.def) +
                                  "\" không có trường \"" + e->name + "\"" + hint(e->name, known));
                return Type{};
            }
            case Expr::Kind::index: {
                Type base = expr(e->base);
                Type key = expr(e->other);
                if (base.kind == K::array) {
                    if (key.kind != K::integer && key.kind != K::any) {
                        error(e->other->loc, "chỉ số của danh sách phải là số nguyên");
                    }
                    return types_.element(base);
                }
                if (base.kind == K::object) {
                    if (key.kind != K::string && key.kind != K::any) {
                        error(e->other->loc, "khóa của đối tượng phải là chuỗi văn bản");
                    }
                    Type out;
                    if (base.schema && base.schema->contains("additionalProperties") &&
                        (*base.schema)["additionalProperties"].is_object()) {
                        out = types_.from_node((*base.schema)["additionalProperties"]);
                    }
                    out.nullable = true;
                    return out;
                }
                if (base.kind != K::any) {
                    error(e->loc, "không lấy phần tử được từ " + type_name(base));
                }
                return Type{};
            }
            case Expr::Kind::unary: {
                Type t = expr(e->base);
                if (e->name == "not") return Type::of(K::boolean);
                if (t.kind != K::integer && t.kind != K::number && t.kind != K::any) {
                    error(e->loc, "dấu \"-\" cần một số, gặp " + type_name(t));
                }
                return t;
            }
            case Expr::Kind::binary: {
                Type l = expr(e->base);
                Type r = expr(e->other);
                const std::string& op = e->name;
                if (op == "and" || op == "or" || op == "==" || op == "!=") {
                    return Type::of(K::boolean);
                }
                auto numeric = [](const Type& t) {
                    return t.kind == K::integer || t.kind == K::number || t.kind == K::any;
                };
                if (op == "<" || op == ">" || op == "<=" || op == ">=") {
                    bool ok = (numeric(l) && numeric(r)) ||
                              ((l.kind == K::string || l.kind == K::date || l.kind == K::any) &&
                               (r.kind == K::string || r.kind == K::date || r.kind == K::any));
                    if (!ok) {
                        error(e->loc, "không so sánh được " + type_name(l) + " với " + type_name(r));
                    }
                    return Type::of(K::boolean);
                }
                if (op == "~") return Type::of(K::string);
                if (!numeric(l) || !numeric(r)) {
                    error(e->loc, "phép \"" + op + "\" cần hai số, gặp " + type_name(l) + " và " +
                                      type_name(r));
                    return Type{};
                }
                if (op == "/" || l.kind == K::number || r.kind == K::number) {
                    return Type::of(K::number);
                }
                return l.kind == K::any ? r : l;
            }
            case Expr::Kind::filter: return filter(e);
            case Expr::Kind::list: {
                for (const auto& a : e->args) {
                    Type t = expr(a);
                    if (t.kind == K::object || t.kind == K::array || t.kind == K::loop) {
                        error(a->loc, "danh sách viết trong mẫu chỉ chứa chữ, số hoặc ngày");
                    }
                }
                return Type::of(K::array);
            }
        }
        return Type{};
    }

    Type filter(const ExprPtr& e) {
        Type in = expr(e->base);
        std::vector<Type> args;
        for (const auto& a : e->args) args.push_back(expr(a));
        const auto& table = filters();
        auto it = table.find(e->name);
        if (it == table.end()) {
            std::vector<std::string> known;
            for (const auto& [n, s] : table) known.push_back(n);
            error(e->loc, "không có bộ lọc \"" + e->name + "\"" + hint(e->name, known));
            return Type{};
        }
        const FilterSignature& sig = it->second;
        if (!accepts(sig.inputs, in)) {
            error(e->loc, "bộ lọc \"" + e->name + "\" không dùng được cho " + type_name(in));
        } else if (!sig.input_def.empty() && in.kind == K::object && !in.def.empty() &&
                   in.def != sig.input_def) {
            error(e->loc, "bộ lọc \"" + e->name + "\" cần đối tượng " + sig.input_def + ", gặp " +
                              type_name(in));
        }
        int n = static_cast<int>(e->args.size());
        if (n < sig.min_args || n > sig.max_args) {
            std::string want = sig.min_args == sig.max_args
                                   ? std::to_string(sig.min_args)
                                   : std::to_string(sig.min_args) + "–" + std::to_string(sig.max_args);
            error(e->loc, "bộ lọc \"" + e->name + "\" cần " + want + " đối số, gặp " +
                              std::to_string(n));
        }
        for (std::size_t i = 0; i < e->args.size(); ++i) {
            bool named = i < e->arg_names.size() && !e->arg_names[i].empty();
            if (named && !sig.named_args) {
                error(e->args[i]->loc, "bộ lọc \"" + e->name + "\" không nhận đối số có tên");
            } else if (!named && sig.named_args) {
                error(e->args[i]->loc, "bộ lọc \"" + e->name + "\" cần đối số dạng ten=gia_tri");
            }
            if (sig.named_args && (args[i].kind == K::object || args[i].kind == K::array)) {
                error(e->args[i]->loc, "giá trị thay vào phải là chữ hoặc số, gặp " +
                                           type_name(args[i]));
            }
            if (sig.named_args && args[i].kind == K::date) {
                error(e->args[i]->loc, "ngày phải được định dạng trước khi thay vào, ví dụ \"| date_short\"");
            }
        }
        if (e->name == "map" && !e->args.empty()) {
            const auto& a = e->args[0];
            if (a->kind != Expr::Kind::literal || !a->literal.is_string()) {
                error(a->loc, "bộ lọc \"map\" cần tên bộ lọc trong dấu nháy, ví dụ map(\"indicator\")");
            } else {
                auto f = table.find(a->literal.get<std::string>());
                if (f != table.end() && f->first == "map") {
                    error(a->loc, "bộ lọc \"map\" không dùng được bên trong \"map\"");
                } else if (f == table.end()) {
                    std::vector<std::string> known;
                    for (const auto& [nm, s] : table) known.push_back(nm);
                    error(a->loc, "không có bộ lọc \"" + a->literal.get<std::string>() + "\"" +
                                      hint(a->literal.get<std::string>(), known));
                } else if (f->second.min_args > 0) {
                    error(a->loc, "bộ lọc \"" + f->first + "\" cần đối số nên không dùng được trong map");
                } else if (in.kind == K::array) {
                    Type el = types_.element(in);
                    if (!accepts(f->second.inputs, el)) {
                        error(a->loc, "bộ lọc \"" + f->first + "\" không dùng được cho phần tử " +
                                          type_name(el));
                    }
                }
            }
        }
        if ((e->name == "date" || e->name == "date_dm") && !e->args.empty()) {
            // A style written in the template is checked now; one read from data is checked
            // by the schema (dateStyle) and again when it is applied.
            const auto& a = e->args[0];
            if (a->kind == Expr::Kind::literal) {
                const auto& styles = date_styles();
                if (!a->literal.is_string() ||
                    std::find(styles.begin(), styles.end(), a->literal.get<std::string>()) ==
                        styles.end()) {
                    error(a->loc, unknown_date_style(a->literal.is_string()
                                                         ? a->literal.get<std::string>()
                                                         : a->literal.dump()));
                }
            } else if (args[0].kind != K::string && args[0].kind != K::any) {
                error(a->loc, "kiểu ngày phải là chuỗi văn bản, gặp " + type_name(args[0]));
            }
        }
        if (e->name == "first" || e->name == "last") return types_.element(in);
        return sig.result ? sig.result(in, args) : Type{};
    }

    /// An interpolated value must print as text.
    void printable(const ExprPtr& e, const Type& t) {
        switch (t.kind) {
            case K::date:
                error(e->loc, "ngày phải được định dạng trước khi in, ví dụ \"| date_long\" hoặc "
                              "\"| date_short\"");
                break;
            case K::object:
            case K::array:
            case K::loop:
                error(e->loc, "không in trực tiếp được " + type_name(t) +
                                  "; hãy lấy một trường hoặc dùng bộ lọc");
                break;
            case K::boolean: error(e->loc, "không in trực tiếp được giá trị đúng/sai"); break;
            default: break;
        }
    }

    void content(const Content& c) {
        for (const auto& seg : c) {
            if (seg.expr) printable(seg.expr, expr(seg.expr));
        }
    }

    // -------------------------------------------------------------------------------
    // Attributes

    void attrs(const Attrs& a, const char* where) {
        // In the order written, for the messages.
        std::vector<std::pair<std::size_t, const std::string*>> order;
        for (const auto& [k, v] : a.values) {
            auto at = a.value_locs.find(k);
            order.emplace_back(at == a.value_locs.end() ? 0 : at->second.offset, &k);
        }
        std::sort(order.begin(), order.end(),
                  [](const auto& x, const auto& y) { return x.first < y.first; });
        for (const auto& [offset, key] : order) {
            const std::string& k = *key;
            const std::string& v = a.values.at(k);
            bool ok = true;
            std::string want;
            auto range = number_ranges().find(k);
            if (k == "widths" && v == "auto") {
                ok = true;
            } else if (k == "widths" || k == "margins") {
                std::size_t count = 0;
                ok = number_list(v, range->second, count);
                if (k == "margins") {
                    ok = ok && count == 4;
                    want = "bốn số trên,dưới,trái,phải (mm, từ 0 đến " +
                           bound(range->second.max) + ")";
                } else {
                    ok = ok && count <= kMaxColumns;
                    want = "độ rộng các cột (mm, từ 0 đến " + bound(range->second.max) +
                           ") cách nhau bằng dấu phẩy, tối đa " + std::to_string(kMaxColumns) +
                           " cột";
                }
            } else if (range != number_ranges().end()) {
                ok = in_range(v, range->second);
                want = range_text(range->second);
            } else if (k == "name") {
                if (std::string_view(where) != "kiểu") {
                    auto at = a.value_locs.find(k);
                    error(at == a.value_locs.end() ? a.loc : at->second,
                          "thuộc tính \"name\" (tên kiểu trong tệp Word) chỉ dùng trong \"#style\"");
                }
                continue;
            } else if (k == "rule") {
                ok = v == "none" || v == "short" || v == "text" || v == "full";
                want = "none, short, text hoặc full";
            } else if (k == "borders") {
                ok = v == "none" || v == "all";
                want = "none hoặc all";
            } else if (k == "valign") {
                ok = v == "top" || v == "middle" || v == "bottom";
                want = "top, middle hoặc bottom";
            } else if (k == "number") {
                ok = v == "roman" || v == "arabic" || v == "parent" || v == "letter" ||
                     v == "paren" || v == "dash" || v == "plus" || v == "none";
                want = "roman, arabic, parent, letter, paren, dash, plus hoặc none";
            }
            if (!ok) {
                auto at = a.value_locs.find(k);
                error(at == a.value_locs.end() ? a.loc : at->second,
                      std::string("thuộc tính \"") + k + "\" của " + where + " cần " + want +
                          ", gặp \"" + v + "\"");
            }
        }
    }

    /// A numbering style given by an expression (=(level, style), ~(style)): a string, or
    /// null for the default; one written in the template must be a style's name or marker.
    void number_style(const ExprPtr& e) {
        Type t = expr(e);
        if (t.kind != K::string && t.kind != K::any && t.kind != K::null) {
            error(e->loc, "kiểu đánh số phải là chuỗi văn bản, gặp " + type_name(t));
        } else if (e->kind == Expr::Kind::literal && e->literal.is_string() &&
                   !e->literal.get<std::string>().empty() &&
                   !parse_number_style(e->literal.get<std::string>())) {
            error(e->loc, "kiểu đánh số \"" + e->literal.get<std::string>() + "\" không có; dùng " +
                              number_style_list());
        }
    }

    // -------------------------------------------------------------------------------
    // Statements

    void check_body(const Body& body, bool in_table) {
        scopes_.emplace_back();
        for (const auto& n : body) check_node(n, in_table);
        scopes_.pop_back();
    }

    void check_node(const Node& n, bool in_table) {
        switch (n.kind) {
            case Node::Kind::paragraph:
                attrs(n.attrs, "đoạn văn");
                content(n.content);
                break;
            case Node::Kind::item:
                attrs(n.attrs, "đoạn văn");
                if (n.level_expr) {
                    Type t = expr(n.level_expr);
                    if (t.kind != K::integer && t.kind != K::any) {
                        error(n.level_expr->loc, "cấp của dòng danh sách phải là số nguyên, gặp " + type_name(t));
                    } else if (auto v = literal_number(n.level_expr); v && !(*v >= 1 && *v <= 6)) {
                        error(n.level_expr->loc, "cấp của dòng danh sách phải từ 1 đến 6");
                    }
                }
                if (n.style_expr) number_style(n.style_expr);
                content(n.content);
                break;
            case Node::Kind::heading:
                attrs(n.attrs, "đề mục");
                if (n.level_expr) {
                    Type t = expr(n.level_expr);
                    if (t.kind != K::integer && t.kind != K::any) {
                        error(n.level_expr->loc, "cấp đề mục phải là số nguyên, gặp " + type_name(t));
                    } else if (auto v = literal_number(n.level_expr); v && !(*v >= 1 && *v <= 6)) {
                        error(n.level_expr->loc, "cấp đề mục phải từ 1 đến 6");
                    }
                }
                if (n.style_expr) number_style(n.style_expr);
                if (in_table) error(n.loc, "đề mục không đặt được trong bảng");
                content(n.content);
                break;
            case Node::Kind::pipe_row:
                if (!in_table) error(n.loc, "dòng bảng \"| … |\" phải nằm trong \"#table\"");
                for (const auto& c : n.cells) content(c);
                break;
            case Node::Kind::for_: {
                Type seq = expr(n.expr);
                Scope s;
                if (!n.var2.empty()) {
                    if (seq.kind != K::object && seq.kind != K::any) {
                        error(n.expr->loc, "\"#for khoa, gia_tri in …\" cần một đối tượng, gặp " +
                                               type_name(seq));
                    }
                    s.vars[n.var] = Type::of(K::string);
                    Type v;
                    if (seq.schema && seq.schema->contains("additionalProperties") &&
                        (*seq.schema)["additionalProperties"].is_object()) {
                        v = types_.from_node((*seq.schema)["additionalProperties"]);
                    }
                    s.vars[n.var2] = v;
                } else {
                    if (seq.kind != K::array && seq.kind != K::any) {
                        error(n.expr->loc, "\"#for\" cần một danh sách, gặp " + type_name(seq));
                    }
                    s.vars[n.var] = types_.element(seq);
                }
                s.vars["loop"] = Type::of(K::loop);
                scopes_.push_back(s);
                check_body(n.body, in_table);
                scopes_.pop_back();
                break;
            }
            case Node::Kind::if_:
                for (const auto& [cond, body] : n.branches) {
                    expr(cond);
                    for (const auto& c : body) check_node(c, in_table);
                }
                for (const auto& c : n.else_body) check_node(c, in_table);
                break;
            case Node::Kind::set: {
                Type t = expr(n.expr);
                scopes_.back().vars[n.var] = t;
                break;
            }
            case Node::Kind::block:
                for (const auto& c : n.body) check_node(c, in_table);
                break;
            case Node::Kind::call: {
                auto it = t_.macros.find(n.name);
                for (const auto& a : n.args) expr(a);
                if (it == t_.macros.end()) {
                    std::vector<std::string> known;
                    for (const auto& [nm, m] : t_.macros) known.push_back(nm);
                    error(n.loc, "không có macro \"" + n.name + "\"" + hint(n.name, known));
                    break;
                }
                const Macro& m = it->second;
                if (m.params.size() != n.args.size()) {
                    error(n.loc, "macro \"" + n.name + "\" cần " + std::to_string(m.params.size()) +
                                     " đối số, gặp " + std::to_string(n.args.size()));
                    break;
                }
                for (std::size_t i = 0; i < n.args.size(); ++i) {
                    Type want = param_type_quiet(m.params[i]);
                    Type got = expr(n.args[i]);
                    if (!compatible(got, want)) {
                        error(n.args[i]->loc, "đối số \"" + m.params[i].name + "\" của macro \"" +
                                                  n.name + "\" cần " + type_name(want) + ", gặp " +
                                                  type_name(got));
                    }
                }
                if (in_table) {
                    // A macro called inside a table may emit rows; nothing more to check here.
                }
                break;
            }
            case Node::Kind::table:
                if (in_table) error(n.loc, "không đặt được bảng trong bảng");
                attrs(n.attrs, "bảng");
                if (!n.attrs.get("widths")) {
                    error(n.loc, "bảng cần \"widths=…\" (độ rộng các cột, mm)");
                }
                check_body(n.body, true);
                break;
            case Node::Kind::row:
            case Node::Kind::cell:
                if (!in_table) {
                    error(n.loc, std::string("\"#") + (n.kind == Node::Kind::row ? "row" : "cell") +
                                     "\" phải nằm trong \"#table\"");
                }
                attrs(n.attrs, n.kind == Node::Kind::row ? "dòng" : "ô");
                break;
            case Node::Kind::section:
                if (in_table) error(n.loc, "\"#section\" không đặt được trong bảng");
                attrs(n.attrs, "phần");
                break;
            case Node::Kind::pagebreak:
                if (in_table) error(n.loc, "\"#pagebreak\" không đặt được trong bảng");
                break;
            case Node::Kind::space: {
                Type t = expr(n.expr);
                if (t.kind != K::integer && t.kind != K::number && t.kind != K::any) {
                    error(n.loc, "\"#space\" cần một số (điểm), gặp " + type_name(t));
                } else if (auto v = literal_number(n.expr); v && !(*v >= 0 && *v <= max_space_pt)) {
                    error(n.expr->loc, space_range_message(*v));
                }
                break;
            }
            case Node::Kind::style: attrs(n.attrs, "kiểu"); break;
            case Node::Kind::endmark:
            case Node::Kind::numbering: break;
        }
    }

    Type param_type_quiet(const Param& p) const {
        auto prim = primitive_types().find(p.type);
        if (prim != primitive_types().end()) return Type::of(prim->second);
        if (types_.has_def(p.type)) return types_.from_def(p.type);
        return Type{};
    }

    static bool compatible(const Type& got, const Type& want) {
        if (got.kind == K::any || want.kind == K::any) return true;
        if (got.kind == K::null) return want.nullable;
        if (want.kind == K::number && got.kind == K::integer) return true;
        if (want.kind == K::string && got.kind == K::date) return true;
        if (got.kind != want.kind) return false;
        if (got.kind == K::object && !got.def.empty() && !want.def.empty()) {
            return got.def == want.def;
        }
        return true;
    }
};

}  // namespace

std::string space_range_message(double n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", n);
    return "\"#space\" cần một số từ 0 đến " + bound(max_space_pt) + " (pt), gặp " + buf;
}

bool check_template(const Template& t, const Json& schema_root, Diagnostics& diags) {
    Checker c(t, schema_root, diags);
    return c.run();
}

}  // namespace thidua::tpl
