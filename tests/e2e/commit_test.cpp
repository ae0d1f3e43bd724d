// The all-or-nothing commit of `thidua render` under interruptions, on file systems with
// and without hard links and RENAME_EXCHANGE (simulated by tests/shims/fsshim.c), with a
// lock against two runs into one folder, and the clean-up after a run killed with -9.
//
// The scenario: the output folder holds an earlier render (set A: a plan, two
// registration forms, the combined forms, a workbook, manifest.json) and the user's own
// file and sub-folder. The new render (set B) makes the plan, one form and the combined
// forms: the old second form and the old workbook must stay, as the user's files. The
// shim stops the new render at its K-th folder-changing call, for every K.
#include <doctest/doctest.h>

#include <cstdio>
#include <fcntl.h>
#include "base/json.hpp"
#include <set>
#include <sys/file.h>
#include <unistd.h>

#include "e2e.hpp"

using namespace e2e;
using json = thidua::Json;

namespace {

/// The shim's settings: `extra` for the file system; calls are counted from the lock (the
/// first thing a render creates) or, with `commit_only`, from the commit's first hard
/// link (the writing before it is the same on every file system).
std::string shim_env(const std::string& extra, bool commit_only = false) {
    return "LD_PRELOAD=" + sh_quote(THIDUA_FSSHIM) + " THIDUA_SHIM_NO_FSYNC=1 THIDUA_SHIM_COUNT_FROM=" +
           (commit_only ? "call:linkat" : ".thidua-lock") + (extra.empty() ? "" : " " + extra);
}

/// True when the file system of `dir` swaps two folders with RENAME_EXCHANGE (the tests
/// may run on any: TMPDIR=/mnt/exfat ctest -R commit).
bool exchanges(const fs::path& dir) {
    fs::create_directories(dir / "probe-a");
    fs::create_directories(dir / "probe-b");
    const bool yes = ::renameat2(AT_FDCWD, (dir / "probe-a").c_str(), AT_FDCWD, (dir / "probe-b").c_str(),
                                 RENAME_EXCHANGE) == 0;
    fs::remove(dir / "probe-a");
    fs::remove(dir / "probe-b");
    return yes;
}

/// Two campaigns (A with two units, B with one and another title) and a one-line plan.
struct Campaigns {
    TempDir in{"commit-in"};
    MiniTemplates tpl;
    std::string a, b;
    Campaigns() {
        json c = json::parse(read_file(sample("ba-to-2025")));
        c.erase("nomination");
        c["units"] = json::array({c["units"][0], c["units"][1]});
        c["document"]["title"] = "Bộ A";
        a = (in / "a.json").string();
        write_file(a, c.dump(2));
        c["units"] = json::array({c["units"][0]});
        c["document"]["title"] = "Bộ B";
        b = (in / "b.json").string();
        write_file(b, c.dump(2));
    }
    std::vector<std::string> render_a(const fs::path& dir) const {
        return {"render", a, "-o", dir.string(), "--templates", tpl.str(), "--only",
                "ke-hoach,dang-ky,theo-doi"};
    }
    std::vector<std::string> render_b(const fs::path& dir) const {
        return {"render", b, "-o", dir.string(), "--templates", tpl.str(), "--only", "ke-hoach,dang-ky"};
    }
};

/// The names a manifest lists, plus manifest.json.
std::set<std::string> manifest_names(const std::string& manifest) {
    std::set<std::string> out{"manifest.json"};
    // The parsed manifest is kept in a variable: a range-for over a member of a temporary
    // reads freed memory in C++20 (ASan found it here).
    const json parsed = json::parse(manifest);
    for (const auto& f : parsed.at("files")) out.insert(f.at("path").get<std::string>());
    return out;
}

using Snap = std::map<std::string, std::string>;

/// The entries of `snap` whose names are in `names`.
Snap only(const Snap& snap, const std::set<std::string>& names) {
    Snap out;
    for (const auto& [k, v] : snap) {
        if (names.count(k) != 0) out[k] = v;
    }
    return out;
}

/// Everything the folder `out` (the output folder's parent) holds besides the output
/// folder: the lock, staging or old folders a run left.
std::string scratch_in(const fs::path& parent) {
    std::string out;
    for (const auto& e : fs::directory_iterator(parent)) {
        if (e.path().filename() != "x") out += e.path().filename().string() + "\n";
    }
    return out;
}

/// The states the output folder may be in: A (the earlier render with the user's files),
/// B (A after a successful render of B), the names of the sets.
struct States {
    Snap a_full, b_full;
    std::set<std::string> a_names, b_names, thidua_names;
};

/// Puts the output folder `dir` in state A: rendered once, then copied for every run.
void prepare_a(const Campaigns& c, const fs::path& dir) {
    const fs::path golden = c.in / "golden-a";
    if (!fs::exists(golden)) {
        Result r = run_thidua(c.render_a(golden), shim_env(""));
        REQUIRE_MESSAGE(r.status == 0, show(r));
        write_file(golden / "ghi-chu.txt", "tệp của người dùng");
        fs::create_directories(golden / "ban-scan");
        write_file(golden / "ban-scan" / "to-trinh-da-ky.pdf", "bản scan");
    }
    fs::remove_all(dir.parent_path());
    fs::create_directories(dir.parent_path());
    fs::copy(golden, dir, fs::copy_options::recursive);
}

States learn_states(const Campaigns& c, const fs::path& work) {
    States s;
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    s.a_full = snapshot(dir);
    s.a_names = manifest_names(s.a_full.at("manifest.json"));
    Result r = run_thidua(c.render_b(dir), shim_env(""));
    REQUIRE_MESSAGE(r.status == 0, show(r));
    s.b_full = snapshot(dir);
    s.b_names = manifest_names(s.b_full.at("manifest.json"));
    // The names must be read for real: were they empty, every check on thidua's files
    // below would compare nothing.
    REQUIRE(s.a_names.count("theo-doi.xlsx") == 1);
    REQUIRE(s.a_names.count("dang-ky-tdp-02.pdf") == 1);
    REQUIRE(s.b_names.count("ke-hoach.pdf") == 1);
    s.thidua_names = s.a_names;
    s.thidua_names.insert(s.b_names.begin(), s.b_names.end());
    // What B must keep: the old files it does not make again, the user's.
    REQUIRE(s.b_full.count("theo-doi.xlsx") == 1);
    REQUIRE(s.b_full.at("theo-doi.xlsx") == s.a_full.at("theo-doi.xlsx"));
    REQUIRE(s.b_full.at("ghi-chu.txt") == "tệp của người dùng");
    REQUIRE(s.b_full.at("ban-scan/to-trinh-da-ky.pdf") == "bản scan");
    REQUIRE(s.a_full.at("ke-hoach.pdf") != s.b_full.at("ke-hoach.pdf"));
    return s;
}

/// How many folder-changing calls a render of B over A makes with `env`.
long count_calls(const Campaigns& c, const fs::path& work, const std::string& env, bool commit_only) {
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    const fs::path log = work / "calls.log";
    fs::remove(log);
    Result r = run_thidua(c.render_b(dir),
                          shim_env(env + " THIDUA_SHIM_LOG=" + sh_quote(log.string()), commit_only));
    REQUIRE_MESSAGE(r.status == 0, show(r));
    long n = 0;
    for (char ch : read_file(log)) n += ch == '\n';
    return n;
}

/// Renders B over A, stopped by `signal` at call `k`; checks what the folder holds.
void interrupt_at(const Campaigns& c, const States& s, const fs::path& work, const std::string& env,
                  bool commit_only, long k, const std::string& signal) {
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    const std::string where = "signal " + signal + " at call " + std::to_string(k) + " (" + env + ")";
    Result r = run_thidua(c.render_b(dir), shim_env(env + " THIDUA_SHIM_STOP_AT=" + std::to_string(k) +
                                                        " THIDUA_SHIM_SIGNAL=" + signal,
                                                    commit_only));
    Snap after = snapshot(dir);
    if (signal != "KILL") {
        // Handled: the folder is exactly A or exactly B, nothing left beside it.
        const bool old_set = after == s.a_full, new_set = after == s.b_full;
        CHECK_MESSAGE((old_set || new_set), (where + "\n" + names(after) + show(r)));
        CHECK_MESSAGE(scratch_in(dir.parent_path()).empty(), (where + ": " + scratch_in(dir.parent_path())));
        CHECK_MESSAGE((r.status != 0 || new_set), (where));
        return;
    }
    // kill -9: the set of thidua's files is exactly A's or exactly B's; the user's files
    // are in the folder, or (an instant after the swap) in the old folder beside it.
    after.erase(".thidua-old-set");
    if (!fs::exists(dir)) {
        // Without RENAME_EXCHANGE the swap is two renames; killed between them, the old
        // set is beside the folder, the new one (complete) in the staging folder.
        const bool two_renames = env.find("NO_EXCHANGE") != std::string::npos ||
                                 env.find("NO_RENAME2") != std::string::npos ||
                                 !exchanges(dir.parent_path());
        CHECK_MESSAGE(two_renames, (where));
        Snap old_folder = snapshot(dir.parent_path() / ".x.thidua-old");
        old_folder.erase(".thidua-old-set");
        CHECK_MESSAGE(old_folder == s.a_full, (where));
        CHECK(only(snapshot(dir.parent_path() / ".x.thidua-tmp"), s.b_names) == only(s.b_full, s.b_names));
        after = old_folder;
    }
    const Snap files = only(after, s.thidua_names);
    const bool old_set = files == only(s.a_full, s.thidua_names);
    const bool new_set = files == only(s.b_full, s.thidua_names);
    CHECK_MESSAGE((old_set || new_set), (where + "\n" + names(after)));
    for (const std::string user : {"ghi-chu.txt", "ban-scan/to-trinh-da-ky.pdf"}) {
        bool found = after.count(user) != 0;
        for (const std::string left : {".x.thidua-tmp", ".x.thidua-old"}) {
            found = found || fs::exists(dir.parent_path() / left / user);
        }
        CHECK_MESSAGE(found, (where + ": " + user + " is nowhere"));
    }
    // The next run puts right what the killed one left, says so, and renders.
    const std::string left_behind = scratch_in(dir.parent_path());
    Result next = run_thidua(c.render_b(dir), shim_env(""));
    CHECK_MESSAGE(next.status == 0, (where + "\n" + show(next)));
    CHECK_MESSAGE(snapshot(dir) == s.b_full, (where + "\n" + names(snapshot(dir))));
    CHECK_MESSAGE(scratch_in(dir.parent_path()).empty(), (where));
    const bool staged = left_behind.find(".x.thidua-tmp") != std::string::npos ||
                        left_behind.find(".x.thidua-old") != std::string::npos;
    if (staged) {
        CHECK_MESSAGE(next.err.find("cảnh báo: lần chạy trước vào thư mục \"" + dir.string() + "\" bị ngắt") !=
                          std::string::npos, (where + "\n" + show(next)));
    }
}

/// Every call K of a render of B over A (with `commit_only`, of its commit), each stopped
/// by kill -9 and by one of the handled signals in turn.
void interrupt_everywhere(const fs::path& work, const std::string& env, bool commit_only) {
    Campaigns c;
    const States s = learn_states(c, work);
    const long calls = count_calls(c, work, env, commit_only);
    REQUIRE(calls > (commit_only ? 5 : 10));
    const char* handled[] = {"INT", "TERM", "HUP"};
    for (long k = 1; k <= calls; ++k) {
        interrupt_at(c, s, work, env, commit_only, k, "KILL");
        interrupt_at(c, s, work, env, commit_only, k, handled[k % 3]);
    }
}

}  // namespace

