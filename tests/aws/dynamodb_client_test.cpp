// DynamoDbClient against a scripted fake server on 127.0.0.1: request shape and signature,
// error parsing, retries (what is retried and what never is), CRC checking, timeouts,
// keep-alive, and that no secret ever reaches an exception message.

#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <thread>
#include <vector>
#include <iomanip>
#include <sstream>

#include "aws/crc32.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/errors.hpp"
#include "aws/sigv4.hpp"
#include "scoped_env.hpp"
#include "support/fake_http_server.hpp"

namespace {

using nlohmann::json;
using testing_support::FakeHttpServer;
using testing_support::FakeResponse;

constexpr const char* kSecret = "test-only/not+a+real+secret0123456789abcd";
constexpr const char* kToken = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN";

// A DynamoDB-style reply with a correct x-amz-crc32.
FakeResponse dynamo(int status, const std::string& body, const std::string& request_id = "REQ-1") {
  FakeResponse response = FakeResponse::json(status, body);
  response.headers.emplace_back("x-amzn-RequestId", request_id);
  response.headers.emplace_back("x-amz-crc32", std::to_string(aws::crc32(body)));
  return response;
}

FakeResponse dynamo_error(int status, const std::string& code, const std::string& message) {
  return dynamo(status, json{{"__type", "com.amazonaws.dynamodb.v20120810#" + code}, {"message", message}}.dump());
}

class DynamoDbClientTest : public ::testing::Test {
 protected:
  aws::ClientConfig config(int max_attempts = 3) const {
    aws::ClientConfig cfg;
    cfg.endpoint_url = server.url();
    cfg.region = "eu-west-1";
    cfg.access_key_id = "AKIDEXAMPLE";
    cfg.secret_access_key = kSecret;
    cfg.session_token = kToken;
    cfg.max_attempts = max_attempts;
    cfg.backoff_base_ms = 1;  // keep the tests fast; the bounds are unit-tested separately
    cfg.connect_timeout_ms = 2000;
    cfg.request_timeout_ms = 5000;
    return cfg;
  }

  void expect_no_secret(const std::string& text) const {
    EXPECT_EQ(text.find(kSecret), std::string::npos) << text;
    EXPECT_EQ(text.find(kToken), std::string::npos) << text;
  }

