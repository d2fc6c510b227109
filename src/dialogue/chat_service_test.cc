#include "dialogue/chat_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "core/ids.h"
#include "dialogue/testing/fake_chat_store.h"
#include "privacy/crypto.h"
#include "privacy/testing/fake_repositories.h"
#include "safety/crisis_rules.h"

namespace haven::dialogue {
namespace {

using safety::RiskLevel;

constexpr char kMasterHex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string kAlice = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
const std::string kBob = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

std::string ContentDir() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/content";
}

bool Contains(const core::Bytes& haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

class ChatServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(privacy::InitCrypto().has_value());
    auto master = privacy::MasterKey::FromHex(kMasterHex);
    ASSERT_TRUE(master.has_value());
    master_ = std::make_unique<privacy::MasterKey>(std::move(*master));
    for (const std::string& user : {kAlice, kBob}) {
      keys_.AddWrappedKey(user, master_->Wrap(privacy::NewDataKey(), user));
    }
    keyring_ = std::make_unique<privacy::Keyring>(*master_, keys_);
    auto assessor = safety::SafetyAssessor::Load(ContentDir());
    ASSERT_TRUE(assessor.has_value()) << assessor.error().message;
    auto hotlines = safety::HotlineDirectory::Load(ContentDir());
    ASSERT_TRUE(hotlines.has_value()) << hotlines.error().message;
    auto engine = Engine::Load(ContentDir());
    ASSERT_TRUE(engine.has_value()) << engine.error().message;
    service_ = std::make_unique<ChatService>(
        ChatService::Dependencies{.conversations = store_,
                                  .risk_events = store_,
                                  .keyring = *keyring_,
                                  .safety = *assessor,
                                  .hotlines = *hotlines,
                                  .engine = *engine,
                                  .clock = clock_,
                                  .escalate =
                                      [this](const safety::RiskEvent& event) {
                                        escalated_.push_back(event);
                                        return alert_care_team_;
                                      }},
        policy_);
  }

  core::Result<ChatResponse> Say(const std::string& user, std::string_view text,
                                 std::optional<std::string> conversation = std::nullopt,
                                 std::string_view locale = "en-US") {
    return service_->Send(user, locale, conversation, text);
  }

  ChatPolicy policy_;
  core::FakeClock clock_;
  testing::FakeChatStore store_;
  privacy::testing::FakeKeyRepository keys_;
  std::unique_ptr<privacy::MasterKey> master_;
  std::unique_ptr<privacy::Keyring> keyring_;
  std::unique_ptr<ChatService> service_;
  std::vector<safety::RiskEvent> escalated_;
  bool alert_care_team_ = false;
};

TEST_F(ChatServiceTest, CrisisTextGetsCrisisReplyWithLocalResourcesAndARiskEvent) {
  auto response = Say(kAlice, "I want to kill myself", std::nullopt, "en-GB");
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->risk.level, RiskLevel::kCrisis);
  ASSERT_EQ(response->replies.size(), 1u);
  EXPECT_EQ(response->replies[0].kind, "crisis");
  EXPECT_NE(response->replies[0].text.find("116 123"), std::string::npos);
  EXPECT_NE(response->replies[0].text.find("999"), std::string::npos);
  ASSERT_TRUE(response->resources.has_value());
  EXPECT_EQ(response->resources->country, "GB");
  EXPECT_TRUE(response->stored);

  const auto events = store_.risk_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].level, RiskLevel::kCrisis);
  EXPECT_EQ(events[0].source, "chat");
  EXPECT_EQ(events[0].user_id, kAlice);
  EXPECT_EQ(events[0].reference_id, response->conversation_id);
  EXPECT_FALSE(events[0].reasons.empty());
  EXPECT_EQ(escalated_.size(), 1u);
  EXPECT_EQ(response->replies[0].text.find("care team has been alerted"), std::string::npos);
}

TEST_F(ChatServiceTest, SpanishCrisisIsAnsweredInSpanishWithLocalLines) {
  alert_care_team_ = true;
  auto response = Say(kAlice, "ya no aguanto más, me quiero morir", std::nullopt, "es-MX");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->risk.level, RiskLevel::kCrisis);
  EXPECT_EQ(response->resources->country, "MX");
  EXPECT_NE(response->replies[0].text.find("800 911 2000"), std::string::npos);
  EXPECT_NE(response->replies[0].text.find("equipo de atención"), std::string::npos);
}