TEST_SUITE("commit") {

TEST_CASE("commit: an interrupt at every step leaves the old set or the new set (hard links, RENAME_EXCHANGE)") {
    TempDir work("commit-ext");
    interrupt_everywhere(work.path, "", false);
}

// The writing before the commit is the same whatever the file system: these stop only at
// the commit's calls.
TEST_CASE("commit: the same without hard links (FAT, exFAT, some SMB shares)") {
    TempDir work("commit-nolink");
    interrupt_everywhere(work.path, "THIDUA_SHIM_NO_LINK=1", true);
}

TEST_CASE("commit: the same without RENAME_EXCHANGE (exFAT, SMB): the swap is two renames") {
    TempDir work("commit-noexchange");
    interrupt_everywhere(work.path, "THIDUA_SHIM_NO_EXCHANGE=1", true);
}

TEST_CASE("commit: the same without hard links nor any renameat2 flag") {
    TempDir work("commit-weakest");
    interrupt_everywhere(work.path, "THIDUA_SHIM_NO_LINK=1 THIDUA_SHIM_NO_RENAME2=1", true);
}

// exFAT through exfat-fuse: no hard links, no RENAME_EXCHANGE, and a removed file that is
// still open lingers as ".fuse_hidden…" and keeps its folder. Every call from the lock on
// (the spill files of the combined files are made after it): scripts/test-filesystems found
// an interrupt that looped on a spill file and one that left the staging folder while the
// commit copied a kept file into it.
TEST_CASE("commit: the same on FUSE, where a removed file still open keeps its folder") {
    TempDir work("commit-fuse");
    interrupt_everywhere(work.path, "THIDUA_SHIM_NO_LINK=1 THIDUA_SHIM_NO_EXCHANGE=1 THIDUA_SHIM_FUSE_HIDDEN=1",
                         false);
}

}  // TEST_SUITE

