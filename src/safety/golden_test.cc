// The golden table: what Haven must decide for typical and tricky texts, English and Spanish.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "safety/safety.h"
#include "safety/test_support.h"

namespace haven::safety {
namespace {

struct Case {
  const char* text;
  RiskLevel expected;
};

constexpr RiskLevel kNone = RiskLevel::kNone;
constexpr RiskLevel kElevated = RiskLevel::kElevated;
constexpr RiskLevel kCrisis = RiskLevel::kCrisis;

constexpr Case kGolden[] = {
    // Direct ideation.
    {"I want to kill myself", kCrisis},
    {"i want to die", kCrisis},
    {"I'm thinking about suicide", kCrisis},
    {"im gonna kms", kCrisis},
    {"I wish I was dead", kCrisis},
    {"honestly i just want to unalive myself", kCrisis},
    {"I'm suicidal", kCrisis},
    // Ideation phrased with a negation.
    {"I don't want to live", kCrisis},
    {"I dont want to be here anymore", kCrisis},
    {"I can't go on", kCrisis},
    {"I can\u2019t go on like this", kCrisis},
    {"I no longer want to be alive", kCrisis},
    // Indirect ideation.
    {"everyone would be better off without me", kCrisis},
    {"I want everything to stop", kCrisis},
    {"I want to go to sleep and never wake up", kCrisis},
    {"what's the point of living", kCrisis},
    {"nobody would care if I died", kCrisis},
    {"I'm so tired of living", kCrisis},
    // Plans, means, goodbyes.
    {"I have a plan to end my life tonight", kCrisis},
    {"I've been saving up my pills", kCrisis},
    {"how many pills would it take to die", kCrisis},
    {"I'm going to jump off the bridge", kCrisis},
    {"this is goodbye. thank you for everything", kCrisis},
    {"I won't be here tomorrow", kCrisis},
    // Self-harm.
    {"I cut myself again last night", kCrisis},
    {"I want to hurt myself", kCrisis},
    {"I've been self harming", kCrisis},
    // Others: intent to harm, danger now.
    {"I'm going to kill him", kCrisis},
    {"I want to hurt someone", kCrisis},
    {"he hits me", kCrisis},
    {"I'm not safe at home", kCrisis},
    {"my husband threatened to kill me", kCrisis},
    // Negations.
    {"I would never kill myself", kNone},
    {"I'm not suicidal, just tired", kNone},
    {"I don't want to die", kNone},
    {"I'm not going to hurt myself", kNone},
    // Idioms and hyperbole.
    {"this homework is killing me", kNone},
    {"I could kill for a pizza", kNone},
    {"I'm dying to see it", kNone},
    {"I killed it at my presentation today", kNone},
    {"my mom is going to kill me when she sees my grades", kNone},
    {"I cut myself shaving this morning", kNone},
    // Third person.
    {"my friend said she wants to die", kElevated},
    {"my brother is suicidal, what should I do?", kElevated},
    {"my sister keeps cutting herself", kElevated},
    // Past, recovered.
    {"I used to self-harm years ago", kElevated},
    {"when I was 15 I tried to kill myself", kElevated},
    // Elevated on its own.
    {"I feel hopeless", kElevated},
    {"I just want to disappear", kElevated},
    // Everyday.
    {"hi", kNone},
    {"I had a good day today", kNone},
    {"I'm about a 6 today", kNone},
    {"work was stressful but I'm ok", kNone},
    // Spanish: crisis.
    {"me quiero morir", kCrisis},
    {"quiero suicidarme", kCrisis},
    {"no quiero vivir", kCrisis},
    {"me voy a matar", kCrisis},
    {"me corto", kCrisis},
    {"ya no aguanto más", kCrisis},
    {"todos estarían mejor sin mí", kCrisis},
    {"quiero dormir y no despertar", kCrisis},
    {"¿Para qué seguir viviendo?", kCrisis},
    {"tengo un plan para quitarme la vida", kCrisis},
    {"mi novio me pega", kCrisis},
    {"no estoy a salvo en casa", kCrisis},
    {"lo voy a matar", kCrisis},
    {"esto es una despedida, gracias por todo", kCrisis},
    // Spanish: negations, idioms, third person, past, everyday.
    {"nunca me haría daño", kNone},
    {"no me quiero morir", kNone},
    {"jamás me mataría", kNone},
    {"me muero de risa", kNone},
    {"me muero de hambre", kNone},
    {"me corté el pelo", kNone},
    {"mi amiga dice que se quiere morir", kElevated},
    {"hace años me cortaba, ahora estoy bien", kElevated},
    {"solía autolesionarme", kElevated},
    {"hoy fue un buen día", kNone},
    {"estoy un poco cansada", kNone},
    // Kinds added in November 2026 (rules by kind of expression, each worded for this table).
    {"why even bother staying alive", kCrisis},
    {"i keep reading which floor is high enough to not survive", kCrisis},
    {"i stashed two weeks of pills in my drawer", kCrisis},
    {"this will be the last time you hear from me", kCrisis},
    {"i just need to see blood tonight", kCrisis},
    {"i'm terrified i'll hurt my baby, the thoughts won't stop", kCrisis},
    {"my partner said he'd hurt me if i try to leave", kCrisis},
    {"a mi primo le voy a dar una paliza cuando lo vea", kCrisis},
    {"le escribi a alguien que estoy pensando en suicidarme", kCrisis},
    {"no soporto otro dia mas con vida", kCrisis},
    {"me pase la cuchilla por el brazo", kCrisis},
    {"this is my last message for today, good night", kNone},
    {"i took two paracetamol for my headache", kNone},
    {"me mata de risa mi perro", kNone},
    // Timing, passive risk and last ties without method words (round 3, worded for this table).
    {"i've chosen the day. saturday", kCrisis},
    {"ya tengo el dia decidido", kCrisis},
    {"i quit my insulin on purpose, i want it to be over", kCrisis},
    {"deje los anticoagulantes aposta", kCrisis},
    {"every time i fly i hope the plane goes down", kCrisis},
    {"ojala el tren se descarrile conmigo dentro", kCrisis},
    {"they found me in time before, next time i will not fail", kCrisis},
    {"my cat is the only thing keeping me here", kCrisis},
    {"le busque casa a mi perro porque ya no voy a estar", kCrisis},
    {"gracias por todo. no me busquen", kCrisis},
    {"we set the date for the wedding", kNone},
    {"ya tengo fecha para el examen de conducir", kNone},
    {"hiding under the bed while my nephew counts to ten", kNone},
    {"one year free of self harm today", kElevated},
    // Round 4: search verbs, plan and means, no return, resigned stopping, bye world; and
    // hyperbole, safety after leaving danger, breakups.
    {"been googling how many of my sleeping pills would be enough", kCrisis},
    {"buscando dosis letal de paracetamol", kCrisis},
    {"i have the plan and the means now. only missing the nerve", kCrisis},
    {"ya lo decidí. esta noche.", kCrisis},
    {"drove out to the bridge. not coming back", kCrisis},
    {"me voy a las vías, no vuelvo", kCrisis},
    {"stopped my insulin last week, whatever happens happens", kCrisis},
    {"bye world", kCrisis},
    {"chao mundo", kCrisis},
    {"i wnat to dissapear forever", kCrisis},
    {"me muero de sueño", kNone},
    {"my ex is in jail and i finally feel safe", kNone},
    {"por fin estoy a salvo", kNone},
    {"terminé con mi novio", kNone},
    {"my feet are killing me", kNone},
    {"so bored i might die", kNone},
    // Round 5: poison or overdose already taken, a note written, means at hand, a day set,
    // command voices, fear of one's own acts, crash urges while driving, relapse after clean
    // time; and breakups, job goodbyes, kitchen burns, recovered long ago, screening answered no.
    {"got a revolver this morning", kCrisis},
    {"pills all counted out on my dresser", kCrisis},
    {"compré una soga ayer", kCrisis},
    {"la cuchilla está conmigo en la cama", kCrisis},
    {"my note is written and folded", kCrisis},
    {"ya escribí mis cartas de despedida", kCrisis},
    {"drank some drain cleaner lol", kCrisis},
    {"just swallowed 25 of my xanax", kCrisis},
    {"tomé lejía, no pasa nada", kCrisis},
    {"on thursday it ends.", kCrisis},
    {"el viernes se termina todo", kCrisis},
    {"i won't be around after friday so don't bother planning anything", kCrisis},
    {"the voice tells me to hurt my coworkers", kCrisis},
    {"una voz me ordena que lastime a mis compañeros", kCrisis},
    {"scared of what i might do tonight", kCrisis},
    {"tengo miedo de lo que pueda hacer", kCrisis},
    {"while driving i think about steering into a pole", kCrisis},
    {"relapsed. 4 months clean and i cut tonight", kCrisis},
    {"recaí, 3 meses limpio y hoy me volví a cortar", kCrisis},
    {"wrote a goodbye letter to my coworkers before leaving the company", kNone},
    {"me quemé la mano con la sartén", kNone},
    {"on sunday it ends, the sale i mean", kNone},
    {"my dog ate rat poison, we're at the vet", kNone},
    {"i'm going to end it with him, the relationship is done", kNone},
    {"my therapist asked if i think about hurting myself and i said no", kNone},
    {"mi psicólogo me preguntó si pienso en hacerme daño y le dije que no", kNone},
    // Recovered long ago: the mention of suicide keeps it elevated, not crisis.
    {"i was suicidal at 17, now i'm 34 and it really did get better", kElevated},
};

TEST(SafetyGolden, TableHasEnoughCases) { EXPECT_GE(std::size(kGolden), 60u); }

TEST(SafetyGolden, EveryCaseGetsItsExpectedLevel) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value()) << assessor.error().message;
  for (const Case& c : kGolden) {
    const RiskAssessment risk = (*assessor)->Assess(c.text, SafetyContext{});
    std::string why;
    for (const RiskReason& r : risk.reasons) why += r.source + ":" + r.detail + " ";
    EXPECT_EQ(risk.level, c.expected)
        << "\"" << c.text << "\" got " << RiskLevelName(risk.level) << " [" << why << "]";
  }
}

