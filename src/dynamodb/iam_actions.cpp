#include "dynamodb/iam_actions.hpp"

namespace managers::dynamodb {

std::set<std::string> iam_actions_for(std::string_view operation, const nlohmann::json& request) {
  std::set<std::string> actions;
  if (operation == "TransactWriteItems" || operation == "TransactGetItems") {
    const auto items = request.find("TransactItems");
    if (items == request.end() || !items->is_array()) return actions;
    for (const nlohmann::json& item : *items) {
      if (item.contains("Put")) actions.insert("PutItem");
      if (item.contains("Update")) actions.insert("UpdateItem");
      if (item.contains("Delete")) actions.insert("DeleteItem");
      if (item.contains("ConditionCheck")) actions.insert("ConditionCheckItem");
      if (item.contains("Get")) actions.insert("GetItem");
    }
    return actions;
  }
  actions.insert(std::string(operation));
  return actions;
}

}  // namespace managers::dynamodb
