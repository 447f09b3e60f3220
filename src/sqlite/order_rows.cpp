#include "sqlite/order_rows.hpp"

#include "managers/errors.hpp"
#include "sqlite/order_sql.hpp"

namespace managers::sqlite {
namespace {

enum Column : int {
  kOrderId = 0,
  kCustomerId,
  kCustomerName,
  kConversationId,
  kTotalPriceCents,
  kStatus,
  kCreatedAt,
  kUpdatedAt,
  kEstimatedReadyTime,
  kMetadata,
  kStatusHistory,
};

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

OrderRowTexts::OrderRowTexts(const Order& order)
    : metadata(encode_metadata(order.metadata)), status_history(encode_status_history(order.status_history)) {}

void bind_order_row(Statement& statement, const Order& order, const OrderRowTexts& texts) {
  statement.bind(kOrderId + 1, std::string_view(order.order_id));
  statement.bind(kCustomerId + 1, std::string_view(order.customer_id));
  statement.bind(kCustomerName + 1, std::string_view(order.customer_name));
  statement.bind(kConversationId + 1, order.conversation_id);
  statement.bind(kTotalPriceCents + 1, order.total_price.cents());
  statement.bind(kStatus + 1, to_string(order.status));
  statement.bind(kCreatedAt + 1, std::string_view(order.created_at));
  statement.bind(kUpdatedAt + 1, std::string_view(order.updated_at));
  statement.bind(kEstimatedReadyTime + 1, order.estimated_ready_time);
  statement.bind(kMetadata + 1, std::string_view(texts.metadata));
  statement.bind(kStatusHistory + 1, std::string_view(texts.status_history));
}

Order read_order_row(const Statement& row) {
  Order order;
  order.order_id = row.string(kOrderId);
  order.customer_id = row.string(kCustomerId);
  order.customer_name = row.string(kCustomerName);
  order.conversation_id = row.optional_string(kConversationId);
  order.total_price = Money::from_cents(row.int64(kTotalPriceCents));
  order.status = decode_status(row.text(kStatus), order.order_id);
  order.created_at = row.string(kCreatedAt);
  order.updated_at = row.string(kUpdatedAt);
  order.estimated_ready_time = row.optional_string(kEstimatedReadyTime);
  order.metadata = decode_metadata(row.text(kMetadata), order.order_id);
  order.status_history = decode_status_history(row.text(kStatusHistory), order.order_id);
  return order;
}

void read_items(Connection& connection, Order& order) {
  Statement& statement = connection.cached(sql::kSelectItems);
  StatementScope scope(statement);
  statement.bind(1, std::string_view(order.order_id));
  while (statement.step())
    order.items.push_back({statement.string(0), statement.int64(1), Money::from_cents(statement.int64(2)),
                           Money::from_cents(statement.int64(3))});
}

void insert_items(Connection& connection, const Order& order) {
  Statement& statement = connection.cached(sql::kInsertItem);
  for (std::size_t position = 0; position < order.items.size(); ++position) {
    const OrderItem& item = order.items[position];
    StatementScope scope(statement);
    statement.bind(1, std::string_view(order.order_id));
    statement.bind(2, static_cast<std::int64_t>(position));
    statement.bind(3, std::string_view(item.item_name));
    statement.bind(4, item.quantity);
    statement.bind(5, item.unit_price.cents());
    statement.bind(6, item.subtotal.cents());
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

std::vector<StatusChange> decode_status_history(std::string_view text, const std::string& order_id) {
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) invalid_row(order_id, "status_history", "is not a JSON array");
  std::vector<StatusChange> history;
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
  if (text == "{}") return nlohmann::json::object();
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) invalid_row(order_id, "metadata", "is not a JSON object");
  return parsed;
}

OrderStatus decode_status(std::string_view text, const std::string& order_id) {
  for (OrderStatus status : kAllOrderStatuses)
    if (to_string(status) == text) return status;
  invalid_row(order_id, "status", "is not an OrderStatus value: '" + std::string(text) + "'");
}

}  // namespace managers::sqlite
