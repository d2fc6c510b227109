// Rules + crisis model + context (SafetyAssessor::Assess with an nlp::Analysis): the policy
// with controlled scores, and the shipped pipeline on golden texts when models/ is present.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>

#include "nlp/analyzer.h"
#include "nlp/normalizer.h"
#include "safety/crisis_rules.h"
#include "safety/safety.h"
#include "safety/test_support.h"

namespace haven::safety {
namespace {

bool HasSource(const RiskAssessment& risk, const std::string& source) {
  return std::any_of(risk.reasons.begin(), risk.reasons.end(),
                     [&](const RiskReason& r) { return r.source == source; });
}

std::string Explain(const RiskAssessment& risk) {
  std::string out = std::string(RiskLevelName(risk.level)) + " [";
  for (const RiskReason& r : risk.reasons) out += r.source + ":" + r.detail + " ";
  return out + "]";
}

nlp::Analysis Scored(double score, std::size_t words = 6) {
  nlp::Analysis analysis;
  analysis.crisis_score = score;
  analysis.input_words = words;
  return analysis;
}

std::shared_ptr<const SafetyAssessor> Shipped() {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  EXPECT_TRUE(assessor.has_value()) << assessor.error().message;
  return assessor.has_value() ? *assessor : nullptr;
}

TEST(CrisisPolicy, ShippedPolicyLoadsWithOrderedThresholds) {
  auto policy = LoadCrisisPolicy(testing::ContentDir() + "/safety/crisis_policy.toml");
  ASSERT_TRUE(policy.has_value()) << policy.error().message;
  for (const ModelBand* band : {&policy->chat, &policy->long_post}) {
    EXPECT_LE(band->elevated, band->crisis);
    EXPECT_LE(band->context_crisis, band->crisis);
    EXPECT_GE(band->guarded_crisis, band->crisis);
    EXPECT_GE(band->third_party_crisis, band->crisis);
  }
}

TEST(CrisisPolicy, BadThresholdNamesFileLineAndField) {
  testing::ScratchDir dir;
  const std::string path = dir.Write("p.toml", R"([chat]
crisis = 0.4
elevated = 0.9
context_crisis = 0.1
guarded_crisis = 0.9
[long_post]
crisis = 1.5
elevated = 0.1
context_crisis = 0.1
guarded_crisis = 0.9
)");
  auto policy = LoadCrisisPolicy(path);
  ASSERT_FALSE(policy.has_value());
  EXPECT_EQ(policy.error().field, "chat.elevated");
  EXPECT_NE(policy.error().message.find("p.toml:1"), std::string::npos) << policy.error().message;
}

// A text with its normalised tokens (so MentionsRisk can look at it) and a controlled score.
nlp::Analysis ScoredText(std::string_view text, double score) {
  const nlp::NormalizedText normalized = nlp::Normalize(text);
  nlp::Analysis analysis = Scored(score, normalized.tokens.size());
  analysis.normalised = normalized.text;
  analysis.tokens = normalized.tokens;
  return analysis;
}

TEST(CrisisPolicy, GentleBandAboveCrisisIsRejected) {
  testing::ScratchDir dir;
  const std::string path = dir.Write("p.toml", R"([chat]
crisis = 0.4
elevated = 0.02
context_crisis = 0.02
guarded_crisis = 1.0
gentle_below = 0.5
[long_post]
crisis = 0.5
elevated = 0.1
context_crisis = 0.1
guarded_crisis = 0.9
)");
  auto policy = LoadCrisisPolicy(path);
  ASSERT_FALSE(policy.has_value());
  EXPECT_EQ(policy.error().field, "chat.gentle_below");
}

TEST(SafetyPipeline, OnlyTheFaintestModelSignGetsAGentleCheckIn) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const ModelBand& chat = assessor->policy().chat;
  ASSERT_GT(chat.gentle_below, chat.elevated) << "the shipped policy has a gentle band";
  const double faint = (chat.elevated + chat.gentle_below) / 2;

  const nlp::Analysis weather = ScoredText("it's pouring outside again", faint);
  const RiskAssessment gentle = assessor->Assess("it's pouring outside again", &weather, {});
  EXPECT_EQ(gentle.level, RiskLevel::kElevated) << Explain(gentle);
  EXPECT_EQ(gentle.check_in, CheckIn::kGentle);

