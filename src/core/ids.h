// Random identifiers for rows that cross module and process boundaries.
#pragma once

#include <string>

namespace haven::core {

// A new random 128-bit id as 32 lowercase hex characters. Thread-safe.
[[nodiscard]] std::string NewId();

// True when `id` has the shape NewId() produces; used to reject junk ids before a lookup.
[[nodiscard]] bool IsWellFormedId(const std::string& id);

}  // namespace haven::core
