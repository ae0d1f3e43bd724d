// Stage: render/xlsx (internal). What the workbooks of this folder share: measuring text
// for column widths and row heights (neither writer has autofit); for the roster template,
// still written with libxlsxwriter, that library's errors in Vietnamese and a checker that
// keeps the first of them.
// In: UTF-8 text, lxw_error codes; out: pixels, line counts, messages.
#pragma once

#include <string>
#include <vector>

#include <xlsxwriter.h>

#include "base/diagnostics.hpp"

namespace thidua::xlsx::detail {

// Widths in pixels at 96 dpi for Times New Roman; Excel's column unit is 7 px (the "0" of
// the default Calibri 11) plus 5 px of padding.

/// The width of `s` in pixels at `size_pt`, bold or not (an estimate per letter).
double text_px(const std::string& s, double size_pt, bool bold);
/// The words of `s`, split at white space.
std::vector<std::string> words_of(const std::string& s);
/// The width of the longest word of `s`, in pixels.
double longest_word_px(const std::string& s, double size, bool bold);
/// Number of lines `s` takes when wrapped at spaces (and at "\n") into `avail_px`.
int wrapped_lines(const std::string& s, double size, bool bold, double avail_px);
/// The pixels of a column `width_chars` wide.
double col_px(double width_chars);
/// The column width (characters, in half steps) that shows `px` pixels of text.
double width_for_px(double px);
/// The height of one line of text at `size` pt, in points.
double line_height(double size);

/// Returns what a libxlsxwriter error means, in Vietnamese (its own text is English).
std::string error_text(lxw_error e);

/// Remembers the first libxlsxwriter error and where it happened.
class Checker {
public:
    void operator()(lxw_error e, const char* what) {
        if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) {
            error_ = e;
            what_ = what;
        }
    }
    bool ok() const { return error_ == LXW_NO_ERROR; }
    lxw_error error() const { return error_; }
    const std::string& what() const { return what_; }

private:
    lxw_error error_ = LXW_NO_ERROR;
    std::string what_;
};


/// Creates (empties) `out_path` to find out early whether it can be written; false with a
/// Vietnamese error, and `*write_failed` set, when it cannot.
bool probe_output(const std::string& out_path, Diagnostics& diags, bool* write_failed);

/// Opens a workbook at `out_path` for writing: the path is probed first (libxlsxwriter only
/// finds out at the end, and prints to stderr), and the library's temporary files go beside
/// the workbook (the folder that must hold it anyway, not a /tmp that may be small or full).
/// `tmpdir` receives that folder and must outlive the workbook (the library is handed its
/// pointer). nullptr after a Vietnamese error; `*write_failed` is set when the path could
/// not be opened.
lxw_workbook* open_workbook(const std::string& out_path, std::string& tmpdir,
                            Diagnostics& diags, bool* write_failed = nullptr);

}  // namespace thidua::xlsx::detail
