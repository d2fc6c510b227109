#include "safety/crisis_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "safety/content_loader.h"
#include "safety/rule_prefilter.h"

namespace haven::safety {
namespace {

using content::FieldError;
using content::LineOf;

constexpr std::string_view kCategoryNames[] = {"ideation",  "plan",  "self_harm", "harm_to_others",
                                               "abuse_now", "means", "goodbye"};

std::optional<RuleCategory> ParseCategory(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kCategoryNames); ++i) {
    if (kCategoryNames[i] == name) return static_cast<RuleCategory>(i);
  }
  return std::nullopt;
}

bool Contains(const std::vector<std::string>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A third-person word, or its plural or apostrophe-less possessive ("sons" from "son's been").
bool IsThirdPerson(const std::vector<std::string>& words, std::string_view word) {
  if (Contains(words, word)) return true;
  return word.size() > 2 && word.back() == 's' && Contains(words, word.substr(0, word.size() - 1));
}

// True when `phrase` occurs as whole words in `padded` (text with a space at both ends): when
// " " + phrase + " " occurs in it, found without building that string.
// Calls `visit(at)` for each whole-word occurrence of a non-empty `phrase` in `padded` until it
// returns true; says whether one did.
template <typename Visit>
bool AnyOccurrence(std::string_view padded, std::string_view phrase, Visit visit) {
  for (std::size_t at = padded.find(phrase); at != std::string_view::npos;
       at = padded.find(phrase, at + 1)) {
    const std::size_t end = at + phrase.size();
    if (at > 0 && padded[at - 1] == ' ' && end < padded.size() && padded[end] == ' ' && visit(at)) {
      return true;
    }
  }
  return false;
}

bool HasPhrase(std::string_view padded, std::string_view phrase) {
  if (phrase.empty()) return padded.find("  ") != std::string_view::npos;
  return AnyOccurrence(padded, phrase, [](std::size_t) { return true; });
}

// A negator among the few words before tokens[start], in its clause, before a scope breaker.
bool Negated(const Modifiers& m, const std::vector<Token>& tokens, std::size_t start) {
  // A match that opens with a scope breaker starts a new scope: "they will not notice when i
  // am gone" does not negate "when i am gone".
  if (Contains(m.scope_breakers, tokens[start].text)) return false;
  const std::size_t clause = tokens[start].clause;
  for (std::size_t k = start, seen = 0; k > 0 && seen < m.negation_window; ++seen) {
    const Token& token = tokens[--k];
    if (token.clause != clause || Contains(m.scope_breakers, token.text)) return false;
    if (Contains(m.negators, token.text)) return true;
  }
  return false;
}

// A reflexive about someone else in the match ("kill herself"), or a third-person subject
// nearer than any first-person word before the match in its clause ("my friend said she ...").
// A match that itself says "me" is about the writer; abuse rules name the other person by
// design, so only the reflexive test applies to them.
bool AboutThirdParty(const Modifiers& m, const std::vector<Token>& tokens, std::size_t start,
                     std::string_view matched, const CrisisRule& rule) {
  const bool names_others = rule.category == RuleCategory::kAbuseNow || rule.names_others;
  const std::vector<Token> matched_tokens = TokenizeForSafety(matched);
  const bool says_me =
      std::any_of(matched_tokens.begin(), matched_tokens.end(),
                  [&](const Token& t) { return Contains(m.first_person, t.text); });
  // "he forced himself on me": the reflexive is the other person's, the harm the writer's.
  for (std::string_view reflexive : {"herself", "himself", "themselves", "themself", "yourself"}) {
    if (matched.find(reflexive) != std::string_view::npos && !(names_others && says_me)) {
      return true;
    }
  }
  if (names_others || says_me) return false;
  const auto words = m.third_person.find(rule.language);
  if (words == m.third_person.end()) return false;
  const std::size_t clause = tokens[start].clause;
  for (std::size_t k = start; k > 0;) {
    const Token& token = tokens[--k];
    if (token.clause != clause || Contains(m.first_person, token.text)) return false;
    if (IsThirdPerson(words->second, token.text)) return true;
  }
  return false;
}

// Someone else's words quoted just before the match: a speech verb (optionally followed by
// "that", "like", "que") whose subject, earlier in the clause, is a third person or a song or
// book ("my son said i wish i was dead", "la cancion dice quiero morir"). "i said i want to
// die" is the writer's own.
bool QuotedFromSomeoneElse(const Modifiers& m, const std::vector<Token>& tokens, std::size_t start,
                           const CrisisRule& rule) {
  // An abuser's quoted threat ("he said i will not live to see tomorrow") is the crisis itself.
  if (rule.category == RuleCategory::kAbuseNow || rule.names_others) return false;
  const auto words = m.third_person.find(rule.language);
  if (words == m.third_person.end() || start == 0) return false;
  const std::size_t clause = tokens[start].clause;
  std::size_t k = start - 1;
  const auto is_filler = [](std::string_view word) {
    return word == "that" || word == "like" || word == "que" || word == "como";
  };
  // The quote's own "i", up to kQuoteLead words before the match, belongs to the quote ("my son
  // said i wish i was dead", "my mate said i am going to kill myself"): the nearest first-person
  // word decides, and only when a speech verb (or "that") comes right before it.
  constexpr std::size_t kQuoteLead = 4;
  for (std::size_t j = start; j-- > 0 && start - j <= kQuoteLead + 1;) {
    if (tokens[j].clause != clause) break;
    if (!Contains(m.first_person, tokens[j].text)) continue;
    if (j > 0 && (Contains(m.speech_verbs, tokens[j - 1].text) || is_filler(tokens[j - 1].text))) {
      k = j - 1;
    }
    break;
  }
  if (k > 0 && is_filler(tokens[k].text)) --k;
  if (tokens[k].clause != clause || !Contains(m.speech_verbs, tokens[k].text)) return false;
  while (k > 0) {
    const Token& token = tokens[--k];
    if (token.clause != clause || Contains(m.first_person, token.text)) return false;
    if (IsThirdPerson(words->second, token.text)) return true;
  }
  return false;
}

// Where the part of the clause that sets the match's time begins: after the last "and i" ("y
// yo") before the match, which starts a new statement ("my dad used to hit me and i want to
// die" is about now), else at the clause's first token.
std::size_t TimeScopeBegin(const std::vector<Token>& tokens, std::size_t start) {
  const std::size_t clause = tokens[start].clause;
  for (std::size_t k = start + 1; k >= 2 && tokens[k - 2].clause == clause; --k) {
    const std::string_view conjunction = tokens[k - 2].text;
    const std::string_view subject = tokens[k - 1].text;
    if ((conjunction == "and" && subject == "i") || (conjunction == "y" && subject == "yo")) {
      return k - 1;
    }
  }
  return 0;
}

// A recovery marker ("days clean") or a past marker ("used to", "years ago") in the match's
// clause (from TimeScopeBegin on), and no present marker ("now", "again", "tonight", "relapsed").
bool InPast(const Modifiers& m, const std::vector<Token>& tokens, std::size_t start) {
  const std::size_t clause = tokens[start].clause;
  std::string padded = " ";
  for (std::size_t k = TimeScopeBegin(tokens, start); k < tokens.size(); ++k) {
    if (tokens[k].clause == clause) padded.append(tokens[k].text).push_back(' ');
  }
  // Where past and recovery phrases stand ("years ago", "days clean").
  std::vector<std::pair<std::size_t, std::size_t>> over;
  for (const auto* list : {&m.recovery_markers, &m.past_markers}) {
    for (const std::string& phrase : *list) {
      AnyOccurrence(padded, phrase, [&](std::size_t at) {
        over.emplace_back(at, at + phrase.size());
        return false;
      });
    }
  }
  if (over.empty()) return false;
  // "4 months clean and i cut tonight": a present marker (now, tonight, relapsed) wins, unless it
  // stands inside a past phrase itself ("five years ago today").
  const auto outside_over = [&](std::size_t begin, std::size_t end) {
    return std::none_of(over.begin(), over.end(), [&](const auto& span) {
      return span.first <= begin && end <= span.second;
    });
  };
  return std::none_of(
      m.present_markers.begin(), m.present_markers.end(), [&](const std::string& marker) {
        return AnyOccurrence(padded, marker,
                             [&](std::size_t at) { return outside_over(at, at + marker.size()); });
      });
}

// The match is part of a question put to the writer (a question frame before it in its clause:
// "my therapist asked if i had thought about ending my life") and the writer's answer after it,
// in that clause or the next, is no ("and honestly no", "i said no"). In the text the answers
// are matched against, "|" ends each clause, so "i am not |" is an answer only at a clause end.
bool AnsweredNo(const Modifiers& m, const std::vector<Token>& tokens, std::size_t start,
                std::size_t match_end) {
  if (m.question_frames.empty() || m.answers_no.empty()) return false;
  const std::size_t clause = tokens[start].clause;
  std::string before = " ";
  for (std::size_t k = 0; k < start; ++k) {
    if (tokens[k].clause == clause) before.append(tokens[k].text).push_back(' ');
  }
  const auto in_before = [&](const std::string& frame) { return HasPhrase(before, frame); };
  if (std::none_of(m.question_frames.begin(), m.question_frames.end(), in_before)) return false;
  std::string after = " ";
  std::size_t current = clause;
  int clauses_seen = 1;
  for (std::size_t k = start; k < tokens.size(); ++k) {
    if (tokens[k].begin < match_end) continue;
    if (tokens[k].clause != current) {
      if (++clauses_seen > 2) break;
      current = tokens[k].clause;
      after += "| ";
    }
    after.append(tokens[k].text).push_back(' ');
  }
  after += "| ";
  const auto in_after = [&](const std::string& answer) { return HasPhrase(after, answer); };
  return std::any_of(m.answers_no.begin(), m.answers_no.end(), in_after);
}

// The clause of normalised text that contains byte `at` and the clause after it, where a
// rule's `unless` may sit ("i had the urge to cut, but i used ice instead"); the whole text if
// no word is there.
re2::StringPiece ClauseAndNext(std::string_view normalized, const std::vector<Token>& tokens,
                               std::size_t at) {
  const auto first =
      std::find_if(tokens.begin(), tokens.end(), [at](const Token& t) { return t.end > at; });
  if (first == tokens.end()) return re2::StringPiece(normalized.data(), normalized.size());
  const auto next =
      std::find_if(first, tokens.end(), [&](const Token& t) { return t.clause != first->clause; });
  const std::size_t next_clause = next == tokens.end() ? first->clause : next->clause;
  std::size_t begin = first->begin;
  std::size_t end = first->end;
  for (const Token& token : tokens) {
    if (token.clause != first->clause && token.clause != next_clause) continue;
    begin = std::min(begin, token.begin);
    end = std::max(end, token.end);
  }
  return re2::StringPiece(normalized.data() + begin, end - begin);
}

std::unique_ptr<re2::RE2> Compile(const std::string& pattern) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return std::make_unique<re2::RE2>(pattern, options);
}

