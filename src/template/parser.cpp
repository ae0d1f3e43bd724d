#include "template/parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "base/text.hpp"
#include "campaign/json_source.hpp"
#include "template/limits.hpp"

namespace thidua::tpl {

namespace {

namespace fs = std::filesystem;

/// True when `p` is `base` or lies under it (both canonical).
bool within(const fs::path& p, const fs::path& base) {
    auto b = base.begin(), pi = p.begin();
    for (; b != base.end(); ++b, ++pi) {
        if (pi == p.end() || *pi != *b) return false;
    }
    return true;
}

/// The path the file open at `fd` has now; empty when the system cannot tell.
fs::path path_of_fd(int fd) {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
    if (ec || p.empty() || !p.is_absolute()) return {};
    return p;
}

/// Reads `path` from `folder`: missing when the folder has no such entry (the caller may
/// look elsewhere), else the file or the reason it cannot be used. The file is opened once
/// and what was opened is judged (a check of the path before the open could be fooled by
/// a link swapped in between): with its links resolved it must lie in one of the folders
/// `allowed` (canonical) and be a regular file. A pipe is opened without waiting for it.
ReadError read_in(const std::string& folder, const std::string& path,
                  const std::vector<fs::path>& allowed, std::string& out) {
    std::error_code ec;
    const fs::path rel(path);
    if (path.empty() || rel.is_absolute()) return ReadError::outside;
    const fs::path base = fs::canonical(folder, ec);
    if (ec) return ReadError::missing;
    const fs::path full = base / rel;
    const int fd = ::open(full.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return errno == ELOOP ? ReadError::outside : ReadError::missing;
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return ReadError::missing;
    fs::path real = path_of_fd(fd);
    if (real.empty()) {
        // No /proc: resolve the path, and make sure it names the very file that is open.
        real = fs::canonical(full, ec);
        struct stat again {};
        if (ec || ::stat(real.c_str(), &again) != 0 || again.st_dev != st.st_dev ||
            again.st_ino != st.st_ino) {
            return ReadError::outside;
        }
    }
    if (std::none_of(allowed.begin(), allowed.end(),
                     [&](const fs::path& a) { return within(real, a); })) {
        return ReadError::outside;
    }
    if (!S_ISREG(st.st_mode)) return ReadError::not_a_file;
    // In chunks, stopping past the limit (a file that grows while it is read too).
    std::string bytes;
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return ReadError::missing;
        if (n == 0) break;
        bytes.append(buf, static_cast<std::size_t>(n));
        if (bytes.size() > max_template_bytes) return ReadError::too_large;
    }
    out = std::move(bytes);
    return ReadError::none;
}

}  // namespace

const std::string& DirectorySource::folder_of(const std::string& path) const {
    if (fallback_.empty() || fallback_ == root_) return root_;
    std::error_code ec;
    if (std::filesystem::exists(root_ + "/" + path, ec)) return root_;
    if (std::filesystem::exists(fallback_ + "/" + path, ec)) return fallback_;
    return root_;
}

ReadError DirectorySource::read(const std::string& path, std::string& out) const {
    // Both folders are allowed (an office's folder may link to the program's templates),
    // nothing outside them.
    const bool two = !fallback_.empty() && fallback_ != root_;
    std::vector<fs::path> allowed;
    for (const std::string* f : {&root_, &fallback_}) {
        if (f == &fallback_ && !two) break;
        std::error_code ec;
        fs::path c = fs::canonical(*f, ec);
        if (!ec) allowed.push_back(std::move(c));
    }
    ReadError r = read_in(root_, path, allowed, out);
    if (r != ReadError::missing || !two) return r;
    return read_in(fallback_, path, allowed, out);
}

std::string DirectorySource::display_name(const std::string& path) const {
    return folder_of(path) + "/" + path;
}

ReadError MemorySource::read(const std::string& path, std::string& out) const {
    auto it = files_.find(path);
    if (it == files_.end()) return ReadError::missing;
    out = it->second;
    return ReadError::none;
}

void report_template_error(Diagnostics& diags, std::size_t baseline, const SourceFile& file,
                           std::size_t offset, std::string message) {
    std::size_t reported = diags.error_count() - std::min(baseline, diags.error_count());
    if (reported > max_template_errors) return;
    if (reported == max_template_errors) {
        diags.error_at(file.path(), 0, 0,
                       "còn lỗi khác; chỉ báo " + std::to_string(max_template_errors) +
                           " lỗi đầu tiên");
        return;
    }
    thidua::detail::report_error(diags, file, offset, std::move(message));
}

namespace detail {

/// The deepest nesting of blocks (#for, #if, #table, #macro, #include) and of expressions
/// accepted: the parser, checker and evaluator recurse over both, so a deeper template
/// would overflow the stack instead of getting an error.
constexpr int kMaxNesting = 200;

// ---------------------------------------------------------------------------------------
// Expressions

struct Token {
    enum class Kind { end, ident, number, string, op, error };
    Kind kind = Kind::end;
    std::string text;
    Json number;  ///< a number token's value: std::int64_t, or double with a "."
    std::size_t offset = 0;
};

/// The value of a number literal `digits` ("42", "1.15"): an exact 64-bit integer when it
/// has no ".", else the nearest double; nullopt with `error` set when it does not fit.
std::optional<Json> number_literal(std::string_view digits, std::string& error) {
    const char* b = digits.data();
    const char* e = b + digits.size();
    if (digits.find('.') == std::string_view::npos) {
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(b, e, v);
        if (ec == std::errc() && end == e) return Json(v);
        error = "số quá lớn: số nguyên viết trong mẫu tối đa " +
                std::to_string(std::numeric_limits<std::int64_t>::max());
        return std::nullopt;
    }
    double v = 0;
    auto [end, ec] = std::from_chars(b, e, v, std::chars_format::fixed);
    if (ec == std::errc() && end == e && std::isfinite(v)) return Json(v);
    // Out of range: too small to tell from 0 ("0.000…1", harmless) or too large.
    if (ec == std::errc::result_out_of_range &&
        digits.find_first_not_of("0.") != std::string_view::npos &&
        digits.substr(0, digits.find('.')).find_first_not_of('0') == std::string_view::npos) {
        return Json(0.0);
    }
    error = "số quá lớn: số thập phân viết trong mẫu phải nhỏ hơn 10^308";
    return std::nullopt;
}

class ExprParser {
public:
    ExprParser(const SourceFile& file, int file_index, std::size_t begin, std::size_t end,
               Diagnostics& diags, std::size_t baseline)
        : file_(file), file_index_(file_index), pos_(begin), end_(end), diags_(diags),
          baseline_(baseline) {
        advance();
    }

    ExprPtr parse_all() {
        ExprPtr e = parse_or();
        if (!failed_ && tok_.kind == Token::Kind::error) {
            error(tok_.offset, tok_.text);  // a bad character or an unclosed string
        } else if (!failed_ && tok_.kind != Token::Kind::end) {
            error(tok_.offset, "thừa \"" + tok_.text + "\" trong biểu thức");
        }
        return failed_ ? nullptr : e;
    }

