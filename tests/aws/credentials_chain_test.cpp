// The credential chain's order and caching, the container and IMDS sources against fake servers
// on 127.0.0.1, and the single clear error when nothing resolves.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <mutex>

#include "aws/container_credentials.hpp"
#include "aws/credentials_chain.hpp"
#include "aws/dynamodb_client.hpp"
#include "aws/errors.hpp"
#include "aws/imds_credentials.hpp"
#include "scoped_env.hpp"
#include "support/fake_http_server.hpp"

namespace {

using testing_support::FakeHttpServer;
using testing_support::FakeResponse;
using testing_support::RecordedRequest;

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

std::unique_ptr<aws::CredentialsChain> default_chain(const std::optional<std::string>& profile = std::nullopt) {
  return aws::CredentialsChain::make_default(std::nullopt, profile, std::make_shared<aws::http::HttpClient>());
}

std::string credentials_document(const std::string& key, const std::string& expiration = "2099-01-01T00:00:00Z") {
  return R"({"Code":"Success","AccessKeyId":")" + key +
         R"(","SecretAccessKey":"container-secret","Token":"container-token","Expiration":")" + expiration + R"("})";
}

TEST(CredentialsChain, ExplicitCredentialsWin) {
  aws_test::CleanAwsEnv clean;
  clean.env.set("AWS_ACCESS_KEY_ID", "ENV_KEY");
  clean.env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
  auto chain = aws::CredentialsChain::make_default(aws::Credentials{"EXPLICIT", "explicit-secret", "", std::nullopt},
                                                   std::nullopt, std::make_shared<aws::http::HttpClient>());
  EXPECT_EQ(chain->get().access_key_id, "EXPLICIT");
  EXPECT_EQ(chain->source(), "explicit configuration");
}

TEST(CredentialsChain, HalfExplicitCredentialsAreAnError) {
  aws::ClientConfig config;
  config.endpoint_url = "http://127.0.0.1:1";
  config.access_key_id = "AKID";
  EXPECT_THROW(aws::DynamoDbClient{config}, aws::CredentialsError);
}

TEST(CredentialsChain, EnvironmentBeforeSharedFiles) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("credentials"), "[default]\naws_access_key_id=FILE_KEY\naws_secret_access_key=file-secret\n");
  clean.env.set("AWS_ACCESS_KEY_ID", "ENV_KEY");
  clean.env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
  clean.env.set("AWS_SESSION_TOKEN", "env-token");
  auto chain = default_chain();
  const auto creds = chain->get();
  EXPECT_EQ(creds.access_key_id, "ENV_KEY");
  EXPECT_EQ(creds.session_token, "env-token");
  EXPECT_EQ(chain->source(), "environment");
}

TEST(CredentialsChain, PartialEnvironmentStopsTheChain) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("credentials"), "[default]\naws_access_key_id=FILE_KEY\naws_secret_access_key=file-secret\n");
  clean.env.set("AWS_ACCESS_KEY_ID", "ENV_KEY");
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << e.what();
  }
}

TEST(CredentialsChain, SharedCredentialsFileDefaultProfile) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("credentials"),
        "[default]\naws_access_key_id=FILE_KEY\naws_secret_access_key=file-secret\naws_session_token=file-token\n");
  auto chain = default_chain();
  const auto creds = chain->get();
  EXPECT_EQ(creds.access_key_id, "FILE_KEY");
  EXPECT_EQ(creds.session_token, "file-token");
  EXPECT_EQ(chain->source(), "shared credentials file (profile default)");
}

TEST(CredentialsChain, ProfileSectionOfConfigFileViaAwsProfile) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("config"), "[profile dev]\naws_access_key_id=DEV_KEY\naws_secret_access_key=dev-secret\n");
  clean.env.set("AWS_PROFILE", "dev");
  auto chain = default_chain();
  EXPECT_EQ(chain->get().access_key_id, "DEV_KEY");
  EXPECT_EQ(chain->source(), "shared credentials file (profile dev)");
  // An explicit profile name beats AWS_PROFILE.
  write(clean.dir.file("credentials"), "[ops]\naws_access_key_id=OPS_KEY\naws_secret_access_key=ops-secret\n");
  EXPECT_EQ(default_chain(std::string("ops"))->get().access_key_id, "OPS_KEY");
}

