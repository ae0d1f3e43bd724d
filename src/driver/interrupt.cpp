#include "driver/interrupt.hpp"

#include "base/alloc_watch.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace thidua::driver {

namespace {

/// One registered scratch entry. Nodes are never freed: a handler may be reading one.
/// A released node is reused by the next arm().
struct Slot {
    enum : int { free_ = 0, claimed = 1, armed = 2 };
    std::atomic<int> state{claimed};
    int dir_fd = -1;
    int open_fd = -1;  ///< closed before the entry is removed
    Scratch kind = Scratch::file;
    char name[256] = {};
    Slot* next = nullptr;  ///< set once, before the node is published
};

std::atomic<Slot*> g_slots{nullptr};
std::atomic<bool> g_dying{false};
std::atomic<long> g_committed{0};  ///< output sets this process committed
std::atomic<int> g_sections{0};
thread_local int t_sections = 0;  ///< commit sections open on this thread

void wait_forever() {
    for (;;) ::pause();
}

sigset_t interrupt_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

/// Calls `each` with the name of every entry of the open folder `fd` but "." and "..",
/// from where its offset stands. Async-signal-safe (getdents64 into the stack).
template <class Each>
void for_each_entry(int fd, Each&& each) {
    alignas(8) char buf[4096];
    for (;;) {
        const long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) break;
        for (long off = 0; off < n;) {
            // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[]
            unsigned short reclen;
            std::memcpy(&reclen, buf + off + 16, sizeof reclen);
            const char* entry = buf + off + 19;
            off += reclen;
            if (entry[0] == '.' && (entry[1] == '\0' || (entry[1] == '.' && entry[2] == '\0'))) continue;
            each(entry);
        }
    }
}

/// Copies the C string `s` to `out` at `at`; returns the new end, or -1 when it does not fit.
long append(char* out, long at, long cap, const char* s) {
    for (; *s != '\0'; ++s) {
        if (at + 1 >= cap) return -1;
        out[at++] = *s;
    }
    out[at] = '\0';
    return at;
}

/// The path descriptor `fd` stands for, from /proc/self/fd, in `out` (NUL-terminated);
/// its length, or -1. Async-signal-safe.
long path_of(int fd, char* out, long cap) {
    char link[32] = "/proc/self/fd/";
    char digits[12];
    int d = 0;
    for (unsigned v = static_cast<unsigned>(fd); d == 0 || v != 0; v /= 10) digits[d++] = static_cast<char>('0' + v % 10);
    int at = 14;
    while (d > 0) link[at++] = digits[--d];
    link[at] = '\0';
    const ssize_t n = ::readlink(link, out, static_cast<std::size_t>(cap - 1));
    if (n <= 0) return -1;
    out[n] = '\0';
    return n;
}

/// Whether the open file `target` (a /proc/self/fd link) lies in the scratch entry `s`:
/// in the folder, or the file itself (" (deleted)" after it, once removed).
bool inside(const char* target, const Slot& s) {
    char where[4096];
    long n = path_of(s.dir_fd, where, sizeof where);
    if (n < 0 || (n = append(where, n, sizeof where, "/")) < 0 ||
        (n = append(where, n, sizeof where, s.name)) < 0) {
        return false;
    }
    if (std::strncmp(target, where, static_cast<std::size_t>(n)) != 0) return false;
    const char next = target[n];
    return s.kind == Scratch::folder ? next == '/' : next == '\0' || next == ' ';
}

/// Closes every descriptor of the process that holds a file inside an armed scratch
/// folder or an armed scratch file (a library's temporary file, a file being copied or
/// written when the signal came): on FUSE a removed file that is still open lingers as
/// ".fuse_hidden…" and keeps its folder (scripts/test-filesystems, exFAT: SIGHUP while
/// the commit copied a kept file into the staging folder). Needs /proc; without it only
/// the registered descriptors are closed. Async-signal-safe.
void close_descriptors_inside_scratch() {
    const int dir = ::open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return;
    char target[4096];
    for_each_entry(dir, [&](const char* entry) {
        int fd = 0;
        bool number = entry[0] != '\0';
        for (const char* c = entry; *c != '\0'; ++c) {
            if (*c < '0' || *c > '9' || fd > 100000000) number = false;
            else fd = fd * 10 + (*c - '0');
        }
        if (!number || fd <= STDERR_FILENO || fd == dir || path_of(fd, target, sizeof target) < 0) return;
        for (Slot* s = g_slots.load(); s != nullptr; s = s->next) {
            if (s->state.load() != Slot::armed || s->kind == Scratch::descriptor ||
                s->kind == Scratch::empty_folder || s->dir_fd == fd) {
                continue;
            }
            if (inside(target, *s)) {
                ::close(fd);
                break;
            }
        }
    });
    ::close(dir);
}

