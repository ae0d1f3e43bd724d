#include "campaign/wording.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "campaign/schema.hpp"

namespace thidua {

namespace {

using json = Json;

/// A "{name}" in a text: where its "{" is and the name.
struct Placeholder {
    std::size_t offset = 0;
    std::string name;
};

/// The placeholders of `s` as the fill filter reads them: "{" then a name without spaces
/// or "{", then "}".
std::vector<Placeholder> placeholders(const std::string& s) {
    std::vector<Placeholder> out;
    for (std::size_t open = s.find('{'); open != std::string::npos; open = s.find('{', open + 1)) {
        const std::size_t close = s.find_first_of("{} \t\n", open + 1);
        if (close == std::string::npos || s[close] != '}' || close == open + 1) continue;
        out.push_back({open, s.substr(open + 1, close - open - 1)});
    }
    return out;
}

/// True for a name a drafter means as a placeholder: letters, digits, "_" and "-".
bool looks_like_name(const std::string& name) {
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return !name.empty();
}

std::string braces(const std::string& name) { return "{" + name + "}"; }

std::string list_of(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == names.size() ? " và " : ", ") + braces(names[i]);
    }
    return out;
}

class PlaceholderChecker {
public:
    PlaceholderChecker(const JsonDoc& doc, Diagnostics& diags)
        : doc_(doc), root_(doc.value), diags_(diags) {}

    void run() {
        if (!root_.is_object()) return;
        const std::vector<std::string> indicator = {"target", "value"};
        for (const std::string& p : all("/campaign/indicators", "/text")) filled(p, indicator, "câu chỉ tiêu");
        if (const json* areas = at("/campaign/areas"); areas && areas->is_array()) {
            for (std::size_t i = 0; i < areas->size(); ++i) {
                for (const std::string& p :
                     all(pointer_append("/campaign/areas", i) + "/indicators", "/text")) {
                    filled(p, indicator, "câu chỉ tiêu");
                }
            }
        }
        const bool has_deadline = at("/campaign/dossier/deadline") != nullptr;
        filled("/campaign/dossier/deadline_text", {"deadline"}, "câu ghi thời hạn nộp hồ sơ",
               has_deadline ? "" : "hồ sơ chưa có hạn nộp (\"deadline\")");
        if (const json* tasks = at("/campaign/tasks"); tasks && tasks->is_array()) {
            for (std::size_t i = 0; i < tasks->size(); ++i) {
                const std::string t = pointer_append("/campaign/tasks", i);
                const std::string missing =
                    at(t + "/deadline") ? "" : "nhiệm vụ chưa có thời hạn (\"deadline\")";
                filled(t + "/text", {"deadline"}, "câu nhiệm vụ", missing);
                filled(t + "/closing", {"deadline"}, "đoạn kết của nhiệm vụ", missing);
                literal(t + "/lead", "tasks");
                for (const std::string& p : all(t + "/items", "")) {
                    // A task's own items are filled; the sub-items of an item written as an
                    // object (listItem) print as written.
                    filled(p, {"deadline"}, "câu nhiệm vụ", missing);
                    list_item_parts(p, "tasks");
                }
            }
        }
        for (const char* list : {"/campaign/purposes", "/campaign/requirements", "/campaign/dossier/documents"}) {
            for (const std::string& p : all(list, "")) list_item(p, "");
        }
        if (const json* criteria = at("/campaign/criteria"); criteria && criteria->is_array()) {
            for (std::size_t i = 0; i < criteria->size(); ++i) {
                const std::string c = pointer_append("/campaign/criteria", i) + "/groups";
                for (const std::string& g : all(c, "")) {
                    for (const std::string& p : all(g + "/items", "")) list_item(p, "");
                }
            }
        }
        blocks("/plan/sections");
        if (const json* apps = at("/plan/appendices"); apps && apps->is_array()) {
            for (std::size_t i = 0; i < apps->size(); ++i) {
                blocks(pointer_append("/plan/appendices", i) + "/blocks");
            }
        }
    }

private:
    const json* at(const std::string& pointer) const { return lookup_pointer(root_, pointer); }