    bool failed() const { return failed_; }

private:
    const SourceFile& file_;
    int file_index_;
    std::size_t pos_;
    std::size_t end_;
    Diagnostics& diags_;
    std::size_t baseline_;
    Token tok_;
    bool failed_ = false;
    int nesting_ = 0;                                // recursion: ( [ not - and arguments
    std::unordered_map<const Expr*, int> depth_of_;  // depth of each tree built (leaves: 1)

    const std::string& src() const { return file_.text(); }

    void error(std::size_t offset, std::string msg) {
        if (!failed_) report_template_error(diags_, baseline_, file_, offset, std::move(msg));
        failed_ = true;
    }

    void too_deep(std::size_t offset) {
        error(offset, "biểu thức lồng nhau quá " + std::to_string(kMaxNesting) + " cấp");
    }

    /// Counts one level of parser recursion while it lives.
    struct Nest {
        int& n;
        explicit Nest(int& depth) : n(depth) { ++n; }
        ~Nest() { --n; }
        Nest(const Nest&) = delete;
        Nest& operator=(const Nest&) = delete;
    };

    int depth(const ExprPtr& e) const {
        if (!e) return 0;
        auto it = depth_of_.find(e.get());
        return it == depth_of_.end() ? 1 : it->second;
    }

    /// Records the depth of a new inner node: a chain such as "a + b + c + …" or
    /// "x | f | g | …" is built without recursion but walked recursively later.
    void built(const std::shared_ptr<Expr>& e) {
        int d = std::max(depth(e->base), depth(e->other));
        for (const auto& a : e->args) d = std::max(d, depth(a));
        depth_of_[e.get()] = d + 1;
        if (d + 1 > kMaxNesting) too_deep(e->loc.offset);
    }

    void advance() {
        while (pos_ < end_ && (src()[pos_] == ' ' || src()[pos_] == '\t')) ++pos_;
        tok_ = Token{};
        tok_.offset = pos_;
        if (pos_ >= end_) return;
        char c = src()[pos_];
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t b = pos_;
            while (pos_ < end_ && (std::isalnum(static_cast<unsigned char>(src()[pos_])) ||
                                   src()[pos_] == '_')) {
                ++pos_;
            }
            tok_.kind = Token::Kind::ident;
            tok_.text = src().substr(b, pos_ - b);
            return;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t b = pos_;
            while (pos_ < end_ && (std::isdigit(static_cast<unsigned char>(src()[pos_])) ||
                                   src()[pos_] == '.')) {
                if (src()[pos_] == '.' &&
                    (pos_ + 1 >= end_ || !std::isdigit(static_cast<unsigned char>(src()[pos_ + 1])))) {
                    break;
                }
                ++pos_;
            }
            tok_.text = src().substr(b, pos_ - b);
            std::string error;
            if (auto v = number_literal(tok_.text, error)) {
                tok_.kind = Token::Kind::number;
                tok_.number = std::move(*v);
            } else {
                tok_.kind = Token::Kind::error;
                tok_.text = std::move(error);
            }
            return;
        }
        if (c == '"' || c == '\'') {
            char q = c;
            std::size_t b = pos_++;
            std::string s;
            while (pos_ < end_ && src()[pos_] != q) {
                if (src()[pos_] == '\\' && pos_ + 1 < end_) {
                    ++pos_;
                    char e = src()[pos_];
                    s += e == 'n' ? '\n' : e;
                } else {
                    s += src()[pos_];
                }
                ++pos_;
            }
            if (pos_ >= end_) {
                tok_.kind = Token::Kind::error;
                tok_.offset = b;
                tok_.text = "chuỗi chưa đóng dấu nháy";
                return;
            }
            ++pos_;
            tok_.kind = Token::Kind::string;
            tok_.text = s;
            tok_.offset = b;
            return;
        }
        static const char* two[] = {"==", "!=", "<=", ">="};
        for (const char* t : two) {
            if (src().compare(pos_, 2, t) == 0 && pos_ + 1 < end_) {
                tok_.kind = Token::Kind::op;
                tok_.text = t;
                pos_ += 2;
                return;
            }
        }
        if (std::string_view(".[](),|~<>+-*/=:").find(c) != std::string_view::npos) {
            tok_.kind = Token::Kind::op;
            tok_.text = std::string(1, c);
            ++pos_;
            return;
        }
        // One whole UTF-8 character for the message.
        std::size_t b = pos_++;
        while (pos_ < end_ && (static_cast<unsigned char>(src()[pos_]) & 0xC0) == 0x80) ++pos_;
        tok_.kind = Token::Kind::error;
        tok_.text = "ký tự \"" + src().substr(b, pos_ - b) + "\" không được dùng trong biểu thức";
    }

    bool is_op(const char* op) const { return tok_.kind == Token::Kind::op && tok_.text == op; }
    bool is_kw(const char* kw) const {
        return tok_.kind == Token::Kind::ident && tok_.text == kw;
    }

    bool expect(const char* op) {
        if (is_op(op)) {
            advance();
            return true;
        }
        if (tok_.kind == Token::Kind::error) {
            error(tok_.offset, tok_.text);  // a bad character or an unclosed string
            return false;
        }
        error(tok_.offset, std::string("cần \"") + op + "\"" +
                               (tok_.kind == Token::Kind::end ? " ở cuối biểu thức"
                                                              : ", gặp \"" + tok_.text + "\""));
        return false;
    }

    Loc loc(std::size_t offset) const { return Loc{file_index_, offset}; }

    /// A prefix operator ("not", unary "-") at the current token, applied to what `operand`
    /// parses after it; nesting counts, so "not not … not x" cannot exhaust the stack.
    ExprPtr parse_prefix(const char* name, ExprPtr (ExprParser::*operand)()) {
        Nest nest(nesting_);
        if (nesting_ > kMaxNesting) {
            too_deep(tok_.offset);
            return nullptr;
        }
        std::size_t at = tok_.offset;
        advance();
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::unary;
        e->name = name;
        e->base = (this->*operand)();
        e->loc = loc(at);
        built(e);
        return e;
    }
    ExprPtr make_binary(std::string op, ExprPtr l, ExprPtr r, std::size_t offset) {
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::binary;
        e->name = std::move(op);
        e->base = std::move(l);
        e->other = std::move(r);
        e->loc = loc(offset);
        built(e);
        return e;
    }

