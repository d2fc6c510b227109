// The HTTP API of a real `haven serve`, driven over loopback: accounts, bad inputs, headers.
#include <gtest/gtest.h>

#include <thread>

#include "haven_process.h"

namespace haven::testing {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new HavenProcess(dir_->path() + "/data", {{"HAVEN_MAX_TEXT_CHARS", "500"}});
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void TearDown() override {
    // Whatever a test sent, the server must still be serving.
    EXPECT_EQ(server_->Get("/api/v1/health").status, 200);
  }

  static std::string SignUp(const std::string& email) {
    HttpResult result = server_->Post("/api/v1/auth/signup",
                                      {{"email", email}, {"password", "correct horse battery"}});
    EXPECT_EQ(result.status, 201) << result.body;
    return result.Json().value("token", "");
  }

  static void ExpectError(const HttpResult& result, long status, const std::string& code,
                          const std::string& field = "") {
    EXPECT_EQ(result.status, status) << result.body;
    nlohmann::json body = result.Json();
    ASSERT_TRUE(body.is_object()) << result.body;
    EXPECT_EQ(body["error"]["code"], code) << result.body;
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    if (!field.empty()) {
      EXPECT_EQ(body["error"].value("field", ""), field) << result.body;
    }
  }

  static inline TempDir* dir_ = nullptr;
  static inline HavenProcess* server_ = nullptr;
};

TEST_F(ApiTest, SignUpLogInMeLogOut) {
  HttpResult signup = server_->Post("/api/v1/auth/signup", {{"email", "  Ana@Example.org "},
                                                            {"password", "correct horse battery"},
                                                            {"display_name", "Ana"},
                                                            {"locale", "es-MX"}});
  ASSERT_EQ(signup.status, 201) << signup.body;
  EXPECT_EQ(signup.Json()["user"]["email"], "ana@example.org");
  EXPECT_EQ(signup.Json()["user"]["locale"], "es-MX");
  EXPECT_FALSE(signup.Json()["user"].contains("password_hash"));

  HttpResult login = server_->Post(
      "/api/v1/auth/login", {{"email", "ana@example.org"}, {"password", "correct horse battery"}});
  ASSERT_EQ(login.status, 200) << login.body;
  std::string token = login.Json()["token"];

  HttpResult me = server_->Get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["user"]["display_name"], "Ana");

  EXPECT_EQ(server_->Request("POST", "/api/v1/auth/logout", "", token).status, 204);
  ExpectError(server_->Get("/api/v1/me", token), 401, "unauthenticated");
}

// HEAD answers with GET's status and headers, Content-Length included, and no body: for an
// API route and for the web app's pages (a 503 JSON error when the app is not built).
TEST_F(ApiTest, HeadHasGetsHeadersAndNoBody) {
  for (const std::string path : {"/api/v1/health", "/", "/missing.js"}) {
    const HttpResult get = server_->Get(path);
    const HttpResult head = server_->Request("HEAD", path, "", "");
    EXPECT_EQ(head.status, get.status) << path;
    EXPECT_TRUE(head.body.empty()) << path;
    EXPECT_EQ(head.headers.at("content-length"), std::to_string(get.body.size())) << path;
    EXPECT_EQ(head.headers.at("content-type"), get.headers.at("content-type")) << path;
  }
}

TEST_F(ApiTest, DuplicateEmailIsConflict) {
  SignUp("dup@example.org");
  HttpResult again = server_->Post(
      "/api/v1/auth/signup", {{"email", "dup@example.org"}, {"password", "another long one"}});
  ExpectError(again, 409, "conflict", "email");
}

TEST_F(ApiTest, WrongPasswordIsUnauthenticated) {
  SignUp("wrong@example.org");
  ExpectError(server_->Post("/api/v1/auth/login",
                            {{"email", "wrong@example.org"}, {"password", "not the password"}}),
              401, "unauthenticated");
}

TEST_F(ApiTest, MalformedJsonIs400) {
  ExpectError(server_->Request("POST", "/api/v1/auth/signup", "{\"email\": "), 400,
              "invalid_argument");
  ExpectError(server_->Request("POST", "/api/v1/auth/signup", "[1,2]"), 400, "invalid_argument");
  ExpectError(server_->Request("POST", "/api/v1/auth/signup", ""), 400, "invalid_argument");
}

