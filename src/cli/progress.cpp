#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace cli {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kPlainInterval = std::chrono::seconds(5);
constexpr int kBarWidth = 30;

}  // namespace

Progress::Progress(std::ostream& out, bool terminal, std::string what, std::optional<std::int64_t> total)
    : out_(out),
      terminal_(terminal),
      what_(std::move(what)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { finish(); }

bool Progress::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

std::string Progress::format_duration(std::chrono::seconds duration) {
  const long long total = std::max<long long>(0, duration.count());
  char buffer[32];
  if (total >= 3600)
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, (total / 60) % 60, total % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 60, total % 60);
  return buffer;
}

std::string Progress::render(std::int64_t done, double seconds) const {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, "%.0f/s", rate);
  std::string text;
  if (total_ && *total_ > 0) {
    const double fraction = std::clamp(static_cast<double>(done) / static_cast<double>(*total_), 0.0, 1.0);
    const int filled = static_cast<int>(fraction * kBarWidth);
    if (terminal_)
      text += "[" + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(kBarWidth - filled), '-') + "] ";
    text += std::to_string(static_cast<int>(fraction * 100)) + "%  " + std::to_string(done) + "/" +
            std::to_string(*total_) + " " + what_ + "  " + rate_text;
    if (rate > 0 && done < *total_) {
      const auto remaining = static_cast<long long>(static_cast<double>(*total_ - done) / rate);
      text += "  ETA " + format_duration(std::chrono::seconds(remaining));
    }
  } else {
    text += std::to_string(done) + " " + what_ + "  " + rate_text;
  }
  return text;
}

void Progress::update(std::int64_t done) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < (terminal_ ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(kTerminalInterval)
                                    : std::chrono::duration_cast<std::chrono::steady_clock::duration>(kPlainInterval)))
    return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (terminal_)
    out_ << "\r\033[K" << render(done, seconds) << std::flush;
  else
    out_ << "progress: " << render(done, seconds) << '\n' << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (terminal_ && drawn_) out_ << "\r\033[K" << std::flush;
}

}  // namespace cli
