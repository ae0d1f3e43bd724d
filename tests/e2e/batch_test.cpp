// Many campaigns in one render: each into DIR/<name>/ with its own all-or-nothing commit
// and manifest, a bad one reported and skipped, the exit code of the whole, -j, the
// progress line; and the logic under it (names, lists, clashes, the line's text).
#include <doctest/doctest.h>

#include "driver/batch.hpp"
#include "driver/progress.hpp"
#include "e2e.hpp"

using namespace e2e;
using namespace thidua::driver;

namespace {

/// A campaign file with a schema error at a known place: the plan's "campaing" typo.
std::string bad_campaign() {
    std::string s = read_file(sample("ba-to-2025"));
    const std::size_t brace = s.find('{');
    return s.substr(0, brace + 1) + "\n  \"campaing\": 1," + s.substr(brace + 1);
}

}  // namespace

TEST_CASE("batch: a good and a bad campaign: the good one is written with its manifest, the bad one reported at file:line:col, exit 1") {
    TempDir tmp("batch-mixed");
    fs::copy_file(sample("ba-to-2025"), tmp / "ba-to.json");
    write_file(tmp / "sai.json", bad_campaign());
    fs::copy_file(sample("thai-binh-2024"), tmp / "thai-binh.json");
    const fs::path out = tmp / "ra";
    Result r = run_thidua({"render", (tmp / "ba-to.json").string(), (tmp / "sai.json").string(),
                           (tmp / "thai-binh.json").string(), "-o", out.string(), "--only", "ke-hoach",
                           "-j", "2"});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(fs::exists(out / "ba-to" / "manifest.json"));
    CHECK(fs::exists(out / "ba-to" / "ke-hoach.pdf"));
    CHECK(fs::exists(out / "thai-binh" / "manifest.json"));
    CHECK_FALSE(fs::exists(out / "sai"));
    // The error is at the typo's line and column, in the bad file.
    CHECK_MESSAGE(r.err.find((tmp / "sai.json").string() + ":2:3: lỗi: trường không được phép \"campaing\"") !=
                      std::string::npos, show(r));
    CHECK(r.err.find("; không ghi gì vào " + (out / "sai").string() + "/") != std::string::npos);
    // One line per campaign written, in the order given; the summary counts both kinds.
    CHECK(find_in_order(r.out, {"Đã ghi " + (out / "ba-to").string() + "/ (3 tệp, ",
                                "Đã ghi " + (out / "thai-binh").string() + "/ (3 tệp, "}) == "");
    CHECK(r.err.find("thidua: 3 chiến dịch: 2 đã ghi, 1 có lỗi (" + (tmp / "sai.json").string() + ")") !=
          std::string::npos);
    // Each campaign's folder is what a render of it alone makes.
    Result alone = run_thidua({"render", (tmp / "ba-to.json").string(), "-o", (tmp / "alone").string(),
                               "--only", "ke-hoach"});
    REQUIRE_MESSAGE(alone.status == 0, show(alone));
    CHECK(snapshot(out / "ba-to") == snapshot(tmp / "alone"));
    CHECK(read_file(out / "ba-to" / "manifest.json").find("\"path\": \"ke-hoach.pdf\"") != std::string::npos);
}