    ExprPtr parse_or() {
        Nest nest(nesting_);
        if (nesting_ > kMaxNesting) {
            too_deep(tok_.offset);
            return nullptr;
        }
        ExprPtr l = parse_and();
        while (!failed_ && is_kw("or")) {
            std::size_t at = tok_.offset;
            advance();
            l = make_binary("or", l, parse_and(), at);
        }
        return l;
    }
    ExprPtr parse_and() {
        ExprPtr l = parse_not();
        while (!failed_ && is_kw("and")) {
            std::size_t at = tok_.offset;
            advance();
            l = make_binary("and", l, parse_not(), at);
        }
        return l;
    }
    ExprPtr parse_not() {
        if (is_kw("not")) return parse_prefix("not", &ExprParser::parse_not);
        return parse_cmp();
    }
    ExprPtr parse_cmp() {
        ExprPtr l = parse_concat();
        static const char* ops[] = {"==", "!=", "<=", ">=", "<", ">"};
        for (const char* op : ops) {
            if (!failed_ && is_op(op)) {
                std::size_t at = tok_.offset;
                advance();
                return make_binary(op, l, parse_concat(), at);
            }
        }
        return l;
    }
    ExprPtr parse_concat() {
        ExprPtr l = parse_add();
        while (!failed_ && is_op("~")) {
            std::size_t at = tok_.offset;
            advance();
            l = make_binary("~", l, parse_add(), at);
        }
        return l;
    }
    ExprPtr parse_add() {
        ExprPtr l = parse_mul();
        while (!failed_ && (is_op("+") || is_op("-"))) {
            std::string op = tok_.text;
            std::size_t at = tok_.offset;
            advance();
            l = make_binary(op, l, parse_mul(), at);
        }
        return l;
    }
    ExprPtr parse_mul() {
        ExprPtr l = parse_unary();
        while (!failed_ && (is_op("*") || is_op("/"))) {
            std::string op = tok_.text;
            std::size_t at = tok_.offset;
            advance();
            l = make_binary(op, l, parse_unary(), at);
        }
        return l;
    }
    ExprPtr parse_unary() {
        if (is_op("-")) return parse_prefix("-", &ExprParser::parse_unary);
        return parse_postfix();
    }
    ExprPtr parse_postfix() {
        ExprPtr e = parse_primary();
        while (!failed_) {
            if (is_op(".")) {
                advance();
                if (tok_.kind != Token::Kind::ident) {
                    error(tok_.offset, "cần tên trường sau dấu \".\"");
                    return nullptr;
                }
                auto m = std::make_shared<Expr>();
                m->kind = Expr::Kind::member;
                m->base = e;
                m->name = tok_.text;
                m->loc = loc(tok_.offset);
                advance();
                built(m);
                e = m;
            } else if (is_op("[")) {
                std::size_t at = tok_.offset;
                advance();
                auto m = std::make_shared<Expr>();
                m->kind = Expr::Kind::index;
                m->base = e;
                m->other = parse_or();
                m->loc = loc(at);
                if (!expect("]")) return nullptr;
                built(m);
                e = m;
            } else if (is_op("|")) {
                advance();
                if (tok_.kind != Token::Kind::ident) {
                    error(tok_.offset, "cần tên bộ lọc sau dấu \"|\"");
                    return nullptr;
                }
                auto f = std::make_shared<Expr>();
                f->kind = Expr::Kind::filter;
                f->base = e;
                f->name = tok_.text;
                f->loc = loc(tok_.offset);
                advance();
                if (is_op("(")) {
                    advance();
                    while (!failed_ && !is_op(")")) {
                        std::string arg_name;
                        if (tok_.kind == Token::Kind::ident) {
                            // Look ahead for name=expr without consuming on failure.
                            std::size_t save_pos = pos_;
                            Token save_tok = tok_;
                            advance();
                            if (is_op("=")) {
                                arg_name = save_tok.text;
                                advance();
                            } else {
                                pos_ = save_pos;
                                tok_ = save_tok;
                            }
                        }
                        f->arg_names.push_back(arg_name);
                        f->args.push_back(parse_or());
                        if (is_op(",")) {
                            advance();
                        } else if (!is_op(")")) {
                            expect(")");
                            return nullptr;
                        }
                    }
                    if (!expect(")")) return nullptr;
                }
                built(f);
                e = f;
            } else {
                break;
            }
        }
        return e;
    }
    ExprPtr parse_primary() {
        auto e = std::make_shared<Expr>();
        e->loc = loc(tok_.offset);
        switch (tok_.kind) {
            case Token::Kind::number:
                e->kind = Expr::Kind::literal;
                e->literal = tok_.number;
                advance();
                return e;
            case Token::Kind::string:
                e->kind = Expr::Kind::literal;
                e->literal = text::nfc(tok_.text);
                advance();
                return e;
            case Token::Kind::ident:
                if (tok_.text == "true" || tok_.text == "false") {
                    e->kind = Expr::Kind::literal;
                    e->literal = tok_.text == "true";
                } else if (tok_.text == "null") {
                    e->kind = Expr::Kind::literal;
                    e->literal = nullptr;
                } else {
                    e->kind = Expr::Kind::var;
                    e->name = tok_.text;
                }
                advance();
                return e;
            case Token::Kind::op:
                if (tok_.text == "(") {
                    advance();
                    ExprPtr inner = parse_or();
                    if (!expect(")")) return nullptr;
                    return inner;
                }
                if (tok_.text == "[") {
                    // A list literal: ["Như trên", "Lưu: VT"]
                    e->kind = Expr::Kind::list;
                    advance();
                    while (!failed_ && !is_op("]")) {
                        ExprPtr item = parse_or();
                        if (!item) return nullptr;
                        e->args.push_back(item);
                        if (!is_op(",")) break;
                        advance();
                    }
                    if (!expect("]")) return nullptr;
                    built(e);
                    return e;
                }
                error(tok_.offset, "biểu thức không thể bắt đầu bằng \"" + tok_.text + "\"");
                return nullptr;
            case Token::Kind::error:
                error(tok_.offset, tok_.text);
                return nullptr;
            case Token::Kind::end:
                error(tok_.offset, "thiếu biểu thức");
                return nullptr;
        }
        return nullptr;
    }
};

// ---------------------------------------------------------------------------------------
// Lines, inline content, attributes

const std::set<std::string> kFlags = {"center", "left",  "right", "justify", "bold",
                                      "italic", "keep",  "noindent", "runin", "nonum",
                                      "header", "landscape", "portrait", "nonumbers",
                                      "regular", "upright"};
const std::set<std::string> kValues = {"size",   "indent", "leftindent", "before", "after",
                                       "spacing", "rule",  "role",       "widths", "borders",
                                       "valign", "colspan", "rowspan",   "margins", "padding",
                                       "numbersize", "number", "name"};

/// The message for a template that cannot be read.
std::string read_error_message(ReadError why, const std::string& path) {
    switch (why) {
        case ReadError::none:
        case ReadError::missing: break;
        case ReadError::outside: return "tệp mẫu \"" + path + "\" nằm ngoài thư mục mẫu";
        case ReadError::not_a_file:
            return "\"" + path + "\" không phải một tệp mẫu (là thư mục hoặc tệp đặc biệt)";
        case ReadError::too_large:
            return "tệp mẫu \"" + path + "\" lớn quá " +
                   std::to_string(max_template_bytes >> 20) + " MiB";
    }
    return "không tìm thấy tệp mẫu \"" + path + "\"";
}

/// Normalises the path of an #include ("chung/./a.tpl" → "chung/a.tpl"); returns false
/// with `error` set when it is empty, names a folder ("." , "chung/") or leads out of the
/// templates folder ("/etc/…", "../…").
bool normalise_include(const std::string& raw, std::string& out, std::string& error) {
    if (raw.empty()) {
        error = "thiếu tên tệp mẫu sau \"#include\"";
        return false;
    }
    if (raw.find('\0') != std::string::npos) {
        error = "tên tệp mẫu \"" + raw + "\" chứa ký tự không hợp lệ";
        return false;
    }
    const std::filesystem::path p(raw);
    const std::filesystem::path n = p.lexically_normal();
    if (p.is_absolute() || (!n.empty() && *n.begin() == "..")) {
        error = read_error_message(ReadError::outside, raw);
        return false;
    }
    if (n.empty() || !n.has_filename() || n.filename() == "." || n.filename() == "..") {
        error = read_error_message(ReadError::not_a_file, raw);
        return false;
    }
    out = n.generic_string();
    return true;
}

struct Line {
    std::size_t begin = 0;  // offset of the first character of the line
    std::size_t end = 0;    // offset of the line end (exclusive, before '\n')
};

/// What the files of one template have used of max_include_files and max_included_bytes.
struct IncludeBudget {
    std::size_t files = 0;
    std::size_t bytes = 0;
    bool reported = false;  ///< the first overrun is reported, not every one after it
};

class FileParser {
public:
    /// `baseline` is the error count when parsing began (for the error limit); `depth` is
    /// how deeply the file is included (0 for the main file), counted with block nesting.
    FileParser(Template& t, const TemplateSource& source, Diagnostics& diags,
               std::vector<std::string>& include_stack, IncludeBudget& budget,
               std::size_t baseline, int depth)
        : t_(t), source_(source), diags_(diags), include_stack_(include_stack), budget_(budget),
          baseline_(baseline), depth_(depth) {}

