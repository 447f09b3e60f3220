#include "managers/order_manager_interface.hpp"

#include <algorithm>

#include "domain/placement.hpp"
#include "domain/statistics.hpp"
#include "domain/summary.hpp"
#include "domain/timestamps.hpp"
#include "domain/validation.hpp"
#include "managers/limits.hpp"
#include "store/order_store.hpp"

namespace managers {
namespace {

using store::Change;
using store::ModifyResult;

// Keeps the history bounded: the creation entry stays, the oldest change after it goes.
void append_history(Order& order, OrderStatus status, const std::string& at) {
  order.status_history.push_back({status, at});
  if (order.status_history.size() > limits::kMaxStatusHistory)
    order.status_history.erase(order.status_history.begin() + 1);
}

}  // namespace

OrderManagerInterface::OrderManagerInterface(std::unique_ptr<store::OrderStore> store) : store_(std::move(store)) {}

OrderManagerInterface::~OrderManagerInterface() = default;

std::string OrderManagerInterface::backend_name() const { return store_->backend_name(); }

std::vector<std::pair<std::string, std::string>> OrderManagerInterface::location() const {
  return store_->location();
}

HealthReport OrderManagerInterface::check_health() {
  HealthReport report;
  report.facts.push_back("backend: " + backend_name());
  HealthReport engine = store_->check_health();
  for (std::string& fact : engine.facts) report.facts.push_back(std::move(fact));
  for (HealthReport::Problem& problem : engine.problems) report.problems.push_back(std::move(problem));
  return report;
}

bool OrderManagerInterface::create_order(const std::string& order_id, const std::string& customer_id,
                                         const std::string& customer_name,
                                         const std::vector<OrderItemInput>& items, Money total_price,
                                         const std::optional<std::string>& conversation_id,
                                         const std::optional<std::string>& estimated_ready_time,
                                         const nlohmann::json& metadata) {
  if (!metadata.is_null()) domain::validate_metadata(metadata);  // before the copy below
  return create_order(NewOrder{order_id, customer_id, customer_name, items, total_price, conversation_id,
                               estimated_ready_time, metadata.is_null() ? nlohmann::json::object() : metadata});
}

bool OrderManagerInterface::create_order(const NewOrder& order) {
  domain::validate_new_order(order);
  return store_->insert(domain::order_of_placement(order, domain::utc_now()));
}

std::optional<Order> OrderManagerInterface::get_order(const std::string& order_id) {
  domain::validate_id("order_id", order_id);
  return store_->get(order_id);
}

std::vector<Order> OrderManagerInterface::get_customer_orders(const std::string& customer_name,
                                                             std::optional<int> limit,
                                                             std::optional<OrderStatus> status) {
  domain::validate_name("customer_name", customer_name);
  domain::validate_limit(limit);
  return store_->customer_orders(customer_name, limit, status);
}

std::optional<Order> OrderManagerInterface::get_customer_last_order(const std::string& customer_id) {
  domain::validate_id("customer_id", customer_id);
  return store_->last_order(customer_id);
}

bool OrderManagerInterface::update_order_status(const std::string& order_id, OrderStatus status) {
  return change_order_status(order_id, status).succeeded();
}

StatusChangeResult OrderManagerInterface::change_order_status(const std::string& order_id, OrderStatus status) {
  return change_order_status_from(order_id, {kAllOrderStatuses.begin(), kAllOrderStatuses.end()}, status);
}

StatusChangeResult OrderManagerInterface::change_order_status_from(const std::string& order_id,
                                                                   const std::vector<OrderStatus>& from,
                                                                   OrderStatus status) {
  domain::validate_id("order_id", order_id);
  // What the last run of `mutate` saw and decided (it may run more than once).
  std::optional<OrderStatus> seen;
  UpdateOutcome refusal = UpdateOutcome::kRefusedFinal;
  const ModifyResult result = store_->modify(order_id, [status, &from, &seen, &refusal](Order& order) {
    seen = order.status;
    if (order.status == status) return Change::kUnchanged;
    if (std::find(from.begin(), from.end(), order.status) == from.end()) {
      refusal = UpdateOutcome::kRefusedFrom;
      return Change::kRefuse;
    }
    if (!can_change_status(order.status, status)) {
      refusal = UpdateOutcome::kRefusedFinal;
      return Change::kRefuse;
    }
    const std::string now = domain::utc_now();
    order.status = status;
    order.updated_at = now;
    append_history(order, status, now);
    return Change::kWrite;
  });
  switch (result) {
    case ModifyResult::kWritten: return {UpdateOutcome::kChanged, status};
    case ModifyResult::kUnchanged: return {UpdateOutcome::kUnchanged, status};
    case ModifyResult::kRefused: return {refusal, seen};
    case ModifyResult::kNotFound: break;
  }
  return {UpdateOutcome::kNotFound, std::nullopt};
}

bool OrderManagerInterface::update_order_ready_time(const std::string& order_id,
                                                    const std::string& estimated_ready_time) {
  const UpdateOutcome outcome = change_order_ready_time(order_id, estimated_ready_time);
  return outcome == UpdateOutcome::kChanged || outcome == UpdateOutcome::kUnchanged;
}

UpdateOutcome OrderManagerInterface::change_order_ready_time(const std::string& order_id,
                                                             const std::string& estimated_ready_time) {
  domain::validate_id("order_id", order_id);
  domain::validate_timestamp("estimated_ready_time", estimated_ready_time);
  const ModifyResult result = store_->modify(order_id, [&estimated_ready_time](Order& order) {
    if (order.estimated_ready_time == estimated_ready_time) return Change::kUnchanged;
    order.estimated_ready_time = estimated_ready_time;
    order.updated_at = domain::utc_now();
    return Change::kWrite;
  });
  switch (result) {
    case ModifyResult::kWritten: return UpdateOutcome::kChanged;
    case ModifyResult::kUnchanged: return UpdateOutcome::kUnchanged;
    case ModifyResult::kRefused: return UpdateOutcome::kRefusedFinal;
    case ModifyResult::kNotFound: break;
  }
  return UpdateOutcome::kNotFound;
}

std::vector<Order> OrderManagerInterface::get_orders_by_status(OrderStatus status, std::optional<int> limit) {
  domain::validate_limit(limit);
  return store_->orders_by_status(status, limit);
}

OrderStatistics OrderManagerInterface::get_order_statistics() {
  return domain::statistics_from(store_->aggregate());
}

bool OrderManagerInterface::delete_order(const std::string& order_id) {
  domain::validate_id("order_id", order_id);
  return store_->erase(order_id);
}

void OrderManagerInterface::clear_all_orders() { store_->erase_all(); }

std::string OrderManagerInterface::format_order_summary(const std::string& order_id) {
  const std::optional<Order> order = get_order(order_id);
  return order ? managers::format_order_summary(*order) : domain::kOrderNotFoundSummary;
}

OrderPage OrderManagerInterface::list_orders(const std::string& page_token, int page_size) {
  domain::validate_page_size(page_size);
  if (!page_token.empty()) domain::validate_id("page_token", page_token);
  return store_->list_page(page_token, page_size);
}

bool OrderManagerInterface::import_order(const Order& order) {
  domain::validate_order(order);
  return store_->insert(order);
}

void OrderManagerInterface::replace_order(const Order& order) {
  domain::validate_order(order);
  store_->upsert(order);
}

}  // namespace managers
