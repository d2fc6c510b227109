#include "nlp_commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/paths.h"
#include "nlp/analyzer.h"
#include "nlp/evaluation.h"
#include "nlp/labelled_data.h"
#include "nlp/training.h"
#include "safety/safety.h"

namespace haven::app {
namespace {

[[noreturn]] void FailWith(const core::Error& error) {
  std::cerr << "error: " << error.message << "\n";
  throw CLI::RuntimeError(error.code == core::ErrorCode::kNotFound ? 2 : 1);
}

struct AnalyzeOptions {
  std::string text;
  std::string models_dir;   // empty: as the server finds it
  std::string content_dir;  // empty: as the server finds it
};

// The analysis plus what safety makes of it (level, score, reasons), as `haven analyze` prints
// it: one JSON object per text. Context is empty: a single text has no history.
nlohmann::json AnalyzeOne(const nlp::Analyzer& analyzer, const safety::SafetyAssessor& assessor,
                          std::string_view text) {
  const nlp::Analysis analysis = analyzer.Analyze(text);
  const safety::RiskAssessment risk = assessor.Assess(text, &analysis, {});
  nlohmann::json json = nlp::ToJson(analysis);
  json["risk"] = safety::ToJson(risk);
  return json;
}

void RunAnalyze(AnalyzeOptions options) {
  if (options.models_dir.empty()) options.models_dir = core::FindShippedPath("models");
  if (options.content_dir.empty()) options.content_dir = core::FindShippedPath("content");
  // The rules before the models keeps the peak memory down (LoadServices in app/runtime.cc).
  auto assessor = safety::SafetyAssessor::Load(options.content_dir);
  if (!assessor) FailWith(assessor.error());
  auto analyzer = nlp::Analyzer::Load(options.models_dir, options.content_dir);
  if (!analyzer) FailWith(analyzer.error());
  if (!options.text.empty()) {
    std::cout << AnalyzeOne(**analyzer, **assessor, options.text).dump() << "\n";
    return;
  }
  // Batch mode: unsynchronised streams and one write per line keep I/O off the hot path.
  std::ios::sync_with_stdio(false);
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out = AnalyzeOne(**analyzer, **assessor, line)
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.push_back('\n');
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
  }
}

void AddAnalyze(CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Analyse text: normalised form, sentiment (VADER), emotions, cognitive distortions, the "
      "crisis model's score and the safety verdict (level, score, reasons, and for an elevated "
      "text check_in: direct or gentle), as one JSON object per input (TEXT, or each line of "
      "stdin)");
  cmd->add_option("text", options->text, "Text to analyse; reads stdin line by line if absent");
  cmd->add_option("--models", options->models_dir,
                  "Directory with the trained models (default: models/ next to the binary or in "
                  "the working directory)");
  cmd->add_option("--content", options->content_dir,
                  "Content directory with safety rules, lexicons (default: content/ likewise)");
  cmd->callback([options] { RunAnalyze(*options); });
}

struct TrainOptions {
  std::string task;
  nlp::TrainRequest request;
  std::string loss;
  // Hyper-parameter overrides; 0 keeps the task's default (nlp::DefaultParameters).
  int dim = 0;
  int epoch = 0;
  double lr = 0.0;
  int word_ngrams = 0;
  int minn = -1;
  int maxn = -1;
  std::size_t cutoff = 0;
  int seed = 0;
  int dsub = 0;
};

void ApplyOverrides(const TrainOptions& o, nlp::TrainParameters& p) {
  if (o.dim > 0) p.dim = o.dim;
  if (o.epoch > 0) p.epoch = o.epoch;
  if (o.lr > 0) p.lr = o.lr;
  if (o.word_ngrams > 0) p.word_ngrams = o.word_ngrams;
  if (o.minn >= 0) p.minn = o.minn;
  if (o.maxn >= 0) p.maxn = o.maxn;
  if (o.cutoff > 0) p.cutoff = o.cutoff;
  if (o.seed > 0) p.seed = o.seed;
  if (o.dsub > 0) p.dsub = o.dsub;
  if (o.loss == "ova") p.loss = nlp::LossKind::kOneVsAll;
  if (o.loss == "softmax") p.loss = nlp::LossKind::kSoftmax;
}

void RunTrain(TrainOptions& options) {
  auto task = nlp::ParseTask(options.task);
  if (!task) FailWith({core::ErrorCode::kInvalidArgument, "unknown task " + options.task, "task"});
  options.request.task = *task;
  options.request.parameters = nlp::DefaultParameters(*task);
  ApplyOverrides(options, options.request.parameters);
  auto report = nlp::Train(options.request, std::cerr);
  if (!report) FailWith(report.error());
  std::string metrics_path = options.request.out_path;
  metrics_path.replace(metrics_path.size() - 4, 4, ".dev.json");
  std::ofstream(metrics_path) << nlp::ToJson(*report).dump(2) << "\n";
  std::cerr << "wrote " << metrics_path << "\n";
}

