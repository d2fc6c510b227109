// /api/v1/auth/* and /api/v1/me: sign-up, log-in, log-out, the current user, deletion.
#pragma once

#include <nlohmann/json.hpp>

#include "account/account_service.h"
#include "http/router.h"

namespace haven::http {

void AddAuthRoutes(Router& router, account::AccountService& accounts);

// The user behind the request's bearer token; Unauthenticated with a message saying what to
// do when the header is missing, malformed, unknown or expired.
[[nodiscard]] core::Result<account::User> AuthenticatedUser(const ApiRequest& request,
                                                            account::AccountService& accounts);

// Public view of a user: never the password hash.
[[nodiscard]] nlohmann::json UserJson(const account::User& user);

}  // namespace haven::http