core::Result<Modifiers> ParseModifiers(const std::string& path, const toml::table& root) {
  const toml::table* table = root["modifiers"].as_table();
  if (table == nullptr) return std::unexpected(FieldError(path, 1, "modifiers", "is required"));
  Modifiers m;
  using content::Presence;
  using content::StringArray;
  auto assign = [&](std::string_view key, std::vector<std::string>& out) -> core::Status {
    auto words = StringArray(path, *table, key, Presence::kRequired);
    if (!words) return std::unexpected(words.error());
    out = std::move(*words);
    return {};
  };
  for (auto [key, out] :
       {std::pair{"negators", &m.negators}, std::pair{"scope_breakers", &m.scope_breakers},
        std::pair{"first_person", &m.first_person}, std::pair{"past_markers", &m.past_markers},
        std::pair{"present_markers", &m.present_markers},
        std::pair{"recovery_markers", &m.recovery_markers}}) {
    if (auto status = assign(key, *out); !status) return std::unexpected(status.error());
  }
  for (auto [key, out] :
       {std::pair{"speech_verbs", &m.speech_verbs},
        std::pair{"question_frames", &m.question_frames}, std::pair{"answers_no", &m.answers_no}}) {
    auto words = StringArray(path, *table, key, Presence::kOptional);
    if (!words) return std::unexpected(words.error());
    *out = std::move(*words);
  }
  for (std::string_view language : {"en", "es"}) {
    const toml::table* by_language = (*table)["third_person"].as_table();
    if (by_language == nullptr) {
      return std::unexpected(FieldError(path, LineOf(*table), "third_person",
                                        "must be a table of word lists by language"));
    }
    auto words = StringArray(path, *by_language, language, Presence::kRequired);
    if (!words) return std::unexpected(words.error());
    m.third_person[std::string(language)] = std::move(*words);
  }
  if (const auto window = (*table)["negation_window"].value<std::int64_t>()) {
    if (*window < 1 || *window > 10) {
      return std::unexpected(FieldError(path, LineOf(*table->get("negation_window")),
                                        "negation_window", "must be between 1 and 10"));
    }
    m.negation_window = static_cast<std::size_t>(*window);
  }
  return m;
}

