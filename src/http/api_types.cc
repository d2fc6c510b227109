#include "http/api_types.h"

namespace haven::http {

ApiResponse JsonResponse(int status, const nlohmann::json& body) {
  ApiResponse response;
  response.status = status;
  // Replace invalid UTF-8 rather than throw: our inputs are validated, but a reply must never
  // take the server down.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

ApiResponse NoContent() {
  ApiResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

int StatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kInvalidArgument:
      return 400;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kPermissionDenied:
      return 403;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kRateLimited:
      return 429;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                          std::string_view field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  ApiResponse response = JsonResponse(status, {{"error", error}});
  if (status == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

ApiResponse ErrorResponse(const core::Error& error) {
  // Internal details stay in the log; the person gets a message that tells them what to do.
  if (error.code == core::ErrorCode::kInternal) {
    return ErrorResponse(500, "internal", "something went wrong on our side; please try again");
  }
  return ErrorResponse(StatusFor(error.code), core::ErrorCodeName(error.code), error.message,
                       error.field);
}

}  // namespace haven::http
