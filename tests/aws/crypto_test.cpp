#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "aws/crypto.hpp"
#include "aws/redact.hpp"
#include "aws/timestamp.hpp"

namespace {

TEST(Crypto, Sha256AndHmacKnownAnswers) {
  EXPECT_EQ(aws::crypto::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test case 2.
  EXPECT_EQ(aws::crypto::hex(aws::crypto::hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Base64RoundTrip) {
  for (const std::string& text : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff", 2)}) {
    EXPECT_EQ(aws::crypto::base64_decode(aws::crypto::base64_encode(text)), text);
  }
  EXPECT_EQ(aws::crypto::base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(aws::crypto::base64_encode("fo"), "Zm8=");
  EXPECT_THROW(aws::crypto::base64_decode("Zm8"), std::invalid_argument);
  EXPECT_THROW(aws::crypto::base64_decode("Z=m8"), std::invalid_argument);
  EXPECT_THROW(aws::crypto::base64_decode("Zm*="), std::invalid_argument);
}

TEST(Redact, ReplacesEverySecretOccurrence) {
  aws::Credentials creds{"AKID", "s3cr3t", "T0K3N", std::nullopt};
  const aws::Redactor redact{creds};
  EXPECT_EQ(redact("key AKID secret s3cr3t and s3cr3t, token T0K3N"),
            "key AKID secret [redacted] and [redacted], token [redacted]");
  EXPECT_EQ(aws::redact_all("abc", ""), "abc");
}

TEST(Timestamp, ParsesIso8601) {
  using namespace std::chrono;
  const auto expected = sys_days{year{2024} / 11 / 22} + hours{15} + minutes{30};
  EXPECT_EQ(aws::parse_iso8601("2024-11-22T15:30:00Z"), expected);
  EXPECT_EQ(aws::parse_iso8601("2024-11-22T15:30:00.123Z"), expected);
  EXPECT_EQ(aws::parse_iso8601("2024-11-22T17:30:00+02:00"), expected);
  EXPECT_FALSE(aws::parse_iso8601("2024-11-22"));
  EXPECT_FALSE(aws::parse_iso8601("2024-13-22T15:30:00Z"));
  EXPECT_FALSE(aws::parse_iso8601("2024-11-22T15:30:00"));
}

}  // namespace
