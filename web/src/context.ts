// App-wide state shared by pages: language, session, API client and a one-shot notice.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Api, AuthResponse } from "./api";
import type { Lang, MessageKey } from "./i18n";
import type { Session } from "./session";

export interface AppState {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  api: Api;
  session: Session | null;
  /** Stores the session after signup/login and switches the UI to the user's language. */
  signIn: (auth: AuthResponse) => void;
  /** Forgets the session and goes to the login page with an optional notice. */
  signOut: (notice?: MessageKey) => void;
  /** Locale used to look up crisis resources (the user's, else the UI language's). */
  resourceLocale: string;
  notice: MessageKey | null;
  clearNotice: () => void;
}

export const AppContext = createContext<AppState | null>(null);

/** The app state; only valid under <App>. */
export function useApp(): AppState {
  const v = useContext(AppContext);
  if (!v) throw new Error("useApp outside <App>");
  return v;
}