TEST(CredentialsChain, MissingNamedProfileIsAnError) {
  aws_test::CleanAwsEnv clean;
  clean.env.set("AWS_PROFILE", "nope");
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("profile 'nope' not found"), std::string::npos) << e.what();
  }
}

TEST(CredentialsChain, UnsupportedProfileKindsAreReported) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("config"), "[default]\nrole_arn=arn:aws:iam::123:role/x\nsource_profile=base\n");
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("role_arn"), std::string::npos) << e.what();
  }
}

TEST(CredentialsChain, NothingFoundListsEverySourceTried) {
  aws_test::CleanAwsEnv clean;
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("no AWS credentials found"), std::string::npos) << message;
    EXPECT_NE(message.find("environment: AWS_ACCESS_KEY_ID"), std::string::npos) << message;
    EXPECT_NE(message.find("shared credentials file (profile default)"), std::string::npos) << message;
    EXPECT_NE(message.find("container credentials endpoint"), std::string::npos) << message;
    EXPECT_NE(message.find("disabled by AWS_EC2_METADATA_DISABLED"), std::string::npos) << message;
  }
}

TEST(ContainerCredentials, RelativeUriAgainstTheContainerHost) {
  aws_test::CleanAwsEnv clean;
  FakeHttpServer server;
  server.enqueue(FakeResponse::json(200, credentials_document("CONTAINER_KEY")));
  clean.env.set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  // The real host is the fixed 169.254.170.2; the provider takes it as a parameter for this test.
  aws::ContainerCredentialsProvider provider(std::make_shared<aws::http::HttpClient>(), server.url());
  std::string why_not;
  const auto creds = provider.resolve(why_not);
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->access_key_id, "CONTAINER_KEY");
  EXPECT_EQ(creds->secret_access_key, "container-secret");
  EXPECT_EQ(creds->session_token, "container-token");
  ASSERT_TRUE(creds->expiration);
  ASSERT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.requests()[0].method, "GET");
  EXPECT_EQ(server.requests()[0].target, "/v2/credentials/abc");
  EXPECT_FALSE(server.requests()[0].header("Authorization"));
}

TEST(ContainerCredentials, FullUriWithAuthorizationTokenThroughTheDefaultChain) {
  aws_test::CleanAwsEnv clean;
  FakeHttpServer server;
  server.enqueue(FakeResponse::json(200, credentials_document("FULL_KEY")));
  clean.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/creds");
  clean.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic container-auth");
  auto chain = default_chain();
  EXPECT_EQ(chain->get().access_key_id, "FULL_KEY");
  EXPECT_EQ(chain->source(), "container credentials endpoint");
  ASSERT_EQ(server.request_count(), 1u);
  EXPECT_EQ(server.requests()[0].target, "/creds");
  EXPECT_EQ(server.requests()[0].header("Authorization"), "Basic container-auth");
}

TEST(ContainerCredentials, AuthorizationTokenFile) {
  aws_test::CleanAwsEnv clean;
  FakeHttpServer server;
  server.enqueue(FakeResponse::json(200, credentials_document("FILE_TOKEN_KEY")));
  write(clean.dir.file("token"), "token-from-file\n");
  clean.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/creds");
  clean.env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", clean.dir.file("token").string());
  EXPECT_EQ(default_chain()->get().access_key_id, "FILE_TOKEN_KEY");
  EXPECT_EQ(server.requests().at(0).header("Authorization"), "token-from-file");
}

TEST(ContainerCredentials, FailuresAreReportedNotSkipped) {
  aws_test::CleanAwsEnv clean;
  FakeHttpServer server;
  server.enqueue(FakeResponse::text(500, "boom"));
  server.enqueue(FakeResponse::text(500, "boom"));
  clean.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/creds");
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP 500"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.request_count(), 2u);  // one retry for a 5xx
}

