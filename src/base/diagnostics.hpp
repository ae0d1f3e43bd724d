// Stage: base. Source files and diagnostics shared by every stage.
// In: file text; out: positions (line, column in characters) and error lists that the
// driver prints as `file:line:col: lỗi: message`, or, for a value read from a spreadsheet,
// `file.xlsx, trang "Đơn vị", ô C7: lỗi: message`.
#pragma once

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace thidua {

/// A 1-based line and column; the column counts Unicode characters, not bytes.
struct LineCol {
    int line = 0;
    int col = 0;
};

/// A loaded text file (campaign JSON or template) that positions point into.
class SourceFile {
public:
    SourceFile() = default;
    SourceFile(std::string path, std::string text);

    const std::string& path() const { return path_; }
    /// The text (inflated again first when pack() kept it deflated).
    const std::string& text() const {
        if (packed_) unpack();
        return text_;
    }

    /// Returns the line and character column of a byte offset.
    LineCol line_col(std::size_t offset) const;
    /// Returns the text of a 1-based line, without its line end.
    std::string_view line_text(int line) const;

    /// Keeps a text of at least `min_size` bytes deflated (at a fast level, in pieces of
    /// 256 KiB) until text() or a position is next asked for: a campaign of ten thousand
    /// units keeps its 10 MB of text only to point at a mistake that a later stage may
    /// find, and is parsed from the pieces (Chars) without ever being whole again. Smaller
    /// texts stay as they are (deflating them costs more time than it saves memory).
    void pack(std::size_t min_size = 1024 * 1024);
    bool packed() const { return packed_; }

    /// The characters of the text from first to last, for a reader that goes forward only
    /// (a parser): a packed text is inflated a piece at a time, never whole.
    class Chars {
    public:
        explicit Chars(const SourceFile& file) : file_(file) {}
        Chars(const Chars&) = delete;
        Chars& operator=(const Chars&) = delete;

        /// An input iterator over the characters.
        class iterator {
        public:
            using iterator_category = std::input_iterator_tag;
            using value_type = char;
            using difference_type = std::ptrdiff_t;
            using pointer = const char*;
            using reference = const char&;

            iterator() = default;
            iterator(Chars* chars, std::size_t at) : chars_(chars), at_(at) {}
            const char& operator*() const { return chars_->at(at_); }
            iterator& operator++() {
                ++at_;
                return *this;
            }
            iterator operator++(int) {
                iterator old = *this;
                ++at_;
                return old;
            }
            bool operator==(const iterator& o) const { return at_ == o.at_; }
            bool operator!=(const iterator& o) const { return at_ != o.at_; }

        private:
            Chars* chars_ = nullptr;
            std::size_t at_ = 0;
        };
        iterator begin() { return iterator(this, 0); }
        iterator end() { return iterator(this, file_.size()); }

    private:
        const char& at(std::size_t i) {
            if (!file_.packed_) return file_.text_[i];
            if (i - base_ >= piece_.size()) load(i);
            return piece_[i - base_];
        }
        void load(std::size_t i);

        const SourceFile& file_;
        std::string piece_;
        std::size_t base_ = 0;
    };

    /// The text's size in bytes, packed or not.
    std::size_t size() const { return packed_ ? size_ : text_.size(); }

private:
    /// The offsets where lines start, found at the first position asked for.
    const std::vector<std::size_t>& line_starts() const;
    void unpack() const;
    /// Inflates piece `i` into `out` (its size: the piece's).
    void inflate_piece(std::size_t i, std::string& out) const;

    std::string path_;
    mutable std::string text_;
    mutable std::vector<std::size_t> line_starts_;
    mutable bool packed_ = false;
    mutable std::vector<std::string> pieces_;  ///< deflated, 256 KiB of text each
    std::size_t size_ = 0;  ///< the text's size while it is deflated
};

enum class Severity { error, warning, note };

/// One message for the user, in Vietnamese.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;     ///< path as given by the user; empty when not tied to a file
    int line = 0;         ///< 1-based; 0 when unknown
    int col = 0;          ///< 1-based, in characters; 0 when unknown
    std::string pointer;  ///< JSON pointer into the campaign file, e.g. "/phases/1/end"
    std::string message;  ///< lowercase start, no final period
    std::string source_line;  ///< the line the position is on, for the caret display
    /// True when the position is a spreadsheet's: `line` is the row and `col` the column
    /// (1 = A), both 1-based; col 0 means the whole row, line 0 the whole sheet.
    bool cell = false;
    std::string sheet = {};  ///< with `cell`: the sheet's name; empty for a CSV file
};

/// Collects diagnostics from every stage; stages never print or exit.
class Diagnostics {
public:
    /// Adds an error at a byte offset of a source file.
    void error(const SourceFile& file, std::size_t offset, std::string message,
               std::string pointer = {});
    /// Adds an error at a known line and column.
    void error_at(std::string file, int line, int col, std::string message,
                  std::string pointer = {});
    /// Adds an error that has no position (e.g. a missing file).
    void error_general(std::string message);
    /// Adds an error (or a diagnostic of another `severity`) at a cell of a spreadsheet:
    /// `row` and `col` 1-based, col 0 for the whole row, row 0 for the whole sheet.
    void at_cell(std::string file, std::string sheet, int row, int col, std::string message,
                 Severity severity = Severity::error);
    void warning(const SourceFile& file, std::size_t offset, std::string message,
                 std::string pointer = {});
    void add(Diagnostic d);

    bool has_errors() const { return errors_ > 0; }
    std::size_t error_count() const { return errors_; }
    const std::vector<Diagnostic>& all() const { return list_; }
    void clear();

    /// Returns every diagnostic as `file:line:col: lỗi: message (tại /pointer)`, one per
    /// line, in the order reported; with `caret`, adds the source line and a ^ marker.
    std::string format(bool caret = false) const;

private:
    std::vector<Diagnostic> list_;
    std::size_t errors_ = 0;
};

/// Returns one diagnostic in the form described for Diagnostics::format.
std::string format_diagnostic(const Diagnostic& d, bool caret = false);

/// Returns a spreadsheet column's letters: 1 → "A", 26 → "Z", 27 → "AA"; "" for col < 1.
std::string column_letters(int col);
/// Returns a cell's name: (7, 3) → "C7".
std::string cell_name(int row, int col);
/// Returns where a spreadsheet diagnostic is, as format_diagnostic writes it after the
/// file name: `trang "Đơn vị", ô C7`, `trang "Đơn vị", dòng 7`, `ô C7` (no sheet: CSV).
std::string cell_place(const std::string& sheet, int row, int col);

}  // namespace thidua
