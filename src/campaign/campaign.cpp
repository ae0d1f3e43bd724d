#include "campaign/campaign.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/text.hpp"
#include "campaign/dates_in_file.hpp"
#include "campaign/district_tier.hpp"
#include "campaign/nomination.hpp"
#include "campaign/plan_layout.hpp"
#include "campaign/roster.hpp"
#include "campaign/roster_import.hpp"
#include "campaign/scoring.hpp"
#include "campaign/wording.hpp"

namespace thidua {

namespace detail {

using json = Json;

std::optional<DateAt> date_at(const json& root, const std::string& pointer) {
    const json* v = lookup_pointer(root, pointer);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    std::optional<text::Date> d = text::parse_date(v->get_ref<const std::string&>());
    if (!d || !d->complete()) return std::nullopt;
    return DateAt{*d, pointer};
}

std::string day(const DateAt& d) { return "ngày " + text::date_short(d.date); }

/// An id (of an indicator or a unit) and where it is.
struct IdAt {
    std::size_t offset = 0;  ///< filled when an id repeats
    std::string id;
    std::string pointer;
};

/// Returns the array at `pointer`, or nullptr when it is missing or not an array.
const json* array_at(const json& root, const std::string& pointer) {
    const json* v = lookup_pointer(root, pointer);
    return v != nullptr && v->is_array() ? v : nullptr;
}

class RuleChecker {
public:
    RuleChecker(const JsonDoc& doc, Diagnostics& diags)
        : doc_(doc), root_(doc.value), diags_(diags) {}

    void run() {
        if (!root_.is_object()) return;
        start_ = date_at(root_, "/campaign/start");
        end_ = date_at(root_, "/campaign/end");
        review_ = date_at(root_, "/campaign/review_until");
        check_span();
        check_phases();
        check_deadlines();
        check_ids();
        check_references();
        check_award_quotas();
        check_signature();
        check_controls(root_, "");
    }

private:
    /// Counts one finding; false once the cap is reached (a note says so, once).
    bool room() {
        if (++reported_ <= max_validation_errors) return true;
        if (reported_ == max_validation_errors + 1) {
            diags_.error_at(doc_.source.path(), 0, 0,
                            "còn lỗi khác; chỉ báo " + std::to_string(max_validation_errors) +
                                " lỗi đầu tiên");
        }
        return false;
    }

    void at_value(const std::string& pointer, std::string message) {
        if (room()) error_at_value(doc_, diags_, pointer, std::move(message));
    }

    void check_span() {
        if (start_ && end_ && end_->date < start_->date) {
            at_value(end_->pointer, "phong trào kết thúc " + day(*end_) +
                                        ", trước khi bắt đầu " + day(*start_));
        }
        if (review_ && end_ && review_->date < end_->date) {
            at_value(review_->pointer, "hạn tổng kết " + day(*review_) +
                                           ", trước khi phong trào kết thúc " + day(*end_));
        }
    }

    void check_phases() {
        const json* phases = array_at(root_, "/campaign/phases");
        if (phases == nullptr) return;
        std::optional<DateAt> previous_end;
        for (std::size_t i = 0; i < phases->size(); ++i) {
            const std::string base = pointer_append("/campaign/phases", i);
            const std::string name = "đợt " + std::to_string(i + 1);
            std::optional<DateAt> s = date_at(root_, base + "/start");
            std::optional<DateAt> e = date_at(root_, base + "/end");
            if (s && start_ && s->date < start_->date) {
                at_value(s->pointer, name + " bắt đầu " + day(*s) +
                                         ", trước khi phong trào bắt đầu " + day(*start_));
            }
            if (s && previous_end && s->date <= previous_end->date) {
                at_value(s->pointer, name + " bắt đầu " + day(*s) + ", trước khi đợt " +
                                         std::to_string(i) + " kết thúc " + day(*previous_end));
            }
            if (s && e && e->date < s->date) {
                at_value(e->pointer,
                         name + " kết thúc " + day(*e) + ", trước khi bắt đầu " + day(*s));
            }
            if (e && end_ && e->date > end_->date) {
                at_value(e->pointer, name + " kết thúc " + day(*e) +
                                         ", sau khi phong trào kết thúc " + day(*end_));
            }
            if (i == 0) first_phase_end_ = e;
            previous_end = e;
        }
    }

    /// Checks a registration deadline: not after the campaign end, nor after the end of
    /// the first phase.
    void check_registration(const DateAt& d, const std::string& what) {
        if (end_ && d.date > end_->date) {
            at_value(d.pointer, what + " " + day(d) + ", sau khi phong trào kết thúc " + day(*end_));
        } else if (first_phase_end_ && d.date > first_phase_end_->date) {
            at_value(d.pointer, what + " " + day(d) + ", sau khi đợt 1 kết thúc " +
                                    day(*first_phase_end_));
        }
    }

