// Site header on every page: skip link, brand, navigation, language selector and the
// always-visible "Get help now / Ayuda inmediata" link.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { useApp } from "../context";
import { kLangs, type Lang } from "../i18n";
import { HashFor, type Route } from "../router";

export function Header(props: { route: Route }): JSX.Element {
  const { t, lang, setLang, session, api, signOut } = useApp();
  const [busy, setBusy] = useState(false);

  const logOut = async () => {
    setBusy(true);
    try {
      await api.logout();
    } catch {
      // The token is forgotten locally either way.
    } finally {
      setBusy(false);
      signOut("loggedOut");
    }
  };

  const current = (r: Route) => (props.route === r ? "page" : undefined);

  return (
    <header class="site-header">
      <a class="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById("main")?.focus();
      }}>
        {t("skipToContent")}
      </a>
      <div class="site-header__inner">
        <a class="brand" href={session ? HashFor("chat") : HashFor("signup")}>
          <span class="brand__mark" aria-hidden="true" />
          {t("appName")}
        </a>
        <nav class="site-nav" aria-label={t("appName")}>
          {session ? (
            <>
              <a href={HashFor("chat")} aria-current={current("chat")}>{t("navChat")}</a>
              <a href={HashFor("assess")}
                aria-current={current("assess") ?? current("assess-take") ?? current("assess-history")}>
                {t("navAssess")}
              </a>
              <button type="button" class="btn btn--quiet" onClick={logOut} disabled={busy}>
                {t("logout")}
              </button>
            </>
          ) : (
            <>
              <a href={HashFor("login")} aria-current={current("login")}>{t("navLogin")}</a>
              <a href={HashFor("signup")} aria-current={current("signup")}>{t("navSignup")}</a>
            </>
          )}
          <label class="lang-select">
            <span class="visually-hidden">{t("language")}</span>
            <select
              value={lang}
              onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}
            >
              {kLangs.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`langName_${l}`)}
                </option>
              ))}
            </select>
          </label>
        </nav>
        <a class="help-link" href={HashFor("help")} aria-current={current("help")}>
          {t("helpLink")}
        </a>
      </div>
    </header>
  );
}
