#pragma once

// What every fuzz target shares: the input as text, and FUZZ_CHECK, which reports a broken
// invariant and aborts (libFuzzer then saves the input as crash-<sha1> and fails the run).
//
// A target catches only the exceptions its parser documents; anything else escapes
// LLVMFuzzerTestOneInput, which libFuzzer reports as a crash ("uncaught exception").

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void invariant_broken(const char* file, int line, const char* condition,
                                          const std::string& detail) {
  std::fprintf(stderr, "\n%s:%d: invariant broken: %s\n", file, line, condition);
  if (!detail.empty()) std::fprintf(stderr, "  %s\n", detail.c_str());
  std::abort();
}

// Removes and returns the first line of `text` (without its "\n" or "\r\n"): the input read as
// HTTP-like text, a line at a time.
inline std::string_view take_line(std::string_view& text) {
  const auto newline = text.find('\n');
  std::string_view line = text.substr(0, newline);
  text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? (void)0 : ::fuzz::invariant_broken(__FILE__, __LINE__, #condition, std::string()))
// `detail` is only built when the check fails.
#define FUZZ_CHECK_MSG(condition, detail) \
  ((condition) ? (void)0 : ::fuzz::invariant_broken(__FILE__, __LINE__, #condition, (detail)))
// An invariant broken unconditionally (e.g. an exception the code must not throw).
#define FUZZ_FAIL(detail) ::fuzz::invariant_broken(__FILE__, __LINE__, "unreachable", (detail))