    /// Parses file `path`; returns its body, or an empty body after an error.
    Body parse_file(const std::string& path, const SourceFile* from, std::size_t from_offset) {
        std::string bytes;
        ReadError why = source_.read(path, bytes);
        if (why == ReadError::none && bytes.size() > max_template_bytes) why = ReadError::too_large;
        if (why != ReadError::none) {
            std::string msg = read_error_message(why, path);
            if (from) {
                report_template_error(diags_, baseline_, *from, from_offset, msg);
            } else {
                diags_.error_general(msg + " (" + source_.display_name(path) + ")");
            }
            return {};
        }
        budget_.bytes += bytes.size();
        if (from != nullptr && budget_.bytes > max_included_bytes) {
            if (!budget_.reported) {
                report_template_error(diags_, baseline_, *from, from_offset,
                                      "các tệp mẫu được \"#include\" chứa tổng cộng quá " +
                                          std::to_string(max_included_bytes >> 20) +
                                          " MiB chữ (mỗi lần bao gồm tính một lần)");
            }
            budget_.reported = true;
            return {};
        }
        if (auto bad = text::find_invalid_utf8(bytes)) {
            SourceFile raw(source_.display_name(path), bytes.substr(0, *bad));
            report_template_error(diags_, baseline_, raw, *bad,
                                  "tệp mẫu không phải văn bản UTF-8 hợp lệ");
            return {};
        }
        t_.files.emplace_back(source_.display_name(path), text::normalize_input(bytes));
        file_ = static_cast<int>(t_.files.size()) - 1;
        report_control_character();
        include_stack_.push_back(path);
        split_lines();
        Body body = parse_body(/*top=*/true, nullptr);
        include_stack_.pop_back();
        return body;
    }

private:
    Template& t_;
    const TemplateSource& source_;
    Diagnostics& diags_;
    std::vector<std::string>& include_stack_;
    IncludeBudget& budget_;
    std::size_t baseline_;
    int depth_;  // blocks open around the current line, includes counted
    int file_ = -1;
    std::vector<Line> lines_;
    std::size_t next_ = 0;

    const SourceFile& file() const { return t_.files[static_cast<std::size_t>(file_)]; }
    const std::string& src() const { return file().text(); }
    Loc loc(std::size_t offset) const { return Loc{file_, offset}; }
    void error(std::size_t offset, std::string msg) {
        report_template_error(diags_, baseline_, file(), offset, std::move(msg));
    }

    /// A control character (but tab and line feed) in a template would be printed as is:
    /// invisible, or cutting the PDF's metadata short. The first one is reported.
    void report_control_character() {
        const std::optional<text::ControlChar> c = text::find_control(src());
        if (!c) return;
        error(c->offset, "tệp mẫu chứa ký tự điều khiển " + text::code_point_name(c->code) +
                             ", không in ra được: hãy xoá nó");
    }

    void split_lines() {
        const std::string& s = src();
        std::size_t b = 0;
        for (std::size_t i = 0; i <= s.size(); ++i) {
            if (i == s.size() || s[i] == '\n') {
                if (i > b || i < s.size()) lines_.push_back({b, i});
                b = i + 1;
            }
        }
    }

    static bool is_space(char c) { return c == ' ' || c == '\t'; }

    std::size_t skip_space(std::size_t p, std::size_t end) const {
        while (p < end && is_space(src()[p])) ++p;
        return p;
    }
    std::size_t trim_end(std::size_t b, std::size_t end) const {
        while (end > b && is_space(src()[end - 1])) --end;
        return end;
    }

    /// Finds `what` within [from, end) — the rest of the line, never the rest of the file
    /// (a file of unclosed "{" lines would take quadratic time); npos when absent.
    std::size_t find_in(std::string_view what, std::size_t from, std::size_t end) const {
        if (from > end) return std::string::npos;
        return std::string_view(src()).substr(0, end).find(what, from);
    }

    std::string word_at(std::size_t p, std::size_t end, std::size_t& after) const {
        std::size_t b = p;
        while (p < end && (std::isalnum(static_cast<unsigned char>(src()[p])) || src()[p] == '_')) ++p;
        after = p;
        return src().substr(b, p - b);
    }

    ExprPtr expr(std::size_t b, std::size_t e) {
        ExprParser p(file(), file_, b, e, diags_, baseline_);
        return p.parse_all();
    }

    /// From the "(" at `open`, returns the ")" that closes it on this line (strings and
    /// nested brackets skipped), npos when none, and fills `args` with the ranges between
    /// its top-level commas.
    std::size_t paren_args(std::size_t open, std::size_t e,
                           std::vector<std::pair<std::size_t, std::size_t>>& args) const {
        int depth = 0;
        char quote = 0;
        std::size_t arg_b = open + 1;
        for (std::size_t r = open + 1; r < e; ++r) {
            char ch = src()[r];
            if (quote) {
                if (ch == '\\') ++r;
                else if (ch == quote) quote = 0;
                continue;
            }
            if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '(' || ch == '[') {
                ++depth;
            } else if (ch == ']') {
                --depth;
            } else if (ch == ')') {
                if (depth == 0) {
                    args.emplace_back(arg_b, r);
                    return r;
                }
                --depth;
            } else if (ch == ',' && depth == 0) {
                args.emplace_back(arg_b, r);
                arg_b = r + 1;
            }
        }
        return std::string::npos;
    }

