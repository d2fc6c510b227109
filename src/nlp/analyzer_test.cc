#include "nlp/analyzer.h"

#include <gtest/gtest.h>

#include <thread>

#include "nlp/distortions.h"

namespace haven::nlp {
namespace {

// The shipped models (models/) and content, as the server loads them.
std::shared_ptr<const Analyzer> Shipped() {
  static const auto analyzer = Analyzer::Load("models", "content");
  EXPECT_TRUE(analyzer.has_value()) << analyzer.error().message;
  return analyzer.value_or(nullptr);
}

TEST(Analyzer, LoadErrorNamesTheMissingFile) {
  auto analyzer = Analyzer::Load("no/such/models", "content");
  ASSERT_FALSE(analyzer.has_value());
  EXPECT_NE(analyzer.error().message.find("no/such/models"), std::string::npos);
  auto no_content = Analyzer::Load("models", "no/such/content");
  ASSERT_FALSE(no_content.has_value());
  EXPECT_NE(no_content.error().message.find("vader_lexicon.txt"), std::string::npos);
}

TEST(Analyzer, FlagsDirectIdeationAndNotEverydayText) {
  auto analyzer = Shipped();
  ASSERT_NE(analyzer, nullptr);
  EXPECT_TRUE(analyzer->Analyze("I want to kill myself tonight").crisis_flagged);
  EXPECT_TRUE(analyzer->Analyze("quiero morirme, ya no aguanto mas").crisis_flagged);
  const Analysis everyday = analyzer->Analyze("Had a lovely lunch with my sister today!");
  EXPECT_FALSE(everyday.crisis_flagged);
  EXPECT_GT(everyday.sentiment.compound, 0.5);
}

TEST(Analyzer, ReportsNormalisedTextSentimentAndEmotions) {
  auto analyzer = Shipped();
  ASSERT_NE(analyzer, nullptr);
  const Analysis a = analyzer->Analyze("Thank you sooo much, I'm really grateful 😊");
  EXPECT_EQ(a.normalised, "thank you so much , i am really grateful smile");
  EXPECT_GT(a.sentiment.compound, 0.5);
  ASSERT_FALSE(a.emotions.empty());
  EXPECT_TRUE(a.emotions.front().label == "gratitude") << a.emotions.front().label;
  const nlohmann::json json = ToJson(a);
  EXPECT_TRUE(json.contains("crisis"));
  EXPECT_EQ(json["language"], "en");
}

TEST(Analyzer, FindsADistortionInTypicalWording) {
  auto analyzer = Shipped();
  ASSERT_NE(analyzer, nullptr);
  const Analysis a = analyzer->Analyze(
      "Everyone at work thinks I'm stupid and I always ruin everything, I'm a total failure");
  EXPECT_FALSE(a.distortions.empty());
  const Analysis plain = analyzer->Analyze("The bus comes at nine and I will take it to town.");
  EXPECT_TRUE(plain.distortions.empty());
  EXPECT_GT(a.distortion_score, plain.distortion_score);
}

TEST(Analyzer, ConcurrentAnalysesAgree) {
  auto analyzer = Shipped();
  ASSERT_NE(analyzer, nullptr);
  const double expected = analyzer->Analyze("I can't go on like this").crisis_score;
  std::vector<std::thread> threads;
  std::vector<double> seen(4);
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i)
        seen[t] = analyzer->Analyze("I can't go on like this").crisis_score;
    });
  }
  for (auto& thread : threads) thread.join();
  for (double score : seen) EXPECT_DOUBLE_EQ(score, expected);
}

TEST(Distortions, CatalogueCoversTheTrainingLabelsWithSources) {
  auto catalogue = LoadDistortions("content/distortions/distortions.toml");
  ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
  EXPECT_EQ(catalogue->size(), 10u);
  for (const Distortion& d : *catalogue) {
    EXPECT_FALSE(d.source.empty()) << d.name;
    EXPECT_FALSE(d.examples.empty()) << d.name;
  }
}

}  // namespace
}  // namespace haven::nlp
