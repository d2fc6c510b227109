// The compact JSON form of answers kept in storage: {"q1":2,"q2":0,...} in item order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assess/scoring.h"
#include "core/result.h"

namespace haven::assess {

// Serialises answers as one JSON object of item id -> integer, preserving order.
[[nodiscard]] std::string AnswersToJson(const std::vector<ItemAnswer>& answers);

// Parses AnswersToJson output. InvalidArgument (field "answers") for malformed JSON, a
// non-object, or a non-integer value. Does not check the answers against an instrument.
[[nodiscard]] core::Result<std::vector<ItemAnswer>> AnswersFromJson(std::string_view json);

}  // namespace haven::assess
