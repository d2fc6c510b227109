#include "http/chat_routes.h"

#include "http/auth_routes.h"
#include "http/request_body.h"

namespace haven::http {
namespace {

nlohmann::json HotlinesJson(const std::vector<safety::Hotline>& hotlines) {
  nlohmann::json list = nlohmann::json::array();
  for (const safety::Hotline& line : hotlines) {
    list.push_back({{"name", line.name},
                    {"phone", line.phone},
                    {"sms", line.sms},
                    {"url", line.url},
                    {"hours", line.hours},
                    {"source", line.source}});
  }
  return list;
}

ApiResponse SendMessage(ApiRequest& request, ChatRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto body = ParseJsonObject(request);
  if (!body) return ErrorResponse(body.error());
  auto text = RequiredString(*body, "text");
  if (!text) return ErrorResponse(text.error());
  auto conversation_id = OptionalString(*body, "conversation_id");
  if (!conversation_id) return ErrorResponse(conversation_id.error());

  auto response = deps.chat.Send(user->id, user->locale, *conversation_id, *text);
  if (!response) return ErrorResponse(response.error());
  deps.metrics.CountChatTurn(safety::RiskLevelName(response->risk.level));

  nlohmann::json replies = nlohmann::json::array();
  for (const auto& reply : response->replies) {
    replies.push_back({{"text", reply.text}, {"kind", reply.kind}});
  }
  nlohmann::json json = {{"conversation_id", response->conversation_id},
                         {"replies", replies},
                         {"risk", safety::ToJson(response->risk)}};
  if (response->resources) json["resources"] = CrisisResourcesJson(*response->resources);
  return JsonResponse(200, json);
}

ApiResponse ListConversations(ApiRequest& request, ChatRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto conversations = deps.chat.ListConversations(user->id);
  if (!conversations) return ErrorResponse(conversations.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& conversation : *conversations) {
    list.push_back({{"id", conversation.id},
                    {"created_at", core::FormatIso8601(conversation.created_at)},
                    {"updated_at", core::FormatIso8601(conversation.updated_at)}});
  }
  return JsonResponse(200, {{"conversations", list}});
}

ApiResponse ListMessages(ApiRequest& request, ChatRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto messages = deps.chat.ListMessages(user->id, request.path_params.at("id"));
  if (!messages) return ErrorResponse(messages.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& message : *messages) {
    nlohmann::json item = {
        {"id", message.id},
        {"author", message.author == dialogue::Author::kUser ? "user" : "companion"},
        {"kind", message.kind},
        {"text", message.text},
        {"created_at", core::FormatIso8601(message.created_at)}};
    if (message.danger) {
      item["danger"] = safety::DangerName(*message.danger);
    }
    list.push_back(std::move(item));
  }
  return JsonResponse(200, {{"messages", list}});
}

// POST /api/v1/analyze {text}: what `haven analyze` prints, plus the safety verdict.
ApiResponse AnalyzeText(ApiRequest& request, ChatRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto body = ParseJsonObject(request);
  if (!body) return ErrorResponse(body.error());
  auto text = RequiredString(*body, "text");
  if (!text) return ErrorResponse(text.error());
  auto result = deps.chat.Analyze(user->id, *text);
  if (!result) return ErrorResponse(result.error());
  nlohmann::json json =
      result->analysis ? nlp::ToJson(*result->analysis) : nlohmann::json::object();
  json["risk"] = safety::ToJson(result->risk);
  return JsonResponse(200, json);
}

}  // namespace

nlohmann::json CrisisResourcesJson(const safety::CrisisResources& resources) {
  return {{"country", resources.country},
          {"emergency_number", resources.emergency_number},
          {"hotlines", HotlinesJson(resources.hotlines)},
          {"abuse_lines", HotlinesJson(resources.abuse_lines)},
          {"international", HotlinesJson(resources.international)}};
}

void AddChatRoutes(Router& router, ChatRouteDependencies deps) {
  router.Add("POST", "/api/v1/chat/messages",
             [deps](ApiRequest& request) mutable { return SendMessage(request, deps); });
  router.Add("GET", "/api/v1/chat/conversations",
             [deps](ApiRequest& request) mutable { return ListConversations(request, deps); });
  router.Add("GET", "/api/v1/chat/conversations/:id/messages",
             [deps](ApiRequest& request) mutable { return ListMessages(request, deps); });
  router.Add("POST", "/api/v1/analyze",
             [deps](ApiRequest& request) mutable { return AnalyzeText(request, deps); });
  // Public on purpose: help must be one tap away, logged in or not.
  router.Add("GET", "/api/v1/crisis-resources", [deps](ApiRequest& request) {
    auto locale = request.query.find("locale");
    std::string tag = locale == request.query.end() ? "" : locale->second;
    return JsonResponse(200, CrisisResourcesJson(deps.hotlines.ForLocale(tag)));
  });
}

}  // namespace haven::http
