#include <gtest/gtest.h>

#include <stdexcept>

#include "http/server.h"

namespace haven::http {
namespace {

bool HasHeader(const ApiResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return true;
  }
  return false;
}

TEST(RequestPipeline, OversizedBodyIs413Json) {
  Router router;
  router.Add("POST", "/api/v1/x", [](ApiRequest&) { return JsonResponse(200, {}); });
  ServerOptions options;
  options.max_body_bytes = 10;
  ApiRequest request;
  request.method = "POST";
  request.path = "/api/v1/x";
  request.body = std::string(11, 'a');
  ApiResponse response = HandleRequest(options, router, request);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "payload_too_large");
}

TEST(RequestPipeline, ThrowingHandlerIs500JsonWithoutDetails) {
  Router router;
  router.Add("GET", "/api/v1/boom",
             [](ApiRequest&) -> ApiResponse { throw std::runtime_error("secret detail"); });
  ApiRequest request;
  request.method = "GET";
  request.path = "/api/v1/boom";
  ApiResponse response = HandleRequest(ServerOptions{}, router, request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
}

TEST(RequestPipeline, EveryResponseCarriesSecurityHeaders) {
  Router router;
  ApiRequest request;
  request.method = "GET";
  request.path = "/api/v1/none";
  ApiResponse response = HandleRequest(ServerOptions{}, router, request);
  EXPECT_TRUE(HasHeader(response, "Content-Security-Policy"));
  EXPECT_TRUE(HasHeader(response, "X-Content-Type-Options"));
  EXPECT_TRUE(HasHeader(response, "Cache-Control"));
}

TEST(QueryString, DecodesPercentAndPlus) {
  auto params = ParseQueryString("locale=es-MX&q=a%20b+c&flag&=x");
  EXPECT_EQ(params["locale"], "es-MX");
  EXPECT_EQ(params["q"], "a b c");
  EXPECT_EQ(params["flag"], "");
}

}  // namespace
}  // namespace haven::http
