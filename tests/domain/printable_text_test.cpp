#include "domain/printable_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using managers::domain::printable;
using managers::domain::quote_input;

TEST(QuoteInput, KeepsPrintableTextAndUnicode) {
  EXPECT_EQ(quote_input("tomorrow"), "'tomorrow'");
  EXPECT_EQ(quote_input("Zoë ☕ 𠮷"), "'Zoë ☕ 𠮷'");
  EXPECT_EQ(quote_input(""), "''");
}

TEST(QuoteInput, EscapesControlsAndBytesThatAreNotUtf8SoTheMessageStaysOneLine) {
  EXPECT_EQ(quote_input("a\nb\tc\rd"), "'a\\nb\\tc\\rd'");
  EXPECT_EQ(quote_input(std::string("a\0b", 3)), "'a\\x00b'");
  EXPECT_EQ(quote_input("\x1b[31m"), "'\\x1b[31m'");
  EXPECT_EQ(quote_input("bad \xff byte"), "'bad \\xff byte'");
  EXPECT_EQ(quote_input("c1 \xC2\x85"), "'c1 \\xc2\\x85'");
  EXPECT_EQ(quote_input("cut \xE2\x98"), "'cut \\xe2\\x98'");
}

TEST(QuoteInput, ShortensLongInputWithoutCuttingACharacter) {
  const std::string long_text(10'000, '9');
  EXPECT_EQ(quote_input(long_text), "'" + std::string(managers::domain::kMaxQuotedInputBytes, '9') + "'... (10000 bytes)");
  std::string euros;
  for (int i = 0; i < 30; ++i) euros += "€";  // 3 bytes each
  const std::string shown = quote_input(euros);
  EXPECT_EQ(shown.substr(0, 1 + 22 * 3), "'" + euros.substr(0, 22 * 3));  // 22 whole characters: 66 bytes
  EXPECT_EQ(shown.substr(1 + 22 * 3), "'... (90 bytes)");
}

TEST(Printable, KeepsCharactersAndEscapesEverythingElse) {
  EXPECT_EQ(printable("Zoë ☕ \"quoted\""), "Zoë ☕ \"quoted\"");
  EXPECT_EQ(printable("line\nnext\x1b[2J"), "line\\nnext\\x1b[2J");
  // Not characters: overlong '/', a surrogate, beyond U+10FFFF.
  EXPECT_EQ(printable("\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80"),
            "\\xc0\\xaf \\xed\\xa0\\x80 \\xf4\\x90\\x80\\x80");
}

}  // namespace
