#pragma once

// Small text helpers of the AWS layer (HTTP headers, shared config files), written once.
// The AWS layer knows nothing of orders, so it does not use src/domain's.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace aws {

// Without leading and trailing spaces, tabs, CR and LF (header values, INI lines).
inline std::string_view trim(std::string_view text) {
  constexpr std::string_view kBlank = " \t\r\n";
  const std::size_t begin = text.find_first_not_of(kBlank);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kBlank) - begin + 1);
}

// ASCII lower case (header names, URL schemes and hosts, config keys are case-insensitive).
inline std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace aws
