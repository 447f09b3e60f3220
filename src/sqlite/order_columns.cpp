#include "sqlite/order_columns.hpp"

#include "sqlite/order_rows.hpp"

namespace managers::sqlite {
namespace {

// How a field's value is stored: text as is, money as integer cents, a status as its value.
void bind_value(Statement& statement, int index, const std::string& text) { statement.bind(index, std::string_view(text)); }
void bind_value(Statement& statement, int index, const std::optional<std::string>& text) { statement.bind(index, text); }
void bind_value(Statement& statement, int index, Money amount) { statement.bind(index, amount.cents()); }
void bind_value(Statement& statement, int index, OrderStatus status) { statement.bind(index, to_string(status)); }

void read_value(const Statement& row, int column, const Order&, std::string& out) { out = row.string(column); }
void read_value(const Statement& row, int column, const Order&, std::optional<std::string>& out) {
  out = row.optional_string(column);
}
void read_value(const Statement& row, int column, const Order&, Money& out) {
  out = Money::from_cents(row.int64(column));
}
// order_id is read first (kOrderColumns starts with it), so errors can name the order.
void read_value(const Statement& row, int column, const Order& order, OrderStatus& out) {
  out = decode_status(row.text(column), order.order_id);
}

template <auto Member>
void bind_member(Statement& statement, int index, const Order& order, const OrderRowTexts&) {
  bind_value(statement, index, order.*Member);
}
template <auto Member>
void read_member(const Statement& row, int column, Order& order) {
  read_value(row, column, order, order.*Member);
}
template <auto Member>
void copy_member(const Order& from, Order& to) {
  to.*Member = from.*Member;
}

// A column holding the field `Member` with the default mapping above.
template <auto Member>
constexpr OrderColumn column(const char* parameter, const char* declaration, bool progress = false) {
  return {parameter, declaration, progress, &bind_member<Member>, &read_member<Member>, &copy_member<Member>};
}

// The two JSON columns are bound from their pre-encoded texts (see OrderRowTexts).
void bind_metadata(Statement& statement, int index, const Order&, const OrderRowTexts& texts) {
  statement.bind(index, std::string_view(texts.metadata));
}
void read_metadata(const Statement& row, int column, Order& order) {
  order.metadata = decode_metadata(row.text(column), order.order_id);
}
void bind_history(Statement& statement, int index, const Order&, const OrderRowTexts& texts) {
  statement.bind(index, std::string_view(texts.status_history));
}
void read_history(const Statement& row, int column, Order& order) {
  order.status_history = decode_status_history(row.text(column), order.order_id);
}

}  // namespace

// The status CHECK lists the statuses from OrderStatus (schema.cpp fills in "{statuses}").
const std::array<OrderColumn, kOrderColumnCount> kOrderColumns = {{
    column<&Order::order_id>(":order_id", "TEXT NOT NULL PRIMARY KEY"),
    column<&Order::customer_id>(":customer_id", "TEXT NOT NULL"),
    column<&Order::customer_name>(":customer_name", "TEXT NOT NULL"),
    column<&Order::conversation_id>(":conversation_id", "TEXT"),
    column<&Order::total_price>(":total_price_cents", "INTEGER NOT NULL"),
    column<&Order::status>(":status", "TEXT NOT NULL CHECK (status IN ({statuses}))", /*progress=*/true),
    column<&Order::created_at>(":created_at", "TEXT NOT NULL"),
    column<&Order::updated_at>(":updated_at", "TEXT NOT NULL", /*progress=*/true),
    column<&Order::estimated_ready_time>(":estimated_ready_time", "TEXT", /*progress=*/true),
    {":metadata", "TEXT NOT NULL DEFAULT '{}'", false, &bind_metadata, &read_metadata, &copy_member<&Order::metadata>},
    {":status_history", "TEXT NOT NULL", true, &bind_history, &read_history, &copy_member<&Order::status_history>},
}};

OrderRowTexts::OrderRowTexts(const Order& order)
    : metadata(encode_metadata(order.metadata)), status_history(encode_status_history(order.status_history)) {}

std::string order_column_list() {
  std::string list;
  for (const OrderColumn& column : kOrderColumns) {
    if (!list.empty()) list += ", ";
    list += column.name();
  }
  return list;
}

void bind_order_columns(Statement& statement, const Order& order, const OrderRowTexts& texts) {
  for (const OrderColumn& column : kOrderColumns)
    if (const int index = statement.parameter_index(column.parameter); index > 0)
      column.bind(statement, index, order, texts);
}

Order read_order_row(const Statement& row) {
  Order order;
  for (std::size_t i = 0; i < kOrderColumns.size(); ++i) kOrderColumns[i].read(row, static_cast<int>(i), order);
  return order;
}

bool only_progress_changed(const Order& current, const Order& changed) {
  // What `current` would be after writing only the progress columns of `changed`: equal to
  // `changed` exactly when nothing else (items included) differs. A new column is covered
  // by its entry in kOrderColumns; a new field outside the table (like items) by Order's ==.
  Order progressed = current;
  for (const OrderColumn& column : kOrderColumns)
    if (column.progress) column.copy(changed, progressed);
  return progressed == changed;
}

}  // namespace managers::sqlite
