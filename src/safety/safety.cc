#include "safety/safety.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "nlp/analyzer.h"
#include "nlp/training.h"  // MentionsRisk
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
    case MatchOutcome::kExcepted:
      return "excepted";
  }
  return "rule";
}

// What the rules said about one text, before the model and context.
struct RuleVerdict {
  RiskAssessment risk;
  std::set<std::string_view> crisis_rules;  // ids of rules that counted at crisis level
  bool crisis_only_from_others = true;      // every one of them is about danger from others
  // Among the rule matches that counted (fired, past or about someone else): some about danger
  // to the writer from others, some not. Only the first ("he used to hit me") makes an
  // elevated text's check-in ask about safety from that person instead of about suicide.
  bool some_match_from_others = false;
  bool some_match_not_from_others = false;
  bool negated = false;      // some match was suppressed by a negator
  bool past = false;         // some match was capped as past
  bool third_party = false;  // some match was about someone else
};

RuleVerdict JudgeRules(const CrisisRules& rules, std::string_view text) {
  const std::string normalized = NormalizeForSafety(text);
  RuleVerdict verdict;
  RiskAssessment& out = verdict.risk;
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const RuleMatch& match : rules.Match(normalized)) {
    const std::string_view source = OutcomeSource(match.outcome);
    if (seen.emplace(source, match.rule->id).second) {
      out.reasons.push_back(RiskReason{std::string(source), match.rule->id});
    }
    out.level = std::max(out.level, match.level);
    verdict.negated = verdict.negated || match.outcome == MatchOutcome::kNegated;
    verdict.past = verdict.past || match.outcome == MatchOutcome::kPast;
    verdict.third_party = verdict.third_party || match.outcome == MatchOutcome::kThirdParty ||
                          match.rule->person == Person::kThird;
    if (match.level != RiskLevel::kNone) {
      // Abuse of someone else ("my dad hits my mom") is the writer's worry for them: the
      // third-party check-in, not the one about the writer's own safety.
      const bool from_others = match.rule->category == RuleCategory::kAbuseNow &&
                               match.rule->person != Person::kThird &&
                               match.outcome != MatchOutcome::kThirdParty;
      verdict.some_match_from_others = verdict.some_match_from_others || from_others;
      verdict.some_match_not_from_others = verdict.some_match_not_from_others || !from_others;
    }
    if (match.level == RiskLevel::kCrisis) {
      verdict.crisis_rules.insert(match.rule->id);
      verdict.crisis_only_from_others =
          verdict.crisis_only_from_others && match.rule->category == RuleCategory::kAbuseNow;
    }
  }
  // Rules that counted in full first, so the first reason explains the level.
  std::stable_partition(out.reasons.begin(), out.reasons.end(),
                        [](const RiskReason& r) { return r.source == "rule"; });
  return verdict;
}

// Whether `score` reaches `threshold`; a threshold of 1 (or the default 2) turns the step off,
// since the saturated softmax returns scores of 1 (and a hair above) on many ordinary texts.
bool Reaches(double score, double threshold) { return threshold < 1.0 && score >= threshold; }

std::string ModelDetail(double score, std::string_view kind, double threshold) {
  return fmt::format("crisis={:.3g} ({}threshold {:.3g})", score, kind, threshold);
}

// Raises `verdict` with the model's score under `band`. Negated or past matches need the
// guarded threshold for crisis, a match about someone else the third-party one.
void ApplyModel(const ModelBand& band, double score, bool sensitive, RuleVerdict& verdict) {
  RiskAssessment& out = verdict.risk;
  const double crisis = sensitive ? std::min(band.crisis, band.context_crisis) : band.crisis;
  const bool hold = band.modifiers_hold_model;
  // Excepted matches do not guard: an `unless` written for idioms also meets real crises ("six
  // months clean and i want to do it again right now"), and the model is the second chance.
  const bool guarded = hold && (verdict.negated || verdict.past);
  const bool third_party = hold && verdict.third_party;
  RiskLevel level = RiskLevel::kNone;
  std::string detail;
  if (!third_party && !guarded && Reaches(score, crisis)) {
    level = RiskLevel::kCrisis;
    detail = ModelDetail(score, "", crisis);
  } else if (!third_party && guarded && Reaches(score, band.guarded_crisis)) {
    level = RiskLevel::kCrisis;
    detail = ModelDetail(score, "guarded ", band.guarded_crisis);
  } else if (third_party && !guarded && Reaches(score, band.third_party_crisis)) {
    level = RiskLevel::kCrisis;
    detail = ModelDetail(score, "third-party ", band.third_party_crisis);
  } else if (guarded && Reaches(score, crisis)) {
    level = RiskLevel::kElevated;
    detail = ModelDetail(score, "", crisis);
  } else if (!guarded && Reaches(score, band.elevated)) {
    level = RiskLevel::kElevated;
    detail = ModelDetail(score, "elevated ", band.elevated);
  }
  if (level == RiskLevel::kNone) return;
  out.reasons.push_back(RiskReason{"model", std::move(detail)});
  if (level <= out.level) return;
  out.level = level;
  out.score = std::max(score, level == RiskLevel::kCrisis ? kContextCrisisScore : kElevatedScore);
}

