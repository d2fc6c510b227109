#include "assess/change.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "assess/testing/catalog.h"

namespace haven::assess {
namespace {

using std::chrono::days;
using testing::Shipped;

const core::Timestamp kStart = core::FromUnixMillis(1'700'000'000'000);

std::vector<ScorePoint> Series(std::initializer_list<int> totals) {
  std::vector<ScorePoint> series;
  int week = 0;
  for (int total : totals) series.push_back(ScorePoint{kStart + days(7 * week++), total});
  return series;
}

TEST(ReliableChange, JacobsonTruaxFormula) {
  ReliableChangeParams params{5.5, 0.84};
  double s_diff = std::sqrt(2.0) * 5.5 * std::sqrt(0.16);
  EXPECT_NEAR(ReliableChangeIndex(15, 9, params), -6.0 / s_diff, 1e-12);
  EXPECT_NEAR(ReliableChangeThreshold(params), 1.96 * s_diff, 1e-12);
  EXPECT_NEAR(ReliableChangeThreshold(params), 6.098, 0.001);
}

TEST(ReliableChange, Phq9ExactlySixPointsDownIsNhsReliableImprovement) {
  auto summary = SummariseChange(Shipped("phq9"), Series({15, 12, 9}));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->change, -6);
  EXPECT_EQ(summary->nhs, ChangeCategory::kReliableImprovement);
  // With SD 5.5 and r 0.84 the Jacobson–Truax threshold is 6.10 points: 6 is not enough.
  EXPECT_EQ(summary->jacobson_truax, ChangeCategory::kNoReliableChange);
  EXPECT_TRUE(summary->case_at_first);
  EXPECT_FALSE(summary->case_at_last);
  EXPECT_TRUE(summary->recovered);
  EXPECT_TRUE(summary->reliably_recovered);
}

TEST(ReliableChange, Phq9FivePointsDownIsNotReliable) {
  auto summary = SummariseChange(Shipped("phq9"), Series({14, 9}));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->nhs, ChangeCategory::kNoReliableChange);
  EXPECT_TRUE(summary->recovered);
  EXPECT_FALSE(summary->reliably_recovered);
}

TEST(ReliableChange, Phq9SevenPointsIsReliableUnderBothMethods) {
  auto summary = SummariseChange(Shipped("phq9"), Series({20, 13}));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->jacobson_truax, ChangeCategory::kReliableImprovement);
  EXPECT_LT(*summary->rci, -1.96);
  EXPECT_FALSE(summary->recovered);  // still a case at 13
}

TEST(ReliableChange, Phq9ExactlySixPointsUpIsReliableDeterioration) {
  auto summary = SummariseChange(Shipped("phq9"), Series({4, 10}));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->nhs, ChangeCategory::kReliableDeterioration);
  EXPECT_FALSE(summary->case_at_first);
  EXPECT_TRUE(summary->case_at_last);
  EXPECT_FALSE(summary->recovered);
}

TEST(ReliableChange, Gad7FourPointEdges) {
  auto four_down = SummariseChange(Shipped("gad7"), Series({10, 6}));
  ASSERT_TRUE(four_down.has_value());
  EXPECT_EQ(four_down->nhs, ChangeCategory::kReliableImprovement);
  EXPECT_TRUE(four_down->reliably_recovered);  // 10 >= 8 at first, 6 < 8 at last
  auto three_down = SummariseChange(Shipped("gad7"), Series({10, 7}));
  EXPECT_EQ(three_down->nhs, ChangeCategory::kNoReliableChange);
  EXPECT_TRUE(three_down->recovered);
  auto four_up = SummariseChange(Shipped("gad7"), Series({3, 7}));
  EXPECT_EQ(four_up->nhs, ChangeCategory::kReliableDeterioration);
  EXPECT_FALSE(four_up->case_at_last);  // 7 is below caseness 8
}

TEST(ReliableChange, SeriesIsSortedByTime) {
  std::vector<ScorePoint> series = {{kStart + days(14), 8}, {kStart, 16}, {kStart + days(7), 12}};
  auto summary = SummariseChange(Shipped("phq9"), series);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->first.total, 16);
  EXPECT_EQ(summary->last.total, 8);
}

TEST(ReliableChange, Who5HigherIsBetter) {
  auto summary = SummariseChange(Shipped("who5"), Series({5, 20}));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->change, 15);
  EXPECT_FALSE(summary->nhs.has_value());
  EXPECT_FALSE(summary->rci.has_value());  // no cited SD/reliability shipped for WHO-5
}

TEST(ReliableChange, BadSeriesIsRejected) {
  auto one = SummariseChange(Shipped("phq9"), Series({12}));
  ASSERT_FALSE(one.has_value());
  EXPECT_EQ(one.error().field, "series");
  auto out_of_range = SummariseChange(Shipped("gad7"), Series({12, 22}));
  ASSERT_FALSE(out_of_range.has_value());
  EXPECT_EQ(out_of_range.error().field, "series[1].total");
}

TEST(NhsOutcome, CombinedRecoveryNeedsBothBelowCaseness) {
  auto recovered =
      CombineNhsOutcome(Shipped("phq9"), Series({16, 8}), Shipped("gad7"), Series({12, 6}));
  ASSERT_TRUE(recovered.has_value());
  EXPECT_EQ(recovered->category, ChangeCategory::kReliableImprovement);
  EXPECT_TRUE(recovered->recovered);
  EXPECT_TRUE(recovered->reliably_recovered);
  auto anxious =
      CombineNhsOutcome(Shipped("phq9"), Series({16, 8}), Shipped("gad7"), Series({12, 9}));
  ASSERT_TRUE(anxious.has_value());
  EXPECT_FALSE(anxious->recovered);  // GAD-7 9 is still a case
}

TEST(NhsOutcome, MixedDirectionsAreNoReliableChange) {
  auto mixed = CombineNhsOutcome(Shipped("phq9"), Series({16, 8}), Shipped("gad7"), Series({4, 9}));
  ASSERT_TRUE(mixed.has_value());
  EXPECT_EQ(mixed->category, ChangeCategory::kNoReliableChange);
  EXPECT_FALSE(mixed->reliably_recovered);
}

TEST(NhsOutcome, InstrumentWithoutThresholdsIsRejected) {
  auto bad = CombineNhsOutcome(Shipped("who5"), Series({5, 9}), Shipped("gad7"), Series({4, 9}));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "phq9");
}

TEST(DueSchedule, DueAtOnceWhenNeverSubmitted) {
  core::FakeClock clock(kStart);
  DueStatus status = NextDue(std::nullopt, 14, clock);
  EXPECT_TRUE(status.due);
  EXPECT_EQ(status.next_due, kStart);
}

TEST(DueSchedule, DueExactlyFourteenDaysAfterLastSubmission) {
  core::FakeClock clock(kStart);
  const Instrument& phq9 = Shipped("phq9");
  EXPECT_EQ(phq9.due_every_days, 14);
  DueStatus fresh = NextDue(phq9, kStart, clock);
  EXPECT_FALSE(fresh.due);
  EXPECT_EQ(fresh.next_due, kStart + days(14));
  clock.Advance(days(14) - std::chrono::milliseconds(1));
  EXPECT_FALSE(NextDue(phq9, kStart, clock).due);
  clock.Advance(std::chrono::milliseconds(1));
  EXPECT_TRUE(NextDue(phq9, kStart, clock).due);
}

}  // namespace
}  // namespace haven::assess
