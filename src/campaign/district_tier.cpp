#include "campaign/district_tier.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <vector>

#include "base/text.hpp"
#include "campaign/schema.hpp"

namespace thidua {

namespace detail {

namespace {

/// A word of a text: its bytes and where they are.
struct Word {
    std::size_t begin = 0, end = 0;
    std::string text;   ///< as written
    std::string lower;  ///< lower-cased
};

/// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

/// True for a code point that is part of a word: ASCII letters and digits, and letters
/// with diacritics (everything from U+00C0 but the × ÷ signs and general punctuation such
/// as “ ” – …).
bool word_char(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
    return !(cp >= 0x2000 && cp <= 0x206F);
}

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> out;
    std::size_t i = 0;
    bool in_word = false;
    // Decoded once (campaign text is valid UTF-8); each code point's bytes follow from
    // its lead byte.
    for (char32_t cp : text::decode(text)) {
        if (i >= text.size()) break;
        const std::size_t n = std::min(sequence_length(static_cast<unsigned char>(text[i])),
                                       text.size() - i);
        const bool w = word_char(cp);
        if (w && !in_word) out.push_back(Word{i, i, {}, {}});
        if (w) out.back().end = i + n;
        in_word = w;
        i += n;
    }
    for (Word& w : out) {
        w.text = std::string(text.substr(w.begin, w.end - w.begin));
        w.lower = text::lower(w.text);
    }
    return out;
}

bool all_lower(const Word& w) { return w.text == w.lower; }
bool all_upper(const Word& w) { return w.text == text::upper(w.text) && w.text != w.lower; }

/// True when the word starts a sentence, a clause or the value: nothing but spaces and
/// one of . : ; ( or a line break between it and the word before.
bool starts_clause(std::string_view text, const std::vector<Word>& words, std::size_t k) {
    const std::size_t from = k == 0 ? 0 : words[k - 1].end;
    const std::string_view gap = text.substr(from, words[k].begin - from);
    if (k == 0) return true;
    return gap.find_first_of(".:;(\n") != std::string_view::npos;
}

/// True when the mention of words[k] (a capitalised "Huyện", "Quận", "Thị") is a unit and
/// not part of a proper name: it starts a clause, follows an abbreviation in capitals
/// ("UBND Huyện") or "cấp", precedes "ủy", "đoàn", "đội" ("Huyện ủy") or a number
/// ("Quận 1").
bool capitalised_is_unit(std::string_view text, const std::vector<Word>& words, std::size_t k,
                         std::size_t last) {
    if (starts_clause(text, words, k)) return true;
    const Word& before = words[k - 1];
    if (all_upper(before) || before.lower == "cấp") return true;
    if (last + 1 < words.size()) {
        const std::string& next = words[last + 1].lower;
        if (next == "ủy" || next == "đoàn" || next == "đội") return true;
        if (!next.empty() && next[0] >= '0' && next[0] <= '9') return true;
    }
    return false;
}

/// For each word, whether its clause (since the last . ; or line break) cites a numbered
/// document before it: the word "số", then a number with a "/" in it ("12/QĐ-UBND",
/// "46-CT/TW"). One pass over the words, whatever their number.
std::vector<bool> after_citation(std::string_view text, const std::vector<Word>& words) {
    std::vector<bool> out(words.size(), false);
    bool cited = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
        const std::size_t from = k == 0 ? 0 : words[k - 1].end;
        if (text.substr(from, words[k].begin - from).find_first_of(".;\n") != std::string_view::npos) {
            cited = false;
        }
        out[k] = cited;
        if (words[k].lower != "số" || k + 1 >= words.size()) continue;
        const Word& number = words[k + 1];
        if (number.text[0] < '0' || number.text[0] > '9') continue;
        if (text.substr(words[k].end, number.begin - words[k].end).find_first_not_of(" \t") !=
            std::string_view::npos) {
            continue;
        }
        const std::size_t space = text.find_first_of(" \t\n", number.begin);
        const std::string_view token = text.substr(
            number.begin, (space == std::string_view::npos ? text.size() : space) - number.begin);
        if (token.find('/') != std::string_view::npos) cited = true;
    }
    return out;
}

/// True when the mention is history: "huyện Ba Tơ cũ", "nguyên Chủ tịch UBND huyện", or in
/// a clause that cites a numbered document ("theo Quyết định số 12/QĐ-UBND của UBND huyện").
bool is_history(const std::vector<Word>& words, const std::vector<bool>& cited, std::size_t k,
                std::size_t last) {
    for (std::size_t j = last + 1; j < words.size() && j <= last + 4; ++j) {
        if (words[j].lower == "cũ") return true;
    }
    for (std::size_t j = k; j > 0 && j + 4 > k; --j) {
        if (words[j - 1].lower == "nguyên") return true;
    }
    return cited[k];
}

}  // namespace