TEST_F(ChatServiceTest, SomeoneHurtingTheWriterGetsTheAbuseReplyAndAnAlert) {
  auto response = Say(kAlice, "he hit me again tonight and i'm scared", std::nullopt, "en-GB");
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->risk.level, RiskLevel::kCrisis);
  ASSERT_EQ(response->replies.size(), 1u);
  EXPECT_EQ(response->replies[0].kind, "crisis");
  EXPECT_NE(response->replies[0].text.find("I believe you"), std::string::npos);
  EXPECT_NE(response->replies[0].text.find("0808 2000 247"), std::string::npos);
  EXPECT_NE(response->replies[0].text.find("999"), std::string::npos);
  EXPECT_EQ(escalated_.size(), 1u);
}

TEST_F(ChatServiceTest, NothingIsStoredInPlaintext) {
  const std::string secret = "my sister Zelphine knows about the lighthouse";
  ASSERT_TRUE(Say(kAlice, secret).has_value());
  ASSERT_TRUE(Say(kAlice, "I want to die, Zelphine").has_value());
  const auto messages = store_.messages();
  ASSERT_GE(messages.size(), 4u);
  for (const StoredMessage& message : messages) {
    EXPECT_FALSE(Contains(message.ciphertext, "Zelphine"));
    EXPECT_FALSE(Contains(message.ciphertext, "lighthouse"));
    EXPECT_FALSE(Contains(message.ciphertext, "Haven"));  // replies are sealed too
    EXPECT_EQ(message.analysis.find("Zelphine"), std::string::npos);
  }
  for (const safety::RiskEvent& event : store_.risk_events()) {
    for (const safety::RiskReason& reason : event.reasons) {
      EXPECT_EQ(reason.detail.find("Zelphine"), std::string::npos);
    }
  }
  // The user's message carries scores only.
  const nlohmann::json analysis = nlohmann::json::parse(messages[0].analysis);
  EXPECT_EQ(analysis, (nlohmann::json{{"risk", "none"}, {"score", 0.0}}));
}

TEST_F(ChatServiceTest, ConversationContinuesAndIsListedDecrypted) {
  auto first = Say(kAlice, "hi");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->risk.level, RiskLevel::kNone);
  EXPECT_EQ(first->replies.front().kind, "greeting");
  auto second = Say(kAlice, "about a 6 today", first->conversation_id);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->conversation_id, first->conversation_id);
  EXPECT_EQ(second->replies.front().kind, "reflection");
  EXPECT_NE(second->replies.front().text.find("6"), std::string::npos);

  auto conversations = service_->ListConversations(kAlice);
  ASSERT_TRUE(conversations.has_value());
  ASSERT_EQ(conversations->size(), 1u);
  EXPECT_EQ((*conversations)[0].protocol_state, R"({"protocol":"checkin","step":"offer"})");
  auto messages = service_->ListMessages(kAlice, first->conversation_id);
  ASSERT_TRUE(messages.has_value()) << messages.error().message;
  ASSERT_GE(messages->size(), 4u);
  EXPECT_EQ((*messages)[0].author, Author::kUser);
  EXPECT_EQ((*messages)[0].text, "hi");
  EXPECT_EQ((*messages)[1].author, Author::kCompanion);
  EXPECT_EQ((*messages)[1].text, first->replies.front().text);
  EXPECT_TRUE(service_->ListConversations(kBob)->empty());
}

