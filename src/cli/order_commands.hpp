#pragma once

#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "managers/order.hpp"

namespace cli {

// create, get, summary, set-status, set-ready-time, delete.
void add_order_commands(CLI::App& app, Context& context);

// "NAME:QTY:UNIT_PRICE", split at the last two colons so a name may contain
// colons. Errors name the field: "items[0].quantity: ...".
managers::OrderItemInput parse_item(const std::string& text, std::size_t index);

}  // namespace cli
