// FHIR R4 mapping: instruments as Questionnaire, submissions as QuestionnaireResponse, scores
// as Observation, a person's results as a Bundle; import of QuestionnaireResponse.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assess/instrument.h"
#include "assess/instrument_loader.h"
#include "assess/ports.h"
#include "assess/scoring.h"
#include "core/clock.h"
#include "core/result.h"

namespace haven::assess {

inline constexpr std::string_view kLoincSystem = "http://loinc.org";

struct FhirOptions {
  // Base of Haven's canonical URLs and local code systems; no trailing slash.
  std::string base_url = "http://haven.local/fhir";
  // Locale for texts in exported resources ("en", "es").
  std::string locale = "en";
};

// The instrument id as a FHIR id: underscores become hyphens ("cssrs_screen" -> "cssrs-screen").
[[nodiscard]] std::string FhirId(const Instrument& instrument);

// Canonical URL of an instrument's Questionnaire, e.g.
// "http://haven.local/fhir/Questionnaire/phq9".
[[nodiscard]] std::string QuestionnaireCanonical(const Instrument& instrument,
                                                 const FhirOptions& options);

// The instrument as an R4 Questionnaire: LOINC panel/item/answer codes where confirmed, Haven
// code systems otherwise, ordinalValue scores, enableWhen for skip logic, licence as copyright.
[[nodiscard]] nlohmann::json ToQuestionnaire(const Instrument& instrument,
                                             const FhirOptions& options);

// A stored submission as a completed QuestionnaireResponse (id = submission id, subject =
// Patient/<user_id>). InvalidArgument when an answer does not fit the instrument.
[[nodiscard]] core::Result<nlohmann::json> ToQuestionnaireResponse(
    const Instrument& instrument, const StoredSubmission& submission, const FhirOptions& options);

// The score as an Observation (category survey, derivedFrom the response): valueInteger total
// with the LOINC total code (or a Haven code when none is confirmed) and the band as
// interpretation; for WHO-5 also the percentage as a component; for the C-SSRS screener the
// risk level as valueCodeableConcept. Id is "<submission id>-score".
[[nodiscard]] core::Result<nlohmann::json> ToScoreObservation(const Instrument& instrument,
                                                              const StoredSubmission& submission,
                                                              const FhirOptions& options);

enum class BundleType { kCollection, kSearchset };

// A Bundle of a person's results: for each submission its QuestionnaireResponse and its score
// Observation. NotFound (field "instrument_id") for a submission of an unknown instrument.
[[nodiscard]] core::Result<nlohmann::json> ToResultsBundle(
    const InstrumentCatalog& catalog, std::span<const StoredSubmission> submissions,
    BundleType type, const FhirOptions& options);

// A QuestionnaireResponse from another system, mapped to Haven answers and scored.
struct ImportedResponse {
  std::string instrument_id;
  std::vector<ItemAnswer> answers;
  std::optional<core::Timestamp> authored;
  ScoredAssessment scored;
};

// Validates and maps an R4 QuestionnaireResponse. The instrument is found from `questionnaire`
// (Haven canonical, or a URL ending in the panel LOINC code or instrument id) or else from
// LOINC item linkIds ("/44250-9", "44250-9") or Haven linkIds ("q1"). Requires status
// "completed" and one valueCoding per answered item matching the answer list. A calculated total
// item, if present, must equal the computed total. InvalidArgument with a FHIRPath-like field,
// e.g. "QuestionnaireResponse.item[3].answer[0].valueCoding.code".
[[nodiscard]] core::Result<ImportedResponse> ImportQuestionnaireResponse(
    const nlohmann::json& resource, const InstrumentCatalog& catalog, const FhirOptions& options);

// Parses a FHIR dateTime with time and zone ("2024-03-15T10:00:00Z", "...+01:00", fractions
// allowed). InvalidArgument (field `field`) otherwise.
[[nodiscard]] core::Result<core::Timestamp> ParseFhirDateTime(std::string_view text,
                                                              const std::string& field);

}  // namespace haven::assess
