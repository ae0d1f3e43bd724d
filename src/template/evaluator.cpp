// Stage: template (evaluate). Walks a checked template with the campaign data and builds
// the backend-neutral document tree: styles per role, ND 30 heading numbers, run-in
// headings, list markers, tables with merged cells, sections and the "./." end mark.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/text.hpp"
#include "campaign/schema.hpp"
#include "doc/table_geometry.hpp"
#include "template/filters.hpp"
#include "template/limits.hpp"
#include "template/numbering.hpp"
#include "template/parser.hpp"
#include "template/template.hpp"
#include "template/checker.hpp"

namespace thidua::tpl {

namespace {

/// Thrown to stop evaluation after an error has been reported.
struct Abort {};

constexpr int kMaxCallDepth = 64;
/// The deepest nesting of statements while rendering, macro calls included: each level
/// costs stack, and 64 calls of a macro with 200 nested blocks would overflow it.
constexpr int kMaxNodeDepth = 1000;

std::string plain_text(const Json& j) {
    if (j.is_string()) return j.get<std::string>();
    // Unsigned first: is_number_integer() holds for both, and 2^64-1 is not -1.
    if (j.is_number_unsigned()) return std::to_string(j.get<unsigned long long>());
    if (j.is_number_integer()) return std::to_string(j.get<long long>());
    if (j.is_number()) return text::number(j.get<double>());
    return {};
}

bool truthy(const Value& v) {
    if (v.rich) return !v.runs.empty();
    const auto& j = v.get();
    if (j.is_null()) return false;
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_number()) return j.get<double>() != 0;
    if (j.is_string()) return !j.get<std::string>().empty();
    return !j.empty();
}

std::string runs_text(const doc::Runs& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}

std::size_t runs_bytes(const doc::Runs& runs) {
    std::size_t n = 0;
    for (const auto& r : runs) n += r.text.size();
    return n;
}

/// An integer value as a 64-bit signed integer; nullopt for a non-integer or for an
/// unsigned value past INT64_MAX (from the campaign file).
std::optional<std::int64_t> as_int64(const Json& j) {
    if (j.is_number_unsigned()) {
        auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    if (j.is_number_integer()) return j.get<std::int64_t>();
    return std::nullopt;
}

/// The work of building or copying `j`, in steps: one per value, and one per
/// bytes_per_step bytes of text (walked without recursion: data may nest deeply).
std::uint64_t json_cost(const Json& root) {
    if (root.is_string()) return 1 + root.get_ref<const std::string&>().size() / bytes_per_step;
    if (!root.is_structured()) return 1;
    std::uint64_t c = 0;
    std::vector<const Json*> stack{&root};
    while (!stack.empty()) {
        const Json* j = stack.back();
        stack.pop_back();
        ++c;
        if (j->is_string()) {
            c += j->get_ref<const std::string&>().size() / bytes_per_step;
        } else if (j->is_structured()) {
            for (const auto& x : *j) stack.push_back(&x);
        }
    }
    return c;
}

/// The work of walking `v` once (its elements, or its text), not what it contains.
std::uint64_t shallow_cost(const Value& v) {
    if (v.rich) return 1 + runs_bytes(v.runs) / bytes_per_step;
    const auto& j = v.get();
    if (j.is_string()) return 1 + j.get_ref<const std::string&>().size() / bytes_per_step;
    return 1 + (j.is_structured() ? j.size() : 0);
}

/// The work of having copied `v`: nothing for a reference into the campaign.
std::uint64_t copy_cost(const Value& v) {
    if (v.rich) return runs_bytes(v.runs) / bytes_per_step;
    return v.ref ? 0 : json_cost(v.owned);
}

std::string mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

/// "số quá lớn: …" for an integer result past the 64-bit range.
std::string int_overflow(const std::string& what) {
    return "số quá lớn: kết quả " + what + " nằm ngoài khoảng số nguyên từ " +
           std::to_string(std::numeric_limits<std::int64_t>::min()) + " đến " +
           std::to_string(std::numeric_limits<std::int64_t>::max());
}

double num(const std::string& s) { return std::strtod(s.c_str(), nullptr); }

std::vector<double> numbers(const std::string& s) {
    std::vector<double> out;
    std::size_t b = 0;
    while (b <= s.size()) {
        std::size_t c = s.find(',', b);
        if (c == std::string::npos) c = s.size();
        out.push_back(num(s.substr(b, c - b)));
        b = c + 1;
    }
    return out;
}

/// Overlays `over` on `base`: values replace, an alignment flag replaces the other ones.
Attrs merge(const Attrs& base, const Attrs& over) {
    Attrs out = base;
    static const char* aligns[] = {"center", "left", "right", "justify"};
    for (const char* a : aligns) {
        if (over.has(a)) {
            for (const char* b : aligns) out.flags.erase(b);
        }
    }
    if (over.has("bold")) out.flags.erase("regular");
    if (over.has("regular")) out.flags.erase("bold");
    if (over.has("italic")) out.flags.erase("upright");
    if (over.has("upright")) out.flags.erase("italic");
    for (const auto& f : over.flags) out.flags.insert(f);
    for (const auto& [k, v] : over.values) out.values[k] = v;
    for (const auto& [k, l] : over.value_locs) out.value_locs[k] = l;
    // The later of "indent=N" and "noindent" wins.
    if (over.values.count("indent") && !over.has("noindent")) out.flags.erase("noindent");
    if (over.has("noindent") && !over.values.count("indent")) {
        out.values.erase("indent");
        out.value_locs.erase("indent");
    }
    return out;
}

class Evaluator {
public:
    Evaluator(const Compiled& c, const JsonDoc& campaign, const Bindings& bindings,
              Diagnostics& diags)
        : c_(c), t_(c.tpl), campaign_(campaign), diags_(diags) {
        Scope root;
        if (campaign.value.is_object()) {
            for (auto it = campaign.value.begin(); it != campaign.value.end(); ++it) {
                Value v;
                v.ref = &it.value();
                v.pointer = pointer_append("", it.key());
                root[it.key()] = v;
            }
        }
        // Fields the schema knows but the file leaves out are null (printing one is an error).
        if (c.schema.contains("properties")) {
            for (auto it = c.schema["properties"].begin(); it != c.schema["properties"].end(); ++it) {
                if (!root.count(it.key())) {
                    Value v;
                    v.pointer = pointer_append("", it.key());
                    root[it.key()] = v;
                }
            }
        }
        root["unit"] = Value{};
        root["nominee"] = Value{};
        root["du_thao"] = Value{};
        for (const auto& [name, value] : bindings) {
            Value v;
            if (value) {
                v.ref = value;
                v.pointer = find_pointer(*value);
            }
            root[name] = v;
        }
        scopes_.push_back(std::move(root));
        doc_.sections.emplace_back();
    }

    std::optional<doc::Document> run() {
        try {
            nodes(t_.body);
            flush_runin();
        } catch (const Abort&) {
            return std::nullopt;
        }
        if (diags_.has_errors()) return std::nullopt;
        auto meta = [&](const char* name) -> std::string {
            auto it = scopes_.front().find(name);
            return it == scopes_.front().end() ? "" : plain_text(it->second.get());
        };
        doc_.title = meta("meta_title");
        doc_.author = meta("meta_author");
        doc_.subject = meta("meta_subject");
        doc::number_footnotes(doc_);
        return std::move(doc_);
    }

private:
    using Scope = std::map<std::string, Value>;

    const Compiled& c_;
    const Template& t_;
    const JsonDoc& campaign_;
    Diagnostics& diags_;
    std::vector<Scope> scopes_;
    int depth_ = 0;
    int node_depth_ = 0;
    std::uint64_t steps_ = 0;         // work done so far (max_render_steps)
    const Node* statement_ = nullptr;  // the statement being run, for the step limit's message
    std::size_t document_bytes_ = 0;  // text in the document so far (max_document_bytes)

    doc::Document doc_;
    std::map<std::string, Attrs> styles_;
    std::set<std::string> noted_roles_;  // roles already in doc_.styles
    int counters_[7] = {0, 0, 0, 0, 0, 0, 0};  // heading levels 1-6
    int heading_level_ = 0;                    // the level of the last numbered heading
    // List items by item level 1-6 ("~1" counts at level 1, "~a" at level 2): an item
    // clears the levels under it; a heading, "#numbering restart" and "#numbering items"
    // clear them all. Plain paragraphs between items do not: "a) … / text / b) …".
    int item_counters_[7] = {0, 0, 0, 0, 0, 0, 0};

    // A run-in heading waiting for the paragraph it starts.
    bool runin_pending_ = false;
    doc::Paragraph runin_;

    // The table being built, if any.
    struct TableBuild {
        doc::Table table;
        Attrs row_attrs;
        Attrs cell_attrs;
        bool in_row = false;
        bool in_cell = false;
        Loc loc;
    };
    std::vector<TableBuild> tables_;

    // ---------------------------------------------------------------------------------
    // Errors

    [[noreturn]] void fail_template(const Loc& loc, std::string msg) {
        if (loc.file >= 0 && static_cast<std::size_t>(loc.file) < t_.files.size()) {
            // Without copying a source line over 1000 bytes into the message.
            thidua::detail::report_error(diags_, t_.files[static_cast<std::size_t>(loc.file)],
                                         loc.offset, std::move(msg));
        } else {
            diags_.error_general(std::move(msg));
        }
        throw Abort{};
    }

    std::string where(const Loc& loc) const {
        if (loc.file < 0 || static_cast<std::size_t>(loc.file) >= t_.files.size()) return "";
        const auto& f = t_.files[static_cast<std::size_t>(loc.file)];
        auto lc = f.line_col(loc.offset);
        return f.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
    }

    /// Reports a data problem at the campaign file: at the value when it exists, else at
    /// the nearest enclosing value that does.
    [[noreturn]] void fail_data(const std::string& pointer, const Loc& loc, std::string msg) {
        std::string p = pointer;
        while (!p.empty() && !lookup_pointer(campaign_.value, p)) {
            auto slash = p.rfind('/');
            p = slash == std::string::npos ? "" : p.substr(0, slash);
        }
        msg += " (mẫu " + where(loc) + ")";
        if (pointer != p) msg += "; thiếu \"" + pointer + "\"";
        error_at_value(campaign_, diags_, p, std::move(msg));
        throw Abort{};
    }

    /// Reports a mistake at byte `offset` of the campaign's string at `pointer` (which
    /// exists), naming the template position.
    [[noreturn]] void fail_data_in_string(const std::string& pointer, std::size_t offset,
                                          const Loc& loc, std::string msg) {
        msg += " (mẫu " + where(loc) + ")";
        error_in_string(campaign_, diags_, pointer, offset, std::move(msg));
        throw Abort{};
    }

    /// Returns where a bound value sits in the campaign (looked up by address among the
    /// lists a document can be rendered for), for messages.
    std::string find_pointer(const Json& target) const {
        for (const char* list : {"/units", "/nomination/nominees"}) {
            const Json* arr = lookup_pointer(campaign_.value, list);
            if (!arr || !arr->is_array()) continue;
            for (std::size_t i = 0; i < arr->size(); ++i) {
                if (&(*arr)[i] == &target) return std::string(list) + "/" + std::to_string(i);
            }
        }
        return "";
    }

    /// Counts `n` steps of work; past max_render_steps the rendering stops with an error
    /// at `loc`: loops nested over long lists or a macro that calls itself twice would
    /// otherwise run for hours.
    void step(const Loc& loc, std::uint64_t n = 1) {
        steps_ += n;
        if (steps_ > max_render_steps) {
            // At the statement being run: more telling than a part of its expression.
            fail_template(statement_ ? statement_->loc : loc, "mẫu làm quá " + text::number(static_cast<double>(max_render_steps)) +
                                   " bước khi điền dữ liệu: vòng lặp lồng nhau, macro gọi quá "
                                   "nhiều lần hay chuỗi quá dài bị chép nhiều lần?");
        }
    }

    /// Counts text going into the document; past max_document_bytes it is an error at `loc`.
    void add_document_bytes(std::size_t n, const Loc& loc) {
        document_bytes_ += n;
        if (document_bytes_ > max_document_bytes) {
            fail_template(loc, "văn bản dài quá " + mib(max_document_bytes) + " chữ");
        }
        step(loc, n / bytes_per_step);
    }

    // ---------------------------------------------------------------------------------
    // Expressions

    Value lookup(const std::string& name, const Loc& loc) {
        // Inside a macro only its parameters and the globals are visible. A value the
        // template computed is copied: that is work.
        auto found = [&](const Value& v) {
            step(loc, copy_cost(v));
            return v;
        };
        for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
            auto f = it->find(name);
            if (f != it->end()) return found(f->second);
            if (it->count("\x01macro")) {
                auto& g = scopes_.front();
                auto gf = g.find(name);
                if (gf != g.end()) return found(gf->second);
                break;
            }
        }
        fail_template(loc, "không có biến \"" + name + "\"");
    }

    /// #set: updates the variable where it is visible (so a loop can add to a total),
    /// else defines it in the innermost scope.
    void assign(const std::string& name, Value v) {
        for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
            auto f = it->find(name);
            if (f != it->end()) {
                f->second = std::move(v);
                return;
            }
            if (it->count("\x01macro")) break;
        }
        scopes_.back()[name] = std::move(v);
    }

