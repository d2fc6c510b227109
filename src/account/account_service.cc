#include "account/account_service.h"

#include <sodium.h>

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/ids.h"

namespace haven::account {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr std::size_t kMaxEmailLength = 254;
constexpr std::size_t kMaxLocalPartLength = 64;
constexpr std::size_t kMaxDisplayNameCodePoints = 100;
constexpr std::string_view kWrongCredentials = "email or password is incorrect";

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string_view TrimAscii(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Trimmed and ASCII-lower-cased: the one form an email takes in repositories and keys.
std::string NormalizeEmail(std::string_view raw) {
  std::string email(TrimAscii(raw));
  for (char& c : email) c = AsciiLower(c);
  return email;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// something@something.tld, no spaces or control characters, one '@', no empty domain labels.
bool LooksLikeEmail(std::string_view email) {
  if (email.size() > kMaxEmailLength || !core::IsValidUtf8(email)) return false;
  for (unsigned char c : email) {
    if (IsControl(c) || c == ' ') return false;
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > kMaxLocalPartLength) return false;
  const auto labels = Split(domain, '.');
  if (labels.size() < 2) return false;
  for (std::string_view label : labels) {
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
  }
  return labels.back().size() >= 2;
}

core::Status ValidateEmail(std::string_view email) {
  if (email.size() > kMaxEmailLength) {
    return Fail(ErrorCode::kInvalidArgument, "email must be at most 254 characters", "email");
  }
  if (!LooksLikeEmail(email)) {
    return Fail(ErrorCode::kInvalidArgument, "enter an email address like name@example.org",
                "email");
  }
  return {};
}

core::Status ValidatePassword(std::string_view password, const AccountPolicy& policy,
                              const std::string& field) {
  const std::string limits = "password must be between " +
                             std::to_string(policy.min_password_length) + " and " +
                             std::to_string(policy.max_password_length) + " characters long";
  if (!core::IsValidUtf8(password)) {
    return Fail(ErrorCode::kInvalidArgument, "password must be valid UTF-8 text", field);
  }
  const std::size_t length = core::CountCodePoints(password);
  if (length < policy.min_password_length || length > policy.max_password_length) {
    return Fail(ErrorCode::kInvalidArgument, limits, field);
  }
  return {};
}

core::Result<std::string> NormalizeDisplayName(std::string_view raw, std::string_view email) {
  std::string name(TrimAscii(raw));
  if (name.empty()) name = email.substr(0, email.find('@'));
  bool has_control = false;
  for (unsigned char c : name) has_control = has_control || IsControl(c);
  if (!core::IsValidUtf8(name) || has_control ||
      core::CountCodePoints(name) > kMaxDisplayNameCodePoints) {
    return Fail(ErrorCode::kInvalidArgument,
                "display name must be at most 100 characters of plain text", "display_name");
  }
  return name;
}

// language[-Script][-REGION], e.g. "en", "es-MX", "zh-Hans-CN"; "_" is accepted for "-".
// Returns the tag in canonical case, or nullopt when it is not plausible BCP 47.
std::optional<std::string> NormalizeLocale(std::string_view raw) {
  std::string tag(TrimAscii(raw));
  for (char& c : tag) c = c == '_' ? '-' : c;
  const auto parts = Split(tag, '-');
  if (parts.size() > 3) return std::nullopt;
  const auto all = [](std::string_view s, bool (*pred)(char)) {
    for (char c : s) {
      if (!pred(c)) return false;
    }
    return true;
  };
  std::string out;
  if (parts[0].size() < 2 || parts[0].size() > 3 || !all(parts[0], IsAsciiAlpha)) {
    return std::nullopt;
  }
  for (char c : parts[0]) out += AsciiLower(c);
  std::size_t next = 1;
  if (next < parts.size() && parts[next].size() == 4 && all(parts[next], IsAsciiAlpha)) {
    out += '-';
    out += AsciiUpper(parts[next][0]);
    for (char c : parts[next].substr(1)) out += AsciiLower(c);
    ++next;
  }
  if (next < parts.size()) {
    const std::string_view region = parts[next];
    const bool letters = region.size() == 2 && all(region, IsAsciiAlpha);
    const bool digits = region.size() == 3 && all(region, IsAsciiDigit);
    if (!letters && !digits) return std::nullopt;
    out += '-';
    for (char c : region) out += AsciiUpper(c);
    ++next;
  }
  if (next != parts.size()) return std::nullopt;
  return out;
}

std::string AccountKey(std::string_view email) { return "account:" + std::string(email); }
std::string AddressKey(std::string_view address) { return "address:" + std::string(address); }

}  // namespace

AccountService::AccountService(Dependencies deps, AccountPolicy policy)
    : deps_(deps), policy_(policy) {
  std::string random(16, '\0');
  randombytes_buf(random.data(), random.size());
  // On failure (out of memory) the dummy stays empty and unknown emails answer slightly faster.
  dummy_hash_ = privacy::HashPassword(random, policy_.password_cost).value_or("");
}

core::Result<LoginResult> AccountService::SignUp(const SignUpRequest& request) {
  const std::string email = NormalizeEmail(request.email);
  if (auto valid = ValidateEmail(email); !valid) return std::unexpected(valid.error());
  if (auto valid = ValidatePassword(request.password, policy_, "password"); !valid) {
    return std::unexpected(valid.error());
  }
  auto display_name = NormalizeDisplayName(request.display_name, email);
  if (!display_name) return std::unexpected(display_name.error());
  const auto locale = NormalizeLocale(request.locale.empty() ? "en" : request.locale);
  if (!locale) {
    return Fail(ErrorCode::kInvalidArgument, "locale must be a language tag like en or es-MX",
                "locale");
  }
  // Checked before the costly hash; CreateUser still enforces uniqueness under races.
  if (auto existing = deps_.users.FindUserByEmail(email); existing) {
    return Fail(ErrorCode::kConflict, "an account with this email already exists", "email");
  } else if (existing.error().code != ErrorCode::kNotFound) {
    return std::unexpected(existing.error());
  }
  auto hash = privacy::HashPassword(request.password, policy_.password_cost);
  if (!hash) return std::unexpected(hash.error());

  User user{.id = core::NewId(),
            .email = email,
            .display_name = std::move(*display_name),
            .locale = *locale,
            .role = request.role,
            .password_hash = std::move(*hash),
            .created_at = deps_.clock.Now()};
  core::Bytes data_key = privacy::NewDataKey();
  const core::Bytes wrapped = deps_.master_key.Wrap(data_key, user.id);
  sodium_memzero(data_key.data(), data_key.size());
  if (auto created = deps_.users.CreateUser(user, wrapped); !created) {
    return std::unexpected(created.error());
  }
  const std::string detail = "role=" + std::string(RoleName(user.role));
  if (auto audited = deps_.audit.Record("auth.signup", user.id, user.id, detail, request.address);
      !audited) {
    return std::unexpected(audited.error());
  }
  return StartSession(user);
}

core::Status AccountService::CheckThrottle(const std::string& key, int max_failures,
                                           std::string_view subject_id, std::string_view address) {
  auto failures =
      deps_.attempts.CountLoginFailuresSince(key, deps_.clock.Now() - policy_.throttle_window);
  if (!failures) return std::unexpected(failures.error());
  if (*failures < max_failures) return {};
  const std::string limit = key.starts_with("account:") ? "account" : "address";
  if (auto audited =
          deps_.audit.Record("auth.login_throttled", "", subject_id, "limit=" + limit, address);
      !audited) {
    return std::unexpected(audited.error());
  }
  const auto minutes = std::chrono::ceil<std::chrono::minutes>(policy_.throttle_window).count();
  return Fail(ErrorCode::kRateLimited, "too many failed log-in attempts for this " + limit +
                                           "; wait " + std::to_string(minutes) +
                                           " minutes and try again");
}

core::Status AccountService::RecordFailure(const std::string& key) {
  return deps_.attempts.RecordLoginFailure(key, deps_.clock.Now());
}

core::Result<LoginResult> AccountService::LogIn(std::string_view email_raw,
                                                std::string_view password,
                                                std::string_view address) {
  const std::string email = NormalizeEmail(email_raw);
  const std::string account_key = AccountKey(email);
  std::vector<std::pair<std::string, int>> limits = {
      {account_key, policy_.max_failures_per_account}};
  // Without an address there is no per-address bucket (it would lump every client together).
  if (!address.empty()) limits.emplace_back(AddressKey(address), policy_.max_failures_per_address);
  for (const auto& [key, max_failures] : limits) {
    if (auto allowed = CheckThrottle(key, max_failures, "", address); !allowed) {
      return std::unexpected(allowed.error());
    }
  }

  auto user = deps_.users.FindUserByEmail(email);
  if (!user && user.error().code != ErrorCode::kNotFound) return std::unexpected(user.error());
  bool matches = false;
  if (user) {
    matches = privacy::VerifyPassword(user->password_hash, password);
  } else {
    (void)privacy::VerifyPassword(dummy_hash_, password);  // same work as for a real account
  }
  if (!matches) {
    for (const auto& limit : limits) {
      if (auto recorded = RecordFailure(limit.first); !recorded) {
        return std::unexpected(recorded.error());
      }
    }
    const std::string subject = user ? user->id : "";
    const std::string detail = user ? "wrong password" : "unknown email";
    if (auto audited = deps_.audit.Record("auth.login_failed", "", subject, detail, address);
        !audited) {
      return std::unexpected(audited.error());
    }
    return Fail(ErrorCode::kUnauthenticated, std::string(kWrongCredentials));
  }
  if (auto cleared = deps_.attempts.ClearLoginFailures(account_key); !cleared) {
    return std::unexpected(cleared.error());
  }
  if (auto audited = deps_.audit.Record("auth.login", user->id, user->id, "", address); !audited) {
    return std::unexpected(audited.error());
  }
  return StartSession(*user);
}

core::Result<LoginResult> AccountService::StartSession(const User& user) {
  std::string token = privacy::NewSessionToken();
  const core::Timestamp now = deps_.clock.Now();
  const Session session{.token_hash = privacy::HashToken(token),
                        .user_id = user.id,
                        .created_at = now,
                        .expires_at = now + policy_.session_lifetime};
  if (auto created = deps_.sessions.CreateSession(session); !created) {
    return std::unexpected(created.error());
  }
  return LoginResult{.user = user, .token = std::move(token), .expires_at = session.expires_at};
}

core::Status AccountService::LogOut(std::string_view token) {
  const std::string token_hash = privacy::HashToken(token);
  auto session = deps_.sessions.FindSession(token_hash);
  if (!session) {
    // Logging out twice is not an error.
    if (session.error().code == ErrorCode::kNotFound) return {};
    return std::unexpected(session.error());
  }
  if (auto deleted = deps_.sessions.DeleteSession(token_hash); !deleted) return deleted;
  return deps_.audit.Record("auth.logout", session->user_id, session->user_id);
}

core::Result<User> AccountService::Authenticate(std::string_view token) {
  if (token.empty()) return Fail(ErrorCode::kUnauthenticated, "log in first");
  const std::string token_hash = privacy::HashToken(token);
  auto session = deps_.sessions.FindSession(token_hash);
  if (!session) {
    if (session.error().code != ErrorCode::kNotFound) return std::unexpected(session.error());
    return Fail(ErrorCode::kUnauthenticated, "session not found; log in again");
  }
  if (deps_.clock.Now() >= session->expires_at) {
    if (auto deleted = deps_.sessions.DeleteSession(token_hash); !deleted) {
      return std::unexpected(deleted.error());
    }
    return Fail(ErrorCode::kUnauthenticated, "session expired; log in again");
  }
  auto user = deps_.users.FindUserById(session->user_id);
  if (!user && user.error().code == ErrorCode::kNotFound) {
    (void)deps_.sessions.DeleteSession(token_hash);  // best effort: the account is gone
    return Fail(ErrorCode::kUnauthenticated, "account no longer exists");
  }
  return user;
}

core::Status AccountService::ChangePassword(const std::string& user_id,
                                            std::string_view current_password,
                                            std::string_view new_password) {
  auto user = deps_.users.FindUserById(user_id);
  if (!user) return std::unexpected(user.error());
  const std::string account_key = AccountKey(user->email);
  if (auto allowed = CheckThrottle(account_key, policy_.max_failures_per_account, user->id, "");
      !allowed) {
    return allowed;
  }
  if (!privacy::VerifyPassword(user->password_hash, current_password)) {
    if (auto recorded = RecordFailure(account_key); !recorded) return recorded;
    if (auto audited = deps_.audit.Record("auth.password_change_failed", user->id, user->id);
        !audited) {
      return audited;
    }
    return Fail(ErrorCode::kUnauthenticated, "current password is incorrect", "current_password");
  }
  if (auto valid = ValidatePassword(new_password, policy_, "new_password"); !valid) return valid;
  auto hash = privacy::HashPassword(new_password, policy_.password_cost);
  if (!hash) return std::unexpected(hash.error());
  if (auto updated = deps_.users.UpdatePasswordHash(user->id, *hash); !updated) return updated;
  if (auto ended = deps_.sessions.DeleteSessionsOfUser(user->id); !ended) return ended;
  return deps_.audit.Record("account.password_changed", user->id, user->id);
}

core::Status AccountService::DeleteAccount(const std::string& user_id, std::string_view address) {
  auto user = deps_.users.FindUserById(user_id);
  if (!user) return std::unexpected(user.error());
  // The audit row comes first so the deletion is on record even if a later step fails.
  if (auto audited = deps_.audit.Record("account.deleted", user_id, user_id, "", address);
      !audited) {
    return audited;
  }
  // Shred the key before removing rows: if row deletion fails, the ciphertext left behind is
  // already unreadable.
  if (auto shredded = deps_.keys.DeleteWrappedKey(user_id); !shredded) return shredded;
  if (auto deleted = deps_.users.DeleteUser(user_id); !deleted) return deleted;
  if (auto ended = deps_.sessions.DeleteSessionsOfUser(user_id); !ended) return ended;
  // Failure rows are keyed by email and have no owner row to cascade from.
  return deps_.attempts.ClearLoginFailures(AccountKey(user->email));
}

core::Status AccountService::SetRole(std::string_view email, Role role, std::string_view actor_id) {
  if (!actor_id.empty()) {
    auto actor = deps_.users.FindUserById(std::string(actor_id));
    if (!actor || actor->role != Role::kAdmin) {
      return Fail(ErrorCode::kPermissionDenied, "only an admin can change roles");
    }
  }
  auto user = deps_.users.FindUserByEmail(NormalizeEmail(email));
  if (!user) {
    if (user.error().code != ErrorCode::kNotFound) return std::unexpected(user.error());
    return Fail(ErrorCode::kNotFound, "no account has this email", "email");
  }
  if (auto updated = deps_.users.UpdateRole(user->id, role); !updated) return updated;
  const std::string detail =
      "from=" + std::string(RoleName(user->role)) + " to=" + std::string(RoleName(role));
  return deps_.audit.Record("admin.role_changed", actor_id, user->id, detail);
}

}  // namespace haven::account
