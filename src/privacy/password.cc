#include "privacy/password.h"

#include <sodium.h>

#include "core/bytes.h"

namespace haven::privacy {

PasswordHashCost InteractivePasswordCost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashCost MinimumPasswordCost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

core::Result<std::string> HashPassword(std::string_view password, PasswordHashCost cost) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), cost.operations,
                            cost.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Fail(core::ErrorCode::kInternal,
                      "password hashing failed: the server is out of memory");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewSessionToken() {
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(sizeof random, kVariant)];
  sodium_bin2base64(text, sizeof text, random, sizeof random, kVariant);
  sodium_memzero(random, sizeof random);
  return std::string(text);
}

std::string HashToken(std::string_view token) {
  core::Bytes digest(crypto_generichash_BYTES);
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return core::ToHex(digest);
}

}  // namespace haven::privacy
