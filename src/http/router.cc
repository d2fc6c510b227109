#include "http/router.h"

#include <set>

namespace haven::http {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return segments;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    segments.emplace_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), SplitPath(pattern), std::move(handler)});
}

bool Router::Matches(const Route& route, const std::vector<std::string>& segments,
                     std::map<std::string, std::string>* params) {
  if (route.segments.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = route.segments[i];
    if (!expected.empty() && expected.front() == ':') {
      if (segments[i].empty()) return false;
      found[expected.substr(1)] = segments[i];
    } else if (expected != segments[i]) {
      return false;
    }
  }
  if (params != nullptr) *params = std::move(found);
  return true;
}

ApiResponse Router::Dispatch(ApiRequest& request) const {
  std::vector<std::string> segments = SplitPath(request.path);
  std::set<std::string> allowed;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Matches(route, segments, &params)) continue;
    // HEAD is GET without the body (the server drops it), wherever GET is allowed.
    const bool head_of_get = request.method == "HEAD" && route.method == "GET";
    if (route.method == request.method || head_of_get) {
      request.path_params = std::move(params);
      return route.handler(request);
    }
    allowed.insert(route.method);
    if (route.method == "GET") allowed.insert("HEAD");
  }
  if (!allowed.empty()) {
    std::string allow;
    for (const std::string& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    ApiResponse response =
        ErrorResponse(405, "method_not_allowed",
                      request.method + " is not allowed on " + request.path + "; use " + allow);
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  bool is_api = request.path == "/api" || request.path.starts_with("/api/");
  if (!is_api && fallback_) return fallback_(request);
  return ErrorResponse(404, "not_found",
                       "no such endpoint: " + request.method + " " + request.path);
}

}  // namespace haven::http