TEST_SUITE("commit") {

TEST_CASE("commit: a render into a folder another run is writing fails clearly, and leaves it alone") {
    Campaigns c;
    TempDir work("commit-lock");
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    const Snap before = snapshot(dir);
    // Another run holds the lock (and wrote its process number into it).
    const fs::path lock = work / "out" / ".x.thidua-lock";
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    REQUIRE(::write(fd, "4242\n", 5) == 5);
    Result r = run_thidua(c.render_b(dir));
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find("lỗi: thư mục kết quả \"" + dir.string() +
                             "\" đang được một lần chạy thidua khác ghi (tiến trình 4242); chờ lần "
                             "chạy đó xong rồi chạy lại") == 0,
                  show(r));
    CHECK(snapshot(dir) == before);
    ::close(fd);  // the other run ends (it would remove its lock file first)
    fs::remove(lock);
    Result again = run_thidua(c.render_b(dir));
    CHECK_MESSAGE(again.status == 0, show(again));
    CHECK(scratch_in(dir.parent_path()).empty());
}

TEST_CASE("commit: two renders into one folder at once: one set, whole, and a clear word for the other") {
    Campaigns c;
    TempDir work("commit-race");
    const fs::path dir = work / "out" / "x";
    const fs::path ref = work / "ref" / "x";
    Result r0 = run_thidua(c.render_b(ref));
    REQUIRE_MESSAGE(r0.status == 0, show(r0));
    std::string cmd = sh_quote(THIDUA_BINARY);
    for (const auto& a : c.render_b(dir)) cmd += " " + sh_quote(a);
    for (int round = 0; round < 4; ++round) {
        fs::remove_all(work / "out");
        const std::string both = "(" + cmd + " >/dev/null 2>" + sh_quote((work / "e1").string()) +
                                 "; echo $? >" + sh_quote((work / "s1").string()) + ") & (" + cmd +
                                 " >/dev/null 2>" + sh_quote((work / "e2").string()) + "; echo $? >" +
                                 sh_quote((work / "s2").string()) + ") & wait";
        run_shell("sh -c " + sh_quote(both));
        int ok = 0;
        for (const std::string i : {"1", "2"}) {
            const std::string status = read_file(work / ("s" + i));
            const std::string err = read_file(work / ("e" + i));
            if (status == "0\n") {
                ++ok;
            } else {
                CHECK_MESSAGE(status == "1\n", (status + err));
                CHECK_MESSAGE(err.find("đang được một lần chạy thidua khác ghi") != std::string::npos, (err));
            }
        }
        CHECK(ok >= 1);
        CHECK(snapshot(dir) == snapshot(ref));
        CHECK(scratch_in(dir.parent_path()).empty());
    }
}