    static Value member_of(const Value& base, const std::string& name) {
        Value v;
        v.pointer = base.pointer.empty() && !base.ref ? "" : pointer_append(base.pointer, name);
        const auto& j = base.get();
        if (j.is_object()) {
            auto it = j.find(name);
            if (it != j.end()) {
                if (base.ref) {
                    v.ref = &*it;
                } else {
                    v.owned = *it;
                }
            }
        }
        return v;
    }

    Value eval(const ExprPtr& e) {
        step(e->loc);
        switch (e->kind) {
            case Expr::Kind::literal:
                // A 4 MiB string written in the template is copied each time it is used.
                if (e->literal.is_string()) {
                    step(e->loc, e->literal.get_ref<const std::string&>().size() / bytes_per_step);
                }
                return Value::of(e->literal);
            case Expr::Kind::var: return lookup(e->name, e->loc);
            case Expr::Kind::member: {
                Value v = member_of(eval(e->base), e->name);
                step(e->loc, copy_cost(v));
                return v;
            }
            case Expr::Kind::index: {
                Value base = eval(e->base);
                Value key = eval(e->other);
                const auto& j = base.get();
                const auto& k = key.get();
                Value v;
                if (j.is_array() && k.is_number_integer()) {
                    // From the end when negative; a key past the 64-bit range finds nothing.
                    auto key_i = as_int64(k);
                    std::int64_t i = key_i.value_or(std::numeric_limits<std::int64_t>::max());
                    if (i < 0) i += static_cast<std::int64_t>(j.size());
                    v.pointer = pointer_append(base.pointer, static_cast<std::size_t>(std::max<std::int64_t>(0, i)));
                    if (i >= 0 && static_cast<std::uint64_t>(i) < j.size()) {
                        if (base.ref) v.ref = &(*base.ref)[static_cast<std::size_t>(i)];
                        else v.owned = j[static_cast<std::size_t>(i)];
                    }
                } else if (j.is_object() && k.is_string()) {
                    v = member_of(base, k.get<std::string>());
                }
                step(e->loc, copy_cost(v));
                return v;
            }
            case Expr::Kind::unary: {
                Value v = eval(e->base);
                if (e->name == "not") return Value::of(!truthy(v));
                const auto& j = v.get();
                if (j.is_number_integer()) {
                    auto x = as_int64(j);
                    if (!x || *x == std::numeric_limits<std::int64_t>::min()) {
                        fail_template(e->loc, int_overflow("dấu \"-\""));
                    }
                    return Value::of(-*x);
                }
                if (j.is_number()) return Value::of(-j.get<double>());
                fail_data(v.pointer, e->loc, "dấu \"-\" cần một số");
            }
            case Expr::Kind::binary: return binary(e);
            case Expr::Kind::list: {
                Json arr = Json::array();
                std::size_t bytes = 0;
                for (const auto& a : e->args) {
                    Value v = eval(a);
                    arr.push_back(v.rich ? Json(runs_text(v.runs)) : v.get());
                    step(a->loc, json_cost(arr.back()));
                    if (arr.back().is_string()) bytes += arr.back().get_ref<const std::string&>().size();
                    if (bytes > max_string_bytes) {
                        fail_template(e->loc, "danh sách viết trong mẫu chứa quá " +
                                                  mib(max_string_bytes) + " chữ");
                    }
                }
                return Value::of(std::move(arr));
            }
            case Expr::Kind::filter: {
                Value in = eval(e->base);
                std::vector<Value> args;
                for (const auto& a : e->args) args.push_back(eval(a));
                // A filter walks its input and arguments once, and builds its result.
                step(e->loc, shallow_cost(in));
                for (const auto& a : args) step(e->loc, shallow_cost(a));
                Value out;
                std::string error, pointer;
                std::size_t offset = std::string::npos;
                if (!apply_filter(e->name, in, args, e->arg_names, out, error, pointer, &offset)) {
                    if (offset != std::string::npos && !pointer.empty()) {
                        fail_data_in_string(pointer, offset, e->loc, error);
                    }
                    if (!pointer.empty() || in.ref) fail_data(pointer.empty() ? in.pointer : pointer, e->loc, error);
                    fail_template(e->loc, error);
                }
                step(e->loc, copy_cost(out));
                return out;
            }
        }
        return Value{};
    }

