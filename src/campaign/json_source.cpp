#include "campaign/json_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>
#include <vector>

#include "base/text.hpp"

namespace thidua {

namespace detail {

using json = Json;

void report_error(Diagnostics& diags, const SourceFile& file, std::size_t offset,
                  std::string message, std::string pointer, Severity severity) {
    LineCol lc = file.line_col(offset);
    Diagnostic d;
    d.severity = severity;
    d.file = file.path();
    d.line = lc.line;
    d.col = lc.col;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    std::string_view line = file.line_text(lc.line);
    if (line.size() <= max_source_line_bytes) d.source_line = std::string(line);
    diags.add(std::move(d));
}

/// One lexical token of the JSON text, found again after nlohmann's parser accepted it.
struct Token {
    enum Kind { eof, punct, string, bare };
    Kind kind = eof;
    std::size_t start = 0;
    std::size_t end = 0;
};

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_punct(char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
}

/// Returns the token that starts at or after `i`: punctuation, a string (up to its closing
/// quote, or up to a control character or the end of the text when it is unclosed), or a
/// run of other characters (numbers, literals, mistakes).
Token next_token(std::string_view t, std::size_t i) {
    while (i < t.size() && is_json_space(t[i])) ++i;
    Token tok;
    tok.start = i;
    if (i >= t.size()) {
        tok.end = t.size();
        return tok;
    }
    char c = t[i];
    if (is_punct(c)) {
        tok.kind = Token::punct;
        tok.end = i + 1;
        return tok;
    }
    if (c == '"') {
        tok.kind = Token::string;
        std::size_t j = i + 1;
        while (j < t.size()) {
            unsigned char d = static_cast<unsigned char>(t[j]);
            if (d == '"') {
                ++j;
                break;
            }
            if (d < 0x20) break;
            if (d == '\\' && j + 1 < t.size()) ++j;
            ++j;
        }
        tok.end = std::min(j, t.size());
        return tok;
    }
    tok.kind = Token::bare;
    std::size_t j = i;
    while (j < t.size() && !is_json_space(t[j]) && !is_punct(t[j]) && t[j] != '"') ++j;
    tok.end = j;
    return tok;
}

/// The objects and arrays being read, one buffer of members and one of elements per
/// nesting level, reused from one container to the next: a container becomes a json value
/// of exactly its size when it closes (members sorted by key once), so the tree holds no
/// spare capacity, no vector grows by doubling in it (leaving freed pieces behind), and a
/// large object costs O(n log n), not the O(n²) of inserting each member in sorted place.
class OpenContainers {
public:
    /// Starts a container at nesting level `level` (0 for the outermost).
    void open(std::size_t level) {
        if (levels_.size() <= level) levels_.resize(level + 1);
    }
    /// Whether the object open at `level` has a member `key` already.
    bool has_member(std::size_t level, const InternedKey& key) {
        Level& l = levels_[level];
        if (l.members.size() < index_from) {
            for (const auto& m : l.members) {
                if (m.first == key) return true;
            }
            return false;
        }
        if (l.seen.empty()) {
            for (const auto& m : l.members) l.seen.insert(&m.first.str());
        }
        return l.seen.count(&key.str()) != 0;
    }
    /// Adds a member (null until its value comes) and returns where its value goes.
    Json* add_member(std::size_t level, const InternedKey& key) {
        Level& l = levels_[level];
        l.members.emplace_back(key, nullptr);
        if (!l.seen.empty()) l.seen.insert(&key.str());
        return &l.members.back().second;
    }
    Json* add_element(std::size_t level) {
        auto& e = levels_[level].elements;
        e.emplace_back();
        return &e.back();
    }
    /// Moves the members of the object at `level` (keys all different) into `into`.
    void close_object(std::size_t level, Json& into) {
        Level& l = levels_[level];
        order_.resize(l.members.size());
        for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
        std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
            return l.members[a].first < l.members[b].first;
        });
        Json::object_t object;
        object.reserve(order_.size());
        for (std::size_t i : order_) {
            object.emplace(std::move(l.members[i].first), std::move(l.members[i].second));
        }
        into = std::move(object);
        l.members.clear();
        l.seen.clear();
    }
    void close_array(std::size_t level, Json& into) {
        auto& e = levels_[level].elements;
        into = Json::array_t(std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
        e.clear();
    }

private:
    /// Objects with this many members look a repeated key up in a hash set.
    static constexpr std::size_t index_from = 32;
    struct Level {
        std::vector<Json::object_t::value_type> members;
        std::vector<Json> elements;
        std::unordered_set<const std::string*> seen;  ///< interned: one pointer per key
    };
    std::vector<Level> levels_;  ///< moving a Level keeps its buffers: pointers stay valid
    std::vector<std::size_t> order_;
};

/// Builds the value alone from nlohmann's SAX events, for a file read with no position
/// index: it fails (false from an event) at anything a caller would have to report — a
/// repeated key, nesting past max_json_depth, a syntax error — so that the caller can
/// read the file again with the index and report it at its line and column.
class PlainBuilder final : public nlohmann::json_sax<Json> {
public:
    Json take_root() { return std::move(root_); }