TEST_CASE("commit: what a killed run left is cleaned up by the next run, which says so") {
    Campaigns c;
    TempDir work("commit-leftovers");
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    const Snap a = snapshot(dir);
    SUBCASE("a staging folder of a run killed while writing") {
        fs::create_directories(work / "out" / ".x.thidua-tmp");
        write_file(work / "out" / ".x.thidua-tmp" / "ke-hoach.pdf", "nửa tệp");
        Result r = run_thidua({"check", c.b, "--templates", c.tpl.str()});
        CHECK(r.status == 0);
        CHECK(fs::exists(work / "out" / ".x.thidua-tmp"));  // check writes and cleans nothing
        r = run_thidua(c.render_b(dir));
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.err.find("cảnh báo: lần chạy trước vào thư mục \"" + dir.string() +
                                 "\" bị ngắt khi chưa ghi xong; đã xoá các tệp dở dang nó để lại, "
                                 "thư mục vẫn như trước lần chạy đó\n") == 0,
                      show(r));
    }
    SUBCASE("the old set of a run killed right after the swap, with a user's folder in it") {
        // The state just after the exchange: the new set in x, the old one (with the
        // marker and the user's sub-folder, not yet moved back) beside it.
        Result r = run_thidua(c.render_b(work / "tmp-b"));
        REQUIRE(r.status == 0);
        std::string marker = "thidua: bộ văn bản cũ, đã được thay bằng bộ mới\n";
        std::set<std::string> b_names;
        for (const auto& e : fs::directory_iterator(work / "tmp-b")) {
            b_names.insert(e.path().filename().string());
            marker += e.path().filename().string() + "\n";
        }
        std::size_t moved_back = 0;  // what A has and B does not: files of A, the user's
        for (const auto& e : fs::directory_iterator(dir)) moved_back += b_names.count(e.path().filename().string()) == 0;
        fs::rename(dir, work / "out" / ".x.thidua-tmp");
        fs::rename(work / "tmp-b", dir);
        write_file(work / "out" / ".x.thidua-tmp" / ".thidua-old-set", marker);
        r = run_thidua(c.render_b(dir));
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.err.find("bị ngắt ngay sau khi đã đổi sang bộ văn bản mới; đã dọn bộ cũ nó để "
                                 "lại; đã trả " + std::to_string(moved_back) + " tệp, thư mục khác về \"" +
                                 dir.string() + "\"") != std::string::npos,
                      show(r));
        CHECK(read_file(dir / "ban-scan" / "to-trinh-da-ky.pdf") == "bản scan");
        CHECK(read_file(dir / "theo-doi.xlsx") == a.at("theo-doi.xlsx"));
    }
    SUBCASE("temporaries of an earlier thidua that renamed file by file") {
        write_file(dir / ".ke-hoach.pdf.tmp-999999999", "tạm");
        write_file(dir / ".ke-hoach.pdf.old-999999999", "cũ");
        write_file(dir / ".ghi-chu.tmp-cua-toi", "của người dùng, không phải tệp tạm");
        Result r = run_thidua(c.render_b(dir));
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.err.find("cảnh báo: đã xoá 2 tệp tạm mà một lần chạy bị ngắt của phiên bản "
                                 "thidua cũ để lại trong \"" + dir.string() + "\"") == 0,
                      show(r));
        CHECK_FALSE(fs::exists(dir / ".ke-hoach.pdf.tmp-999999999"));
        CHECK(fs::exists(dir / ".ghi-chu.tmp-cua-toi"));
    }
    CHECK(scratch_in(dir.parent_path()).empty());
    CHECK(read_file(dir / "ghi-chu.txt") == "tệp của người dùng");
}

