// Root component: app state, routing with auth guards, and focus management.
import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { Api, type AuthResponse } from "./api";
import { Header } from "./components/Header";
import { AppContext, type AppState } from "./context";
import { BrowserLocales, LangFromLocale, LocaleForLang, Translate, type Lang, type MessageKey } from "./i18n";
import { AssessPage } from "./pages/AssessPage";
import { ChatPage } from "./pages/ChatPage";
import { HelpPage } from "./pages/HelpPage";
import { HistoryPage } from "./pages/HistoryPage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SignupPage } from "./pages/SignupPage";
import { TakePage } from "./pages/TakePage";
import { InstrumentFromHash, Navigate, useRoute, type NavRoute, type Route } from "./router";
import { ClearSession, LoadLang, LoadSession, SaveLang, SaveSession, type Session } from "./session";

const api = new Api();

function InitialLang(session: Session | null): Lang {
  if (session) return LangFromLocale(session.user.locale);
  return LoadLang() ?? LangFromLocale(navigator.language);
}

const kNeedsSession: readonly Route[] = ["chat", "assess", "assess-take", "assess-history"];

/** Where a route really goes given the session (chat and check-ins need one; auth pages must not). */
function Resolve(route: Route, signedIn: boolean): Route {
  if (route === "home") return signedIn ? "chat" : "signup";
  if (kNeedsSession.includes(route) && !signedIn) return "login";
  if ((route === "login" || route === "signup") && signedIn) return "chat";
  return route;
}

export function App(): JSX.Element {
  const [session, setSession] = useState<Session | null>(() => LoadSession());
  const [lang, setLangState] = useState<Lang>(() => InitialLang(session));
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const { route, seq, hash } = useRoute();
  api.token = session?.token ?? null;

  const resolved = Resolve(route, session !== null);

  useEffect(() => {
    if (resolved !== route && route !== "notfound") {
      Navigate(resolved as NavRoute, true);
    }
  }, [resolved, route]);

  // Layout effect: <html lang> changes in the same frame as the text, so a screen reader never
  // reads the new language's words with the old language's voice.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Move focus to the new page's heading after in-app navigation. Not on first load, nor
  // after the redirect that may follow it: there focus stays at the top of the document so
  // the first Tab reaches the skip link and the help link.
  const settled = useRef(false);
  useEffect(() => {
    if (!settled.current) {
      settled.current = resolved === route;
      return;
    }
    requestAnimationFrame(() => document.getElementById("page-title")?.focus());
  }, [seq, resolved]);

  const state = useMemo<AppState>(() => {
    const setLang = (l: Lang) => {
      SaveLang(l);
      setLangState(l);
    };
    return {
      lang,
      setLang,
      t: (key, vars) => Translate(lang, key, vars),
      api,
      session,
      signIn: (auth: AuthResponse) => {
        const s = SaveSession(auth);
        api.token = s.token;
        setLangState(LangFromLocale(s.user.locale));
        setNotice(null);
        setSession(s);
        Navigate("chat", true);
      },
      signOut: (n?: MessageKey) => {
        ClearSession();
        api.token = null;
        setSession(null);
        setNotice(n ?? null);
        Navigate("login", true);
      },
      resourceLocale: session?.user.locale || LocaleForLang(lang, BrowserLocales()),
      notice,
      clearNotice: () => setNotice(null),
    };
  }, [lang, session, notice]);

  useEffect(() => {
    document.title = `${PageName(resolved, state)} · Haven`;
  }, [resolved, state]);

  return (
    <AppContext.Provider value={state}>
      <Header route={resolved} />
      <main id="main" tabIndex={-1} class={resolved === "chat" ? "main main--chat" : "main"}>
        {resolved === "signup" && <SignupPage />}
        {resolved === "login" && <LoginPage />}
        {resolved === "chat" && session && <ChatPage key={session.user.id} />}
        {resolved === "help" && <HelpPage />}
        {resolved === "assess" && session && <AssessPage />}
        {resolved === "assess-take" && session && (
          <TakePage key={`${InstrumentFromHash(hash)}-${seq}`} id={InstrumentFromHash(hash)!} />
        )}
        {resolved === "assess-history" && session && <HistoryPage hash={hash} />}
        {resolved === "notfound" && <NotFoundPage />}
      </main>
    </AppContext.Provider>
  );
}

function PageName(route: Route, s: AppState): string {
  switch (route) {
    case "signup":
      return s.t("signupTitle");
    case "login":
      return s.t("loginTitle");
    case "chat":
      return s.t("chatTitle");
    case "help":
      return s.t("helpTitle");
    case "assess":
    case "assess-take":
      return s.t("assessTitle");
    case "assess-history":
      return s.t("historyTitle");
    default:
      return s.t("notFoundTitle");
  }
}
