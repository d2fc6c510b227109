#include "app/serve.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "app/runtime.h"
#include "http/assess_routes.h"
#include "http/auth_routes.h"
#include "http/chat_routes.h"
#include "http/server.h"
#include "http/static_files.h"

namespace haven::app {

core::Status Serve(const AppConfig& config) {
  auto started = std::chrono::steady_clock::now();
  auto runtime = StartRuntime(config, ContentLoading::kEverything);
  if (!runtime) return std::unexpected(runtime.error());
  Runtime& rt = **runtime;

  http::Metrics metrics;
  http::Router router;
  http::AddAuthRoutes(router, *rt.accounts);
  http::AddChatRoutes(router, {*rt.accounts, *rt.chat, *rt.hotlines, metrics});
  http::AddAssessRoutes(router, {*rt.accounts, *rt.assessments});
  http::AddFhirRoutes(router, {*rt.accounts, *rt.assessments});
  router.Add("GET", "/api/v1/health", [](http::ApiRequest&) {
    return http::JsonResponse(200, {{"status", "ok"}});
  });
  router.Add("GET", "/metrics", [&metrics](http::ApiRequest&) {
    http::ApiResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics.Render();
    return response;
  });
  http::StaticFiles static_files(config.web_root);
  router.SetFallback(
      [&static_files](http::ApiRequest& request) { return static_files.Serve(request); });

  http::ServerOptions options{.bind_address = config.bind,
                              .port = config.port,
                              .threads = config.threads,
                              .max_body_bytes = config.max_body_bytes};
  return http::RunServer(options, router, metrics, [&] {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    spdlog::info("Haven is ready on http://{}:{} (started in {:.0f} ms; data in {})", config.bind,
                 config.port, ms, config.data_dir);
  });
}

}  // namespace haven::app