    Value binary(const ExprPtr& e) {
        const std::string& op = e->name;
        if (op == "and") {
            Value l = eval(e->base);
            return truthy(l) ? Value::of(truthy(eval(e->other))) : Value::of(false);
        }
        if (op == "or") {
            Value l = eval(e->base);
            return truthy(l) ? Value::of(true) : Value::of(truthy(eval(e->other)));
        }
        Value l = eval(e->base), r = eval(e->other);
        const auto& a = l.get();
        const auto& b = r.get();
        if (op == "==") return Value::of(a == b);
        if (op == "!=") return Value::of(a != b);
        if (op == "~") {
            std::string s = l.rich ? runs_text(l.runs) : plain_text(a);
            std::string t = r.rich ? runs_text(r.runs) : plain_text(b);
            if (s.size() + t.size() > max_string_bytes) {
                fail_template(e->loc, "phép \"~\" tạo chuỗi dài quá " + mib(max_string_bytes));
            }
            step(e->loc, (s.size() + t.size()) / bytes_per_step);
            return Value::of(s + t);
        }
        if (op == "<" || op == ">" || op == "<=" || op == ">=") {
            bool ok = (a.is_number() && b.is_number()) || (a.is_string() && b.is_string());
            if (!ok) {
                fail_data(a.is_number() || a.is_string() ? r.pointer : l.pointer, e->loc,
                          "không so sánh được hai giá trị khác loại");
            }
            bool res = op == "<" ? a < b : op == ">" ? a > b : op == "<=" ? a <= b : a >= b;
            return Value::of(res);
        }
        if (!a.is_number() || !b.is_number()) {
            fail_data(a.is_number() ? r.pointer : l.pointer, e->loc,
                      "phép \"" + op + "\" cần hai số");
        }
        if (a.is_number_integer() && b.is_number_integer() && op != "/") {
            auto x = as_int64(a), y = as_int64(b);
            long long res = 0;
            bool overflow = !x || !y ||
                            (op == "+"   ? __builtin_add_overflow(*x, *y, &res)
                             : op == "-" ? __builtin_sub_overflow(*x, *y, &res)
                                         : __builtin_mul_overflow(*x, *y, &res));
            if (overflow) fail_template(e->loc, int_overflow("phép \"" + op + "\""));
            return Value::of(res);
        }
        double x = a.get<double>(), y = b.get<double>();
        if (op == "/" && y == 0) fail_template(e->loc, "chia cho 0");
        double res = op == "+" ? x + y : op == "-" ? x - y : op == "*" ? x * y : x / y;
        if (!std::isfinite(res)) {
            fail_template(e->loc, "số quá lớn: kết quả phép \"" + op +
                                      "\" vượt quá giới hạn của số thập phân");
        }
        return Value::of(res);
    }

