#pragma once

#include <vector>

#include "http/board_feed.hpp"
#include "http/idempotency.hpp"
#include "http/route.hpp"
#include "managers/order_manager_interface.hpp"

namespace order_http {

// What the handlers share. Outlives the server.
struct ApiContext {
  managers::OrderManagerInterface& store;
  IdempotencyCache& idempotency;
  BoardFeed& board;
  std::size_t max_event_streams = 64;
  std::atomic<std::size_t> event_streams{0};
};

// Every route of the server: the JSON API over the interface, the board's
// feed (GET /board, GET /events), the OpenAPI document and the board's files.
// The OpenAPI document is written from this same list.
std::vector<Route> api_routes(ApiContext& context);

}  // namespace order_http
