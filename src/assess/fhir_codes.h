// Internal to haven_assess: code systems and codings shared by FHIR export and import.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "assess/fhir.h"

namespace haven::assess::internal {

// Haven's code system for `name` under the configured base, e.g. ".../CodeSystem/phq9-answers".
[[nodiscard]] std::string HavenSystem(const FhirOptions& options, const std::string& name);

// The Coding of an answer option: LOINC LA code when published, else a Haven code (the score).
[[nodiscard]] nlohmann::json AnswerCoding(const Instrument& instrument, const AnswerOption& option,
                                          const FhirOptions& options);

// True when `coding` (a JSON Coding) denotes `option`. A LOINC answer may omit its system.
[[nodiscard]] bool CodingMatches(const nlohmann::json& coding, const Instrument& instrument,
                                 const AnswerOption& option, const FhirOptions& options);

}  // namespace haven::assess::internal
