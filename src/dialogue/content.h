// Dialogue content loaded from content/dialogue and content/exercises (English and Spanish).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "safety/safety.h"

namespace haven::dialogue {

// One text in every supported language ("en", "es").
using Localized = std::map<std::string, std::string, std::less<>>;

// A guided exercise: intro, numbered steps, outro.
struct Exercise {
  std::string id;
  std::string source;  // where the technique is described (URL)
  Localized name;
  Localized intro;
  std::vector<Localized> steps;
  Localized outro;
};

// A group of feeling words and the reflection that names them.
struct ReflectionGroup {
  std::vector<std::string> words;  // normalised (lower case, accents folded)
  Localized feeling;
  Localized text;  // contains "{feeling}"
};

// Everything the engine says. Immutable after load.
struct DialogueContent {
  std::string protocol_id;                              // "checkin"
  std::map<std::string, Localized, std::less<>> texts;  // checkin texts by key
  Exercise exercise;
  std::vector<ReflectionGroup> reflections;
  Localized reflection_fallback;
  std::shared_ptr<const safety::SafetyMessages> safety_messages;
};

// Text keys the check-in protocol must define.
inline constexpr std::string_view kCheckinTextKeys[] = {
    "greeting",         "ask_rating",    "reask_rating",    "out_of_range",
    "reflect_low",      "reflect_mid",   "reflect_high",    "offer_exercise_low",
    "offer_exercise",   "unclear_offer", "after_exercise",  "closing_after_exercise",
    "closing_declined", "welcome_back",  "not_a_therapist", "assessments_due"};

// Loads content/dialogue/checkin.toml, content/dialogue/reflections.toml, the exercise the
// protocol names from content/exercises/, and content/safety/messages.toml. InvalidArgument
// naming file, line and field when anything is missing or malformed.
[[nodiscard]] core::Result<DialogueContent> LoadDialogueContent(const std::string& content_dir);

// The text in `language`, or the English one when that language has none.
[[nodiscard]] const std::string& TextIn(const Localized& text, std::string_view language);

}  // namespace haven::dialogue
