// The `analyze`, `train` and `eval` subcommands of the haven binary (thin CLI over haven_nlp).
#pragma once

#include <CLI/CLI.hpp>

namespace haven::app {

// Adds `analyze`, `train` and `eval` to `app`. Their callbacks print to stdout/stderr and
// signal failure by throwing CLI::RuntimeError(exit_code), which CLI11_PARSE / app.exit()
// turn into the process exit code.
void RegisterNlpCommands(CLI::App& app);

}  // namespace haven::app
