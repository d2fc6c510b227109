#include "dialogue/engine.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dialogue/rating.h"
#include "safety/normalize.h"

namespace haven::dialogue {
namespace {

constexpr std::string_view kStepRate = "rate";
constexpr std::string_view kStepOffer = "offer";
constexpr std::string_view kStepAfterExercise = "after_exercise";
constexpr std::string_view kStepDone = "done";

// Phrases that ask what Haven is; the answer is always "an AI, not a therapist" (DESIGN 7).
constexpr std::string_view kIdentityQuestions[] = {
    "are you a therapist", "are you human",    "are you a human",   "are you a real person",
    "are you a person",    "are you a bot",    "are you an ai",     "are you a robot",
    "are you real",        "are you a doctor", "eres un terapeuta", "eres terapeuta",
    "eres humano",         "eres humana",      "eres una persona",  "eres un bot",
    "eres real",           "eres un robot",    "eres una ia",       "eres un medico",
    "eres una psicologa",  "eres un psicologo"};

std::string StepOf(std::string_view state, std::string_view protocol_id) {
  if (state.empty()) return "";
  const nlohmann::json json = nlohmann::json::parse(state, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || json.value("protocol", "") != protocol_id) return "";
  const std::string step = json.value("step", "");
  for (std::string_view known : {kStepRate, kStepOffer, kStepAfterExercise, kStepDone}) {
    if (step == known) return step;
  }
  return "";
}

std::string Fill(std::string text, std::string_view name, std::string_view value) {
  const std::string key = "{" + std::string(name) + "}";
  if (auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

}  // namespace

// The state of one Respond call: language, normalised text, replies so far.
class Engine::Turn {
 public:
  Turn(const DialogueContent& content, std::string_view text, std::string_view locale)
      : content_(content),
        language_(safety::SupportedLanguage(locale)),
        raw_(text),
        normalized_(safety::NormalizeForSafety(text)) {}

  void Say(std::string_view key, std::string_view kind) {
    replies_.push_back(Reply{Text(key), std::string(kind)});
  }
  [[nodiscard]] std::string Text(std::string_view key) const {
    return TextIn(content_.texts.find(key)->second, language_);
  }

  [[nodiscard]] bool AsksIdentity() const {
    return std::any_of(std::begin(kIdentityQuestions), std::end(kIdentityQuestions),
                       [this](std::string_view q) { return normalized_.find(q) != npos; });
  }

  // Names the feeling word the person used, or thanks them when none is recognised.
  void Reflect() {
    const std::vector<safety::Token> tokens = safety::TokenizeForSafety(normalized_);
    for (const ReflectionGroup& group : content_.reflections) {
      const bool found = std::any_of(tokens.begin(), tokens.end(), [&](const safety::Token& t) {
        return std::find(group.words.begin(), group.words.end(), t.text) != group.words.end();
      });
      if (found) {
        replies_.push_back(
            Reply{Fill(TextIn(group.text, language_), "feeling", TextIn(group.feeling, language_)),
                  "reflection"});
        return;
      }
    }
    replies_.push_back(Reply{TextIn(content_.reflection_fallback, language_), "reflection"});
  }

  // Reflects a 1-10 rating by band and offers the exercise; next step "offer".
  std::string ReflectRating(int rating) {
    const std::string_view band = rating <= 3   ? "reflect_low"
                                  : rating <= 6 ? "reflect_mid"
                                                : "reflect_high";
    replies_.push_back(Reply{Fill(Text(band), "rating", std::to_string(rating)), "reflection"});
    Say(rating <= 3 ? "offer_exercise_low" : "offer_exercise", "prompt");
    return std::string(kStepOffer);
  }

  std::string WalkExercise() {
    const Exercise& exercise = content_.exercise;
    replies_.push_back(Reply{TextIn(exercise.intro, language_), "exercise"});
    for (const Localized& step : exercise.steps) {
      replies_.push_back(Reply{TextIn(step, language_), "exercise"});
    }
    replies_.push_back(Reply{TextIn(exercise.outro, language_), "exercise"});
    Say("after_exercise", "prompt");
    return std::string(kStepAfterExercise);
  }

  enum class Asking { kFirstTime, kAgain };
  std::string Rate(Asking asking) {
    const RatingParse rating = ParseRating(raw_);
    if (rating.kind == RatingParse::Kind::kValue) return ReflectRating(rating.value);
    if (rating.kind == RatingParse::Kind::kOutOfRange) {
      Say("out_of_range", "prompt");
    } else if (asking == Asking::kFirstTime) {
      Say("ask_rating", "prompt");
    } else {
      Reflect();
      Say("reask_rating", "prompt");
    }
    return std::string(kStepRate);
  }

  std::string Offer() {
    switch (ParseAnswer(raw_)) {
      case Answer::kYes:
        return WalkExercise();
      case Answer::kNo:
        Say("closing_declined", "closing");
        return std::string(kStepDone);
      case Answer::kUnclear:
        break;
    }
    Reflect();
    Say("unclear_offer", "prompt");
    return std::string(kStepOffer);
  }

  std::vector<Reply> TakeReplies() { return std::move(replies_); }

 private:
  static constexpr std::size_t npos = std::string::npos;
  const DialogueContent& content_;
  const std::string language_;
  const std::string_view raw_;
  const std::string normalized_;
  std::vector<Reply> replies_;
};

Engine::Engine(DialogueContent content) : content_(std::move(content)) {}

core::Result<std::shared_ptr<const Engine>> Engine::Load(const std::string& content_dir) {
  auto content = LoadDialogueContent(content_dir);
  if (!content) return std::unexpected(content.error());
  return std::make_shared<const Engine>(std::move(*content));
}

EngineTurn Engine::Respond(std::string_view state, std::string_view text,
                           std::string_view locale) const {
  Turn turn(content_, text, locale);
  std::string step = StepOf(state, content_.protocol_id);
  std::string next;
  if (turn.AsksIdentity()) {
    turn.Say("not_a_therapist", "info");
    if (step.empty() || step == kStepDone) step = "";
    if (step.empty() || step == kStepRate) turn.Say("ask_rating", "prompt");
    if (step == kStepOffer) turn.Say("unclear_offer", "prompt");
    if (step == kStepAfterExercise) turn.Say("after_exercise", "prompt");
    next = step.empty() ? std::string(kStepRate) : step;
  } else if (step.empty()) {
    turn.Say("greeting", "greeting");
    next = turn.Rate(Turn::Asking::kFirstTime);
  } else if (step == kStepRate) {
    next = turn.Rate(Turn::Asking::kAgain);
  } else if (step == kStepOffer) {
    next = turn.Offer();
  } else if (step == kStepAfterExercise) {
    turn.Reflect();
    turn.Say("closing_after_exercise", "closing");
    next = std::string(kStepDone);
  } else {  // done: check in again
    turn.Say("welcome_back", "greeting");
    next = turn.Rate(Turn::Asking::kFirstTime);
  }
  const nlohmann::json state_json = {{"protocol", content_.protocol_id}, {"step", next}};
  return EngineTurn{turn.TakeReplies(), state_json.dump()};
}

Reply Engine::AssessmentsDueReminder(const std::vector<std::string>& instrument_names,
                                     std::string_view locale) const {
  std::string names;
  for (const std::string& name : instrument_names) names += (names.empty() ? "" : ", ") + name;
  const std::string& text =
      TextIn(content_.texts.at("assessments_due"), safety::SupportedLanguage(locale));
  std::string filled = text;
  if (auto at = filled.find("{instruments}"); at != std::string::npos) {
    filled.replace(at, std::string_view("{instruments}").size(), names);
  }
  return Reply{std::move(filled), "reminder"};
}

}  // namespace haven::dialogue
