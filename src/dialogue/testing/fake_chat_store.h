// In-memory ConversationRepository + RiskEventRepository, for unit tests of any module.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "dialogue/ports.h"
#include "safety/risk.h"

namespace haven::dialogue::testing {

// Keeps turns in memory like a store does: one AppendTurn is all-or-nothing. Thread-safe.
class FakeChatStore : public ConversationRepository, public safety::RiskEventRepository {
 public:
  core::Status AppendTurn(const Turn& turn) override {
    std::lock_guard lock(mutex_);
    if (fail_next_append_) {
      fail_next_append_ = false;
      return core::Fail(core::ErrorCode::kUnavailable, "store is down (fake)");
    }
    auto existing = conversations_.find(turn.conversation.id);
    if (existing != conversations_.end() && existing->second.user_id != turn.conversation.user_id) {
      return core::Fail(core::ErrorCode::kPermissionDenied, "conversation of another user");
    }
    conversations_[turn.conversation.id] = turn.conversation;
    for (const StoredMessage& message : turn.messages) messages_.push_back(message);
    if (turn.risk_event) risk_events_.push_back(*turn.risk_event);
    ++turns_;
    return {};
  }
  core::Result<Conversation> FindConversation(const std::string& user_id,
                                              const std::string& conversation_id) override {
    std::lock_guard lock(mutex_);
    auto it = conversations_.find(conversation_id);
    if (it == conversations_.end() || it->second.user_id != user_id) {
      return core::Fail(core::ErrorCode::kNotFound, "no such conversation");
    }
    return it->second;
  }
  core::Result<std::vector<Conversation>> ListConversations(const std::string& user_id,
                                                            std::size_t limit) override {
    std::lock_guard lock(mutex_);
    std::vector<Conversation> out;
    for (const auto& [id, conversation] : conversations_) {
      if (conversation.user_id == user_id) out.push_back(conversation);
    }
    std::stable_sort(out.begin(), out.end(), [](const Conversation& a, const Conversation& b) {
      return a.updated_at > b.updated_at;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
  }
  core::Result<std::vector<StoredMessage>> ListMessages(const std::string& conversation_id,
                                                        std::size_t limit) override {
    std::lock_guard lock(mutex_);
    std::vector<StoredMessage> out;
    for (const StoredMessage& message : messages_) {
      if (message.conversation_id == conversation_id) out.push_back(message);
    }
    if (out.size() > limit) out.erase(out.begin(), out.end() - static_cast<long>(limit));
    return out;
  }
  core::Result<std::vector<StoredMessage>> ListMessagesOfUser(const std::string& user_id) override {
    std::lock_guard lock(mutex_);
    std::vector<StoredMessage> out;
    for (const StoredMessage& message : messages_) {
      if (message.user_id == user_id) out.push_back(message);
    }
    return out;
  }

  core::Status RecordRiskEvent(const safety::RiskEvent& event) override {
    std::lock_guard lock(mutex_);
    risk_events_.push_back(event);
    return {};
  }
  core::Result<std::vector<safety::RiskEvent>> ListRiskEvents(const std::string& user_id,
                                                              core::Timestamp since) override {
    std::lock_guard lock(mutex_);
    std::vector<safety::RiskEvent> out;
    for (auto it = risk_events_.rbegin(); it != risk_events_.rend(); ++it) {
      if (it->user_id == user_id && it->at >= since) out.push_back(*it);
    }
    return out;
  }

  // Test controls and views.
  void FailNextAppend() {
    std::lock_guard lock(mutex_);
    fail_next_append_ = true;
  }
  [[nodiscard]] int turns() const {
    std::lock_guard lock(mutex_);
    return turns_;
  }
  [[nodiscard]] std::vector<safety::RiskEvent> risk_events() const {
    std::lock_guard lock(mutex_);
    return risk_events_;
  }
  [[nodiscard]] std::vector<StoredMessage> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Conversation> conversations_;
  std::vector<StoredMessage> messages_;
  std::vector<safety::RiskEvent> risk_events_;
  bool fail_next_append_ = false;
  int turns_ = 0;
};

}  // namespace haven::dialogue::testing
