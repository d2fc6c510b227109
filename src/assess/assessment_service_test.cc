#include "assess/assessment_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "assess/answers_codec.h"
#include "assess/submission.h"
#include "assess/testing/catalog.h"
#include "assess/testing/fake_assessment_repository.h"
#include "privacy/crypto.h"
#include "privacy/testing/fake_repositories.h"

namespace haven::assess {
namespace {

using std::chrono::days;
using testing::Numbered;

constexpr char kMasterHex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string kAlice = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
const std::string kBob = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

bool Contains(const core::Bytes& haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

class AssessmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(privacy::InitCrypto().has_value());
    auto master = privacy::MasterKey::FromHex(kMasterHex);
    ASSERT_TRUE(master.has_value());
    master_ = std::make_unique<privacy::MasterKey>(std::move(*master));
    for (const std::string& user : {kAlice, kBob}) {
      keys_.AddWrappedKey(user, master_->Wrap(privacy::NewDataKey(), user));
    }
    keyring_ = std::make_unique<privacy::Keyring>(*master_, keys_);
    auto hotlines = safety::HotlineDirectory::Load("content");
    ASSERT_TRUE(hotlines.has_value()) << hotlines.error().message;
    auto messages = safety::SafetyMessages::Load("content");
    ASSERT_TRUE(messages.has_value()) << messages.error().message;
    service_ = std::make_unique<AssessmentService>(
        AssessmentService::Dependencies{
            .assessments = repo_,
            .keyring = *keyring_,
            .catalog = std::make_shared<const InstrumentCatalog>(testing::ShippedCatalog()),
            .hotlines = *hotlines,
            .messages = *messages,
            .clock = clock_,
            .escalate =
                [this](const safety::RiskEvent& event) {
                  escalated_.push_back(event);
                  return alert_care_team_;
                }},
        policy_);
  }

  core::Result<SubmitResult> Submit(const std::string& instrument, std::vector<ItemAnswer> answers,
                                    std::optional<std::string> client_id = std::nullopt,
                                    const std::string& user = kAlice,
                                    const std::string& locale = "en-GB") {
    return service_->Submit(SubmitRequest{.user_id = user,
                                          .instrument_id = instrument,
                                          .answers = std::move(answers),
                                          .client_submission_id = std::move(client_id),
                                          .locale = locale,
                                          .taken_at = std::nullopt});
  }

  AssessmentPolicy policy_;
  core::FakeClock clock_;
  testing::FakeAssessmentRepository repo_;
  privacy::testing::FakeKeyRepository keys_;
  std::unique_ptr<privacy::MasterKey> master_;
  std::unique_ptr<privacy::Keyring> keyring_;
  std::unique_ptr<AssessmentService> service_;
  std::vector<safety::RiskEvent> escalated_;
  bool alert_care_team_ = false;
};

TEST_F(AssessmentServiceTest, SubmitScoresAndStoresAnswersSealed) {
  auto result = Submit("phq9", Numbered({2, 2, 2, 2, 2, 0, 0, 0, 0}), "c-1");
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->scored.total, 10);
  EXPECT_EQ(result->submission.band_code, "moderate");
  EXPECT_EQ(result->submission.client_submission_id, "c-1");
  EXPECT_TRUE(result->stored);
  EXPECT_FALSE(result->safety.has_value());
  EXPECT_FALSE(result->reliable_change.has_value());
  ASSERT_EQ(repo_.size(), 1u);
  const SealedSubmission stored = repo_.submissions()[0];
  EXPECT_EQ(stored.total, 10);
  EXPECT_EQ(stored.locale, "en-GB");
  EXPECT_FALSE(Contains(stored.sealed_answers, "q1"));
  EXPECT_FALSE(Contains(stored.sealed_answers, AnswersToJson(result->submission.answers)));
  EXPECT_TRUE(repo_.risk_events().empty());
}

