// Finds where crisis rules match a text without running every rule over it: each rule's
// alternatives are run only at the word starts where their first bytes occur (most texts match
// none). Internal to safety.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "safety/crisis_rules.h"
#include "safety/rule_prefix.h"

namespace haven::safety {

// True when every match of `pattern` (RE2 syntax) must begin at a word start or at the start of
// the text: each top-level alternative begins with ^, or with \b and then a letter or digit (\d, or
// a group whose alternatives all do). Conservative: false when unsure.
[[nodiscard]] bool MatchesBeginAtWordStart(std::string_view pattern);

// Where a pattern may match: anywhere, or at a word start where one of its matches may begin
// (and then, when known, which of its top-level alternatives may match there).
struct RuleCandidate {
  static constexpr std::size_t kAnywhere = static_cast<std::size_t>(-1);
  static constexpr int kWhole = -1;
  int pattern = 0;
  std::size_t begin = kAnywhere;  // a byte offset: a match of `pattern` may begin here
  int alternative = kWhole;       // an alternative that may match at `begin`, or the pattern
};

// Finds the matches of many RE2 patterns (case-insensitive), skipping the searches that cannot
// match. Immutable after Build; const and thread-safe.
class RulePrefilter {
 public:
  // Never fails: when the patterns cannot be compiled together, every pattern is always
  // searched everywhere (slower, never wrong). Patterns that do not compile match nothing.
  [[nodiscard]] static std::unique_ptr<RulePrefilter> Build(
      const std::vector<std::string>& patterns);
  // The same for patterns compiled case-insensitively (as RE2::Options with
  // set_case_sensitive(false)); none may be null.
  [[nodiscard]] static std::unique_ptr<RulePrefilter> FromCompiled(
      std::vector<std::unique_ptr<re2::RE2>> patterns);
  ~RulePrefilter();

  // Every match of every pattern in `text` that a loop of unanchored searches per pattern finds
  // (each resuming where the previous match ended, one byte later after an empty one): by
  // pattern, then left to right. Most of those searches are skipped (Candidates), and most
  // that remain are anchored searches of one alternative.
  [[nodiscard]] std::vector<RuleSpan> Spans(std::string_view text) const;

  // Fills `out` with the places patterns may match `text`, sorted by pattern, begin and
  // alternative: a pattern whose matches begin at word starts (MatchesBeginAtWordStart) gets
  // each word start where one of its matches may begin; any other pattern gets kAnywhere. A
  // superset: every match of every pattern begins at a listed place, by a listed alternative
  // (or the whole pattern is listed there). Where matches may begin is read from the first
  // bytes of the alternatives (rule_prefix.h); at word starts followed by non-ASCII bytes, and
  // for patterns whose first bytes are unknown, an automaton of the patterns anchored there
  // says (anchored rather than unanchored: that automaton stays small, so a fresh process is
  // fast from its first message instead of spending ~25 us per message building DFA states).
  // All patterns kAnywhere when an automaton runs out of memory.
  void Candidates(std::string_view text, std::vector<RuleCandidate>& out) const;

 private:
  // A string every match of an alternative holds, with its byte pairs' places in a Bigrams.
  struct RequiredString {
    std::string text;
    std::vector<std::uint16_t> pairs;
  };
  // Which byte pairs a text holds (hashed; a set bit may be another pair): a string with a
  // pair missing is not in the text, known without searching.
  using Bigrams = std::bitset<4096>;

  // What is known of one top-level alternative of an indexed pattern. Only the pattern itself is
  // compiled: once some alternative may match at a place, the pattern's anchored match there
  // is the answer, and compiling alternatives alone (~0.6M instructions each) would cost more
  // than it saves.
  struct Alternative {
    int pattern = 0;
    int index = 0;        // among the pattern's top-level alternatives
    std::string literal;  // bytes its matches begin with, lower-cased
    std::vector<std::vector<RequiredString>> required;  // PatternAlternative::required
  };

  RulePrefilter();
  void AllPatterns(std::vector<RuleCandidate>& out) const;
  // Adds the patterns of `set` that match at text[pos] (anchored); false on an automaton error.
  bool AddHits(const re2::RE2::Set& set, const std::vector<int>& set_patterns,
               std::string_view text, std::size_t pos, std::vector<RuleCandidate>& out) const;
  // Indexes the alternatives of pattern `index`; false when they cannot be read.
  bool AddAlternatives(const std::string& pattern, int index);
  // The pattern's match at `begin` of the candidates [first, last) (one pattern, one begin),
  // if any; run only when one of the listed alternatives passes its literal and required
  // strings checks. `bigrams`: the text's, or null when it is not lower-case ASCII (then the
  // required strings are not looked for: a non-ASCII character may fold to an ASCII letter).
  bool MatchAt(std::string_view text, const Bigrams* bigrams, const RuleCandidate* first,
               const RuleCandidate* last, re2::StringPiece& found) const;

  std::vector<std::unique_ptr<re2::RE2>> patterns_;
  // Patterns whose matches begin at a word start and whose first bytes are known: prefixes_
  // says where their alternatives may begin (ids index alternatives_), and this set where the
  // bytes there are not all ASCII.
  std::unique_ptr<re2::RE2::Set> indexed_;
  std::vector<int> indexed_patterns_;  // set index -> pattern index
  PrefixIndex prefixes_;
  std::vector<Alternative> alternatives_;  // each indexed pattern's, in pattern order
  std::vector<int> first_alternative_;     // pattern -> its first in alternatives_, or -1
  // Patterns whose matches begin at a word start, first bytes unknown: asked at every word
  // start (null when there are none).
  std::unique_ptr<re2::RE2::Set> unindexed_;
  std::vector<int> unindexed_patterns_;
  std::vector<int> always_;  // patterns that cannot be anchored: always candidates, kAnywhere
  bool usable_ = false;      // false when a set could not be built: every pattern, kAnywhere
};

}  // namespace haven::safety
