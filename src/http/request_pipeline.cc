// The framework-free part of the server: limits, dispatch, headers.
#include <spdlog/spdlog.h>

#include <exception>

#include "http/server.h"

namespace haven::http {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
               HexDigit(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

void AddSecurityHeaders(ApiResponse& response, bool is_api) {
  auto& h = response.headers;
  h.emplace_back("X-Content-Type-Options", "nosniff");
  h.emplace_back("X-Frame-Options", "DENY");
  h.emplace_back("Referrer-Policy", "no-referrer");
  h.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  h.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  h.emplace_back("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                 "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                 "form-action 'self'");
  // Answers about a person's health must not linger in shared caches or browser history.
  if (is_api) h.emplace_back("Cache-Control", "no-store");
}

}  // namespace

std::map<std::string, std::string> ParseQueryString(std::string_view query) {
  std::map<std::string, std::string> params;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    params[std::move(key)] = std::move(value);
  }
  return params;
}

ApiResponse HandleRequest(const ServerOptions& options, const Router& router, ApiRequest& request) {
  bool is_api = request.path.starts_with("/api/");
  ApiResponse response;
  if (request.body.size() > options.max_body_bytes) {
    response = ErrorResponse(413, "payload_too_large",
                             "request body is " + std::to_string(request.body.size()) +
                                 " bytes; the limit is " + std::to_string(options.max_body_bytes));
  } else {
    try {
      response = router.Dispatch(request);
    } catch (const std::exception& e) {
      spdlog::error("unhandled exception in {} {}: {}", request.method, request.path, e.what());
      response = ErrorResponse(500, "internal", "something went wrong on our side; please retry");
    }
  }
  AddSecurityHeaders(response, is_api);
  return response;
}

}  // namespace haven::http
