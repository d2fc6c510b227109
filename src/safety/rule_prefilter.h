// Picks the crisis rules that can match a text with one automaton over all their patterns, so
// only those are run one by one (most texts match none). Internal to safety.
#pragma once

#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace haven::safety {

// True when every match of `pattern` (RE2 syntax) must begin at a word start or at the start of
// the text: each top-level alternative begins with ^, or with \b and then a letter or digit (or a
// group whose alternatives all do). Conservative: false when unsure.
[[nodiscard]] bool MatchesBeginAtWordStart(std::string_view pattern);

class RulePrefilter {
 public:
  // Never fails: when the patterns cannot be compiled together, every pattern is always a
  // candidate (slower, never wrong).
  [[nodiscard]] static std::unique_ptr<RulePrefilter> Build(
      const std::vector<std::string>& patterns);
  ~RulePrefilter();

  // Indices of the patterns that may match `text` (a superset of those that do), ascending;
  // all of them when the automaton runs out of memory. Anchored at each word start rather than
  // scanning unanchored: that automaton stays small, so a fresh process is fast from its
  // first message instead of spending ~25 us per message building DFA states.
  [[nodiscard]] std::vector<int> Candidates(std::string_view text) const;

 private:
  RulePrefilter();
  [[nodiscard]] std::vector<int> AllPatterns() const;
  std::size_t pattern_count_ = 0;
  std::unique_ptr<re2::RE2::Set> set_;  // patterns whose matches begin at a word start; null
                                        // when it could not be built
  std::vector<int> set_patterns_;       // set index -> pattern index
  std::vector<int> always_;             // patterns that cannot be anchored: always candidates
};

}  // namespace haven::safety
