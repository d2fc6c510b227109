#include "dialogue/engine.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace haven::dialogue {
namespace {

std::string SourceDir() {
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  return root != nullptr ? root : ".";
}

std::shared_ptr<const Engine> LoadEngine() {
  auto engine = Engine::Load(SourceDir() + "/content");
  EXPECT_TRUE(engine.has_value()) << engine.error().message;
  return engine.value_or(nullptr);
}

// Replays a golden transcript: lines "> user text" and "< [kind] reply". With
// HAVEN_UPDATE_GOLDEN=1 the file is rewritten from what the engine says now.
void CheckTranscript(const std::string& name, const std::string& locale) {
  auto engine = LoadEngine();
  ASSERT_NE(engine, nullptr);
  const std::string path = SourceDir() + "/src/dialogue/testdata/" + name;
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::vector<std::string> inputs;
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream lines(expected);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("> ")) inputs.push_back(line.substr(2));
  }
  std::string actual;
  std::string state;
  for (const std::string& input : inputs) {
    actual += "> " + input + "\n";
    EngineTurn turn = (*engine).Respond(state, input, locale);
    for (const Reply& reply : turn.replies) actual += "< [" + reply.kind + "] " + reply.text + "\n";
    // The state holds the protocol and step only, never the person's words.
    const nlohmann::json json = nlohmann::json::parse(turn.state);
    EXPECT_EQ(json.size(), 2u);
    EXPECT_EQ(turn.state.find(input), std::string::npos) << turn.state;
    state = turn.state;
  }
  if (std::getenv("HAVEN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << actual;
    return;
  }
  EXPECT_EQ(actual, expected) << "update with HAVEN_UPDATE_GOLDEN=1 after reviewing the change";
}

TEST(EngineGolden, EnglishCheckInWithExercise) { CheckTranscript("checkin_en.txt", "en-US"); }
TEST(EngineGolden, EnglishCheckInDeclinedAndUnexpected) {
  CheckTranscript("checkin_en_declined.txt", "en-GB");
}
TEST(EngineGolden, SpanishCheckInWithExercise) { CheckTranscript("checkin_es.txt", "es-MX"); }

TEST(Engine, BandsMatchTheRating) {
  auto engine = LoadEngine();
  ASSERT_NE(engine, nullptr);
  const std::string rate = R"({"protocol":"checkin","step":"rate"})";
  EXPECT_NE(engine->Respond(rate, "2", "en").replies[0].text.find("hard day"), std::string::npos);
  EXPECT_NE(engine->Respond(rate, "5", "en").replies[0].text.find("middle"), std::string::npos);
  EXPECT_NE(engine->Respond(rate, "9", "en").replies[0].text.find("good to hear"),
            std::string::npos);
  // A low rating is offered support, not only an exercise.
  EXPECT_NE(engine->Respond(rate, "1", "en").replies[1].text.find("support"), std::string::npos);
}

TEST(Engine, MalformedOrForeignStateStartsOver) {
  auto engine = LoadEngine();
  ASSERT_NE(engine, nullptr);
  for (const char* state : {"not json", "{}", R"({"protocol":"other","step":"rate"})",
                            R"({"protocol":"checkin","step":"nowhere"})", "[1,2]"}) {
    const EngineTurn turn = engine->Respond(state, "hello", "en");
    ASSERT_FALSE(turn.replies.empty());
    EXPECT_EQ(turn.replies[0].kind, "greeting") << state;
  }
}

TEST(Engine, SaysItIsNotATherapistWhenAsked) {
  auto engine = LoadEngine();
  ASSERT_NE(engine, nullptr);
  const std::string offer = R"({"protocol":"checkin","step":"offer"})";
  const EngineTurn turn = engine->Respond(offer, "wait, are you a therapist?", "en");
  ASSERT_EQ(turn.replies.size(), 2u);
  EXPECT_EQ(turn.replies[0].kind, "info");
  EXPECT_NE(turn.replies[0].text.find("not a therapist"), std::string::npos);
  EXPECT_EQ(turn.state, offer);
  const EngineTurn spanish = engine->Respond("", "¿eres humano?", "es-ES");
  EXPECT_NE(spanish.replies[0].text.find("no un terapeuta"), std::string::npos);
}

TEST(Engine, OddInputDoesNotCrash) {
  auto engine = LoadEngine();
  ASSERT_NE(engine, nullptr);
  std::string state;
  for (const std::string& text : {std::string("\xff\xfe"), std::string(5000, '9'), std::string("/"),
                                  std::string("7/"), std::string("...."), std::string("🙂")}) {
    const EngineTurn turn = engine->Respond(state, text, "xx");
    EXPECT_FALSE(turn.replies.empty());
    state = turn.state;
  }
}

}  // namespace
}  // namespace haven::dialogue
