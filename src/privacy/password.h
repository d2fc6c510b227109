// Password hashing (Argon2id) and session tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace haven::privacy {

// Argon2id work factors. Production uses libsodium's INTERACTIVE limits; tests may use the
// minimum so suites stay fast.
struct PasswordHashCost {
  std::uint64_t operations;
  std::size_t memory_bytes;
};
[[nodiscard]] PasswordHashCost InteractivePasswordCost();
[[nodiscard]] PasswordHashCost MinimumPasswordCost();

// Argon2id hash string (includes salt and parameters). Internal error if out of memory.
[[nodiscard]] core::Result<std::string> HashPassword(std::string_view password,
                                                     PasswordHashCost cost);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
[[nodiscard]] bool VerifyPassword(const std::string& hash, std::string_view password);

// A new bearer token: 32 random bytes as 43 base64url characters.
[[nodiscard]] std::string NewSessionToken();
// Hex BLAKE2b-256 of a token: what the store keeps instead of the token.
[[nodiscard]] std::string HashToken(std::string_view token);

}  // namespace haven::privacy
