#include "account/account_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "account/testing/fake_repositories.h"
#include "core/ids.h"
#include "privacy/keyring.h"
#include "privacy/testing/fake_repositories.h"

namespace haven::account {
namespace {

using core::ErrorCode;

class SodiumEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(privacy::InitCrypto().has_value()); }
};
const auto* const kSodium = ::testing::AddGlobalTestEnvironment(new SodiumEnvironment);

constexpr std::string_view kPassword = "correct horse battery";

AccountPolicy TestPolicy() {
  AccountPolicy policy;
  policy.password_cost = privacy::MinimumPasswordCost();
  policy.max_failures_per_account = 3;
  policy.max_failures_per_address = 5;
  return policy;
}

SignUpRequest Request(std::string email = "ada@example.org") {
  SignUpRequest request;
  request.email = std::move(email);
  request.password = kPassword;
  return request;
}

class AccountTest : public ::testing::Test {
 protected:
  LoginResult SignUp(std::string email = "ada@example.org") {
    auto result = service_.SignUp(Request(std::move(email)));
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return result.value_or(LoginResult{});
  }
  bool HasAction(std::string_view action) const {
    const auto actions = audit_repository_.Actions();
    return std::find(actions.begin(), actions.end(), action) != actions.end();
  }
  void ExpectInvalid(const SignUpRequest& request, std::string_view field) {
    auto result = service_.SignUp(request);
    ASSERT_FALSE(result.has_value()) << "accepted " << request.email;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, field) << result.error().message;
  }

  core::FakeClock clock_;
  testing::FakeUserRepository users_;
  testing::FakeSessionRepository sessions_;
  testing::FakeLoginAttemptRepository attempts_;
  privacy::testing::FakeAuditRepository audit_repository_;
  privacy::AuditLog audit_{audit_repository_, clock_};
  privacy::MasterKey master_ = privacy::MasterKey::FromHex(std::string(64, 'a')).value();
  AccountPolicy policy_ = TestPolicy();
  AccountService service_{{users_, sessions_, attempts_, users_, audit_, master_, clock_}, policy_};
};

TEST_F(AccountTest, SignUpNormalisesAndLogsIn) {
  auto result = service_.SignUp(Request("  Ada.Lovelace@Example.ORG "));
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->user.email, "ada.lovelace@example.org");
  EXPECT_EQ(result->user.display_name, "ada.lovelace");
  EXPECT_EQ(result->user.locale, "en");
  EXPECT_EQ(result->user.role, Role::kUser);
  EXPECT_TRUE(core::IsWellFormedId(result->user.id));
  EXPECT_EQ(result->token.size(), 43u);
  EXPECT_EQ(result->expires_at, clock_.Now() + policy_.session_lifetime);
  EXPECT_TRUE(users_.HasKey(result->user.id));
  EXPECT_TRUE(HasAction("auth.signup"));
  auto user = service_.Authenticate(result->token);
  ASSERT_TRUE(user.has_value()) << user.error().message;
  EXPECT_EQ(user->id, result->user.id);
  EXPECT_NE(user->password_hash, kPassword);
}

TEST_F(AccountTest, SignUpRejectsMalformedEmails) {
  for (std::string email :
       {"", "ada", "ada@", "@example.org", "ada@example", "ada@example.c", "a b@example.org",
        "ada@@example.org", "ada@.org", "ada@example..org", "ada@example.org."}) {
    ExpectInvalid(Request(email), "email");
  }
  ExpectInvalid(Request(std::string(250, 'a') + "@example.org"), "email");
  EXPECT_EQ(users_.UserCount(), 0u);
  EXPECT_TRUE(service_.SignUp(Request("a+tag@mail.example.co.uk")).has_value());
}

TEST_F(AccountTest, SignUpEnforcesPasswordLengthInCharacters) {
  SignUpRequest request = Request();
  request.password = "123456789";
  auto result = service_.SignUp(request);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().field, "password");
  EXPECT_NE(result.error().message.find("between 10 and 256"), std::string::npos);
  request.password = std::string(257, 'x');
  ExpectInvalid(request, "password");
  request.password = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
  ExpectInvalid(request, "password");  // nine characters though eighteen bytes
  request.password += "\xc3\xa9";
  EXPECT_TRUE(service_.SignUp(request).has_value());
}

TEST_F(AccountTest, SignUpLimitsDisplayName) {
  SignUpRequest request = Request();
  request.display_name = std::string(101, 'n');
  ExpectInvalid(request, "display_name");
  request.display_name = "Ada\nLovelace";
  ExpectInvalid(request, "display_name");
  request.display_name = std::string(100, 'n');
  auto result = service_.SignUp(request);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->user.display_name, std::string(100, 'n'));
}

