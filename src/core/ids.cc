#include "core/ids.h"

#include <array>
#include <random>

namespace haven::core {

std::string NewId() {
  // random_device reads the kernel's CSPRNG on Linux; ids need to be unguessable, not secret.
  thread_local std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t i = 0; i < id.size(); i += 8) {
    std::uint32_t word = device();
    for (std::size_t j = 0; j < 8; ++j) {
      id[i + j] = kHex[(word >> (4 * j)) & 0xF];
    }
  }
  return id;
}

bool IsWellFormedId(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!hex) return false;
  }
  return true;
}

}  // namespace haven::core
