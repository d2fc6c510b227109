// Import of QuestionnaireResponse resources from other systems.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "assess/fhir.h"
#include "assess/fhir_codes.h"

namespace haven::assess {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::Status;
using nlohmann::json;

constexpr std::string_view kRoot = "QuestionnaireResponse";

// An answered (or total) item found while walking item[] and nested item[].
struct FoundItem {
  std::string path;  // e.g. "QuestionnaireResponse.item[0].item[2]"
  std::string link_id;
  const json* node = nullptr;
};

std::unexpected<core::Error> Invalid(std::string message, std::string field) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Status CollectItems(const json& parent, const std::string& path, std::vector<FoundItem>& out) {
  if (!parent.contains("item")) return {};
  const json& items = parent["item"];
  if (!items.is_array()) return Invalid("item must be an array", path + ".item");
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item_path = fmt::format("{}.item[{}]", path, i);
    const json& item = items[i];
    if (!item.is_object() || !item.contains("linkId") || !item["linkId"].is_string()) {
      return Invalid("each item needs a string linkId", item_path + ".linkId");
    }
    if (item.contains("answer")) {
      out.push_back(FoundItem{item_path, item["linkId"].get<std::string>(), &item});
    }
    if (Status s = CollectItems(item, item_path, out); !s) return s;
  }
  return {};
}

// "q1", "/44250-9" or "44250-9" -> the item, or nullptr.
const Item* MatchLinkId(const Instrument& instrument, std::string_view link_id) {
  std::string_view bare = link_id.starts_with('/') ? link_id.substr(1) : link_id;
  for (const Item& item : instrument.items) {
    if (item.id == link_id || (!item.loinc.empty() && item.loinc == bare)) return &item;
  }
  return nullptr;
}

bool IsTotalLink(const Instrument& instrument, std::string_view link_id) {
  std::string_view bare = link_id.starts_with('/') ? link_id.substr(1) : link_id;
  return (!instrument.total_loinc.empty() && bare == instrument.total_loinc) || bare == "total";
}

const Instrument* ByCanonical(const InstrumentCatalog& catalog, std::string canonical,
                              const FhirOptions& options) {
  canonical = canonical.substr(0, canonical.find('|'));
  for (const Instrument& instrument : catalog.All()) {
    if (canonical == QuestionnaireCanonical(instrument, options)) return &instrument;
    if (!instrument.panel_loinc.empty() && canonical.ends_with("/" + instrument.panel_loinc)) {
      return &instrument;
    }
  }
  return nullptr;
}

// True when `link_id` is an item's LOINC code ("/44250-9" or "44250-9").
bool IsLoincLink(const Instrument& instrument, std::string_view link_id) {
  const Item* item = MatchLinkId(instrument, link_id);
  return item != nullptr && item->id != link_id;
}

// The instrument whose LOINC item codes cover every answered linkId; the smallest on a tie
// (a PHQ-2 response is also a subset of the PHQ-9).
const Instrument* ByLinkIds(const InstrumentCatalog& catalog, const std::vector<FoundItem>& found) {
  const Instrument* best = nullptr;
  for (const Instrument& instrument : catalog.All()) {
    bool all = !found.empty();
    for (const FoundItem& item : found) {
      if (!IsLoincLink(instrument, item.link_id) && !IsTotalLink(instrument, item.link_id)) {
        all = false;
      }
    }
    if (all && (best == nullptr || instrument.items.size() < best->items.size())) {
      best = &instrument;
    }
  }
  return best;
}

Result<const Instrument*> FindInstrument(const json& resource, const InstrumentCatalog& catalog,
                                         const std::vector<FoundItem>& found,
                                         const FhirOptions& options) {
  if (resource.contains("questionnaire")) {
    const json& canonical = resource["questionnaire"];
    if (!canonical.is_string()) {
      return Invalid("questionnaire must be a canonical URL",
                     std::string(kRoot) + ".questionnaire");
    }
    if (const Instrument* hit = ByCanonical(catalog, canonical.get<std::string>(), options)) {
      return hit;
    }
  }
  if (const Instrument* hit = ByLinkIds(catalog, found)) return hit;
  return Invalid(
      "the questionnaire is not one Haven knows (need a Haven canonical, a URL ending in the "
      "panel LOINC code, or LOINC linkIds of a known instrument)",
      std::string(kRoot) + ".questionnaire");
}

Result<int> AnswerScore(const Instrument& instrument, const Item& item, const FoundItem& found,
                        const FhirOptions& options) {
  const json& answers = (*found.node)["answer"];
  if (!answers.is_array() || answers.size() != 1) {
    return Invalid(fmt::format("item {} needs exactly one answer", found.link_id),
                   found.path + ".answer");
  }
  std::string answer_path = found.path + ".answer[0]";
  if (!answers[0].is_object() || !answers[0].contains("valueCoding")) {
    return Invalid(fmt::format("item {} must be answered with valueCoding", found.link_id),
                   answer_path + ".valueCoding");
  }
  const json& coding = answers[0]["valueCoding"];
  for (const AnswerOption& option : item.options) {
    if (internal::CodingMatches(coding, instrument, option, options)) return option.score;
  }
  return Invalid(fmt::format("answer code for item {} is not in the {} answer list", found.link_id,
                             instrument.name),
                 answer_path + ".valueCoding.code");
}

