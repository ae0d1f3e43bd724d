#include "driver/progress.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/text.hpp"

namespace thidua::driver {

namespace {

std::string count(std::size_t n) { return text::number(static_cast<double>(n), 0); }

std::size_t terminal_columns() {
    struct winsize ws {};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

/// Only start drawing after this long: a run that ends sooner just prints its result.
constexpr double kFirstDraw = 0.3;

}  // namespace

std::string duration_text(double seconds) {
    long s = seconds <= 1 ? 1 : static_cast<long>(std::ceil(seconds));
    if (s < 60) return std::to_string(s) + " giây";
    if (s < 3600) return std::to_string(s / 60) + " phút " + text::pad2(s % 60) + " giây";
    const long minutes = (s + 30) / 60;
    return std::to_string(minutes / 60) + " giờ " + text::pad2(minutes % 60) + " phút";
}

std::string progress_line(const ProgressCounts& c, std::size_t columns) {
    std::vector<std::string> parts;
    std::string head = "Đang dựng: ";
    if (c.batch) {
        head += count(c.campaigns_done) + "/" + count(c.campaigns_total) + " chiến dịch";
        if (c.campaigns_failed > 0) head += " (" + count(c.campaigns_failed) + " có lỗi)";
    } else {
        head += count(c.documents_done) + "/" + count(c.documents_total) + " văn bản";
    }
    parts.push_back(head);
    parts.push_back(count(c.files) + " tệp");
    parts.push_back(count(c.pages) + " trang");
    if (c.elapsed > 0 && c.pages > 0) {
        parts.push_back(count(static_cast<std::size_t>(std::lround(static_cast<double>(c.pages) / c.elapsed))) + " trang/giây");
    }
    if (c.fraction > 0.001 && c.fraction < 1 && c.elapsed >= 1) {
        parts.push_back("còn khoảng " + duration_text(c.elapsed * (1 - c.fraction) / c.fraction));
    }
    std::string line;
    for (const auto& p : parts) {
        std::string next = line.empty() ? p : line + " · " + p;
        if (columns != 0 && text::length(next) > columns && !line.empty()) break;
        line = std::move(next);
    }
    return line;
}

Progress::Progress(bool redraw, bool batch, std::size_t campaigns)
    : redraw_(redraw), start_(std::chrono::steady_clock::now()) {
    c_.batch = batch;
    c_.campaigns_total = campaigns;
    if (redraw_) ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() { stop(); }

void Progress::campaign_started(std::size_t documents) {
    std::lock_guard<std::mutex> lock(m_);
    c_.documents_total += documents;
    ++inflight_;
    inflight_total_ += documents;
}

void Progress::document_done(std::size_t files, std::size_t pages) {
    std::lock_guard<std::mutex> lock(m_);
    ++c_.documents_done;
    ++inflight_done_;
    c_.files += files;
    c_.pages += pages;
}

void Progress::campaign_finished(bool ok, std::size_t documents, std::size_t done) {
    std::lock_guard<std::mutex> lock(m_);
    ++c_.campaigns_done;
    if (!ok) ++c_.campaigns_failed;
    if (inflight_ > 0) --inflight_;
    inflight_total_ -= std::min(inflight_total_, documents);
    inflight_done_ -= std::min(inflight_done_, done);
}

ProgressCounts Progress::counts() const {
    std::lock_guard<std::mutex> lock(m_);
    return snapshot_locked();
}

ProgressCounts Progress::snapshot_locked() const {
    ProgressCounts c = c_;
    c.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (c.batch) {
        // Each running campaign counts for the share of its documents done.
        const double partial = inflight_total_ > 0
                                   ? static_cast<double>(inflight_done_) / static_cast<double>(inflight_total_) *
                                         static_cast<double>(inflight_)
                                   : 0;
        c.fraction = c.campaigns_total > 0 ? (static_cast<double>(c.campaigns_done) + partial) /
                                                 static_cast<double>(c.campaigns_total)
                                           : 1;
    } else {
        c.fraction = c.documents_total > 0
                         ? static_cast<double>(c.documents_done) / static_cast<double>(c.documents_total)
                         : 0;
    }
    return c;
}

void Progress::clear_locked() {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
}

void Progress::draw_locked() {
    const ProgressCounts c = snapshot_locked();
    if (c.elapsed < kFirstDraw) return;
    const std::size_t columns = terminal_columns();
    std::string line = "\r" + progress_line(c, columns > 1 ? columns - 1 : columns) + "\033[K";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::tick() {
    std::unique_lock<std::mutex> lock(m_);
    while (!stopping_) {
        cv_.wait_for(lock, std::chrono::milliseconds(200));
        if (stopping_) break;
        draw_locked();
    }
}

void Progress::print(std::FILE* stream, const std::string& text) {
    std::lock_guard<std::mutex> lock(m_);
    clear_locked();
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
    if (redraw_ && !stopping_) draw_locked();
}

void Progress::stop() {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (stopping_ && !ticker_.joinable()) return;
        stopping_ = true;
        clear_locked();
    }
    cv_.notify_all();
    if (ticker_.joinable()) ticker_.join();
}

}  // namespace thidua::driver
