// In-memory fakes of the privacy ports, for unit tests of any module.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"
#include "privacy/audit.h"
#include "privacy/ports.h"

namespace haven::privacy::testing {

// Wrapped data keys in a map. Thread-safe.
class FakeKeyRepository : public KeyRepository {
 public:
  // Stores (or replaces) the wrapped key of `user_id`, as the store does when a user is created.
  void AddWrappedKey(const std::string& user_id, core::Bytes wrapped) {
    std::lock_guard lock(mutex_);
    keys_[user_id] = std::move(wrapped);
  }
  [[nodiscard]] bool HasKey(const std::string& user_id) const {
    std::lock_guard lock(mutex_);
    return keys_.contains(user_id);
  }

  core::Result<core::Bytes> GetWrappedKey(const std::string& user_id) override {
    std::lock_guard lock(mutex_);
    auto it = keys_.find(user_id);
    if (it == keys_.end()) {
      return core::Fail(core::ErrorCode::kNotFound, "no data key for this user");
    }
    return it->second;
  }
  core::Status DeleteWrappedKey(const std::string& user_id) override {
    std::lock_guard lock(mutex_);
    keys_.erase(user_id);
    return {};
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, core::Bytes> keys_;
};

// An audit log in a vector that chains rows with ChainHash, like the stores. Thread-safe.
// ReadAudit returns rows in stored order, so tests can tamper with MutableRows().
class FakeAuditRepository : public AuditRepository {
 public:
  core::Status AppendAudit(AuditEvent event) override {
    std::lock_guard lock(mutex_);
    event.sequence = rows_.empty() ? 1 : rows_.back().sequence + 1;
    event.previous_hash = rows_.empty() ? core::Bytes(32, 0) : rows_.back().hash;
    event.hash = ChainHash(event.previous_hash, event);
    rows_.push_back(std::move(event));
    return {};
  }
  core::Result<std::vector<AuditEvent>> ReadAudit(std::int64_t after_sequence,
                                                  std::size_t limit) override {
    std::lock_guard lock(mutex_);
    std::vector<AuditEvent> page;
    auto first = std::find_if(rows_.begin(), rows_.end(),
                              [&](const AuditEvent& row) { return row.sequence > after_sequence; });
    for (auto it = first; it != rows_.end() && page.size() < limit; ++it) page.push_back(*it);
    return page;
  }

  // A copy of every row, oldest first.
  [[nodiscard]] std::vector<AuditEvent> Rows() const {
    std::lock_guard lock(mutex_);
    return rows_;
  }
  // The action of every row, oldest first.
  [[nodiscard]] std::vector<std::string> Actions() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> actions;
    for (const AuditEvent& row : rows_) actions.push_back(row.action);
    return actions;
  }
  // Direct access for tests that tamper with the log; not thread-safe.
  [[nodiscard]] std::vector<AuditEvent>& MutableRows() { return rows_; }

 private:
  mutable std::mutex mutex_;
  std::vector<AuditEvent> rows_;
};

}  // namespace haven::privacy::testing
