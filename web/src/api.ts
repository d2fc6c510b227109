// Typed client for Haven's JSON API under /api/v1 (same origin as the web app).
import type { Answers, DueEntry, Instrument, InstrumentSummary, Submission, SubmitResult } from "./assess/model";

export interface User {
  id: string;
  email: string;
  display_name: string | null;
  locale: string;
  role: string;
  created_at: string;
}

export interface AuthResponse {
  user: User;
  token: string;
  expires_at: string;
}

export interface Hotline {
  name: string;
  phone?: string | null;
  sms?: string | null;
  url?: string | null;
  hours?: string | null;
  source?: string | null;
}

export interface CrisisResources {
  country?: string | null;
  emergency_number?: string | null;
  hotlines: Hotline[];
  /** Domestic and sexual violence lines; absent or empty where none is listed. */
  abuse_lines?: Hotline[];
  international?: Hotline[];
}

/** Whose harm a crisis is about: the writer's own, or someone else hurting the writer. */
export type Danger = "self" | "others";

export type RiskLevel = "none" | "elevated" | "crisis";

export interface Reply {
  text: string;
  kind: string;
}

export interface ChatResponse {
  conversation_id: string;
  replies: Reply[];
  risk: { level: RiskLevel; score: number; reasons: { source: string; detail: string }[]; danger?: Danger };
  resources?: CrisisResources;
}

export interface Conversation {
  id: string;
  created_at: string;
  updated_at: string;
}

export interface StoredMessage {
  id: string;
  author: "user" | "companion";
  kind: string;
  text: string;
  created_at: string;
  /** On a stored crisis or safety_check reply: whose danger it answered. */
  danger?: Danger;
}

/** An error from the API ({"error":{code,message,field?}}) or from the network. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** status 0 marks a network failure (no HTTP response at all). */
export const kNetworkErrorCode = "network";

export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

/** Parses an error body; falls back to a generic message naming the HTTP status. */
export async function ErrorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  if (err && typeof err.message === "string") {
    return new ApiError(
      res.status,
      typeof err.code === "string" ? err.code : "error",
      err.message,
      typeof err.field === "string" && err.field ? err.field : undefined,
    );
  }
  return new ApiError(res.status, "http_" + res.status, `The server answered ${res.status} ${res.statusText}`.trim());
}

/** Client for /api/v1. `token` is sent as a Bearer token when set. */
export class Api {
  constructor(
    private readonly base = "/api/v1",
    private readonly fetcher: Fetcher = (input, init) => fetch(input, init),
  ) {}

  token: string | null = null;

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.token) headers["Authorization"] = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetcher(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, kNetworkErrorCode, e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw await ErrorFromResponse(res);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  signup(input: { email: string; password: string; display_name?: string; locale?: string }): Promise<AuthResponse> {
    return this.request("POST", "/auth/signup", input);
  }

  login(input: { email: string; password: string }): Promise<AuthResponse> {
    return this.request("POST", "/auth/login", input);
  }

  logout(): Promise<void> {
    return this.request("POST", "/auth/logout");
  }

  me(): Promise<{ user: User }> {
    return this.request("GET", "/me");
  }

  deleteMe(): Promise<void> {
    return this.request("DELETE", "/me");
  }

  sendMessage(text: string, conversation_id?: string): Promise<ChatResponse> {
    return this.request("POST", "/chat/messages", conversation_id ? { text, conversation_id } : { text });
  }

  conversations(): Promise<{ conversations: Conversation[] }> {
    return this.request("GET", "/chat/conversations");
  }

  messages(conversation_id: string): Promise<{ messages: StoredMessage[] }> {
    return this.request("GET", `/chat/conversations/${encodeURIComponent(conversation_id)}/messages`);
  }

  crisisResources(locale: string): Promise<CrisisResources> {
    return this.request("GET", `/crisis-resources?locale=${encodeURIComponent(locale)}`);
  }

  instruments(locale: string): Promise<{ locale?: string; instruments: InstrumentSummary[] }> {
    return this.request("GET", `/instruments?locale=${encodeURIComponent(locale)}`);
  }

  instrument(id: string, locale: string): Promise<Instrument> {
    return this.request("GET", `/instruments/${encodeURIComponent(id)}?locale=${encodeURIComponent(locale)}`);
  }

  /** 201 with the scored result; a repeated client_submission_id is a 409 (field client_submission_id). */
  submitAssessment(id: string, input: { answers: Answers; client_submission_id: string; locale?: string }): Promise<SubmitResult> {
    return this.request("POST", `/assessments/${encodeURIComponent(id)}`, input);
  }

  /** The user's results, oldest first; all instruments when `instrument` is unset. */
  assessments(query: { instrument?: string; from?: string; to?: string; locale?: string } = {}): Promise<{ assessments: Submission[] }> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
    const qs = params.toString();
    return this.request("GET", `/assessments${qs ? "?" + qs : ""}`);
  }

  due(): Promise<{ due: DueEntry[] }> {
    return this.request("GET", "/assessments/due");
  }
}

/** One dialable number found in a hotline field: what to show and what to dial. */
export interface DialNumber {
  display: string;
  dial: string;
}

/** Digits, a leading +, * and # only: the form tel:/sms: URIs want. */
export function DialString(number: string): string {
  const trimmed = number.trim();
  const plus = trimmed.startsWith("+") ? "+" : "";
  return plus + trimmed.replace(/[^0-9*#]/g, "");
}

/**
 * Every phone number in a free-text field such as "988", "13 11 14",
 * "14416 or 1-800-891-4416", "0800 111 0 111 / 116 123" or "112 (SAMU: 15)".
 */
export function PhoneNumbers(raw: string | null | undefined): DialNumber[] {
  const out: DialNumber[] = [];
  for (const m of (raw ?? "").matchAll(/\+?\d(?:[\d \-.]*\d)?/g)) {
    const dial = DialString(m[0]);
    if (dial && !out.some((n) => n.dial === dial)) out.push({ display: m[0], dial });
  }
  return out;
}

/**
 * The sms: URI for a text line: "741741", "0477 13 11 14", or a keyword line such as
 * "HOME to 741741" / "AYUDA al 12345" (the keyword becomes the message body). Null when the
 * field holds no number.
 */
export function SmsHref(raw: string | null | undefined): string | null {
  const text = (raw ?? "").trim();
  const keyword = /^(\S+)\s+(?:to|al|a)\s+(\+?\d[\d \-.]*\d)$/i.exec(text);
  if (keyword) return `sms:${DialString(keyword[2])}?&body=${encodeURIComponent(keyword[1])}`;
  const numbers = PhoneNumbers(text);
  return numbers.length > 0 ? `sms:${numbers[0].dial}` : null;
}
