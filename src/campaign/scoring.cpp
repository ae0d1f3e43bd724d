#include "campaign/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "base/text.hpp"
#include "campaign/schema.hpp"

namespace thidua {

namespace {

using json = nlohmann::json;

const char* const kScoring = "/campaign/scoring";

std::string str(const json& obj, const char* key) {
    if (!obj.is_object()) return {};
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> num(const json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

const json* array(const json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it != obj.end() && it->is_array() ? &*it : nullptr;
}

bool same(double a, double b) { return std::fabs(a - b) < 1e-9; }

/// A criterion as the file gives it: its declared points next to the sum of its items.
struct CriterionRead {
    std::size_t row = 0;                ///< index of its row in ScoringTable::rows
    std::optional<double> declared;     ///< "points"
    double items_sum = 0;
    std::size_t items = 0;
};

/// Reads the table and, for the rules, what each criterion declared.
ScoringTable read(const json& scoring, std::vector<CriterionRead>* criteria) {
    ScoringTable t;
    t.title = str(scoring, "title");
    const json* groups = array(scoring, "groups");
    if (groups == nullptr) return t;
    int group_no = 0;
    for (std::size_t g = 0; g < groups->size(); ++g) {
        const json& group = (*groups)[g];
        if (!group.is_object()) continue;
        const std::string gp = pointer_append(std::string(kScoring) + "/groups", g);
        const std::size_t group_row = t.rows.size();
        t.rows.push_back({ScoreRow::Kind::group, text::roman(++group_no), str(group, "title"),
                          "", 0, false, false, gp});
        const json* list = array(group, "criteria");
        if (list == nullptr) continue;
        int crit_no = 0;
        for (std::size_t c = 0; c < list->size(); ++c) {
            const json& crit = (*list)[c];
            if (!crit.is_object()) continue;
            const std::string cp = pointer_append(gp + "/criteria", c);
            const std::string number = std::to_string(++crit_no);
            const bool deduct = crit.contains("deduct") && crit["deduct"].is_boolean() &&
                                crit["deduct"].get<bool>();
            CriterionRead r;
            r.row = t.rows.size();
            r.declared = num(crit, "points");
            t.rows.push_back({ScoreRow::Kind::criterion, number, str(crit, "title"),
                              str(crit, "guide"), 0, deduct, false, cp});
            if (const json* items = array(crit, "items")) {
                int item_no = 0;
                for (std::size_t i = 0; i < items->size(); ++i) {
                    const json& item = (*items)[i];
                    if (!item.is_object()) continue;
                    const double p = num(item, "points").value_or(0);
                    r.items_sum += p;
                    ++r.items;
                    t.rows.push_back({ScoreRow::Kind::item,
                                      number + "." + std::to_string(++item_no),
                                      str(item, "title"), str(item, "guide"), p, deduct, false,
                                      pointer_append(cp + "/items", i)});
                }
            }
            ScoreRow& row = t.rows[r.row];
            row.has_items = r.items > 0;
            row.points = r.declared.value_or(r.items_sum);
            if (!deduct) t.rows[group_row].points += row.points;
            if (criteria) criteria->push_back(r);
        }
        t.total += t.rows[group_row].points;
    }
    if (const json* ratings = array(scoring, "ratings")) {
        for (const json& r : *ratings) {
            const std::string label = str(r, "label");
            std::optional<double> min = num(r, "min");
            if (!label.empty() && min) t.ratings.push_back({label, *min});
        }
    }
    return t;
}

std::string points_text(double p) { return text::number(p, 2) + " điểm"; }

/// True when some block under `blocks` (a plan's sections or an appendix's blocks, at any
/// depth) has type "scoring". The parser caps nesting at 64 levels.
bool prints_scoring(const json* blocks) {
    if (blocks == nullptr || !blocks->is_array()) return false;
    for (const json& b : *blocks) {
        if (!b.is_object()) continue;
        if (str(b, "type") == "scoring") return true;
        if (prints_scoring(array(b, "blocks"))) return true;
    }
    return false;
}

}  // namespace

std::optional<ScoringTable> read_scoring(const nlohmann::json& root) {
    const json* scoring = lookup_pointer(root, kScoring);
    if (scoring == nullptr || !scoring->is_object()) return std::nullopt;
    ScoringTable t = read(*scoring, nullptr);
    const bool any = std::any_of(t.rows.begin(), t.rows.end(), [](const ScoreRow& r) {
        return r.kind == ScoreRow::Kind::criterion;
    });
    if (!any) return std::nullopt;
    return t;
}

void check_scoring_rules(const JsonDoc& doc, Diagnostics& diags) {
    const json* scoring = lookup_pointer(doc.value, kScoring);
    if (scoring == nullptr || !scoring->is_object()) return;
    std::vector<CriterionRead> criteria;
    const ScoringTable t = read(*scoring, &criteria);
    std::size_t reported = 0;
    auto report = [&](const std::string& pointer, std::string message) {
        if (++reported <= max_validation_errors) {
            error_at_value(doc, diags, pointer, std::move(message));
        }
    };
    const json* plan = lookup_pointer(doc.value, "/plan");
    bool printed = plan != nullptr && prints_scoring(array(*plan, "sections"));
    if (const json* appendices = plan != nullptr ? array(*plan, "appendices") : nullptr) {
        for (const json& a : *appendices) printed = printed || prints_scoring(array(a, "blocks"));
    }
    if (!printed && !t.rows.empty()) {
        warning_at_value(doc, diags, kScoring,
                         "Kế hoạch không in thang điểm này (không có khối {\"type\": \"scoring\"} "
                         "trong plan.sections hay plan.appendices) mà bảng theo dõi vẫn chấm "
                         "điểm theo nó");
    }
    if (t.rows.size() > max_scoring_rows) {
        report(kScoring, "thang điểm có " + std::to_string(t.rows.size()) +
                             " dòng (nhóm, tiêu chí và ý); bảng chấm điểm lập được tối đa " +
                             std::to_string(max_scoring_rows) + " dòng");
    }
    for (const CriterionRead& c : criteria) {
        const ScoreRow& row = t.rows[c.row];
        const std::string name = "tiêu chí " + row.number + " " + quote_for_message(row.title);
        if (!c.declared && c.items == 0) {
            report(row.pointer, name + " chưa có điểm chuẩn (\"points\") hay các ý chấm điểm "
                                       "(\"items\") để tính điểm chuẩn");
        } else if (c.declared && c.items > 0 && !same(*c.declared, c.items_sum)) {
            report(row.pointer + "/points",
                   "điểm chuẩn của " + name + " là " + points_text(*c.declared) +
                       ", khác tổng điểm các ý của nó (" + points_text(c.items_sum) + ")");
        }
    }
    const json* ratings = lookup_pointer(doc.value, std::string(kScoring) + "/ratings");
    if (ratings == nullptr || !ratings->is_array()) return;
    if (ratings->size() > max_scoring_ratings) {
        report(std::string(kScoring) + "/ratings",
               "thang điểm có " + std::to_string(ratings->size()) + " mức xếp loại; tối đa " +
                   std::to_string(max_scoring_ratings) + " mức");
    }
    std::map<double, std::string> seen_min;
    std::set<std::string> seen_label;
    std::optional<double> previous;
    for (std::size_t i = 0; i < ratings->size(); ++i) {
        const json& r = (*ratings)[i];
        const std::string p = pointer_append(std::string(kScoring) + "/ratings", i);
        const std::string label = str(r, "label");
        std::optional<double> min = num(r, "min");
        if (!label.empty() && !seen_label.insert(label).second) {
            report(p + "/label", "mức xếp loại " + quote_for_message(label) + " bị lặp lại");
        }
        if (!min) continue;
        if (*min > t.total + 1e-9) {
            report(p + "/min", "mức xếp loại " + quote_for_message(label) + " cần " +
                                   points_text(*min) + ", cao hơn tổng điểm chuẩn của thang "
                                   "điểm (" + points_text(t.total) + "): không đơn vị nào đạt");
        }
        auto [it, inserted] = seen_min.emplace(*min, label);
        if (!inserted) {
            report(p + "/min", "mức xếp loại " + quote_for_message(label) + " và " +
                                   quote_for_message(it->second) + " cùng cần " +
                                   points_text(*min));
        } else if (previous && *min > *previous) {
            report(p + "/min", "các mức xếp loại phải ghi từ cao xuống thấp: mức " +
                                   quote_for_message(label) + " cần " + points_text(*min) +
                                   ", cao hơn mức ghi trước nó (" + points_text(*previous) + ")");
        }
        previous = *min;
    }
}

}  // namespace thidua
