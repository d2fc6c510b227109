#include "nlp/fasttext_inference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "nlp/task_model.h"

namespace haven::nlp {
namespace {

// Texts of every shape: the chat dev set (EN + ES), raw and normalised, plus edge cases.
std::vector<std::string> SampleInputs() {
  std::vector<std::string> texts = {
      "",
      "   ",
      "\t\r\n",
      "a",
      "__label__crisis i want to die",
      "i __label__none am fine",
      "neg_want neg_to neg_die",
      "supercalifragilisticexpialidocious antidisestablishmentarianism",
      "ñandú corazón 😭 café crème brûlée",
      std::string("nul\0byte inside", 15),
      "word\twith\vodd\fseparators\rhere",
      "</s> </s> eos twice",
  };
  std::ifstream dev("models/data/crisis_chat_dev.tsv");
  std::string line;
  std::getline(dev, line);  // header
  while (std::getline(dev, line)) {
    const std::string text = line.substr(0, line.find('\t'));
    texts.push_back(text);
    texts.push_back(PrepareInput(text));
  }
  std::string post;
  while (post.size() < 5000) post += "i have been feeling really down lately and nothing helps ";
  texts.push_back(post);
  return texts;
}

class FastPathEqualsFastText : public ::testing::TestWithParam<Task> {};

// The fast path sums the same rows in another order (pre-summed per word), so probabilities
// may differ from predictLine's in the last float bits, never more.
TEST_P(FastPathEqualsFastText, ScoresEqualPredictLineToFloatRounding) {
  auto model = TaskModel::Load("models", GetParam());
  ASSERT_TRUE(model.has_value()) << model.error().message;
  const FastTextModel& fasttext = (*model)->model();
  const std::vector<std::string> inputs = SampleInputs();
  ASSERT_GT(inputs.size(), 500U) << "models/data/crisis_chat_dev.tsv missing?";
  for (const std::string& input : inputs) {
    const std::vector<LabelScore> fast = fasttext.Scores(input);
    const std::vector<LabelScore> reference = fasttext.ReferenceScores(input);
    ASSERT_EQ(fast.size(), reference.size()) << input;
    std::map<std::string, double> expected;
    for (const LabelScore& s : reference) expected[s.label] = s.score;
    for (const LabelScore& s : fast) {
      ASSERT_TRUE(expected.contains(s.label)) << input;
      EXPECT_NEAR(s.score, expected[s.label], 2e-6 * std::max(1.0, expected[s.label])) << input;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ShippedModels, FastPathEqualsFastText,
                         ::testing::Values(Task::kCrisis, Task::kEmotion, Task::kDistortion),
                         [](const auto& p) { return std::string(TaskName(p.param)); });

TEST(HashTokens, SplitsOnFastTextSeparatorsAndEndsWithEndOfSentence) {
  const auto tokens = HashTokens("  i\tfeel \n low ");
  ASSERT_EQ(tokens.size(), 4U);
  EXPECT_EQ(tokens[0].text, "i");
  EXPECT_EQ(tokens[1].text, "feel");
  EXPECT_EQ(tokens[2].text, "low");
  EXPECT_EQ(tokens[3].text, "</s>");
  EXPECT_EQ(HashTokens("").size(), 1U);
  // FNV-1a 32-bit of "a" with fastText's sign-extended bytes equals the plain one for ASCII.
  EXPECT_EQ(HashTokens("a")[0].hash, 0xe40c292cU);
}

}  // namespace
}  // namespace haven::nlp
