#include "base/diagnostics.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <stdexcept>
#include <utility>

#include <libdeflate.h>

namespace thidua {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/// Returns the length of a UTF-8 byte-order mark at the start of `text`, or 0.
std::size_t bom_length(std::string_view text) {
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

/// Returns `s` with every control character but tab shown as a visible symbol of one
/// character (U+2400-U+241F for U+0000-U+001F, U+2421 for U+007F, U+FFFD for
/// U+0080-U+009F): printed, an ESC from a campaign file would drive the terminal, a
/// U+0000 or a carriage return would hide what follows. One character for one keeps the
/// caret under its column.
std::string visible(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            const unsigned cp = c == 0x7F ? 0x2421 : 0x2400 + c;
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

const std::vector<std::size_t>& SourceFile::line_starts() const {
    const std::string& t = text();
    if (line_starts_.empty()) {
        line_starts_.push_back(0);
        for (std::size_t i = t.find('\n'); i != std::string::npos; i = t.find('\n', i + 1)) {
            line_starts_.push_back(i + 1);
        }
    }
    return line_starts_;
}

namespace {
constexpr std::size_t kPiece = 256 * 1024;
}  // namespace

void SourceFile::pack(std::size_t min_size) {
    if (packed_ || text_.size() < min_size) return;
    const std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> c(
        libdeflate_alloc_compressor(1), libdeflate_free_compressor);
    if (!c) throw std::bad_alloc();
    std::vector<std::string> pieces;
    std::string out(libdeflate_deflate_compress_bound(c.get(), kPiece), '\0');
    for (std::size_t at = 0; at < text_.size(); at += kPiece) {
        const std::size_t n = std::min(kPiece, text_.size() - at);
        const std::size_t got =
            libdeflate_deflate_compress(c.get(), text_.data() + at, n, out.data(), out.size());
        if (got == 0) return;  // cannot happen with the bound's room: the text stays as it is
        pieces.emplace_back(out.data(), got);
    }
    pieces_ = std::move(pieces);
    size_ = text_.size();
    std::string().swap(text_);
    std::vector<std::size_t>().swap(line_starts_);
    packed_ = true;
}

void SourceFile::inflate_piece(std::size_t i, std::string& out) const {
    out.resize(std::min(kPiece, size_ - i * kPiece));
    const std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(
        libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
    if (!d) throw std::bad_alloc();
    const libdeflate_result r = libdeflate_deflate_decompress(d.get(), pieces_[i].data(), pieces_[i].size(),
                                                              out.data(), out.size(), nullptr);
    // Deflated here a moment ago: anything else is a broken program, not a broken input.
    if (r != LIBDEFLATE_SUCCESS) throw std::logic_error("SourceFile: deflated text does not inflate");
}

void SourceFile::unpack() const {
    std::string t;
    t.reserve(size_);
    std::string piece;
    for (std::size_t i = 0; i < pieces_.size(); ++i) {
        inflate_piece(i, piece);
        t += piece;
    }
    text_ = std::move(t);
    std::vector<std::string>().swap(pieces_);
    packed_ = false;
}

void SourceFile::Chars::load(std::size_t i) {
    base_ = i / kPiece * kPiece;
    file_.inflate_piece(i / kPiece, piece_);
}

LineCol SourceFile::line_col(std::size_t offset) const {
    const std::string& t = text();
    const std::vector<std::size_t>& starts = line_starts();
    offset = std::min(offset, t.size());
    auto it = std::upper_bound(starts.begin(), starts.end(), offset);
    std::size_t line_index = static_cast<std::size_t>(it - starts.begin()) - 1;
    std::size_t start = starts[line_index];
    // A byte-order mark is invisible in editors: do not count it as a column.
    if (line_index == 0 && offset >= bom_length(t)) start = bom_length(t);
    // An offset inside a multi-byte character points at that character.
    while (offset > start && offset < t.size() &&
           is_continuation(static_cast<unsigned char>(t[offset]))) {
        --offset;
    }
    int col = 1;
    for (std::size_t i = start; i < offset; ++i) {
        if (!is_continuation(static_cast<unsigned char>(t[i]))) ++col;
    }
    return {static_cast<int>(line_index) + 1, col};
}

std::string_view SourceFile::line_text(int line) const {
    const std::string& t = text();
    const std::vector<std::size_t>& starts = line_starts();
    if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
    std::size_t start = starts[static_cast<std::size_t>(line) - 1];
    std::size_t end = static_cast<std::size_t>(line) < starts.size()
                          ? starts[static_cast<std::size_t>(line)] - 1
                          : t.size();
    if (end > start && t[end - 1] == '\r') --end;
    if (line == 1) start = std::min(start + bom_length(t), end);
    return std::string_view(t).substr(start, end - start);
}

void Diagnostics::add(Diagnostic d) {
    if (d.severity == Severity::error) ++errors_;
    list_.push_back(std::move(d));
}

namespace {
Diagnostic at_offset(Severity severity, const SourceFile& file, std::size_t offset,
                     std::string message, std::string pointer) {
    LineCol lc = file.line_col(offset);
    Diagnostic d;
    d.severity = severity;
    d.file = file.path();
    d.line = lc.line;
    d.col = lc.col;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    d.source_line = std::string(file.line_text(lc.line));
    return d;
}
}  // namespace

void Diagnostics::error(const SourceFile& file, std::size_t offset, std::string message,
                        std::string pointer) {
    add(at_offset(Severity::error, file, offset, std::move(message), std::move(pointer)));
}

void Diagnostics::warning(const SourceFile& file, std::size_t offset, std::string message,
                          std::string pointer) {
    add(at_offset(Severity::warning, file, offset, std::move(message), std::move(pointer)));
}

void Diagnostics::error_at(std::string file, int line, int col, std::string message,
                           std::string pointer) {
    Diagnostic d;
    d.file = std::move(file);
    d.line = line;
    d.col = col;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    add(std::move(d));
}

void Diagnostics::error_general(std::string message) {
    Diagnostic d;
    d.message = std::move(message);
    add(std::move(d));
}

void Diagnostics::at_cell(std::string file, std::string sheet, int row, int col,
                          std::string message, Severity severity) {
    Diagnostic d;
    d.severity = severity;
    d.file = std::move(file);
    d.line = row;
    d.col = col;
    d.cell = true;
    d.sheet = std::move(sheet);
    d.message = std::move(message);
    add(std::move(d));
}

std::string column_letters(int col) {
    std::string s;
    for (int c = col; c > 0; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
    return s;
}

std::string cell_name(int row, int col) { return column_letters(col) + std::to_string(row); }

std::string cell_place(const std::string& sheet, int row, int col) {
    std::string out;
    if (!sheet.empty()) out += "trang \"" + sheet + "\"";
    if (row > 0) {
        if (!out.empty()) out += ", ";
        out += col > 0 ? "ô " + cell_name(row, col) : "dòng " + std::to_string(row);
    }
    return out;
}

void Diagnostics::clear() {
    list_.clear();
    errors_ = 0;
}

namespace {
const char* severity_word(Severity s) {
    switch (s) {
        case Severity::error: return "lỗi: ";
        case Severity::warning: return "cảnh báo: ";
        case Severity::note: return "ghi chú: ";
    }
    return "";
}
}  // namespace

std::string format_diagnostic(const Diagnostic& d, bool caret) {
    std::string out;
    if (d.cell) {
        // A spreadsheet has no lines to show: its place is the sheet and the cell, and the
        // JSON pointer of the value means nothing to the person who filled the sheet.
        std::string place = cell_place(d.sheet, d.line, d.col);
        if (!d.file.empty()) out += visible(d.file) + (place.empty() ? "" : ", ");
        out += visible(place);
        if (!out.empty()) out += ": ";
        return out + severity_word(d.severity) + visible(d.message);
    }
    if (!d.file.empty()) {
        out += visible(d.file);
        if (d.line > 0) {
            out += ':' + std::to_string(d.line);
            if (d.col > 0) out += ':' + std::to_string(d.col);
        }
        out += ": ";
    }
    out += severity_word(d.severity);
    out += visible(d.message);
    if (!d.pointer.empty()) out += " (tại " + visible(d.pointer) + ")";
    if (caret && !d.source_line.empty() && d.col > 0) {
        out += "\n  " + visible(d.source_line) + "\n  ";
        // Pad with the same bytes up to the column so tabs line up; count characters.
        int col = 1;
        for (std::size_t i = 0; i < d.source_line.size() && col < d.col; ++i) {
            unsigned char c = static_cast<unsigned char>(d.source_line[i]);
            if ((c & 0xC0) == 0x80) continue;
            out += (c == '\t') ? '\t' : ' ';
            ++col;
        }
        out += '^';
    }
    return out;
}

std::string Diagnostics::format(bool caret) const {
    std::string out;
    for (const auto& d : list_) {
        out += format_diagnostic(d, caret);
        out += '\n';
    }
    return out;
}

}  // namespace thidua
