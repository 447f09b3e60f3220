#pragma once

// JSON text from a user (a --metadata argument, an import line), parsed so that what is
// stored is what was written: besides malformed text, numbers that overflow a double or
// underflow to zero are refused (nlohmann::json alone would throw an odd error for the first
// and silently store 0 for the second), and so are objects with a key given twice (nlohmann
// would keep the last value silently).

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace managers::domain {

struct JsonInput {
  std::optional<nlohmann::json> value;  // set when the text is one exact JSON value
  std::string error;                    // else one short line: "parse error at column 3: ..."
};

JsonInput parse_json_input(std::string_view text);

}  // namespace managers::domain
