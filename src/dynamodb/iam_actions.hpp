#pragma once

// The IAM actions the engine's requests need, and how a request maps onto them. docs/DYNAMODB.md
// lists exactly kRequiredIamActions (a test checks both that list and that every request the
// engine sends needs only these actions).

#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace managers::dynamodb {

// The DynamoDB API operations the engine sends.
inline constexpr std::string_view kOperationsSent[] = {
    "CreateTable", "DescribeTable", "GetItem",        "PutItem",       "DeleteItem",
    "Query",       "Scan",          "BatchGetItem",   "BatchWriteItem", "TransactWriteItems",
    "UpdateItem",
};

// The IAM actions (without the "dynamodb:" prefix) those operations need. TransactWriteItems has no
// action of its own: each Put / Update / Delete / ConditionCheck inside it needs PutItem /
// UpdateItem / DeleteItem / ConditionCheckItem (a delete's intent checks its order; a settlement
// checks an intent).
inline constexpr std::string_view kRequiredIamActions[] = {
    "BatchGetItem", "BatchWriteItem", "ConditionCheckItem", "CreateTable", "DeleteItem", "DescribeTable",
    "GetItem",      "PutItem",        "Query",              "Scan",        "UpdateItem",
};

// The IAM actions one request needs.
std::set<std::string> iam_actions_for(std::string_view operation, const nlohmann::json& request);

}  // namespace managers::dynamodb
