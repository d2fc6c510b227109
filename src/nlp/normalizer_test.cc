#include "nlp/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace haven::nlp {
namespace {

std::vector<std::string> Negated(const NormalizedText& normalized) {
  std::vector<std::string> out;
  for (const Token& token : normalized.tokens) {
    if (token.negated) out.push_back(token.text);
  }
  return out;
}

TEST(Normalize, FoldsCaseAndCompatibilityForms) {
  EXPECT_EQ(Normalize("I FEEL Ｆｉｎｅ").text, "i feel fine");
  EXPECT_EQ(Normalize("ﬁnally").text, "finally");  // ligature -> letters (NFKC)
}

TEST(Normalize, ExpandsContractionsWithAndWithoutApostrophes) {
  EXPECT_EQ(Normalize("I can't do this").text, "i can not do this");
  EXPECT_EQ(Normalize("i cant do this").text, "i can not do this");
  EXPECT_EQ(Normalize("I don’t care").text, "i do not care");  // curly apostrophe
  EXPECT_EQ(Normalize("dont").text, "do not");
  EXPECT_EQ(Normalize("im so tired").text, "i am so tired");
}

TEST(Normalize, CollapsesElongations) {
  EXPECT_EQ(Normalize("soooo tired").text, "so tired");
  EXPECT_EQ(Normalize("gooooood").text, "good");
  EXPECT_EQ(Normalize("HELPPPP").text, "help");
  EXPECT_EQ(Normalize("hahahaha").text, "haha");
  EXPECT_EQ(CollapseElongation("book"), "book");  // a real double letter stays
}

TEST(Normalize, ExpandsCrisisShorthand) {
  EXPECT_EQ(Normalize("i want to kms").text, "i want to kill myself");
  EXPECT_EQ(Normalize("thinking about ctb").text, "thinking about kill myself");
  EXPECT_EQ(Normalize("I want to unalive myself").text, "i want to kill myself");
  EXPECT_EQ(Normalize("s/h again").text, "self harm again");
  EXPECT_EQ(Normalize("idk anymore").text, "i do not know anymore");
}

TEST(Normalize, MapsEmojiToWords) {
  EXPECT_EQ(Normalize("today 😭😭").text, "today crying crying");
  EXPECT_EQ(Normalize("ok 👍🏽").text, "ok good");  // skin tone dropped
  EXPECT_EQ(Normalize("miss you :(").text, "miss you sad");
}

TEST(Normalize, HandlesSpanish) {
  const NormalizedText es = Normalize("Ya no quiero vivir, q hago?");
  EXPECT_EQ(es.language, Language::kSpanish);
  EXPECT_EQ(es.text, "ya no quiero vivir , que hago ?");
  EXPECT_EQ(Normalize("Estoy CANSADÍSIMA, mañana será peor").text,
            "estoy cansadisima , mañana sera peor");
  EXPECT_EQ(Normalize("¿Qué pasa?").text, "¿ que pasa ?");
}

TEST(Normalize, SurvivesMalformedUtf8AndEmptyInput) {
  EXPECT_EQ(Normalize("").text, "");
  EXPECT_EQ(Normalize("ok\xFF\xC3 fine").text, "ok fine");
  EXPECT_EQ(Normalize("   \t\n ").text, "");
}

TEST(NegationScope, NotNegatesUntilClauseBoundary) {
  const NormalizedText n = Normalize("I don't want to die, I want help");
  EXPECT_EQ(Negated(n), (std::vector<std::string>{"want", "to", "die"}));
}

TEST(NegationScope, ButEndsTheScope) {
  const NormalizedText n = Normalize("not happy but ok");
  EXPECT_EQ(Negated(n), (std::vector<std::string>{"happy"}));
}

TEST(NegationScope, NoLongerAndNeverAreCues) {
  EXPECT_EQ(Negated(Normalize("I no longer want to live")),
            (std::vector<std::string>{"longer", "want", "to", "live"}));
  EXPECT_EQ(Negated(Normalize("I would never hurt myself. I am safe")),
            (std::vector<std::string>{"hurt", "myself"}));
}

TEST(NegationScope, SpanishCues) {
  EXPECT_EQ(Negated(Normalize("No quiero morir, pero estoy mal")),
            (std::vector<std::string>{"quiero", "morir"}));
  EXPECT_EQ(Negated(Normalize("nunca me haria daño")),
            (std::vector<std::string>{"me", "haria", "daño"}));
}

TEST(NegationScope, PseudoNegationDoesNotOpenAScope) {
  EXPECT_TRUE(Negated(Normalize("not only sad but angry")).empty());
  EXPECT_TRUE(Negated(Normalize("no doubt I am tired")).empty());
}

TEST(NegationScope, ClassifierInputMarksNegatedWords) {
  EXPECT_EQ(ClassifierInput(Normalize("I don't want to die")), "i do not neg_want neg_to neg_die");
}

}  // namespace
}  // namespace haven::nlp
