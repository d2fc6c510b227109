#include "safety/crisis_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "safety/safety.h"
#include "safety/test_support.h"

namespace haven::safety {
namespace {

using testing::ContentDir;
using testing::ScratchDir;

std::shared_ptr<const SafetyAssessor> LoadAssessor() {
  auto assessor = SafetyAssessor::Load(ContentDir());
  EXPECT_TRUE(assessor.has_value()) << assessor.error().message;
  return assessor.value_or(nullptr);
}

bool HasReason(const RiskAssessment& risk, std::string_view source, std::string_view detail) {
  return std::any_of(risk.reasons.begin(), risk.reasons.end(),
                     [&](const RiskReason& r) { return r.source == source && r.detail == detail; });
}

bool MentionsRule(const RiskAssessment& risk, std::string_view id) {
  return std::any_of(risk.reasons.begin(), risk.reasons.end(),
                     [&](const RiskReason& r) { return r.detail == id; });
}

TEST(CrisisRules, ShippedRulesLoadWithBothLanguagesAndEveryCategory) {
  auto assessor = LoadAssessor();
  ASSERT_NE(assessor, nullptr);
  const auto& rules = assessor->rules().rules();
  EXPECT_GE(rules.size(), 40u);
  for (std::string_view language : {"en", "es"}) {
    EXPECT_TRUE(std::any_of(rules.begin(), rules.end(),
                            [&](const CrisisRule& r) { return r.language == language; }));
  }
  for (RuleCategory category :
       {RuleCategory::kIdeation, RuleCategory::kPlan, RuleCategory::kSelfHarm,
        RuleCategory::kHarmToOthers, RuleCategory::kAbuseNow, RuleCategory::kMeans,
        RuleCategory::kGoodbye}) {
    EXPECT_TRUE(std::any_of(rules.begin(), rules.end(), [&](const CrisisRule& r) {
      return r.category == category;
    })) << RuleCategoryName(category);
  }
}

TEST(CrisisRules, EveryRulesOwnExamplesReachItsLevelAndNameIt) {
  auto assessor = LoadAssessor();
  ASSERT_NE(assessor, nullptr);
  for (const CrisisRule& rule : assessor->rules().rules()) {
    for (const std::string& example : rule.examples) {
      const RiskAssessment risk = assessor->Assess(example, SafetyContext{});
      EXPECT_GE(risk.level, rule.level) << rule.id << ": \"" << example << "\"";
      EXPECT_TRUE(MentionsRule(risk, rule.id)) << rule.id << ": \"" << example << "\"";
    }
  }
}

TEST(CrisisRules, NoRuleCountsOnItsOwnNotExamples) {
  auto assessor = LoadAssessor();
  ASSERT_NE(assessor, nullptr);
  for (const CrisisRule& rule : assessor->rules().rules()) {
    for (const std::string& text : rule.not_examples) {
      const RiskAssessment risk = assessor->Assess(text, SafetyContext{});
      EXPECT_FALSE(HasReason(risk, "rule", rule.id)) << rule.id << ": \"" << text << "\"";
    }
  }
}

constexpr char kModifiers[] = R"([modifiers]
negators = ["not"]
scope_breakers = ["i"]
first_person = ["i", "me"]
third_person.en = ["she"]
third_person.es = ["ella"]
past_markers = ["used to"]
present_markers = ["now"]
recovery_markers = ["days clean"]
)";

core::Error LoadError(const ScratchDir& dir, const std::string& rules_toml) {
  dir.Write("safety/crisis_rules.toml", std::string(kModifiers) + rules_toml);
  auto assessor = SafetyAssessor::Load(dir.path());
  EXPECT_FALSE(assessor.has_value());
  return assessor.has_value() ? core::Error{} : assessor.error();
}

// Rules with the test modifiers (negator "not", scope breaker "i" and "when").
std::shared_ptr<const CrisisRules> LoadTestRules(const ScratchDir& dir, const std::string& rules,
                                                 const std::string& extra_modifiers = "") {
  std::string modifiers = std::string(kModifiers) + extra_modifiers + "\n";
  modifiers.replace(modifiers.find(R"(scope_breakers = ["i"])"), 22,
                    R"(scope_breakers = ["i", "when"])");
  auto loaded = CrisisRules::Load(dir.Write("safety/crisis_rules.toml", modifiers + rules));
  EXPECT_TRUE(loaded.has_value()) << loaded.error().message;
  return loaded.value_or(nullptr);
}

TEST(CrisisRules, AMatchOpeningWithAScopeBreakerIsNotNegatedFromBefore) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "gone"
category = "ideation"
level = "crisis"
language = "en"
negatable = true
pattern = '\bwhen i am gone\b|\bwant to go\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  auto outcome = [&](std::string_view text) { return rules->Match(text).at(0).outcome; };
  EXPECT_EQ(outcome("they will not notice when i am gone"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("i do not want to go"), MatchOutcome::kNegated);  // still negated
}

TEST(CrisisRules, UnlessAlsoLooksAtTheNextClauseButNotTheOneBefore) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "urge"
category = "self_harm"
level = "crisis"
language = "en"
negatable = false
pattern = '\burge to cut\b'
unless = '\bice instead\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  auto outcome = [&](std::string_view text) { return rules->Match(text).at(0).outcome; };
  EXPECT_EQ(outcome("i had the urge to cut , but i held ice instead"), MatchOutcome::kExcepted);
  EXPECT_EQ(outcome("i had the urge to cut and held ice instead"), MatchOutcome::kExcepted);
  EXPECT_EQ(outcome("i held ice instead yesterday , but now i have the urge to cut"),
            MatchOutcome::kFired);
  EXPECT_EQ(outcome("urge to cut . then dinner . then ice instead"), MatchOutcome::kFired);
}

