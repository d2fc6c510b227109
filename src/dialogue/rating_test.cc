#include "dialogue/rating.h"

#include <gtest/gtest.h>

namespace haven::dialogue {
namespace {

int ValueOf(std::string_view text) {
  const RatingParse parse = ParseRating(text);
  return parse.kind == RatingParse::Kind::kValue ? parse.value : -1;
}

TEST(ParseRating, AcceptsDigitsFractionsAndWords) {
  EXPECT_EQ(ValueOf("7"), 7);
  EXPECT_EQ(ValueOf("7/10"), 7);
  EXPECT_EQ(ValueOf("7 out of 10"), 7);
  EXPECT_EQ(ValueOf("seven"), 7);
  EXPECT_EQ(ValueOf("Seven!"), 7);
  EXPECT_EQ(ValueOf("siete"), 7);
  EXPECT_EQ(ValueOf("about a 6"), 6);
  EXPECT_EQ(ValueOf("I'm about a 6 today"), 6);
  EXPECT_EQ(ValueOf("un 8 de 10"), 8);
  EXPECT_EQ(ValueOf("diez"), 10);
  EXPECT_EQ(ValueOf("10/10"), 10);
  EXPECT_EQ(ValueOf("1"), 1);
  EXPECT_EQ(ValueOf("7.5"), 8);
  EXPECT_EQ(ValueOf("6,5"), 7);
}

TEST(ParseRating, PrefersTheScaleNumberAndSkipsUnits) {
  EXPECT_EQ(ValueOf("I slept 8 hours and I'm a 4"), 4);
  EXPECT_EQ(ValueOf("3 days ago I was a 2 but today 5/10"), 5);
  EXPECT_EQ(ValueOf("slept 9 hours"), -1);
}

TEST(ParseRating, RejectsNothingAndOutOfRange) {
  EXPECT_EQ(ParseRating("not sure").kind, RatingParse::Kind::kNone);
  EXPECT_EQ(ParseRating("").kind, RatingParse::Kind::kNone);
  EXPECT_EQ(ParseRating("11").kind, RatingParse::Kind::kOutOfRange);
  EXPECT_EQ(ParseRating("0").kind, RatingParse::Kind::kOutOfRange);
  EXPECT_EQ(ParseRating("100").kind, RatingParse::Kind::kOutOfRange);
  EXPECT_EQ(ParseRating("12345678901234567890").kind, RatingParse::Kind::kNone);
  EXPECT_EQ(ParseRating(std::string("\xff\xfe")).kind, RatingParse::Kind::kNone);
}

TEST(ParseAnswer, YesNoAndUnclear) {
  EXPECT_EQ(ParseAnswer("yes"), Answer::kYes);
  EXPECT_EQ(ParseAnswer("Sure, let's do it"), Answer::kYes);
  EXPECT_EQ(ParseAnswer("ok"), Answer::kYes);
  EXPECT_EQ(ParseAnswer("sí"), Answer::kYes);
  EXPECT_EQ(ParseAnswer("vale"), Answer::kYes);
  EXPECT_EQ(ParseAnswer("why not"), Answer::kYes);
  EXPECT_EQ(ParseAnswer("no"), Answer::kNo);
  EXPECT_EQ(ParseAnswer("not now"), Answer::kNo);
  EXPECT_EQ(ParseAnswer("maybe later"), Answer::kNo);
  EXPECT_EQ(ParseAnswer("ahora no, gracias"), Answer::kNo);
  EXPECT_EQ(ParseAnswer("what is it?"), Answer::kUnclear);
  EXPECT_EQ(ParseAnswer(""), Answer::kUnclear);
}

}  // namespace
}  // namespace haven::dialogue
