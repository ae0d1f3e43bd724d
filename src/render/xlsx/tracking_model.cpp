// Stage: render/xlsx (internal). Campaign JSON → TrackingModel; see tracking_model.hpp.
#include "render/xlsx/tracking_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "render/xlsx/xlsx_writer.hpp"

namespace thidua::xlsx::detail {
namespace {

using json = Json;

/// The most characters (UTF-16 units) an Excel cell holds.
constexpr std::size_t kMaxCellChars = 32767;

/// Phase headers show their dates only up to this many phases.
constexpr std::size_t kMaxDatedPhases = 6;

/// The dots printed in place of a missing number or date part.
constexpr const char* kDots = "…";

const json* member(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

/// Returns `s` without the characters XML 1.0 cannot carry (C0 controls other than tab
/// and line breaks, U+FFFE, U+FFFF): libxlsxwriter writes document properties unescaped,
/// and Excel "repairs" such files. They are invisible leftovers of copy and paste.
std::string drop_non_xml(std::string s) {
    auto bad = [](char32_t c) {
        return (c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || c == 0xFFFE ||
               c == 0xFFFF;
    };
    bool any = false;
    for (unsigned char c : s) any = any || c < 0x20 || c == 0xEF;
    if (!any) return s;
    std::vector<char32_t> cps = text::decode(s);
    cps.erase(std::remove_if(cps.begin(), cps.end(), bad), cps.end());
    return text::encode(cps);
}

/// Reads and checks the strings of the campaign: UTF-8, NFC, no characters XML refuses.
class Reader {
public:
    explicit Reader(Diagnostics& diags) : diags_(diags) {}

    /// Returns the string at `key` of `obj` (NFC), or nullopt when absent or not a string.
    /// Invalid UTF-8 is an error that names the pointer.
    std::optional<std::string> text(const json& obj, const char* key,
                                    const std::string& pointer) {
        const json* v = member(obj, key);
        if (!v || !v->is_string()) return std::nullopt;
        return checked(v->get_ref<const std::string&>(), pointer + "/" + key);
    }

    std::optional<std::string> checked(const std::string& s, const std::string& pointer) {
        if (auto bad = text::find_invalid_utf8(s)) {
            std::ostringstream msg;
            msg << "chuỗi ký tự không đúng mã UTF-8 (byte thứ " << (*bad + 1) << ")";
            error(msg.str(), pointer);
            return std::nullopt;
        }
        std::string out = drop_non_xml(text::nfc(s));
        // An Excel cell holds at most 32,767 characters (UTF-16 units); libxlsxwriter
        // refuses the whole workbook beyond that.
        std::size_t units = 0;
        for (char32_t c : text::decode(out)) units += c > 0xFFFF ? 2 : 1;
        if (units > kMaxCellChars) {
            error("chuỗi dài " + text::number(static_cast<double>(units), 0) +
                      " ký tự, quá 32.767 ký tự mà một ô Excel chứa được",
                  pointer);
            return std::nullopt;
        }
        return out;
    }

    void error(std::string message, std::string pointer) {
        Diagnostic d;
        d.severity = Severity::error;
        d.pointer = std::move(pointer);
        d.message = std::move(message);
        diags_.add(std::move(d));
    }

    void warning(std::string message, std::string pointer) {
        Diagnostic d;
        d.severity = Severity::warning;
        d.pointer = std::move(pointer);
        d.message = std::move(message);
        diags_.add(std::move(d));
    }

private:
    Diagnostics& diags_;
};

/// Replaces line breaks (a long agency name is written "BAN CHỈ ĐẠO\n138") by spaces.
std::string one_line(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// text::date_long with "…" in place of the blank day or month.
std::string date_long_dots(const text::Date& d) {
    std::istringstream in(text::date_long(d));
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    auto keyword = [](const std::string& w) {
        return w == "ngày" || w == "tháng" || w == "năm";
    };
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (!out.empty()) out += ' ';
        out += words[i];
        if (keyword(words[i]) && (i + 1 == words.size() || keyword(words[i + 1]))) {
            out += ' ';
            out += kDots;
        }
    }
    return out;
}

bool has_string(const json& j, const char* key) {
    const json* v = member(j, key);
    return v && v->is_string();
}

std::optional<TrackedIndicator> read_indicator(const json& j, const std::string& pointer,
                                               Reader& rd, std::set<std::string>& ids) {
    if (!j.is_object()) {
        rd.error("chỉ tiêu phải là một đối tượng JSON", pointer);
        return std::nullopt;
    }
    TrackedIndicator ind;
    bool ok = true;
    // A string that is present but not UTF-8 has been reported by rd.text already.
    auto id = rd.text(j, "id", pointer);
    auto name = rd.text(j, "name", pointer);
    auto unit = rd.text(j, "unit", pointer);
    const json* target = member(j, "target");
    if (id) ids.insert(*id);
    if (!id) {
        if (!has_string(j, "id")) rd.error("chỉ tiêu thiếu mã (\"id\")", pointer);
        ok = false;
    }
    if (!name || trim(*name).empty()) {
        if (!has_string(j, "name") || name) {
            rd.error("chỉ tiêu thiếu nội dung (\"name\")", pointer + "/name");
        }
        ok = false;
    }
    if (!unit) {
        if (!has_string(j, "unit")) rd.error("chỉ tiêu thiếu đơn vị tính (\"unit\")", pointer + "/unit");
        ok = false;
    }
    if (!target || !target->is_number() || target->get<double>() < 0 ||
        !std::isfinite(target->get<double>())) {
        rd.error("giá trị chỉ tiêu (\"target\") phải là một số không âm", pointer + "/target");
        ok = false;
    }
    if (!ok) return std::nullopt;
    ind.id = *id;
    ind.name = one_line(*name);
    ind.unit = trim(one_line(*unit));
    ind.target = target->get<double>();
    ind.percent = ind.unit == "%";
    if (auto dir = rd.text(j, "direction", pointer)) ind.at_most = *dir == "at_most";
    if (!ind.at_most && ind.target == 0) {
        rd.warning("chỉ tiêu \"" + ind.name + "\" có giá trị 0 nên kết quả nào cũng đạt; nếu "
                   "đây là mức không được vượt quá (ví dụ số vụ vi phạm), ghi thêm "
                   "\"direction\": \"at_most\"",
                   pointer + "/target");
    }
    return ind;
}

/// Reads an indicator list; `ids` collects every id seen, even of indicators left out.
std::vector<TrackedIndicator> read_indicators(const json& list, const std::string& pointer,
                                              Reader& rd, std::set<std::string>& ids) {
    std::vector<TrackedIndicator> out;
    if (!list.is_array()) return out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (auto ind = read_indicator(list[i], pointer + "/" + std::to_string(i), rd, ids)) {
            out.push_back(std::move(*ind));
        }
    }
    return out;
}

/// True when campaign.indicators or some campaign.areas[].indicators is a non-empty list,
/// even if none of its indicators is usable.
bool declares_indicators(const json& body) {
    auto non_empty = [](const json* v) { return v && v->is_array() && !v->empty(); };
    if (non_empty(member(body, "indicators"))) return true;
    const json* areas = member(body, "areas");
    if (!areas || !areas->is_array()) return false;
    for (const auto& a : *areas) {
        if (non_empty(member(a, "indicators"))) return true;
    }
    return false;
}

}  // namespace

std::string clean_title(const std::string& title) {
    // The markers the plan's templates read with "| md": ***, ** and * toggle the face, \*
    // is a star; a footnote [^…] is left out of a sheet's row (\[^ is "[^").
    std::string plain;
    const std::string s = one_line(title);
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '*') {
            plain += '*';
            i += 2;
        } else if (s.compare(i, 3, "\\[^") == 0) {
            plain += "[^";
            i += 3;
        } else if (s.compare(i, 2, "[^") == 0) {
            for (i += 2; i < s.size() && s[i] != ']'; ++i)
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
            ++i;
        } else if (s[i] == '*') {
            ++i;
        } else {
            plain += s[i++];
        }
    }
    std::string t = trim(one_line(plain));
    // A run-in heading of the plan ("… trật tự:") or a list item ("…;") needs no such mark
    // in a table row.
    while (!t.empty() && (t.back() == ':' || t.back() == ';' || t.back() == ' ')) t.pop_back();
    return t;
}