  // The same score in a text with a risk word, or a score at the band's edge: asked directly.
  const nlp::Analysis bridge = ScoredText("the bridge was closed again", faint);
  EXPECT_EQ(assessor->Assess("the bridge was closed again", &bridge, {}).check_in,
            CheckIn::kDirect);
  const nlp::Analysis edge = ScoredText("it's pouring outside again", chat.gentle_below);
  const RiskAssessment stronger = assessor->Assess("it's pouring outside again", &edge, {});
  EXPECT_EQ(stronger.level, RiskLevel::kElevated);
  EXPECT_EQ(stronger.check_in, CheckIn::kDirect);

  // A rule's elevated verdict (someone else at risk) is never gentle, whatever the model says.
  const std::string friend_text = "my friend said she wants to die";
  const nlp::Analysis low = ScoredText(friend_text, faint);
  const RiskAssessment third = assessor->Assess(friend_text, &low, {});
  EXPECT_EQ(third.level, RiskLevel::kElevated) << Explain(third);
  EXPECT_EQ(third.check_in, CheckIn::kDirect);

  // After a recent crisis the faint sign is a crisis, not a gentle check-in.
  SafetyContext recent;
  recent.recent_crisis = true;
  EXPECT_EQ(assessor->Assess("it's pouring outside again", &weather, recent).level,
            RiskLevel::kCrisis);
}

TEST(RiskJson, NamesLevelScoreReasonsAndHowAnElevatedTextIsAsked) {
  RiskAssessment elevated{
      RiskLevel::kElevated, 0.03, {{"model", "crisis=0.030"}}, CheckIn::kGentle};
  const nlohmann::json gentle = ToJson(elevated);
  EXPECT_EQ(gentle["level"], "elevated");
  EXPECT_DOUBLE_EQ(gentle["score"].get<double>(), 0.03);
  ASSERT_EQ(gentle["reasons"].size(), 1u);
  EXPECT_EQ(gentle["reasons"][0]["source"], "model");
  EXPECT_EQ(gentle["reasons"][0]["detail"], "crisis=0.030");
  EXPECT_EQ(gentle["check_in"], "gentle");
  elevated.check_in = CheckIn::kDirect;
  EXPECT_EQ(ToJson(elevated)["check_in"], "direct");

  // check_in only means something for elevated texts, so it is absent otherwise.
  const nlohmann::json calm = ToJson(RiskAssessment{});
  EXPECT_EQ(calm["level"], "none");
  EXPECT_TRUE(calm["reasons"].empty());
  EXPECT_FALSE(calm.contains("check_in"));
  EXPECT_FALSE(
      ToJson(RiskAssessment{RiskLevel::kCrisis, 0.9, {}, CheckIn::kGentle}).contains("check_in"));
}

TEST(RiskJson, AVerdictAboveNoneSaysWhoseDangerItIsSoClientsCanShowTheRightLines) {
  RiskAssessment crisis{RiskLevel::kCrisis, 0.9, {{"rule", "abuse_now.threat"}}};
  EXPECT_EQ(ToJson(crisis)["danger"], "self");
  crisis.danger = Danger::kFromOthers;
  EXPECT_EQ(ToJson(crisis)["danger"], "others");
  crisis.level = RiskLevel::kElevated;
  EXPECT_EQ(ToJson(crisis)["danger"], "others");
  // With no risk no reply is chosen by it, so it is absent.
  EXPECT_FALSE(ToJson(RiskAssessment{}).contains("danger"));
  // The names round-trip (stored replies keep them); anything else is no danger.
  EXPECT_EQ(ParseDanger(DangerName(Danger::kFromOthers)), Danger::kFromOthers);
  EXPECT_EQ(ParseDanger(DangerName(Danger::kToSelf)), Danger::kToSelf);
  EXPECT_EQ(ParseDanger("Others"), std::nullopt);
}

// Abuse told in the past is elevated and about danger from others (its check-in asks about
// safety from that person); a present statement after "and i" is not dated by the past.
TEST(SafetyPipeline, PastAbuseIsElevatedDangerFromOthersAndWhatFollowsAndIIsNow) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const RiskAssessment past = assessor->Assess("he used to hit me", nullptr, {});
  EXPECT_EQ(past.level, RiskLevel::kElevated);
  EXPECT_EQ(past.danger, Danger::kFromOthers);
  const RiskAssessment mixed =
      assessor->Assess("my dad used to hit me and i want to die", nullptr, {});
  EXPECT_EQ(mixed.level, RiskLevel::kCrisis);
  EXPECT_EQ(mixed.danger, Danger::kToSelf);
  const RiskAssessment own_past =
      assessor->Assess("i used to want to die when i was 15", nullptr, {});
  EXPECT_EQ(own_past.level, RiskLevel::kElevated);
  EXPECT_EQ(own_past.danger, Danger::kToSelf);
  // Abuse of someone else keeps the check-in for worry about another person.
  const RiskAssessment witness = assessor->Assess("my dad hits my mom", nullptr, {});
  EXPECT_EQ(witness.level, RiskLevel::kElevated);
  EXPECT_EQ(witness.danger, Danger::kToSelf);
}

