#include "http/assess_routes.h"

#include <chrono>
#include <limits>

#include "http/auth_routes.h"
#include "http/chat_routes.h"
#include "http/request_body.h"
#include "safety/safety.h"

namespace haven::http {
namespace {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

std::string_view ChangeCategoryName(assess::ChangeCategory category) {
  switch (category) {
    case assess::ChangeCategory::kReliableImprovement:
      return "reliable_improvement";
    case assess::ChangeCategory::kReliableDeterioration:
      return "reliable_deterioration";
    case assess::ChangeCategory::kNoReliableChange:
      break;
  }
  return "no_reliable_change";
}

json ChangeJson(const assess::ChangeAgainst& against) {
  const assess::ChangeSummary& s = against.summary;
  json out = {
      {"submission_id", against.submission_id},
      {"from", {{"submitted_at", core::FormatIso8601(s.first.at)}, {"total", s.first.total}}},
      {"change", s.change},
      {"rci", s.rci ? json(*s.rci) : json()},
      {"category", s.jacobson_truax ? json(ChangeCategoryName(*s.jacobson_truax)) : json()},
      {"nhs_category", s.nhs ? json(ChangeCategoryName(*s.nhs)) : json()},
      {"case_at_first", s.case_at_first},
      {"case_at_last", s.case_at_last},
      {"recovered", s.recovered},
      {"reliably_recovered", s.reliably_recovered}};
  return out;
}

json InstrumentSummaryJson(const assess::Instrument& instrument, std::string_view locale) {
  return {{"id", instrument.id},
          {"name", instrument.name},
          {"title", assess::TextFor(instrument.title, locale)},
          {"item_count", instrument.items.size()},
          {"kind", instrument.kind == assess::ScoringKind::kSum ? "sum" : "cssrs"},
          {"due_every_days", instrument.due_every_days}};
}

json ItemJson(const assess::Item& item, std::string_view locale) {
  json options = json::array();
  for (const assess::AnswerOption& option : item.options) {
    options.push_back({{"score", option.score}, {"label", assess::TextFor(option.label, locale)}});
  }
  json out = {{"id", item.id},
              {"text", assess::TextFor(item.text, locale)},
              {"required", item.required},
              {"scored", item.scored},
              {"options", options}};
  if (item.enable_when) {
    out["enable_when"] = {{"item_id", item.enable_when->item_id},
                          {"equals", item.enable_when->equals}};
  }
  return out;
}

json InstrumentJson(const assess::Instrument& instrument, std::string_view locale) {
  json out = InstrumentSummaryJson(instrument, locale);
  out["version"] = instrument.version;
  out["locale"] = safety::SupportedLanguage(locale);
  out["instructions"] = assess::TextFor(instrument.instructions, locale);
  json items = json::array();
  for (const assess::Item& item : instrument.items) items.push_back(ItemJson(item, locale));
  out["items"] = items;
  json bands = json::array();
  for (const assess::Band& band : instrument.bands) {
    bands.push_back({{"min", band.min},
                     {"max", band.max},
                     {"code", band.code},
                     {"label", assess::TextFor(band.label, locale)}});
  }
  out["bands"] = bands;
  out["min_total"] = instrument.min_total;
  out["max_total"] = instrument.max_total;
  out["higher_is_better"] = instrument.higher_is_better;
  out["percentage_multiplier"] = instrument.percentage_multiplier;
  out["bands_on_percentage"] = instrument.bands_on_percentage;
  out["licence"] = {{"holder", instrument.licence.holder},
                    {"note", instrument.licence.note},
                    {"source", instrument.licence.source},
                    {"translation_source", instrument.licence.translation_source}};
  return out;
}

core::Result<std::vector<assess::ItemAnswer>> ParseAnswers(const json& body) {
  auto it = body.find("answers");
  if (it == body.end() || !it->is_object()) {
    return Fail(ErrorCode::kInvalidArgument,
                "answers is required: an object of item id to score, e.g. {\"q1\": 2}", "answers");
  }
  std::vector<assess::ItemAnswer> answers;
  for (const auto& [item_id, value] : it->items()) {
    if (!value.is_number_integer() || value.get<long long>() < std::numeric_limits<int>::min() ||
        value.get<long long>() > std::numeric_limits<int>::max()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "the answer to " + item_id + " must be the whole-number score of an option",
                  "answers." + item_id);
    }
    answers.push_back(assess::ItemAnswer{item_id, value.get<int>()});
  }
  return answers;
}

enum class DayEdge { kStart, kEnd };

// "2024-03-15" (the start, or with kEnd the end, of that UTC day) or an ISO date-time with zone.
core::Result<core::Timestamp> ParseInstant(const std::string& text, const std::string& field,
                                           DayEdge edge) {
  const auto invalid = [&] {
    return core::Error{ErrorCode::kInvalidArgument,
                       field +
                           " must be a date like 2024-03-15 or a date-time like "
                           "2024-03-15T10:00:00Z, got '" +
                           text.substr(0, 40) + "'",
                       field};
  };
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
      return std::unexpected(invalid());
    const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month(m),
                                          std::chrono::day(d)};
    if (!day.ok()) return std::unexpected(invalid());
    auto start = std::chrono::sys_days(day) + std::chrono::days(edge == DayEdge::kEnd ? 1 : 0);
    return std::chrono::time_point_cast<std::chrono::milliseconds>(start);
  }
  auto parsed = assess::ParseFhirDateTime(text, field);
  if (!parsed) return std::unexpected(invalid());
  return *parsed;
}

