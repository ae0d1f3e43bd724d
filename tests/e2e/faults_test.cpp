// Faults from outside the input: a file size limit (ulimit -f), a full disk on stdout, a
// full or interrupted TMPDIR for check's trial workbook.
#include <doctest/doctest.h>

#include <sys/mount.h>
#include <unistd.h>

#include "e2e.hpp"

using namespace e2e;

TEST_SUITE("faults") {

TEST_CASE("faults: past ulimit -f a render fails with a message, and leaves the folder as it was") {
    MiniTemplates tpl;
    TempDir out("ulimit");
    const fs::path dir = out / "x";
    fs::create_directories(dir);
    write_file(dir / "ghi-chu.txt", "của người dùng");
    const auto before = snapshot(out.path);
    // 40 blocks: the plan fits, the 60 KB registration forms do not.
    std::string cmd = "ulimit -f 40; exec " + sh_quote(THIDUA_BINARY) + " render " + sh_quote(sample("ba-to-2025")) +
                      " -o " + sh_quote(dir.string()) + " --templates " + sh_quote(tpl.str());
    Result r = run_shell("sh -c " + sh_quote(cmd));
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err.find(": tệp vượt quá giới hạn kích thước tệp (ulimit -f)\n") != std::string::npos, show(r));
    // The file is named where the user looks for it (the workbook, written first, fails
    // first), not in the hidden staging folder.
    CHECK_MESSAGE(r.err.find("\"" + dir.string() + "/") != std::string::npos, show(r));
    CHECK_MESSAGE(r.err.find(".thidua-tmp") == std::string::npos, show(r));
    CHECK(snapshot(out.path) == before);
}

TEST_CASE("faults: dump to a full disk fails with a message") {
    Result r = run_shell(sh_quote(THIDUA_BINARY) + " dump " + sh_quote(sample("thai-binh-2024")) + " >/dev/full");
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK_MESSAGE(r.err == "lỗi: không ghi được cây văn bản ra đầu ra chuẩn: ổ đĩa đã đầy\nthidua: 1 lỗi\n", show(r));
}

TEST_CASE("faults: check of a valid campaign with a TMPDIR that cannot take the trial workbook warns and exits 0") {
    TempDir tmp("tmpdir-full");
    SUBCASE("every write fails (ulimit -f 1)") {
        // stderr into the pipe of stdout: the limit would cut a file short too.
        std::string cmd = "ulimit -f 1; TMPDIR=" + sh_quote(tmp.str()) + " exec " + sh_quote(THIDUA_BINARY) +
                          " check " + sh_quote(sample("ba-to-2025")) + " 2>&1";
        Result r = run_shell("sh -c " + sh_quote(cmd));
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.out.find("cảnh báo: không thử lập được bảng theo dõi Excel trong thư mục tạm (") !=
                          std::string::npos,
                      show(r));
        CHECK(r.out.find("\"render\" vẫn kiểm tra khi ghi\nthidua: 1 cảnh báo\n") != std::string::npos);
    }
    SUBCASE("a full tmpfs (when this machine lets us mount one)") {
        const fs::path small = tmp / "nho";
        fs::create_directories(small);
        if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=64k") != 0) {
            MESSAGE("cannot mount a tmpfs here (not root?): subcase skipped");
            return;
        }
        write_file(small / "day", std::string(64 * 1024, 'x'));
        Result r = run_thidua({"check", sample("ba-to-2025")}, "TMPDIR=" + sh_quote(small.string()));
        ::umount(small.c_str());
        CHECK_MESSAGE(r.status == 0, show(r));
        CHECK_MESSAGE(r.err.find("cảnh báo: không thử lập được bảng theo dõi Excel") != std::string::npos, show(r));
    }
    CHECK(names(snapshot(tmp.path)) == "" + std::string(fs::exists(tmp / "nho") ? "nho/\n" : ""));
}

TEST_CASE("faults: check interrupted while it tries the workbook leaves nothing in TMPDIR") {
    TempDir tmp("tmpdir-int");
    for (const std::string signal : {"INT", "TERM", "HUP"}) {
        for (int k = 1; k <= 2; ++k) {  // our probe of the path, then the library's own open
            Result r = run_thidua({"check", sample("ba-to-2025")},
                                  "TMPDIR=" + sh_quote(tmp.str()) + " LD_PRELOAD=" + sh_quote(THIDUA_FSSHIM) +
                                      " THIDUA_SHIM_COUNT_FROM=theo-doi.xlsx THIDUA_SHIM_STOP_AT=" +
                                      std::to_string(k) + " THIDUA_SHIM_SIGNAL=" + signal);
            CHECK_MESSAGE(r.status != 0, show(r));
            CHECK_MESSAGE(names(snapshot(tmp.path)) == "", (signal + " at " + std::to_string(k)));
        }
    }
}

}  // TEST_SUITE
