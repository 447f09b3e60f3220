#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/order.hpp"

namespace cli {

// The CLI's exit codes. Not found and refused share 1 (the documented "the
// method returned false or nothing", what scripts test); the two names keep the
// reasons apart in the code and in the error text.
enum ExitCode : int {
  kExitOk = 0,
  kExitNotFound = 1,  // the order (or a customer's order) does not exist
  kExitRefused = 1,   // refused: the id already exists, a final status, transfer conflicts
  kExitInvalid = 2,   // invalid input or usage
  kExitStorage = 3,   // storage or network failure
};

// A command's own failure: printed as one "error: ..." line, exits with `code`.
class CommandError : public std::runtime_error {
 public:
  CommandError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Text for humans on stdout by default; with --json, stdout carries only JSON
// (the spec's data structures) and notes go to stderr. Errors always go to
// stderr as one line.
class Output {
 public:
  explicit Output(const bool& json_flag) : json_(json_flag) {}

  bool json() const { return json_; }
  // Pretty JSON on stdout.
  void print_json(const nlohmann::json& value) const;
  // A line of text on stdout.
  void line(std::string_view text) const;
  // Something to tell the user that is not the result: stdout in text mode, stderr with --json.
  void note(std::string_view text) const;
  // "warning: ..." on stderr.
  void warning(std::string_view text) const;

  // An order as --json (the order) or text (the spec's summary text).
  void order(const managers::Order& order) const;
  // A list as --json (array) or text (one line per order, or "No orders.").
  void orders(const std::vector<managers::Order>& orders) const;

 private:
  const bool& json_;
};

// One line per order: "ORD-001  Pending  2024-11-25T08:35:10.123456Z  John Doe (CUST-001)  2 items  $16.99".
std::string order_line(const managers::Order& order);

// Prints "error: <message>" (one line: newlines folded) on stderr.
void print_error(std::string_view message);

// Maps the exception in flight to its exit code after printing it:
// ValidationError, ConfigurationError -> 2; StorageError, I/O failures -> 3;
// CommandError -> its code; anything else -> 3 ("internal error").
int report_exception(std::exception_ptr error);

}  // namespace cli
