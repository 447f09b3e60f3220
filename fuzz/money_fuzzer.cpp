// Money: the decimal parser (Money::parse, Money(string_view)), the double boundary
// (Money::from_double, the spec's float prices) and the checked arithmetic.
//
// Invariants:
//  - parse throws only ValidationError, and accepts exactly [+-]digits[.digits] (a digit somewhere);
//  - it refuses every decimal with a non-zero digit past the second decimal (sub-cent amounts are
//    never rounded); what it accepts equals a reference computed independently (exact 128-bit
//    integer arithmetic), and short plain decimals of whole cents are always accepted;
//  - to_string() is "-?digits.dd", and parsing it gives the same Money back;
//  - from_double accepts exactly the finite doubles below 1e15 in magnitude whose shortest decimal
//    has at most two decimals, lands within half a cent of the double (plus the double's own
//    rounding), and from_double(to_double()) is
//    exact for every amount up to 10^12 (what the JSON form relies on);
//  - + - times either give the exact result or throw std::overflow_error, never wrap.
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>

#include "fuzz_support.hpp"
#include "managers/errors.hpp"
#include "managers/money.hpp"

namespace {

using managers::Money;
using managers::ValidationError;
using Int = __int128;

// Money's arithmetic keeps amounts within +-INT64_MAX/4 cents (money.cpp, kMaxCents).
constexpr std::int64_t kMaxCents = std::numeric_limits<std::int64_t>::max() / 4;

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

struct Decimal {
  bool negative = false;
  std::string_view whole;
  std::string_view fraction;
};

// The documented grammar: [+-] digits [. digits], with at least one digit.
std::optional<Decimal> plain_decimal(std::string_view text) {
  Decimal d;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    d.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  d.whole = text.substr(0, dot);
  if (dot != std::string_view::npos) d.fraction = text.substr(dot + 1);
  if (d.whole.empty() && d.fraction.empty()) return std::nullopt;
  if (!all_digits(d.whole) || !all_digits(d.fraction)) return std::nullopt;
  return d;
}

// True when `d` has a non-zero digit past the second decimal: not a whole number of cents.
bool sub_cent(Decimal d) {
  while (!d.fraction.empty() && d.fraction.back() == '0') d.fraction.remove_suffix(1);
  return d.fraction.size() > 2;
}

// Cents of `d` rounded half-even, by exact integer arithmetic; nullopt beyond 36 significant digits.
std::optional<Int> reference_cents(Decimal d) {
  while (!d.whole.empty() && d.whole.front() == '0') d.whole.remove_prefix(1);
  while (!d.fraction.empty() && d.fraction.back() == '0') d.fraction.remove_suffix(1);
  if (d.whole.size() + d.fraction.size() > 36) return std::nullopt;
  Int scaled = 0;  // the value times 10^fraction.size()
  for (char c : d.whole) scaled = scaled * 10 + (c - '0');
  for (char c : d.fraction) scaled = scaled * 10 + (c - '0');
  Int cents = 0;
  if (d.fraction.size() <= 2) {
    cents = scaled * (d.fraction.size() == 2 ? 1 : d.fraction.size() == 1 ? 10 : 100);
  } else {
    Int unit = 1;
    for (std::size_t i = 2; i < d.fraction.size(); ++i) unit *= 10;
    cents = scaled / unit;
    const Int rest = scaled % unit;
    if (2 * rest > unit || (2 * rest == unit && cents % 2 == 1)) ++cents;
  }
  return d.negative ? -cents : cents;
}

std::string describe(Int value) {
  const bool negative = value < 0;
  std::string digits;
  do {
    const int digit = static_cast<int>(value % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    value /= 10;
  } while (value != 0);
  return (negative ? "-" : "") + digits;
}

void check_to_string(Money amount) {
  const std::string text = amount.to_string();
  const auto decimal = plain_decimal(text);
  FUZZ_CHECK_MSG(decimal && decimal->whole.size() >= 1 && decimal->fraction.size() == 2 &&
                     (text.front() == '-' || all_digits(text.substr(0, 1))),
                 "to_string gave '" + text + "'");
  FUZZ_CHECK_MSG(reference_cents(*decimal) == Int(amount.cents()),
                 "to_string gave '" + text + "' for " + std::to_string(amount.cents()) + " cents");
  FUZZ_CHECK_MSG(text != "-0.00", "negative zero");

  Money again;
  try {
    again = Money::parse(text, "amount");
  } catch (const ValidationError& error) {
    FUZZ_FAIL("to_string gave '" + text + "', which parse refuses: " + error.what());
  }
  FUZZ_CHECK_MSG(again == amount, "'" + text + "' parses back as " + std::to_string(again.cents()) + " cents");
}

void check_arithmetic(Money amount) {
  const Int a = amount.cents();
  const auto in_range = [](Int exact) { return exact <= kMaxCents && exact >= -Int(kMaxCents); };
  for (const std::int64_t factor :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{3}, std::int64_t{1'000'000},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    const Int exact = a * factor;
    try {
      const Money product = amount.times(factor);
      FUZZ_CHECK_MSG(in_range(exact) && Int(product.cents()) == exact,
                     describe(a) + " x " + std::to_string(factor) + " gave " + std::to_string(product.cents()));
    } catch (const std::overflow_error&) {
      FUZZ_CHECK_MSG(!in_range(exact), describe(a) + " x " + std::to_string(factor) + " overflowed");
    }
  }
  for (const std::int64_t other : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, kMaxCents, -kMaxCents,
                                   amount.cents()}) {
    const Int sum = a + other;
    try {
      const Money result = amount + Money::from_cents(other);
      FUZZ_CHECK_MSG(in_range(sum) && Int(result.cents()) == sum, describe(a) + " + " + std::to_string(other));
    } catch (const std::overflow_error&) {
      FUZZ_CHECK_MSG(!in_range(sum), describe(a) + " + " + std::to_string(other) + " overflowed");
    }
    const Int difference = a - other;
    try {
      const Money result = amount - Money::from_cents(other);
      FUZZ_CHECK_MSG(in_range(difference) && Int(result.cents()) == difference,
                     describe(a) + " - " + std::to_string(other));
    } catch (const std::overflow_error&) {
      FUZZ_CHECK_MSG(!in_range(difference), describe(a) + " - " + std::to_string(other) + " overflowed");
    }
  }
}

void check_decimal_text(std::string_view text) {
  const std::optional<Decimal> decimal = plain_decimal(text);
  const std::optional<Int> expected = decimal ? reference_cents(*decimal) : std::nullopt;

  std::optional<Money> parsed;
  try {
    parsed = Money::parse(text, "amount");
  } catch (const ValidationError& error) {
    FUZZ_CHECK_MSG(std::string_view(error.field()) == "amount", "field " + error.field());
  }
  std::optional<Money> constructed;
  try {
    constructed = Money(text);
  } catch (const ValidationError&) {
  }
  FUZZ_CHECK(parsed == constructed);

  FUZZ_CHECK_MSG(!(parsed && decimal && sub_cent(*decimal)), "accepted sub-cent '" + std::string(text) + "'");
  if (!parsed) {
    if (decimal && sub_cent(*decimal)) return;
    // Anything of the grammar that is well inside the range must be accepted.
    FUZZ_CHECK_MSG(!expected || *expected > Int(100'000'000'000'000'000) || *expected < -Int(100'000'000'000'000'000),
                   "refused '" + std::string(text) + "'");
    return;
  }
  FUZZ_CHECK_MSG(decimal.has_value(), "accepted '" + std::string(text) + "', which is not a plain decimal");
  FUZZ_CHECK_MSG(!expected || *expected == Int(parsed->cents()),
                 "'" + std::string(text) + "' parsed as " + std::to_string(parsed->cents()) + " cents, expected " +
                     describe(*expected));
  FUZZ_CHECK(parsed->cents() <= kMaxCents && parsed->cents() >= -kMaxCents);
  check_to_string(*parsed);
  check_arithmetic(*parsed);
}

void check_double(double value) {
  std::optional<Money> amount;
  try {
    amount = Money::from_double(value, "unit_price");
  } catch (const ValidationError& error) {
    FUZZ_CHECK(error.field() == "unit_price");
  }
  bool storable = std::isfinite(value) && std::fabs(value) < 1e15;
  if (storable && value != 0.0) {
    // Whole cents iff the shortest decimal (what the caller wrote) has at most two decimals.
    char buffer[2048];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    FUZZ_CHECK(written.ec == std::errc{});
    const std::optional<Decimal> shortest = plain_decimal(std::string_view(buffer, static_cast<std::size_t>(written.ptr - buffer)));
    FUZZ_CHECK(shortest.has_value());
    storable = !sub_cent(*shortest);
  }
  FUZZ_CHECK_MSG(amount.has_value() == storable, "from_double(" + std::to_string(value) + ")");
  if (!amount) return;
  // Rounded from the double's shortest decimal form, so within half a cent of it, and that form is
  // within half an ulp of the double itself.
  const long double cents = static_cast<long double>(value) * 100.0L;  // exact: 53 + 7 bits
  const long double ulp = std::nextafter(std::fabs(value), std::numeric_limits<double>::infinity()) - std::fabs(value);
  const long double error = std::fabs(static_cast<long double>(amount->cents()) - cents);
  FUZZ_CHECK_MSG(error <= 0.5L + 100.0L * ulp / 2 + 1e-9L,
                 "from_double(" + std::to_string(value) + ") = " + std::to_string(amount->cents()) + " cents");
  check_to_string(*amount);
}

void check_double_boundary(Money amount) {
  // The JSON form carries money as a double: from_double(to_double()) must give it back exactly.
  if (amount.cents() > 100'000'000'000'000 || amount.cents() < -100'000'000'000'000) return;
  const Money back = Money::from_double(amount.to_double(), "amount");
  FUZZ_CHECK_MSG(back == amount, std::to_string(amount.cents()) + " cents came back as " + std::to_string(back.cents()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  check_decimal_text(text);

  // The same text as a double (the spec's float prices), e.g. "3.5", "1e3", "-0.125".
  double value = 0;
  if (const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      ec == std::errc{} && end == text.data() + text.size()) {
    check_double(value);
    std::optional<Money> amount;
    try {
      amount = Money::from_double(value, "amount");
    } catch (const ValidationError&) {
    }
    if (amount) check_double_boundary(*amount);
  }
  // The first 8 bytes as a double's bits: NaNs, infinities, subnormals, huge values.
  if (size >= sizeof(double)) {
    std::memcpy(&value, data, sizeof value);
    check_double(value);
  }
  // The first 8 bytes as a count of cents.
  if (size >= sizeof(std::int64_t)) {
    std::int64_t cents = 0;
    std::memcpy(&cents, data, sizeof cents);
    if (cents <= kMaxCents && cents >= -kMaxCents) {
      check_to_string(Money::from_cents(cents));
      check_double_boundary(Money::from_cents(cents));
      check_arithmetic(Money::from_cents(cents));
    }
  }
  return 0;
}
