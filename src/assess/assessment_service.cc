#include "assess/assessment_service.h"

#include <algorithm>
#include <chrono>

#include "assess/answers_codec.h"
#include "assess/submission.h"
#include "core/ids.h"

namespace haven::assess {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::size_t kMaxClientIdLength = 128;
constexpr double kElevatedScore = 0.6;
constexpr double kCrisisScore = 0.9;
// Clocks of other systems drift; an import "authored" a little ahead of ours is accepted.
constexpr auto kClockSkew = std::chrono::minutes(5);

core::Status CheckClientId(const std::string& id) {
  const bool valid_chars = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == ':' || c == '-';
  });
  if (id.empty() || id.size() > kMaxClientIdLength || !valid_chars) {
    return Fail(ErrorCode::kInvalidArgument,
                "client_submission_id must be 1 to 128 characters of letters, digits and . _ : -",
                "client_submission_id");
  }
  return {};
}

core::Error AlreadyReceived(const std::string& existing_id) {
  return core::Error{ErrorCode::kConflict,
                     "This submission was already received (as " + existing_id +
                         "); see your assessment history for its result.",
                     "client_submission_id"};
}

core::Error UnknownInstrument(std::string_view id) {
  return core::Error{ErrorCode::kNotFound, "There is no instrument '" + std::string(id) + "'.",
                     "instrument"};
}

// The name a flag is known by in a risk reason: "<instrument>.<item>" for item flags.
std::string ReasonDetail(const Instrument& instrument, const std::string& flag) {
  for (const ItemFlag& item_flag : instrument.flags) {
    if (item_flag.name == flag) return instrument.id + "." + item_flag.item_id;
  }
  return instrument.id + "." + flag;
}

}  // namespace

std::optional<safety::RiskEvent> RiskEventFor(const Instrument& instrument,
                                              const ScoredAssessment& scored,
                                              const std::string& user_id,
                                              const std::string& submission_id,
                                              core::Timestamp at) {
  if (!StartsSafetyFlow(scored)) return std::nullopt;
  const bool high = scored.cssrs_risk == CssrsRisk::kHigh;
  safety::RiskEvent event{core::NewId(),
                          user_id,
                          at,
                          high ? safety::RiskLevel::kCrisis : safety::RiskLevel::kElevated,
                          high ? kCrisisScore : kElevatedScore,
                          "assessment",
                          submission_id,
                          {}};
  for (const std::string& flag : scored.flags) {
    event.reasons.push_back(safety::RiskReason{"instrument", ReasonDetail(instrument, flag)});
  }
  return event;
}

AssessmentService::AssessmentService(Dependencies deps, AssessmentPolicy policy)
    : deps_(std::move(deps)), policy_(std::move(policy)) {}

core::Result<std::optional<ReliableChange>> AssessmentService::ChangeFor(
    const Instrument& instrument, const StoredSubmission& current) const {
  if (!current.total) return std::optional<ReliableChange>();
  // `current` is not stored yet, so everything stored at or before its time is earlier; a
  // submission saved in the same millisecond counts too (`to` is exclusive).
  auto earlier = deps_.assessments.ListSubmissions(
      SubmissionQuery{current.user_id, instrument.id, std::nullopt,
                      current.submitted_at + std::chrono::milliseconds(1)});
  if (!earlier) return std::unexpected(earlier.error());
  std::erase_if(*earlier, [](const SealedSubmission& s) { return !s.total; });
  if (earlier->empty()) return std::optional<ReliableChange>();
  const ScorePoint now{current.submitted_at, *current.total};
  const auto summarise = [&](const SealedSubmission& s) {
    const ScorePoint series[] = {ScorePoint{s.submitted_at, *s.total}, now};
    return SummariseChange(instrument, series);
  };
  auto since_first = summarise(earlier->front());
  if (!since_first) return std::unexpected(since_first.error());
  auto since_previous = summarise(earlier->back());
  if (!since_previous) return std::unexpected(since_previous.error());
  ReliableChange change{ChangeAgainst{earlier->front().id, std::move(*since_first)},
                        ChangeAgainst{earlier->back().id, std::move(*since_previous)},
                        std::nullopt};
  if (instrument.reliable_change) {
    change.threshold = ReliableChangeThreshold(*instrument.reliable_change);
  }
  return std::optional<ReliableChange>(std::move(change));
}

SafetyResponse AssessmentService::RespondToRisk(const safety::RiskEvent& event,
                                                std::string_view locale) const {
  SafetyResponse response;
  response.level = event.level;
  response.resources = deps_.hotlines->ForLocale(locale);
  response.care_team_alerted = deps_.escalate && deps_.escalate(event);
  response.message = deps_.messages->ComposeCrisis(
      response.resources, locale,
      response.care_team_alerted ? safety::SafetyMessages::CareTeam::kAlerted
                                 : safety::SafetyMessages::CareTeam::kNotAlerted);
  return response;
}

core::Status AssessmentService::Store(const StoredSubmission& submission,
                                      const std::optional<safety::RiskEvent>& event) {
  auto sealed = deps_.keyring.SealFor(submission.user_id, AnswersToJson(submission.answers));
  if (!sealed) return std::unexpected(sealed.error());
  return deps_.assessments.SaveSubmission(ToSealedSubmission(submission, std::move(*sealed)),
                                          event);
}

