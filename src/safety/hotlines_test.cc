#include <gtest/gtest.h>

#include <string>

#include "safety/safety.h"
#include "safety/test_support.h"

namespace haven::safety {
namespace {

using testing::ContentDir;
using testing::ScratchDir;

std::shared_ptr<const HotlineDirectory> LoadDirectory() {
  auto directory = HotlineDirectory::Load(ContentDir());
  EXPECT_TRUE(directory.has_value()) << directory.error().message;
  return directory.value_or(nullptr);
}

TEST(HotlineDirectory, ShipsTheRequiredCountriesEachWithSources) {
  auto directory = LoadDirectory();
  ASSERT_NE(directory, nullptr);
  for (const char* code : {"US", "GB", "IE", "CA", "AU", "NZ", "ES", "MX", "DE", "FR", "IN"}) {
    const CrisisResources resources = directory->ForLocale(std::string("xx-") + code);
    EXPECT_EQ(resources.country, code);
    EXPECT_FALSE(resources.emergency_number.empty()) << code;
    EXPECT_FALSE(resources.hotlines.empty()) << code;
    for (const Hotline& line : resources.hotlines) {
      EXPECT_TRUE(line.source.starts_with("https://")) << code << " " << line.name;
    }
  }
}

TEST(HotlineDirectory, KnownNumbersAreWhereTheyShouldBe) {
  auto directory = LoadDirectory();
  ASSERT_NE(directory, nullptr);
  EXPECT_EQ(directory->ForLocale("en-US").hotlines.front().phone, "988");
  EXPECT_EQ(directory->ForLocale("en-US").emergency_number, "911");
  EXPECT_EQ(directory->ForLocale("es-ES").hotlines.front().phone, "024");
  EXPECT_EQ(directory->ForLocale("en-AU").hotlines.front().phone, "13 11 14");
}

TEST(HotlineDirectory, AbuseLinesComeWithTheirCountryAndASource) {
  auto directory = LoadDirectory();
  ASSERT_NE(directory, nullptr);
  EXPECT_EQ(directory->ForLocale("en-US").abuse_lines.front().phone, "1-800-799-7233");
  EXPECT_EQ(directory->ForLocale("en-GB").abuse_lines.front().phone, "0808 2000 247");
  EXPECT_EQ(directory->ForLocale("es-ES").abuse_lines.front().phone, "016");
  EXPECT_EQ(directory->ForLocale("en-IE").abuse_lines.front().phone, "1800 341 900");
  EXPECT_EQ(directory->ForLocale("en-NZ").abuse_lines.front().phone, "0800 733 843");
  EXPECT_EQ(directory->ForLocale("de-DE").abuse_lines.front().phone, "116 016");
  EXPECT_EQ(directory->ForLocale("fr-FR").abuse_lines.front().phone, "3919");
  EXPECT_TRUE(directory->ForLocale("fr").abuse_lines.empty());
  for (const auto& country : directory->countries()) {
    for (const Hotline& line : country.abuse_lines) {
      EXPECT_TRUE(line.source.starts_with("https://")) << country.code << " " << line.name;
    }
  }
}

TEST(HotlineDirectory, ForLocaleFindsTheRegion) {
  auto directory = LoadDirectory();
  ASSERT_NE(directory, nullptr);
  const CrisisResources mexico = directory->ForLocale("es-MX");
  EXPECT_EQ(mexico.country, "MX");
  EXPECT_EQ(mexico.emergency_number, "911");
  EXPECT_EQ(mexico.hotlines.front().phone, "800 911 2000");
  EXPECT_FALSE(mexico.international.empty());

  const CrisisResources britain = directory->ForLocale("en-GB");
  EXPECT_EQ(britain.country, "GB");
  EXPECT_EQ(britain.emergency_number, "999");
  EXPECT_EQ(britain.hotlines.front().phone, "116 123");
  EXPECT_EQ(directory->ForLocale("en_gb").country, "GB");
  EXPECT_EQ(directory->ForLocale("en-UK").country, "GB");
  EXPECT_EQ(directory->ForLocale("zh-Hant-TW").country, "");
  EXPECT_EQ(directory->ForLocale("es-419").country, "");
}

TEST(HotlineDirectory, LocaleWithoutKnownRegionFallsBackToInternational) {
  auto directory = LoadDirectory();
  ASSERT_NE(directory, nullptr);
  for (const char* locale : {"fr", "xx-ZZ", "", "garbage\xff", "en"}) {
    const CrisisResources resources = directory->ForLocale(locale);
    EXPECT_EQ(resources.country, "") << locale;
    EXPECT_EQ(resources.emergency_number, "") << locale;
    EXPECT_TRUE(resources.hotlines.empty()) << locale;
    ASSERT_FALSE(resources.international.empty()) << locale;
    for (const Hotline& line : resources.international) EXPECT_FALSE(line.url.empty());
  }
}

TEST(HotlineDirectory, EntryWithoutSourceNamesFileLineAndField) {
  ScratchDir dir;
  dir.Write("hotlines/hotlines.toml", R"([[international]]
name = "Directory"
url = "https://example.org/"
source = "https://example.org/"

[[country]]
code = "US"
emergency_number = "911"
emergency_source = "https://www.911.gov/"

[[country.hotline]]
name = "No source line"
phone = "988"
)");
  auto directory = HotlineDirectory::Load(dir.path());
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().field, "source");
  EXPECT_NE(directory.error().message.find("hotlines.toml:11:"), std::string::npos)
      << directory.error().message;
}

TEST(HotlineDirectory, BadCountryCodeAndMissingInternationalAreRejected) {
  ScratchDir dir;
  dir.Write("hotlines/hotlines.toml", "[[country]]\ncode = \"us\"\n");
  auto directory = HotlineDirectory::Load(dir.path());
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().field, "international");

