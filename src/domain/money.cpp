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

// Parses [+-]digits[.digits] into cents, rounding half-even on the third and
// further decimals. Returns false on anything else.
bool parse_decimal_cents(std::string_view text, std::int64_t& cents) {
  if (text.empty()) return false;
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  for (char c : whole)
    if (c < '0' || c > '9') return false;
  for (char c : fraction)
    if (c < '0' || c > '9') return false;

  std::int64_t value = 0;
  auto push_digit = [&value](char c) {
    const int digit = c - '0';
    if (value > (kMaxCents - digit) / 10) return false;  // value * 10 + digit <= kMaxCents, exactly
    value = value * 10 + digit;
    return true;
  };
  for (char c : whole)
    if (!push_digit(c)) return false;
  for (std::size_t i = 0; i < 2; ++i)
    if (!push_digit(i < fraction.size() ? fraction[i] : '0')) return false;

  if (fraction.size() > 2) {
    const char first_dropped = fraction[2];
    const bool rest_nonzero = fraction.find_first_not_of('0', 3) != std::string_view::npos;
    const bool round_up = first_dropped > '5' || (first_dropped == '5' && (rest_nonzero || value % 2 == 1));
    if (round_up) {
      if (value == kMaxCents) return false;
      ++value;
    }
  }
  cents = negative ? -value : value;
  return true;
}

std::int64_t checked(std::int64_t cents) {
  if (cents > kMaxCents || cents < -kMaxCents) throw std::overflow_error("money amount out of range");
  return cents;
}

}  // namespace

Money::Money(double amount) : Money(from_double(amount, "amount")) {}

Money::Money(std::string_view decimal) : Money(parse(decimal, "amount")) {}

Money Money::from_double(double amount, std::string_view field) {
  if (!std::isfinite(amount)) throw ValidationError(std::string(field), "must be a finite number");
  if (std::fabs(amount) >= 1e15) throw ValidationError(std::string(field), "is out of range");
  // Below a tenth of a cent the amount rounds to zero; its fixed-point text could be over a
  // thousand digits long (5e-324), so it is not written out.
  if (std::fabs(amount) < 0.001) return from_cents(0);
  // The shortest decimal that reads back as this double is what the caller
  // wrote (3.5 for 3.50), so rounding it is exact where the binary value is not.
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, amount, std::chars_format::fixed);
  if (result.ec != std::errc{}) throw ValidationError(std::string(field), "is out of range");
  return parse(std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer)), field);
}

Money Money::parse(std::string_view decimal, std::string_view field) {
  std::int64_t cents = 0;
  if (!parse_decimal_cents(decimal, cents))
    throw ValidationError(std::string(field), "must be a decimal number such as 3.50, not " + domain::quote_input(decimal));
  return from_cents(cents);
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
