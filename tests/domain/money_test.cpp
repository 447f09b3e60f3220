#include "managers/money.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "managers/errors.hpp"

namespace managers {
namespace {

TEST(Money, SpecFloatPricesAreExactCents) {
  EXPECT_EQ(Money(3.50).cents(), 350);
  EXPECT_EQ(Money(8.99).cents(), 899);
  EXPECT_EQ(Money(16.99).cents(), 1699);
  EXPECT_EQ(Money(0.1 + 0.2).cents(), 30);  // 0.30000000000000004 rounds to 30 cents
}

TEST(Money, RoundsHalfEvenOnceAtTheBoundary) {
  EXPECT_EQ(Money("0.125").cents(), 12);
  EXPECT_EQ(Money("0.135").cents(), 14);
  EXPECT_EQ(Money("0.1251").cents(), 13);
  EXPECT_EQ(Money("2.675").cents(), 268);  // the decimal text, not the binary double 2.67499...
  EXPECT_EQ(Money(2.675).cents(), 268);
  EXPECT_EQ(Money("-0.125").cents(), -12);
}

TEST(Money, ParsesPlainDecimals) {
  EXPECT_EQ(Money("16.99").cents(), 1699);
  EXPECT_EQ(Money("7").cents(), 700);
  EXPECT_EQ(Money(".5").cents(), 50);
  EXPECT_EQ(Money("5.").cents(), 500);
  EXPECT_EQ(Money("+1.01").cents(), 101);
}

TEST(Money, RejectsWhatIsNotADecimalNamingTheField) {
  for (const char* bad : {"", "abc", "1e3", "1.2.3", "$5", " 5", "-", "."}) {
    try {
      Money::parse(bad, "total_price");
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), "total_price");
    }
  }
}

TEST(Money, RejectsNonFiniteDoubles) {
  EXPECT_THROW(Money(std::numeric_limits<double>::quiet_NaN()), ValidationError);
  EXPECT_THROW(Money(std::numeric_limits<double>::infinity()), ValidationError);
  EXPECT_THROW(Money(1e300), ValidationError);
}

TEST(Money, FormatsTwoDecimals) {
  EXPECT_EQ(Money::from_cents(1699).to_string(), "16.99");
  EXPECT_EQ(Money::from_cents(700).to_string(), "7.00");
  EXPECT_EQ(Money::from_cents(5).to_string(), "0.05");
  EXPECT_EQ(Money::from_cents(-50).to_string(), "-0.50");
  EXPECT_EQ(Money::from_cents(0).to_string(), "0.00");
}

TEST(Money, ArithmeticIsExactAndChecked) {
  Money sum;
  for (int i = 0; i < 10; ++i) sum += Money(0.1);
  EXPECT_EQ(sum, Money(1.0));
  EXPECT_EQ(Money(3.50).times(2), Money("7.00"));
  EXPECT_EQ(Money("16.99") - Money("15.99"), Money("1.00"));
  EXPECT_THROW(Money::from_cents(std::numeric_limits<std::int64_t>::max() / 8).times(1000), std::overflow_error);
}

TEST(Money, ToDoubleIsTheNearestDouble) {
  EXPECT_EQ(Money("16.99").to_double(), 16.99);
  EXPECT_EQ(Money("0.07").to_double(), 0.07);
}

// Found by fuzz/money_fuzzer.cpp.
TEST(Money, TinyDoublesAreZeroCents) {
  EXPECT_EQ(Money::from_double(1e-300, "unit_price"), Money::from_cents(0));
  EXPECT_EQ(Money::from_double(-5e-324, "unit_price"), Money::from_cents(0));
  EXPECT_EQ(Money::from_double(0.0049, "unit_price"), Money::from_cents(0));
  EXPECT_EQ(Money::from_double(0.005, "unit_price"), Money::from_cents(0));  // half-even
  EXPECT_EQ(Money::from_double(0.015, "unit_price"), Money::from_cents(2));
}

TEST(Money, EveryAmountItHoldsParsesBackAndNothingRoundsPastIt) {
  const std::int64_t max_cents = std::numeric_limits<std::int64_t>::max() / 4;
  for (const std::int64_t cents : {max_cents, max_cents - 1, -max_cents}) {
    const Money amount = Money::from_cents(cents);
    EXPECT_EQ(Money::parse(amount.to_string(), "amount"), amount) << amount.to_string();
  }
  EXPECT_THROW(Money::parse("23058430092136939.515", "amount"), ValidationError);  // rounds past the top
  EXPECT_THROW(Money::parse("23058430092136939.52", "amount"), ValidationError);
}

}  // namespace
}  // namespace managers