TEST_F(ChatServiceTest, AnotherUsersOrUnknownConversationIsNotFound) {
  auto alice = Say(kAlice, "hello there");
  ASSERT_TRUE(alice.has_value());
  for (const std::string& id :
       {alice->conversation_id, std::string("0123456789abcdef0123456789abcdef"),
        std::string("not-an-id'; DROP TABLE")}) {
    auto sent = Say(kBob, "hi", id);
    ASSERT_FALSE(sent.has_value()) << id;
    EXPECT_EQ(sent.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(sent.error().field, "conversation_id");
    auto listed = service_->ListMessages(kBob, id);
    ASSERT_FALSE(listed.has_value());
    EXPECT_EQ(listed.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(listed.error().field, "conversation_id");
  }
  EXPECT_EQ(store_.turns(), 1);
}

TEST_F(ChatServiceTest, CrisisIsAnsweredEvenWithSomeoneElsesConversationId) {
  auto alice = Say(kAlice, "hello there");
  ASSERT_TRUE(alice.has_value());
  auto bob = Say(kBob, "I want to end my life", alice->conversation_id);
  ASSERT_TRUE(bob.has_value());
  EXPECT_EQ(bob->risk.level, RiskLevel::kCrisis);
  EXPECT_NE(bob->conversation_id, alice->conversation_id);
  EXPECT_TRUE(service_->ListMessages(kBob, bob->conversation_id).has_value());
}

TEST_F(ChatServiceTest, BadTextIsInvalidArgumentOnTextAndNothingIsStored) {
  const std::string too_long(4001, 'a');
  for (const std::string& text : {std::string(""), std::string("   \n\t "), too_long,
                                  std::string("caf\xc3"), std::string("\xff\xfe")}) {
    auto sent = Say(kAlice, text);
    ASSERT_FALSE(sent.has_value());
    EXPECT_EQ(sent.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(sent.error().field, "text");
  }
  EXPECT_TRUE(Say(kAlice, std::string(4000, 'a')).has_value());
  EXPECT_TRUE(Say(kAlice, std::string(1000, 'a') + "\u00e9\u00e9\u00e9").has_value());
  EXPECT_EQ(store_.turns(), 2);
}

TEST_F(ChatServiceTest, CrisisLeavesTheCheckInWhereItWas) {
  auto first = Say(kAlice, "hi");
  ASSERT_TRUE(first.has_value());
  auto crisis = Say(kAlice, "i dont want to be here anymore", first->conversation_id);
  ASSERT_TRUE(crisis.has_value());
  EXPECT_EQ(crisis->risk.level, RiskLevel::kCrisis);
  EXPECT_EQ(crisis->conversation_id, first->conversation_id);
  auto next = Say(kAlice, "maybe a 3", first->conversation_id);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->replies.front().kind, "reflection");
  EXPECT_NE(next->replies.front().text.find("3"), std::string::npos);
}

TEST_F(ChatServiceTest, RecentCrisisRaisesElevatedTextToCrisisWithinTheWindow) {
  auto plain = Say(kBob, "I feel hopeless");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->risk.level, RiskLevel::kElevated);
  EXPECT_EQ(plain->replies.front().kind, "safety_check");
  EXPECT_TRUE(plain->resources.has_value());
  ASSERT_EQ(store_.risk_events().size(), 1u);
  EXPECT_EQ(store_.risk_events()[0].level, RiskLevel::kElevated);

  ASSERT_TRUE(Say(kAlice, "I want to kill myself").has_value());
  clock_.Advance(std::chrono::hours(71));
  auto soon = Say(kAlice, "I feel hopeless");
  ASSERT_TRUE(soon.has_value());
  EXPECT_EQ(soon->risk.level, RiskLevel::kCrisis);
  clock_.Advance(std::chrono::hours(72) + std::chrono::minutes(1));
  auto later = Say(kAlice, "I feel hopeless");
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->risk.level, RiskLevel::kElevated);
}

// What AssessmentService records for PHQ-9 item 9 > 0.
safety::RiskEvent ItemNineEvent(const std::string& user, core::Timestamp at) {
  return safety::RiskEvent{core::NewId(),
                           user,
                           at,
                           RiskLevel::kElevated,
                           0.6,
                           "assessment",
                           "submission-1",
                           {{"instrument", "phq9.q9"}}};
}

TEST_F(ChatServiceTest, PositiveRiskItemInAnAssessmentLowersTheCrisisBarForTheWindow) {
  ASSERT_TRUE(store_.RecordRiskEvent(ItemNineEvent(kAlice, clock_.Now())).has_value());
  ASSERT_TRUE(store_.RecordRiskEvent(ItemNineEvent(kBob, clock_.Now())).has_value());
  clock_.Advance(std::chrono::days(13));  // far beyond the 72-hour window of chat events
  auto within = Say(kAlice, "I feel hopeless");
  ASSERT_TRUE(within.has_value());
  EXPECT_EQ(within->risk.level, RiskLevel::kCrisis);
  EXPECT_EQ(within->replies.front().kind, "crisis");
  EXPECT_EQ(within->risk.reasons.back().detail, "recent_risk_item");
  clock_.Advance(std::chrono::days(1) + std::chrono::minutes(1));  // 14 days have passed
  auto after = Say(kBob, "I feel hopeless");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->risk.level, RiskLevel::kElevated);
}

