// "Check-ins & questionnaires": every instrument with when it is due, a start button each,
// and a link to the results over time.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api";
import { FormatDate } from "../assess/format";
import type { DueEntry, InstrumentSummary } from "../assess/model";
import { PageTitle } from "../components/PageTitle";
import { useApp } from "../context";
import { HistoryHash, TakeHash } from "../router";

function DueText(props: { due?: DueEntry }): JSX.Element | null {
  const { t, lang } = useApp();
  const d = props.due;
  if (!d) return null;
  if (!d.last_submitted_at) {
    return <p class="instrument__due instrument__due--now">{t("assessNotTaken")}</p>;
  }
  return (
    <p class={"instrument__due" + (d.due ? " instrument__due--now" : "")}>
      {d.due ? t("assessDueNow") : t("assessNextDue", { date: FormatDate(lang, d.next_due) })}
      <span class="instrument__last"> · {t("assessLastTaken", { date: FormatDate(lang, d.last_submitted_at) })}</span>
    </p>
  );
}

export function AssessPage(): JSX.Element {
  const { t, api, lang, signOut } = useApp();
  const [instruments, setInstruments] = useState<InstrumentSummary[] | null>(null);
  const [due, setDue] = useState<DueEntry[]>([]);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setFailed(false);
    Promise.all([api.instruments(lang), api.due().catch(() => ({ due: [] as DueEntry[] }))]).then(
      ([list, d]) => {
        if (!live) return;
        setInstruments(list.instruments ?? []);
        setDue(d.due ?? []);
      },
      (e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) return signOut("sessionExpired");
        setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [lang, attempt]);

  const dueFor = (id: string) => due.find((d) => d.instrument === id);
  const dueCount = (instruments ?? []).filter((i) => dueFor(i.id)?.due).length;

  return (
    <div class="assess">
      <PageTitle>{t("assessTitle")}</PageTitle>
      <p class="lede">
        {t("assessIntro")} {t("assessNotDiagnosis")}
      </p>
      {failed ? (
        <div class="help__error" role="alert">
          <p>{t("assessLoadError")}</p>
          <button type="button" class="btn btn--secondary" onClick={() => setAttempt((a) => a + 1)}>
            {t("retry")}
          </button>
        </div>
      ) : !instruments ? (
        <p role="status">{t("loading")}</p>
      ) : (
        <>
          <div class="assess__bar">
            <p class="assess__summary">{dueCount > 0 ? t("assessDueCount", { n: dueCount }) : t("assessNoneDue")}</p>
            <a class="btn btn--secondary" href={HistoryHash()}>{t("assessHistoryLink")}</a>
          </div>
          <ul class="instruments">
            {instruments.map((i) => (
              <li key={i.id} class="instrument card" data-instrument={i.id}>
                <h2 class="instrument__name" id={`inst-${i.id}`}>{i.name}</h2>
                <p class="instrument__title">{i.title}</p>
                <p class="instrument__meta">
                  {t("assessQuestions", { n: i.item_count })}
                  {i.kind === "cssrs" && <> · {t("assessCssrsNote")}</>}
                </p>
                <DueText due={dueFor(i.id)} />
                <a class="btn btn--primary instrument__start" href={TakeHash(i.id)}
                  aria-label={t("assessStartNamed", { name: i.name })}>
                  {t("assessStart")}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
