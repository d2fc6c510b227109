#include "safety/rule_prefilter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <fstream>
#include <string>
#include <vector>

#include "safety/crisis_rules.h"
#include "safety/normalize.h"

namespace haven::safety {
namespace {

TEST(MatchesBeginAtWordStart, AcceptsWordBoundaryThenLettersOnly) {
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\bsuicidal\b)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b(?:want|wish) to die\b|\bend it all\b)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(^me pega\b)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b(?:(?:cut|burn)ing|hurt) myself)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b(?:a[|]b|c) x)"));  // | inside a class
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b(?:fresh |new )?cuts\b)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b(?:no )?(?:le )?(?:veo|hay) sentido)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\bx{0,2}?y)"));
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(die\b)"));          // no \b
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\bdie|goodbye)"));  // one alternative without
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b\s+die)"));       // \b before a space
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\bx?-die)"));       // optional first letter
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b(?:x|-)die)"));
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b(?:x)?-die)"));
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b(?:x )?(?:y )*)"));  // may match nothing
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b(?i)die)"));
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b(unbalanced)"));
  EXPECT_FALSE(MatchesBeginAtWordStart(""));
}

TEST(RulePrefilter, PatternsThatCannotBeAnchoredAreAlwaysCandidates) {
  auto prefilter = RulePrefilter::Build({R"(\bwant to die\b)", R"(die\b)", R"(^hello\b)"});
  ASSERT_NE(prefilter, nullptr);
  EXPECT_EQ(prefilter->Candidates("nothing here"), (std::vector<int>{1}));
  EXPECT_EQ(prefilter->Candidates("i want to die"), (std::vector<int>{0, 1}));
  EXPECT_EQ(prefilter->Candidates("hello there"), (std::vector<int>{1, 2}));
  EXPECT_EQ(prefilter->Candidates("iwant to die"), (std::vector<int>{1}));  // not a word start
}

// When the patterns cannot be compiled together, every rule is a candidate: slower, never wrong.
TEST(RulePrefilter, WithoutAnAutomatonEveryPatternIsACandidate) {
  auto prefilter =
      RulePrefilter::Build({R"(\bwant to die\b)", R"(\bx{2,1})"});  // RE2 refuses the second
  ASSERT_NE(prefilter, nullptr);
  EXPECT_EQ(prefilter->Candidates("nothing here"), (std::vector<int>{0, 1}));
}

// Recall guard: on the shipped rules, every pattern that matches a text (unanchored, as the
// rules run) is among the candidates, over the rules' own examples and the chat dev set.
TEST(RulePrefilter, NeverDropsARuleThatMatchesOnShippedRules) {
  auto rules = CrisisRules::Load("content/safety/crisis_rules.toml");
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  std::vector<std::string> patterns;
  std::vector<std::unique_ptr<RE2>> compiled;
  RE2::Options options;
  options.set_case_sensitive(false);
  for (const CrisisRule& rule : (*rules)->rules()) {
    patterns.push_back(rule.pattern);
    compiled.push_back(std::make_unique<RE2>(rule.pattern, options));
  }
  auto prefilter = RulePrefilter::Build(patterns);
  ASSERT_NE(prefilter, nullptr);
  std::vector<std::string> texts;
  for (const CrisisRule& rule : (*rules)->rules()) {
    texts.insert(texts.end(), rule.examples.begin(), rule.examples.end());
    texts.insert(texts.end(), rule.not_examples.begin(), rule.not_examples.end());
  }
  std::ifstream dev("models/data/crisis_chat_dev.tsv");
  for (std::string line; std::getline(dev, line);) texts.push_back(line.substr(0, line.find('\t')));
  ASSERT_GT(texts.size(), 1000U);
  std::size_t matched = 0;
  std::size_t filtered = 0;  // texts for which the prefilter left rules out (it is working)
  for (const std::string& text : texts) {
    const std::string normalized = NormalizeForSafety(text);
    const std::vector<int> candidates = prefilter->Candidates(normalized);
    if (candidates.size() < patterns.size()) ++filtered;
    for (std::size_t i = 0; i < compiled.size(); ++i) {
      if (!RE2::PartialMatch(normalized, *compiled[i])) continue;
      ++matched;
      EXPECT_TRUE(std::ranges::binary_search(candidates, static_cast<int>(i)))
          << patterns[i] << " on: " << normalized;
    }
  }
  EXPECT_EQ(filtered, texts.size());
  EXPECT_GT(matched, 500U);
}

}  // namespace
}  // namespace haven::safety
