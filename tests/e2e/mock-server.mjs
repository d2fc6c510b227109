// A tiny stand-in for Haven's C++ server, for developing the web app and running the
// browser test without it: serves web/dist (SPA fallback to index.html) and fakes the
// /api/v1 JSON API in memory. The hotline data below is placeholder data for tests only.
//
//   node tests/e2e/mock-server.mjs [port]     (default 8787; PORT env also works)
import { createServer } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { HandleAssessApi, LoadInstruments } from "./mock-assess.mjs";

const kHere = fileURLToPath(new URL(".", import.meta.url));
export const kDistDir = resolve(kHere, "../../web/dist");

const kTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

const kCsp =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Placeholder hotlines in the shapes the real directory uses (several numbers in one field,
// keyword text lines, "" for absent fields). Not real services: test data only.
const kInternational = [
  { name: "Mock International Directory (test data)", phone: "", sms: "", url: "https://example.org/directory", hours: "directory", source: "https://example.org/" },
];
const kResources = {
  US: {
    country: "US",
    emergency_number: "911",
    hotlines: [
      { name: "Mock Crisis Lifeline (test data)", phone: "988", sms: "988", url: "https://example.org/lifeline", hours: "24/7", source: "https://example.org/lifeline" },
      { name: "Mock Text Line (test data)", phone: "", sms: "HOME to 741741", url: "", hours: "24/7", source: "https://example.org/text" },
    ],
    abuse_lines: [
      { name: "Mock Abuse Hotline (test data)", phone: "1-800-000-0000", sms: "START to 00000", url: "", hours: "24/7", source: "https://example.org/abuse" },
    ],
  },
  MX: {
    country: "MX",
    emergency_number: "911",
    hotlines: [
      { name: "Línea de prueba (datos de prueba)", phone: "800 000 0000", sms: "", url: "", hours: "24/7", source: "https://example.org/mx" },
    ],
  },
  FR: {
    country: "FR",
    emergency_number: "112 (SAMU: 15)",
    hotlines: [
      { name: "Ligne de test (données de test)", phone: "0800 000 0 001 / 0800 000 0 002 or 116 000", sms: "", url: "", hours: "24/7", source: "https://example.org/fr" },
    ],
  },
};

/** Like the real directory: the locale's region picks the country; none gives only the directories. */
function ResourcesFor(locale) {
  const m = /^[A-Za-z]{2,3}[-_]([A-Za-z]{2})$/.exec(String(locale || "").trim());
  const country = m && kResources[m[1].toUpperCase()];
  if (!country) return { country: "", emergency_number: "", hotlines: [], abuse_lines: [], international: kInternational };
  return { abuse_lines: [], ...country, international: kInternational };
}

const kCrisisPattern = /\b(kill myself|suicid\w*|end my life|want to die|matarme|quitarme la vida)\b/i;
// Someone else hurting the writer: Haven answers with risk.danger "others" (the abuse reply).
const kAbusePattern = /\b(hit me|hurts? me|threaten\w* me|me peg[aó]|me golpe[aó])\b/i;
const kSadPattern = /\b(sad|hopeless|alone|triste|sol[oa])\b/i;

/** In-memory state of the fake API. */
export function CreateState() {
  return { users: new Map(), tokens: new Map(), conversations: new Map(), submissions: [], instruments: LoadInstruments() };
}

function Send(res, status, body, headers = {}) {
  const data = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" }),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(data);
}

function Fail(res, status, code, message, field) {
  Send(res, status, { error: field ? { code, message, field } : { code, message } });
}

async function ReadJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function PublicUser(u) {
  const { password: _pw, ...rest } = u;
  return rest;
}

function IssueToken(state, user) {
  const token = randomBytes(24).toString("base64url");
  state.tokens.set(token, user.id);
  return { user: PublicUser(user), token, expires_at: new Date(Date.now() + 12 * 3600e3).toISOString() };
}

function Authed(state, req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization || "");
  const id = m && state.tokens.get(m[1]);
  return id ? { user: state.users.get(id), token: m[1] } : null;
}