core::Result<SubmitResult> AssessmentService::Submit(const SubmitRequest& request) {
  const Instrument* instrument = deps_.catalog->Find(request.instrument_id);
  if (instrument == nullptr) return std::unexpected(UnknownInstrument(request.instrument_id));
  const core::Timestamp now = deps_.clock.Now();
  if (request.taken_at && *request.taken_at > now + kClockSkew) {
    return Fail(ErrorCode::kInvalidArgument, "The answers cannot be from the future.", "taken_at");
  }
  std::string client_id = request.client_submission_id.value_or(core::NewId());
  if (auto valid = CheckClientId(client_id); !valid) return std::unexpected(valid.error());
  auto scored = Score(*instrument, request.answers);
  if (!scored) return std::unexpected(scored.error());
  auto existing = deps_.assessments.FindByClientSubmissionId(request.user_id, client_id);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return std::unexpected(AlreadyReceived((*existing)->id));

  SubmitResult result;
  const std::string locale = request.locale.empty() ? "en" : request.locale;
  result.submission = ToStoredSubmission(*instrument, *scored,
                                         SubmissionMeta{core::NewId(), request.user_id, client_id,
                                                        request.taken_at.value_or(now), locale});
  result.scored = std::move(*scored);
  auto change = ChangeFor(*instrument, result.submission);
  if (!change) return std::unexpected(change.error());
  result.reliable_change = std::move(*change);

  // Safety first: the response is composed before anything can fail to store.
  std::optional<safety::RiskEvent> event =
      RiskEventFor(*instrument, result.scored, request.user_id, result.submission.id, now);
  if (event) result.safety = RespondToRisk(*event, locale);
  if (auto stored = Store(result.submission, event); !stored) {
    const bool duplicate = stored.error().code == ErrorCode::kConflict &&
                           stored.error().field == "client_submission_id";
    if (!result.safety || duplicate) return std::unexpected(stored.error());
    result.stored = false;
  }
  return result;
}

core::Result<SubmitResult> AssessmentService::ImportFhirResponse(const std::string& user_id,
                                                                 const nlohmann::json& resource,
                                                                 std::string_view locale) {
  auto imported = ImportQuestionnaireResponse(resource, *deps_.catalog, policy_.fhir);
  if (!imported) return std::unexpected(imported.error());
  SubmitRequest request{.user_id = user_id,
                        .instrument_id = imported->instrument_id,
                        .answers = std::move(imported->answers),
                        .client_submission_id = std::nullopt,
                        .locale = std::string(locale),
                        .taken_at = imported->authored};
  if (auto id = resource.find("id"); id != resource.end() && id->is_string()) {
    request.client_submission_id = "fhir-" + id->get<std::string>();
    if (!CheckClientId(*request.client_submission_id)) {
      return Fail(ErrorCode::kInvalidArgument, "The resource id is not a valid FHIR id.",
                  "QuestionnaireResponse.id");
    }
  }
  auto result = Submit(request);
  if (!result && result.error().field == "taken_at") {
    return Fail(ErrorCode::kInvalidArgument, "authored is in the future.",
                "QuestionnaireResponse.authored");
  }
  return result;
}

core::Result<std::vector<StoredSubmission>> AssessmentService::History(
    const SubmissionQuery& query) {
  if (!query.instrument_id.empty() && deps_.catalog->Find(query.instrument_id) == nullptr) {
    return std::unexpected(UnknownInstrument(query.instrument_id));
  }
  auto sealed = deps_.assessments.ListSubmissions(query);
  if (!sealed) return std::unexpected(sealed.error());
  std::vector<StoredSubmission> out;
  out.reserve(sealed->size());
  for (const SealedSubmission& submission : *sealed) {
    auto json = deps_.keyring.OpenFor(submission.user_id, submission.sealed_answers);
    if (!json) return std::unexpected(json.error());
    auto answers = AnswersFromJson(*json);
    if (!answers) return std::unexpected(answers.error());
    out.push_back(FromSealedSubmission(submission, std::move(*answers)));
  }
  return out;
}

core::Result<std::vector<DueInstrument>> AssessmentService::Due(const std::string& user_id) {
  auto all =
      deps_.assessments.ListSubmissions(SubmissionQuery{user_id, "", std::nullopt, std::nullopt});
  if (!all) return std::unexpected(all.error());
  std::vector<DueInstrument> out;
  for (const Instrument& instrument : deps_.catalog->All()) {
    DueInstrument due{instrument.id,
                      policy_.due_every_days.value_or(instrument.due_every_days),
                      {},
                      std::nullopt};
    for (const SealedSubmission& s : *all) {  // oldest first: the last match is the latest
      if (s.instrument_id == instrument.id) due.last_submitted_at = s.submitted_at;
    }
    due.status = NextDue(due.last_submitted_at, due.every_days, deps_.clock);
    out.push_back(std::move(due));
  }
  return out;
}

}  // namespace haven::assess
