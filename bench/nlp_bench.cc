// Google Benchmark for the nlp module: the per-message cost of each analysis stage and of the
// whole Analyzer::Analyze on a typical 10-word chat message. Run from the repository root so
// models/ and content/ resolve.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "nlp/analyzer.h"
#include "nlp/normalizer.h"
#include "nlp/task_model.h"
#include "nlp/vader.h"

namespace {

constexpr const char* kMessage = "honestly i cant sleep and im soooo tired of everything 😭";

std::shared_ptr<const haven::nlp::Analyzer> Shipped() {
  static const auto analyzer = [] {
    auto loaded = haven::nlp::Analyzer::Load("models", "content");
    if (!loaded) {
      std::fprintf(stderr, "cannot load the analyser: %s\n", loaded.error().message.c_str());
      std::exit(1);
    }
    return *loaded;
  }();
  return analyzer;
}

void BM_Normalize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(haven::nlp::Normalize(kMessage));
}
BENCHMARK(BM_Normalize);

void BM_VaderScore(benchmark::State& state) {
  auto vader = haven::nlp::Vader::Load("content/lexicons/vader/vader_lexicon.txt");
  if (!vader) {
    state.SkipWithError("lexicon missing");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize((*vader)->Score(kMessage));
}
BENCHMARK(BM_VaderScore);

void BM_Analyze(benchmark::State& state) {
  auto analyzer = Shipped();
  for (auto _ : state) benchmark::DoNotOptimize(analyzer->Analyze(kMessage));
}
BENCHMARK(BM_Analyze);
BENCHMARK(BM_Analyze)->Threads(2)->UseRealTime();

void BM_ModelScores(benchmark::State& state) {
  const auto task = static_cast<haven::nlp::Task>(state.range(0));
  auto model = haven::nlp::TaskModel::Load("models", task);
  if (!model) {
    state.SkipWithError("model missing");
    return;
  }
  const std::string input = haven::nlp::PrepareInput(kMessage);
  state.SetLabel(std::string(haven::nlp::TaskName(task)));
  for (auto _ : state) benchmark::DoNotOptimize((*model)->Scores(input));
}
BENCHMARK(BM_ModelScores)->Arg(0)->Arg(1)->Arg(2);

// The same through fastText's stream parser (FastText::predictLine), the path used before the
// fast inference: the difference is what FastTextInference saves.
void BM_ModelReferenceScores(benchmark::State& state) {
  const auto task = static_cast<haven::nlp::Task>(state.range(0));
  auto model = haven::nlp::TaskModel::Load("models", task);
  if (!model) {
    state.SkipWithError("model missing");
    return;
  }
  const std::string input = haven::nlp::PrepareInput(kMessage);
  state.SetLabel(std::string(haven::nlp::TaskName(task)));
  for (auto _ : state) benchmark::DoNotOptimize((*model)->model().ReferenceScores(input));
}
BENCHMARK(BM_ModelReferenceScores)->Arg(0)->Arg(1)->Arg(2);

void BM_AnalyzeLongPost(benchmark::State& state) {
  auto analyzer = Shipped();
  std::string post;
  while (post.size() < 4000) post += "I have been feeling really down lately and nothing helps. ";
  for (auto _ : state) benchmark::DoNotOptimize(analyzer->Analyze(post));
}
BENCHMARK(BM_AnalyzeLongPost);

}  // namespace

BENCHMARK_MAIN();
