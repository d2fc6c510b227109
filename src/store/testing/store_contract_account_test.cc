// Store contract: users, keys, sessions, log-in failures and account deletion.
#include <chrono>

#include "store/testing/store_contract_test.h"

namespace haven::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::minutes;

void ExpectSameUser(const account::User& actual, const account::User& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.email, expected.email);
  EXPECT_EQ(actual.display_name, expected.display_name);
  EXPECT_EQ(actual.locale, expected.locale);
  EXPECT_EQ(actual.role, expected.role);
  EXPECT_EQ(actual.password_hash, expected.password_hash);
  EXPECT_EQ(actual.created_at, expected.created_at);
}

TEST_P(StoreContractTest, CreatedUserIsFoundByIdAndByEmail) {
  account::User user = NewUser("ana@example.org");
  user.role = account::Role::kClinician;
  user.display_name = "Ana María";
  ASSERT_TRUE(users().CreateUser(user, KeyFor(user)).has_value());

  auto by_id = users().FindUserById(user.id);
  ASSERT_TRUE(by_id.has_value()) << by_id.error().message;
  ExpectSameUser(*by_id, user);
  auto by_email = users().FindUserByEmail("ana@example.org");
  ASSERT_TRUE(by_email.has_value()) << by_email.error().message;
  ExpectSameUser(*by_email, user);
}

TEST_P(StoreContractTest, CreateUserStoresTheWrappedKeyByteForByte) {
  const account::User user = AddUser("key@example.org");
  auto key = keys().GetWrappedKey(user.id);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(*key, KeyFor(user));
}

