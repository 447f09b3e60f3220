#include "cli/order_commands.hpp"

#include <charconv>
#include <memory>
#include <vector>

#include "domain/json_input.hpp"
#include "domain/printable_text.hpp"
#include "managers/errors.hpp"
#include "managers/limits.hpp"

namespace cli {
namespace {

using managers::Order;
using managers::OrderManagerInterface;

CommandError not_found(const std::string& order_id) {
  return CommandError(kExitNotFound, "order " + order_id + " not found");
}

// A status change that was not made: the order is missing or its final status refused it.
CommandError not_changed(const managers::StatusChangeResult& result, const std::string& order_id,
                         const std::string& change) {
  if (result.outcome == managers::UpdateOutcome::kNotFound || !result.status) return not_found(order_id);
  return CommandError(kExitRefused, "order " + order_id + " is " + std::string(managers::to_string(*result.status)) +
                                        ", which is final; " + change + " refused");
}

// --json prints the order as stored after the change.
void print_stored(Context& context, OrderManagerInterface& manager, const std::string& order_id) {
  const std::optional<Order> order = manager.get_order(order_id);
  if (!order) throw not_found(order_id);  // deleted in between by someone else
  context.out.order(*order);
}

nlohmann::json parse_metadata(const std::string& text) {
  managers::domain::JsonInput input = managers::domain::parse_json_input(text);
  if (!input.value)
    throw managers::ValidationError("metadata", "must be a JSON object such as '{\"table\": \"5\"}' (" + input.error + ")");
  return std::move(*input.value);
}

void add_create(CLI::App& app, Context& context) {
  struct Args {
    std::string order_id, customer_id, customer_name, total, conversation_id, ready_time, metadata;
    std::vector<std::string> items;
    CLI::Option* conversation = nullptr;
    CLI::Option* ready = nullptr;
    CLI::Option* meta = nullptr;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("create", "Create an order (status Pending)");
  command->add_option("--order-id", args->order_id, "Unique order id, e.g. ORD-001")->required();
  command->add_option("--customer-id", args->customer_id, "Customer id, e.g. CUST-001")->required();
  command->add_option("--customer-name", args->customer_name, "Customer name, e.g. 'John Doe'")->required();
  command
      ->add_option("--item", args->items,
                   "An item as NAME:QTY:UNIT_PRICE, e.g. Coffee:2:3.50 (repeat for more; the name may contain colons)")
      ->required()
      ->type_name("NAME:QTY:UNIT_PRICE");
  command->add_option("--total", args->total, "Total price as charged, e.g. 16.99")->required()->type_name("PRICE");
  args->conversation = command->add_option("--conversation-id", args->conversation_id, "Associated conversation id");
  args->ready = command->add_option("--ready-time", args->ready_time,
                                    "Estimated ready time, ISO-8601, e.g. 2024-11-22T15:30:00")
                    ->type_name("TIME");
  args->meta = command->add_option("--metadata", args->metadata, "Custom metadata as a JSON object, e.g. '{\"table\":\"5\"}'")
                   ->type_name("JSON");

  on_chosen(*command, context, [&context, args] {
    managers::NewOrder order;
    order.order_id = args->order_id;
    order.customer_id = args->customer_id;
    order.customer_name = args->customer_name;
    for (std::size_t i = 0; i < args->items.size(); ++i) order.items.push_back(parse_item(args->items[i], i));
    order.total_price = managers::Money::parse(args->total, "total_price");
    if (args->conversation->count() > 0) order.conversation_id = args->conversation_id;
    if (args->ready->count() > 0) order.estimated_ready_time = args->ready_time;
    if (args->meta->count() > 0) order.metadata = parse_metadata(args->metadata);

    const auto manager = context.open();
    if (!manager->create_order(order))
      throw CommandError(kExitRefused, "order " + order.order_id + " already exists; nothing changed");
    if (context.out.json()) {
      print_stored(context, *manager, order.order_id);
    } else {
      context.out.line("Created order " + order.order_id + ".");
    }
    return kExitOk;
  });
}

void add_get(CLI::App& app, Context& context) {
  auto order_id = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("get", "Show an order (--json: the complete order record)");
  command->add_option("ID", *order_id, "Order id")->required();
  on_chosen(*command, context, [&context, order_id] {
    const std::optional<Order> order = context.open_existing()->get_order(*order_id);
    if (!order) throw not_found(*order_id);
    context.out.order(*order);
    return kExitOk;
  });
}

void add_summary(CLI::App& app, Context& context) {
  auto order_id = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("summary", "Print an order's readable summary (format_order_summary)");
  command->add_option("ID", *order_id, "Order id")->required();
  on_chosen(*command, context, [&context, order_id] {
    // The order itself, not the "Order not found." text, tells a missing id apart.
    const std::optional<Order> order = context.open_existing()->get_order(*order_id);
    if (!order) throw not_found(*order_id);
    const std::string summary = managers::format_order_summary(*order);
    if (context.out.json())
      context.out.print_json({{"order_id", *order_id}, {"summary", summary}});
    else
      context.out.line(summary);
    return kExitOk;
  });
}

void add_set_status(CLI::App& app, Context& context) {
  struct Args {
    std::string order_id, status;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("set-status", "Change an order's status (Completed and Cancelled are final)");
  command->add_option("ID", args->order_id, "Order id")->required();
  command
      ->add_option("STATUS", args->status,
                   "New status, as value or name in any case: Pending, Confirmed, 'Being prepared' (PREPARING), "
                   "'Ready for pickup' (READY), Completed, Cancelled")
      ->required();
  on_chosen(*command, context, [&context, args] {
    const managers::OrderStatus status = managers::parse_order_status(args->status, "status");
    const auto manager = context.open_existing();
    const managers::StatusChangeResult result = manager->change_order_status(args->order_id, status);
    if (!result.succeeded()) throw not_changed(result, args->order_id, "status change");
    if (context.out.json()) {
      print_stored(context, *manager, args->order_id);
    } else {
      context.out.line("Order " + args->order_id + " status: " + std::string(managers::to_string(status)) + ".");
    }
    return kExitOk;
  });
}

void add_set_ready_time(CLI::App& app, Context& context) {
  struct Args {
    std::string order_id, time;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("set-ready-time", "Set an order's estimated ready time");
  command->add_option("ID", args->order_id, "Order id")->required();
  command->add_option("TIME", args->time, "ISO-8601 time, e.g. 2024-11-22T15:30:00")->required();
  on_chosen(*command, context, [&context, args] {
    const auto manager = context.open_existing();
    if (manager->change_order_ready_time(args->order_id, args->time) == managers::UpdateOutcome::kNotFound)
      throw not_found(args->order_id);
    if (context.out.json()) {
      print_stored(context, *manager, args->order_id);
    } else {
      context.out.line("Order " + args->order_id + " estimated ready time: " + args->time + ".");
    }
    return kExitOk;
  });
}

void add_delete(CLI::App& app, Context& context) {
  auto order_id = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("delete", "Delete an order and its items");
  command->add_option("ID", *order_id, "Order id")->required();
  on_chosen(*command, context, [&context, order_id] {
    if (!context.open_existing()->delete_order(*order_id)) throw not_found(*order_id);
    if (context.out.json())
      context.out.print_json({{"deleted", *order_id}});
    else
      context.out.line("Deleted order " + *order_id + ".");
    return kExitOk;
  });
}

}  // namespace

managers::OrderItemInput parse_item(const std::string& text, std::size_t index) {
  const std::string field = "items[" + std::to_string(index) + "]";
  const auto price_colon = text.rfind(':');
  const auto quantity_colon = price_colon == std::string::npos || price_colon == 0 ? std::string::npos
                                                                                 : text.rfind(':', price_colon - 1);
  if (quantity_colon == std::string::npos)
    throw managers::ValidationError(field, "must be NAME:QTY:UNIT_PRICE such as Coffee:2:3.50, not " + managers::domain::quote_input(text));

  managers::OrderItemInput item;
  item.item_name = text.substr(0, quantity_colon);
  const std::string quantity = text.substr(quantity_colon + 1, price_colon - quantity_colon - 1);
  const auto [end, error] = std::from_chars(quantity.data(), quantity.data() + quantity.size(), item.quantity);
  if (quantity.empty() || error != std::errc() || end != quantity.data() + quantity.size())
    throw managers::ValidationError(field + ".quantity", "must be a whole number from 1 to " +
                                                             std::to_string(managers::limits::kMaxQuantity) +
                                                             ", not " + managers::domain::quote_input(quantity));
  item.unit_price = managers::Money::parse(text.substr(price_colon + 1), field + ".unit_price");
  return item;
}

void add_order_commands(CLI::App& app, Context& context) {
  add_create(app, context);
  add_get(app, context);
  add_summary(app, context);
  add_set_status(app, context);
  add_set_ready_time(app, context);
  add_delete(app, context);
}

}  // namespace cli
