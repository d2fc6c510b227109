#include "nlp/vader.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace haven::nlp {
namespace {

std::shared_ptr<const Vader> LoadLexicon() {
  auto vader = Vader::Load("content/lexicons/vader/vader_lexicon.txt");
  EXPECT_TRUE(vader.has_value()) << vader.error().message;
  return vader.value_or(nullptr);
}

struct Golden {
  const char* text;
  double compound;
};

// The demo sentences published with VADER (Hutto & Gilbert, vaderSentiment README) and their
// published compound scores.
TEST(Vader, MatchesPublishedExampleScores) {
  const Golden kPublished[] = {
      {"VADER is smart, handsome, and funny.", 0.8316},
      {"VADER is smart, handsome, and funny!", 0.8439},
      {"VADER is very smart, handsome, and funny.", 0.8545},
      {"VADER is VERY SMART, handsome, and FUNNY.", 0.9227},
      {"VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342},
      {"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469},
      {"VADER is not smart, handsome, nor funny.", -0.7424},
      {"The book was good.", 0.4404},
      {"At least it isn't a horrible book.", 0.431},
      {"The book was only kind of good.", 0.3832},
      {"The plot was good, but the characters are uncompelling and the dialog is not great.",
       -0.7042},
      {"Today SUX!", -0.5461},
      {"Today only kinda sux! But I'll get by, lol", 0.5249},
      {"Make sure you :) or :D today!", 0.8633},
      {"Not bad at all", 0.431},
  };
  auto vader = LoadLexicon();
  ASSERT_NE(vader, nullptr);
  for (const Golden& golden : kPublished) {
    EXPECT_NEAR(vader->Score(golden.text).compound, golden.compound, 0.01) << golden.text;
  }
}

// Further sentences scored by the reference JavaScript port (npm vader-sentiment 1.1.3).
TEST(Vader, MatchesReferenceImplementation) {
  const Golden kReference[] = {
      {"The movie was bad.", -0.5423},
      {"VERY BAD movie!", -0.7616},
      {"VERY poor production.", -0.6281},
      {"VADER sentiment analysis is the shit.", 0.6124},
      {"Sentiment analysis has never been good.", -0.3412},
      {"Sentiment analysis has never been this good!", 0.5672},
      {"On the other hand, VADER is quite bad ass", 0.802},
      {"Roger Dodger is one of the least compelling variations on this theme.", -0.1695},
      {"Roger Dodger is at least compelling as a variation on the theme.", 0.2263},
      {"It was one of the worst movies I've seen, despite good reviews.", -0.7584},
  };
  auto vader = LoadLexicon();
  ASSERT_NE(vader, nullptr);
  for (const Golden& golden : kReference) {
    EXPECT_NEAR(vader->Score(golden.text).compound, golden.compound, 0.01) << golden.text;
  }
}

TEST(Vader, ProportionsMatchThePublishedSplit) {
  auto vader = LoadLexicon();
  ASSERT_NE(vader, nullptr);
  const SentimentScores s = vader->Score("VADER is not smart, handsome, nor funny.");
  EXPECT_NEAR(s.pos, 0.0, 0.002);
  EXPECT_NEAR(s.neu, 0.354, 0.002);
  EXPECT_NEAR(s.neg, 0.646, 0.002);
}

TEST(Vader, EmptyAndNeutralTextScoreZero) {
  auto vader = LoadLexicon();
  ASSERT_NE(vader, nullptr);
  EXPECT_EQ(vader->Score("").compound, 0.0);
  EXPECT_EQ(vader->Score("the table is in the room").compound, 0.0);
  EXPECT_EQ(vader->Score("the table is in the room").neu, 1.0);
}

TEST(Vader, LoadErrorsNameTheFileAndLine) {
  auto missing = Vader::Load("no/such/lexicon.txt");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("no/such/lexicon.txt"), std::string::npos);

  auto malformed = Vader::FromText("good\t1.9\nbad\tnot-a-number\n", "lex.txt");
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(malformed.error().message.find("lex.txt:2"), std::string::npos);
}

}  // namespace
}  // namespace haven::nlp
