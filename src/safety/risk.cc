#include "safety/risk.h"

namespace haven::safety {

std::string_view RiskLevelName(RiskLevel level) {
  switch (level) {
    case RiskLevel::kNone:
      return "none";
    case RiskLevel::kElevated:
      return "elevated";
    case RiskLevel::kCrisis:
      return "crisis";
  }
  return "none";
}

std::optional<RiskLevel> ParseRiskLevel(std::string_view name) {
  if (name == "none") return RiskLevel::kNone;
  if (name == "elevated") return RiskLevel::kElevated;
  if (name == "crisis") return RiskLevel::kCrisis;
  return std::nullopt;
}

}  // namespace haven::safety
