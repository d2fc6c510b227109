// SqliteStore: the hash-chained audit log.
#include "privacy/audit.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace haven::store {
namespace {

constexpr std::size_t kHashSize = 32;

core::Result<privacy::AuditEvent> ReadAuditRow(const Statement& row) {
  privacy::AuditEvent event;
  event.sequence = row.ColumnInt64(0);
  event.at = core::FromUnixMillis(row.ColumnInt64(1));
  event.action = row.ColumnText(2);
  event.actor_id = row.ColumnText(3);
  event.subject_id = row.ColumnText(4);
  event.detail = row.ColumnText(5);
  event.address = row.ColumnText(6);
  event.previous_hash = row.ColumnBlob(7);
  event.hash = row.ColumnBlob(8);
  return event;
}

struct ChainTip {
  std::int64_t sequence = 0;
  core::Bytes hash = core::Bytes(kHashSize, 0);  // the first row links to 32 zero bytes
};

core::Result<ChainTip> ReadTip(Connection& connection) {
  auto tip = QueryOne(
      connection, "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1",
      [](const Statement& row) -> core::Result<ChainTip> {
        return ChainTip{row.ColumnInt64(0), row.ColumnBlob(1)};
      },
      "empty audit log");
  if (!tip && tip.error().code == core::ErrorCode::kNotFound) return ChainTip{};
  return tip;
}

}  // namespace

core::Status SqliteStore::AppendAudit(privacy::AuditEvent event) {
  // BEGIN IMMEDIATE takes the write lock before the tip is read, so no other writer (thread
  // or process) can append between reading the tip and inserting: the chain cannot fork.
  return database_->InTransaction([&](Connection& connection) -> core::Status {
    auto tip = ReadTip(connection);
    if (!tip) return std::unexpected(tip.error());
    event.sequence = tip->sequence + 1;
    event.previous_hash = std::move(tip->hash);
    event.hash = privacy::ChainHash(event.previous_hash, event);
    return Execute(connection,
                   "INSERT INTO audit_log (sequence, at, action, actor_id, subject_id, detail, "
                   "address, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   event.sequence, event.at, event.action, event.actor_id, event.subject_id,
                   event.detail, event.address, event.previous_hash, event.hash);
  });
}

core::Result<std::vector<privacy::AuditEvent>> SqliteStore::ReadAudit(std::int64_t after_sequence,
                                                                      std::size_t limit) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryAll(connection,
                    "SELECT sequence, at, action, actor_id, subject_id, detail, address, "
                    "previous_hash, hash FROM audit_log WHERE sequence > ? "
                    "ORDER BY sequence LIMIT ?",
                    ReadAuditRow, after_sequence, LimitParameter(limit));
  });
}

}  // namespace haven::store