TEST(ContainerCredentials, PlainHttpOnlyToLoopbackOrContainerHosts) {
  aws_test::CleanAwsEnv clean;
  clean.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds");
  EXPECT_THROW(default_chain()->get(), aws::CredentialsError);
}

class Imds : public ::testing::Test {
 protected:
  void SetUp() override {
    clean.env.set("AWS_EC2_METADATA_DISABLED", "false");
    clean.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url() + "/");
  }
  aws_test::CleanAwsEnv clean;
  FakeHttpServer server;
};

TEST_F(Imds, TokenThenRoleThenCredentials) {
  server.set_handler([](const RecordedRequest& request) {
    if (request.method == "PUT" && request.target == "/latest/api/token") {
      if (request.header("X-aws-ec2-metadata-token-ttl-seconds") != "21600") return FakeResponse::text(400, "");
      return FakeResponse::text(200, "imds-session-token");
    }
    if (request.header("X-aws-ec2-metadata-token") != "imds-session-token") return FakeResponse::text(401, "");
    if (request.target == "/latest/meta-data/iam/security-credentials/") return FakeResponse::text(200, "my-role\n");
    if (request.target == "/latest/meta-data/iam/security-credentials/my-role") {
      return FakeResponse::json(200, credentials_document("IMDS_KEY"));
    }
    return FakeResponse::text(404, "");
  });
  auto chain = default_chain();
  EXPECT_EQ(chain->get().access_key_id, "IMDS_KEY");
  EXPECT_EQ(chain->source(), "EC2 instance metadata (IMDS)");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[2].target, "/latest/meta-data/iam/security-credentials/my-role");
  // Cached: no further requests while the credentials are fresh.
  EXPECT_EQ(chain->get().access_key_id, "IMDS_KEY");
  EXPECT_EQ(server.request_count(), 3u);
}

TEST_F(Imds, FallsBackToV1WhenTokensAreUnavailable) {
  server.enqueue(FakeResponse::text(404, ""));
  server.enqueue(FakeResponse::text(200, "role-v1"));
  server.enqueue(FakeResponse::json(200, credentials_document("V1_KEY")));
  EXPECT_EQ(default_chain()->get().access_key_id, "V1_KEY");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_FALSE(requests[1].header("X-aws-ec2-metadata-token"));
}

TEST_F(Imds, NoV1FallbackWhenDisabled) {
  clean.env.set("AWS_EC2_METADATA_V1_DISABLED", "true");
  server.enqueue(FakeResponse::text(404, ""));
  EXPECT_THROW(default_chain()->get(), aws::CredentialsError);
}

TEST_F(Imds, NoRoleIsAQuietMiss) {
  server.enqueue(FakeResponse::text(200, "tok"));
  server.enqueue(FakeResponse::text(404, ""));
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("no IAM role"), std::string::npos) << e.what();
  }
}

TEST_F(Imds, DisabledFlagSkipsIt) {
  clean.env.set("AWS_EC2_METADATA_DISABLED", "TRUE");
  EXPECT_THROW(default_chain()->get(), aws::CredentialsError);
  EXPECT_EQ(server.request_count(), 0u);
}

