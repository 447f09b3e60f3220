#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace cli {

// stats, clear, demo, check.
void add_admin_commands(CLI::App& app, Context& context);

}  // namespace cli
