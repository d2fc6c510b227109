// Test helpers: the shipped instrument catalog and answer builders.
#pragma once

#include <string>
#include <vector>

#include "assess/instrument_loader.h"
#include "assess/scoring.h"

namespace haven::assess::testing {

// The catalog from content/instruments (tests run from the repo root). Aborts the test
// binary with the loader's message if the content does not load.
[[nodiscard]] const InstrumentCatalog& ShippedCatalog();

// The shipped instrument with this id; aborts if absent.
[[nodiscard]] const Instrument& Shipped(const std::string& id);

// Answers q1..qN with the given values.
[[nodiscard]] std::vector<ItemAnswer> Numbered(const std::vector<int>& values);

// Answers for the scored items of a sum instrument that add up to `total` (greedy fill).
[[nodiscard]] std::vector<ItemAnswer> AnswersWithTotal(const Instrument& instrument, int total);

}  // namespace haven::assess::testing