TEST(SafetyPipeline, ModelScoreAloneMakesCrisisAndSaysWhy) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const CrisisPolicy& policy = assessor->policy();
  const nlp::Analysis high = Scored(std::min(1.0, policy.chat.crisis + 0.001));
  const RiskAssessment risk = assessor->Assess("so yeah that's where I am", &high, {});
  EXPECT_EQ(risk.level, RiskLevel::kCrisis) << Explain(risk);
  ASSERT_FALSE(risk.reasons.empty());
  EXPECT_EQ(risk.reasons.front().source, "model");
  EXPECT_NE(risk.reasons.front().detail.find("threshold"), std::string::npos);
  const nlp::Analysis low = Scored(0.0);
  EXPECT_EQ(assessor->Assess("so yeah that's where I am", &low, {}).level, RiskLevel::kNone);
}

// About someone else: the model's crisis threshold is not enough, only its near-certain
// third-party threshold is (the writer's own risk showing through a named person).
TEST(SafetyPipeline, ThirdPartyBecomesCrisisOnlyFromANearCertainModel) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const ModelBand& chat = assessor->policy().chat;
  ASSERT_LT(chat.third_party_crisis, 1.0) << "the shipped chat band has a third-party step";
  ASSERT_GT(chat.third_party_crisis, chat.crisis);
  const std::string text = "my friend said she wants to die";
  const nlp::Analysis likely = Scored((chat.crisis + chat.third_party_crisis) / 2);
  const RiskAssessment held = assessor->Assess(text, &likely, {});
  EXPECT_EQ(held.level, RiskLevel::kElevated) << Explain(held);
  EXPECT_TRUE(HasSource(held, "third_party"));
  const nlp::Analysis certain = Scored(chat.third_party_crisis);
  const RiskAssessment risk = assessor->Assess(text, &certain, {});
  EXPECT_EQ(risk.level, RiskLevel::kCrisis) << Explain(risk);
  EXPECT_TRUE(HasSource(risk, "third_party"));
  EXPECT_TRUE(std::any_of(risk.reasons.begin(), risk.reasons.end(), [](const RiskReason& r) {
    return r.source == "model" && r.detail.find("third-party threshold") != std::string::npos;
  })) << Explain(risk);
  // Negated as well as about someone else: never crisis from the model.
  const RiskAssessment both =
      assessor->Assess("my friend said she would never kill herself", &certain, {});
  EXPECT_NE(both.level, RiskLevel::kCrisis) << Explain(both);
}

TEST(CrisisPolicy, ThirdPartyThresholdIsOptionalAndNotBelowCrisis) {
  testing::ScratchDir dir;
  const std::string bands = R"(
crisis = 0.5
elevated = 0.1
context_crisis = 0.1
guarded_crisis = 1.0
[long_post]
crisis = 0.5
elevated = 0.1
context_crisis = 0.1
guarded_crisis = 1.0
)";
  auto absent = LoadCrisisPolicy(dir.Write("a.toml", "[chat]" + bands));
  ASSERT_TRUE(absent.has_value()) << absent.error().message;
  EXPECT_GT(absent->chat.third_party_crisis, 1.0);  // off
  auto set = LoadCrisisPolicy(dir.Write("b.toml", "[chat]\nthird_party_crisis = 0.9" + bands));
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_DOUBLE_EQ(set->chat.third_party_crisis, 0.9);
  auto below = LoadCrisisPolicy(dir.Write("c.toml", "[chat]\nthird_party_crisis = 0.3" + bands));
  ASSERT_FALSE(below.has_value());
  EXPECT_EQ(below.error().field, "chat.third_party_crisis");
}

TEST(SafetyPipeline, NegatedRuleMatchNeedsTheGuardedThreshold) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const ModelBand& chat = assessor->policy().chat;
  const nlp::Analysis mid = Scored(chat.crisis);
  const RiskAssessment risk = assessor->Assess("I would never kill myself", &mid, {});
  EXPECT_NE(risk.level, RiskLevel::kCrisis) << Explain(risk);
  EXPECT_TRUE(HasSource(risk, "negated"));
  if (chat.guarded_crisis < 1.0) {  // 1 turns the guarded step off
    const nlp::Analysis sure = Scored(chat.guarded_crisis);
    EXPECT_EQ(assessor->Assess("I would never kill myself", &sure, {}).level, RiskLevel::kCrisis);
  }
}

