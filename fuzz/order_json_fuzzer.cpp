// Orders as JSON: order_from_json / to_json, and the JSON Lines import (parse_import_line, the
// function import_orders judges every line with, then import_orders / export_orders themselves
// on an in-memory engine).
//
// The input is read three ways: as JSON Lines (split as the import splits them), as one JSON
// document, and as a whole import file.
//
// Invariants:
//  - parse_import_line never throws; a good line gives an order that passes validate_order, a bad
//    one a non-empty reason that is one line of valid UTF-8; order_id is reported when the line
//    names one;
//  - export -> import -> export: a good line's order, exported (to_json(order).dump()), imports
//    as an equal order and exports to the same bytes;
//  - order_from_json throws only ValidationError (see the known finding below); what it accepts
//    converts back with to_json, and when valid, order_from_json(to_json(order)) == order;
//  - import_orders: read == copied + already_present + conflicts + overwritten + failed (a strict
//    import that wrote nothing counts only its bad lines), read is the number of non-blank lines,
//    problems are listed in line order, each reason one line of valid UTF-8; a second import of the
//    same input writes nothing new; the export of the result, imported strictly into an empty
//    store, gives the same export bytes; a strict import writes all of it or nothing.
#include <sstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/json_input.hpp"
#include "domain/validation.hpp"
#include "fuzz_support.hpp"
#include "managers/errors.hpp"
#include "managers/migration.hpp"
#include "managers/order.hpp"
#include "store/memory_order_store.hpp"
#include "migration/import_line.hpp"

namespace {

using managers::Order;
using managers::ValidationError;
using nlohmann::json;

// The lines the import reads: split on '\n', a trailing '\r' dropped, blank lines skipped.
std::vector<std::string_view> import_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) lines.push_back(line);
  }
  return lines;
}

bool is_valid_utf8_line(const std::string& text) {
  if (text.find('\n') != std::string::npos || text.find('\r') != std::string::npos) return false;
  try {
    (void)json(text).dump();  // nlohmann refuses to write a string that is not UTF-8
  } catch (const json::type_error&) {
    return false;
  }
  return true;
}

void check_round_trip(const Order& order) {
  const std::string exported = to_json(order).dump();
  const managers::transfer::ParsedLine again = managers::transfer::parse_import_line(exported);
  FUZZ_CHECK_MSG(again.order.has_value(), exported + " does not import: " + again.error);
  FUZZ_CHECK_MSG(*again.order == order, exported + " imports as " + to_json(*again.order).dump());
  FUZZ_CHECK_MSG(to_json(*again.order).dump() == exported, exported);
}

void check_line(std::string_view line) {
  const managers::transfer::ParsedLine parsed = managers::transfer::parse_import_line(line);

  // The id the line names, read by the import's own exact JSON reader: a line it refuses (a
  // duplicate key, where nlohmann's default parse would keep the last one) names none.
  const managers::domain::JsonInput input = managers::domain::parse_json_input(line);
  std::string named_id;
  if (input.value && input.value->is_object())
    if (const auto id = input.value->find("order_id"); id != input.value->end() && id->is_string()) named_id = *id;
  FUZZ_CHECK_MSG(parsed.order_id == named_id, "order_id '" + parsed.order_id + "'");

  if (!parsed.order) {
    FUZZ_CHECK(!parsed.error.empty());
    FUZZ_CHECK_MSG(is_valid_utf8_line(parsed.error), "reason: " + parsed.error);
    return;
  }
  FUZZ_CHECK_MSG(parsed.error.empty(), parsed.error);
  try {
    managers::domain::validate_order(*parsed.order);
  } catch (const ValidationError& error) {
    FUZZ_FAIL(std::string("imported, yet invalid: ") + error.what());
  }
  check_round_trip(*parsed.order);
}

