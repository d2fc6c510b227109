#include "privacy/audit.h"

#include <gtest/gtest.h>

#include <thread>
#include <utility>
#include <vector>

#include "privacy/testing/fake_repositories.h"

namespace haven::privacy {
namespace {

using testing::FakeAuditRepository;

class AuditTest : public ::testing::Test {
 protected:
  void RecordEvents(int count) {
    for (int i = 1; i <= count; ++i) {
      ASSERT_TRUE(log_.Record("auth.login", "user-" + std::to_string(i), "user-1",
                              "detail " + std::to_string(i), "10.0.0.1")
                      .has_value());
      clock_.Advance(std::chrono::seconds(1));
    }
  }
  AuditVerification Verify() {
    auto result = VerifyAuditChain(repository_);
    EXPECT_TRUE(result.has_value());
    return result.value_or(AuditVerification{});
  }

  core::FakeClock clock_;
  FakeAuditRepository repository_;
  AuditLog log_{repository_, clock_};
};

TEST_F(AuditTest, RecordFillsTheEventWithTheCurrentTime) {
  const core::Timestamp now = clock_.Now();
  ASSERT_TRUE(log_.Record("account.deleted", "actor", "subject", "why", "::1").has_value());
  const auto rows = repository_.Rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sequence, 1);
  EXPECT_EQ(rows[0].at, now);
  EXPECT_EQ(rows[0].action, "account.deleted");
  EXPECT_EQ(rows[0].actor_id, "actor");
  EXPECT_EQ(rows[0].subject_id, "subject");
  EXPECT_EQ(rows[0].detail, "why");
  EXPECT_EQ(rows[0].address, "::1");
  EXPECT_EQ(rows[0].previous_hash, core::Bytes(32, 0));
  EXPECT_EQ(rows[0].hash.size(), 32u);
}

TEST_F(AuditTest, EmptyLogIsIntact) {
  const AuditVerification result = Verify();
  EXPECT_TRUE(result.intact);
  EXPECT_EQ(result.rows_checked, 0);
}

TEST_F(AuditTest, UntouchedChainVerifies) {
  RecordEvents(5);
  const AuditVerification result = Verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows_checked, 5);
  EXPECT_EQ(result.first_bad_sequence, 0);
}

TEST_F(AuditTest, VerifiesAcrossManyPages) {
  RecordEvents(1203);
  const AuditVerification result = Verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows_checked, 1203);
}

TEST_F(AuditTest, DetectsATamperedDetail) {
  RecordEvents(5);
  repository_.MutableRows()[2].detail = "nothing to see";
  const AuditVerification result = Verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_sequence, 3);
  EXPECT_EQ(result.rows_checked, 2);
  EXPECT_NE(result.problem.find("altered"), std::string::npos) << result.problem;
}

TEST_F(AuditTest, DetectsATamperedTimestamp) {
  RecordEvents(3);
  repository_.MutableRows()[1].at += std::chrono::milliseconds(1);
  EXPECT_EQ(Verify().first_bad_sequence, 2);
}

TEST_F(AuditTest, DetectsADeletedMiddleRow) {
  RecordEvents(5);
  auto& rows = repository_.MutableRows();
  rows.erase(rows.begin() + 2);
  const AuditVerification result = Verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_sequence, 4);
  EXPECT_NE(result.problem.find("expected sequence 3"), std::string::npos) << result.problem;
}

TEST_F(AuditTest, DetectsAReorderedRow) {
  RecordEvents(5);
  auto& rows = repository_.MutableRows();
  std::swap(rows[1], rows[2]);
  const AuditVerification result = Verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_sequence, 3);
}

TEST_F(AuditTest, DetectsAReorderedAndRenumberedRow) {
  RecordEvents(5);
  auto& rows = repository_.MutableRows();
  std::swap(rows[1], rows[2]);
  std::swap(rows[1].sequence, rows[2].sequence);
  const AuditVerification result = Verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_sequence, 2);
  EXPECT_NE(result.problem.find("previous_hash"), std::string::npos) << result.problem;
}

TEST_F(AuditTest, DetectsARowRewrittenWithARecomputedHash) {
  // Rewriting a row and its own hash still breaks the link from the next row.
  RecordEvents(4);
  auto& rows = repository_.MutableRows();
  rows[1].detail = "rewritten";
  rows[1].hash = ChainHash(rows[1].previous_hash, rows[1]);
  const AuditVerification result = Verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_sequence, 3);
}

TEST_F(AuditTest, FirstRowMustLinkToZeroHash) {
  RecordEvents(2);
  auto& rows = repository_.MutableRows();
  rows[0].previous_hash = core::Bytes(32, 1);
  rows[0].hash = ChainHash(rows[0].previous_hash, rows[0]);
  EXPECT_EQ(Verify().first_bad_sequence, 1);
}

TEST_F(AuditTest, ConcurrentRecordsKeepOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < 50; ++i) EXPECT_TRUE(log_.Record("auth.login", "a", "s").has_value());
    });
  }
  for (auto& thread : threads) thread.join();
  const AuditVerification result = Verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.rows_checked, 200);
}

TEST(ChainHash, LengthPrefixKeepsFieldBoundaries) {
  AuditEvent first;
  first.action = "ab";
  first.actor_id = "c";
  AuditEvent second;
  second.action = "a";
  second.actor_id = "bc";
  const core::Bytes zero(32, 0);
  EXPECT_NE(ChainHash(zero, first), ChainHash(zero, second));
}

TEST(ChainHash, CoversEveryFieldButTheHashItself) {
  AuditEvent base;
  base.sequence = 7;
  base.action = "auth.login";
  const core::Bytes zero(32, 0);
  const core::Bytes expected = ChainHash(zero, base);
  AuditEvent with_hash = base;
  with_hash.hash = core::Bytes(32, 9);
  EXPECT_EQ(ChainHash(zero, with_hash), expected);
  EXPECT_NE(ChainHash(core::Bytes(32, 1), base), expected);
  const std::vector<void (*)(AuditEvent&)> changes = {
      [](AuditEvent& e) { e.sequence = 8; },
      [](AuditEvent& e) { e.at += std::chrono::milliseconds(1); },
      [](AuditEvent& e) { e.action = "auth.logout"; },
      [](AuditEvent& e) { e.actor_id = "x"; },
      [](AuditEvent& e) { e.subject_id = "x"; },
      [](AuditEvent& e) { e.detail = "x"; },
      [](AuditEvent& e) { e.address = "x"; },
  };
  for (auto change : changes) {
    AuditEvent changed = base;
    change(changed);
    EXPECT_NE(ChainHash(zero, changed), expected);
  }
}

}  // namespace
}  // namespace haven::privacy
