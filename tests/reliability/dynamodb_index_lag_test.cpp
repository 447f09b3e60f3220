// The index-reading methods of the DynamoDB engine under index lag, which AWS shows (its GSIs are
// updated asynchronously) and DynamoDB Local never does (it updates them at once).
//
// A writer talks to DynamoDB Local directly; a reader goes through the fault proxy in its
// index-lag mode (tests/support/fault_proxy.hpp): each Query on an index is answered with the
// reply to the previous identical query, so the index answers as it stood one read earlier —
// missing an order created since, still listing an order that changed status or was deleted.
// What docs/DYNAMODB.md ("Reads under index lag") promises, and this file checks:
//  - every listed order is a whole order exactly as it was stored at some moment (never one that
//    never existed, never a mix of two versions), listed at most once, in the documented order;
//  - a status list only lists orders whose listed copy has that status;
//  - get_order of a listed order is current (the latest write, or nullopt once deleted);
//  - the lag is bounded: once the index has caught up (here: the same query asked again with no
//    write in between) the answer equals the truth, get_customer_last_order included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "managers/order.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "support/dynamodb_local.hpp"
#include "support/fault_proxy.hpp"

namespace {

using managers::Money;
using managers::Order;
using managers::OrderManagerDynamoDB;
using managers::OrderStatus;
using nlohmann::json;
using testing_support::FaultProxy;

managers::DynamoDbOptions options_for(const std::string& endpoint, const std::string& table) {
  managers::DynamoDbOptions options;
  options.table_name = table;
  options.region = "us-east-1";
  options.endpoint_url = endpoint;
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = "local-secret-not-used";
  return options;
}

class DynamoDbIndexLag : public testing::Test {
 protected:
  void SetUp() override {
    static int tables = 0;
    const std::string table = "index-lag-" + std::to_string(::getpid()) + "-" + std::to_string(++tables);
    managers::DynamoDbOptions writer_options = options_for(testing_support::shared_dynamodb_local().endpoint(), table);
    writer_options.index_projection = projection();  // the writer creates the table
    writer_ = std::make_unique<OrderManagerDynamoDB>(writer_options);
    writer_->ensure_tables();
    proxy_ = std::make_unique<FaultProxy>(testing_support::shared_dynamodb_local().endpoint());
    proxy_->set_index_lag(true);
    managers::DynamoDbOptions reader_options = options_for(proxy_->url(), table);
    reader_options.create_table_if_missing = false;
    reader_ = std::make_unique<OrderManagerDynamoDB>(reader_options);
  }

  virtual managers::IndexProjection projection() const { return managers::IndexProjection::kAll; }

  // Writes through the writer and records every version each order ever had.
  void import(const std::string& id, const std::string& customer_id, const std::string& name, int hour) {
    Order order;
    order.order_id = id;
    order.customer_id = customer_id;
    order.customer_name = name;
    order.items = {{"Tea", 1, Money(2.50), Money(2.50)}};
    order.total_price = Money(2.50);
    order.created_at = "2024-01-01T" + std::string(hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00.000000Z";
    order.updated_at = order.created_at;
    order.status_history = {{OrderStatus::PENDING, order.created_at}};
    ASSERT_TRUE(writer_->import_order(order));
    record(id);
  }
  void set_status(const std::string& id, OrderStatus status) {
    ASSERT_TRUE(writer_->update_order_status(id, status));
    record(id);
  }
  void remove(const std::string& id) {
    ASSERT_TRUE(writer_->delete_order(id));
    record(id);
  }
  void record(const std::string& id) {
    const std::optional<Order> now = writer_->get_order(id);
    versions_[id].push_back(now ? managers::to_json(*now) : json(nullptr));
  }

  // The promises every lagging list keeps, whatever its staleness.
  void expect_lagging_list_is_sound(const std::vector<Order>& listed, bool newest_first,
                                    std::optional<OrderStatus> status = std::nullopt) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const Order& order = listed[i];
      SCOPED_TRACE("listed " + order.order_id);
      EXPECT_TRUE(seen.insert(order.order_id).second) << "listed twice";
      ASSERT_TRUE(versions_.contains(order.order_id)) << "an order that never existed";
      EXPECT_THAT(versions_[order.order_id], testing::Contains(managers::to_json(order)))
          << "not a version that was ever stored (a mix, or invented)";
      if (status) {
        EXPECT_EQ(order.status, *status) << "listed under a status its listed copy does not have";
      }
      if (i > 0) {
        const Order& previous = listed[i - 1];
        const auto key = [](const Order& o) { return o.created_at + "#" + o.order_id; };
        if (newest_first) {
          EXPECT_GT(key(previous), key(order)) << "not newest first";
        } else {
          EXPECT_LT(key(previous), key(order)) << "not oldest first";
        }
      }
      // get_order is strongly consistent: it shows the latest write, or nothing once deleted.
      const std::optional<Order> reread = reader_->get_order(order.order_id);
      const json& latest = versions_[order.order_id].back();
      EXPECT_EQ(reread ? managers::to_json(*reread) : json(nullptr), latest) << "a re-read is not current";
    }
  }

