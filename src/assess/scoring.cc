#include "assess/scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace haven::assess {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::Status;

std::string AnswerField(std::string_view item_id) { return fmt::format("answers.{}", item_id); }

std::string AllowedScores(const Item& item) {
  std::string out;
  for (const AnswerOption& option : item.options) {
    if (!out.empty()) out += ", ";
    out += std::to_string(option.score);
  }
  return out;
}

// Each answer names a known item once, with one of its published scores.
Status CheckEachAnswer(const Instrument& instrument, std::span<const ItemAnswer> answers) {
  std::set<std::string_view> seen;
  for (const ItemAnswer& answer : answers) {
    const Item* item = instrument.FindItem(answer.item_id);
    if (item == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} has no item \"{}\" ({} items, {} answers given)", instrument.name,
                              answer.item_id, instrument.items.size(), answers.size()),
                  AnswerField(answer.item_id));
    }
    if (!seen.insert(answer.item_id).second) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("item {} of {} was answered more than once", answer.item_id, instrument.name),
          AnswerField(answer.item_id));
    }
    bool allowed = std::any_of(item->options.begin(), item->options.end(),
                               [&](const AnswerOption& o) { return o.score == answer.value; });
    if (!allowed) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not an answer to {} item {}; allowed: {}", answer.value,
                              instrument.name, answer.item_id, AllowedScores(*item)),
                  AnswerField(answer.item_id));
    }
  }
  return {};
}

int RequiredCount(const Instrument& instrument, std::span<const ItemAnswer> answers) {
  int count = 0;
  for (const Item& item : instrument.items) {
    bool enabled = !item.enable_when ||
                   AnswerFor(answers, item.enable_when->item_id) == item.enable_when->equals;
    if (enabled && item.required) ++count;
  }
  return count;
}

// Skip logic: asked questions are answered, skipped ones are not. Returns answers in item order.
Result<std::vector<ItemAnswer>> CheckCompleteness(const Instrument& instrument,
                                                  std::span<const ItemAnswer> answers) {
  std::vector<ItemAnswer> ordered;
  for (const Item& item : instrument.items) {
    std::optional<int> value = AnswerFor(answers, item.id);
    bool enabled = !item.enable_when ||
                   AnswerFor(answers, item.enable_when->item_id) == item.enable_when->equals;
    if (!enabled && value) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("{} item {} is skipped unless {} is {}; leave it out", instrument.name,
                      item.id, item.enable_when->item_id, item.enable_when->equals),
          AnswerField(item.id));
    }
    if (enabled && item.required && !value) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("{} needs {} answers but got {}: item {} is missing, and no "
                      "total is made up from incomplete answers",
                      instrument.name, RequiredCount(instrument, answers), answers.size(), item.id),
          AnswerField(item.id));
    }
    if (value) ordered.push_back(ItemAnswer{item.id, *value});
  }
  return ordered;
}

void ScoreSum(const Instrument& instrument, ScoredAssessment& out) {
  int total = 0;
  for (const ItemAnswer& answer : out.answers) {
    if (instrument.FindItem(answer.item_id)->scored) total += answer.value;
  }
  out.total = total;
  int banded = total;
  if (instrument.percentage_multiplier > 0) {
    out.percentage = total * instrument.percentage_multiplier;
    if (instrument.bands_on_percentage) banded = *out.percentage;
  }
  if (const Band* band = instrument.BandFor(banded)) out.band_code = band->code;
  if (instrument.screen && total >= instrument.screen->positive_at) {
    out.screen_positive = true;
    out.offer_instrument_id = instrument.screen->offer_id;
  }
}

void ScoreCssrs(const Instrument& instrument, ScoredAssessment& out) {
  CssrsRisk risk = CssrsRisk::kNone;
  for (const RiskRule& rule : instrument.risk_rules) {
    bool fires = std::any_of(rule.any_yes.begin(), rule.any_yes.end(), [&](const std::string& id) {
      return AnswerFor(out.answers, id) == 1;
    });
    if (fires && rule.level > risk) risk = rule.level;
  }
  out.cssrs_risk = risk;
  if (risk == CssrsRisk::kModerate) out.flags.emplace_back(kFlagCssrsModerate);
  if (risk == CssrsRisk::kHigh) out.flags.emplace_back(kFlagCssrsHigh);
}

}  // namespace

std::optional<int> AnswerFor(std::span<const ItemAnswer> answers, std::string_view item_id) {
  for (const ItemAnswer& answer : answers) {
    if (answer.item_id == item_id) return answer.value;
  }
  return std::nullopt;
}

Result<ScoredAssessment> Score(const Instrument& instrument, std::span<const ItemAnswer> answers) {
  if (Status status = CheckEachAnswer(instrument, answers); !status) {
    return std::unexpected(status.error());
  }
  auto ordered = CheckCompleteness(instrument, answers);
  if (!ordered) return std::unexpected(ordered.error());
  ScoredAssessment out;
  out.instrument_id = instrument.id;
  out.answers = std::move(*ordered);
  if (instrument.kind == ScoringKind::kSum) {
    ScoreSum(instrument, out);
  } else {
    ScoreCssrs(instrument, out);
  }
  for (const ItemFlag& flag : instrument.flags) {
    std::optional<int> value = AnswerFor(out.answers, flag.item_id);
    if (value && *value > flag.above) out.flags.push_back(flag.name);
  }
  return out;
}

bool StartsSafetyFlow(const ScoredAssessment& scored) {
  if (scored.cssrs_risk && *scored.cssrs_risk >= CssrsRisk::kModerate) return true;
  return std::any_of(scored.flags.begin(), scored.flags.end(), [](const std::string& flag) {
    return flag == kFlagSuicidalIdeationItem || flag == kFlagCssrsModerate ||
           flag == kFlagCssrsHigh;
  });
}

}  // namespace haven::assess
