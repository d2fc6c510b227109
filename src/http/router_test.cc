#include "http/router.h"

#include <gtest/gtest.h>

namespace haven::http {
namespace {

ApiRequest Request(std::string method, std::string path) {
  ApiRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

Router TwoRoutes() {
  Router router;
  router.Add("GET", "/api/v1/items/:id/parts", [](ApiRequest& request) {
    return JsonResponse(200, {{"id", request.path_params.at("id")}});
  });
  router.Add("POST", "/api/v1/items", [](ApiRequest&) { return JsonResponse(201, {}); });
  return router;
}

TEST(Router, MatchesPlaceholdersIntoPathParams) {
  Router router = TwoRoutes();
  ApiRequest request = Request("GET", "/api/v1/items/abc/parts");
  ApiResponse response = router.Dispatch(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(nlohmann::json::parse(response.body)["id"], "abc");
}

TEST(Router, UnknownApiPathIsJson404) {
  Router router = TwoRoutes();
  ApiRequest request = Request("GET", "/api/v1/nothing");
  ApiResponse response = router.Dispatch(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "not_found");
}

TEST(Router, KnownPathWithWrongMethodIs405WithAllow) {
  Router router = TwoRoutes();
  ApiRequest request = Request("DELETE", "/api/v1/items");
  ApiResponse response = router.Dispatch(request);
  EXPECT_EQ(response.status, 405);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].second, "POST");
}

TEST(Router, HeadIsServedByTheGetRouteAndListedInAllow) {
  Router router = TwoRoutes();
  ApiRequest head = Request("HEAD", "/api/v1/items/abc/parts");
  EXPECT_EQ(router.Dispatch(head).status, 200);
  ApiRequest put = Request("PUT", "/api/v1/items/abc/parts");
  ApiResponse response = router.Dispatch(put);
  EXPECT_EQ(response.status, 405);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].second, "GET, HEAD");
  ApiRequest head_of_post = Request("HEAD", "/api/v1/items");
  EXPECT_EQ(router.Dispatch(head_of_post).status, 405);
}

TEST(Router, EmptySegmentDoesNotMatchPlaceholder) {
  Router router = TwoRoutes();
  ApiRequest request = Request("GET", "/api/v1/items//parts");
  EXPECT_EQ(router.Dispatch(request).status, 404);
}

TEST(Router, NonApiPathsGoToFallback) {
  Router router = TwoRoutes();
  router.SetFallback([](ApiRequest&) { return JsonResponse(299, {}); });
  ApiRequest page = Request("GET", "/chat");
  EXPECT_EQ(router.Dispatch(page).status, 299);
  ApiRequest api = Request("GET", "/api/v2/x");
  EXPECT_EQ(router.Dispatch(api).status, 404);
}

}  // namespace
}  // namespace haven::http
