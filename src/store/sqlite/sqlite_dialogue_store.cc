// SqliteStore: conversations, messages and risk events.
#include <algorithm>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace haven::store {
namespace {

using core::ErrorCode;

constexpr std::string_view kConversationColumns =
    "SELECT id, user_id, created_at, updated_at, protocol_state FROM conversations ";
constexpr std::string_view kMessageColumns =
    "SELECT id, conversation_id, user_id, author, kind, ciphertext, analysis, created_at "
    "FROM messages ";

core::Result<dialogue::Conversation> ReadConversation(const Statement& row) {
  return dialogue::Conversation{row.ColumnText(0), row.ColumnText(1),
                                core::FromUnixMillis(row.ColumnInt64(2)),
                                core::FromUnixMillis(row.ColumnInt64(3)), row.ColumnText(4)};
}

core::Result<dialogue::StoredMessage> ReadMessage(const Statement& row) {
  dialogue::StoredMessage message;
  message.id = row.ColumnText(0);
  message.conversation_id = row.ColumnText(1);
  message.user_id = row.ColumnText(2);
  const std::string author = row.ColumnText(3);
  const auto parsed = AuthorFromColumn(author);
  if (!parsed) return std::unexpected(CorruptRow("messages", "author", author));
  message.author = *parsed;
  message.kind = row.ColumnText(4);
  message.ciphertext = row.ColumnBlob(5);
  message.analysis = row.ColumnText(6);
  message.created_at = core::FromUnixMillis(row.ColumnInt64(7));
  return message;
}

core::Result<safety::RiskEvent> ReadRiskEvent(const Statement& row) {
  safety::RiskEvent event;
  event.id = row.ColumnText(0);
  event.user_id = row.ColumnText(1);
  event.at = core::FromUnixMillis(row.ColumnInt64(2));
  const auto level = RiskLevelFromColumn(row.ColumnInt64(3));
  if (!level) {
    return std::unexpected(CorruptRow("risk_events", "level", std::to_string(row.ColumnInt64(3))));
  }
  event.level = *level;
  event.score = row.ColumnDouble(4);
  event.source = row.ColumnText(5);
  event.reference_id = row.ColumnText(6);
  auto reasons = ReasonsFromColumn(row.ColumnText(7));
  if (!reasons) return std::unexpected(reasons.error());
  event.reasons = std::move(*reasons);
  return event;
}

// Every row of a turn must belong to the turn's conversation and user.
core::Status CheckTurn(const dialogue::Turn& turn) {
  const dialogue::Conversation& conversation = turn.conversation;
  if (conversation.id.empty() || conversation.user_id.empty()) {
    return core::Fail(ErrorCode::kInvalidArgument, "a turn needs a conversation id and user id",
                      "conversation");
  }
  for (const dialogue::StoredMessage& message : turn.messages) {
    if (message.conversation_id != conversation.id || message.user_id != conversation.user_id) {
      return core::Fail(ErrorCode::kInvalidArgument,
                        "a message of the turn names another conversation or user", "messages");
    }
  }
  if (turn.risk_event && turn.risk_event->user_id != conversation.user_id) {
    return core::Fail(ErrorCode::kInvalidArgument, "the turn's risk event names another user",
                      "risk_event");
  }
  return {};
}

// Inserts the conversation, or updates updated_at and protocol_state if it exists and is the
// same user's. NotFound for another user's conversation or an unknown user.
core::Status UpsertConversation(Connection& connection, const dialogue::Conversation& c) {
  auto upserted = Execute(connection,
                          "INSERT INTO conversations (id, user_id, created_at, updated_at, "
                          "protocol_state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                          "SET updated_at = excluded.updated_at, "
                          "protocol_state = excluded.protocol_state "
                          "WHERE conversations.user_id = excluded.user_id",
                          c.id, c.user_id, c.created_at, c.updated_at, c.protocol_state);
  if (!upserted) {
    if (upserted.error().code != ErrorCode::kNotFound) return upserted;
    return core::Fail(ErrorCode::kNotFound, "no user with this id", "user_id");
  }
  if (connection.Changes() == 0) {
    return core::Fail(ErrorCode::kNotFound, "no such conversation for this user",
                      "conversation_id");
  }
  return {};
}

// Appends the messages after the conversation's last one, in the order given.
core::Status InsertMessages(Connection& connection, const std::string& conversation_id,
                            const std::vector<dialogue::StoredMessage>& messages) {
  auto last = QueryOne(
      connection, "SELECT COALESCE(MAX(position), 0) FROM messages WHERE conversation_id = ?",
      [](const Statement& row) -> core::Result<std::int64_t> { return row.ColumnInt64(0); },
      "no position", conversation_id);
  if (!last) return std::unexpected(last.error());
  std::int64_t position = *last;
  for (const dialogue::StoredMessage& m : messages) {
    auto inserted = Execute(connection,
                            "INSERT INTO messages (id, conversation_id, user_id, position, "
                            "author, kind, ciphertext, analysis, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            m.id, m.conversation_id, m.user_id, ++position, AuthorColumn(m.author),
                            m.kind, m.ciphertext, m.analysis, m.created_at);
    if (!inserted && inserted.error().code == ErrorCode::kConflict) {
      return core::Fail(ErrorCode::kConflict, "a message with this id already exists", "id");
    }
    if (!inserted) return inserted;
  }
  return {};
}

}  // namespace

