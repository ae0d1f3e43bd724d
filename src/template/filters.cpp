#include "template/filters.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/suggest.hpp"
#include "base/text.hpp"
#include "campaign/json_source.hpp"
#include "campaign/nomination.hpp"
#include "template/limits.hpp"

namespace thidua::tpl {

namespace detail {

using K = Type::Kind;

Type same(const Type& in, const std::vector<Type>&) { return in; }
Type string_result(const Type&, const std::vector<Type>&) { return Type::of(K::string); }
Type integer_result(const Type&, const std::vector<Type>&) { return Type::of(K::integer); }
Type rich_result(const Type&, const std::vector<Type>&) { return Type::of(K::rich); }

std::map<std::string, FilterSignature> make_filters() {
    std::map<std::string, FilterSignature> m;
    auto add = [&](FilterSignature s) { m.emplace(s.name, std::move(s)); };
    add({"upper", "viết hoa toàn bộ", {K::string}, "", 0, 0, false, string_result});
    add({"lower", "viết thường toàn bộ", {K::string}, "", 0, 0, false, string_result});
    add({"capitalize", "viết hoa chữ cái đầu", {K::string}, "", 0, 0, false, string_result});
    add({"lower_first", "viết thường chữ cái đầu (để trích yếu đứng giữa câu)", {K::string}, "", 0, 0,
         false, string_result});
    add({"oneline", "thay các chỗ xuống dòng bằng dấu cách", {K::string}, "", 0, 0, false,
         string_result});
    add({"trim", "bỏ khoảng trắng hai đầu", {K::string}, "", 0, 0, false, string_result});
    add({"date_long", "ngày dạng \"ngày 05 tháng 01 năm 2025\"", {K::date}, "", 0, 0, false,
         string_result});
    add({"date_short", "ngày dạng \"05/8/2025\"", {K::date}, "", 0, 0, false, string_result});
    add({"date_padded", "ngày dạng \"05/08/2025\"", {K::date}, "", 0, 0, false, string_result});
    add({"date_slash", "ngày dạng \"03/2/2025\", \"25/11/2022\" (ngày có số 0, tháng không)", {K::date}, "",
         0, 0, false, string_result});
    add({"date_month_year", "tháng và năm: \"tháng 11 năm 2022\"", {K::date}, "", 0, 0, false,
         string_result});
    add({"date", "ngày theo một kiểu: date(\"long\") → \"25 tháng 11 năm 2022\", \"short\" → "
                 "\"03/02/2025\", \"slash\" → \"03/2/2025\", \"padded\" → \"03/02/2025\", "
                 "\"month_year\" → \"tháng 11 năm 2022\"",
         {K::date}, "", 1, 1, false, string_result});
    add({"date_dm", "ngày và tháng \"04/02\"; date_dm(kiểu) theo kiểu ngày: \"04/2\", \"04 tháng 02\"",
         {K::date}, "", 0, 1, false, string_result});
    add({"year", "năm của một ngày", {K::date}, "", 0, 0, false, integer_result});
    add({"pad2", "số đếm có số 0 đứng trước: \"02\"", {K::integer, K::number}, "", 0, 0, false,
         string_result});
    add({"number", "số có dấu chấm hàng nghìn: \"2.340.000\"", {K::integer, K::number}, "", 0, 0,
         false, string_result});
    add({"doc_number", "số văn bản: số nguyên dưới 10 có số 0 đứng trước (\"05\"), số ghi dạng chuỗi in nguyên như cơ quan ghi (\"0125\")",
         {K::integer, K::string}, "", 0, 0, false, string_result});
    add({"roman", "số La Mã: \"IV\"", {K::integer}, "", 0, 0, false, string_result});
    add({"letter", "chữ cái thứ tự điểm: a, b, c, d, đ, e", {K::integer}, "", 0, 0, false,
         string_result});
    add({"length", "số phần tử", {K::array, K::string, K::object}, "", 0, 0, false,
         integer_result});
    add({"default", "giá trị thay thế khi trống", {}, "", 1, 1, false,
         [](const Type& in, const std::vector<Type>& args) {
             Type t = in.kind == K::any && !args.empty() ? args[0] : in;
             t.nullable = false;
             return t;
         }});
    add({"join", "nối các phần tử bằng một chuỗi", {K::array}, "", 1, 1, false, string_result});
    add({"md", "hiểu **đậm**, *nghiêng* và chú thích [^…] trong dữ liệu", {K::string}, "", 0, 0, false,
         rich_result});
    add({"footnote", "chú thích chân trang mang nội dung này (in số chú thích tại chỗ)", {K::string}, "", 0, 0, false,
         rich_result});
    add({"fill", "thay các chỗ {ten} bằng giá trị", {K::string}, "", 1, 64, true, string_result});
    add({"fill_indicators", "thay {mã-chỉ-tiêu} bằng giá trị chỉ tiêu", {K::string}, "", 1, 1,
         false, string_result});
    add({"target", "giá trị chỉ tiêu: \"80%\", \"01 mô hình\"; target(v) in giá trị v thay cho giá trị của Kế hoạch", {K::object}, "indicator", 0, 1,
         false, string_result});
    add({"indicator", "câu chỉ tiêu đã điền giá trị", {K::object}, "indicator", 0, 0, false,
         string_result});
    add({"cite", "dẫn văn bản: \"Kế hoạch số … ngày … của …\"", {K::object}, "citation", 0, 0,
         false, string_result});
    add({"map", "áp một bộ lọc cho từng phần tử: map(\"indicator\")", {K::array}, "", 1, 1, false,
         [](const Type&, const std::vector<Type>&) { return Type::of(K::array); }});
    add({"trim_end", "bỏ dấu câu và khoảng trắng ở cuối trước khi nối thêm: \"thiết yếu.\" → "
                     "\"thiết yếu\"; trim_end(\".\") chỉ bỏ các dấu đã ghi (mặc định \".;,\")",
         {K::string}, "", 0, 1, false, string_result});
    add({"replace", "thay mọi chỗ chuỗi a bằng chuỗi b: replace(\":\", \" giờ \")", {K::string}, "", 2, 2,
         false, string_result});
    add({"percent", "tỷ lệ phần trăm trên một tổng, một chữ số thập phân: 7 | percent(9) → \"77,8%\"",
         {K::integer, K::number}, "", 1, 1, false, string_result});
    add({"award_label", "cách ghi một hình thức khen thưởng: \"Giấy khen của Chủ tịch UBND huyện\"",
         {K::object}, "award", 0, 0, false, string_result});
    add({"passes", "tập thể, cá nhân đạt tỷ lệ phiếu của Hội đồng: nominee | passes(council)",
         {K::object}, "nominee", 1, 1, false,
         [](const Type&, const std::vector<Type>&) { return Type::of(K::boolean); }});
    add({"passed", "những tập thể, cá nhân đạt tỷ lệ phiếu: nominees | passed(council)", {K::array},
         "", 1, 1, false, same});
    add({"unit_name", "tên đơn vị khi giá trị là mã một đơn vị trong units: unit | unit_name(units)",
         {K::string}, "", 1, 1, false, string_result});
    add({"first", "phần tử đầu", {K::array}, "", 0, 0, false, same});
    add({"last", "phần tử cuối", {K::array}, "", 0, 0, false, same});
    return m;
}

bool truthy_string(const Json& j) { return j.is_string() && !j.get<std::string>().empty(); }

std::string str(const Json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return {};
    return j[key].get<std::string>();
}

bool is_whole(double v) { return std::floor(v) == v && std::fabs(v) < 1e15; }

std::string plain(const Json& j) {
    if (j.is_string()) return j.get<std::string>();
    // Unsigned first: is_number_integer() holds for both, and 2^64-1 is not -1.
    if (j.is_number_unsigned()) return std::to_string(j.get<unsigned long long>());
    if (j.is_number_integer()) return std::to_string(j.get<long long>());
    if (j.is_number()) return text::number(j.get<double>());
    if (j.is_boolean()) return j.get<bool>() ? "đúng" : "sai";
    return {};
}

}  // namespace detail

const std::map<std::string, FilterSignature>& filters() {
    static const auto table = detail::make_filters();
    return table;
}

std::string format_target(const Json& ind) {
    if (!ind.is_object() || !ind.contains("target") || !ind["target"].is_number()) return {};
    double v = ind["target"].get<double>();
    std::string unit = detail::str(ind, "unit");
    if (unit == "%") return text::number(v) + "%";
    // Counts 1-9 take a leading zero ("01 mô hình"); nothing is "0", not "00".
    std::string n = detail::is_whole(v) && v != 0 ? text::pad2(static_cast<long>(v)) : text::number(v);
    return unit.empty() ? n : n + " " + unit;
}

std::string format_indicator(const Json& ind) {
    std::string t = detail::str(ind, "text");
    if (t.empty()) return format_target(ind) + " " + detail::str(ind, "name");
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
        if (t.compare(i, 8, "{target}") == 0) {
            out += format_target(ind);
            i += 8;
        } else if (t.compare(i, 7, "{value}") == 0) {
            double v = ind.value("target", 0.0);
            out += text::number(v);
            i += 7;
        } else {
            out += t[i++];
        }
    }
    return out;
}

