#include "dialogue/chat_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/bytes.h"
#include "core/ids.h"

namespace haven::dialogue {
namespace {

using core::ErrorCode;
using core::Fail;

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

core::Result<std::string_view> ValidateText(std::string_view text, std::size_t max_chars) {
  if (!core::IsValidUtf8(text)) {
    return Fail(ErrorCode::kInvalidArgument, "The message is not valid UTF-8 text.", "text");
  }
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "Write a message before sending.", "text");
  }
  if (core::CountCodePoints(trimmed) > max_chars) {
    return Fail(ErrorCode::kInvalidArgument,
                "Messages can be at most " + std::to_string(max_chars) +
                    " characters; split it into several messages.",
                "text");
  }
  return trimmed;
}

core::Error ConversationNotFound() {
  return core::Error{ErrorCode::kNotFound, "There is no such conversation.", "conversation_id"};
}

// Scores only, never text or words:
// {"risk":"crisis","score":0.9,"crisis_model":0.97,"sentiment":-0.8,"emotions":{"sadness":0.7}}.
std::string AnalysisJson(const safety::RiskAssessment& risk, const nlp::Analysis* analysis) {
  nlohmann::json json{{"risk", safety::RiskLevelName(risk.level)}, {"score", risk.score}};
  if (analysis != nullptr) {
    json["crisis_model"] = analysis->crisis_score;
    json["sentiment"] = analysis->sentiment.compound;
    nlohmann::json emotions = nlohmann::json::object();
    for (const nlp::LabelScore& emotion : analysis->emotions)
      emotions[emotion.label] = emotion.score;
    json["emotions"] = emotions;
    nlohmann::json distortions = nlohmann::json::object();
    for (const nlp::LabelScore& item : analysis->distortions) distortions[item.label] = item.score;
    json["distortions"] = distortions;
  }
  return json.dump();
}

// What is stored beside a companion reply: for a safety reply, whose danger it answered
// ({"danger":"others"}); else {}.
std::string ReplyAnalysisJson(std::string_view kind, safety::Danger danger) {
  if (kind != "crisis" && kind != "safety_check") return "{}";
  return nlohmann::json{{"danger", safety::DangerName(danger)}}.dump();
}

// The danger stored with a companion reply by ReplyAnalysisJson, if any.
std::optional<safety::Danger> StoredDanger(const StoredMessage& message) {
  if (message.author != Author::kCompanion) return std::nullopt;
  const nlohmann::json json = nlohmann::json::parse(message.analysis, nullptr, false);
  if (!json.is_object() || !json.contains("danger") || !json["danger"].is_string()) {
    return std::nullopt;
  }
  return safety::ParseDanger(json["danger"].get<std::string>());
}

// True when every reason that raised the level is about someone else.
bool AboutSomeoneElse(const safety::RiskAssessment& risk) {
  const bool third = std::any_of(risk.reasons.begin(), risk.reasons.end(),
                                 [](const auto& r) { return r.source == "third_party"; });
  const bool own = std::any_of(risk.reasons.begin(), risk.reasons.end(), [](const auto& r) {
    return r.source == "rule" || r.source == "past";
  });
  return third && !own;
}

}  // namespace

ChatService::ChatService(Dependencies deps, ChatPolicy policy)
    : deps_(std::move(deps)), policy_(policy) {}

safety::SafetyContext ChatService::ContextFor(const std::string& user_id) const {
  safety::SafetyContext context;
  const core::Timestamp now = deps_.clock.Now();
  const core::Timestamp crisis_since = now - policy_.risk_context_window;
  const core::Timestamp assessment_since = now - policy_.assessment_window;
  auto events = deps_.risk_events.ListRiskEvents(user_id, std::min(crisis_since, assessment_since));
  if (!events) return context;  // judged without history rather than not at all
  for (const safety::RiskEvent& event : *events) {
    if (event.level == safety::RiskLevel::kCrisis && event.at >= crisis_since) {
      context.recent_crisis = true;
    }
    // Assessment events exist only for answers that started the safety flow.
    if (event.source == "assessment" && event.level >= safety::RiskLevel::kElevated &&
        event.at >= assessment_since) {
      context.recent_risk_item_positive = true;
    }
  }
  return context;
}