// Enumerated fields of one rule: category, level, language, person.
core::Status ParseRuleEnums(const std::string& path, const toml::table& table, CrisisRule& rule) {
  auto category = content::RequireString(path, table, "category");
  if (!category) return std::unexpected(category.error());
  const auto parsed_category = ParseCategory(*category);
  if (!parsed_category) {
    return std::unexpected(FieldError(path, LineOf(*table.get("category")), "category",
                                      "unknown category '" + *category + "'"));
  }
  rule.category = *parsed_category;
  auto level = content::RequireString(path, table, "level");
  if (!level) return std::unexpected(level.error());
  if (*level != "crisis" && *level != "elevated") {
    return std::unexpected(
        FieldError(path, LineOf(*table.get("level")), "level", "must be 'crisis' or 'elevated'"));
  }
  rule.level = *level == "crisis" ? RiskLevel::kCrisis : RiskLevel::kElevated;
  auto language = content::RequireString(path, table, "language");
  if (!language) return std::unexpected(language.error());
  if (*language != "en" && *language != "es") {
    return std::unexpected(
        FieldError(path, LineOf(*table.get("language")), "language", "must be 'en' or 'es'"));
  }
  rule.language = *language;
  auto person = content::OptionalString(path, table, "person");
  if (!person) return std::unexpected(person.error());
  if (!person->empty() && *person != "self" && *person != "third") {
    return std::unexpected(
        FieldError(path, LineOf(*table.get("person")), "person", "must be 'self' or 'third'"));
  }
  rule.person = *person == "third" ? Person::kThird : Person::kSelf;
  if (rule.person == Person::kThird && rule.level != RiskLevel::kElevated) {
    return std::unexpected(
        FieldError(path, rule.line, "level", "a rule about a third person must be 'elevated'"));
  }
  return {};
}