    bool null() override { return scalar(nullptr); }
    bool boolean(bool v) override { return scalar(v); }
    bool number_integer(number_integer_t v) override { return scalar(v); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
    bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
    // Copied, not moved: the parser's buffer grew by doubling, a copy has the string's size
    // (and the parser keeps its buffer for the next string).
    bool string(string_t& v) override { return scalar(v); }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return start(true); }
    bool start_array(std::size_t) override { return start(false); }
    bool end_object() override { return finish(); }
    bool end_array() override { return finish(); }
    bool key(string_t& k) override {
        const std::size_t level = stack_.size() - 1;
        const InternedKey key(k);
        if (open_.has_member(level, key)) return false;
        member_ = open_.add_member(level, key);
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    struct Frame {
        Json* slot;  ///< where the container goes when it closes
        bool object;
    };
    Json* place() {
        if (stack_.empty()) return &root_;
        if (stack_.back().object) return member_;
        return open_.add_element(stack_.size() - 1);
    }
    bool scalar(Json v) {
        *place() = std::move(v);
        return true;
    }
    bool start(bool object) {
        if (stack_.size() >= static_cast<std::size_t>(max_json_depth)) return false;
        Json* slot = place();
        open_.open(stack_.size());
        stack_.push_back({slot, object});
        return true;
    }
    bool finish() {
        const Frame f = stack_.back();
        const std::size_t level = stack_.size() - 1;
        if (f.object) open_.close_object(level, *f.slot);
        else open_.close_array(level, *f.slot);
        stack_.pop_back();
        return true;
    }

    Json root_;
    std::vector<Frame> stack_;
    OpenContainers open_;
    Json* member_ = nullptr;
};

/// Builds the value and the position index from nlohmann's SAX events; with `values`
/// false, only the index (of a text read before without one: PositionIndex builds itself
/// on demand so, and the text is known to hold no repeated key).
class Builder final : public nlohmann::json_sax<json> {
public:
    Builder(const SourceFile& source, PositionIndex& index, Diagnostics& diags,
            bool values = true)
        : source_(source), text_(source.text()), index_(index), diags_(diags), values_(values) {}

    json take_root() { return std::move(root_); }

