// Settings for `haven serve` and the admin commands: defaults < TOML file < environment <
// command-line flags. Unknown or invalid settings are errors that name the setting.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"

namespace haven::app {

struct AppConfig {
  // [server]
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::size_t threads = 4;
  std::size_t max_body_bytes = 64 * 1024;
  // [storage]
  std::string data_dir = "./haven-data";
  // [paths]; empty means "found next to the binary or in the working directory"
  std::string content_dir;
  std::string web_root;
  std::string models_dir;
  // [chat]
  std::size_t max_text_chars = 4000;
  // [security]
  long long session_seconds = 7 * 24 * 3600;
  std::string password_cost = "interactive";  // or "minimum" (tests only: weak hashes)
  // [safety]
  int safety_window_hours = 72;
  int assessment_window_days = 14;  // an assessment answer that started the safety flow
  // [assess]
  int assessment_due_days = 0;  // 0: each instrument's own due_every_days (content, 14)
  // [log]
  std::string log_level = "info";
};

// Reads an environment variable; injectable for tests.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;
[[nodiscard]] EnvironmentLookup ProcessEnvironment();

// Applies `config_file` (if non-empty) then HAVEN_* variables on top of `config`.
// InvalidArgument naming the file, key or variable at fault.
[[nodiscard]] core::Status LoadConfig(const std::string& config_file,
                                      const EnvironmentLookup& environment, AppConfig& config);

// Checks ranges and allowed values; InvalidArgument naming the setting.
[[nodiscard]] core::Status ValidateConfig(const AppConfig& config);

// Fills empty content_dir / web_root / models_dir with the first existing candidate:
// next to the executable (../content), then the working directory (core::FindShippedPath).
void ResolveDefaultPaths(AppConfig& config);

}  // namespace haven::app
