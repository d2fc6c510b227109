// Storage the account module needs; implemented by src/store adapters.
#pragma once

#include <optional>
#include <string>

#include "core/bytes.h"
#include "core/clock.h"
#include "core/result.h"

namespace haven::account {

enum class Role { kUser, kClinician, kAdmin };

struct User {
  std::string id;
  std::string email;  // trimmed and lower-cased before it reaches a repository
  std::string display_name;
  std::string locale;  // BCP 47, e.g. "en-US", "es-MX"
  Role role = Role::kUser;
  std::string password_hash;  // Argon2id string from privacy::HashPassword
  core::Timestamp created_at;
};

// A log-in session. Only the hash of the bearer token is ever stored.
struct Session {
  std::string token_hash;  // hex of privacy::HashToken(token)
  std::string user_id;
  core::Timestamp created_at;
  core::Timestamp expires_at;
};

// Implementations are thread-safe.
class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Inserts the user and their wrapped data key in one transaction; Conflict if the email
  // is taken (field "email").
  [[nodiscard]] virtual core::Status CreateUser(const User& user,
                                                const core::Bytes& wrapped_data_key) = 0;
  [[nodiscard]] virtual core::Result<User> FindUserById(const std::string& id) = 0;
  [[nodiscard]] virtual core::Result<User> FindUserByEmail(const std::string& email) = 0;
  [[nodiscard]] virtual core::Status UpdatePasswordHash(const std::string& id,
                                                        const std::string& password_hash) = 0;
  [[nodiscard]] virtual core::Status UpdateRole(const std::string& id, Role role) = 0;
  // Deletes the user and every row they own (sessions, conversations, messages, risk events,
  // wrapped key). NotFound if there is no such user. Audit rows are kept.
  [[nodiscard]] virtual core::Status DeleteUser(const std::string& id) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  [[nodiscard]] virtual core::Status CreateSession(const Session& session) = 0;
  // NotFound when no session has this token hash.
  [[nodiscard]] virtual core::Result<Session> FindSession(const std::string& token_hash) = 0;
  [[nodiscard]] virtual core::Status DeleteSession(const std::string& token_hash) = 0;
  [[nodiscard]] virtual core::Status DeleteSessionsOfUser(const std::string& user_id) = 0;
};

// Failed log-in attempts keyed by "account:<email>" or "address:<ip>", for throttling that
// holds across server instances.
class LoginAttemptRepository {
 public:
  virtual ~LoginAttemptRepository() = default;
  [[nodiscard]] virtual core::Status RecordLoginFailure(const std::string& key,
                                                        core::Timestamp at) = 0;
  [[nodiscard]] virtual core::Result<int> CountLoginFailuresSince(const std::string& key,
                                                                  core::Timestamp since) = 0;
  [[nodiscard]] virtual core::Status ClearLoginFailures(const std::string& key) = 0;
};

[[nodiscard]] std::string_view RoleName(Role role);  // "user", "clinician", "admin"
[[nodiscard]] std::optional<Role> ParseRole(std::string_view name);

}  // namespace haven::account
