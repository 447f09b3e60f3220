#pragma once

// Orders kept in the spec's own data structure by other programs (the earlier Python module, a
// boto3 script following the spec's "Order Record") lack what this library adds to a record:
// the status history. What is derived for such a record is decided here, once, for every reader
// (JSON import, DynamoDB items).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "managers/order.hpp"

namespace managers::domain {

// The history of a record that has none: its current status, since it was created.
std::vector<StatusChange> history_of_record_without_one(OrderStatus status, const std::string& created_at);

// An amount such a program stored from a Python float: Decimal(str(x)) of a float that float
// arithmetic left a hair off the cent (3 * 5.663 -> "16.989999999999998", 0.1 + 0.2 ->
// "0.30000000000000004"). It is that cent when the difference is float noise,
// |x - cents/100| <= 1e-9 * max(1, |x|); a real sub-cent amount ("3.555") is no amount of money
// here (nullopt), and neither is anything but a plain decimal. Exact decimals ("3.5", "16.99")
// are Money::parse's, not this function's.
std::optional<Money> money_from_float_noise(std::string_view decimal);

}  // namespace managers::domain
