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

std::string_view DangerName(Danger danger) {
  return danger == Danger::kFromOthers ? "others" : "self";
}

std::optional<Danger> ParseDanger(std::string_view name) {
  if (name == "self") return Danger::kToSelf;
  if (name == "others") return Danger::kFromOthers;
  return std::nullopt;
}

nlohmann::json ToJson(const RiskAssessment& risk) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const RiskReason& reason : risk.reasons) {
    reasons.push_back({{"source", reason.source}, {"detail", reason.detail}});
  }
  nlohmann::json json = {
      {"level", RiskLevelName(risk.level)}, {"score", risk.score}, {"reasons", std::move(reasons)}};
  if (risk.level == RiskLevel::kElevated) {
    json["check_in"] = risk.check_in == CheckIn::kGentle ? "gentle" : "direct";
  }
  if (risk.level != RiskLevel::kNone) {
    json["danger"] = DangerName(risk.danger);
  }
  return json;
}

}  // namespace haven::safety
