#include "account/ports.h"

namespace haven::account {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kUser:
      return "user";
    case Role::kClinician:
      return "clinician";
    case Role::kAdmin:
      return "admin";
  }
  return "user";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "user") return Role::kUser;
  if (name == "clinician") return Role::kClinician;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

}  // namespace haven::account