    // ---------------------------------------------------------------------------------
    // Content

    doc::Runs runs_of(const Content& content) {
        doc::Runs runs;
        auto add = [&](std::string text, bool bold, bool italic) {
            if (text.empty()) return;
            if (!runs.empty() && !runs.back().is_footnote() && runs.back().bold == bold &&
                runs.back().italic == italic) {
                runs.back().text += text;
            } else {
                runs.push_back(doc::Run{std::move(text), bold, italic, false});
            }
        };
        for (const auto& seg : content) {
            if (!seg.expr) {
                add_document_bytes(seg.text.size(), seg.loc);
                add(seg.text, seg.bold, seg.italic);
                continue;
            }
            Value v = eval(seg.expr);
            if (v.rich) {
                add_document_bytes(runs_bytes(v.runs), seg.expr->loc);
                for (const auto& r : v.runs) {
                    if (r.is_footnote()) {
                        add_document_bytes(runs_bytes(r.note), seg.expr->loc);
                        runs.push_back(r);  // a marker, numbered when the document is done
                    } else {
                        add(r.text, r.bold || seg.bold, r.italic || seg.italic);
                    }
                }
                continue;
            }
            const auto& j = v.get();
            if (j.is_null()) {
                fail_data(v.pointer, seg.expr->loc,
                          "thiếu dữ liệu mà mẫu cần in; thêm vào tệp chiến dịch hoặc dùng \"| default(…)\" trong mẫu");
            }
            if (!j.is_string() && !j.is_number()) {
                fail_template(seg.expr->loc, "giá trị này không in được thành chữ");
            }
            std::string t = plain_text(j);
            add_document_bytes(t.size(), seg.expr->loc);
            add(std::move(t), seg.bold, seg.italic);
        }
        return runs;
    }

    // ---------------------------------------------------------------------------------
    // Styles and paragraphs

    Attrs style_for(const std::string& role, const Attrs& own) {
        auto it = styles_.find(role);
        return it == styles_.end() ? own : merge(it->second, own);
    }

    static void apply(doc::Paragraph& p, const Attrs& a) {
        if (a.has("center")) p.align = doc::Align::center;
        if (a.has("left")) p.align = doc::Align::left;
        if (a.has("right")) p.align = doc::Align::right;
        if (a.has("justify")) p.align = doc::Align::justify;
        for (auto& r : p.runs) {
            if (a.has("bold")) r.bold = true;
            if (a.has("regular")) r.bold = false;
            if (a.has("italic")) r.italic = true;
            if (a.has("upright")) r.italic = false;
        }
        if (auto v = a.get("size")) p.size = num(*v);
        if (auto v = a.get("indent")) p.first_indent = num(*v);
        if (a.has("noindent")) p.first_indent = 0;
        if (auto v = a.get("leftindent")) p.left_indent = num(*v);
        if (auto v = a.get("before")) p.space_before = num(*v);
        if (auto v = a.get("after")) p.space_after = num(*v);
        if (auto v = a.get("spacing")) p.line_spacing = num(*v);
        if (a.has("keep")) p.keep_with_next = true;
        if (auto v = a.get("rule")) {
            p.rule = *v == "short" ? doc::Rule::short_
                     : *v == "text" ? doc::Rule::text
                     : *v == "full" ? doc::Rule::full
                                    : doc::Rule::none;
        }
    }

    /// Adds the role's style to the document's style table where the role is first used:
    /// what its #style gives a paragraph, as it stands now.
    void note_style(const std::string& role, int outline_level, bool keep) {
        if (!noted_roles_.insert(role).second) return;
        doc::Paragraph p;
        p.runs.push_back(doc::Run{"x", false, false, false});
        doc::Style st;
        st.role = role;
        auto it = styles_.find(role);
        if (it != styles_.end()) {
            apply(p, it->second);
            if (const std::string* name = it->second.get("name")) st.name = *name;
        }
        st.align = p.align;
        st.size = p.size;
        st.bold = p.runs[0].bold;
        st.italic = p.runs[0].italic;
        st.first_indent = p.first_indent;
        st.left_indent = p.left_indent;
        st.space_before = p.space_before;
        st.space_after = p.space_after;
        st.line_spacing = p.line_spacing;
        st.keep_with_next = p.keep_with_next || keep;
        st.outline_level = outline_level;
        doc_.styles.push_back(std::move(st));
    }