function CompanionReply(text, locale) {
  const es = String(locale).startsWith("es");
  if (kAbusePattern.test(text)) {
    return {
      replies: [{
        kind: "crisis",
        text: es
          ? "Te creo, y no es tu culpa. Tu seguridad es lo primero."
          : "I believe you, and it is not your fault. Your safety comes first.",
      }],
      risk: { level: "crisis", score: 0.95, reasons: [{ source: "rule", detail: "abuse_now.violence" }], danger: "others" },
      resources: ResourcesFor(locale),
    };
  }
  if (kCrisisPattern.test(text)) {
    return {
      replies: [{
        kind: "crisis",
        text: es
          ? "Gracias por decírmelo. Lo que sientes importa y no tienes que pasar por esto en soledad.\nHablar ahora con una persona puede ayudar."
          : "Thank you for telling me. What you are feeling matters, and you do not have to go through this alone.\nTalking to a person right now can help.",
      }],
      risk: { level: "crisis", score: 0.97, reasons: [{ source: "rules", detail: "explicit suicidal ideation" }], danger: "self" },
      resources: ResourcesFor(locale),
    };
  }
  if (kSadPattern.test(text)) {
    return {
      replies: [{ kind: "reflection", text: es ? "Suena a que te sientes muy solo ahora.\n¿Qué ha pasado hoy?" : "It sounds like you are carrying a lot right now.\nWhat happened today?" }],
      risk: { level: "elevated", score: 0.5, reasons: [{ source: "lexicon", detail: "low mood words" }], danger: "self" },
    };
  }
  return {
    replies: [{ kind: "text", text: es ? "Hola, me alegra que estés aquí.\n¿Cómo te sientes hoy?" : "Hi, I'm glad you're here.\nHow are you feeling today?" }],
    risk: { level: "none", score: 0.02, reasons: [] },
  };
}