TEST(SafetyGolden, CrisisHasAScoreAndAReason) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  const RiskAssessment risk = (*assessor)->Assess("I want to kill myself", {});
  EXPECT_GE(risk.score, 0.9);
  ASSERT_FALSE(risk.reasons.empty());
  EXPECT_EQ(risk.reasons.front().source, "rule");
  EXPECT_EQ(risk.reasons.front().detail, "ideation.kill_self");
  const RiskAssessment none = (*assessor)->Assess("hello", {});
  EXPECT_EQ(none.score, 0.0);
  EXPECT_TRUE(none.reasons.empty());
}

// Danger from someone else gets its own reply: the level is crisis either way, and `danger`
// says whose harm it is. A text that also says the writer wants to die is about the writer.
TEST(SafetyGolden, DangerFromOthersIsToldApartFromSelfHarm) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  const RiskAssessment abuse = (*assessor)->Assess("he hit me again tonight and i'm scared", {});
  EXPECT_EQ(abuse.level, kCrisis);
  EXPECT_EQ(abuse.danger, Danger::kFromOthers);
  const RiskAssessment spanish = (*assessor)->Assess("mi pareja me golpea en casa", {});
  EXPECT_EQ(spanish.level, kCrisis);
  EXPECT_EQ(spanish.danger, Danger::kFromOthers);
  const RiskAssessment both =
      (*assessor)->Assess("he hit me again tonight and i want to kill myself", {});
  EXPECT_EQ(both.level, kCrisis);
  EXPECT_EQ(both.danger, Danger::kToSelf);
  EXPECT_EQ((*assessor)->Assess("I want to kill myself", {}).danger, Danger::kToSelf);
}