void check_document(std::string_view text) {
  const json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return;
  Order order;
  try {
    order = managers::order_from_json(value);
  } catch (const ValidationError&) {
    return;
  }
  const json back = to_json(order);
  bool valid = true;
  try {
    managers::domain::validate_order(order);
  } catch (const ValidationError&) {
    valid = false;
  }
  if (!valid) return;  // money beyond what a double carries exactly has no exact JSON form
  const Order again = managers::order_from_json(back);
  FUZZ_CHECK_MSG(again == order, back.dump());
  check_round_trip(order);
}

struct Imported {
  managers::ImportReport report;
  std::string exported;
};

Imported import_and_export(managers::store::MemoryOrderManager& manager, const std::string& input, bool strict) {
  std::istringstream in(input);
  managers::ImportOptions options;
  options.strict = strict;
  Imported result;
  result.report = managers::import_orders(manager, in, options);
  std::ostringstream out;
  const std::int64_t written = managers::export_orders(manager, out);
  FUZZ_CHECK(written == static_cast<std::int64_t>(manager.store().size()));
  result.exported = out.str();
  return result;
}

void check_counts(const managers::ImportReport& report, std::size_t lines) {
  FUZZ_CHECK(report.read == static_cast<std::int64_t>(lines));
  if (report.nothing_written) {  // a strict import's check pass: only the bad lines are counted
    FUZZ_CHECK(report.copied == 0 && report.already_present == 0 && report.overwritten == 0);
    FUZZ_CHECK(report.failed + report.conflicts > 0 && report.failed + report.conflicts <= report.read);
  } else {
    FUZZ_CHECK(report.read ==
               report.copied + report.already_present + report.conflicts + report.overwritten + report.failed);
  }
  std::int64_t previous = 0;
  for (const managers::TransferProblem& problem : report.problems) {
    FUZZ_CHECK(problem.line > previous);
    FUZZ_CHECK_MSG(is_valid_utf8_line(problem.reason), problem.reason);
    previous = problem.line;
  }
}

void check_import(std::string_view text, std::size_t lines) {
  const std::string input(text);
  managers::store::MemoryOrderManager manager;
  const Imported first = import_and_export(manager, input, /*strict=*/false);
  check_counts(first.report, lines);
  FUZZ_CHECK(first.report.overwritten == 0 && !first.report.nothing_written);
  FUZZ_CHECK(static_cast<std::int64_t>(manager.store().size()) == first.report.copied);

  // Idempotent: the same input again writes nothing new.
  const Imported second = import_and_export(manager, input, /*strict=*/false);
  check_counts(second.report, lines);
  FUZZ_CHECK(second.report.copied == 0 && second.report.failed == first.report.failed);
  FUZZ_CHECK(second.report.already_present + second.report.conflicts ==
             first.report.copied + first.report.already_present + first.report.conflicts);
  FUZZ_CHECK(second.exported == first.exported);

  // Export -> strict import into an empty store -> export: the same bytes.
  managers::store::MemoryOrderManager copy;
  const Imported copied = import_and_export(copy, first.exported, /*strict=*/true);
  FUZZ_CHECK_MSG(copied.report.failed == 0 && copied.report.conflicts == 0 && !copied.report.nothing_written &&
                     copied.report.copied == first.report.copied,
                 first.exported);
  FUZZ_CHECK_MSG(copied.exported == first.exported, first.exported + "\nexported again as\n" + copied.exported);

  // Strict: all or nothing.
  managers::store::MemoryOrderManager strict_manager;
  const Imported strict = import_and_export(strict_manager, input, /*strict=*/true);
  check_counts(strict.report, lines);
  if (strict.report.nothing_written) {
    FUZZ_CHECK(strict_manager.store().size() == 0 && strict.report.failed + strict.report.conflicts > 0);
  } else {
    FUZZ_CHECK(strict.report.failed == 0 && strict.report.conflicts == 0);
    FUZZ_CHECK(strict.exported == first.exported);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  const std::vector<std::string_view> lines = import_lines(text);
  for (std::string_view line : lines) check_line(line);
  check_document(text);
  check_import(text, lines.size());
  return 0;
}
