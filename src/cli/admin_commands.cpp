#include "cli/admin_commands.hpp"

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "managers/order_manager.hpp"
#include "managers/order_manager_dynamodb.hpp"
#include "sqlite/read_only_check.hpp"

namespace cli {
namespace {

void print_statistics(const Context& context, const managers::OrderStatistics& stats) {
    if (context.out.json()) {
      context.out.print_json(managers::to_json(stats));
      return;
    }
    context.out.line("Total orders: " + std::to_string(stats.total_orders));
    context.out.line("Total revenue: $" + stats.total_revenue.to_string());
    context.out.line("Unique customers: " + std::to_string(stats.unique_customers));
    context.out.line(stats.status_breakdown.empty() ? "Status breakdown: none" : "Status breakdown:");
    for (const auto& [status, count] : stats.status_breakdown)
      context.out.line("  " + status + ": " + std::to_string(count));
}

void add_stats(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand("stats", "Order statistics (revenue excludes cancelled orders)");
  on_chosen(*command, context, [&context] {
    print_statistics(context, context.open()->get_order_statistics());
    return kExitOk;
  });
}

// `recompute-stats`: DynamoDB keeps statistics in counters, which writes made around the engine
// (or a clear that stopped half-way) can put out of step; this recounts them from the orders and
// adopts orders other clients wrote (recompute_statistics). SQLite counts on every call.
void add_recompute_stats(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "recompute-stats", "DynamoDB: recount the statistics counters from the orders (run while nothing else writes)");
  on_chosen(*command, context, [&context] {
    const auto manager = context.open();
    if (auto* dynamodb = dynamic_cast<managers::OrderManagerDynamoDB*>(manager.get())) {
      const managers::OrderStatistics stats = dynamodb->recompute_statistics();
      context.out.note("Recomputed the statistics counters from the orders.");
      print_statistics(context, stats);
      return kExitOk;
    }
    context.out.note("SQLite counts the statistics from the orders on every call: nothing to recompute.");
    print_statistics(context, manager->get_order_statistics());
    return kExitOk;
  });
}

void add_clear(CLI::App& app, Context& context) {
  auto yes = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand("clear", "Delete EVERY order (needs --yes)");
  command->add_flag("--yes", *yes, "Confirm deleting every order");
  on_chosen(*command, context, [&context, yes] {
    const std::string location = context.location();
    if (!*yes)
      throw CommandError(kExitInvalid, "clear deletes every order in " + location + "; run it again with --yes to confirm");
    context.open()->clear_all_orders();
    if (context.out.json())
      context.out.print_json({{"cleared", location}});
    else
      context.out.line("Deleted every order in " + location + ".");
    return kExitOk;
  });
}

// The spec's Quick Start.
void add_demo(CLI::App& app, Context& context) {
  CLI::App* command =
      app.add_subcommand("demo", "Run the spec's Quick Start: create ORD-001 for John Doe and print its summary");
  on_chosen(*command, context, [&context] {
    const std::string location = context.location();
    const auto order_manager = context.open();
    const bool created = order_manager->create_order(
        "ORD-001", "CUST-001", "John Doe", {{"Coffee", 2, 3.50}, {"Sandwich", 1, 8.99}}, 16.99,
        /*conversation_id=*/std::nullopt, /*estimated_ready_time=*/"2024-11-22T15:30:00",
        /*metadata=*/{{"table", "5"}});
    context.out.note(created ? "Created order ORD-001 in " + location + "."
                             : "Order ORD-001 already exists in " + location + "; showing it as stored.");
    const std::optional<managers::Order> order = order_manager->get_order("ORD-001");
    if (!order) throw CommandError(kExitNotFound, "order ORD-001 not found (deleted meanwhile?)");
    if (context.out.json())
      context.out.order(*order);
    else
      context.out.line(order_manager->format_order_summary("ORD-001"));
    return kExitOk;
  });
}

// `check`: the resolved configuration and the engine's own health check.
// SQLite: the file, whether it exists, its schema version, read-only (sqlite/read_only_check.hpp):
// what opening it would do is reported, not done.
// DynamoDB: the engine's check_health() (credentials source, region, endpoint,
// table and index shapes) — the place the DynamoDB work extends.
void add_check(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand("check", "Check the configuration and that the store is usable");
  on_chosen(*command, context, [&context] {
    const managers::OrderManagerConfig config = context.resolved();
    managers::HealthReport report;
    report.facts.push_back("backend: " + std::string(managers::to_string(*config.type)));

    bool open_store = true;
    if (config.type == managers::OrderManagerType::SQLITE) {
      const std::filesystem::path path = *config.db_path;
      std::error_code error;
      const bool exists = std::filesystem::exists(path, error);
      open_store = false;  // a check never changes the file: it is looked at read-only
      if (exists) {
        managers::HealthReport file = managers::sqlite::check_file_read_only(path.string());
        for (std::string& fact : file.facts) report.facts.push_back(std::move(fact));
        for (auto& problem : file.problems) report.problems.push_back(std::move(problem));
      } else {
        report.facts.push_back("database: " + path.string() + " (does not exist yet; created on first use)");
        const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
        if (!std::filesystem::is_directory(folder, error))
          report.problems.push_back({"the folder " + folder.string() + " does not exist",
                                     "create it, or pass --db / set ORDER_DB_PATH to a path in an existing folder"});
      }
    } else {
      report.facts.push_back("table: " + *config.table_name);
    }

    if (open_store) {
      const auto manager = context.open();
      if (const auto* sqlite = dynamic_cast<const managers::OrderManager*>(manager.get()))
        report.facts.push_back("schema version: " + std::to_string(sqlite->schema_version()));
      // The engine's own facts follow; one it repeats (same "key:") is shown once.
      std::set<std::string> keys;
      for (const std::string& fact : report.facts) keys.insert(fact.substr(0, fact.find(':')));
      managers::HealthReport engine = manager->check_health();
      for (std::string& fact : engine.facts)
        if (keys.insert(fact.substr(0, fact.find(':'))).second) report.facts.push_back(std::move(fact));
      for (auto& problem : engine.problems) report.problems.push_back(std::move(problem));
    }

    if (context.out.json()) {
      nlohmann::json problems = nlohmann::json::array();
      for (const auto& problem : report.problems) problems.push_back({{"what", problem.what}, {"fix", problem.fix}});
      context.out.print_json({{"ok", report.ok()}, {"facts", report.facts}, {"problems", problems}});
    } else {
      for (const std::string& fact : report.facts) context.out.line(fact);
      for (const auto& problem : report.problems) {
        context.out.line("problem: " + problem.what);
        context.out.line("  fix: " + problem.fix);
      }
      context.out.line(report.ok() ? "OK" : "NOT OK");
    }
    return report.ok() ? kExitOk : kExitStorage;
  });
}

}  // namespace

void add_admin_commands(CLI::App& app, Context& context) {
  add_stats(app, context);
  add_recompute_stats(app, context);
  add_clear(app, context);
  add_demo(app, context);
  add_check(app, context);
}

}  // namespace cli
