#include <gtest/gtest.h>

#include <fstream>

#include "aws/http_client.hpp"
#include "aws/shared_config.hpp"
#include "scoped_env.hpp"

namespace {

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(SharedConfig, ParsesProfilesOfBothFileStyles) {
  const auto credentials = aws::parse_ini_profiles(
      "# comment\n[default]\naws_access_key_id = AKID1\nAWS_Secret_Access_Key=SECRET1 ; note\n\n[dev]\n"
      "aws_access_key_id=AKID2\n",
      false);
  ASSERT_EQ(credentials.count("default"), 1u);
  EXPECT_EQ(credentials.at("default").at("aws_access_key_id"), "AKID1");
  EXPECT_EQ(credentials.at("default").at("aws_secret_access_key"), "SECRET1");
  EXPECT_EQ(credentials.at("dev").at("aws_access_key_id"), "AKID2");

  const auto config = aws::parse_ini_profiles(
      "[default]\nregion=us-west-1\n[profile dev]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 10\n"
      "output = json\n[sso-session corp]\nsso_region = us-east-1\n[dev]\nregion = ignored\n",
      true);
  EXPECT_EQ(config.at("default").at("region"), "us-west-1");
  EXPECT_EQ(config.at("dev").at("region"), "eu-west-1");
  EXPECT_EQ(config.at("dev").count("max_concurrent_requests"), 0u);  // nested block skipped
  EXPECT_EQ(config.at("dev").at("output"), "json");
  EXPECT_EQ(config.count("corp"), 0u);
}

TEST(SharedConfig, CredentialsFileWinsForTheSameProfile) {
  aws_test::CleanAwsEnv clean;
  write(clean.dir.file("credentials"), "[dev]\naws_access_key_id = FROM_CREDENTIALS\n");
  write(clean.dir.file("config"), "[profile dev]\naws_access_key_id = FROM_CONFIG\nregion = eu-west-1\n");
  const auto files = aws::SharedConfig::load_from_environment();
  const auto dev = files.profile("dev");
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->at("aws_access_key_id"), "FROM_CREDENTIALS");
  EXPECT_EQ(dev->at("region"), "eu-west-1");
  EXPECT_FALSE(files.profile("missing"));
}

TEST(SharedConfig, ProfileSelection) {
  aws_test::CleanAwsEnv clean;
  EXPECT_EQ(aws::SharedConfig::selected_profile_name(std::nullopt), "default");
  clean.env.set("AWS_PROFILE", "env");
  EXPECT_EQ(aws::SharedConfig::selected_profile_name(std::nullopt), "env");
  EXPECT_EQ(aws::SharedConfig::selected_profile_name(std::string("explicit")), "explicit");
}

TEST(Url, Parsing) {
  const auto url = aws::http::parse_url("http://127.0.0.1:8000");
  EXPECT_EQ(url.scheme, "http");
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_EQ(url.port, 8000);
  EXPECT_EQ(url.path, "/");
  EXPECT_EQ(url.authority(), "127.0.0.1:8000");
  const auto https = aws::http::parse_url("https://DynamoDB.us-east-1.amazonaws.com/x?a=b");
  EXPECT_EQ(https.host, "dynamodb.us-east-1.amazonaws.com");
  EXPECT_EQ(https.port, 443);
  EXPECT_EQ(https.authority(), "dynamodb.us-east-1.amazonaws.com");
  EXPECT_EQ(https.path, "/x");
  EXPECT_EQ(https.query, "a=b");
  EXPECT_EQ(aws::http::parse_url("http://[::1]:9000/").authority(), "[::1]:9000");
  EXPECT_THROW(aws::http::parse_url("ftp://x"), std::invalid_argument);
  EXPECT_THROW(aws::http::parse_url("localhost:8000"), std::invalid_argument);
  EXPECT_THROW(aws::http::parse_url("http://host:99999"), std::invalid_argument);
}

}  // namespace