core::Result<CrisisRule> ParseRule(const std::string& path, const toml::table& table) {
  CrisisRule rule;
  rule.line = LineOf(table);
  auto id = content::RequireString(path, table, "id");
  if (!id) return std::unexpected(id.error());
  rule.id = *id;
  auto pattern = content::RequireString(path, table, "pattern");
  if (!pattern) return std::unexpected(pattern.error());
  rule.pattern = *pattern;
  auto unless = content::OptionalString(path, table, "unless");
  if (!unless) return std::unexpected(unless.error());
  rule.unless = *unless;
  if (auto status = ParseRuleEnums(path, table, rule); !status) {
    return std::unexpected(status.error());
  }
  auto negatable = content::RequireBool(path, table, "negatable");
  if (!negatable) return std::unexpected(negatable.error());
  rule.negatable = *negatable;
  auto names_others = content::OptionalBool(path, table, "names_others", false);
  if (!names_others) return std::unexpected(names_others.error());
  rule.names_others = *names_others;
  auto unless_anywhere = content::OptionalBool(path, table, "unless_anywhere", false);
  if (!unless_anywhere) return std::unexpected(unless_anywhere.error());
  rule.unless_anywhere = *unless_anywhere;
  auto unless_shared =
      content::StringArray(path, table, "unless_shared", content::Presence::kOptional);
  if (!unless_shared) return std::unexpected(unless_shared.error());
  rule.unless_shared = std::move(*unless_shared);
  using content::Presence;
  auto examples = content::StringArray(path, table, "examples", Presence::kRequired);
  if (!examples) return std::unexpected(examples.error());
  rule.examples = std::move(*examples);
  auto not_examples = content::StringArray(path, table, "not_examples", Presence::kOptional);
  if (!not_examples) return std::unexpected(not_examples.error());
  rule.not_examples = std::move(*not_examples);
  return rule;
}

}  // namespace

