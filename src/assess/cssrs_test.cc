// C-SSRS screener: every branch of the skip logic and of the triage rules.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "assess/scoring.h"
#include "assess/testing/catalog.h"

namespace haven::assess {
namespace {

constexpr int kYes = 1;
constexpr int kNo = 0;

std::vector<ItemAnswer> Answers(std::initializer_list<std::pair<const char*, int>> pairs) {
  std::vector<ItemAnswer> answers;
  for (const auto& [id, value] : pairs) answers.push_back(ItemAnswer{id, value});
  return answers;
}

core::Result<ScoredAssessment> ScoreCssrs(const std::vector<ItemAnswer>& answers) {
  return Score(testing::Shipped("cssrs_screen"), answers);
}

CssrsRisk RiskOf(const std::vector<ItemAnswer>& answers) {
  auto scored = ScoreCssrs(answers);
  EXPECT_TRUE(scored.has_value()) << scored.error().message;
  if (!scored) return CssrsRisk::kNone;
  EXPECT_FALSE(scored->total.has_value());
  return scored->cssrs_risk.value_or(CssrsRisk::kNone);
}

std::string FieldOfError(const std::vector<ItemAnswer>& answers) {
  auto scored = ScoreCssrs(answers);
  EXPECT_FALSE(scored.has_value());
  if (scored) return "";
  EXPECT_EQ(scored.error().code, core::ErrorCode::kInvalidArgument);
  return scored.error().field;
}

TEST(CssrsScreen, AllNoIsNoRisk) {
  EXPECT_EQ(RiskOf(Answers({{"q1", kNo}, {"q2", kNo}, {"q6", kNo}})), CssrsRisk::kNone);
}

TEST(CssrsScreen, WishToBeDeadOnlyIsLowAndStartsNoSafetyFlow) {
  auto scored = ScoreCssrs(Answers({{"q1", kYes}, {"q2", kNo}, {"q6", kNo}}));
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->cssrs_risk, CssrsRisk::kLow);
  EXPECT_TRUE(scored->flags.empty());
  EXPECT_FALSE(StartsSafetyFlow(*scored));
}

TEST(CssrsScreen, QuestionTwoNoSkipsStraightToSix) {
  // Answering Q3-Q5 after Q2 = no is refused, naming the skipped question.
  EXPECT_EQ(FieldOfError(Answers({{"q1", kYes}, {"q2", kNo}, {"q3", kNo}, {"q6", kNo}})),
            "answers.q3");
  EXPECT_EQ(FieldOfError(Answers({{"q1", kNo}, {"q2", kNo}, {"q5", kYes}, {"q6", kNo}})),
            "answers.q5");
  // Q6 is still asked.
  EXPECT_EQ(FieldOfError(Answers({{"q1", kNo}, {"q2", kNo}})), "answers.q6");
}

TEST(CssrsScreen, QuestionTwoYesAsksThreeToFive) {
  EXPECT_EQ(FieldOfError(Answers({{"q1", kYes}, {"q2", kYes}, {"q6", kNo}})), "answers.q3");
  EXPECT_EQ(
      FieldOfError(Answers({{"q1", kYes}, {"q2", kYes}, {"q3", kNo}, {"q4", kNo}, {"q6", kNo}})),
      "answers.q5");
  EXPECT_EQ(RiskOf(Answers(
                {{"q1", kYes}, {"q2", kYes}, {"q3", kNo}, {"q4", kNo}, {"q5", kNo}, {"q6", kNo}})),
            CssrsRisk::kLow);
}

TEST(CssrsScreen, MethodIsModerateAndStartsSafetyFlow) {
  auto scored = ScoreCssrs(
      Answers({{"q1", kYes}, {"q2", kYes}, {"q3", kYes}, {"q4", kNo}, {"q5", kNo}, {"q6", kNo}}));
  ASSERT_TRUE(scored.has_value());
  EXPECT_EQ(scored->cssrs_risk, CssrsRisk::kModerate);
  EXPECT_EQ(scored->flags, std::vector<std::string>{std::string(kFlagCssrsModerate)});
  EXPECT_TRUE(StartsSafetyFlow(*scored));
}

TEST(CssrsScreen, IntentOrPlanIsHigh) {
  EXPECT_EQ(RiskOf(Answers(
                {{"q1", kYes}, {"q2", kYes}, {"q3", kNo}, {"q4", kYes}, {"q5", kNo}, {"q6", kNo}})),
            CssrsRisk::kHigh);
  auto plan = ScoreCssrs(
      Answers({{"q1", kNo}, {"q2", kYes}, {"q3", kYes}, {"q4", kNo}, {"q5", kYes}, {"q6", kNo}}));
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->cssrs_risk, CssrsRisk::kHigh);
  EXPECT_EQ(plan->flags, std::vector<std::string>{std::string(kFlagCssrsHigh)});
  EXPECT_TRUE(StartsSafetyFlow(*plan));
}

TEST(CssrsScreen, BehaviourAsksWhetherWithinThreeMonths) {
  EXPECT_EQ(FieldOfError(Answers({{"q1", kNo}, {"q2", kNo}, {"q6", kYes}})), "answers.q6_recent");
  EXPECT_EQ(FieldOfError(Answers({{"q1", kNo}, {"q2", kNo}, {"q6", kNo}, {"q6_recent", kNo}})),
            "answers.q6_recent");
}

TEST(CssrsScreen, LifetimeBehaviourIsModerateRecentBehaviourIsHigh) {
  EXPECT_EQ(RiskOf(Answers({{"q1", kNo}, {"q2", kNo}, {"q6", kYes}, {"q6_recent", kNo}})),
            CssrsRisk::kModerate);
  EXPECT_EQ(RiskOf(Answers({{"q1", kNo}, {"q2", kNo}, {"q6", kYes}, {"q6_recent", kYes}})),
            CssrsRisk::kHigh);
}

TEST(CssrsScreen, HighestRuleWins) {
  // Q3 (moderate) together with recent behaviour (high) is high.
  EXPECT_EQ(RiskOf(Answers({{"q1", kYes},
                            {"q2", kYes},
                            {"q3", kYes},
                            {"q4", kNo},
                            {"q5", kNo},
                            {"q6", kYes},
                            {"q6_recent", kYes}})),
            CssrsRisk::kHigh);
}

TEST(CssrsScreen, RiskNames) {
  EXPECT_EQ(CssrsRiskName(CssrsRisk::kNone), "none");
  EXPECT_EQ(CssrsRiskName(CssrsRisk::kHigh), "high");
}

}  // namespace
}  // namespace haven::assess
