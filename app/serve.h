// `haven serve`: start everything and serve until SIGINT/SIGTERM.
#pragma once

#include "app/config.h"
#include "core/result.h"

namespace haven::app {

// Blocks while serving. Errors name the setting, file or address that failed.
[[nodiscard]] core::Status Serve(const AppConfig& config);

}  // namespace haven::app
