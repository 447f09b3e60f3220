#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace order_http {

// An RFC 9457 problem detail. `type` is a URN naming the kind of problem
// ("urn:order-manager:problem:invalid-input"); `field` and `rule` name the
// input and the rule it broke, for 400s from the domain's ValidationError.
struct Problem {
  int status = 500;
  std::string kind;    // the last part of `type`: "invalid-input", "not-found", ...
  std::string title;   // short, the same for every problem of a kind
  std::string detail;  // this occurrence; never internals of the store, never a token
  std::optional<std::string> field;
  std::optional<std::string> rule;
  nlohmann::json extra = nlohmann::json::object();  // more members, e.g. "current_status"
};

nlohmann::json to_json(const Problem& problem);
// Sets the status, Content-Type application/problem+json and the body.
void send_problem(httplib::Response& response, const Problem& problem);

// Thrown by a handler to answer with a problem.
class ProblemError : public std::runtime_error {
 public:
  explicit ProblemError(Problem problem) : std::runtime_error(problem.detail), problem_(std::move(problem)) {}
  const Problem& problem() const noexcept { return problem_; }

 private:
  Problem problem_;
};

// The kinds the API answers with, one constructor each so titles stay the same.
Problem invalid_input(const std::string& field, const std::string& rule);
Problem not_found(const std::string& detail);
Problem conflict(const std::string& kind, const std::string& title, const std::string& detail);
Problem storage_unavailable();
// A problem for a status the library produced with no body (404 of an unknown
// path, 413, 414, 400 from the parser, ...).
Problem problem_for_status(int status);

}  // namespace order_http