TEST_F(ChatServiceTest, ChatEventsDoNotCountAsAPositiveRiskItem) {
  ASSERT_EQ(Say(kAlice, "I feel hopeless")->risk.level, RiskLevel::kElevated);
  clock_.Advance(std::chrono::hours(1));  // within every window
  EXPECT_EQ(Say(kAlice, "I feel hopeless")->risk.level, RiskLevel::kElevated);
}

TEST_F(ChatServiceTest, AssessmentWindowIsConfigurable) {
  policy_.assessment_window = std::chrono::days(2);
  SetUp();
  ASSERT_TRUE(store_.RecordRiskEvent(ItemNineEvent(kAlice, clock_.Now())).has_value());
  ASSERT_TRUE(store_.RecordRiskEvent(ItemNineEvent(kBob, clock_.Now())).has_value());
  clock_.Advance(std::chrono::days(2) - std::chrono::minutes(1));
  EXPECT_EQ(Say(kAlice, "I feel hopeless")->risk.level, RiskLevel::kCrisis);
  clock_.Advance(std::chrono::minutes(2));
  EXPECT_EQ(Say(kBob, "I feel hopeless")->risk.level, RiskLevel::kElevated);
}

TEST_F(ChatServiceTest, WorryAboutSomeoneElseGetsTheThirdPartyReply) {
  auto response = Say(kAlice, "my friend said she wants to die");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->risk.level, RiskLevel::kElevated);
  EXPECT_NE(response->replies.front().text.find("worried about someone"), std::string::npos);
}

TEST_F(ChatServiceTest, CrisisReplyIsReturnedEvenWhenStoringFails) {
  store_.FailNextAppend();
  auto crisis = Say(kAlice, "I want to kill myself");
  ASSERT_TRUE(crisis.has_value());
  EXPECT_EQ(crisis->replies.front().kind, "crisis");
  EXPECT_FALSE(crisis->stored);
  store_.FailNextAppend();
  auto plain = Say(kAlice, "hi");
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code, core::ErrorCode::kUnavailable);
}

TEST_F(ChatServiceTest, UserWithoutKeyStillGetsACrisisReply) {
  ASSERT_TRUE(keys_.DeleteWrappedKey(kBob).has_value());
  auto crisis = Say(kBob, "I want to kill myself");
  ASSERT_TRUE(crisis.has_value());
  EXPECT_FALSE(crisis->stored);
  auto plain = Say(kBob, "hello");
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code, core::ErrorCode::kNotFound);
}

TEST_F(ChatServiceTest, StoredAnalysisHoldsModelScoresButNoText) {
  auto analyzer = nlp::Analyzer::Load("models", ContentDir());
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().message;
  auto engine = Engine::Load(ContentDir());
  auto assessor = safety::SafetyAssessor::Load(ContentDir());
  auto hotlines = safety::HotlineDirectory::Load(ContentDir());
  ASSERT_TRUE(engine && assessor && hotlines);
  ChatService with_models(ChatService::Dependencies{.conversations = store_,
                                                    .risk_events = store_,
                                                    .keyring = *keyring_,
                                                    .safety = *assessor,
                                                    .hotlines = *hotlines,
                                                    .engine = *engine,
                                                    .clock = clock_,
                                                    .analyzer = *analyzer},
                          policy_);
  ASSERT_TRUE(with_models.Send(kAlice, "en-US", std::nullopt, "I feel so lonely and sad tonight"));
  auto stored = store_.ListMessagesOfUser(kAlice);
  ASSERT_TRUE(stored.has_value());
  ASSERT_FALSE(stored->empty());
  const StoredMessage& user_message = stored->front();
  ASSERT_EQ(user_message.author, Author::kUser);
  nlohmann::json analysis = nlohmann::json::parse(user_message.analysis);
  EXPECT_TRUE(analysis.contains("crisis_model"));
  EXPECT_LT(analysis["sentiment"].get<double>(), 0.0);
  EXPECT_EQ(user_message.analysis.find("lonely"), std::string::npos);
}

