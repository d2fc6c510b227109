#include "assess/fhir.h"

#include <fmt/format.h>

#include <algorithm>

#include "assess/fhir_codes.h"

namespace haven::assess {

using core::ErrorCode;
using core::Fail;
using core::Result;
using nlohmann::json;

namespace internal {

std::string HavenSystem(const FhirOptions& options, const std::string& name) {
  return fmt::format("{}/CodeSystem/{}", options.base_url, name);
}

json AnswerCoding(const Instrument& instrument, const AnswerOption& option,
                  const FhirOptions& options) {
  const std::string& display = TextFor(option.label, options.locale);
  if (!option.loinc.empty()) {
    return json{{"system", kLoincSystem}, {"code", option.loinc}, {"display", display}};
  }
  return json{{"system", HavenSystem(options, FhirId(instrument) + "-answers")},
              {"code", std::to_string(option.score)},
              {"display", display}};
}

bool CodingMatches(const json& coding, const Instrument& instrument, const AnswerOption& option,
                   const FhirOptions& options) {
  if (!coding.is_object() || !coding.contains("code") || !coding["code"].is_string()) return false;
  const std::string code = coding["code"].get<std::string>();
  std::string system;
  if (coding.contains("system") && coding["system"].is_string()) {
    system = coding["system"].get<std::string>();
  }
  if (!option.loinc.empty()) {
    return code == option.loinc && (system.empty() || system == kLoincSystem);
  }
  return code == std::to_string(option.score) &&
         system == HavenSystem(options, FhirId(instrument) + "-answers");
}

}  // namespace internal

namespace {

using internal::AnswerCoding;
using internal::HavenSystem;

const std::string kSurveyCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
const std::string kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

std::string ComputableName(const Instrument& instrument) {
  std::string name = "Haven";
  for (char c : instrument.name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) name += c;
  }
  return name;
}

std::string Reference(const std::string& type, const std::string& id) {
  return fmt::format("{}/{}", type, id);
}

json QuestionnaireItem(const Instrument& instrument, const Item& item, const FhirOptions& options) {
  json out{{"linkId", item.id},
           {"text", TextFor(item.text, options.locale)},
           {"type", "choice"},
           {"required", item.required}};
  if (!item.loinc.empty()) {
    out["code"] = json::array({json{{"system", kLoincSystem}, {"code", item.loinc}}});
  }
  if (item.enable_when) {
    const Item* target = instrument.FindItem(item.enable_when->item_id);
    for (const AnswerOption& option : target->options) {
      if (option.score != item.enable_when->equals) continue;
      out["enableWhen"] =
          json::array({json{{"question", target->id},
                            {"operator", "="},
                            {"answerCoding", AnswerCoding(instrument, option, options)}}});
    }
  }
  json answer_options = json::array();
  for (const AnswerOption& option : item.options) {
    answer_options.push_back(json{
        {"extension", json::array({json{{"url", kOrdinalValue}, {"valueDecimal", option.score}}})},
        {"valueCoding", AnswerCoding(instrument, option, options)}});
  }
  out["answerOption"] = std::move(answer_options);
  return out;
}

json Subject(const StoredSubmission& submission) {
  return json{{"reference", Reference("Patient", submission.user_id)}};
}

json ScoreCode(const Instrument& instrument, const FhirOptions& options) {
  std::string text = instrument.name + " total score";
  if (!instrument.total_loinc.empty()) {
    return json{{"coding", json::array({json{{"system", kLoincSystem},
                                             {"code", instrument.total_loinc},
                                             {"display", text}}})},
                {"text", text}};
  }
  return json{{"coding", json::array({json{{"system", HavenSystem(options, "scores")},
                                           {"code", FhirId(instrument) + "-total"},
                                           {"display", text}}})},
              {"text", text}};
}

json CssrsValue(const StoredSubmission& submission, const FhirOptions& options) {
  return json{{"coding", json::array({json{{"system", HavenSystem(options, "cssrs-risk")},
                                           {"code", submission.cssrs_risk}}})},
              {"text", submission.cssrs_risk}};
}

json Interpretation(const Instrument& instrument, const StoredSubmission& submission,
                    const FhirOptions& options) {
  std::string display = submission.band_code;
  for (const Band& band : instrument.bands) {
    if (band.code == submission.band_code) display = TextFor(band.label, options.locale);
  }
  return json::array({json{
      {"coding", json::array({json{{"system", HavenSystem(options, FhirId(instrument) + "-band")},
                                   {"code", submission.band_code},
                                   {"display", display}}})},
      {"text", display}}});
}

}  // namespace

std::string FhirId(const Instrument& instrument) {
  std::string id = instrument.id;
  std::replace(id.begin(), id.end(), '_', '-');
  return id;
}

std::string QuestionnaireCanonical(const Instrument& instrument, const FhirOptions& options) {
  return fmt::format("{}/Questionnaire/{}", options.base_url, FhirId(instrument));
}