    void check_deadlines() {
        std::optional<DateAt> reg_deadline = date_at(root_, "/campaign/registration_deadline");
        if (reg_deadline) check_registration(*reg_deadline, "hạn đăng ký thi đua");
        // A unit's registration form is dated between the plan and the deadline it prints.
        std::optional<DateAt> plan = date_at(root_, "/document/date");
        if (const json* units = array_at(root_, "/units")) {
            for (std::size_t i = 0; i < units->size(); ++i) {
                std::optional<DateAt> d = date_at(root_, pointer_append("/units", i) + "/registration/date");
                if (!d) continue;
                const json* name = lookup_pointer(root_, pointer_append("/units", i) + "/name");
                const std::string who = name != nullptr && name->is_string()
                                            ? "bản đăng ký của " + name->get<std::string>()
                                            : "bản đăng ký";
                if (reg_deadline && d->date > reg_deadline->date) {
                    at_value(d->pointer, who + " " + day(*d) + ", sau hạn đăng ký thi đua " +
                                             day(*reg_deadline) + " in trên chính bản đăng ký");
                } else if (plan && d->date < plan->date) {
                    at_value(d->pointer, who + " " + day(*d) + ", trước khi Kế hoạch ban hành " +
                                             day(*plan));
                }
            }
        }
        // The dossier may be due after the campaign ends (the review in the first quarter of
        // the next year is common), within the review date the plan sets.
        if (auto d = date_at(root_, "/campaign/dossier/deadline"); d && end_ && d->date > end_->date) {
            if (!review_) {
                at_value(d->pointer, "hạn nộp hồ sơ khen thưởng " + day(*d) +
                                         ", sau khi phong trào kết thúc " + day(*end_) +
                                         "; hồ sơ nộp sau khi phong trào kết thúc cần hạn tổng "
                                         "kết \"review_until\" từ " + day(*d) + " trở đi");
            } else if (d->date > review_->date) {
                at_value(d->pointer, "hạn nộp hồ sơ khen thưởng " + day(*d) +
                                         ", sau hạn tổng kết " + day(*review_));
            }
        }
        const json* tasks = array_at(root_, "/campaign/tasks");
        if (tasks == nullptr) return;
        for (std::size_t i = 0; i < tasks->size(); ++i) {
            const std::string base = pointer_append("/campaign/tasks", i);
            std::optional<DateAt> d = date_at(root_, base + "/deadline");
            if (!d) continue;
            const std::string task = " của nhiệm vụ " + std::to_string(i + 1);
            const json* kind = lookup_pointer(root_, base + "/deadline_kind");
            const std::string k = kind != nullptr && kind->is_string() ? kind->get<std::string>()
                                                                       : std::string("task");
            if (k == "report") {
                if (review_ && d->date > review_->date) {
                    at_value(d->pointer, "hạn báo cáo" + task + " " + day(*d) +
                                             ", sau hạn tổng kết " + day(*review_));
                } else if (start_ && d->date < start_->date) {
                    at_value(d->pointer, "hạn báo cáo" + task + " " + day(*d) +
                                             ", trước khi phong trào bắt đầu " + day(*start_));
                }
            } else if (k == "registration") {
                check_registration(*d, "hạn đăng ký" + task);
            } else if (end_ && d->date > end_->date) {
                at_value(d->pointer, "hạn" + task + " " + day(*d) +
                                         ", sau khi phong trào kết thúc " + day(*end_));
            }
        }
    }

    /// Collects the string ids at `pointer` + "/<i>/id" under the array at `array`.
    void collect_ids(const std::string& array, std::vector<IdAt>& out) {
        const json* items = array_at(root_, array);
        if (items == nullptr) return;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string p = pointer_append(array, i) + "/id";
            const json* id = lookup_pointer(root_, p);
            if (id == nullptr || !id->is_string()) continue;
            out.push_back({0, id->get<std::string>(), p});
        }
    }

