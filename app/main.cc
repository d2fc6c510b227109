// haven: the one server binary and its admin commands.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Haven: a self-hostable, privacy-first mental-health support companion.\n"
      "Start with `haven serve`, then open http://127.0.0.1:8080"};
  app.require_subcommand(1);
  app.set_version_flag("--version", HAVEN_VERSION);
  haven::app::CommandContext context;
  haven::app::RegisterCommands(app, context);
  CLI11_PARSE(app, argc, argv);
  return context.exit_code;
}
