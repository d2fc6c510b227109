// Session storage for the auth token (sessionStorage: gone when the tab closes) and the
// chosen UI language (localStorage: not personal data).
import type { AuthResponse, User } from "./api";
import type { Lang } from "./i18n";

const kSessionKey = "haven.session";
const kLangKey = "haven.lang";

export interface Session {
  token: string;
  expires_at: string;
  user: User;
}

/** Returns the stored session, or null when there is none or it has expired. */
export function LoadSession(now: Date = new Date()): Session | null {
  try {
    const raw = sessionStorage.getItem(kSessionKey);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || !s.user) return null;
    const expires = Date.parse(s.expires_at);
    if (!Number.isNaN(expires) && expires <= now.getTime()) {
      sessionStorage.removeItem(kSessionKey);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

/** Stores the session from a signup/login answer. */
export function SaveSession(auth: AuthResponse): Session {
  const s: Session = { token: auth.token, expires_at: auth.expires_at, user: auth.user };
  try {
    sessionStorage.setItem(kSessionKey, JSON.stringify(s));
  } catch {
    // Private mode without storage: the session lives in memory only.
  }
  return s;
}

/** Forgets the session (log out, account deleted, token rejected). */
export function ClearSession(): void {
  try {
    sessionStorage.removeItem(kSessionKey);
  } catch {
    // ignore
  }
}

/** The language chosen with the selector, if any. */
export function LoadLang(): Lang | null {
  try {
    const v = localStorage.getItem(kLangKey);
    return v === "en" || v === "es" ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the language chosen with the selector. */
export function SaveLang(lang: Lang): void {
  try {
    localStorage.setItem(kLangKey, lang);
  } catch {
    // ignore
  }
}
