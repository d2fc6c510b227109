// The HTTP server: RESTinio underneath, Router handlers on top. Only server.cc includes
// RESTinio (it takes ~25 s to compile), so nothing else pays for it.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"

namespace haven::http {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  int port = 8080;
  std::size_t threads = 2;
  std::size_t max_body_bytes = 64 * 1024;  // larger bodies get 413
};

// Serves until SIGINT or SIGTERM, then finishes in-flight requests and returns.
// `on_listening` runs once the socket is bound. Unavailable if the address cannot be bound.
[[nodiscard]] core::Status RunServer(const ServerOptions& options, const Router& router,
                                     Metrics& metrics, const std::function<void()>& on_listening);

// Decodes "a=1&b=x%20y" into a map; later duplicates win; '+' means space.
[[nodiscard]] std::map<std::string, std::string> ParseQueryString(std::string_view query);

// Applies body-size limits, runs the router, catches anything thrown, adds security headers.
// Framework-free so it is unit-testable.
[[nodiscard]] ApiResponse HandleRequest(const ServerOptions& options, const Router& router,
                                        ApiRequest& request);

}  // namespace haven::http
