#include "aws/timestamp.hpp"

namespace aws {

namespace {

// Exactly `digits` decimal digits (no sign: from_chars would take "-1" for an hour).
bool read_int(std::string_view& text, std::size_t digits, int& out) {
  if (text.size() < digits) return false;
  out = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  text.remove_prefix(digits);
  return true;
}

bool expect(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_int(text, 4, year) || !expect(text, '-') || !read_int(text, 2, month) || !expect(text, '-') ||
      !read_int(text, 2, day)) {
    return std::nullopt;
  }
  if (text.empty() || (text.front() != 'T' && text.front() != 't' && text.front() != ' ')) return std::nullopt;
  text.remove_prefix(1);
  if (!read_int(text, 2, hour) || !expect(text, ':') || !read_int(text, 2, minute) || !expect(text, ':') ||
      !read_int(text, 2, second)) {
    return std::nullopt;
  }
  if (!text.empty() && text.front() == '.') {  // fractional seconds: ignored (expiry precision is minutes)
    text.remove_prefix(1);
    while (!text.empty() && text.front() >= '0' && text.front() <= '9') text.remove_prefix(1);
  }
  int offset_minutes = 0;
  if (!text.empty() && (text.front() == 'Z' || text.front() == 'z')) {
    text.remove_prefix(1);
  } else if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    const int sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
    int oh = 0, om = 0;
    if (!read_int(text, 2, oh)) return std::nullopt;
    (void)expect(text, ':');
    if (!read_int(text, 2, om)) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (!text.empty()) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const std::chrono::sys_seconds instant = std::chrono::sys_days{date} + std::chrono::hours{hour} +
                                           std::chrono::minutes{minute - offset_minutes} + std::chrono::seconds{second};
  // system_clock counts nanoseconds in 64 bits (years 1678..2262): a time it cannot hold is
  // refused rather than overflowing (and callers subtract margins from what is returned).
  constexpr std::chrono::seconds kLimit =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::duration::max());
  if (instant.time_since_epoch() > kLimit || instant.time_since_epoch() < -kLimit) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(instant);
}

}  // namespace aws
