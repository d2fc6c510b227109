// Store contract: conversations, messages and risk events.
#include <chrono>

#include "store/testing/store_contract_test.h"

namespace haven::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::minutes;

void ExpectSameMessage(const dialogue::StoredMessage& actual,
                       const dialogue::StoredMessage& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.conversation_id, expected.conversation_id);
  EXPECT_EQ(actual.user_id, expected.user_id);
  EXPECT_EQ(actual.author, expected.author);
  EXPECT_EQ(actual.kind, expected.kind);
  EXPECT_EQ(actual.ciphertext, expected.ciphertext);
  EXPECT_EQ(actual.analysis, expected.analysis);
  EXPECT_EQ(actual.created_at, expected.created_at);
}

std::vector<std::string> Ids(const std::vector<dialogue::StoredMessage>& messages) {
  std::vector<std::string> ids;
  for (const auto& message : messages) ids.push_back(message.id);
  return ids;
}

TEST_P(StoreContractTest, AppendTurnStoresConversationAndMessagesInTurnOrder) {
  const account::User user = AddUser("chat@example.org");
  const dialogue::Turn turn = NewTurn(user, "c1", kStart, /*replies=*/3);
  ASSERT_TRUE(conversations().AppendTurn(turn).has_value());

  auto conversation = conversations().FindConversation(user.id, "c1");
  ASSERT_TRUE(conversation.has_value()) << conversation.error().message;
  EXPECT_EQ(conversation->user_id, user.id);
  EXPECT_EQ(conversation->created_at, kStart);
  EXPECT_EQ(conversation->updated_at, kStart);
  EXPECT_EQ(conversation->protocol_state, turn.conversation.protocol_state);

  auto messages = conversations().ListMessages("c1", 10);
  ASSERT_TRUE(messages.has_value()) << messages.error().message;
  ASSERT_EQ(messages->size(), 4u);
  for (std::size_t i = 0; i < messages->size(); ++i)
    ExpectSameMessage((*messages)[i], turn.messages[i]);
}

TEST_P(StoreContractTest, NextTurnUpdatesStateKeepsCreationAndAppendsAfter) {
  const account::User user = AddUser("chat2@example.org");
  const dialogue::Turn first = NewTurn(user, "c1", kStart);
  dialogue::Turn second = NewTurn(user, "c1", kStart + minutes(5), 1, R"({"step":"done"})");
  second.conversation.created_at = kStart + minutes(5);  // ignored for an existing one
  ASSERT_TRUE(conversations().AppendTurn(first).has_value());
  ASSERT_TRUE(conversations().AppendTurn(second).has_value());

  auto conversation = conversations().FindConversation(user.id, "c1");
  ASSERT_TRUE(conversation.has_value());
  EXPECT_EQ(conversation->created_at, kStart);
  EXPECT_EQ(conversation->updated_at, kStart + minutes(5));
  EXPECT_EQ(conversation->protocol_state, R"({"step":"done"})");
  auto messages = conversations().ListMessages("c1", 10);
  ASSERT_TRUE(messages.has_value());
  EXPECT_EQ(Ids(*messages),
            (std::vector<std::string>{first.messages[0].id, first.messages[1].id,
                                      second.messages[0].id, second.messages[1].id}));
}

TEST_P(StoreContractTest, ListMessagesReturnsTheLastLimitOldestFirst) {
  const account::User user = AddUser("limit@example.org");
  std::vector<std::string> all;
  for (int i = 0; i < 3; ++i) {
    const dialogue::Turn turn = NewTurn(user, "c1", kStart + minutes(i));
    ASSERT_TRUE(conversations().AppendTurn(turn).has_value());
    for (const auto& message : turn.messages) all.push_back(message.id);
  }
  auto last_three = conversations().ListMessages("c1", 3);
  ASSERT_TRUE(last_three.has_value());
  EXPECT_EQ(Ids(*last_three), (std::vector<std::string>(all.end() - 3, all.end())));
  EXPECT_TRUE(conversations().ListMessages("c1", 0)->empty());
  EXPECT_TRUE(conversations().ListMessages("unknown", 10)->empty());
}

