// Serves the built web app (web/dist) with a single-page-app fallback to index.html.
#pragma once

#include <string>

#include "http/api_types.h"

namespace haven::http {

// Files are read per request (the OS page cache keeps them hot) so a rebuilt web app is served
// without a restart. Thread-safe.
class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // GET/HEAD of a file under root; unknown paths without an extension get index.html (client
  // routing); anything that tries to leave root is 404. 503 JSON when the web app is not built.
  [[nodiscard]] ApiResponse Serve(const ApiRequest& request) const;

 private:
  std::string root_;
};

// MIME type for a file name by its extension ("application/octet-stream" when unknown).
[[nodiscard]] std::string ContentTypeFor(const std::string& file_name);

}  // namespace haven::http
