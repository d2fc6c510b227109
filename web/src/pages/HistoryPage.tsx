// Results over time: an instrument selector, the chart with shaded bands, and the same data
// as a table (always read by screen readers; shown on request).
import type { JSX } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError } from "../api";
import { FormatDate, ScoreText } from "../assess/format";
import type { Instrument, InstrumentSummary, Submission } from "../assess/model";
import { HistoryChart } from "../components/HistoryChart";
import { PageTitle } from "../components/PageTitle";
import { useApp } from "../context";
import type { MessageKey } from "../i18n";
import { HashFor, HistoryHash, QueryInstrument } from "../router";

const instrumentCache = new Map<string, Promise<Instrument>>();

function BandText(s: Submission, t: (k: MessageKey) => string): string {
  if (s.severity) return s.severity.label;
  if (s.risk_level) return t(`riskLevel_${s.risk_level}` as MessageKey);
  return "—";
}

export function HistoryPage(props: { hash: string }): JSX.Element {
  const { t, api, lang, signOut } = useApp();
  const [summaries, setSummaries] = useState<InstrumentSummary[] | null>(null);
  const [results, setResults] = useState<Submission[]>([]);
  const [instrument, setInstrument] = useState<Instrument | null>(null);
  const [failed, setFailed] = useState(false);
  const [showTable, setShowTable] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);

  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) return signOut("sessionExpired");
    setFailed(true);
  };

  useEffect(() => {
    let live = true;
    setFailed(false);
    Promise.all([api.instruments(lang), api.assessments({ locale: lang })]).then(([list, h]) => {
      if (!live) return;
      setSummaries(list.instruments ?? []);
      setResults(h.assessments ?? []);
    }, (e) => live && onError(e));
    return () => {
      live = false;
    };
  }, [lang, attempt]);

  // Instruments with results, most recent first; the hash's choice, else the latest.
  const taken = useMemo(() => {
    const latest = new Map<string, string>();
    for (const s of results) if ((latest.get(s.instrument) ?? "") < s.submitted_at) latest.set(s.instrument, s.submitted_at);
    return (summaries ?? []).filter((i) => latest.has(i.id)).sort((a, b) => (latest.get(b.id)! < latest.get(a.id)! ? -1 : 1));
  }, [summaries, results]);
  const wanted = chosen ?? QueryInstrument(props.hash);
  const selected = taken.find((i) => i.id === wanted) ?? taken[0] ?? null;

  useEffect(() => {
    if (!selected) return;
    let live = true;
    const key = `${selected.id}:${lang}`;
    let p = instrumentCache.get(key);
    if (!p) {
      p = api.instrument(selected.id, lang);
      instrumentCache.set(key, p);
    }
    p.then((inst) => live && setInstrument(inst), (e) => {
      instrumentCache.delete(key);
      if (live) onError(e);
    });
    return () => {
      live = false;
    };
  }, [selected?.id, lang]);

  const rows = useMemo(() => results.filter((s) => s.instrument === selected?.id), [results, selected?.id]);
  const ready = instrument && selected && instrument.id === selected.id;
  const charted = ready && instrument.kind !== "cssrs" && rows.some((s) => s.total !== null && s.total !== undefined);
  const latest = rows[rows.length - 1];
  const chartLabel = ready && latest
    ? t("historyChartLabel", {
        name: instrument.name,
        count: rows.length,
        first: FormatDate(lang, rows[0].submitted_at),
        last: FormatDate(lang, latest.submitted_at),
        latest: `${ScoreText(t, instrument, latest)}, ${BandText(latest, t)}`,
      })
    : "";

  return (
    <div class="history">
      <PageTitle>{t("historyTitle")}</PageTitle>
      {failed ? (
        <div class="help__error" role="alert">
          <p>{t("historyLoadError")}</p>
          <button type="button" class="btn btn--secondary" onClick={() => setAttempt((a) => a + 1)}>{t("retry")}</button>
        </div>
      ) : !summaries ? (
        <p role="status">{t("loading")}</p>
      ) : taken.length === 0 ? (
        <div class="card">
          <p>{t("historyEmpty")}</p>
          <a class="btn btn--primary" href={HashFor("assess")}>{t("historyStart")}</a>
        </div>
      ) : (
        <div class="card">
          <div class="history__controls">
            <label class="history__select">
              <span>{t("historyInstrument")}</span>
              <select value={selected?.id} onChange={(e) => {
                const id = (e.currentTarget as HTMLSelectElement).value;
                setChosen(id);
                // Remember the choice in the address without a hashchange (focus stays here).
                history.replaceState(null, "", HistoryHash(id));
              }}>
                {taken.map((i) => (
                  <option key={i.id} value={i.id}>{i.name}</option>
                ))}
              </select>
            </label>
            <button type="button" class="btn btn--secondary" aria-expanded={showTable ? "true" : "false"}
              aria-controls="history-table" onClick={() => setShowTable((v) => !v)}>
              {showTable ? t("historyHideTable") : t("historyShowTable")}
            </button>
          </div>
          {!ready ? (
            <p role="status">{t("loading")}</p>
          ) : (
            <>
              {charted ? (
                <>
                  <p class="history__note">
                    {t("historyIntro")} {instrument.higher_is_better ? t("historyHigherBetter") : t("historyLowerBetter")}
                  </p>
                  <HistoryChart instrument={instrument} history={rows} lang={lang} label={chartLabel} />
                </>
              ) : (
                <p class="history__note">{t("historyNoChart")}</p>
              )}
              <table id="history-table" class={charted && !showTable ? "history__table visually-hidden" : "history__table"}>
                <caption>{t("historyCaption", { name: instrument.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("historyDate")}</th>
                    <th scope="col">{t("historyScore")}</th>
                    <th scope="col">{t("historyRange")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...rows].reverse().map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{FormatDate(lang, s.submitted_at)}</th>
                      <td>{s.total === null || s.total === undefined ? "—" : ScoreText(t, instrument, s)}</td>
                      <td>{BandText(s, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      <p class="history__back"><a href={HashFor("assess")}>{t("resultTakeAnother")}</a></p>
    </div>
  );
}
