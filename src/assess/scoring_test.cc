#include "assess/scoring.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "assess/testing/catalog.h"

namespace haven::assess {
namespace {

using testing::AnswersWithTotal;
using testing::Numbered;
using testing::Shipped;

struct BandEdge {
  int value;
  std::string band;
};

std::string BandAtTotal(const std::string& id, int total) {
  const Instrument& instrument = Shipped(id);
  auto scored = Score(instrument, AnswersWithTotal(instrument, total));
  EXPECT_TRUE(scored.has_value()) << scored.error().message;
  if (!scored) return "";
  EXPECT_EQ(scored->total, total);
  return scored->band_code;
}

TEST(Phq9, EveryBandEdge) {
  const std::vector<BandEdge> edges = {{0, "minimal"},
                                       {4, "minimal"},
                                       {5, "mild"},
                                       {9, "mild"},
                                       {10, "moderate"},
                                       {14, "moderate"},
                                       {15, "moderately_severe"},
                                       {19, "moderately_severe"},
                                       {20, "severe"},
                                       {27, "severe"}};
  for (const auto& [total, band] : edges) {
    EXPECT_EQ(BandAtTotal("phq9", total), band) << "total " << total;
  }
}

TEST(Gad7, EveryBandEdge) {
  const std::vector<BandEdge> edges = {{0, "minimal"}, {4, "minimal"},   {5, "mild"},
                                       {9, "mild"},    {10, "moderate"}, {14, "moderate"},
                                       {15, "severe"}, {21, "severe"}};
  for (const auto& [total, band] : edges) {
    EXPECT_EQ(BandAtTotal("gad7", total), band) << "total " << total;
  }
}

TEST(Phq2, ScreenPositiveAtThreeOffersPhq9) {
  for (int total = 0; total <= 6; ++total) {
    auto scored = Score(Shipped("phq2"), AnswersWithTotal(Shipped("phq2"), total));
    ASSERT_TRUE(scored.has_value());
    EXPECT_EQ(scored->screen_positive, total >= 3) << total;
    EXPECT_EQ(scored->band_code, total >= 3 ? "positive" : "negative");
    EXPECT_EQ(scored->offer_instrument_id, total >= 3 ? "phq9" : "");
  }
}

TEST(Gad2, ScreenPositiveAtThreeOffersGad7) {
  for (int total = 0; total <= 6; ++total) {
    auto scored = Score(Shipped("gad2"), AnswersWithTotal(Shipped("gad2"), total));
    ASSERT_TRUE(scored.has_value());
    EXPECT_EQ(scored->screen_positive, total >= 3) << total;
    EXPECT_EQ(scored->offer_instrument_id, total >= 3 ? "gad7" : "");
  }
}

TEST(Who5, PercentageIsRawTimesFourWithBandEdges) {
  // raw 7 -> 28 (likely depression), raw 8 -> 32, raw 12 -> 48 (poor), raw 13 -> 52 (not low).
  const std::vector<std::pair<int, std::string>> edges = {
      {0, "likely_depression"}, {7, "likely_depression"}, {8, "poor_wellbeing"},
      {12, "poor_wellbeing"},   {13, "not_low"},          {25, "not_low"}};
  for (const auto& [raw, band] : edges) {
    auto scored = Score(Shipped("who5"), AnswersWithTotal(Shipped("who5"), raw));
    ASSERT_TRUE(scored.has_value()) << scored.error().message;
    EXPECT_EQ(scored->total, raw);
    EXPECT_EQ(scored->percentage, raw * 4);
    EXPECT_EQ(scored->band_code, band) << "raw " << raw;
  }
}

TEST(Phq9, ItemNineAboveZeroRaisesRiskFlagEvenWhenTotalIsThree) {
  auto scored = Score(Shipped("phq9"), Numbered({1, 1, 0, 0, 0, 0, 0, 0, 1}));
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->total, 3);
  EXPECT_EQ(scored->band_code, "minimal");
  EXPECT_EQ(scored->flags, std::vector<std::string>{std::string(kFlagSuicidalIdeationItem)});
  EXPECT_TRUE(StartsSafetyFlow(*scored));
}

TEST(Phq9, ItemNineZeroStartsNoSafetyFlowEvenWhenSevere) {
  auto scored = Score(Shipped("phq9"), Numbered({3, 3, 3, 3, 3, 3, 3, 3, 0}));
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->total, 24);
  EXPECT_TRUE(scored->flags.empty());
  EXPECT_FALSE(StartsSafetyFlow(*scored));
}

