// Storage the dialogue module needs; implemented by src/store adapters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/clock.h"
#include "core/result.h"
#include "safety/risk.h"

namespace haven::dialogue {

struct Conversation {
  std::string id;
  std::string user_id;
  core::Timestamp created_at;
  core::Timestamp updated_at;
  // Where the active protocol is (JSON text, e.g. {"protocol":"checkin","step":"rate"}).
  // Holds step names only, never what the person wrote.
  std::string protocol_state;
};

enum class Author { kUser, kCompanion };

struct StoredMessage {
  std::string id;
  std::string conversation_id;
  std::string user_id;
  Author author = Author::kUser;
  std::string kind;        // "text", "prompt", "reflection", "exercise", "crisis", ...
  core::Bytes ciphertext;  // text sealed with the user's data key; never plaintext
  std::string analysis;    // JSON of scores only (risk level, sentiment...), never text
  core::Timestamp created_at;
};

// Everything one chat turn writes, stored in a single transaction.
struct Turn {
  Conversation conversation;  // inserted if new, else updated_at and protocol_state updated
  std::vector<StoredMessage> messages;  // the user's message first, then the replies
  std::optional<safety::RiskEvent> risk_event;
};

// Implementations are thread-safe.
class ConversationRepository {
 public:
  virtual ~ConversationRepository() = default;
  [[nodiscard]] virtual core::Status AppendTurn(const Turn& turn) = 0;
  // NotFound unless the conversation exists and belongs to user_id.
  [[nodiscard]] virtual core::Result<Conversation> FindConversation(
      const std::string& user_id, const std::string& conversation_id) = 0;
  // Most recently updated first.
  [[nodiscard]] virtual core::Result<std::vector<Conversation>> ListConversations(
      const std::string& user_id, std::size_t limit) = 0;
  // Oldest first; the last `limit` messages of the conversation.
  [[nodiscard]] virtual core::Result<std::vector<StoredMessage>> ListMessages(
      const std::string& conversation_id, std::size_t limit) = 0;
  // Every sealed message of the user, for tests and export.
  [[nodiscard]] virtual core::Result<std::vector<StoredMessage>> ListMessagesOfUser(
      const std::string& user_id) = 0;
};

}  // namespace haven::dialogue
