// Stage: driver. The progress line of a long render: on a terminal, one Vietnamese line on
// stderr redrawn in place ("Đang dựng: 12/3.321 chiến dịch · 250 tệp · 1.022 trang ·
// 85 trang/giây · còn khoảng 2 phút 10 giây"); off a terminal, nothing (the caller prints a
// summary at the end).
// In: counts from the threads that render (thread-safe); out: the line on stderr, and
// every other line the run prints passes through print() so that the two never mix.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace thidua::driver {

/// What the line shows, at one moment.
struct ProgressCounts {
    bool batch = false;              ///< counts campaigns (else the documents of one)
    std::size_t campaigns_total = 0;
    std::size_t campaigns_done = 0;  ///< finished, well or not
    std::size_t campaigns_failed = 0;
    std::size_t documents_total = 0;  ///< known so far (campaigns that started)
    std::size_t documents_done = 0;
    std::size_t files = 0;            ///< files written (PDF, Word, workbook)
    std::size_t pages = 0;            ///< PDF pages written
    double fraction = 0;              ///< of the whole work, 0..1
    double elapsed = 0;               ///< seconds
};

/// "45 giây", "2 phút 05 giây", "1 giờ 02 phút" (rounded up to the second; under 1: "1 giây").
std::string duration_text(double seconds);

/// The progress line for `c` (no line break), at most `columns` letters long (cut at
/// the last " · " that fits; 0: no limit).
std::string progress_line(const ProgressCounts& c, std::size_t columns = 0);

class Progress {
public:
    /// `redraw`: draw the line (stderr is a terminal). `campaigns`: how many (batch mode
    /// when `batch`).
    Progress(bool redraw, bool batch, std::size_t campaigns);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// A campaign starts and will make `documents` documents (a PDF with its Word file is
    /// one document; the workbook is one).
    void campaign_started(std::size_t documents);
    /// One document of a running campaign is written: `files` files, `pages` PDF pages.
    void document_done(std::size_t files, std::size_t pages);
    /// A campaign that started with `documents` and finished `done` of them is over.
    void campaign_finished(bool ok, std::size_t documents, std::size_t done);

    /// Writes `text` to `stream` (stdout or stderr) with the line out of the way.
    void print(std::FILE* stream, const std::string& text);
    /// Removes the line for good (before the summary).
    void stop();

    ProgressCounts counts() const;
    bool redraws() const { return redraw_; }

private:
    ProgressCounts snapshot_locked() const;
    void draw_locked();
    void clear_locked();
    void tick();

    const bool redraw_;
    const std::chrono::steady_clock::time_point start_;
    mutable std::mutex m_;
    std::condition_variable cv_;
    ProgressCounts c_;
    std::size_t inflight_ = 0;           ///< campaigns running
    std::size_t inflight_total_ = 0;     ///< their documents
    std::size_t inflight_done_ = 0;      ///< their documents done
    bool drawn_ = false;                  ///< the line is on the screen
    bool stopping_ = false;
    std::thread ticker_;
};

}  // namespace thidua::driver