// Recovery markers are read from the file and make a match past ("days clean" was ignored).
TEST(CrisisRules, RecoveryMarkerMakesASelfHarmMatchPast) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "cut"
category = "self_harm"
level = "crisis"
language = "en"
negatable = false
pattern = '\bcut myself\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  EXPECT_EQ(rules->modifiers().recovery_markers, std::vector<std::string>{"days clean"});
  EXPECT_EQ(rules->Match("30 days clean since i last cut myself").at(0).outcome,
            MatchOutcome::kPast);
  EXPECT_EQ(rules->Match("i cut myself").at(0).outcome, MatchOutcome::kFired);
  // A present marker wins over clean time: a relapse now is not past.
  EXPECT_EQ(rules->Match("30 days clean and now i cut myself").at(0).outcome, MatchOutcome::kFired);
}

// "and i" starts a new statement: a past marker before it does not date a match after it.
TEST(CrisisRules, APastMarkerBeforeAndIDoesNotDateWhatFollows) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "cut"
category = "self_harm"
level = "crisis"
language = "en"
negatable = false
pattern = '\bcut myself\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  auto outcome = [&](std::string_view text) { return rules->Match(text).at(0).outcome; };
  EXPECT_EQ(outcome("he used to shout and i cut myself"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("30 days clean and i cut myself"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("i used to cut myself and i hated it"), MatchOutcome::kPast);
  EXPECT_EQ(outcome("i used to cut myself"), MatchOutcome::kPast);
  EXPECT_EQ(outcome("and i used to cut myself"), MatchOutcome::kPast);
}

// A present word inside a past phrase ("years ago today") does not make the match current.
TEST(CrisisRules, APresentWordInsideAPastPhraseDoesNotCount) {
  ScratchDir dir;
  std::string modifiers = kModifiers;
  modifiers.replace(modifiers.find(R"(past_markers = ["used to"])"), 26,
                    R"(past_markers = ["years ago", "years ago now"])");
  auto rules = CrisisRules::Load(dir.Write("safety/crisis_rules.toml", modifiers + R"(
[[rule]]
id = "tried"
category = "ideation"
level = "crisis"
language = "en"
negatable = false
pattern = '\btried to end my life\b'
examples = ["x"]
)"));
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  auto outcome = [&](std::string_view text) { return (*rules)->Match(text).at(0).outcome; };
  EXPECT_EQ(outcome("five years ago now i tried to end my life"), MatchOutcome::kPast);
  EXPECT_EQ(outcome("five years ago i tried to end my life"), MatchOutcome::kPast);
  EXPECT_EQ(outcome("five years ago i tried to end my life and now again"), MatchOutcome::kFired);
}

// A match inside a question put to the writer, answered no after it, is negated; a "no" to some
// other question ("asked if i was safe and i said no. i want to die") is not.
TEST(CrisisRules, AQuestionAnsweredNoNegatesTheMatchInIt) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "die"
category = "ideation"
level = "crisis"
language = "en"
negatable = false
pattern = '\bwant to die\b'
examples = ["x"]
)",
                             R"(question_frames = ["asked if"]
answers_no = ["said no", "i am not |"])");
  ASSERT_NE(rules, nullptr);
  auto outcome = [&](std::string_view text) { return rules->Match(text).at(0).outcome; };
  EXPECT_EQ(outcome("she asked if i want to die and i said no"), MatchOutcome::kNegated);
  EXPECT_EQ(outcome("she asked if i want to die , i said no"), MatchOutcome::kNegated);
  EXPECT_EQ(outcome("she asked if i want to die and i am not , just tired"),
            MatchOutcome::kNegated);
  EXPECT_EQ(outcome("she asked if i want to die and i am not sure"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("she asked if i was safe and i said no . i want to die"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("she asked if i want to die . fine . then i said no"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("i want to die and i said no to dinner"), MatchOutcome::kFired);
}

// Someone else's quoted words are theirs; the writer's own "i said ..." is not a quote.
TEST(CrisisRules, AMatchQuotedFromSomeoneElseIsThirdParty) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "die"
category = "ideation"
level = "crisis"
language = "en"
negatable = true
pattern = '\bwant to die\b'
examples = ["x"]

[[rule]]
id = "threat"
category = "abuse_now"
level = "crisis"
language = "en"
negatable = false
pattern = '\byou will die\b'
examples = ["x"]
)",
                             R"(speech_verbs = ["said", "goes"])");
  ASSERT_NE(rules, nullptr);
  auto outcome = [&](std::string_view text) { return rules->Match(text).at(0).outcome; };
  EXPECT_EQ(outcome("she said i want to die"), MatchOutcome::kThirdParty);
  EXPECT_EQ(outcome("she said that i want to die"), MatchOutcome::kThirdParty);
  EXPECT_EQ(outcome("she said i really really want to die"), MatchOutcome::kThirdParty);
  EXPECT_EQ(outcome("she said i was wrong and i want to die"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("she said i one two three four five want to die"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("i said i want to die"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("she knows i want to die"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("she said you will die"), MatchOutcome::kFired);  // a threat, not a quote
}

// The outcome of rule `id` on `text`. When the rule does not match, the test fails (the value
// returned then does not matter).
MatchOutcome OutcomeOfRule(const CrisisRules& rules, std::string_view text, std::string_view id) {
  for (const RuleMatch& match : rules.Match(text)) {
    if (match.rule->id == id) return match.outcome;
  }
  ADD_FAILURE() << id << " did not match: " << text;
  return MatchOutcome::kNegated;
}

// A rule that names someone else by design keeps the writer's own risk: "she" before the match
// is the person being told goodbye, not the person at risk. A reflexive still is someone else's.
TEST(CrisisRules, ARuleThatNamesOthersIsNotCappedByAThirdPersonSubject) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "last"
category = "goodbye"
level = "crisis"
language = "en"
negatable = false
names_others = true
pattern = '\bdoes not know (?:it is|this is) the last time\b|\bkill herself\b'
examples = ["x"]

[[rule]]
id = "forced"
category = "abuse_now"
level = "crisis"
language = "en"
negatable = false
pattern = '\bforced himself on me\b|\bhurts himself\b'
examples = ["x"]

[[rule]]
id = "plain"
category = "goodbye"
level = "crisis"
language = "en"
negatable = false
pattern = '\bdoes not know (?:it is|this is) the last time\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  const auto outcome = [&](std::string_view text, std::string_view id) {
    return OutcomeOfRule(*rules, text, id);
  };
  EXPECT_EQ(outcome("she does not know it is the last time", "last"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("she does not know it is the last time", "plain"), MatchOutcome::kThirdParty);
  EXPECT_EQ(outcome("she wants to kill herself", "last"), MatchOutcome::kThirdParty);
  // The other person's reflexive beside the writer's "me" is harm done to the writer.
  EXPECT_EQ(outcome("he forced himself on me", "forced"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("my brother hurts himself", "forced"), MatchOutcome::kThirdParty);
}

TEST(CrisisRules, NamesOthersMustBeABoolean) {
  ScratchDir dir;
  const core::Error error = LoadError(dir, R"(
[[rule]]
id = "last"
category = "goodbye"
level = "crisis"
language = "en"
negatable = false
names_others = "yes"
pattern = 'x'
examples = ["x"]
)");
  EXPECT_EQ(error.field, "names_others");
  EXPECT_NE(error.message.find("true or false"), std::string::npos) << error.message;
}

TEST(CrisisRules, BadRegexNamesFileLineAndRuleId) {
  ScratchDir dir;
  const core::Error error = LoadError(dir, R"(
[[rule]]
id = "broken.paren"
category = "ideation"
level = "crisis"
language = "en"
negatable = true
pattern = '\bwant to (die'
examples = ["x"]
)");
  EXPECT_EQ(error.code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.field, "pattern");
  EXPECT_NE(error.message.find("crisis_rules.toml:17:"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("broken.paren"), std::string::npos) << error.message;
}

TEST(CrisisRules, MissingAndInvalidFieldsNameFileLineAndField) {
  ScratchDir dir;
  const std::string rule_head = "\n[[rule]]\nid = \"a.b\"\ncategory = \"ideation\"\n";
  core::Error error = LoadError(dir, rule_head +
                                         "level = \"crisis\"\nlanguage = \"en\"\n"
                                         "negatable = true\nexamples = [\"x\"]\n");
  EXPECT_EQ(error.field, "pattern");
  EXPECT_NE(error.message.find("crisis_rules.toml:11:"), std::string::npos) << error.message;

  error = LoadError(dir, rule_head +
                             "level = \"severe\"\nlanguage = \"en\"\nnegatable = true\n"
                             "pattern = 'x'\nexamples = [\"x\"]\n");
  EXPECT_EQ(error.field, "level");
  EXPECT_NE(error.message.find("crisis_rules.toml:14:"), std::string::npos) << error.message;

  error = LoadError(dir, rule_head +
                             "level = \"crisis\"\nlanguage = \"fr\"\nnegatable = true\n"
                             "pattern = 'x'\nexamples = [\"x\"]\n");
  EXPECT_EQ(error.field, "language");

  error = LoadError(dir, rule_head +
                             "level = \"crisis\"\nlanguage = \"en\"\nnegatable = \"yes\"\n"
                             "pattern = 'x'\nexamples = [\"x\"]\n");
  EXPECT_EQ(error.field, "negatable");

  error = LoadError(dir, rule_head +
                             "level = \"crisis\"\nlanguage = \"en\"\nnegatable = true\n"
                             "pattern = 'x'\nexamples = []\n");
  EXPECT_EQ(error.field, "examples");
}

TEST(CrisisRules, DuplicateIdsAndSyntaxErrorsAreRejected) {
  ScratchDir dir;
  const std::string rule =
      "\n[[rule]]\nid = \"same\"\ncategory = \"plan\"\nlevel = \"crisis\"\nlanguage = \"en\"\n"
      "negatable = false\npattern = 'x'\nexamples = [\"x\"]\n";
  core::Error error = LoadError(dir, rule + rule);
  EXPECT_EQ(error.field, "id");
  EXPECT_NE(error.message.find("same"), std::string::npos);

  error = LoadError(dir, "\n[[rule]\nid = ");
  EXPECT_EQ(error.field, "file");
  EXPECT_NE(error.message.find("crisis_rules.toml:11"), std::string::npos) << error.message;
}

TEST(CrisisRules, MissingFileIsAnErrorNamingIt) {
  ScratchDir dir;
  auto assessor = SafetyAssessor::Load(dir.path());
  ASSERT_FALSE(assessor.has_value());
  EXPECT_NE(assessor.error().message.find("crisis_rules.toml"), std::string::npos);
}

// A [shared_unless] pattern excepts every rule that names it, beside the rule's own `unless`; a
// name that is not there is a load error on that field.
TEST(CrisisRules, SharedExceptionsCountForTheRulesThatNameThem) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[shared_unless]
trivial = '\bif i spoil\w*\b'

[[rule]]
id = "shares"
category = "abuse_now"
level = "crisis"
language = "en"
negatable = false
pattern = '\bkill me\b'
unless = '\bwith laughter\b'
unless_shared = ["trivial"]
examples = ["x"]

[[rule]]
id = "alone"
category = "ideation"
level = "crisis"
language = "es"
negatable = false
pattern = '\bkill me\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  const auto outcome = [&](std::string_view text, std::string_view id) {
    return OutcomeOfRule(*rules, text, id);
  };
  EXPECT_EQ(outcome("he will kill me if i spoil the finale", "shares"), MatchOutcome::kExcepted);
  EXPECT_EQ(outcome("you kill me with laughter", "shares"), MatchOutcome::kExcepted);
  EXPECT_EQ(outcome("he will kill me if i leave", "shares"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("he will kill me if i spoil the finale", "alone"), MatchOutcome::kFired);

  const core::Error error = LoadError(dir, R"(
[[rule]]
id = "missing"
category = "ideation"
level = "crisis"
language = "en"
negatable = false
pattern = '\bkill me\b'
unless_shared = ["nowhere"]
examples = ["x"]
)");
  EXPECT_EQ(error.field, "unless_shared");
  EXPECT_NE(error.message.find("nowhere"), std::string::npos) << error.message;
}

// `unless_anywhere`: the exception counts wherever it stands in the text; otherwise only in the
// match's clause and the next one.
TEST(CrisisRules, UnlessAnywhereLooksAtTheWholeText) {
  ScratchDir dir;
  auto rules = LoadTestRules(dir, R"(
[[rule]]
id = "anywhere"
category = "goodbye"
level = "crisis"
language = "en"
negatable = false
unless_anywhere = true
pattern = '\bbye everyone\b'
unless = '\bfor the weekend\b'
examples = ["x"]

[[rule]]
id = "clause"
category = "goodbye"
level = "crisis"
language = "es"
negatable = false
pattern = '\bbye everyone\b'
unless = '\bfor the weekend\b'
examples = ["x"]
)");
  ASSERT_NE(rules, nullptr);
  const auto outcome = [&](std::string_view text, std::string_view id) {
    return OutcomeOfRule(*rules, text, id);
  };
  const std::string text = "logging off for the weekend . see you . bye everyone !";
  EXPECT_EQ(outcome(text, "anywhere"), MatchOutcome::kExcepted);
  EXPECT_EQ(outcome(text, "clause"), MatchOutcome::kFired);
  EXPECT_EQ(outcome("bye everyone", "anywhere"), MatchOutcome::kFired);
}

}  // namespace
}  // namespace haven::safety
