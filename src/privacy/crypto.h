// Envelope encryption: a master key wraps per-user data keys; data keys seal user text.
// XChaCha20-Poly1305 (libsodium). Sealed form: 24-byte nonce || ciphertext+tag.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace haven::privacy {

// Initialises libsodium; call once at start. Internal error if it cannot.
[[nodiscard]] core::Status InitCrypto();

// A fresh random 32-byte data key.
[[nodiscard]] core::Bytes NewDataKey();

// Encrypts `plaintext` under `key`, binding `associated_data` (e.g. the owner's user id) so a
// ciphertext moved to another owner fails to open.
[[nodiscard]] core::Bytes Seal(const core::Bytes& key, std::string_view plaintext,
                               std::string_view associated_data);

// Decrypts what Seal produced. PermissionDenied if the key, data or associated data is wrong.
[[nodiscard]] core::Result<std::string> Open(const core::Bytes& key, const core::Bytes& sealed,
                                             std::string_view associated_data);

// The server-wide key-encryption key. Never leaves memory; immutable after load.
class MasterKey {
 public:
  // Reads the key from `env_value` (64 hex chars) when non-empty; otherwise from `key_file`,
  // creating that file with 32 random bytes (hex) and mode 0600 if it does not exist.
  // InvalidArgument naming the source if the key is malformed, or if the file grants any access
  // to group or others (the message gives the `chmod 600 FILE` fix); Unavailable on I/O errors.
  [[nodiscard]] static core::Result<MasterKey> LoadOrCreate(const std::string& key_file,
                                                            std::string_view env_value);
  [[nodiscard]] static core::Result<MasterKey> FromHex(std::string_view hex);

  // Wraps a data key for `user_id` (used as associated data).
  [[nodiscard]] core::Bytes Wrap(const core::Bytes& data_key, std::string_view user_id) const;
  // PermissionDenied if the wrapped key was not made by this master key for this user.
  [[nodiscard]] core::Result<core::Bytes> Unwrap(const core::Bytes& wrapped,
                                                 std::string_view user_id) const;

 private:
  explicit MasterKey(core::Bytes key) : key_(std::move(key)) {}
  core::Bytes key_;
};

}  // namespace haven::privacy
