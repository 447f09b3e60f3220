#include "sqlite/order_rows.hpp"

#include <algorithm>
#include <cstring>

#include "domain/printable_text.hpp"
#include "domain/stored_status.hpp"
#include "managers/errors.hpp"
#include "sqlite/order_sql.hpp"

namespace managers::sqlite {
namespace {

// A stored value the engine cannot have written: another program changed the
// row. Reported as a storage failure naming the order and the column.
[[noreturn]] void invalid_row(const std::string& order_id, const std::string& column, const std::string& what) {
  throw StorageError("sqlite", "INVALID_ROW", "orders." + column + " of order '" + order_id + "' " + what);
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

void read_items(Connection& connection, Order& order) {
  Statement& statement = connection.cached(sql::kSelectItems);
  StatementScope scope(statement);
  statement.bind(":order_id", std::string_view(order.order_id));
  while (statement.step())
    order.items.push_back({statement.string(0), statement.int64(1), Money::from_cents(statement.int64(2)),
                           Money::from_cents(statement.int64(3))});
}

void insert_items(Connection& connection, const Order& order) {
  insert_items(connection.cached(sql::kInsertItem), order);
}

void insert_items(Statement& statement, const Order& order) {
  for (std::size_t position = 0; position < order.items.size(); ++position) {
    const OrderItem& item = order.items[position];
    StatementScope scope(statement);
    statement.bind(":order_id", std::string_view(order.order_id));
    statement.bind(":position", static_cast<std::int64_t>(position));
    statement.bind(":item_name", std::string_view(item.item_name));
    statement.bind(":quantity", item.quantity);
    statement.bind(":unit_price_cents", item.unit_price.cents());
    statement.bind(":subtotal_cents", item.subtotal.cents());
    statement.run();
  }
}

// [{"status":"Pending","changed_at":"2026-11-25T08:35:10.123456Z"}, ...]: the
// JSON form of to_json(Order), written directly (it is on every write).
std::string encode_status_history(const std::vector<StatusChange>& history) {
  std::string out;
  out.reserve(2 + history.size() * 64);
  out += '[';
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"status\":";
    append_json_string(out, to_string(history[i].status));
    out += ",\"changed_at\":";
    append_json_string(out, history[i].changed_at);
    out += '}';
  }
  out += ']';
  return out;
}

namespace {

// Reads `"<text without escapes>"` at `pos`.
bool read_plain_string(std::string_view text, std::size_t& pos, std::string_view& out) {
  if (pos >= text.size() || text[pos] != '"') return false;
  const char* begin = text.data() + pos + 1;
  const std::size_t rest = text.size() - pos - 1;
  const auto* quote = static_cast<const char*>(std::memchr(begin, '"', rest));
  if (quote == nullptr) return false;
  const std::size_t length = static_cast<std::size_t>(quote - begin);
  if (std::memchr(begin, '\\', length) != nullptr) return false;  // an escape: not plain
  out = std::string_view(begin, length);
  pos += length + 2;
  return true;
}

bool read_literal(std::string_view text, std::size_t& pos, std::string_view literal) {
  if (text.substr(pos, literal.size()) != literal) return false;
  pos += literal.size();
  return true;
}

// The exact form encode_status_history writes, without a JSON DOM: this runs
// for every order read. Anything else (escapes, spacing, other key order) is
// left to the general parser.
bool decode_status_history_fast(std::string_view text, std::vector<StatusChange>& history) {
  std::size_t pos = 0;
  if (!read_literal(text, pos, "[")) return false;
  if (read_literal(text, pos, "]")) return pos == text.size();
  for (;;) {
    std::string_view status;
    std::string_view changed_at;
    if (!read_literal(text, pos, "{\"status\":") || !read_plain_string(text, pos, status) ||
        !read_literal(text, pos, ",\"changed_at\":") || !read_plain_string(text, pos, changed_at) ||
        !read_literal(text, pos, "}"))
      return false;
    const std::optional<OrderStatus> known = domain::stored_status(status);
    if (!known) return false;
    history.push_back({*known, std::string(changed_at)});
    if (read_literal(text, pos, "]")) return pos == text.size();
    if (!read_literal(text, pos, ",")) return false;
  }
}

// A flat object as metadata.dump() writes it ({"table":"5","seats":4}) whose
// values are plain strings, whole numbers, booleans or null: built directly, as
// nlohmann's parser would build it, without its lexer. Anything else (nesting,
// fractions, escapes) is left to the general parser.
bool decode_flat_object_fast(std::string_view text, nlohmann::json& out) {
  std::size_t pos = 0;
  if (!read_literal(text, pos, "{")) return false;
  out = nlohmann::json::object();
  auto& members = out.get_ref<nlohmann::json::object_t&>();
  if (read_literal(text, pos, "}")) return pos == text.size();
  for (;;) {
    std::string_view key;
    if (!read_plain_string(text, pos, key) || !read_literal(text, pos, ":") || pos >= text.size()) return false;
    nlohmann::json value;
    const char first = text[pos];
    if (first == '"') {
      std::string_view string_value;
      if (!read_plain_string(text, pos, string_value)) return false;
      value = std::string(string_value);
    } else if (first == '-' || (first >= '0' && first <= '9')) {
      const bool negative = first == '-';
      std::size_t end = pos + (negative ? 1 : 0);
      const std::size_t digits_start = end;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      const std::size_t digits = end - digits_start;
      // At most 18 digits (no overflow), no leading zero, nothing fractional after.
      if (digits == 0 || digits > 18 || (digits > 1 && text[digits_start] == '0')) return false;
      if (end < text.size() && (text[end] == '.' || text[end] == 'e' || text[end] == 'E')) return false;
      std::int64_t number = 0;
      for (std::size_t i = digits_start; i < end; ++i) number = number * 10 + (text[i] - '0');
      if (negative)
        value = -number;
      else
        value = static_cast<std::uint64_t>(number);  // as nlohmann parses a non-negative number
      pos = end;
    } else if (read_literal(text, pos, "true")) {
      value = true;
    } else if (read_literal(text, pos, "false")) {
      value = false;
    } else if (read_literal(text, pos, "null")) {
      value = nullptr;
    } else {
      return false;
    }
    members[std::string(key)] = std::move(value);
    if (read_literal(text, pos, "}")) return pos == text.size();
    if (!read_literal(text, pos, ",")) return false;
  }
}

}  // namespace

std::vector<StatusChange> decode_status_history(std::string_view text, const std::string& order_id) {
  std::vector<StatusChange> history;
  if (decode_status_history_fast(text, history)) return history;
  history.clear();
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) invalid_row(order_id, "status_history", "is not a JSON array");
  history.reserve(parsed.size());
  for (const nlohmann::json& entry : parsed) {
    const auto status = entry.is_object() ? entry.find("status") : entry.end();
    const auto changed_at = entry.is_object() ? entry.find("changed_at") : entry.end();
    if (status == entry.end() || changed_at == entry.end() || !status->is_string() || !changed_at->is_string())
      invalid_row(order_id, "status_history", "has an entry without a status and a changed_at text");
    history.push_back({decode_status(status->get_ref<const std::string&>(), order_id),
                       changed_at->get<std::string>()});
  }
  return history;
}

std::string encode_metadata(const nlohmann::json& metadata) {
  if (metadata.is_null() || (metadata.is_object() && metadata.empty())) return "{}";
  return metadata.dump();
}

nlohmann::json decode_metadata(std::string_view text, const std::string& order_id) {
  nlohmann::json parsed;
  if (decode_flat_object_fast(text, parsed)) return parsed;
  parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) invalid_row(order_id, "metadata", "is not a JSON object");
  return parsed;
}

OrderStatus decode_status(std::string_view text, const std::string& order_id) {
  if (const std::optional<OrderStatus> status = domain::stored_status(text)) return *status;
  invalid_row(order_id, "status", "is not an OrderStatus value: " + domain::quote_input(text));
}

}  // namespace managers::sqlite