TEST_CASE("batch: every campaign good is exit 0, and a folder or a list file names the campaigns") {
    TempDir tmp("batch-inputs");
    fs::create_directories(tmp / "xa");
    fs::copy_file(sample("ba-to-2025"), tmp / "xa" / "ba-to.json");
    fs::copy_file(sample("thai-binh-2024"), tmp / "xa" / "thai-binh.json");
    write_file(tmp / "xa" / "ghi-chu.txt", "không phải chiến dịch\n");
    // A folder: its *.json, by name.
    Result r = run_thidua({"render", (tmp / "xa").string(), "-o", (tmp / "ra").string(), "--only", "ke-hoach"});
    CHECK_MESSAGE(r.status == 0, show(r));
    CHECK(names(snapshot(tmp / "ra")) ==
          "ba-to/\nba-to/ke-hoach.docx\nba-to/ke-hoach.pdf\nba-to/manifest.json\n"
          "thai-binh/\nthai-binh/ke-hoach.docx\nthai-binh/ke-hoach.pdf\nthai-binh/manifest.json\n");
    CHECK(r.err.find("thidua: 2 chiến dịch: 2 đã ghi; 6 tệp, ") != std::string::npos);
    // A list: paths relative to the list's folder, comments and blank lines skipped.
    write_file(tmp / "danh-sach.txt", "# các xã\n\nxa/ba-to.json\r\n  xa/thai-binh.json\n");
    Result l = run_thidua({"render", "@" + (tmp / "danh-sach.txt").string(), "-o", (tmp / "ra2").string(),
                           "--only", "ke-hoach", "--format", "pdf"});
    CHECK_MESSAGE(l.status == 0, show(l));
    CHECK(names(snapshot(tmp / "ra2")) ==
          "ba-to/\nba-to/ke-hoach.pdf\nba-to/manifest.json\nthai-binh/\nthai-binh/ke-hoach.pdf\n"
          "thai-binh/manifest.json\n");
    // A single campaign keeps its files directly in -o.
    Result one = run_thidua({"render", (tmp / "xa" / "ba-to.json").string(), "-o", (tmp / "ra3").string(),
                             "--only", "ke-hoach", "--format", "pdf"});
    CHECK_MESSAGE(one.status == 0, show(one));
    CHECK(names(snapshot(tmp / "ra3")) == "ke-hoach.pdf\nmanifest.json\n");
    // A missing list, an empty folder: usage errors, nothing made.
    fs::create_directories(tmp / "rong");
    Result missing = run_thidua({"render", "@" + (tmp / "khong-co.txt").string(), (tmp / "rong").string(),
                                 "-o", (tmp / "ra4").string()});
    CHECK(missing.status == 2);
    CHECK(missing.err.find("không đọc được tệp danh sách chiến dịch") != std::string::npos);
    CHECK(missing.err.find("không có tệp chiến dịch nào (*.json)") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "ra4"));
}

TEST_CASE("batch: two campaigns with one name are an error before anything is written") {
    TempDir tmp("batch-clash");
    fs::create_directories(tmp / "a");
    fs::create_directories(tmp / "b");
    fs::copy_file(sample("ba-to-2025"), tmp / "a" / "xa.json");
    fs::copy_file(sample("thai-binh-2024"), tmp / "b" / "XA.json");
    Result r = run_thidua({"render", (tmp / "a" / "xa.json").string(), (tmp / "b" / "XA.json").string(),
                           "-o", (tmp / "ra").string()});
    CHECK_MESSAGE(r.status == 2, show(r));
    CHECK(r.err.find("hai tệp chiến dịch cùng ghi vào thư mục \"xa\"") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "ra"));
}

TEST_CASE("batch: every campaign bad is exit 1 and leaves no output folder, and -j is checked") {
    TempDir tmp("batch-bad");
    write_file(tmp / "mot.json", bad_campaign());
    write_file(tmp / "hai.json", "{ \"document\": ");
    Result r = run_thidua({"render", (tmp / "mot.json").string(), (tmp / "hai.json").string(), "-o",
                           (tmp / "ra").string()});
    CHECK_MESSAGE(r.status == 1, show(r));
    CHECK(r.err.find((tmp / "hai.json").string() + ":1:") != std::string::npos);
    CHECK(r.err.find("thidua: 2 chiến dịch: 0 đã ghi, 2 có lỗi") != std::string::npos);
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(tmp / "ra"));
    Result j = run_thidua({"render", sample("ba-to-2025"), "-o", (tmp / "ra").string(), "-j", "0"});
    CHECK(j.status == 2);
    CHECK(j.err.find("-j cần một số luồng từ 1 đến 1024") != std::string::npos);
}

TEST_CASE("batch: the progress line is drawn on a terminal only") {
    TempDir tmp("batch-progress");
    std::vector<std::string> args = {"render"};
    for (const char* s : {"ba-to-2025", "thai-binh-2024", "tan-tien-2026", "bac-quang-2024",
                          "phan-dinh-phung-2025"}) {
        args.push_back(sample(s));
    }
    args.insert(args.end(), {"-o", (tmp / "ra").string(), "-j", "1"});
    Result off = run_thidua(args);
    REQUIRE_MESSAGE(off.status == 0, show(off));
    CHECK(off.err.find("Đang dựng") == std::string::npos);
    CHECK(off.err.find('\r') == std::string::npos);
    CHECK(off.err.find("thidua: 5 chiến dịch: 5 đã ghi; ") != std::string::npos);
    // Under script(1) stderr is a terminal: the line is drawn, redrawn, then cleared.
    std::string cmd = sh_quote(THIDUA_BINARY);
    for (auto& a : args) cmd += " " + sh_quote(a == (tmp / "ra").string() ? (tmp / "rb").string() : a);
    Result on = run_shell("script -qec " + sh_quote(cmd + " >/dev/null") + " /dev/null");
    REQUIRE_MESSAGE(on.status == 0, show(on));
    CHECK_MESSAGE(on.out.find("\rĐang dựng: ") != std::string::npos, show(on));
    CHECK(on.out.find(" chiến dịch · ") != std::string::npos);
    CHECK(on.out.find("\r\033[K") != std::string::npos);
    CHECK(snapshot(tmp / "ra") == snapshot(tmp / "rb"));
}

