// The subcommands of `haven`: serve, migrate, version, admin ...
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/config.h"

namespace haven::app {

// State shared by the command callbacks; outlives parsing.
struct CommandContext {
  std::string config_file;
  AppConfig flags;  // values given on the command line
  int exit_code = 0;
};

void RegisterCommands(CLI::App& app, CommandContext& context);

}  // namespace haven::app

namespace haven::app {

// Options every command that touches the data directory offers: --config, --data-dir.
struct CommonOptions {
  CLI::Option* data_dir = nullptr;
};
CommonOptions AddCommonOptions(CLI::App& command, CommandContext& context);

// Defaults < config file < environment < flags given on this command line. `apply_flags`
// copies this command's own flags (those in `flag_options` that were given) into the config.
[[nodiscard]] core::Result<AppConfig> EffectiveConfig(
    CommandContext& context, const CommonOptions& common,
    const std::vector<CLI::Option*>& flag_options,
    const std::function<void(AppConfig&)>& apply_flags);

// Prints the error for a person at a terminal; returns the exit code (2 for bad input).
int Report(const core::Error& error);

}  // namespace haven::app
