// Chat over the real server: safety first, encryption at rest, deletion, durability.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/bytes.h"
#include "haven_process.h"
#include "privacy/crypto.h"

namespace haven::testing {
namespace {

constexpr char kPassword[] = "correct horse battery";

std::string SignUp(const HavenProcess& server, const std::string& email,
                   const std::string& locale = "en-US") {
  HttpResult result = server.Post("/api/v1/auth/signup",
                                  {{"email", email}, {"password", kPassword}, {"locale", locale}});
  EXPECT_EQ(result.status, 201) << result.body;
  return result.Json().value("token", "");
}

HttpResult Say(const HavenProcess& server, const std::string& token, const std::string& text,
               const std::string& conversation_id = "") {
  nlohmann::json body = {{"text", text}};
  if (!conversation_id.empty()) body["conversation_id"] = conversation_id;
  return server.Post("/api/v1/chat/messages", body, token);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Every byte the store keeps on disk: the database and its write-ahead log.
std::string StoreBytes(const std::string& data_dir) {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir)) {
    if (entry.path().filename().string().starts_with("haven.db")) all += ReadAll(entry.path());
  }
  return all;
}

class ChatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = dir_.path() + "/data";
    server_ = std::make_unique<HavenProcess>(data_dir_);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }
  TempDir dir_;
  std::string data_dir_;
  std::unique_ptr<HavenProcess> server_;
};

TEST_F(ChatTest, CheckInConversationGetsRepliesAndIsListed) {
  std::string token = SignUp(*server_, "chat@example.org");
  HttpResult first = Say(*server_, token, "hi");
  ASSERT_EQ(first.status, 200) << first.body;
  nlohmann::json reply = first.Json();
  ASSERT_FALSE(reply["replies"].empty());
  EXPECT_EQ(reply["risk"]["level"], "none");
  bool reminded = false;  // a new person has never taken the PHQ-9 / GAD-7: both are due
  for (const auto& item : reply["replies"]) {
    reminded |= item["kind"] == "reminder" &&
                item["text"].get<std::string>().find("PHQ-9") != std::string::npos;
  }
  EXPECT_TRUE(reminded) << first.body;
  std::string conversation = reply["conversation_id"];

  HttpResult second = Say(*server_, token, "about a 6 today", conversation);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Json()["conversation_id"], conversation);

  HttpResult list = server_->Get("/api/v1/chat/conversations", token);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json()["conversations"].size(), 1u);
  HttpResult messages =
      server_->Get("/api/v1/chat/conversations/" + conversation + "/messages", token);
  ASSERT_EQ(messages.status, 200) << messages.body;
  nlohmann::json all = messages.Json()["messages"];
  ASSERT_GE(all.size(), 4u);
  EXPECT_EQ(all[0]["author"], "user");
  EXPECT_EQ(all[0]["text"], "hi");
}

TEST_F(ChatTest, CrisisMessageGetsCrisisReplyWithLocalHotlines) {
  std::string token = SignUp(*server_, "crisis@example.org", "en-GB");
  HttpResult result = Say(*server_, token, "I want to kill myself tonight");
  ASSERT_EQ(result.status, 200) << result.body;
  nlohmann::json body = result.Json();
  EXPECT_EQ(body["risk"]["level"], "crisis");
  EXPECT_FALSE(body["risk"]["reasons"].empty());
  ASSERT_FALSE(body["replies"].empty());
  EXPECT_EQ(body["replies"][0]["kind"], "crisis");
  EXPECT_EQ(body["resources"]["country"], "GB");
  std::string text = body["replies"][0]["text"];
  EXPECT_NE(text.find("116 123"), std::string::npos) << text;  // Samaritans
  EXPECT_EQ(body["risk"]["danger"], "self");
}

TEST_F(ChatTest, DangerFromSomeoneElseSaysSoAndCarriesTheAbuseLines) {
  std::string token = SignUp(*server_, "abuse@example.org", "en-GB");
  HttpResult result = Say(*server_, token, "he hit me again tonight and i'm scared");
  ASSERT_EQ(result.status, 200) << result.body;
  nlohmann::json body = result.Json();
  EXPECT_EQ(body["risk"]["level"], "crisis");
  EXPECT_EQ(body["risk"]["danger"], "others");
  ASSERT_FALSE(body["resources"]["abuse_lines"].empty()) << result.body;
  EXPECT_EQ(body["resources"]["abuse_lines"][0]["phone"], "0808 2000 247");  // Refuge
  EXPECT_FALSE(body["resources"]["abuse_lines"][0]["source"].get<std::string>().empty());

  // History remembers whose danger each safety reply answered; other messages carry none.
  const std::string conversation = body["conversation_id"];
  ASSERT_EQ(Say(*server_, token, "i want to kill myself", conversation).status, 200);
  HttpResult history =
      server_->Get("/api/v1/chat/conversations/" + conversation + "/messages", token);
  ASSERT_EQ(history.status, 200) << history.body;
  const nlohmann::json stored = history.Json();
  std::vector<std::string> dangers;
  for (const auto& message : stored["messages"]) {
    if (message["kind"] == "crisis") dangers.push_back(message["danger"]);
    if (message["author"] == "user") {
      EXPECT_FALSE(message.contains("danger")) << message;
    }
  }
  EXPECT_EQ(dangers, (std::vector<std::string>{"others", "self"})) << history.body;
}

