// In-memory fakes of the account ports, for unit tests of any module.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "account/ports.h"
#include "core/bytes.h"
#include "core/result.h"
#include "privacy/ports.h"

namespace haven::account::testing {

// Users and their wrapped data keys, kept together as the stores keep them in one transaction.
// Implements both UserRepository and privacy::KeyRepository. Thread-safe.
class FakeUserRepository : public UserRepository, public privacy::KeyRepository {
 public:
  core::Status CreateUser(const User& user, const core::Bytes& wrapped_data_key) override {
    std::lock_guard lock(mutex_);
    for (const auto& [id, existing] : users_) {
      if (existing.email == user.email) {
        return core::Fail(core::ErrorCode::kConflict, "an account with this email already exists",
                          "email");
      }
    }
    users_[user.id] = user;
    keys_[user.id] = wrapped_data_key;
    return {};
  }
  core::Result<User> FindUserById(const std::string& id) override {
    std::lock_guard lock(mutex_);
    auto it = users_.find(id);
    if (it == users_.end()) return core::Fail(core::ErrorCode::kNotFound, "no such user");
    return it->second;
  }
  core::Result<User> FindUserByEmail(const std::string& email) override {
    std::lock_guard lock(mutex_);
    for (const auto& [id, user] : users_) {
      if (user.email == email) return user;
    }
    return core::Fail(core::ErrorCode::kNotFound, "no such user");
  }
  core::Status UpdatePasswordHash(const std::string& id, const std::string& hash) override {
    std::lock_guard lock(mutex_);
    auto it = users_.find(id);
    if (it == users_.end()) return core::Fail(core::ErrorCode::kNotFound, "no such user");
    it->second.password_hash = hash;
    return {};
  }
  core::Status UpdateRole(const std::string& id, Role role) override {
    std::lock_guard lock(mutex_);
    auto it = users_.find(id);
    if (it == users_.end()) return core::Fail(core::ErrorCode::kNotFound, "no such user");
    it->second.role = role;
    return {};
  }
  core::Status DeleteUser(const std::string& id) override {
    std::lock_guard lock(mutex_);
    if (users_.erase(id) == 0) return core::Fail(core::ErrorCode::kNotFound, "no such user");
    keys_.erase(id);
    return {};
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

  [[nodiscard]] bool HasKey(const std::string& user_id) const {
    std::lock_guard lock(mutex_);
    return keys_.contains(user_id);
  }
  [[nodiscard]] std::size_t UserCount() const {
    std::lock_guard lock(mutex_);
    return users_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, User> users_;
  std::map<std::string, core::Bytes> keys_;
};

// Sessions keyed by token hash. Thread-safe.
class FakeSessionRepository : public SessionRepository {
 public:
  core::Status CreateSession(const Session& session) override {
    std::lock_guard lock(mutex_);
    sessions_[session.token_hash] = session;
    return {};
  }
  core::Result<Session> FindSession(const std::string& token_hash) override {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token_hash);
    if (it == sessions_.end()) return core::Fail(core::ErrorCode::kNotFound, "no such session");
    return it->second;
  }
  core::Status DeleteSession(const std::string& token_hash) override {
    std::lock_guard lock(mutex_);
    sessions_.erase(token_hash);
    return {};
  }
  core::Status DeleteSessionsOfUser(const std::string& user_id) override {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user_id == user_id; });
    return {};
  }

  [[nodiscard]] std::size_t SessionCount() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Session> sessions_;
};

// Failure timestamps per throttling key. Thread-safe.
class FakeLoginAttemptRepository : public LoginAttemptRepository {
 public:
  core::Status RecordLoginFailure(const std::string& key, core::Timestamp at) override {
    std::lock_guard lock(mutex_);
    failures_[key].push_back(at);
    return {};
  }
  core::Result<int> CountLoginFailuresSince(const std::string& key,
                                            core::Timestamp since) override {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return 0;
    return static_cast<int>(std::count_if(it->second.begin(), it->second.end(),
                                          [&](core::Timestamp at) { return at >= since; }));
  }
  core::Status ClearLoginFailures(const std::string& key) override {
    std::lock_guard lock(mutex_);
    failures_.erase(key);
    return {};
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<core::Timestamp>> failures_;
};

}  // namespace haven::account::testing