    void report_repeats(std::vector<IdAt> ids, const std::string& what) {
        // Where each id is matters only when one repeats: a file without mistakes never
        // needs the position index (json_source.hpp).
        std::unordered_set<std::string_view> seen;
        bool repeats = false;
        for (const IdAt& id : ids) repeats = !seen.insert(id.id).second || repeats;
        if (!repeats) return;
        for (IdAt& id : ids) id.offset = doc_.positions.value_offset(id.pointer);
        std::sort(ids.begin(), ids.end(),
                  [](const IdAt& a, const IdAt& b) { return a.offset < b.offset; });
        std::map<std::string, std::string> first;  // id → pointer of its first use
        for (const IdAt& id : ids) {
            auto [it, inserted] = first.emplace(id.id, id.pointer);
            if (inserted) continue;
            at_value(id.pointer, what + " " + quote_for_message(id.id) + " bị lặp lại (đã có ở " +
                                     place_of(doc_, it->second, id.pointer) + ")");
        }
    }

    /// Two units of the same name would print two identical registration forms and could
    /// not be told apart in the tracking workbook or on a nominee: names are compared as a
    /// reader sees them (case, spaces and Unicode composition aside).
    void check_unit_names() {
        const json* units = array_at(root_, "/units");
        if (units == nullptr) return;
        std::map<std::string, std::string> first;  // folded name → pointer of its first use
        for (std::size_t i = 0; i < units->size(); ++i) {
            const std::string p = pointer_append("/units", i) + "/name";
            const json* name = lookup_pointer(root_, p);
            if (name == nullptr || !name->is_string()) continue;
            const std::string& n = name->get_ref<const std::string&>();
            std::string folded;
            for (const std::string& w : words(text::lower(text::nfc(n)))) {
                folded += (folded.empty() ? "" : " ") + w;
            }
            if (folded.empty()) continue;
            auto [it, inserted] = first.emplace(folded, p);
            if (inserted) continue;
            at_value(p, "tên đơn vị " + quote_for_message(n) + " bị lặp lại (đã có ở " +
                            place_of(doc_, it->second, p) + ")");
        }
    }

