// The FHIR R4 side of the assessment API: Questionnaire, QuestionnaireResponse, Observation,
// Bundle reads (application/fhir+json) and the QuestionnaireResponse import.
#include <fmt/format.h>

#include "http/assess_routes.h"
#include "http/auth_routes.h"
#include "http/request_body.h"

namespace haven::http {
namespace {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

ApiResponse FhirResponse(int status, const json& resource) {
  ApiResponse response = JsonResponse(status, resource);
  response.content_type = std::string(kFhirJson);
  return response;
}

assess::FhirOptions OptionsFor(const assess::AssessmentService& service, std::string_view locale) {
  assess::FhirOptions options = service.fhir_options();
  options.locale = safety::SupportedLanguage(locale);
  return options;
}

// The instrument with this FHIR id ("cssrs-screen") or Haven id ("cssrs_screen").
const assess::Instrument* FindByFhirId(const assess::InstrumentCatalog& catalog,
                                       std::string_view id) {
  for (const assess::Instrument& instrument : catalog.All()) {
    if (instrument.id == id || assess::FhirId(instrument) == id) return &instrument;
  }
  return nullptr;
}

// ?patient= may name only the person asking: "me", their id, or "Patient/<either>".
core::Status CheckPatient(const ApiRequest& request, const account::User& user) {
  auto it = request.query.find("patient");
  if (it == request.query.end()) return {};
  std::string_view patient = it->second;
  if (patient.starts_with("Patient/")) patient.remove_prefix(8);
  if (patient == "me" || patient == user.id) return {};
  return Fail(ErrorCode::kPermissionDenied, "You can read only your own results: use patient=me.",
              "patient");
}

core::Result<std::vector<assess::StoredSubmission>> AllResults(AssessRouteDependencies& deps,
                                                               const account::User& user) {
  return deps.assessments.History(assess::SubmissionQuery{user.id, "", {}, {}});
}

json SearchEntry(const json& resource, const assess::FhirOptions& options) {
  return {{"fullUrl",
           fmt::format("{}/{}/{}", options.base_url, resource["resourceType"].get<std::string>(),
                       resource["id"].get<std::string>())},
          {"resource", resource},
          {"search", {{"mode", "match"}}}};
}

json Searchset(json entries) {
  const std::size_t total = entries.size();
  return {{"resourceType", "Bundle"},
          {"type", "searchset"},
          {"total", total},
          {"entry", std::move(entries)}};
}

// True when the Observation's code has a coding matching `token` ("code" or "system|code").
bool CodeMatches(const json& observation, std::string_view token) {
  std::string_view system;
  std::string_view code = token;
  if (auto bar = token.find('|'); bar != std::string_view::npos) {
    system = token.substr(0, bar);
    code = token.substr(bar + 1);
  }
  for (const json& coding : observation["code"].value("coding", json::array())) {
    if (coding.value("code", "") != code) continue;
    if (system.empty() || coding.value("system", "") == system) return true;
  }
  return false;
}

ApiResponse GetQuestionnaire(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  const std::string& id = request.path_params.at("id");
  const assess::Instrument* instrument = FindByFhirId(deps.assessments.catalog(), id);
  if (instrument == nullptr) {
    return ErrorResponse(404, "not_found", "There is no Questionnaire '" + id + "'.", "id");
  }
  const auto options = OptionsFor(deps.assessments, RequestLocale(request, *user));
  return FhirResponse(200, assess::ToQuestionnaire(*instrument, options));
}

ApiResponse SearchResponses(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  if (auto allowed = CheckPatient(request, *user); !allowed) return ErrorResponse(allowed.error());
  auto results = AllResults(deps, *user);
  if (!results) return ErrorResponse(results.error());
  const auto options = OptionsFor(deps.assessments, RequestLocale(request, *user));
  json entries = json::array();
  for (const assess::StoredSubmission& submission : *results) {
    const assess::Instrument* instrument =
        deps.assessments.catalog().Find(submission.instrument_id);
    if (instrument == nullptr) continue;  // instrument withdrawn from content
    auto resource = assess::ToQuestionnaireResponse(*instrument, submission, options);
    if (!resource) return ErrorResponse(resource.error());
    entries.push_back(SearchEntry(*resource, options));
  }
  return FhirResponse(200, Searchset(std::move(entries)));
}

ApiResponse SearchObservations(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  if (auto allowed = CheckPatient(request, *user); !allowed) return ErrorResponse(allowed.error());
  auto results = AllResults(deps, *user);
  if (!results) return ErrorResponse(results.error());
  const auto options = OptionsFor(deps.assessments, RequestLocale(request, *user));
  auto code = request.query.find("code");
  json entries = json::array();
  for (const assess::StoredSubmission& submission : *results) {
    const assess::Instrument* instrument =
        deps.assessments.catalog().Find(submission.instrument_id);
    if (instrument == nullptr) continue;
    auto resource = assess::ToScoreObservation(*instrument, submission, options);
    if (!resource) return ErrorResponse(resource.error());
    if (code != request.query.end() && !CodeMatches(*resource, code->second)) continue;
    entries.push_back(SearchEntry(*resource, options));
  }
  return FhirResponse(200, Searchset(std::move(entries)));
}

ApiResponse ResultsBundle(ApiRequest& request, AssessRouteDependencies& deps,
                          assess::BundleType type) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto results = AllResults(deps, *user);
  if (!results) return ErrorResponse(results.error());
  std::erase_if(*results, [&](const assess::StoredSubmission& s) {
    return deps.assessments.catalog().Find(s.instrument_id) == nullptr;
  });
  const auto options = OptionsFor(deps.assessments, RequestLocale(request, *user));
  auto bundle = assess::ToResultsBundle(deps.assessments.catalog(), *results, type, options);
  if (!bundle) return ErrorResponse(bundle.error());
  return FhirResponse(200, *bundle);
}

ApiResponse ImportResponse(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto body = ParseJsonObject(request);
  if (!body) return ErrorResponse(body.error());
  const std::string locale = RequestLocale(request, *user);
  auto result = deps.assessments.ImportFhirResponse(user->id, *body, locale);
  if (!result) return ErrorResponse(result.error());
  return JsonResponse(result->stored ? 201 : 200,
                      SubmitResultJson(deps.assessments.catalog(), *result, locale));
}

}  // namespace

void AddFhirRoutes(Router& router, AssessRouteDependencies deps) {
  router.Add("GET", "/api/v1/fhir/Questionnaire/:id",
             [deps](ApiRequest& request) mutable { return GetQuestionnaire(request, deps); });
  router.Add("GET", "/api/v1/fhir/QuestionnaireResponse",
             [deps](ApiRequest& request) mutable { return SearchResponses(request, deps); });
  router.Add("POST", "/api/v1/fhir/QuestionnaireResponse",
             [deps](ApiRequest& request) mutable { return ImportResponse(request, deps); });
  router.Add("GET", "/api/v1/fhir/Observation",
             [deps](ApiRequest& request) mutable { return SearchObservations(request, deps); });
  router.Add("GET", "/api/v1/fhir/Bundle", [deps](ApiRequest& request) mutable {
    return ResultsBundle(request, deps, assess::BundleType::kCollection);
  });
  router.Add("GET", "/api/v1/fhir/Patient/me/$everything", [deps](ApiRequest& request) mutable {
    return ResultsBundle(request, deps, assess::BundleType::kSearchset);
  });
}

}  // namespace haven::http
