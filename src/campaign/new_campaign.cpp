#include "campaign/new_campaign.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <utility>

#include "base/json.hpp"

#include "base/text.hpp"

namespace thidua {

namespace {

using ojson = nlohmann::ordered_json;

/// How deep "{{name}}" values may refer to other names (a loop in cap.json stops here).
constexpr int max_depth = 8;

std::string two(int n) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

/// Days since 1970-01-01 → "YYYY-MM-DD" (the inverse of text::days_from_civil).
std::string civil(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    return std::to_string(y) + "-" + two(static_cast<int>(m)) + "-" + two(static_cast<int>(d));
}

long days(int y, int m, int d) {
    text::Date date;
    date.year = y;
    date.month = m;
    date.day = d;
    return text::days_from_civil(date);
}

/// Replaces "{{name}}" in every string of `v`; a string that is exactly "{{name}}" takes
/// the variable's value whatever its type. Unknown names are errors.
class Filler {
public:
    Filler(const ojson& vars, std::string file, Diagnostics& diags)
        : vars_(vars), file_(std::move(file)), diags_(diags) {}

    ojson fill(const ojson& v, int depth = 0) {
        if (depth > max_depth) {
            error("\"{{…}}\" lồng nhau quá " + std::to_string(max_depth) + " lần");
            return v;
        }
        if (v.is_string()) {
            const std::string& s = v.get_ref<const std::string&>();
            if (s.size() > 4 && s.rfind("{{", 0) == 0 && s.find("{{", 2) == std::string::npos &&
                s.compare(s.size() - 2, 2, "}}") == 0) {
                const std::string name = s.substr(2, s.size() - 4);
                if (const ojson* val = find(name)) return fill(*val, depth + 1);
                return v;
            }
            return ojson(fill_text(s, depth));
        }
        if (v.is_array()) {
            ojson out = ojson::array();
            for (const ojson& x : v) out.push_back(fill(x, depth));
            return out;
        }
        if (v.is_object()) {
            ojson out = ojson::object();
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (it.key() == "$comment") continue;
                out[it.key()] = fill(it.value(), depth);
            }
            return out;
        }
        return v;
    }

    bool ok() const { return ok_; }

private:
    const ojson* find(const std::string& name) {
        auto it = vars_.find(name);
        if (it == vars_.end()) {
            error("không có giá trị cho \"{{" + name + "}}\"");
            return nullptr;
        }
        return &*it;
    }

    std::string fill_text(const std::string& s, int depth) {
        std::string out;
        std::size_t at = 0;
        while (true) {
            const std::size_t open = s.find("{{", at);
            if (open == std::string::npos) break;
            const std::size_t close = s.find("}}", open + 2);
            if (close == std::string::npos) break;
            out.append(s, at, open - at);
            const std::string name = s.substr(open + 2, close - open - 2);
            if (const ojson* val = find(name)) {
                ojson f = fill(*val, depth + 1);
                if (f.is_string()) {
                    out += f.get<std::string>();
                } else if (f.is_number_integer()) {
                    out += std::to_string(f.get<long long>());
                } else {
                    error("\"{{" + name + "}}\" không phải là chữ, không đặt được giữa câu");
                }
            }
            at = close + 2;
        }
        out.append(s, at, std::string::npos);
        return out;
    }

    void error(std::string message) {
        ok_ = false;
        diags_.error_at(file_, 0, 0, std::move(message));
    }

    const ojson& vars_;
    std::string file_;
    Diagnostics& diags_;
    bool ok_ = true;
};

std::optional<ojson> parse(const std::string& text, const std::string& path, Diagnostics& diags) {
    ojson v = ojson::parse(text, nullptr, false);
    if (v.is_discarded() || !v.is_object()) {
        diags.error_at(path, 0, 0, "không đọc được: không phải một đối tượng JSON");
        return std::nullopt;
    }
    return v;
}

/// Splits "UBND phường An Phú" at its level word: {"phường", "An Phú"}; the level word
/// is the first of `words` found as a whole word.
std::pair<std::string, std::string> split_level(const std::string& agency, const ojson& words) {
    const std::string low = text::lower(agency);
    std::size_t best = std::string::npos;
    std::string word;
    for (const ojson& w : words) {
        if (!w.is_string()) continue;
        const std::string ws = w.get<std::string>() + " ";
        std::size_t at = 0;
        while ((at = low.find(ws, at)) != std::string::npos) {
            if (at == 0 || low[at - 1] == ' ') break;
            ++at;
        }
        if (at != std::string::npos && at < best) {
            best = at;
            word = w.get<std::string>();
        }
    }
    if (best == std::string::npos) return {"", ""};
    std::string rest = agency.substr(best + word.size() + 1);
    while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    return {word, rest};
}

}  // namespace

const std::vector<std::string>& new_levels() {
    static const std::vector<std::string> levels = {"tinh", "xa", "phuong", "dac-khu"};
    return levels;
}

