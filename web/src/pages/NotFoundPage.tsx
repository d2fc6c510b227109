import type { JSX } from "preact";
import { PageTitle } from "../components/PageTitle";
import { useApp } from "../context";

export function NotFoundPage(): JSX.Element {
  const { t } = useApp();
  return (
    <div class="card">
      <PageTitle>{t("notFoundTitle")}</PageTitle>
      <p><a href="#/">{t("goHome")}</a></p>
    </div>
  );
}
