// ISO-8601 timestamps: the domain's parse_iso8601_micros / format_utc_micros (every order
// timestamp, estimated_ready_time, legacy upgrade, the DynamoDB sort key) and the AWS layer's
// parse_iso8601 (credential expirations from IMDS, the container endpoint, the environment).
//
// Invariants:
//  - neither parser throws;
//  - what the domain parser accepts has the shape YYYY-MM-DD[T ]HH:MM..., passes
//    validate_timestamp, and its UTC form (format_utc_micros) is the stored form
//    "YYYY-MM-DDTHH:MM:SS.ffffffZ", parses back to the same microsecond and passes
//    validate_stored_timestamp;
//  - what the AWS parser accepts has digits where the digits go (no signs) and lies within what
//    system_clock holds (it refuses the rest instead of overflowing);
//  - when both accept a text, they agree on the second;
//  - every instant of years 0001..9999 (from 8 input bytes) formats, and parses back, exactly,
//    with the domain parser, and with the AWS parser inside the clock's range.
#include <chrono>
#include <cstring>
#include <optional>

#include "aws/timestamp.hpp"
#include "domain/timestamps.hpp"
#include "domain/validation.hpp"
#include "fuzz_support.hpp"
#include "managers/errors.hpp"

namespace {

using managers::domain::format_utc_micros;
using managers::domain::parse_iso8601_micros;

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: the range of the stored form.
constexpr std::int64_t kFirstMicros = -62'135'596'800 * kMicrosPerSecond;
constexpr std::int64_t kLastMicros = 253'402'300'799 * kMicrosPerSecond + 999'999;

bool digits_at(std::string_view text, std::initializer_list<std::size_t> positions) {
  for (std::size_t pos : positions)
    if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
  return true;
}

bool char_at(std::string_view text, std::size_t pos, std::string_view allowed) {
  return pos < text.size() && allowed.find(text[pos]) != std::string_view::npos;
}

std::int64_t floor_seconds(std::int64_t micros) {
  return micros / kMicrosPerSecond - (micros % kMicrosPerSecond < 0 ? 1 : 0);
}

bool is_stored_form(std::string_view text) {
  return text.size() == 27 && digits_at(text, {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25}) &&
         text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' &&
         text[19] == '.' && text[26] == 'Z';
}

// What system_clock (nanoseconds in 64 bits) holds; aws::parse_iso8601 refuses anything else.
constexpr std::int64_t kClockLimitSeconds =
    std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::duration::max()).count();

bool clock_holds(std::int64_t seconds) { return seconds <= kClockLimitSeconds && seconds >= -kClockLimitSeconds; }

std::optional<std::int64_t> aws_seconds(std::string_view text) {
  const auto parsed = aws::parse_iso8601(text);
  if (!parsed) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(parsed->time_since_epoch()).count();
}

// An instant of the stored range: its UTC form round-trips through both parsers.
void check_instant(std::int64_t micros) {
  const std::string text = format_utc_micros(micros);
  FUZZ_CHECK_MSG(is_stored_form(text), std::to_string(micros) + " formats as '" + text + "'");
  const auto back = parse_iso8601_micros(text);
  FUZZ_CHECK_MSG(back == micros, "'" + text + "' parses back as " + (back ? std::to_string(*back) : "nothing"));
  try {
    managers::domain::validate_stored_timestamp("created_at", text);
  } catch (const managers::ValidationError& error) {
    FUZZ_FAIL(std::string("own form refused: ") + error.what());
  }
  const auto seconds = aws_seconds(text);
  const std::optional<std::int64_t> expected =
      clock_holds(floor_seconds(micros)) ? std::optional(floor_seconds(micros)) : std::nullopt;
  FUZZ_CHECK_MSG(seconds == expected, "aws::parse_iso8601('" + text + "')");
}

void check_domain_parser(std::string_view text) {
  const std::optional<std::int64_t> micros = parse_iso8601_micros(text);
  if (!micros) return;
  FUZZ_CHECK_MSG(digits_at(text, {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15}) && text[4] == '-' && text[7] == '-' &&
                     char_at(text, 10, "Tt ") && text[13] == ':',
                 "accepted '" + std::string(text) + "'");
  try {
    managers::domain::validate_timestamp("estimated_ready_time", std::string(text));
  } catch (const managers::ValidationError& error) {
    FUZZ_FAIL(std::string("parsed, yet refused: ") + error.what());
  }
  FUZZ_CHECK_MSG(*micros >= kFirstMicros && *micros <= kLastMicros,
                 "'" + std::string(text) + "' is outside years 0001..9999");
  check_instant(*micros);
}

void check_aws_parser(std::string_view text) {
  const std::optional<std::int64_t> seconds = aws_seconds(text);
  if (!seconds) return;
  FUZZ_CHECK(clock_holds(*seconds));
  FUZZ_CHECK_MSG(digits_at(text, {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) && text[4] == '-' &&
                     text[7] == '-' && char_at(text, 10, "Tt ") && text[13] == ':' && text[16] == ':',
                 "aws::parse_iso8601 accepted '" + std::string(text) + "'");
  // Where the domain parser reads the same text, the two agree on the second.
  if (const auto micros = parse_iso8601_micros(text))
    FUZZ_CHECK_MSG(floor_seconds(*micros) == *seconds,
                   "'" + std::string(text) + "': domain " + std::to_string(*micros) + " us, aws " +
                       std::to_string(*seconds) + " s");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  check_domain_parser(text);
  check_aws_parser(text);
  if (size >= sizeof(std::int64_t)) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, data, sizeof bits);
    const auto span = static_cast<std::uint64_t>(kLastMicros - kFirstMicros) + 1;
    check_instant(kFirstMicros + static_cast<std::int64_t>(bits % span));
  }
  return 0;
}
