// Store contract: the hash-chained audit log.
#include <thread>
#include <vector>

#include "privacy/audit.h"
#include "store/testing/store_contract_test.h"

namespace haven::store::testing {
namespace {

const core::Bytes kZeroHash(32, 0);

TEST_P(StoreContractTest, FirstAuditRowIsSequenceOneLinkedToZeroHash) {
  ASSERT_TRUE(audit().AppendAudit(NewAuditEvent("auth.signup", "u1")).has_value());
  auto rows = audit().ReadAudit(0, 10);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  const privacy::AuditEvent& row = (*rows)[0];
  EXPECT_EQ(row.sequence, 1);
  EXPECT_EQ(row.at, kStart);
  EXPECT_EQ(row.action, "auth.signup");
  EXPECT_EQ(row.actor_id, "u1");
  EXPECT_EQ(row.subject_id, "u1");
  EXPECT_EQ(row.detail, "test");
  EXPECT_EQ(row.address, "192.0.2.1");
  EXPECT_EQ(row.previous_hash, kZeroHash);
  EXPECT_EQ(row.hash, privacy::ChainHash(kZeroHash, row));
}

TEST_P(StoreContractTest, AuditAppendIgnoresCallerSuppliedSequenceAndHashes) {
  privacy::AuditEvent forged = NewAuditEvent("auth.login");
  forged.sequence = 42;
  forged.previous_hash = core::Bytes(32, 7);
  forged.hash = core::Bytes(32, 9);
  ASSERT_TRUE(audit().AppendAudit(forged).has_value());
  auto rows = audit().ReadAudit(0, 10);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].sequence, 1);
  EXPECT_EQ((*rows)[0].previous_hash, kZeroHash);
  EXPECT_EQ((*rows)[0].hash, privacy::ChainHash(kZeroHash, (*rows)[0]));
}

TEST_P(StoreContractTest, ReadAuditPagesAfterASequence) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(audit().AppendAudit(NewAuditEvent("event." + std::to_string(i))).has_value());
  }
  auto page = audit().ReadAudit(2, 2);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].sequence, 3);
  EXPECT_EQ((*page)[0].action, "event.2");
  EXPECT_EQ((*page)[1].sequence, 4);
  EXPECT_TRUE(audit().ReadAudit(5, 10)->empty());
  EXPECT_TRUE(audit().ReadAudit(0, 0)->empty());
  EXPECT_EQ(audit().ReadAudit(0, 100)->size(), 5u);
}

TEST_P(StoreContractTest, ConcurrentAuditAppendsFormOneGapFreeChain) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto event = NewAuditEvent("thread." + std::to_string(t), std::to_string(i));
        if (!audit().AppendAudit(event)) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;

  auto rows = audit().ReadAudit(0, 1000);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), static_cast<std::size_t>(kThreads * kPerThread));
  core::Bytes previous = kZeroHash;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const privacy::AuditEvent& row = (*rows)[i];
    ASSERT_EQ(row.sequence, static_cast<std::int64_t>(i + 1)) << "gap or duplicate";
    ASSERT_EQ(row.previous_hash, previous) << "fork at sequence " << row.sequence;
    ASSERT_EQ(row.hash, privacy::ChainHash(row.previous_hash, row)) << row.sequence;
    previous = row.hash;
  }
  auto verified = privacy::VerifyAuditChain(audit());
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->rows_checked, kThreads * kPerThread);
}

}  // namespace
}  // namespace haven::store::testing
