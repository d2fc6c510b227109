// Errors as values: every fallible function across module boundaries returns Result<T>.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace haven::core {

enum class ErrorCode {
  kNotFound,
  kInvalidArgument,
  kConflict,
  kPermissionDenied,
  kUnauthenticated,
  kRateLimited,
  kUnavailable,
  kInternal,
};

// A failure with a code the HTTP adapter maps to a status, a message a person can act on,
// and optionally the input field at fault.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
};

template <typename T>
using Result = std::expected<T, Error>;

// Result of an operation that yields nothing but may fail.
using Status = std::expected<void, Error>;

// Builds the unexpected side of a Result: `return Fail(ErrorCode::kNotFound, "no such user");`
[[nodiscard]] inline std::unexpected<Error> Fail(ErrorCode code, std::string message,
                                                 std::string field = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(field)});
}

// Stable snake_case name of a code, as used in JSON errors ("invalid_argument").
[[nodiscard]] std::string_view ErrorCodeName(ErrorCode code);

}  // namespace haven::core
