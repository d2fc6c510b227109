// Prometheus metrics for /metrics. Counts and timings only: never text, never user ids.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace prometheus {
class Registry;
class Histogram;
template <typename T>
class Family;
class Counter;
}  // namespace prometheus

namespace haven::http {

// Thread-safe.
class Metrics {
 public:
  Metrics();
  ~Metrics();

  // One finished HTTP request: method, status and how long it took.
  void ObserveRequest(std::string_view method, int status, double seconds);
  // One chat turn judged at `risk_level` ("none", "elevated", "crisis").
  void CountChatTurn(std::string_view risk_level);

  // The Prometheus text exposition format of everything recorded.
  [[nodiscard]] std::string Render() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Counter>* chat_turns_;
  prometheus::Histogram* latency_;
};

}  // namespace haven::http
