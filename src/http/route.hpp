#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "http/access.hpp"

namespace order_http {

// One parameter of a route, in its path or query. The router parses and checks
// it from this definition before the handler runs, and the OpenAPI document is
// written from the same definition.
struct ParamDef {
  enum class In { kPath, kQuery };
  enum class Type { kString, kInteger, kStatus };  // kStatus: a status value or name, any case
  std::string name;
  In in = In::kQuery;
  Type type = Type::kString;
  bool required = false;
  std::string description;
  std::int64_t minimum = 1;  // for kInteger
  std::int64_t maximum = 1000;
};

// One documented response of a route. `schema` names a component schema
// ("Order"); empty for no body. Problem responses common to every route (401,
// 403, 503, ...) are added by the OpenAPI writer from the route's shape.
struct ResponseDef {
  int status = 200;
  std::string description;
  std::string schema;
  std::string content_type = "application/json";
};

// What a handler gets: the checked parameters, the parsed JSON body (when the
// route takes one), the caller's role, and the response to fill.
struct Call {
  const httplib::Request& request;
  httplib::Response& response;
  Role role = Role::kPublic;
  std::map<std::string, std::string> text;        // string and status parameters, as given
  std::map<std::string, std::int64_t> integer;    // integer parameters
  nlohmann::json body;                            // the request body, if the route has one

  const std::string& param(const std::string& name) const;
  std::optional<std::string> optional_param(const std::string& name) const;
  std::optional<int> optional_int(const std::string& name) const;
  // Sends `value` as application/json with `status`.
  void json(int status, const nlohmann::json& value) const;
};

// One route of the API: what the router checks, what the OpenAPI document
// says, and the handler, in one place.
struct Route {
  std::string method;        // "GET", "POST", "PUT", "DELETE"
  std::string path;          // OpenAPI form: "/orders/{order_id}"
  std::string operation_id;  // "getOrder"
  std::string summary;
  Role role = Role::kStaff;
  std::vector<ParamDef> params;
  std::string request_schema;  // component name of the JSON body; empty: no body
  std::vector<ResponseDef> responses;
  bool uses_store = true;      // may answer 503
  bool in_api_document = true; // false for the board's own files
  std::function<void(Call&)> handler;
};

// How the router authenticates: with no token table every caller is admin
// (local development on loopback); with one, API routes need a bearer token.
struct AccessPolicy {
  const TokenTable* tokens = nullptr;
};

// What the router checks before any body is read.
struct RequestLimits {
  std::size_t max_body_bytes = 256 * 1024;
};

// Registers every route on `server`, with authentication, parameter and body
// checks, and problem+json answers for errors (including the library's own
// 404/413/414/400 and 405 for a known path with another method). A declared
// Content-Length over the limit is answered 413 before the body is read, and
// the connection closed.
void mount_routes(httplib::Server& server, const std::vector<Route>& routes, AccessPolicy policy,
                  RequestLimits limits);

}  // namespace order_http
