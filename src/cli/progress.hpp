#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace cli {

// Progress of a long transfer on stderr. On a terminal: one line redrawn in
// place — a bar when the total is known, the count, the rate and the ETA. Not
// on a terminal (a log, a pipe): a plain line at most every few seconds.
class Progress {
 public:
  // `what` names the unit ("orders"); `total` is the expected count, if known.
  Progress(std::ostream& out, bool terminal, std::string what, std::optional<std::int64_t> total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `done` so far; redraws at most ~10 times a second (a terminal) or every 5 s (plain).
  void update(std::int64_t done);
  // Clears the bar (a terminal) so the summary that follows starts on a clean line.
  void finish();

  // True when stderr is a terminal.
  static bool stderr_is_terminal();

  // "1:05", "1:02:03".
  static std::string format_duration(std::chrono::seconds duration);

 private:
  std::string render(std::int64_t done, double seconds) const;

  std::ostream& out_;
  bool terminal_;
  std::string what_;
  std::optional<std::int64_t> total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
  bool finished_ = false;
};

}  // namespace cli
