// The hash-chained audit log: recording events and verifying the chain.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/clock.h"
#include "core/result.h"
#include "privacy/ports.h"

namespace haven::privacy {

// BLAKE2b-256 over a version tag, previous_hash, sequence, at (unix ms), action, actor_id,
// subject_id, detail and address of `event` (not its own `hash` or `previous_hash` fields), each
// length-prefixed so field boundaries cannot shift. Deterministic; thread-safe.
[[nodiscard]] core::Bytes ChainHash(const core::Bytes& previous_hash, const AuditEvent& event);

struct AuditVerification {
  bool intact = true;
  std::int64_t rows_checked = 0;
  std::int64_t first_bad_sequence = 0;  // 0 when intact
  std::string problem;                  // what is wrong at first_bad_sequence
};

// Walks the whole log in pages, checking gap-free sequences from 1, every previous_hash link
// (the first row links to 32 zero bytes) and every recomputed hash; stops at the first bad row.
// Errors only when reading fails. Cutting rows off the END leaves a valid chain: compare
// rows_checked / the last hash with a copy kept elsewhere to detect truncation.
[[nodiscard]] core::Result<AuditVerification> VerifyAuditChain(AuditRepository& audit);

// Records events with the current time. Thread-safe.
class AuditLog {
 public:
  AuditLog(AuditRepository& repository, const core::Clock& clock)
      : repository_(repository), clock_(clock) {}
  [[nodiscard]] core::Status Record(std::string_view action, std::string_view actor_id,
                                    std::string_view subject_id, std::string_view detail = {},
                                    std::string_view address = {});

 private:
  AuditRepository& repository_;
  const core::Clock& clock_;
};

}  // namespace haven::privacy
