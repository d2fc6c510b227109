// The conversation engine: runs the check-in protocol from content/ one turn at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "dialogue/content.h"
#include "safety/safety.h"

namespace haven::dialogue {

// One thing the companion says. kind: "greeting", "prompt", "reflection", "exercise",
// "closing", "info" (and "crisis", "safety_check" from ChatService).
struct Reply {
  std::string text;
  std::string kind;
};

// The replies to one user text and where the conversation is afterwards.
struct EngineTurn {
  std::vector<Reply> replies;
  std::string state;  // JSON {"protocol":"checkin","step":"..."}; never the person's words
};

// Immutable after Load; Respond is const and thread-safe.
class Engine {
 public:
  // Loads dialogue, exercise and safety message content. InvalidArgument naming file, line
  // and field when any of it is malformed.
  [[nodiscard]] static core::Result<std::shared_ptr<const Engine>> Load(
      const std::string& content_dir);
  explicit Engine(DialogueContent content);

  // Replies to `text` given the conversation `state` ("" for a new conversation; an unknown
  // or malformed state starts over). `locale` picks the language ("es-*" Spanish, else
  // English). Never fails: unexpected text gets a reflective reply and the question again.
  [[nodiscard]] EngineTurn Respond(std::string_view state, std::string_view text,
                                   std::string_view locale) const;

  // The reminder that questionnaires are due, naming them (already in the person's language).
  [[nodiscard]] Reply AssessmentsDueReminder(const std::vector<std::string>& instrument_names,
                                             std::string_view locale) const;

  // The texts of safety replies, loaded with the rest of the content.
  [[nodiscard]] const safety::SafetyMessages& safety_messages() const {
    return *content_.safety_messages;
  }
  // The same texts, shared with services outside the chat (e.g. questionnaire results).
  [[nodiscard]] std::shared_ptr<const safety::SafetyMessages> shared_safety_messages() const {
    return content_.safety_messages;
  }

 private:
  class Turn;  // one Respond call in progress
  DialogueContent content_;
};

}  // namespace haven::dialogue
