#pragma once

// The shared AWS files every SDK and the CLI read: ~/.aws/credentials and ~/.aws/config
// (or AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE), INI-style.
//
// In the credentials file a section is the bare profile name ([default], [dev]); in the config
// file it is [default] or [profile dev]. For one profile, keys from the credentials file win over
// the config file's. Nested sections (e.g. `s3 =` followed by indented keys) are skipped.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace aws {

using Profile = std::map<std::string, std::string>;  // key -> value, keys lower-cased

class SharedConfig {
 public:
  // Reads the files named by the environment (or the defaults under $HOME). Missing files are fine.
  static SharedConfig load_from_environment();
  static SharedConfig load(const std::optional<std::filesystem::path>& credentials_file,
                           const std::optional<std::filesystem::path>& config_file);

  // The merged settings of that profile, or nullopt when neither file has it.
  std::optional<Profile> profile(const std::string& name) const;

  // The profile to use: `explicit_name` if given, else AWS_PROFILE, else "default".
  static std::string selected_profile_name(const std::optional<std::string>& explicit_name);

  // Which files were read (for error messages).
  const std::string& description() const { return description_; }

 private:
  std::map<std::string, Profile> credentials_;  // profile -> keys, from the credentials file
  std::map<std::string, Profile> config_;       // profile -> keys, from the config file
  std::string description_;
};

// Parses INI text. `config_style`: section names "profile x" map to "x" (and bare "default" stays).
std::map<std::string, Profile> parse_ini_profiles(const std::string& text, bool config_style);

}  // namespace aws
