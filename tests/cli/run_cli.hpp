#pragma once

// Runs the built order-manager binary (its path is the compile definition
// ORDER_MANAGER_CLI) as a child process and captures what it does.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace testing_support {

struct CliResult {
  int exit_code = -1;  // the exit status; 128 + signal if killed by one
  std::string out;
  std::string err;
};

struct CliRun {
  std::vector<std::string> args;
  // The child runs here (so the default conversations.db lands here).
  std::filesystem::path cwd;
  // Changes to the inherited environment: a value sets, nullopt unsets. The
  // ORDER_* variables are always unset first, so tests do not depend on the
  // caller's environment.
  std::map<std::string, std::optional<std::string>> env;
  std::string input;  // the child's stdin
};

CliResult run_cli(const CliRun& run);

// The lines of `text` (without their '\n').
std::vector<std::string> split_lines(const std::string& text);

}  // namespace testing_support