// The weakest elevated evidence: the model alone (no rule matched, not even negated or
// excepted), under the band's gentle_below, in a text that names no risk word. Context that
// raised sensitivity never gets here with a gentle answer: it adds a reason of its own.
bool OnlyTheModelsLowestBand(const ModelBand& band, const nlp::Analysis& analysis,
                             const RiskAssessment& risk) {
  if (analysis.crisis_score >= band.gentle_below) return false;
  if (risk.reasons.size() != 1 || risk.reasons.front().source != "model") return false;
  return !nlp::MentionsRisk(nlp::NormalizedText{analysis.normalised, analysis.tokens});
}

}  // namespace

SafetyAssessor::SafetyAssessor(std::shared_ptr<const CrisisRules> rules)
    : rules_(std::move(rules)) {}

SafetyAssessor::SafetyAssessor(std::shared_ptr<const CrisisRules> rules, CrisisPolicy policy)
    : rules_(std::move(rules)), policy_(std::move(policy)) {}

SafetyAssessor::~SafetyAssessor() = default;

core::Result<std::shared_ptr<const SafetyAssessor>> SafetyAssessor::Load(
    const std::string& content_dir) {
  auto rules = CrisisRules::Load(content_dir + "/safety/crisis_rules.toml");
  if (!rules) return std::unexpected(rules.error());
  auto policy = LoadCrisisPolicy(content_dir + "/safety/crisis_policy.toml");
  if (!policy) return std::unexpected(policy.error());
  return std::make_shared<const SafetyAssessor>(std::move(*rules), std::move(*policy));
}

RiskAssessment SafetyAssessor::Assess(std::string_view text, const SafetyContext& context) const {
  return Assess(text, nullptr, context);
}

RiskAssessment SafetyAssessor::Assess(std::string_view text, const nlp::Analysis* analysis,
                                      const SafetyContext& context) const {
  RuleVerdict verdict = JudgeRules(*rules_, text);
  RiskAssessment& out = verdict.risk;
  if (out.level == RiskLevel::kCrisis) {
    out.score =
        std::min(0.99, kCrisisScore + kExtraCrisisRuleScore *
                                          static_cast<double>(verdict.crisis_rules.size() - 1));
    if (verdict.crisis_only_from_others) out.danger = Danger::kFromOthers;
    return std::move(out);
  }
  const bool sensitive = context.recent_crisis || context.recent_risk_item_positive;
  const std::string why = context.recent_crisis ? "recent_crisis" : "recent_risk_item";
  const RiskLevel rule_level = out.level;
  if (analysis != nullptr) {
    const ModelBand& band = policy_.BandFor(analysis->input_words);
    ApplyModel(band, analysis->crisis_score, sensitive, verdict);
    if (out.level == RiskLevel::kCrisis) {
      // Context lowered the model's threshold: say so.
      if (analysis->crisis_score < band.crisis) out.reasons.push_back(RiskReason{"context", why});
      return std::move(out);
    }
  }
  // Recent history lowers the bar: an elevated rule match becomes crisis, a negated mention
  // becomes elevated (the model's own elevated band is handled by context_crisis above).
  if (sensitive && rule_level == RiskLevel::kElevated) {
    out.level = RiskLevel::kCrisis;
    out.score = std::max(out.score, kContextCrisisScore);
    out.reasons.push_back(RiskReason{"context", why});
  } else if (sensitive && verdict.negated) {
    out.level = RiskLevel::kElevated;
    out.score = kElevatedScore;
    out.reasons.push_back(RiskReason{"context", why});
  } else if (out.level == RiskLevel::kElevated) {
    out.score = std::max(out.score, kElevatedScore);
    if (analysis != nullptr &&
        OnlyTheModelsLowestBand(policy_.BandFor(analysis->input_words), *analysis, out)) {
      out.check_in = CheckIn::kGentle;
    }
  } else if (verdict.negated) {
    out.score = kNegatedScore;
  }
  // An elevated text whose only rule matches are about danger from others ("he used to hit
  // me") gets the check-in about that. When the model or context made it crisis, the writer's
  // own danger stays first: the abuse rules did not decide that level.
  if (out.level == RiskLevel::kElevated && verdict.some_match_from_others &&
      !verdict.some_match_not_from_others) {
    out.danger = Danger::kFromOthers;
  }
  return std::move(out);
}

}  // namespace haven::safety