TEST_F(Imds, EndpointFromEnvironment) {
  EXPECT_EQ(aws::ImdsCredentialsProvider::endpoint_from_environment(), server.url());
  clean.env.unset("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  EXPECT_EQ(aws::ImdsCredentialsProvider::endpoint_from_environment(), "http://169.254.169.254");
  clean.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6");
  EXPECT_EQ(aws::ImdsCredentialsProvider::endpoint_from_environment(), "http://[fd00:ec2::254]");
}

// A fake IMDS whose tokens expire: each PUT issues a new token ("token-1", "token-2", ...);
// expire_tokens() makes every token issued so far invalid (401, as IMDS answers an expired token).
// `expire_at_first_get` expires them just before the first GET is answered (a token that ran out
// between the calls of one lookup); `reject_every_get` answers every GET 401.
struct ExpiringTokenImds {
  std::mutex mutex;
  int tokens_issued = 0;
  int first_valid = 1;
  bool expire_at_first_get = false;
  bool reject_every_get = false;
  int gets = 0;
  void expire_tokens() {
    std::lock_guard lock(mutex);
    first_valid = tokens_issued + 1;
  }
  FakeResponse answer(const RecordedRequest& request) {
    std::lock_guard lock(mutex);
    if (request.method == "PUT" && request.target == "/latest/api/token")
      return FakeResponse::text(200, "token-" + std::to_string(++tokens_issued));
    if (++gets == 1 && expire_at_first_get) first_valid = tokens_issued + 1;
    bool valid = false;
    for (int n = first_valid; n <= tokens_issued; ++n)
      valid = valid || request.header("X-aws-ec2-metadata-token") == "token-" + std::to_string(n);
    if (reject_every_get || !valid) return FakeResponse::text(401, "");
    if (request.target == "/latest/meta-data/iam/security-credentials/") return FakeResponse::text(200, "my-role\n");
    if (request.target == "/latest/meta-data/iam/security-credentials/my-role")
      return FakeResponse::json(200, credentials_document("IMDS_KEY_" + std::to_string(tokens_issued)));
    return FakeResponse::text(404, "");
  }
};

int token_requests(const FakeHttpServer& server) {
  int count = 0;
  for (const RecordedRequest& request : server.requests()) count += request.method == "PUT" ? 1 : 0;
  return count;
}

// The token of an earlier lookup has expired by the next one: the next lookup gets a new token.
TEST_F(Imds, ALaterLookupGetsANewTokenOnceTheFirstExpired) {
  ExpiringTokenImds imds;
  server.set_handler([&imds](const RecordedRequest& request) { return imds.answer(request); });
  auto chain = default_chain();
  EXPECT_EQ(chain->get().access_key_id, "IMDS_KEY_1");
  imds.expire_tokens();  // hours later: token-1 is no longer valid
  chain->invalidate();   // as when the cached credentials near their expiry: a new lookup
  EXPECT_EQ(chain->get().access_key_id, "IMDS_KEY_2");
  EXPECT_EQ(token_requests(server), 2);
  EXPECT_EQ(server.requests().back().header("X-aws-ec2-metadata-token"), "token-2");
}

// The token expires between the PUT and a GET of the same lookup: renewed once, then the lookup
// succeeds; a service that refuses every token ends in a clear error after one renewal, no loop.
TEST_F(Imds, ATokenRefusedAsExpiredIsRenewedOnce) {
  ExpiringTokenImds imds;
  imds.expire_at_first_get = true;
  server.set_handler([&imds](const RecordedRequest& request) { return imds.answer(request); });
  EXPECT_EQ(default_chain()->get().access_key_id, "IMDS_KEY_2");
  EXPECT_EQ(token_requests(server), 2);

  FakeHttpServer refusing;
  clean.env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", refusing.url());
  ExpiringTokenImds always;
  always.reject_every_get = true;
  refusing.set_handler([&always](const RecordedRequest& request) { return always.answer(request); });
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP 401"), std::string::npos) << e.what();
  }
  EXPECT_EQ(token_requests(refusing), 2);
  EXPECT_EQ(refusing.request_count(), 4u);
}

