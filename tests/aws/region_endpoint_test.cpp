#include <gtest/gtest.h>

#include <fstream>

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

}  // namespace
