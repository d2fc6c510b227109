// Finding the files that ship with Haven (content/, models/, web/dist) wherever it runs from.
#pragma once

#include <string>

namespace haven::core {

// The first of <binary dir>/../relative, <binary dir>/relative, <working dir>/relative that
// contains `marker` (a file name, or "" for the directory itself), made absolute; `relative`
// unchanged when none does. The binary is found through /proc/self/exe, not argv[0].
[[nodiscard]] std::string FindShippedPath(const std::string& relative,
                                          const std::string& marker = "");

}  // namespace haven::core