TEST_CASE("driver: batch names, lists and the exit code of a batch") {
    CHECK(batch_name("a/b/xa-1.json") == "xa-1");
    CHECK(batch_name("a/Xã Ba Tơ.JSON") == "Xã Ba Tơ");
    CHECK(batch_name("notes.txt") == "notes.txt");
    CHECK(batch_name(".json") == "");
    CHECK(batch_name("dir/.an.json") == "");

    std::vector<std::string> errors;
    // The same name in NFD and NFC, or in another case, is the same folder on some disks.
    find_name_clashes({{"a/Xã.json", "Xã", ""}, {"b/xa\xCC\x83.json", "xa\xCC\x83", "@l.txt:2"}}, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("hai tệp chiến dịch cùng ghi vào thư mục \"Xã\": \"a/Xã.json\" và "
                         "\"b/xa\xCC\x83.json\" (từ \"@l.txt:2\")") == 0);
    errors.clear();
    find_name_clashes({{"a.json", "a", ""}, {"b.json", "b", ""}}, errors);
    CHECK(errors.empty());

    bool batch = true;
    auto one = expand_campaigns({"x.json"}, batch, errors);
    CHECK_FALSE(batch);
    REQUIRE(one.size() == 1);
    CHECK(one[0].path == "x.json");
    CHECK(errors.empty());
    auto two = expand_campaigns({"x.json", "y.json"}, batch, errors);
    CHECK(batch);
    CHECK(two.size() == 2);

    CHECK(batch_exit_code({Outcome::ok, Outcome::ok}) == 0);
    CHECK(batch_exit_code({Outcome::ok, Outcome::input_error}) == 1);
    CHECK(batch_exit_code({Outcome::input_error, Outcome::internal_error, Outcome::ok}) == 3);
}

TEST_CASE("driver: the progress line's text") {
    CHECK(duration_text(0.2) == "1 giây");
    CHECK(duration_text(45) == "45 giây");
    CHECK(duration_text(125) == "2 phút 05 giây");
    CHECK(duration_text(3725) == "1 giờ 02 phút");
    ProgressCounts c;
    c.batch = true;
    c.campaigns_total = 3321;
    c.campaigns_done = 1200;
    c.campaigns_failed = 1;
    c.files = 25200;
    c.pages = 86400;
    c.elapsed = 60;
    c.fraction = 0.25;
    CHECK(progress_line(c) == "Đang dựng: 1.200/3.321 chiến dịch (1 có lỗi) · 25.200 tệp · 86.400 trang · "
                              "1.440 trang/giây · còn khoảng 3 phút 00 giây");
    // Cut at a separator to fit the terminal.
    CHECK(progress_line(c, 60) == "Đang dựng: 1.200/3.321 chiến dịch (1 có lỗi) · 25.200 tệp");
    ProgressCounts one;
    one.documents_total = 309;
    one.documents_done = 12;
    one.elapsed = 0.5;
    CHECK(progress_line(one) == "Đang dựng: 12/309 văn bản · 0 tệp · 0 trang");
}