/// Removes every armed scratch entry, once commits on other threads are over.
/// Async-signal-safe.
void remove_scratch() {
    g_dying.store(true);
    // A commit on another thread finishes first (its thread blocks the signals).
    while (g_sections.load() > 0) {
        struct timespec ts {0, 1000000};
        ::nanosleep(&ts, nullptr);
    }
    // Open descriptors first: on FUSE a removed file that is still open becomes a new
    // ".fuse_hidden…" entry each time it is removed, and its folder never empties.
    for (Slot* s = g_slots.load(); s != nullptr; s = s->next) {
        if (s->state.load() != Slot::armed || s->open_fd < 0) continue;
        ::close(s->open_fd);
        s->open_fd = -1;
        if (s->kind == Scratch::descriptor) s->state.store(Slot::free_);
    }
    close_descriptors_inside_scratch();
    // Files and scratch folders first; a parent folder the run created is empty only once
    // what is inside it went, whatever order the slots are in: repeat while that helps.
    for (int pass = 0; pass < 16; ++pass) {
        bool progress = false;
        for (Slot* s = g_slots.load(); s != nullptr; s = s->next) {
            if (s->state.load() != Slot::armed) continue;
            bool gone = false;
            if (s->kind == Scratch::folder) {
                gone = remove_flat_folder(s->dir_fd, s->name);
            } else if (s->kind == Scratch::file) {
                if (s->open_fd >= 0) ::close(s->open_fd);
                s->open_fd = -1;
                gone = ::unlinkat(s->dir_fd, s->name, 0) == 0;
            } else {
                gone = ::unlinkat(s->dir_fd, s->name, AT_REMOVEDIR) == 0;
            }
            if (gone) {
                s->state.store(Slot::free_);
                progress = true;
            }
        }
        if (!progress) break;
    }
}

extern "C" void on_interrupt(int sig) {
    const int saved_errno = errno;
    remove_scratch();
    // Die of the signal, as without a handler (the shell reports 130 for Ctrl-C).
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(sig, &dfl, nullptr);
    errno = saved_errno;
    ::raise(sig);  // delivered when the handler returns and the signal is unblocked
}

}  // namespace

/// The C library refused memory (base/alloc_watch.hpp). Outside a commit nothing is
/// written yet: stop now, with the scratch files removed, rather than hand a null pointer
/// to a library that may only log it (libxlsxwriter), abort or hang (GLib, in its
/// constructor) or crash on it. Inside a commit the commit's own error path runs (it
/// refuses to swap once any allocation failed).
namespace {
std::atomic<int> g_exit_when_out_of_memory{-1};
}  // namespace

void exit_on_out_of_memory(int code) { g_exit_when_out_of_memory.store(code); }

void note_set_committed() { g_committed.fetch_add(1); }

const char* nothing_written_note() {
    return g_committed.load() == 0
               ? "không tệp kết quả nào được ghi"
               : "các thư mục kết quả đã ghi xong trước đó vẫn nguyên vẹn, các chiến dịch chưa xong "
                 "không được ghi";
}

extern "C" void thidua_on_allocation_failure(std::size_t) {
    if (t_sections > 0) return;
    if (const int code = g_exit_when_out_of_memory.load(); code >= 0) ::_exit(code);
    die_out_of_memory();
}

void die_out_of_memory() {
    // Interrupt signals would race with the exit.
    sigset_t set = interrupt_set();
    ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
    static std::atomic<bool> said{false};
    if (!said.exchange(true)) {
        static const char head[] = "thidua: lỗi nội bộ: hết bộ nhớ; ";
        const char* note = nothing_written_note();
        if (::write(STDERR_FILENO, head, sizeof head - 1) < 0 || ::write(STDERR_FILENO, note, std::strlen(note)) < 0 ||
            ::write(STDERR_FILENO, "\n", 1) < 0) { /* nothing more to do */ }
    }
    remove_scratch();
    ::_exit(3);
}


