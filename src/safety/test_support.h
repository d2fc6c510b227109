// Helpers shared by the safety tests: a scratch content directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "core/ids.h"

namespace haven::safety::testing {

// A fresh directory under the system temp dir, removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir() : path_(std::filesystem::temp_directory_path() / ("haven-safety-" + core::NewId())) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] std::string path() const { return path_.string(); }

  // Writes `text` to `relative` (creating folders) and returns the full path.
  std::string Write(const std::string& relative, const std::string& text) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// The repository's content directory (tests run from the repo root).
inline std::string ContentDir() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  return root != nullptr ? std::string(root) + "/content" : std::string("content");
}

}  // namespace haven::safety::testing
