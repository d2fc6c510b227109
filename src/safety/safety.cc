#include "safety/safety.h"

#include <algorithm>
#include <set>
#include <utility>

#include "safety/crisis_rules.h"
#include "safety/normalize.h"

namespace haven::safety {
namespace {

constexpr double kCrisisScore = 0.9;
constexpr double kExtraCrisisRuleScore = 0.03;
constexpr double kContextCrisisScore = 0.75;
constexpr double kElevatedScore = 0.5;
constexpr double kNegatedScore = 0.1;

std::string_view OutcomeSource(MatchOutcome outcome) {
  switch (outcome) {
    case MatchOutcome::kFired:
      return "rule";
    case MatchOutcome::kNegated:
      return "negated";
    case MatchOutcome::kThirdParty:
      return "third_party";
    case MatchOutcome::kPast:
      return "past";
  }
  return "rule";
}

}  // namespace

SafetyAssessor::SafetyAssessor(std::shared_ptr<const CrisisRules> rules)
    : rules_(std::move(rules)) {}

SafetyAssessor::~SafetyAssessor() = default;

core::Result<std::shared_ptr<const SafetyAssessor>> SafetyAssessor::Load(
    const std::string& content_dir) {
  auto rules = CrisisRules::Load(content_dir + "/safety/crisis_rules.toml");
  if (!rules) return std::unexpected(rules.error());
  return std::make_shared<const SafetyAssessor>(std::move(*rules));
}

RiskAssessment SafetyAssessor::Assess(std::string_view text, const SafetyContext& context) const {
  const std::string normalized = NormalizeForSafety(text);
  RiskAssessment out;
  std::set<std::pair<std::string_view, std::string_view>> seen;
  std::set<std::string_view> crisis_rules;
  bool negated = false;
  for (const RuleMatch& match : rules_->Match(normalized)) {
    const std::string_view source = OutcomeSource(match.outcome);
    if (seen.emplace(source, match.rule->id).second) {
      out.reasons.push_back(RiskReason{std::string(source), match.rule->id});
    }
    out.level = std::max(out.level, match.level);
    negated = negated || match.outcome == MatchOutcome::kNegated;
    if (match.level == RiskLevel::kCrisis) crisis_rules.insert(match.rule->id);
  }
  // Rules that counted in full first, so the first reason explains the level.
  std::stable_partition(out.reasons.begin(), out.reasons.end(),
                        [](const RiskReason& r) { return r.source == "rule"; });
  if (out.level == RiskLevel::kCrisis) {
    out.score = std::min(
        0.99, kCrisisScore + kExtraCrisisRuleScore * static_cast<double>(crisis_rules.size() - 1));
    return out;
  }
  // Recent history lowers the bar: elevated becomes crisis, a negated mention becomes elevated.
  const bool sensitive = context.recent_crisis || context.recent_risk_item_positive;
  const std::string why = context.recent_crisis ? "recent_crisis" : "recent_risk_item";
  if (sensitive && out.level == RiskLevel::kElevated) {
    out.level = RiskLevel::kCrisis;
    out.score = kContextCrisisScore;
    out.reasons.push_back(RiskReason{"context", why});
  } else if (sensitive && negated) {
    out.level = RiskLevel::kElevated;
    out.score = kElevatedScore;
    out.reasons.push_back(RiskReason{"context", why});
  } else if (out.level == RiskLevel::kElevated) {
    out.score = kElevatedScore;
  } else if (negated) {
    out.score = kNegatedScore;
  }
  return out;
}

}  // namespace haven::safety
