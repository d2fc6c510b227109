#include "safety/normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace haven::safety {
namespace {

TEST(NormalizeForSafety, LowerCasesAndExpandsContractions) {
  EXPECT_EQ(NormalizeForSafety("I Don't want to LIVE"), "i do not want to live");
  EXPECT_EQ(NormalizeForSafety("dont"), "do not");
  EXPECT_EQ(NormalizeForSafety("I can't go on"), "i can not go on");
  EXPECT_EQ(NormalizeForSafety("I cannot"), "i can not");
  EXPECT_EQ(NormalizeForSafety("won't"), "will not");
  EXPECT_EQ(NormalizeForSafety("im done"), "i am done");
  EXPECT_EQ(NormalizeForSafety("I'm done"), "i am done");
  EXPECT_EQ(NormalizeForSafety("what's the point"), "what is the point");
}

TEST(NormalizeForSafety, StraightensCurlyQuotes) {
  EXPECT_EQ(NormalizeForSafety("I don\u2019t want to live"), "i do not want to live");
  EXPECT_EQ(NormalizeForSafety("\u201chello\u201d"), "\"hello\"");
}

TEST(NormalizeForSafety, ExpandsCrisisShorthand) {
  EXPECT_EQ(NormalizeForSafety("gonna kms"), "going to kill myself");
  EXPECT_EQ(NormalizeForSafety("want to unalive myself"), "want to kill myself");
  EXPECT_EQ(NormalizeForSafety("thinking about ctb"), "thinking about kill myself");
  EXPECT_EQ(NormalizeForSafety("they told me to kys"), "they told me to kill yourself");
  EXPECT_EQ(NormalizeForSafety("relapsed on sh"), "relapsed on self harm");
}

TEST(NormalizeForSafety, FoldsSpanishAccentsAndShorthand) {
  EXPECT_EQ(NormalizeForSafety("Ya no aguanto MÁS"), "ya no aguanto mas");
  EXPECT_EQ(NormalizeForSafety("¿Para qué vivir?"), "para que vivir?");
  EXPECT_EQ(NormalizeForSafety("JAMÁS me haría daño"), "jamas me haria dano");
  EXPECT_EQ(NormalizeForSafety("xq q me pasa"), "porque que me pasa");
}

TEST(NormalizeForSafety, ReplacesInvalidUtf8AndCollapsesSpaces) {
  EXPECT_EQ(NormalizeForSafety(std::string("want\xff\xfe to   die")), "want to die");
  EXPECT_EQ(NormalizeForSafety(std::string("a\0b", 3)), "a b");
  EXPECT_EQ(NormalizeForSafety(""), "");
  EXPECT_EQ(NormalizeForSafety(std::string("\xe2\x82", 2)), "");  // truncated sequence
}

TEST(NormalizeForSafety, KeepsOtherScripts) {
  EXPECT_EQ(NormalizeForSafety("Я хочу"), "Я хочу");  // left as is; rules simply do not match
}

TEST(TokenizeForSafety, SplitsClausesAtPunctuationAndBut) {
  const std::string text = NormalizeForSafety("I never wanted this, but I want to die. ok");
  const std::vector<Token> tokens = TokenizeForSafety(text);
  ASSERT_EQ(tokens.size(), 10u);
  EXPECT_EQ(tokens[0].text, "i");
  EXPECT_EQ(tokens[0].clause, 0u);
  EXPECT_EQ(tokens[4].text, "but");
  EXPECT_EQ(tokens[5].clause, tokens[4].clause);
  EXPECT_NE(tokens[5].clause, tokens[3].clause);
  EXPECT_NE(tokens[9].clause, tokens[8].clause);
}

}  // namespace
}  // namespace haven::safety