    bool null() override { return scalar(nullptr); }
    bool boolean(bool v) override { return scalar(v); }
    bool number_integer(number_integer_t v) override { return scalar(v); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
    bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
    // Copied, not moved: the parser's buffer grew by doubling, a copy has the string's size
    // (and the parser keeps its buffer for the next string).
    bool string(string_t& v) override { return scalar(v); }
    bool binary(binary_t&) override { return true; }  // never produced by the JSON parser

    bool start_object(std::size_t) override { return start(true); }
    bool start_array(std::size_t) override { return start(false); }
    bool end_object() override { return finish(); }
    bool end_array() override { return finish(); }

    bool key(string_t& k) override {
        Token tok = consume();
        Frame& f = stack_.back();
        f.member = nullptr;
        f.member_pointer.clear();
        if (f.container == nullptr) return true;  // inside a repeated member: dropped
        std::string pointer = pointer_append(f.pointer, k);
        const std::size_t level = stack_.size() - 1;
        const std::optional<InternedKey> key =
            values_ ? std::optional<InternedKey>(k) : std::nullopt;
        if (key && open_.has_member(level, *key)) {
            if (++repeated_ <= max_repeated_keys) {
                report_error(diags_, source_, tok.start,
                             "trường " + quote_for_message(k) + " bị lặp lại", pointer);
            } else if (repeated_ == max_repeated_keys + 1) {
                diags_.error_at(source_.path(), 0, 0,
                                "còn trường lặp lại khác; chỉ báo " +
                                    std::to_string(max_repeated_keys) + " trường đầu tiên");
            }
            return true;
        }
        index_.set_key(pointer, tok.start);
        f.member = key ? open_.add_member(level, *key) : &scratch_;
        f.member_pointer = std::move(pointer);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        report_syntax(position, ex);
        return false;
    }

private:
    struct Frame {
        json* container = nullptr;  ///< nullptr: the values inside are dropped
        bool object = false;
        std::string pointer;
        std::size_t open = 0;         ///< offset of "{" or "["
        std::size_t next_index = 0;   ///< arrays: index of the next element
        json* member = nullptr;       ///< objects: where the next value goes
        std::string member_pointer;
    };

    /// Finds the next value or punctuation token in the text, past a "," or ":" that the
    /// parser has already accepted, and moves the cursor behind it.
    Token consume() {
        Token tok = next_token(text_, cursor_);
        if (tok.kind == Token::punct && (text_[tok.start] == ',' || text_[tok.start] == ':')) {
            tok = next_token(text_, tok.end);
        }
        cursor_ = tok.end;
        return tok;
    }

    /// Returns where the next value goes and sets `pointer` to its JSON pointer, or
    /// returns nullptr when the value is to be dropped (a repeated member).
    json* place(std::string& pointer) {
        if (stack_.empty()) {
            pointer.clear();
            return &root_;
        }
        Frame& f = stack_.back();
        if (f.object) {
            json* slot = f.member;
            pointer = f.member_pointer;
            f.member = nullptr;
            return slot;
        }
        std::size_t i = f.next_index++;
        if (f.container == nullptr) return nullptr;
        pointer = pointer_append(f.pointer, i);
        if (!values_) return &scratch_;
        return open_.add_element(stack_.size() - 1);
    }

    bool scalar(json v) {
        Token tok = consume();
        std::string pointer;
        if (json* slot = place(pointer)) {
            if (values_) *slot = std::move(v);
            index_.set_value(pointer, tok.start);
        }
        return true;
    }

    bool start(bool object) {
        Token tok = consume();
        std::string pointer;
        json* slot = place(pointer);
        if (stack_.size() >= static_cast<std::size_t>(max_json_depth)) {
            if (slot == nullptr) {
                // Inside a dropped member: name the place by its parent.
                pointer = stack_.back().pointer;
            }
            report_error(diags_, source_, tok.start,
                         "dữ liệu lồng quá sâu: quá " + std::to_string(max_json_depth) + " cấp",
                         pointer);
            return false;
        }
        if (slot != nullptr) {
            if (values_) open_.open(stack_.size());
            index_.set_value(pointer, tok.start);
        }
        Frame f;
        f.container = slot;
        f.object = object;
        f.pointer = std::move(pointer);
        f.open = tok.start;
        stack_.push_back(std::move(f));
        return true;
    }

    bool finish() {
        consume();
        const Frame& f = stack_.back();
        if (values_ && f.container != nullptr) {
            if (f.object) open_.close_object(stack_.size() - 1, *f.container);
            else open_.close_array(stack_.size() - 1, *f.container);
        }
        stack_.pop_back();
        return true;
    }

    std::string token_text(const Token& t) const {
        return std::string(text_.substr(t.start, t.end - t.start));
    }

    std::string where(std::size_t offset) const {
        LineCol lc = source_.line_col(offset);
        return "dòng " + std::to_string(lc.line) + ", cột " + std::to_string(lc.col);
    }

    void syntax(std::size_t offset, const std::string& what) {
        report_error(diags_, source_, offset, "cú pháp JSON sai: " + what);
    }

    /// Turns one of nlohmann's parse errors into a Vietnamese message at the token where
    /// the mistake is (not where the parser noticed it).
    void report_syntax(std::size_t position, const nlohmann::detail::exception& ex) {
        const std::string what = ex.what();
        auto has = [&](const char* s) { return what.find(s) != std::string::npos; };
        std::size_t bad = position == 0 ? 0 : std::min(position - 1, text_.size());

        // The token that holds `bad` (cur) and the one before it (prev).
        Token prev;
        bool has_prev = false;
        Token cur = next_token(text_, cursor_);
        while (cur.kind != Token::eof && cur.end <= bad) {
            prev = cur;
            has_prev = true;
            cur = next_token(text_, cur.end);
        }
        // The start of a bare token (number or literal) the lexer was reading at `bad`.
        auto bare_start = [&]() -> std::size_t {
            if (cur.kind == Token::bare && cur.start <= bad) return cur.start;
            if (has_prev && prev.kind == Token::bare && prev.end == bad) return prev.start;
            return bad;
        };
        auto bare_text = [&]() -> std::string {
            if (cur.kind == Token::bare && cur.start <= bad) return token_text(cur);
            if (has_prev && prev.kind == Token::bare && prev.end == bad) return token_text(prev);
            return std::string(text_.substr(bad, 1));
        };
        auto punct_is = [&](const Token& t, char c) {
            return t.kind == Token::punct && text_[t.start] == c;
        };

        if (ex.id == 406) {
            syntax(bare_start(), "số quá lớn " + quote_for_message(bare_text()));
            return;
        }
        if (has("invalid string")) {
            std::size_t string_start = has_prev && prev.kind == Token::string ? prev.start
                                       : cur.kind == Token::string        ? cur.start
                                                                          : bad;
            if (has("missing closing quote") || has("U+000A")) {
                syntax(string_start, has("U+000A")
                                         ? "chuỗi chưa đóng (muốn xuống dòng trong chuỗi, "
                                           "hãy viết \\n)"
                                         : "chuỗi chưa đóng");
            } else if (has("control character")) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "%04X",
                              static_cast<unsigned>(static_cast<unsigned char>(text_[bad])));
                syntax(bad, std::string("ký tự điều khiển U+") + buf +
                                " trong chuỗi phải viết dạng thoát (\\t, \\n hoặc \\u" + buf +
                                ")");
            } else if (has("forbidden character after backslash")) {
                std::size_t at = bad > 0 ? bad - 1 : bad;
                syntax(at, "\"\\" + std::string(text_.substr(bad, 1)) +
                               "\" không phải cách viết thoát hợp lệ; dấu \\ trong chuỗi "
                               "phải viết thành \\\\");
            } else if (has("4 hex digits") || has("surrogate")) {
                std::size_t at = bad;
                while (at > string_start && !(text_[at] == '\\' && at + 1 < text_.size() &&
                                              text_[at + 1] == 'u')) {
                    --at;
                }
                syntax(at, has("surrogate")
                               ? "cặp \\u thay thế (surrogate) không hợp lệ"
                               : "sau \\u phải có đúng 4 chữ số hệ mười sáu");
            } else {
                syntax(bad, "chuỗi không hợp lệ");
            }
            return;
        }
        if (has("invalid literal")) {
            std::string word = bare_text();
            if (!word.empty() && word[0] == '/') {
                syntax(bare_start(), "JSON không cho phép chú thích");
                return;
            }
        }
        if (has("unexpected end of input")) {
            std::size_t end = text_.size();
            while (end > 0 && is_json_space(text_[end - 1])) --end;
            if (stack_.empty()) {
                syntax(0, "tệp rỗng, không có dữ liệu JSON");
                return;
            }
            const Frame& f = stack_.back();
            syntax(end, std::string("tệp kết thúc giữa chừng; thiếu \"") +
                            (f.object ? '}' : ']') + "\" đóng \"" + (f.object ? '{' : '[') +
                            "\" mở ở " + where(f.open));
            return;
        }
        if (has("; expected end of input")) {
            std::size_t at = cur.kind != Token::eof && cur.start <= bad ? cur.start : bare_start();
            syntax(at, "còn nội dung thừa sau khi dữ liệu JSON đã kết thúc");
            return;
        }
        if (has("invalid number")) {
            syntax(bare_start(), "số viết sai " + quote_for_message(bare_text()));
            return;
        }
        if (has("invalid literal")) {
            std::string word = bare_text();
            if (has("; expected string literal")) {
                syntax(bare_start(), "tên trường phải đặt trong dấu ngoặc kép, gặp " +
                                         quote_for_message(word));
            } else if (has("; expected ':'")) {
                syntax(bare_start(), "thiếu dấu hai chấm sau tên trường");
            } else {
                syntax(bare_start(), "giá trị không hợp lệ " + quote_for_message(word) +
                                         " (chuỗi văn bản phải đặt trong dấu ngoặc kép; "
                                         "ngoài số chỉ dùng được true, false, null)");
            }
            return;
        }
        // The offending token; when the cursor ran past it (a bare run such as "1-2" that
        // the parser splits in two), the character where the parser stopped.
        const std::size_t at = cur.kind != Token::eof && cur.start <= bad ? cur.start : bad;
        if (has("; expected ':'")) {
            syntax(at, "thiếu dấu hai chấm sau tên trường");
            return;
        }
        if (has("; expected string literal")) {
            if (punct_is(cur, '}') && has_prev && punct_is(prev, ',')) {
                syntax(prev.start, "dấu phẩy thừa trước \"}\"");
            } else {
                syntax(at, "cần tên trường trong dấu ngoặc kép");
            }
            return;
        }
        if (has("; expected '[', '{', or a literal")) {
            if (punct_is(cur, ']') && has_prev && punct_is(prev, ',')) {
                syntax(prev.start, "dấu phẩy thừa trước \"]\"");
            } else if (has_prev && punct_is(prev, ':')) {
                syntax(at, "thiếu giá trị sau dấu hai chấm");
            } else if (punct_is(cur, ',')) {
                syntax(at, "thiếu giá trị trước dấu phẩy");
            } else {
                syntax(at, "cần một giá trị");
            }
            return;
        }
        if (has("; expected '}'") || has("; expected ']'")) {
            if (bad > 0 && text_[bad] >= '0' && text_[bad] <= '9' && text_[bad - 1] == '0') {
                // "01": the parser read "0" as a number and then stumbled on "1".
                std::size_t start = bad - 1;
                while (start > 0 && text_[start - 1] >= '0' && text_[start - 1] <= '9') --start;
                if (start > 0 && text_[start - 1] == '-') --start;
                syntax(start, "số không được viết số 0 ở đầu");
            } else if (!stack_.empty() && cur.start <= bad &&
                       (punct_is(cur, '}') || punct_is(cur, ']'))) {
                const Frame& f = stack_.back();
                syntax(at, std::string("dấu \"") + text_[cur.start] + "\" không khớp với \"" +
                               (f.object ? '{' : '[') + "\" mở ở " + where(f.open));
            } else {
                syntax(at, "thiếu dấu phẩy hoặc dấu đóng ngoặc");
            }
            return;
        }
        syntax(at, "không đọc được dữ liệu JSON");
    }

