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
  EXPECT_EQ(Money(0.07).cents(), 7);
  EXPECT_EQ(Money(-0.5).cents(), -50);
  EXPECT_EQ(Money(0.0).cents(), 0);
}

// Issue 17 item 4: an amount that is not a whole number of cents is refused, naming the field,
// never rounded: from a decimal string and from a float whose shortest form has > 2 decimals.
TEST(Money, SubCentAmountsAreRefusedNamingTheField) {
  for (const char* text : {"0.005", "0.001", "3.555", "16.999", "-0.125", "2.675", "1.0001", "0.0000001"}) {
    try {
      Money::parse(text, "items[0].unit_price");
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), "items[0].unit_price");
      EXPECT_NE(std::string(error.what()).find("whole number of cents"), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(text), std::string::npos) << error.what();
    }
  }
  for (const double amount : {0.005, 0.001, 3.555, 16.999, 0.1 + 0.2, 2.675, 1e-300, -5e-324, 0.0049}) {
    try {
      Money::from_double(amount, "total_price");
      ADD_FAILURE() << "accepted " << amount;
    } catch (const ValidationError& error) {
      EXPECT_EQ(error.field(), "total_price");
      EXPECT_NE(std::string(error.what()).find("whole number of cents"), std::string::npos) << error.what();
    }
  }
  EXPECT_THROW(Money(0.125), ValidationError);
  EXPECT_THROW(Money("0.125"), ValidationError);
}

TEST(Money, TrailingZerosPastTheCentsAreExactAndAccepted) {
  EXPECT_EQ(Money::parse("3.500", "x").cents(), 350);
  EXPECT_EQ(Money::parse("16.9900000", "x").cents(), 1699);
  EXPECT_EQ(Money::parse("-0.000", "x").cents(), 0);
}

// The earlier module's stored REALs came from float arithmetic; the legacy upgrade alone rounds.
TEST(Money, StoredFloatsAreRoundedHalfEvenWhenAskedTo) {
  EXPECT_EQ(Money::from_double_rounded(0.1 + 0.2, "x").cents(), 30);
  EXPECT_EQ(Money::from_double_rounded(2.675, "x").cents(), 268);  // the decimal text, not the binary
  EXPECT_EQ(Money::from_double_rounded(0.125, "x").cents(), 12);
  EXPECT_EQ(Money::from_double_rounded(0.015, "x").cents(), 2);
  EXPECT_EQ(Money::from_double_rounded(1e-300, "x").cents(), 0);
  EXPECT_THROW(Money::from_double_rounded(std::numeric_limits<double>::quiet_NaN(), "x"), ValidationError);
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

// Found by fuzz/money_fuzzer.cpp: a tiny double's fixed-point text is never written out.
TEST(Money, TinyDoublesAreRefusedWithoutWritingThemOut) {
  try {
    Money::from_double(5e-324, "unit_price");
    ADD_FAILURE() << "accepted 5e-324";
  } catch (const ValidationError& error) {
    EXPECT_LT(std::string(error.what()).size(), 200u);
  }
}

TEST(Money, EveryAmountItHoldsParsesBackAndNothingRoundsPastIt) {
  const std::int64_t max_cents = std::numeric_limits<std::int64_t>::max() / 4;
  for (const std::int64_t cents : {max_cents, max_cents - 1, -max_cents}) {
    const Money amount = Money::from_cents(cents);
    EXPECT_EQ(Money::parse(amount.to_string(), "amount"), amount) << amount.to_string();
  }
  EXPECT_THROW(Money::parse("23058430092136939.515", "amount"), ValidationError);  // sub-cent
  EXPECT_THROW(Money::parse("23058430092136939.52", "amount"), ValidationError);
}

}  // namespace
}  // namespace managers
