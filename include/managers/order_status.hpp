#pragma once

#include <array>
#include <string>
#include <string_view>

namespace managers {

// The spec's six statuses. The stored and displayed form is the value
// ("Being prepared"), never the enumerator name.
enum class OrderStatus {
  PENDING,    // "Pending"
  CONFIRMED,  // "Confirmed"
  PREPARING,  // "Being prepared"
  READY,      // "Ready for pickup"
  COMPLETED,  // "Completed"
  CANCELLED,  // "Cancelled"
};

inline constexpr std::array<OrderStatus, 6> kAllOrderStatuses = {
    OrderStatus::PENDING,   OrderStatus::CONFIRMED, OrderStatus::PREPARING,
    OrderStatus::READY,     OrderStatus::COMPLETED, OrderStatus::CANCELLED};

// "Being prepared" for PREPARING.
std::string_view to_string(OrderStatus status);
// "PREPARING" for PREPARING.
std::string_view enum_name(OrderStatus status);

// Accepts the value ("Being prepared") or the enumerator name ("PREPARING"),
// in any case, surrounding blanks ignored. Anything else throws
// ValidationError(field, ...) listing the accepted values.
OrderStatus parse_order_status(std::string_view text, std::string_view field = "status");

// The lifecycle. COMPLETED and CANCELLED are final: nothing leaves them.
// Any other status may move to any status (staff correct mistakes, e.g.
// READY back to PREPARING); setting the current status again is a no-op.
bool is_final(OrderStatus status);
bool can_change_status(OrderStatus from, OrderStatus to);

}  // namespace managers
