import { describe, expect, it } from "vitest";
import { RouteFromHash } from "./router";
import { LatestConversationId } from "./pages/ChatPage";
import { ErrorsFrom, LooksLikeEmail } from "./pages/forms";
import { ApiError } from "./api";
import { Translate } from "./i18n";

describe("RouteFromHash", () => {
  it("maps hashes to routes", () => {
    expect(RouteFromHash("")).toBe("home");
    expect(RouteFromHash("#/")).toBe("home");
    expect(RouteFromHash("#/chat")).toBe("chat");
    expect(RouteFromHash("#/help/")).toBe("help");
    expect(RouteFromHash("#/login?next=x")).toBe("login");
    expect(RouteFromHash("#/nope")).toBe("notfound");
  });
});

describe("LatestConversationId", () => {
  it("picks the most recently updated conversation", () => {
    expect(LatestConversationId([])).toBeNull();
    expect(
      LatestConversationId([
        { id: "a", created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-03T00:00:00Z" },
        { id: "b", created_at: "2024-01-02T00:00:00Z", updated_at: "2024-01-05T00:00:00Z" },
        { id: "c", created_at: "2024-01-04T00:00:00Z", updated_at: "2024-01-04T00:00:00Z" },
      ]),
    ).toBe("b");
  });
});

describe("form errors", () => {
  const t = (k: Parameters<typeof Translate>[1]) => Translate("en", k);
  it("ties an API error to its field when the form has it", () => {
    const r = ErrorsFrom(new ApiError(409, "already_exists", "Email taken", "email"), ["email", "password"], t);
    expect(r.message).toBe("Email taken");
    expect(r.fieldErrors).toEqual({ email: "Email taken" });
  });
  it("keeps unknown fields at the form level", () => {
    const r = ErrorsFrom(new ApiError(400, "invalid_argument", "Bad", "captcha"), ["email"], t);
    expect(r.fieldErrors).toEqual({});
    expect(r.message).toBe("Bad");
  });
  it("explains network failures in the UI language", () => {
    const r = ErrorsFrom(new ApiError(0, "network", "Failed to fetch"), ["email"], t);
    expect(r.message).toBe(Translate("en", "errNetwork"));
  });
  it("checks email shape loosely", () => {
    expect(LooksLikeEmail("a@b.co")).toBe(true);
    expect(LooksLikeEmail("a@b")).toBe(false);
    expect(LooksLikeEmail("a b@c.de")).toBe(false);
  });
});