    /// The words of `s`, split at spaces, tabs and line breaks.
    static std::vector<std::string> words(const std::string& s) {
        std::vector<std::string> out;
        std::string w;
        for (char c : s) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!w.empty()) out.push_back(std::move(w));
                w.clear();
            } else {
                w += c;
            }
        }
        if (!w.empty()) out.push_back(std::move(w));
        return out;
    }

    void check_ids() {
        collect_ids("/campaign/indicators", indicators_);
        if (const json* areas = array_at(root_, "/campaign/areas")) {
            for (std::size_t i = 0; i < areas->size(); ++i) {
                collect_ids(pointer_append("/campaign/areas", i) + "/indicators", indicators_);
            }
        }
        report_repeats(indicators_, "mã chỉ tiêu");
        for (const IdAt& i : indicators_) indicator_set_.insert(i.id);
        std::vector<IdAt> units;
        collect_ids("/units", units);
        report_repeats(units, "mã đơn vị");
        check_unit_names();
    }

    bool known_indicator(const std::string& id) const { return indicator_set_.count(id) != 0; }

    std::string unknown_indicator(const std::string& id) const {
        std::string message = "chỉ tiêu " + quote_for_message(id) + " không có trong kế hoạch";
        std::vector<std::string> ids;
        for (const IdAt& i : indicators_) ids.push_back(i.id);
        std::string s = closest_match(id, ids);
        if (!s.empty()) message += " (có phải \"" + s + "\"?)";
        return message;
    }

    void check_references() {
        if (const json* units = array_at(root_, "/units")) {
            for (std::size_t i = 0; i < units->size(); ++i) {
                const std::string p = pointer_append("/units", i) + "/targets";
                const json* targets = lookup_pointer(root_, p);
                if (targets == nullptr || !targets->is_object()) continue;
                for (const auto& [key, value] : targets->items()) {
                    if (known_indicator(key) || !room()) continue;
                    error_at_key(doc_, diags_, pointer_append(p, key), unknown_indicator(key));
                }
            }
        }
        const json* paragraphs = array_at(root_, "/campaign/indicator_paragraphs");
        if (paragraphs == nullptr) return;
        for (std::size_t i = 0; i < paragraphs->size(); ++i) {
            const json& para = (*paragraphs)[i];
            if (!para.is_string()) continue;
            const std::string& s = para.get_ref<const std::string&>();
            const std::string p = pointer_append("/campaign/indicator_paragraphs", i);
            for (std::size_t open = s.find('{'); open != std::string::npos;
                 open = s.find('{', open + 1)) {
                std::size_t close = s.find('}', open + 1);
                if (close == std::string::npos) {
                    if (room()) error_in_string(doc_, diags_, p, open,
                                    "chỗ thay chỉ tiêu chưa đóng: thiếu \"}\"");
                    break;
                }
                std::string name = s.substr(open + 1, close - open - 1);
                if (!known_indicator(name) && room()) {
                    error_in_string(doc_, diags_, p, open, unknown_indicator(name));
                }
                open = close;
            }
        }
    }

    /// The quota data of campaign.awards that the nomination checks count with: each
    /// percentage needs its base (a number, or "units" when the file has units) and is at
    /// most 100; each body of body_quotas gets numbers once.
    void check_award_quotas() {
        const json* awards = array_at(root_, "/campaign/awards");
        if (awards == nullptr) return;
        const json* units = array_at(root_, "/units");
        for (std::size_t i = 0; i < awards->size(); ++i) {
            const std::string ap = pointer_append("/campaign/awards", i);
            const json* pq = lookup_pointer(root_, ap + "/percent_quota");
            if (pq != nullptr && pq->is_object()) {
                for (const auto& [key, base_key, noun] :
                     {std::tuple{"collective", "collective_base", "tập thể"},
                      std::tuple{"individual", "individual_base", "cá nhân"}}) {
                    auto pct = pq->find(key);
                    if (pct == pq->end() || !pct->is_number()) continue;
                    const std::string pp = pointer_append(ap + "/percent_quota", key);
                    if (pct->get<double>() > 100) {
                        at_value(pp, "tỷ lệ " + std::string(noun) + " " +
                                         text::number(pct->get<double>()) +
                                         "% lớn hơn 100%");
                    }
                    auto b = pq->find(base_key);
                    const std::string bp = pointer_append(ap + "/percent_quota", base_key);
                    if (b == pq->end()) {
                        at_value(pp, "tỷ lệ " + text::number(pct->get<double>()) + "% " + noun +
                                         " cần số " + noun + " làm gốc tính (\"" + base_key +
                                         "\": một số, hoặc \"units\" là số đơn vị trong "
                                         "\"units\")");
                    } else if (b->is_string() && b->get<std::string>() != "units") {
                        std::string m = "số gốc tính tỷ lệ là một số hoặc \"units\" (số đơn vị "
                                        "trong \"units\"), gặp " +
                                        quote_for_message(b->get<std::string>());
                        if (!closest_match(b->get<std::string>(), {"units"}).empty()) {
                            m += " (có phải \"units\"?)";
                        }
                        at_value(bp, std::move(m));
                    } else if (b->is_string() && (units == nullptr || units->empty())) {
                        at_value(bp, "số gốc \"units\" là số đơn vị trong \"units\", mà tệp "
                                     "chưa có đơn vị nào");
                    }
                }
            }
            const json* bq = array_at(root_, ap + "/body_quotas");
            if (bq == nullptr) continue;
            std::map<std::string, std::string> seen;
            for (std::size_t q = 0; q < bq->size(); ++q) {
                const std::string qp = pointer_append(ap + "/body_quotas", q);
                const json& entry = (*bq)[q];
                if (!entry.is_object()) continue;
                if (!entry.contains("collective_quota") && !entry.contains("individual_quota") &&
                    !entry.contains("quota") && !entry.contains("text")) {
                    at_value(qp, "chưa có số lượng nào (\"collective_quota\", "
                                 "\"individual_quota\", \"quota\") hay câu \"text\" cho các cơ "
                                 "quan này");
                }
                const json* bodies = array_at(root_, qp + "/bodies");
                if (bodies == nullptr) continue;
                for (std::size_t k = 0; k < bodies->size(); ++k) {
                    if (!(*bodies)[k].is_string()) continue;
                    const std::string bp = pointer_append(qp + "/bodies", k);
                    auto [it, inserted] = seen.emplace(trim_copy((*bodies)[k].get<std::string>()), bp);
                    if (inserted) continue;
                    at_value(bp, "cơ quan " + quote_for_message(it->first) +
                                     " đã có số lượng riêng (ở " + place_of(doc_, it->second, bp) + ")");
                }
            }
        }
    }

    /// The plan's signer: a name or title of blank spaces would print an empty signature.
    void check_signature() {
        for (const auto& [key, what] : {std::pair{"name", "họ tên người ký"}, std::pair{"title", "chức vụ người ký"}}) {
            const std::string p = std::string("/signature/") + key;
            const json* v = lookup_pointer(root_, p);
            if (v == nullptr || !v->is_string()) continue;
            const std::string& s = v->get_ref<const std::string&>();
            if (s.find_first_not_of(" \t\n\r") == std::string::npos) {
                at_value(p, std::string(what) + " để trống");
            }
        }
    }

    static std::string trim_copy(const std::string& s) {
        const auto b = s.find_first_not_of(" \t\n");
        if (b == std::string::npos) return {};
        return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
    }

    /// Control characters (U+0000-U+001F but tab and line feed, U+007F, U+0080-U+009F)
    /// are invisible in print and in the workbook, cut PDF metadata short (U+0000) or drive
    /// a terminal (ESC): each string is refused at the first one, where it is.
    void check_controls(const json& v, const std::string& pointer) {
        if (v.is_string()) {
            const std::optional<text::ControlChar> c =
                text::find_control(v.get_ref<const std::string&>());
            if (!c) return;
            const std::string code = text::code_point_name(c->code);
            std::string message = "chuỗi chứa ký tự điều khiển " + code +
                                  ", không in ra được: hãy xoá nó";
            if (c->code == '\r') {
                message = "chuỗi chứa ký tự điều khiển " + code +
                          " (về đầu dòng): xuống dòng chỉ cần \"\\n\"";
            }
            if (room()) error_in_string(doc_, diags_, pointer, c->offset, std::move(message));
        } else if (v.is_object()) {
            for (const auto& [key, value] : v.items()) check_controls(value, pointer_append(pointer, key));
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i) check_controls(v[i], pointer_append(pointer, i));
        }
    }

    const JsonDoc& doc_;
    const json& root_;
    Diagnostics& diags_;
    std::optional<DateAt> start_, end_, review_, first_phase_end_;
    std::vector<IdAt> indicators_;
    std::unordered_set<std::string> indicator_set_;
    std::size_t reported_ = 0;
};

}  // namespace detail

