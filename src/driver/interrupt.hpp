// Stage: driver. What happens when the process is interrupted (Ctrl-C = SIGINT, SIGTERM,
// SIGHUP) or hits the file size limit (SIGXFSZ, `ulimit -f`).
// In: scratch folders and files that the commands register while they exist, and commit
// sections during which an interrupt must wait; out: on an interrupt, every registered
// scratch folder (its files, then the folder) and file is removed, then the process dies
// of the signal as it would have without a handler.
//
// The handler knows nothing of output sets: a scratch entry is a name relative to an open
// folder descriptor, so any number of them can exist at once (one per set of a batch, on
// any thread), with no limit on their number or on the length of their paths. A scratch
// folder holds only files (the handler never recurses, so it can never remove a folder a
// user made).
#pragma once

#include <string>

namespace thidua::driver {

/// Installs the handlers once per process: SIGINT, SIGTERM and SIGHUP clean up and die
/// (a signal the parent set to be ignored, e.g. by nohup, stays ignored); SIGXFSZ is
/// ignored, so that a write past `ulimit -f` fails with EFBIG and the normal error path
/// reports it. An allocation the C library refuses (base/alloc_watch.hpp) outside a
/// commit section cleans up the same way and ends the process with exit code 3 and a
/// message; inside one it is left to the commit, which then refuses to swap.
void install_interrupt_handlers();

/// What the handler does with a scratch entry.
enum class Scratch {
    file,          ///< unlink it
    folder,        ///< remove the files in it, then the folder (remove_flat_folder)
    empty_folder,  ///< remove it if it is empty by then (a parent folder the run created)
    /// An open file whose name is already removed (a spill file): its descriptor is closed
    /// before anything is removed, or on a FUSE file system it lingers as ".fuse_hidden…"
    /// and keeps its folder. arm() takes no folder nor name for it.
    descriptor,
};

/// Ends the process for want of memory: says so once on stderr ("hết bộ nhớ"), removes
/// the scratch entries like an interrupt, exit code 3. Allocates nothing. The message says
/// that nothing was written, or, in a batch where some campaigns' sets were already
/// committed, that those stay as written and the rest were not.
[[noreturn]] void die_out_of_memory();

/// Counts an output set committed by this process (OutputSet::commit calls it).
void note_set_committed();
/// The message for a run that stops on an error of its own (memory, internal): that
/// nothing was written, or that the sets committed before stay and the rest were not.
/// Allocates nothing.
const char* nothing_written_note();

/// From now on, memory refused outside a commit section ends the process with `code`
/// and nothing removed: the work is done (a render whose set is committed exits 0; its
/// report may be cut short). -1 goes back to die_out_of_memory().
void exit_on_out_of_memory(int code);

/// A folder or file that the interrupt handler removes while this object is armed.
/// `dir_fd` is an open folder the entry `name` lives in; it must stay open until the
/// guard is released or destroyed. Arming and releasing are cheap and thread-safe.
class ScratchGuard {
public:
    ScratchGuard() = default;
    ScratchGuard(int dir_fd, const std::string& name, Scratch kind) { arm(dir_fd, name, kind); }
    ~ScratchGuard();
    ScratchGuard(const ScratchGuard&) = delete;
    ScratchGuard& operator=(const ScratchGuard&) = delete;

    /// Takes a slot for a later arm() (which then allocates nothing): call it before
    /// creating the entry, so that running out of memory between the creation and the
    /// registration cannot leave the entry behind.
    void reserve();
    /// Registers `name` in `dir_fd` (releasing what was registered before). `open_fd`, for
    /// a file, is a descriptor of it that the handler closes first: on a FUSE file system
    /// an open file that is removed lingers as ".fuse_hidden…" and keeps its folder.
    void arm(int dir_fd, const std::string& name, Scratch kind, int open_fd = -1);
    /// Unregisters: the handler leaves the entry alone from now on.
    void release();
    bool armed() const { return slot_ != nullptr; }

private:
    void* slot_ = nullptr;      ///< the armed slot
    void* reserved_ = nullptr;  ///< a slot taken by reserve(), not armed yet
};

/// While one exists on a thread, SIGINT, SIGTERM and SIGHUP are blocked on that thread,
/// and a handler running on any other thread waits until it is gone: a commit runs to its
/// end (or its rollback), and the signal takes effect after. Nest freely.
class CommitSection {
public:
    CommitSection();
    ~CommitSection();
    CommitSection(const CommitSection&) = delete;
    CommitSection& operator=(const CommitSection&) = delete;

private:
    bool blocked_ = false;
};

/// Removes every file directly inside folder `name` of `dir_fd`, then the folder; leaves
/// sub-folders (and so the folder) in place. Async-signal-safe; the handler uses it too.
/// Returns true when the folder is gone.
bool remove_flat_folder(int dir_fd, const char* name);

}  // namespace thidua::driver