    /// Builds a paragraph; its attributes, weakest first: the role's #style, the open
    /// table row's, the open cell's, then the paragraph's own.
    doc::Paragraph make_paragraph(doc::Runs runs, const std::string& default_role,
                                  const Attrs& own) {
        const std::string* r = own.get("role");
        std::string role = r ? *r : default_role;
        note_style(role, 0, false);
        auto st = styles_.find(role);
        Attrs a = st == styles_.end() ? Attrs{} : st->second;
        if (!tables_.empty() && tables_.back().in_cell) {
            const TableBuild& tb = tables_.back();
            Attrs cell = merge(tb.row_attrs, tb.cell_attrs);
            for (const char* k : {"colspan", "rowspan", "valign"}) cell.values.erase(k);
            cell.flags.erase("header");
            cell.flags.erase("keep");
            a = merge(a, cell);
        }
        a = merge(a, own);
        doc::Paragraph p;
        p.runs = std::move(runs);
        p.role = role;
        apply(p, a);
        return p;
    }

    std::vector<doc::Block>& blocks() { return doc_.sections.back().blocks; }

    /// Places a finished paragraph: into the open table cell, or into the section.
    void emit(doc::Paragraph p, const Loc& loc) {
        if (!tables_.empty()) {
            auto& tb = tables_.back();
            if (!tb.in_cell) {
                fail_template(loc, "nội dung trong bảng phải đặt sau \"#cell\" hoặc trong dòng \"| … |\"");
            }
            tb.table.rows.back().cells.back().paragraphs.push_back(std::move(p));
            return;
        }
        blocks().push_back(std::move(p));
    }

    void flush_runin() {
        if (!runin_pending_) return;
        runin_pending_ = false;
        blocks().push_back(std::move(runin_));
        runin_ = doc::Paragraph{};
    }

    /// Joins a waiting run-in heading to the paragraph that follows it.
    void take_runin(doc::Paragraph& p) {
        if (!runin_pending_) return;
        runin_pending_ = false;
        doc::Runs runs = std::move(runin_.runs);
        if (!runs.empty() && !p.runs.empty()) runs.push_back(doc::Run{" ", false, false, false});
        for (auto& r : p.runs) runs.push_back(std::move(r));
        p.runs = std::move(runs);
        p.first_indent = runin_.first_indent;
        p.space_before = runin_.space_before;
        runin_ = doc::Paragraph{};
    }

    /// The n-th điểm letter for a heading or a "~a" item at `loc`; past
    /// text::max_diem_letter an error (the letters would only repeat, longer and longer).
    std::string letter(int n, const Loc& loc) {
        if (n > text::max_diem_letter) {
            fail_template(loc, "quá " + std::to_string(text::max_diem_letter) +
                                   " điểm a), b), c)… liền nhau: không còn chữ cái thứ tự để đánh");
        }
        return text::diem_letter(n);
    }

    /// The arabic numbers of the heading levels from 2 down to `level`: "4.1." ("parent").
    std::string heading_path(int level) const {
        std::string s;
        for (int l = 2; l <= level; ++l) s += std::to_string(counters_[l] > 0 ? counters_[l] : 1) + ".";
        return s;
    }

    std::string heading_number(int level, NumberStyle style, const Loc& loc) {
        int n = counters_[level];
        if (style == NumberStyle::parent) return heading_path(level);
        return number_marker(style, n, style == NumberStyle::letter ? letter(n, loc) : "");
    }

    /// The marker of the item just counted at item `level`; "parent" is the path of the
    /// last numbered heading (from level 2) then the items' numbers: "3.1.", "3.1.2.".
    std::string item_number(int level, NumberStyle style, const Loc& loc) {
        int n = item_counters_[level];
        if (style != NumberStyle::parent) {
            return number_marker(style, n, style == NumberStyle::letter ? letter(n, loc) : "");
        }
        std::string s = heading_path(heading_level_);
        for (int l = 1; l <= level; ++l) s += std::to_string(item_counters_[l] > 0 ? item_counters_[l] : 1) + ".";
        return s;
    }

    static NumberStyle default_number_style(int level) {
        switch (level) {
            case 1: return NumberStyle::roman;
            case 2: return NumberStyle::arabic;
            case 3: return NumberStyle::parent;
            case 4: return NumberStyle::letter;
            case 5: return NumberStyle::dash;
            default: return NumberStyle::plus;
        }
    }

    /// The numbering style an expression gives (=(level, style), ~(style)); nullopt for
    /// null or "" (the default applies). Anything else is an error at the value.
    std::optional<NumberStyle> style_value(const ExprPtr& e) {
        Value v = eval(e);
        const auto& j = v.get();
        if (j.is_null() || (j.is_string() && j.get_ref<const std::string&>().empty())) return std::nullopt;
        if (j.is_string()) {
            if (auto st = parse_number_style(j.get_ref<const std::string&>())) return st;
        }
        std::string shown = j.is_string() ? "\"" + j.get<std::string>() + "\"" : j.dump();
        std::string msg = "kiểu đánh số " + shown + " không có; dùng " + number_style_list();
        if (!v.pointer.empty() || v.ref) fail_data(v.pointer, e->loc, msg);
        fail_template(e->loc, msg);
    }

    int level_value(const ExprPtr& e, const char* what) {
        Value v = eval(e);
        const auto& j = v.get();
        if (!j.is_number_integer() || j.get<long long>() < 1 || j.get<long long>() > 6) {
            fail_template(e->loc, std::string(what) + " phải từ 1 đến 6");
        }
        return static_cast<int>(j.get<long long>());
    }

    void clear_items(int from_level) {
        for (int l = from_level; l <= 6; ++l) item_counters_[l] = 0;
    }