TEST(Phq9, DifficultyItemIsRecordedButNotScored) {
  auto answers = Numbered({1, 1, 1, 1, 1, 1, 1, 1, 0});
  answers.push_back(ItemAnswer{"difficulty", 3});
  auto scored = Score(Shipped("phq9"), answers);
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->total, 8);
  EXPECT_EQ(AnswerFor(scored->answers, "difficulty"), 3);
}

TEST(Phq9, AnswersComeBackInItemOrder) {
  std::vector<ItemAnswer> reversed = Numbered({0, 1, 2, 3, 0, 1, 2, 3, 0});
  std::reverse(reversed.begin(), reversed.end());
  auto scored = Score(Shipped("phq9"), reversed);
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->answers.front().item_id, "q1");
  EXPECT_EQ(scored->answers.back().item_id, "q9");
  EXPECT_EQ(scored->total, 12);
}

void ExpectInvalid(const std::string& id, const std::vector<ItemAnswer>& answers,
                   const std::string& field) {
  auto scored = Score(Shipped(id), answers);
  ASSERT_FALSE(scored.has_value()) << "expected an error for field " << field;
  EXPECT_EQ(scored.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(scored.error().field, field) << scored.error().message;
}

TEST(Scoring, OutOfRangeValueNamesTheItem) {
  ExpectInvalid("phq9", Numbered({0, 0, 0, 4, 0, 0, 0, 0, 0}), "answers.q4");
  ExpectInvalid("phq9", Numbered({0, 0, 0, -1, 0, 0, 0, 0, 0}), "answers.q4");
  ExpectInvalid("who5", Numbered({6, 0, 0, 0, 0}), "answers.q1");
  ExpectInvalid("cssrs_screen", Numbered({2, 0}), "answers.q1");
}

TEST(Scoring, MissingItemIsRefusedNotProrated) {
  auto scored = Score(Shipped("phq9"), Numbered({3, 3, 3, 3, 3, 3, 3, 3}));
  ASSERT_FALSE(scored.has_value());
  EXPECT_EQ(scored.error().field, "answers.q9");
  EXPECT_NE(scored.error().message.find("missing"), std::string::npos);
  ExpectInvalid("gad7", Numbered({1, 1, 1, 1, 1, 1}), "answers.q7");
  ExpectInvalid("phq2", Numbered({1}), "answers.q2");
}

TEST(Scoring, UnknownAndRepeatedItemsAreRejected) {
  auto answers = Numbered({0, 0, 0, 0, 0, 0, 0});
  answers.push_back(ItemAnswer{"q99", 0});
  ExpectInvalid("gad7", answers, "answers.q99");
  auto repeated = Numbered({0, 0});
  repeated.push_back(ItemAnswer{"q1", 1});
  ExpectInvalid("gad2", repeated, "answers.q1");
}

TEST(Scoring, TooManyAnswersIsAWrongItemCount) {
  ExpectInvalid("phq2", Numbered({0, 0, 0}), "answers.q3");
  auto scored = Score(Shipped("gad7"), Numbered({0, 0, 0, 0, 0, 0, 0, 0}));
  ASSERT_FALSE(scored.has_value());
  EXPECT_EQ(scored.error().field, "answers.q8");
  EXPECT_NE(scored.error().message.find("7 items, 8 answers"), std::string::npos)
      << scored.error().message;
}

TEST(Scoring, SpanishContentScoresTheSame) {
  for (const Instrument& instrument : testing::ShippedCatalog().All()) {
    EXPECT_FALSE(TextFor(instrument.title, "es").empty()) << instrument.id;
    EXPECT_NE(TextFor(instrument.title, "es-MX"), TextFor(instrument.title, "en")) << instrument.id;
    for (const Item& item : instrument.items) {
      EXPECT_FALSE(TextFor(item.text, "es").empty()) << instrument.id << "." << item.id;
      for (const AnswerOption& option : item.options) {
        EXPECT_FALSE(TextFor(option.label, "es").empty()) << instrument.id << "." << item.id;
      }
    }
  }
  // Scoring depends only on item ids and scores, which both languages share.
  const Instrument& phq9 = Shipped("phq9");
  EXPECT_EQ(TextFor(phq9.items[8].text, "es").substr(0, 12), "Pensamientos");
  auto scored = Score(phq9, Numbered({2, 2, 2, 2, 2, 2, 2, 2, 2}));
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->total, 18);
}

TEST(Scoring, UnknownLocaleFallsBackToEnglish) {
  const Instrument& gad7 = Shipped("gad7");
  EXPECT_EQ(TextFor(gad7.items[3].text, "fr"), "Trouble relaxing");
}

}  // namespace
}  // namespace haven::assess
