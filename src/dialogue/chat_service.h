// One chat turn end to end (DESIGN.md section 3): validate, safety first, engine, seal, store.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "dialogue/engine.h"
#include "dialogue/ports.h"
#include "nlp/analyzer.h"
#include "privacy/keyring.h"
#include "safety/risk.h"
#include "safety/safety.h"

namespace haven::dialogue {

struct ChatPolicy {
  std::size_t max_text_chars = 4000;           // in Unicode code points
  std::chrono::hours risk_context_window{72};  // recent risk events that raise sensitivity
  // How long an assessment answer that started the safety flow (PHQ-9 item 9 > 0, C-SSRS
  // moderate or high) keeps the crisis threshold lower.
  std::chrono::days assessment_window{14};
};

struct ChatReply {
  std::string text;
  std::string kind;  // "crisis", "safety_check", "greeting", "prompt", "reflection", ...
};

struct ChatResponse {
  std::string conversation_id;
  std::vector<ChatReply> replies;
  safety::RiskAssessment risk;
  std::optional<safety::CrisisResources> resources;  // set when risk is elevated or crisis
  bool stored = true;  // false only when a crisis reply was sent although storing failed
};

// What Haven reads in one text, without storing anything.
struct TextAnalysis {
  std::optional<nlp::Analysis> analysis;  // empty when no models are loaded
  safety::RiskAssessment risk;
};

// A stored message opened for its owner.
struct MessageView {
  std::string id;
  Author author = Author::kUser;
  std::string kind;
  std::string text;
  core::Timestamp created_at;
  // For a companion crisis or safety_check reply stored with it: whose danger it answered, so a
  // client redrawing history shows the right lines first.
  std::optional<safety::Danger> danger;
};

// Runs chat turns. Thread-safe when its dependencies are.
class ChatService {
 public:
  struct Dependencies {
    ConversationRepository& conversations;
    safety::RiskEventRepository& risk_events;
    privacy::Keyring& keyring;
    std::shared_ptr<const safety::SafetyAssessor> safety;
    std::shared_ptr<const safety::HotlineDirectory> hotlines;
    std::shared_ptr<const Engine> engine;
    const core::Clock& clock;
    // Reads each text once (sentiment, emotions, crisis model score); null runs rules only.
    std::shared_ptr<const nlp::Analyzer> analyzer = nullptr;
    // Called with the risk event of a crisis turn before the reply is written; returns true
    // when a care team was alerted (the reply then says so). Unset: nobody is alerted.
    std::function<bool(const safety::RiskEvent&)> escalate = {};
    // Names (in `locale`) of the questionnaires the user should take now; the check-in
    // greeting mentions them. Unset: no reminders.
    std::function<std::vector<std::string>(const std::string& user_id, std::string_view locale)>
        due_assessments = {};
  };

  ChatService(Dependencies deps, ChatPolicy policy);

  // Handles one user text. InvalidArgument (field "text") when it is empty after trimming,
  // not UTF-8, or longer than the policy allows; NotFound (field "conversation_id") when the
  // conversation is unknown or another user's - except that a crisis text is always answered,
  // in a new conversation if need be. The crisis reply is returned even if storing fails.
  [[nodiscard]] core::Result<ChatResponse> Send(const std::string& user_id, std::string_view locale,
                                                const std::optional<std::string>& conversation_id,
                                                std::string_view text);

  // Analyses `text` as a chat turn would (same validation, same safety context) but stores
  // nothing and answers nothing. InvalidArgument (field "text") as for Send.
  [[nodiscard]] core::Result<TextAnalysis> Analyze(const std::string& user_id,
                                                   std::string_view text) const;

  // The user's conversations, most recently updated first.
  [[nodiscard]] core::Result<std::vector<Conversation>> ListConversations(
      const std::string& user_id, std::size_t limit = 100);

  // The last `limit` messages of one of the user's conversations, oldest first, decrypted.
  // NotFound (field "conversation_id") for an unknown or foreign conversation.
  [[nodiscard]] core::Result<std::vector<MessageView>> ListMessages(
      const std::string& user_id, const std::string& conversation_id, std::size_t limit = 500);

 private:
  [[nodiscard]] core::Result<Conversation> ResolveConversation(
      const std::string& user_id, const std::optional<std::string>& conversation_id,
      safety::RiskLevel level) const;
  [[nodiscard]] safety::SafetyContext ContextFor(const std::string& user_id) const;
  [[nodiscard]] core::Status Store(const std::string& user_id, const Conversation& conversation,
                                   std::string_view text, const ChatResponse& response,
                                   const std::optional<safety::RiskEvent>& event,
                                   const nlp::Analysis* analysis);

  Dependencies deps_;
  ChatPolicy policy_;
};

}  // namespace haven::dialogue