    const SourceFile& source_;
    std::string_view text_;
    PositionIndex& index_;
    Diagnostics& diags_;
    json root_;
    std::vector<Frame> stack_;
    std::size_t cursor_ = 0;
    std::size_t repeated_ = 0;
    const bool values_;
    json scratch_;  ///< without values: where each value would go (left null)
    OpenContainers open_;
    static constexpr std::size_t max_repeated_keys = 100;
};

/// Returns the number of UTF-8 bytes of a code point.
std::size_t utf8_size(unsigned cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

unsigned hex4(std::string_view t, std::size_t i) {
    unsigned v = 0;
    for (std::size_t k = i; k < i + 4 && k < t.size(); ++k) {
        char c = t[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    }
    return v;
}

void report(const JsonDoc& doc, Diagnostics& diags, std::size_t offset, std::string message,
            const std::string& pointer) {
    report_at(doc, diags, pointer, offset, std::move(message));
}

void report_at(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
               std::size_t offset, std::string message, Severity severity) {
    if (const CellPlace* c = doc.positions.cell(pointer)) {
        diags.at_cell(c->file, c->sheet, c->row, c->col, std::move(message), severity);
        return;
    }
    report_error(diags, doc.source, offset, std::move(message), pointer, severity);
}

}  // namespace detail

void PositionIndex::ensure() const {
    if (built_) return;
    built_ = true;  // set_value and set_key below record, without coming back here
    try {
        // The text was parsed once already, without a mistake: no message comes of this.
        Diagnostics none;
        detail::Builder builder(*source_, const_cast<PositionIndex&>(*this), none, false);
        Json::sax_parse(source_->text(), &builder);
        for (const auto& [pointer, like] : like_) {
            const Entry e{value_offset(like), key_offset(like)};
            entries_[pointer] = e;
        }
    } catch (...) {
        entries_.clear();
        built_ = false;
        throw;
    }
}

void PositionIndex::set_value(const std::string& pointer, std::size_t offset) {
    ensure();
    entries_[pointer].value = offset;
}

void PositionIndex::set_key(const std::string& pointer, std::size_t offset) {
    ensure();
    entries_[pointer].key = offset;
}

void PositionIndex::place_like(const std::string& pointer, const std::string& like) {
    like_.emplace_back(pointer, like);
    if (!built_) return;
    const Entry e{value_offset(like), key_offset(like)};
    entries_[pointer] = e;
}

void PositionIndex::release() {
    if (!on_demand_) return;
    std::unordered_map<std::string, Entry>().swap(entries_);
    built_ = false;
}

const PositionIndex::Entry* PositionIndex::find(const std::string& pointer) const {
    ensure();
    auto it = entries_.find(pointer);
    return it == entries_.end() ? nullptr : &it->second;
}

std::size_t PositionIndex::value_offset(const std::string& pointer) const {
    std::string p = pointer;
    for (;;) {
        if (const Entry* e = find(p); e != nullptr && e->value != npos) return e->value;
        if (p.empty()) return 0;
        p.erase(p.rfind('/'));
    }
}

std::size_t PositionIndex::key_offset(const std::string& pointer) const {
    if (const Entry* e = find(pointer); e != nullptr && e->key != npos) return e->key;
    return value_offset(pointer);
}

void PositionIndex::set_cell(const std::string& pointer, CellPlace place) {
    cells_[pointer] = std::move(place);
}

const CellPlace* PositionIndex::cell(const std::string& pointer) const {
    if (cells_.empty()) return nullptr;
    std::string p = pointer;
    for (;;) {
        if (auto it = cells_.find(p); it != cells_.end()) return &it->second;
        if (const Entry* e = find(p); e != nullptr && e->value != npos) return nullptr;
        if (p.empty()) return nullptr;
        p.erase(p.rfind('/'));
    }
}

std::string place_of(const JsonDoc& doc, const std::string& pointer, const std::string& from) {
    if (const CellPlace* c = doc.positions.cell(pointer)) {
        std::string out = c->col > 0 ? "ô " + cell_name(c->row, c->col)
                                     : "dòng " + std::to_string(c->row);
        const CellPlace* here = doc.positions.cell(from);
        const bool same = here != nullptr && here->file == c->file && here->sheet == c->sheet;
        if (!same && !c->sheet.empty()) out += " của trang \"" + c->sheet + "\"";
        if (here == nullptr || here->file != c->file) out += " tệp " + quote_for_message(c->file);
        return out;
    }
    LineCol lc = doc.source.line_col(doc.positions.value_offset(pointer));
    std::string out = "dòng " + std::to_string(lc.line) + ", cột " + std::to_string(lc.col);
    // Said at a cell, a line means nothing without the file it is in.
    if (doc.positions.cell(from) != nullptr) out += " tệp " + quote_for_message(doc.source.path());
    return out;
}

std::string pointer_append(const std::string& pointer, std::string_view key) {
    std::string out = pointer;
    out += '/';
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
    return pointer + '/' + std::to_string(index);
}

namespace {

/// parse_json; `owned`, when given, holds `bytes` and is emptied once they are normalised
/// (a 10 MB file is not kept twice while it is parsed).
std::optional<JsonDoc> parse_bytes(std::string path, std::string_view bytes, std::string* owned,
                                   Diagnostics& diags, JsonPositions positions) {
    if (bytes.size() > max_json_bytes) {
        diags.error_at(path, 0, 0,
                       "tệp quá lớn: " + text::number(static_cast<double>(bytes.size()), 0) +
                           " byte, giới hạn " +
                           text::number(static_cast<double>(max_json_bytes), 0) + " byte");
        return std::nullopt;
    }
    if (auto bad = text::find_invalid_utf8(bytes)) {
        SourceFile raw(path, std::string(bytes));
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X",
                      static_cast<unsigned>(static_cast<unsigned char>(bytes[*bad])));
        detail::report_error(diags, raw, *bad,
                    std::string("tệp không phải văn bản UTF-8 hợp lệ: byte ") + buf +
                        " sai chỗ; hãy lưu tệp với bảng mã UTF-8");
        return std::nullopt;
    }
    JsonDoc doc;
    std::string text = text::normalize_input(bytes);
    if (owned != nullptr) std::string().swap(*owned);
    // Normalising may leave room the text, kept as long as the document, never uses.
    if (text.capacity() - text.size() > text.size() / 16) text.shrink_to_fit();
    doc.source = SourceFile(std::move(path), std::move(text));
    if (positions == JsonPositions::on_demand) {
        // A large text is kept deflated from now on, and read a piece at a time: the text
        // and the value it becomes are never both whole in memory.
        doc.source.pack();
        detail::PlainBuilder plain;
        SourceFile::Chars chars(doc.source);
        if (Json::sax_parse(chars.begin(), chars.end(), &plain)) {
            doc.value = plain.take_root();
            doc.positions.find_on_demand();
            return doc;
        }
        // Something to report: read again with the index, which reports it in place.
    }
    if (positions == JsonPositions::none) {
        detail::PlainBuilder plain;
        if (!Json::sax_parse(doc.source.text(), &plain)) {
            diags.error_at(doc.source.path(), 0, 0, "cú pháp JSON sai hoặc trường lặp lại");
            return std::nullopt;
        }
        doc.value = plain.take_root();
        return doc;
    }
    const std::size_t errors_before = diags.error_count();
    detail::Builder builder(doc.source, doc.positions, diags);
    bool ok = Json::sax_parse(doc.source.text(), &builder);
    if (!ok) {
        if (diags.error_count() == errors_before) {
            detail::report_error(diags, doc.source, 0,
                                 "cú pháp JSON sai: không đọc được dữ liệu JSON");
        }
        return std::nullopt;
    }
    doc.value = builder.take_root();
    return doc;
}

}  // namespace

std::optional<JsonDoc> parse_json(std::string path, std::string_view bytes, Diagnostics& diags,
                                  JsonPositions positions) {
    return parse_bytes(std::move(path), bytes, nullptr, diags, positions);
}

std::optional<JsonDoc> parse_json_file(const std::string& path, Diagnostics& diags,
                                       JsonPositions positions) {
    // Open once and judge what was opened. Without waiting: a named pipe nobody writes to
    // would block the open forever; read, it ends at once (an empty file).
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        diags.error_at(path, 0, 0, errno == ENOENT || errno == ENOTDIR ? "không tìm thấy tệp"
                                                                      : "không mở được tệp");
        return std::nullopt;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        diags.error_at(path, 0, 0, "không đọc được tệp");
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        diags.error_at(path, 0, 0, "đây là thư mục, không phải tệp");
        return std::nullopt;
    }
    const bool regular = S_ISREG(st.st_mode);
    if (regular && static_cast<std::uintmax_t>(st.st_size) > max_json_bytes) {
        diags.error_at(path, 0, 0,
                       "tệp quá lớn: " + text::number(static_cast<double>(st.st_size), 0) +
                           " byte, giới hạn " +
                           text::number(static_cast<double>(max_json_bytes), 0) + " byte");
        return std::nullopt;
    }
    // A pipe that has a writer (thidua check <(…)) is read as it comes.
    if (!regular) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    // Read by the size, and at most one byte past the limit, in case the file grew.
    std::string bytes;
    bytes.reserve(regular ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16);
    char buf[1 << 16];
    while (bytes.size() <= max_json_bytes) {
        const std::size_t want = std::min(sizeof buf, max_json_bytes + 1 - bytes.size());
        const ssize_t n = ::read(fd, buf, want);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            diags.error_at(path, 0, 0, "không đọc được tệp");
            return std::nullopt;
        }
        if (n == 0) break;
        bytes.append(buf, static_cast<std::size_t>(n));
    }
    if (bytes.empty() && S_ISFIFO(st.st_mode)) {
        diags.error_at(path, 0, 0, "đây là một ống dẫn (FIFO) mà không chương trình nào ghi vào; "
                                   "hãy đưa đường dẫn tới tệp JSON");
        return std::nullopt;
    }
    return parse_bytes(path, bytes, &bytes, diags, positions);
}

