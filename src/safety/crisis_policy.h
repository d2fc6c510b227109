// How safety combines its rules with the crisis model's score and the person's recent history:
// the thresholds, read from content/safety/crisis_policy.toml (data, tuned on dev; see
// models/crisis.md), never from code.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace haven::safety {

// Model thresholds for one kind of text (chat message or long post), on P(crisis). A threshold
// of 1 turns its step off (the saturated softmax gives 1 to many ordinary texts).
struct ModelBand {
  double crisis = 2.0;          // score >= crisis -> crisis (default 2: never)
  double elevated = 2.0;        // score >= elevated -> elevated
  double context_crisis = 2.0;  // replaces `crisis` after a recent crisis or risk item
  // When a rule matched but was negated or in the past, the model must reach this for crisis
  // (and `crisis` for elevated): the words say "not" or "over", so the model needs more.
  double guarded_crisis = 2.0;
  // When a rule matched about someone else ("my friend wants to die"), the model alone makes
  // crisis only from this near-certain score: the writer's own risk showing through a named
  // person ("wish I could tell mum it's the last dinner"). Optional; 2 (default) never.
  double third_party_crisis = 2.0;
  // Whether negated, past and third-party rule matches hold the model back (above). False for
  // long posts: one such sentence among many says little about the rest of the post.
  bool modifiers_hold_model = true;
  // Elevated by the model alone with a score below this, in a text that no rule matched and
  // that names no risk word: a gentle check-in beside the normal reply instead of the direct
  // safety question (CheckIn::kGentle). Optional; 0 (the default) always asks directly.
  double gentle_below = 0.0;
};

struct CrisisPolicy {
  std::size_t long_text_words = 64;  // texts with more words use `long_post`
  ModelBand chat;
  ModelBand long_post;
  std::string tuned_for_model;  // fingerprint of the crisis model the figures were tuned on
  // The band that applies to a text of `input_words` words.
  [[nodiscard]] const ModelBand& BandFor(std::size_t input_words) const {
    return input_words > long_text_words ? long_post : chat;
  }
};

// Reads `path`. InvalidArgument naming file, line and field when a threshold is missing, not a
// number, outside [0, 1], or when elevated > crisis, guarded_crisis < crisis or
// third_party_crisis < crisis.
[[nodiscard]] core::Result<CrisisPolicy> LoadCrisisPolicy(const std::string& path);

}  // namespace haven::safety