  aws_test::CleanAwsEnv clean;
  FakeHttpServer server;
};

TEST_F(DynamoDbClientTest, SendsASignedJsonProtocolRequest) {
  server.enqueue(dynamo(200, R"({"Item":{"pk":{"S":"a"}}})"));
  aws::DynamoDbClient client(config());
  EXPECT_EQ(client.region(), "eu-west-1");
  EXPECT_EQ(client.endpoint(), server.url());
  const json request = {{"TableName", "orders"}, {"Key", {{"pk", {{"S", "a"}}}}}};
  const json reply = client.call("GetItem", request);
  EXPECT_EQ(reply["Item"]["pk"]["S"], "a");

  ASSERT_EQ(server.request_count(), 1u);
  const auto sent = server.requests()[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/");
  EXPECT_EQ(sent.header("X-Amz-Target"), "DynamoDB_20120810.GetItem");
  EXPECT_EQ(sent.header("Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(sent.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(sent.header("X-Amz-Security-Token"), kToken);
  EXPECT_FALSE(sent.header("Expect"));
  EXPECT_EQ(json::parse(sent.body), request);
  const std::string date = sent.header("X-Amz-Date").value_or("");
  ASSERT_EQ(date.size(), 16u);
  const std::string authorization = sent.header("Authorization").value_or("");
  EXPECT_EQ(authorization.rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + date.substr(0, 8) +
                                    "/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                                    "x-amz-security-token;x-amz-target, Signature=",
                                0),
            0u)
      << authorization;

  // The signature is the one our signer computes for exactly what arrived on the wire.
  aws::sigv4::SignableRequest received;
  received.method = sent.method;
  received.path = sent.target;
  received.body = sent.body;
  for (const char* name : {"Host", "Content-Type", "X-Amz-Target"}) received.headers.emplace_back(name, *sent.header(name));
  aws::sigv4::SigningParams params = aws::sigv4::defaults_for_service("dynamodb");
  params.credentials = aws::Credentials{"AKIDEXAMPLE", kSecret, kToken, std::nullopt};
  params.region = "eu-west-1";
  std::tm tm{};
  std::istringstream(date) >> std::get_time(&tm, "%Y%m%dT%H%M%SZ");
  params.time = std::chrono::system_clock::from_time_t(timegm(&tm));
  EXPECT_EQ(aws::sigv4::sign(received, params).authorization, authorization);
}

TEST_F(DynamoDbClientTest, ReusesTheConnection) {
  for (int i = 0; i < 5; ++i) server.enqueue(dynamo(200, "{}"));
  aws::DynamoDbClient client(config());
  for (int i = 0; i < 5; ++i) client.call("ListTables", json::object());
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST_F(DynamoDbClientTest, ManyThreadsShareOneClientAndAFewConnections) {
  server.set_handler([](const testing_support::RecordedRequest& request) { return dynamo(200, request.body); });
  aws::DynamoDbClient client(config());
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 25;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        const json request = {{"thread", t}, {"call", i}};
        try {
          if (client.call("Echo", request) != request) ++mismatches;
        } catch (const std::exception&) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(client.stats().requests, kThreads * kCallsPerThread);
  EXPECT_LE(server.connection_count(), static_cast<std::size_t>(kThreads));  // pooled, not one per call
}

TEST_F(DynamoDbClientTest, ServiceErrorsAreParsed) {
  server.enqueue(dynamo(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
                             R"("Message":"Requested resource not found"})",
                        "RID-42"));
  aws::DynamoDbClient client(config());
  try {
    client.call("GetItem", json::object());
    FAIL() << "expected ServiceError";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "ResourceNotFoundException");
    EXPECT_EQ(e.message(), "Requested resource not found");
    EXPECT_EQ(e.http_status(), 400);
    EXPECT_EQ(e.request_id(), "RID-42");
    EXPECT_TRUE(e.cancellation_reasons().empty());
    EXPECT_NE(std::string(e.what()).find("ResourceNotFoundException"), std::string::npos);
  }
}

TEST_F(DynamoDbClientTest, TransactionCanceledCarriesReasonsAndIsNotRetried) {
  server.enqueue(dynamo(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",)"
                             R"("Message":"Transaction cancelled","CancellationReasons":[{"Code":"None"},)"
                             R"({"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}]})"));
  aws::DynamoDbClient client(config());
  try {
    client.call("TransactWriteItems", json::object());
    FAIL() << "expected ServiceError";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "TransactionCanceledException");
    EXPECT_EQ(e.cancellation_reasons(), (std::vector<std::string>{"None", "ConditionalCheckFailed"}));
  }
  EXPECT_EQ(client.stats().requests, 1);
  EXPECT_EQ(client.stats().retries, 0);
}

TEST_F(DynamoDbClientTest, ServerErrorsAreRetriedUntilSuccess) {
  server.enqueue(dynamo_error(500, "InternalServerError", "oops"));
  server.enqueue(FakeResponse::text(503, "<html>busy</html>"));
  server.enqueue(dynamo(200, R"({"Count":1})"));
  aws::DynamoDbClient client(config());
  EXPECT_EQ(client.call("Scan", json::object())["Count"], 1);
  EXPECT_EQ(client.stats().requests, 3);
  EXPECT_EQ(client.stats().retries, 2);
  client.reset_stats();
  EXPECT_EQ(client.stats().requests, 0);
}

TEST_F(DynamoDbClientTest, ConnectionResetIsRetried) {
  server.enqueue(FakeResponse::reset());
  server.enqueue(dynamo(200, "{}"));
  aws::DynamoDbClient client(config());
  EXPECT_EQ(client.call("ListTables", json::object()), json::object());
  EXPECT_EQ(client.stats().retries, 1);
}

TEST_F(DynamoDbClientTest, ThrottlingIsRetriedUpToMaxAttempts) {
  for (int i = 0; i < 3; ++i) {
    server.enqueue(dynamo_error(400, "ProvisionedThroughputExceededException", "slow down"));
  }
  aws::DynamoDbClient client(config(3));
  try {
    client.call("PutItem", json::object());
    FAIL() << "expected ServiceError";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "ProvisionedThroughputExceededException");
  }
  EXPECT_EQ(client.stats().requests, 3);
  EXPECT_EQ(client.stats().retries, 2);
}

