#include "privacy/keyring.h"

#include <sodium.h>

namespace haven::privacy {

core::Result<core::Bytes> Keyring::DataKeyOf(const std::string& user_id) {
  auto wrapped = keys_.GetWrappedKey(user_id);
  if (!wrapped) return std::unexpected(wrapped.error());
  return master_.Unwrap(*wrapped, user_id);
}

core::Result<core::Bytes> Keyring::SealFor(const std::string& user_id, std::string_view plaintext) {
  auto key = DataKeyOf(user_id);
  if (!key) return std::unexpected(key.error());
  core::Bytes sealed = Seal(*key, plaintext, user_id);
  sodium_memzero(key->data(), key->size());
  return sealed;
}

core::Result<std::string> Keyring::OpenFor(const std::string& user_id, const core::Bytes& sealed) {
  auto key = DataKeyOf(user_id);
  if (!key) return std::unexpected(key.error());
  auto opened = Open(*key, sealed, user_id);
  sodium_memzero(key->data(), key->size());
  return opened;
}

}  // namespace haven::privacy