TEST_F(AssessmentServiceTest, ItemNineAboveZeroStartsTheSafetyFlowWithARiskEvent) {
  alert_care_team_ = true;
  auto result = Submit("phq9", Numbered({1, 1, 0, 0, 0, 0, 0, 0, 1}));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->scored.total, 3);
  EXPECT_EQ(result->submission.band_code, "minimal");
  ASSERT_TRUE(result->safety.has_value());
  EXPECT_EQ(result->safety->resources.country, "GB");
  EXPECT_NE(result->safety->message.find("116 123"), std::string::npos);  // Samaritans
  EXPECT_TRUE(result->safety->care_team_alerted);
  ASSERT_EQ(repo_.risk_events().size(), 1u);
  const safety::RiskEvent event = repo_.risk_events()[0];
  EXPECT_EQ(event.source, "assessment");
  EXPECT_EQ(event.reference_id, result->submission.id);
  EXPECT_EQ(event.level, safety::RiskLevel::kElevated);
  EXPECT_EQ(event.user_id, kAlice);
  ASSERT_EQ(event.reasons.size(), 1u);
  EXPECT_EQ(event.reasons[0].source, "instrument");
  EXPECT_EQ(event.reasons[0].detail, "phq9.q9");
  ASSERT_EQ(escalated_.size(), 1u);
  EXPECT_EQ(escalated_[0].id, event.id);
}

TEST_F(AssessmentServiceTest, SafetyMessageIsInThePersonsLanguage) {
  auto result =
      Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 2}), std::nullopt, kAlice, "es-MX");
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(result->safety.has_value());
  EXPECT_EQ(result->safety->resources.country, "MX");
  auto english = Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 2}), std::nullopt, kBob, "en-MX");
  ASSERT_TRUE(english.has_value());
  EXPECT_NE(result->safety->message, english->safety->message);
}

TEST_F(AssessmentServiceTest, CssrsHighRiskIsACrisisEventAndModerateElevated) {
  const Instrument& cssrs = testing::Shipped("cssrs_screen");
  std::vector<ItemAnswer> all_yes;
  for (const Item& item : cssrs.items) all_yes.push_back(ItemAnswer{item.id, 1});
  auto high = Submit("cssrs_screen", all_yes);
  ASSERT_TRUE(high.has_value()) << high.error().message;
  ASSERT_TRUE(high->safety.has_value());
  EXPECT_EQ(high->safety->level, safety::RiskLevel::kCrisis);
  ASSERT_EQ(repo_.risk_events().size(), 1u);
  EXPECT_EQ(repo_.risk_events()[0].level, safety::RiskLevel::kCrisis);
  EXPECT_EQ(repo_.risk_events()[0].reasons[0].detail, "cssrs_screen.cssrs_high_risk");
  EXPECT_FALSE(high->reliable_change.has_value());  // no total, no change

  auto moderate = Submit("cssrs_screen", {{"q1", 1}, {"q2", 0}, {"q6", 1}, {"q6_recent", 0}},
                         std::nullopt, kBob);
  ASSERT_TRUE(moderate.has_value()) << moderate.error().message;
  ASSERT_TRUE(moderate->safety.has_value());
  EXPECT_EQ(moderate->safety->level, safety::RiskLevel::kElevated);
  EXPECT_EQ(repo_.risk_events().back().level, safety::RiskLevel::kElevated);
  auto low = Submit("cssrs_screen", {{"q1", 1}, {"q2", 0}, {"q6", 0}}, std::nullopt, kBob);
  ASSERT_TRUE(low.has_value()) << low.error().message;
  EXPECT_FALSE(low->safety.has_value());
  EXPECT_EQ(repo_.risk_events().size(), 2u);
}

TEST_F(AssessmentServiceTest, DuplicateClientSubmissionIdIsAConflict) {
  ASSERT_TRUE(Submit("gad7", Numbered({1, 1, 1, 1, 1, 1, 1}), "same").has_value());
  auto again = Submit("gad7", Numbered({1, 1, 1, 1, 1, 1, 1}), "same");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "client_submission_id");
  EXPECT_EQ(repo_.size(), 1u);
  // Another person may use the same client id.
  EXPECT_TRUE(Submit("gad7", Numbered({1, 1, 1, 1, 1, 1, 1}), "same", kBob).has_value());
}