// A slow IMDS (the reply held until the client hangs up, far beyond the 1 s timeout): the token
// call counts as "no IMDS here" and the chain ends with its one clear error, within bounded time.
TEST_F(Imds, ASlowTokenCallIsAMissWithinTheTimeout) {
  clean.env.set("AWS_METADATA_SERVICE_TIMEOUT", "1");
  server.set_handler([](const RecordedRequest&) {
    FakeResponse late = FakeResponse::text(200, "late-token");
    late.delay = std::chrono::seconds(60);
    return late;
  });
  const auto start = std::chrono::steady_clock::now();
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("no instance metadata service answered"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(server.request_count(), 1u);
}

// The token comes at once but the role lookup hangs: a CredentialsError naming the timeout (an IMDS
// that is there but broken is not "no credentials here"), within bounded time.
TEST_F(Imds, ASlowRoleLookupIsAClearErrorWithinTheTimeout) {
  clean.env.set("AWS_METADATA_SERVICE_TIMEOUT", "1");
  server.set_handler([](const RecordedRequest& request) {
    if (request.method == "PUT") return FakeResponse::text(200, "token");
    FakeResponse late = FakeResponse::text(200, "my-role");
    late.delay = std::chrono::seconds(60);
    return late;
  });
  const auto start = std::chrono::steady_clock::now();
  try {
    default_chain()->get();
    FAIL() << "expected CredentialsError";
  } catch (const aws::CredentialsError& e) {
    EXPECT_NE(std::string(e.what()).find("instance metadata request failed"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// A source that counts calls and hands out credentials expiring at a set time.
class CountingProvider : public aws::CredentialsProvider {
 public:
  std::optional<aws::Credentials> resolve(std::string&) override {
    ++calls;
    if (fail) throw aws::CredentialsError("source down");
    return aws::Credentials{"KEY" + std::to_string(calls), "secret", "token", expiration};
  }
  std::string name() const override { return "counting"; }
  int calls = 0;
  bool fail = false;
  std::optional<std::chrono::system_clock::time_point> expiration;
};

TEST(CredentialsCache, RefreshesFiveMinutesBeforeExpiry) {
  using namespace std::chrono;
  const auto start = system_clock::time_point{} + hours(1000);
  auto now = start;
  auto provider = std::make_unique<CountingProvider>();
  CountingProvider* source = provider.get();
  source->expiration = start + hours(1);
  std::vector<std::unique_ptr<aws::CredentialsProvider>> providers;
  providers.push_back(std::move(provider));
  aws::CredentialsChain chain(std::move(providers), [&] { return now; });

  EXPECT_EQ(chain.get().access_key_id, "KEY1");
  now = start + minutes(54);
  EXPECT_EQ(chain.get().access_key_id, "KEY1");  // 6 minutes left: still cached
  EXPECT_EQ(source->calls, 1);
  now = start + minutes(55) + seconds(1);  // inside the 5-minute margin: refresh
  source->expiration = now + hours(1);
  EXPECT_EQ(chain.get().access_key_id, "KEY2");
  EXPECT_EQ(source->calls, 2);

  // A failed refresh keeps credentials that have not expired yet...
  now = *source->expiration - minutes(2);
  source->fail = true;
  EXPECT_EQ(chain.get().access_key_id, "KEY2");
  // ...but never hands out expired ones.
  now = *source->expiration + seconds(1);
  EXPECT_THROW(chain.get(), aws::CredentialsError);

  // invalidate() forces a new lookup.
  source->fail = false;
  chain.invalidate();
  const int calls_before = source->calls;
  EXPECT_EQ(chain.get().access_key_id, "KEY" + std::to_string(calls_before + 1));
}

TEST(CredentialsCache, LongTermKeysAreResolvedOnce) {
  auto provider = std::make_unique<CountingProvider>();
  CountingProvider* source = provider.get();
  std::vector<std::unique_ptr<aws::CredentialsProvider>> providers;
  providers.push_back(std::move(provider));
  aws::CredentialsChain chain(std::move(providers));
  for (int i = 0; i < 5; ++i) (void)chain.get();
  EXPECT_EQ(source->calls, 1);
}

TEST(ClientCredentialSource, NamesTheSourceNotTheSecret) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("credentials"), "[default]\naws_access_key_id=FILE_KEY\naws_secret_access_key=file-secret\n");
  aws::ClientConfig config;
  config.endpoint_url = "http://127.0.0.1:1";
  {
    aws::DynamoDbClient client(config);
    EXPECT_EQ(client.credential_source(), "shared credentials file (profile default)");
  }
  clean.env.set("AWS_ACCESS_KEY_ID", "ENV_KEY");
  clean.env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
  {
    aws::DynamoDbClient client(config);
    EXPECT_EQ(client.credential_source(), "environment");
  }
  config.access_key_id = "A";
  config.secret_access_key = "B";
  aws::DynamoDbClient client(config);
  EXPECT_EQ(client.credential_source(), "explicit configuration");
}

}  // namespace
