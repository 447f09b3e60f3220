#include "aws/credentials_chain.hpp"

#include "aws/container_credentials.hpp"
#include "aws/environment_credentials.hpp"
#include "aws/errors.hpp"
#include "aws/imds_credentials.hpp"
#include "aws/profile_credentials.hpp"
#include "aws/static_credentials.hpp"

namespace aws {

CredentialsChain::CredentialsChain(std::vector<std::unique_ptr<CredentialsProvider>> providers, Clock clock)
    : providers_(std::move(providers)), clock_(std::move(clock)) {}

std::unique_ptr<CredentialsChain> CredentialsChain::make_default(const std::optional<Credentials>& explicit_credentials,
                                                                 const std::optional<std::string>& profile,
                                                                 std::shared_ptr<http::HttpClient> http) {
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  if (explicit_credentials) {
    providers.push_back(std::make_unique<StaticCredentialsProvider>(*explicit_credentials));
  } else {
    providers.push_back(std::make_unique<EnvironmentCredentialsProvider>());
    providers.push_back(std::make_unique<ProfileCredentialsProvider>(profile));
    providers.push_back(std::make_unique<ContainerCredentialsProvider>(http));
    providers.push_back(std::make_unique<ImdsCredentialsProvider>(http));
  }
  return std::make_unique<CredentialsChain>(std::move(providers));
}

bool CredentialsChain::fresh(const Credentials& creds, std::chrono::system_clock::time_point now) const {
  return !creds.expiration || now < *creds.expiration - kRefreshMargin;
}

Credentials CredentialsChain::get() {
  // One lock for lookup and refresh: concurrent callers wait for one refresh instead of each
  // hitting the metadata endpoints.
  std::lock_guard lock(mutex_);
  const auto now = clock_();
  if (cached_ && fresh(*cached_, now)) return *cached_;

  std::string tried;
  try {
    for (const auto& provider : providers_) {
      std::string why_not;
      std::optional<Credentials> creds;
      try {
        creds = provider->resolve(why_not);
      } catch (const CredentialsError& e) {
        throw CredentialsError("credentials from " + provider->name() + " failed: " + e.what());
      }
      if (creds) {
        cached_ = std::move(creds);
        source_ = provider->name();
        return *cached_;
      }
      if (!tried.empty()) tried += "; ";
      tried += provider->name() + ": " + (why_not.empty() ? "nothing found" : why_not);
    }
  } catch (const CredentialsError&) {
    // Static stability: a failed refresh does not take away credentials that still work.
    if (cached_ && (!cached_->expiration || now < *cached_->expiration)) return *cached_;
    throw;
  }
  if (cached_ && (!cached_->expiration || now < *cached_->expiration)) return *cached_;
  throw CredentialsError("no AWS credentials found; tried " + tried);
}

std::string CredentialsChain::source() const {
  std::lock_guard lock(mutex_);
  return source_;
}

void CredentialsChain::invalidate() {
  std::lock_guard lock(mutex_);
  cached_.reset();
}

}  // namespace aws
