#include "domain/spec_record.hpp"

#include <algorithm>
#include <cmath>
#include <charconv>

namespace managers::domain {

std::vector<StatusChange> history_of_record_without_one(OrderStatus status, const std::string& created_at) {
  // Nothing is known about earlier statuses, so none is invented: one entry, which validation's
  // rule (the history ends with the current status) accepts.
  return {StatusChange{status, created_at}};
}

}  // namespace managers::domain

namespace managers::domain {

std::optional<Money> money_from_float_noise(std::string_view decimal) {
  // A plain decimal only (DynamoDB's N form without exponent), so strtod cannot read "inf" or hex.
  if (decimal.empty() || decimal.size() > 64) return std::nullopt;
  for (std::size_t i = 0; i < decimal.size(); ++i) {
    const char c = decimal[i];
    if (!((c >= '0' && c <= '9') || c == '.' || (i == 0 && (c == '-' || c == '+')))) return std::nullopt;
  }
  const std::string_view digits = decimal.front() == '+' ? decimal.substr(1) : decimal;
  double value = 0;
  // from_chars: the C locale's '.', whatever the process's locale.
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) return std::nullopt;
  // Beyond 2^53 cents a double no longer tells cents apart: no float noise to forgive there.
  if (std::fabs(value) * 100.0 > 9007199254740992.0) return std::nullopt;
  const double cents = std::nearbyint(value * 100.0);
  if (std::fabs(value - cents / 100.0) > 1e-9 * std::max(1.0, std::fabs(value))) return std::nullopt;
  return Money::from_cents(static_cast<std::int64_t>(cents));
}

}  // namespace managers::domain
