// "Get help now": hotlines for the user's locale, reachable without an account.
import type { JSX } from "preact";
import { PageTitle } from "../components/PageTitle";
import { ResourceList, useCrisisResources } from "../components/Resources";
import { useApp } from "../context";
import { HashFor } from "../router";

export function HelpPage(): JSX.Element {
  const { t, session } = useApp();
  const { resources, failed, retry } = useCrisisResources();
  return (
    <div class="card help">
      <PageTitle>{t("helpTitle")}</PageTitle>
      <p class="lede">{t("helpIntro")}</p>
      {resources ? (
        <ResourceList resources={resources} showInternational abuse="after" />
      ) : failed ? (
        <div class="help__error" role="alert">
          <p>{t("helpLoadError")}</p>
          <button type="button" class="btn btn--secondary" onClick={retry}>{t("retry")}</button>
        </div>
      ) : (
        <p role="status">{t("loading")}</p>
      )}
      <p class="help__fallback">{resources ? t("helpAlways") : t("helpFallback")}</p>
      {session && (
        <p><a href={HashFor("chat")}>{t("backToChat")}</a></p>
      )}
    </div>
  );
}
