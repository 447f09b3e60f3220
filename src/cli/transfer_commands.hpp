#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace cli {

// migrate, export, import.
void add_transfer_commands(CLI::App& app, Context& context);

// "sqlite:PATH" or "dynamodb:TABLE" (engine in any case) -> the factory's
// configuration for it, with region/endpoint from the global options.
// A malformed value throws ConfigurationError naming `option`.
managers::OrderManagerConfig parse_store(const Context& context, const std::string& text, const std::string& option);

}  // namespace cli
