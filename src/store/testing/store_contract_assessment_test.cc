// Store contract: assessment submissions and the risk events they raise.
#include <chrono>

#include "store/testing/store_contract_test.h"

namespace haven::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::days;

std::vector<std::string> Ids(const std::vector<assess::SealedSubmission>& submissions) {
  std::vector<std::string> ids;
  for (const auto& submission : submissions) ids.push_back(submission.id);
  return ids;
}

assess::SubmissionQuery AllOf(const account::User& user, std::string instrument = "") {
  return assess::SubmissionQuery{user.id, std::move(instrument), std::nullopt, std::nullopt};
}

TEST_P(StoreContractTest, SubmissionRoundTripsEveryField) {
  const account::User user = AddUser("assess@example.org");
  const assess::SealedSubmission submission = NewSubmission(user, "phq9", kStart, "client-1");
  ASSERT_TRUE(assessments().SaveSubmission(submission, std::nullopt).has_value());
  auto listed = assessments().ListSubmissions(AllOf(user));
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0], submission);
  auto found = assessments().FindByClientSubmissionId(user.id, "client-1");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, submission);
  EXPECT_FALSE(assessments().FindByClientSubmissionId(user.id, "client-2")->has_value());
}

TEST_P(StoreContractTest, SubmissionsOfTheSameMillisecondComeBackInTheOrderSaved) {
  // "Since your first result" must mean the first one saved, even when two share a timestamp.
  const account::User user = AddUser("same-ms@example.org");
  std::vector<std::string> saved;
  for (int i = 0; i < 8; ++i) {
    assess::SealedSubmission submission =
        NewSubmission(user, "phq9", kStart, "client-" + std::to_string(i));
    ASSERT_TRUE(assessments().SaveSubmission(submission, std::nullopt).has_value());
    saved.push_back(submission.id);
  }
  auto listed = assessments().ListSubmissions(AllOf(user));
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  EXPECT_EQ(Ids(*listed), saved);
}

TEST_P(StoreContractTest, SubmissionWithoutTotalKeepsItEmpty) {
  const account::User user = AddUser("cssrs@example.org");
  assess::SealedSubmission submission = NewSubmission(user, "cssrs_screen", kStart);
  submission.total.reset();
  submission.band_code.clear();
  submission.cssrs_risk = "high";
  submission.flags = {"cssrs_high_risk"};
  ASSERT_TRUE(assessments().SaveSubmission(submission, std::nullopt).has_value());
  auto listed = assessments().ListSubmissions(AllOf(user));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_FALSE((*listed)[0].total.has_value());
  EXPECT_EQ((*listed)[0], submission);
  submission = NewSubmission(user, "phq9", kStart);
  submission.total = 0;  // zero is a total, not "none"
  submission.flags.clear();
  ASSERT_TRUE(assessments().SaveSubmission(submission, std::nullopt).has_value());
  EXPECT_EQ(assessments().ListSubmissions(AllOf(user, "phq9"))->at(0).total, 0);
  EXPECT_TRUE(assessments().ListSubmissions(AllOf(user, "phq9"))->at(0).flags.empty());
}

TEST_P(StoreContractTest, DuplicateClientSubmissionIdIsConflictOnThatField) {
  const account::User user = AddUser("dup@example.org");
  const account::User other = AddUser("dup2@example.org");
  ASSERT_TRUE(
      assessments().SaveSubmission(NewSubmission(user, "phq9", kStart, "c1"), {}).has_value());
  auto again = assessments().SaveSubmission(NewSubmission(user, "gad7", kStart, "c1"),
                                            NewRiskEvent(user, kStart));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "client_submission_id");
  EXPECT_TRUE(risks().ListRiskEvents(user.id, kStart)->empty());  // all or nothing
  EXPECT_TRUE(
      assessments().SaveSubmission(NewSubmission(other, "phq9", kStart, "c1"), {}).has_value());
  assess::SealedSubmission same_id = NewSubmission(other, "phq9", kStart, "c2");
  same_id.id = assessments().ListSubmissions(AllOf(user))->at(0).id;
  auto repeated = assessments().SaveSubmission(same_id, std::nullopt);
  ASSERT_FALSE(repeated.has_value());
  EXPECT_EQ(repeated.error().code, ErrorCode::kConflict);
  EXPECT_EQ(repeated.error().field, "id");
}

