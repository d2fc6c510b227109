// The only translation unit that includes RESTinio.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <csignal>
#include <restinio/all.hpp>
#include <thread>
#include <vector>

namespace haven::http {
namespace {

using ServerTraits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

ApiRequest ToApiRequest(const restinio::request_handle_t& req) {
  const auto& header = req->header();
  ApiRequest request;
  request.method = header.method().c_str();
  request.path = std::string(header.path());
  request.query = ParseQueryString(std::string_view(header.query().data(), header.query().size()));
  request.authorization = header.get_field_or(restinio::http_field::authorization, "");
  request.content_type = header.get_field_or(restinio::http_field::content_type, "");
  request.body = req->body();
  request.client_address = req->remote_endpoint().address().to_string();
  return request;
}

template <typename Builder>
void AppendHeaders(Builder& builder, const ApiResponse& response) {
  if (!response.content_type.empty()) {
    builder.append_header(restinio::http_field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) builder.append_header(name, value);
}

restinio::request_handling_status_t Respond(const restinio::request_handle_t& req,
                                            const ServerOptions& options, const Router& router,
                                            Metrics& metrics) {
  auto started = std::chrono::steady_clock::now();
  ApiRequest request = ToApiRequest(req);
  ApiResponse response = HandleRequest(options, router, request);

  const restinio::http_status_line_t status_line(restinio::http_status_code_t(response.status),
                                                 std::string(ReasonPhrase(response.status)));
  // Recorded before the response leaves, so a client that reads /metrics next sees it.
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics.ObserveRequest(request.method, response.status, seconds);
  spdlog::debug("{} {} -> {} ({:.1f} ms)", request.method, request.path, response.status,
                seconds * 1000);
  if (request.method == "HEAD") {
    // The headers GET would send, Content-Length included, and no body (RFC 9110 §9.3.2).
    auto builder = req->create_response<restinio::user_controlled_output_t>(status_line);
    AppendHeaders(builder, response);
    builder.set_content_length(response.body.size());
    builder.done();
  } else {
    auto builder = req->create_response(status_line);
    AppendHeaders(builder, response);
    builder.set_body(std::move(response.body));
    builder.done();
  }
  return restinio::request_accepted();
}

}  // namespace

core::Status RunServer(const ServerOptions& options, const Router& router, Metrics& metrics,
                       const std::function<void()>& on_listening) {
  asio::io_context io_context;
  // Bodies up to 16x the API limit are read so the client gets a 413 JSON answer; beyond that
  // RESTinio drops the connection rather than buffer without bound.
  std::uint64_t hard_body_limit = std::max<std::uint64_t>(options.max_body_bytes * 16, 1 << 20);
  using Settings = restinio::server_settings_t<ServerTraits>;
  restinio::http_server_t<ServerTraits> server{
      restinio::external_io_context(io_context),
      Settings{}
          .port(static_cast<std::uint16_t>(options.port))
          .address(options.bind_address)
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                        .max_body_size(hard_body_limit)
                                        .max_url_size(8 * 1024)
                                        .max_field_count(100))
          .read_next_http_message_timelimit(std::chrono::seconds(60))
          .handle_request_timeout(std::chrono::seconds(30))
          .request_handler([&](const restinio::request_handle_t& req) {
            return Respond(req, options, router, metrics);
          })};

  std::string open_error;
  asio::signal_set stop_signals(io_context, SIGINT, SIGTERM);
  stop_signals.async_wait([&](const asio::error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("signal {} received: finishing requests and stopping", signal_number);
    server.close_async([&] { io_context.stop(); }, [&](std::exception_ptr) { io_context.stop(); });
  });
  server.open_async([&] { on_listening(); },
                    [&](std::exception_ptr error) {
                      try {
                        if (error) std::rethrow_exception(error);
                      } catch (const std::exception& e) {
                        open_error = e.what();
                      }
                      io_context.stop();
                    });

  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < std::max<std::size_t>(options.threads, 1); ++i) {
    workers.emplace_back([&io_context] { io_context.run(); });
  }
  io_context.run();
  for (auto& worker : workers) worker.join();

  if (!open_error.empty()) {
    return core::Fail(core::ErrorCode::kUnavailable, "cannot listen on " + options.bind_address +
                                                         ":" + std::to_string(options.port) + ": " +
                                                         open_error);
  }
  return {};
}

}  // namespace haven::http
