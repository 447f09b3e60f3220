#include "aws/errors.hpp"

#include <utility>

namespace aws {

namespace {

std::string describe(const std::string& code, const std::string& message, int http_status,
                     const std::string& request_id) {
  std::string text = code;
  if (!message.empty()) text += ": " + message;
  text += " (HTTP " + std::to_string(http_status);
  if (!request_id.empty()) text += ", request id " + request_id;
  text += ")";
  return text;
}

}  // namespace

ServiceError::ServiceError(std::string code, std::string message, int http_status, std::string request_id,
                           std::vector<std::string> cancellation_reasons)
    : Error(describe(code, message, http_status, request_id)),
      code_(std::move(code)),
      message_(std::move(message)),
      http_status_(http_status),
      request_id_(std::move(request_id)),
      cancellation_reasons_(std::move(cancellation_reasons)) {}

NetworkError::NetworkError(int curl_code, const std::string& what) : Error(what), curl_code_(curl_code) {}

}  // namespace aws
