#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace cli {

// customer-orders, last-order, by-status.
void add_query_commands(CLI::App& app, Context& context);

}  // namespace cli
