#include "base/progress.h"

namespace portal {
namespace {

// 31797 -> "31,797": the line is read at a glance.
std::string with_commas(std::size_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

constexpr auto redraw_interval = std::chrono::milliseconds(100);

}  // namespace

ProgressLine::ProgressLine(std::FILE* terminal, std::chrono::milliseconds delay)
    : terminal_(terminal), started_(Clock::now()), delay_(delay) {}

void ProgressLine::stage_done(std::string_view name) {
    if (!terminal_) return;
    std::lock_guard lock(mutex_);
    ++stages_;
    last_stage_ = name;
    draw_locked(0, 0, true);
}

void ProgressLine::items_done(std::size_t done, std::size_t total) {
    if (!terminal_) return;
    // Workers must not queue up behind the terminal: whoever finds the line
    // busy skips this redraw, the next item will draw it.
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (lock.owns_lock()) draw_locked(done, total, done == total);
}

void ProgressLine::draw_locked(std::size_t done, std::size_t total, bool force) {
    const auto now = Clock::now();
    if (now - started_ < delay_) return;
    if (!force && drawn_ && now - last_draw_ < redraw_interval) return;
    last_draw_ = now;
    std::string line = "\r\033[Kportal: stage " + std::to_string(stages_ + 1);
    if (!last_stage_.empty()) line += " (after " + last_stage_ + ")";
    if (total > 0) line += " \xC2\xB7 " + with_commas(done) + " of " + with_commas(total);
    std::fputs(line.c_str(), terminal_);
    std::fflush(terminal_);
    drawn_ = true;
}

void ProgressLine::clear() {
    if (!terminal_) return;
    std::lock_guard lock(mutex_);
    if (!drawn_) return;
    std::fputs("\r\033[K", terminal_);
    std::fflush(terminal_);
    drawn_ = false;
}

}  // namespace portal