TEST_F(ChatTest, PastAbuseGetsTheSafetyCheckAboutThatPersonWithTheAbuseLines) {
  std::string token = SignUp(*server_, "past-abuse@example.org", "en-GB");
  HttpResult result = Say(*server_, token, "my ex used to hit me");
  ASSERT_EQ(result.status, 200) << result.body;
  nlohmann::json body = result.Json();
  EXPECT_EQ(body["risk"]["level"], "elevated");
  EXPECT_EQ(body["risk"]["danger"], "others");
  ASSERT_EQ(body["replies"].size(), 1u) << result.body;
  EXPECT_EQ(body["replies"][0]["kind"], "safety_check");
  const std::string reply = body["replies"][0]["text"];
  EXPECT_NE(reply.find("are you safe now?"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("ending your life"), std::string::npos) << reply;
  EXPECT_NE(reply.find("0808 2000 247"), std::string::npos) << reply;  // Refuge
}

TEST_F(ChatTest, SpanishCrisisGetsSpanishResources) {
  std::string token = SignUp(*server_, "es@example.org", "es-ES");
  HttpResult result = Say(*server_, token, "ya no quiero vivir");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.Json()["risk"]["level"], "crisis");
  EXPECT_EQ(result.Json()["resources"]["country"], "ES");
}

TEST_F(ChatTest, BadChatInputsNameTheField) {
  std::string token = SignUp(*server_, "bad@example.org");
  EXPECT_EQ(Say(*server_, token, "").status, 400);
  EXPECT_EQ(Say(*server_, token, "   ").Json()["error"]["field"], "text");
  EXPECT_EQ(Say(*server_, token, std::string(5000, 'a')).Json()["error"]["field"], "text");
  HttpResult unknown = Say(*server_, token, "hello", "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Json()["error"]["field"], "conversation_id");
  EXPECT_EQ(server_->Post("/api/v1/chat/messages", {{"text", 5}}, token).status, 400);
  EXPECT_EQ(Say(*server_, "", "hello").status, 401);
}

TEST_F(ChatTest, AnotherUsersConversationIsNotFound) {
  std::string alice = SignUp(*server_, "alice@example.org");
  std::string bob = SignUp(*server_, "bob@example.org");
  std::string conversation = Say(*server_, alice, "hello there").Json()["conversation_id"];
  EXPECT_EQ(server_->Get("/api/v1/chat/conversations/" + conversation + "/messages", bob).status,
            404);
  EXPECT_EQ(Say(*server_, bob, "hi", conversation).status, 404);
}

TEST_F(ChatTest, StoreHoldsNoPlaintext) {
  std::string token = SignUp(*server_, "secret@example.org");
  const std::string secret = "my sister Zelphine knows about the lighthouse";
  ASSERT_EQ(Say(*server_, token, secret).status, 200);
  ASSERT_EQ(Say(*server_, token, "I want to die, Zelphine").status, 200);
  std::string bytes = StoreBytes(data_dir_);
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find("Zelphine"), std::string::npos);
  EXPECT_EQ(bytes.find("lighthouse"), std::string::npos);
  server_->Stop();  // checkpoint the WAL into the main file, and look again
  bytes = StoreBytes(data_dir_);
  EXPECT_EQ(bytes.find("Zelphine"), std::string::npos);
}

struct SealedRow {
  std::string user_id;
  core::Bytes ciphertext;
};

std::vector<SealedRow> Query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  std::vector<SealedRow> rows;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      auto blob = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, 1));
      rows.push_back({text, core::Bytes(blob, blob + sqlite3_column_bytes(statement, 1))});
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

