#include "http/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace haven::http {

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("haven_http_requests_total")
                   .Help("HTTP requests served, by method and status")
                   .Register(*registry_);
  chat_turns_ = &prometheus::BuildCounter()
                     .Name("haven_chat_turns_total")
                     .Help("Chat turns, by the risk level safety assigned")
                     .Register(*registry_);
  latency_ =
      &prometheus::BuildHistogram()
           .Name("haven_http_request_duration_seconds")
           .Help("Time from request parsed to response ready")
           .Register(*registry_)
           .Add({}, prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                            0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5});
}

Metrics::~Metrics() = default;

void Metrics::ObserveRequest(std::string_view method, int status, double seconds) {
  requests_->Add({{"method", std::string(method)}, {"status", std::to_string(status)}}).Increment();
  latency_->Observe(seconds);
}

void Metrics::CountChatTurn(std::string_view risk_level) {
  chat_turns_->Add({{"risk", std::string(risk_level)}}).Increment();
}

std::string Metrics::Render() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace haven::http