const std::vector<std::string>& date_styles() {
    static const std::vector<std::string> styles = {"long", "short", "slash", "padded",
                                                     "month_year"};
    return styles;
}

namespace {

constexpr std::string_view kBlankPart = "  ";  // a blank day or month, as text::date_long

std::string day_part(const text::Date& d) {
    return d.day > 0 ? text::pad2(d.day) : std::string(kBlankPart);
}

std::string year_part(const text::Date& d) {
    return d.year > 0 ? std::to_string(d.year) : std::string(kBlankPart);
}

/// "25 tháng 11 năm 2022": text::date_long without its "ngày ".
std::string long_without_ngay(const text::Date& d) {
    static constexpr std::string_view ngay = "ngày ";
    return text::date_long(d).substr(ngay.size());
}

}  // namespace

std::optional<std::string> format_date(const text::Date& d, std::string_view style) {
    if (style == "long") return long_without_ngay(d);
    if (style == "short") return text::date_short(d);
    if (style == "padded") return text::date_padded(d);
    if (style == "slash") {
        return day_part(d) + "/" + (d.month > 0 ? std::to_string(d.month) : std::string(kBlankPart)) +
               "/" + year_part(d);
    }
    if (style == "month_year") {
        const std::string l = text::date_long(d);
        return l.substr(l.find("tháng"));
    }
    return std::nullopt;
}