TEST_F(DynamoDbClientTest, MaxAttemptsIsConfigurable) {
  for (int i = 0; i < 4; ++i) server.enqueue(dynamo_error(400, "ThrottlingException", "slow down"));
  server.enqueue(dynamo(200, "{}"));
  aws::DynamoDbClient client(config(5));
  EXPECT_NO_THROW(client.call("PutItem", json::object()));
  EXPECT_EQ(client.stats().retries, 4);

  server.enqueue(dynamo_error(500, "InternalServerError", "x"));
  aws::DynamoDbClient single(config(1));
  EXPECT_THROW(single.call("PutItem", json::object()), aws::ServiceError);
  EXPECT_EQ(single.stats().requests, 1);
  aws::ClientConfig bad = config(0);
  EXPECT_THROW(aws::DynamoDbClient{bad}, std::invalid_argument);
}

TEST_F(DynamoDbClientTest, TransactionConflictIsRetried) {
  server.enqueue(dynamo_error(400, "TransactionConflictException", "conflict"));
  server.enqueue(dynamo(200, "{}"));
  aws::DynamoDbClient client(config());
  EXPECT_NO_THROW(client.call("TransactWriteItems", json::object()));
  EXPECT_EQ(client.stats().retries, 1);
}

TEST_F(DynamoDbClientTest, ValidationAndConditionalFailuresAreNeverRetried) {
  server.enqueue(dynamo_error(400, "ValidationException", "bad key"));
  server.enqueue(dynamo_error(400, "ConditionalCheckFailedException", "exists"));
  server.enqueue(dynamo(200, "{}"));  // must stay unused by the two failing calls
  aws::DynamoDbClient client(config());
  EXPECT_THROW(client.call("PutItem", json::object()), aws::ServiceError);
  EXPECT_THROW(client.call("PutItem", json::object()), aws::ServiceError);
  EXPECT_EQ(client.stats().requests, 2);
  EXPECT_EQ(client.stats().retries, 0);
}

TEST_F(DynamoDbClientTest, CrcMismatchIsRetriedAsATransientFault) {
  FakeResponse damaged = dynamo(200, R"({"Count":1})");
  damaged.headers.back().second = std::to_string(aws::crc32(R"({"Count":1})") + 1);
  server.enqueue(damaged);
  server.enqueue(dynamo(200, R"({"Count":2})"));
  aws::DynamoDbClient client(config());
  EXPECT_EQ(client.call("Scan", json::object())["Count"], 2);
  EXPECT_EQ(client.stats().retries, 1);
}

TEST_F(DynamoDbClientTest, PersistentCrcMismatchEndsInNetworkError) {
  for (int i = 0; i < 2; ++i) {
    FakeResponse damaged = dynamo(200, "{}");
    damaged.headers.back().second = "12345";
    server.enqueue(damaged);
  }
  aws::DynamoDbClient client(config(2));
  try {
    client.call("Scan", json::object());
    FAIL() << "expected NetworkError";
  } catch (const aws::NetworkError& e) {
    EXPECT_NE(std::string(e.what()).find("x-amz-crc32"), std::string::npos) << e.what();
  }
  EXPECT_EQ(client.stats().requests, 2);
}

TEST_F(DynamoDbClientTest, RequestTimeoutIsRetried) {
  FakeResponse slow = dynamo(200, R"({"late":true})");
  slow.delay = std::chrono::milliseconds(3000);
  server.enqueue(slow);
  server.enqueue(dynamo(200, R"({"late":false})"));
  aws::ClientConfig cfg = config();
  cfg.request_timeout_ms = 300;
  aws::DynamoDbClient client(cfg);
  EXPECT_EQ(client.call("Scan", json::object())["late"], false);
  EXPECT_EQ(client.stats().retries, 1);
}

TEST_F(DynamoDbClientTest, RefusedConnectionEndsInNetworkError) {
  aws::ClientConfig cfg = config(2);
  {
    FakeHttpServer gone;  // take a port, then free it: nothing listens there afterwards
    cfg.endpoint_url = gone.url();
  }
  aws::DynamoDbClient client(cfg);
  try {
    client.call("ListTables", json::object());
    FAIL() << "expected NetworkError";
  } catch (const aws::NetworkError& e) {
    EXPECT_NE(e.curl_code(), 0);
    expect_no_secret(e.what());
  }
  EXPECT_EQ(client.stats().requests, 2);
}