core::Result<Conversation> ChatService::ResolveConversation(
    const std::string& user_id, const std::optional<std::string>& conversation_id,
    safety::RiskLevel level) const {
  const core::Timestamp now = deps_.clock.Now();
  const Conversation fresh{core::NewId(), user_id, now, now, ""};
  if (!conversation_id || conversation_id->empty()) return fresh;
  core::Result<Conversation> found =
      core::IsWellFormedId(*conversation_id)
          ? deps_.conversations.FindConversation(user_id, *conversation_id)
          : std::unexpected(ConversationNotFound());
  if (found) return found;
  // A crisis is answered whatever is wrong with the conversation id.
  if (level == safety::RiskLevel::kCrisis) return fresh;
  if (found.error().code == ErrorCode::kNotFound) return std::unexpected(ConversationNotFound());
  return std::unexpected(found.error());
}

core::Result<ChatResponse> ChatService::Send(const std::string& user_id, std::string_view locale,
                                             const std::optional<std::string>& conversation_id,
                                             std::string_view text) {
  auto valid = ValidateText(text, policy_.max_text_chars);
  if (!valid) return std::unexpected(valid.error());
  const std::string_view message = *valid;
  // Safety first, on every text, before anything else can fail.
  ChatResponse response;
  // The text is analysed once; safety and storage share the result (DESIGN.md section 3).
  std::optional<nlp::Analysis> analysis;
  if (deps_.analyzer) analysis = deps_.analyzer->Analyze(message);
  const nlp::Analysis* analysis_ptr = analysis ? &*analysis : nullptr;
  response.risk = deps_.safety->Assess(message, analysis_ptr, ContextFor(user_id));
  auto conversation = ResolveConversation(user_id, conversation_id, response.risk.level);
  if (!conversation) return std::unexpected(conversation.error());
  response.conversation_id = conversation->id;

  std::optional<safety::RiskEvent> event;
  if (response.risk.level != safety::RiskLevel::kNone) {
    event =
        safety::RiskEvent{core::NewId(),       user_id, deps_.clock.Now(), response.risk.level,
                          response.risk.score, "chat",  conversation->id,  response.risk.reasons};
    response.resources = deps_.hotlines->ForLocale(locale);
  }
  const safety::SafetyMessages& messages = deps_.engine->safety_messages();
  if (response.risk.level == safety::RiskLevel::kCrisis) {
    const bool alerted = deps_.escalate && deps_.escalate(*event);
    const auto care_team = alerted ? safety::SafetyMessages::CareTeam::kAlerted
                                   : safety::SafetyMessages::CareTeam::kNotAlerted;
    response.replies.push_back(ChatReply{
        messages.ComposeCrisis(*response.resources, locale, care_team, response.risk.danger),
        "crisis"});
  } else if (response.risk.level == safety::RiskLevel::kElevated &&
             response.risk.check_in == safety::CheckIn::kDirect) {
    response.replies.push_back(
        ChatReply{messages.ComposeElevated(*response.resources, locale,
                                           AboutSomeoneElse(response.risk), response.risk.danger),
                  "safety_check"});
  } else {
    EngineTurn turn = deps_.engine->Respond(conversation->protocol_state, message, locale);
    const bool greeted = !turn.replies.empty() && turn.replies.front().kind == "greeting";
    if (greeted && deps_.due_assessments) {
      std::vector<std::string> due = deps_.due_assessments(user_id, locale);
      if (!due.empty()) {
        turn.replies.insert(turn.replies.begin() + 1,
                            deps_.engine->AssessmentsDueReminder(due, locale));
      }
    }
    for (Reply& reply : turn.replies) {
      response.replies.push_back(ChatReply{std::move(reply.text), std::move(reply.kind)});
    }
    // The faintest sign (CheckIn::kGentle) gets an open door beside the normal reply.
    if (response.risk.level == safety::RiskLevel::kElevated) {
      response.replies.push_back(ChatReply{messages.ComposeGentleCheckIn(locale), "check_in"});
    }
    conversation->protocol_state = std::move(turn.state);
  }
  // A crisis or directly checked elevated turn leaves the protocol where it was, so the person
  // can go on.
  conversation->updated_at = deps_.clock.Now();
  auto stored = Store(user_id, *conversation, message, response, event, analysis_ptr);
  if (!stored) {
    if (response.risk.level != safety::RiskLevel::kCrisis) return std::unexpected(stored.error());
    response.stored = false;
  }
  return response;
}

