#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace cli {

// serve: the HTTP API and the staff board (src/http, docs/HTTP.md).
void add_serve_command(CLI::App& app, Context& context);

}  // namespace cli