  dir.Write("hotlines/hotlines.toml",
            "[[international]]\nname = \"D\"\nurl = \"https://d.org/\"\nsource = "
            "\"https://d.org/\"\n\n[[country]]\ncode = \"usa\"\nemergency_number = \"911\"\n");
  directory = HotlineDirectory::Load(dir.path());
  ASSERT_FALSE(directory.has_value());
  EXPECT_EQ(directory.error().field, "code");
  EXPECT_NE(directory.error().message.find("hotlines.toml:7:"), std::string::npos)
      << directory.error().message;
}

TEST(SafetyMessages, CrisisTextListsLocalAndInternationalHelpInTheRightLanguage) {
  auto directory = LoadDirectory();
  auto messages = SafetyMessages::Load(ContentDir());
  ASSERT_TRUE(messages.has_value()) << messages.error().message;
  const std::string english = (*messages)->ComposeCrisis(directory->ForLocale("en-GB"), "en-GB");
  EXPECT_NE(english.find("999"), std::string::npos);
  EXPECT_NE(english.find("116 123"), std::string::npos);
  EXPECT_NE(english.find("85258"), std::string::npos);
  EXPECT_NE(english.find("findahelpline.com"), std::string::npos);
  EXPECT_EQ(english.find("care team has been alerted"), std::string::npos);

  const std::string spanish = (*messages)->ComposeCrisis(directory->ForLocale("es-MX"), "es-MX",
                                                         SafetyMessages::CareTeam::kAlerted);
  EXPECT_NE(spanish.find("800 911 2000"), std::string::npos);
  EXPECT_NE(spanish.find("llama"), std::string::npos);
  EXPECT_NE(spanish.find("equipo de atención"), std::string::npos);

  const std::string unknown = (*messages)->ComposeCrisis(directory->ForLocale("xx-ZZ"), "fr");
  EXPECT_NE(unknown.find("local emergency number"), std::string::npos);
  EXPECT_NE(unknown.find("iasp.info"), std::string::npos);
}

