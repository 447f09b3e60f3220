// The router: turns each Route into a cpp-httplib handler that authenticates,
// checks parameters and body against the route's definition, runs the handler
// and maps every error to application/problem+json.
#include <algorithm>
#include <exception>
#include <iostream>
#include <memory>
#include <regex>
#include <string>

#include "domain/json_input.hpp"
#include "http/guarded_server.hpp"
#include "http/problem.hpp"
#include "http/route.hpp"
#include "managers/errors.hpp"
#include "managers/order_status.hpp"

namespace order_http {

const std::string& Call::param(const std::string& name) const {
  static const std::string empty;
  const auto it = text.find(name);
  return it == text.end() ? empty : it->second;
}

std::optional<std::string> Call::optional_param(const std::string& name) const {
  const auto it = text.find(name);
  return it == text.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<int> Call::optional_int(const std::string& name) const {
  const auto it = integer.find(name);
  return it == integer.end() ? std::nullopt : std::optional<int>(static_cast<int>(it->second));
}

void Call::json(int status, const nlohmann::json& value) const {
  response.status = status;
  response.set_content(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

namespace {

// "/orders/{order_id}" -> "/orders/([^/]+)" (literal parts escaped).
std::string path_regex(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      i = path.find('}', i);
      out += "([^/]+)";
    } else if (std::string_view(".+*?^$()[]|\\").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

Problem unauthorized(const std::string& detail) {
  return {401, "unauthorized", "Unauthorized", detail, std::nullopt, std::nullopt, nlohmann::json::object()};
}

// The caller's role, or a 401/403 problem.
Role authenticate(const httplib::Request& request, const AccessPolicy& policy, Role needed) {
  if (needed == Role::kPublic) return Role::kPublic;
  if (policy.tokens == nullptr) return Role::kAdmin;  // no --tokens: local development, loopback only
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.empty()) throw ProblemError(unauthorized("this operation needs a bearer token (Authorization: Bearer ...)"));
  if (header.size() <= kScheme.size() || !equals_ignoring_case(std::string_view(header).substr(0, kScheme.size()), kScheme))
    throw ProblemError(unauthorized("the Authorization header must be 'Bearer <token>'"));
  const std::optional<Role> role = policy.tokens->role_of(std::string_view(header).substr(kScheme.size()));
  if (!role) throw ProblemError(unauthorized("the bearer token is not valid"));
  if (!role_allows(*role, needed))
    throw ProblemError(Problem{403, "forbidden", "Forbidden",
                               "this operation needs the " + std::string(role_name(needed)) + " role",
                               std::nullopt, std::nullopt, nlohmann::json::object()});
  return *role;
}

void check_param(Call& call, const ParamDef& def, const std::string& value) {
  switch (def.type) {
    case ParamDef::Type::kString:
      if (value.empty()) throw ProblemError(invalid_input(def.name, "must not be empty"));
      call.text[def.name] = value;
      break;
    case ParamDef::Type::kStatus:
      call.text[def.name] = std::string(managers::to_string(managers::parse_order_status(value, def.name)));
      break;
    case ParamDef::Type::kInteger: {
      const std::string rule =
          "must be a whole number from " + std::to_string(def.minimum) + " to " + std::to_string(def.maximum);
      if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char c) {
            return c >= '0' && c <= '9';
          }))
        throw ProblemError(invalid_input(def.name, rule));
      const std::int64_t number = std::stoll(value);
      if (number < def.minimum || number > def.maximum) throw ProblemError(invalid_input(def.name, rule));
      call.integer[def.name] = number;
      break;
    }
  }
}

void check_params(Call& call, const Route& route) {
  std::size_t path_index = 1;
  std::string accepted;
  for (const ParamDef& def : route.params) {
    if (def.in == ParamDef::In::kPath) {
      check_param(call, def, call.request.matches[path_index++].str());
      continue;
    }
    accepted += (accepted.empty() ? "" : ", ") + def.name;
    const std::size_t count = call.request.get_param_value_count(def.name.c_str());
    if (count > 1) throw ProblemError(invalid_input(def.name, "must be given once"));
    if (count == 0) {
      if (def.required) throw ProblemError(invalid_input(def.name, "is required"));
      continue;
    }
    check_param(call, def, call.request.get_param_value(def.name.c_str()));
  }
  for (const auto& param : call.request.params) {
    // A named copy, not a structured binding: C++17 lambdas (clang) cannot capture a binding.
    const std::string& name = param.first;
    const bool known = std::any_of(route.params.begin(), route.params.end(), [&](const ParamDef& def) {
      return def.in == ParamDef::In::kQuery && def.name == name;
    });
    if (!known)
      throw ProblemError(invalid_input(
          name.size() > 64 ? name.substr(0, 64) + "..." : name,
          "is not a parameter of this operation" + (accepted.empty() ? std::string() : " (accepted: " + accepted + ")")));
  }
}

void parse_body(Call& call) {
  const std::string type = call.request.get_header_value("Content-Type");
  const std::string media = type.substr(0, type.find(';'));
  const auto last = media.find_last_not_of(" \t");
  if (!equals_ignoring_case(media.substr(0, last == std::string::npos ? 0 : last + 1), "application/json"))
    throw ProblemError(Problem{415, "unsupported-media-type", "Unsupported media type",
                               "the request body must be application/json", std::nullopt, std::nullopt,
                               nlohmann::json::object()});
  managers::domain::JsonInput input = managers::domain::parse_json_input(call.request.body);
  if (!input.value) throw ProblemError(invalid_input("body", "must be one JSON value (" + input.error + ")"));
  call.body = std::move(*input.value);
}

// Runs the route and answers every failure as a problem.
void dispatch(const Route& route, const AccessPolicy& policy, const httplib::Request& request,
              httplib::Response& response) {
  try {
    Call call{request, response, Role::kPublic, {}, {}, {}};
    call.role = authenticate(request, policy, route.role);
    check_params(call, route);
    if (!route.request_schema.empty()) parse_body(call);
    route.handler(call);
  } catch (const ProblemError& e) {
    if (e.problem().status == 401) response.set_header("WWW-Authenticate", "Bearer realm=\"order-manager\"");
    send_problem(response, e.problem());
  } catch (const managers::ValidationError& e) {
    send_problem(response, invalid_input(e.field(), e.rule()));
  } catch (const managers::StorageError& e) {
    // The operator sees the engine's code; the caller sees no internals.
    std::cerr << "order-manager serve: storage error on " << route.operation_id << ": " << e.backend() << " "
              << e.code() << "\n";
    response.set_header("Retry-After", "1");
    send_problem(response, storage_unavailable());
  } catch (const managers::ConfigurationError& e) {
    // The store no longer matches what it was opened as (e.g. a table deleted under us).
    std::cerr << "order-manager serve: store configuration error on " << route.operation_id << "\n";
    send_problem(response, storage_unavailable());
  } catch (const std::exception& e) {
    std::cerr << "order-manager serve: internal error on " << route.operation_id << ": " << e.what() << "\n";
    send_problem(response, Problem{500, "internal", "Internal error", "the server failed to answer this request",
                                   std::nullopt, std::nullopt, nlohmann::json::object()});
  }
}

}  // namespace

void mount_routes(httplib::Server& server, const std::vector<Route>& routes, AccessPolicy policy,
                  RequestLimits limits) {
  // Shared by the handlers and the 405 check; lives as long as the server's handlers.
  auto compiled = std::make_shared<std::vector<std::pair<std::regex, std::string>>>();
  for (const Route& route : routes) {
    const std::string pattern = path_regex(route.path);
    compiled->emplace_back(std::regex(pattern), route.method);
    httplib::Server::Handler handler = [route, policy](const httplib::Request& request, httplib::Response& response) {
      dispatch(route, policy, request, response);
    };
    if (route.method == "GET")
      server.Get(pattern, handler);
    else if (route.method == "POST")
      server.Post(pattern, handler);
    else if (route.method == "PUT")
      server.Put(pattern, handler);
    else if (route.method == "DELETE")
      server.Delete(pattern, handler);
  }
  server.set_error_handler(httplib::Server::HandlerWithResponse([compiled](const httplib::Request& request,
                                                                         httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // already a problem
    if (response.status == 404) {
      std::string allow;
      for (const auto& [regex, method] : *compiled)
        if (std::regex_match(request.path, regex) && allow.find(method) == std::string::npos)
          allow += (allow.empty() ? "" : ", ") + method;
      if (!allow.empty()) {
        response.set_header("Allow", allow);
        send_problem(response, Problem{405, "method-not-allowed", "Method not allowed",
                                       "this resource allows " + allow, std::nullopt, std::nullopt,
                                       nlohmann::json::object()});
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    send_problem(response, problem_for_status(response.status));
    return httplib::Server::HandlerResponse::Handled;
  }));
  // Runs after the headers, before the library reads (and, over its limit, skips) the body.
  server.set_pre_routing_handler([limits](const httplib::Request& request, httplib::Response& response) {
    if (request.has_header("Transfer-Encoding")) {
      // cpp-httplib 0.11 reads a chunked body whole, past the payload limit: refused unread.
      close_connection_after_response();
      send_problem(response, Problem{411, "length-required", "Length required",
                                     "send the body with a Content-Length (chunked bodies are not accepted)",
                                     std::nullopt, std::nullopt, nlohmann::json::object()});
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string length = request.get_header_value("Content-Length");
    if (length.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const bool digits = length.size() <= 18 && length.find_first_not_of("0123456789") == std::string::npos;
    if (digits && std::stoull(length) <= limits.max_body_bytes) return httplib::Server::HandlerResponse::Unhandled;
    close_connection_after_response();
    send_problem(response, digits ? problem_for_status(413) : problem_for_status(400));
    return httplib::Server::HandlerResponse::Handled;
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    send_problem(response, Problem{500, "internal", "Internal error", "the server failed to answer this request",
                                   std::nullopt, std::nullopt, nlohmann::json::object()});
  });
}

}  // namespace order_http
