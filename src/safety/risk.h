// Risk levels and the record kept when a text is judged risky.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace haven::safety {

// Ordered: a higher level pre-empts a lower one.
enum class RiskLevel { kNone = 0, kElevated = 1, kCrisis = 2 };

[[nodiscard]] std::string_view RiskLevelName(RiskLevel level);  // "none", "elevated", "crisis"
[[nodiscard]] std::optional<RiskLevel> ParseRiskLevel(std::string_view name);

// Why a level was reached, e.g. {"rule", "ideation.want_to_die"} or {"model", "crisis=0.93"}.
struct RiskReason {
  std::string source;  // "rule", "model", "context", "instrument"
  std::string detail;
};

// How an elevated text is answered: the direct safety question, or (weakest evidence: the
// model's lowest band, no rule, no risk word) a gentle check-in beside the normal reply.
enum class CheckIn { kDirect, kGentle };

// Whose harm a crisis is about: the writer's own (suicide, self-harm, harming someone), or
// someone else hurting or threatening the writer (abuse, sexual violence), which needs another
// reply and other lines.
enum class Danger { kToSelf, kFromOthers };

[[nodiscard]] std::string_view DangerName(Danger danger);  // "self", "others"
[[nodiscard]] std::optional<Danger> ParseDanger(std::string_view name);

struct RiskAssessment {
  RiskLevel level = RiskLevel::kNone;
  double score = 0.0;  // 0..1, how strongly the evidence points to crisis
  std::vector<RiskReason> reasons;
  CheckIn check_in = CheckIn::kDirect;  // meaningful when level is kElevated
  // kFromOthers when every rule that made it crisis is about danger from someone else, or, for
  // an elevated text, when every rule match that counted is.
  Danger danger = Danger::kToSelf;
};

// The verdict as the API and `haven analyze` print it: {"level", "score", "reasons": [{"source",
// "detail"}]}, plus "check_in" ("direct" or "gentle") when the level is elevated and "danger"
// ("self" or "others") when it is elevated or crisis.
[[nodiscard]] nlohmann::json ToJson(const RiskAssessment& risk);

// A stored risk event: no text, only what fired.
struct RiskEvent {
  std::string id;
  std::string user_id;
  core::Timestamp at;
  RiskLevel level = RiskLevel::kNone;
  double score = 0.0;
  std::string source;        // "chat", "journal", "assessment"
  std::string reference_id;  // e.g. the conversation id
  std::vector<RiskReason> reasons;
};

// Implementations are thread-safe.
class RiskEventRepository {
 public:
  virtual ~RiskEventRepository() = default;
  [[nodiscard]] virtual core::Status RecordRiskEvent(const RiskEvent& event) = 0;
  // Events of the user at or after `since`, newest first.
  [[nodiscard]] virtual core::Result<std::vector<RiskEvent>> ListRiskEvents(
      const std::string& user_id, core::Timestamp since) = 0;
};

}  // namespace haven::safety