    /// Parses "{flag key=value …}" or "key=value flag …" (after a directive) into attrs.
    /// A value may be quoted to hold spaces: name="Quốc hiệu".
    Attrs parse_attr_words(std::size_t b, std::size_t e) {
        Attrs a;
        a.loc = loc(b);
        std::size_t p = b;
        while (true) {
            p = skip_space(p, e);
            if (p >= e) break;
            std::size_t wb = p;
            while (p < e && !is_space(src()[p]) && src()[p] != '"') ++p;
            if (p < e && src()[p] == '"' && p > wb && src()[p - 1] == '=') {
                const std::size_t close = find_in("\"", p + 1, e);
                if (close == std::string::npos) {
                    error(p, "thiếu dấu \" đóng giá trị thuộc tính");
                    break;
                }
                const std::string k = src().substr(wb, p - 1 - wb);
                const std::string v = src().substr(p + 1, close - p - 1);
                p = close + 1;
                if (!kValues.count(k)) {
                    error(wb, "thuộc tính không hợp lệ \"" + k + "\"");
                } else if (v.empty()) {
                    error(wb + k.size() + 1, "thuộc tính \"" + k + "\" thiếu giá trị");
                } else {
                    a.values[k] = v;
                    a.value_locs[k] = loc(wb);
                }
                continue;
            }
            while (p < e && !is_space(src()[p])) ++p;
            std::string w = src().substr(wb, p - wb);
            auto eq = w.find('=');
            if (eq == std::string::npos) {
                if (!kFlags.count(w)) {
                    error(wb, "thuộc tính không hợp lệ \"" + w + "\"");
                } else {
                    a.flags.insert(w);
                }
            } else {
                std::string k = w.substr(0, eq), v = w.substr(eq + 1);
                if (!kValues.count(k)) {
                    error(wb, "thuộc tính không hợp lệ \"" + k + "\"");
                } else if (v.empty()) {
                    error(wb + eq + 1, "thuộc tính \"" + k + "\" thiếu giá trị");
                } else {
                    a.values[k] = v;
                    a.value_locs[k] = loc(wb);
                }
            }
        }
        return a;
    }

    /// Reads an optional "{…} " attribute prefix at p; returns the offset after it.
    std::size_t leading_attrs(std::size_t p, std::size_t e, Attrs& out) {
        out.loc = loc(p);
        if (p < e && src()[p] == '{' && !(p + 1 < e && src()[p + 1] == '{')) {
            std::size_t close = find_in("}", p, e);
            if (close == std::string::npos || close >= e) {
                error(p, "thiếu \"}\" đóng phần thuộc tính");
                return e;
            }
            out = parse_attr_words(p + 1, close);
            out.loc = loc(p);
            return skip_space(close + 1, e);
        }
        return p;
    }

    /// Parses inline text: literal text, {{ expr }}, **bold**, *italic*, \escapes.
    Content parse_inline(std::size_t b, std::size_t e) {
        Content out;
        bool bold = false, italic = false;
        std::size_t bold_at = 0, italic_at = 0;
        std::string buf;
        std::size_t buf_at = b;
        auto flush = [&] {
            if (!buf.empty()) {
                Segment s;
                s.text = buf;
                s.bold = bold;
                s.italic = italic;
                s.loc = loc(buf_at);
                out.push_back(std::move(s));
                buf.clear();
            }
        };
        std::size_t p = b;
        while (p < e) {
            char c = src()[p];
            if (c == '\\' && p + 1 < e) {
                if (buf.empty()) buf_at = p;
                buf += src()[p + 1];
                p += 2;
                continue;
            }
            if (c == '{' && p + 1 < e && src()[p + 1] == '{') {
                std::size_t close = find_in("}}", p + 2, e);
                if (close == std::string::npos || close + 2 > e) {
                    error(p, "thiếu \"}}\" đóng biểu thức");
                    return out;
                }
                flush();
                Segment s;
                s.expr = expr(p + 2, close);
                s.bold = bold;
                s.italic = italic;
                s.loc = loc(p);
                if (s.expr) out.push_back(std::move(s));
                p = close + 2;
                buf_at = p;
                continue;
            }
            if (c == '*') {
                flush();
                if (p + 1 < e && src()[p + 1] == '*') {
                    bold = !bold;
                    bold_at = p;
                    p += 2;
                } else {
                    italic = !italic;
                    italic_at = p;
                    p += 1;
                }
                buf_at = p;
                continue;
            }
            if (buf.empty()) buf_at = p;
            buf += c;
            ++p;
        }
        flush();
        if (bold) error(bold_at, "dấu \"**\" in đậm chưa được đóng");
        if (italic) error(italic_at, "dấu \"*\" in nghiêng chưa được đóng");
        return out;
    }

    /// Splits "| a | b |" into cells (a literal | inside a cell is written \|).
    std::vector<Content> parse_pipe_row(std::size_t b, std::size_t e) {
        std::vector<Content> cells;
        std::size_t p = b + 1;  // after the first '|'
        std::size_t cell_b = p;
        bool in_expr = false;
        while (p < e) {
            if (!in_expr && src()[p] == '\\' && p + 1 < e) {
                p += 2;
                continue;
            }
            if (src().compare(p, 2, "{{") == 0) in_expr = true;
            if (src().compare(p, 2, "}}") == 0) in_expr = false;
            if (!in_expr && src()[p] == '|') {
                std::size_t cb = skip_space(cell_b, p), ce = trim_end(cb, p);
                cells.push_back(parse_inline(cb, ce));
                cell_b = p + 1;
            }
            ++p;
        }
        std::size_t cb = skip_space(cell_b, e), ce = trim_end(cb, e);
        if (ce > cb) cells.push_back(parse_inline(cb, ce));
        return cells;
    }

    struct Open {
        std::string what;    // "#for", "#if", …
        std::size_t offset;  // where it was opened
    };

