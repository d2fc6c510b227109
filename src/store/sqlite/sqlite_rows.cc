#include "store/sqlite/sqlite_rows.h"

#include <nlohmann/json.hpp>

namespace haven::store {

std::string_view RoleColumn(account::Role role) {
  switch (role) {
    case account::Role::kUser:
      return "user";
    case account::Role::kClinician:
      return "clinician";
    case account::Role::kAdmin:
      return "admin";
  }
  return "user";
}

std::optional<account::Role> RoleFromColumn(std::string_view text) {
  if (text == "user") return account::Role::kUser;
  if (text == "clinician") return account::Role::kClinician;
  if (text == "admin") return account::Role::kAdmin;
  return std::nullopt;
}

std::string_view AuthorColumn(dialogue::Author author) {
  return author == dialogue::Author::kCompanion ? "companion" : "user";
}

std::optional<dialogue::Author> AuthorFromColumn(std::string_view text) {
  if (text == "user") return dialogue::Author::kUser;
  if (text == "companion") return dialogue::Author::kCompanion;
  return std::nullopt;
}

std::optional<safety::RiskLevel> RiskLevelFromColumn(std::int64_t level) {
  switch (level) {
    case 0:
      return safety::RiskLevel::kNone;
    case 1:
      return safety::RiskLevel::kElevated;
    case 2:
      return safety::RiskLevel::kCrisis;
    default:
      return std::nullopt;
  }
}

std::string ReasonsColumn(const std::vector<safety::RiskReason>& reasons) {
  nlohmann::json array = nlohmann::json::array();
  for (const safety::RiskReason& reason : reasons) {
    array.push_back({{"source", reason.source}, {"detail", reason.detail}});
  }
  // Replace invalid UTF-8 rather than throw: reasons are rule names and scores, never user text.
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<std::vector<safety::RiskReason>> ReasonsFromColumn(std::string_view json) {
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return std::unexpected(CorruptRow("risk_events", "reasons", json));
  std::vector<safety::RiskReason> reasons;
  for (const nlohmann::json& item : parsed) {
    if (!item.is_object() || !item.contains("source") || !item["source"].is_string() ||
        !item.contains("detail") || !item["detail"].is_string()) {
      return std::unexpected(CorruptRow("risk_events", "reasons", json));
    }
    reasons.push_back({item["source"].get<std::string>(), item["detail"].get<std::string>()});
  }
  return reasons;
}

core::Error CorruptRow(std::string_view table, std::string_view column, std::string_view value) {
  constexpr std::size_t kMaxShown = 80;
  std::string shown(value.substr(0, kMaxShown));
  return core::Error{core::ErrorCode::kInternal,
                     "unreadable value in " + std::string(table) + "." + std::string(column) +
                         ": '" + shown + "' (was the database edited by hand?)",
                     ""};
}

}  // namespace haven::store
