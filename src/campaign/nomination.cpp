#include "campaign/nomination.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "base/text.hpp"
#include "campaign/dates_in_file.hpp"
#include "campaign/schema.hpp"

namespace thidua {

namespace {

using json = Json;

/// Returns the string member `key` of `obj`, or "" when it is missing or not a string.
std::string str(const json& obj, const char* key) {
    if (!obj.is_object()) return {};
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

/// Returns a title or award as the rules read it: trimmed, without a leading "danh hiệu"
/// and without the quotes around it ("Danh hiệu “Chiến sĩ thi đua cơ sở”" → "Chiến sĩ thi
/// đua cơ sở").
std::string bare_title(std::string_view s) {
    static const std::string prefix = "danh hiệu ";
    std::string t = trim(s);
    if (starts_with(text::lower(t), prefix)) t = trim(std::string_view(t).substr(prefix.size()));
    for (std::string_view q : {"“", "\"", "‘", "'"}) {
        if (starts_with(t, q)) {
            t.erase(0, q.size());
            break;
        }
    }
    for (std::string_view q : {"”", "\"", "’", "'"}) {
        if (t.size() >= q.size() && std::string_view(t).substr(t.size() - q.size()) == q) {
            t.erase(t.size() - q.size());
            break;
        }
    }
    return trim(t);
}

/// The rule one title or award calls for, ranked: 2 = 90%, 1 = 80%, 0 = quá bán.
int rank_of(const std::string& bare) {
    const std::string l = text::lower(bare);
    if (l == "chiến sĩ thi đua cơ sở" || starts_with(l, "cờ thi đua")) return 1;
    if (starts_with(l, "chiến sĩ thi đua") || starts_with(l, "anh hùng")) return 2;
    return 0;
}

VoteRule rule_of_rank(int rank, std::string basis) {
    VoteRule r;
    r.basis = std::move(basis);
    if (rank == 2) {
        r.num = 9;
        r.den = 10;
        r.strict = false;
        r.label = "90%";
    } else if (rank == 1) {
        r.num = 8;
        r.den = 10;
        r.strict = false;
        r.label = "80%";
    } else {
        r.num = 1;
        r.den = 2;
        r.strict = true;
        r.label = "quá bán";
    }
    return r;
}

/// "77,8%": a share of a total with one decimal, as the Biên bản prints it.
std::string percent(double part, double total) {
    return text::number(std::round(part * 1000.0 / total) / 10.0, 1) + "%";
}

/// Returns the number at `key` of `obj` ("votes", "members", a quota), or nullopt.
std::optional<double> count_of(const json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

using detail::DateAt;
using detail::date_at;
using detail::day;

/// True when the string, or every string of the array, at `key` is blank or missing.
bool blank(const json& obj, const char* key) {
    if (!obj.is_object()) return true;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return true;
    if (it->is_string()) return trim(it->get_ref<const std::string&>()).empty();
    if (it->is_array()) {
        for (const json& x : *it) {
            if (!x.is_string() || !trim(x.get_ref<const std::string&>()).empty()) return false;
        }
        return true;
    }
    return false;
}

/// Returns `s` for a message without quotes around it: control characters escaped, cut
/// to 60 characters.
std::string shown(std::string_view s) {
    std::string q = quote_for_message(s);
    return q.substr(1, q.size() - 2);
}

/// Returns “s” (curly quotes), as Vietnamese prose quotes a title or an award.
std::string curly(std::string_view s) { return "“" + shown(s) + "”"; }

class NominationChecker {
public:
    NominationChecker(const JsonDoc& doc, Diagnostics& diags)
        : doc_(doc), root_(doc.value), diags_(diags) {}

    void run() {
        if (!root_.is_object()) return;
        const json* nomination = lookup_pointer(root_, "/nomination");
        if (nomination == nullptr || !nomination->is_object()) return;
        council_ = lookup_pointer(root_, "/nomination/council");
        if (council_ != nullptr && !council_->is_object()) council_ = nullptr;
        members_ = council_ != nullptr ? count_of(*council_, "members") : std::nullopt;
        if (members_ && *members_ <= 0) members_.reset();
        const json* nominees = lookup_pointer(root_, "/nomination/nominees");
        if (nominees != nullptr && nominees->is_array()) nominees_ = nominees;
        // The schema cannot say "nominees, unless nominees_file": a file that names none
        // gets the message the schema would give.
        if (nominees == nullptr && !nomination->contains("nominees_file")) {
            at_value("/nomination", "thiếu trường bắt buộc \"nominees\" (Tập thể, cá nhân đề "
                                    "nghị khen thưởng), hoặc \"nominees_file\"");
        }
        collect_awards();
        check_quorum();
        check_secretary();
        check_dates();
        check_meeting_times();
        check_signers();
        check_ids();
        if (nominees_ == nullptr) return;
        for (std::size_t i = 0; i < nominees_->size(); ++i) {
            const json& n = (*nominees_)[i];
            if (!n.is_object()) continue;
            const std::string base = pointer_append("/nomination/nominees", i);
            check_votes(n, base);
            check_award(n, base);
            check_registration(n, base);
            check_fields(n, base);
            check_report_values(n, base);
        }
        check_quotas();
    }

private:
    /// An award form of campaign.awards: how it is written and where.
    struct AwardAt {
        std::string label;
        std::string pointer;
        const json* value = nullptr;
    };

    bool room() {
        if (++reported_ <= max_validation_errors) return true;
        if (reported_ == max_validation_errors + 1) {
            diags_.error_at(doc_.source.path(), 0, 0,
                            "còn lỗi khác trong hồ sơ đề nghị khen thưởng; chỉ báo " +
                                std::to_string(max_validation_errors) + " lỗi đầu tiên");
        }
        return false;
    }

    void at_value(const std::string& pointer, std::string message) {
        if (room()) error_at_value(doc_, diags_, pointer, std::move(message));
    }

    /// The nominee's name for a message, or "tập thể, cá nhân thứ N" when it has none.
    static std::string who(const json& n, const std::string& base) {
        std::string name = trim(str(n, "name"));
        if (!name.empty()) return shown(name);
        return "tập thể, cá nhân thứ " +
               std::to_string(std::stoul(base.substr(base.rfind('/') + 1)) + 1);
    }

    void collect_awards() {
        const json* awards = lookup_pointer(root_, "/campaign/awards");
        if (awards == nullptr || !awards->is_array()) return;
        for (std::size_t i = 0; i < awards->size(); ++i) {
            std::string label = award_label((*awards)[i]);
            if (label.empty()) continue;
            awards_.push_back({label, pointer_append("/campaign/awards", i), &(*awards)[i]});
        }
    }

    const AwardAt* find_award(const std::string& label) const {
        for (const AwardAt& a : awards_) {
            if (a.label == label) return &a;
        }
        return nullptr;
    }

    void check_quorum() {
        if (council_ == nullptr || !members_) return;
        const std::string p = "/nomination/council/meeting/present";
        const json* meeting = lookup_pointer(root_, "/nomination/council/meeting");
        if (meeting == nullptr) return;
        std::optional<double> present = count_of(*meeting, "present");
        if (!present) return;
        const double m = *members_;
        const std::string ratio = text::number(*present, 0) + "/" + text::number(m, 0);
        if (*present > m) {
            at_value(p, "số thành viên có mặt (" + text::number(*present, 0) +
                            ") nhiều hơn tổng số thành viên Hội đồng (" + text::number(m, 0) +
                            ")");
        } else if (*present * 3 < m * 2) {
            at_value(p, "Hội đồng họp có mặt " + ratio +
                            " thành viên, chưa đủ 2/3 tổng số thành viên để cuộc họp hợp lệ");
        }
    }

    /// The council's secretary writes the Biên bản and its vote table: when she is also a
    /// nominee she records the vote on her own proposal. A warning, not an error: the law
    /// bars no council member from being proposed, and the meeting may name another
    /// secretary for that item; but a văn thư sends such a Biên bản back.
    void check_secretary() {
        if (council_ == nullptr || nominees_ == nullptr) return;
        const json* secretary = lookup_pointer(root_, "/nomination/council/secretary");
        const std::string name = secretary != nullptr ? trim(str(*secretary, "name")) : "";
        if (name.empty()) return;
        const std::string key = text::lower(name);
        for (std::size_t i = 0; i < nominees_->size(); ++i) {
            const json& n = (*nominees_)[i];
            if (str(n, "kind") != "individual" || text::lower(trim(str(n, "name"))) != key) continue;
            const std::string p = pointer_append("/nomination/nominees", i) + "/name";
            if (!room()) return;
            warning_at_value(doc_, diags_, "/nomination/council/secretary/name",
                             "thư ký Hội đồng " + shown(name) +
                                 " cũng là người được đề nghị khen thưởng (" + p + ", " +
                                 place_of(doc_, p, "/nomination/council/secretary/name") +
                                 "): Biên bản do chính người được xét ghi kết quả bỏ phiếu "
                                 "cho mình; cử một thành viên khác làm thư ký cuộc họp");
            return;
        }
    }

    void check_dates() {
        std::optional<DateAt> deadline = date_at(root_, "/campaign/dossier/deadline");
        std::optional<DateAt> paper = date_at(root_, "/nomination/document/date");
        std::optional<DateAt> meeting = date_at(root_, "/nomination/council/meeting/date");
        if (deadline && paper && paper->date > deadline->date) {
            at_value(paper->pointer, "Tờ trình đề nghị khen thưởng " + day(*paper) +
                                         ", sau hạn nộp hồ sơ khen thưởng " + day(*deadline));
        }
        if (meeting && paper && meeting->date > paper->date) {
            at_value(meeting->pointer, "Hội đồng họp xét " + day(*meeting) + ", sau Tờ trình " +
                                           day(*paper) + " (Tờ trình căn cứ kết quả cuộc họp)");
        }
        if (!deadline || nominees_ == nullptr) return;
        for (std::size_t i = 0; i < nominees_->size(); ++i) {
            const std::string base = pointer_append("/nomination/nominees", i);
            std::optional<DateAt> d = date_at(root_, base + "/report/date");
            if (!d || d->date <= deadline->date) continue;
            at_value(d->pointer, "báo cáo thành tích của " + who((*nominees_)[i], base) + " " +
                                     day(*d) + ", sau hạn nộp hồ sơ khen thưởng " +
                                     day(*deadline));
        }
    }

    /// A time "HH:MM" in minutes since midnight; nullopt when it is not one (the schema
    /// reports the form, this the value: "29:00").
    static std::optional<int> minutes(const std::string& t) {
        if (t.size() != 5 || t[2] != ':') return std::nullopt;
        for (int i : {0, 1, 3, 4}) {
            if (t[static_cast<std::size_t>(i)] < '0' || t[static_cast<std::size_t>(i)] > '9') return std::nullopt;
        }
        const int h = (t[0] - '0') * 10 + (t[1] - '0');
        const int m = (t[3] - '0') * 10 + (t[4] - '0');
        if (h > 23 || m > 59) return std::nullopt;
        return h * 60 + m;
    }

    void check_meeting_times() {
        const std::string base = "/nomination/council/meeting";
        const json* meeting = lookup_pointer(root_, base);
        if (meeting == nullptr || !meeting->is_object()) return;
        std::optional<int> start, end;
        for (const char* key : {"start", "end"}) {
            auto it = meeting->find(key);
            if (it == meeting->end() || !it->is_string()) continue;
            const std::string& t = it->get_ref<const std::string&>();
            std::optional<int> m = minutes(t);
            // Only a value of the right form (two digits, ":", two digits) is judged here.
            if (!m && t.size() == 5 && t[2] == ':') {
                at_value(base + "/" + key, std::string("giờ ") + (key[0] == 's' ? "bắt đầu" : "kết thúc") +
                                               " cuộc họp \"" + t +
                                               "\" không có thật: giờ từ 00 đến 23, phút từ 00 đến 59");
            }
            (key[0] == 's' ? start : end) = m;
        }
        if (start && end && *end <= *start) {
            at_value(base + "/end", "cuộc họp kết thúc lúc " + str(*meeting, "end") +
                                        ", không sau giờ bắt đầu " + str(*meeting, "start"));
        }
    }

    /// A name or title present but blank: the document would print an empty signature.
    void blank_field(const std::string& pointer, const std::string& what) {
        const json* v = lookup_pointer(root_, pointer);
        if (v != nullptr && v->is_string() && trim(v->get_ref<const std::string&>()).empty()) {
            at_value(pointer, what + " để trống");
        }
    }

    void check_signers() {
        blank_field("/nomination/council/chair/name", "họ tên Chủ tịch Hội đồng (người ký Biên bản)");
        blank_field("/nomination/council/chair/title", "chức vụ Chủ tịch Hội đồng");
        blank_field("/nomination/council/secretary/name", "họ tên thư ký cuộc họp (người ký Biên bản)");
        blank_field("/nomination/council/secretary/title", "chức vụ thư ký cuộc họp");
    }

    /// Values of an achievement report a reviewer would return: a birth date after the
    /// report (or the dossier) is dated, a signer given but blank.
    void check_report_values(const json& n, const std::string& base) {
        const std::string r = base + "/report";
        blank_field(r + "/signer", "người ký báo cáo thành tích của " + who(n, base));
        blank_field(r + "/signer_title", "chức vụ người ký báo cáo thành tích của " + who(n, base));
        std::optional<DateAt> born = date_at(root_, r + "/birth_date");
        if (!born) return;
        std::optional<DateAt> on = date_at(root_, r + "/date");
        std::string what = "ngày lập báo cáo";
        if (!on) {
            on = date_at(root_, "/nomination/document/date");
            what = "ngày lập Tờ trình";
        }
        if (on && born->date >= on->date) {
            at_value(born->pointer, "ngày sinh của " + who(n, base) + " (" +
                                        text::date_short(born->date) + ") không trước " + what +
                                        " (" + text::date_short(on->date) + ")");
        }
    }

    void check_ids() {
        if (nominees_ == nullptr) return;
        std::map<std::string, std::string> first;  // id → pointer of its first use
        for (std::size_t i = 0; i < nominees_->size(); ++i) {
            const std::string p = pointer_append("/nomination/nominees", i) + "/id";
            const json* id = lookup_pointer(root_, p);
            if (id == nullptr || !id->is_string()) continue;
            auto [it, inserted] = first.emplace(id->get<std::string>(), p);
            if (inserted) continue;
            at_value(p, "mã tập thể, cá nhân đề nghị " + quote_for_message(it->first) +
                            " bị lặp lại (đã có ở " + place_of(doc_, it->second, p) + ")");
        }
    }

    void check_votes(const json& n, const std::string& base) {
        auto it = n.find("votes");
        if (it == n.end()) {
            at_value(base, "chưa có số phiếu đồng ý (\"votes\") của Hội đồng cho " + who(n, base));
            return;
        }
        if (!members_ || !it->is_number()) return;
        const double v = it->get<double>();
        const double m = *members_;
        const std::string p = base + "/votes";
        if (v > m) {
            at_value(p, who(n, base) + " được " + text::number(v, 0) +
                            " phiếu, nhiều hơn tổng số " + text::number(m, 0) +
                            " thành viên Hội đồng");
            return;
        }
        if (vote_passes(n, *council_)) return;
        const VoteRule r = vote_rule(n);
        std::string message = who(n, base) + " được " + text::number(v, 0) + "/" +
                              text::number(m, 0) + " phiếu (" + percent(v, m) + "), ";
        if (r.strict) {
            message += "chưa quá bán tổng số thành viên Hội đồng";
            if (!r.basis.empty()) message += ", mức cần cho " + curly(r.basis);
        } else {
            message += "dưới mức " + r.label + " tổng số thành viên Hội đồng";
            if (!r.basis.empty()) message += " cần cho " + curly(r.basis);
        }
        message += "; không đưa vào hồ sơ đề nghị";
        if (room()) warning_at_value(doc_, diags_, p, std::move(message));
    }

    void check_award(const json& n, const std::string& base) {
        auto it = n.find("award");
        if (it == n.end() || !it->is_string()) return;
        const std::string& award = it->get_ref<const std::string&>();
        if (find_award(award) != nullptr) return;
        std::string message = "hình thức khen thưởng " + quote_for_message(award);
        if (awards_.empty()) {
            message += " không có trong kế hoạch: campaign.awards chưa có hình thức nào";
        } else {
            message += " không có trong campaign.awards của kế hoạch";
            std::vector<std::string> labels;
            for (const AwardAt& a : awards_) labels.push_back(a.label);
            std::string s = closest_match(award, labels);
            if (!s.empty()) message += " (có phải \"" + s + "\"?)";
        }
        at_value(base + "/award", std::move(message));
    }

    /// Returns the unit whose id is `id`, with its index, or nullptr.
    const json* find_unit(const std::string& id, std::size_t& index) const {
        const json* units = lookup_pointer(root_, "/units");
        if (units == nullptr || !units->is_array()) return nullptr;
        for (std::size_t i = 0; i < units->size(); ++i) {
            if (str((*units)[i], "id") == id && !id.empty()) {
                index = i;
                return &(*units)[i];
            }
        }
        return nullptr;
    }

    static bool has_string(const json& obj, const char* key, const std::string& s) {
        if (s.empty() || !obj.is_object()) return false;
        auto it = obj.find(key);
        if (it == obj.end() || !it->is_array()) return false;
        return std::any_of(it->begin(), it->end(),
                           [&](const json& x) { return x.is_string() && x == s; });
    }

    /// True when a registration for `registered` counts for the proposed `award`: the same
    /// form, or one the award replaces ("replaces": the district chairman's Giấy khen that
    /// the commune chairman's took over on 01/07/2025).
    bool counts_for(const std::string& registered, const std::string& award) const {
        if (registered.empty()) return false;
        if (registered == award) return true;
        const AwardAt* a = find_award(award);
        return a != nullptr && has_string(*a->value, "replaces", registered);
    }

    bool registered_award(const json& reg, const std::string& award) const {
        if (award.empty() || !reg.is_object()) return false;
        auto it = reg.find("awards");
        if (it == reg.end() || !it->is_array()) return false;
        return std::any_of(it->begin(), it->end(), [&](const json& x) {
            return x.is_string() && counts_for(x.get<std::string>(), award);
        });
    }

    void check_registration(const json& n, const std::string& base) {
        const std::string kind = str(n, "kind");
        const std::string unit_id = str(n, "unit");
        std::size_t index = 0;
        const json* unit = find_unit(unit_id, index);
        if (unit == nullptr || (kind != "collective" && kind != "individual")) return;
        const std::string award = str(n, "award");
        const std::string title = str(n, "title");
        const std::string what = (kind == "collective" ? "tập thể " : "cá nhân ") + who(n, base);
        const std::string unit_name = curly(str(*unit, "name").empty() ? unit_id
                                                                        : str(*unit, "name"));
        auto reg_it = unit->find("registration");
        if (reg_it == unit->end() || !reg_it->is_object()) {
            if (reg_it != unit->end()) return;  // wrong type: validate reports it
            at_value(base + "/unit", what + " chưa đăng ký thi đua: đơn vị " + unit_name +
                                         " không có bản đăng ký (\"registration\" ở /units/" +
                                         std::to_string(index) + ")");
            return;
        }
        const json& reg = *reg_it;
        std::string wanted = award.empty() ? curly(title) : curly(award);
        if (!award.empty() && !title.empty()) wanted = curly(title) + " hay " + curly(award);
        if (kind == "collective") {
            if (registered_award(reg, award) || has_string(reg, "titles", title)) return;
            std::vector<std::string> listed;
            for (const char* key : {"titles", "awards"}) {
                auto a = reg.find(key);
                if (a == reg.end() || !a->is_array()) continue;
                for (const json& x : *a) {
                    if (x.is_string()) listed.push_back(curly(x.get<std::string>()));
                }
            }
            std::string message = what + " chưa đăng ký thi đua " + wanted +
                                  ": bản đăng ký của đơn vị " + unit_name;
            if (listed.empty()) {
                message += " không có danh hiệu, hình thức khen thưởng nào";
            } else {
                message += " chỉ có ";
                for (std::size_t i = 0; i < listed.size(); ++i) {
                    message += (i ? ", " : "") + listed[i];
                }
            }
            at_value(base + "/award", std::move(message));
            return;
        }
        const std::string name = trim(str(n, "name"));
        const json* entry = nullptr;
        if (auto list = reg.find("individuals"); list != reg.end() && list->is_array()) {
            for (const json& x : *list) {
                if (x.is_object() && trim(str(x, "name")) == name) {
                    entry = &x;
                    break;
                }
            }
        }
        if (entry == nullptr) {
            at_value(base + "/name", what + " chưa đăng ký thi đua: không có trong danh sách cá "
                                            "nhân đăng ký của đơn vị " + unit_name);
            return;
        }
        const std::string e_title = str(*entry, "title");
        const std::string e_award = str(*entry, "award");
        if ((!title.empty() && e_title == title) || (!award.empty() && counts_for(e_award, award))) return;
        std::string message = what + " chưa đăng ký thi đua " + wanted + ": bản đăng ký của đơn vị " +
                              unit_name + " ghi ";
        if (e_title.empty() && e_award.empty()) {
            message += "tên nhưng không ghi danh hiệu, hình thức khen thưởng";
        } else if (e_title.empty() || e_award.empty()) {
            message += curly(e_title.empty() ? e_award : e_title);
        } else {
            message += curly(e_title) + " và " + curly(e_award);
        }
        at_value(base + "/award", std::move(message));
    }

    void check_fields(const json& n, const std::string& base) {
        const std::string kind = str(n, "kind");
        if (kind != "collective" && kind != "individual") return;
        if (auto s = n.find("summary"); s != n.end() && s->is_string() && blank(n, "summary")) {
            at_value(base + "/summary", "tóm tắt thành tích của " + who(n, base) +
                                            " để trống (Danh sách đề nghị in phần này)");
        }
        std::vector<std::string> outer, inner;
        if (kind == "individual") {
            if (blank(n, "position")) outer.push_back("chức vụ (\"position\")");
            if (blank(n, "unit")) outer.push_back("đơn vị công tác (\"unit\")");
        }
        auto r = n.find("report");
        if (r == n.end()) {
            outer.push_back("báo cáo thành tích (\"report\")");
        } else if (r->is_object()) {
            if (kind == "individual") {
                if (blank(*r, "birth_date")) inner.push_back("ngày sinh (\"report.birth_date\")");
                if (blank(*r, "gender")) inner.push_back("giới tính (\"report.gender\")");
            }
            if (blank(*r, "achievements")) {
                inner.push_back("thành tích đạt được (\"report.achievements\")");
            }
        } else {
            return;  // wrong type: validate reports it
        }
        if (outer.empty() && inner.empty()) return;
        std::string message = "chưa đủ thông tin để lập hồ sơ của " + who(n, base) + ": thiếu ";
        std::vector<std::string> all = outer;
        all.insert(all.end(), inner.begin(), inner.end());
        for (std::size_t i = 0; i < all.size(); ++i) message += (i ? ", " : "") + all[i];
        at_value(outer.empty() ? base + "/report" : base, std::move(message));
    }

    /// A unit as the quotas count it: a unit id of /units and that unit's name are one
    /// unit ("#<id>"); any other name is a body of its own. "" when blank.
    std::string unit_key(const std::string& unit) const {
        const std::string t = trim(unit);
        if (t.empty()) return {};
        const json* units = lookup_pointer(root_, "/units");
        if (units != nullptr && units->is_array()) {
            for (const json& u : *units) {
                if (str(u, "id") == t) return "#" + t;
            }
            for (const json& u : *units) {
                if (!str(u, "id").empty() && trim(str(u, "name")) == t) return "#" + str(u, "id");
            }
        }
        return t;
    }

    /// A unit's name for messages: the name of the unit in /units, else the text as written.
    std::string unit_shown(const std::string& key) const {
        if (key.empty() || key[0] != '#') return key;
        std::size_t index = 0;
        const json* u = find_unit(key.substr(1), index);
        const std::string name = u != nullptr ? trim(str(*u, "name")) : std::string();
        return name.empty() ? key.substr(1) : name;
    }

    /// The number of /units, for a percentage whose base is "units".
    std::optional<double> unit_count() const {
        const json* units = lookup_pointer(root_, "/units");
        if (units == nullptr || !units->is_array()) return std::nullopt;
        return static_cast<double>(units->size());
    }

    /// The cap a percent_quota sets for collectives or individuals of award `a`: the share
    /// of its base, rounded as it says ("down" unless told). nullopt when there is none (or
    /// its base is unusable, which the campaign rules report). `how` says it in words.
    std::optional<double> percent_cap(const AwardAt& a, bool collective, std::string& pointer,
                                      std::string& how) const {
        auto pq = a.value->find("percent_quota");
        if (pq == a.value->end() || !pq->is_object()) return std::nullopt;
        const char* key = collective ? "collective" : "individual";
        std::optional<double> pct = count_of(*pq, key);
        if (!pct || *pct < 0 || *pct > 100) return std::nullopt;
        std::optional<double> base;
        auto b = pq->find(collective ? "collective_base" : "individual_base");
        if (b != pq->end() && b->is_number() && b->get<double>() >= 0) {
            base = b->get<double>();
        } else if (b != pq->end() && b->is_string() && b->get<std::string>() == "units") {
            base = unit_count();
        }
        if (!base) return std::nullopt;
        const std::string rounding = str(*pq, "rounding");
        // Whole percent and base are exact; the epsilon keeps 10% of 30 at 3, not 2.
        const double x = *pct * *base / 100.0;
        double cap = std::floor(x + 1e-9);
        std::string rounded = "làm tròn xuống";
        if (rounding == "up") {
            cap = std::ceil(x - 1e-9);
            rounded = "làm tròn lên";
        } else if (rounding == "nearest") {
            cap = std::floor(x + 0.5 + 1e-9);
            rounded = "làm tròn";
        }
        const std::string noun = collective ? "tập thể" : "cá nhân";
        pointer = pointer_append(a.pointer + "/percent_quota", key);
        how = text::number(*pct) + "% của " + text::number(*base, 0) + " " + noun + " (" +
              rounded + ": " + text::number(cap, 0) + " " + noun + ")";
        return cap;
    }

    /// Reports the nominee at `base` when it is the first past `cap`.
    void report_over(const json& n, const std::string& base, const std::string& award,
                     double cap, const std::string& cap_pointer, const std::string& scope,
                     const std::string& noun, std::size_t count, const std::string& of_unit,
                     const std::string& how = {}) {
        if (static_cast<double>(count) != cap + 1) return;
        // "trường hợp (tập thể hoặc cá nhân)" is counted as "trường hợp thứ 3".
        const std::string ordinal = noun.substr(0, noun.find(" ("));
        at_value(base + "/award",
                 curly(award) + scope + " chỉ được đề nghị cho tối đa " +
                     (how.empty() ? text::number(cap, 0) + " " + noun : how) + " (" +
                     cap_pointer + ", " + place_of(doc_, cap_pointer, base + "/award") +
                     "); " + who(n, base) + " là " + ordinal + " thứ " + std::to_string(count) +
                     of_unit + " đạt tỷ lệ phiếu");
    }

    /// Checks one count against the integer quota `key` of `obj` (at `obj_pointer`).
    void over_quota(const json& n, const std::string& base, const std::string& award,
                    const json& obj, const std::string& obj_pointer, const char* key,
                    std::size_t count, const std::string& scope, const std::string& noun,
                    const std::string& of_unit) {
        std::optional<double> quota = count_of(obj, key);
        if (!quota) return;
        report_over(n, base, award, *quota, pointer_append(obj_pointer, key), scope, noun, count,
                    of_unit);
    }

    /// Where award `a` gives a body its own numbers (body_quotas): the pointer of that entry
    /// for a unit key, or "" when none does.
    std::string body_quota_of(const AwardAt& a, const std::string& key) const {
        if (key.empty()) return {};
        auto bq = a.value->find("body_quotas");
        if (bq == a.value->end() || !bq->is_array()) return {};
        for (std::size_t i = 0; i < bq->size(); ++i) {
            auto bodies = (*bq)[i].find("bodies");
            if (bodies == (*bq)[i].end() || !bodies->is_array()) continue;
            for (const json& b : *bodies) {
                if (b.is_string() && unit_key(b.get<std::string>()) == key) {
                    return pointer_append(a.pointer + "/body_quotas", i);
                }
            }
        }
        return {};
    }

    /// The quotas of campaign.awards, counted over the nominees whose vote passes, in file
    /// order: over the whole dossier collective_quota / individual_quota, quota (collectives
    /// and individuals together) and percent_quota; per unit (the same "unit": a unit id,
    /// that unit's name or the name of a body) unit_collective_quota, unit_individual_quota
    /// and unit_quota, except for a body that body_quotas gives numbers of its own. The
    /// nominee one past a quota is reported.
    void check_quotas() {
        if (council_ == nullptr || nominees_ == nullptr) return;
        using Key = std::tuple<std::string, std::string, std::string>;
        std::map<Key, std::size_t> counts;  // (award, kind or "*", unit key or scope)
        const std::string all = "*";
        for (std::size_t i = 0; i < nominees_->size(); ++i) {
            const json& n = (*nominees_)[i];
            if (!n.is_object() || !vote_passes(n, *council_)) continue;
            const std::string kind = str(n, "kind");
            const std::string award = str(n, "award");
            const AwardAt* a = find_award(award);
            if (a == nullptr || (kind != "collective" && kind != "individual")) continue;
            const bool collective = kind == "collective";
            const std::string base = pointer_append("/nomination/nominees", i);
            const std::string noun = collective ? "tập thể" : "cá nhân";
            const std::string either = "trường hợp (tập thể hoặc cá nhân)";
            const json& aw = *a->value;

            // The whole dossier.
            const std::size_t of_kind = ++counts[{award, kind, ""}];
            const std::size_t of_any = ++counts[{award, all, ""}];
            over_quota(n, base, award, aw, a->pointer,
                       collective ? "collective_quota" : "individual_quota", of_kind, "", noun, "");
            over_quota(n, base, award, aw, a->pointer, "quota", of_any, "", either, "");
            std::string cap_pointer, how;
            if (std::optional<double> cap = percent_cap(*a, collective, cap_pointer, how)) {
                report_over(n, base, award, *cap, cap_pointer, "", noun, of_kind, "", how);
            }

            // Its unit, or the body it belongs to.
            const std::string key = unit_key(str(n, "unit"));
            if (key.empty()) continue;
            const std::string scope_of = " của " + curly(unit_shown(key));
            const std::string body = body_quota_of(*a, key);
            if (!body.empty()) {
                const json* entry = lookup_pointer(root_, body);
                const std::string at = " ở " + curly(unit_shown(key));
                over_quota(n, base, award, *entry, body,
                           collective ? "collective_quota" : "individual_quota",
                           ++counts[{award, kind, "body " + key}], at, noun, "");
                over_quota(n, base, award, *entry, body, "quota",
                           ++counts[{award, all, "body " + key}], at, either, "");
                continue;
            }
            over_quota(n, base, award, aw, a->pointer,
                       collective ? "unit_collective_quota" : "unit_individual_quota",
                       ++counts[{award, kind, "unit " + key}], " mỗi đơn vị", noun, scope_of);
            over_quota(n, base, award, aw, a->pointer, "unit_quota",
                       ++counts[{award, all, "unit " + key}], " mỗi đơn vị", either, scope_of);
        }
    }

    const JsonDoc& doc_;
    const json& root_;
    Diagnostics& diags_;
    const json* council_ = nullptr;
    const json* nominees_ = nullptr;
    std::optional<double> members_;
    std::vector<AwardAt> awards_;
    std::size_t reported_ = 0;
};

}  // namespace

VoteRule vote_rule(const Json& nominee) {
    const std::string title = bare_title(str(nominee, "title"));
    const std::string award = bare_title(str(nominee, "award"));
    const int t = title.empty() ? -1 : rank_of(title);
    const int a = award.empty() ? -1 : rank_of(award);
    if (t < 0 && a < 0) return rule_of_rank(0, "");
    // The strictest rule wins; on a tie the title names it.
    if (t >= a) return rule_of_rank(t, title);
    return rule_of_rank(a, award);
}

double vote_threshold(const Json& nominee) {
    const VoteRule r = vote_rule(nominee);
    return static_cast<double>(r.num) / r.den;
}

std::string vote_rule_label(const Json& nominee) {
    const VoteRule r = vote_rule(nominee);
    if (r.strict) return "quá bán (trên 50%) tổng số thành viên Hội đồng";
    return "ít nhất " + r.label + " tổng số thành viên Hội đồng";
}

bool vote_passes(const Json& nominee, const Json& council) {
    std::optional<double> votes = count_of(nominee, "votes");
    std::optional<double> members = count_of(council, "members");
    if (!votes || !members || *members <= 0 || *votes < 0) return false;
    const VoteRule r = vote_rule(nominee);
    // votes/members against num/den without rounding: both sides are small integers.
    const double lhs = *votes * r.den;
    const double rhs = *members * r.num;
    return r.strict ? lhs > rhs : lhs >= rhs;
}

std::string award_label(const Json& award) {
    if (!award.is_object()) return {};
    std::string t = trim(str(award, "text"));
    if (!t.empty()) {
        if (t.back() == ':' || t.back() == ';' || t.back() == '.') t = trim(t.substr(0, t.size() - 1));
        return t;
    }
    const std::string form = trim(str(award, "form"));
    const std::string authority = trim(str(award, "authority"));
    if (form.empty()) return {};
    return authority.empty() ? form : form + " của " + authority;
}

void check_nomination_rules(const JsonDoc& doc, Diagnostics& diags) {
    NominationChecker(doc, diags).run();
}

}  // namespace thidua