TEST_P(StoreContractTest, DuplicateEmailIsConflictOnEmailFieldAndStoresNothing) {
  const account::User first = AddUser("same@example.org");
  const account::User second = NewUser("same@example.org");
  auto created = users().CreateUser(second, KeyFor(second));
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::kConflict);
  EXPECT_EQ(created.error().field, "email");
  EXPECT_EQ(users().FindUserById(second.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(keys().GetWrappedKey(second.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(users().FindUserByEmail("same@example.org")->id, first.id);
}

TEST_P(StoreContractTest, DuplicateUserIdIsConflict) {
  const account::User first = AddUser("one@example.org");
  account::User second = NewUser("two@example.org");
  second.id = first.id;
  auto created = users().CreateUser(second, KeyFor(second));
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::kConflict);
  EXPECT_EQ(users().FindUserByEmail("two@example.org").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, UnknownUserIsNotFound) {
  EXPECT_EQ(users().FindUserById(core::NewId()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(users().FindUserByEmail("nobody@example.org").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(users().UpdatePasswordHash(core::NewId(), "x").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(users().UpdateRole(core::NewId(), account::Role::kAdmin).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(users().DeleteUser(core::NewId()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(keys().GetWrappedKey(core::NewId()).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, UpdatePasswordHashChangesOnlyThatUser) {
  const account::User user = AddUser("pw@example.org");
  const account::User other = AddUser("other@example.org");
  ASSERT_TRUE(users().UpdatePasswordHash(user.id, "$argon2id$new").has_value());
  EXPECT_EQ(users().FindUserById(user.id)->password_hash, "$argon2id$new");
  EXPECT_EQ(users().FindUserById(other.id)->password_hash, other.password_hash);
}

TEST_P(StoreContractTest, UpdateRoleRoundTripsEveryRole) {
  const account::User user = AddUser("role@example.org");
  for (account::Role role :
       {account::Role::kAdmin, account::Role::kClinician, account::Role::kUser}) {
    ASSERT_TRUE(users().UpdateRole(user.id, role).has_value());
    EXPECT_EQ(users().FindUserById(user.id)->role, role);
  }
}

TEST_P(StoreContractTest, DeleteWrappedKeyShredsOnlyTheKeyAndIsIdempotent) {
  const account::User user = AddUser("shred@example.org");
  ASSERT_TRUE(keys().DeleteWrappedKey(user.id).has_value());
  EXPECT_EQ(keys().GetWrappedKey(user.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(keys().DeleteWrappedKey(user.id).has_value());
  EXPECT_TRUE(keys().DeleteWrappedKey(core::NewId()).has_value());
  EXPECT_TRUE(users().FindUserById(user.id).has_value());
}

TEST_P(StoreContractTest, SessionRoundTripsAndUnknownTokenIsNotFound) {
  const account::User user = AddUser("s@example.org");
  const account::Session session{"ab12", user.id, kStart, kStart + minutes(60)};
  ASSERT_TRUE(sessions().CreateSession(session).has_value());
  auto found = sessions().FindSession("ab12");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->token_hash, "ab12");
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_EQ(found->created_at, session.created_at);
  EXPECT_EQ(found->expires_at, session.expires_at);
  EXPECT_EQ(sessions().FindSession("cd34").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, SessionWithTakenTokenIsConflictAndUnknownUserIsNotFound) {
  const account::User user = AddUser("s2@example.org");
  ASSERT_TRUE(sessions().CreateSession({"tok", user.id, kStart, kStart}).has_value());
  EXPECT_EQ(sessions().CreateSession({"tok", user.id, kStart, kStart}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(sessions().CreateSession({"tok2", core::NewId(), kStart, kStart}).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, DeleteSessionRemovesOnlyThatSession) {
  const account::User user = AddUser("s3@example.org");
  ASSERT_TRUE(sessions().CreateSession({"a", user.id, kStart, kStart}).has_value());
  ASSERT_TRUE(sessions().CreateSession({"b", user.id, kStart, kStart}).has_value());
  ASSERT_TRUE(sessions().DeleteSession("a").has_value());
  EXPECT_EQ(sessions().FindSession("a").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(sessions().FindSession("b").has_value());
  EXPECT_TRUE(sessions().DeleteSession("a").has_value()) << "deleting twice succeeds";
}

TEST_P(StoreContractTest, DeleteSessionsOfUserKeepsOtherUsersSessions) {
  const account::User user = AddUser("s4@example.org");
  const account::User other = AddUser("s5@example.org");
  ASSERT_TRUE(sessions().CreateSession({"u1", user.id, kStart, kStart}).has_value());
  ASSERT_TRUE(sessions().CreateSession({"u2", user.id, kStart, kStart}).has_value());
  ASSERT_TRUE(sessions().CreateSession({"o1", other.id, kStart, kStart}).has_value());
  ASSERT_TRUE(sessions().DeleteSessionsOfUser(user.id).has_value());
  EXPECT_EQ(sessions().FindSession("u1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(sessions().FindSession("u2").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(sessions().FindSession("o1").has_value());
  EXPECT_TRUE(sessions().DeleteSessionsOfUser(core::NewId()).has_value());
}

TEST_P(StoreContractTest, LoginFailuresAreCountedPerKeySinceAnInclusiveInstant) {
  const std::string key = "account:a@example.org";
  EXPECT_EQ(attempts().CountLoginFailuresSince(key, kStart).value_or(-1), 0);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(attempts().RecordLoginFailure(key, kStart + minutes(i)).has_value());
  }
  ASSERT_TRUE(attempts().RecordLoginFailure("address:192.0.2.9", kStart).has_value());
  EXPECT_EQ(attempts().CountLoginFailuresSince(key, kStart).value_or(-1), 3);
  EXPECT_EQ(attempts().CountLoginFailuresSince(key, kStart + minutes(1)).value_or(-1), 2);
  EXPECT_EQ(attempts().CountLoginFailuresSince(key, kStart + minutes(3)).value_or(-1), 0);
  EXPECT_EQ(attempts().CountLoginFailuresSince("address:192.0.2.9", kStart).value_or(-1), 1);
}

TEST_P(StoreContractTest, ClearLoginFailuresClearsOnlyThatKey) {
  ASSERT_TRUE(attempts().RecordLoginFailure("account:x", kStart).has_value());
  ASSERT_TRUE(attempts().RecordLoginFailure("account:y", kStart).has_value());
  ASSERT_TRUE(attempts().ClearLoginFailures("account:x").has_value());
  EXPECT_EQ(attempts().CountLoginFailuresSince("account:x", kStart).value_or(-1), 0);
  EXPECT_EQ(attempts().CountLoginFailuresSince("account:y", kStart).value_or(-1), 1);
  EXPECT_TRUE(attempts().ClearLoginFailures("account:none").has_value());
}

TEST_P(StoreContractTest, DeleteUserRemovesEverythingTheyOwnButKeepsAuditAndOthers) {
  const account::User user = AddUser("gone@example.org");
  const account::User other = AddUser("stays@example.org");
  for (const account::User* who : {&user, &other}) {
    ASSERT_TRUE(sessions().CreateSession({"t-" + who->id, who->id, kStart, kStart}).has_value());
    dialogue::Turn turn = NewTurn(*who, core::NewId(), kStart);
    turn.risk_event = NewRiskEvent(*who, kStart);
    ASSERT_TRUE(conversations().AppendTurn(turn).has_value());
    ASSERT_TRUE(risks().RecordRiskEvent(NewRiskEvent(*who, kStart)).has_value());
  }
  ASSERT_TRUE(audit().AppendAudit(NewAuditEvent("account.deleted", user.id)).has_value());

  ASSERT_TRUE(users().DeleteUser(user.id).has_value());

  EXPECT_EQ(users().FindUserById(user.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(users().FindUserByEmail(user.email).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(keys().GetWrappedKey(user.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(sessions().FindSession("t-" + user.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(conversations().ListConversations(user.id, 10)->empty());
  EXPECT_TRUE(conversations().ListMessagesOfUser(user.id)->empty());
  EXPECT_TRUE(risks().ListRiskEvents(user.id, kStart)->empty());

  EXPECT_TRUE(keys().GetWrappedKey(other.id).has_value());
  EXPECT_TRUE(sessions().FindSession("t-" + other.id).has_value());
  EXPECT_EQ(conversations().ListConversations(other.id, 10)->size(), 1u);
  EXPECT_EQ(conversations().ListMessagesOfUser(other.id)->size(), 2u);
  EXPECT_EQ(risks().ListRiskEvents(other.id, kStart)->size(), 2u);

  auto rows = audit().ReadAudit(0, 10);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].subject_id, user.id);
}

TEST_P(StoreContractTest, EmailOfDeletedUserCanBeReused) {
  const account::User user = AddUser("again@example.org");
  ASSERT_TRUE(users().DeleteUser(user.id).has_value());
  const account::User reborn = NewUser("again@example.org");
  EXPECT_TRUE(users().CreateUser(reborn, KeyFor(reborn)).has_value());
}

}  // namespace
}  // namespace haven::store::testing
