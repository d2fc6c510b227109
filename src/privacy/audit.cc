#include "privacy/audit.h"

#include <sodium.h>

#include <string>

namespace haven::privacy {
namespace {

constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kPageSize = 500;
// Versions the encoding so a future change cannot collide with old hashes.
constexpr std::string_view kDomain = "haven.audit.v1";

class ChainHasher {
 public:
  ChainHasher() { crypto_generichash_init(&state_, nullptr, 0, kHashBytes); }

  void AddInteger(std::uint64_t value) {
    unsigned char big_endian[8];
    for (int i = 7; i >= 0; --i) {
      big_endian[i] = static_cast<unsigned char>(value & 0xFF);
      value >>= 8;
    }
    crypto_generichash_update(&state_, big_endian, sizeof big_endian);
  }

  // Length first, so ("ab","c") and ("a","bc") hash differently.
  void AddField(const std::uint8_t* data, std::size_t size) {
    AddInteger(size);
    crypto_generichash_update(&state_, data, size);
  }
  void AddField(std::string_view text) {
    AddField(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  }

  core::Bytes Finish() {
    core::Bytes out(kHashBytes);
    crypto_generichash_final(&state_, out.data(), out.size());
    return out;
  }

 private:
  crypto_generichash_state state_{};
};

std::string Describe(std::int64_t sequence) { return "sequence " + std::to_string(sequence); }

// The first problem with `row`, which should be number `expected` and follow `previous_hash`;
// empty when the row is sound.
std::string RowProblem(const AuditEvent& row, std::int64_t expected,
                       const core::Bytes& previous_hash) {
  if (row.sequence > expected) {
    return "expected " + Describe(expected) + " but found " + Describe(row.sequence) +
           ": rows were deleted or moved";
  }
  if (row.sequence != expected) {
    return "expected " + Describe(expected) + " but found " + Describe(row.sequence) +
           ": rows are repeated or out of order";
  }
  if (row.previous_hash != previous_hash) {
    return "previous_hash does not match the hash of the row before it";
  }
  if (row.hash != ChainHash(row.previous_hash, row)) {
    return "hash does not match the row's contents: the row was altered";
  }
  return {};
}

}  // namespace

core::Bytes ChainHash(const core::Bytes& previous_hash, const AuditEvent& event) {
  ChainHasher hasher;
  hasher.AddField(kDomain);
  hasher.AddField(previous_hash.data(), previous_hash.size());
  hasher.AddInteger(static_cast<std::uint64_t>(event.sequence));
  hasher.AddInteger(static_cast<std::uint64_t>(core::ToUnixMillis(event.at)));
  hasher.AddField(event.action);
  hasher.AddField(event.actor_id);
  hasher.AddField(event.subject_id);
  hasher.AddField(event.detail);
  hasher.AddField(event.address);
  return hasher.Finish();
}

core::Result<AuditVerification> VerifyAuditChain(AuditRepository& audit) {
  AuditVerification result;
  core::Bytes previous_hash(kHashBytes, 0);
  std::int64_t expected = 1;
  for (;;) {
    auto page = audit.ReadAudit(expected - 1, kPageSize);
    if (!page) return std::unexpected(page.error());
    // Stop only on an empty page: a store may return fewer rows than asked for.
    if (page->empty()) return result;
    for (const AuditEvent& row : *page) {
      std::string problem = RowProblem(row, expected, previous_hash);
      if (!problem.empty()) {
        result.intact = false;
        result.first_bad_sequence = row.sequence;
        result.problem = std::move(problem);
        return result;
      }
      ++result.rows_checked;
      previous_hash = row.hash;
      ++expected;
    }
  }
}

core::Status AuditLog::Record(std::string_view action, std::string_view actor_id,
                              std::string_view subject_id, std::string_view detail,
                              std::string_view address) {
  AuditEvent event;
  event.at = clock_.Now();
  event.action = action;
  event.actor_id = actor_id;
  event.subject_id = subject_id;
  event.detail = detail;
  event.address = address;
  return repository_.AppendAudit(std::move(event));
}

}  // namespace haven::privacy
