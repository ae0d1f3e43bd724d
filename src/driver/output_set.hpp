// Stage: driver. Writes a set of output files all or nothing.
// Every file is first written under a temporary name in the output folder
// (".ke-hoach.pdf.tmp-<pid>"); commit() renames them to their real names only once all
// were written, the manifest last. If anything fails — a write, a rename, an exception
// unwinding through the destructor — the temporaries are removed, files an earlier run
// left are restored, and a folder this run created is removed again (when empty).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"

namespace thidua::driver {

class OutputSet {
public:
    /// `dir` is the output folder as the user wrote it (used in messages).
    explicit OutputSet(std::string dir);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// Creates the output folder (and missing parents) when needed; false with an error
    /// when it cannot be created or is not a folder.
    bool prepare(Diagnostics& diags);

    /// Registers the output `name` (a plain file name inside the folder) and returns the
    /// temporary path to write it to. Files are committed in the order they were added.
    std::string stage(const std::string& name);

    /// Writes `bytes` to the temporary file of `name` (staging it) and flushes it to disk.
    bool write(const std::string& name, std::string_view bytes, Diagnostics& diags);

    /// Flushes a temporary file that another writer (libxlsxwriter) filled to disk.
    bool sync(const std::string& name, Diagnostics& diags);

    /// Renames every temporary file to its real name. On failure puts back what was there
    /// before, removes the rest and returns false with an error.
    bool commit(Diagnostics& diags);

    /// Removes every temporary file and the folders prepare() created. Idempotent.
    void rollback();

    /// Returns the path of `name` in the output folder as shown to the user.
    std::string display_path(const std::string& name) const;

private:
    struct Entry {
        std::string name;
        std::filesystem::path temp;
        std::filesystem::path final_path;
        std::filesystem::path backup;  ///< hard link to the file it replaces, if any
        bool renamed = false;
    };

    std::string dir_text_;
    std::filesystem::path dir_;
    std::vector<Entry> entries_;
    std::vector<std::filesystem::path> created_dirs_;  ///< outermost first
    bool committed_ = false;
};

}  // namespace thidua::driver
