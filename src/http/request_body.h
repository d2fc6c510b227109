// Reading JSON request bodies with errors that name the field at fault.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/api_types.h"

namespace haven::http {

// The body as a JSON object. InvalidArgument when it is empty, not UTF-8, not JSON, or not an
// object; the message says which and where.
[[nodiscard]] core::Result<nlohmann::json> ParseJsonObject(const ApiRequest& request);

// body[field] as a string. InvalidArgument (with field) when missing or not a string.
[[nodiscard]] core::Result<std::string> RequiredString(const nlohmann::json& body,
                                                       std::string_view field);
// body[field] as a string, nullopt when absent or null; InvalidArgument when another type.
[[nodiscard]] core::Result<std::optional<std::string>> OptionalString(const nlohmann::json& body,
                                                                      std::string_view field);

}  // namespace haven::http