TEST_F(DynamoDbClientTest, SecretsNeverAppearInErrorMessages) {
  // A hostile or buggy front end that echoes everything it got, secrets included.
  server.set_handler([](const testing_support::RecordedRequest& request) {
    const std::string echo = "Signature mismatch. Authorization=" + request.header("Authorization").value_or("") +
                             " token=" + request.header("X-Amz-Security-Token").value_or("") + " key=" + kSecret;
    FakeResponse response =
        dynamo(403, json{{"__type", "com.amazon.coral.service#InvalidSignatureException"}, {"message", echo}}.dump());
    response.headers.emplace_back("x-echo", kSecret);
    return response;
  });
  aws::DynamoDbClient client(config());
  try {
    client.call("GetItem", json::object());
    FAIL() << "expected ServiceError";
  } catch (const aws::ServiceError& e) {
    EXPECT_EQ(e.code(), "InvalidSignatureException");
    EXPECT_EQ(e.http_status(), 403);
    expect_no_secret(e.what());
    expect_no_secret(e.message());
    EXPECT_NE(e.message().find("[redacted]"), std::string::npos) << e.message();
  }

  // The same for a non-JSON error page.
  server.set_handler([](const testing_support::RecordedRequest&) {
    return FakeResponse::text(400, std::string("<html>bad request from key ") + kSecret + "</html>");
  });
  try {
    client.call("GetItem", json::object());
    FAIL() << "expected ServiceError";
  } catch (const aws::ServiceError& e) {
    expect_no_secret(e.what());
  }
}

TEST_F(DynamoDbClientTest, CredentialErrorsDoNotEchoCredentialDocuments) {
  FakeHttpServer metadata;
  metadata.enqueue(FakeResponse::json(200, std::string(R"({"SecretAccessKey":")") + kSecret + R"(","Token":")" +
                                               kToken + R"("})"));
  clean.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", metadata.url() + "/creds");
  aws::ClientConfig cfg;
  cfg.endpoint_url = server.url();
  aws::DynamoDbClient client(cfg);
  try {
    client.call("ListTables", json::object());
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    expect_no_secret(e.what());
  }
  EXPECT_EQ(client.credential_source(), "none");
  EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(DynamoDbClientTest, ExpiredTokenForcesFreshCredentials) {
  FakeHttpServer metadata;
  metadata.enqueue(FakeResponse::json(200, R"({"AccessKeyId":"OLD","SecretAccessKey":"s1","Token":"t1"})"));
  metadata.enqueue(FakeResponse::json(200, R"({"AccessKeyId":"NEW","SecretAccessKey":"s2","Token":"t2"})"));
  clean.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", metadata.url() + "/creds");
  server.enqueue(dynamo_error(400, "ExpiredTokenException", "The security token included in the request is expired"));
  server.enqueue(dynamo(200, "{}"));
  aws::ClientConfig cfg;
  cfg.endpoint_url = server.url();
  cfg.backoff_base_ms = 1;
  aws::DynamoDbClient client(cfg);
  EXPECT_NO_THROW(client.call("ListTables", json::object()));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].header("Authorization")->find("Credential=OLD/"), std::string::npos);
  EXPECT_NE(requests[1].header("Authorization")->find("Credential=NEW/"), std::string::npos);
}

}  // namespace

namespace {

// Issue 17 item 1: values that reach a header (here the session token, from credentials) cannot
// add headers of their own, and a bad region never reaches a URL: nothing is sent for either.
TEST_F(DynamoDbClientTest, ValuesThatWouldInjectHeadersOrHostsAreRefusedBeforeSending) {
  aws::ClientConfig injected = config();
  injected.session_token = std::string(kToken) + "\r\nX-Injected: 1";
  aws::DynamoDbClient client(injected);
  try {
    client.call("GetItem", json{{"TableName", "orders"}});
    ADD_FAILURE() << "a session token with a line break was sent";
  } catch (const aws::ConfigurationError& error) {
    EXPECT_NE(std::string(error.what()).find("X-Amz-Security-Token"), std::string::npos) << error.what();
    expect_no_secret(error.what());
  }
  aws::ClientConfig bad_region = config();
  bad_region.region = "eu-west-1.evil.com#";
  EXPECT_THROW(aws::DynamoDbClient{bad_region}, aws::ConfigurationError);
  EXPECT_EQ(server.connection_count(), 0u);
}

}  // namespace
