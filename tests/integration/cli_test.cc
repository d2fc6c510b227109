// The `haven` command line: version, admin commands, audit verification end to end.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <vector>

#include "haven_process.h"

namespace haven::testing {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult RunHaven(const std::string& arguments, const std::string& environment = "") {
  std::string command = environment + " " + HavenBinary() + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  CommandResult result;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(Cli, VersionAndHelp) {
  CommandResult version = RunHaven("version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.output.find("haven 0."), std::string::npos) << version.output;
  for (const char* command : {"--help", "serve --help", "admin create-user --help",
                              "admin verify-audit --help", "migrate --help", "eval --help"}) {
    CommandResult help = RunHaven(command);
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.output.find("Usage:"), std::string::npos) << command;
  }
  EXPECT_NE(RunHaven("no-such-command").exit_code, 0);
}

TEST(Cli, CreatedClinicianCanLogInAndAuditChainVerifies) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  CommandResult created =
      RunHaven("admin create-user --data-dir " + data + " --email Doc@Clinic.org --role clinician",
               "HAVEN_PASSWORD_COST=minimum HAVEN_ADMIN_PASSWORD='a long clinician password'");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  EXPECT_NE(created.output.find("created clinician doc@clinic.org"), std::string::npos);
  EXPECT_NE(RunHaven("admin create-user --data-dir " + data + " --email doc@clinic.org",
                     "HAVEN_PASSWORD_COST=minimum HAVEN_ADMIN_PASSWORD='another long password'")
                .exit_code,
            0);  // duplicate email

  HavenProcess server(data);
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  HttpResult login = server.Post("/api/v1/auth/login", {{"email", "doc@clinic.org"},
                                                        {"password", "a long clinician password"}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json()["user"]["role"], "clinician");
  server.Post("/api/v1/auth/login", {{"email", "doc@clinic.org"}, {"password", "wrong password!"}});
  server.Stop();

  CommandResult verified = RunHaven("admin verify-audit --data-dir " + data);
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("intact"), std::string::npos) << verified.output;

  // Someone edits a row behind Haven's back: the chain must say where.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data + "/haven.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE audit_log SET detail = 'nothing happened' WHERE sequence = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  CommandResult broken = RunHaven("admin verify-audit --data-dir " + data);
  EXPECT_EQ(broken.exit_code, 3) << broken.output;
  EXPECT_NE(broken.output.find("sequence 2"), std::string::npos) << broken.output;
}

TEST(Cli, SetRoleAndMigrate) {
  TempDir dir;
  std::string data = dir.path() + "/data";
  CommandResult migrated = RunHaven("migrate --data-dir " + data);
  ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_NE(migrated.output.find("schema version"), std::string::npos);
  ASSERT_EQ(RunHaven("admin create-user --data-dir " + data + " --email a@b.org",
                     "HAVEN_PASSWORD_COST=minimum HAVEN_ADMIN_PASSWORD='a long enough password'")
                .exit_code,
            0);
  CommandResult promoted =
      RunHaven("admin set-role --data-dir " + data + " --email a@b.org --role admin");
  EXPECT_EQ(promoted.exit_code, 0) << promoted.output;
  CommandResult missing =
      RunHaven("admin set-role --data-dir " + data + " --email no@b.org --role admin");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("no account"), std::string::npos) << missing.output;
}

TEST(Cli, AnalyzePrintsOneJsonObjectPerLineWithTheSafetyVerdict) {
  CommandResult result =
      RunHaven("analyze < /dev/stdin",
               "printf 'I had a lovely day\\nI want to kill myself\\n\\xff\\xfe "
               "broken\\nme quiero morir\\nmy friend said she wants to die\\n' |");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < result.output.size()) {
    std::size_t end = result.output.find('\n', start);
    lines.push_back(nlohmann::json::parse(result.output.substr(start, end - start), nullptr,
                                          /*allow_exceptions=*/false));
    start = end == std::string::npos ? result.output.size() : end + 1;
  }
  ASSERT_EQ(lines.size(), 5u) << result.output;
  EXPECT_EQ(lines[0]["risk"]["level"], "none");
  EXPECT_GT(lines[0]["sentiment"]["compound"].get<double>(), 0.3);
  EXPECT_EQ(lines[1]["risk"]["level"], "crisis");
  EXPECT_FALSE(lines[1]["risk"]["reasons"].empty());
  EXPECT_TRUE(lines[2].is_object());  // invalid UTF-8 is analysed, not a crash
  EXPECT_EQ(lines[3]["risk"]["level"], "crisis");
  EXPECT_EQ(lines[3]["language"], "es");
  // Someone else at risk: elevated, and the companion would ask directly.
  EXPECT_EQ(lines[4]["risk"]["level"], "elevated");
  EXPECT_EQ(lines[4]["risk"]["check_in"], "direct");
  EXPECT_FALSE(lines[0]["risk"].contains("check_in"));
}

}  // namespace
}  // namespace haven::testing
