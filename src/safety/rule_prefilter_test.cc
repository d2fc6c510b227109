#include "safety/rule_prefilter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "safety/crisis_rules.h"
#include "safety/normalize.h"
#include "safety/rule_prefix.h"

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
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b(?:\d{2,}|lots of) pills)"));
  EXPECT_TRUE(MatchesBeginAtWordStart(R"(\b\d+ cuts)"));
  EXPECT_FALSE(MatchesBeginAtWordStart(R"(\b\D+ cuts)"));
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

// (pattern, begin) of the candidates, each once; begin -1 for kAnywhere.
std::vector<std::pair<int, long>> CandidatesOf(const RulePrefilter& prefilter,
                                               std::string_view text) {
  std::vector<RuleCandidate> candidates;
  prefilter.Candidates(text, candidates);
  std::vector<std::pair<int, long>> out;
  for (const RuleCandidate& c : candidates) {
    const std::pair<int, long> place(
        c.pattern, c.begin == RuleCandidate::kAnywhere ? -1L : static_cast<long>(c.begin));
    if (out.empty() || out.back() != place) out.push_back(place);
  }
  return out;
}

using Places = std::vector<std::pair<int, long>>;

TEST(RulePrefilter, PatternsThatCannotBeAnchoredAreAlwaysCandidates) {
  auto prefilter = RulePrefilter::Build({R"(\bwant to die\b)", R"(die\b)", R"(^hello\b)"});
  ASSERT_NE(prefilter, nullptr);
  EXPECT_EQ(CandidatesOf(*prefilter, "nothing here"), (Places{{1, -1}}));
  EXPECT_EQ(CandidatesOf(*prefilter, "i want to die"), (Places{{0, 2}, {1, -1}}));
  EXPECT_EQ(CandidatesOf(*prefilter, "hello there"), (Places{{1, -1}, {2, 0}}));
  EXPECT_EQ(CandidatesOf(*prefilter, "iwant to die"), (Places{{1, -1}}));  // not a word start
  EXPECT_EQ(CandidatesOf(*prefilter, "want to die, want to die"),
            (Places{{0, 0}, {0, 13}, {1, -1}}));
}

// A pattern whose first bytes the reader cannot work out is still asked at every word start.
TEST(RulePrefilter, PatternsWithUnknownPrefixesAreAskedEverywhere) {
  auto prefilter = RulePrefilter::Build({R"(\bwant to die\b)", R"(\b(?:n|w)\pL* to die\b)"});
  ASSERT_NE(prefilter, nullptr);
  EXPECT_EQ(CandidatesOf(*prefilter, "i want to die"), (Places{{0, 2}, {1, 2}}));
  EXPECT_EQ(CandidatesOf(*prefilter, "i need to die"), (Places{{1, 2}}));
  EXPECT_EQ(CandidatesOf(*prefilter, "nothing here"), Places{});
}

// When the patterns cannot be compiled together, every rule is a candidate: slower, never wrong.
TEST(RulePrefilter, WithoutAnAutomatonEveryPatternIsACandidate) {
  auto prefilter =
      RulePrefilter::Build({R"(\bwant to die\b)", R"(\bx{2,1})"});  // RE2 refuses the second
  ASSERT_NE(prefilter, nullptr);
  EXPECT_EQ(CandidatesOf(*prefilter, "nothing here"), (Places{{0, -1}, {1, -1}}));
}

std::vector<std::string> ShippedRuleTexts(const CrisisRules& rules) {
  std::vector<std::string> texts;
  for (const CrisisRule& rule : rules.rules()) {
    texts.insert(texts.end(), rule.examples.begin(), rule.examples.end());
    texts.insert(texts.end(), rule.not_examples.begin(), rule.not_examples.end());
  }
  std::ifstream dev("models/data/crisis_chat_dev.tsv");
  for (std::string line; std::getline(dev, line);) texts.push_back(line.substr(0, line.find('\t')));
  return texts;
}

