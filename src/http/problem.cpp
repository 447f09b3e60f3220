#include "http/problem.hpp"

namespace order_http {

nlohmann::json to_json(const Problem& problem) {
  nlohmann::json body = {{"type", "urn:order-manager:problem:" + problem.kind},
                         {"title", problem.title},
                         {"status", problem.status},
                         {"detail", problem.detail}};
  if (problem.field) body["field"] = *problem.field;
  if (problem.rule) body["rule"] = *problem.rule;
  for (const auto& [key, value] : problem.extra.items()) body[key] = value;
  return body;
}

void send_problem(httplib::Response& response, const Problem& problem) {
  response.status = problem.status;
  // Invalid UTF-8 in an echoed field is replaced, never a throw while answering.
  response.set_content(to_json(problem).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/problem+json");
}

Problem invalid_input(const std::string& field, const std::string& rule) {
  return {400, "invalid-input", "Invalid input", field + ": " + rule, field, rule, nlohmann::json::object()};
}

Problem not_found(const std::string& detail) {
  return {404, "not-found", "Not found", detail, std::nullopt, std::nullopt, nlohmann::json::object()};
}

Problem conflict(const std::string& kind, const std::string& title, const std::string& detail) {
  return {409, kind, title, detail, std::nullopt, std::nullopt, nlohmann::json::object()};
}

Problem storage_unavailable() {
  return {503, "storage-unavailable", "Storage unavailable",
          "the order store could not be reached or failed; retry later", std::nullopt, std::nullopt,
          nlohmann::json::object()};
}

Problem problem_for_status(int status) {
  const auto make = [status](const char* kind, const char* title, const char* detail) {
    return Problem{status, kind, title, detail, std::nullopt, std::nullopt, nlohmann::json::object()};
  };
  switch (status) {
    case 400: return make("bad-request", "Bad request", "the request could not be parsed as HTTP");
    case 404: return make("not-found", "Not found", "no such resource");
    case 408: return make("request-timeout", "Request timeout", "the request did not arrive in time");
    case 413: return make("payload-too-large", "Payload too large", "the request body exceeds the server's limit");
    case 414: return make("uri-too-long", "URI too long", "the request target exceeds the server's limit");
    case 416: return make("range-not-satisfiable", "Range not satisfiable", "ranges are not supported here");
    case 431:
      return make("header-too-large", "Request header fields too large", "the request headers exceed the limit");
    case 503: return make("unavailable", "Service unavailable", "the server is busy; retry shortly");
    default: return make("error", "Error", "the request failed");
  }
}

}  // namespace order_http
