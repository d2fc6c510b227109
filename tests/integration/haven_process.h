// Runs the real `haven serve` binary on a free loopback port with a temporary data directory,
// and talks to it over HTTP with libcurl. For integration tests.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace haven::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  [[nodiscard]] nlohmann::json Json() const;
};

// A temporary directory removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class HavenProcess {
 public:
  // Does not start the server; `data_dir` must outlive this object.
  explicit HavenProcess(std::string data_dir, std::map<std::string, std::string> env = {});
  ~HavenProcess();  // stops the server if running

  // Starts `haven serve` and waits until /api/v1/health answers (up to 30 s). Returns false and
  // fills `error` (with the server's stderr) if it does not come up.
  bool Start(std::string* error);
  // SIGTERM, then waits; returns the exit status (or -1).
  int Stop();
  // SIGKILL, as a crash would.
  void Kill();

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string BaseUrl() const;

  HttpResult Request(const std::string& method, const std::string& path,
                     const std::string& body = "", const std::string& token = "",
                     const std::vector<std::string>& extra_headers = {}) const;
  HttpResult Get(const std::string& path, const std::string& token = "") const {
    return Request("GET", path, "", token);
  }
  HttpResult Post(const std::string& path, const nlohmann::json& body,
                  const std::string& token = "") const {
    return Request("POST", path, body.dump(), token);
  }

 private:
  std::string data_dir_;
  std::map<std::string, std::string> env_;
  int port_ = 0;
  int pid_ = -1;
  std::string log_path_;
};

// Path of the haven binary under test: $HAVEN_BINARY_DIR/haven.
[[nodiscard]] std::string HavenBinary();
// A TCP port on 127.0.0.1 that was free a moment ago.
[[nodiscard]] int FreePort();

}  // namespace haven::testing