void error_at_value(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                    std::string message) {
    detail::report(doc, diags, doc.positions.value_offset(pointer), std::move(message), pointer);
}

void error_at_key(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                  std::string message) {
    detail::report(doc, diags, doc.positions.key_offset(pointer), std::move(message), pointer);
}

void warning_at_value(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                      std::string message) {
    detail::report_at(doc, diags, pointer, doc.positions.value_offset(pointer),
                      std::move(message), Severity::warning);
}

std::size_t offset_in_string(const JsonDoc& doc, const std::string& pointer,
                             std::size_t byte_in_value) {
    std::string_view t = doc.source.text();
    std::size_t i = doc.positions.value_offset(pointer);
    if (i < t.size() && t[i] == '"') {
        ++i;
        std::size_t decoded = 0;
        while (i < t.size() && t[i] != '"' && decoded < byte_in_value) {
            if (t[i] != '\\' || i + 1 >= t.size()) {
                ++i;
                ++decoded;
                continue;
            }
            if (t[i + 1] != 'u') {
                i += 2;
                ++decoded;
                continue;
            }
            unsigned cp = detail::hex4(t, i + 2);
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < t.size() && t[i] == '\\' &&
                t[i + 1] == 'u') {
                unsigned low = detail::hex4(t, i + 2);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }
            decoded += detail::utf8_size(cp);
        }
    }
    return i;
}

void error_in_string(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                     std::size_t byte_in_value, std::string message) {
    detail::report(doc, diags, offset_in_string(doc, pointer, byte_in_value), std::move(message),
                   pointer);
}

void warning_in_string(const JsonDoc& doc, Diagnostics& diags, const std::string& pointer,
                       std::size_t byte_in_value, std::string message) {
    detail::report_at(doc, diags, pointer, offset_in_string(doc, pointer, byte_in_value),
                      std::move(message), Severity::warning);
}

std::string quote_for_message(std::string_view s) {
    constexpr std::size_t max_chars = 60;
    std::string out = "\"";
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            if (chars == max_chars) {
                out += "…";
                break;
            }
            ++chars;
        }
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

}  // namespace thidua