  static std::vector<std::string> ids(const std::vector<Order>& orders) {
    std::vector<std::string> result;
    for (const Order& order : orders) result.push_back(order.order_id);
    return result;
  }

  // Every listed order is the latest version of that order (the keys projection reads each from
  // the table), in the documented order, at most once, with the status asked for.
  void expect_current(const std::vector<Order>& listed, bool newest_first,
                      std::optional<OrderStatus> status = std::nullopt) {
    expect_lagging_list_is_sound(listed, newest_first, status);
    for (const Order& order : listed)
      EXPECT_EQ(managers::to_json(order), versions_[order.order_id].back()) << order.order_id << " is not current";
  }

  std::unique_ptr<OrderManagerDynamoDB> writer_;
  std::unique_ptr<FaultProxy> proxy_;
  std::unique_ptr<OrderManagerDynamoDB> reader_;
  std::map<std::string, std::vector<json>> versions_;
};

TEST_F(DynamoDbIndexLag, CustomerOrdersLagButStaySoundAndCatchUp) {
  import("A1", "C1", "Alice", 9);
  import("A2", "C1", "Alice", 10);
  expect_lagging_list_is_sound(reader_->get_customer_orders("Alice"), true);  // the index's first view

  import("A3", "C1", "Alice", 11);
  set_status("A2", OrderStatus::CONFIRMED);
  remove("A1");
  const std::vector<Order> stale = reader_->get_customer_orders("Alice");
  ASSERT_EQ(proxy_->stale_answers(), 1U) << "the proxy did not lag: this test would prove nothing";
  // The stale view: A3 not there yet, A1 still there, A2 still Pending — each sound.
  EXPECT_THAT(ids(stale), testing::ElementsAre("A2", "A1"));
  expect_lagging_list_is_sound(stale, true);

  // Caught up: exactly the truth.
  const std::vector<Order> current = reader_->get_customer_orders("Alice");
  EXPECT_THAT(ids(current), testing::ElementsAre("A3", "A2"));
  expect_lagging_list_is_sound(current, true);
  ASSERT_EQ(current.size(), 2U);
  EXPECT_EQ(current[1].status, OrderStatus::CONFIRMED);
}

TEST_F(DynamoDbIndexLag, StatusListsAndFilteredListsLagButStaySound) {
  import("B1", "C2", "Bob", 9);
  import("B2", "C2", "Bob", 10);
  import("B3", "C2", "Bob", 11);
  expect_lagging_list_is_sound(reader_->get_orders_by_status(OrderStatus::PENDING), false, OrderStatus::PENDING);
  expect_lagging_list_is_sound(reader_->get_customer_orders("Bob", std::nullopt, OrderStatus::PENDING), true,
                               OrderStatus::PENDING);

  set_status("B1", OrderStatus::CONFIRMED);
  remove("B3");
  import("B4", "C2", "Bob", 12);
  const std::vector<Order> queue = reader_->get_orders_by_status(OrderStatus::PENDING);
  const std::vector<Order> filtered = reader_->get_customer_orders("Bob", std::nullopt, OrderStatus::PENDING);
  ASSERT_EQ(proxy_->stale_answers(), 2U);
  expect_lagging_list_is_sound(queue, false, OrderStatus::PENDING);
  expect_lagging_list_is_sound(filtered, true, OrderStatus::PENDING);

  EXPECT_THAT(ids(reader_->get_orders_by_status(OrderStatus::PENDING)), testing::ElementsAre("B2", "B4"));
  EXPECT_THAT(ids(reader_->get_customer_orders("Bob", std::nullopt, OrderStatus::PENDING)),
              testing::ElementsAre("B4", "B2"));
  const std::vector<Order> confirmed = reader_->get_orders_by_status(OrderStatus::CONFIRMED);
  expect_lagging_list_is_sound(confirmed, false, OrderStatus::CONFIRMED);
  EXPECT_THAT(ids(confirmed), testing::ElementsAre("B1"));  // first asked: the index is current
}