TEST_F(AccountTest, SignUpValidatesAndCanonicalisesLocale) {
  for (std::string locale : {"english", "e", "en-", "en-USA1", "12", "en-US-x-private"}) {
    SignUpRequest request = Request();
    request.locale = locale;
    ExpectInvalid(request, "locale");
  }
  SignUpRequest request = Request("es@example.org");
  request.locale = "es-mx";
  EXPECT_EQ(service_.SignUp(request).value().user.locale, "es-MX");
  request = Request("zh@example.org");
  request.locale = "zh_hans_cn";
  EXPECT_EQ(service_.SignUp(request).value().user.locale, "zh-Hans-CN");
}

TEST_F(AccountTest, DuplicateEmailIsConflict) {
  SignUp();
  auto again = service_.SignUp(Request("ADA@example.org"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "email");
}

TEST_F(AccountTest, LogInWithRightPasswordStartsASession) {
  const LoginResult signed_up = SignUp();
  auto login = service_.LogIn("Ada@Example.org", kPassword, "10.0.0.1");
  ASSERT_TRUE(login.has_value()) << login.error().message;
  EXPECT_EQ(login->user.id, signed_up.user.id);
  EXPECT_NE(login->token, signed_up.token);
  EXPECT_EQ(sessions_.SessionCount(), 2u);
  EXPECT_TRUE(HasAction("auth.login"));
}

TEST_F(AccountTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  SignUp();
  auto wrong_password = service_.LogIn("ada@example.org", "wrong password!", "10.0.0.1");
  auto unknown_email = service_.LogIn("bob@example.org", kPassword, "10.0.0.1");
  ASSERT_FALSE(wrong_password.has_value());
  ASSERT_FALSE(unknown_email.has_value());
  EXPECT_EQ(wrong_password.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown_email.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong_password.error().message, "email or password is incorrect");
  EXPECT_EQ(unknown_email.error().message, wrong_password.error().message);
  EXPECT_TRUE(HasAction("auth.login_failed"));
}

TEST_F(AccountTest, ThrottlesAnAccountAfterTooManyFailuresUntilTheWindowPasses) {
  SignUp();
  for (int i = 0; i < policy_.max_failures_per_account; ++i) {
    // A different address each time, so only the per-account limit applies.
    EXPECT_FALSE(service_.LogIn("ada@example.org", "wrong password", "10.0.0." + std::to_string(i))
                     .has_value());
  }
  auto throttled = service_.LogIn("ada@example.org", kPassword, "10.0.1.1");
  ASSERT_FALSE(throttled.has_value());
  EXPECT_EQ(throttled.error().code, ErrorCode::kRateLimited);
  EXPECT_NE(throttled.error().message.find("wait 15 minutes"), std::string::npos);
  EXPECT_TRUE(HasAction("auth.login_throttled"));

  clock_.Advance(policy_.throttle_window + std::chrono::seconds(1));
  EXPECT_TRUE(service_.LogIn("ada@example.org", kPassword, "10.0.1.1").has_value());
}

TEST_F(AccountTest, ThrottlesAnAddressAcrossAccounts) {
  SignUp();
  for (int i = 0; i < policy_.max_failures_per_address; ++i) {
    const std::string email = "guess" + std::to_string(i) + "@example.org";
    EXPECT_FALSE(service_.LogIn(email, "wrong password", "203.0.113.9").has_value());
  }
  auto throttled = service_.LogIn("ada@example.org", kPassword, "203.0.113.9");
  ASSERT_FALSE(throttled.has_value());
  EXPECT_EQ(throttled.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(service_.LogIn("ada@example.org", kPassword, "198.51.100.1").has_value());
  clock_.Advance(policy_.throttle_window + std::chrono::seconds(1));
  EXPECT_TRUE(service_.LogIn("ada@example.org", kPassword, "203.0.113.9").has_value());
}

TEST_F(AccountTest, SuccessfulLogInClearsTheAccountsFailures) {
  SignUp();
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i + 1 < policy_.max_failures_per_account; ++i) {
      EXPECT_FALSE(service_.LogIn("ada@example.org", "wrong password", "").has_value());
    }
    ASSERT_TRUE(service_.LogIn("ada@example.org", kPassword, "").has_value()) << round;
  }
}