    /// The pointers `array`/<i>`suffix` of the array at `array`.
    std::vector<std::string> all(const std::string& array, const std::string& suffix) const {
        std::vector<std::string> out;
        const json* a = at(array);
        if (a == nullptr || !a->is_array()) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = pointer_append(array, i) + suffix;
            if (at(p) != nullptr) out.push_back(p);
        }
        return out;
    }

    /// A text a template fills with `names`: any other placeholder is an error (it would
    /// print as written, or stop the rendering); `no_value` says why the names have no
    /// value when they have none.
    void filled(const std::string& pointer, const std::vector<std::string>& names,
                const std::string& what, const std::string& no_value = "") {
        const json* v = at(pointer);
        if (v == nullptr || !v->is_string()) return;
        for (const Placeholder& ph : placeholders(v->get_ref<const std::string&>())) {
            bool known = false;
            for (const std::string& n : names) known = known || n == ph.name;
            if (known && no_value.empty()) continue;
            std::string message;
            if (known) {
                message = "chỗ thay \"" + braces(ph.name) + "\" không có giá trị: " + no_value +
                          "; thêm ngày, hoặc viết thời hạn thành chữ";
            } else {
                message = "chỗ thay \"" + braces(ph.name) + "\" không có trong " + what +
                          " (dùng được " + list_of(names) + ")";
                const std::string close = closest_match(ph.name, names);
                if (!close.empty()) message += " (có phải \"" + braces(close) + "\"?)";
            }
            if (room()) error_in_string(doc_, diags_, pointer, ph.offset, std::move(message));
        }
    }

    /// Counts one finding; false once max_validation_errors were reported (a note says
    /// so, once): a generated file with a placeholder in every string must not print a
    /// million lines.
    bool room() {
        if (++reported_ <= max_validation_errors) return true;
        if (reported_ == max_validation_errors + 1) {
            diags_.error_at(doc_.source.path(), 0, 0,
                            "còn chỗ thay khác không dùng được; chỉ báo " +
                                std::to_string(max_validation_errors) + " chỗ đầu tiên");
        }
        return false;
    }

    /// A text nothing fills: a "{name}" in it prints as written.
    void literal(const std::string& pointer, const std::string& type) {
        const json* v = at(pointer);
        if (v == nullptr || !v->is_string()) return;
        for (const Placeholder& ph : placeholders(v->get_ref<const std::string&>())) {
            if (!looks_like_name(ph.name)) continue;
            if (!room()) return;
            const std::string where = type.empty() ? "dòng này không có chỗ thay nào"
                                                   : "khối \"" + type + "\" không thay chỗ nào";
            warning_in_string(doc_, diags_, pointer, ph.offset,
                              where + ": \"" + braces(ph.name) + "\" sẽ in nguyên văn");
            return;  // one warning a text
        }
    }

    void blocks(const std::string& array) {
        const json* a = at(array);
        if (a == nullptr || !a->is_array()) return;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string b = pointer_append(array, i);
            const json& block = (*a)[i];
            if (!block.is_object()) continue;
            auto t = block.find("type");
            const std::string type = t != block.end() && t->is_string() ? t->get<std::string>() : "";
            if (type == "duration") {
                filled(b + "/text", {"start", "end", "start_text", "end_text", "phase_count", "theme"},
                       "câu thời gian của khối \"duration\"");
            } else if (type == "phases") {
                filled(b + "/format", {"name", "start", "start_full", "end", "end_text", "theme"},
                       "mẫu câu từng đợt của khối \"phases\"");
            } else if (type == "theme") {
                filled(b + "/text", {"theme"}, "câu chủ đề của khối \"theme\"");
            } else {
                literal(b + "/text", type);
            }
            literal(b + "/title", type);
            for (const std::string& p : all(b + "/items", "")) list_item(p, type);
            blocks(b + "/blocks");
        }
    }

    /// A list line no block fills: a string, or a listItem whose text, paragraphs, closing
    /// and sub-items print as written.
    void list_item(const std::string& pointer, const std::string& type) {
        literal(pointer, type);
        list_item_parts(pointer, type);
    }

    void list_item_parts(const std::string& pointer, const std::string& type) {
        const json* v = at(pointer);
        if (v == nullptr || !v->is_object()) return;
        literal(pointer + "/text", type);
        literal(pointer + "/closing", type);
        for (const std::string& p : all(pointer + "/paragraphs", "")) literal(p, type);
        for (const std::string& p : all(pointer + "/items", "")) list_item(p, type);
    }

    const JsonDoc& doc_;
    const json& root_;
    Diagnostics& diags_;
    std::size_t reported_ = 0;
};

