// Stage: template (lex + parse). Reads a template file and the files it includes into a
// Template syntax tree. Syntax errors go to Diagnostics at the template's file:line:col;
// the parser goes on with the next line so that one run reports them all.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "base/diagnostics.hpp"
#include "template/ast.hpp"

namespace thidua::tpl {

/// The largest template file read (a template is a few kilobytes; this stops a path to a
/// device or a huge file from filling the memory).
inline constexpr std::size_t max_template_bytes = std::size_t{4} << 20;

/// Why a template file could not be read.
enum class ReadError {
    none,
    missing,     ///< no such file
    outside,     ///< the path leads out of the templates folder (by ".." or a symbolic link)
    not_a_file,  ///< a folder, a device or a pipe
    too_large,   ///< longer than max_template_bytes
};

/// Where templates come from: a folder, or in-memory files (tests).
class TemplateSource {
public:
    virtual ~TemplateSource() = default;
    /// Reads template `path` (relative to the templates folder, already normalised: no
    /// "..", no "."), at most max_template_bytes of it.
    virtual ReadError read(const std::string& path, std::string& out) const = 0;
    /// Returns the name shown in messages for a template path.
    virtual std::string display_name(const std::string& path) const = 0;
};

/// Templates read from a folder on disk (the project's templates/ or --templates DIR).
/// Only regular files inside the folder are read: a path whose ".." or symbolic links
/// lead elsewhere is ReadError::outside.
class DirectorySource : public TemplateSource {
public:
    explicit DirectorySource(std::string root) : root_(std::move(root)) {}
    /// Looks in `root` first, then in `fallback` (the project's own templates): an office's
    /// folder need only hold the templates it changes. Both folders are allowed, nothing
    /// outside them.
    DirectorySource(std::string root, std::string fallback)
        : root_(std::move(root)), fallback_(std::move(fallback)) {}
    ReadError read(const std::string& path, std::string& out) const override;
    std::string display_name(const std::string& path) const override;
    const std::string& root() const { return root_; }

private:
    /// The folder `path` is read from: root, else fallback when it has the file there.
    const std::string& folder_of(const std::string& path) const;
    std::string root_;
    std::string fallback_;
};

/// Templates held in memory, keyed by path (for tests).
class MemorySource : public TemplateSource {
public:
    void add(std::string path, std::string text) { files_[std::move(path)] = std::move(text); }
    ReadError read(const std::string& path, std::string& out) const override;
    std::string display_name(const std::string& path) const override { return path; }

private:
    std::map<std::string, std::string> files_;
};

/// The most errors one compile reports; past it one message says that more were left out.
inline constexpr std::size_t max_template_errors = 100;

/// Reports an error in a template file at a byte offset, like Diagnostics::error but
/// without copying a source line over 1000 bytes into the diagnostic, and only while fewer
/// than max_template_errors errors were reported since `baseline` (the error count when the
/// compile began); the first one past the limit says that more were left out.
void report_template_error(Diagnostics& diags, std::size_t baseline, const SourceFile& file,
                           std::size_t offset, std::string message);

/// Parses template `path` (e.g. "ke-hoach.tpl") and everything it includes.
Template parse_template(const TemplateSource& source, const std::string& path,
                        Diagnostics& diags);

/// Parses one expression (used by tests and by the CLI's --eval).
ExprPtr parse_expression(const SourceFile& file, int file_index, std::size_t begin,
                         std::size_t end, Diagnostics& diags);

/// Returns a readable dump of a syntax tree, for golden tests.
std::string dump_ast(const Template& t);

}  // namespace thidua::tpl