TEST_F(DynamoDbIndexLag, LastOrderLagsByAtMostTheLag) {
  EXPECT_FALSE(reader_->get_customer_last_order("C3").has_value());  // no order yet
  import("D1", "C3", "Dora", 9);
  // Within the lag the index may not hold the customer's first order yet: nullopt is allowed,
  // an invented or half-written order is not.
  const std::optional<Order> stale = reader_->get_customer_last_order("C3");
  EXPECT_EQ(proxy_->stale_answers(), 1U);
  if (stale) expect_lagging_list_is_sound({*stale}, true);
  const std::optional<Order> caught_up = reader_->get_customer_last_order("C3");
  ASSERT_TRUE(caught_up.has_value());
  EXPECT_EQ(caught_up->order_id, "D1");

  import("D2", "C3", "Dora", 10);
  remove("D1");
  const std::optional<Order> lagging = reader_->get_customer_last_order("C3");
  ASSERT_TRUE(lagging.has_value());
  expect_lagging_list_is_sound({*lagging}, true);  // D1 as it was; its re-read says it is gone
  const std::optional<Order> current = reader_->get_customer_last_order("C3");
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->order_id, "D2");
  EXPECT_EQ(managers::to_json(*current), versions_["D2"].back());
}

// The same lag on a table whose indexes hold keys only (IndexProjection::kKeys): each listed order
// is read from the table, so a list is never stale in content. An order deleted or moved out of the
// answer since its index entry is left out; one created within the lag is still missing.
class DynamoDbIndexLagKeys : public DynamoDbIndexLag {
 protected:
  managers::IndexProjection projection() const override { return managers::IndexProjection::kKeys; }
};

TEST_F(DynamoDbIndexLagKeys, CustomerOrdersListOnlyCurrentOrders) {
  import("A1", "C1", "Alice", 9);
  import("A2", "C1", "Alice", 10);
  expect_current(reader_->get_customer_orders("Alice"), true);

  import("A3", "C1", "Alice", 11);
  set_status("A2", OrderStatus::CONFIRMED);
  remove("A1");
  reader_->reset_counters();
  const std::vector<Order> stale = reader_->get_customer_orders("Alice");
  ASSERT_EQ(proxy_->stale_answers(), 1U) << "the proxy did not lag: this test would prove nothing";
  EXPECT_GE(reader_->counters().calls["BatchGetItem"], 1) << "the orders were not read from the table";
  // The index still lists A2 and A1 and not A3: A1 is gone, A2 is read as it is now.
  EXPECT_THAT(ids(stale), testing::ElementsAre("A2"));
  expect_current(stale, true);
  ASSERT_EQ(stale.size(), 1U);
  EXPECT_EQ(stale[0].status, OrderStatus::CONFIRMED);

  EXPECT_THAT(ids(reader_->get_customer_orders("Alice")), testing::ElementsAre("A3", "A2"));
}

TEST_F(DynamoDbIndexLagKeys, StatusListsLeaveOutOrdersThatMovedOn) {
  import("B1", "C2", "Bob", 9);
  import("B2", "C2", "Bob", 10);
  import("B3", "C2", "Bob", 11);
  expect_current(reader_->get_orders_by_status(OrderStatus::PENDING), false, OrderStatus::PENDING);
  expect_current(reader_->get_customer_orders("Bob", std::nullopt, OrderStatus::PENDING), true,
                 OrderStatus::PENDING);
  EXPECT_THAT(ids(reader_->get_customer_orders("Bob", 1)), testing::ElementsAre("B3"));

  set_status("B1", OrderStatus::CONFIRMED);
  remove("B3");
  import("B4", "C2", "Bob", 12);
  const std::vector<Order> queue = reader_->get_orders_by_status(OrderStatus::PENDING);
  const std::vector<Order> filtered = reader_->get_customer_orders("Bob", std::nullopt, OrderStatus::PENDING);
  // Limit 1: the stale index's first entry (B3) is gone, so the page after it is read (B2; B4 is
  // not in the index yet).
  const std::vector<Order> newest = reader_->get_customer_orders("Bob", 1);
  ASSERT_EQ(proxy_->stale_answers(), 3U);
  EXPECT_THAT(ids(queue), testing::ElementsAre("B2"));
  EXPECT_THAT(ids(filtered), testing::ElementsAre("B2"));
  EXPECT_THAT(ids(newest), testing::ElementsAre("B2"));
  expect_current(queue, false, OrderStatus::PENDING);
  expect_current(filtered, true, OrderStatus::PENDING);

  EXPECT_THAT(ids(reader_->get_orders_by_status(OrderStatus::PENDING)), testing::ElementsAre("B2", "B4"));
  EXPECT_THAT(ids(reader_->get_customer_orders("Bob", 1)), testing::ElementsAre("B4"));
}

}  // namespace