TEST_CASE("commit: rendering into the current folder works, and says how to see the new files") {
    Campaigns c;
    TempDir work("commit-cwd");
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    std::string cmd = "cd " + sh_quote(dir.string()) + " && " + sh_quote(THIDUA_BINARY);
    for (const auto& a : c.render_b(".")) cmd += " " + sh_quote(a);
    Result r = run_shell("sh -c " + sh_quote(cmd));
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK_MESSAGE(r.err.find("ghi chú: thư mục hiện tại là thư mục kết quả cũ, nay đã được thay bằng "
                             "thư mục mới cùng tên: gõ \"cd .\" để thấy các tệp mới") != std::string::npos,
                  show(r));
    CHECK(r.out.find("Đã ghi ./ke-hoach.pdf") != std::string::npos);
    CHECK(read_file(dir / "ghi-chu.txt") == "tệp của người dùng");
    CHECK(scratch_in(dir.parent_path()).empty());
}

TEST_CASE("commit: the folder's permissions carry over to the new folder") {
    Campaigns c;
    TempDir work("commit-mode");
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_all | fs::perms::set_gid);
    Result r = run_thidua(c.render_b(dir));
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(fs::status(dir).permissions() == (fs::perms::owner_all | fs::perms::group_all | fs::perms::set_gid));
}

