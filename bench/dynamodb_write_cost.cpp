// WCU and requests per write of the DynamoDB engine, in both write modes, next to the earlier
// module's plain writes of the same orders (PutItem without condition or statistics; UpdateItem of
// the status), for small (~0.6 KB of order data), 10 KB and the largest valid orders (~45 KB), against DynamoDB Local
// (issue 15). DynamoDB Local reports ConsumedCapacity as DynamoDB bills it.
//
//   dynamodb_write_cost [--repeat R]
//
// Prints the markdown table of docs/DYNAMODB.md ("What a write costs, and why").

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "dynamodb/local_engine.hpp"
#include "dynamodb/write_cost.hpp"
#include "support/dynamodb_local.hpp"

namespace {

managers::DynamoDbOptions local_options(const std::string& table, managers::DynamoDbWriteMode mode) {
  managers::DynamoDbOptions options = dynamodb_testing::local_options(table);
  options.write_mode = mode;
  return options;
}

void row(const char* size, const char* mode, const char* write, const write_cost::Cost& cost, double plain) {
  std::printf("| %-6s | %-13s | %-36s | %5.1f | %4.1f | %5.2fx |\n", size, mode, write, cost.wcu, cost.requests,
              plain > 0 ? cost.wcu / plain : 0.0);
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
  std::printf("| order | mode | write | WCU | requests | vs plain put |\n|---|---|---|---|---|---|\n");
  int table = 0;
  for (const Size& size : sizes) {
    write_cost::WriteCosts plain_reference;
    for (const auto mode : {managers::DynamoDbWriteMode::kIntents, managers::DynamoDbWriteMode::kTransactional}) {
      const std::string name = "wcost-" + std::to_string(::getpid()) + "-" + std::to_string(++table);
      const write_cost::WriteCosts costs = write_cost::measure(local_options(name, mode), size.pad, repeat);
      const char* mode_name = mode == managers::DynamoDbWriteMode::kIntents ? "intents (default)" : "transactional";
      if (mode == managers::DynamoDbWriteMode::kIntents) {
        plain_reference = costs;
        char label[64];
        std::snprintf(label, sizeof label, "%s (%.1f KB item)", size.name, costs.item_kb);
        row(size.name, "plain (earlier module)", "PutItem, no condition", costs.plain_put, costs.plain_put.wcu);
        row(size.name, "plain (earlier module)", "UpdateItem status", costs.plain_status, costs.plain_put.wcu);
        std::fprintf(stderr, "%s\n", label);
      }
      const double plain = plain_reference.plain_put.wcu;
      row(size.name, mode_name, "create_order (returning customer)", costs.create, plain);
      row(size.name, mode_name, "update_order_status", costs.status_change, plain);
      row(size.name, mode_name, "update_order_ready_time", costs.ready_time, plain);
      row(size.name, mode_name, "delete_order (customer keeps orders)", costs.remove, plain);
      row(size.name, mode_name, "delete_order (customer's last)", costs.remove_last, plain);
    }
  }
  return 0;
}