    /// Parses lines until #end / #else / #elif (returned in `stop`) or the end of file.
    Body parse_body(bool top, std::string* stop, const Open* open = nullptr,
                    std::size_t* stop_offset = nullptr, std::size_t* stop_line_end = nullptr) {
        // A nested body is one level deeper while it is parsed.
        struct Level {
            int& depth;
            bool nested;
            Level(int& d, bool n) : depth(d), nested(n) { depth += nested; }
            ~Level() { depth -= nested; }
            Level(const Level&) = delete;
            Level& operator=(const Level&) = delete;
        } level(depth_, !top);
        Body body;
        while (next_ < lines_.size()) {
            Line ln = lines_[next_++];
            std::size_t p = skip_space(ln.begin, ln.end);
            std::size_t e = trim_end(p, ln.end);
            if (p >= e) continue;
            char c = src()[p];
            if (c == '#' && !(p + 1 < e && src()[p + 1] == '#')) {
                if (src().compare(p, 3, "#--") == 0) continue;  // comment
                std::size_t after;
                std::string kw = word_at(p + 1, e, after);
                if (kw == "end" || kw == "else" || kw == "elif") {
                    if (!stop) {
                        error(p, "\"#" + kw + "\" không có lệnh mở tương ứng");
                        continue;
                    }
                    *stop = kw;
                    if (stop_offset) *stop_offset = skip_space(after, e);
                    if (stop_line_end) *stop_line_end = e;
                    if (kw == "end" && skip_space(after, e) < e) {
                        error(skip_space(after, e), "thừa nội dung sau \"#end\"");
                    }
                    return body;
                }
                directive(kw, p, after, e, top, body);
                continue;
            }
            if (c == '#' ) ++p;  // "##" starts a literal '#'
            Node n;
            n.loc = loc(p);
            if (c == '=') {
                n.kind = Node::Kind::heading;
                std::size_t q = p;
                if (q + 1 < e && src()[q + 1] == '(') {
                    // =(level) or =(level, style)
                    std::vector<std::pair<std::size_t, std::size_t>> args;
                    std::size_t close = paren_args(q + 1, e, args);
                    if (close == std::string::npos) {
                        error(q + 1, "thiếu \")\" sau cấp đề mục");
                        continue;
                    }
                    if (args.size() > 2) {
                        error(args[2].first, "đề mục cần \"=(cấp)\" hoặc \"=(cấp, kiểu số)\"");
                        continue;
                    }
                    n.level_expr = expr(args[0].first, args[0].second);
                    if (args.size() == 2) n.style_expr = expr(args[1].first, args[1].second);
                    q = close + 1;
                } else {
                    while (q < e && src()[q] == '=') ++q;
                    n.level = static_cast<int>(q - p);
                    if (n.level > 6) {
                        error(p, "đề mục chỉ có 6 cấp (tối đa \"======\")");
                        continue;
                    }
                }
                q = skip_space(q, e);
                q = leading_attrs(q, e, n.attrs);
                n.content = parse_inline(q, e);
                body.push_back(std::move(n));
                continue;
            }
            if ((c == '-' || c == '+') && p + 1 < e && src()[p + 1] == ' ') {
                n.kind = Node::Kind::item;
                n.marker = c;
                std::size_t q = leading_attrs(skip_space(p + 2, e), e, n.attrs);
                n.content = parse_inline(q, e);
                body.push_back(std::move(n));
                continue;
            }
            if (c == '~' && p + 1 < e && src()[p + 1] == '(') {
                // ~(style) or ~(level, style): a list item numbered in a style given when
                // the template runs, at an item level (1 unless given).
                std::vector<std::pair<std::size_t, std::size_t>> args;
                std::size_t close = paren_args(p + 1, e, args);
                if (close == std::string::npos) {
                    error(p + 1, "thiếu \")\" sau kiểu đánh số của dòng \"~(…)\"");
                    continue;
                }
                if (args.size() > 2) {
                    error(args[2].first, "dòng danh sách cần \"~(kiểu số)\" hoặc \"~(cấp, kiểu số)\"");
                    continue;
                }
                n.kind = Node::Kind::item;
                n.marker = '~';
                if (args.size() == 2) n.level_expr = expr(args[0].first, args[0].second);
                n.style_expr = expr(args.back().first, args.back().second);
                std::size_t q = leading_attrs(skip_space(close + 1, e), e, n.attrs);
                n.content = parse_inline(q, e);
                body.push_back(std::move(n));
                continue;
            }
            if (c == '~' && p + 2 < e && (src()[p + 1] == 'a' || src()[p + 1] == '1') &&
                src()[p + 2] == ' ') {
                n.kind = Node::Kind::item;
                n.marker = src()[p + 1];
                std::size_t q = leading_attrs(skip_space(p + 3, e), e, n.attrs);
                n.content = parse_inline(q, e);
                body.push_back(std::move(n));
                continue;
            }
            if (c == '|') {
                n.kind = Node::Kind::pipe_row;
                n.cells = parse_pipe_row(p, e);
                body.push_back(std::move(n));
                continue;
            }
            n.kind = Node::Kind::paragraph;
            std::size_t q = leading_attrs(p, e, n.attrs);
            n.content = parse_inline(q, e);
            body.push_back(std::move(n));
        }
        if (stop) {
            *stop = "";
            if (open) {
                error(open->offset, "thiếu \"#end\" cho \"" + open->what + "\" mở ở đây");
            }
        }
        return body;
    }

    Body parse_until_end(const std::string& what, std::size_t offset) {
        std::string stop;
        Open open{what, offset};
        std::size_t stop_offset = 0;
        Body b = parse_body(false, &stop, &open, &stop_offset);
        // A stray #else/#elif is reported and skipped up to the block's own #end, so that
        // #end is not reported as unmatched too.
        while (stop == "else" || stop == "elif") {
            error(stop_offset, "\"#" + stop + "\" chỉ dùng trong \"#if\"");
            Body rest = parse_body(false, &stop, &open, &stop_offset);
            for (auto& n : rest) b.push_back(std::move(n));
        }
        return b;
    }

