#include "assess/instrument.h"

namespace haven::assess {

const std::string& TextFor(const LocalizedText& text, std::string_view locale) {
  static const std::string kEmpty;
  std::string_view language = locale.substr(0, locale.find_first_of("-_"));
  if (auto it = text.find(language); it != text.end()) return it->second;
  if (auto it = text.find("en"); it != text.end()) return it->second;
  return kEmpty;
}

std::string_view CssrsRiskName(CssrsRisk risk) {
  switch (risk) {
    case CssrsRisk::kNone:
      return "none";
    case CssrsRisk::kLow:
      return "low";
    case CssrsRisk::kModerate:
      return "moderate";
    case CssrsRisk::kHigh:
      return "high";
  }
  return "none";
}

const Item* Instrument::FindItem(std::string_view item_id) const {
  for (const Item& item : items) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

const Band* Instrument::BandFor(int value) const {
  for (const Band& band : bands) {
    if (value >= band.min && value <= band.max) return &band;
  }
  return nullptr;
}

}  // namespace haven::assess
