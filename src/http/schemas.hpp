#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/route.hpp"

namespace order_http {

// The JSON Schemas (2020-12, as OpenAPI 3.1 uses) of the bodies the API takes
// and gives, keyed by component name ("Order", "Problem", ...). They describe
// the domain's JSON forms (managers::to_json, new_order_from_json).
nlohmann::json component_schemas();

// The OpenAPI 3.1 document for `routes` (those with in_api_document).
nlohmann::json openapi_document(const std::vector<Route>& routes);

}  // namespace order_http
