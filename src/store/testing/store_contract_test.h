// The repository contract every store adapter must pass. The TEST_Ps live in
// store_contract_*_test.cc; an adapter's test compiles them in and instantiates the suite:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
//                            ::testing::Values(StoreContractParam{"Sqlite", MakeFreshStore}),
//                            StoreContractParamName);
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "account/ports.h"
#include "assess/ports.h"
#include "core/bytes.h"
#include "core/clock.h"
#include "core/ids.h"
#include "dialogue/ports.h"
#include "privacy/ports.h"
#include "safety/risk.h"

namespace haven::store::testing {

// The ports of one store under test. `owner` keeps the adapter (and e.g. its temporary file)
// alive; the pointers point into it.
struct StorePorts {
  std::shared_ptr<void> owner;
  account::UserRepository* users = nullptr;
  account::SessionRepository* sessions = nullptr;
  account::LoginAttemptRepository* attempts = nullptr;
  privacy::KeyRepository* keys = nullptr;
  privacy::AuditRepository* audit = nullptr;
  safety::RiskEventRepository* risks = nullptr;
  dialogue::ConversationRepository* conversations = nullptr;
  assess::AssessmentRepository* assessments = nullptr;
};

// Ports of an adapter object that implements all of them.
template <typename Store>
StorePorts PortsOf(std::shared_ptr<Store> store) {
  StorePorts ports{store,       store.get(), store.get(), store.get(), store.get(),
                   store.get(), store.get(), store.get(), store.get()};
  return ports;
}

// Returns a fresh, migrated, empty store; on failure it reports (ADD_FAILURE) and returns
// empty ports, which fails the test.
using StoreFactory = std::function<StorePorts()>;

struct StoreContractParam {
  std::string name;  // an identifier, used in test names
  StoreFactory make;
};

inline std::string StoreContractParamName(
    const ::testing::TestParamInfo<StoreContractParam>& info) {
  return info.param.name;
}
inline void PrintTo(const StoreContractParam& param, std::ostream* out) { *out << param.name; }

class StoreContractTest : public ::testing::TestWithParam<StoreContractParam> {
 protected:
  void SetUp() override {
    ports_ = GetParam().make();
    ASSERT_NE(ports_.users, nullptr) << "the store factory failed";
  }

  account::UserRepository& users() { return *ports_.users; }
  account::SessionRepository& sessions() { return *ports_.sessions; }
  account::LoginAttemptRepository& attempts() { return *ports_.attempts; }
  privacy::KeyRepository& keys() { return *ports_.keys; }
  privacy::AuditRepository& audit() { return *ports_.audit; }
  safety::RiskEventRepository& risks() { return *ports_.risks; }
  dialogue::ConversationRepository& conversations() { return *ports_.conversations; }
  assess::AssessmentRepository& assessments() { return *ports_.assessments; }

  // A user value with a fresh id (not stored).
  account::User NewUser(std::string email) const {
    return account::User{core::NewId(),        std::move(email),      "Sam", "en-GB",
                         account::Role::kUser, "$argon2id$v=19$fake", kStart};
  }
  // Stores a new user with a wrapped key of binary bytes (zeros included).
  account::User AddUser(std::string email) {
    account::User user = NewUser(std::move(email));
    EXPECT_TRUE(users().CreateUser(user, KeyFor(user)).has_value());
    return user;
  }
  static core::Bytes KeyFor(const account::User& user) {
    // Sized first, then filled: g++ 12 at -O3 warns (-Warray-bounds, a false positive) on
    // inserting a range after an initializer list.
    core::Bytes key(4 + user.id.size());
    const std::uint8_t prefix[] = {0x00, 0xff, 0x00, 0x7f};
    std::copy(std::begin(prefix), std::end(prefix), key.begin());
    std::copy(user.id.begin(), user.id.end(), key.begin() + 4);
    return key;
  }

  // A message of `user` in `conversation_id`; ciphertext includes zero bytes.
  static dialogue::StoredMessage NewMessage(const account::User& user,
                                            const std::string& conversation_id,
                                            dialogue::Author author, core::Timestamp at) {
    const std::string id = core::NewId();
    core::Bytes ciphertext = {0x00, 0x01, 0x00};
    ciphertext.insert(ciphertext.end(), id.begin(), id.end());
    return dialogue::StoredMessage{id,         conversation_id,      user.id, author, "text",
                                   ciphertext, R"({"risk":"none"})", at};
  }

  // A turn in `conversation_id` at `at`: one user message then `replies` companion messages,
  // all with the same timestamp (as in a real turn).
  static dialogue::Turn NewTurn(const account::User& user, const std::string& conversation_id,
                                core::Timestamp at, int replies = 1,
                                std::string state = R"({"protocol":"checkin","step":"rate"})") {
    dialogue::Turn turn;
    turn.conversation = dialogue::Conversation{conversation_id, user.id, at, at, std::move(state)};
    turn.messages.push_back(NewMessage(user, conversation_id, dialogue::Author::kUser, at));
    for (int i = 0; i < replies; ++i) {
      turn.messages.push_back(NewMessage(user, conversation_id, dialogue::Author::kCompanion, at));
    }
    return turn;
  }

  static safety::RiskEvent NewRiskEvent(const account::User& user, core::Timestamp at,
                                        safety::RiskLevel level = safety::RiskLevel::kElevated) {
    return safety::RiskEvent{core::NewId(),
                             user.id,
                             at,
                             level,
                             0.625,
                             "chat",
                             "conversation-1",
                             {{"rule", "ideation.hopeless"}, {"model", "crisis=0.62"}}};
  }

  // A sealed PHQ-9-like submission of `user`; the sealed answers include zero bytes.
  static assess::SealedSubmission NewSubmission(const account::User& user,
                                                std::string instrument_id, core::Timestamp at,
                                                std::string client_id = core::NewId()) {
    const std::string id = core::NewId();
    core::Bytes sealed = {0x00, 0x02, 0x00};
    sealed.insert(sealed.end(), id.begin(), id.end());
    return assess::SealedSubmission{.id = id,
                                    .user_id = user.id,
                                    .instrument_id = std::move(instrument_id),
                                    .instrument_version = "1.0.0",
                                    .client_submission_id = std::move(client_id),
                                    .submitted_at = at,
                                    .locale = "es-MX",
                                    .sealed_answers = std::move(sealed),
                                    .total = 12,
                                    .band_code = "moderate",
                                    .cssrs_risk = "",
                                    .flags = {"suicidal_ideation_item"}};
  }

  static privacy::AuditEvent NewAuditEvent(std::string action, std::string subject_id = {}) {
    privacy::AuditEvent event;
    event.at = kStart;
    event.action = std::move(action);
    event.actor_id = subject_id;
    event.subject_id = std::move(subject_id);
    event.detail = "test";
    event.address = "192.0.2.1";
    return event;
  }

  static constexpr core::Timestamp kStart =
      core::Timestamp(std::chrono::milliseconds(1'700'000'000'000));

  StorePorts ports_;
};

}  // namespace haven::store::testing