TEST_CASE("commit: a link to the output folder stays a link, and the folder it points to gets the set") {
    Campaigns c;
    TempDir work("commit-link");
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    fs::create_directory_symlink(dir, work / "lien-ket");
    Result r = run_thidua(c.render_b(work / "lien-ket"));
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(fs::is_symlink(work / "lien-ket"));
    CHECK(read_file(dir / "manifest.json").find("dang-ky-tdp-01.pdf") != std::string::npos);
    CHECK(scratch_in(dir.parent_path()).empty());
}

}  // TEST_SUITE

namespace {

/// Renders B over A with memory refused at points spread over the run (`shim`: the
/// LD_PRELOAD and settings to run under); checks the folder after each.
void refuse_memory_everywhere(const fs::path& work, const std::string& shim) {
    Campaigns c;
    const States s = learn_states(c, work);
    const fs::path dir = work / "out" / "x";
    prepare_a(c, dir);
    const fs::path count = work / "count";
    Result first = run_thidua(c.render_b(dir), shim + " THIDUA_FAIL_ALLOC_COUNT=" + sh_quote(count.string()));
    REQUIRE_MESSAGE(first.status == 0, show(first));
    const long total = std::stol(read_file(count));
    REQUIRE(total > 1000);
    // The first calls one by one (library constructors, before main), then spread over the
    // whole run, then the last 400 (the commit and the report) closely; scripts/fault-sweep
    // goes through a whole render more densely.
    std::set<long> points;
    for (long n = 1; n <= 20; ++n) points.insert(n);
    for (double n = 20; n < total; n *= 1.4) points.insert(static_cast<long>(n));
    for (long n = std::max(1L, total - 400); n <= total; n += 11) points.insert(n);
    int completed = 0, refused = 0;
    for (long n : points) {
        for (const std::string after : {"0", "1"}) {  // one refusal; memory short from then on
            if (after == "1" && n % 3 != 0) continue;
            prepare_a(c, dir);
            Result r = run_thidua(c.render_b(dir), shim + " THIDUA_FAIL_ALLOC_AT=" + std::to_string(n) +
                                                      " THIDUA_FAIL_ALLOC_AFTER=" + after);
            const std::string where = "allocation " + std::to_string(n) + " of " + std::to_string(total) +
                                      (after == "1" ? " and after" : "");
            const Snap now = snapshot(dir);
            if (r.status == 0) {
                ++completed;
                CHECK_MESSAGE(now == s.b_full, (where + "\n" + show(r)));
            } else {
                ++refused;
                CHECK_MESSAGE(r.status == 3, (where + "\n" + show(r)));
                CHECK_MESSAGE(r.err == "thidua: lỗi nội bộ: hết bộ nhớ; không tệp kết quả nào được ghi\n",
                              (where + "\n" + show(r)));
                CHECK_MESSAGE(now == s.a_full, (where + "\n" + names(now)));
            }
            CHECK_MESSAGE(scratch_in(dir.parent_path()).empty(), (where + ": " + scratch_in(dir.parent_path())));
        }
    }
    MESSAGE((std::to_string(points.size()) + " points of " + std::to_string(total) + ": " +
              std::to_string(completed) + " completed, " + std::to_string(refused) + " refused"));
    CHECK(refused > 0);
}

}  // namespace

TEST_SUITE("commit") {

TEST_CASE("commit: memory refused at any point of a render ends with the new set (0) or exit 3 and the folder untouched") {
    if (!thidua_watch_built()) {
        MESSAGE("built without the allocation watch (sanitizer build): test skipped");
        return;
    }
    TempDir work("commit-alloc");
    refuse_memory_everywhere(work.path, "LD_PRELOAD=" + sh_quote(THIDUA_FAILALLOC));
}

// On FUSE (exFAT through exfat-fuse) a file still open when the process gives up keeps
// the staging folder: scripts/test-filesystems found it left after memory ran out while
// the commit copied a kept file.
TEST_CASE("commit: the same on FUSE, where a removed file still open keeps its folder (memory)") {
    if (!thidua_watch_built()) {
        MESSAGE("built without the allocation watch (sanitizer build): test skipped");
        return;
    }
    TempDir work("commit-alloc-fuse");
    refuse_memory_everywhere(work.path, "LD_PRELOAD=" + sh_quote(std::string(THIDUA_FSSHIM) + ":" + THIDUA_FAILALLOC) +
                                            " THIDUA_SHIM_NO_LINK=1 THIDUA_SHIM_NO_EXCHANGE=1 THIDUA_SHIM_FUSE_HIDDEN=1");
}

}  // TEST_SUITE