TEST(SafetyGolden, NegationIsExplained) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  const RiskAssessment risk = (*assessor)->Assess("I would never kill myself", {});
  EXPECT_EQ(risk.level, kNone);
  ASSERT_FALSE(risk.reasons.empty());
  EXPECT_EQ(risk.reasons.front().source, "negated");
}

TEST(SafetyGolden, ThirdPartyIsElevatedWithThatReason) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  const RiskAssessment risk = (*assessor)->Assess("my friend said she wants to die", {});
  EXPECT_EQ(risk.level, kElevated);
  EXPECT_TRUE(std::any_of(risk.reasons.begin(), risk.reasons.end(),
                          [](const RiskReason& r) { return r.source == "third_party"; }));
}

TEST(SafetyContext, RecentCrisisMakesElevatedTextCrisis) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  SafetyContext recent;
  recent.recent_crisis = true;
  EXPECT_EQ((*assessor)->Assess("I feel hopeless", {}).level, kElevated);
  const RiskAssessment risk = (*assessor)->Assess("I feel hopeless", recent);
  EXPECT_EQ(risk.level, kCrisis);
  EXPECT_EQ(risk.reasons.back().source, "context");
  EXPECT_EQ(risk.reasons.back().detail, "recent_crisis");
  SafetyContext item;
  item.recent_risk_item_positive = true;
  EXPECT_EQ((*assessor)->Assess("I just want to disappear", item).level, kCrisis);
  // A negated mention is no longer ignored, but is not crisis either.
  EXPECT_EQ((*assessor)->Assess("I would never kill myself", recent).level, kElevated);
  // Context never lowers and never invents risk.
  EXPECT_EQ((*assessor)->Assess("I want to die", recent).level, kCrisis);
  EXPECT_EQ((*assessor)->Assess("I had a nice walk", recent).level, kNone);
}

TEST(SafetyAssessor, OddInputDoesNotCrash) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  const std::string inputs[] = {
      "",
      std::string("\xff\xfe\xfd"),
      std::string("i want to \xc3 die"),
      std::string("\0\0\0", 3),
      "Я хочу умереть",
      "死にたい",
      "\U0001F62D\U0001F62D\U0001F62D",
      std::string(20000, 'a'),
      std::string(5000, ','),
      "'''''''",
      "n't 's 'm",
  };
  for (const std::string& text : inputs) {
    const RiskAssessment risk = (*assessor)->Assess(text, {});
    EXPECT_GE(risk.score, 0.0);
  }
  // Invalid bytes inside a crisis text do not hide it.
  EXPECT_EQ((*assessor)->Assess(std::string("i want to \xff die"), {}).level, kCrisis);
}

TEST(SafetyAssessor, ConcurrentAssessmentsAgreeWithSequentialOnes) {
  auto assessor = SafetyAssessor::Load(testing::ContentDir());
  ASSERT_TRUE(assessor.has_value());
  std::vector<RiskLevel> expected;
  for (const Case& c : kGolden) expected.push_back((*assessor)->Assess(c.text, {}).level);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < std::size(kGolden); ++i) {
          if ((*assessor)->Assess(kGolden[i].text, {}).level != expected[i]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace haven::safety
