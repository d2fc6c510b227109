#include "app/config.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/paths.h"

namespace haven::app {
namespace {

using core::ErrorCode;
using core::Fail;

// One setting: where it lives in TOML, its environment variable, and how to set it from text
// or a TOML node.
struct Setting {
  std::string_view section;
  std::string_view key;
  std::string_view env;
  std::function<core::Status(std::string_view text, AppConfig&)> from_text;
};

core::Result<long long> ParseInteger(std::string_view text, long long min, long long max,
                                     std::string_view name) {
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  long long value = std::strtoll(copy.c_str(), &end, 10);
  if (copy.empty() || *end != '\0' || errno != 0 || value < min || value > max) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max) + ", got '" + copy + "'",
                std::string(name));
  }
  return value;
}

template <typename T>
Setting IntegerSetting(std::string_view section, std::string_view key, std::string_view env,
                       T AppConfig::*member, long long min, long long max) {
  return Setting{section, key, env, [=](std::string_view text, AppConfig& config) -> core::Status {
                   std::string name = std::string(section) + "." + std::string(key);
                   auto value = ParseInteger(text, min, max, name);
                   if (!value) return std::unexpected(value.error());
                   config.*member = static_cast<T>(*value);
                   return {};
                 }};
}

Setting TextSetting(std::string_view section, std::string_view key, std::string_view env,
                    std::string AppConfig::*member) {
  return Setting{section, key, env, [=](std::string_view text, AppConfig& config) -> core::Status {
                   config.*member = std::string(text);
                   return {};
                 }};
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      TextSetting("server", "bind", "HAVEN_BIND", &AppConfig::bind),
      IntegerSetting("server", "port", "HAVEN_PORT", &AppConfig::port, 1, 65535),
      IntegerSetting("server", "threads", "HAVEN_THREADS", &AppConfig::threads, 1, 256),
      IntegerSetting("server", "max_body_bytes", "HAVEN_MAX_BODY_BYTES", &AppConfig::max_body_bytes,
                     1024, 64 << 20),
      TextSetting("storage", "data_dir", "HAVEN_DATA_DIR", &AppConfig::data_dir),
      TextSetting("paths", "content_dir", "HAVEN_CONTENT_DIR", &AppConfig::content_dir),
      TextSetting("paths", "web_root", "HAVEN_WEB_ROOT", &AppConfig::web_root),
      TextSetting("paths", "models_dir", "HAVEN_MODELS_DIR", &AppConfig::models_dir),
      IntegerSetting("chat", "max_text_chars", "HAVEN_MAX_TEXT_CHARS", &AppConfig::max_text_chars,
                     1, 100000),
      IntegerSetting("security", "session_seconds", "HAVEN_SESSION_SECONDS",
                     &AppConfig::session_seconds, 1, 365LL * 24 * 3600),
      TextSetting("security", "password_cost", "HAVEN_PASSWORD_COST", &AppConfig::password_cost),
      IntegerSetting("safety", "context_window_hours", "HAVEN_SAFETY_WINDOW_HOURS",
                     &AppConfig::safety_window_hours, 1, 24 * 90),
      IntegerSetting("safety", "assessment_window_days", "HAVEN_SAFETY_ASSESSMENT_WINDOW_DAYS",
                     &AppConfig::assessment_window_days, 1, 365),
      IntegerSetting("assess", "due_every_days", "HAVEN_ASSESSMENT_DUE_DAYS",
                     &AppConfig::assessment_due_days, 0, 365),
      TextSetting("log", "level", "HAVEN_LOG_LEVEL", &AppConfig::log_level),
  };
  return kSettings;
}

const Setting* FindSetting(std::string_view section, std::string_view key) {
  for (const Setting& setting : Settings()) {
    if (setting.section == section && setting.key == key) return &setting;
  }
  return nullptr;
}

std::string Where(const std::string& file, const toml::node& node) {
  return file + ":" + std::to_string(node.source().begin.line);
}

core::Status ApplyTomlValue(const std::string& file, std::string_view section, std::string_view key,
                            const toml::node& value, AppConfig& config) {
  std::string name = std::string(section) + "." + std::string(key);
  const Setting* setting = FindSetting(section, key);
  if (setting == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                Where(file, value) + ": unknown setting '" + name + "'", name);
  }
  std::string text;
  if (auto s = value.value<std::string>(); s && value.is_string()) {
    text = *s;
  } else if (auto i = value.value<long long>(); i && value.is_integer()) {
    text = std::to_string(*i);
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                Where(file, value) + ": '" + name + "' must be a string or an integer", name);
  }
  auto status = setting->from_text(text, config);
  if (!status) {
    return Fail(ErrorCode::kInvalidArgument, Where(file, value) + ": " + status.error().message,
                name);
  }
  return {};
}

core::Status ApplyFile(const std::string& file, AppConfig& config) {
  toml::table parsed;
  try {
    parsed = toml::parse_file(file);
  } catch (const toml::parse_error& error) {
    return Fail(ErrorCode::kInvalidArgument, file + ":" +
                                                 std::to_string(error.source().begin.line) + ": " +
                                                 std::string(error.description()));
  }
  for (const auto& [section, table_node] : parsed) {
    const toml::table* table = table_node.as_table();
    if (table == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  Where(file, table_node) + ": '" + std::string(section.str()) +
                      "' must be a [section]; settings live in [server], [storage], [paths], "
                      "[chat], [security], [safety], [assess], [log]");
    }
    for (const auto& [key, value] : *table) {
      auto status = ApplyTomlValue(file, section.str(), key.str(), value, config);
      if (!status) return status;
    }
  }
  return {};
}

}  // namespace

EnvironmentLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

core::Status LoadConfig(const std::string& config_file, const EnvironmentLookup& environment,
                        AppConfig& config) {
  if (!config_file.empty()) {
    if (!std::filesystem::exists(config_file)) {
      return Fail(ErrorCode::kInvalidArgument, "config file not found: " + config_file, "config");
    }
    auto status = ApplyFile(config_file, config);
    if (!status) return status;
  }
  for (const Setting& setting : Settings()) {
    std::optional<std::string> value = environment(std::string(setting.env));
    if (!value) continue;
    auto status = setting.from_text(*value, config);
    if (!status) {
      return Fail(
          ErrorCode::kInvalidArgument,
          "environment variable " + std::string(setting.env) + ": " + status.error().message,
          std::string(setting.env));
    }
  }
  return {};
}

core::Status ValidateConfig(const AppConfig& config) {
  if (config.password_cost != "interactive" && config.password_cost != "minimum") {
    return Fail(ErrorCode::kInvalidArgument,
                "security.password_cost must be 'interactive' or 'minimum', got '" +
                    config.password_cost + "'",
                "security.password_cost");
  }
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
  bool known_level = false;
  for (const char* level : kLevels) known_level |= config.log_level == level;
  if (!known_level) {
    return Fail(ErrorCode::kInvalidArgument,
                "log.level must be one of trace, debug, info, warn, error, off; got '" +
                    config.log_level + "'",
                "log.level");
  }
  if (config.data_dir.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "storage.data_dir must not be empty",
                "storage.data_dir");
  }
  return {};
}

void ResolveDefaultPaths(AppConfig& config) {
  if (config.content_dir.empty()) config.content_dir = core::FindShippedPath("content");
  if (config.web_root.empty()) config.web_root = core::FindShippedPath("web/dist", "index.html");
  if (config.models_dir.empty()) config.models_dir = core::FindShippedPath("models");
}

}  // namespace haven::app
