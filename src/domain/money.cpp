#include "managers/money.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace managers {
namespace {

constexpr std::int64_t kMaxCents = std::numeric_limits<std::int64_t>::max() / 4;

enum class DecimalParse { kOk, kNotDecimal, kSubCent };

// Parses [+-]digits[.digits] into cents. Decimals past the second must be zeros ("3.500"), else
// the result is kSubCent; with `round_sub_cent` they are rounded half-even instead (only for
// amounts already stored by float arithmetic, see Money::from_double_rounded).
DecimalParse parse_decimal_cents(std::string_view text, std::int64_t& cents, bool round_sub_cent) {
  if (text.empty()) return DecimalParse::kNotDecimal;
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return DecimalParse::kNotDecimal;
  for (char c : whole)
    if (c < '0' || c > '9') return DecimalParse::kNotDecimal;
  for (char c : fraction)
    if (c < '0' || c > '9') return DecimalParse::kNotDecimal;

  std::int64_t value = 0;
  auto push_digit = [&value](char c) {
    const int digit = c - '0';
    if (value > (kMaxCents - digit) / 10) return false;  // value * 10 + digit <= kMaxCents, exactly
    value = value * 10 + digit;
    return true;
  };
  for (char c : whole)
    if (!push_digit(c)) return DecimalParse::kNotDecimal;
  for (std::size_t i = 0; i < 2; ++i)
    if (!push_digit(i < fraction.size() ? fraction[i] : '0')) return DecimalParse::kNotDecimal;

  if (fraction.size() > 2 && fraction.find_first_not_of('0', 2) != std::string_view::npos) {
    if (!round_sub_cent) return DecimalParse::kSubCent;
    const char first_dropped = fraction[2];
    const bool rest_nonzero = fraction.find_first_not_of('0', 3) != std::string_view::npos;
    const bool round_up = first_dropped > '5' || (first_dropped == '5' && (rest_nonzero || value % 2 == 1));
    if (round_up) {
      if (value == kMaxCents) return DecimalParse::kNotDecimal;
      ++value;
    }
  }
  cents = negative ? -value : value;
  return DecimalParse::kOk;
}

constexpr std::string_view kSubCentRule = "must be a whole number of cents (at most two decimals), not ";

// The shortest decimal that reads back as `amount` (what the caller wrote: 3.5 for 3.50), in
// fixed notation; checked for range first. Empty for amounts too small to write out (5e-324
// would be over a thousand digits): the caller treats them as sub-cent.
std::string shortest_decimal(double amount, std::string_view field) {
  if (!std::isfinite(amount)) throw ValidationError(std::string(field), "must be a finite number");
  if (std::fabs(amount) >= 1e15) throw ValidationError(std::string(field), "is out of range");
  if (amount == 0.0) return "0";
  if (std::fabs(amount) < 0.001) return {};
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, amount, std::chars_format::fixed);
  if (result.ec != std::errc{}) throw ValidationError(std::string(field), "is out of range");
  return std::string(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

std::int64_t checked(std::int64_t cents) {
  if (cents > kMaxCents || cents < -kMaxCents) throw std::overflow_error("money amount out of range");
  return cents;
}

}  // namespace

Money::Money(double amount) : Money(from_double(amount, "amount")) {}

Money::Money(std::string_view decimal) : Money(parse(decimal, "amount")) {}

Money Money::from_double(double amount, std::string_view field) {
  const std::string decimal = shortest_decimal(amount, field);
  std::int64_t cents = 0;
  if (decimal.empty() || parse_decimal_cents(decimal, cents, /*round_sub_cent=*/false) != DecimalParse::kOk)
    throw ValidationError(std::string(field),
                          std::string(kSubCentRule) + (decimal.empty() ? std::to_string(amount) : decimal));
  return from_cents(cents);
}

Money Money::from_double_rounded(double amount, std::string_view field) {
  const std::string decimal = shortest_decimal(amount, field);
  std::int64_t cents = 0;
  if (!decimal.empty() && parse_decimal_cents(decimal, cents, /*round_sub_cent=*/true) != DecimalParse::kOk)
    throw ValidationError(std::string(field), "is out of range");
  return from_cents(cents);
}

Money Money::parse(std::string_view decimal, std::string_view field) {
  std::int64_t cents = 0;
  switch (parse_decimal_cents(decimal, cents, /*round_sub_cent=*/false)) {
    case DecimalParse::kOk: return from_cents(cents);
    case DecimalParse::kSubCent:
      throw ValidationError(std::string(field), std::string(kSubCentRule) + domain::quote_input(decimal));
    case DecimalParse::kNotDecimal: break;
  }
  throw ValidationError(std::string(field), "must be a decimal number such as 3.50, not " + domain::quote_input(decimal));
}

std::string Money::to_string() const {
  const std::uint64_t magnitude =
      cents_ < 0 ? static_cast<std::uint64_t>(-(cents_ + 1)) + 1 : static_cast<std::uint64_t>(cents_);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (cents_ < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

Money Money::operator+(Money other) const {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(cents_, other.cents_, &sum)) throw std::overflow_error("money sum overflows");
  return from_cents(checked(sum));
}

Money& Money::operator+=(Money other) { return *this = *this + other; }

Money Money::operator-(Money other) const {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(cents_, other.cents_, &difference)) throw std::overflow_error("money difference overflows");
  return from_cents(checked(difference));
}

Money Money::times(std::int64_t quantity) const {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(cents_, quantity, &product)) throw std::overflow_error("money product overflows");
  return from_cents(checked(product));
}

}  // namespace managers
