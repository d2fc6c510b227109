#include "app/commands.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/nlp_commands.h"
#include "app/runtime.h"
#include "app/serve.h"
#include "privacy/audit.h"

namespace haven::app {
namespace {}  // namespace

CommonOptions AddCommonOptions(CLI::App& command, CommandContext& context) {
  CommonOptions options;
  command.add_option("--config", context.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
  options.data_dir =
      command.add_option("--data-dir", context.flags.data_dir,
                         "Data directory (default ./haven-data; env HAVEN_DATA_DIR)");
  return options;
}

core::Result<AppConfig> EffectiveConfig(CommandContext& context, const CommonOptions& common,
                                        const std::vector<CLI::Option*>& flag_options,
                                        const std::function<void(AppConfig&)>& apply_flags) {
  AppConfig config;
  auto loaded = LoadConfig(context.config_file, ProcessEnvironment(), config);
  if (!loaded) return std::unexpected(loaded.error());
  if (common.data_dir->count() > 0) config.data_dir = context.flags.data_dir;
  bool any_flag = false;
  for (CLI::Option* option : flag_options) any_flag |= option->count() > 0;
  if (any_flag) apply_flags(config);
  auto valid = ValidateConfig(config);
  if (!valid) return std::unexpected(valid.error());
  ResolveDefaultPaths(config);
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  return config;
}

int Report(const core::Error& error) {
  std::cerr << "haven: " << error.message << "\n";
  return error.code == core::ErrorCode::kInvalidArgument ? 2 : 1;
}

namespace {

void AddServe(CLI::App& app, CommandContext& context) {
  CLI::App* serve = app.add_subcommand("serve", "Run the web app and API server");
  CommonOptions common = AddCommonOptions(*serve, context);
  CLI::Option* bind =
      serve->add_option("--bind", context.flags.bind, "Address to listen on (default 127.0.0.1)");
  CLI::Option* port = serve->add_option("--port", context.flags.port, "TCP port (default 8080)")
                          ->check(CLI::Range(1, 65535));
  serve->callback([&context, common, bind, port] {
    auto config = EffectiveConfig(context, common, {bind, port}, [&](AppConfig& c) {
      if (bind->count() > 0) c.bind = context.flags.bind;
      if (port->count() > 0) c.port = context.flags.port;
    });
    if (!config) {
      context.exit_code = Report(config.error());
      return;
    }
    auto status = Serve(*config);
    if (!status) context.exit_code = Report(status.error());
  });
}

void AddMigrate(CLI::App& app, CommandContext& context) {
  CLI::App* migrate =
      app.add_subcommand("migrate", "Create or upgrade the database schema (serve does this too)");
  CommonOptions common = AddCommonOptions(*migrate, context);
  migrate->callback([&context, common] {
    auto config = EffectiveConfig(context, common, {}, nullptr);
    if (!config) {
      context.exit_code = Report(config.error());
      return;
    }
    auto runtime = StartRuntime(*config, ContentLoading::kStoreOnly);
    if (!runtime) {
      context.exit_code = Report(runtime.error());
      return;
    }
    std::cout << "database at schema version " << (*runtime)->store->SchemaVersion() << "\n";
  });
}

void AddVersion(CLI::App& app, CommandContext& context) {
  CLI::App* version = app.add_subcommand("version", "Print the version");
  version->callback([&context] {
    std::cout << "haven " << HAVEN_VERSION << "\n";
    context.exit_code = 0;
  });
}

}  // namespace

void AddAdminCommands(CLI::App& app, CommandContext& context);

void RegisterCommands(CLI::App& app, CommandContext& context) {
  AddServe(app, context);
  AddMigrate(app, context);
  AddVersion(app, context);
  AddAdminCommands(app, context);
  RegisterNlpCommands(app);
}

}  // namespace haven::app
