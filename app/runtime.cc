#include "app/runtime.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>

namespace haven::app {
namespace {

using core::ErrorCode;
using core::Fail;

core::Status PrepareDataDir(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Fail(ErrorCode::kInvalidArgument,
                "cannot create the data directory " + data_dir + ": " + ec.message(), "data_dir");
  }
  // Health data lives here: only the server's own user may look inside.
  ::chmod(data_dir.c_str(), 0700);
  return {};
}

account::AccountPolicy PolicyFrom(const AppConfig& config) {
  account::AccountPolicy policy;
  policy.session_lifetime = std::chrono::seconds(config.session_seconds);
  if (config.password_cost == "minimum") {
    spdlog::warn("security.password_cost = minimum: password hashes are weak (tests only)");
    policy.password_cost = privacy::MinimumPasswordCost();
  }
  return policy;
}

// Instruments from content_dir/instruments and the service that scores and stores them; the
// safety texts are the ones the dialogue engine already loaded.
core::Status LoadAssessments(Runtime& rt, const dialogue::Engine& engine) {
  auto catalog = assess::InstrumentCatalog::LoadDirectory(
      std::filesystem::path(rt.config.content_dir) / "instruments");
  if (!catalog) return std::unexpected(catalog.error());
  rt.instruments = std::make_shared<const assess::InstrumentCatalog>(std::move(*catalog));
  rt.safety_messages = engine.shared_safety_messages();
  assess::AssessmentPolicy policy;
  if (rt.config.assessment_due_days > 0) policy.due_every_days = rt.config.assessment_due_days;
  rt.assessments = std::make_unique<assess::AssessmentService>(
      assess::AssessmentService::Dependencies{.assessments = *rt.store,
                                              .keyring = *rt.keyring,
                                              .catalog = rt.instruments,
                                              .hotlines = rt.hotlines,
                                              .messages = rt.safety_messages,
                                              .clock = rt.clock},
      policy);
  return {};
}

// PHQ-9 and GAD-7 (the measures of measurement-based care) when due, and any other
// questionnaire the person has taken before and is due again.
std::vector<std::string> DueReminderNames(const Runtime& rt, const std::string& user_id,
                                          std::string_view locale) {
  std::vector<std::string> names;
  auto due = rt.assessments->Due(user_id);
  if (!due) return names;  // a reminder is a nicety: never fail a chat turn for it
  for (const assess::DueInstrument& item : *due) {
    const bool core_measure = item.instrument_id == "phq9" || item.instrument_id == "gad7";
    if (!item.status.due || (!core_measure && !item.last_submitted_at)) continue;
    const assess::Instrument* instrument = rt.instruments->Find(item.instrument_id);
    if (instrument != nullptr) names.push_back(assess::TextFor(instrument->title, locale));
  }
  return names;
}

core::Status LoadServices(Runtime& rt) {
  // The safety rules load before the models: compiling the rules' RE2 sets needs ~15 MB of
  // scratch memory that is freed when it is done, and the models then reuse it instead of
  // raising the peak (peak RSS of `haven analyze` 96 -> 81 MB, bench/RESULTS.md).
  auto safety = safety::SafetyAssessor::Load(rt.config.content_dir);
  if (!safety) return std::unexpected(safety.error());
  rt.safety = *safety;
  // Models are part of the product: a missing or corrupt model stops the start with its name.
  auto analyzer = nlp::Analyzer::Load(rt.config.models_dir, rt.config.content_dir);
  if (!analyzer) return std::unexpected(analyzer.error());
  rt.analyzer = *analyzer;
  auto hotlines = safety::HotlineDirectory::Load(rt.config.content_dir);
  if (!hotlines) return std::unexpected(hotlines.error());
  rt.hotlines = *hotlines;
  auto engine = dialogue::Engine::Load(rt.config.content_dir);
  if (!engine) return std::unexpected(engine.error());
  if (auto status = LoadAssessments(rt, **engine); !status) return status;
  dialogue::ChatPolicy policy;
  policy.max_text_chars = rt.config.max_text_chars;
  policy.risk_context_window = std::chrono::hours(rt.config.safety_window_hours);
  policy.assessment_window = std::chrono::days(rt.config.assessment_window_days);
  rt.chat = std::make_unique<dialogue::ChatService>(
      dialogue::ChatService::Dependencies{
          .conversations = *rt.store,
          .risk_events = *rt.store,
          .keyring = *rt.keyring,
          .safety = rt.safety,
          .hotlines = rt.hotlines,
          .engine = *engine,
          .clock = rt.clock,
          .analyzer = rt.analyzer,
          .due_assessments =
              [&rt](const std::string& user_id, std::string_view locale) {
                return DueReminderNames(rt, user_id, locale);
              }},
      policy);
  return {};
}

}  // namespace

core::Result<std::unique_ptr<Runtime>> StartRuntime(const AppConfig& config,
                                                    ContentLoading loading) {
  auto runtime = std::make_unique<Runtime>();
  Runtime& rt = *runtime;
  rt.config = config;
  if (auto status = privacy::InitCrypto(); !status) return std::unexpected(status.error());
  if (auto status = PrepareDataDir(config.data_dir); !status) {
    return std::unexpected(status.error());
  }
  const char* env_key = std::getenv("HAVEN_MASTER_KEY");
  auto master = privacy::MasterKey::LoadOrCreate(config.data_dir + "/master.key",
                                                 env_key != nullptr ? env_key : "");
  if (!master) return std::unexpected(master.error());
  rt.master_key = std::make_unique<privacy::MasterKey>(std::move(*master));

  auto store = store::SqliteStore::Open(config.data_dir + "/haven.db");
  if (!store) return std::unexpected(store.error());
  rt.store = std::move(*store);
  auto applied = rt.store->Migrate();
  if (!applied) return std::unexpected(applied.error());
  for (int version : *applied) spdlog::info("applied database migration {}", version);

  rt.audit = std::make_unique<privacy::AuditLog>(*rt.store, rt.clock);
  rt.keyring = std::make_unique<privacy::Keyring>(*rt.master_key, *rt.store);
  rt.accounts = std::make_unique<account::AccountService>(
      account::AccountService::Dependencies{.users = *rt.store,
                                            .sessions = *rt.store,
                                            .attempts = *rt.store,
                                            .keys = *rt.store,
                                            .audit = *rt.audit,
                                            .master_key = *rt.master_key,
                                            .clock = rt.clock},
      PolicyFrom(config));
  if (loading == ContentLoading::kEverything) {
    if (auto status = LoadServices(rt); !status) return std::unexpected(status.error());
  }
  return runtime;
}

}  // namespace haven::app
