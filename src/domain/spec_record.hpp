#pragma once

// Orders kept in the spec's own data structure by other programs (the earlier Python module, a
// boto3 script following the spec's "Order Record") lack what this library adds to a record:
// the status history. What is derived for such a record is decided here, once, for every reader
// (JSON import, DynamoDB items).

#include <string>
#include <vector>

#include "managers/order.hpp"

namespace managers::domain {

// The history of a record that has none: its current status, since it was created.
std::vector<StatusChange> history_of_record_without_one(OrderStatus status, const std::string& created_at);

}  // namespace managers::domain
