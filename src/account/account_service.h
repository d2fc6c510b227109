// Sign-up, log-in, sessions and account deletion.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "account/ports.h"
#include "core/clock.h"
#include "core/result.h"
#include "privacy/audit.h"
#include "privacy/crypto.h"
#include "privacy/password.h"
#include "privacy/ports.h"

namespace haven::account {

struct AccountPolicy {
  std::chrono::seconds session_lifetime = std::chrono::hours(24 * 7);
  std::size_t min_password_length = 10;
  std::size_t max_password_length = 256;
  // Failures allowed in `throttle_window` before log-in is refused (RateLimited).
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds throttle_window = std::chrono::minutes(15);
  privacy::PasswordHashCost password_cost = privacy::InteractivePasswordCost();
};

struct SignUpRequest {
  std::string email;
  std::string password;
  std::string display_name;  // optional
  std::string locale;        // optional; defaults to "en"
  Role role = Role::kUser;
  std::string address;  // client address, for the audit log
};

struct LoginResult {
  User user;
  std::string token;  // bearer token; shown once, stored only hashed
  core::Timestamp expires_at;
};

// Thread-safe. References must outlive the service.
class AccountService {
 public:
  struct Dependencies {
    UserRepository& users;
    SessionRepository& sessions;
    LoginAttemptRepository& attempts;
    privacy::KeyRepository& keys;
    privacy::AuditLog& audit;
    const privacy::MasterKey& master_key;
    const core::Clock& clock;
  };
  // Hashes one throw-away password up front (used to equalise log-in timing).
  AccountService(Dependencies deps, AccountPolicy policy);

  // Creates the user and their data key and logs them in. InvalidArgument with the field at
  // fault (email, password, locale, display_name); Conflict if the email is taken.
  [[nodiscard]] core::Result<LoginResult> SignUp(const SignUpRequest& request);
  // Unauthenticated for a wrong email or password (same message for both);
  // RateLimited after too many failures for the account or the address.
  [[nodiscard]] core::Result<LoginResult> LogIn(std::string_view email, std::string_view password,
                                                std::string_view address);
  [[nodiscard]] core::Status LogOut(std::string_view token);
  // The user behind a bearer token; Unauthenticated if unknown or expired.
  [[nodiscard]] core::Result<User> Authenticate(std::string_view token);
  // Unauthenticated if the current password is wrong (RateLimited after too many tries);
  // InvalidArgument (field "new_password") if the new one breaks the policy. Ends ALL of the
  // user's sessions, including the caller's: the client must log in again with the new password.
  [[nodiscard]] core::Status ChangePassword(const std::string& user_id,
                                            std::string_view current_password,
                                            std::string_view new_password);
  // Audits, then crypto-shreds the user's data key, then deletes their rows and sessions.
  // NotFound if there is no such user.
  [[nodiscard]] core::Status DeleteAccount(const std::string& user_id, std::string_view address);
  // Sets the role of the user with this email; audited. An empty actor_id means the operator
  // at the command line; any other actor must be an admin (PermissionDenied otherwise).
  [[nodiscard]] core::Status SetRole(std::string_view email, Role role, std::string_view actor_id);

 private:
  [[nodiscard]] core::Result<LoginResult> StartSession(const User& user);
  // RateLimited (and audited) when `key` has too many recent failures.
  [[nodiscard]] core::Status CheckThrottle(const std::string& key, int max_failures,
                                           std::string_view subject_id, std::string_view address);
  [[nodiscard]] core::Status RecordFailure(const std::string& key);

  Dependencies deps_;
  AccountPolicy policy_;
  std::string dummy_hash_;  // verified against for unknown emails so timing does not leak them
};

}  // namespace haven::account
