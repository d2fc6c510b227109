#include "assess/testing/catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace haven::assess::testing {

const InstrumentCatalog& ShippedCatalog() {
  static const InstrumentCatalog catalog = [] {
    auto loaded = InstrumentCatalog::LoadDirectory("content/instruments");
    if (!loaded) {
      std::fprintf(stderr, "cannot load content/instruments: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return catalog;
}

const Instrument& Shipped(const std::string& id) {
  const Instrument* instrument = ShippedCatalog().Find(id);
  if (instrument == nullptr) {
    std::fprintf(stderr, "no shipped instrument %s\n", id.c_str());
    std::abort();
  }
  return *instrument;
}

std::vector<ItemAnswer> Numbered(const std::vector<int>& values) {
  std::vector<ItemAnswer> answers;
  for (std::size_t i = 0; i < values.size(); ++i) {
    answers.push_back(ItemAnswer{"q" + std::to_string(i + 1), values[i]});
  }
  return answers;
}

std::vector<ItemAnswer> AnswersWithTotal(const Instrument& instrument, int total) {
  std::vector<ItemAnswer> answers;
  int remaining = total;
  for (const Item& item : instrument.items) {
    if (!item.scored) continue;
    int best = 0;
    for (const AnswerOption& option : item.options) {
      if (option.score <= remaining) best = std::max(best, option.score);
    }
    answers.push_back(ItemAnswer{item.id, best});
    remaining -= best;
  }
  return answers;
}

}  // namespace haven::assess::testing
