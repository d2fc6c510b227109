#include "privacy/crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace haven::privacy {
namespace {

constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kHexKeyChars = 2 * kKeyBytes;

const unsigned char* Data(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string_view Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

core::Result<MasterKey> ParseKey(std::string_view hex, const std::string& source) {
  auto key = MasterKey::FromHex(Trimmed(hex));
  if (!key) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "master key from " + source + " is malformed: " + key.error().message);
  }
  return key;
}

std::string SystemError(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// Writes `content` to a private temporary file beside `path`, fsyncs it, then links it into
// place; link() refuses to replace an existing file, so a concurrent creator cannot be
// overwritten and no reader ever sees a half-written key. Returns false if `path` appeared.
core::Result<bool> CreateKeyFileExclusive(const std::string& path, const std::string& content) {
  std::string temp = path + ".tmp.XXXXXX";
  const int fd = mkstemp(temp.data());  // O_CREAT | O_EXCL, mode 0600
  if (fd < 0) {
    return core::Fail(core::ErrorCode::kUnavailable, SystemError("cannot create", temp));
  }
  bool written =
      fchmod(fd, S_IRUSR | S_IWUSR) == 0 &&
      write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      fsync(fd) == 0;
  const std::string write_error = written ? "" : SystemError("cannot write", temp);
  close(fd);
  if (!written) {
    unlink(temp.c_str());
    return core::Fail(core::ErrorCode::kUnavailable, write_error);
  }
  const int linked = link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  unlink(temp.c_str());
  if (linked != 0 && link_errno == EEXIST) return false;
  if (linked != 0) {
    errno = link_errno;
    return core::Fail(core::ErrorCode::kUnavailable, SystemError("cannot create", path));
  }
  const auto slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  if (const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
    fsync(dir_fd);  // make the new directory entry durable too
    close(dir_fd);
  }
  return true;
}

core::Result<MasterKey> ReadKeyFile(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      SystemError("cannot read master key file", path));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "master key file " + path +
                          " is accessible by group or others; restrict it with `chmod 600 " + path +
                          "`");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      SystemError("cannot read master key file", path));
  }
  return ParseKey(content.str(), "file " + path);
}

}  // namespace

core::Status InitCrypto() {
  if (sodium_init() < 0) {
    return core::Fail(core::ErrorCode::kInternal, "libsodium could not be initialised");
  }
  return {};
}

core::Bytes NewDataKey() {
  core::Bytes key(kKeyBytes);
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  return key;
}

core::Bytes Seal(const core::Bytes& key, std::string_view plaintext,
                 std::string_view associated_data) {
  if (key.size() != kKeyBytes) return {};  // Open rejects the empty result
  core::Bytes sealed(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(sealed.data(), kNonceBytes);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      sealed.data() + kNonceBytes, &cipher_len, Data(plaintext), plaintext.size(),
      Data(associated_data), associated_data.size(), nullptr, sealed.data(), key.data());
  sealed.resize(kNonceBytes + cipher_len);
  return sealed;
}

core::Result<std::string> Open(const core::Bytes& key, const core::Bytes& sealed,
                               std::string_view associated_data) {
  if (key.size() != kKeyBytes || sealed.size() < kNonceBytes + kTagBytes) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "encrypted data cannot be opened");
  }
  std::string plaintext(sealed.size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plaintext.data()), &plain_len, nullptr,
          sealed.data() + kNonceBytes, sealed.size() - kNonceBytes, Data(associated_data),
          associated_data.size(), sealed.data(), key.data()) != 0) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "encrypted data cannot be opened: wrong key, owner or altered data");
  }
  plaintext.resize(plain_len);
  return plaintext;
}

core::Result<MasterKey> MasterKey::FromHex(std::string_view hex) {
  if (hex.size() != kHexKeyChars) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "expected " + std::to_string(kHexKeyChars) + " hex characters, got " +
                          std::to_string(hex.size()));
  }
  auto bytes = core::FromHex(hex);
  if (!bytes) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "expected only hex characters (0-9, a-f)");
  }
  return MasterKey(std::move(*bytes));
}

core::Result<MasterKey> MasterKey::LoadOrCreate(const std::string& key_file,
                                                std::string_view env_value) {
  if (!env_value.empty()) return ParseKey(env_value, "the environment");
  if (key_file.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "no master key: set a key file or the master key environment variable");
  }
  if (access(key_file.c_str(), F_OK) != 0) {
    const core::Bytes fresh = NewDataKey();
    auto created = CreateKeyFileExclusive(key_file, core::ToHex(fresh) + "\n");
    if (!created) return std::unexpected(created.error());
    if (*created) return MasterKey(fresh);
    // Another process created the file first: use its key.
  }
  return ReadKeyFile(key_file);
}

core::Bytes MasterKey::Wrap(const core::Bytes& data_key, std::string_view user_id) const {
  const std::string_view key_text(reinterpret_cast<const char*>(data_key.data()), data_key.size());
  return Seal(key_, key_text, user_id);
}

core::Result<core::Bytes> MasterKey::Unwrap(const core::Bytes& wrapped,
                                            std::string_view user_id) const {
  auto opened = Open(key_, wrapped, user_id);
  if (!opened) {
    return core::Fail(core::ErrorCode::kPermissionDenied,
                      "data key cannot be unwrapped: wrong master key or owner");
  }
  core::Bytes data_key = core::ToBytes(*opened);
  sodium_memzero(opened->data(), opened->size());
  if (data_key.size() != kKeyBytes) {
    return core::Fail(core::ErrorCode::kPermissionDenied, "unwrapped data key has the wrong size");
  }
  return data_key;
}

}  // namespace haven::privacy