std::optional<TierMention> find_abolished_tier(std::string_view text) {
    // Most texts name none of these: a look for their letters first spares splitting them.
    bool maybe = false;
    for (std::string_view part : {"uyện", "UYỆN", "uận", "UẬN", "hị", "HỊ"}) {
        maybe = maybe || text.find(part) != std::string_view::npos;
    }
    if (!maybe) return std::nullopt;
    const std::vector<Word> words = words_of(text);
    const std::vector<bool> cited = after_citation(text, words);
    for (std::size_t k = 0; k < words.size(); ++k) {
        const std::string& w = words[k].lower;
        std::size_t last = k;
        bool town = false;
        if (w == "huyện" || w == "quận") {
            // one word
        } else if (w == "thị" && k + 1 < words.size() &&
                   (words[k + 1].lower == "xã" || words[k + 1].lower == "trấn") &&
                   words[k + 1].begin == words[k].end + 1) {
            last = k + 1;
            town = words[k + 1].lower == "trấn";
        } else {
            continue;
        }
        const Word& first = words[k];
        const bool unit = all_lower(first) || all_upper(first) ||
                          capitalised_is_unit(text, words, k, last);
        if (!unit || is_history(words, cited, k, last)) continue;
        TierMention m;
        m.offset = first.begin;
        m.word = std::string(text.substr(first.begin, words[last].end - first.begin));
        m.town = town;
        return m;
    }
    return std::nullopt;
}

}  // namespace detail

