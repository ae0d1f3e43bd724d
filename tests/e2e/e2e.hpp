// End-to-end test helpers: run the built `thidua` binary in a shell, capture its exit
// status, stdout and stderr, and look at the files it wrote.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "support/tools.hpp"

namespace e2e {

namespace fs = std::filesystem;

/// Returns `s` quoted for /bin/sh.
inline std::string sh_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

/// A fresh folder under the system temporary folder, removed at the end of the test.
struct TempDir {
    static int next_id() {
        static int id = 0;
        return ++id;
    }
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() /
               ("thidua-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(next_id()) +
                "-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        // A test may have made a folder read-only.
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
    fs::path operator/(const std::string& name) const { return path / name; }
    std::string str() const { return path.string(); }
};

struct Result {
    int status = -1;  ///< exit code; 124 when the time limit killed it; -1 on a signal
    std::string out;
    std::string err;
};

/// Runs a shell command with a time limit; captures stdout and stderr.
inline Result run_shell(const std::string& command, int timeout_seconds = 120) {
    TempDir tmp("stderr");
    const std::string err_path = (tmp / "err").string();
    std::string full = "timeout " + std::to_string(timeout_seconds) + " " + command + " 2>" +
                       sh_quote(err_path);
    Result r;
    FILE* p = ::popen(full.c_str(), "r");
    if (p == nullptr) return r;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
    int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r.err = read_file(err_path);
    return r;
}

/// Runs `thidua` with `args`; `env` is a prefix like "SOURCE_DATE_EPOCH=0".
inline Result run_thidua(const std::vector<std::string>& args, const std::string& env = "",
                     int timeout_seconds = 120) {
    std::string cmd;
    if (!env.empty()) cmd += "env " + env + " ";
    cmd += sh_quote(THIDUA_BINARY);
    for (const auto& a : args) cmd += " " + sh_quote(a);
    return run_shell(cmd, timeout_seconds);
}

/// Shows a result in a failure message.
inline std::string show(const Result& r) {
    return "status " + std::to_string(r.status) + "\n--- stdout\n" + r.out + "--- stderr\n" +
           r.err;
}

inline std::string source(const std::string& rel) {
    return std::string(THIDUA_SOURCE_DIR) + "/" + rel;
}
inline std::string sample(const std::string& name) { return source("samples/" + name + ".json"); }

/// Every file under `dir` (hidden ones too), by relative path, with its bytes; folders
/// appear with a trailing "/" and no content.
inline std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return out;
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::string rel = fs::relative(it->path(), dir).string();
        if (it->is_directory()) {
            out[rel + "/"] = "";
        } else {
            out[rel] = read_file(it->path());
        }
    }
    return out;
}

inline std::string names(const std::map<std::string, std::string>& snap) {
    std::string out;
    for (const auto& [k, v] : snap) out += k + "\n";
    return out;
}

using test_support::have_program;
using test_support::missing_program;

/// A templates folder with a one-line ke-hoach.tpl, so driver tests do not depend on
/// the project's templates.
struct MiniTemplates {
    TempDir dir;
    explicit MiniTemplates(const std::string& body = "Kế hoạch thử nghiệm {{ document.title }}.\n")
        : dir("tpl") {
        write_file(dir / "ke-hoach.tpl", body);
    }
    std::string str() const { return dir.str(); }
};

/// Returns `text` with every run of white space (line breaks, form feeds) as one space.
inline std::string collapse_spaces(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// Returns "" when every needle occurs in `hay` in the given order, else what is missing.
inline std::string find_in_order(const std::string& hay, const std::vector<std::string>& needles) {
    std::size_t pos = 0;
    for (const auto& n : needles) {
        std::size_t at = hay.find(n, pos);
        if (at == std::string::npos) {
            bool anywhere = hay.find(n) != std::string::npos;
            return "\"" + n + "\"" + (anywhere ? " is out of order" : " is missing");
        }
        pos = at + n.size();
    }
    return "";
}

/// True when thidua was built with its allocation watch (not in the sanitizer build),
/// so that the failalloc shim can refuse its memory.
inline bool thidua_watch_built() {
#ifdef THIDUA_SANITIZE
    return false;
#else
    Result r = run_thidua({"--version"}, "LD_PRELOAD=" + sh_quote(THIDUA_FAILALLOC) + " THIDUA_FAIL_ALLOC_AT=1");
    return r.status == 3;
#endif
}

}  // namespace e2e