json ToQuestionnaire(const Instrument& instrument, const FhirOptions& options) {
  json items = json::array();
  items.push_back(json{{"linkId", "instructions"},
                       {"type", "display"},
                       {"text", TextFor(instrument.instructions, options.locale)}});
  for (const Item& item : instrument.items) {
    items.push_back(QuestionnaireItem(instrument, item, options));
  }
  json out{{"resourceType", "Questionnaire"},
           {"id", FhirId(instrument)},
           {"language", options.locale},
           {"url", QuestionnaireCanonical(instrument, options)},
           {"version", instrument.version},
           {"name", ComputableName(instrument)},
           {"title", TextFor(instrument.title, options.locale)},
           {"status", "active"},
           {"subjectType", json::array({"Patient"})},
           {"publisher", instrument.licence.holder},
           {"copyright", instrument.licence.note + " Source: " + instrument.licence.source},
           {"item", std::move(items)}};
  if (!instrument.panel_loinc.empty()) {
    out["code"] = json::array({json{
        {"system", kLoincSystem}, {"code", instrument.panel_loinc}, {"display", instrument.name}}});
  }
  return out;
}

Result<json> ToQuestionnaireResponse(const Instrument& instrument,
                                     const StoredSubmission& submission,
                                     const FhirOptions& options) {
  json items = json::array();
  for (const ItemAnswer& answer : submission.answers) {
    const Item* item = instrument.FindItem(answer.item_id);
    const AnswerOption* chosen = nullptr;
    if (item != nullptr) {
      for (const AnswerOption& option : item->options) {
        if (option.score == answer.value) chosen = &option;
      }
    }
    if (chosen == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("answer {}={} does not fit {}", answer.item_id, answer.value,
                              instrument.name),
                  "answers." + answer.item_id);
    }
    items.push_back(
        json{{"linkId", item->id},
             {"text", TextFor(item->text, options.locale)},
             {"answer",
              json::array({json{{"valueCoding", AnswerCoding(instrument, *chosen, options)}}})}});
  }
  return json{{"resourceType", "QuestionnaireResponse"},
              {"id", submission.id},
              {"language", submission.locale.empty() ? options.locale : submission.locale},
              {"questionnaire", QuestionnaireCanonical(instrument, options)},
              {"status", "completed"},
              {"subject", Subject(submission)},
              {"authored", core::FormatIso8601(submission.submitted_at)},
              {"item", std::move(items)}};
}

Result<json> ToScoreObservation(const Instrument& instrument, const StoredSubmission& submission,
                                const FhirOptions& options) {
  json out{
      {"resourceType", "Observation"},
      {"id", submission.id + "-score"},
      {"status", "final"},
      {"category", json::array({json{{"coding", json::array({json{{"system", kSurveyCategory},
                                                                  {"code", "survey"},
                                                                  {"display", "Survey"}}})}}})},
      {"subject", Subject(submission)},
      {"effectiveDateTime", core::FormatIso8601(submission.submitted_at)},
      {"derivedFrom",
       json::array({json{{"reference", Reference("QuestionnaireResponse", submission.id)}}})}};
  if (instrument.kind == ScoringKind::kCssrs) {
    if (submission.cssrs_risk.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "C-SSRS submission has no risk level", "cssrs_risk");
    }
    out["code"] = json{{"coding", json::array({json{{"system", HavenSystem(options, "scores")},
                                                    {"code", FhirId(instrument) + "-risk"},
                                                    {"display", "C-SSRS screener risk level"}}})},
                       {"text", "C-SSRS screener risk level"}};
    out["valueCodeableConcept"] = CssrsValue(submission, options);
    return out;
  }
  if (!submission.total) {
    return Fail(ErrorCode::kInvalidArgument, "submission has no total", "total");
  }
  out["code"] = ScoreCode(instrument, options);
  out["valueInteger"] = *submission.total;
  if (!submission.band_code.empty())
    out["interpretation"] = Interpretation(instrument, submission, options);
  if (instrument.percentage_multiplier > 0) {
    out["component"] = json::array({json{
        {"code", json{{"coding", json::array({json{{"system", HavenSystem(options, "scores")},
                                                   {"code", FhirId(instrument) + "-percentage"},
                                                   {"display", "Percentage score"}}})}}},
        {"valueInteger", *submission.total * instrument.percentage_multiplier}}});
  }
  return out;
}

Result<json> ToResultsBundle(const InstrumentCatalog& catalog,
                             std::span<const StoredSubmission> submissions, BundleType type,
                             const FhirOptions& options) {
  json entries = json::array();
  auto add = [&](const json& resource, const char* mode) {
    json entry{{"fullUrl", fmt::format("{}/{}/{}", options.base_url,
                                       resource["resourceType"].get<std::string>(),
                                       resource["id"].get<std::string>())},
               {"resource", resource}};
    if (type == BundleType::kSearchset) entry["search"] = json{{"mode", mode}};
    entries.push_back(std::move(entry));
  };
  for (const StoredSubmission& submission : submissions) {
    const Instrument* instrument = catalog.Find(submission.instrument_id);
    if (instrument == nullptr) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("no instrument \"{}\" for submission {}", submission.instrument_id,
                              submission.id),
                  "instrument_id");
    }
    auto observation = ToScoreObservation(*instrument, submission, options);
    if (!observation) return std::unexpected(observation.error());
    auto response = ToQuestionnaireResponse(*instrument, submission, options);
    if (!response) return std::unexpected(response.error());
    add(*observation, "match");
    add(*response, "include");
  }
  json bundle{{"resourceType", "Bundle"},
              {"type", type == BundleType::kSearchset ? "searchset" : "collection"},
              {"entry", std::move(entries)}};
  if (type == BundleType::kSearchset) bundle["total"] = submissions.size();
  return bundle;
}

}  // namespace haven::assess
