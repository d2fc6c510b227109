#include "assess/fhir.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assess/submission.h"
#include "assess/testing/catalog.h"

namespace haven::assess {
namespace {

using nlohmann::json;
using testing::Numbered;
using testing::Shipped;
using testing::ShippedCatalog;

const core::Timestamp kAt = core::FromUnixMillis(1'700'000'000'000);  // 2023-11-14T22:13:20Z

StoredSubmission Submit(const std::string& id, const std::vector<ItemAnswer>& answers,
                        const std::string& submission_id = "0123456789abcdef0123456789abcdef") {
  auto scored = Score(Shipped(id), answers);
  EXPECT_TRUE(scored.has_value()) << scored.error().message;
  return ToStoredSubmission(Shipped(id), *scored,
                            SubmissionMeta{submission_id, "user42", "client-1", kAt, "en"});
}

TEST(FhirQuestionnaire, Phq9CarriesLoincCodesAndCanonical) {
  json q = ToQuestionnaire(Shipped("phq9"), FhirOptions{});
  EXPECT_EQ(q["resourceType"], "Questionnaire");
  EXPECT_EQ(q["url"], "http://haven.local/fhir/Questionnaire/phq9");
  EXPECT_EQ(q["code"][0]["code"], "44249-1");
  ASSERT_EQ(q["item"].size(), 11u);  // instructions + 9 items + difficulty
  EXPECT_EQ(q["item"][0]["type"], "display");
  EXPECT_EQ(q["item"][9]["linkId"], "q9");
  EXPECT_EQ(q["item"][9]["code"][0]["code"], "44260-8");
  EXPECT_EQ(q["item"][9]["answerOption"][3]["valueCoding"]["code"], "LA6571-9");
  EXPECT_EQ(q["item"][10]["required"], false);
}

TEST(FhirQuestionnaire, BaseUrlAndLocaleAreConfigurable) {
  json q = ToQuestionnaire(Shipped("gad7"), FhirOptions{"https://clinic.example/fhir", "es"});
  EXPECT_EQ(q["url"], "https://clinic.example/fhir/Questionnaire/gad7");
  EXPECT_EQ(q["language"], "es");
  EXPECT_EQ(q["item"][4]["text"], "Ha tenido dificultad para relajarse");
}

TEST(FhirQuestionnaire, CssrsSkipLogicBecomesEnableWhen) {
  json q = ToQuestionnaire(Shipped("cssrs_screen"), FhirOptions{});
  const json& q3 = q["item"][3];
  ASSERT_EQ(q3["linkId"], "q3");
  EXPECT_EQ(q3["enableWhen"][0]["question"], "q2");
  EXPECT_EQ(q3["enableWhen"][0]["answerCoding"]["code"], "LA33-6");
  EXPECT_FALSE(q.contains("code"));  // no confirmed panel LOINC
}

TEST(FhirObservation, Phq9TotalWithBandAndDerivedFrom) {
  StoredSubmission submission = Submit("phq9", Numbered({2, 2, 2, 2, 2, 1, 1, 1, 1}));
  auto observation = ToScoreObservation(Shipped("phq9"), submission, FhirOptions{});
  ASSERT_TRUE(observation.has_value());
  const json& o = *observation;
  EXPECT_EQ(o["code"]["coding"][0]["system"], "http://loinc.org");
  EXPECT_EQ(o["code"]["coding"][0]["code"], "44261-6");
  EXPECT_EQ(o["valueInteger"], 14);
  EXPECT_EQ(o["interpretation"][0]["coding"][0]["code"], "moderate");
  EXPECT_EQ(o["category"][0]["coding"][0]["code"], "survey");
  EXPECT_EQ(o["derivedFrom"][0]["reference"],
            "QuestionnaireResponse/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(o["effectiveDateTime"], "2023-11-14T22:13:20.000Z");
}

TEST(FhirObservation, Who5HasPercentageAndCssrsHasRisk) {
  auto who5 =
      ToScoreObservation(Shipped("who5"), Submit("who5", Numbered({3, 3, 2, 2, 2})), FhirOptions{});
  ASSERT_TRUE(who5.has_value());
  EXPECT_EQ((*who5)["valueInteger"], 12);
  EXPECT_EQ((*who5)["component"][0]["valueInteger"], 48);
  EXPECT_EQ((*who5)["code"]["coding"][0]["system"], "http://haven.local/fhir/CodeSystem/scores");
  std::vector<ItemAnswer> cssrs = {{"q1", 1}, {"q2", 0}, {"q6", 1}, {"q6_recent", 1}};
  auto risk =
      ToScoreObservation(Shipped("cssrs_screen"), Submit("cssrs_screen", cssrs), FhirOptions{});
  ASSERT_TRUE(risk.has_value());
  EXPECT_EQ((*risk)["valueCodeableConcept"]["coding"][0]["code"], "high");
}

TEST(FhirBundle, SearchsetHasResponsesAndScores) {
  std::vector<StoredSubmission> submissions = {
      Submit("phq9", Numbered({1, 1, 1, 1, 1, 1, 1, 1, 0}), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
      Submit("gad7", Numbered({1, 1, 1, 1, 1, 1, 1}), "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")};
  auto bundle = ToResultsBundle(ShippedCatalog(), submissions, BundleType::kSearchset, {});
  ASSERT_TRUE(bundle.has_value());
  EXPECT_EQ((*bundle)["type"], "searchset");
  EXPECT_EQ((*bundle)["total"], 2);
  ASSERT_EQ((*bundle)["entry"].size(), 4u);
  EXPECT_EQ((*bundle)["entry"][0]["fullUrl"],
            "http://haven.local/fhir/Observation/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-score");
  EXPECT_EQ((*bundle)["entry"][1]["resource"]["resourceType"], "QuestionnaireResponse");
  auto collection = ToResultsBundle(ShippedCatalog(), submissions, BundleType::kCollection, {});
  EXPECT_FALSE(collection->contains("total"));
  EXPECT_FALSE((*collection)["entry"][0].contains("search"));
}

TEST(FhirImport, RoundTripGivesBackTheAnswers) {
  for (const char* id : {"phq9", "gad7", "phq2", "gad2", "who5"}) {
    const Instrument& instrument = Shipped(id);
    auto answers = testing::AnswersWithTotal(instrument, instrument.max_total / 2);
    StoredSubmission submission = Submit(id, answers);
    auto response = ToQuestionnaireResponse(instrument, submission, FhirOptions{});
    ASSERT_TRUE(response.has_value());
    auto imported = ImportQuestionnaireResponse(*response, ShippedCatalog(), FhirOptions{});
    ASSERT_TRUE(imported.has_value()) << id << ": " << imported.error().message;
    EXPECT_EQ(imported->instrument_id, id);
    EXPECT_EQ(imported->answers, submission.answers) << id;
    EXPECT_EQ(imported->scored.total, submission.total);
    EXPECT_EQ(imported->authored, kAt);
  }
}

TEST(FhirImport, RoundTripKeepsCssrsSkipLogic) {
  std::vector<ItemAnswer> answers = {{"q1", 1}, {"q2", 1}, {"q3", 1},
                                     {"q4", 0}, {"q5", 0}, {"q6", 0}};
  auto response = ToQuestionnaireResponse(Shipped("cssrs_screen"), Submit("cssrs_screen", answers),
                                          FhirOptions{});
  auto imported = ImportQuestionnaireResponse(*response, ShippedCatalog(), FhirOptions{});
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(imported->scored.cssrs_risk, CssrsRisk::kModerate);
  EXPECT_TRUE(StartsSafetyFlow(imported->scored));
}

// A response shaped like the LHC-Forms / US Core PHQ-9 examples: LOINC linkIds, no system on
// the answer codings, a calculated total item, no Haven canonical.
json ForeignPhq9(const std::string& item9_code = "LA6569-3") {
  const std::vector<std::string> loinc = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                          "44258-2", "44252-5", "44253-3", "44260-8"};
  json items = json::array();
  for (std::size_t i = 0; i < loinc.size(); ++i) {
    std::string code = i == 8 ? item9_code : "LA6568-5";
    items.push_back(json{{"linkId", "/" + loinc[i]},
                         {"answer", json::array({json{{"valueCoding", json{{"code", code}}}}})}});
  }
  items.push_back(
      json{{"linkId", "/44261-6"}, {"answer", json::array({json{{"valueDecimal", 1}}})}});
  return json{{"resourceType", "QuestionnaireResponse"},
              {"status", "completed"},
              {"questionnaire", "http://hl7.org/fhir/us/core/Questionnaire/phq-9-example"},
              {"authored", "2024-03-15T10:00:00+01:00"},
              {"item", json::array({json{{"linkId", "/44249-1"}, {"item", items}}})}};
}

TEST(FhirImport, ForeignPhq9WithLoincLinkIdsIsRecognised) {
  auto imported = ImportQuestionnaireResponse(ForeignPhq9(), ShippedCatalog(), FhirOptions{});
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(imported->instrument_id, "phq9");
  EXPECT_EQ(imported->scored.total, 1);
  EXPECT_TRUE(StartsSafetyFlow(imported->scored));  // item 9 = 1
  auto expected = ParseFhirDateTime("2024-03-15T09:00:00Z", "x");
  EXPECT_EQ(imported->authored, *expected);
}

std::string ImportErrorField(const json& resource) {
  auto imported = ImportQuestionnaireResponse(resource, ShippedCatalog(), FhirOptions{});
  EXPECT_FALSE(imported.has_value());
  if (imported) return "";
  EXPECT_EQ(imported.error().code, core::ErrorCode::kInvalidArgument);
  return imported.error().field;
}

TEST(FhirImport, BadInputsNameTheFhirPath) {
  json in_progress = ForeignPhq9();
  in_progress["status"] = "in-progress";
  EXPECT_EQ(ImportErrorField(in_progress), "QuestionnaireResponse.status");

  EXPECT_EQ(ImportErrorField(ForeignPhq9("LA9999-9")),
            "QuestionnaireResponse.item[0].item[8].answer[0].valueCoding.code");

  json wrong_total = ForeignPhq9();
  wrong_total["item"][0]["item"][9]["answer"][0]["valueDecimal"] = 7;
  EXPECT_EQ(ImportErrorField(wrong_total), "QuestionnaireResponse.item[0].item[9].answer[0]");

  json missing = ForeignPhq9();
  missing["item"][0]["item"].erase(8);
  EXPECT_EQ(ImportErrorField(missing), "QuestionnaireResponse.item.where(linkId='/44260-8')");

  json two_answers = ForeignPhq9();
  two_answers["item"][0]["item"][0]["answer"].push_back(
      json{{"valueCoding", {{"code", "LA6568-5"}}}});
  EXPECT_EQ(ImportErrorField(two_answers), "QuestionnaireResponse.item[0].item[0].answer");

  json integer = ForeignPhq9();
  integer["item"][0]["item"][1]["answer"][0] = json{{"valueInteger", 2}};
  EXPECT_EQ(ImportErrorField(integer),
            "QuestionnaireResponse.item[0].item[1].answer[0].valueCoding");

  json wrong_system = ForeignPhq9();
  wrong_system["item"][0]["item"][2]["answer"][0]["valueCoding"]["system"] =
      "http://snomed.info/sct";
  EXPECT_EQ(ImportErrorField(wrong_system),
            "QuestionnaireResponse.item[0].item[2].answer[0].valueCoding.code");

  EXPECT_EQ(ImportErrorField(json{{"resourceType", "Observation"}}), "resourceType");
}

TEST(FhirImport, UnknownQuestionnaireOrLinkIdIsRejected) {
  json unknown = json{
      {"resourceType", "QuestionnaireResponse"},
      {"status", "completed"},
      {"questionnaire", "http://example.org/Questionnaire/other"},
      {"item",
       json::array({json{{"linkId", "x1"},
                         {"answer", json::array({json{{"valueCoding", {{"code", "1"}}}}})}}})}};
  EXPECT_EQ(ImportErrorField(unknown), "QuestionnaireResponse.questionnaire");

  auto response = ToQuestionnaireResponse(
      Shipped("gad7"), Submit("gad7", Numbered({0, 0, 0, 0, 0, 0, 0})), FhirOptions{});
  (*response)["item"][6]["linkId"] = "q8";
  EXPECT_EQ(ImportErrorField(*response), "QuestionnaireResponse.item[6].linkId");
}

TEST(FhirImport, AnswerToSkippedCssrsQuestionIsRejected) {
  std::vector<ItemAnswer> answers = {{"q1", 0}, {"q2", 0}, {"q6", 0}};
  auto response = ToQuestionnaireResponse(Shipped("cssrs_screen"), Submit("cssrs_screen", answers),
                                          FhirOptions{});
  json extra = (*response)["item"][1];
  extra["linkId"] = "q3";
  (*response)["item"].push_back(extra);
  EXPECT_EQ(ImportErrorField(*response), "QuestionnaireResponse.item.where(linkId='q3')");
}

TEST(FhirDateTime, ParsesZonesAndRejectsJunk) {
  EXPECT_EQ(*ParseFhirDateTime("2023-11-14T22:13:20.000Z", "f"), kAt);
  EXPECT_EQ(*ParseFhirDateTime("2023-11-14T17:13:20-05:00", "f"), kAt);
  EXPECT_FALSE(ParseFhirDateTime("2023-11-14", "f").has_value());
  EXPECT_FALSE(ParseFhirDateTime("2023-13-14T00:00:00Z", "f").has_value());
  EXPECT_EQ(ParseFhirDateTime("2023-11-14T22:13:20", "f").error().field, "f");
}

}  // namespace
}  // namespace haven::assess