TEST_F(ApiTest, WrongTypesAndMissingFieldsNameTheField) {
  ExpectError(server_->Post("/api/v1/auth/signup", {{"email", 42}, {"password", "long enough pw"}}),
              400, "invalid_argument", "email");
  ExpectError(server_->Post("/api/v1/auth/signup", {{"email", "x@example.org"}}), 400,
              "invalid_argument", "password");
  ExpectError(server_->Post("/api/v1/auth/signup",
                            {{"email", "not-an-email"}, {"password", "long enough pw"}}),
              400, "invalid_argument", "email");
  ExpectError(
      server_->Post("/api/v1/auth/signup", {{"email", "short@example.org"}, {"password", "short"}}),
      400, "invalid_argument", "password");
}

TEST_F(ApiTest, OversizedBodyIs413) {
  std::string big = "{\"email\":\"" + std::string(70 * 1024, 'a') + "\"}";
  ExpectError(server_->Request("POST", "/api/v1/auth/signup", big), 413, "payload_too_large");
}

TEST_F(ApiTest, InvalidUtf8Is400) {
  ExpectError(server_->Request("POST", "/api/v1/auth/signup",
                               "{\"email\":\"a\xC3@example.org\",\"password\":\"long enough pw\"}"),
              400, "invalid_argument");
}

TEST_F(ApiTest, UnknownRouteIs404AndWrongMethodIs405) {
  ExpectError(server_->Get("/api/v1/nope"), 404, "not_found");
  HttpResult wrong = server_->Request("GET", "/api/v1/auth/signup");
  ExpectError(wrong, 405, "method_not_allowed");
  EXPECT_EQ(wrong.headers["allow"], "POST");
}

TEST_F(ApiTest, MissingOrBadTokenIs401) {
  ExpectError(server_->Get("/api/v1/me"), 401, "unauthenticated");
  ExpectError(server_->Get("/api/v1/me", "not-a-real-token"), 401, "unauthenticated");
  ExpectError(server_->Request("GET", "/api/v1/me", "", "", {"Authorization: Basic abc"}), 401,
              "unauthenticated");
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponse) {
  for (const HttpResult& result :
       {server_->Get("/api/v1/health"), server_->Get("/api/v1/nope"), server_->Get("/")}) {
    EXPECT_EQ(result.headers.count("content-security-policy"), 1u);
    EXPECT_EQ(result.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(result.headers.at("x-frame-options"), "DENY");
    EXPECT_EQ(result.headers.at("referrer-policy"), "no-referrer");
  }
  EXPECT_EQ(server_->Get("/api/v1/health").headers["cache-control"], "no-store");
}

TEST_F(ApiTest, MetricsArePrometheusText) {
  ASSERT_EQ(server_->Get("/api/v1/health").status, 200);
  HttpResult metrics = server_->Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("haven_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics.headers["content-type"].find("text/plain"), std::string::npos);
}

TEST_F(ApiTest, ChangePasswordEndsSessionsAndNewPasswordWorks) {
  std::string token = SignUp("change@example.org");
  ExpectError(
      server_->Post("/api/v1/me/password",
                    {{"current_password", "wrong wrong wrong"}, {"new_password", "a new long one"}},
                    token),
      401, "unauthenticated");
  ASSERT_EQ(server_
                ->Post("/api/v1/me/password",
                       {{"current_password", "correct horse battery"},
                        {"new_password", "a new long one"}},
                       token)
                .status,
            204);
  EXPECT_EQ(server_->Get("/api/v1/me", token).status, 401);
  EXPECT_EQ(server_
                ->Post("/api/v1/auth/login",
                       {{"email", "change@example.org"}, {"password", "a new long one"}})
                .status,
            200);
}

TEST(ApiSessions, ExpiredTokenIs401) {
  TempDir dir;
  HavenProcess server(dir.path() + "/data", {{"HAVEN_SESSION_SECONDS", "1"}});
  std::string error;
  ASSERT_TRUE(server.Start(&error)) << error;
  HttpResult signup = server.Post(
      "/api/v1/auth/signup", {{"email", "exp@example.org"}, {"password", "correct horse battery"}});
  std::string token = signup.Json()["token"];
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  HttpResult me = server.Get("/api/v1/me", token);
  EXPECT_EQ(me.status, 401);
  EXPECT_NE(me.Json()["error"]["message"].get<std::string>().find("expired"), std::string::npos)
      << me.body;
}

TEST(ApiConfig, UnknownSettingFailsAtStartNamingIt) {
  TempDir dir;
  std::string config = dir.path() + "/haven.toml";
  FILE* file = std::fopen(config.c_str(), "w");
  std::fputs("[server]\nprot = 8080\n", file);
  std::fclose(file);
  std::string command =
      HavenBinary() + " serve --config " + config + " --data-dir " + dir.path() + "/data 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  int status = pclose(pipe);
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find("server.prot"), std::string::npos) << output;
}

}  // namespace
}  // namespace haven::testing
