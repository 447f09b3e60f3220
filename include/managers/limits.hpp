#pragma once

#include <cstddef>
#include <cstdint>

namespace managers::limits {

// Documented input limits. They keep one order well inside DynamoDB's 400 KB
// item size and its 1 KB key-attribute size, so every engine accepts the same orders.
inline constexpr std::size_t kMaxIdBytes = 128;            // order_id, customer_id, conversation_id
inline constexpr std::size_t kMaxNameBytes = 256;          // customer_name, item_name
inline constexpr std::size_t kMaxItems = 100;              // items per order
inline constexpr std::int64_t kMaxQuantity = 1'000'000;    // per item
inline constexpr std::int64_t kMaxUnitPriceCents = 100'000'000;    // $1,000,000.00
inline constexpr std::int64_t kMaxTotalPriceCents = 10'000'000'000;  // $100,000,000.00
inline constexpr std::size_t kMaxMetadataBytes = 16 * 1024;  // metadata as compact JSON
inline constexpr std::size_t kMaxMetadataDepth = 16;         // metadata itself is level 1
inline constexpr std::size_t kMaxStatusHistory = 1000;       // entries kept per order
inline constexpr int kMaxPageSize = 1000;                    // list_orders page size

}  // namespace managers::limits
