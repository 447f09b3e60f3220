#include "agent/tool_runner.hpp"

#include <exception>
#include <string>

#include "agent/argument_check.hpp"
#include "agent/tool_outcome.hpp"
#include "domain/printable_text.hpp"
#include "managers/errors.hpp"

namespace agent {

ToolOutcome run_tool(const ToolDefinition& tool, const nlohmann::json& arguments, StoreAccess& store,
                     const Logger& log) {
  try {
    check_arguments(tool.input_schema, arguments);
    return tool.handler({arguments, store.get(), log});
  } catch (const managers::ValidationError& error) {
    return invalid_argument(error);
  } catch (const managers::StorageError& error) {
    log(tool.name + ": store unavailable: " + managers::domain::printable(error.what()));
    return failure(ErrorKind::kStoreUnavailable, kStoreUnavailableMessage);
  } catch (const managers::ConfigurationError& error) {
    log(tool.name + ": store cannot be opened: " + managers::domain::printable(error.what()));
    return failure(ErrorKind::kStoreUnavailable, kStoreUnavailableMessage);
  } catch (const std::exception& error) {
    log(tool.name + ": internal error: " + managers::domain::printable(error.what()));
    return failure(ErrorKind::kInternal, "The tool failed unexpectedly (an internal error, logged for the "
                                         "operator). Try again later.");
  }
}

}  // namespace agent