async function HandleApi(state, req, res, url) {
  const path = url.pathname.slice("/api/v1".length);
  const method = req.method;
  if (method === "GET" && path === "/health") return Send(res, 200, { status: "ok" });
  if (method === "GET" && path === "/crisis-resources") {
    return Send(res, 200, ResourcesFor(url.searchParams.get("locale") || "en"));
  }
  if (method === "POST" && path === "/auth/signup") {
    const b = await ReadJson(req);
    if (!b) return Fail(res, 400, "invalid_json", "The request body is not valid JSON.");
    const email = String(b.email || "").trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return Fail(res, 400, "invalid_argument", "Enter a valid email address.", "email");
    if (String(b.password || "").length < 10) return Fail(res, 400, "invalid_argument", "Password must be at least 10 characters.", "password");
    if ([...state.users.values()].some((u) => u.email === email)) {
      return Fail(res, 409, "already_exists", "An account with this email already exists.", "email");
    }
    const user = {
      id: randomUUID(), email, display_name: b.display_name || null, locale: b.locale || "en",
      role: "member", created_at: new Date().toISOString(), password: String(b.password),
    };
    state.users.set(user.id, user);
    return Send(res, 201, IssueToken(state, user));
  }
  if (method === "POST" && path === "/auth/login") {
    const b = (await ReadJson(req)) || {};
    const email = String(b.email || "").trim().toLowerCase();
    const user = [...state.users.values()].find((u) => u.email === email);
    if (!user || user.password !== b.password) return Fail(res, 401, "unauthenticated", "Email or password is wrong.");
    return Send(res, 200, IssueToken(state, user));
  }
  const auth = Authed(state, req);
  if (!auth) return Fail(res, 401, "unauthenticated", "Log in to continue.");
  if (method === "POST" && path === "/auth/logout") {
    state.tokens.delete(auth.token);
    return Send(res, 204);
  }
  if (method === "GET" && path === "/me") return Send(res, 200, { user: PublicUser(auth.user) });
  if (method === "DELETE" && path === "/me") {
    state.users.delete(auth.user.id);
    for (const [t, id] of state.tokens) if (id === auth.user.id) state.tokens.delete(t);
    for (const [cid, c] of state.conversations) if (c.user_id === auth.user.id) state.conversations.delete(cid);
    state.submissions = state.submissions.filter((s) => s.user_id !== auth.user.id);
    return Send(res, 204);
  }
  if (method === "POST" && path === "/chat/messages") {
    const b = await ReadJson(req);
    const text = b && typeof b.text === "string" ? b.text.trim() : "";
    if (!text) return Fail(res, 400, "invalid_argument", "Write a message first.", "text");
    if (text.length > 4000) return Fail(res, 400, "invalid_argument", "Messages can be at most 4000 characters.", "text");
    let conv = b.conversation_id ? state.conversations.get(b.conversation_id) : null;
    if (b.conversation_id && (!conv || conv.user_id !== auth.user.id)) {
      return Fail(res, 404, "not_found", "That conversation does not exist.", "conversation_id");
    }
    const now = new Date().toISOString();
    if (!conv) {
      conv = { id: randomUUID(), user_id: auth.user.id, created_at: now, updated_at: now, messages: [] };
      state.conversations.set(conv.id, conv);
    }
    const out = CompanionReply(text, auth.user.locale);
    conv.messages.push({ id: randomUUID(), author: "user", kind: "text", text, created_at: now });
    for (const r of out.replies) {
      const stored = { id: randomUUID(), author: "companion", kind: r.kind, text: r.text, created_at: now };
      // Like the server: a stored safety reply remembers whose danger it answered.
      if ((r.kind === "crisis" || r.kind === "safety_check") && out.risk?.danger) stored.danger = out.risk.danger;
      conv.messages.push(stored);
    }
    conv.updated_at = now;
    await new Promise((r) => setTimeout(r, 150));  // a little latency, like the real thing
    return Send(res, 200, { conversation_id: conv.id, ...out });
  }
  if (method === "GET" && path === "/chat/conversations") {
    const list = [...state.conversations.values()].filter((c) => c.user_id === auth.user.id)
      .map(({ id, created_at, updated_at }) => ({ id, created_at, updated_at }));
    return Send(res, 200, { conversations: list });
  }
  const handled = await HandleAssessApi({
    state, instruments: state.instruments, req, url, path, user: auth.user,
    send: (status, body) => Send(res, status, body),
    fail: (status, code, message, field) => Fail(res, status, code, message, field),
    readJson: ReadJson, resourcesFor: ResourcesFor,
  });
  if (handled) return;
  const m = /^\/chat\/conversations\/([^/]+)\/messages$/.exec(path);
  if (method === "GET" && m) {
    const conv = state.conversations.get(decodeURIComponent(m[1]));
    if (!conv || conv.user_id !== auth.user.id) return Fail(res, 404, "not_found", "That conversation does not exist.");
    return Send(res, 200, { messages: conv.messages });
  }
  return Fail(res, 404, "not_found", `No route for ${method} ${url.pathname}.`);
}

async function ServeStatic(req, res, url, distDir) {
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith("/")) rel += "index.html";
  let file = normalize(join(distDir, rel));
  if (!file.startsWith(distDir + sep)) return Send(res, 403, { error: { code: "forbidden", message: "Forbidden" } });
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
  } catch {
    file = join(distDir, "index.html");  // SPA fallback
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      // The same policy as the C++ server, so violations show up while developing.
      "Content-Security-Policy": kCsp,
      "Content-Type": kTypes[extname(file)] || "application/octet-stream",
      "Cache-Control": file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(503, { "Content-Type": "text/plain" });
    res.end(`web/dist is missing: run "npm ci && npm run build" in web/ (looked in ${distDir})\n`);
  }
}

/** Starts the mock on `port` (0 = any free port); resolves to { server, url, state }. */
export function StartMockServer({ port = 0, host = "127.0.0.1", distDir = kDistDir } = {}) {
  const state = CreateState();
  const server = createServer((req, res) => {
    const url = new URL(req.url || "/", "http://localhost");
    const work = url.pathname.startsWith("/api/v1/") || url.pathname === "/api/v1"
      ? HandleApi(state, req, res, url)
      : ServeStatic(req, res, url, distDir);
    work.catch((e) => {
      console.error(e);
      if (!res.headersSent) Fail(res, 500, "internal", "Something went wrong.");
    });
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ server, url: `http://${host}:${p}`, state });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || process.env.PORT || 8787);
  StartMockServer({ port }).then(({ url }) => console.log(`mock Haven on ${url} (serving ${kDistDir})`));
}
