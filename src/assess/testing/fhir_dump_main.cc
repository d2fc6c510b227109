// assess_fhir_dump: writes sample FHIR R4 resources of every kind Haven exports (Questionnaire
// per instrument and locale, QuestionnaireResponse and score Observation per instrument, Bundles
// of type collection and searchset) to a directory, for tests/fhir/validate.mjs.
//
// Usage: assess_fhir_dump OUT_DIR [--content DIR] [--base URL]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "assess/fhir.h"
#include "assess/instrument_loader.h"
#include "assess/submission.h"

namespace {

using haven::assess::FhirOptions;
using haven::assess::Instrument;
using haven::assess::InstrumentCatalog;
using haven::assess::ItemAnswer;
using haven::assess::StoredSubmission;

bool Write(const std::filesystem::path& path, const nlohmann::json& resource) {
  std::ofstream out(path);
  out << resource.dump(2) << "\n";
  if (!out) std::fprintf(stderr, "cannot write %s\n", path.string().c_str());
  return static_cast<bool>(out);
}

// A complete, valid answer set: the highest option of every asked item, so skip logic opens.
std::vector<ItemAnswer> SampleAnswers(const Instrument& instrument) {
  std::vector<ItemAnswer> answers;
  for (const auto& item : instrument.items) {
    int top = item.options.front().score;
    for (const auto& option : item.options) top = std::max(top, option.score);
    answers.push_back(ItemAnswer{item.id, top});
  }
  return answers;
}

struct Args {
  std::filesystem::path out;
  std::filesystem::path content = "content/instruments";
  FhirOptions options;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--content" && i + 1 < argc) {
      args.content = argv[++i];
    } else if (arg == "--base" && i + 1 < argc) {
      args.options.base_url = argv[++i];
    } else if (args.out.empty() && !arg.starts_with("--")) {
      args.out = arg;
    } else {
      return false;
    }
  }
  return !args.out.empty();
}

int Dump(const Args& args) {
  auto catalog = InstrumentCatalog::LoadDirectory(args.content);
  if (!catalog) {
    std::fprintf(stderr, "%s\n", catalog.error().message.c_str());
    return 1;
  }
  std::filesystem::create_directories(args.out);
  std::vector<StoredSubmission> submissions;
  std::int64_t millis = 1'700'000'000'000;
  bool ok = true;
  for (const Instrument& instrument : catalog->All()) {
    for (const char* locale : {"en", "es"}) {
      FhirOptions options = args.options;
      options.locale = locale;
      ok &= Write(args.out / ("Questionnaire-" + instrument.id + "-" + locale + ".json"),
                  haven::assess::ToQuestionnaire(instrument, options));
    }
    auto scored = haven::assess::Score(instrument, SampleAnswers(instrument));
    if (!scored) {
      std::fprintf(stderr, "%s: %s\n", instrument.id.c_str(), scored.error().message.c_str());
      return 1;
    }
    std::string id = instrument.id;
    std::replace(id.begin(), id.end(), '_', '-');
    submissions.push_back(
        haven::assess::ToStoredSubmission(instrument, *scored,
                                          {"sample-" + id, "sample-user", "client-" + id,
                                           haven::core::FromUnixMillis(millis), "en"}));
    millis += 86'400'000;
    auto response =
        haven::assess::ToQuestionnaireResponse(instrument, submissions.back(), args.options);
    auto observation =
        haven::assess::ToScoreObservation(instrument, submissions.back(), args.options);
    if (!response || !observation) return 1;
    ok &= Write(args.out / ("QuestionnaireResponse-" + instrument.id + ".json"), *response);
    ok &= Write(args.out / ("Observation-" + instrument.id + ".json"), *observation);
  }
  using haven::assess::BundleType;
  for (BundleType type : {BundleType::kCollection, BundleType::kSearchset}) {
    auto bundle = haven::assess::ToResultsBundle(*catalog, submissions, type, args.options);
    if (!bundle) return 1;
    ok &= Write(args.out / (type == BundleType::kCollection ? "Bundle-collection.json"
                                                            : "Bundle-searchset.json"),
                *bundle);
  }
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fprintf(stderr, "usage: assess_fhir_dump OUT_DIR [--content DIR] [--base URL]\n");
    return 2;
  }
  return Dump(args);
}
