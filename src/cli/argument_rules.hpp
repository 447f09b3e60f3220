#pragma once

// Argument errors in our own words. CLI11's defaults ("Could not convert: --limit = abc", "At Most
// 1 required but received 2") do not state the rule; these helpers make every such error name
// the option and the rule.

#include <CLI/CLI.hpp>

namespace cli {

// The most orders --limit may ask for: a bound the message can state (omit --limit for all).
inline constexpr int kMaxCliLimit = 10000;

// A validator for an integer option, run on the text before CLI11 converts it:
// "--limit: must be a whole number from 1 to 10000, not 'abc'".
CLI::Validator whole_number(int min, int max);

// Call once every option is added: options that take one value stop CLI11 from throwing its own
// error when repeated, so that check_repeated_options() can refuse them in our words.
void mark_single_value_options(CLI::App& app);

// After parsing: throws CommandError(kExitInvalid, "--total was given 2 times; give it once")
// for a single-value option given more than once (last-one-wins would hide a typo).
void check_repeated_options(const CLI::App& app);

}  // namespace cli
