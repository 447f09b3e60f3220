// SigV4 against the official AWS test vectors (header form), read from the suite's files:
// for every case, the canonical request, the string to sign, the signature, the Authorization
// header and the headers added to the request must match byte for byte.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/sigv4.hpp"

namespace {

namespace fs = std::filesystem;

#ifndef AWS_SIGV4_TEST_SUITE_DIR
#define AWS_SIGV4_TEST_SUITE_DIR ""
#endif

fs::path suite_dir() {
  if (const char* dir = std::getenv("AWS_SIGV4_TEST_SUITE_DIR"); dir != nullptr && *dir != '\0') return dir;
  return AWS_SIGV4_TEST_SUITE_DIR;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string without_trailing_newlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct ParsedRequest {
  aws::sigv4::SignableRequest request;
  std::vector<std::pair<std::string, std::string>> headers;  // as in the file
};

// request.txt: "METHOD <target> HTTP/1.1", then "Name:value" lines (a line starting with
// whitespace continues the previous value), a blank line, then the body. The target may hold raw
// spaces and UTF-8, so it is everything between the first space and the last " HTTP/".
ParsedRequest parse_request(const std::string& text) {
  ParsedRequest parsed;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  const auto first_space = line.find(' ');
  const auto version = line.rfind(" HTTP/");
  parsed.request.method = line.substr(0, first_space);
  const std::string target = line.substr(first_space + 1, version - first_space - 1);
  const auto question = target.find('?');
  parsed.request.path = target.substr(0, question);
  if (question != std::string::npos) parsed.request.query = target.substr(question + 1);

  std::size_t consumed = static_cast<std::size_t>(in.tellg());
  while (std::getline(in, line)) {
    consumed = in.eof() ? text.size() : static_cast<std::size_t>(in.tellg());
    if (line.empty()) {
      parsed.request.body = text.substr(consumed);
      break;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !parsed.headers.empty()) {
      parsed.headers.back().second += "\n" + line;
      continue;
    }
    const auto colon = line.find(':');
    parsed.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  parsed.request.headers = parsed.headers;
  return parsed;
}

std::chrono::system_clock::time_point parse_timestamp(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// The suite's v4/ holds one folder per case, 38 in the release we test against. The count is
// pinned so that a lost folder (a partial copy of the suite) fails instead of shrinking the run.
constexpr std::size_t kSuiteVectorCount = 38;

// Every folder of v4/ is a case: a folder missing one of its files fails in MatchesHeaderForm
// (read_file throws) rather than being skipped.
std::vector<std::string> case_names() {
  std::vector<std::string> names;
  const fs::path v4 = suite_dir() / "v4";
  if (!fs::is_directory(v4)) return names;
  for (const auto& entry : fs::directory_iterator(v4)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SigV4Suite, IsPresent) {
  const fs::path v4 = suite_dir() / "v4";
  ASSERT_TRUE(fs::is_directory(v4))
      << "The AWS SigV4 test suite was not found at '" << v4.string()
      << "'. It is expected in ../shared/aws-sigv4-test-suite next to the project; configure with "
         "-DAWS_SIGV4_TEST_SUITE_DIR=<dir> or set the environment variable AWS_SIGV4_TEST_SUITE_DIR.";
  EXPECT_EQ(case_names().size(), kSuiteVectorCount)
      << "the SigV4 suite at '" << v4.string() << "' should hold " << kSuiteVectorCount << " case folders";
}

class SigV4Vector : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4Vector, MatchesHeaderForm) {
  const fs::path dir = suite_dir() / "v4" / GetParam();
  const nlohmann::json context = nlohmann::json::parse(read_file(dir / "context.json"));
  const ParsedRequest parsed = parse_request(read_file(dir / "request.txt"));

  aws::sigv4::SigningParams params = aws::sigv4::defaults_for_service(context["service"].get<std::string>());
  params.credentials.access_key_id = context["credentials"]["access_key_id"];
  params.credentials.secret_access_key = context["credentials"]["secret_access_key"];
  params.credentials.session_token = context["credentials"].value("token", "");
  params.region = context["region"];
  params.time = parse_timestamp(context["timestamp"]);
  params.normalize_path = context.value("normalize", true);
  params.sign_body = context.value("sign_body", false);
  params.omit_session_token = context.value("omit_session_token", false);

  const aws::sigv4::SigningResult result = aws::sigv4::sign(parsed.request, params);

  EXPECT_EQ(result.canonical_request, without_trailing_newlines(read_file(dir / "header-canonical-request.txt")));
  EXPECT_EQ(result.string_to_sign, without_trailing_newlines(read_file(dir / "header-string-to-sign.txt")));
  EXPECT_EQ(result.signature, without_trailing_newlines(read_file(dir / "header-signature.txt")));

  // Every header we add must appear, with the same value, in the expected signed request; and the
  // expected request must add nothing we do not.
  const ParsedRequest expected = parse_request(read_file(dir / "header-signed-request.txt"));
  std::vector<std::pair<std::string, std::string>> expected_added(expected.headers.begin() + static_cast<long>(parsed.headers.size()),
                                                                  expected.headers.end());
  ASSERT_EQ(expected_added.size(), result.headers_to_add.size());
  for (const auto& [name, value] : result.headers_to_add) {
    const auto it = std::find_if(expected_added.begin(), expected_added.end(),
                                 [&](const auto& header) { return lower(header.first) == lower(name); });
    ASSERT_NE(it, expected_added.end()) << "unexpected header " << name;
    EXPECT_EQ(it->second, value) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Official, SigV4Vector, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& case_info) {
                           std::string name = case_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SigV4Vector);  // SigV4Suite.IsPresent reports the absence

// Building blocks, beyond the vectors.
TEST(SigV4, UriEncodeKeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(aws::sigv4::uri_encode("a-b_c.d~e/f g+h=", false), "a-b_c.d~e%2Ff%20g%2Bh%3D");
  EXPECT_EQ(aws::sigv4::uri_encode("a/b", true), "a/b");
}


TEST(SigV4, PathHandlingDefaultsPerService) {
  // As in the SDKs: every service normalizes and escapes the path, except S3.
  EXPECT_TRUE(aws::sigv4::defaults_for_service("dynamodb").normalize_path);
  EXPECT_TRUE(aws::sigv4::defaults_for_service("dynamodb").escape_path);
  EXPECT_FALSE(aws::sigv4::defaults_for_service("s3").normalize_path);
  EXPECT_FALSE(aws::sigv4::defaults_for_service("s3").escape_path);
  EXPECT_EQ(aws::sigv4::canonical_path("/a/./b/../c//", true, true), "/a/c/");
  EXPECT_EQ(aws::sigv4::canonical_path("/a/./b/../c//", false, false), "/a/./b/../c//");
  EXPECT_EQ(aws::sigv4::canonical_path("", true, true), "/");
}

TEST(SigV4, QueryIsDecodedThenEncodedAndSorted) {
  EXPECT_EQ(aws::sigv4::canonical_query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
  EXPECT_EQ(aws::sigv4::canonical_query("k=a%20b&k2=a+b"), "k=a%20b&k2=a%2Bb");
}

TEST(SigV4, AmzDateIsUtcBasicFormat) {
  EXPECT_EQ(aws::sigv4::amz_date(std::chrono::system_clock::from_time_t(1440938160)), "20150830T123600Z");
}

}  // namespace