void AddTrain(CLI::App& app) {
  auto options = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "train",
      "Train a fastText classifier reproducibly (fixed seed, 1 thread), quantise it to .ftz, "
      "tune thresholds on dev data and write <out>.toml and <out>.dev.json beside it");
  cmd->add_option("--task", options->task, "crisis | emotion | distortion")
      ->required()
      ->check(CLI::IsMember({"crisis", "emotion", "distortion"}));
  cmd->add_option("--data", options->request.data_files,
                  "Labelled TSV (text<TAB>label); repeat the option for more files")
      ->required();
  cmd->add_option("--negatives", options->request.negative_files,
                  "crisis: TSV whose texts become 'none' after removing any that mention risk");
  cmd->add_option("--negatives-limit", options->request.negatives_limit,
                  "How many everyday negatives to keep")
      ->capture_default_str();
  cmd->add_option("--dev", options->request.dev_files, "Dev TSV for thresholds and figures");
  cmd->add_option("--holdout-every", options->request.holdout_every,
                  "Also hold out every k-th --data example for dev (0 = none)");
  cmd->add_option("--target-recall", options->request.crisis_target_recall,
                  "crisis: recall the threshold must reach on dev")
      ->capture_default_str();
  cmd->add_option("--window-words", options->request.window_words,
                  "crisis: also score long texts in windows of this many words (0 = off)")
      ->capture_default_str();
  cmd->add_option("--long-target-recall", options->request.long_target_recall,
                  "crisis: recall the long-text threshold must reach on dev")
      ->capture_default_str();
  cmd->add_option("--companion", options->request.companions,
                  "crisis: a model already trained beside --out (settings name, e.g. crisis_words) "
                  "whose P(crisis) is averaged with this one's; repeat for more");
  cmd->add_option("--long-text-words", options->request.long_text_words,
                  "crisis, distortion: texts with more words than this get their own decision "
                  "threshold (0 = one threshold)")
      ->capture_default_str();
  cmd->add_option("--out", options->request.out_path, "Output model, e.g. models/crisis.ftz")
      ->required();
  TrainOptions& o = *options;
  cmd->add_option("--loss", o.loss, "softmax | ova (default per task)")
      ->check(CLI::IsMember({"softmax", "ova"}));
  cmd->add_option("--dim", o.dim, "Vector dimension (default per task)");
  cmd->add_option("--epoch", o.epoch, "Epochs (default per task)");
  cmd->add_option("--lr", o.lr, "Learning rate (default per task)");
  cmd->add_option("--word-ngrams", o.word_ngrams, "Word n-gram length (default 2)");
  cmd->add_option("--minn", o.minn, "Min character n-gram, 0 = off (default per task)");
  cmd->add_option("--maxn", o.maxn, "Max character n-gram (default per task)");
  cmd->add_option("--cutoff", o.cutoff, "Quantisation: input rows kept (default per task)");
  cmd->add_option("--seed", o.seed, "Random seed (default 42)");
  cmd->add_option("--dsub", o.dsub, "Quantisation: sub-vector size (default 2)");
  cmd->callback([options] { RunTrain(*options); });
}

struct EvalOptions {
  std::string task;
  std::string data;
  std::string models_dir;   // "" = models/ next to the binary or in the working directory
  std::string content_dir;  // "" = content/ likewise
  std::string details_path;
  std::string subset = "all";  // all | mentions-risk | no-risk-mentions (nlp::MentionsRisk)
  std::string relabel;         // when set, every example gets this label
  bool json = false;
  bool model_only = false;
};

// Keeps the examples of `options.subset` and applies `options.relabel`.
void SelectExamples(const EvalOptions& options, nlp::LabelledData& data) {
  if (options.subset != "all") {
    const bool want = options.subset == "mentions-risk";
    std::erase_if(data.examples, [want](const nlp::LabelledExample& example) {
      return nlp::MentionsRisk(nlp::Normalize(example.text)) != want;
    });
  }
  if (!options.relabel.empty()) {
    for (nlp::LabelledExample& example : data.examples) example.labels = {options.relabel};
  }
}

void PrintReport(const nlp::EvalReport& report, bool json) {
  if (json) {
    std::cout << nlp::ToJson(report).dump() << "\n";
  } else {
    std::cout << nlp::FormatReport(report);
  }
}

std::string Reasons(const safety::RiskAssessment& risk) {
  std::string out;
  for (const safety::RiskReason& r : risk.reasons) {
    out += (out.empty() ? "" : "; ") + r.source + ":" + r.detail;
  }
  return out;
}

