#include "http/api.hpp"

#include <memory>
#include <string>

#include "http/board_assets.hpp"
#include "http/problem.hpp"
#include "http/schemas.hpp"
#include "managers/errors.hpp"
#include "managers/order.hpp"

namespace order_http {
namespace {

using nlohmann::json;
using managers::OrderStatus;
using In = ParamDef::In;
using Type = ParamDef::Type;

const ParamDef kOrderIdParam{"order_id", In::kPath, Type::kString, true, "The order's id", 1, 1};
const ParamDef kLimitParam{"limit", In::kQuery, Type::kInteger, false, "At most this many orders", 1, 1000};

const ResponseDef kOrderNotFound{404, "No order with this id", "", "application/problem+json"};

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

ProblemError order_not_found(const std::string& order_id) {
  return ProblemError(not_found("no order with id " + order_id));
}

// The one text member of a small request body ({"status": "..."}), other members refused.
std::string only_text_member(const json& body, const std::string& name) {
  if (!body.is_object()) throw managers::ValidationError("body", "must be a JSON object with \"" + name + "\"");
  for (const auto& [key, value] : body.items())
    if (key != name) throw managers::ValidationError(key, "is not accepted here (accepted: " + name + ")");
  const auto it = body.find(name);
  if (it == body.end()) throw managers::ValidationError(name, "is required");
  if (!it->is_string()) throw managers::ValidationError(name, "must be a string");
  return it->get<std::string>();
}

json orders_json(const std::vector<managers::Order>& orders) { return {{"orders", managers::to_json(orders)}}; }

// A key the client chose: 1..255 printable ASCII characters.
void check_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 255 ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c >= ' ' && c <= '~'; }))
    throw managers::ValidationError("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
}

void create_order(ApiContext& context, Call& call) {
  const bool keyed = call.request.has_header("Idempotency-Key");
  const std::string key = call.request.get_header_value("Idempotency-Key");
  if (keyed) {
    check_idempotency_key(key);
    IdempotencyCache::ClaimResult claim = context.idempotency.claim(key, call.request.body);
    switch (claim.claim) {
      case IdempotencyCache::Claim::kFirst: break;
      case IdempotencyCache::Claim::kReplay:
        call.response.status = claim.response.status;
        if (!claim.response.location.empty()) call.response.set_header("Location", claim.response.location);
        call.response.set_header("Idempotent-Replayed", "true");
        call.response.set_content(claim.response.body, claim.response.content_type.c_str());
        return;
      case IdempotencyCache::Claim::kBodyMismatch:
        throw ProblemError(Problem{422, "idempotency-key-reused", "Idempotency key reused",
                                   "this Idempotency-Key was used with a different body", "Idempotency-Key",
                                   "must identify one request body", json::object()});
      case IdempotencyCache::Claim::kInProgress:
        throw ProblemError(conflict("idempotency-in-progress", "Request in progress",
                                    "a request with this Idempotency-Key is still being processed; retry shortly"));
    }
  }
  try {
    const managers::NewOrder order = managers::new_order_from_json(call.body);
    if (context.store.create_order(order)) {
      const std::optional<managers::Order> stored = context.store.get_order(order.order_id);
      if (!stored) throw managers::StorageError(context.store.backend_name(), "ReadAfterCreate", "created order not found");
      call.response.set_header("Location", "/orders/" + percent_encode(order.order_id));
      call.json(201, managers::to_json(*stored));
      context.board.poke();
    } else {
      send_problem(call.response,
                   conflict("duplicate-order", "Order exists",
                            "an order with id " + order.order_id + " already exists; it was not changed"));
    }
  } catch (...) {
    if (keyed) context.idempotency.release(key);  // a retry runs again (and gets the same 400, or succeeds after a 503)
    throw;
  }
  if (keyed)
    context.idempotency.complete(key, {call.response.status, call.response.body,
                                       call.response.get_header_value("Content-Type"),
                                       call.response.get_header_value("Location")});
}

