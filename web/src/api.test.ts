import { describe, expect, it } from "vitest";
import { Api, ApiError, DialString, kNetworkErrorCode, PhoneNumbers, SmsHref } from "./api";

function FakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}) {
  return async (url: string, init?: RequestInit) => {
    seen.url = url;
    seen.init = init;
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, statusText: "X" });
  };
}

describe("Api", () => {
  it("sends JSON with the bearer token and parses the answer", async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const api = new Api("/api/v1", FakeFetch(200, { conversation_id: "c1", replies: [], risk: { level: "none", score: 0, reasons: [] } }, seen));
    api.token = "tok";
    const res = await api.sendMessage("hi");
    expect(res.conversation_id).toBe("c1");
    expect(seen.url).toBe("/api/v1/chat/messages");
    expect(seen.init?.method).toBe("POST");
    expect(JSON.parse(String(seen.init?.body))).toEqual({ text: "hi" });
    expect((seen.init?.headers as Record<string, string>)["Authorization"]).toBe("Bearer tok");
  });

  it("turns an error body into an ApiError with code, message and field", async () => {
    const api = new Api("/api/v1", FakeFetch(400, { error: { code: "invalid_argument", message: "Too short", field: "password" } }));
    const err = await api.signup({ email: "a@b.co", password: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_argument");
    expect(err.message).toBe("Too short");
    expect(err.field).toBe("password");
  });

  it("names the status when the error body is not JSON", async () => {
    const api = new Api("/api/v1", FakeFetch(502, "<html>bad gateway</html>"));
    const err = await api.me().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(502);
    expect(err.message).toContain("502");
    expect(err.field).toBeUndefined();
  });

  it("reports network failures with status 0", async () => {
    const api = new Api("/api/v1", async () => {
      throw new TypeError("Failed to fetch");
    });
    const err = await api.conversations().catch((e) => e);
    expect(err.status).toBe(0);
    expect(err.code).toBe(kNetworkErrorCode);
  });

  it("returns nothing for 204 and escapes path and query parts", async () => {
    const seen: { url?: string } = {};
    const api = new Api("/api/v1", FakeFetch(204, undefined, seen));
    await expect(api.logout()).resolves.toBeUndefined();
    await api.messages("a/b").catch(() => {});
    expect(seen.url).toBe("/api/v1/chat/conversations/a%2Fb/messages");
    await api.crisisResources("es-MX&x=1").catch(() => {});
    expect(seen.url).toBe("/api/v1/crisis-resources?locale=es-MX%26x%3D1");
  });
});

describe("hotline numbers", () => {
  it("keeps what a phone dials", () => {
    expect(DialString("988")).toBe("988");
    expect(DialString(" +52 (55) 5259-8121 ")).toBe("+525552598121");
    expect(DialString("*123#")).toBe("*123#");
  });

  it("finds every number in a free-text phone field", () => {
    expect(PhoneNumbers("988")).toEqual([{ display: "988", dial: "988" }]);
    expect(PhoneNumbers("13 11 14")).toEqual([{ display: "13 11 14", dial: "131114" }]);
    expect(PhoneNumbers("14416 or 1-800-891-4416").map((n) => n.dial)).toEqual(["14416", "18008914416"]);
    expect(PhoneNumbers("0800 111 0 111 / 0800 111 0 222 / 116 123").map((n) => n.dial)).toEqual([
      "08001110111", "08001110222", "116123",
    ]);
    expect(PhoneNumbers("112 (SAMU: 15)").map((n) => n.display)).toEqual(["112", "15"]);
    expect(PhoneNumbers("112 or 999").map((n) => n.dial)).toEqual(["112", "999"]);
    expect(PhoneNumbers("+44 116 123")).toEqual([{ display: "+44 116 123", dial: "+44116123" }]);
    expect(PhoneNumbers("")).toEqual([]);
    expect(PhoneNumbers(null)).toEqual([]);
  });

  it("turns keyword text lines into an sms: link with a body", () => {
    expect(SmsHref("988")).toBe("sms:988");
    expect(SmsHref("0477 13 11 14")).toBe("sms:0477131114");
    expect(SmsHref("HOME to 741741")).toBe("sms:741741?&body=HOME");
    expect(SmsHref("AYUDA al 12345")).toBe("sms:12345?&body=AYUDA");
    expect(SmsHref("")).toBeNull();
    expect(SmsHref("text us")).toBeNull();
  });
});
