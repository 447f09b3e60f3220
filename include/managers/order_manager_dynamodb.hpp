#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "managers/order_manager_interface.hpp"

namespace managers {

enum class BillingMode { PROVISIONED, PAY_PER_REQUEST };

struct DynamoDbOptions {
  std::string table_name = "orders";
  // Unset: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else the spec's "us-east-1".
  std::optional<std::string> region;
  // Unset: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, else AWS's regional endpoint.
  std::optional<std::string> endpoint_url;
  // Unset: the AWS SDKs' credential chain (environment, shared files, container, IMDS).
  std::optional<std::string> access_key_id;
  std::optional<std::string> secret_access_key;
  std::optional<std::string> session_token;
  std::optional<std::string> profile;

  bool create_table_if_missing = true;
  BillingMode billing_mode = BillingMode::PROVISIONED;  // the spec's capacity settings
  std::int64_t read_capacity = 10;
  std::int64_t write_capacity = 10;
  std::int64_t index_read_capacity = 5;
  std::int64_t index_write_capacity = 5;

  int max_attempts = 3;  // per request, the SDKs' standard retry mode
  int connect_timeout_ms = 3000;
  int request_timeout_ms = 10000;
};

// What the engine has sent since it was made (or since reset_counters()).
struct DynamoDbCounters {
  std::int64_t requests = 0;  // HTTP requests, retries included
  std::int64_t retries = 0;
  double read_capacity_units = 0;   // as reported by ReturnConsumedCapacity
  double write_capacity_units = 0;
};

// The DynamoDB engine (the spec's OrderManagerDynamoDB).
// Thread safety: one instance may be shared by any number of threads.
class OrderManagerDynamoDB final : public OrderManagerInterface {
 public:
  explicit OrderManagerDynamoDB(std::string table_name = "orders",
                                std::optional<std::string> region = std::nullopt);
  explicit OrderManagerDynamoDB(DynamoDbOptions options);
  ~OrderManagerDynamoDB() override;

  std::string backend_name() const override { return "dynamodb"; }
  // Credential source and region (never the secret), endpoint reachability,
  // table and index shapes, billing mode and capacity.
  HealthReport check_health() override;
  const std::string& table_name() const;
  const std::string& region() const;
  DynamoDbCounters counters() const;
  void reset_counters();

 protected:
  bool insert_order(const Order& order) override;
  void upsert_order(const Order& order) override;
  std::optional<Order> find_order(const std::string& order_id) override;
  std::vector<Order> find_customer_orders(const std::string& customer_name, std::optional<int> limit,
                                          std::optional<OrderStatus> status) override;
  std::optional<Order> find_last_order(const std::string& customer_id) override;
  std::vector<Order> find_orders_by_status(OrderStatus status, std::optional<int> limit) override;
  ModifyResult modify_order(const std::string& order_id, const Mutation& mutate) override;
  OrderAggregates aggregate_orders() override;
  bool erase_order(const std::string& order_id) override;
  void erase_all_orders() override;
  OrderPage scan_orders(const std::string& after_order_id, int page_size) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace managers
