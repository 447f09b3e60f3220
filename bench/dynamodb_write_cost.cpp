// WCU and requests per write of the DynamoDB engine, in both write modes and both index projections, next to the earlier
// module's plain writes of the same orders (PutItem without condition or statistics; UpdateItem of
// the status), for small (~0.6 KB of order data), 10 KB and the largest valid orders (~45 KB), against DynamoDB Local
// (issue 15). DynamoDB Local reports ConsumedCapacity as DynamoDB bills it.
//
//   dynamodb_write_cost [--repeat R]
//
// Prints the markdown tables of docs/DYNAMODB.md ("What a write costs, and why"; "Index
// projections": what the keys projection saves on writes and costs on reads).

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dynamodb/local_engine.hpp"
#include "dynamodb/write_cost.hpp"
#include "support/dynamodb_local.hpp"

namespace {

struct Variant {
  const char* name;
  managers::DynamoDbWriteMode mode;
  managers::IndexProjection projection;
};
constexpr Variant kVariants[] = {
    {"intents (default)", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kAll},
    {"transactional", managers::DynamoDbWriteMode::kTransactional, managers::IndexProjection::kAll},
    {"intents, keys projection", managers::DynamoDbWriteMode::kIntents, managers::IndexProjection::kKeys},
};

void row(const char* size, const char* mode, const char* write, const write_cost::Cost& cost, double plain) {
  std::printf("| %-7s | %-24s | %-36s | %5.1f | %4.1f | %5.2fx |\n", size, mode, write, cost.wcu, cost.requests,
              plain > 0 ? cost.wcu / plain : 0.0);
}

void read_row(const char* size, const char* projection, const char* read, const write_cost::Cost& cost) {
  std::printf("| %-7s | %-24s | %-40s | %5.1f | %4.1f |\n", size, projection, read, cost.rcu, cost.requests);
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 10;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::atoi(argv[i + 1]);
  struct Size {
    const char* name;
    std::size_t pad;
  };
  // 60 KB is past the input limits (docs/RELIABILITY.md): the largest valid order (metadata at its
  // 16 KB limit, 100 items with long names) is about 45 KB as stored.
  const Size sizes[] = {{"small", 0}, {"10 KB", 10 * 1024}, {"largest", 60 * 1024}};
  struct Reads {
    const char* size;
    const char* projection;
    write_cost::WriteCosts costs;
  };
  std::vector<Reads> reads;
  std::printf("| order | mode | write | WCU | requests | vs plain put |\n|---|---|---|---|---|---|\n");
  int table = 0;
  for (const Size& size : sizes) {
    double plain = 0;
    for (const Variant& variant : kVariants) {
      const std::string name = "wcost-" + std::to_string(::getpid()) + "-" + std::to_string(++table);
      managers::DynamoDbOptions options = dynamodb_testing::local_options(name);
      options.write_mode = variant.mode;
      options.index_projection = variant.projection;
      const write_cost::WriteCosts costs = write_cost::measure(options, size.pad, repeat);
      if (plain == 0) {
        plain = costs.plain_put.wcu;
        std::fprintf(stderr, "%s: %.1f KB item\n", size.name, costs.item_kb);
        row(size.name, "plain (earlier module)", "PutItem, no condition", costs.plain_put, plain);
        row(size.name, "plain (earlier module)", "UpdateItem status", costs.plain_status, plain);
      }
      row(size.name, variant.name, "create_order (returning customer)", costs.create, plain);
      row(size.name, variant.name, "update_order_status", costs.status_change, plain);
      row(size.name, variant.name, "update_order_ready_time", costs.ready_time, plain);
      row(size.name, variant.name, "delete_order (customer keeps orders)", costs.remove, plain);
      row(size.name, variant.name, "delete_order (customer's last)", costs.remove_last, plain);
      if (variant.mode == managers::DynamoDbWriteMode::kIntents)
        reads.push_back({size.name, variant.projection == managers::IndexProjection::kAll ? "ALL (default)" : "keys",
                         costs});
    }
  }
  std::printf("\n| order | index projection | read | RCU | requests |\n|---|---|---|---|---|\n");
  for (const Reads& read : reads) {
    read_row(read.size, read.projection, "get_customer_orders(name, limit 10)", read.costs.list);
    read_row(read.size, read.projection, "get_customer_last_order(id)", read.costs.last_order);
  }
  return 0;
}
