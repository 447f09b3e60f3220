#include <gtest/gtest.h>

#include <fstream>
#include <string_view>

#include "aws/endpoint_url.hpp"
#include "aws/errors.hpp"
#include "aws/partition.hpp"
#include "aws/region_endpoint.hpp"
#include "scoped_env.hpp"

namespace {

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(Region, ExplicitWinsOverEverything) {
  aws_test::CleanAwsEnv clean;
  clean.env.set("AWS_REGION", "eu-west-1");
  clean.env.set("AWS_DEFAULT_REGION", "eu-west-2");
  EXPECT_EQ(aws::resolve_region(std::string("ap-south-1"), std::nullopt), "ap-south-1");
}

TEST(Region, EnvironmentOrderThenProfileThenDefault) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("config"), "[default]\nregion = sa-east-1\n[profile dev]\nregion=ca-central-1\n");
  EXPECT_EQ(aws::resolve_region(std::nullopt, std::nullopt), "sa-east-1");
  EXPECT_EQ(aws::resolve_region(std::nullopt, std::string("dev")), "ca-central-1");
  clean.env.set("AWS_PROFILE", "dev");
  EXPECT_EQ(aws::resolve_region(std::nullopt, std::nullopt), "ca-central-1");
  clean.env.set("AWS_DEFAULT_REGION", "eu-west-2");
  EXPECT_EQ(aws::resolve_region(std::nullopt, std::nullopt), "eu-west-2");
  clean.env.set("AWS_REGION", "eu-west-1");
  EXPECT_EQ(aws::resolve_region(std::nullopt, std::nullopt), "eu-west-1");
}

TEST(Region, DefaultsToUsEast1) {
  aws_test::CleanAwsEnv clean;
  EXPECT_EQ(aws::resolve_region(std::nullopt, std::nullopt), "us-east-1");
  EXPECT_EQ(aws::resolve_region(std::string(""), std::nullopt), "us-east-1");  // empty counts as unset
}

TEST(Endpoint, Order) {
  aws_test::CleanAwsEnv clean;
  EXPECT_EQ(aws::resolve_endpoint(std::nullopt, "us-west-2", "dynamodb"), "https://dynamodb.us-west-2.amazonaws.com");
  clean.env.set("AWS_ENDPOINT_URL", "http://generic:1");
  EXPECT_EQ(aws::resolve_endpoint(std::nullopt, "us-west-2", "dynamodb"), "http://generic:1");
  clean.env.set("AWS_ENDPOINT_URL_DYNAMODB", "http://dynamo:2");
  EXPECT_EQ(aws::resolve_endpoint(std::nullopt, "us-west-2", "dynamodb"), "http://dynamo:2");
  EXPECT_EQ(aws::resolve_endpoint(std::string("http://explicit:3"), "us-west-2", "dynamodb"), "http://explicit:3");
  clean.env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  EXPECT_EQ(aws::resolve_endpoint(std::nullopt, "us-west-2", "dynamodb"), "https://dynamodb.us-west-2.amazonaws.com");
}