TEST_P(StoreContractTest, ConversationOfAnotherUserIsNotFound) {
  const account::User owner = AddUser("owner@example.org");
  const account::User stranger = AddUser("stranger@example.org");
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(owner, "c1", kStart)).has_value());
  EXPECT_EQ(conversations().FindConversation(stranger.id, "c1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(conversations().FindConversation(owner.id, "c2").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, TurnIntoAnotherUsersConversationIsNotFoundAndStoresNothing) {
  const account::User owner = AddUser("owner2@example.org");
  const account::User stranger = AddUser("stranger2@example.org");
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(owner, "c1", kStart)).has_value());
  dialogue::Turn intrusion = NewTurn(stranger, "c1", kStart + minutes(1), 1, "hijacked");
  intrusion.risk_event = NewRiskEvent(stranger, kStart);
  auto appended = conversations().AppendTurn(intrusion);
  ASSERT_FALSE(appended.has_value());
  EXPECT_EQ(appended.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(conversations().FindConversation(owner.id, "c1")->protocol_state,
            NewTurn(owner, "c1", kStart).conversation.protocol_state);
  EXPECT_EQ(conversations().ListMessages("c1", 10)->size(), 2u);
  EXPECT_TRUE(conversations().ListMessagesOfUser(stranger.id)->empty());
  EXPECT_TRUE(risks().ListRiskEvents(stranger.id, kStart)->empty());
}

TEST_P(StoreContractTest, FailedNewTurnStoresNothing) {
  const account::User user = AddUser("atomic@example.org");
  dialogue::Turn turn = NewTurn(user, "c1", kStart, /*replies=*/2);
  turn.messages[2].id = turn.messages[0].id;  // the second insert fails half way
  turn.risk_event = NewRiskEvent(user, kStart);
  auto appended = conversations().AppendTurn(turn);
  ASSERT_FALSE(appended.has_value());
  EXPECT_EQ(appended.error().code, ErrorCode::kConflict);
  EXPECT_EQ(conversations().FindConversation(user.id, "c1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(conversations().ListConversations(user.id, 10)->empty());
  EXPECT_TRUE(conversations().ListMessagesOfUser(user.id)->empty());
  EXPECT_TRUE(risks().ListRiskEvents(user.id, kStart)->empty());
}

TEST_P(StoreContractTest, FailedTurnInExistingConversationChangesNothing) {
  const account::User user = AddUser("atomic2@example.org");
  const dialogue::Turn first = NewTurn(user, "c1", kStart);
  ASSERT_TRUE(conversations().AppendTurn(first).has_value());
  ASSERT_TRUE(risks().RecordRiskEvent(NewRiskEvent(user, kStart)).has_value());
  dialogue::Turn second = NewTurn(user, "c1", kStart + minutes(1), 1, "changed");
  auto reused = risks().ListRiskEvents(user.id, kStart);
  ASSERT_TRUE(reused.has_value());
  second.risk_event = NewRiskEvent(user, kStart + minutes(1));
  second.risk_event->id = (*reused)[0].id;  // fails last, after the messages went in
  ASSERT_EQ(conversations().AppendTurn(second).error().code, ErrorCode::kConflict);

  auto conversation = conversations().FindConversation(user.id, "c1");
  ASSERT_TRUE(conversation.has_value());
  EXPECT_EQ(conversation->updated_at, kStart);
  EXPECT_EQ(conversation->protocol_state, first.conversation.protocol_state);
  EXPECT_EQ(Ids(*conversations().ListMessages("c1", 10)), Ids(first.messages));
  EXPECT_EQ(risks().ListRiskEvents(user.id, kStart)->size(), 1u);
}

TEST_P(StoreContractTest, TurnRiskEventIsStoredWithItsReasons) {
  const account::User user = AddUser("risk@example.org");
  dialogue::Turn turn = NewTurn(user, "c1", kStart);
  turn.risk_event = NewRiskEvent(user, kStart, safety::RiskLevel::kCrisis);
  ASSERT_TRUE(conversations().AppendTurn(turn).has_value());
  auto events = risks().ListRiskEvents(user.id, kStart);
  ASSERT_TRUE(events.has_value()) << events.error().message;
  ASSERT_EQ(events->size(), 1u);
  const safety::RiskEvent& event = (*events)[0];
  EXPECT_EQ(event.id, turn.risk_event->id);
  EXPECT_EQ(event.level, safety::RiskLevel::kCrisis);
  EXPECT_DOUBLE_EQ(event.score, 0.625);
  EXPECT_EQ(event.source, "chat");
  EXPECT_EQ(event.reference_id, "conversation-1");
  ASSERT_EQ(event.reasons.size(), 2u);
  EXPECT_EQ(event.reasons[0].source, "rule");
  EXPECT_EQ(event.reasons[0].detail, "ideation.hopeless");
  EXPECT_EQ(event.reasons[1].detail, "crisis=0.62");
}

TEST_P(StoreContractTest, TurnWithRowsOfAnotherConversationOrUserIsInvalid) {
  const account::User user = AddUser("mixed@example.org");
  const account::User other = AddUser("mixed2@example.org");
  dialogue::Turn turn = NewTurn(user, "c1", kStart);
  turn.messages[1].conversation_id = "c2";
  EXPECT_EQ(conversations().AppendTurn(turn).error().code, ErrorCode::kInvalidArgument);
  turn = NewTurn(user, "c1", kStart);
  turn.risk_event = NewRiskEvent(other, kStart);
  EXPECT_EQ(conversations().AppendTurn(turn).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(conversations().ListConversations(user.id, 10)->empty());
}

TEST_P(StoreContractTest, TurnOfUnknownUserIsNotFound) {
  const account::User ghost = NewUser("ghost@example.org");
  EXPECT_EQ(conversations().AppendTurn(NewTurn(ghost, "c1", kStart)).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, ListConversationsIsMostRecentlyUpdatedFirstAndOnlyTheUsers) {
  const account::User user = AddUser("list@example.org");
  const account::User other = AddUser("list2@example.org");
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(user, "a", kStart)).has_value());
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(user, "b", kStart + minutes(1))).has_value());
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(other, "x", kStart + minutes(9))).has_value());
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(user, "a", kStart + minutes(2))).has_value());
  auto listed = conversations().ListConversations(user.id, 10);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "a");
  EXPECT_EQ((*listed)[1].id, "b");
  auto one = conversations().ListConversations(user.id, 1);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].id, "a");
}

