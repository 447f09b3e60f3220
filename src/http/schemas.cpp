#include "http/schemas.hpp"

#include "domain/order_schema.hpp"
#include "managers/limits.hpp"
#include "managers/order_status.hpp"
#include "managers/version.hpp"

namespace order_http {
namespace {

using nlohmann::json;

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json nullable_string() { return {{"type", json::array({"string", "null"})}}; }

json problem_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
}

json param_schema(const ParamDef& def) {
  switch (def.type) {
    case ParamDef::Type::kInteger: return {{"type", "integer"}, {"minimum", def.minimum}, {"maximum", def.maximum}};
    case ParamDef::Type::kStatus: return {{"type", "string"}, {"examples", json::array({"Pending", "READY"})}};
    case ParamDef::Type::kString: return {{"type", "string"}, {"minLength", 1}};
  }
  return {{"type", "string"}};
}

}  // namespace

json component_schemas() {
  json order = managers::domain::order_record_schema(ref("OrderStatus"));
  const json money_in = {{"type", json::array({"number", "string"})},
                         {"description", "A number or a decimal string (\"16.99\"); exact cents"}};
  json new_order = {
      {"type", "object"},
      {"description", "create_order's arguments; the server sets status, timestamps and subtotals"},
      {"additionalProperties", false},
      {"required", {"order_id", "customer_id", "customer_name", "items", "total_price"}},
      {"properties",
       {{"order_id", {{"type", "string"}, {"minLength", 1}, {"maxLength", managers::limits::kMaxIdBytes}}},
        {"customer_id", {{"type", "string"}, {"minLength", 1}, {"maxLength", managers::limits::kMaxIdBytes}}},
        {"customer_name", {{"type", "string"}, {"minLength", 1}, {"maxLength", managers::limits::kMaxNameBytes}}},
        {"total_price", money_in},
        {"conversation_id", nullable_string()},
        {"estimated_ready_time", nullable_string()},
        {"metadata", {{"type", json::array({"object", "null"})}}},
        {"items",
         {{"type", "array"},
          {"maxItems", managers::limits::kMaxItems},
          {"items",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"item_name", "quantity", "unit_price"}},
            {"properties",
             {{"item_name", {{"type", "string"}}},
              {"quantity", {{"type", "integer"}, {"minimum", 1}, {"maximum", managers::limits::kMaxQuantity}}},
              {"unit_price", money_in}}}}}}}}}};
  const json order_list = {{"type", "object"},
                           {"additionalProperties", false},
                           {"required", {"orders"}},
                           {"properties", {{"orders", {{"type", "array"}, {"items", ref("Order")}}}}}};
  const json order_page = {{"type", "object"},
                           {"additionalProperties", false},
                           {"required", {"orders", "next_page_token"}},
                           {"properties",
                            {{"orders", {{"type", "array"}, {"items", ref("Order")}}},
                             {"next_page_token",
                              {{"type", json::array({"string", "null"})},
                               {"description", "Pass as page_token for the next page; null on the last page"}}}}}};
  const json status_request = {{"type", "object"},
                               {"additionalProperties", false},
                               {"required", {"status"}},
                               {"properties", {{"status", {{"type", "string"}, {"description", "Value or name, any case"}}}}}};
  const json status_result = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"order_id", "status", "changed"}},
      {"properties",
       {{"order_id", {{"type", "string"}}}, {"status", ref("OrderStatus")}, {"changed", {{"type", "boolean"}}}}}};
  const json ready_request = {{"type", "object"},
                              {"additionalProperties", false},
                              {"required", {"estimated_ready_time"}},
                              {"properties", {{"estimated_ready_time", {{"type", "string"}}}}}};
  const json ready_result = {{"type", "object"},
                             {"additionalProperties", false},
                             {"required", {"order_id", "estimated_ready_time", "changed"}},
                             {"properties",
                              {{"order_id", {{"type", "string"}}},
                               {"estimated_ready_time", {{"type", "string"}}},
                               {"changed", {{"type", "boolean"}}}}}};
  const json statistics = {{"type", "object"},
                           {"additionalProperties", false},
                           {"required", {"total_orders", "total_revenue", "status_breakdown", "unique_customers"}},
                           {"properties",
                            {{"total_orders", {{"type", "integer"}, {"minimum", 0}}},
                             {"total_revenue", {{"type", "number"}, {"description", "Excludes cancelled orders"}}},
                             {"status_breakdown",
                              {{"type", "object"}, {"additionalProperties", {{"type", "integer"}, {"minimum", 1}}}}},
                             {"unique_customers", {{"type", "integer"}, {"minimum", 0}}}}}};
  const json board = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"version", "generated_at", "store_ok", "columns"}},
      {"properties",
       {{"version", {{"type", "integer"}, {"minimum", 1}}},
        {"generated_at", {{"type", "string"}}},
        {"store_ok", {{"type", "boolean"}, {"description", "false: the last poll of the store failed"}}},
        {"columns",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"status", "orders"}},
            {"properties", {{"status", ref("OrderStatus")}, {"orders", {{"type", "array"}, {"items", ref("Order")}}}}}}}}}}}};
  const json liveness = {{"type", "object"},
                         {"additionalProperties", false},
                         {"required", {"status"}},
                         {"properties", {{"status", {{"const", "ok"}}}}}};
  const json problem = {{"type", "object"},
                        {"description", "RFC 9457 problem details"},
                        {"required", {"type", "title", "status", "detail"}},
                        {"properties",
                         {{"type", {{"type", "string"}}},
                          {"title", {{"type", "string"}}},
                          {"status", {{"type", "integer"}}},
                          {"detail", {{"type", "string"}}},
                          {"field", {{"type", "string"}, {"description", "The input that broke a rule"}}},
                          {"rule", {{"type", "string"}, {"description", "The rule it broke"}}},
                          {"current_status", ref("OrderStatus")}}}};
  return {{"OrderStatus", managers::domain::status_value_schema()},   {"Order", order},
          {"NewOrder", new_order},          {"OrderList", order_list},
          {"OrderPage", order_page},        {"StatusChangeRequest", status_request},
          {"StatusChangeResult", status_result}, {"ReadyTimeRequest", ready_request},
          {"ReadyTimeResult", ready_result},     {"OrderStatistics", statistics},
          {"Board", board},                      {"Problem", problem},
          {"Liveness", liveness}};
}

