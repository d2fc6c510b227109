#include "nlp/metrics.h"

#include <gtest/gtest.h>

namespace haven::nlp {
namespace {

const LabelMetrics& Find(const EvalReport& report, const std::string& label) {
  for (const LabelMetrics& m : report.labels) {
    if (m.label == label) return m;
  }
  static const LabelMetrics kMissing;
  ADD_FAILURE() << "no label " << label;
  return kMissing;
}

// 6 examples, hand-counted: crisis tp=3 fn=1 fp=1; none tp=1 fn=1 fp=1.
TEST(Metrics, BinaryCountsGiveKnownPrecisionRecallF1) {
  const LabelSets gold = {{"crisis"}, {"crisis"}, {"crisis"}, {"crisis"}, {"none"}, {"none"}};
  const LabelSets pred = {{"crisis"}, {"crisis"}, {"crisis"}, {"none"}, {"crisis"}, {"none"}};
  EvalReport report = ScoreLabels(gold, pred, {"crisis", "none"});
  const LabelMetrics& crisis = Find(report, "crisis");
  EXPECT_EQ(crisis.support, 4u);
  EXPECT_DOUBLE_EQ(crisis.precision, 0.75);
  EXPECT_DOUBLE_EQ(*crisis.recall, 0.75);
  EXPECT_DOUBLE_EQ(*crisis.f1, 0.75);
  const LabelMetrics& none = Find(report, "none");
  EXPECT_DOUBLE_EQ(none.precision, 0.5);
  EXPECT_DOUBLE_EQ(*none.recall, 0.5);
  EXPECT_DOUBLE_EQ(*report.macro_f1, 0.625);

  AddCrisisFigures(report, gold, pred, "crisis", 0.3);
  EXPECT_DOUBLE_EQ(*report.recall, 0.75);
  EXPECT_DOUBLE_EQ(*report.fpr, 0.5);
  const nlohmann::json json = ToJson(report);
  EXPECT_DOUBLE_EQ(json["labels"]["crisis"]["f1"].get<double>(), 0.75);
  EXPECT_EQ(json["labels"]["none"]["support"].get<int>(), 2);
  EXPECT_DOUBLE_EQ(json["threshold"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(json["fpr"].get<double>(), 0.5);
}

TEST(Metrics, MultiLabelIsScoredPerLabel) {
  const LabelSets gold = {{"joy", "love"}, {"anger"}, {"joy"}};
  const LabelSets pred = {{"joy"}, {"anger", "joy"}, {"love"}};
  const EvalReport report = ScoreLabels(gold, pred, {"anger", "joy", "love"});
  EXPECT_DOUBLE_EQ(Find(report, "joy").precision, 0.5);  // tp 1, fp 1
  EXPECT_DOUBLE_EQ(*Find(report, "joy").recall, 0.5);    // tp 1, fn 1
  EXPECT_DOUBLE_EQ(*Find(report, "anger").f1, 1.0);
  EXPECT_DOUBLE_EQ(*Find(report, "love").f1, 0.0);  // tp 0
  EXPECT_DOUBLE_EQ(*report.macro_f1, 0.5);
}

TEST(Metrics, RecallIsNullWhenThePositiveLabelNeverOccurs) {
  const LabelSets gold = {{"none"}, {"none"}};
  const LabelSets pred = {{"crisis"}, {"none"}};
  EvalReport report = ScoreLabels(gold, pred, {"crisis", "none"});
  AddCrisisFigures(report, gold, pred, "crisis", 0.5);
  EXPECT_FALSE(report.recall.has_value());
  EXPECT_DOUBLE_EQ(*report.fpr, 0.5);
  EXPECT_FALSE(Find(report, "crisis").recall.has_value());
  const nlohmann::json json = ToJson(report);
  EXPECT_TRUE(json["recall"].is_null());
  EXPECT_TRUE(json["labels"]["crisis"]["recall"].is_null());
  EXPECT_DOUBLE_EQ(json["macro_f1"].get<double>(), 2.0 / 3.0);  // only "none" has support
}

TEST(Metrics, LabelsOutsideTheModelAreReportedToo) {
  const EvalReport report = ScoreLabels({{"happiness"}}, {{"joy"}}, {"joy"});
  ASSERT_EQ(report.labels.size(), 2u);
  EXPECT_EQ(report.labels[1].label, "happiness");
  EXPECT_DOUBLE_EQ(*report.labels[1].recall, 0.0);
}

TEST(Metrics, DetectionTreatsAnyDistortionAsPositive) {
  const LabelSets gold = {{"labeling"}, {"none"}, {"mind_reading", "labeling"}, {"none"}};
  const LabelSets pred = {{"mind_reading"}, {"labeling"}, {"none"}, {"none"}};
  EvalReport report = ScoreLabels(gold, pred, {});
  AddDetectionFigures(report, gold, pred, "none");
  ASSERT_TRUE(report.detection.has_value());
  EXPECT_DOUBLE_EQ(report.detection->precision, 0.5);  // tp 1 (ex 0), fp 1 (ex 1)
  EXPECT_DOUBLE_EQ(*report.detection->recall, 0.5);    // fn 1 (ex 2)
  EXPECT_DOUBLE_EQ(*report.detection->f1, 0.5);
  EXPECT_DOUBLE_EQ(ToJson(report)["detection"]["f1"].get<double>(), 0.5);
}

}  // namespace
}  // namespace haven::nlp