std::optional<std::string> make_new_campaign(const NewOptions& opt, const std::string& skeleton,
                                             const std::string& skeleton_path,
                                             const std::string& levels,
                                             const std::string& levels_path, Diagnostics& diags) {
    std::optional<ojson> skel = parse(skeleton, skeleton_path, diags);
    std::optional<ojson> caps = parse(levels, levels_path, diags);
    if (!skel || !caps) return std::nullopt;
    auto level = caps->find(opt.level);
    if (level == caps->end() || !level->is_object()) {
        diags.error_at(levels_path, 0, 0, "không có lời văn cho cấp \"" + opt.level + "\"");
        return std::nullopt;
    }
    ojson vars = *level;
    const std::string nam = std::to_string(opt.year);
    vars["nam"] = nam;
    vars["schema"] = opt.schema_ref;

    // The agency: "UBND phường An Phú" → header "ỦY BAN NHÂN DÂN\nPHƯỜNG AN PHÚ", full
    // name "Ủy ban nhân dân phường An Phú", short "UBND", place "An Phú".
    const std::string ten_cap = level->value("ten_cap", "");
    std::string agency = text::nfc(opt.agency);
    if (agency.empty()) agency = "Ủy ban nhân dân " + ten_cap + " [… tên " + ten_cap + "]";
    static const std::string ubnd = "Ủy ban nhân dân";
    if (agency.rfind("UBND ", 0) == 0) agency = ubnd + agency.substr(4);
    const bool is_ubnd = text::lower(agency).rfind(text::lower(ubnd), 0) == 0;
    auto [cap_word, place] = split_level(agency, level->value("tu_cap", ojson::array()));
    if (cap_word.empty()) cap_word = ten_cap;
    if (place.empty()) place = "[… địa danh]";
    std::string head;  // the part before the level word: "Ủy ban nhân dân"
    {
        const std::string low = text::lower(agency);
        const std::size_t at = low.find(text::lower(cap_word) + " ");
        head = at == std::string::npos || at == 0 ? agency : agency.substr(0, at);
        while (!head.empty() && head.back() == ' ') head.pop_back();
    }
    vars["co_quan"] = agency;
    vars["Co_quan"] = text::capitalize_first(agency);
    vars["TEN_CO_QUAN"] = head == agency ? text::upper(agency)
                                         : text::upper(head) + "\n" + text::upper(agency.substr(head.size() + 1));
    vars["TEN_CO_QUAN_DONG_1"] = text::upper(head);
    vars["viet_tat"] = is_ubnd ? "UBND" : "[… tên viết tắt của cơ quan]";
    vars["dia_danh"] = place;
    vars["ten_dia_phuong"] = place;
    vars["cap_ten"] = cap_word;

    // Dates: the campaign runs from 01/01 to 30/11 of the year; phases share it evenly.
    const long start = days(opt.year, 1, 1);
    const long end = days(opt.year, 11, 30);
    long registration = days(opt.year, 3, 15);
    ojson phases = ojson::array();
    for (int k = 0; k < opt.phases; ++k) {
        const long s = start + (end - start + 1) * k / opt.phases;
        const long e = k + 1 == opt.phases ? end : start + (end - start + 1) * (k + 1) / opt.phases - 1;
        if (k == 0) registration = std::min(registration, e);
        ojson p = ojson::object();
        p["name"] = "Đợt " + std::to_string(k + 1);
        p["start"] = civil(s);
        p["end"] = civil(e);
        p["theme"] = "[… chủ đề của đợt " + std::to_string(k + 1) + "]";
        phases.push_back(std::move(p));
    }
    vars["han_dang_ky"] = civil(registration);

    // Units: ids "01", "02"…, names from the level's pattern with a mark.
    ojson units = ojson::array();
    for (int k = 1; k <= opt.units; ++k) {
        ojson u = ojson::object();
        std::string so = std::to_string(k);
        const std::size_t width = std::max<std::size_t>(2, std::to_string(opt.units).size());
        if (so.size() < width) so.insert(0, width - so.size(), '0');
        u["id"] = so;
        std::string pattern = level->value("don_vi_ten", "[… tên đơn vị {{so}}]");
        for (std::size_t at; (at = pattern.find("{{so}}")) != std::string::npos;) pattern.replace(at, 6, so);
        u["name"] = pattern;
        units.push_back(std::move(u));
    }

    const bool no_units = units.empty();
    vars["don_vi_list"] = std::move(units);

    Filler filler(vars, levels_path, diags);
    ojson out = filler.fill(*skel);
    if (!filler.ok()) return std::nullopt;
    if (out.contains("campaign") && out["campaign"].is_object() && !phases.empty()) {
        // "phases" goes after "review_until", where a reader expects it.
        ojson c = ojson::object();
        for (auto it = out["campaign"].begin(); it != out["campaign"].end(); ++it) {
            c[it.key()] = it.value();
            if (it.key() == "subjects") c["phases"] = phases;
        }
        if (!c.contains("phases")) c["phases"] = phases;
        out["campaign"] = std::move(c);
    }
    if (no_units) out.erase("units");
    return out.dump(2, ' ', false) + "\n";
}

}  // namespace thidua