TEST_F(ChatTest, DeletedAccountsCiphertextCannotBeOpenedWithAnythingLeft) {
  std::string victim = SignUp(*server_, "leaving@example.org");
  std::string other = SignUp(*server_, "staying@example.org");
  ASSERT_EQ(Say(*server_, victim, "something only I should ever read").status, 200);
  ASSERT_EQ(Say(*server_, other, "hello").status, 200);
  std::string victim_id = server_->Get("/api/v1/me", victim).Json()["user"]["id"];
  server_->Stop();
  std::string db = data_dir_ + "/haven.db";
  std::vector<SealedRow> sealed =
      Query(db, "SELECT user_id, ciphertext FROM messages WHERE user_id = '" + victim_id + "'");
  ASSERT_FALSE(sealed.empty());

  std::string error;
  ASSERT_TRUE(server_->Start(&error)) << error;
  ASSERT_EQ(server_->Request("DELETE", "/api/v1/me", "", victim).status, 204);
  EXPECT_EQ(server_->Get("/api/v1/me", victim).status, 401);
  server_->Stop();

  EXPECT_TRUE(
      Query(db, "SELECT user_id, ciphertext FROM messages WHERE user_id = '" + victim_id + "'")
          .empty());
  ASSERT_TRUE(privacy::InitCrypto().has_value());
  auto master = privacy::MasterKey::LoadOrCreate(data_dir_ + "/master.key", "");
  ASSERT_TRUE(master.has_value()) << master.error().message;
  std::vector<SealedRow> keys = Query(db, "SELECT user_id, wrapped_key FROM user_keys");
  ASSERT_FALSE(keys.empty());  // the other user's key is still there
  for (const SealedRow& key : keys) {
    EXPECT_NE(key.user_id, victim_id);
    auto data_key = master->Unwrap(key.ciphertext, key.user_id);
    ASSERT_TRUE(data_key.has_value());
    for (const SealedRow& row : sealed) {
      EXPECT_FALSE(privacy::Open(*data_key, row.ciphertext, victim_id).has_value());
      EXPECT_FALSE(privacy::Open(*data_key, row.ciphertext, key.user_id).has_value());
    }
  }
}

TEST_F(ChatTest, DataSurvivesRestartAndKill) {
  std::string token = SignUp(*server_, "durable@example.org");
  std::string conversation = Say(*server_, token, "first message").Json()["conversation_id"];
  server_->Stop();
  std::string error;
  ASSERT_TRUE(server_->Start(&error)) << error;
  HttpResult login = server_->Post("/api/v1/auth/login",
                                   {{"email", "durable@example.org"}, {"password", kPassword}});
  ASSERT_EQ(login.status, 200);
  token = login.Json()["token"];
  ASSERT_EQ(Say(*server_, token, "second message", conversation).status, 200);
  server_->Kill();  // an acknowledged write must survive a crash
  ASSERT_TRUE(server_->Start(&error)) << error;
  HttpResult messages =
      server_->Get("/api/v1/chat/conversations/" + conversation + "/messages", token);
  ASSERT_EQ(messages.status, 200) << messages.body;
  nlohmann::json body = messages.Json();
  bool found = false;
  for (const auto& message : body["messages"]) found |= message["text"] == "second message";
  EXPECT_TRUE(found) << messages.body;
}

TEST_F(ChatTest, CrisisResourcesArePublic) {
  HttpResult resources = server_->Get("/api/v1/crisis-resources?locale=en-US");
  ASSERT_EQ(resources.status, 200);
  EXPECT_EQ(resources.Json()["country"], "US");
  EXPECT_FALSE(resources.Json()["hotlines"].empty());
  EXPECT_FALSE(resources.Json()["abuse_lines"].empty());  // NDVH, RAINN
  HttpResult unknown = server_->Get("/api/v1/crisis-resources?locale=xx");
  ASSERT_EQ(unknown.status, 200);
  EXPECT_FALSE(unknown.Json()["international"].empty());
  // Always present, so clients need not test for it; empty where none is listed.
  ASSERT_TRUE(unknown.Json()["abuse_lines"].is_array());
  EXPECT_TRUE(unknown.Json()["abuse_lines"].empty());
}

}  // namespace
}  // namespace haven::testing

namespace haven::testing {
namespace {

TEST_F(ChatTest, AnalyzeReturnsScoresAndTheSafetyVerdictWithoutStoring) {
  std::string token = SignUp(*server_, "analyze@example.org");
  HttpResult result = server_->Post("/api/v1/analyze",
                                    {{"text", "Everyone would be better off without me."}}, token);
  ASSERT_EQ(result.status, 200) << result.body;
  nlohmann::json body = result.Json();
  EXPECT_TRUE(body["sentiment"].contains("compound")) << result.body;
  EXPECT_TRUE(body["emotions"].is_array());
  EXPECT_TRUE(body["crisis"].contains("score"));
  EXPECT_EQ(body["risk"]["level"], "crisis") << result.body;
  EXPECT_TRUE(body["normalised"].is_string());

  HttpResult calm =
      server_->Post("/api/v1/analyze", {{"text", "I had a lovely walk today"}}, token);
  ASSERT_EQ(calm.status, 200);
  EXPECT_EQ(calm.Json()["risk"]["level"], "none");
  EXPECT_GT(calm.Json()["sentiment"]["compound"].get<double>(), 0.3);

  EXPECT_EQ(server_->Post("/api/v1/analyze", {{"text", "hi"}}).status, 401);
  EXPECT_EQ(server_->Post("/api/v1/analyze", {{"text", ""}}, token).status, 400);
  EXPECT_TRUE(server_->Get("/api/v1/chat/conversations", token).Json()["conversations"].empty());
}

}  // namespace
}  // namespace haven::testing