TEST_CASE("batch: -j 2 writes the same bytes as -j 1, and says the same in the same order") {
    TempDir tmp("batch-jobs");
    std::vector<std::string> args = {"render"};
    for (const char* s : {"ba-to-2025", "thai-binh-2024", "tan-tien-2026", "bac-quang-2024",
                          "phan-dinh-phung-2025"}) {
        args.push_back(sample(s));
    }
    write_file(tmp / "sai.json", bad_campaign());
    args.push_back((tmp / "sai.json").string());
    auto with = [&](const std::string& out, const std::string& jobs) {
        std::vector<std::string> a = args;
        a.insert(a.end(), {"-o", (tmp / out).string(), "-j", jobs});
        return run_thidua(a, "SOURCE_DATE_EPOCH=1700000000");
    };
    Result one = with("j1", "1");
    Result two = with("j2", "2");
    CHECK_MESSAGE(one.status == 1, show(one));
    CHECK_MESSAGE(two.status == 1, show(two));
    const auto a = snapshot(tmp / "j1");
    const auto b = snapshot(tmp / "j2");
    CHECK(a.size() > 100);
    std::string differ;  // which files, should it ever fail
    for (const auto& [name, bytes] : a) {
        auto it = b.find(name);
        if (it == b.end()) differ += name + " (only -j 1)\n";
        else if (it->second != bytes) differ += name + " (" + std::to_string(bytes.size()) + " / " +
                                                std::to_string(it->second.size()) + " bytes)\n";
    }
    for (const auto& [name, bytes] : b) {
        if (a.count(name) == 0) differ += name + " (only -j 2)\n";
    }
    CHECK_MESSAGE(differ.empty(), differ);
    auto strip = [&](std::string s, const std::string& out) {
        for (std::size_t at; (at = s.find((tmp / out).string())) != std::string::npos;) s.replace(at, (tmp / out).string().size(), "DIR");
        return s.substr(0, s.rfind(", trong "));  // the time differs
    };
    CHECK(strip(one.out, "j1") == strip(two.out, "j2"));
    CHECK(strip(one.err, "j1") == strip(two.err, "j2"));
}

TEST_CASE("batch: memory running out after a campaign was written says that what was written stays, and it does") {
    if (!thidua_watch_built()) {
        MESSAGE("built without the allocation watch (sanitizer build): test skipped");
        return;
    }
    TempDir tmp("batch-oom");
    fs::copy_file(sample("thai-binh-2024"), tmp / "a.json");
    fs::copy_file(sample("ba-to-2025"), tmp / "b.json");
    const fs::path out = tmp / "ra";
    const std::vector<std::string> args = {"render", (tmp / "a.json").string(), (tmp / "b.json").string(),
                                           "-o", out.string(), "--only", "ke-hoach", "-j", "1"};
    const std::string shim = "LD_PRELOAD=" + sh_quote(THIDUA_FAILALLOC);
    const fs::path count = tmp / "count";
    Result whole = run_thidua(args, shim + " THIDUA_FAIL_ALLOC_COUNT=" + sh_quote(count.string()));
    REQUIRE_MESSAGE(whole.status == 0, show(whole));
    const long total = std::stol(read_file(count));
    const std::string none = "thidua: lỗi nội bộ: hết bộ nhớ; không tệp kết quả nào được ghi\n";
    const std::string some = "thidua: lỗi nội bộ: hết bộ nhớ; các thư mục kết quả đã ghi xong trước đó vẫn "
                             "nguyên vẹn, các chiến dịch chưa xong không được ghi\n";
    // Memory short from a point on, over the whole run: before the first commit nothing is
    // written and the message says so; after it, the first campaign's folder is complete
    // and the message says what was written stays.
    int before = 0, after = 0;
    for (long n = total / 20; n < total; n += total / 20) {
        fs::remove_all(out);
        Result r = run_thidua(args, shim + " THIDUA_FAIL_ALLOC_AT=" + std::to_string(n) + " THIDUA_FAIL_ALLOC_AFTER=1");
        const std::string where = "allocation " + std::to_string(n) + " of " + std::to_string(total);
        if (r.status == 0) continue;
        CHECK_MESSAGE(r.status == 3, (where + "\n" + show(r)));
        const bool a_written = fs::exists(out / "a" / "manifest.json") && fs::exists(out / "a" / "ke-hoach.pdf");
        // -j 1: b is written after a, if at all (memory may run out after both commits,
        // in the summary).
        const bool b_written = fs::exists(out / "b" / "manifest.json");
        CHECK_MESSAGE((a_written || !b_written), where);
        const std::size_t at = r.err.rfind("thidua: lỗi nội bộ");
        const std::string tail = at == std::string::npos ? r.err : r.err.substr(at);
        if (a_written) {
            ++after;
            CHECK_MESSAGE(tail == some, (where + "\n" + show(r)));
        } else {
            ++before;
            CHECK_MESSAGE(tail == none, (where + "\n" + show(r)));
            CHECK_FALSE_MESSAGE(fs::exists(out / "a"), where);
        }
    }
    MESSAGE((std::to_string(before) + " points before the first commit, " + std::to_string(after) + " after"));
    CHECK(before > 0);
    CHECK(after > 0);
}