TEST_F(AccountTest, ExpiredSessionIsUnauthenticatedAndRemoved) {
  const LoginResult login = SignUp();
  clock_.Advance(policy_.session_lifetime - std::chrono::seconds(1));
  EXPECT_TRUE(service_.Authenticate(login.token).has_value());
  clock_.Advance(std::chrono::seconds(1));
  auto user = service_.Authenticate(login.token);
  ASSERT_FALSE(user.has_value());
  EXPECT_EQ(user.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(user.error().message, "session expired; log in again");
  EXPECT_EQ(sessions_.SessionCount(), 0u);
}

TEST_F(AccountTest, UnknownOrEmptyTokenIsUnauthenticated) {
  SignUp();
  EXPECT_EQ(service_.Authenticate("").error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_.Authenticate(privacy::NewSessionToken()).error().code,
            ErrorCode::kUnauthenticated);
}

TEST_F(AccountTest, LogOutEndsTheSessionAndIsIdempotent) {
  const LoginResult login = SignUp();
  ASSERT_TRUE(service_.LogOut(login.token).has_value());
  EXPECT_EQ(service_.Authenticate(login.token).error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(service_.LogOut(login.token).has_value());
}

TEST_F(AccountTest, ChangePasswordEndsEverySession) {
  const LoginResult first = SignUp();
  const LoginResult second = service_.LogIn("ada@example.org", kPassword, "").value();
  ASSERT_TRUE(
      service_.ChangePassword(first.user.id, kPassword, "a brand new passphrase").has_value());
  EXPECT_FALSE(service_.Authenticate(first.token).has_value());
  EXPECT_FALSE(service_.Authenticate(second.token).has_value());
  EXPECT_FALSE(service_.LogIn("ada@example.org", kPassword, "").has_value());
  EXPECT_TRUE(service_.LogIn("ada@example.org", "a brand new passphrase", "").has_value());
  EXPECT_TRUE(HasAction("account.password_changed"));
}

TEST_F(AccountTest, ChangePasswordNeedsTheCurrentOneAndAValidNewOne) {
  const LoginResult login = SignUp();
  auto wrong = service_.ChangePassword(login.user.id, "not my password", "another passphrase");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().field, "current_password");
  auto too_short = service_.ChangePassword(login.user.id, kPassword, "short");
  ASSERT_FALSE(too_short.has_value());
  EXPECT_EQ(too_short.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_short.error().field, "new_password");
  EXPECT_TRUE(service_.Authenticate(login.token).has_value());
  EXPECT_TRUE(service_.LogIn("ada@example.org", kPassword, "").has_value());
}

TEST_F(AccountTest, DeleteAccountShredsTheKeySoOldTextCannotBeOpened) {
  const LoginResult login = SignUp();
  privacy::Keyring keyring(master_, users_);
  auto sealed = keyring.SealFor(login.user.id, "my worst night");
  ASSERT_TRUE(sealed.has_value());
  ASSERT_TRUE(keyring.OpenFor(login.user.id, *sealed).has_value());

  ASSERT_TRUE(service_.DeleteAccount(login.user.id, "10.0.0.1").has_value());
  auto opened = keyring.OpenFor(login.user.id, *sealed);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(users_.HasKey(login.user.id));
  EXPECT_EQ(users_.FindUserById(login.user.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(sessions_.SessionCount(), 0u);
  EXPECT_EQ(service_.Authenticate(login.token).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(audit_repository_.Actions().back(), "account.deleted");
  EXPECT_TRUE(VerifyAuditChain(audit_repository_).value().intact);
}

// Records whether the user's row still existed when the key was shredded.
class OrderCheckingKeyRepository : public privacy::KeyRepository {
 public:
  explicit OrderCheckingKeyRepository(testing::FakeUserRepository& users) : users_(users) {}
  core::Result<core::Bytes> GetWrappedKey(const std::string& id) override {
    return users_.GetWrappedKey(id);
  }
  core::Status DeleteWrappedKey(const std::string& id) override {
    user_existed_at_shred = users_.FindUserById(id).has_value();
    return users_.DeleteWrappedKey(id);
  }
  bool user_existed_at_shred = false;

 private:
  testing::FakeUserRepository& users_;
};

TEST_F(AccountTest, DeleteAccountShredsBeforeDeletingRows) {
  OrderCheckingKeyRepository keys(users_);
  AccountService service({users_, sessions_, attempts_, keys, audit_, master_, clock_}, policy_);
  const LoginResult login = service.SignUp(Request()).value();
  ASSERT_TRUE(service.DeleteAccount(login.user.id, "").has_value());
  EXPECT_TRUE(keys.user_existed_at_shred);
  EXPECT_EQ(service.DeleteAccount(login.user.id, "").error().code, ErrorCode::kNotFound);
}

TEST_F(AccountTest, SetRoleByOperatorOrAdminIsAudited) {
  const LoginResult ada = SignUp();
  const LoginResult bob = SignUp("bob@example.org");
  ASSERT_TRUE(service_.SetRole("ADA@example.org", Role::kAdmin, "").has_value());
  EXPECT_EQ(users_.FindUserById(ada.user.id)->role, Role::kAdmin);
  ASSERT_TRUE(service_.SetRole("bob@example.org", Role::kClinician, ada.user.id).has_value());
  EXPECT_EQ(users_.FindUserById(bob.user.id)->role, Role::kClinician);
  const auto rows = audit_repository_.Rows();
  EXPECT_EQ(rows.back().action, "admin.role_changed");
  EXPECT_EQ(rows.back().actor_id, ada.user.id);
  EXPECT_EQ(rows.back().detail, "from=user to=clinician");
}

TEST_F(AccountTest, SetRoleRefusesNonAdminsAndUnknownEmails) {
  const LoginResult ada = SignUp();
  EXPECT_EQ(service_.SetRole("ada@example.org", Role::kAdmin, ada.user.id).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_.SetRole("nobody@example.org", Role::kAdmin, "").error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace haven::account
