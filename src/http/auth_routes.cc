#include "http/auth_routes.h"

#include "http/request_body.h"

namespace haven::http {
namespace {

using core::ErrorCode;
using core::Fail;

nlohmann::json LoginJson(const account::LoginResult& login) {
  return {{"user", UserJson(login.user)},
          {"token", login.token},
          {"expires_at", core::FormatIso8601(login.expires_at)}};
}

ApiResponse SignUp(ApiRequest& request, account::AccountService& accounts) {
  auto body = ParseJsonObject(request);
  if (!body) return ErrorResponse(body.error());
  auto email = RequiredString(*body, "email");
  if (!email) return ErrorResponse(email.error());
  auto password = RequiredString(*body, "password");
  if (!password) return ErrorResponse(password.error());
  auto display_name = OptionalString(*body, "display_name");
  if (!display_name) return ErrorResponse(display_name.error());
  auto locale = OptionalString(*body, "locale");
  if (!locale) return ErrorResponse(locale.error());

  account::SignUpRequest sign_up{.email = *email,
                                 .password = *password,
                                 .display_name = display_name->value_or(""),
                                 .locale = locale->value_or(""),
                                 .role = account::Role::kUser,
                                 .address = request.client_address};
  auto login = accounts.SignUp(sign_up);
  if (!login) return ErrorResponse(login.error());
  return JsonResponse(201, LoginJson(*login));
}

ApiResponse LogIn(ApiRequest& request, account::AccountService& accounts) {
  auto body = ParseJsonObject(request);
  if (!body) return ErrorResponse(body.error());
  auto email = RequiredString(*body, "email");
  if (!email) return ErrorResponse(email.error());
  auto password = RequiredString(*body, "password");
  if (!password) return ErrorResponse(password.error());
  auto login = accounts.LogIn(*email, *password, request.client_address);
  if (!login) return ErrorResponse(login.error());
  return JsonResponse(200, LoginJson(*login));
}

std::string_view BearerToken(const ApiRequest& request) {
  std::string_view header = request.authorization;
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return {};
  // The scheme is case-insensitive (RFC 7235).
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return {};
    }
  }
  return header.substr(kScheme.size());
}

}  // namespace

nlohmann::json UserJson(const account::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"display_name", user.display_name},
          {"locale", user.locale},
          {"role", account::RoleName(user.role)},
          {"created_at", core::FormatIso8601(user.created_at)}};
}

core::Result<account::User> AuthenticatedUser(const ApiRequest& request,
                                              account::AccountService& accounts) {
  if (request.authorization.empty()) {
    return Fail(ErrorCode::kUnauthenticated,
                "this needs you to be logged in: send Authorization: Bearer <token>");
  }
  std::string_view token = BearerToken(request);
  if (token.empty()) {
    return Fail(ErrorCode::kUnauthenticated, "the Authorization header must be 'Bearer <token>'");
  }
  return accounts.Authenticate(token);
}

void AddAuthRoutes(Router& router, account::AccountService& accounts) {
  router.Add("POST", "/api/v1/auth/signup",
             [&accounts](ApiRequest& request) { return SignUp(request, accounts); });
  router.Add("POST", "/api/v1/auth/login",
             [&accounts](ApiRequest& request) { return LogIn(request, accounts); });
  router.Add("POST", "/api/v1/auth/logout", [&accounts](ApiRequest& request) {
    auto user = AuthenticatedUser(request, accounts);
    if (!user) return ErrorResponse(user.error());
    auto status = accounts.LogOut(BearerToken(request));
    return status ? NoContent() : ErrorResponse(status.error());
  });
  router.Add("GET", "/api/v1/me", [&accounts](ApiRequest& request) {
    auto user = AuthenticatedUser(request, accounts);
    if (!user) return ErrorResponse(user.error());
    return JsonResponse(200, {{"user", UserJson(*user)}});
  });
  router.Add("DELETE", "/api/v1/me", [&accounts](ApiRequest& request) {
    auto user = AuthenticatedUser(request, accounts);
    if (!user) return ErrorResponse(user.error());
    auto status = accounts.DeleteAccount(user->id, request.client_address);
    return status ? NoContent() : ErrorResponse(status.error());
  });
  router.Add("POST", "/api/v1/me/password", [&accounts](ApiRequest& request) {
    auto user = AuthenticatedUser(request, accounts);
    if (!user) return ErrorResponse(user.error());
    auto body = ParseJsonObject(request);
    if (!body) return ErrorResponse(body.error());
    auto current = RequiredString(*body, "current_password");
    if (!current) return ErrorResponse(current.error());
    auto next = RequiredString(*body, "new_password");
    if (!next) return ErrorResponse(next.error());
    auto status = accounts.ChangePassword(user->id, *current, *next);
    return status ? NoContent() : ErrorResponse(status.error());
  });
}

}  // namespace haven::http
