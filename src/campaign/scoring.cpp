#include "campaign/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "base/suggest.hpp"
#include "base/text.hpp"
#include "campaign/schema.hpp"

namespace thidua {

namespace {

using json = Json;

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

ScoreGroupKind group_kind(const json& group) {
    const std::string k = str(group, "kind");
    if (k == "bonus") return ScoreGroupKind::bonus;
    if (k == "count") return ScoreGroupKind::count;
    return ScoreGroupKind::points;
}

ScoreRow make_row(ScoreRow::Kind kind, ScoreGroupKind gk, std::string number, const json& obj,
                  std::string pointer) {
    ScoreRow r;
    r.kind = kind;
    r.group_kind = gk;
    r.number = std::move(number);
    r.title = str(obj, "title");
    if (kind != ScoreRow::Kind::group) r.guide = str(obj, "guide");
    if (kind != ScoreRow::Kind::item) r.id = str(obj, "id");
    r.fewer_better = str(obj, "better") == "less";
    r.pointer = std::move(pointer);
    return r;
}

/// Reads the table and, for the rules, what each criterion declared.
ScoringTable read(const json& scoring, std::vector<CriterionRead>* criteria) {
    ScoringTable t;
    t.title = str(scoring, "title");
    if (auto it = scoring.find("total_row"); it != scoring.end() && it->is_boolean()) {
        t.total_row = it->get<bool>();
    }
    const json* groups = array(scoring, "groups");
    if (groups == nullptr) return t;
    int group_no = 0;
    for (std::size_t g = 0; g < groups->size(); ++g) {
        const json& group = (*groups)[g];
        if (!group.is_object()) continue;
        const std::string gp = pointer_append(std::string(kScoring) + "/groups", g);
        const std::size_t group_row = t.rows.size();
        const ScoreGroupKind gk = group_kind(group);
        t.rows.push_back(make_row(ScoreRow::Kind::group, gk, text::roman(++group_no), group, gp));
        if (gk == ScoreGroupKind::bonus) t.has_bonus = true;
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
            ScoreRow row = make_row(ScoreRow::Kind::criterion, gk, number, crit, cp);
            row.deduct = deduct;
            t.rows.push_back(std::move(row));
            if (const json* items = array(crit, "items")) {
                int item_no = 0;
                for (std::size_t i = 0; i < items->size(); ++i) {
                    const json& item = (*items)[i];
                    if (!item.is_object()) continue;
                    const double p = num(item, "points").value_or(0);
                    r.items_sum += p;
                    ++r.items;
                    ScoreRow irow = make_row(ScoreRow::Kind::item, gk,
                                             number + "." + std::to_string(++item_no), item,
                                             pointer_append(cp + "/items", i));
                    irow.points = p;
                    irow.deduct = deduct;
                    t.rows.push_back(std::move(irow));
                }
            }
            ScoreRow& crow = t.rows[r.row];
            crow.has_items = r.items > 0;
            crow.points = r.declared.value_or(r.items_sum);
            if (gk == ScoreGroupKind::count) crow.points = 0;
            if (!deduct && gk != ScoreGroupKind::count) t.rows[group_row].points += crow.points;
            if (criteria) criteria->push_back(r);
        }
        if (gk == ScoreGroupKind::points) t.total += t.rows[group_row].points;
        if (gk == ScoreGroupKind::bonus) t.bonus += t.rows[group_row].points;
    }
    if (const json* ratings = array(scoring, "ratings")) {
        for (const json& r : *ratings) {
            const std::string label = str(r, "label");
            std::optional<double> min = num(r, "min");
            if (!label.empty() && min) t.ratings.push_back({label, *min});
        }
    }
    if (const json* rules = array(scoring, "tie_break")) {
        for (std::size_t i = 0; i < rules->size(); ++i) {
            const json& rule = (*rules)[i];
            if (!rule.is_object()) continue;
            ScoreTieBreak tb;
            tb.text = str(rule, "text");
            tb.pointer = pointer_append(std::string(kScoring) + "/tie_break", i);
            const std::string by = str(rule, "by");
            for (std::size_t k = 0; !by.empty() && k < t.rows.size(); ++k) {
                if (t.rows[k].id == by) {
                    tb.row = static_cast<int>(k);
                    break;
                }
            }
            t.tie_break.push_back(std::move(tb));
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

std::optional<ScoringTable> read_scoring(const Json& root) {
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
        const json* crit = lookup_pointer(doc.value, row.pointer);
        if (row.group_kind == ScoreGroupKind::count) {
            // A count is ranked, never scored: points, a deduction or scored items there
            // would be counted nowhere.
            const std::string why = name + " thuộc nhóm xếp hạng theo số lượng (\"kind\": "
                                           "\"count\"), không chấm điểm: ";
            if (c.declared) {
                report(row.pointer + "/points",
                       why + "bỏ \"points\", hoặc đưa tiêu chí sang một nhóm chấm điểm "
                             "(\"kind\": \"points\" hay \"bonus\")");
            }
            if (crit != nullptr && crit->contains("deduct")) {
                report(row.pointer + "/deduct",
                       why + "không có điểm trừ; bỏ \"deduct\", hoặc đưa tiêu chí sang một "
                             "nhóm chấm điểm");
            }
            if (c.items > 0) {
                report(row.pointer + "/items",
                       why + "không có các ý chấm điểm; tách mỗi ý thành một tiêu chí đếm "
                             "riêng, hoặc đưa tiêu chí sang một nhóm chấm điểm");
            }
            continue;
        }
        if (crit != nullptr && crit->contains("better")) {
            report(row.pointer + "/better",
                   "\"better\" chỉ dùng cho tiêu chí của nhóm xếp hạng theo số lượng (\"kind\": "
                   "\"count\"); " + name + " chấm điểm, điểm cao hơn luôn xếp trên");
        }
        if (!c.declared && c.items == 0) {
            report(row.pointer, name + " chưa có điểm chuẩn (\"points\") hay các ý chấm điểm "
                                       "(\"items\") để tính điểm chuẩn");
        } else if (c.declared && c.items > 0 && !same(*c.declared, c.items_sum)) {
            report(row.pointer + "/points",
                   "điểm chuẩn của " + name + " là " + points_text(*c.declared) +
                       ", khác tổng điểm các ý của nó (" + points_text(c.items_sum) + ")");
        }
    }
    // Ids name the rows a tie-break rule compares: each names one row.
    std::map<std::string, std::size_t> ids;
    std::vector<std::string> id_list;
    for (std::size_t k = 0; k < t.rows.size(); ++k) {
        const ScoreRow& row = t.rows[k];
        if (row.id.empty()) continue;
        auto [it, inserted] = ids.emplace(row.id, k);
        if (!inserted) {
            report(row.pointer + "/id", "mã " + quote_for_message(row.id) + " đã dùng cho " +
                                            (t.rows[it->second].kind == ScoreRow::Kind::group
                                                 ? "nhóm "
                                                 : "tiêu chí ") +
                                            t.rows[it->second].number + " " +
                                            quote_for_message(t.rows[it->second].title));
        } else {
            id_list.push_back(row.id);
        }
    }
    if (const json* rules = lookup_pointer(doc.value, std::string(kScoring) + "/tie_break");
        rules != nullptr && rules->is_array()) {
        std::set<std::string> used;
        for (std::size_t i = 0; i < rules->size(); ++i) {
            const json& rule = (*rules)[i];
            if (!rule.is_object()) continue;
            const std::string p = pointer_append(std::string(kScoring) + "/tie_break", i);
            const std::string by = str(rule, "by");
            if (by.empty() && str(rule, "text").empty()) {
                report(p, "quy tắc xét khi bằng điểm cần \"by\" (mã nhóm hay tiêu chí để so "
                          "sánh) hoặc \"text\" (lời văn in trong Kế hoạch)");
                continue;
            }
            if (by.empty()) continue;
            if (ids.count(by) == 0) {
                std::string msg = "quy tắc xét khi bằng điểm so sánh " + quote_for_message(by) +
                                  ", không phải mã (\"id\") của nhóm hay tiêu chí nào trong "
                                  "thang điểm";
                const std::string hint = closest_name(by, id_list);
                if (!hint.empty()) msg += " (có phải " + quote_for_message(hint) + "?)";
                report(p + "/by", msg);
            } else if (const ScoreRow& target = t.rows[ids[by]];
                       target.kind == ScoreRow::Kind::group &&
                       target.group_kind == ScoreGroupKind::count) {
                report(p + "/by", "quy tắc xét khi bằng điểm so sánh nhóm " + target.number +
                                      " " + quote_for_message(target.title) +
                                      ", một nhóm xếp hạng theo số lượng: nhóm không có điểm "
                                      "để so sánh; ghi mã của một tiêu chí trong nhóm");
            } else if (!used.insert(by).second) {
                report(p + "/by", "quy tắc xét khi bằng điểm so sánh " + quote_for_message(by) +
                                      " lần thứ hai: lần sau không tách được đơn vị nào");
            }
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
        if (*min > t.total + t.bonus + 1e-9) {
            report(p + "/min", "mức xếp loại " + quote_for_message(label) + " cần " +
                                   points_text(*min) + ", cao hơn tổng điểm chuẩn của thang "
                                   "điểm (" + points_text(t.total + t.bonus) +
                                   (t.has_bonus ? ", kể cả điểm cộng" : "") +
                                   "): không đơn vị nào đạt");
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
