// Byte strings and their text encodings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace haven::core {

using Bytes = std::vector<std::uint8_t>;

[[nodiscard]] std::string ToHex(const Bytes& bytes);
// Decodes lowercase or uppercase hex; nullopt on odd length or a non-hex character.
[[nodiscard]] std::optional<Bytes> FromHex(std::string_view hex);

[[nodiscard]] inline Bytes ToBytes(std::string_view text) {
  return Bytes(text.begin(), text.end());
}
[[nodiscard]] inline std::string ToString(const Bytes& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
[[nodiscard]] bool IsValidUtf8(std::string_view text);

// Number of Unicode code points in well-formed UTF-8 text.
[[nodiscard]] std::size_t CountCodePoints(std::string_view text);

}  // namespace haven::core
