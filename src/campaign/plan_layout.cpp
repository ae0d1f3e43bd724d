#include "campaign/plan_layout.hpp"

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "campaign/schema.hpp"

namespace thidua {

namespace {

using json = Json;

/// True when the value at `pointer` exists and is not null, false, "", [] or {}.
bool present(const json& root, std::string_view pointer) {
    const json* v = lookup_pointer(root, pointer);
    if (v == nullptr || v->is_null()) return false;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_string() || v->is_array() || v->is_object()) return !v->empty();
    return true;
}

std::string str_at(const json& root, std::string_view pointer) {
    const json* v = lookup_pointer(root, pointer);
    return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

bool any_quota(const json& root) {
    const json* awards = lookup_pointer(root, "/campaign/awards");
    if (awards == nullptr || !awards->is_array()) return false;
    for (const json& a : *awards) {
        if (!a.is_object()) continue;
        for (const char* k : {"collective_quota", "individual_quota", "quota", "percent_quota",
                              "unit_collective_quota", "unit_individual_quota", "unit_quota",
                              "body_quotas"}) {
            auto it = a.find(k);
            if (it != a.end() && !it->is_null()) return true;
        }
    }
    return false;
}

/// The campaign data each kind of block prints, as JSON pointers (any one present is
/// enough); empty for the kinds that print their own text.
std::vector<std::string_view> data_of(std::string_view type) {
    if (type == "purposes") return {"/campaign/purposes"};
    if (type == "requirements") return {"/campaign/requirements"};
    if (type == "scope") return {"/campaign/scope"};
    if (type == "subjects") return {"/campaign/subjects"};
    if (type == "duration") return {"/campaign/start"};
    if (type == "phases") return {"/campaign/phases"};
    if (type == "theme") return {"/campaign/theme"};
    if (type == "areas") return {"/campaign/areas"};
    if (type == "indicators") return {"/campaign/indicators"};
    if (type == "awards") return {"/campaign/awards"};
    if (type == "criteria") return {"/campaign/criteria"};
    if (type == "scoring") return {"/campaign/scoring"};
    if (type == "dossier") return {"/campaign/dossier/documents", "/campaign/dossier/copies"};
    if (type == "deadline") return {"/campaign/dossier/deadline", "/campaign/dossier/deadline_text"};
    if (type == "tasks") return {"/campaign/tasks"};
    if (type == "units") return {"/units"};
    return {};
}

/// The Vietnamese name of what a kind of block prints, for messages.
std::string_view what_of(std::string_view type) {
    if (type == "purposes") return "mục đích (campaign.purposes)";
    if (type == "requirements") return "yêu cầu (campaign.requirements)";
    if (type == "scope") return "phạm vi (campaign.scope)";
    if (type == "subjects") return "đối tượng (campaign.subjects)";
    if (type == "phases") return "các đợt thi đua (campaign.phases)";
    if (type == "theme") return "chủ đề (campaign.theme)";
    if (type == "areas") return "nội dung thi đua (campaign.areas)";
    if (type == "indicators") return "chỉ tiêu (campaign.indicators)";
    if (type == "awards") return "hình thức khen thưởng (campaign.awards)";
    if (type == "quotas") return "số lượng khen thưởng (các chỉ tiêu số lượng của campaign.awards)";
    if (type == "criteria") return "tiêu chuẩn khen thưởng (campaign.criteria)";
    if (type == "scoring") return "thang điểm (campaign.scoring)";
    if (type == "dossier") return "hồ sơ (campaign.dossier.documents, copies)";
    if (type == "deadline") return "hạn nộp hồ sơ (campaign.dossier.deadline, deadline_text)";
    if (type == "tasks") return "nhiệm vụ (campaign.tasks)";
    if (type == "units") return "đơn vị (units)";
    return "dữ liệu";
}

bool whole_year(const json& root) {
    const std::string s = str_at(root, "/campaign/start");
    const std::string e = str_at(root, "/campaign/end");
    return s.size() == 10 && e.size() == 10 && s.substr(0, 4) == e.substr(0, 4) &&
           s.substr(4) == "-01-01" && e.substr(4) == "-12-31";
}

/// "campaign.requirements" → "/campaign/requirements".
std::string to_pointer(std::string_view path) {
    std::string p = "/";
    for (char c : path) p += c == '.' ? '/' : c;
    return p;
}

bool condition_holds(const json& root, std::string_view cond) {
    while (!cond.empty() && cond.front() == ' ') cond.remove_prefix(1);
    while (!cond.empty() && cond.back() == ' ') cond.remove_suffix(1);
    bool negate = false;
    if (!cond.empty() && cond.front() == '!') {
        negate = true;
        cond.remove_prefix(1);
    }
    bool v = false;
    if (cond == "@ca-nam") {
        v = whole_year(root);
    } else {
        v = present(root, to_pointer(cond));
    }
    return v != negate;
}

/// One condition string: alternatives separated by "|", any one holding.
bool alternatives_hold(const json& root, std::string_view s) {
    std::size_t from = 0;
    while (true) {
        const std::size_t bar = s.find('|', from);
        if (condition_holds(root, s.substr(from, bar == std::string_view::npos ? bar : bar - from))) {
            return true;
        }
        if (bar == std::string_view::npos) return false;
        from = bar + 1;
    }
}

bool conditions_hold(const json& root, const json& block) {
    auto it = block.find("khi");
    if (it == block.end()) return true;
    if (it->is_string()) return alternatives_hold(root, it->get<std::string>());
    if (it->is_array()) {
        for (const json& c : *it) {
            if (c.is_string() && !alternatives_hold(root, c.get<std::string>())) return false;
        }
    }
    return true;
}

/// Returns the blocks of `blocks` that hold and have data, without "khi".
json filter_blocks(const json& root, const json& blocks) {
    json out = json::array();
    if (!blocks.is_array()) return out;
    for (const json& b : blocks) {
        if (!b.is_object() || !conditions_hold(root, b)) continue;
        json copy = b;
        copy.erase("khi");
        if (copy.value("type", "") == "section") {
            copy["blocks"] = filter_blocks(root, b.value("blocks", json::array()));
            if (copy["blocks"].empty()) continue;
        } else if (!block_has_data(root, copy)) {
            continue;
        }
        out.push_back(std::move(copy));
    }
    return out;
}

void collect_types(const json& blocks, std::set<std::string>& types) {
    if (!blocks.is_array()) return;
    for (const json& b : blocks) {
        if (!b.is_object()) continue;
        if (auto t = b.find("type"); t != b.end() && t->is_string()) types.insert(t->get<std::string>());
        if (auto c = b.find("blocks"); c != b.end()) collect_types(*c, types);
    }
}

class LayoutChecker {
public:
    LayoutChecker(const JsonDoc& doc, Diagnostics& diags) : doc_(doc), root_(doc.value), diags_(diags) {}

    void run() {
        const json* sections = lookup_pointer(root_, "/plan/sections");
        std::set<std::string> types;
        if (sections != nullptr) {
            collect_types(*sections, types);
            for (std::size_t i = 0; i < sections->size(); ++i) {
                block(pointer_append("/plan/sections", i), (*sections)[i], true);
            }
        }
        if (const json* apps = lookup_pointer(root_, "/plan/appendices"); apps != nullptr && apps->is_array()) {
            for (std::size_t i = 0; i < apps->size(); ++i) {
                const std::string ap = pointer_append("/plan/appendices", i);
                const json& a = (*apps)[i];
                if (!a.is_object() || !a.contains("blocks")) continue;
                collect_types(a["blocks"], types);
                for (std::size_t k = 0; k < a["blocks"].size(); ++k) {
                    block(pointer_append(ap + "/blocks", k), a["blocks"][k], true);
                }
            }
        }
        unprinted(types);
    }

private:
    /// Returns whether the block prints something; warns (when `report`) at a section
    /// that would print only its heading, or at a data block with no data under a section
    /// that prints something else.
    bool block(const std::string& pointer, const json& b, bool report) {
        if (!b.is_object()) return false;
        const std::string type = b.value("type", "");
        if (type != "section") {
            const bool has = block_has_data(root_, b);
            if (!has && report) {
                warning_at_value(doc_, diags_, pointer,
                                 "khối \"" + type + "\" không in gì: chưa có " +
                                     std::string(what_of(type)) +
                                     "; thêm dữ liệu hoặc bỏ khối này khỏi plan.sections");
            }
            return has || (b.contains("text") && type != "paragraph" && type != "list" &&
                           b["text"].is_string() && !b["text"].get<std::string>().empty());
        }
        const json* kids = b.contains("blocks") ? &b["blocks"] : nullptr;
        std::vector<bool> prints;
        bool any = false;
        if (kids != nullptr && kids->is_array()) {
            for (std::size_t i = 0; i < kids->size(); ++i) {
                bool p = block(pointer_append(pointer + "/blocks", i), (*kids)[i], false);
                prints.push_back(p);
                any = any || p;
            }
        }
        if (!any) {
            if (report) {
                warning_at_value(doc_, diags_, pointer,
                                 "mục " + quote_for_message(b.value("title", "")) +
                                     " chỉ in tiêu đề, không có nội dung: các khối trong mục không có dữ liệu "
                                     "để in; thêm dữ liệu hoặc bỏ mục này khỏi plan.sections");
            }
            return false;
        }
        // The section prints: now say which of its blocks do not.
        for (std::size_t i = 0; i < prints.size(); ++i) {
            if (!prints[i]) block(pointer_append(pointer + "/blocks", i), (*kids)[i], true);
        }
        return true;
    }

    void unprinted(const std::set<std::string>& types) {
        const bool nomination = present(root_, "/nomination");
        const bool units = present(root_, "/units");
        struct Need {
            const char* pointer;
            std::vector<const char*> blocks;
            bool elsewhere;  ///< another document prints it
        };
        const std::vector<Need> needs = {
            {"/campaign/phases", {"phases"}, false},
            {"/campaign/areas", {"areas"}, units},
            {"/campaign/indicators", {"indicators"}, false},
            // The units register for the awards (registration.awards is checked against them).
            {"/campaign/awards", {"awards", "quotas"}, nomination || units},
            {"/campaign/criteria", {"criteria"}, false},
            {"/campaign/scoring", {"scoring"}, units},
            {"/campaign/dossier", {"dossier", "deadline"}, nomination},
            {"/campaign/tasks", {"tasks"}, false},
        };
        for (const Need& n : needs) {
            if (n.elsewhere || !present(root_, n.pointer)) continue;
            bool printed = false;
            for (const char* t : n.blocks) printed = printed || types.count(t) > 0;
            if (printed) continue;
            std::string kinds;
            for (const char* t : n.blocks) kinds += std::string(kinds.empty() ? "" : " hay ") + "\"" + t + "\"";
            warning_at_value(doc_, diags_, n.pointer,
                             std::string(what_of(n.blocks.front())) +
                                 " không được in ở văn bản nào: Kế hoạch không có khối " + kinds +
                                 " (plan.sections)");
        }
    }

    const JsonDoc& doc_;
    const json& root_;
    Diagnostics& diags_;
};

void walk_strings(const json& v, const std::string& pointer,
                  const std::function<void(const std::string&, const std::string&)>& f) {
    if (v.is_string()) {
        f(pointer, v.get_ref<const std::string&>());
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) walk_strings(v[i], pointer_append(pointer, i), f);
    } else if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            walk_strings(it.value(), pointer_append(pointer, it.key()), f);
        }
    }
}

}  // namespace