// ---------------------------------------------------------------------------------------
// Marks the templates add

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The list marks a drafter copies from a Word list: "- ", "– ", "+ ", "• ".
std::size_t leading_mark(const std::string& s) {
    static const char* const marks[] = {"-", "–", "—", "+", "•"};
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    for (const char* m : marks) {
        const std::string mark = m;
        if (s.compare(i, mark.size(), mark) != 0) continue;
        std::size_t j = i + mark.size();
        if (j < s.size() && !is_space(s[j]) && mark != "•") return 0;  // "-5 độ", "+84…"
        while (j < s.size() && is_space(s[j])) ++j;
        return j < s.size() ? j : 0;
    }
    return 0;
}

/// Where the trailing ";", "." or "," (and spaces) of a Nơi nhận line start.
std::size_t trailing_punctuation(const std::string& s) {
    std::size_t e = s.size();
    while (e > 0 && (is_space(s[e - 1]) || s[e - 1] == ';' || s[e - 1] == ',' || s[e - 1] == '.')) --e;
    return e;
}

/// Where a final "./." (and spaces around it) starts, or npos.
std::size_t trailing_endmark(const std::string& s) {
    std::size_t e = s.size();
    while (e > 0 && is_space(s[e - 1])) --e;
    if (e < 3 || s.compare(e - 3, 3, "./.") != 0) return std::string::npos;
    std::size_t b = e - 3;
    while (b > 0 && is_space(s[b - 1])) --b;
    return b;
}

std::string shown_mark(const std::string& s) { return "\"" + s + "\""; }

class MarkStripper {
public:
    MarkStripper(JsonDoc& doc, Diagnostics& diags) : doc_(doc), diags_(diags) {}

    void run() {
        json& root = doc_.value;
        if (!root.is_object()) return;
        // "./." is the template's, after the last paragraph of a document: in any text it
        // would print twice ("././.") or in the middle.
        endmarks(root, "");
        if (json* r = find("/recipients"); r && r->is_array()) {
            for (std::size_t i = 0; i < r->size(); ++i) recipient((*r)[i], pointer_append("/recipients", i));
        }
        dashes("/campaign/dossier/documents", "thành phần hồ sơ");
        if (json* tasks = find("/campaign/tasks"); tasks && tasks->is_array()) {
            for (std::size_t i = 0; i < tasks->size(); ++i) {
                dashes(pointer_append("/campaign/tasks", i) + "/items", "ý của nhiệm vụ");
            }
        }
        list_blocks("/plan/sections");
        if (json* apps = find("/plan/appendices"); apps && apps->is_array()) {
            for (std::size_t i = 0; i < apps->size(); ++i) {
                list_blocks(pointer_append("/plan/appendices", i) + "/blocks");
            }
        }
    }

private:
    json* find(const std::string& pointer) {
        const json* v = lookup_pointer(doc_.value, pointer);
        return const_cast<json*>(v);
    }

    /// Warns at the value; past max_validation_errors the marks still come off, with one
    /// note for the rest.
    void warn(const std::string& pointer, std::string message) {
        if (++warned_ <= max_validation_errors) {
            warning_at_value(doc_, diags_, pointer, std::move(message));
        } else if (warned_ == max_validation_errors + 1) {
            Diagnostic note;
            note.severity = Severity::warning;
            note.file = doc_.source.path();
            note.message = "còn dấu khác do mẫu tự thêm đã được bỏ; chỉ báo " +
                           std::to_string(max_validation_errors) + " chỗ đầu tiên";
            diags_.add(std::move(note));
        }
    }