double TrackedUnit::target_for(const TrackedIndicator& ind) const {
    for (const auto& [ordinal, value] : targets) {
        if (ordinal == ind.ordinal) return value;
    }
    return ind.target;
}

std::size_t TrackingModel::indicator_count() const {
    std::size_t n = 0;
    for (const auto& g : groups) n += g.indicators.size();
    return n;
}

std::string plan_reference_text(const std::optional<std::string>& number, const std::string& symbol,
                                const std::optional<text::Date>& date,
                                const std::string& issuer_full_name) {
    std::string out = "(Kèm theo Kế hoạch số ";
    out += number ? *number : std::string(kDots);
    out += "/";
    out += symbol;
    out += " ";
    out += date ? date_long_dots(*date) : std::string("ngày … tháng … năm …");
    if (!issuer_full_name.empty()) {
        out += " của ";
        out += issuer_full_name;
    }
    out += ")";
    return out;
}

TrackingModel build_tracking_model(const Json& campaign, Diagnostics& diags) {
    Reader rd(diags);
    TrackingModel m;
    const json empty = json::object();
    const json* issuer = member(campaign, "issuer");
    const json* document = member(campaign, "document");
    const json* body = member(campaign, "campaign");
    if (!issuer) issuer = &empty;
    if (!document) document = &empty;
    if (!body) body = &empty;

    // Header: agency lines, plan reference, creation date.
    std::string issuer_name, full_name, short_name;
    if (auto parent = rd.text(*issuer, "parent", "/issuer"); parent && !trim(*parent).empty()) {
        m.agency_lines.push_back(text::upper(one_line(*parent)));
    }
    if (auto name = rd.text(*issuer, "name", "/issuer")) issuer_name = one_line(*name);
    if (trim(issuer_name).empty()) {
        rd.error("thiếu tên cơ quan ban hành", "/issuer/name");
    } else {
        m.agency_lines.push_back(text::upper(issuer_name));
    }
    if (auto f = rd.text(*issuer, "full_name", "/issuer")) full_name = one_line(*f);
    if (auto s = rd.text(*issuer, "short", "/issuer")) short_name = trim(*s);
    m.author = full_name.empty() ? issuer_name : full_name;
    if (auto name = rd.text(*body, "name", "/campaign")) m.campaign_name = one_line(*name);

    // A number below 10 takes a leading zero (ND 30); one the office writes as a string
    // ("0125") is printed as written, as the templates' doc_number filter does.
    std::optional<std::string> number;
    if (const json* n = member(*document, "number"); n && n->is_number_integer()) {
        number = text::pad2(n->get<long>());
    } else if (n && n->is_string()) {
        number = n->get<std::string>();
    }
    std::string symbol;
    if (auto s = rd.text(*document, "symbol", "/document"); s && !trim(*s).empty()) {
        symbol = trim(*s);
    } else {
        symbol = "KH-" + short_name;
    }
    std::optional<text::Date> date;
    if (auto d = rd.text(*document, "date", "/document")) {
        date = text::parse_date(*d);
        if (!date) rd.error("ngày văn bản không hợp lệ: \"" + *d + "\"", "/document/date");
    }
    m.plan_reference = plan_reference_text(number, symbol, date, full_name);
    m.created = date && date->complete() ? *date : text::Date{2000, 1, 1};

    // Phases: one input column each, with their dates while there are few enough columns
    // to afford them (monthly phases "Tháng 1" … "Tháng 12" need none).
    if (const json* phases = member(*body, "phases"); phases && phases->is_array()) {
        const bool with_dates = phases->size() <= kMaxDatedPhases;
        for (std::size_t i = 0; i < phases->size(); ++i) {
            const std::string ptr = "/campaign/phases/" + std::to_string(i);
            const json& p = (*phases)[i];
            std::string header = "Đợt " + std::to_string(i + 1);
            if (auto name = rd.text(p, "name", ptr); name && !trim(*name).empty()) {
                header = one_line(*name);
            }
            auto start = rd.text(p, "start", ptr);
            auto end = rd.text(p, "end", ptr);
            auto ds = start ? text::parse_date(*start) : std::nullopt;
            auto de = end ? text::parse_date(*end) : std::nullopt;
            if (with_dates && ds && de && ds->complete() && de->complete()) {
                header += "\n(" + text::date_short(*ds) + " - " + text::date_short(*de) + ")";
            }
            m.phase_headers.push_back(std::move(header));
        }
    }

    // Indicators: those of the content areas, grouped and numbered as the plan prints them;
    // the campaign-wide list only when no area has any.
    std::set<std::string> tracked_ids;
    if (const json* areas = member(*body, "areas"); areas && areas->is_array()) {
        for (std::size_t a = 0; a < areas->size(); ++a) {
            const std::string ptr = "/campaign/areas/" + std::to_string(a);
            const json& area = (*areas)[a];
            const json* list = member(area, "indicators");
            if (!list || !list->is_array() || list->empty()) continue;
            IndicatorGroup g;
            g.number = std::to_string(a + 1);
            auto title = rd.text(area, "title", ptr);
            const std::string t = title ? clean_title(*title) : std::string();
            g.title = text::upper(t.empty() ? "Nội dung " + g.number : t);
            g.indicators = read_indicators(*list, ptr + "/indicators", rd, tracked_ids);
            for (std::size_t k = 0; k < g.indicators.size(); ++k) {
                g.indicators[k].number = g.number + "." + std::to_string(k + 1);
            }
            m.groups.push_back(std::move(g));
        }
    }
    if (m.groups.empty()) {
        if (const json* list = member(*body, "indicators"); list && list->is_array()) {
            IndicatorGroup g;
            g.title = text::upper("Chỉ tiêu chung của phong trào");
            g.indicators = read_indicators(*list, "/campaign/indicators", rd, tracked_ids);
            for (std::size_t k = 0; k < g.indicators.size(); ++k) {
                g.indicators[k].number = std::to_string(k + 1);
            }
            if (!g.indicators.empty()) m.groups.push_back(std::move(g));
        }
    }
    // No indicator at all (the plan sets no numbers, and none may be invented): the content
    // areas are tracked instead, each judged "Đạt" or "Chưa đạt" in every phase.
    const json* areas = member(*body, "areas");
    if (m.groups.empty() && !declares_indicators(*body) && areas && areas->is_array() &&
        !areas->empty()) {
        m.mode = TrackingMode::areas;
        for (std::size_t a = 0; a < areas->size(); ++a) {
            TrackedArea ta;
            ta.number = std::to_string(a + 1);
            auto title = rd.text((*areas)[a], "title", "/campaign/areas/" + std::to_string(a));
            ta.title = title ? clean_title(*title) : std::string();
            if (ta.title.empty()) ta.title = "Nội dung " + ta.number;
            m.areas.push_back(std::move(ta));
        }
    }
    if (std::optional<ScoringTable> t = read_scoring(campaign)) {
        auto table_text = [&](std::string& s, const std::string& pointer) {
            s = rd.checked(s, pointer).value_or(std::string());
            s = clean_title(s);
        };
        table_text(t->title, "/campaign/scoring/title");
        for (ScoreRow& row : t->rows) {
            table_text(row.title, row.pointer + "/title");
            table_text(row.guide, row.pointer + "/guide");
        }
        for (ScoreRating& r : t->ratings) table_text(r.label, "/campaign/scoring/ratings");
        m.scoring = std::move(*t);
    }
    if (m.groups.empty() && m.areas.empty()) {
        rd.error("kế hoạch không có chỉ tiêu nào để lập bảng theo dõi (thêm \"indicators\" "
                 "vào các nội dung thi đua hoặc vào \"campaign\")",
                 "/campaign");
    }

    // Units: one sheet each.
    const json* units = member(campaign, "units");
    if (!units || !units->is_array() || units->empty()) {
        rd.error("chưa có đơn vị tham gia nào (\"units\") để lập bảng theo dõi", "/units");
        return m;
    }
    // Each tracked indicator's ordinal, by its id (the units' own targets refer to them so).
    std::map<std::string, std::uint32_t> ordinals;
    for (IndicatorGroup& g : m.groups) {
        for (TrackedIndicator& ind : g.indicators) {
            // Indicators of the same id (an error reported elsewhere) share one.
            ind.ordinal = ordinals.emplace(ind.id, static_cast<std::uint32_t>(ordinals.size()))
                              .first->second;
        }
    }
    std::vector<std::string> names;
    std::vector<bool> bad_name;  // already reported (invalid UTF-8)
    m.units.reserve(units->size());
    names.reserve(units->size());
    for (std::size_t i = 0; i < units->size(); ++i) {
        const std::string ptr = "/units/" + std::to_string(i);
        const json& u = (*units)[i];
        TrackedUnit tu;
        const std::size_t errors_before = diags.error_count();
        if (auto name = rd.text(u, "name", ptr)) tu.name = trim(one_line(*name));
        bad_name.push_back(diags.error_count() != errors_before);
        if (const json* targets = member(u, "targets"); targets && targets->is_object()) {
            tu.targets.reserve(targets->size());
            for (const auto& [id, value] : targets->items()) {
                const std::string tptr = ptr + "/targets/" + id;
                if (text::find_invalid_utf8(id)) {
                    rd.error("mã chỉ tiêu không đúng mã UTF-8", ptr + "/targets");
                    continue;
                }
                if (!value.is_number() || value.get<double>() < 0 ||
                    !std::isfinite(value.get<double>())) {
                    rd.error("chỉ tiêu riêng của đơn vị phải là một số không âm", tptr);
                    continue;
                }
                if (tracked_ids.count(id) == 0) {
                    rd.warning("chỉ tiêu riêng \"" + id +
                                   "\" không có trong bảng theo dõi của kế hoạch nên bị bỏ qua",
                               tptr);
                    continue;
                }
                // Keys of an object: once each. An id read but left out of the sheets (an
                // indicator with an error) has no ordinal: nothing is written then.
                if (auto o = ordinals.find(id); o != ordinals.end()) {
                    tu.targets.emplace_back(o->second, value.get<double>());
                }
            }
        }
        names.push_back(tu.name);
        m.units.push_back(std::move(tu));
    }
    const auto sheets = make_sheet_names(names);
    for (std::size_t i = 0; i < m.units.size(); ++i) {
        m.units[i].sheet = sheets[i];
        if (sheets[i].empty() && !bad_name[i]) {
            rd.error("đơn vị thứ " + std::to_string(i + 1) +
                         " không có tên dùng được làm tên trang tính Excel (cần ít nhất một "
                         "chữ cái hoặc chữ số)",
                     "/units/" + std::to_string(i) + "/name");
        }
    }
    return m;
}

}  // namespace thidua::xlsx::detail