// Maps answered items to Haven answers; calculated total items go to `totals` for checking.
Result<std::vector<ItemAnswer>> MapAnswers(const Instrument& instrument,
                                           const std::vector<FoundItem>& found,
                                           const FhirOptions& options,
                                           std::vector<const FoundItem*>& totals) {
  std::vector<ItemAnswer> answers;
  for (const FoundItem& item : found) {
    if (IsTotalLink(instrument, item.link_id)) {
      totals.push_back(&item);
      continue;
    }
    const Item* known = MatchLinkId(instrument, item.link_id);
    if (known == nullptr) {
      return Invalid(fmt::format("linkId {} is not an item of {}", item.link_id, instrument.name),
                     item.path + ".linkId");
    }
    auto score = AnswerScore(instrument, *known, item, options);
    if (!score) return std::unexpected(score.error());
    answers.push_back(ItemAnswer{known->id, *score});
  }
  return answers;
}

Status CheckTotal(const FoundItem& found, const ScoredAssessment& scored) {
  const json& answers = (*found.node)["answer"];
  if (!answers.is_array() || answers.empty() || !answers[0].is_object()) return {};
  const json& answer = answers[0];
  std::optional<double> stated;
  if (answer.contains("valueInteger") && answer["valueInteger"].is_number()) {
    stated = answer["valueInteger"].get<double>();
  } else if (answer.contains("valueDecimal") && answer["valueDecimal"].is_number()) {
    stated = answer["valueDecimal"].get<double>();
  }
  if (stated && scored.total && *stated != static_cast<double>(*scored.total)) {
    return Invalid(
        fmt::format("stated total {} differs from the answers' total {}", *stated, *scored.total),
        found.path + ".answer[0]");
  }
  return {};
}

Status CheckEnvelope(const json& resource) {
  if (!resource.is_object() || !resource.contains("resourceType") ||
      resource["resourceType"] != "QuestionnaireResponse") {
    return Invalid("expected a QuestionnaireResponse", "resourceType");
  }
  if (!resource.contains("status") || resource["status"] != "completed") {
    return Invalid("only completed responses can be imported", std::string(kRoot) + ".status");
  }
  return {};
}

}  // namespace

Result<core::Timestamp> ParseFhirDateTime(std::string_view text, const std::string& field) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, consumed = 0;
  double second = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return Invalid("dateTime must look like 2024-03-15T10:00:00Z", field);
  }
  std::string_view zone = text.substr(static_cast<std::size_t>(consumed));
  int offset_minutes = 0;
  if (zone != "Z") {
    int zh = 0, zm = 0;
    char sign = 0;
    if (zone.size() != 6 ||
        std::sscanf(std::string(zone).c_str(), "%c%2d:%2d", &sign, &zh, &zm) != 3 ||
        (sign != '+' && sign != '-')) {
      return Invalid("dateTime needs a time zone (Z or +hh:mm)", field);
    }
    offset_minutes = (sign == '-' ? -1 : 1) * (zh * 60 + zm);
  }
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok() || hour > 23 || minute > 59 || second < 0 || second >= 61) {
    return Invalid("dateTime is not a valid date and time", field);
  }
  auto ms = std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(hour) +
            std::chrono::minutes(minute - offset_minutes) +
            std::chrono::milliseconds(static_cast<long long>(second * 1000 + 0.5));
  return core::Timestamp(std::chrono::duration_cast<std::chrono::milliseconds>(ms));
}

Result<ImportedResponse> ImportQuestionnaireResponse(const json& resource,
                                                     const InstrumentCatalog& catalog,
                                                     const FhirOptions& options) {
  if (Status s = CheckEnvelope(resource); !s) return std::unexpected(s.error());
  std::vector<FoundItem> found;
  if (Status s = CollectItems(resource, std::string(kRoot), found); !s) {
    return std::unexpected(s.error());
  }
  auto instrument = FindInstrument(resource, catalog, found, options);
  if (!instrument) return std::unexpected(instrument.error());
  ImportedResponse out;
  out.instrument_id = (*instrument)->id;
  std::vector<const FoundItem*> totals;
  auto answers = MapAnswers(**instrument, found, options, totals);
  if (!answers) return std::unexpected(answers.error());
  auto scored = Score(**instrument, *answers);
  if (!scored) {
    std::string item_id = scored.error().field.substr(scored.error().field.find('.') + 1);
    const Item* item = (*instrument)->FindItem(item_id);
    std::string link = item != nullptr && !item->loinc.empty() ? "/" + item->loinc : item_id;
    return Invalid(scored.error().message, fmt::format("{}.item.where(linkId='{}')", kRoot, link));
  }
  for (const FoundItem* total : totals) {
    if (Status s = CheckTotal(*total, *scored); !s) return std::unexpected(s.error());
  }
  if (resource.contains("authored")) {
    if (!resource["authored"].is_string()) {
      return Invalid("authored must be a dateTime", std::string(kRoot) + ".authored");
    }
    auto at = ParseFhirDateTime(resource["authored"].get<std::string>(),
                                std::string(kRoot) + ".authored");
    if (!at) return std::unexpected(at.error());
    out.authored = *at;
  }
  out.answers = scored->answers;
  out.scored = std::move(*scored);
  return out;
}

}  // namespace haven::assess
