#pragma once

// One line of a JSON Lines import, judged: import_orders() reads every non-blank line through
// parse_import_line (both passes of a strict import), and the fuzzer fuzz/order_json_fuzzer.cpp
// calls it directly. Internal: not part of the installed headers.

#include <optional>
#include <string>
#include <string_view>

#include "managers/order.hpp"

namespace managers::transfer {

struct ParsedLine {
  std::optional<Order> order;  // set when the line is a valid order (order_from_json + validate_order)
  std::string order_id;        // when the line names one, even if it is bad
  // Set when `order` is not: "invalid JSON: ...", or the rule broken. One line of valid UTF-8:
  // control characters and bytes that are not UTF-8 are written as \xNN.
  std::string error;
};

// Never throws for bad input: every problem ends up in `error`.
ParsedLine parse_import_line(std::string_view line);

}  // namespace managers::transfer
