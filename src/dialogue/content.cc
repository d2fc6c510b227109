#include "dialogue/content.h"

#include "safety/content_loader.h"
#include "safety/normalize.h"

namespace haven::dialogue {
namespace {

namespace content = safety::content;
using content::FieldError;
using content::LineOf;

constexpr std::string_view kLanguages[] = {"en", "es"};

// A table {en = "...", es = "..."} under `key` of `table`.
core::Result<Localized> ReadLocalized(const std::string& path, const toml::table& table,
                                      std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::unexpected(FieldError(path, LineOf(table), key, "is required"));
  const toml::table* texts = node->as_table();
  if (texts == nullptr) {
    return std::unexpected(
        FieldError(path, LineOf(*node), key, "must be a table with 'en' and 'es' texts"));
  }
  Localized out;
  for (std::string_view language : kLanguages) {
    auto text = content::RequireString(path, *texts, language);
    if (!text) {
      return std::unexpected(FieldError(path, LineOf(*node),
                                        std::string(key) + "." + std::string(language),
                                        "text is missing or empty"));
    }
    out.emplace(std::string(language), *text);
  }
  return out;
}

core::Result<Exercise> LoadExercise(const std::string& path) {
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  Exercise exercise;
  auto id = content::RequireString(path, *root, "id");
  if (!id) return std::unexpected(id.error());
  exercise.id = *id;
  auto source = content::RequireString(path, *root, "source");
  if (!source) return std::unexpected(source.error());
  exercise.source = *source;
  for (auto [key, out] : {std::pair{"name", &exercise.name}, std::pair{"intro", &exercise.intro},
                          std::pair{"outro", &exercise.outro}}) {
    auto text = ReadLocalized(path, *root, key);
    if (!text) return std::unexpected(text.error());
    *out = std::move(*text);
  }
  auto steps = content::TableArray(path, *root, "step");
  if (!steps) return std::unexpected(steps.error());
  if (steps->empty()) return std::unexpected(FieldError(path, 1, "step", "no [[step]] entries"));
  for (const toml::table* step : *steps) {
    Localized text;
    for (std::string_view language : kLanguages) {
      auto value = content::RequireString(path, *step, language);
      if (!value) return std::unexpected(value.error());
      text.emplace(std::string(language), *value);
    }
    exercise.steps.push_back(std::move(text));
  }
  return exercise;
}

core::Status LoadReflections(const std::string& path, DialogueContent& out) {
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  auto fallback = ReadLocalized(path, *root, "fallback");
  if (!fallback) return std::unexpected(fallback.error());
  out.reflection_fallback = std::move(*fallback);
  auto groups = content::TableArray(path, *root, "group");
  if (!groups) return std::unexpected(groups.error());
  for (const toml::table* table : *groups) {
    ReflectionGroup group;
    auto words = content::StringArray(path, *table, "words", content::Presence::kRequired);
    if (!words) return std::unexpected(words.error());
    for (const std::string& word : *words) group.words.push_back(safety::NormalizeForSafety(word));
    auto feeling = ReadLocalized(path, *table, "feeling");
    if (!feeling) return std::unexpected(feeling.error());
    group.feeling = std::move(*feeling);
    for (std::string_view language : kLanguages) {
      auto text = content::RequireString(path, *table, language);
      if (!text) return std::unexpected(text.error());
      group.text.emplace(std::string(language), *text);
    }
    out.reflections.push_back(std::move(group));
  }
  return {};
}

core::Status LoadCheckin(const std::string& content_dir, DialogueContent& out) {
  const std::string path = content_dir + "/dialogue/checkin.toml";
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  auto id = content::RequireString(path, *root, "id");
  if (!id) return std::unexpected(id.error());
  out.protocol_id = *id;
  const toml::table* texts = (*root)["text"].as_table();
  if (texts == nullptr) return std::unexpected(FieldError(path, 1, "text", "is required"));
  for (std::string_view key : kCheckinTextKeys) {
    auto text = ReadLocalized(path, *texts, key);
    if (!text) return std::unexpected(text.error());
    out.texts.emplace(std::string(key), std::move(*text));
  }
  auto exercise_id = content::RequireString(path, *root, "exercise");
  if (!exercise_id) return std::unexpected(exercise_id.error());
  auto exercise = LoadExercise(content_dir + "/exercises/" + *exercise_id + ".toml");
  if (!exercise) return std::unexpected(exercise.error());
  out.exercise = std::move(*exercise);
  return {};
}

}  // namespace

const std::string& TextIn(const Localized& text, std::string_view language) {
  if (auto it = text.find(language); it != text.end()) return it->second;
  if (auto it = text.find("en"); it != text.end()) return it->second;
  static const std::string kEmpty;
  return kEmpty;
}

core::Result<DialogueContent> LoadDialogueContent(const std::string& content_dir) {
  DialogueContent out;
  if (auto status = LoadCheckin(content_dir, out); !status) return std::unexpected(status.error());
  if (auto status = LoadReflections(content_dir + "/dialogue/reflections.toml", out); !status) {
    return std::unexpected(status.error());
  }
  auto messages = safety::SafetyMessages::Load(content_dir);
  if (!messages) return std::unexpected(messages.error());
  out.safety_messages = std::move(*messages);
  return out;
}

}  // namespace haven::dialogue