TEST(SafetyPipeline, ThresholdOfOneTurnsTheStepOffEvenForSaturatedScores) {
  auto rules = CrisisRules::Load(testing::ContentDir() + "/safety/crisis_rules.toml");
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  CrisisPolicy policy;
  policy.chat = ModelBand{.crisis = 0.5,
                          .elevated = 0.5,
                          .context_crisis = 0.5,
                          .guarded_crisis = 1.0,
                          .modifiers_hold_model = true};
  const SafetyAssessor assessor(std::move(*rules), policy);
  const nlp::Analysis saturated = Scored(1.00001);  // fastText's softmax can pass 1
  const RiskAssessment negated = assessor.Assess("I would never kill myself", &saturated, {});
  EXPECT_NE(negated.level, RiskLevel::kCrisis) << Explain(negated);
  const RiskAssessment plain = assessor.Assess("so yeah that's where I am", &saturated, {});
  EXPECT_EQ(plain.level, RiskLevel::kCrisis) << Explain(plain);
}

TEST(SafetyPipeline, RecentRiskLowersTheModelThreshold) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const ModelBand& chat = assessor->policy().chat;
  ASSERT_LT(chat.context_crisis, chat.crisis);
  const nlp::Analysis between = Scored((chat.context_crisis + chat.crisis) / 2);
  EXPECT_NE(assessor->Assess("meh", &between, {}).level, RiskLevel::kCrisis);
  SafetyContext recent;
  recent.recent_crisis = true;
  const RiskAssessment risk = assessor->Assess("meh", &between, recent);
  EXPECT_EQ(risk.level, RiskLevel::kCrisis) << Explain(risk);
  EXPECT_EQ(risk.reasons.back().source, "context");
  EXPECT_EQ(risk.reasons.back().detail, "recent_crisis");
}

TEST(SafetyPipeline, LongPostsUseTheirOwnBand) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const CrisisPolicy& policy = assessor->policy();
  const nlp::Analysis post = Scored(policy.long_post.crisis, policy.long_text_words + 1);
  EXPECT_EQ(assessor->Assess("a long post", &post, {}).level, RiskLevel::kCrisis);
}

TEST(SafetyPipeline, WithoutModelsTheRulesStillWork) {
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  EXPECT_EQ(assessor->Assess("I want to kill myself", nullptr, {}).level, RiskLevel::kCrisis);
  EXPECT_EQ(assessor->Assess("everyone would be better off without me", nullptr, {}).level,
            RiskLevel::kCrisis);
  EXPECT_EQ(assessor->Assess("this homework is killing me", nullptr, {}).level, RiskLevel::kNone);
}

struct Golden {
  const char* text;
  RiskLevel expected;
};

TEST(SafetyPipeline, ShippedModelsAndRulesOnGoldenTexts) {
  const std::string models = "models";
  if (!std::filesystem::exists(models + "/crisis.ftz")) GTEST_SKIP() << "models/ not present";
  auto analyzer = nlp::Analyzer::Load(models, testing::ContentDir());
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().message;
  auto assessor = Shipped();
  ASSERT_NE(assessor, nullptr);
  const Golden cases[] = {
      {"I just want everything to stop", RiskLevel::kCrisis},
      {"everyone would be better off without me", RiskLevel::kCrisis},
      {"I'd never hurt myself", RiskLevel::kNone},
      {"my friend said she wants to die", RiskLevel::kElevated},
      {"this homework is killing me", RiskLevel::kNone},
      {"quiero morirme", RiskLevel::kCrisis},
      {"jamás me haría daño", RiskLevel::kNone},
      {"me muero de risa con este video", RiskLevel::kNone},
      {"good morning! what's for breakfast", RiskLevel::kNone},
  };
  for (const Golden& c : cases) {
    const nlp::Analysis analysis = (*analyzer)->Analyze(c.text);
    const RiskAssessment risk = assessor->Assess(c.text, &analysis, {});
    EXPECT_EQ(risk.level, c.expected) << "\"" << c.text << "\" " << Explain(risk);
  }
  for (const char* foreign : {"Я хочу умереть", "死にたい", "\xff\xfe", ""}) {
    const nlp::Analysis analysis = (*analyzer)->Analyze(foreign);
    EXPECT_GE(assessor->Assess(foreign, &analysis, {}).score, 0.0);
  }
}

}  // namespace
}  // namespace haven::safety