std::optional<std::string> format_day_month(const text::Date& d, std::string_view style) {
    if (style == "long") {
        const std::string l = long_without_ngay(d);
        return l.substr(0, l.find(" năm "));
    }
    if (style == "month_year") {
        const std::string l = text::date_long(d);
        const std::size_t t = l.find("tháng");
        return l.substr(t, l.find(" năm ") - t);
    }
    if (style == "short" || style == "slash" || style == "padded") {
        // short: the month padded only for 1-2 (ND 30 §1.4), as text::date_short.
        std::string month = d.month == 0 ? std::string(kBlankPart)
                            : style == "padded" || (style == "short" && d.month < 3)
                                ? text::pad2(d.month)
                                : std::to_string(d.month);
        return day_part(d) + "/" + month;
    }
    return std::nullopt;
}

std::string format_citation(const Json& c) {
    using detail::str;
    std::string free = str(c, "text");
    if (!free.empty()) return free;
    std::string out;
    auto add = [&](const std::string& s) {
        if (s.empty()) return;
        if (!out.empty()) out += ' ';
        out += s;
    };
    std::string type = str(c, "type"), number = str(c, "number"), name = str(c, "name");
    add(type);
    if (!number.empty()) add("số " + number);
    add(name);
    std::string date = str(c, "date");
    if (!date.empty()) {
        if (auto d = text::parse_date(date)) {
            // The style the plan writes its citations in (schema: dateStyle); "tháng 11 năm
            // 2022" stands without "ngày".
            std::string style = str(c, "date_style");
            std::optional<std::string> shown = format_date(*d, style);
            if (!shown) shown = text::date_short(*d);
            add(style == "month_year" ? *shown : "ngày " + *shown);
        }
    }
    std::string issuer = str(c, "issuer");
    if (!issuer.empty()) add("của " + issuer);
    add(str(c, "subject"));
    add(str(c, "note"));
    return out;
}

namespace {

/// One pass over marked-up text: parse_markup keeps the runs, markup_error the first
/// mistake.
struct MarkupScan {
    doc::Runs runs;
    std::optional<MarkupError> error;