TEST_F(AssessmentServiceTest, BadInputsNameTheField) {
  auto unknown = Submit("phq10", Numbered({0}));
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().field, "instrument");
  auto out_of_range = Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 4}));
  EXPECT_EQ(out_of_range.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(out_of_range.error().field, "answers.q9");
  auto missing = Submit("phq9", Numbered({0, 0, 0}));
  EXPECT_EQ(missing.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 0}), "bad id!").error().field,
            "client_submission_id");
  EXPECT_EQ(Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 0}), "").error().field,
            "client_submission_id");
  EXPECT_EQ(repo_.size(), 0u);
}

TEST_F(AssessmentServiceTest, ReliableChangeAgainstFirstAndPrevious) {
  ASSERT_TRUE(Submit("phq9", testing::AnswersWithTotal(testing::Shipped("phq9"), 20)).has_value());
  clock_.Advance(days(14));
  auto second = Submit("phq9", testing::AnswersWithTotal(testing::Shipped("phq9"), 16));
  ASSERT_TRUE(second.has_value());
  ASSERT_TRUE(second->reliable_change.has_value());
  EXPECT_EQ(second->reliable_change->since_first.summary.change, -4);
  clock_.Advance(days(14));
  auto third = Submit("phq9", testing::AnswersWithTotal(testing::Shipped("phq9"), 6));
  ASSERT_TRUE(third.has_value());
  const ReliableChange& change = *third->reliable_change;
  EXPECT_EQ(change.since_first.summary.change, -14);
  EXPECT_EQ(change.since_first.summary.jacobson_truax, ChangeCategory::kReliableImprovement);
  EXPECT_TRUE(change.since_first.summary.reliably_recovered);
  EXPECT_EQ(change.since_previous.summary.change, -10);
  EXPECT_EQ(change.since_previous.submission_id, second->submission.id);
  ASSERT_TRUE(change.threshold.has_value());
  EXPECT_GT(*change.threshold, 5.0);
}

// Submissions saved in the same millisecond are earlier ones too (CI once compared with the
// one before the previous, because the query's end is exclusive).
TEST_F(AssessmentServiceTest, ReliableChangeSeesSubmissionsFromTheSameMillisecond) {
  ASSERT_TRUE(Submit("phq9", testing::AnswersWithTotal(testing::Shipped("phq9"), 20)).has_value());
  auto second = Submit("phq9", testing::AnswersWithTotal(testing::Shipped("phq9"), 27));
  ASSERT_TRUE(second.has_value());
  auto third = Submit("phq9", testing::AnswersWithTotal(testing::Shipped("phq9"), 6));
  ASSERT_TRUE(third.has_value());
  ASSERT_TRUE(third->reliable_change.has_value());
  EXPECT_EQ(third->reliable_change->since_first.summary.change, -14);
  EXPECT_EQ(third->reliable_change->since_previous.summary.change, -21);
  EXPECT_EQ(third->reliable_change->since_previous.submission_id, second->submission.id);
}

TEST_F(AssessmentServiceTest, SafetyResultIsReturnedEvenWhenStoringFails) {
  repo_.FailNextSave();
  auto risky = Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 1}));
  ASSERT_TRUE(risky.has_value());
  EXPECT_FALSE(risky->stored);
  EXPECT_TRUE(risky->safety.has_value());
  repo_.FailNextSave();
  auto plain = Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 0}));
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code, core::ErrorCode::kUnavailable);
}

