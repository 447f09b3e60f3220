#include "cli/query_commands.hpp"

#include "cli/argument_rules.hpp"

#include <memory>
#include <optional>
#include <string>

namespace cli {
namespace {

struct ListArgs {
  std::string key;
  int limit = 0;
  std::string status;
  CLI::Option* limit_option = nullptr;
  CLI::Option* status_option = nullptr;

  std::optional<int> given_limit() const {
    return limit_option->count() > 0 ? std::optional<int>(limit) : std::nullopt;
  }
};

constexpr const char* kStatusHelp =
    "Status, as value or name in any case: Pending, Confirmed, 'Being prepared' (PREPARING), "
    "'Ready for pickup' (READY), Completed, Cancelled";

void add_customer_orders(CLI::App& app, Context& context) {
  auto args = std::make_shared<ListArgs>();
  CLI::App* command = app.add_subcommand("customer-orders", "A customer's orders (by name), newest first");
  command->add_option("NAME", args->key, "Customer name, exactly as stored")->required();
  args->limit_option = command->add_option("--limit", args->limit, "At most N orders (after the status filter)")
                           ->type_name("N")
                           ->check(whole_number(1, kMaxCliLimit));
  args->status_option = command->add_option("--status", args->status, kStatusHelp)->type_name("STATUS");
  on_chosen(*command, context, [&context, args] {
    std::optional<managers::OrderStatus> status;
    if (args->status_option->count() > 0) status = managers::parse_order_status(args->status, "--status");
    context.out.orders(context.open_existing()->get_customer_orders(args->key, args->given_limit(), status));
    return kExitOk;
  });
}

void add_last_order(CLI::App& app, Context& context) {
  auto customer_id = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("last-order", "The most recent order of a customer (by customer id)");
  command->add_option("CUSTOMER_ID", *customer_id, "Customer id, e.g. CUST-001")->required();
  on_chosen(*command, context, [&context, customer_id] {
    const std::optional<managers::Order> order = context.open_existing()->get_customer_last_order(*customer_id);
    if (!order) throw CommandError(kExitNotFound, "customer " + *customer_id + " has no orders");
    context.out.order(*order);
    return kExitOk;
  });
}

void add_by_status(CLI::App& app, Context& context) {
  auto args = std::make_shared<ListArgs>();
  CLI::App* command = app.add_subcommand("by-status", "Orders with a status, oldest first (a kitchen queue)");
  command->add_option("STATUS", args->key, kStatusHelp)->required();
  args->limit_option =
      command->add_option("--limit", args->limit, "At most N orders")->type_name("N")->check(whole_number(1, kMaxCliLimit));
  on_chosen(*command, context, [&context, args] {
    const managers::OrderStatus status = managers::parse_order_status(args->key, "status");
    context.out.orders(context.open_existing()->get_orders_by_status(status, args->given_limit()));
    return kExitOk;
  });
}

}  // namespace

void add_query_commands(CLI::App& app, Context& context) {
  add_customer_orders(app, context);
  add_last_order(app, context);
  add_by_status(app, context);
}

}  // namespace cli