void check_campaign_rules(const JsonDoc& doc, Diagnostics& diags) {
    detail::RuleChecker(doc, diags).run();
    check_scoring_rules(doc, diags);
    check_district_tier(doc, diags);
    check_placeholders(doc, diags);
    if (doc.value.is_object() && doc.value.contains("nomination")) {
        check_nomination_rules(doc, diags);
    }
}

std::optional<Campaign> load_campaign(const std::string& path, const Schema& schema,
                                      Diagnostics& diags, const Json* default_layout) {
    const std::size_t before = diags.error_count();
    // The positions of the values are found when a message first needs them, and
    // forgotten again below: a campaign of ten thousand units is read without them.
    std::optional<JsonDoc> doc = parse_json_file(path, diags, JsonPositions::on_demand);
    if (!doc) return std::nullopt;
    // Repeated keys were reported while parsing; the rest is collected apart and then
    // reported in file order, so the user reads the file from top to bottom once; then
    // what was read from spreadsheets, file by file, sheet by sheet in the workbook's
    // order, row by row; then what has no place.
    Diagnostics found;
    import_rosters(*doc, found);
    validate(*doc, schema, found);
    check_campaign_rules(*doc, found);
    // Marks the templates add ("- " before a Nơi nhận line, a final "./.") come off the
    // values, with a warning: every later stage sees the text as it should print.
    strip_template_marks(*doc, found);
    // What the schema says defaults, the default layout of the plan, then what the plan
    // would print empty or not at all, and the "[…]" marks left for the office.
    apply_document_defaults(*doc);
    if (default_layout != nullptr) {
        apply_default_layout(*doc, *default_layout);
        // On a file with errors (a list that did not import…) what would print is not known.
        if (!found.has_errors()) check_layout(*doc, found);
    }
    check_draft_marks(*doc, found);
    std::vector<Diagnostic> list = found.all();
    const std::string& self = doc->source.path();
    auto sheet_rank = [](const std::string& sheet) {
        int rank = 0;
        for (const roster::Table& t : roster::tables()) {
            if (t.sheet == sheet) return rank;
            ++rank;
        }
        return rank;
    };
    const std::vector<std::string> files = roster_files(*doc);
    auto file_rank = [&](const std::string& file) {
        return static_cast<int>(std::find(files.begin(), files.end(), file) - files.begin());
    };
    constexpr int last = std::numeric_limits<int>::max();
    std::stable_sort(list.begin(), list.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto key = [&](const Diagnostic& d) {
            if (!d.cell && d.file == self) {
                return std::tuple(0, 0, 0, d.line == 0 ? last : d.line, d.col);
            }
            if (d.file.empty()) return std::tuple(2, 0, 0, 0, 0);
            return std::tuple(1, file_rank(d.file), sheet_rank(d.sheet), d.line, d.col);
        };
        return key(a) < key(b);
    });
    for (Diagnostic& d : list) diags.add(std::move(d));
    if (diags.error_count() != before) return std::nullopt;
    const bool draft = has_draft_marks(doc->value);
    doc->positions.release();  // what the messages above needed; found again when needed
    // The text too, kept deflated when large: only a later message needs it.
    doc->source.pack();
    return Campaign{std::move(*doc), draft};
}

}  // namespace thidua
