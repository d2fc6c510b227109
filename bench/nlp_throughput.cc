// In-process throughput of what Haven does with every message: nlp::Analyzer::Analyze then
// safety::SafetyAssessor::Assess, on one thread, over the lines of a file. Measured like the
// peers in bench/peers/compare.mjs: warm-up calls first, then one timed pass over all lines.
//   nlp_throughput MESSAGES.txt [--warmup N]   (run from the repository root)
// Prints one JSON line: messages, seconds, msgs_per_s, us_per_msg, crisis (count at level crisis).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/analyzer.h"
#include "safety/safety.h"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: nlp_throughput MESSAGES.txt [--warmup N] (from the repo root)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) == "--help") return Usage();
  std::size_t warmup = 500;
  if (argc == 4 && std::string_view(argv[2]) == "--warmup") {
    warmup = std::strtoul(argv[3], nullptr, 10);
  } else if (argc != 2) {
    return Usage();
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  std::vector<std::string> messages;
  for (std::string line; std::getline(in, line);) messages.push_back(line);
  auto analyzer = haven::nlp::Analyzer::Load("models", "content");
  auto assessor = haven::safety::SafetyAssessor::Load("content");
  if (!analyzer || !assessor) {
    std::fprintf(stderr, "cannot load models/ or content/: %s\n",
                 (!analyzer ? analyzer.error() : assessor.error()).message.c_str());
    return 1;
  }
  auto judge = [&](const std::string& text) {
    const haven::nlp::Analysis analysis = (*analyzer)->Analyze(text);
    return (*assessor)->Assess(text, &analysis, {}).level == haven::safety::RiskLevel::kCrisis;
  };
  for (std::size_t i = 0; i < warmup && !messages.empty(); ++i) {
    judge(messages[i % messages.size()]);
  }
  std::size_t crisis = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& message : messages) crisis += judge(message) ? 1 : 0;
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  const double seconds = elapsed.count();
  const auto count = static_cast<double>(messages.size());
  std::printf(
      "{\"messages\":%zu,\"seconds\":%.6f,\"msgs_per_s\":%.1f,\"us_per_msg\":%.3f,"
      "\"crisis\":%zu}\n",
      messages.size(), seconds, seconds > 0 ? count / seconds : 0.0,
      count > 0 ? seconds * 1e6 / count : 0.0, crisis);
  return 0;
}