void change_status(ApiContext& context, Call& call) {
  const std::string& order_id = call.param("order_id");
  const OrderStatus wanted = managers::parse_order_status(only_text_member(call.body, "status"), "status");
  const managers::StatusChangeResult result = context.store.change_order_status(order_id, wanted);
  switch (result.outcome) {
    case managers::UpdateOutcome::kNotFound: throw order_not_found(order_id);
    case managers::UpdateOutcome::kRefusedFrom:  // not asked for here: change_order_status allows every status
    case managers::UpdateOutcome::kRefusedFinal: {
      const std::string current(managers::to_string(result.status.value_or(OrderStatus::COMPLETED)));
      Problem problem = conflict("final-status", "Order is final",
                                 "order " + order_id + " is " + current +
                                     ", a final status; it cannot change to " + std::string(managers::to_string(wanted)));
      problem.extra["current_status"] = current;
      throw ProblemError(problem);
    }
    case managers::UpdateOutcome::kChanged:
    case managers::UpdateOutcome::kUnchanged:
      call.json(200, {{"order_id", order_id},
                      {"status", managers::to_string(result.status.value_or(wanted))},
                      {"changed", result.outcome == managers::UpdateOutcome::kChanged}});
      if (result.outcome == managers::UpdateOutcome::kChanged) context.board.poke();
      return;
  }
}

void change_ready_time(ApiContext& context, Call& call) {
  const std::string& order_id = call.param("order_id");
  const std::string ready = only_text_member(call.body, "estimated_ready_time");
  const managers::UpdateOutcome outcome = context.store.change_order_ready_time(order_id, ready);
  if (outcome == managers::UpdateOutcome::kNotFound) throw order_not_found(order_id);
  call.json(200, {{"order_id", order_id},
                  {"estimated_ready_time", ready},
                  {"changed", outcome == managers::UpdateOutcome::kChanged}});
  if (outcome == managers::UpdateOutcome::kChanged) context.board.poke();
}

// GET /events: the board's snapshot each time it changes, as Server-Sent
// Events, with a comment every 15 s so proxies and the client see it alive.
void event_stream(ApiContext& context, Call& call) {
  if (context.event_streams.fetch_add(1) >= context.max_event_streams) {
    context.event_streams.fetch_sub(1);
    call.response.set_header("Retry-After", "5");
    throw ProblemError(Problem{503, "too-many-streams", "Too many event streams",
                               "the server serves a limited number of event streams; poll GET /board instead",
                               std::nullopt, std::nullopt, json::object()});
  }
  auto last_sent = std::make_shared<std::uint64_t>(0);
  call.response.set_header("X-Accel-Buffering", "no");
  call.response.set_chunked_content_provider(
      "text/event-stream",
      [&context, last_sent](std::size_t, httplib::DataSink& sink) {
        const BoardFeed::Snapshot snapshot = context.board.wait_newer(*last_sent, std::chrono::seconds(15));
        if (context.board.stopping()) {
          sink.done();
          return true;
        }
        std::string event;
        if (snapshot.version > *last_sent) {
          event = "event: board\nid: " + std::to_string(snapshot.version) + "\ndata: " + snapshot.json + "\n\n";
          *last_sent = snapshot.version;
        } else {
          event = ": still here\n\n";
        }
        return sink.write(event.data(), event.size());
      },
      [&context](bool) { context.event_streams.fetch_sub(1); });
}

}  // namespace

