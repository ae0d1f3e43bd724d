// Stage: driver. Writes a set of output files into one folder, all or nothing.
// In: the output folder as the user wrote it, then the files of the new set one by one
// (bytes, or a path a library writes to); out: the folder holding exactly the new set
// (plus every other file that was there), or exactly what it held before.
//
// How (README, "Ghi trọn hoặc không ghi gì", states the guarantee per file system):
// - prepare() resolves the folder DIR (a link to a folder means the folder), takes a lock
//   next to it (P/.DIR.thidua-lock, flock), puts right what a killed run left, and creates
//   the staging folder P/.DIR.thidua-tmp next to DIR on the same file system.
// - write() / stage() + sync() put each file of the new set into the staging folder as
//   soon as it is made, flushed to disk: nothing is held in memory for the commit.
// - commit(): everything already in DIR that the new set does not replace (files of an
//   earlier run it does not make again, the user's own files) is hard-linked into the
//   staging folder; a marker listing the new set's names is left in DIR; then ONE
//   renameat2(RENAME_EXCHANGE) swaps the two folders: before it DIR is the old set, after
//   it the new one. What the links could not carry (sub-folders; every entry on a file
//   system without hard links) is moved from the old folder into the new one right
//   after; then the old folder is removed. Without RENAME_EXCHANGE (exFAT, SMB…) the swap
//   is two renames (DIR aside, the staging folder in). Interrupt signals wait until the
//   commit is over (CommitSection).
// - A run killed at any moment (kill -9, power loss) leaves the staging folder, the old
//   folder or the marker; the next prepare() on the same folder finds them, finishes or
//   undoes that run's commit (the marker says which folder is the old one) and says so.
// - The set keeps no per-file state, so it works for any number of files, and several sets
//   (different folders) may be written at once, on different threads.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "driver/interrupt.hpp"

namespace thidua::driver {

class OutputSet {
public:
    /// `dir` is the output folder as the user wrote it (used in messages).
    explicit OutputSet(std::string dir);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// Creates missing parent folders, locks the output folder (another run writing to it
    /// is an error), cleans up after a killed run (a warning says what was done) and
    /// creates the staging folder. False with an error when the folder cannot be used.
    bool prepare(Diagnostics& diags);

    /// Writes file `name` (a plain file name) of the new set and flushes it to disk.
    /// Thread-safe once prepare() succeeded.
    bool write(const std::string& name, std::string_view bytes, Diagnostics& diags);

    /// Appends `bytes` to file `name` of the new set, made empty by the first call: for a
    /// file written a piece at a time (manifest.json). sync(name) once it is whole. Not
    /// thread-safe: one writer appends to a file.
    bool append(const std::string& name, std::string_view bytes, Diagnostics& diags);

    /// Returns the path a library should write file `name` of the new set to (inside the
    /// staging folder); call sync(name) once it is written.
    std::string stage(const std::string& name) const;

    /// Flushes a file that another writer (libxlsxwriter) filled to disk.
    bool sync(const std::string& name, Diagnostics& diags);

    /// Makes the new set the content of the output folder (see above). On failure before
    /// the swap the folder is untouched, the staging folder removed, and false returned
    /// with an error; problems after the swap (a user's file that could not be moved back)
    /// are warnings.
    bool commit(Diagnostics& diags);

    /// Removes the staging folder, the lock and the folders prepare() created. Idempotent;
    /// does nothing after a commit.
    void rollback();

    /// Returns the path of `name` in the output folder as shown to the user.
    std::string display_path(const std::string& name) const;

    /// The name of the marker file commit() leaves in the old folder.
    static constexpr const char* old_marker = ".thidua-old-set";

private:
    bool resolve(Diagnostics& diags);
    bool lock(Diagnostics& diags);
    void unlock();
    void release_created();
    bool recover(Diagnostics& diags);
    bool swap_in(Diagnostics& diags);
    bool check_name(const std::string& name, Diagnostics& diags) const;
    void warn(Diagnostics& diags, std::string message) const;
    /// Writes `bytes` to `name` opened with `mode` (O_TRUNC or O_APPEND), with fsync when
    /// `flush`; on failure an error, and the file removed.
    bool put(const std::string& name, std::string_view bytes, int mode, bool flush, Diagnostics& diags);

    std::string dir_text_;     ///< as the user wrote it
    std::string parent_;       ///< the real path of the folder that holds the output folder
    std::string name_;         ///< the output folder's name in parent_
    std::string staging_;      ///< ".NAME.thidua-tmp"
    std::string old_;          ///< ".NAME.thidua-old" (the swap without RENAME_EXCHANGE)
    std::string lock_name_;    ///< ".NAME.thidua-lock"
    int parent_fd_ = -1;
    int staging_fd_ = -1;
    int lock_fd_ = -1;
    ScratchGuard staging_guard_;
    ScratchGuard lock_guard_;
    /// A folder prepare() made (a missing parent of the output folder), outermost first.
    struct Created {
        std::string path;
        std::string parent;  ///< the folder it was made in
        std::string name;    ///< its name there
        int parent_fd = -1;
        std::unique_ptr<ScratchGuard> guard;
    };
    std::vector<Created> created_dirs_;
    std::set<std::string> appending_;  ///< files append() has begun
    bool committed_ = false;
    bool marked_ = false;  ///< the marker may be in the output folder (before the swap)
};

}  // namespace thidua::driver
