// Crisis rules: RE2 patterns from content/safety/crisis_rules.toml and the modifiers
// (negation, third party, past tense) that decide what a match means.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "safety/normalize.h"
#include "safety/risk.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace haven::safety {

enum class RuleCategory { kIdeation, kPlan, kSelfHarm, kHarmToOthers, kAbuseNow, kMeans, kGoodbye };

[[nodiscard]] std::string_view RuleCategoryName(RuleCategory category);

// Whose risk a rule describes: the writer's own, or someone else's ("my friend wants to die").
enum class Person { kSelf, kThird };

struct CrisisRule {
  std::string id;       // e.g. "ideation.want_to_die"
  std::string pattern;  // RE2, matched case-insensitively against NormalizeForSafety(text)
  std::string unless;   // optional RE2: when it matches the match's clause or the next one,
                        // this match does not count
  RuleCategory category = RuleCategory::kIdeation;
  RiskLevel level = RiskLevel::kCrisis;  // kCrisis or kElevated
  std::string language;                  // "en" or "es"
  bool negatable = false;  // a negator just before the match in its clause suppresses it
  Person person = Person::kSelf;
  // The match names someone else by design ("he has no idea it's the last time we talk"): a
  // third-person subject or a speech verb before it does not make it about them, as for abuse.
  bool names_others = false;
  // `unless` is looked for in the whole text, not only the match's clause and the next: an
  // ordinary goodbye may say why before it ("logging off for the weekend, bye everyone!").
  bool unless_anywhere = false;
  // Names of [shared_unless] patterns that also except this rule's matches, for exceptions a
  // family of rules shares ("kill me if i spoil the finale" for every threat rule).
  std::vector<std::string> unless_shared;
  std::vector<std::string> examples;      // texts that must reach `level`
  std::vector<std::string> not_examples;  // texts this rule must not fire on
  std::uint32_t line = 0;                 // where the rule starts in its file
};

// Word lists the match modifiers use; all in normalised form.
struct Modifiers {
  std::vector<std::string> negators;        // "not", "never", "nunca", ...
  std::vector<std::string> scope_breakers;  // words that end a negation's reach ("i", "que")
  std::vector<std::string> first_person;    // "i", "me", "yo", ...
  std::map<std::string, std::vector<std::string>> third_person;  // by language: "she", "amiga"
  std::vector<std::string> past_markers;      // phrases: "used to", "years ago", "solia"
  std::vector<std::string> present_markers;   // phrases that cancel a past marker: "now", "again"
  std::vector<std::string> recovery_markers;  // phrases that always mean "over": "days clean"
  // Verbs that introduce someone else's words ("my son said ...", "the song goes ...").
  std::vector<std::string> speech_verbs;
  // A question put to the writer ("asked if") and an answer of no after the match ("said no";
  // a trailing "|" means at the end of a clause): the match is negated.
  std::vector<std::string> question_frames;
  std::vector<std::string> answers_no;
  std::size_t negation_window = 4;  // how many words before a match a negator may be
};

// What became of one match.
enum class MatchOutcome {
  kFired,       // counts at the rule's level
  kNegated,     // suppressed by a negator in scope
  kThirdParty,  // about someone else: elevated at most
  kPast,        // in the past, recovered: elevated at most
  kExcepted,    // the rule's `unless` applies (an idiom, an accident, recovery): does not count
};

struct RuleMatch {
  const CrisisRule* rule = nullptr;
  MatchOutcome outcome = MatchOutcome::kFired;
  RiskLevel level = RiskLevel::kNone;  // effective level after the outcome
};

class RulePrefilter;  // rule_prefilter.h

// Where one rule's pattern matched: bytes [begin, end) of the normalised text.
struct RuleSpan {
  std::size_t rule = 0;  // index into CrisisRules::rules()
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Compiled rules. Immutable after Load; Match is const and thread-safe.
class CrisisRules {
 public:
  // Loads and validates `path`. InvalidArgument naming file, line and field for malformed
  // content; a pattern that does not compile names the rule id.
  [[nodiscard]] static core::Result<std::shared_ptr<const CrisisRules>> Load(
      const std::string& path);
  ~CrisisRules();
  CrisisRules(const CrisisRules&) = delete;
  CrisisRules& operator=(const CrisisRules&) = delete;

  // Every match of every rule in `normalized` (from NormalizeForSafety) with its outcome.
  [[nodiscard]] std::vector<RuleMatch> Match(std::string_view normalized) const;
  // The matches Match judges: by rule, then left to right, each search resuming where the
  // previous match ended (RE2's leftmost-first matches, as a loop of unanchored searches over
  // every rule would find them; the prefilter only skips searches that cannot match).
  [[nodiscard]] std::vector<RuleSpan> Spans(std::string_view normalized) const;

  [[nodiscard]] const std::vector<CrisisRule>& rules() const { return rules_; }
  [[nodiscard]] const Modifiers& modifiers() const { return modifiers_; }

 private:
  CrisisRules() = default;
  [[nodiscard]] RuleMatch Judge(const CrisisRule& rule, std::string_view normalized,
                                std::size_t begin, std::size_t end,
                                const std::vector<Token>& tokens) const;

  std::vector<CrisisRule> rules_;
  std::vector<std::unique_ptr<re2::RE2>> unless_;  // parallel to rules_, null when none
  // The compiled patterns, and where each may match (most texts match no rule).
  std::unique_ptr<RulePrefilter> prefilter_;
  Modifiers modifiers_;
};

}  // namespace haven::safety
