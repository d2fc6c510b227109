#include "safety/crisis_policy.h"

#include <string_view>

#include "safety/content_loader.h"

namespace haven::safety {
namespace {

core::Result<double> RequireUnit(const std::string& path, const toml::table& table,
                                 std::string_view key, std::string_view prefix) {
  const std::string field = std::string(prefix) + "." + std::string(key);
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return std::unexpected(content::FieldError(path, content::LineOf(table), field, "missing"));
  }
  const std::optional<double> value = node->value<double>();
  if (!value || *value < 0.0 || *value > 1.0) {
    return std::unexpected(
        content::FieldError(path, content::LineOf(*node), field, "must be a number in [0, 1]"));
  }
  return *value;
}

core::Result<ModelBand> ReadBand(const std::string& path, const toml::table& root,
                                 std::string_view name) {
  const toml::table* table = root[name].as_table();
  if (table == nullptr) {
    return std::unexpected(content::FieldError(path, 0, name, "missing table"));
  }
  ModelBand band;
  struct Field {
    std::string_view key;
    double* out;
  };
  for (const Field& f : {Field{"crisis", &band.crisis}, Field{"elevated", &band.elevated},
                         Field{"context_crisis", &band.context_crisis},
                         Field{"guarded_crisis", &band.guarded_crisis}}) {
    auto value = RequireUnit(path, *table, f.key, name);
    if (!value) return std::unexpected(value.error());
    *f.out = *value;
  }
  if (const toml::node* hold = table->get("modifiers_hold_model")) {
    const std::optional<bool> value = hold->value<bool>();
    if (!value) {
      return std::unexpected(content::FieldError(path, content::LineOf(*hold),
                                                 std::string(name) + ".modifiers_hold_model",
                                                 "must be a boolean"));
    }
    band.modifiers_hold_model = *value;
  }
  for (const Field& f : {Field{"gentle_below", &band.gentle_below},
                         Field{"third_party_crisis", &band.third_party_crisis}}) {
    if (table->get(f.key) == nullptr) continue;  // optional
    auto value = RequireUnit(path, *table, f.key, name);
    if (!value) return std::unexpected(value.error());
    *f.out = *value;
  }
  const std::uint32_t line = content::LineOf(*table);
  if (band.gentle_below > band.crisis) {
    return std::unexpected(content::FieldError(path, line, std::string(name) + ".gentle_below",
                                               "must not be above crisis"));
  }
  if (band.elevated > band.crisis) {
    return std::unexpected(content::FieldError(path, line, std::string(name) + ".elevated",
                                               "must not be above crisis"));
  }
  if (band.guarded_crisis < band.crisis) {
    return std::unexpected(content::FieldError(path, line, std::string(name) + ".guarded_crisis",
                                               "must not be below crisis"));
  }
  if (band.third_party_crisis < band.crisis) {
    return std::unexpected(content::FieldError(
        path, line, std::string(name) + ".third_party_crisis", "must not be below crisis"));
  }
  return band;
}

}  // namespace

core::Result<CrisisPolicy> LoadCrisisPolicy(const std::string& path) {
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  CrisisPolicy policy;
  if (const toml::node* words = root->get("long_text_words")) {
    const std::optional<int64_t> value = words->value<int64_t>();
    if (!value || *value < 1) {
      return std::unexpected(content::FieldError(path, content::LineOf(*words), "long_text_words",
                                                 "must be a positive integer"));
    }
    policy.long_text_words = static_cast<std::size_t>(*value);
  }
  auto tuned = content::OptionalString(path, *root, "tuned_for_model");
  if (!tuned) return std::unexpected(tuned.error());
  policy.tuned_for_model = *tuned;
  auto chat = ReadBand(path, *root, "chat");
  if (!chat) return std::unexpected(chat.error());
  auto long_post = ReadBand(path, *root, "long_post");
  if (!long_post) return std::unexpected(long_post.error());
  policy.chat = *chat;
  policy.long_post = *long_post;
  return policy;
}

}  // namespace haven::safety
