#pragma once

// Checking an endpoint override (--endpoint-url, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, the
// container-credentials URL). The override decides where signed requests go, so it is parsed by
// libcurl's own URL parser (curl_url(), the parser that later sends the request) and must be a
// plain http(s)://host[:port][/path]: no user name or password ("user@host" can hide the real
// host), no query and no fragment ('?', '#': they would change what is signed and where it goes),
// no spaces, control characters or backslashes.

#include <string>
#include <string_view>

namespace aws {

// The URL rebuilt from the parts libcurl parsed: scheme://host[:port][/path] (lower-case scheme
// and host; no trailing "/" when the path is empty). Throws aws::ConfigurationError naming
// `source` and the rule broken.
std::string checked_endpoint_url(std::string_view url, std::string_view source);

// Empty when `url` passes checked_endpoint_url(), else the rule and what breaks it (for option
// validators that add the option's name themselves).
std::string endpoint_url_problem(std::string_view url);

}  // namespace aws