std::string QueryValue(const ApiRequest& request, const std::string& name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? "" : it->second;
}

ApiResponse ListInstruments(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  const std::string locale = RequestLocale(request, *user);
  json list = json::array();
  for (const assess::Instrument& instrument : deps.assessments.catalog().All()) {
    list.push_back(InstrumentSummaryJson(instrument, locale));
  }
  return JsonResponse(200, {{"locale", safety::SupportedLanguage(locale)}, {"instruments", list}});
}

ApiResponse GetInstrument(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  const std::string& id = request.path_params.at("id");
  const assess::Instrument* instrument = deps.assessments.catalog().Find(id);
  if (instrument == nullptr) {
    return ErrorResponse(404, "not_found", "There is no instrument '" + id + "'.", "instrument");
  }
  return JsonResponse(200, InstrumentJson(*instrument, RequestLocale(request, *user)));
}

ApiResponse Submit(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  const std::string& instrument_id = request.path_params.at("id");
  if (deps.assessments.catalog().Find(instrument_id) == nullptr) {
    return ErrorResponse(404, "not_found", "There is no instrument '" + instrument_id + "'.",
                         "instrument");
  }
  auto body = ParseJsonObject(request);
  if (!body) return ErrorResponse(body.error());
  auto answers = ParseAnswers(*body);
  if (!answers) return ErrorResponse(answers.error());
  auto client_id = OptionalString(*body, "client_submission_id");
  if (!client_id) return ErrorResponse(client_id.error());
  auto locale = OptionalString(*body, "locale");
  if (!locale) return ErrorResponse(locale.error());
  const std::string shown_in = locale->value_or(RequestLocale(request, *user));

  auto result = deps.assessments.Submit(assess::SubmitRequest{.user_id = user->id,
                                                              .instrument_id = instrument_id,
                                                              .answers = std::move(*answers),
                                                              .client_submission_id = *client_id,
                                                              .locale = shown_in,
                                                              .taken_at = std::nullopt});
  if (!result) return ErrorResponse(result.error());
  return JsonResponse(result->stored ? 201 : 200,
                      SubmitResultJson(deps.assessments.catalog(), *result, shown_in));
}

ApiResponse History(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  assess::SubmissionQuery query{user->id, QueryValue(request, "instrument"), {}, {}};
  if (std::string from = QueryValue(request, "from"); !from.empty()) {
    auto parsed = ParseInstant(from, "from", DayEdge::kStart);
    if (!parsed) return ErrorResponse(parsed.error());
    query.from = *parsed;
  }
  if (std::string to = QueryValue(request, "to"); !to.empty()) {
    auto parsed = ParseInstant(to, "to", DayEdge::kEnd);
    if (!parsed) return ErrorResponse(parsed.error());
    query.to = *parsed;
  }
  if (query.from && query.to && *query.to <= *query.from) {
    return ErrorResponse(400, "invalid_argument", "to must be after from", "to");
  }
  auto history = deps.assessments.History(query);
  if (!history) return ErrorResponse(history.error());
  const std::string locale = RequestLocale(request, *user);
  json list = json::array();
  for (const assess::StoredSubmission& submission : *history) {
    list.push_back(
        SubmissionJson(deps.assessments.catalog(), submission, locale, WithAnswers::kYes));
  }
  return JsonResponse(200, {{"assessments", list}});
}