TEST_F(AssessmentServiceTest, HistoryOpensAnswersAndFiltersByInstrumentAndTime) {
  const core::Timestamp start = clock_.Now();
  ASSERT_TRUE(Submit("phq9", Numbered({1, 0, 0, 0, 0, 0, 0, 0, 0})).has_value());
  clock_.Advance(days(1));
  ASSERT_TRUE(Submit("gad7", Numbered({1, 1, 1, 1, 1, 1, 1})).has_value());
  clock_.Advance(days(1));
  ASSERT_TRUE(Submit("phq9", Numbered({2, 0, 0, 0, 0, 0, 0, 0, 0})).has_value());
  ASSERT_TRUE(
      Submit("phq9", Numbered({3, 0, 0, 0, 0, 0, 0, 0, 0}), std::nullopt, kBob).has_value());

  auto all = service_->History(SubmissionQuery{kAlice, "", std::nullopt, std::nullopt});
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].answers, Numbered({1, 0, 0, 0, 0, 0, 0, 0, 0}));
  auto phq9 = service_->History(SubmissionQuery{kAlice, "phq9", std::nullopt, std::nullopt});
  ASSERT_EQ(phq9->size(), 2u);
  EXPECT_EQ((*phq9)[1].total, 2);
  auto window = service_->History(SubmissionQuery{kAlice, "", start + days(1), start + days(2)});
  ASSERT_EQ(window->size(), 1u);
  EXPECT_EQ((*window)[0].instrument_id, "gad7");
  EXPECT_EQ(service_->History(SubmissionQuery{kAlice, "nope", {}, {}}).error().field, "instrument");
}

TEST_F(AssessmentServiceTest, DueEveryFourteenDaysAndAtOnceWhenNeverTaken) {
  ASSERT_TRUE(Submit("phq9", Numbered({0, 0, 0, 0, 0, 0, 0, 0, 0})).has_value());
  const core::Timestamp taken = clock_.Now();
  clock_.Advance(days(13));
  auto due = service_->Due(kAlice);
  ASSERT_TRUE(due.has_value());
  ASSERT_EQ(due->size(), testing::ShippedCatalog().All().size());
  for (const DueInstrument& item : *due) {
    if (item.instrument_id == "phq9") {
      EXPECT_FALSE(item.status.due);
      EXPECT_EQ(item.status.next_due, taken + days(14));
      EXPECT_EQ(item.last_submitted_at, taken);
    } else {
      EXPECT_TRUE(item.status.due) << item.instrument_id;
      EXPECT_FALSE(item.last_submitted_at.has_value());
    }
  }
  clock_.Advance(days(1));
  auto later = service_->Due(kAlice);
  auto phq9 = std::find_if(later->begin(), later->end(),
                           [](const DueInstrument& d) { return d.instrument_id == "phq9"; });
  EXPECT_TRUE(phq9->status.due);
}

TEST_F(AssessmentServiceTest, DueIntervalCanBeConfigured) {
  policy_.due_every_days = 7;
  SetUp();
  ASSERT_TRUE(Submit("gad7", Numbered({0, 0, 0, 0, 0, 0, 0})).has_value());
  auto due = service_->Due(kAlice);
  ASSERT_TRUE(due.has_value());
  for (const DueInstrument& item : *due) EXPECT_EQ(item.every_days, 7);
}

TEST_F(AssessmentServiceTest, ImportedFhirResponseIsScoredAndKeepsItsAuthoredTime) {
  const Instrument& phq9 = testing::Shipped("phq9");
  auto scored = Score(phq9, Numbered({3, 3, 3, 0, 0, 0, 0, 0, 0}));
  ASSERT_TRUE(scored.has_value());
  StoredSubmission sample = ToStoredSubmission(
      phq9, *scored, SubmissionMeta{"elsewhere-1", "p1", "x", clock_.Now() - days(3), "en"});
  auto resource = ToQuestionnaireResponse(phq9, sample, service_->fhir_options());
  ASSERT_TRUE(resource.has_value()) << resource.error().message;
  auto imported = service_->ImportFhirResponse(kAlice, *resource, "en-US");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(imported->scored.total, 9);
  EXPECT_EQ(imported->submission.submitted_at, clock_.Now() - days(3));
  EXPECT_EQ(imported->submission.client_submission_id, "fhir-elsewhere-1");
  auto again = service_->ImportFhirResponse(kAlice, *resource, "en-US");
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);

  (*resource)["authored"] = "2999-01-01T00:00:00Z";
  (*resource)["id"] = "elsewhere-2";
  EXPECT_EQ(service_->ImportFhirResponse(kAlice, *resource, "en-US").error().field,
            "QuestionnaireResponse.authored");
}

}  // namespace
}  // namespace haven::assess
