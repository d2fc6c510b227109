#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>

namespace haven::app {
namespace {

EnvironmentLookup FakeEnvironment(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = (std::filesystem::temp_directory_path() / name).string();
  FILE* file = std::fopen(path.c_str(), "w");
  std::fputs(text.c_str(), file);
  std::fclose(file);
  return path;
}

TEST(Config, DefaultsNeedNothingConfigured) {
  AppConfig config;
  ASSERT_TRUE(LoadConfig("", FakeEnvironment({}), config).has_value());
  EXPECT_TRUE(ValidateConfig(config).has_value());
  EXPECT_EQ(config.port, 8080);
  EXPECT_EQ(config.data_dir, "./haven-data");
}

TEST(Config, EnvironmentOverridesFile) {
  std::string file =
      WriteFile("haven-config-test.toml",
                "[server]\nport = 9000\nbind = \"0.0.0.0\"\n[storage]\ndata_dir = \"/x\"\n");
  AppConfig config;
  ASSERT_TRUE(LoadConfig(file, FakeEnvironment({{"HAVEN_PORT", "9100"}}), config).has_value());
  EXPECT_EQ(config.port, 9100);
  EXPECT_EQ(config.bind, "0.0.0.0");
  EXPECT_EQ(config.data_dir, "/x");
}

TEST(Config, UnknownKeyIsNamedWithItsLine) {
  std::string file = WriteFile("haven-config-unknown.toml", "[server]\nport = 9000\nprot = 1\n");
  AppConfig config;
  auto status = LoadConfig(file, FakeEnvironment({}), config);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("server.prot"), std::string::npos);
  EXPECT_NE(status.error().message.find(":3"), std::string::npos) << status.error().message;
}

TEST(Config, InvalidEnvironmentValueNamesTheVariable) {
  AppConfig config;
  auto status = LoadConfig("", FakeEnvironment({{"HAVEN_PORT", "eighty"}}), config);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().field, "HAVEN_PORT");
  EXPECT_NE(status.error().message.find("1 to 65535"), std::string::npos);
}

TEST(Config, OutOfRangeFileValueIsRejected) {
  std::string file = WriteFile("haven-config-range.toml", "[server]\nport = 70000\n");
  AppConfig config;
  EXPECT_FALSE(LoadConfig(file, FakeEnvironment({}), config).has_value());
}

TEST(Config, WrongTypeAndBadSyntaxAreRejected) {
  AppConfig config;
  std::string wrong_type = WriteFile("haven-config-type.toml", "[server]\nport = [1]\n");
  EXPECT_FALSE(LoadConfig(wrong_type, FakeEnvironment({}), config).has_value());
  std::string bad_syntax = WriteFile("haven-config-syntax.toml", "[server\nport = 1\n");
  EXPECT_FALSE(LoadConfig(bad_syntax, FakeEnvironment({}), config).has_value());
}

TEST(Config, AssessmentSettingsHaveDefaultsAndOverrides) {
  AppConfig config;
  EXPECT_EQ(config.assessment_window_days, 14);
  EXPECT_EQ(config.assessment_due_days, 0);
  std::string file =
      WriteFile("haven-config-assess.toml",
                "[safety]\nassessment_window_days = 7\n[assess]\ndue_every_days = 28\n");
  ASSERT_TRUE(LoadConfig(file, FakeEnvironment({}), config).has_value());
  EXPECT_EQ(config.assessment_window_days, 7);
  EXPECT_EQ(config.assessment_due_days, 28);
  ASSERT_TRUE(
      LoadConfig("", FakeEnvironment({{"HAVEN_SAFETY_ASSESSMENT_WINDOW_DAYS", "21"}}), config)
          .has_value());
  EXPECT_EQ(config.assessment_window_days, 21);
  auto zero =
      LoadConfig("", FakeEnvironment({{"HAVEN_SAFETY_ASSESSMENT_WINDOW_DAYS", "0"}}), config);
  EXPECT_EQ(zero.error().field, "HAVEN_SAFETY_ASSESSMENT_WINDOW_DAYS");
}

TEST(Config, ValidateRejectsUnknownChoices) {
  AppConfig config;
  config.password_cost = "cheap";
  EXPECT_EQ(ValidateConfig(config).error().field, "security.password_cost");
  config = AppConfig{};
  config.log_level = "loud";
  EXPECT_EQ(ValidateConfig(config).error().field, "log.level");
}

}  // namespace
}  // namespace haven::app