// With a policy under which every text the rules pass is a faint model sign (elevated from
// 0, gentle below 0.99), an ordinary text gets the normal reply plus the gentle check-in and is
// recorded; a rule's elevated verdict still gets the direct safety question.
TEST_F(ChatServiceTest, FaintSignGetsTheNormalReplyAndAGentleCheckIn) {
  auto analyzer = nlp::Analyzer::Load("models", ContentDir());
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().message;
  auto rules = safety::CrisisRules::Load(ContentDir() + "/safety/crisis_rules.toml");
  ASSERT_TRUE(rules.has_value()) << rules.error().message;
  safety::CrisisPolicy faint;
  for (safety::ModelBand* band : {&faint.chat, &faint.long_post}) {
    *band = safety::ModelBand{.crisis = 1.0,
                              .elevated = 0.0,
                              .context_crisis = 1.0,
                              .guarded_crisis = 1.0,
                              .gentle_below = 0.99};
  }
  auto assessor = std::make_shared<const safety::SafetyAssessor>(*rules, faint);
  auto engine = Engine::Load(ContentDir());
  auto hotlines = safety::HotlineDirectory::Load(ContentDir());
  ASSERT_TRUE(engine && hotlines);
  ChatService service(ChatService::Dependencies{.conversations = store_,
                                                .risk_events = store_,
                                                .keyring = *keyring_,
                                                .safety = assessor,
                                                .hotlines = *hotlines,
                                                .engine = *engine,
                                                .clock = clock_,
                                                .analyzer = *analyzer},
                      policy_);
  auto response = service.Send(kAlice, "en-US", std::nullopt, "hello there");
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->risk.level, RiskLevel::kElevated);
  ASSERT_GE(response->replies.size(), 2u);
  EXPECT_EQ(response->replies.front().kind, "greeting");
  EXPECT_EQ(response->replies.back().kind, "check_in");
  EXPECT_NE(response->replies.back().text.find("Get help now"), std::string::npos);
  EXPECT_EQ(store_.risk_events().size(), 1u);

  auto worried = service.Send(kAlice, "es-MX", response->conversation_id, "I feel hopeless");
  ASSERT_TRUE(worried.has_value());
  ASSERT_EQ(worried->replies.size(), 1u);
  EXPECT_EQ(worried->replies.front().kind, "safety_check");
}

TEST_F(ChatServiceTest, CheckInGreetingMentionsDueQuestionnairesInTheUsersLanguage) {
  auto engine = Engine::Load(ContentDir());
  auto assessor = safety::SafetyAssessor::Load(ContentDir());
  auto hotlines = safety::HotlineDirectory::Load(ContentDir());
  ASSERT_TRUE(engine && assessor && hotlines);
  std::vector<std::string> due = {"PHQ-9", "GAD-7"};
  ChatService reminding(
      ChatService::Dependencies{
          .conversations = store_,
          .risk_events = store_,
          .keyring = *keyring_,
          .safety = *assessor,
          .hotlines = *hotlines,
          .engine = *engine,
          .clock = clock_,
          .due_assessments = [&due](const std::string&, std::string_view) { return due; }},
      policy_);
  auto greeting = reminding.Send(kAlice, "es-MX", std::nullopt, "hola");
  ASSERT_TRUE(greeting.has_value());
  ASSERT_GE(greeting->replies.size(), 3u);
  EXPECT_EQ(greeting->replies[0].kind, "greeting");
  EXPECT_EQ(greeting->replies[1].kind, "reminder");
  EXPECT_NE(greeting->replies[1].text.find("PHQ-9, GAD-7"), std::string::npos);
  EXPECT_NE(greeting->replies[1].text.find("Chequeos"), std::string::npos);
  // Mid-protocol turns do not repeat it, and nothing is said when nothing is due.
  auto next = reminding.Send(kAlice, "es-MX", greeting->conversation_id, "un 6");
  ASSERT_TRUE(next.has_value());
  for (const ChatReply& reply : next->replies) EXPECT_NE(reply.kind, "reminder");
  due.clear();
  auto quiet = reminding.Send(kBob, "en-US", std::nullopt, "hi");
  ASSERT_TRUE(quiet.has_value());
  for (const ChatReply& reply : quiet->replies) EXPECT_NE(reply.kind, "reminder");
}

}  // namespace
}  // namespace haven::dialogue