// Every match of every rule, by a loop of unanchored searches over all rules (no prefilter).
std::vector<RuleSpan> AllSpans(const std::vector<std::unique_ptr<RE2>>& compiled,
                               std::string_view normalized) {
  std::vector<RuleSpan> spans;
  const re2::StringPiece text(normalized.data(), normalized.size());
  for (std::size_t r = 0; r < compiled.size(); ++r) {
    re2::StringPiece found;
    for (std::size_t pos = 0;
         pos <= text.size() &&
         compiled[r]->Match(text, pos, text.size(), RE2::UNANCHORED, &found, 1);) {
      const auto begin = static_cast<std::size_t>(found.data() - text.data());
      const std::size_t end = begin + found.size();
      pos = end > begin ? end : begin + 1;
      spans.push_back(RuleSpan{r, begin, end});
    }
  }
  return spans;
}

// Recall guard: on the shipped rules, the prefilter and the anchored searches at its word
// starts find exactly the matches an unanchored search of every rule finds, over the rules'
// own examples and the chat dev set.
TEST(RulePrefilter, FindsExactlyTheMatchesOfAFullSearchOnShippedRules) {
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
  const std::vector<std::string> texts = ShippedRuleTexts(**rules);
  ASSERT_GT(texts.size(), 1000U);
  std::size_t matched = 0;
  std::size_t filtered = 0;  // texts for which the prefilter left rules out (it is working)
  std::vector<RuleCandidate> candidates;
  for (const std::string& text : texts) {
    const std::string normalized = NormalizeForSafety(text);
    prefilter->Candidates(normalized, candidates);
    std::vector<int> listed;
    for (const RuleCandidate& c : candidates) listed.push_back(c.pattern);
    listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
    if (listed.size() < patterns.size()) ++filtered;
    const std::vector<RuleSpan> expected = AllSpans(compiled, normalized);
    const std::vector<RuleSpan> found = (*rules)->Spans(normalized);
    matched += expected.size();
    ASSERT_EQ(found.size(), expected.size()) << normalized;
    for (std::size_t i = 0; i < found.size(); ++i) {
      EXPECT_EQ(found[i].rule, expected[i].rule) << normalized;
      EXPECT_EQ(found[i].begin, expected[i].begin)
          << patterns[expected[i].rule] << ": " << normalized;
      EXPECT_EQ(found[i].end, expected[i].end) << patterns[expected[i].rule] << ": " << normalized;
    }
  }
  EXPECT_EQ(filtered, texts.size());
  EXPECT_GT(matched, 500U);
}

// The first bytes read from each shipped pattern cover every place it matches.
TEST(RulePrefilter, ShippedPatternPrefixesCoverTheirMatches) {
  auto rules = CrisisRules::Load("content/safety/crisis_rules.toml");
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  const std::vector<std::string> texts = ShippedRuleTexts(**rules);
  RE2::Options options;
  options.set_case_sensitive(false);
  std::size_t indexed = 0;
  for (const CrisisRule& rule : (*rules)->rules()) {
    PrefixIndex index;
    if (!MatchesBeginAtWordStart(rule.pattern) || !index.Add(rule.pattern, 0)) continue;
    ++indexed;
    const std::vector<std::unique_ptr<RE2>> one = [&] {
      std::vector<std::unique_ptr<RE2>> v;
      v.push_back(std::make_unique<RE2>(rule.pattern, options));
      return v;
    }();
    for (const std::string& text : texts) {
      const std::string normalized = NormalizeForSafety(text);
      for (const RuleSpan& span : AllSpans(one, normalized)) {
        EXPECT_TRUE(index.MayBeginAt(normalized, span.begin)) << rule.id << ": " << normalized;
      }
    }
  }
  EXPECT_GT(indexed, (*rules)->rules().size() / 2);
}

}  // namespace
}  // namespace haven::safety
