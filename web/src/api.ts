// Typed client for Haven's JSON API under /api/v1 (same origin as the web app).

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
  international?: Hotline[];
}

export type RiskLevel = "none" | "elevated" | "crisis";

export interface Reply {
  text: string;
  kind: string;
}

export interface ChatResponse {
  conversation_id: string;
  replies: Reply[];
  risk: { level: RiskLevel; score: number; reasons: { source: string; detail: string }[] };
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
}

const kKeypad: Record<string, string> = {
  A: "2", B: "2", C: "2", D: "3", E: "3", F: "3", G: "4", H: "4", I: "4", J: "5", K: "5", L: "5",
  M: "6", N: "6", O: "6", P: "7", Q: "7", R: "7", S: "7", T: "8", U: "8", V: "8", W: "9", X: "9",
  Y: "9", Z: "9",
};

/**
 * The dialable form of a number for tel:/sms: URIs: digits, a leading +, * and #; letters
 * ("1-800-273-TALK") become their keypad digits; spaces, dashes and dots are dropped.
 */
export function DialString(number: string): string {
  const trimmed = number.trim();
  const plus = trimmed.startsWith("+") ? "+" : "";
  const mapped = trimmed.toUpperCase().replace(/[A-Z]/g, (c) => kKeypad[c] ?? "");
  return plus + mapped.replace(/[^0-9*#]/g, "");
}
