// `haven admin ...`: operator tasks that need no web session.
#include <iostream>
#include <string>

#include "app/commands.h"
#include "app/runtime.h"
#include "privacy/audit.h"

namespace haven::app {
namespace {

struct CreateUserOptions {
  std::string email;
  std::string role = "user";
  std::string display_name;
  std::string locale = "en";
};

// The password comes from HAVEN_ADMIN_PASSWORD or the first line of standard input, never
// from argv, where other local users could read it in the process list.
std::string ReadPassword() {
  if (const char* env = std::getenv("HAVEN_ADMIN_PASSWORD"); env != nullptr) return env;
  std::cerr << "password for the new account (one line on standard input): " << std::flush;
  std::string password;
  std::getline(std::cin, password);
  return password;
}

void AddCreateUser(CLI::App& admin, CommandContext& context) {
  auto options = std::make_shared<CreateUserOptions>();
  CLI::App* command = admin.add_subcommand(
      "create-user",
      "Create an account (e.g. a clinician); password from HAVEN_ADMIN_PASSWORD "
      "or standard input");
  CommonOptions common = AddCommonOptions(*command, context);
  command->add_option("--email", options->email, "Email address to log in with")->required();
  command->add_option("--role", options->role, "user, clinician or admin")
      ->check(CLI::IsMember({"user", "clinician", "admin"}));
  command->add_option("--display-name", options->display_name, "Name shown in the app");
  command->add_option("--locale", options->locale, "Language and region, e.g. en-GB or es-MX");
  command->callback([&context, common, options] {
    auto config = EffectiveConfig(context, common, {}, nullptr);
    if (!config) return void(context.exit_code = Report(config.error()));
    auto runtime = StartRuntime(*config, ContentLoading::kStoreOnly);
    if (!runtime) return void(context.exit_code = Report(runtime.error()));
    account::SignUpRequest request{.email = options->email,
                                   .password = ReadPassword(),
                                   .display_name = options->display_name,
                                   .locale = options->locale,
                                   .role = *account::ParseRole(options->role),
                                   .address = "cli"};
    auto login = (*runtime)->accounts->SignUp(request);
    if (!login) return void(context.exit_code = Report(login.error()));
    std::cout << "created " << options->role << " " << login->user.email << " (id "
              << login->user.id << ")\n";
  });
}

void AddSetRole(CLI::App& admin, CommandContext& context) {
  auto options = std::make_shared<CreateUserOptions>();
  CLI::App* command = admin.add_subcommand("set-role", "Change the role of an existing account");
  CommonOptions common = AddCommonOptions(*command, context);
  command->add_option("--email", options->email, "The account's email")->required();
  command->add_option("--role", options->role, "user, clinician or admin")
      ->required()
      ->check(CLI::IsMember({"user", "clinician", "admin"}));
  command->callback([&context, common, options] {
    auto config = EffectiveConfig(context, common, {}, nullptr);
    if (!config) return void(context.exit_code = Report(config.error()));
    auto runtime = StartRuntime(*config, ContentLoading::kStoreOnly);
    if (!runtime) return void(context.exit_code = Report(runtime.error()));
    auto status =
        (*runtime)->accounts->SetRole(options->email, *account::ParseRole(options->role), "");
    if (!status) return void(context.exit_code = Report(status.error()));
    std::cout << options->email << " is now " << options->role << "\n";
  });
}

void AddVerifyAudit(CLI::App& admin, CommandContext& context) {
  CLI::App* command =
      admin.add_subcommand("verify-audit", "Check the audit log's hash chain end to end");
  CommonOptions common = AddCommonOptions(*command, context);
  command->callback([&context, common] {
    auto config = EffectiveConfig(context, common, {}, nullptr);
    if (!config) return void(context.exit_code = Report(config.error()));
    auto runtime = StartRuntime(*config, ContentLoading::kStoreOnly);
    if (!runtime) return void(context.exit_code = Report(runtime.error()));
    auto result = privacy::VerifyAuditChain(*(*runtime)->store);
    if (!result) return void(context.exit_code = Report(result.error()));
    if (result->intact) {
      std::cout << "audit log intact: " << result->rows_checked << " rows verified\n";
    } else {
      std::cout << "audit log BROKEN at sequence " << result->first_bad_sequence << ": "
                << result->problem << " (" << result->rows_checked << " rows checked)\n";
      context.exit_code = 3;
    }
  });
}

}  // namespace

void AddAdminCommands(CLI::App& app, CommandContext& context) {
  CLI::App* admin = app.add_subcommand("admin", "Operator commands: accounts, audit log");
  admin->require_subcommand(1);
  AddCreateUser(*admin, context);
  AddSetRole(*admin, context);
  AddVerifyAudit(*admin, context);
}

}  // namespace haven::app
