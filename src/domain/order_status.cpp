#include "managers/order_status.hpp"

#include <algorithm>
#include <cctype>

#include "domain/printable_text.hpp"
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

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view to_string(OrderStatus status) { return names_of(status).value; }

std::string_view enum_name(OrderStatus status) { return names_of(status).name; }

OrderStatus parse_order_status(std::string_view text, std::string_view field) {
  const std::string_view wanted = trim(text);
  for (const auto& entry : kNames)
    if (equals_ignoring_case(wanted, entry.value) || equals_ignoring_case(wanted, entry.name)) return entry.status;
  std::string accepted;
  for (const auto& entry : kNames) {
    if (!accepted.empty()) accepted += ", ";
    accepted += "'" + std::string(entry.value) + "' (" + std::string(entry.name) + ")";
  }
  throw ValidationError(std::string(field), "must be one of " + accepted + "; got " + domain::quote_input(text));
}

bool is_final(OrderStatus status) {
  return status == OrderStatus::COMPLETED || status == OrderStatus::CANCELLED;
}

bool can_change_status(OrderStatus from, OrderStatus to) { return from == to || !is_final(from); }

}  // namespace managers