TEST_P(StoreContractTest, ListMessagesOfUserSpansConversationsAndOnlyTheUsers) {
  const account::User user = AddUser("all@example.org");
  const account::User other = AddUser("all2@example.org");
  const dialogue::Turn first = NewTurn(user, "a", kStart);
  const dialogue::Turn second = NewTurn(user, "b", kStart + minutes(1));
  ASSERT_TRUE(conversations().AppendTurn(first).has_value());
  ASSERT_TRUE(conversations().AppendTurn(second).has_value());
  ASSERT_TRUE(conversations().AppendTurn(NewTurn(other, "c", kStart)).has_value());
  auto messages = conversations().ListMessagesOfUser(user.id);
  ASSERT_TRUE(messages.has_value());
  std::vector<std::string> expected = Ids(first.messages);
  for (const auto& id : Ids(second.messages)) expected.push_back(id);
  EXPECT_EQ(Ids(*messages), expected);
}

TEST_P(StoreContractTest, RiskEventsSinceAnInclusiveInstantNewestFirst) {
  const account::User user = AddUser("events@example.org");
  const account::User other = AddUser("events2@example.org");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    safety::RiskEvent event = NewRiskEvent(user, kStart + minutes(i), safety::RiskLevel::kNone);
    event.reasons.clear();
    ids.push_back(event.id);
    ASSERT_TRUE(risks().RecordRiskEvent(event).has_value());
  }
  ASSERT_TRUE(risks().RecordRiskEvent(NewRiskEvent(other, kStart)).has_value());
  auto events = risks().ListRiskEvents(user.id, kStart + minutes(1));
  ASSERT_TRUE(events.has_value()) << events.error().message;
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].id, ids[2]);
  EXPECT_EQ((*events)[1].id, ids[1]);
  EXPECT_EQ((*events)[0].level, safety::RiskLevel::kNone);
  EXPECT_TRUE((*events)[0].reasons.empty());
}

TEST_P(StoreContractTest, RiskEventOfUnknownUserIsNotFoundAndDuplicateIdIsConflict) {
  const account::User user = AddUser("events3@example.org");
  EXPECT_EQ(risks().RecordRiskEvent(NewRiskEvent(NewUser("x@example.org"), kStart)).error().code,
            ErrorCode::kNotFound);
  const safety::RiskEvent event = NewRiskEvent(user, kStart);
  ASSERT_TRUE(risks().RecordRiskEvent(event).has_value());
  EXPECT_EQ(risks().RecordRiskEvent(event).error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace haven::store::testing
