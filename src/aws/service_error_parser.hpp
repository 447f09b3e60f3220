#pragma once

// Turns a DynamoDB (JSON protocol 1.0) error reply into aws::ServiceError:
//   {"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "message": "..."}
// The code is the part of __type after '#'; the message is "message" or "Message"; the request id
// comes from the x-amzn-RequestId header; TransactionCanceledException's CancellationReasons
// become one code per item ("None" for the items that were fine).

#include "aws/errors.hpp"
#include "aws/http_client.hpp"
#include "aws/redact.hpp"

namespace aws {

// `redact` scrubs secrets from the service's message before it is stored in the exception.
ServiceError parse_service_error(const http::Response& response, const Redactor& redact);

}  // namespace aws
