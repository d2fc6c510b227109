// The catalogue of cognitive distortions (content/distortions/distortions.toml): names the
// distortion classifier may output, with definitions and examples for replies and the UI.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace haven::nlp {

struct Distortion {
  std::string name;   // label used by the classifier, e.g. "mind_reading"
  std::string title;  // "Mind reading (jumping to conclusions)"
  std::string definition;
  std::vector<std::string> examples;
  std::string source;  // key of a cited source in the file's header
};

// Parses the catalogue. InvalidArgument naming file, line and field when an entry lacks a
// field, repeats a name, or the file is not valid TOML; NotFound when the file is missing.
[[nodiscard]] core::Result<std::vector<Distortion>> LoadDistortions(const std::string& path);

}  // namespace haven::nlp
