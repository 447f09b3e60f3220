#include "managers/order_status.hpp"

#include <algorithm>
#include <cctype>

#include "domain/printable_text.hpp"
#include "domain/stored_status.hpp"
#include "domain/text.hpp"
#include "managers/errors.hpp"

namespace managers {
namespace {

struct StatusNames {
  OrderStatus status;
  std::string_view value;
  std::string_view name;
};

constexpr StatusNames kNames[] = {
    {OrderStatus::PENDING, "Pending", "PENDING"},
    {OrderStatus::CONFIRMED, "Confirmed", "CONFIRMED"},
    {OrderStatus::PREPARING, "Being prepared", "PREPARING"},
    {OrderStatus::READY, "Ready for pickup", "READY"},
    {OrderStatus::COMPLETED, "Completed", "COMPLETED"},
    {OrderStatus::CANCELLED, "Cancelled", "CANCELLED"},
};

const StatusNames& names_of(OrderStatus status) {
  return kNames[static_cast<std::size_t>(status)];
}

}  // namespace

std::string_view to_string(OrderStatus status) { return names_of(status).value; }

std::string_view enum_name(OrderStatus status) { return names_of(status).name; }

OrderStatus parse_order_status(std::string_view text, std::string_view field) {
  const std::string_view wanted = domain::trim(text);
  for (const auto& entry : kNames)
    if (domain::equals_ignoring_case(wanted, entry.value) || domain::equals_ignoring_case(wanted, entry.name)) return entry.status;
  std::string accepted;
  for (const auto& entry : kNames) {
    if (!accepted.empty()) accepted += ", ";
    accepted += "'" + std::string(entry.value) + "' (" + std::string(entry.name) + ")";
  }
  throw ValidationError(std::string(field), "must be one of " + accepted + "; got " + domain::quote_input(text));
}

std::optional<OrderStatus> domain::stored_status(std::string_view text) {
  for (const auto& entry : kNames)
    if (entry.value == text) return entry.status;
  return std::nullopt;
}

bool is_final(OrderStatus status) {
  return status == OrderStatus::COMPLETED || status == OrderStatus::CANCELLED;
}

bool can_change_status(OrderStatus from, OrderStatus to) { return from == to || !is_final(from); }

}  // namespace managers