    void fail(std::size_t at, std::string msg) {
        if (!error) error = MarkupError{at, std::move(msg)};
    }
};

std::string unclosed_message(const std::string& marker, bool in_note) {
    const std::string style = marker == "*" ? "in nghiêng" : marker == "**" ? "in đậm" : "in đậm nghiêng";
    return "dấu \"" + marker + "\" không có dấu đóng" + (in_note ? " trong chú thích" : "") +
           ": phần chữ sau nó sẽ " + style + " và dấu \"" + marker +
           "\" không được in; viết \\* để in dấu *, hoặc thêm dấu \"" + marker + "\" đóng" +
           (in_note ? " trước dấu \"]\" của chú thích" : "");
}

MarkupScan scan_markup(const std::string& s) {
    MarkupScan out;
    // The text's own styles and those inside the note being read; a note's markers must
    // close inside it.
    struct State {
        bool bold = false, italic = false;
        std::optional<std::size_t> bold_at, italic_at;
        std::string bold_marker, italic_marker;
    };
    State text_state, note_state;
    bool in_note = false;
    std::size_t note_at = 0;
    doc::Run marker;  // the footnote being read
    std::string buf;
    auto state = [&]() -> State& { return in_note ? note_state : text_state; };
    auto flush = [&] {
        if (buf.empty()) return;
        doc::Runs& into = in_note ? marker.note : out.runs;
        into.push_back(doc::Run{buf, state().bold, state().italic, false});
        buf.clear();
    };
    auto toggle = [&](std::size_t i, int n) {
        flush();
        State& st = state();
        std::string m(static_cast<std::size_t>(n), '*');
        if (n != 1) {
            st.bold = !st.bold;
            st.bold_at = st.bold_at ? std::nullopt : std::optional<std::size_t>(i);
            st.bold_marker = m;
        }
        if (n != 2) {
            st.italic = !st.italic;
            st.italic_at = st.italic_at ? std::nullopt : std::optional<std::size_t>(i);
            st.italic_marker = m;
        }
    };
    auto report_unclosed = [&](const State& st, bool note) {
        if (st.bold_at && (!st.italic_at || *st.bold_at <= *st.italic_at)) {
            out.fail(*st.bold_at, unclosed_message(st.bold_marker, note));
        } else if (st.italic_at) {
            out.fail(*st.italic_at, unclosed_message(st.italic_marker, note));
        }
    };
    auto close_note = [&] {
        flush();
        report_unclosed(note_state, true);
        bool empty = true;
        for (const doc::Run& r : marker.note)
            if (r.text.find_first_not_of(" \t\n") != std::string::npos) empty = false;
        if (empty) {
            out.fail(note_at, "chú thích \"[^ ]\" không có chữ: viết nội dung chú thích trước dấu \"]\", "
                              "hoặc bỏ \"[^ ]\"; viết \\[^ để in \"[^\" nguyên văn");
            marker.note.clear();
        } else {
            // The note's text without the spaces that set it off from the brackets.
            auto& first = marker.note.front().text;
            first.erase(0, first.find_first_not_of(" \t\n"));
            auto& last = marker.note.back().text;
            last.erase(last.find_last_not_of(" \t\n") + 1);
            if (first.empty()) marker.note.erase(marker.note.begin());
            if (!marker.note.empty() && marker.note.back().text.empty()) marker.note.pop_back();
            out.runs.push_back(std::move(marker));
        }
        marker = doc::Run{};
        note_state = State{};
        in_note = false;
    };
    for (std::size_t i = 0; i < s.size();) {
        // Most of a text is plain: copy up to the next character that can start a marker.
        if (const std::size_t special = std::min(s.find_first_of("\\[]*", i), s.size()); special != i) {
            buf.append(s, i, special - i);
            i = special;
            continue;
        }
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '*') {
            buf += '*';
            i += 2;
        } else if (s.compare(i, 3, "\\[^") == 0) {
            buf += "[^";
            i += 3;
        } else if (in_note && s.compare(i, 2, "\\]") == 0) {
            buf += ']';
            i += 2;
        } else if (s.compare(i, 2, "[^") == 0) {
            if (in_note) {
                out.fail(i, "chú thích không lồng trong chú thích: đóng chú thích trước bằng dấu \"]\"; "
                            "viết \\[^ để in \"[^\" nguyên văn");
                buf += "[^";
                i += 2;
                continue;
            }
            flush();
            in_note = true;
            note_at = i;
            i += 2;
        } else if (in_note && s[i] == ']') {
            close_note();
            i += 1;
        } else if (s.compare(i, 3, "***") == 0) {
            toggle(i, 3);
            i += 3;
        } else if (s.compare(i, 2, "**") == 0) {
            toggle(i, 2);
            i += 2;
        } else if (s[i] == '*') {
            toggle(i, 1);
            i += 1;
        } else {
            buf += s[i++];
        }
    }
    if (in_note) {
        out.fail(note_at, "chú thích \"[^\" không có dấu \"]\" đóng: thêm \"]\" sau nội dung chú thích; "
                          "viết \\[^ để in \"[^\" nguyên văn");
        close_note();
    }
    flush();
    report_unclosed(text_state, false);
    return out;
}

}  // namespace