bool block_has_data(const json& root, const json& block) {
    const std::string type = block.value("type", "");
    if (type == "paragraph") return block.contains("text") && block["text"].is_string() && !block["text"].get<std::string>().empty();
    if (type == "list") return present(block, "/items");
    if (type == "quotas") return any_quota(root);
    if (type == "section") return true;
    for (std::string_view p : data_of(type)) {
        if (present(root, p)) return true;
    }
    return false;
}

void apply_document_defaults(JsonDoc& doc) {
    json& root = doc.value;
    if (!root.is_object() || !root.contains("document") || !root["document"].is_object()) return;
    json& d = root["document"];
    if (!d.contains("symbol") || !d["symbol"].is_string() || d["symbol"].get<std::string>().empty()) {
        const std::string s = str_at(root, "/issuer/short");
        if (!s.empty()) d["symbol"] = "KH-" + s;
    }
}

bool valid_default_layout(const json& layout, const std::string& path, Diagnostics& diags) {
    bool ok = layout.is_object() && layout.contains("sections") && layout["sections"].is_array();
    if (ok) {
        for (const json& b : layout["sections"]) ok = ok && b.is_object() && b.contains("type");
    }
    if (!ok) {
        diags.error_at(path, 0, 0,
                       "bố cục mặc định phải là một đối tượng có \"sections\": danh sách các khối, "
                       "mỗi khối có \"type\" (như plan.sections)");
    }
    return ok;
}