TEST(Endpoint, ChinaPartition) {
  EXPECT_EQ(aws::default_endpoint("dynamodb", "cn-north-1"), "https://dynamodb.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(aws::default_endpoint("dynamodb", "cn-northwest-1"), "https://dynamodb.cn-northwest-1.amazonaws.com.cn");
  EXPECT_EQ(aws::default_endpoint("dynamodb", "eu-central-1"), "https://dynamodb.eu-central-1.amazonaws.com");
}

// The message of the ConfigurationError `action` throws ("" if it throws none).
template <typename Action>
std::string configuration_error(Action action) {
  try {
    action();
  } catch (const aws::ConfigurationError& error) {
    return error.what();
  }
  return "";
}

// Issue 17 item 1: a region reaches the host name, so anything but a real region code is refused.
const char* const kHostileRegions[] = {
    "us-east-1.evil.com#", "us-east-1.evil.com", "evil.com/", "us-east-1@evil.com", "us-east-1:443",
    "us-east-1?x=1",       "us-east-1 ",         " us-east-1", "US-EAST-1",         "us_east_1",
    "us-east-1\r\nX: y", "useast1",            "us-east",    "us-east-1-",        "-us-east-1",
    "us--east-1",          "xx-east-1",          "local",      "us-east-1a",        "us-gov-west",
};

TEST(Region, HostileOrMalformedRegionsAreRefusedFromEverySource) {
  for (const char* region : kHostileRegions) {
    SCOPED_TRACE(region);
    {
      aws_test::CleanAwsEnv clean;
      const std::string message = configuration_error([&] { aws::resolve_region(std::string(region), std::nullopt); });
      EXPECT_EQ(message.rfind("region: ", 0), 0U) << message;
      EXPECT_NE(message.find("lowercase letters in hyphen-separated parts"), std::string::npos) << message;
    }
    for (const char* variable : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      aws_test::CleanAwsEnv clean;
      clean.env.set(variable, region);
      const std::string message = configuration_error([&] { aws::resolve_region(std::nullopt, std::nullopt); });
      EXPECT_EQ(message.rfind(std::string(variable) + ": ", 0), 0U) << message;
    }
    // A config file line cannot hold a line break, and the INI reader trims spaces.
    if (std::string_view(region).find_first_of(" \r\n") == std::string_view::npos) {
      aws_test::CleanAwsEnv clean;
      write(clean.dir.file("config"), std::string("[profile dev]\nregion = ") + region + "\n");
      const std::string message = configuration_error([&] { aws::resolve_region(std::nullopt, std::string("dev")); });
      EXPECT_EQ(message.rfind("region in AWS profile 'dev': ", 0), 0U) << message;
    }
    EXPECT_NE(configuration_error([&] { aws::default_endpoint("dynamodb", region); }), "");
  }
}

TEST(Region, MessageShowsControlCharactersEscaped) {
  const std::string message = aws::region_problem("us-east-1\r\nHost: evil");
  EXPECT_NE(message.find("'us-east-1\\x0d\\x0aHost: evil'"), std::string::npos) << message;
}

TEST(Endpoint, PartitionTableGivesTheHostSuffix) {
  const std::pair<const char*, const char*> cases[] = {
      {"us-east-1", "https://dynamodb.us-east-1.amazonaws.com"},
      {"ap-southeast-2", "https://dynamodb.ap-southeast-2.amazonaws.com"},
      {"il-central-1", "https://dynamodb.il-central-1.amazonaws.com"},
      {"cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn"},
      {"us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com"},
      {"us-iso-east-1", "https://dynamodb.us-iso-east-1.c2s.ic.gov"},
      {"us-isob-east-1", "https://dynamodb.us-isob-east-1.sc2s.sgov.gov"},
      {"eu-isoe-west-1", "https://dynamodb.eu-isoe-west-1.cloud.adc-e.uk"},
      {"us-isof-south-1", "https://dynamodb.us-isof-south-1.csp.hci.ic.gov"},
  };
  for (const auto& [region, endpoint] : cases) EXPECT_EQ(aws::default_endpoint("dynamodb", region), endpoint);
  EXPECT_EQ(aws::partition_of_region("us-gov-east-1", "test").name, "aws-us-gov");
  EXPECT_EQ(aws::partition_of_region("cn-northwest-1", "test").name, "aws-cn");
}

TEST(Endpoint, OverridesAreParsedByCurlAndRebuiltFromTheirParts) {
  EXPECT_EQ(aws::checked_endpoint_url("http://127.0.0.1:8000", "x"), "http://127.0.0.1:8000");
  EXPECT_EQ(aws::checked_endpoint_url("HTTP://LocalHost:8000/", "x"), "http://localhost:8000");
  EXPECT_EQ(aws::checked_endpoint_url("https://dynamodb.eu-west-1.amazonaws.com/base", "x"),
            "https://dynamodb.eu-west-1.amazonaws.com/base");
  EXPECT_EQ(aws::checked_endpoint_url("http://[::1]:9000", "x"), "http://[::1]:9000");
  // A percent-encoded host is the host curl decodes it to, and that is the one used.
  EXPECT_EQ(aws::checked_endpoint_url("http://ev%69l.com", "x"), "http://evil.com");
}

TEST(Endpoint, OverridesWithUserInfoQueryFragmentOrOddCharactersAreRefused) {
  const char* const hostile[] = {
      "http://user@evil.com",        "http://user:pw@127.0.0.1:8000", "http://127.0.0.1:8000@evil.com",
      "http://127.0.0.1:8000#",      "http://127.0.0.1:8000/#x",      "http://127.0.0.1:8000?x=1",
      "http://127.0.0.1:8000/ x",    "http://evil.com\\@127.0.0.1", "ftp://127.0.0.1",
      "127.0.0.1:8000",              "http://",                       "http://host:99999",
      "http://127.0.0.1:8000\r\nX: y", "file:///etc/passwd",
  };
  for (const char* url : hostile) {
    SCOPED_TRACE(url);
    const std::string message = configuration_error([&] { aws::checked_endpoint_url(url, "--endpoint-url"); });
    EXPECT_EQ(message.rfind("--endpoint-url: must be an http:// or https:// URL", 0), 0U) << message;
  }
}

TEST(Endpoint, OverrideSourcesAreNamedInTheError) {
  aws_test::CleanAwsEnv clean;
  clean.env.set("AWS_ENDPOINT_URL", "http://user@evil.com");
  EXPECT_EQ(configuration_error([] { aws::resolve_endpoint(std::nullopt, "us-east-1", "dynamodb"); }).rfind(
                "AWS_ENDPOINT_URL: ", 0),
            0U);
  clean.env.set("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1/#");
  EXPECT_EQ(configuration_error([] { aws::resolve_endpoint(std::nullopt, "us-east-1", "dynamodb"); }).rfind(
                "AWS_ENDPOINT_URL_DYNAMODB: ", 0),
            0U);
  EXPECT_EQ(configuration_error([] {
              aws::resolve_endpoint(std::string("http://127.0.0.1:1?a"), "us-east-1", "dynamodb");
            }).rfind("endpoint_url: ", 0),
            0U);
}

}  // namespace
