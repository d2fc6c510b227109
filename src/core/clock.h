// Time as an injected dependency, so tests control it.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace haven::core {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// Milliseconds since the Unix epoch: the form timestamps take in stores and JSON.
[[nodiscard]] inline std::int64_t ToUnixMillis(Timestamp t) { return t.time_since_epoch().count(); }
[[nodiscard]] inline Timestamp FromUnixMillis(std::int64_t ms) {
  return Timestamp(std::chrono::milliseconds(ms));
}

// Source of the current time. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Timestamp Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start = FromUnixMillis(1'700'000'000'000)) : now_(start) {}
  [[nodiscard]] Timestamp Now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void Advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  Timestamp now_;
};

// ISO-8601 UTC text ("2026-11-23T14:40:01.123Z") for a timestamp.
[[nodiscard]] std::string FormatIso8601(Timestamp t);

}  // namespace haven::core
