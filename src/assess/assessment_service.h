// Taking assessments end to end: score, compare with earlier results, seal and store the
// answers, start the safety flow when an answer calls for it. No HTTP, no SQL.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/change.h"
#include "assess/fhir.h"
#include "assess/instrument_loader.h"
#include "assess/ports.h"
#include "assess/scoring.h"
#include "core/clock.h"
#include "core/result.h"
#include "privacy/keyring.h"
#include "safety/risk.h"
#include "safety/safety.h"

namespace haven::assess {

struct AssessmentPolicy {
  // When set, every instrument is due this many days after its last submission, instead of
  // the instrument's own due_every_days (content, default 14).
  std::optional<int> due_every_days;
  // FHIR base URL and the like, for importing QuestionnaireResponses.
  FhirOptions fhir;
};

struct SubmitRequest {
  std::string user_id;
  std::string instrument_id;
  std::vector<ItemAnswer> answers;
  // Chosen by the client to make a retry detectable (1-128 of A-Z a-z 0-9 . _ : -); generated
  // when absent.
  std::optional<std::string> client_submission_id;
  // Locale the questions were shown in; also picks the language and hotlines of the safety
  // response. Empty means "en".
  std::string locale;
  // When the answers were given, if not now (imports); never in the future.
  std::optional<core::Timestamp> taken_at;
};

// The change of this submission's total against one earlier submission of the instrument.
struct ChangeAgainst {
  std::string submission_id;  // the earlier submission
  ChangeSummary summary;      // first = the earlier one, last = this one
};

// Reliable change against the person's first and previous submission of the instrument.
struct ReliableChange {
  ChangeAgainst since_first;
  ChangeAgainst since_previous;
  std::optional<double> threshold;  // Jacobson-Truax points, when the instrument has parameters
};

// What the person sees when a result starts the safety flow.
struct SafetyResponse {
  safety::RiskLevel level = safety::RiskLevel::kElevated;
  safety::CrisisResources resources;
  std::string message;  // SafetyMessages::ComposeCrisis in the person's language
  bool care_team_alerted = false;
};

struct SubmitResult {
  StoredSubmission submission;  // as stored, answers readable
  ScoredAssessment scored;
  // Empty for the first submission of an instrument and for instruments without a total.
  std::optional<ReliableChange> reliable_change;
  std::optional<SafetyResponse> safety;  // set when StartsSafetyFlow(scored)
  // False only when the safety flow started but storing failed: the person still gets help.
  bool stored = true;
};

struct DueInstrument {
  std::string instrument_id;
  int every_days = 14;
  DueStatus status;
  std::optional<core::Timestamp> last_submitted_at;
};

// Thread-safe when its dependencies are.
class AssessmentService {
 public:
  struct Dependencies {
    AssessmentRepository& assessments;
    privacy::Keyring& keyring;
    std::shared_ptr<const InstrumentCatalog> catalog;
    std::shared_ptr<const safety::HotlineDirectory> hotlines;
    std::shared_ptr<const safety::SafetyMessages> messages;
    const core::Clock& clock;
    // Called with the risk event of a result that starts the safety flow, before it is stored;
    // returns true when a care team was alerted. Unset: nobody is alerted.
    std::function<bool(const safety::RiskEvent&)> escalate = {};
  };

  AssessmentService(Dependencies deps, AssessmentPolicy policy);

  // Scores, stores (answers sealed with the user's key) and, when an answer calls for it,
  // records a risk event (source "assessment", reference = submission id) in the same write.
  // NotFound (field "instrument") for an unknown instrument; InvalidArgument from Score
  // (field "answers" or "answers.<item>"), for a bad client_submission_id, or a future
  // taken_at (field "taken_at"); Conflict (field "client_submission_id") when the user already
  // sent that client id. A result that starts the safety flow is returned even if storing fails.
  [[nodiscard]] core::Result<SubmitResult> Submit(const SubmitRequest& request);

  // Imports an R4 QuestionnaireResponse from another system as the user's submission
  // (ImportQuestionnaireResponse rules; `authored` becomes the submission time). The client
  // submission id is "fhir-<resource id>" when the resource has an id, so a repeated import is
  // a Conflict. InvalidArgument fields are FHIRPath-like ("QuestionnaireResponse.authored").
  [[nodiscard]] core::Result<SubmitResult> ImportFhirResponse(const std::string& user_id,
                                                              const nlohmann::json& resource,
                                                              std::string_view locale);

  // The user's submissions, oldest first, answers opened; `query.instrument_id` empty = all.
  // NotFound (field "instrument") for an unknown instrument id.
  [[nodiscard]] core::Result<std::vector<StoredSubmission>> History(const SubmissionQuery& query);

  // For every instrument of the catalog, in catalog order: when it is (or was) next due.
  [[nodiscard]] core::Result<std::vector<DueInstrument>> Due(const std::string& user_id);

  [[nodiscard]] const InstrumentCatalog& catalog() const { return *deps_.catalog; }
  [[nodiscard]] const FhirOptions& fhir_options() const { return policy_.fhir; }

 private:
  [[nodiscard]] core::Result<std::optional<ReliableChange>> ChangeFor(
      const Instrument& instrument, const StoredSubmission& current) const;
  [[nodiscard]] SafetyResponse RespondToRisk(const safety::RiskEvent& event,
                                             std::string_view locale) const;
  [[nodiscard]] core::Status Store(const StoredSubmission& submission,
                                   const std::optional<safety::RiskEvent>& event);

  Dependencies deps_;
  AssessmentPolicy policy_;
};

// The risk event a scored result raises, or nothing when it does not start the safety flow:
// level crisis for a C-SSRS high risk, else elevated; reasons {"instrument", "<id>.<item>"}
// for item flags (e.g. "phq9.q9") and {"instrument", "<id>.<flag>"} for other flags.
[[nodiscard]] std::optional<safety::RiskEvent> RiskEventFor(const Instrument& instrument,
                                                            const ScoredAssessment& scored,
                                                            const std::string& user_id,
                                                            const std::string& submission_id,
                                                            core::Timestamp at);

}  // namespace haven::assess