void install_interrupt_handlers() {
    static std::atomic<bool> installed{false};
    if (installed.exchange(true)) return;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        // Leave a signal the caller chose to ignore (nohup) ignored.
        if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sa.sa_mask = interrupt_set();
        ::sigaction(sig, &sa, nullptr);
    }
    // Past `ulimit -f` a write fails with EFBIG and is reported like a full disk, instead
    // of the kernel killing the process with no message and the temporaries left behind.
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    ::sigaction(SIGXFSZ, &ign, nullptr);
}

void ScratchGuard::reserve() {
    if (slot_ != nullptr || reserved_ != nullptr) return;
    install_interrupt_handlers();
    Slot* slot = nullptr;
    for (Slot* s = g_slots.load(); s != nullptr && slot == nullptr; s = s->next) {
        int expected = Slot::free_;
        if (s->state.compare_exchange_strong(expected, Slot::claimed)) slot = s;
    }
    if (slot == nullptr) {
        slot = new Slot;  // state: claimed
        Slot* head = g_slots.load();
        do {
            slot->next = head;
        } while (!g_slots.compare_exchange_weak(head, slot));
    }
    reserved_ = slot;
}

void ScratchGuard::arm(int dir_fd, const std::string& name, Scratch kind, int open_fd) {
    release();
    if (kind == Scratch::descriptor ? open_fd < 0
                                    : dir_fd < 0 || name.empty() || name.size() >= sizeof(Slot::name)) {
        return;
    }
    reserve();
    Slot* slot = static_cast<Slot*>(reserved_);
    reserved_ = nullptr;
    // A handler already running may be reading slots: do not change one under it.
    if (g_dying.load()) wait_forever();
    slot->dir_fd = dir_fd;
    slot->kind = kind;
    slot->open_fd = open_fd;
    std::memcpy(slot->name, name.c_str(), name.size() + 1);
    slot->state.store(Slot::armed);
    slot_ = slot;
}

void ScratchGuard::release() {
    if (slot_ == nullptr) return;
    static_cast<Slot*>(slot_)->state.store(Slot::free_);
    slot_ = nullptr;
}

ScratchGuard::~ScratchGuard() {
    release();
    if (reserved_ != nullptr) static_cast<Slot*>(reserved_)->state.store(Slot::free_);
}

CommitSection::CommitSection() {
    install_interrupt_handlers();
    sigset_t set = interrupt_set();
    sigset_t old;
    sigemptyset(&old);
    // Only the outermost section unblocks the signals again.
    blocked_ = ::pthread_sigmask(SIG_BLOCK, &set, &old) == 0 && !sigismember(&old, SIGINT);
    g_sections.fetch_add(1);
    ++t_sections;
    // An interrupt is being handled on another thread: it is about to end the process;
    // starting a commit now would race with its cleanup.
    if (g_dying.load()) {
        --t_sections;
        g_sections.fetch_sub(1);
        wait_forever();
    }
}

CommitSection::~CommitSection() {
    --t_sections;
    g_sections.fetch_sub(1);
    if (blocked_) {
        sigset_t set = interrupt_set();
        ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    }
}

bool remove_flat_folder(int dir_fd, const char* name) {
    const int fd = ::openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT;
    // Removing entries while reading the folder may skip some: read it again from the
    // start until a pass removes nothing.
    // Bounded: on FUSE a file some descriptor still holds comes back under a new
    // ".fuse_hidden…" name each time it is removed; the folder then stays, and the next
    // run clears it and says so.
    for (int pass = 0, removed = 1; removed != 0 && pass < 64; ++pass) {
        removed = 0;
        if (::lseek(fd, 0, SEEK_SET) < 0) break;
        for_each_entry(fd, [&](const char* entry) {
            if (::unlinkat(fd, entry, 0) == 0) removed = 1;
        });
    }
    ::close(fd);
    return ::unlinkat(dir_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

}  // namespace thidua::driver