std::vector<Route> api_routes(ApiContext& context) {
  ApiContext* c = &context;
  std::vector<Route> routes;
  routes.push_back({"POST", "/orders", "createOrder", "Create an order (create_order)", Role::kStaff, {}, "NewOrder",
                    {{201, "Created; Location names the order", "Order"},
                     {409, "An order with this id exists (unchanged), or a request with this Idempotency-Key is running",
                      "", "application/problem+json"},
                     {422, "This Idempotency-Key was used with a different body", "", "application/problem+json"}},
                    true, true, [c](Call& call) { create_order(*c, call); }});
  routes.push_back({"GET", "/orders", "listOrders", "Every order, one page at a time (list_orders)", Role::kStaff,
                    {{"page_token", In::kQuery, Type::kString, false, "next_page_token of the previous page", 1, 1},
                     {"page_size", In::kQuery, Type::kInteger, false, "Orders per page (default 100)", 1, 1000}},
                    "", {{200, "A page; next_page_token is null on the last page", "OrderPage"}}, true, true,
                    [c](Call& call) {
                      const managers::OrderPage page = c->store.list_orders(
                          call.optional_param("page_token").value_or(""), call.optional_int("page_size").value_or(100));
                      call.json(200, {{"orders", managers::to_json(page.orders)},
                                      {"next_page_token", page.next_page_token.empty() ? json(nullptr)
                                                                                        : json(page.next_page_token)}});
                    }});
  routes.push_back({"DELETE", "/orders", "clearAllOrders", "Delete every order (clear_all_orders)", Role::kAdmin,
                    {{"confirm", In::kQuery, Type::kString, true, "Must be 'all-orders'", 1, 1}}, "",
                    {{204, "Every order deleted", ""}}, true, true, [c](Call& call) {
                      if (call.param("confirm") != "all-orders")
                        throw managers::ValidationError("confirm", "must be 'all-orders'");
                      c->store.clear_all_orders();
                      call.response.status = 204;
                      c->board.poke();
                    }});
  routes.push_back({"GET", "/orders/{order_id}", "getOrder", "One order with its items (get_order)", Role::kStaff,
                    {kOrderIdParam}, "", {{200, "The order", "Order"}, kOrderNotFound}, true, true, [c](Call& call) {
                      const std::optional<managers::Order> order = c->store.get_order(call.param("order_id"));
                      if (!order) throw order_not_found(call.param("order_id"));
                      call.json(200, managers::to_json(*order));
                    }});
  routes.push_back({"DELETE", "/orders/{order_id}", "deleteOrder", "Delete an order (delete_order)", Role::kAdmin,
                    {kOrderIdParam}, "", {{204, "Deleted", ""}, kOrderNotFound}, true, true, [c](Call& call) {
                      if (!c->store.delete_order(call.param("order_id"))) throw order_not_found(call.param("order_id"));
                      call.response.status = 204;
                      c->board.poke();
                    }});
  routes.push_back({"PUT", "/orders/{order_id}/status", "changeOrderStatus",
                    "Move an order to a status (update_order_status); Completed and Cancelled are final",
                    Role::kStaff, {kOrderIdParam}, "StatusChangeRequest",
                    {{200, "Changed, or already so (changed: false)", "StatusChangeResult"},
                     kOrderNotFound,
                     {409, "The order is Completed or Cancelled (current_status says which)", "",
                      "application/problem+json"}},
                    true, true, [c](Call& call) { change_status(*c, call); }});
  routes.push_back({"PUT", "/orders/{order_id}/estimated-ready-time", "changeOrderReadyTime",
                    "Set the estimated ready time (update_order_ready_time)", Role::kStaff, {kOrderIdParam},
                    "ReadyTimeRequest", {{200, "Set, or already so (changed: false)", "ReadyTimeResult"}, kOrderNotFound},
                    true, true, [c](Call& call) { change_ready_time(*c, call); }});
  routes.push_back({"GET", "/orders/{order_id}/summary", "getOrderSummary",
                    "The readable summary (format_order_summary)", Role::kStaff, {kOrderIdParam}, "",
                    {{200, "The summary text", "", "text/plain"}, kOrderNotFound}, true, true, [c](Call& call) {
                      const std::optional<managers::Order> order = c->store.get_order(call.param("order_id"));
                      if (!order) throw order_not_found(call.param("order_id"));
                      call.response.set_content(managers::format_order_summary(*order), "text/plain; charset=utf-8");
                    }});
  routes.push_back({"GET", "/statuses/{status}/orders", "getOrdersByStatus",
                    "Orders with a status, oldest first: a kitchen queue (get_orders_by_status)", Role::kStaff,
                    {{"status", In::kPath, Type::kStatus, true, "A status value or name, any case", 1, 1}, kLimitParam},
                    "", {{200, "The orders", "OrderList"}}, true, true, [c](Call& call) {
                      const OrderStatus status = managers::parse_order_status(call.param("status"));
                      call.json(200, orders_json(c->store.get_orders_by_status(status, call.optional_int("limit"))));
                    }});
  routes.push_back({"GET", "/customer-orders", "getCustomerOrders",
                    "A customer's orders by exact name, newest first (get_customer_orders)", Role::kStaff,
                    {{"customer_name", In::kQuery, Type::kString, true, "The customer's name, exactly as stored", 1, 1},
                     kLimitParam,
                     {"status", In::kQuery, Type::kStatus, false, "Only orders with this status", 1, 1}},
                    "", {{200, "The orders", "OrderList"}}, true, true, [c](Call& call) {
                      std::optional<OrderStatus> status;
                      if (const auto text = call.optional_param("status")) status = managers::parse_order_status(*text);
                      call.json(200, orders_json(c->store.get_customer_orders(call.param("customer_name"),
                                                                              call.optional_int("limit"), status)));
                    }});
  routes.push_back({"GET", "/last-order", "getCustomerLastOrder",
                    "The most recent order of a customer id (get_customer_last_order)", Role::kStaff,
                    {{"customer_id", In::kQuery, Type::kString, true, "The customer's id", 1, 1}}, "",
                    {{200, "The order", "Order"}, {404, "The customer has no orders", "", "application/problem+json"}},
                    true, true, [c](Call& call) {
                      const std::optional<managers::Order> order =
                          c->store.get_customer_last_order(call.param("customer_id"));
                      if (!order) throw ProblemError(not_found("customer " + call.param("customer_id") + " has no orders"));
                      call.json(200, managers::to_json(*order));
                    }});
  routes.push_back({"GET", "/statistics", "getOrderStatistics", "Totals over every order (get_order_statistics)",
                    Role::kAdmin, {}, "", {{200, "The statistics", "OrderStatistics"}}, true, true, [c](Call& call) {
                      call.json(200, managers::to_json(c->store.get_order_statistics()));
                    }});
  routes.push_back({"GET", "/board", "getBoard",
                    "The staff board: the orders of the four active statuses (polled from the store about once a "
                    "second)",
                    Role::kStaff, {}, "", {{200, "The board", "Board"}}, false, true, [c](Call& call) {
                      call.response.set_content(c->board.current().json, "application/json");
                    }});
  routes.push_back({"GET", "/events", "getBoardEvents",
                    "Server-Sent Events: an 'board' event with the Board each time it changes", Role::kStaff, {}, "",
                    {{200, "An event stream (text/event-stream) of Board snapshots", "", "text/event-stream"},
                     {503, "Too many event streams; poll GET /board", "", "application/problem+json"}},
                    false, true, [c](Call& call) { event_stream(*c, call); }});
  // Liveness for a load balancer or a supervisor: the process answers HTTP. It reads no store (a
  // store outage is GET /statistics' 503 or `order-manager check`), so it is also the cheapest
  // request the server answers: bench/http_load.sh uses it as the server's ceiling.
  routes.push_back({"GET", "/healthz", "getLiveness", "Liveness: the server answers (touches no store)",
                    Role::kPublic, {}, "", {{200, "The server is up", "Liveness"}}, false, true,
                    [](Call& call) { call.response.set_content(R"({"status":"ok"})", "application/json"); }});
  auto document = std::make_shared<std::string>();
  routes.push_back({"GET", "/openapi.json", "getOpenApi", "This document", Role::kPublic, {}, "",
                    {{200, "The OpenAPI 3.1 document", "", "application/json"}}, false, true,
                    [document](Call& call) { call.response.set_content(*document, "application/json"); }});
  for (const BoardAsset& asset : board_assets())
    routes.push_back({"GET", std::string(asset.path), "", "", Role::kPublic, {}, "", {}, false, false,
                      [asset](Call& call) {
                        call.response.set_header("Content-Security-Policy",
                                                 "default-src 'none'; script-src 'self'; style-src 'self'; "
                                                 "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
                                                 "form-action 'none'; frame-ancestors 'none'");
                        call.response.set_content(std::string(asset.content), std::string(asset.content_type).c_str());
                      }});
  *document = openapi_document(routes).dump(1);
  return routes;
}

}  // namespace order_http
