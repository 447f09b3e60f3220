#include "aws/service_error_parser.hpp"

#include <nlohmann/json.hpp>

namespace aws {

namespace {

std::string code_from_type(std::string type) {
  if (const auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
  // Some protocols append ":http://internal.amazon.com/..." to the code.
  if (const auto colon = type.find(':'); colon != std::string::npos) type = type.substr(0, colon);
  return type;
}

std::string fallback_code(long status) {
  if (status == 429) return "TooManyRequestsException";
  if (status >= 500) return "InternalServerError";
  return "HTTP" + std::to_string(status);
}

}  // namespace

ServiceError parse_service_error(const http::Response& response, const Redactor& redact) {
  const int status = static_cast<int>(response.status);
  const std::string request_id = response.header("x-amzn-requestid").value_or(response.header("x-amz-request-id").value_or(""));
  const nlohmann::json doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);

  std::string code;
  std::string message;
  std::vector<std::string> reasons;
  if (doc.is_object()) {
    if (auto it = doc.find("__type"); it != doc.end() && it->is_string()) code = code_from_type(it->get<std::string>());
    for (const char* key : {"message", "Message"}) {
      if (auto it = doc.find(key); it != doc.end() && it->is_string()) {
        message = it->get<std::string>();
        break;
      }
    }
    if (auto it = doc.find("CancellationReasons"); it != doc.end() && it->is_array()) {
      for (const auto& reason : *it) {
        const auto reason_code = reason.is_object() ? reason.find("Code") : reason.end();
        reasons.push_back(reason.is_object() && reason_code != reason.end() && reason_code->is_string()
                              ? reason_code->get<std::string>()
                              : "None");
      }
    }
  }
  if (code.empty()) {
    // Some front ends put the code only in a header.
    if (auto header = response.header("x-amzn-errortype")) code = code_from_type(*header);
  }
  if (code.empty()) code = fallback_code(response.status);
  if (message.empty() && !doc.is_object() && !response.body.empty()) {
    // A non-JSON body (a proxy's HTML page): keep a short, scrubbed excerpt for diagnosis.
    // Scrubbed first, then cut: a secret across the cut would otherwise leave its first part.
    return ServiceError(code, redact(response.body).substr(0, 200), status, request_id, std::move(reasons));
  }
  return ServiceError(code, redact(message), status, request_id, std::move(reasons));
}

}  // namespace aws