    /// A list item: counts at its item level, clears the levels under it, and prints
    /// its marker before the text.
    void item(const Node& n) {
        int level = 1;
        NumberStyle style = NumberStyle::dash;
        switch (n.marker) {
            case '-': paragraph(n, "item", "- "); return;
            case '+': paragraph(n, "item", "+ "); return;
            case 'a': level = 2; style = NumberStyle::letter; break;
            case '1': level = 1; style = NumberStyle::arabic; break;
            default:
                if (n.level_expr) level = level_value(n.level_expr, "cấp của dòng danh sách");
                style = style_value(n.style_expr).value_or(NumberStyle::dash);
                break;
        }
        if (style == NumberStyle::none) {
            // The text alone; an empty item prints nothing (no blank line) and is not counted.
            doc::Runs runs = runs_of(n.content);
            if (runs_text(runs).empty()) return;
            ++item_counters_[level];
            clear_items(level + 1);
            paragraph_of(n, std::move(runs), "item", "");
            return;
        }
        ++item_counters_[level];
        clear_items(level + 1);
        paragraph(n, "item", item_number(level, style, n.loc) + " ");
    }

    void heading(const Node& n) {
        int level = n.level;
        if (n.level_expr) level = level_value(n.level_expr, "cấp đề mục");
        std::optional<NumberStyle> given;
        if (n.style_expr) given = style_value(n.style_expr);
        flush_runin();
        std::string role = "heading" + std::to_string(level);
        if (auto r = n.attrs.get("role")) role = *r;
        Attrs a = style_for(role, n.attrs);
        doc::Runs runs = runs_of(n.content);
        clear_items(1);
        if (!a.has("nonum")) {
            ++counters_[level];
            for (int l = level + 1; l <= 6; ++l) counters_[l] = 0;
            heading_level_ = level;
            NumberStyle style = default_number_style(level);
            if (const std::string* ns = a.get("number")) style = parse_number_style(*ns).value_or(style);
            if (given) style = *given;
            std::string number = heading_number(level, style, n.loc);
            if (!number.empty()) {
                bool bold_number = !runs.empty() && runs.front().bold;
                // A number without a title (a numbered paragraph run in) takes no space of
                // its own: the run-in join puts one.
                bool titled = !runs_text(runs).empty();
                runs.insert(runs.begin(), doc::Run{titled ? number + " " : number, bold_number, false, false});
            }
        }
        // A level with neither a number nor a title (an untitled group of blocks) prints
        // nothing: no blank line, nothing to run in.
        if (runs_text(runs).empty()) return;
        doc::Paragraph p;
        p.runs = std::move(runs);
        p.role = role;
        apply(p, a);
        if (!tables_.empty()) fail_template(n.loc, "đề mục không đặt được trong bảng");
        if (!a.has("runin")) {
            note_style(role, level, true);
            p.outline_level = level;
        }
        if (a.has("runin")) {
            runin_pending_ = true;
            runin_ = std::move(p);
            return;
        }
        p.keep_with_next = true;
        blocks().push_back(std::move(p));
    }

    void paragraph(const Node& n, const std::string& role, std::string prefix) {
        paragraph_of(n, runs_of(n.content), role, std::move(prefix));
    }

    void paragraph_of(const Node& n, doc::Runs runs, const std::string& role, std::string prefix) {
        if (!prefix.empty()) runs.insert(runs.begin(), doc::Run{prefix, false, false, false});
        doc::Paragraph p = make_paragraph(std::move(runs), role, n.attrs);
        if (tables_.empty()) take_runin(p);
        emit(std::move(p), n.loc);
    }

    // ---------------------------------------------------------------------------------
    // Tables

    void start_row(const Attrs& a) {
        auto& tb = tables_.back();
        tb.table.rows.emplace_back();
        tb.table.rows.back().keep_with_next = a.has("keep");
        tb.row_attrs = a;
        tb.in_row = true;
        tb.in_cell = false;
        if (a.has("header")) {
            if (tb.table.header_rows != static_cast<int>(tb.table.rows.size()) - 1) {
                fail_template(a.loc, "dòng tiêu đề của bảng phải đứng trước các dòng khác");
            }
            tb.table.header_rows = static_cast<int>(tb.table.rows.size());
        }
    }

    void start_cell(const Attrs& a, const Loc& loc) {
        auto& tb = tables_.back();
        if (!tb.in_row) fail_template(loc, "\"#cell\" phải đứng sau \"#row\"");
        doc::Cell cell;
        if (auto v = a.get("colspan")) cell.colspan = std::max(1, static_cast<int>(num(*v)));
        if (auto v = a.get("rowspan")) cell.rowspan = std::max(1, static_cast<int>(num(*v)));
        if (auto v = a.get("valign")) {
            cell.valign = *v == "middle" ? doc::VAlign::middle
                          : *v == "bottom" ? doc::VAlign::bottom
                                           : doc::VAlign::top;
        }
        tb.table.rows.back().cells.push_back(std::move(cell));
        tb.cell_attrs = a;
        tb.in_cell = true;
    }

    void table(const Node& n) {
        flush_runin();
        TableBuild tb;
        tb.loc = n.loc;
        const Attrs& a = n.attrs;
        bool auto_widths = false;
        if (auto v = a.get("widths")) {
            if (*v == "auto") auto_widths = true;
            else tb.table.widths = numbers(*v);
        }
        if (auto v = a.get("borders")) tb.table.borders = *v != "none";
        if (a.has("keep")) tb.table.keep_together = true;
        if (a.has("right")) tb.table.align = doc::Align::right;
        if (a.has("center")) tb.table.align = doc::Align::center;
        if (auto v = a.get("before")) tb.table.space_before = num(*v);
        if (auto v = a.get("padding")) tb.table.cell_padding = num(*v);
        if (auto v = a.get("indent")) tb.table.indent = num(*v);
        if (auto v = a.get("role")) tb.table.role = *v;
        tables_.push_back(std::move(tb));
        body(n.body);
        TableBuild done = std::move(tables_.back());
        tables_.pop_back();
        if (auto_widths) auto_fit(done.table);
        place_cells(done);
        if (!done.table.rows.empty()) blocks().push_back(std::move(done.table));
    }

