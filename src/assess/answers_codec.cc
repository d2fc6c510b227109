#include "assess/answers_codec.h"

#include <limits>
#include <nlohmann/json.hpp>

namespace haven::assess {

using core::ErrorCode;
using core::Fail;
using core::Result;

std::string AnswersToJson(const std::vector<ItemAnswer>& answers) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const ItemAnswer& answer : answers) object[answer.item_id] = answer.value;
  return object.dump();
}

Result<std::vector<ItemAnswer>> AnswersFromJson(std::string_view json) {
  nlohmann::ordered_json object =
      nlohmann::ordered_json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "stored answers are not a JSON object", "answers");
  }
  std::vector<ItemAnswer> answers;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_number_integer() || value.get<long long>() < std::numeric_limits<int>::min() ||
        value.get<long long>() > std::numeric_limits<int>::max()) {
      return Fail(ErrorCode::kInvalidArgument, "stored answer is not an integer", "answers." + key);
    }
    answers.push_back(ItemAnswer{key, value.get<int>()});
  }
  return answers;
}

}  // namespace haven::assess