// Someone hurting the writer: believed, not their fault, safety first; the abuse lines come
// before the crisis lines, which stay (the person may be at risk themselves too).
TEST(SafetyMessages, CrisisTextAboutDangerFromOthersListsAbuseLinesFirst) {
  auto directory = LoadDirectory();
  auto messages = SafetyMessages::Load(ContentDir());
  ASSERT_TRUE(messages.has_value()) << messages.error().message;
  const auto reply = [&](std::string_view locale) {
    return (*messages)->ComposeCrisis(directory->ForLocale(locale), locale,
                                      SafetyMessages::CareTeam::kNotAlerted, Danger::kFromOthers);
  };
  const std::string english = reply("en-US");
  EXPECT_NE(english.find("I believe you"), std::string::npos);
  EXPECT_NE(english.find("not your fault"), std::string::npos);
  EXPECT_EQ(english.find("act on these thoughts"), std::string::npos);
  const auto abuse_line = english.find("1-800-799-7233");
  const auto crisis_line = english.find("988");
  ASSERT_NE(abuse_line, std::string::npos);
  ASSERT_NE(crisis_line, std::string::npos);
  EXPECT_LT(abuse_line, crisis_line);
  EXPECT_NE(english.find("1-800-656-4673"), std::string::npos);

  const std::string spanish = reply("es-ES");
  EXPECT_NE(spanish.find("te creo"), std::string::npos);
  EXPECT_NE(spanish.find("016"), std::string::npos);
  EXPECT_NE(spanish.find("112"), std::string::npos);

  // No abuse line known for the place: the crisis lines and directories still come.
  const std::string unknown = reply("xx-ZZ");
  EXPECT_NE(unknown.find("local emergency number"), std::string::npos);
  EXPECT_NE(unknown.find("findahelpline.com"), std::string::npos);
}

TEST(SafetyMessages, ElevatedTextAsksAboutSafety) {
  auto directory = LoadDirectory();
  auto messages = SafetyMessages::Load(ContentDir());
  ASSERT_TRUE(messages.has_value());
  const CrisisResources us = directory->ForLocale("en-US");
  EXPECT_NE((*messages)->ComposeElevated(us, "en-US", false).find("ending your life"),
            std::string::npos);
  EXPECT_NE((*messages)->ComposeElevated(us, "en-US", true).find("worried about someone"),
            std::string::npos);
  EXPECT_NE((*messages)->ComposeElevated(us, "es", false).find("quitarte la"), std::string::npos);

  // Danger from someone else: asks about safety from them, lists the abuse lines first.
  const std::string abuse = (*messages)->ComposeElevated(us, "en-US", false, Danger::kFromOthers);
  EXPECT_NE(abuse.find("are you safe now?"), std::string::npos) << abuse;
  EXPECT_EQ(abuse.find("ending your life"), std::string::npos) << abuse;
  ASSERT_FALSE(us.abuse_lines.empty());
  ASSERT_FALSE(us.hotlines.empty());
  EXPECT_LT(abuse.find(us.abuse_lines.front().name), abuse.find(us.hotlines.front().name));
  EXPECT_NE(
      (*messages)->ComposeElevated(us, "es", false, Danger::kFromOthers).find("a salvo ahora"),
      std::string::npos);
}

TEST(SafetyMessages, MissingKeyNamesFileAndField) {
  ScratchDir dir;
  dir.Write("safety/messages.toml", "[en]\ncrisis_opening = \"hi\"\n[es]\n");
  auto messages = SafetyMessages::Load(dir.path());
  ASSERT_FALSE(messages.has_value());
  EXPECT_EQ(messages.error().field, "emergency_known");
  EXPECT_NE(messages.error().message.find("messages.toml:1:"), std::string::npos)
      << messages.error().message;
}

TEST(SupportedLanguage, SpanishLocalesGetSpanishOthersEnglish) {
  EXPECT_EQ(SupportedLanguage("es-MX"), "es");
  EXPECT_EQ(SupportedLanguage("ES"), "es");
  EXPECT_EQ(SupportedLanguage("en-GB"), "en");
  EXPECT_EQ(SupportedLanguage("fr"), "en");
  EXPECT_EQ(SupportedLanguage(""), "en");
}

}  // namespace
}  // namespace haven::safety