    /// widths=auto: as many columns as the widest row, shared out over the text width in
    /// proportion to the longest text of each column (between 4 and 40 characters).
    void auto_fit(doc::Table& t) {
        std::size_t ncols = 0;
        for (const auto& r : t.rows) {
            std::size_t n = 0;
            for (const auto& c : r.cells) n += static_cast<std::size_t>(c.colspan);
            ncols = std::max(ncols, n);
        }
        std::vector<double> weight(ncols, 4.0);
        for (const auto& r : t.rows) {
            std::size_t col = 0;
            for (const auto& c : r.cells) {
                if (c.colspan == 1 && col < ncols) {
                    for (const auto& p : c.paragraphs) {
                        double len = static_cast<double>(text::length(p.text()));
                        weight[col] = std::max(weight[col], std::min(40.0, len));
                    }
                }
                col += static_cast<std::size_t>(c.colspan);
            }
        }
        const double width = doc_.sections.back().text_width();
        double total = 0;
        for (double w : weight) total += w;
        t.widths.clear();
        for (double w : weight) t.widths.push_back(width * w / total);
    }

    /// Fills each cell's grid column (doc::place_cells: columns covered by row spans from
    /// above are skipped) and checks that no row is wider than the table.
    void place_cells(TableBuild& tb) {
        const std::size_t ncols = tb.table.widths.size();
        const doc::TableGrid grid = doc::place_cells(tb.table);
        if (grid.columns > ncols || !grid.cut_rows.empty()) {
            fail_template(tb.loc, "một dòng của bảng có nhiều ô hơn số cột (" +
                                      std::to_string(ncols) + " cột theo \"widths\")");
        }
        for (const doc::PlacedCell& pc : grid.cells) {
            const_cast<doc::Cell*>(pc.cell)->column = static_cast<int>(pc.col);
        }
    }

    void pipe_row(const Node& n) {
        auto& tb = tables_.back();
        Attrs keep = tb.row_attrs;
        bool header = tb.in_row && tb.table.rows.back().cells.empty() && keep.has("header");
        if (!header) {
            start_row(Attrs{});
        }
        for (const auto& c : n.cells) {
            start_cell(Attrs{}, n.loc);
            doc::Paragraph p = make_paragraph(runs_of(c), "cell", Attrs{});
            emit(std::move(p), n.loc);
        }
        tables_.back().in_row = false;
        tables_.back().in_cell = false;
    }

    // ---------------------------------------------------------------------------------
    // Statements

    void body(const Body& b) {
        scopes_.emplace_back();
        nodes(b);
        scopes_.pop_back();
    }

    void nodes(const Body& b) {
        for (const auto& n : b) node(n);
    }

    void node(const Node& n) {
        struct Level {
            int& depth;
            explicit Level(int& d) : depth(d) { ++depth; }
            ~Level() { --depth; }
            Level(const Level&) = delete;
            Level& operator=(const Level&) = delete;
        } level(node_depth_);
        if (node_depth_ > kMaxNodeDepth) {
            fail_template(n.loc, "lệnh lồng nhau quá " + std::to_string(kMaxNodeDepth) +
                                     " cấp khi điền dữ liệu (tính cả các lần gọi macro)");
        }
        struct Current {
            const Node*& at;
            const Node* before;
            Current(const Node*& a, const Node* n) : at(a), before(a) { at = n; }
            ~Current() { at = before; }
            Current(const Current&) = delete;
            Current& operator=(const Current&) = delete;
        } current(statement_, &n);
        step(n.loc);
        switch (n.kind) {
            case Node::Kind::paragraph:
                paragraph(n, tables_.empty() ? "body" : "cell", "");
                break;
            case Node::Kind::heading: heading(n); break;
            case Node::Kind::item: item(n); break;
            case Node::Kind::pipe_row: pipe_row(n); break;
            case Node::Kind::for_: loop(n); break;
            case Node::Kind::if_: {
                // Branches share the enclosing scope: a #set in a branch is seen after #end.
                for (const auto& [cond, b] : n.branches) {
                    if (truthy(eval(cond))) {
                        nodes(b);
                        return;
                    }
                }
                nodes(n.else_body);
                break;
            }
            case Node::Kind::set: assign(n.var, eval(n.expr)); break;
            case Node::Kind::block: nodes(n.body); break;  // an include is pasted in place
            case Node::Kind::call: call(n); break;
            case Node::Kind::table:
                if (!tables_.empty()) fail_template(n.loc, "không đặt được bảng trong bảng");
                table(n);
                break;
            case Node::Kind::row:
                if (tables_.empty()) fail_template(n.loc, "\"#row\" phải nằm trong \"#table\"");
                start_row(n.attrs);
                break;
            case Node::Kind::cell:
                if (tables_.empty()) fail_template(n.loc, "\"#cell\" phải nằm trong \"#table\"");
                start_cell(n.attrs, n.loc);
                break;
            case Node::Kind::section: {
                flush_runin();
                auto* s = &doc_.sections.back();
                if (!s->blocks.empty()) {
                    doc_.sections.emplace_back();
                    s = &doc_.sections.back();
                }
                const Attrs& a = n.attrs;
                *s = doc::Section{};
                if (a.has("landscape")) s->orientation = doc::Orientation::landscape;
                if (a.has("nonumbers")) s->page_numbers = false;
                if (auto v = a.get("margins")) {
                    auto m = numbers(*v);
                    s->margin_top = m[0];
                    s->margin_bottom = m[1];
                    s->margin_left = m[2];
                    s->margin_right = m[3];
                }
                if (auto v = a.get("numbersize")) s->page_number_size = num(*v);
                break;
            }
            case Node::Kind::pagebreak:
                if (!tables_.empty()) fail_template(n.loc, "không đặt được \"#pagebreak\" trong bảng");
                flush_runin();
                blocks().push_back(doc::PageBreak{});
                break;
            case Node::Kind::space: {
                if (!tables_.empty()) {
                    fail_template(n.loc, "không đặt được \"#space\" trong bảng; dùng \"before=\" của đoạn văn trong ô");
                }
                flush_runin();
                Value v = eval(n.expr);
                if (!v.get().is_number()) fail_template(n.loc, "\"#space\" cần một số");
                double pt = v.get().get<double>();
                if (!(pt >= 0 && pt <= max_space_pt)) fail_template(n.expr->loc, space_range_message(pt));
                blocks().push_back(doc::Spacer{pt});
                break;
            }
            case Node::Kind::style: {
                Attrs& s = styles_[n.var];
                s = merge(s, n.attrs);
                break;
            }
            case Node::Kind::endmark: endmark(n); break;
            case Node::Kind::numbering:
                if (n.var != "items") {
                    for (int l = 1; l <= 6; ++l) counters_[l] = 0;
                    heading_level_ = 0;
                }
                clear_items(1);
                break;
        }
    }

