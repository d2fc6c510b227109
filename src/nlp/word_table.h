// Fixed tables of words for the text pipelines' hot lookups: open addressing on FNV-1a with the
// key bytes kept in one buffer, so a lookup is a short hash, a probe or two and one compare (a
// std::unordered_map hashes with murmur and chases a node per entry). Built once, then
// immutable: Find is const and thread-safe. Internal to the nlp and safety modules.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace haven::nlp {

template <typename Value>
class WordMap {
 public:
  WordMap() = default;
  // Like std::unordered_map's initializer list: the first value of a repeated key is kept.
  WordMap(std::initializer_list<std::pair<std::string_view, Value>> entries) {
    for (const auto& [key, value] : entries) Insert(key, value);
  }

  // Adds `key` -> `value`; false (nothing changed) when `key` is already there.
  bool Insert(std::string_view key, Value value) { return Put(key, std::move(value), false); }
  // Adds `key` -> `value`, replacing any value it had.
  void Assign(std::string_view key, Value value) { Put(key, std::move(value), true); }

  // The value of `key`, or nullptr.
  [[nodiscard]] const Value* Find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const std::uint32_t hash = Hash(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask; slots_[i].length != kEmpty; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.hash == hash && slot.length == key.size() &&
          std::memcmp(chars_.data() + slot.offset, key.data(), key.size()) == 0) {
        return &values_[slot.value];
      }
    }
    return nullptr;
  }
  [[nodiscard]] bool contains(std::string_view key) const { return Find(key) != nullptr; }
  [[nodiscard]] std::size_t size() const { return values_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFU;
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t length = kEmpty;  // kEmpty: an empty slot
    std::uint32_t offset = 0;       // into chars_
    std::uint32_t value = 0;        // into values_
  };

  static std::uint32_t Hash(std::string_view key) {
    std::uint32_t h = 2166136261U;
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 16777619U;
    return h;
  }

  bool Put(std::string_view key, Value value, bool replace) {
    if (Value* existing = const_cast<Value*>(Find(key))) {
      if (replace) *existing = std::move(value);
      return false;
    }
    if (2 * (values_.size() + 1) > slots_.size()) Grow();
    const auto offset = static_cast<std::uint32_t>(chars_.size());
    chars_.append(key);
    values_.push_back(std::move(value));
    Place(Slot{Hash(key), static_cast<std::uint32_t>(key.size()), offset,
               static_cast<std::uint32_t>(values_.size() - 1)});
    return true;
  }

  void Place(const Slot& slot) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = slot.hash & mask;
    while (slots_[i].length != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }

  void Grow() {  // at most half full
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{});
    for (const Slot& slot : old) {
      if (slot.length != kEmpty) Place(slot);
    }
  }

  std::string chars_;  // every key's bytes, one after the other
  std::vector<Value> values_;
  std::vector<Slot> slots_;
};

// A set of words.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view word : words) map_.Insert(word, 1);
  }
  [[nodiscard]] bool contains(std::string_view word) const { return map_.contains(word); }

 private:
  WordMap<std::uint8_t> map_;  // not bool: std::vector<bool> holds no addressable values
};

}  // namespace haven::nlp
