#include <gtest/gtest.h>

#include "assess/answers_codec.h"
#include "assess/submission.h"
#include "assess/testing/catalog.h"
#include "assess/testing/fake_assessment_repository.h"

namespace haven::assess {
namespace {

using std::chrono::days;

const core::Timestamp kDay0 = core::FromUnixMillis(1'700'000'000'000);

SealedSubmission Make(const std::string& id, const std::string& user, const std::string& instrument,
                      core::Timestamp at, const std::string& client_id) {
  auto scored = Score(testing::Shipped(instrument),
                      testing::AnswersWithTotal(testing::Shipped(instrument), 3));
  EXPECT_TRUE(scored.has_value());
  return ToSealedSubmission(ToStoredSubmission(testing::Shipped(instrument), *scored,
                                               SubmissionMeta{id, user, client_id, at, "es"}),
                            core::Bytes{0x00, 0x01, 0x02});
}

safety::RiskEvent EventFor(const std::string& user, const std::string& id) {
  return safety::RiskEvent{id,  user,         kDay0,       safety::RiskLevel::kElevated,
                           0.5, "assessment", "reference", {}};
}

TEST(AnswersCodec, RoundTripKeepsOrder) {
  std::vector<ItemAnswer> answers = {{"q2", 1}, {"q1", 3}, {"difficulty", 0}};
  std::string json = AnswersToJson(answers);
  EXPECT_EQ(json, R"({"q2":1,"q1":3,"difficulty":0})");
  auto back = AnswersFromJson(json);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, answers);
}

TEST(AnswersCodec, RejectsMalformedJson) {
  EXPECT_EQ(AnswersFromJson("[1,2]").error().field, "answers");
  EXPECT_EQ(AnswersFromJson("{\"q1\":").error().field, "answers");
  EXPECT_EQ(AnswersFromJson(R"({"q1":"two"})").error().field, "answers.q1");
}

TEST(ToStoredSubmission, CarriesScoreAndFlags) {
  auto scored = Score(testing::Shipped("phq9"), testing::Numbered({1, 1, 0, 0, 0, 0, 0, 0, 1}));
  ASSERT_TRUE(scored.has_value());
  StoredSubmission s = ToStoredSubmission(testing::Shipped("phq9"), *scored,
                                          SubmissionMeta{"id1", "u1", "c1", kDay0, "en"});
  EXPECT_EQ(s.instrument_id, "phq9");
  EXPECT_EQ(s.instrument_version, "1.0.0");
  EXPECT_EQ(s.total, 3);
  EXPECT_EQ(s.band_code, "minimal");
  EXPECT_EQ(s.flags, std::vector<std::string>{"suicidal_ideation_item"});
  EXPECT_TRUE(s.cssrs_risk.empty());
}

TEST(SealedSubmission, RoundTripKeepsEverythingButTheAnswersReadable) {
  auto scored = Score(testing::Shipped("phq9"), testing::Numbered({3, 3, 3, 3, 3, 3, 3, 3, 1}));
  ASSERT_TRUE(scored.has_value());
  StoredSubmission stored = ToStoredSubmission(testing::Shipped("phq9"), *scored,
                                               SubmissionMeta{"id1", "u1", "c1", kDay0, "es"});
  SealedSubmission sealed = ToSealedSubmission(stored, core::Bytes{9, 9});
  EXPECT_EQ(sealed.sealed_answers, (core::Bytes{9, 9}));
  EXPECT_EQ(sealed.total, 25);
  EXPECT_EQ(sealed.band_code, "severe");
  EXPECT_EQ(sealed.flags, stored.flags);
  EXPECT_EQ(FromSealedSubmission(sealed, stored.answers), stored);
}

TEST(FakeAssessmentRepository, DuplicateClientSubmissionIsAConflict) {
  testing::FakeAssessmentRepository repo;
  ASSERT_TRUE(repo.SaveSubmission(Make("a", "u1", "phq9", kDay0, "c1"), {}).has_value());
  auto again = repo.SaveSubmission(Make("b", "u1", "phq9", kDay0, "c1"), EventFor("u1", "e1"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "client_submission_id");
  // Another user may use the same client id.
  EXPECT_TRUE(repo.risk_events().empty());  // nothing of the failed save is kept
  EXPECT_TRUE(repo.SaveSubmission(Make("c", "u2", "phq9", kDay0, "c1"), {}).has_value());
  auto found = repo.FindByClientSubmissionId("u1", "c1");
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, "a");
  EXPECT_FALSE(repo.FindByClientSubmissionId("u1", "nope")->has_value());
}

TEST(FakeAssessmentRepository, ListsByUserInstrumentAndRangeOldestFirst) {
  testing::FakeAssessmentRepository repo;
  ASSERT_TRUE(repo.SaveSubmission(Make("3", "u1", "phq9", kDay0 + days(14), "c3"), {}).has_value());
  ASSERT_TRUE(repo.SaveSubmission(Make("1", "u1", "phq9", kDay0, "c1"), {}).has_value());
  ASSERT_TRUE(repo.SaveSubmission(Make("2", "u1", "gad7", kDay0 + days(1), "c2"), {}).has_value());
  ASSERT_TRUE(repo.SaveSubmission(Make("4", "u2", "phq9", kDay0, "c4"), {}).has_value());
  auto phq9 = repo.ListSubmissions(SubmissionQuery{"u1", "phq9", std::nullopt, std::nullopt});
  ASSERT_EQ(phq9->size(), 2u);
  EXPECT_EQ((*phq9)[0].id, "1");
  EXPECT_EQ((*phq9)[1].id, "3");
  auto window = repo.ListSubmissions(SubmissionQuery{"u1", "", kDay0 + days(1), kDay0 + days(14)});
  ASSERT_EQ(window->size(), 1u);  // `to` is exclusive
  EXPECT_EQ((*window)[0].id, "2");
}

TEST(FakeAssessmentRepository, KeepsTheRiskEventWithItsSubmission) {
  testing::FakeAssessmentRepository repo;
  ASSERT_TRUE(
      repo.SaveSubmission(Make("a", "u1", "phq9", kDay0, "c1"), EventFor("u1", "e1")).has_value());
  ASSERT_EQ(repo.risk_events().size(), 1u);
  EXPECT_EQ(repo.risk_events()[0].id, "e1");
  auto foreign = repo.SaveSubmission(Make("b", "u1", "phq9", kDay0, "c2"), EventFor("u2", "e2"));
  EXPECT_EQ(foreign.error().field, "risk_event");
  EXPECT_EQ(repo.size(), 1u);
}

}  // namespace
}  // namespace haven::assess
