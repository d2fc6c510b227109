// The SQLite adapter: every repository port of the domain modules over one database file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "account/ports.h"
#include "assess/ports.h"
#include "core/result.h"
#include "dialogue/ports.h"
#include "privacy/ports.h"
#include "safety/risk.h"
#include "store/sqlite/database.h"

namespace haven::store {

// Implements the account, privacy, safety, dialogue and assessment ports. Thread-safe: calls are
// serialised on one connection (see Database). The contracts are those of the ports; the
// notes below say only what this adapter adds.
class SqliteStore final : public account::UserRepository,
                          public account::SessionRepository,
                          public account::LoginAttemptRepository,
                          public privacy::KeyRepository,
                          public privacy::AuditRepository,
                          public safety::RiskEventRepository,
                          public dialogue::ConversationRepository,
                          public assess::AssessmentRepository {
 public:
  // Opens (creating if needed) the database file at `path`, or ":memory:". Does not migrate:
  // call Migrate() before use. Fails if the file was migrated by a newer Haven.
  [[nodiscard]] static core::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  // Applies pending embedded migrations in order; returns the versions applied.
  [[nodiscard]] core::Result<std::vector<int>> Migrate();
  // The schema version of the database (0 before the first Migrate); -1 if it cannot be read.
  [[nodiscard]] int SchemaVersion();

  // account::UserRepository. CreateUser: Conflict with field "email" or "id" on duplicates.
  [[nodiscard]] core::Status CreateUser(const account::User& user,
                                        const core::Bytes& wrapped_data_key) override;
  [[nodiscard]] core::Result<account::User> FindUserById(const std::string& id) override;
  [[nodiscard]] core::Result<account::User> FindUserByEmail(const std::string& email) override;
  [[nodiscard]] core::Status UpdatePasswordHash(const std::string& id,
                                                const std::string& password_hash) override;
  [[nodiscard]] core::Status UpdateRole(const std::string& id, account::Role role) override;
  [[nodiscard]] core::Status DeleteUser(const std::string& id) override;

  // account::SessionRepository. CreateSession: NotFound for an unknown user, Conflict for a
  // duplicate token hash. Deletes succeed when nothing matches.
  [[nodiscard]] core::Status CreateSession(const account::Session& session) override;
  [[nodiscard]] core::Result<account::Session> FindSession(const std::string& token_hash) override;
  [[nodiscard]] core::Status DeleteSession(const std::string& token_hash) override;
  [[nodiscard]] core::Status DeleteSessionsOfUser(const std::string& user_id) override;

  // account::LoginAttemptRepository. Counts failures with at >= since.
  [[nodiscard]] core::Status RecordLoginFailure(const std::string& key,
                                                core::Timestamp at) override;
  [[nodiscard]] core::Result<int> CountLoginFailuresSince(const std::string& key,
                                                          core::Timestamp since) override;
  [[nodiscard]] core::Status ClearLoginFailures(const std::string& key) override;

  // privacy::KeyRepository.
  [[nodiscard]] core::Result<core::Bytes> GetWrappedKey(const std::string& user_id) override;
  [[nodiscard]] core::Status DeleteWrappedKey(const std::string& user_id) override;

  // privacy::AuditRepository. Appends run in a BEGIN IMMEDIATE transaction, so they are
  // serialised across threads and processes.
  [[nodiscard]] core::Status AppendAudit(privacy::AuditEvent event) override;
  [[nodiscard]] core::Result<std::vector<privacy::AuditEvent>> ReadAudit(
      std::int64_t after_sequence, std::size_t limit) override;

  // safety::RiskEventRepository. RecordRiskEvent: NotFound for an unknown user.
  [[nodiscard]] core::Status RecordRiskEvent(const safety::RiskEvent& event) override;
  [[nodiscard]] core::Result<std::vector<safety::RiskEvent>> ListRiskEvents(
      const std::string& user_id, core::Timestamp since) override;

  // dialogue::ConversationRepository. AppendTurn is one transaction: InvalidArgument if a
  // message or the risk event names another conversation or user, NotFound if the
  // conversation belongs to another user or the user does not exist, Conflict on a duplicate
  // message or risk event id; on any failure nothing of the turn is stored.
  [[nodiscard]] core::Status AppendTurn(const dialogue::Turn& turn) override;
  [[nodiscard]] core::Result<dialogue::Conversation> FindConversation(
      const std::string& user_id, const std::string& conversation_id) override;
  [[nodiscard]] core::Result<std::vector<dialogue::Conversation>> ListConversations(
      const std::string& user_id, std::size_t limit) override;
  [[nodiscard]] core::Result<std::vector<dialogue::StoredMessage>> ListMessages(
      const std::string& conversation_id, std::size_t limit) override;
  [[nodiscard]] core::Result<std::vector<dialogue::StoredMessage>> ListMessagesOfUser(
      const std::string& user_id) override;

  // assess::AssessmentRepository. SaveSubmission is one transaction (submission and risk
  // event); answers are stored as the sealed bytes given, nothing else is encrypted here.
  [[nodiscard]] core::Status SaveSubmission(
      const assess::SealedSubmission& submission,
      const std::optional<safety::RiskEvent>& risk_event) override;
  [[nodiscard]] core::Result<std::vector<assess::SealedSubmission>> ListSubmissions(
      const assess::SubmissionQuery& query) override;
  [[nodiscard]] core::Result<std::optional<assess::SealedSubmission>> FindByClientSubmissionId(
      const std::string& user_id, const std::string& client_submission_id) override;

 private:
  explicit SqliteStore(std::unique_ptr<Database> database) : database_(std::move(database)) {}

  std::unique_ptr<Database> database_;
};

}  // namespace haven::store
