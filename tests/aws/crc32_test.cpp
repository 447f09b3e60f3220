#include <gtest/gtest.h>

#include "aws/crc32.hpp"

namespace {

TEST(Crc32, MatchesZlibReferenceValues) {
  EXPECT_EQ(aws::crc32(""), 0u);
  EXPECT_EQ(aws::crc32("123456789"), 0xCBF43926u);  // the standard check value
  EXPECT_EQ(aws::crc32("{}"), 2745614147u);         // DynamoDB's x-amz-crc32 for an empty reply
}

TEST(Crc32, HeaderComparison) {
  EXPECT_TRUE(aws::crc32_matches("{}", "2745614147"));
  EXPECT_TRUE(aws::crc32_matches("{}", " 2745614147 "));
  EXPECT_FALSE(aws::crc32_matches("{}", "2745614148"));
  EXPECT_FALSE(aws::crc32_matches("{ }", "2745614147"));
  EXPECT_FALSE(aws::crc32_matches("{}", ""));
  EXPECT_FALSE(aws::crc32_matches("{}", "abc"));
  EXPECT_FALSE(aws::crc32_matches("{}", "99999999999"));  // not a 32-bit value
}

}  // namespace