    void endmark(const Node& n) {
        if (!tables_.empty()) fail_template(n.loc, "không đặt được \"#endmark\" trong bảng; đặt sau \"#end\" của bảng");
        flush_runin();
        auto& bl = blocks();
        for (auto it = bl.rbegin(); it != bl.rend(); ++it) {
            if (auto* p = std::get_if<doc::Paragraph>(&*it)) {
                if (p->runs.empty()) break;
                // Trim the text's own last run, not a footnote marker after it.
                auto text_run = std::find_if(p->runs.rbegin(), p->runs.rend(),
                                             [](const doc::Run& r) { return !r.is_footnote(); });
                std::string& last = text_run != p->runs.rend() ? text_run->text : p->runs.back().text;
                while (!last.empty() && last.back() == ' ') last.pop_back();
                if (!last.empty() && last.back() == '.') last.pop_back();
                p->runs.push_back(doc::Run{"./.", false, false, false});
                // The body's last lines go with the signature block that follows: a
                // signature never stands alone on a page.
                p->keep_with_next = true;
                return;
            }
            if (auto* t = std::get_if<doc::Table>(&*it)) {
                // A body that ends with a table has no mark: the table's closing border ends
                // it, as in ND 30 practice for lists and appendices; a "./." on a line of its
                // own reads as a stray line and can be left alone at a page top. The last two
                // data rows go with the signature after it, so that no row stands alone with
                // the signature on the last page.
                const std::size_t first_data = static_cast<std::size_t>(std::max(t->header_rows, 0));
                const std::size_t nrows = t->rows.size();
                for (std::size_t k = 0; k < 2 && k + first_data < nrows; ++k)
                    t->rows[nrows - 1 - k].keep_with_next = true;
                return;
            }
            break;
        }
        fail_template(n.loc, "\"#endmark\" cần một đoạn văn hoặc một bảng ngay trước nó");
    }

    void loop(const Node& n) {
        Value seq = eval(n.expr);
        const auto& j = seq.get();
        if (j.is_null()) return;  // an absent list has nothing to repeat
        std::size_t len = j.size();
        if (!n.var2.empty() && !j.is_object()) {
            fail_data(seq.pointer, n.expr->loc, "\"#for khoa, gia_tri\" cần một đối tượng");
        }
        if (n.var2.empty() && !j.is_array()) fail_data(seq.pointer, n.expr->loc, "\"#for\" cần một danh sách");
        // One scope for the loop's variables, updated in place on each turn (a turn costs
        // no new scope and no new `loop` object: loops are most of a template's work).
        scopes_.emplace_back();
        const std::size_t at = scopes_.size() - 1;
        scopes_[at]["loop"] = Value::of(Json{{"index", 1},
                                                       {"index0", 0},
                                                       {"first", true},
                                                       {"last", len == 1},
                                                       {"length", len}});
        // Arrays and objects alike through one iterator, in this frame (a nested loop is
        // one level of recursion: no helper frame for each turn).
        std::size_t i = 0;
        for (auto it = j.begin(); it != j.end(); ++it, ++i) {
            const Json& item = *it;
            step(n.loc, 1 + (seq.ref ? 0 : json_cost(item)));
            Scope& s = scopes_[at];
            Value& lv = s["loop"];
            lv = Value::of(std::move(lv.owned));  // a #set in the body may have replaced it
            if (!lv.owned.is_object()) lv.owned = Json::object();
            lv.owned["index"] = i + 1;
            lv.owned["index0"] = i;
            lv.owned["first"] = i == 0;
            lv.owned["last"] = i + 1 == len;
            lv.owned["length"] = len;
            Value v;
            if (n.var2.empty()) {
                v.pointer = pointer_append(seq.pointer, i);
            } else {
                s[n.var] = Value::of(it.key());
                v.pointer = pointer_append(seq.pointer, it.key());
            }
            if (seq.ref) v.ref = &item;
            else v.owned = item;
            s[n.var2.empty() ? n.var : n.var2] = std::move(v);
            body(n.body);
        }
        scopes_.pop_back();
    }

    void call(const Node& n) {
        auto it = t_.macros.find(n.name);
        if (it == t_.macros.end()) fail_template(n.loc, "không có macro \"" + n.name + "\"");
        if (++depth_ > kMaxCallDepth) {
            fail_template(n.loc, "macro \"" + n.name + "\" gọi lồng nhau quá " +
                                     std::to_string(kMaxCallDepth) + " cấp");
        }
        Scope s;
        s["\x01macro"] = Value{};
        for (std::size_t i = 0; i < it->second.params.size() && i < n.args.size(); ++i) {
            s[it->second.params[i].name] = eval(n.args[i]);
        }
        scopes_.push_back(std::move(s));
        body(it->second.body);
        scopes_.pop_back();
        --depth_;
    }
};

}  // namespace

std::optional<Compiled> compile(const TemplateSource& source, const std::string& kind,
                                const Json& schema_root, Diagnostics& diags) {
    std::size_t before = diags.error_count();
    Compiled c;
    c.tpl = parse_template(source, kind + ".tpl", diags);
    c.tpl.name = kind;
    c.schema = schema_root;
    if (diags.error_count() != before) return std::nullopt;
    // The checker keeps pointers into the schema; check against the copy we keep.
    if (!check_template(c.tpl, c.schema, diags)) return std::nullopt;
    return c;
}

std::optional<doc::Document> render(const Compiled& compiled, const JsonDoc& campaign,
                                    const Bindings& bindings, Diagnostics& diags) {
    Evaluator e(compiled, campaign, bindings, diags);
    return e.run();
}

std::optional<doc::Document> render(const Compiled& compiled, const JsonDoc& campaign,
                                    const Json* unit, Diagnostics& diags) {
    Bindings b;
    if (unit) b["unit"] = unit;
    return render(compiled, campaign, b, diags);
}

}  // namespace thidua::tpl
