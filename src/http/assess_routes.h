// /api/v1/instruments, /api/v1/assessments and /api/v1/fhir/*: questionnaires, scored
// submissions, history, due dates and their FHIR R4 forms. Shapes are documented in docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "account/account_service.h"
#include "assess/assessment_service.h"
#include "http/router.h"

namespace haven::http {

struct AssessRouteDependencies {
  account::AccountService& accounts;
  assess::AssessmentService& assessments;
};

// Instruments, submissions, history and due dates (application/json). All need log-in.
void AddAssessRoutes(Router& router, AssessRouteDependencies deps);

// FHIR R4 reads (application/fhir+json) and the QuestionnaireResponse import. All need log-in.
void AddFhirRoutes(Router& router, AssessRouteDependencies deps);

// Content type of FHIR resources.
inline constexpr std::string_view kFhirJson = "application/fhir+json";

// A stored submission as the API shows it: id, instrument, submitted_at, total, severity,
// flags, ... (docs/api.md); texts in `locale`. `with_answers` adds {"answers": {item: score}}.
enum class WithAnswers { kNo, kYes };
[[nodiscard]] nlohmann::json SubmissionJson(const assess::InstrumentCatalog& catalog,
                                            const assess::StoredSubmission& submission,
                                            std::string_view locale, WithAnswers with_answers);

// The response to a submit or import: SubmissionJson plus reliable_change, safety and stored.
[[nodiscard]] nlohmann::json SubmitResultJson(const assess::InstrumentCatalog& catalog,
                                              const assess::SubmitResult& result,
                                              std::string_view locale);

// The language the request's texts are in: ?locale= when given, else the user's locale.
[[nodiscard]] std::string RequestLocale(const ApiRequest& request, const account::User& user);

}  // namespace haven::http