// The shipped pipeline: nlp::Analyzer, then safety rules + model + (empty) context; an example
// is predicted crisis when the level is crisis. The threshold reported is the policy's model
// crisis threshold for the kind of text most examples are (chat or long post).
nlp::EvalReport EvaluatePipeline(const EvalOptions& options, const nlp::LabelledData& data) {
  auto assessor = safety::SafetyAssessor::Load(options.content_dir);
  if (!assessor) FailWith(assessor.error());
  auto analyzer = nlp::Analyzer::Load(options.models_dir, options.content_dir);
  if (!analyzer) FailWith(analyzer.error());
  std::ofstream details;
  if (!options.details_path.empty()) {
    details.open(options.details_path);
    details << "gold\tlevel\tscore\twords\treasons\ttext\n";
  }
  nlp::LabelSets gold;
  nlp::LabelSets predicted;
  std::size_t long_examples = 0;
  const safety::CrisisPolicy& policy = (*assessor)->policy();
  for (const nlp::LabelledExample& example : data.examples) {
    const nlp::Analysis analysis = (*analyzer)->Analyze(example.text);
    const safety::RiskAssessment risk = (*assessor)->Assess(example.text, &analysis, {});
    const bool crisis = risk.level == safety::RiskLevel::kCrisis;
    gold.push_back(nlp::GoldLabels(example));
    predicted.push_back({std::string(crisis ? nlp::kCrisisLabel : nlp::kNoneLabel)});
    if (analysis.input_words > policy.long_text_words) ++long_examples;
    if (details.is_open()) {
      details << fmt::format("{}\t{}\t{:.6g}\t{}\t{}\t{}\n", fmt::join(gold.back(), ","),
                             safety::RiskLevelName(risk.level), analysis.crisis_score,
                             analysis.input_words, Reasons(risk), example.text);
    }
  }
  nlp::EvalReport report = nlp::ScoreLabels(
      gold, predicted, {std::string(nlp::kCrisisLabel), std::string(nlp::kNoneLabel)});
  report.task = "crisis";
  report.malformed = data.malformed;
  const bool mostly_long = 2 * long_examples > data.examples.size();
  nlp::AddCrisisFigures(report, gold, predicted, std::string(nlp::kCrisisLabel),
                        (mostly_long ? policy.long_post : policy.chat).crisis);
  return report;
}

void RunEval(EvalOptions options) {
  auto task = nlp::ParseTask(options.task);
  if (!task) FailWith({core::ErrorCode::kInvalidArgument, "unknown task " + options.task, "task"});
  if (options.models_dir.empty()) options.models_dir = core::FindShippedPath("models");
  if (options.content_dir.empty()) options.content_dir = core::FindShippedPath("content");
  auto data = nlp::ReadLabelledFile(options.data);
  if (!data) FailWith(data.error());
  for (const nlp::MalformedLine& bad : data->malformed) {
    std::cerr << fmt::format("{}:{}: skipped: {}\n", options.data, bad.line, bad.reason);
  }
  SelectExamples(options, *data);
  if (*task == nlp::Task::kCrisis && !options.model_only) {
    PrintReport(EvaluatePipeline(options, *data), options.json);
    return;
  }
  auto model = nlp::TaskModel::Load(options.models_dir, *task);
  if (!model) FailWith(model.error());
  auto companions = nlp::LoadCompanions(options.models_dir, (*model)->settings().companions);
  if (!companions) FailWith(companions.error());
  PrintReport(nlp::Evaluate(**model, *companions, *data), options.json);
}

void AddEval(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval",
      "Evaluate on any labelled TSV (header text<TAB>label, labels separated by ','): per-label "
      "precision, recall, F1, support and macro-F1. crisis evaluates the shipped pipeline (rules "
      "+ model, positive = level crisis) and adds recall and false-positive rate; --model-only "
      "evaluates the crisis model alone at its own threshold; distortion adds detection figures");
  cmd->add_option("--task", options->task, "crisis | emotion | distortion")
      ->required()
      ->check(CLI::IsMember({"crisis", "emotion", "distortion"}));
  cmd->add_option("--data", options->data, "Labelled TSV file")->required();
  cmd->add_option("--models", options->models_dir,
                  "Directory with the trained models (default: models/ next to the binary or "
                  "in the working directory)");
  cmd->add_option("--content", options->content_dir,
                  "Content directory with safety rules, lexicons (default: content/ likewise)");
  cmd->add_flag("--model-only", options->model_only,
                "crisis: the model (averaged with its companions) at its own threshold, without "
                "safety rules");
  cmd->add_option("--details", options->details_path,
                  "crisis pipeline: write one TSV line per example (gold, level, score, words, "
                  "reasons, text) to this file");
  cmd->add_option("--subset", options->subset,
                  "Evaluate only texts that mention risk words (mentions-risk) or only those that "
                  "do not (no-risk-mentions), as nlp::MentionsRisk decides")
      ->check(CLI::IsMember({"all", "mentions-risk", "no-risk-mentions"}))
      ->capture_default_str();
  cmd->add_option("--relabel", options->relabel,
                  "Give every example this label, e.g. none for everyday texts from another task");
  cmd->add_flag("--json", options->json, "Print one JSON object on one line");
  cmd->callback([options] { RunEval(*options); });
}

}  // namespace

void RegisterNlpCommands(CLI::App& app) {
  AddAnalyze(app);
  AddTrain(app);
  AddEval(app);
}

}  // namespace haven::app