std::string_view RuleCategoryName(RuleCategory category) {
  return kCategoryNames[static_cast<std::size_t>(category)];
}

CrisisRules::~CrisisRules() = default;

namespace {

// [shared_unless]: named exception patterns that rules list in `unless_shared`.
core::Result<std::map<std::string, std::string>> ParseSharedUnless(const std::string& path,
                                                                   const toml::table& root) {
  std::map<std::string, std::string> shared;
  const toml::node* node = root.get("shared_unless");
  if (node == nullptr) return shared;
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    return std::unexpected(FieldError(path, LineOf(*node), "shared_unless", "must be a table"));
  }
  for (const auto& [name, value] : *table) {
    const auto text = value.value<std::string>();
    if (!text || text->empty()) {
      return std::unexpected(FieldError(path, LineOf(value), "shared_unless." + std::string(name),
                                        "must be a non-empty RE2 string"));
    }
    shared.emplace(std::string(name), *text);
  }
  return shared;
}

// The rule's own `unless` and the shared patterns it names, as one alternation ("" if none).
core::Result<std::string> ExceptionPattern(const std::string& path, const toml::table& table,
                                           const CrisisRule& rule,
                                           const std::map<std::string, std::string>& shared) {
  std::string pattern = rule.unless.empty() ? "" : "(?:" + rule.unless + ")";
  for (const std::string& name : rule.unless_shared) {
    const auto it = shared.find(name);
    if (it == shared.end()) {
      return std::unexpected(
          FieldError(path, LineOf(*table.get("unless_shared")), "unless_shared",
                     "rule '" + rule.id + "': no [shared_unless] pattern '" + name + "'"));
    }
    pattern += (pattern.empty() ? "(?:" : "|(?:") + it->second + ")";
  }
  return pattern;
}

}  // namespace

