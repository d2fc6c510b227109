// How the rules do on Haven's hand-written crisis chat sets (models/data, see its README).
// Recall is what matters most; the floor below only moves up. Set HAVEN_SAFETY_EVAL_VERBOSE=1
// to print every miss and false alarm.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "safety/safety.h"
#include "safety/test_support.h"

namespace haven::safety {
namespace {

struct Counts {
  int crisis = 0;
  int caught = 0;  // crisis texts judged crisis
  int none = 0;
  int false_alarms = 0;  // none texts judged crisis
};

Counts Evaluate(const SafetyAssessor& assessor, const std::string& path, bool verbose) {
  Counts counts;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    const std::string text = line.substr(0, tab);
    const bool crisis = line.substr(tab + 1) == "crisis";
    const RiskAssessment risk = assessor.Assess(text, SafetyContext{});
    const bool judged = risk.level == RiskLevel::kCrisis;
    if (crisis) {
      ++counts.crisis;
      counts.caught += judged ? 1 : 0;
      if (verbose && !judged) std::cout << "MISS\t" << text << "\n";
    } else {
      ++counts.none;
      counts.false_alarms += judged ? 1 : 0;
      if (verbose && judged) {
        std::cout << "FALSE\t" << text << "\t" << risk.reasons.front().detail << "\n";
      }
    }
  }
  return counts;
}

void Report(const std::string& name, double min_recall, double max_false_alarm_rate) {
  const std::string root = std::getenv("HAVEN_SOURCE_DIR") != nullptr
                               ? std::string(std::getenv("HAVEN_SOURCE_DIR"))
                               : std::string(".");
  const std::string path = root + "/models/data/" + name;
  if (!std::ifstream(path)) GTEST_SKIP() << path << " not present";
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value()) << assessor.error().message;
  const bool verbose = std::getenv("HAVEN_SAFETY_EVAL_VERBOSE") != nullptr;
  const Counts counts = Evaluate(**assessor, path, verbose);
  ASSERT_GT(counts.crisis, 0);
  ASSERT_GT(counts.none, 0);
  const double recall = static_cast<double>(counts.caught) / counts.crisis;
  const double false_alarm_rate = static_cast<double>(counts.false_alarms) / counts.none;
  std::cout << name << ": crisis recall " << recall << " (" << counts.caught << "/" << counts.crisis
            << "), false-alarm rate " << false_alarm_rate << " (" << counts.false_alarms << "/"
            << counts.none << ")\n";
  EXPECT_GE(recall, min_recall);
  EXPECT_LE(false_alarm_rate, max_false_alarm_rate);
}

// Floors at the level reached when the rules were last tuned; raise them, never lower them.
// The dev set has been used to tune the rules, so its figure is optimistic.
TEST(CrisisChatData, DevSetRecall) { Report("crisis_chat_dev.tsv", 0.72, 0.04); }
TEST(CrisisChatData, TrainSetRecall) { Report("crisis_chat_train.tsv", 0.63, 0.03); }

}  // namespace
}  // namespace haven::safety