doc::Runs parse_markup(const std::string& s) { return scan_markup(s).runs; }

std::optional<MarkupError> markup_error(const std::string& s) { return scan_markup(s).error; }

namespace detail {

/// How fill_placeholders ended.
enum class Fill { ok, missing, too_long };

Fill fill_placeholders(const std::string& t, const std::function<bool(const std::string&, std::string&)>& lookup,
                       std::string& out, std::string& missing) {
    out.clear();
    // The next "}" at or after a position, found once for all the "{" before it: looking
    // again for each "{" would take quadratic time on "{{{{…".
    std::size_t next_close = 0;
    bool none_left = false;
    for (std::size_t i = 0; i < t.size();) {
        if (out.size() > max_string_bytes) return Fill::too_long;
        if (t[i] == '{' && !none_left) {
            if (next_close <= i) {
                next_close = t.find('}', i + 1);
                none_left = next_close == std::string::npos;
            }
            std::size_t close = next_close;
            if (close != std::string::npos) {
                std::string key = t.substr(i + 1, close - i - 1);
                bool plausible = !key.empty() && key.find(' ') == std::string::npos &&
                                 key.find('{') == std::string::npos;
                if (plausible) {
                    std::string val;
                    if (!lookup(key, val)) {
                        missing = key;
                        return Fill::missing;
                    }
                    if (out.size() + val.size() > max_string_bytes) return Fill::too_long;
                    out += val;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += t[i++];
    }
    return out.size() > max_string_bytes ? Fill::too_long : Fill::ok;
}

/// The error of a filter whose result would pass max_string_bytes.
std::string too_long(const std::string& name) {
    return "bộ lọc \"" + name + "\" tạo chuỗi dài quá " + std::to_string(max_string_bytes >> 20) +
           " MiB";
}

}  // namespace detail

std::string unknown_date_style(const std::string& style) {
    std::string list;
    for (const std::string& s : date_styles()) list += (list.empty() ? "" : ", ") + s;
    std::string message = "không có kiểu ngày " + quote_for_message(style) + " (các kiểu: " + list + ")";
    std::string close = closest_name(style, date_styles());
    if (!close.empty()) message += "; có phải \"" + close + "\"?";
    return message;
}

namespace {

bool apply_filter_impl(const std::string& name, const Value& input, const std::vector<Value>& args,
                       const std::vector<std::string>& arg_names, Value& out, std::string& error,
                       std::string& error_pointer, std::size_t& error_offset) {
    const Json& j = input.get();
    auto need_string = [&]() -> bool {
        if (j.is_string()) return true;
        error = "bộ lọc \"" + name + "\" cần chuỗi văn bản";
        error_pointer = input.pointer;
        return false;
    };
    auto need_date = [&](text::Date& d) -> bool {
        if (j.is_string()) {
            if (auto p = text::parse_date(j.get<std::string>())) {
                d = *p;
                return true;
            }
        }
        error = "bộ lọc \"" + name + "\" cần một ngày dạng năm-tháng-ngày";
        error_pointer = input.pointer;
        return false;
    };
    auto need_number = [&](double& v) -> bool {
        if (j.is_number()) {
            v = j.get<double>();
            return true;
        }
        error = "bộ lọc \"" + name + "\" cần một số";
        error_pointer = input.pointer;
        return false;
    };
    out = Value{};
    if (name == "upper" || name == "lower" || name == "capitalize" || name == "trim" ||
        name == "lower_first" || name == "oneline") {
        if (!need_string()) return false;
        std::string s = j.get<std::string>();
        if (name == "upper") s = text::upper(s);
        else if (name == "lower_first") {
            std::size_t n = 1;
            while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
            s = text::lower(s.substr(0, n)) + s.substr(std::min(n, s.size()));
        } else if (name == "oneline") {
            std::string o;
            for (char c : s) {
                if (c == '\n') {
                    while (!o.empty() && o.back() == ' ') o.pop_back();
                    o += ' ';
                } else if (!(c == ' ' && !o.empty() && o.back() == ' ')) {
                    o += c;
                }
            }
            s = o;
        }
        else if (name == "lower") s = text::lower(s);
        else if (name == "capitalize") s = text::capitalize_first(s);
        else {
            auto b = s.find_first_not_of(" \t\n");
            auto e = s.find_last_not_of(" \t\n");
            s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
        }
        out.owned = s;
        return true;
    }
    if (name.rfind("date_", 0) == 0 || name == "date" || name == "year") {
        text::Date d;
        if (!need_date(d)) return false;
        if (name == "date_long") out.owned = text::date_long(d);
        else if (name == "date_short") out.owned = text::date_short(d);
        else if (name == "date_padded") out.owned = text::date_padded(d);
        else if (name == "date_slash") out.owned = *format_date(d, "slash");
        else if (name == "date_month_year") out.owned = *format_date(d, "month_year");
        else if (name == "year") out.owned = d.year;
        else {
            // date(style), date_dm and date_dm(style).
            std::string style = "short";
            if (!args.empty()) {
                const Json& a = args[0].get();
                style = a.is_string() ? a.get<std::string>() : std::string();
            }
            std::optional<std::string> s =
                name == "date" ? format_date(d, style) : format_day_month(d, style);
            if (!s) {
                error = unknown_date_style(style);
                error_pointer = args.empty() ? std::string() : args[0].pointer;
                return false;
            }
            out.owned = *s;
        }
        return true;
    }
    if (name == "pad2" || name == "number" || name == "roman" || name == "letter") {
        double v;
        if (!need_number(v)) return false;
        if (name == "number") {
            out.owned = text::number(v);
            return true;
        }
        // Checked as a double before any cast to int (a cast out of range is undefined).
        const double lo = name == "pad2" ? std::numeric_limits<int>::min() : 1;
        const double hi = name == "pad2"    ? std::numeric_limits<int>::max()
                          : name == "roman" ? text::max_roman
                                            : text::max_diem_letter;
        if (!detail::is_whole(v) || v < lo || v > hi) {
            error = "bộ lọc \"" + name + "\" cần một số nguyên từ " +
                    std::to_string(static_cast<long long>(lo)) + " đến " +
                    std::to_string(static_cast<long long>(hi));
            error_pointer = input.pointer;
            return false;
        }
        const int n = static_cast<int>(v);
        out.owned = name == "pad2"    ? text::pad2(n)
                    : name == "roman" ? text::roman(n)
                                      : text::diem_letter(n);
        return true;
    }
    if (name == "doc_number") {
        // ND 30 Phụ lục I: a number below 10 takes a leading zero; an office that numbers
        // "0125" writes it as a string, printed as written.
        if (j.is_string()) {
            out.owned = j.get<std::string>();
            return true;
        }
        double v;
        if (!need_number(v)) return false;
        if (!detail::is_whole(v) || v < 0 || v > 1e12) {
            error = "bộ lọc \"doc_number\" cần một số nguyên không âm hoặc một chuỗi";
            error_pointer = input.pointer;
            return false;
        }
        out.owned = text::pad2(static_cast<long>(v));
        return true;
    }
    if (name == "length") {
        if (j.is_string()) out.owned = text::length(j.get<std::string>());
        else if (j.is_array() || j.is_object()) out.owned = j.size();
        else out.owned = 0;
        return true;
    }
    if (name == "default") {
        bool empty = j.is_null() || (j.is_string() && j.get<std::string>().empty()) ||
                     (j.is_array() && j.empty());
        out = empty ? args.at(0) : input;
        return true;
    }
    if (name == "join") {
        std::string sep = detail::plain(args.at(0).get());
        std::string s;
        bool first = true;
        for (const auto& e : j) {
            std::string item = detail::plain(e);
            if (s.size() + (first ? 0 : sep.size()) + item.size() > max_string_bytes) {
                error = detail::too_long(name);
                return false;
            }
            if (!first) s += sep;
            s += item;
            first = false;
        }
        out.owned = s;
        return true;
    }
    if (name == "md") {
        if (!need_string()) return false;
        if (auto m = markup_error(j.get_ref<const std::string&>())) {
            error = m->message;
            error_pointer = input.pointer;
            // At the marker when the text is the campaign's own; a text the template
            // built (fill, ~) is reported at the value it came from, or at the template.
            if (input.ref) error_offset = m->offset;
            return false;
        }
        out.rich = true;
        out.runs = parse_markup(j.get<std::string>());
        return true;
    }
    if (name == "footnote") {
        if (!need_string()) return false;
        // The note's text may hold ** and *, but not a note of its own.
        const std::string& body = j.get_ref<const std::string&>();
        std::string as_note = "[^";
        for (char c : body) {
            if (c == ']') as_note += '\\';
            as_note += c;
        }
        as_note += ']';
        if (std::optional<MarkupError> m = markup_error(as_note)) {
            error = m->message;
            error_pointer = input.pointer;
            if (input.ref) error_offset = std::min(m->offset >= 2 ? m->offset - 2 : 0, body.size());
            return false;
        }
        out.rich = true;
        out.runs = parse_markup(as_note);
        return true;
    }
    if (name == "fill") {
        if (!need_string()) return false;
        std::string result, missing;
        auto lookup = [&](const std::string& key, std::string& val) {
            for (std::size_t i = 0; i < args.size(); ++i) {
                if (arg_names[i] == key) {
                    val = detail::plain(args[i].get());
                    return true;
                }
            }
            return false;
        };
        detail::Fill f = detail::fill_placeholders(j.get<std::string>(), lookup, result, missing);
        if (f == detail::Fill::too_long) {
            error = detail::too_long(name);
            return false;
        }
        if (f == detail::Fill::missing) {
            std::string known;
            for (const auto& n : arg_names) known += (known.empty() ? "" : ", ") + ("{" + n + "}");
            error = "chỗ thay \"{" + missing + "}\" không có giá trị; dùng được: " + known;
            error_pointer = input.pointer;
            return false;
        }
        out.owned = result;
        out.pointer = input.pointer;  // a mistake found later in the text is in this value
        return true;
    }
    if (name == "fill_indicators") {
        if (!need_string()) return false;
        const Json& list = args.at(0).get();
        // Each indicator by id, the first of a repeated id: one pass over the list, not
        // one per placeholder.
        std::map<std::string, const Json*> by_id;
        if (list.is_array()) {
            for (const auto& ind : list) {
                if (ind.is_object()) by_id.emplace(detail::str(ind, "id"), &ind);
            }
        }
        std::string result, missing;
        auto lookup = [&](const std::string& key, std::string& val) {
            auto it = by_id.find(key);
            if (it == by_id.end()) return false;
            val = format_target(*it->second);
            return true;
        };
        detail::Fill f = detail::fill_placeholders(j.get<std::string>(), lookup, result, missing);
        if (f == detail::Fill::too_long) {
            error = detail::too_long(name);
            return false;
        }
        if (f == detail::Fill::missing) {
            error = "chỉ tiêu \"" + missing + "\" không có trong danh sách chỉ tiêu";
            error_pointer = input.pointer;
            return false;
        }
        out.owned = result;
        return true;
    }
    if (name == "target" || name == "indicator" || name == "cite") {
        if (!j.is_object()) {
            error = "bộ lọc \"" + name + "\" cần một đối tượng";
            error_pointer = input.pointer;
            return false;
        }
        if (name == "target" && !args.empty()) {
            const auto& v = args[0].get();
            if (!v.is_null()) {
                if (!v.is_number()) {
                    error = "giá trị chỉ tiêu phải là một số";
                    error_pointer = args[0].pointer;
                    return false;
                }
                Json copy = j;
                copy["target"] = v;
                out.owned = format_target(copy);
                return true;
            }
        }
        out.owned = name == "target"      ? format_target(j)
                    : name == "indicator" ? format_indicator(j)
                                          : format_citation(j);
        return true;
    }
    if (name == "trim_end") {
        // Strips what a joined tail would double: "thiết yếu." + " (…)." must not read
        // "thiết yếu. (…).". Whitespace, then any of the marks (whole code points), repeated.
        if (!need_string()) return false;
        const std::string marks = args.empty() ? std::string(".;,") : detail::plain(args[0].get());
        std::vector<std::string> points;
        for (std::size_t i = 0; i < marks.size();) {
            std::size_t n = 1;
            while (i + n < marks.size() && (static_cast<unsigned char>(marks[i + n]) & 0xC0) == 0x80) ++n;
            points.push_back(marks.substr(i, n));
            i += n;
        }
        std::string s = j.get<std::string>();
        for (bool again = true; again;) {
            again = false;
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.pop_back();
            for (const std::string& m : points) {
                if (s.size() >= m.size() && s.compare(s.size() - m.size(), m.size(), m) == 0) {
                    s.resize(s.size() - m.size());
                    again = true;
                    break;
                }
            }
        }
        out.owned = s;
        return true;
    }
    if (name == "replace") {
        if (!need_string()) return false;
        std::string from = detail::plain(args.at(0).get()), to = detail::plain(args.at(1).get());
        std::string s = j.get<std::string>();
        if (!from.empty()) {
            std::string o;
            for (std::size_t i = 0; i < s.size();) {
                if (o.size() + to.size() > max_string_bytes) {
                    error = detail::too_long(name);
                    return false;
                }
                if (s.compare(i, from.size(), from) == 0) {
                    o += to;
                    i += from.size();
                } else {
                    o += s[i++];
                }
            }
            s = o;
        }
        out.owned = s;
        return true;
    }
    if (name == "percent") {
        double v, total;
        if (!need_number(v)) return false;
        const auto& t = args.at(0).get();
        if (!t.is_number() || t.get<double>() <= 0) {
            error = "bộ lọc \"percent\" cần tổng là một số dương";
            error_pointer = args.at(0).pointer;
            return false;
        }
        total = t.get<double>();
        const double per_mille = std::round(v * 1000.0 / total);
        if (!std::isfinite(per_mille)) {  // 1e308 | percent(0.5) printed "∞%"
            error = "số quá lớn: bộ lọc \"percent\" cho kết quả vượt quá giới hạn của số thập phân";
            error_pointer = input.pointer;
            return false;
        }
        out.owned = text::number(per_mille / 10.0, 1) + "%";
        return true;
    }
    if (name == "award_label") {
        if (!j.is_object()) {
            error = "bộ lọc \"award_label\" cần một hình thức khen thưởng";
            error_pointer = input.pointer;
            return false;
        }
        out.owned = award_label(j);
        return true;
    }
    if (name == "passes") {
        out.owned = j.is_object() && vote_passes(j, args.at(0).get());
        return true;
    }
    if (name == "passed") {
        Json result = Json::array();
        if (j.is_array()) {
            for (const auto& n : j) {
                if (vote_passes(n, args.at(0).get())) result.push_back(n);
            }
        }
        out.owned = std::move(result);
        return true;
    }
    if (name == "unit_name") {
        if (!need_string()) return false;
        std::string id = j.get<std::string>();
        out.owned = id;
        const auto& units = args.at(0).get();
        if (units.is_array()) {
            for (const auto& u : units) {
                if (u.is_object() && detail::str(u, "id") == id && u.contains("name")) {
                    out.owned = u["name"];
                }
            }
        }
        return true;
    }
    if (name == "map") {
        const Json& fname = args.at(0).get();
        if (!fname.is_string() || fname == "map" || !filters().count(fname.get<std::string>())) {
            error = "bộ lọc \"map\" cần tên một bộ lọc khác";
            return false;
        }
        if (!j.is_array()) {
            error = "bộ lọc \"map\" cần một danh sách";
            error_pointer = input.pointer;
            return false;
        }
        Json result = Json::array();
        for (std::size_t i = 0; i < j.size(); ++i) {
            Value item;
            if (input.ref) {
                item.ref = &(*input.ref)[i];
                item.pointer = input.pointer + "/" + std::to_string(i);
            } else {
                item.owned = j[i];
            }
            Value r;
            if (!apply_filter(fname.get<std::string>(), item, {}, {}, r, error, error_pointer,
                              &error_offset)) {
                return false;
            }
            result.push_back(r.get());
        }
        out.owned = std::move(result);
        return true;
    }
    if (name == "first" || name == "last") {
        if (!j.is_array() || j.empty()) {
            error = "bộ lọc \"" + name + "\" cần một danh sách không rỗng";
            error_pointer = input.pointer;
            return false;
        }
        std::size_t i = name == "first" ? 0 : j.size() - 1;
        if (input.ref) {
            out.ref = &(*input.ref)[i];
            out.pointer = input.pointer + "/" + std::to_string(i);
        } else {
            out.owned = j[i];
        }
        return true;
    }
    error = "không có bộ lọc \"" + name + "\"";
    return false;
}

}  // namespace

bool apply_filter(const std::string& name, const Value& input, const std::vector<Value>& args,
                  const std::vector<std::string>& arg_names, Value& out, std::string& error,
                  std::string& error_pointer, std::size_t* error_offset) {
    std::size_t offset = std::string::npos;
    const bool ok = apply_filter_impl(name, input, args, arg_names, out, error, error_pointer, offset);
    if (error_offset != nullptr) *error_offset = offset;
    if (!ok) return false;
    // What the filters that only map text (upper, oneline, …) build, checked once here.
    // (A reference passes the campaign's own text through: not built here.)
    if (!out.ref && out.owned.is_string() &&
        out.owned.get_ref<const std::string&>().size() > max_string_bytes) {
        out = Value{};
        error = detail::too_long(name);
        error_pointer.clear();
        return false;
    }
    return true;
}

}  // namespace thidua::tpl
