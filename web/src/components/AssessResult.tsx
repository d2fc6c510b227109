// The result of one questionnaire. When the answers call for it (PHQ-9 item 9 above 0, a
// C-SSRS moderate/high risk) the crisis card comes first, before any score.
import type { JSX } from "preact";
import { BandExplanation } from "../assess/explain";
import { ChangeText } from "../assess/format";
import { NeedsSafety, type Instrument, type SubmitResult } from "../assess/model";
import type { MessageKey } from "../i18n";
import { useApp } from "../context";
import { HashFor, HistoryHash, TakeHash } from "../router";
import { PageTitle } from "./PageTitle";
import { CrisisCard } from "./Resources";

function ScoreBlock(props: { instrument: Instrument; result: SubmitResult }): JSX.Element {
  const { t, lang } = useApp();
  const r = props.result;
  const inst = props.instrument;
  const code = r.total === null || r.total === undefined ? r.risk_level : r.severity?.code;
  const explanation = code ? BandExplanation(lang, inst.id, code) : null;
  const max = r.max_total ?? inst.max_total;
  return (
    <section class="result__score" aria-labelledby="result-score-heading">
      <h2 id="result-score-heading" class="visually-hidden">{t("historyScore")}</h2>
      {r.total !== null && r.total !== undefined ? (
        <>
          <p class="result__total" data-total={r.total}>
            {r.percentage !== undefined && r.percentage !== null
              ? t("resultPercent", { pct: r.percentage })
              : t("resultScore", { total: r.total, max })}
          </p>
          {r.percentage !== undefined && r.percentage !== null && (
            <p class="result__raw">{t("resultRaw", { total: r.total, max })}</p>
          )}
          {r.severity && (
            <p class="result__band" data-band={r.severity.code}>{t("resultBand", { band: r.severity.label })}</p>
          )}
        </>
      ) : r.risk_level ? (
        <p class="result__band" data-band={r.risk_level}>
          {t("resultRisk")}: {t(`riskLevel_${r.risk_level}` as MessageKey)}
        </p>
      ) : null}
      {explanation && <p class="result__explain">{explanation}</p>}
    </section>
  );
}

export function AssessResult(props: { instrument: Instrument; result: SubmitResult }): JSX.Element {
  const { t, lang } = useApp();
  const r = props.result;
  const inst = props.instrument;
  const needsHelp = r.safety !== undefined || NeedsSafety(r);
  const rc = r.reliable_change;
  const mult = inst.bands_on_percentage ? inst.percentage_multiplier : 1;
  return (
    <div class="result" data-instrument={inst.id} data-result-id={r.id}>
      <PageTitle>{t("resultTitle", { name: inst.name })}</PageTitle>
      {needsHelp && (
        <div class="result__crisis">
          {r.stored === false && <p class="form-error">{t("resultNotSaved")}</p>}
          <CrisisCard text={r.safety?.message ?? ""} resources={r.safety?.resources} headingId="result-crisis" />
        </div>
      )}
      <div class="card result__card">
        <ScoreBlock instrument={inst} result={r} />
        {rc && (
          <div class="result__change">
            <p data-change="previous">{ChangeText(t, lang, rc.since_previous, "previous", mult)}</p>
            {rc.since_first.submission_id !== rc.since_previous.submission_id && (
              <p data-change="first">{ChangeText(t, lang, rc.since_first, "first", mult)}</p>
            )}
          </div>
        )}
        <p class="result__disclaimer">{t("resultDisclaimer")}</p>
        {r.screen_positive && r.offer_instrument && (
          <div class="result__offer">
            <p>{t("resultOffer", { name: OfferName(r.offer_instrument) })}</p>
            <a class="btn btn--primary" href={TakeHash(r.offer_instrument)}>
              {t("resultOfferButton", { name: OfferName(r.offer_instrument) })}
            </a>
          </div>
        )}
        <p class="result__links">
          <a class="btn btn--secondary" href={HistoryHash(inst.id)}>{t("assessHistoryLink")}</a>
          <a class="btn btn--quiet" href={HashFor("assess")}>{t("resultTakeAnother")}</a>
        </p>
      </div>
    </div>
  );
}

/** "phq9" -> "PHQ-9" for the offer of a follow-up instrument. */
function OfferName(id: string): string {
  const m = /^([a-z]+)(\d+)$/.exec(id);
  return m ? `${m[1].toUpperCase()}-${m[2]}` : id.toUpperCase();
}
