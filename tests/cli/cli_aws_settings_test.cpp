// Issue 17 item 1: a hostile region or endpoint override, from the command line or the
// environment, ends with exit code 2 and an error naming its source, and NOTHING is sent.
// "Nothing sent" is observed, not assumed: every proxy variable points at a fake HTTP server, so
// any request the binary tried (to AWS or elsewhere) would reach it; a control run with a valid
// region shows that it does.

#include <gtest/gtest.h>

#include "cli/run_cli.hpp"
#include "support/fake_http_server.hpp"
#include "support/temp_dir.hpp"

namespace {

using testing_support::CliResult;
using testing_support::CliRun;

class CliAwsSettings : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::map<std::string, std::optional<std::string>> env = {}) {
    CliRun run;
    run.args = {"--backend", "dynamodb", "--table", "orders"};
    run.args.insert(run.args.end(), args.begin(), args.end());
    run.cwd = dir_.path();
    run.env = {
        {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
        {"AWS_SECRET_ACCESS_KEY", "test-only-secret"},
        {"AWS_SESSION_TOKEN", std::nullopt},
        {"AWS_REGION", std::nullopt},
        {"AWS_DEFAULT_REGION", std::nullopt},
        {"AWS_PROFILE", std::nullopt},
        {"AWS_ENDPOINT_URL", std::nullopt},
        {"AWS_ENDPOINT_URL_DYNAMODB", std::nullopt},
        {"AWS_CONFIG_FILE", dir_.file("no-config").string()},
        {"AWS_SHARED_CREDENTIALS_FILE", dir_.file("no-credentials").string()},
        {"AWS_EC2_METADATA_DISABLED", "true"},
        {"https_proxy", proxy_.url()},
        {"HTTPS_PROXY", proxy_.url()},
        {"http_proxy", proxy_.url()},
        {"ALL_PROXY", proxy_.url()},
        {"all_proxy", proxy_.url()},
        {"NO_PROXY", std::nullopt},
        {"no_proxy", std::nullopt},
    };
    for (auto& [name, value] : env) run.env[name] = value;
    return testing_support::run_cli(run);
  }

  void expect_refused_unsent(const CliResult& result, const std::string& source) {
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(source), std::string::npos) << "does not name " << source << ": " << result.err;
    EXPECT_EQ(result.err.find("evil.com#.amazonaws"), std::string::npos) << result.err;
    EXPECT_EQ(proxy_.connection_count(), 0u) << "a request was attempted";
  }

  testing_support::TempDir dir_;
  testing_support::FakeHttpServer proxy_;
};

const std::string kHostileRegion = "us-east-1.evil.com#";

TEST_F(CliAwsSettings, ControlRunWithAValidRegionDoesReachTheProxy) {
  const CliResult result = run({"--region", "us-east-1", "stats"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_GT(proxy_.connection_count(), 0u) << "the proxy variables are not honoured; the other tests prove nothing";
}

TEST_F(CliAwsSettings, HostileRegionOptionIsRefused) {
  const CliResult result = run({"--region", kHostileRegion, "stats"});
  expect_refused_unsent(result, "--region");
  EXPECT_NE(result.err.find("lowercase letters in hyphen-separated parts"), std::string::npos) << result.err;
}

TEST_F(CliAwsSettings, HostileRegionVariablesAreRefused) {
  for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    SCOPED_TRACE(variable);
    expect_refused_unsent(run({"stats"}, {{variable, kHostileRegion}}), variable);
  }
}

TEST_F(CliAwsSettings, HostileEndpointOverridesAreRefused) {
  const std::string target = "127.0.0.1:" + std::to_string(proxy_.port());
  expect_refused_unsent(run({"--endpoint-url", "http://user@" + target, "stats"}), "--endpoint-url");
  expect_refused_unsent(run({"stats"}, {{"AWS_ENDPOINT_URL_DYNAMODB", "http://" + target + "/#x"}}),
                        "AWS_ENDPOINT_URL_DYNAMODB");
  expect_refused_unsent(run({"stats"}, {{"AWS_ENDPOINT_URL", "http://" + target + "?a=b"}}), "AWS_ENDPOINT_URL");
}

}  // namespace