core::Status ChatService::Store(const std::string& user_id, const Conversation& conversation,
                                std::string_view text, const ChatResponse& response,
                                const std::optional<safety::RiskEvent>& event,
                                const nlp::Analysis* analysis) {
  Turn turn{conversation, {}, event};
  const core::Timestamp now = deps_.clock.Now();
  auto sealed = deps_.keyring.SealFor(user_id, text);
  if (!sealed) return std::unexpected(sealed.error());
  turn.messages.push_back(StoredMessage{core::NewId(), conversation.id, user_id, Author::kUser,
                                        "text", std::move(*sealed),
                                        AnalysisJson(response.risk, analysis), now});
  for (const ChatReply& reply : response.replies) {
    auto sealed_reply = deps_.keyring.SealFor(user_id, reply.text);
    if (!sealed_reply) return std::unexpected(sealed_reply.error());
    turn.messages.push_back(StoredMessage{
        core::NewId(), conversation.id, user_id, Author::kCompanion, reply.kind,
        std::move(*sealed_reply), ReplyAnalysisJson(reply.kind, response.risk.danger), now});
  }
  return deps_.conversations.AppendTurn(turn);
}

core::Result<TextAnalysis> ChatService::Analyze(const std::string& user_id,
                                                std::string_view text) const {
  auto valid = ValidateText(text, policy_.max_text_chars);
  if (!valid) return std::unexpected(valid.error());
  TextAnalysis result;
  if (deps_.analyzer) result.analysis = deps_.analyzer->Analyze(*valid);
  result.risk = deps_.safety->Assess(*valid, result.analysis ? &*result.analysis : nullptr,
                                     ContextFor(user_id));
  return result;
}

core::Result<std::vector<Conversation>> ChatService::ListConversations(const std::string& user_id,
                                                                       std::size_t limit) {
  return deps_.conversations.ListConversations(user_id, limit);
}

core::Result<std::vector<MessageView>> ChatService::ListMessages(const std::string& user_id,
                                                                 const std::string& conversation_id,
                                                                 std::size_t limit) {
  if (!core::IsWellFormedId(conversation_id)) return std::unexpected(ConversationNotFound());
  auto conversation = deps_.conversations.FindConversation(user_id, conversation_id);
  if (!conversation) {
    if (conversation.error().code == ErrorCode::kNotFound) {
      return std::unexpected(ConversationNotFound());
    }
    return std::unexpected(conversation.error());
  }
  auto stored = deps_.conversations.ListMessages(conversation_id, limit);
  if (!stored) return std::unexpected(stored.error());
  std::vector<MessageView> views;
  views.reserve(stored->size());
  for (const StoredMessage& message : *stored) {
    if (message.user_id != user_id) return std::unexpected(ConversationNotFound());
    auto text = deps_.keyring.OpenFor(user_id, message.ciphertext);
    if (!text) return std::unexpected(text.error());
    views.push_back(MessageView{message.id, message.author, message.kind, std::move(*text),
                                message.created_at, StoredDanger(message)});
  }
  return views;
}

}  // namespace haven::dialogue