ApiResponse Due(ApiRequest& request, AssessRouteDependencies& deps) {
  auto user = AuthenticatedUser(request, deps.accounts);
  if (!user) return ErrorResponse(user.error());
  auto due = deps.assessments.Due(user->id);
  if (!due) return ErrorResponse(due.error());
  json list = json::array();
  for (const assess::DueInstrument& item : *due) {
    list.push_back(
        {{"instrument", item.instrument_id},
         {"due", item.status.due},
         {"next_due", core::FormatIso8601(item.status.next_due)},
         {"every_days", item.every_days},
         {"last_submitted_at",
          item.last_submitted_at ? json(core::FormatIso8601(*item.last_submitted_at)) : json()}});
  }
  return JsonResponse(200, {{"due", list}});
}

}  // namespace

std::string RequestLocale(const ApiRequest& request, const account::User& user) {
  std::string locale = QueryValue(request, "locale");
  if (locale.empty()) locale = user.locale;
  return locale.empty() ? "en" : locale;
}

json SubmissionJson(const assess::InstrumentCatalog& catalog,
                    const assess::StoredSubmission& submission, std::string_view locale,
                    WithAnswers with_answers) {
  const assess::Instrument* instrument = catalog.Find(submission.instrument_id);
  json out = {{"id", submission.id},
              {"instrument", submission.instrument_id},
              {"instrument_version", submission.instrument_version},
              {"client_submission_id", submission.client_submission_id},
              {"submitted_at", core::FormatIso8601(submission.submitted_at)},
              {"locale", submission.locale},
              {"total", submission.total ? json(*submission.total) : json()},
              {"flags", submission.flags}};
  if (instrument != nullptr && submission.total) {
    out["max_total"] = instrument->max_total;
    if (instrument->percentage_multiplier > 0) {
      out["percentage"] = *submission.total * instrument->percentage_multiplier;
    }
    if (instrument->screen) {
      const bool positive = *submission.total >= instrument->screen->positive_at;
      out["screen_positive"] = positive;
      if (positive) out["offer_instrument"] = instrument->screen->offer_id;
    }
  }
  if (!submission.band_code.empty()) {
    std::string label = submission.band_code;
    for (const assess::Band& band : instrument ? instrument->bands : std::vector<assess::Band>{}) {
      if (band.code == submission.band_code) label = assess::TextFor(band.label, locale);
    }
    out["severity"] = {{"code", submission.band_code}, {"label", label}};
  }
  if (!submission.cssrs_risk.empty()) out["risk_level"] = submission.cssrs_risk;
  if (with_answers == WithAnswers::kYes) {
    json answers = json::object();
    for (const assess::ItemAnswer& answer : submission.answers)
      answers[answer.item_id] = answer.value;
    out["answers"] = answers;
  }
  return out;
}

json SubmitResultJson(const assess::InstrumentCatalog& catalog, const assess::SubmitResult& result,
                      std::string_view locale) {
  json out = SubmissionJson(catalog, result.submission, locale, WithAnswers::kNo);
  if (result.reliable_change) {
    const assess::ReliableChange& change = *result.reliable_change;
    out["reliable_change"] = {{"threshold", change.threshold ? json(*change.threshold) : json()},
                              {"since_first", ChangeJson(change.since_first)},
                              {"since_previous", ChangeJson(change.since_previous)}};
  }
  if (result.safety) {
    out["safety"] = {{"level", safety::RiskLevelName(result.safety->level)},
                     {"message", result.safety->message},
                     {"resources", CrisisResourcesJson(result.safety->resources)},
                     {"care_team_alerted", result.safety->care_team_alerted}};
  }
  out["stored"] = result.stored;
  return out;
}

void AddAssessRoutes(Router& router, AssessRouteDependencies deps) {
  router.Add("GET", "/api/v1/instruments",
             [deps](ApiRequest& request) mutable { return ListInstruments(request, deps); });
  router.Add("GET", "/api/v1/instruments/:id",
             [deps](ApiRequest& request) mutable { return GetInstrument(request, deps); });
  router.Add("GET", "/api/v1/assessments",
             [deps](ApiRequest& request) mutable { return History(request, deps); });
  router.Add("GET", "/api/v1/assessments/due",
             [deps](ApiRequest& request) mutable { return Due(request, deps); });
  router.Add("POST", "/api/v1/assessments/:id",
             [deps](ApiRequest& request) mutable { return Submit(request, deps); });
}

}  // namespace haven::http
