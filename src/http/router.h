// Maps method + path to handlers. Knows the difference between an unknown path (404) and a
// known path asked with the wrong method (405 with Allow), which RESTinio's express router
// in Debian 12 (0.6.16) cannot express.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/api_types.h"

namespace haven::http {

using Handler = std::function<ApiResponse(ApiRequest&)>;

// Register routes before serving; Dispatch is then const and thread-safe.
class Router {
 public:
  // `pattern` is a path whose segments may be ":name" placeholders, e.g.
  // "/api/v1/chat/conversations/:id/messages". A placeholder matches one non-empty segment.
  void Add(std::string method, const std::string& pattern, Handler handler);

  // Runs the handler for the request, filling request.path_params. 404 JSON for an unknown
  // /api path, 405 JSON (with Allow) for a known path and another method. Paths outside
  // /api go to the fallback (static files) when one is set.
  [[nodiscard]] ApiResponse Dispatch(ApiRequest& request) const;

  void SetFallback(Handler fallback) { fallback_ = std::move(fallback); }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  [[nodiscard]] static bool Matches(const Route& route, const std::vector<std::string>& segments,
                                    std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
  Handler fallback_;
};

// Splits "/a/b/c" into {"a","b","c"}; empty segments are kept so "/a//b" does not match "/a/b".
[[nodiscard]] std::vector<std::string> SplitPath(std::string_view path);

}  // namespace haven::http
