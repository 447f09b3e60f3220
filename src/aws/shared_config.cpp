#include "aws/shared_config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "aws/environment.hpp"
#include "aws/text.hpp"

namespace aws {

namespace {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::filesystem::path home_directory() {
  if (auto home = get_env("HOME")) return *home;
  return ".";
}

}  // namespace

std::map<std::string, Profile> parse_ini_profiles(const std::string& text, bool config_style) {
  std::map<std::string, Profile> profiles;
  std::istringstream in(text);
  std::string line;
  Profile* current = nullptr;
  bool in_nested_block = false;
  while (std::getline(in, line)) {
    const bool indented = !line.empty() && (line.front() == ' ' || line.front() == '\t');
    std::string stripped(trim(line));
    if (stripped.empty() || stripped.front() == '#' || stripped.front() == ';') continue;
    if (stripped.front() == '[') {
      in_nested_block = false;
      const auto close = stripped.find(']');
      std::string name(trim(stripped.substr(1, close == std::string::npos ? std::string::npos : close - 1)));
      current = nullptr;
      if (config_style) {
        if (name.rfind("profile ", 0) == 0 || name.rfind("profile\t", 0) == 0) {
          name = trim(name.substr(8));
        } else if (name != "default") {
          continue;  // [sso-session x], [services x], ... are not profiles
        }
      }
      if (!name.empty()) current = &profiles[name];
      continue;
    }
    if (current == nullptr) continue;
    if (indented && in_nested_block) continue;  // sub-keys of a nested section
    const auto eq = stripped.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = to_lower(trim(stripped.substr(0, eq)));
    std::string value(trim(stripped.substr(eq + 1)));
    if (value.empty()) {
      in_nested_block = true;  // "s3 =" opens a nested block of indented keys
      continue;
    }
    in_nested_block = false;
    // Inline comments need whitespace before the '#' or ';', as in botocore.
    for (const char* marker : {" #", " ;", "\t#", "\t;"}) {
      if (const auto pos = value.find(marker); pos != std::string::npos) value = trim(value.substr(0, pos));
    }
    (*current)[key] = value;
  }
  return profiles;
}

SharedConfig SharedConfig::load(const std::optional<std::filesystem::path>& credentials_file,
                                const std::optional<std::filesystem::path>& config_file) {
  SharedConfig config;
  std::string described;
  if (credentials_file) {
    if (auto text = read_file(*credentials_file)) config.credentials_ = parse_ini_profiles(*text, false);
    described += "credentials file " + credentials_file->string() + (config.credentials_.empty() ? " (absent or empty)" : "");
  }
  if (config_file) {
    if (auto text = read_file(*config_file)) config.config_ = parse_ini_profiles(*text, true);
    if (!described.empty()) described += ", ";
    described += "config file " + config_file->string() + (config.config_.empty() ? " (absent or empty)" : "");
  }
  config.description_ = described;
  return config;
}

SharedConfig SharedConfig::load_from_environment() {
  const std::filesystem::path credentials =
      get_env("AWS_SHARED_CREDENTIALS_FILE").value_or((home_directory() / ".aws" / "credentials").string());
  const std::filesystem::path config = get_env("AWS_CONFIG_FILE").value_or((home_directory() / ".aws" / "config").string());
  return load(credentials, config);
}

std::optional<Profile> SharedConfig::profile(const std::string& name) const {
  const auto from_credentials = credentials_.find(name);
  const auto from_config = config_.find(name);
  if (from_credentials == credentials_.end() && from_config == config_.end()) return std::nullopt;
  Profile merged;
  if (from_config != config_.end()) merged = from_config->second;
  if (from_credentials != credentials_.end()) {
    for (const auto& [key, value] : from_credentials->second) merged[key] = value;
  }
  return merged;
}

std::string SharedConfig::selected_profile_name(const std::optional<std::string>& explicit_name) {
  if (explicit_name && !explicit_name->empty()) return *explicit_name;
  if (auto name = get_env("AWS_PROFILE")) return *name;
  return "default";
}

}  // namespace aws