core::Status InsertRiskEvent(Connection& connection, const safety::RiskEvent& event) {
  auto inserted =
      Execute(connection,
              "INSERT INTO risk_events (id, user_id, at, level, score, source, "
              "reference_id, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              event.id, event.user_id, event.at, static_cast<int>(event.level), event.score,
              event.source, event.reference_id, ReasonsColumn(event.reasons));
  if (inserted) return {};
  if (inserted.error().code == ErrorCode::kNotFound) {
    return core::Fail(ErrorCode::kNotFound, "no user with this id", "user_id");
  }
  if (inserted.error().code == ErrorCode::kConflict) {
    return core::Fail(ErrorCode::kConflict, "a risk event with this id already exists", "id");
  }
  return inserted;
}

core::Status SqliteStore::AppendTurn(const dialogue::Turn& turn) {
  if (auto valid = CheckTurn(turn); !valid) return valid;
  return database_->InTransaction([&](Connection& connection) -> core::Status {
    if (auto upserted = UpsertConversation(connection, turn.conversation); !upserted) {
      return upserted;
    }
    if (auto inserted = InsertMessages(connection, turn.conversation.id, turn.messages);
        !inserted) {
      return inserted;
    }
    if (turn.risk_event) return InsertRiskEvent(connection, *turn.risk_event);
    return {};
  });
}

core::Result<dialogue::Conversation> SqliteStore::FindConversation(
    const std::string& user_id, const std::string& conversation_id) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryOne(connection, std::string(kConversationColumns) + "WHERE id = ? AND user_id = ?",
                    ReadConversation, "no such conversation", conversation_id, user_id);
  });
}

core::Result<std::vector<dialogue::Conversation>> SqliteStore::ListConversations(
    const std::string& user_id, std::size_t limit) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryAll(connection,
                    std::string(kConversationColumns) +
                        "WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?",
                    ReadConversation, user_id, LimitParameter(limit));
  });
}

core::Result<std::vector<dialogue::StoredMessage>> SqliteStore::ListMessages(
    const std::string& conversation_id, std::size_t limit) {
  auto newest_first = database_->WithConnection([&](Connection& connection) {
    return QueryAll(
        connection,
        std::string(kMessageColumns) + "WHERE conversation_id = ? ORDER BY position DESC LIMIT ?",
        ReadMessage, conversation_id, LimitParameter(limit));
  });
  if (newest_first) std::ranges::reverse(*newest_first);
  return newest_first;
}

core::Result<std::vector<dialogue::StoredMessage>> SqliteStore::ListMessagesOfUser(
    const std::string& user_id) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryAll(connection,
                    std::string(kMessageColumns) +
                        "WHERE user_id = ? ORDER BY created_at, conversation_id, position",
                    ReadMessage, user_id);
  });
}

core::Status SqliteStore::RecordRiskEvent(const safety::RiskEvent& event) {
  return database_->WithConnection(
      [&](Connection& connection) { return InsertRiskEvent(connection, event); });
}

core::Result<std::vector<safety::RiskEvent>> SqliteStore::ListRiskEvents(const std::string& user_id,
                                                                         core::Timestamp since) {
  return database_->WithConnection([&](Connection& connection) {
    return QueryAll(connection,
                    "SELECT id, user_id, at, level, score, source, reference_id, reasons "
                    "FROM risk_events WHERE user_id = ? AND at >= ? ORDER BY at DESC, id DESC",
                    ReadRiskEvent, user_id, since);
  });
}

}  // namespace haven::store