core::Result<std::shared_ptr<const CrisisRules>> CrisisRules::Load(const std::string& path) {
  auto root = content::ParseTomlFile(path);
  if (!root) return std::unexpected(root.error());
  std::shared_ptr<CrisisRules> rules(new CrisisRules());
  auto modifiers = ParseModifiers(path, *root);
  if (!modifiers) return std::unexpected(modifiers.error());
  rules->modifiers_ = std::move(*modifiers);
  auto shared_unless = ParseSharedUnless(path, *root);
  if (!shared_unless) return std::unexpected(shared_unless.error());
  auto tables = content::TableArray(path, *root, "rule");
  if (!tables) return std::unexpected(tables.error());
  if (tables->empty()) return std::unexpected(FieldError(path, 1, "rule", "no [[rule]] entries"));
  std::set<std::string> ids;
  std::vector<std::unique_ptr<re2::RE2>> patterns;  // parallel to rules_
  for (const toml::table* table : *tables) {
    auto rule = ParseRule(path, *table);
    if (!rule) return std::unexpected(rule.error());
    if (!ids.insert(rule->id).second) {
      return std::unexpected(FieldError(path, rule->line, "id", "duplicate id '" + rule->id + "'"));
    }
    auto compiled = Compile(rule->pattern);
    if (!compiled->ok()) {
      return std::unexpected(FieldError(path, LineOf(*table->get("pattern")), "pattern",
                                        "rule '" + rule->id + "': " + compiled->error()));
    }
    auto exception = ExceptionPattern(path, *table, *rule, *shared_unless);
    if (!exception) return std::unexpected(exception.error());
    std::unique_ptr<re2::RE2> unless;
    if (!exception->empty()) {
      unless = Compile(*exception);
      if (!unless->ok()) {
        const toml::node* where = table->get("unless");
        return std::unexpected(FieldError(path, LineOf(where ? *where : *table), "unless",
                                          "rule '" + rule->id + "': " + unless->error()));
      }
    }
    rules->rules_.push_back(std::move(*rule));
    patterns.push_back(std::move(compiled));
    rules->unless_.push_back(std::move(unless));
  }
  rules->prefilter_ = RulePrefilter::FromCompiled(std::move(patterns));
  return std::shared_ptr<const CrisisRules>(std::move(rules));
}

std::vector<RuleSpan> CrisisRules::Spans(std::string_view normalized) const {
  return prefilter_->Spans(normalized);
}

std::vector<RuleMatch> CrisisRules::Match(std::string_view normalized) const {
  std::vector<RuleMatch> matches;
  const std::vector<RuleSpan> spans = Spans(normalized);
  if (spans.empty()) return matches;
  const std::vector<Token> tokens = TokenizeForSafety(normalized);
  for (const RuleSpan& span : spans) {
    if (unless_[span.rule] &&
        RE2::PartialMatch(rules_[span.rule].unless_anywhere
                              ? re2::StringPiece(normalized.data(), normalized.size())
                              : ClauseAndNext(normalized, tokens, span.begin),
                          *unless_[span.rule])) {
      // An idiom, accident or recovery nearby ("me corto el pelo"): reported, not counted.
      matches.push_back(RuleMatch{&rules_[span.rule], MatchOutcome::kExcepted, RiskLevel::kNone});
      continue;
    }
    matches.push_back(Judge(rules_[span.rule], normalized, span.begin, span.end, tokens));
  }
  return matches;
}

RuleMatch CrisisRules::Judge(const CrisisRule& rule, std::string_view normalized, std::size_t begin,
                             std::size_t end, const std::vector<Token>& tokens) const {
  if (rule.person == Person::kThird) {
    return RuleMatch{&rule, MatchOutcome::kThirdParty, rule.level};
  }
  const auto first =
      std::find_if(tokens.begin(), tokens.end(), [begin](const Token& t) { return t.end > begin; });
  if (first == tokens.end()) return RuleMatch{&rule, MatchOutcome::kFired, rule.level};
  const auto start = static_cast<std::size_t>(first - tokens.begin());
  if ((rule.negatable && Negated(modifiers_, tokens, start)) ||
      (rule.category != RuleCategory::kAbuseNow && AnsweredNo(modifiers_, tokens, start, end))) {
    return RuleMatch{&rule, MatchOutcome::kNegated, RiskLevel::kNone};
  }
  const std::string_view matched = normalized.substr(begin, end - begin);
  if (AboutThirdParty(modifiers_, tokens, start, matched, rule) ||
      QuotedFromSomeoneElse(modifiers_, tokens, start, rule)) {
    return RuleMatch{&rule, MatchOutcome::kThirdParty, RiskLevel::kElevated};
  }
  if (rule.level == RiskLevel::kCrisis && InPast(modifiers_, tokens, start)) {
    return RuleMatch{&rule, MatchOutcome::kPast, RiskLevel::kElevated};
  }
  return RuleMatch{&rule, MatchOutcome::kFired, rule.level};
}

}  // namespace haven::safety