    void directive(const std::string& kw, std::size_t p, std::size_t after, std::size_t e,
                   bool top, Body& body) {
        Node n;
        n.loc = loc(p);
        std::size_t q = skip_space(after, e);
        const bool opens = kw == "for" || kw == "if" || kw == "table" || kw == "macro";
        if ((opens || kw == "include") && depth_ >= kMaxNesting) {
            error(p, "lệnh lồng nhau quá " + std::to_string(kMaxNesting) + " cấp");
            if (opens) skip_block();
            return;
        }
        if (kw == "for") {
            n.kind = Node::Kind::for_;
            std::size_t a1;
            n.var = word_at(q, e, a1);
            if (n.var.empty()) {
                error(q, "cần tên biến sau \"#for\"");
                skip_block();
                return;
            }
            q = skip_space(a1, e);
            if (q < e && src()[q] == ',') {
                q = skip_space(q + 1, e);
                n.var2 = word_at(q, e, a1);
                if (n.var2.empty()) {
                    error(q, "cần tên biến thứ hai sau dấu \",\"");
                    skip_block();
                    return;
                }
                q = skip_space(a1, e);
            }
            std::size_t a2;
            std::string in = word_at(q, e, a2);
            if (in != "in") {
                error(q, "cần \"in\" trong \"#for x in danh_sach\"");
                skip_block();
                return;
            }
            n.expr = expr(skip_space(a2, e), e);
            n.body = parse_until_end("#for", p);
            body.push_back(std::move(n));
        } else if (kw == "if") {
            n.kind = Node::Kind::if_;
            ExprPtr cond = expr(q, e);
            std::size_t cond_at = q;
            while (true) {
                std::string stop;
                Open open{"#if", p};
                std::size_t stop_offset = 0, stop_end = 0;
                Body b = parse_body(false, &stop, &open, &stop_offset, &stop_end);
                n.branches.emplace_back(cond, std::move(b));
                (void)cond_at;
                if (stop == "elif") {
                    cond = expr(stop_offset, stop_end);
                    continue;
                }
                if (stop == "else") {
                    std::string stop2;
                    Open open2{"#if", p};
                    std::size_t stop2_offset = 0;
                    n.else_body = parse_body(false, &stop2, &open2, &stop2_offset);
                    // A branch after #else is reported and skipped up to the #if's own
                    // #end, so that #end is not reported as unmatched too.
                    while (stop2 == "else" || stop2 == "elif") {
                        error(stop2_offset, "\"#" + stop2 + "\" sau \"#else\"");
                        parse_body(false, &stop2, &open2, &stop2_offset);
                    }
                }
                break;
            }
            body.push_back(std::move(n));
        } else if (kw == "set") {
            n.kind = Node::Kind::set;
            std::size_t a1;
            n.var = word_at(q, e, a1);
            q = skip_space(a1, e);
            if (n.var.empty() || q >= e || src()[q] != '=') {
                error(q, "cần dạng \"#set ten = bieu_thuc\"");
                return;
            }
            n.expr = expr(q + 1, e);
            body.push_back(std::move(n));
        } else if (kw == "include") {
            if (q >= e || src()[q] != '"') {
                error(q, "cần tên tệp trong dấu nháy kép sau \"#include\"");
                return;
            }
            std::size_t close = find_in("\"", q + 1, e);
            if (close == std::string::npos || close >= e) {
                error(q, "tên tệp chưa đóng dấu nháy");
                return;
            }
            std::string path, bad;
            if (!normalise_include(src().substr(q + 1, close - q - 1), path, bad)) {
                error(q, bad);
                return;
            }
            if (skip_space(close + 1, e) < e) {
                error(skip_space(close + 1, e), "thừa nội dung sau tên tệp");
            }
            for (std::size_t i = 0; i < include_stack_.size(); ++i) {
                if (include_stack_[i] == path) {
                    std::string chain;
                    for (std::size_t j = i; j < include_stack_.size(); ++j) {
                        chain += include_stack_[j] + " → ";
                    }
                    error(q, "tệp mẫu tự bao gồm chính nó: " + chain + path);
                    return;
                }
            }
            if (++budget_.files > max_include_files) {
                if (!budget_.reported) {
                    error(q, "quá " + std::to_string(max_include_files) +
                                 " lần \"#include\" trong một mẫu (tính cả các tệp được bao gồm "
                                 "lồng nhau, mỗi lần bao gồm tính một lần): có tệp nào được "
                                 "bao gồm lặp đi lặp lại?");
                }
                budget_.reported = true;
                return;
            }
            FileParser sub(t_, source_, diags_, include_stack_, budget_, baseline_, depth_ + 1);
            n.kind = Node::Kind::block;
            n.name = path;
            n.body = sub.parse_file(path, &file(), q);
            body.push_back(std::move(n));
        } else if (kw == "macro") {
            if (!top) {
                error(p, "\"#macro\" chỉ được khai báo ở mức ngoài cùng của tệp");
            }
            Macro m;
            m.loc = loc(p);
            std::size_t a1;
            m.name = word_at(q, e, a1);
            q = skip_space(a1, e);
            if (m.name.empty() || q >= e || src()[q] != '(') {
                error(q, "cần dạng \"#macro ten(tham_so: kieu, …)\"");
                skip_block();
                return;
            }
            std::size_t close = find_in(")", q, e);
            if (close == std::string::npos || close >= e) {
                error(q, "thiếu \")\" sau danh sách tham số");
                skip_block();
                return;
            }
            std::size_t r = q + 1;
            while (true) {
                r = skip_space(r, close);
                if (r >= close) break;
                Param prm;
                prm.loc = loc(r);
                prm.name = word_at(r, close, a1);
                r = skip_space(a1, close);
                if (prm.name.empty() || r >= close || src()[r] != ':') {
                    error(r, "tham số cần dạng \"ten: kieu\"");
                    break;
                }
                r = skip_space(r + 1, close);
                prm.type = word_at(r, close, a1);
                if (prm.type.empty()) {
                    error(r, "thiếu kiểu của tham số \"" + prm.name + "\"");
                    break;
                }
                m.params.push_back(prm);
                r = skip_space(a1, close);
                if (r < close && src()[r] == ',') ++r;
            }
            m.body = parse_until_end("#macro", p);
            if (t_.macros.count(m.name)) {
                error(p, "macro \"" + m.name + "\" đã được khai báo");
            } else {
                t_.macros.emplace(m.name, std::move(m));
            }
        } else if (kw == "call") {
            n.kind = Node::Kind::call;
            std::size_t a1;
            n.name = word_at(q, e, a1);
            q = skip_space(a1, e);
            if (n.name.empty() || q >= e || src()[q] != '(' || src()[e - 1] != ')') {
                error(q, "cần dạng \"#call ten(doi_so, …)\"");
                return;
            }
            // Split the arguments on top-level commas.
            std::size_t r = q + 1, end_args = e - 1;
            int depth = 0;
            bool in_str = false;
            char quote = 0;
            std::size_t arg_b = r;
            for (; r <= end_args; ++r) {
                char ch = r < end_args ? src()[r] : ',';
                if (in_str) {
                    if (ch == '\\') ++r;
                    else if (ch == quote) in_str = false;
                    continue;
                }
                if (ch == '"' || ch == '\'') {
                    in_str = true;
                    quote = ch;
                } else if (ch == '(' || ch == '[') {
                    ++depth;
                } else if (ch == ')' || ch == ']') {
                    --depth;
                } else if (ch == ',' && depth == 0) {
                    if (skip_space(arg_b, r) < r || r < end_args) {
                        n.args.push_back(expr(arg_b, r));
                    }
                    arg_b = r + 1;
                }
            }
            body.push_back(std::move(n));
        } else if (kw == "table") {
            n.kind = Node::Kind::table;
            n.attrs = parse_attr_words(q, e);
            n.body = parse_until_end("#table", p);
            body.push_back(std::move(n));
        } else if (kw == "row" || kw == "cell" || kw == "section") {
            n.kind = kw == "row" ? Node::Kind::row
                     : kw == "cell" ? Node::Kind::cell
                                    : Node::Kind::section;
            n.attrs = parse_attr_words(q, e);
            body.push_back(std::move(n));
        } else if (kw == "pagebreak" || kw == "endmark") {
            n.kind = kw == "pagebreak" ? Node::Kind::pagebreak : Node::Kind::endmark;
            if (q < e) error(q, "thừa nội dung sau \"#" + kw + "\"");
            body.push_back(std::move(n));
        } else if (kw == "space") {
            n.kind = Node::Kind::space;
            n.expr = expr(q, e);
            body.push_back(std::move(n));
        } else if (kw == "style") {
            n.kind = Node::Kind::style;
            std::size_t a1;
            n.var = word_at(q, e, a1);
            if (n.var.empty()) {
                error(q, "cần tên vai trò sau \"#style\", ví dụ \"#style body size=14\"");
                return;
            }
            n.attrs = parse_attr_words(a1, e);
            body.push_back(std::move(n));
        } else if (kw == "numbering") {
            n.kind = Node::Kind::numbering;
            std::size_t a1;
            std::string what = word_at(q, e, a1);
            if (what != "restart" && what != "items") {
                error(q, "cần \"#numbering restart\" hoặc \"#numbering items\"");
                return;
            }
            n.var = what;
            body.push_back(std::move(n));
        } else {
            error(p, "lệnh không hợp lệ \"#" + kw + "\"");
        }
    }

