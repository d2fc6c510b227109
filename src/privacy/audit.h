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

// BLAKE2b-256 over previous_hash and every other field of `event` except sequence-independent
// `hash` itself, in a fixed, length-prefixed encoding.
[[nodiscard]] core::Bytes ChainHash(const core::Bytes& previous_hash, const AuditEvent& event);

struct AuditVerification {
  bool intact = true;
  std::int64_t rows_checked = 0;
  std::int64_t first_bad_sequence = 0;  // 0 when intact
  std::string problem;                  // what is wrong at first_bad_sequence
};

// Walks the whole log in order, recomputing every hash and link.
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
