#include "cli/serve_command.hpp"

#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/argument_rules.hpp"
#include "http/server.hpp"
#include "managers/errors.hpp"

namespace cli {

void add_serve_command(CLI::App& app, Context& context) {
  auto options = std::make_shared<order_http::ServeOptions>();
  auto tokens = std::make_shared<std::string>();
  auto limits = std::make_shared<order_http::ConnectionLimits>();
  auto request_timeout_ms = std::make_shared<int>(10'000);
  // The numeric limits use whole_number() (cli/argument_rules.hpp), not CLI::Range, so that a
  // bad value is refused in our words: "--max-connections: must be a whole number from 1 to 4096".
  CLI::App* command = app.add_subcommand(
      "serve", "Serve the HTTP JSON API and the staff order board (docs/HTTP.md); stops on Ctrl-C / SIGTERM");
  command->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: a free port)")
      ->capture_default_str()
      ->type_name("HOST:PORT");
  CLI::Option* tokens_option =
      command->add_option("--tokens", *tokens, "Bearer tokens file: one 'role token' line each (staff or admin)")
          ->type_name("FILE");
  command->add_option("--max-connections", limits->max_connections, "Connections served at once; more get 503")
      ->capture_default_str()
      ->type_name("N")
      ->check(whole_number(1, 4096));
  command->add_option("--max-body-bytes", limits->max_body_bytes, "Largest request body; larger get 413")
      ->capture_default_str()
      ->type_name("N")
      ->check(whole_number(1024, 64 * 1024 * 1024));
  command->add_option("--request-timeout-ms", *request_timeout_ms, "Time a whole request may take to arrive; then 408")
      ->capture_default_str()
      ->type_name("N")
      ->check(whole_number(100, 600'000));
  on_chosen(*command, context, [&context, options, tokens, tokens_option, limits, request_timeout_ms] {
    if (tokens_option->count() > 0) options->tokens_file = *tokens;
    limits->request_timeout = std::chrono::milliseconds(*request_timeout_ms);
    options->limits = *limits;
    try {
      // Checked before the store is opened, so a refused configuration costs nothing.
      const order_http::ListenAddress address = order_http::parse_listen_address(options->listen);
      if (!options->tokens_file && !address.loopback)
        throw CommandError(kExitInvalid, "refusing to listen on " + address.host +
                                             " without --tokens: anyone who can reach it could change orders");
      const std::unique_ptr<managers::OrderManagerInterface> store = context.open();
      order_http::serve(*store, *options, context.location(), std::cout);
    } catch (const std::invalid_argument& e) {
      throw CommandError(kExitInvalid, e.what());
    } catch (const managers::OrderManagerError&) {
      throw;
    } catch (const std::runtime_error& e) {
      if (dynamic_cast<const CommandError*>(&e) != nullptr) throw;
      throw CommandError(kExitInvalid, e.what());
    }
    return kExitOk;
  });
}

}  // namespace cli
