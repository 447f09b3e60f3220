#include "cli/transfer_commands.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/progress.hpp"
#include "domain/printable_text.hpp"
#include "managers/errors.hpp"
#include "managers/migration.hpp"

namespace cli {
namespace {

using managers::TransferCounts;

nlohmann::json counts_json(const TransferCounts& counts) {
  return {{"read", counts.read},           {"copied", counts.copied},           {"already_present", counts.already_present},
          {"conflicts", counts.conflicts}, {"overwritten", counts.overwritten}, {"failed", counts.failed}};
}

void print_counts(const Output& out, const TransferCounts& counts, const std::string& read_label,
                  const std::string& copied_label) {
  auto row = [&out](const std::string& label, std::int64_t value) {
    std::string text = "  " + label + ":";
    text.resize(std::max<std::size_t>(text.size() + 1, 19), ' ');
    out.line(text + std::to_string(value));
  };
  row(read_label, counts.read);
  row(copied_label, counts.copied);
  row("already present", counts.already_present);
  row("conflicts", counts.conflicts);
  row("overwritten", counts.overwritten);
  row("failed", counts.failed);
}

std::string describe_counts(const TransferCounts& counts) {
  return std::to_string(counts.read) + " read, " + std::to_string(counts.copied) + " copied, " +
         std::to_string(counts.already_present) + " already present";
}

std::unique_ptr<Progress> make_progress(const std::string& what, std::optional<std::int64_t> total) {
  return std::make_unique<Progress>(std::cerr, Progress::stderr_is_terminal(), what, total);
}

void add_migrate(CLI::App& app, Context& context) {
  struct Args {
    std::string from, to;
    bool overwrite = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "migrate", "Copy every order from one store to another (idempotent, resumable: run it again to finish)");
  command->add_option("--from", args->from, "Source: " + managers::factory::location_forms())
      ->required()
      ->type_name("ENGINE:LOCATION");
  command->add_option("--to", args->to, "Destination: " + managers::factory::location_forms())
      ->required()
      ->type_name("ENGINE:LOCATION");
  command->add_flag("--overwrite", args->overwrite,
                    "Replace destination orders whose content differs (else they are reported as conflicts)");
  on_chosen(*command, context, [&context, args] {
    using managers::factory::OpenMode;
    const managers::OrderManagerConfig from_config =
        managers::OrderManagerFactory::resolve_from_env(parse_store(context, args->from, "--from"));
    const managers::OrderManagerConfig to_config =
        managers::OrderManagerFactory::resolve_from_env(parse_store(context, args->to, "--to"));
    const std::string from_name = managers::factory::describe_location(from_config);
    const std::string to_name = managers::factory::describe_location(to_config);
    // The source must exist (a wrong region must not become an empty source); the destination may
    // be created, and is named on stderr when it is.
    const auto from = managers::factory::open(existing_tables_only(from_config), OpenMode::kNormal);
    const auto to = managers::factory::open(announcing_created_tables(to_config), OpenMode::kBulkLoad);  // idempotent

    // A bar with an ETA needs the total: one count of the source, only when someone watches.
    std::optional<std::int64_t> total;
    if (Progress::stderr_is_terminal()) total = from->get_order_statistics().total_orders;
    const auto progress = make_progress("orders", total);

    TransferCounts last;
    managers::MigrationOptions options;
    options.overwrite = args->overwrite;
    options.on_progress = [&](const TransferCounts& counts) {
      last = counts;
      progress->update(counts.read);
    };
    managers::MigrationReport report;
    try {
      report = managers::migrate(*from, *to, options);
    } catch (const managers::StorageError& error) {
      progress->finish();
      throw CommandError(kExitStorage, std::string(error.what()) + " — migration stopped after " + describe_counts(last) +
                                           "; run the same command again to resume");
    }
    progress->finish();

    if (context.out.json()) {
      nlohmann::json failures = nlohmann::json::array();
      for (const auto& failure : report.failures)
        failures.push_back({{"order_id", failure.order_id}, {"reason", failure.reason}});
      nlohmann::json result = counts_json(report);
      result["from"] = from_name;
      result["to"] = to_name;
      result["conflict_ids"] = report.conflict_ids;
      result["failures"] = failures;
      result["lists_truncated"] = report.lists_truncated;
      context.out.print_json(result);
    } else {
      context.out.line("Migrated " + from_name + " -> " + to_name);
      print_counts(context.out, report, "read", "copied");
      if (!report.conflict_ids.empty()) {
        std::string ids;
        for (const std::string& id : report.conflict_ids) ids += (ids.empty() ? "" : ", ") + id;
        context.out.line(std::string(args->overwrite ? "Overwritten" : "Conflicts (left alone; --overwrite replaces them)") +
                         ": " + ids + (report.lists_truncated ? ", ..." : ""));
      }
    }
    for (const auto& failure : report.failures) print_error("order " + failure.order_id + ": " + failure.reason);
    return report.conflicts > 0 || report.failed > 0 ? kExitRefused : kExitOk;
  });
}

void add_export(CLI::App& app, Context& context) {
  struct Args {
    std::string output;
    CLI::Option* output_option = nullptr;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command =
      app.add_subcommand("export", "Write every order as JSON Lines (one order per line, ascending order_id)");
  args->output_option = command->add_option("--output,-o", args->output, "Write to FILE instead of stdout")->type_name("FILE");
  on_chosen(*command, context, [&context, args] {
    const auto manager = context.open_existing();
    const auto progress = make_progress("orders", std::nullopt);
    managers::ExportOptions options;
    options.on_progress = [&](const TransferCounts& counts) { progress->update(counts.read); };
    // Records that are not readable orders are skipped, each named, then summed up in one line
    // with a non-zero exit: every other order is exported, and running again would not help.
    std::int64_t skipped = 0;
    options.on_unreadable = [&](const managers::UnreadableOrder& unreadable) {
      ++skipped;
      print_error("order " + unreadable.order_id + " cannot be read, skipped: " + unreadable.reason);
    };
    const auto skipped_result = [&]() {
      if (skipped == 0) return kExitOk;
      print_error("skipped " + std::to_string(skipped) + " stored record(s) that are not readable orders (listed " +
                  "above); every other order was exported. Repair or delete them (order-manager check lists them)");
      return kExitStorage;
    };

    if (args->output_option->count() == 0) {
      std::cout.exceptions(std::ios_base::badbit | std::ios_base::failbit);
      const std::int64_t exported = managers::export_orders(*manager, std::cout, options);
      progress->finish();
      std::cerr << "Exported " << exported << " orders.\n";
      return skipped_result();
    }

    // Written beside the target and renamed into place: a failed export never
    // leaves a truncated file under the requested name.
    const std::string partial = args->output + ".partial";
    std::int64_t exported = 0;
    {
      std::ofstream file(partial, std::ios::binary | std::ios::trunc);
      if (!file)
        throw CommandError(kExitInvalid, "cannot write " + partial + ": " + std::strerror(errno));
      try {
        exported = managers::export_orders(*manager, file, options);
        file.close();
        if (!file) throw std::ios_base::failure("writing " + partial + " failed");
      } catch (...) {
        file.close();
        std::remove(partial.c_str());
        throw;
      }
    }
    if (std::rename(partial.c_str(), args->output.c_str()) != 0) {
      const std::string reason = std::strerror(errno);
      std::remove(partial.c_str());
      throw CommandError(kExitStorage, "cannot rename " + partial + " to " + args->output + ": " + reason);
    }
    progress->finish();
    if (context.out.json())
      context.out.print_json({{"exported", exported}, {"output", args->output}});
    else
      context.out.line("Exported " + std::to_string(exported) + " orders to " + args->output + ".");
    return skipped_result();
  });
}

void add_import(CLI::App& app, Context& context) {
  struct Args {
    std::string file;
    bool strict = false;
    bool overwrite = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "import", "Read orders from JSON Lines (as written by export); bad lines are reported and skipped");
  command->add_option("FILE", args->file, "JSON Lines file ('-' for stdin)")->required();
  command->add_flag("--strict", args->strict,
                    "All or nothing: check every line first and write nothing if any is bad or conflicts");
  command->add_flag("--overwrite", args->overwrite, "Replace stored orders whose content differs");
  on_chosen(*command, context, [&context, args] {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (args->file != "-") {
      file.open(args->file, std::ios::binary);
      if (!file) throw CommandError(kExitInvalid, "cannot read " + args->file + ": " + std::strerror(errno));
      in = &file;
    }
    const std::string location = context.location();
    const auto manager = context.open_for_bulk_load();  // import is idempotent
    const auto progress = make_progress("lines", std::nullopt);
    TransferCounts last;
    managers::ImportOptions options;
    options.strict = args->strict;
    options.overwrite = args->overwrite;
    options.on_progress = [&](const TransferCounts& counts) {
      last = counts;
      progress->update(counts.read);
    };
    managers::ImportReport report;
    try {
      report = managers::import_orders(*manager, *in, options);
    } catch (const managers::StorageError& error) {
      progress->finish();
      throw CommandError(kExitStorage, std::string(error.what()) + " — import stopped after " + describe_counts(last) +
                                           " lines; run the same command again to complete it");
    }
    progress->finish();

    for (const auto& problem : report.problems)
      print_error("line " + std::to_string(problem.line) + (problem.order_id.empty() ? "" : " (" + problem.order_id + ")") +
                  ": " + problem.reason);
    if (report.problems_truncated) print_error("more problems than listed");

    if (context.out.json()) {
      nlohmann::json problems = nlohmann::json::array();
      for (const auto& problem : report.problems)
        problems.push_back({{"line", problem.line}, {"order_id", problem.order_id}, {"reason", problem.reason}});
      nlohmann::json result = counts_json(report);
      result["file"] = args->file;
      result["into"] = location;
      result["problems"] = problems;
      result["problems_truncated"] = report.problems_truncated;
      result["nothing_written"] = report.nothing_written;
      context.out.print_json(result);
    } else {
      context.out.line(report.nothing_written ? "Checked " + args->file + ": nothing written (--strict)"
                                              : "Imported " + args->file + " into " + location);
      print_counts(context.out, report, "lines read", "imported");
    }
    if (report.failed > 0) return kExitInvalid;
    return report.conflicts > 0 ? kExitRefused : kExitOk;
  });
}

}  // namespace

managers::OrderManagerConfig parse_store(const Context& context, const std::string& text, const std::string& option) {
  std::string examples;
  for (const managers::factory::EngineEntry& engine : managers::factory::engines())
    examples += (examples.empty() ? "" : " or ") + std::string(engine.name) + ":" + std::string(engine.default_location);
  const auto colon = text.find(':');
  if (colon == std::string::npos)
    throw managers::ConfigurationError(option + ": must be ENGINE:LOCATION such as " + examples + ", not " +
                                       managers::domain::quote_input(text));
  managers::OrderManagerConfig config = context.overrides();
  config.type = managers::parse_order_manager_type(text.substr(0, colon), option);
  const managers::factory::EngineEntry& engine = managers::factory::engine(*config.type);
  const std::string location = text.substr(colon + 1);
  if (location.empty())
    throw managers::ConfigurationError(option + ": the location after '" + text.substr(0, colon + 1) +
                                       "' must not be empty (a " + std::string(engine.location_noun) + " for " +
                                       std::string(engine.name) + ")");
  config.*engine.location = location;
  return config;
}

void add_transfer_commands(CLI::App& app, Context& context) {
  add_migrate(app, context);
  add_export(app, context);
  add_import(app, context);
}

}  // namespace cli
