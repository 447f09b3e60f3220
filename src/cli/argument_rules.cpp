#include "cli/argument_rules.hpp"

#include <charconv>
#include <string>

#include "cli/output.hpp"
#include "domain/printable_text.hpp"

namespace cli {
namespace {

// An option that takes exactly one value per use, and is not positional or a flag.
bool single_value(const CLI::Option& option) {
  return !option.get_positional() && option.get_items_expected_max() == 1 && option.get_expected_max() == 1;
}

void visit(CLI::App& app, void (*each)(CLI::Option&)) {
  for (CLI::Option* option : app.get_options()) each(*option);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) visit(*sub, each);
}

void check_app(const CLI::App& app) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_multi_option_policy() != CLI::MultiOptionPolicy::TakeLast || !single_value(*option)) continue;
    if (option->count() > 1)
      throw CommandError(kExitInvalid, option->get_name() + " was given " + std::to_string(option->count()) +
                                           " times; give it once");
  }
  for (const CLI::App* sub : app.get_subcommands()) check_app(*sub);  // the parsed ones
}

}  // namespace

CLI::Validator whole_number(int min, int max) {
  const std::string rule = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, rule](std::string& text) -> std::string {
        long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < min || value > max)
          return rule + ", not " + managers::domain::quote_input(text);
        return {};
      },
      "N");
}

void mark_single_value_options(CLI::App& app) {
  visit(app, [](CLI::Option& option) {
    if (single_value(option) && option.get_multi_option_policy() == CLI::MultiOptionPolicy::Throw)
      option.multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  });
}

void check_repeated_options(const CLI::App& app) { check_app(app); }

}  // namespace cli
