#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace managers::domain {

// Now, as "YYYY-MM-DDTHH:MM:SS.ffffffZ". Strictly increasing within the
// process, so orders created one after another never share a created_at and
// "newest first" needs no tie-break among them.
std::string utc_now();

// Microseconds since the Unix epoch as "YYYY-MM-DDTHH:MM:SS.ffffffZ".
std::string format_utc_micros(std::int64_t micros);

// Parses ISO-8601 "YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]" (a space
// is accepted for the T). No offset means UTC. Returns microseconds since the
// epoch, or nullopt when the text is not such a timestamp or names a day or
// time that does not exist.
std::optional<std::int64_t> parse_iso8601_micros(std::string_view text);

// A timestamp from outside (an import line, another client's item) in the one stored form
// "YYYY-MM-DDTHH:MM:SS.ffffffZ": any form parse_iso8601_micros() accepts (with or without a
// fraction, with Z or an offset, naive = UTC) converted to UTC. Text that is not a timestamp is
// returned unchanged, so validation refuses it with the field's name and the original text.
std::string to_stored_timestamp(std::string text);

}  // namespace managers::domain
