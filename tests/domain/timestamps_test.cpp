#include "domain/timestamps.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace managers::domain {
namespace {

TEST(Timestamps, NowIsUtcWithMicrosecondsAndStrictlyIncreasing) {
  const std::regex shape(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)");
  std::string previous = utc_now();
  for (int i = 0; i < 1000; ++i) {
    const std::string next = utc_now();
    ASSERT_TRUE(std::regex_match(next, shape)) << next;
    ASSERT_LT(previous, next);
    previous = next;
  }
}

TEST(Timestamps, FormatAndParseAreInverse) {
  EXPECT_EQ(format_utc_micros(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(format_utc_micros(1'732'289'400'000'000), "2024-11-22T15:30:00.000000Z");
  EXPECT_EQ(parse_iso8601_micros("2024-11-22T15:30:00"), 1'732'289'400'000'000);
  EXPECT_EQ(parse_iso8601_micros("2024-11-22T15:30:00.5Z"), 1'732'289'400'500'000);
  EXPECT_EQ(parse_iso8601_micros("2024-11-22T16:30:00+01:00"), 1'732'289'400'000'000);
  EXPECT_EQ(parse_iso8601_micros("2024-11-22T10:30:00-0500"), 1'732'289'400'000'000);
  EXPECT_EQ(parse_iso8601_micros("2024-11-22 15:30"), 1'732'289'400'000'000);
  EXPECT_EQ(format_utc_micros(*parse_iso8601_micros("2024-02-29T23:59:59.999999Z")),
            "2024-02-29T23:59:59.999999Z");
}

TEST(Timestamps, RejectsWhatIsNotAnInstant) {
  for (const char* bad : {"", "tomorrow", "2024-11-22", "2024-13-01T00:00:00", "2023-02-29T00:00:00",
                          "2024-11-22T24:00:00", "2024-11-22T15:30:00+25:00", "2024-11-22T15:30:00 ",
                          "2024-11-22T15:30:00.Z", "24-11-22T15:30:00",
                          // valid local times whose UTC instant leaves years 0001..9999 (fuzz/timestamp_fuzzer.cpp)
                          "0001-01-01T00:00+01:00", "9999-12-31T23:59:59-01:00"}) {
    EXPECT_FALSE(parse_iso8601_micros(bad).has_value()) << bad;
  }
}

}  // namespace
// Issue 17 item 6: every accepted ISO-8601 form is stored as the one UTC form.
TEST(Timestamps, ToStoredTimestampNormalisesToUtc) {
  EXPECT_EQ(to_stored_timestamp("2026-12-02T14:38:48.229681"), "2026-12-02T14:38:48.229681Z");
  EXPECT_EQ(to_stored_timestamp("2026-12-02T14:38:48+01:00"), "2026-12-02T13:38:48.000000Z");
  EXPECT_EQ(to_stored_timestamp("2026-12-02T14:38:48Z"), "2026-12-02T14:38:48.000000Z");
  EXPECT_EQ(to_stored_timestamp("2026-12-31T23:30:00-01:00"), "2027-01-01T00:30:00.000000Z");
  EXPECT_EQ(to_stored_timestamp("2026-12-02T14:38:48.229681Z"), "2026-12-02T14:38:48.229681Z");
  EXPECT_EQ(to_stored_timestamp("2026-02-30T10:00:00"), "2026-02-30T10:00:00");  // left for validation to refuse
}

}  // namespace managers::domain
