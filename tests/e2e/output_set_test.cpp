// OutputSet and the interrupt handler used directly: many files, several sets at once,
// names it refuses, and what SIGTERM leaves (nothing) at any number of files.
#include <doctest/doctest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/output_set.hpp"
#include "e2e.hpp"

using namespace e2e;
using thidua::Diagnostics;
using thidua::driver::OutputSet;

namespace {

/// Runs `body` in a child process; returns its wait status.
template <class Body>
int in_child(Body body) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

std::string entries(const fs::path& dir) {
    std::string out;
    for (const auto& e : fs::directory_iterator(dir)) out += e.path().filename().string() + "\n";
    return out;
}

}  // namespace

TEST_SUITE("output_set") {

TEST_CASE("output_set: SIGTERM while three sets hold 4,500 files in all removes every one of them") {
    TempDir work("set-sigterm");
    const int status = in_child([&] {
        Diagnostics diags;
        OutputSet a((work / "a").string()), b((work / "b").string()), c((work / "sub" / "c").string());
        if (!a.prepare(diags) || !b.prepare(diags) || !c.prepare(diags)) ::_exit(10);
        // Through stage(), as a library writes (no fsync: the test is about the count).
        for (int i = 0; i < 1500; ++i) {
            const std::string name = "tep-" + std::to_string(i) + ".pdf";
            for (OutputSet* s : {&a, &b, &c}) write_file(s->stage(name), "x");
        }
        if (!a.write("manifest.json", "{}", diags)) ::_exit(11);
        ::raise(SIGTERM);
        ::_exit(12);  // not reached
    });
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGTERM);
    // Nothing left: no staging folder, no lock, not even the folder "sub" the set created.
    CHECK(entries(work.path) == "");
}

TEST_CASE("output_set: a committed set survives a later SIGTERM, an uncommitted one does not") {
    TempDir work("set-after-commit");
    const int status = in_child([&] {
        Diagnostics diags;
        OutputSet done((work / "done").string()), open((work / "open").string());
        if (!done.prepare(diags) || !open.prepare(diags)) ::_exit(10);
        if (!done.write("a.pdf", "a", diags) || !open.write("b.pdf", "b", diags)) ::_exit(11);
        if (!done.commit(diags)) ::_exit(12);
        ::raise(SIGTERM);
        ::_exit(13);
    });
    REQUIRE(WIFSIGNALED(status));
    CHECK(entries(work.path) == "done\n");
    CHECK(read_file(work / "done" / "a.pdf") == "a");
}

TEST_CASE("output_set: a name with a slash, or the marker's, is refused, and an empty set commits") {
    TempDir work("set-names");
    Diagnostics diags;
    OutputSet s((work / "x").string());
    REQUIRE(s.prepare(diags));
    CHECK_FALSE(s.write("../tron.pdf", "x", diags));
    CHECK_FALSE(s.write(OutputSet::old_marker, "x", diags));
    CHECK_FALSE(s.write("", "x", diags));
    CHECK(diags.error_count() == 3);
    CHECK(s.commit(diags));
    CHECK(entries(work.path) == "x\n");
    CHECK(entries(work / "x") == "");
}

TEST_CASE("output_set: a set that is destroyed without a commit leaves the folder as it was") {
    TempDir work("set-rollback");
    fs::create_directories(work / "x");
    write_file(work / "x" / "a.pdf", "cũ");
    {
        Diagnostics diags;
        OutputSet s((work / "x").string());
        REQUIRE(s.prepare(diags));
        REQUIRE(s.write("a.pdf", "mới", diags));
    }
    CHECK(entries(work.path) == "x\n");
    CHECK(read_file(work / "x" / "a.pdf") == "cũ");
}

}  // TEST_SUITE