TEST_P(StoreContractTest, SubmissionAndItsRiskEventAreStoredTogether) {
  const account::User user = AddUser("riskitem@example.org");
  const assess::SealedSubmission submission = NewSubmission(user, "phq9", kStart);
  safety::RiskEvent event = NewRiskEvent(user, kStart);
  event.source = "assessment";
  event.reference_id = submission.id;
  event.reasons = {{"instrument", "phq9.q9"}};
  ASSERT_TRUE(assessments().SaveSubmission(submission, event).has_value());
  auto events = risks().ListRiskEvents(user.id, kStart);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].source, "assessment");
  EXPECT_EQ((*events)[0].reference_id, submission.id);
  EXPECT_EQ((*events)[0].reasons[0].detail, "phq9.q9");

  // A repeated risk event id fails the whole write: the submission is not kept either.
  assess::SealedSubmission second = NewSubmission(user, "phq9", kStart + days(1));
  EXPECT_EQ(assessments().SaveSubmission(second, event).error().code, ErrorCode::kConflict);
  EXPECT_EQ(assessments().ListSubmissions(AllOf(user))->size(), 1u);
}

TEST_P(StoreContractTest, SubmissionOfUnknownUserOrWithAnotherUsersEventFails) {
  const account::User user = AddUser("who@example.org");
  const account::User ghost = NewUser("ghost-assess@example.org");
  auto unknown = assessments().SaveSubmission(NewSubmission(ghost, "phq9", kStart), {});
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().field, "user_id");
  auto mixed = assessments().SaveSubmission(NewSubmission(user, "phq9", kStart),
                                            NewRiskEvent(AddUser("who2@example.org"), kStart));
  EXPECT_EQ(mixed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(assessments().ListSubmissions(AllOf(user))->empty());
}

TEST_P(StoreContractTest, ListSubmissionsFiltersByUserInstrumentAndHalfOpenRange) {
  const account::User user = AddUser("range@example.org");
  const account::User other = AddUser("range2@example.org");
  const auto a = NewSubmission(user, "phq9", kStart + days(14));
  const auto b = NewSubmission(user, "phq9", kStart);
  const auto c = NewSubmission(user, "gad7", kStart + days(1));
  for (const auto& s : {a, b, c, NewSubmission(other, "phq9", kStart + days(2))}) {
    ASSERT_TRUE(assessments().SaveSubmission(s, std::nullopt).has_value());
  }
  EXPECT_EQ(Ids(*assessments().ListSubmissions(AllOf(user))),
            (std::vector<std::string>{b.id, c.id, a.id}));
  EXPECT_EQ(Ids(*assessments().ListSubmissions(AllOf(user, "phq9"))),
            (std::vector<std::string>{b.id, a.id}));
  auto window = assessments().ListSubmissions(
      assess::SubmissionQuery{user.id, "", kStart + days(1), kStart + days(14)});
  EXPECT_EQ(Ids(*window), (std::vector<std::string>{c.id}));  // from inclusive, to exclusive
  auto from_only =
      assessments().ListSubmissions(assess::SubmissionQuery{user.id, "", kStart, std::nullopt});
  EXPECT_EQ(from_only->size(), 3u);
  EXPECT_TRUE(assessments().ListSubmissions(AllOf(user, "who5"))->empty());
}

TEST_P(StoreContractTest, DeletingAUserDeletesTheirSubmissions) {
  const account::User user = AddUser("gone@example.org");
  const account::User other = AddUser("stays@example.org");
  ASSERT_TRUE(
      assessments().SaveSubmission(NewSubmission(user, "phq9", kStart, "c1"), {}).has_value());
  ASSERT_TRUE(assessments().SaveSubmission(NewSubmission(other, "phq9", kStart), {}).has_value());
  ASSERT_TRUE(users().DeleteUser(user.id).has_value());
  EXPECT_TRUE(assessments().ListSubmissions(AllOf(user))->empty());
  EXPECT_FALSE(assessments().FindByClientSubmissionId(user.id, "c1")->has_value());
  EXPECT_EQ(assessments().ListSubmissions(AllOf(other))->size(), 1u);
}

}  // namespace
}  // namespace haven::store::testing
