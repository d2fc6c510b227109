#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace haven::http {
namespace {

bool ReadFile(const std::filesystem::path& path, std::string* content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *content = std::move(buffer).str();
  return true;
}

bool IsSafeRelativePath(const std::string& path) {
  // Reject "..", backslashes and NULs before touching the file system.
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  for (const auto& part : std::filesystem::path(path)) {
    if (part == "..") return false;
  }
  return true;
}

}  // namespace

std::string ContentTypeFor(const std::string& file_name) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  std::string extension = std::filesystem::path(file_name).extension().string();
  for (const auto& [ext, type] : kTypes) {
    if (extension == ext) return type;
  }
  return "application/octet-stream";
}

ApiResponse StaticFiles::Serve(const ApiRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    return ErrorResponse(405, "method_not_allowed", "only GET is allowed for web pages");
  }
  std::string relative = request.path.empty() ? "" : request.path.substr(1);
  if (!IsSafeRelativePath(relative)) {
    return ErrorResponse(404, "not_found", "no such file");
  }
  std::filesystem::path root(root_);
  std::filesystem::path file = root / relative;
  std::error_code ec;
  if (relative.empty() || std::filesystem::is_directory(file, ec)) file = root / "index.html";
  ApiResponse response;
  if (!ReadFile(file, &response.body)) {
    bool client_route = std::filesystem::path(relative).extension().empty();
    if (!client_route || !ReadFile(root / "index.html", &response.body)) {
      if (!std::filesystem::exists(root / "index.html", ec)) {
        return ErrorResponse(503, "unavailable",
                             "the web app is not built; run `make run` or `npm run build` in web/");
      }
      return ErrorResponse(404, "not_found", "no such file: " + request.path);
    }
    file = root / "index.html";
  }
  response.content_type = ContentTypeFor(file.filename().string());
  // Hashed asset names change on every build, so they can be cached for long; pages cannot.
  bool hashed_asset = relative.starts_with("assets/");
  response.headers.emplace_back("Cache-Control",
                                hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace haven::http
