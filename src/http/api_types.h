// Framework-free request and response values: handlers see these, never RESTinio types, so
// they compile fast and are unit-testable without a socket.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace haven::http {

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query string
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> path_params;  // filled by the router (":id" -> value)
  std::string authorization;                       // the Authorization header, "" if absent
  std::string content_type;
  std::string body;
  std::string client_address;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// 200-style JSON response.
[[nodiscard]] ApiResponse JsonResponse(int status, const nlohmann::json& body);
// 204 No Content.
[[nodiscard]] ApiResponse NoContent();

// HTTP status for an error code (InvalidArgument 400, Unauthenticated 401, ...).
[[nodiscard]] int StatusFor(core::ErrorCode code);

// The one place errors become responses: {"error":{"code","message","field"?}}.
[[nodiscard]] ApiResponse ErrorResponse(const core::Error& error);
// For errors that have no core::ErrorCode of their own (404 route, 405, 413, 415).
[[nodiscard]] ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                                        std::string_view field = {});

}  // namespace haven::http
