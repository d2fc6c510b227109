#include "nlp/task_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "nlp/evaluation.h"
#include "nlp/training.h"

namespace haven::nlp {
namespace {

namespace fs = std::filesystem;

fs::path TempDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("haven_nlp_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteFile(const fs::path& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

// A tiny crisis data set: enough for fastText to separate the two classes.
fs::path WriteTinyCrisisData(const fs::path& dir) {
  std::ostringstream tsv;
  tsv << "text\tlabel\n";
  for (int i = 0; i < 30; ++i) {
    tsv << "i want to kill myself tonight " << i << "\tcrisis\n";
    tsv << "i have pills and a plan to end my life " << i << "\tcrisis\n";
    tsv << "lovely walk in the park with my dog " << i << "\tnone\n";
    tsv << "the exam went fine and dinner was great " << i << "\tnone\n";
  }
  const fs::path path = dir / "tiny.tsv";
  WriteFile(path, tsv.str());
  return path;
}

TrainRequest TinyRequest(const fs::path& dir) {
  TrainRequest request;
  request.task = Task::kCrisis;
  request.data_files = {WriteTinyCrisisData(dir).string()};
  request.dev_files = request.data_files;
  request.out_path = (dir / "crisis.ftz").string();
  request.parameters = DefaultParameters(Task::kCrisis);
  request.parameters.dim = 10;
  request.parameters.epoch = 10;
  request.parameters.minn = 0;
  request.parameters.maxn = 0;
  request.parameters.bucket = 1000;
  request.parameters.cutoff = 500;
  return request;
}

TEST(TaskModel, TrainsLoadsAndSeparatesTinyData) {
  const fs::path dir = TempDir("train");
  std::ostringstream progress;
  auto report = Train(TinyRequest(dir), progress);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_GE(*report->recall, 0.95);
  auto model = TaskModel::Load(dir.string(), Task::kCrisis);
  ASSERT_TRUE(model.has_value()) << model.error().message;
  const auto risky = (*model)->Scores(PrepareInput("I want to kill myself"));
  const auto safe = (*model)->Scores(PrepareInput("a lovely walk with my dog"));
  EXPECT_GT((*model)->DecisionScore(risky), (*model)->DecisionScore(safe));
  EXPECT_EQ((*model)->Decide(risky, 5), std::vector<std::string>{"crisis"});
}

// A crisis model trained with a companion records it, loads it back, and reports the mean of
// the two models' P(crisis); a companion that is missing fails the load and names its file.
TEST(TaskModel, CrisisCompanionIsRecordedLoadedAndAveraged) {
  const fs::path dir = TempDir("companion");
  std::ostringstream progress;
  TrainRequest companion_request = TinyRequest(dir);
  companion_request.out_path = (dir / "crisis_words.ftz").string();
  companion_request.parameters.seed = 7;
  companion_request.parameters.epoch = 3;
  ASSERT_TRUE(Train(companion_request, progress).has_value()) << progress.str();
  TrainRequest main_request = TinyRequest(dir);
  main_request.companions = {"crisis_words"};
  ASSERT_TRUE(Train(main_request, progress).has_value()) << progress.str();

  auto main_model = TaskModel::Load(dir.string(), Task::kCrisis);
  ASSERT_TRUE(main_model.has_value()) << main_model.error().message;
  EXPECT_EQ((*main_model)->settings().companions, std::vector<std::string>{"crisis_words"});
  auto companions = LoadCompanions(dir.string(), (*main_model)->settings().companions);
  ASSERT_TRUE(companions.has_value()) << companions.error().message;
  ASSERT_EQ(companions->size(), 1u);

  const std::string input = PrepareInput("i have a plan to end my life");
  const double alone = (*main_model)->DecisionScore((*main_model)->Scores(input));
  const TaskModel& companion = *companions->front();
  const double other = companion.DecisionScore(companion.Scores(input));
  std::vector<LabelScore> averaged = (*main_model)->Scores(input);
  AverageCrisisWithCompanions(*companions, input, averaged);
  EXPECT_NEAR((*main_model)->DecisionScore(averaged), (alone + other) / 2, 1e-9);

  fs::remove(dir / "crisis_words.ftz");
  auto missing = LoadCompanions(dir.string(), {"crisis_words"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("crisis_words.ftz"), std::string::npos)
      << missing.error().message;
}

TEST(TaskSettings, CompanionNamesMustStayInTheModelsFolder) {
  const fs::path dir = TempDir("companion_names");
  WriteFile(dir / "crisis.toml",
            "task = 'crisis'\nmodel = 'crisis.ftz'\nfingerprint = 'x'\n"
            "preprocessing = 'haven-normalize-1+neg'\ncompanions = ['../elsewhere']\n");
  auto settings = LoadTaskSettings((dir / "crisis.toml").string());
  ASSERT_FALSE(settings.has_value());
  EXPECT_EQ(settings.error().field, "companions");
}

// Short thoughts and long posts get their own detection threshold when long_text_words is set.
TEST(TaskModel, DistortionDecisionUsesTheThresholdOfTheInputsLength) {
  auto model = FastTextModel::Load("models/distortion.ftz");
  ASSERT_TRUE(model.has_value()) << model.error().message;
  TaskSettings settings;
  settings.task = Task::kDistortion;
  settings.decision_threshold = 0.0;  // short: always distorted
  settings.long_text_words = 4;
  settings.long_decision_threshold = 1.01;  // long: never
  const TaskModel task_model(*model, settings);
  const auto scores = task_model.Scores(PrepareInput("i always ruin everything"));
  EXPECT_NE(task_model.Decide(scores, 4), std::vector<std::string>{"none"});
  EXPECT_EQ(task_model.Decide(scores, 5), std::vector<std::string>{"none"});
  EXPECT_EQ(task_model.DecisionThreshold(4), 0.0);
  EXPECT_EQ(task_model.DecisionThreshold(5), 1.01);
}

TEST(TaskModel, TrainingIsReproducible) {
  const fs::path a = TempDir("repro_a");
  const fs::path b = TempDir("repro_b");
  std::ostringstream progress;
  ASSERT_TRUE(Train(TinyRequest(a), progress).has_value());
  ASSERT_TRUE(Train(TinyRequest(b), progress).has_value());
  EXPECT_EQ(*FileFingerprint((a / "crisis.ftz").string()),
            *FileFingerprint((b / "crisis.ftz").string()));
}

TEST(TaskModel, MissingModelIsNotFoundNamingTheFile) {
  const fs::path dir = TempDir("missing");
  auto model = TaskModel::Load(dir.string(), Task::kEmotion);
  ASSERT_FALSE(model.has_value());
  EXPECT_EQ(model.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(model.error().message.find("emotion.toml"), std::string::npos);
  auto raw = FastTextModel::Load((dir / "nothing.ftz").string());
  ASSERT_FALSE(raw.has_value());
  EXPECT_NE(raw.error().message.find("nothing.ftz"), std::string::npos);
}

TEST(TaskModel, GarbageFileIsRejectedAsNotAModel) {
  const fs::path dir = TempDir("garbage");
  WriteFile(dir / "x.ftz", "this is not a model at all");
  auto model = FastTextModel::Load((dir / "x.ftz").string());
  ASSERT_FALSE(model.has_value());
  EXPECT_EQ(model.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(model.error().message.find("x.ftz"), std::string::npos);
}

TEST(TaskModel, WrongFastTextVersionIsRejected) {
  const fs::path dir = TempDir("version");
  const std::int32_t header[2] = {793712314, 11};
  WriteFile(dir / "old.ftz", std::string(reinterpret_cast<const char*>(header), sizeof header));
  auto model = FastTextModel::Load((dir / "old.ftz").string());
  ASSERT_FALSE(model.has_value());
  EXPECT_NE(model.error().message.find("version 11"), std::string::npos);
}

TEST(TaskModel, CorruptedModelFailsTheFingerprintCheck) {
  const fs::path dir = TempDir("corrupt");
  std::ostringstream progress;
  ASSERT_TRUE(Train(TinyRequest(dir), progress).has_value());
  {
    std::fstream file(dir / "crisis.ftz", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(200);
    file.write("\x7f\x7f\x7f\x7f", 4);
  }
  auto model = TaskModel::Load(dir.string(), Task::kCrisis);
  ASSERT_FALSE(model.has_value());
  EXPECT_NE(model.error().message.find("crisis.ftz"), std::string::npos);
  EXPECT_NE(model.error().message.find("fingerprint"), std::string::npos);
}

TEST(TaskModel, TruncatedModelDoesNotCrash) {
  const fs::path dir = TempDir("truncated");
  std::ostringstream progress;
  ASSERT_TRUE(Train(TinyRequest(dir), progress).has_value());
  fs::resize_file(dir / "crisis.ftz", 64);
  EXPECT_FALSE(TaskModel::Load(dir.string(), Task::kCrisis).has_value());
}

TEST(TaskModel, MalformedSettingsNameFileLineAndField) {
  const fs::path dir = TempDir("settings");
  WriteFile(dir / "crisis.toml",
            "task = \"crisis\"\nmodel = \"crisis.ftz\"\nfingerprint = \"0\"\n"
            "preprocessing = \"haven-normalize-1+neg\"\n[thresholds]\ncrisis = 3.5\n");
  auto settings = LoadTaskSettings((dir / "crisis.toml").string());
  ASSERT_FALSE(settings.has_value());
  EXPECT_NE(settings.error().message.find("crisis.toml:6"), std::string::npos);
  EXPECT_EQ(settings.error().field, "thresholds.crisis");
}

TEST(Thresholds, RecallFirstKeepsTheTargetShareOfPositivesAbove) {
  const std::vector<std::pair<double, bool>> scored = {{0.9, true}, {0.8, true},  {0.3, true},
                                                       {0.2, true}, {0.7, false}, {0.1, false}};
  EXPECT_DOUBLE_EQ(RecallFirstThreshold(scored, 0.75), 0.3);
  EXPECT_DOUBLE_EQ(RecallFirstThreshold(scored, 1.0), 0.2);
}

TEST(Thresholds, BestF1PicksTheSeparatingCut) {
  const std::vector<std::pair<double, bool>> scored = {
      {0.9, true}, {0.8, true}, {0.6, true}, {0.4, false}, {0.1, false}};
  const double threshold = BestF1Threshold(scored);
  EXPECT_GT(threshold, 0.4);
  EXPECT_LE(threshold, 0.6);
  EXPECT_DOUBLE_EQ(BestF1Threshold({{0.3, false}}), 0.5);
}

}  // namespace
}  // namespace haven::nlp

namespace haven::nlp {
namespace {

// Read is Scores + DecisionScore + Decide worked out on label indices: it must give the same
// numbers and labels, for the shipped models and for settings that take every branch.
TEST(TaskModel, ReadEqualsScoresThenDecide) {
  std::vector<std::string> inputs = {"", "   ", "i want to die", "neg_want neg_to neg_die",
                                     "__label__crisis hello"};
  std::ifstream dev("models/data/crisis_chat_dev.tsv");
  for (std::string line; std::getline(dev, line);) {
    inputs.push_back(PrepareInput(line.substr(0, line.find('\t'))));
  }
  ASSERT_GT(inputs.size(), 500U);
  for (Task task : {Task::kCrisis, Task::kEmotion, Task::kDistortion}) {
    auto shipped = TaskModel::Load("models", task);
    ASSERT_TRUE(shipped.has_value()) << shipped.error().message;
    std::vector<TaskSettings> variants = {(*shipped)->settings()};
    for (double threshold : {0.0, 0.3, 1.0}) {
      TaskSettings settings = (*shipped)->settings();
      settings.decision_threshold = threshold;
      settings.long_decision_threshold = 1.0 - threshold;
      settings.long_text_words = 8;
      for (auto& [label, value] : settings.thresholds) value = threshold;
      if (threshold == 0.3) settings.window_words = 6;  // crisis: long inputs read in windows
      variants.push_back(settings);
    }
    for (const TaskSettings& settings : variants) {
      const auto model = std::make_shared<const TaskModel>((*shipped)->model_ptr(), settings);
      for (const std::string& input : inputs) {
        const std::size_t words = CountWords(input);
        const std::vector<LabelScore> scores = model->Scores(input);
        const ModelReading reading = model->Read(input, HashTokens(input), words);
        ASSERT_EQ(reading.decision_score, model->DecisionScore(scores)) << input;
        std::vector<std::pair<std::string, double>> expected;
        const std::vector<std::string> labels = model->Decide(scores, words);
        for (const LabelScore& s : scores) {
          if (std::ranges::find(labels, s.label) != labels.end() && s.label != kNoneLabel) {
            expected.emplace_back(s.label, s.score);
          }
        }
        std::vector<std::pair<std::string, double>> got;
        for (const LabelScore& s : reading.selected) got.emplace_back(s.label, s.score);
        ASSERT_EQ(got, expected) << TaskName(task) << ": " << input;
      }
    }
  }
}

}  // namespace
}  // namespace haven::nlp
