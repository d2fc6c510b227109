// /api/v1/chat/* and the public /api/v1/crisis-resources.
#pragma once

#include <nlohmann/json.hpp>

#include "account/account_service.h"
#include "dialogue/chat_service.h"
#include "http/metrics.h"
#include "http/router.h"
#include "safety/safety.h"

namespace haven::http {

struct ChatRouteDependencies {
  account::AccountService& accounts;
  dialogue::ChatService& chat;
  const safety::HotlineDirectory& hotlines;
  Metrics& metrics;
};

void AddChatRoutes(Router& router, ChatRouteDependencies deps);

// JSON of crisis resources, as the web app renders them (tel: links from `phone`).
[[nodiscard]] nlohmann::json CrisisResourcesJson(const safety::CrisisResources& resources);

}  // namespace haven::http
