// Storage the privacy module needs; implemented by src/store adapters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/clock.h"
#include "core/result.h"

namespace haven::privacy {

// Per-user data keys, stored only wrapped by the master key. Deleting a wrapped key makes
// every ciphertext of that user unreadable (crypto-shredding). Implementations are thread-safe.
class KeyRepository {
 public:
  virtual ~KeyRepository() = default;
  // NotFound when the user has no key (never created, or shredded).
  [[nodiscard]] virtual core::Result<core::Bytes> GetWrappedKey(const std::string& user_id) = 0;
  // Removes the wrapped key; succeeds when there was none.
  [[nodiscard]] virtual core::Status DeleteWrappedKey(const std::string& user_id) = 0;
};

// One security event in the append-only, hash-chained audit log.
struct AuditEvent {
  std::int64_t sequence = 0;  // assigned by the store, 1-based, gap-free
  core::Timestamp at;
  std::string action;      // e.g. "auth.signup", "auth.login_failed", "account.deleted"
  std::string actor_id;    // who did it ("" for anonymous or system)
  std::string subject_id;  // whose data or account it concerns ("" when none)
  std::string detail;      // short non-sensitive text: never message content
  std::string address;     // client address, when known
  core::Bytes previous_hash;
  core::Bytes hash;
};

// Append-only audit log. Implementations serialise appends so the chain has no forks.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Assigns the next sequence number, sets previous_hash to the last row's hash (32 zero bytes
  // for the first row), computes hash with privacy::ChainHash, and inserts, atomically.
  [[nodiscard]] virtual core::Status AppendAudit(AuditEvent event) = 0;
  // Rows with sequence > after_sequence in order, at most `limit` of them.
  [[nodiscard]] virtual core::Result<std::vector<AuditEvent>> ReadAudit(std::int64_t after_sequence,
                                                                        std::size_t limit) = 0;
};

}  // namespace haven::privacy
