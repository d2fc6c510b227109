#include "assess/instrument_loader.h"

#include <gtest/gtest.h>

#include <string>

#include "assess/testing/catalog.h"

namespace haven::assess {
namespace {

// A minimal valid instrument; tests break one line of it at a time.
constexpr const char* kMinimal = R"(id = "mini"
name = "Mini"
version = "1"
kind = "sum"
title.en = "Mini"
title.es = "Mini"
instructions.en = "Answer"
instructions.es = "Responda"
[licence]
holder = "h"
note = "n"
source = "s"
translation_source = "t"
[codes]
source = "none"
[[options]]
score = 0
label.en = "No"
label.es = "No"
[[options]]
score = 1
label.en = "Yes"
label.es = "Sí"
[[items]]
id = "q1"
text.en = "One"
text.es = "Uno"
[[items]]
id = "q2"
text.en = "Two"
text.es = "Dos"
[scoring]
missing = "refuse"
source = "s"
[[bands]]
min = 0
max = 0
code = "low"
label.en = "Low"
label.es = "Bajo"
[[bands]]
min = 1
max = 2
code = "high"
label.en = "High"
label.es = "Alto"
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

core::Error ErrorOf(const std::string& text) {
  auto parsed = ParseInstrument(text, "bad.toml");
  EXPECT_FALSE(parsed.has_value());
  return parsed ? core::Error{} : parsed.error();
}

TEST(InstrumentLoader, ParsesMinimalInstrumentAndDerivesRange) {
  auto parsed = ParseInstrument(kMinimal, "mini.toml");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->items.size(), 2u);
  EXPECT_EQ(parsed->min_total, 0);
  EXPECT_EQ(parsed->max_total, 2);
  EXPECT_EQ(parsed->due_every_days, 14);
  EXPECT_EQ(parsed->items[0].options.size(), 2u);
}

TEST(InstrumentLoader, ErrorNamesFileLineAndField) {
  core::Error error = ErrorOf(Replace(kMinimal, "score = 1", "score = \"one\""));
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.field, "options[1].score");
  EXPECT_EQ(error.message.rfind("bad.toml:21: options[1].score:", 0), 0u) << error.message;
}

TEST(InstrumentLoader, MissingSpanishTextIsAnError) {
  core::Error error = ErrorOf(Replace(kMinimal, "text.es = \"Dos\"\n", ""));
  EXPECT_EQ(error.field, "items[1].text.es");
  EXPECT_NE(error.message.find("bad.toml:"), std::string::npos);
}

TEST(InstrumentLoader, MissingRequiredFieldIsAnError) {
  EXPECT_EQ(ErrorOf(Replace(kMinimal, "id = \"mini\"\n", "")).field, "id");
  EXPECT_EQ(ErrorOf(Replace(kMinimal, "holder = \"h\"\n", "")).field, "licence.holder");
}

TEST(InstrumentLoader, BandsMustCoverTheRange) {
  core::Error gap = ErrorOf(Replace(kMinimal, "min = 1\nmax = 2", "min = 2\nmax = 2"));
  EXPECT_EQ(gap.field, "bands[1].min");
  core::Error short_range = ErrorOf(Replace(kMinimal, "min = 1\nmax = 2", "min = 1\nmax = 1"));
  EXPECT_EQ(short_range.field, "bands[1].max");
}

TEST(InstrumentLoader, SkipLogicMustPointBackwards) {
  std::string text = Replace(kMinimal, "id = \"q1\"\n",
                             "id = \"q1\"\nenable_when = { item = \"q2\", equals = 1 }\n");
  EXPECT_EQ(ErrorOf(text).field, "items[0].enable_when.item");
}

TEST(InstrumentLoader, DuplicateItemIdIsAnError) {
  EXPECT_EQ(ErrorOf(Replace(kMinimal, "id = \"q2\"", "id = \"q1\"")).field, "items[1].id");
}

TEST(InstrumentLoader, ProrationIsNotSupported) {
  EXPECT_EQ(ErrorOf(Replace(kMinimal, "missing = \"refuse\"", "missing = \"prorate\"")).field,
            "scoring.missing");
}

TEST(InstrumentLoader, TomlSyntaxErrorNamesLine) {
  core::Error error = ErrorOf(Replace(kMinimal, "name = \"Mini\"", "name = "));
  EXPECT_EQ(error.message.rfind("bad.toml:2:", 0), 0u) << error.message;
}

TEST(InstrumentCatalog, DuplicateIdIsAConflict) {
  InstrumentCatalog catalog;
  ASSERT_TRUE(catalog.Add(*ParseInstrument(kMinimal, "a.toml")).has_value());
  auto again = catalog.Add(*ParseInstrument(kMinimal, "b.toml"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
}

TEST(InstrumentCatalog, MissingDirectoryIsNotFound) {
  auto catalog = InstrumentCatalog::LoadDirectory("content/no-such-dir");
  ASSERT_FALSE(catalog.has_value());
  EXPECT_EQ(catalog.error().code, core::ErrorCode::kNotFound);
}

TEST(InstrumentCatalog, ShipsAllSixInstrumentsWithConfirmedCodes) {
  const InstrumentCatalog& catalog = testing::ShippedCatalog();
  for (const char* id : {"phq9", "gad7", "phq2", "gad2", "who5", "cssrs_screen"}) {
    EXPECT_NE(catalog.Find(id), nullptr) << id;
  }
  const Instrument& phq9 = testing::Shipped("phq9");
  EXPECT_EQ(phq9.panel_loinc, "44249-1");
  EXPECT_EQ(phq9.total_loinc, "44261-6");
  EXPECT_EQ(phq9.FindItem("q9")->loinc, "44260-8");
  EXPECT_EQ(phq9.max_total, 27);  // the difficulty item is not scored
  EXPECT_EQ(testing::Shipped("gad7").panel_loinc, "69737-5");
  EXPECT_EQ(testing::Shipped("gad7").total_loinc, "70274-6");
  EXPECT_EQ(testing::Shipped("gad7").max_total, 21);
  EXPECT_EQ(testing::Shipped("phq2").panel_loinc, "55757-9");
  EXPECT_EQ(testing::Shipped("phq2").total_loinc, "55758-7");
  EXPECT_EQ(testing::Shipped("who5").max_total, 25);
  EXPECT_TRUE(testing::Shipped("gad2").total_loinc.empty());  // not confirmed, left out
  EXPECT_TRUE(testing::Shipped("who5").panel_loinc.empty());
}

}  // namespace
}  // namespace haven::assess