namespace {

using json = Json;

/// The reform's day: from it on there is no district tier.
constexpr text::Date kReform{2025, 7, 1};

/// A document's date and where it is written.
struct Dated {
    text::Date date;     ///< the earliest day the (possibly partial) date can be
    std::string shown;   ///< "ngày 13/8/2025", "tháng 7 năm 2025"
    std::string pointer;
    std::string what;    ///< "Tờ trình đề nghị khen thưởng"
};

std::optional<Dated> dated(const json& root, const std::string& pointer, std::string what) {
    const json* v = lookup_pointer(root, pointer);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    std::optional<text::Date> d = text::parse_date(v->get_ref<const std::string&>());
    if (!d || d->year <= 0) return std::nullopt;
    Dated out;
    out.date = *d;
    if (out.date.month == 0) out.date.month = 1;
    if (out.date.day == 0) out.date.day = 1;
    out.shown = d->day > 0     ? "ngày " + text::date_short(*d)
                : d->month > 0 ? "tháng " + std::to_string(d->month) + " năm " + std::to_string(d->year)
                               : "năm " + std::to_string(d->year);
    out.pointer = pointer;
    out.what = std::move(what);
    return out;
}

/// The later of two dates (either may be missing).
std::optional<Dated> later(std::optional<Dated> a, std::optional<Dated> b) {
    if (!a) return b;
    if (!b) return a;
    return b->date > a->date ? b : a;
}

std::string str(const json& obj, const char* key) {
    if (!obj.is_object()) return {};
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// At most this many warnings: a generated file with a district in every string must not
/// print a hundred thousand lines.
constexpr std::size_t kMaxWarnings = 100;

class DistrictChecker {
public:
    DistrictChecker(const JsonDoc& doc, Diagnostics& diags)
        : doc_(doc), root_(doc.value), diags_(diags) {}

    void run() {
        if (!root_.is_object()) return;
        const json* type_name = lookup_pointer(root_, "/document/type_name");
        const std::string plan_name = type_name != nullptr && type_name->is_string() &&
                                              !type_name->get<std::string>().empty()
                                          ? type_name->get<std::string>()
                                          : "Kế hoạch";
        std::optional<Dated> plan = dated(root_, "/document/date", plan_name);
        std::optional<Dated> dossier =
            later(dated(root_, "/nomination/document/date", "Tờ trình đề nghị khen thưởng"),
                  dated(root_, "/nomination/council/meeting/date", "Biên bản họp xét khen thưởng"));

        // What the plan says acts: who awards, who receives it, who signs, who does what,
        // what the criteria and scores count.
        if (plan) {
            for (const char* p :
                 {"/signature", "/recipients", "/issuer/council", "/campaign/awards/*/form",
                  "/campaign/awards/*/authority", "/campaign/awards/*/text",
                  "/campaign/awards/*/body_quotas", "/campaign/awards_note",
                  "/campaign/subjects", "/campaign/criteria", "/campaign/scoring",
                  "/campaign/dossier/documents", "/campaign/dossier/copies",
                  "/campaign/dossier/deadline_text", "/campaign/tasks/*/agency",
                  "/campaign/tasks/*/text", "/campaign/tasks/*/items",
                  "/campaign/indicators/*/name", "/campaign/indicators/*/text",
                  "/campaign/areas/*/indicators/*/name", "/campaign/areas/*/indicators/*/text",
                  "/units/*/name", "/units/*/head_title", "/units/*/agency", "/units/*/parent",
                  "/units/*/signature"}) {
                scan(p, *plan);
            }
        }
        // The issuer heads every document that prints it: the plan, the dossier when the
        // dossier has no issuer of its own, the registrations.
        std::optional<Dated> issuer_date = plan;
        if (lookup_pointer(root_, "/nomination/issuer") == nullptr) {
            issuer_date = later(issuer_date, dossier);
        }
        if (const json* units = lookup_pointer(root_, "/units"); units && units->is_array()) {
            for (std::size_t i = 0; i < units->size(); ++i) {
                const std::string base = pointer_append("/units", i);
                std::optional<Dated> reg = dated(root_, base + "/registration/date",
                                                 "bản đăng ký thi đua của " + name_of(base));
                if (!reg) continue;
                issuer_date = later(issuer_date, reg);
                for (const std::string& p :
                     {base + "/registration/titles", base + "/registration/awards",
                      base + "/registration/individuals/*/position",
                      base + "/registration/individuals/*/title",
                      base + "/registration/individuals/*/award"}) {
                    scan(p, *reg);
                }
            }
        }
        for (const char* p : {"/issuer/parent", "/issuer/name", "/issuer/full_name"}) {
            if (issuer_date) scan(p, *issuer_date);
        }
        if (dossier) {
            for (const char* p :
                 {"/nomination/issuer", "/nomination/signature", "/nomination/recipient",
                  "/nomination/council/name", "/nomination/council/chair/title",
                  "/nomination/council/secretary/title", "/nomination/nominees/*/award",
                  "/nomination/nominees/*/title", "/nomination/nominees/*/position",
                  "/nomination/nominees/*/unit"}) {
                scan(p, *dossier);
            }
        }
        if (const json* nominees = lookup_pointer(root_, "/nomination/nominees");
            nominees && nominees->is_array()) {
            for (std::size_t i = 0; i < nominees->size(); ++i) {
                const std::string base = pointer_append("/nomination/nominees", i);
                if (str((*nominees)[i], "kind") == "collective" && dossier) {
                    scan(base + "/name", *dossier);
                }
                std::optional<Dated> report = dated(
                    root_, base + "/report/date", "báo cáo thành tích của " + str((*nominees)[i], "name"));
                if (!report) report = dossier;
                if (report) scan(base + "/report/signer_title", *report);
            }
        }
    }

private:
    std::string name_of(const std::string& unit_pointer) const {
        const json* n = lookup_pointer(root_, unit_pointer + "/name");
        return n != nullptr && n->is_string() ? n->get<std::string>() : unit_pointer;
    }

    /// Calls `fn` with every pointer `pattern` names, "*" standing for any element or
    /// member.
    void expand(const std::string& done, std::string_view rest,
                const std::function<void(const std::string&)>& fn) const {
        if (rest.empty()) {
            if (lookup_pointer(root_, done) != nullptr) fn(done);
            return;
        }
        const std::size_t slash = rest.find('/', 1);
        const std::string_view part = rest.substr(1, slash == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : slash - 1);
        const std::string_view next =
            slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
        if (part != "*") {
            expand(pointer_append(done, part), next, fn);
            return;
        }
        const json* v = lookup_pointer(root_, done);
        if (v == nullptr) return;
        if (v->is_array()) {
            for (std::size_t i = 0; i < v->size(); ++i) expand(pointer_append(done, i), next, fn);
        } else if (v->is_object()) {
            for (const auto& [key, value] : v->items()) expand(pointer_append(done, key), next, fn);
        }
    }

    /// Every string at or under `pointer` (a pattern), checked against `d`.
    void scan(const std::string& pattern, const Dated& d) {
        if (d.date < kReform) return;
        expand("", pattern, [&](const std::string& p) { walk(p, d); });
    }

    void walk(const std::string& pointer, const Dated& d) {
        const json* v = lookup_pointer(root_, pointer);
        if (v == nullptr) return;
        if (v->is_string()) {
            check_string(pointer, v->get_ref<const std::string&>(), d);
        } else if (v->is_array()) {
            for (std::size_t i = 0; i < v->size(); ++i) walk(pointer_append(pointer, i), d);
        } else if (v->is_object()) {
            for (const auto& [key, value] : v->items()) walk(pointer_append(pointer, key), d);
        }
    }

    void check_string(const std::string& pointer, const std::string& s, const Dated& d) {
        std::optional<detail::TierMention> m = detail::find_abolished_tier(s);
        if (!m) return;
        // Only what is reported is remembered (every string of ten thousand units would
        // be 10 MB of pointers); a string reached twice is read twice.
        if (!reported_.insert(pointer).second) return;
        if (++count_ > kMaxWarnings) {
            if (count_ == kMaxWarnings + 1) {
                Diagnostic note;
                note.severity = Severity::warning;
                note.file = doc_.source.path();
                note.message = "còn chỗ khác nêu cấp huyện; chỉ báo " +
                               std::to_string(kMaxWarnings) + " chỗ đầu tiên";
                diags_.add(std::move(note));
            }
            return;
        }
        const LineCol lc = doc_.source.line_col(doc_.positions.value_offset(d.pointer));
        std::string message = d.what + " " + d.shown + " (" + d.pointer + ", dòng " +
                              std::to_string(lc.line) + ", cột " + std::to_string(lc.col) +
                              ") còn nêu “" + m->word + "” như ";
        if (m->town) {
            message += "một đơn vị hành chính đang có, nhưng từ ngày 01/7/2025 thị trấn đã "
                       "thành xã hoặc phường";
        } else {
            message += "một cấp chính quyền đang hoạt động, nhưng cấp huyện đã kết thúc từ ngày "
                       "01/7/2025: việc của Chủ tịch UBND cấp huyện nay do Chủ tịch UBND cấp xã "
                       "quyết định";
        }
        warning_in_string(doc_, diags_, pointer, m->offset, std::move(message));
    }

    const JsonDoc& doc_;
    const json& root_;
    Diagnostics& diags_;
    std::set<std::string> reported_;
    std::size_t count_ = 0;
};

}  // namespace

void check_district_tier(const JsonDoc& doc, Diagnostics& diags) {
    DistrictChecker(doc, diags).run();
}

}  // namespace thidua
