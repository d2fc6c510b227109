// Cross-field checks of a parsed instrument: ids, skip logic, bands, rules. Also derives the
// total range from the answer options so content cannot state a range its options disagree with.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "assess/toml_reader.h"

namespace haven::assess::internal {

using core::Status;

namespace {

std::unexpected<core::Error> At(const TomlReader& reader, const toml::table& root,
                                const std::string& field, std::string_view what) {
  const toml::node* node = toml::at_path(root, field).node();
  if (node == nullptr) node = &root;
  return std::unexpected(reader.Fail(node, field, what));
}

bool IsValidId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status CheckItems(const TomlReader& reader, const toml::table& root, const Instrument& in) {
  if (in.items.empty()) return At(reader, root, "items", "at least one item is required");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    const Item& item = in.items[i];
    std::string field = fmt::format("items[{}]", i);
    if (!IsValidId(item.id)) return At(reader, root, field + ".id", "must match [a-z0-9_]+");
    if (!seen.insert(item.id).second) {
      return At(reader, root, field + ".id", "duplicates an earlier item id");
    }
    if (!item.enable_when) continue;
    const Item* target = nullptr;
    for (std::size_t j = 0; j < i; ++j) {
      if (in.items[j].id == item.enable_when->item_id) target = &in.items[j];
    }
    if (target == nullptr) {
      return At(reader, root, field + ".enable_when.item", "must name an earlier item");
    }
    bool valid =
        std::any_of(target->options.begin(), target->options.end(),
                    [&](const AnswerOption& o) { return o.score == item.enable_when->equals; });
    if (!valid) {
      return At(reader, root, field + ".enable_when.equals", "is not a score of that item");
    }
  }
  return {};
}

// Bands must tile [low, high] without gaps or overlaps, in order.
Status CheckBands(const TomlReader& reader, const toml::table& root, const Instrument& in) {
  int low = in.min_total;
  int high = in.max_total;
  if (in.bands_on_percentage) {
    if (in.percentage_multiplier <= 0) {
      return At(reader, root, "scoring.percentage_multiplier",
                "is required when bands are on the percentage");
    }
    low *= in.percentage_multiplier;
    high *= in.percentage_multiplier;
  }
  if (in.bands.empty()) return At(reader, root, "bands", "at least one band is required");
  int expected = low;
  for (std::size_t i = 0; i < in.bands.size(); ++i) {
    std::string field = fmt::format("bands[{}]", i);
    if (in.bands[i].min != expected) {
      return At(reader, root, field + ".min",
                fmt::format("must be {} so bands cover {}..{} without gaps", expected, low, high));
    }
    expected = in.bands[i].max + 1;
  }
  if (expected != high + 1) {
    return At(reader, root, fmt::format("bands[{}].max", in.bands.size() - 1),
              fmt::format("must be {} (the highest possible value)", high));
  }
  return {};
}

Status CheckRules(const TomlReader& reader, const toml::table& root, const Instrument& in) {
  for (std::size_t i = 0; i < in.flags.size(); ++i) {
    if (in.FindItem(in.flags[i].item_id) == nullptr) {
      return At(reader, root, fmt::format("flags[{}].item", i), "names no item");
    }
  }
  for (std::size_t i = 0; i < in.risk_rules.size(); ++i) {
    for (const std::string& id : in.risk_rules[i].any_yes) {
      if (in.FindItem(id) == nullptr) {
        return At(reader, root, fmt::format("risk_rules[{}].any_yes", i),
                  fmt::format("names no item \"{}\"", id));
      }
    }
  }
  if (in.kind == ScoringKind::kCssrs && in.risk_rules.empty()) {
    return At(reader, root, "risk_rules", "a C-SSRS instrument needs risk rules");
  }
  if (in.kind == ScoringKind::kCssrs && in.screen) {
    return At(reader, root, "screen", "only sum-scored instruments can be screens");
  }
  return {};
}

}  // namespace

Status CheckInstrument(const TomlReader& reader, const toml::table& root, Instrument& out) {
  if (Status s = CheckItems(reader, root, out); !s) return s;
  out.min_total = 0;
  out.max_total = 0;
  for (const Item& item : out.items) {
    if (!item.scored) continue;
    auto [lo, hi] = std::minmax_element(
        item.options.begin(), item.options.end(),
        [](const AnswerOption& a, const AnswerOption& b) { return a.score < b.score; });
    out.min_total += lo->score;
    out.max_total += hi->score;
  }
  if (out.kind == ScoringKind::kSum) {
    if (Status s = CheckBands(reader, root, out); !s) return s;
  }
  return CheckRules(reader, root, out);
}

}  // namespace haven::assess::internal
