#include "cli/admin_commands.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "cli/progress.hpp"
#include "factory/engine_table.hpp"

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
    print_statistics(context, context.open_existing()->get_order_statistics());
    return kExitOk;
  });
}

// `recompute-stats`: an engine that keeps statistics in counters (DynamoDB) can have them put out
// of step by writes made around it (or a clear that stopped half-way); this recounts them from the
// orders and adopts orders other clients wrote. An engine that counts on every call (SQLite) has
// nothing to recompute. Which is which is the engine table's to say.
void add_recompute_stats(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand(
      "recompute-stats", "Recount stored statistics counters from the orders (DynamoDB; run while nothing else writes)");
  on_chosen(*command, context, [&context] {
    const managers::OrderManagerConfig config = context.resolved();
    const managers::factory::EngineEntry& engine = managers::factory::engine(*config.type);
    const auto manager = context.open_existing();
    if (engine.recompute_statistics == nullptr) {
      context.out.note("The " + std::string(engine.name) +
                       " engine counts the statistics from the orders on every call: nothing to recompute.");
      print_statistics(context, manager->get_order_statistics());
      return kExitOk;
    }
    const managers::OrderStatistics stats = engine.recompute_statistics(*manager);
    context.out.note("Recomputed the statistics counters from the orders.");
    print_statistics(context, stats);
    return kExitOk;
  });
}

// `upgrade-table`: an engine that reads the earlier module's layout only in a slower legacy mode
// (DynamoDB: GSIs without sort key) converts it in place. Online and resumable: every step looks
// at the table as it is, so running it again after a kill finishes the job, and running it on an
// upgraded table does nothing. Each step is announced on stderr as "step i/n: ..." (scripts and
// the tests follow it), the orders of the backfill on a progress bar.
void add_upgrade_table(CLI::App& app, Context& context) {
  auto yes = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "upgrade-table",
      "Convert a table of the earlier module's layout in place (DynamoDB: sorted indexes, statistics; online, "
      "resumable)");
  command->add_flag("--yes", *yes, "Do not ask for confirmation");
  on_chosen(*command, context, [&context, yes] {
    const managers::OrderManagerConfig config = context.resolved();
    const managers::factory::EngineEntry& engine = managers::factory::engine(*config.type);
    const std::string location = context.location();
    if (engine.upgrade == nullptr) {
      context.open();  // the engine upgrades an earlier module's store when it opens it
      context.out.note("The " + std::string(engine.name) + " engine upgrades an earlier module's " +
                       std::string(engine.location_noun) + " when it opens it: " + location + " is up to date.");
      if (context.out.json()) context.out.print_json({{"upgraded", false}, {"location", location}});
      return kExitOk;
    }
    // Without the legacy-mode warning: this command is its answer.
    managers::OrderManagerConfig quiet = context.overrides();
    quiet.on_warning = nullptr;
    const auto manager = managers::OrderManagerFactory::create_from_env(quiet);
    const std::vector<std::string> steps = engine.pending_upgrade(*manager);
    if (steps.empty()) {
      context.out.note(location + " is already in the engine's layout: nothing to do.");
      if (context.out.json()) context.out.print_json({{"upgraded", false}, {"location", location}});
      return kExitOk;
    }
    std::cerr << "Upgrading " << location << " in place, " << steps.size() << " steps:\n";
    for (std::size_t i = 0; i < steps.size(); ++i) std::cerr << "  " << i + 1 << ". " << steps[i] << '\n';
    std::cerr << "Reads and writes keep working meanwhile; a run that stops can be started again.\n";
    if (!*yes) {
      if (isatty(STDIN_FILENO) != 1)
        throw CommandError(kExitInvalid, "upgrade-table changes the indexes of " + location +
                                             " and there is no terminal to confirm on; run it again with --yes");
      std::cerr << "Proceed? [y/N] " << std::flush;
      std::string answer;
      std::getline(std::cin, answer);
      if (answer != "y" && answer != "Y" && answer != "yes")
        throw CommandError(kExitRefused, "upgrade of " + location + " not confirmed; nothing was changed");
    }
    int shown_step = 0;
    std::unique_ptr<Progress> bar;
    const bool terminal = Progress::stderr_is_terminal();
    engine.upgrade(*manager, [&](const managers::UpgradeProgress& progress) {
      if (progress.step != shown_step) {
        if (bar) bar->finish();
        bar.reset();
        shown_step = progress.step;
        // endl: a script (or a test) acts on the line as soon as the step starts.
        std::cerr << "step " << progress.step << "/" << progress.steps << ": " << progress.what << std::endl;
      }
      if (progress.unit.empty()) return;
      if (!bar) bar = std::make_unique<Progress>(std::cerr, terminal, progress.unit, progress.total);
      bar->update(progress.done);
    });
    if (bar) bar->finish();
    context.out.note("Upgraded " + location + ": its indexes are sorted and its statistics counted.");
    if (context.out.json()) context.out.print_json({{"upgraded", true}, {"location", location}, {"steps", steps}});
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
    context.open_existing()->clear_all_orders();
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

// `check`: the resolved configuration, what the engine table reports before
// opening the store (e.g. a SQLite file that does not exist yet, which check
// does not create), then the engine's own check_health().
void add_check(CLI::App& app, Context& context) {
  CLI::App* command = app.add_subcommand("check", "Check the configuration and that the store is usable");
  on_chosen(*command, context, [&context] {
    const managers::OrderManagerConfig config = context.resolved();
    const managers::factory::EngineEntry& engine = managers::factory::engine(*config.type);
    managers::HealthReport report;
    report.facts.push_back("backend: " + std::string(engine.name));
    if (engine.before_open(config, report)) {
      // The engine's own facts follow; one it repeats (same "key:") is shown once.
      std::set<std::string> keys;
      for (const std::string& fact : report.facts) keys.insert(fact.substr(0, fact.find(':')));
      managers::HealthReport health = context.open()->check_health();
      for (std::string& fact : health.facts)
        if (keys.insert(fact.substr(0, fact.find(':'))).second) report.facts.push_back(std::move(fact));
      for (auto& problem : health.problems) report.problems.push_back(std::move(problem));
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
  add_clear(app, context);
  add_demo(app, context);
  add_check(app, context);
  add_recompute_stats(app, context);
  add_upgrade_table(app, context);
}

}  // namespace cli