bool apply_default_layout(JsonDoc& doc, const json& layout) {
    json& root = doc.value;
    if (!root.is_object()) return false;
    if (root.contains("plan") && root["plan"].is_object() && root["plan"].contains("sections")) return false;
    json sections = filter_blocks(root, layout.value("sections", json::array()));
    if (!root.contains("plan") || !root["plan"].is_object()) root["plan"] = json::object();
    root["plan"]["sections"] = std::move(sections);
    return true;
}

void check_layout(const JsonDoc& doc, Diagnostics& diags) { LayoutChecker(doc, diags).run(); }

bool has_draft_marks(const json& root) {
    bool found = false;
    walk_strings(root, "", [&](const std::string&, const std::string& s) {
        found = found || s.find(draft_mark_open) != std::string::npos;
    });
    return found;
}

void check_draft_marks(const JsonDoc& doc, Diagnostics& diags) {
    std::size_t count = 0;
    walk_strings(doc.value, "", [&](const std::string& pointer, const std::string& s) {
        std::size_t at = s.find(draft_mark_open);
        while (at != std::string::npos) {
            std::size_t close = s.find(']', at);
            const std::size_t end = close == std::string::npos ? s.size() : close + 1;
            if (++count <= max_validation_errors) {
                warning_in_string(doc, diags, pointer, at,
                                  "chỗ để trống " + quote_for_message(s.substr(at, end - at)) +
                                      " chưa được điền: văn bản còn là dự thảo (in \"DỰ THẢO\")");
            }
            at = s.find(draft_mark_open, end);
        }
    });
    if (count > max_validation_errors) {
        Diagnostic d;
        d.severity = Severity::warning;
        d.file = doc.source.path();
        d.message = "còn " + std::to_string(count - max_validation_errors) +
                             " chỗ để trống \"[…]\" khác; chỉ báo " +
                             std::to_string(max_validation_errors) + " chỗ đầu tiên";
        diags.add(std::move(d));
    }
}

}  // namespace thidua
