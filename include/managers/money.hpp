#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace managers {

// An exact amount of money in integer cents. Money is never summed or stored as
// binary floating point: a double such as the spec's 3.50 is converted once, at
// the boundary, through its shortest decimal form. An amount that is not a whole
// number of cents (0.005, "3.555", 16.999) is refused, never rounded silently.
class Money {
 public:
  constexpr Money() = default;
  // The spec's float prices: 3.50 -> 350 cents. Throws ValidationError("amount", ...) for NaN,
  // infinity, out-of-range values and amounts whose shortest decimal has more than two
  // decimals (0.125, 0.001).
  Money(double amount);  // NOLINT(google-explicit-constructor): the spec passes plain floats.
  // A plain decimal string: "3.50", "16.99", "-2", ".5", "3.500". No exponent, no currency
  // sign, no non-zero digit past the second decimal.
  explicit Money(std::string_view decimal);

  static constexpr Money from_cents(std::int64_t cents) {
    Money m;
    m.cents_ = cents;
    return m;
  }
  // As the constructors, but the error names `field` ("items[0].unit_price").
  static Money from_double(double amount, std::string_view field);
  static Money parse(std::string_view decimal, std::string_view field);
  // Rounds half-even to cents instead of refusing sub-cent amounts: only for amounts already
  // stored by float arithmetic (the earlier Python module's SQLite REAL columns), never for input.
  static Money from_double_rounded(double amount, std::string_view field);

  constexpr std::int64_t cents() const { return cents_; }
  // "16.99", "-0.50", "7.00": always two decimals.
  std::string to_string() const;
  // Nearest double, for the JSON form (16.99 prints as 16.99).
  double to_double() const { return static_cast<double>(cents_) / 100.0; }

  // Arithmetic throws std::overflow_error rather than wrapping.
  Money operator+(Money other) const;
  Money& operator+=(Money other);
  Money operator-(Money other) const;
  Money times(std::int64_t quantity) const;

  friend constexpr auto operator<=>(Money, Money) = default;
  friend constexpr bool operator==(Money, Money) = default;

 private:
  std::int64_t cents_ = 0;
};

}  // namespace managers
