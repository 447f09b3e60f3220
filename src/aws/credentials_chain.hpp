#pragma once

// The AWS SDKs' default credential resolution order, with caching:
//   explicit (ClientConfig) -> environment -> shared files -> container endpoint -> EC2 IMDS.
// The first source that yields credentials wins; they are cached and reused until 5 minutes before
// they expire (long-term keys: forever), then the chain is walked again. If a refresh fails while
// the cached credentials have not expired yet, the cached ones keep being used. Thread-safe.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "aws/credentials.hpp"
#include "aws/http_client.hpp"

namespace aws {

class CredentialsChain {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  static constexpr std::chrono::minutes kRefreshMargin{5};

  explicit CredentialsChain(std::vector<std::unique_ptr<CredentialsProvider>> providers,
                            Clock clock = [] { return std::chrono::system_clock::now(); });

  // The default chain. With `explicit_credentials`, only those are used (as in the SDKs).
  // `profile`: the profile name for the shared-files source (else AWS_PROFILE, else "default").
  static std::unique_ptr<CredentialsChain> make_default(const std::optional<Credentials>& explicit_credentials,
                                                        const std::optional<std::string>& profile,
                                                        std::shared_ptr<http::HttpClient> http);

  // Cached or freshly resolved credentials. Throws CredentialsError listing every source tried
  // and why each gave nothing, or the error of a source that is configured but broken.
  Credentials get();
  // The name of the source of the current credentials ("" before the first get()). Never a secret.
  std::string source() const;
  // Forgets the cached credentials (e.g. after the service rejected them as expired).
  void invalidate();

 private:
  bool fresh(const Credentials& creds, std::chrono::system_clock::time_point now) const;

  std::vector<std::unique_ptr<CredentialsProvider>> providers_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::optional<Credentials> cached_;
  std::string source_;
};

}  // namespace aws
