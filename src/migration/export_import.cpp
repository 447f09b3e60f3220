#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "managers/errors.hpp"
#include "managers/migration.hpp"
#include "migration/import_line.hpp"
#include "migration/sorted_lines.hpp"
#include "migration/transfer.hpp"

namespace managers {
namespace {

constexpr std::int64_t kImportProgressEvery = 200;

// Reads the next non-blank line; `line_number` counts every physical line.
bool next_line(std::istream& in, std::string& line, std::int64_t& line_number) {
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) return true;
  }
  return false;
}

class ImportRun {
 public:
  ImportRun(OrderManagerInterface& manager, const ImportOptions& options) : manager_(manager), options_(options) {}

  // Pass 1 of a strict import: checks every line, writes nothing, reports no
  // progress (the write pass does). True if all are good.
  bool check_all(std::istream& in) {
    std::unordered_map<std::string, std::int64_t> first_line_of;
    for_each_order(in, /*report_progress=*/false, [&](std::int64_t line_number, const Order& order) {
      if (const auto [at, inserted] = first_line_of.emplace(order.order_id, line_number); !inserted) {
        fail(line_number, order.order_id,
             "order_id " + order.order_id + " appears again (first on line " + std::to_string(at->second) + ")");
      } else if (!options_.overwrite) {
        const std::optional<Order> stored = manager_.get_order(order.order_id);
        if (stored && *stored != order) {
          ++report_.conflicts;
          list(line_number, order.order_id, transfer::conflict_reason(order.order_id));
        }
      }
    });
    return report_.failed == 0 && report_.conflicts == 0;
  }

  // The writing pass (the only pass when not strict).
  void write_all(std::istream& in) {
    for_each_order(in, /*report_progress=*/true, [&](std::int64_t line_number, const Order& order) {
      const transfer::StoreResult result = transfer::store_order(manager_, order, options_.overwrite);
      transfer::count(report_, result.outcome);
      if (result.outcome == transfer::Outcome::kConflict || result.outcome == transfer::Outcome::kFailed)
        list(line_number, order.order_id, result.reason);
    });
  }

  void progress() {
    if (options_.on_progress) options_.on_progress(report_);
  }

  ImportReport& report() { return report_; }

 private:
  // Reads every line, counts it, reports a line that is not an order and hands
  // each good one to `use`; reports progress after each line when `report_progress`.
  // Both passes share it, so they judge lines alike.
  template <typename Use>
  void for_each_order(std::istream& in, bool report_progress, Use use) {
    std::string line;
    std::int64_t line_number = 0;
    while (next_line(in, line, line_number)) {
      ++report_.read;
      transfer::ParsedLine parsed = transfer::parse_import_line(line);
      if (parsed.order)
        use(line_number, *parsed.order);
      else
        fail(line_number, parsed.order_id, parsed.error);
      if (report_progress) tick();
    }
    finish_reading(in);
  }

  void fail(std::int64_t line_number, const std::string& order_id, const std::string& reason) {
    ++report_.failed;
    list(line_number, order_id, reason);
  }

  void list(std::int64_t line_number, const std::string& order_id, const std::string& reason) {
    if (report_.problems.size() < options_.max_listed)
      report_.problems.push_back({line_number, order_id, reason});
    else
      report_.problems_truncated = true;
  }

  void tick() {
    if (report_.read % kImportProgressEvery == 0) progress();
  }

  static void finish_reading(std::istream& in) {
    if (in.bad()) throw std::ios_base::failure("reading the import input failed");
  }

  OrderManagerInterface& manager_;
  const ImportOptions& options_;
  ImportReport report_;
};

[[noreturn]] void not_seekable() {
  throw ValidationError("input", "a strict import reads its input twice, so it must be a file, not a pipe");
}

}  // namespace

std::int64_t export_orders(OrderManagerInterface& manager, std::ostream& out, const ExportOptions& options) {
  TransferCounts counts;
  transfer::SortedLines sorted(options.sort_memory_bytes);
  transfer::for_each_order(
      manager, options.page_size,
      [&](const Order& order) {
        sorted.add(order.order_id, to_json(order).dump());
        ++counts.read;
      },
      [&](const UnreadableOrder& unreadable) {
        ++counts.read;
        ++counts.failed;
        if (options.on_unreadable) options.on_unreadable(unreadable);
      },
      [&] {
        if (options.on_progress) options.on_progress(counts);
      });
  counts.copied = sorted.write_to(out);
  out.flush();
  if (!out) throw std::ios_base::failure("writing the export failed");
  if (options.on_progress) options.on_progress(counts);
  return counts.copied;
}

ImportReport import_orders(OrderManagerInterface& manager, std::istream& in, const ImportOptions& options) {
  if (!options.strict) {
    ImportRun run(manager, options);
    run.write_all(in);
    run.progress();
    return std::move(run.report());
  }

  const std::istream::pos_type start = in.tellg();
  if (start == std::istream::pos_type(-1)) not_seekable();
  {
    ImportRun check(manager, options);
    if (!check.check_all(in)) {
      check.report().nothing_written = true;
      check.progress();
      return std::move(check.report());
    }
  }
  in.clear();
  in.seekg(start);
  if (!in) not_seekable();
  ImportRun run(manager, options);
  run.write_all(in);
  run.progress();
  return std::move(run.report());
}

}  // namespace managers
