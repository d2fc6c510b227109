// Seals and opens a user's text with that user's data key.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"
#include "privacy/crypto.h"
#include "privacy/ports.h"

namespace haven::privacy {

// Thread-safe; holds references to objects that must outlive it.
class Keyring {
 public:
  Keyring(const MasterKey& master_key, KeyRepository& keys) : master_(master_key), keys_(keys) {}

  // NotFound if the user has no key (e.g. after account deletion).
  [[nodiscard]] core::Result<core::Bytes> SealFor(const std::string& user_id,
                                                  std::string_view plaintext);
  // NotFound if the key is gone; PermissionDenied if the ciphertext does not open.
  [[nodiscard]] core::Result<std::string> OpenFor(const std::string& user_id,
                                                  const core::Bytes& sealed);

 private:
  [[nodiscard]] core::Result<core::Bytes> DataKeyOf(const std::string& user_id);

  const MasterKey& master_;
  KeyRepository& keys_;
};

}  // namespace haven::privacy