    void endmarks(json& v, const std::string& pointer) {
        if (v.is_object()) {
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (pointer.empty() && it.key() == "$schema") continue;
                endmarks(it.value(), pointer_append(pointer, it.key()));
            }
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i) endmarks(v[i], pointer_append(pointer, i));
        } else if (v.is_string()) {
            std::string& s = v.get_ref<std::string&>();
            const std::size_t b = trailing_endmark(s);
            if (b == std::string::npos || b == 0) return;
            s.erase(b);
            warn(pointer, "đã bỏ \"./.\" ở cuối: mẫu tự thêm \"./.\" sau đoạn cuối của văn bản "
                          "(giữ lại thì in \"././.\")");
        }
    }

    void recipient(json& v, const std::string& pointer) {
        if (!v.is_string()) return;
        std::string& s = v.get_ref<std::string&>();
        const std::size_t lead = leading_mark(s);
        const std::size_t tail = trailing_punctuation(s);
        if (tail <= lead) return;  // nothing left: leave it as written
        const std::string head = s.substr(0, lead), end = s.substr(tail);
        std::string trimmed_end = end;
        while (!trimmed_end.empty() && is_space(trimmed_end.back())) trimmed_end.pop_back();
        std::string trimmed_head = head;
        while (!trimmed_head.empty() && is_space(trimmed_head.back())) trimmed_head.pop_back();
        if (trimmed_head.empty() && trimmed_end.empty()) return;
        std::vector<std::string> parts;
        if (!trimmed_head.empty()) parts.push_back(shown_mark(trimmed_head + " ") + " ở đầu");
        if (!trimmed_end.empty()) parts.push_back(shown_mark(trimmed_end) + " ở cuối");
        s = s.substr(lead, tail - lead);
        std::string message = "đã bỏ " + parts[0] + (parts.size() > 1 ? " và " + parts[1] : "") +
                              ": mẫu tự in \"- \" trước mỗi nơi nhận và \";\" sau nó (\".\" sau "
                              "dòng cuối)";
        warn(pointer, std::move(message));
    }

    void dashes(const std::string& array, const std::string& what) {
        json* a = find(array);
        if (a == nullptr || !a->is_array()) return;
        for (std::size_t i = 0; i < a->size(); ++i) {
            json& v = (*a)[i];
            if (!v.is_string()) continue;
            std::string& s = v.get_ref<std::string&>();
            const std::size_t lead = leading_mark(s);
            if (lead == 0) continue;
            std::string mark = s.substr(0, lead);
            while (!mark.empty() && is_space(mark.back())) mark.pop_back();
            while (!mark.empty() && is_space(mark.front())) mark.erase(0, 1);
            s.erase(0, lead);
            warn(pointer_append(array, i), "đã bỏ " + shown_mark(mark + " ") +
                                               " ở đầu: mẫu tự in dấu đầu dòng trước mỗi " + what);
        }
    }

    void list_blocks(const std::string& array) {
        json* a = find(array);
        if (a == nullptr || !a->is_array()) return;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string b = pointer_append(array, i);
            const json& block = (*a)[i];
            if (!block.is_object()) continue;
            auto t = block.find("type");
            // The marks the list prints: item_number, else the older style, else "-".
            auto st = block.find("item_number");
            if (st == block.end() || !st->is_string()) st = block.find("style");
            const std::string style = st != block.end() && st->is_string() ? st->get<std::string>() : "dash";
            const bool dashed = style == "dash" || style == "plus" || style == "-" || style == "+";
            if (t != block.end() && *t == "list" && dashed) {
                dashes(b + "/items", "dòng của danh sách");
            }
            list_blocks(b + "/blocks");
        }
    }

    JsonDoc& doc_;
    Diagnostics& diags_;
    std::size_t warned_ = 0;
};

}  // namespace

void check_placeholders(const JsonDoc& doc, Diagnostics& diags) {
    PlaceholderChecker(doc, diags).run();
}

void strip_template_marks(JsonDoc& doc, Diagnostics& diags) { MarkStripper(doc, diags).run(); }

}  // namespace thidua