    /// After a broken block opener, skips to its matching #end so the rest still parses.
    void skip_block() {
        int depth = 1;
        while (next_ < lines_.size() && depth > 0) {
            Line ln = lines_[next_++];
            std::size_t p = skip_space(ln.begin, ln.end);
            if (p < ln.end && src()[p] == '#') {
                std::size_t after;
                std::string kw = word_at(p + 1, ln.end, after);
                if (kw == "for" || kw == "if" || kw == "table" || kw == "macro") ++depth;
                if (kw == "end") --depth;
            }
        }
    }
};

// ---------------------------------------------------------------------------------------
// Dump

std::string dump_expr(const ExprPtr& e) {
    if (!e) return "<?>";
    switch (e->kind) {
        case Expr::Kind::literal: return e->literal.dump();
        case Expr::Kind::var: return e->name;
        case Expr::Kind::member: return dump_expr(e->base) + "." + e->name;
        case Expr::Kind::index: return dump_expr(e->base) + "[" + dump_expr(e->other) + "]";
        case Expr::Kind::unary: return "(" + e->name + " " + dump_expr(e->base) + ")";
        case Expr::Kind::binary:
            return "(" + dump_expr(e->base) + " " + e->name + " " + dump_expr(e->other) + ")";
        case Expr::Kind::list: {
            std::string s = "[";
            for (std::size_t i = 0; i < e->args.size(); ++i) s += (i ? ", " : "") + dump_expr(e->args[i]);
            return s + "]";
        }
        case Expr::Kind::filter: {
            std::string s = dump_expr(e->base) + " | " + e->name;
            if (!e->args.empty()) {
                s += "(";
                for (std::size_t i = 0; i < e->args.size(); ++i) {
                    if (i) s += ", ";
                    if (!e->arg_names[i].empty()) s += e->arg_names[i] + "=";
                    s += dump_expr(e->args[i]);
                }
                s += ")";
            }
            return "(" + s + ")";
        }
    }
    return "?";
}

std::string dump_content(const Content& c) {
    std::string s;
    for (const auto& seg : c) {
        std::string mark = seg.bold && seg.italic ? "***" : seg.bold ? "**" : seg.italic ? "*" : "";
        s += mark + (seg.expr ? "{{" + dump_expr(seg.expr) + "}}" : seg.text) + mark;
    }
    return s;
}

std::string dump_attrs(const Attrs& a) {
    if (a.flags.empty() && a.values.empty()) return "";
    std::string s = "{";
    bool first = true;
    for (const auto& f : a.flags) {
        s += (first ? "" : " ") + f;
        first = false;
    }
    for (const auto& [k, v] : a.values) {
        s += (first ? "" : " ") + k + "=" + v;
        first = false;
    }
    return s + "} ";
}

void dump_body(std::string& out, const Body& body, const std::string& ind) {
    for (const auto& n : body) {
        switch (n.kind) {
            case Node::Kind::paragraph:
                out += ind + "para " + dump_attrs(n.attrs) + dump_content(n.content) + "\n";
                break;
            case Node::Kind::heading:
                out += ind + "heading " +
                       (n.level_expr ? "(" + dump_expr(n.level_expr) +
                                           (n.style_expr ? ", " + dump_expr(n.style_expr) : "") + ")"
                                     : std::to_string(n.level)) +
                       " " + dump_attrs(n.attrs) + dump_content(n.content) + "\n";
                break;
            case Node::Kind::item:
                out += ind + "item " + std::string(1, n.marker);
                if (n.marker == '~') {
                    out += "(" + (n.level_expr ? dump_expr(n.level_expr) + ", " : "") +
                           dump_expr(n.style_expr) + ")";
                }
                out += " " + dump_attrs(n.attrs) + dump_content(n.content) + "\n";
                break;
            case Node::Kind::pipe_row:
                out += ind + "row";
                for (const auto& c : n.cells) out += " | " + dump_content(c);
                out += "\n";
                break;
            case Node::Kind::for_:
                out += ind + "for " + n.var + (n.var2.empty() ? "" : ", " + n.var2) + " in " +
                       dump_expr(n.expr) + "\n";
                dump_body(out, n.body, ind + "  ");
                break;
            case Node::Kind::if_:
                for (std::size_t i = 0; i < n.branches.size(); ++i) {
                    out += ind + (i ? "elif " : "if ") + dump_expr(n.branches[i].first) + "\n";
                    dump_body(out, n.branches[i].second, ind + "  ");
                }
                if (!n.else_body.empty()) {
                    out += ind + "else\n";
                    dump_body(out, n.else_body, ind + "  ");
                }
                break;
            case Node::Kind::set: out += ind + "set " + n.var + " = " + dump_expr(n.expr) + "\n"; break;
            case Node::Kind::block:
                out += ind + "include " + n.name + "\n";
                dump_body(out, n.body, ind + "  ");
                break;
            case Node::Kind::call: {
                out += ind + "call " + n.name + "(";
                for (std::size_t i = 0; i < n.args.size(); ++i) {
                    out += (i ? ", " : "") + dump_expr(n.args[i]);
                }
                out += ")\n";
                break;
            }
            case Node::Kind::table:
                out += ind + "table " + dump_attrs(n.attrs) + "\n";
                dump_body(out, n.body, ind + "  ");
                break;
            case Node::Kind::row: out += ind + "row-start " + dump_attrs(n.attrs) + "\n"; break;
            case Node::Kind::cell: out += ind + "cell " + dump_attrs(n.attrs) + "\n"; break;
            case Node::Kind::section: out += ind + "section " + dump_attrs(n.attrs) + "\n"; break;
            case Node::Kind::pagebreak: out += ind + "pagebreak\n"; break;
            case Node::Kind::space: out += ind + "space " + dump_expr(n.expr) + "\n"; break;
            case Node::Kind::style: out += ind + "style " + n.var + " " + dump_attrs(n.attrs) + "\n"; break;
            case Node::Kind::endmark: out += ind + "endmark\n"; break;
            case Node::Kind::numbering: out += ind + "numbering " + n.var + "\n"; break;
        }
    }
}

}  // namespace detail

Template parse_template(const TemplateSource& source, const std::string& path,
                        Diagnostics& diags) {
    Template t;
    t.name = path;
    std::vector<std::string> stack;
    detail::IncludeBudget budget;
    detail::FileParser fp(t, source, diags, stack, budget, diags.error_count(), 0);
    t.body = fp.parse_file(path, nullptr, 0);
    return t;
}

ExprPtr parse_expression(const SourceFile& file, int file_index, std::size_t begin,
                         std::size_t end, Diagnostics& diags) {
    detail::ExprParser p(file, file_index, begin, end, diags, diags.error_count());
    return p.parse_all();
}

std::string dump_ast(const Template& t) {
    std::string out;
    for (const auto& [name, m] : t.macros) {
        out += "macro " + name + "(";
        for (std::size_t i = 0; i < m.params.size(); ++i) {
            out += (i ? ", " : "") + m.params[i].name + ": " + m.params[i].type;
        }
        out += ")\n";
        detail::dump_body(out, m.body, "  ");
    }
    detail::dump_body(out, t.body, "");
    return out;
}

}  // namespace thidua::tpl