json openapi_document(const std::vector<Route>& routes) {
  json paths = json::object();
  for (const Route& route : routes) {
    if (!route.in_api_document) continue;
    json operation = {{"operationId", route.operation_id}, {"summary", route.summary}};
    json parameters = json::array();
    for (const ParamDef& def : route.params)
      parameters.push_back({{"name", def.name},
                            {"in", def.in == ParamDef::In::kPath ? "path" : "query"},
                            {"required", def.in == ParamDef::In::kPath || def.required},
                            {"description", def.description},
                            {"schema", param_schema(def)}});
    if (route.operation_id == "createOrder")
      parameters.push_back({{"name", "Idempotency-Key"},
                            {"in", "header"},
                            {"required", false},
                            {"description",
                             "Retrying with the same key and body returns the first response (per server process, "
                             "24 hours); the same key with another body is a 422"},
                            {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 255}}}});
    if (!parameters.empty()) operation["parameters"] = parameters;
    if (!route.request_schema.empty())
      operation["requestBody"] = {{"required", true},
                                  {"content", {{"application/json", {{"schema", ref(route.request_schema)}}}}}};
    json responses = json::object();
    for (const ResponseDef& def : route.responses) {
      json response = {{"description", def.description}};
      if (def.content_type == "application/problem+json")
        response = problem_response(def.description);
      else if (!def.schema.empty())
        response["content"] = {{def.content_type, {{"schema", ref(def.schema)}}}};
      else if (def.status != 204)
        response["content"] = {{def.content_type, {{"schema", {{"type", "string"}}}}}};
      responses[std::to_string(def.status)] = response;
    }
    const auto add = [&](int status, const std::string& description) {
      if (!responses.contains(std::to_string(status))) responses[std::to_string(status)] = problem_response(description);
    };
    if (!route.params.empty() || !route.request_schema.empty()) add(400, "Invalid input: the problem names the field and the rule");
    if (route.role != Role::kPublic) add(401, "No or an unknown bearer token");
    if (route.role == Role::kAdmin) add(403, "The token's role may not do this (admin only)");
    if (!route.request_schema.empty()) {
      add(413, "The body exceeds the server's limit");
      add(415, "The body is not application/json");
    }
    if (route.uses_store) add(503, "The order store failed or cannot be reached; retry later");
    responses["default"] = problem_response("Any other error (405, 408, 431, 500, 503 when overloaded)");
    operation["responses"] = responses;
    if (route.role != Role::kPublic) operation["security"] = json::array({{{"bearer", json::array()}}});
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.path][method] = operation;
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "order-manager"},
            {"version", managers::kVersion},
            {"description",
             "The order manager's interface over HTTP (order-manager serve). Errors are application/problem+json "
             "(RFC 9457). Staff tokens read and move orders; admin tokens may also delete orders and read "
             "statistics."}}},
          {"paths", paths},
          {"components",
           {{"schemas", component_schemas()},
            {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace order_http
