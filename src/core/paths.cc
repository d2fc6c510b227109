#include "core/paths.h"

#include <filesystem>

namespace haven::core {

std::string FindShippedPath(const std::string& relative, const std::string& marker) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (const fs::path& base : {exe_dir / "..", exe_dir, fs::current_path(ec)}) {
    if (base.empty()) continue;
    const fs::path candidate = base / relative;
    if (fs::exists(marker.empty() ? candidate : candidate / marker, ec)) {
      return fs::weakly_canonical(candidate, ec).string();
    }
  }
  return relative;
}

}  // namespace haven::core
