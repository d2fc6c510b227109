#include "http/request_body.h"

#include "core/bytes.h"

namespace haven::http {

using core::ErrorCode;
using core::Fail;

core::Result<nlohmann::json> ParseJsonObject(const ApiRequest& request) {
  if (request.body.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "request body is empty; send a JSON object");
  }
  if (!core::IsValidUtf8(request.body)) {
    return Fail(ErrorCode::kInvalidArgument, "request body is not valid UTF-8 text");
  }
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                "request body is not valid JSON (error at byte " + std::to_string(e.byte) + ")");
  }
  if (!body.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "request body must be a JSON object");
  }
  return body;
}

core::Result<std::string> RequiredString(const nlohmann::json& body, std::string_view field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + " is required",
                std::string(field));
  }
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + " must be a string",
                std::string(field));
  }
  return it->get<std::string>();
}

core::Result<std::optional<std::string>> OptionalString(const nlohmann::json& body,
                                                        std::string_view field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + " must be a string",
                std::string(field));
  }
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace haven::http
