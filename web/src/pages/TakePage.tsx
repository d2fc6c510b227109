// Taking one instrument, one question at a time: progress, large radio options (arrow keys
// choose, Enter continues), Back, C-SSRS skip logic; then the result.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, kNetworkErrorCode } from "../api";
import {
  AnswersToSend,
  FirstUnanswered,
  NewClientSubmissionId,
  Progress,
  Step,
  type Answers,
  type Instrument,
  type SubmitResult,
} from "../assess/model";
import { AssessResult } from "../components/AssessResult";
import { FormError } from "../components/Field";
import { PageTitle } from "../components/PageTitle";
import { useApp } from "../context";
import { BrowserLocales, LocaleForLang } from "../i18n";
import { HashFor } from "../router";

function ProgressBar(props: { at: number; of: number; label: string }): JSX.Element {
  const pct = props.of > 0 ? Math.round((props.at / props.of) * 100) : 0;
  return (
    <div class="progress">
      <p class="progress__text" id="take-progress">{props.label}</p>
      <div class="progress__bar" role="progressbar" aria-labelledby="take-progress"
        aria-valuemin={0} aria-valuemax={props.of} aria-valuenow={props.at} aria-valuetext={props.label}>
        {/* Width set through the CSSOM (element.style), which the CSP allows. */}
        <div class="progress__fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function TakePage(props: { id: string }): JSX.Element {
  const { t, api, lang, signOut, resourceLocale } = useApp();
  const [instrument, setInstrument] = useState<Instrument | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [current, setCurrent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const clientId = useRef(NewClientSubmissionId());
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const moved = useRef(false);
  const inFlight = useRef(false);

  useEffect(() => {
    let live = true;
    api.instrument(props.id, lang).then(
      (inst) => {
        if (!live) return;
        setInstrument(inst);
        setCurrent((c) => c ?? inst.items[0]?.id ?? null);
      },
      (e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) return signOut("sessionExpired");
        setLoadError(e instanceof ApiError && e.status === 404 ? t("takeNotFound") : t("assessLoadError"));
      },
    );
    return () => {
      live = false;
    };
  }, [props.id, lang]);

  // After Next/Back, focus the chosen (else first) option so the question is read out and
  // the arrow keys work at once. Not on the first question: there focus starts at the title.
  useEffect(() => {
    if (!moved.current) return;
    const fs = fieldsetRef.current;
    const target = fs?.querySelector<HTMLInputElement>("input:checked") ?? fs?.querySelector<HTMLInputElement>("input");
    target?.focus();
  }, [current]);

  if (result && instrument) {
    return <AssessResult instrument={instrument} result={result} />;
  }
  if (loadError) {
    return (
      <div class="card take">
        <PageTitle>{t("assessTitle")}</PageTitle>
        <p role="alert" class="help__error">{loadError}</p>
        <p><a href={HashFor("assess")}>{t("resultTakeAnother")}</a></p>
      </div>
    );
  }
  if (!instrument || !current) {
    return <div class="card take"><PageTitle>{t("assessTitle")}</PageTitle><p role="status">{t("loading")}</p></div>;
  }

  const item = instrument.items.find((i) => i.id === current)!;
  const { at, of } = Progress(instrument.items, answers, current);
  const next = Step(instrument.items, answers, current, 1);
  const prev = Step(instrument.items, answers, current, -1);
  const chosen = answers[current];

  const go = (to: string | null) => {
    if (!to) return;
    moved.current = true;
    setError(null);
    setCurrent(to);
  };

  const submit = async (final: Answers) => {
    if (inFlight.current) return;
    const missing = FirstUnanswered(instrument.items, final);
    if (missing) return go(missing);
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    // The UI language for the texts, with the region that picks the hotlines ("es-MX").
    const locale = LocaleForLang(lang, [resourceLocale, ...BrowserLocales()]);
    const body = { answers: AnswersToSend(instrument.items, final), client_submission_id: clientId.current, locale };
    try {
      setResult(await api.submitAssessment(instrument.id, body));
      requestAnimationFrame(() => document.getElementById("page-title")?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return signOut("sessionExpired");
      if (e instanceof ApiError && e.status === 409 && e.field === "client_submission_id") {
        // Sent twice (double click, retry after a lost answer): show the stored result.
        const { assessments } = await api.assessments({ instrument: instrument.id, locale: lang }).catch(() => ({ assessments: [] }));
        const same = assessments.find((s) => s.client_submission_id === clientId.current);
        if (same) {
          setResult(same);
          requestAnimationFrame(() => document.getElementById("page-title")?.focus());
          return;
        }
      }
      setError(e instanceof ApiError && e.code !== kNetworkErrorCode ? e.message : t("errNetwork"));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const advance = () => {
    if (!(current in answers) && item.required) {
      setError(t("takeChoose"));
      fieldsetRef.current?.querySelector<HTMLInputElement>("input")?.focus();
      return;
    }
    if (next) go(next);
    else void submit(answers);
  };

  const skip = () => {
    const rest = { ...answers };
    delete rest[current];
    setAnswers(rest);
    if (next) go(next);
    else void submit(rest);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
      e.preventDefault();
      advance();
    }
  };

  return (
    <div class="card take" data-instrument={instrument.id}>
      <PageTitle class="take__title">{instrument.name}</PageTitle>
      <p class="take__instructions" id="take-instructions">{instrument.instructions}</p>
      <ProgressBar at={at} of={of} label={t("takeQuestionOf", { at, of })} />
      <form class="take__form" onSubmit={(e) => { e.preventDefault(); advance(); }} onKeyDown={onKeyDown} noValidate>
        <fieldset class="question" ref={fieldsetRef} key={item.id} data-item={item.id}
          aria-describedby={["take-instructions", error ? "take-error" : null, item.required ? null : "take-optional"].filter(Boolean).join(" ")}>
          <legend class="question__text">{item.text}</legend>
          {!item.required && <p class="question__optional" id="take-optional">{t("takeOptional")}</p>}
          <div class="options">
            {item.options.map((o) => (
              <label key={o.score} class="option">
                <input type="radio" name={`answer-${item.id}`} value={String(o.score)}
                  checked={chosen === o.score}
                  onChange={() => {
                    setAnswers((a) => ({ ...a, [item.id]: o.score }));
                    setError(null);
                  }} />
                <span class="option__label">{o.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormError id="take-error" message={error} />
        <p class="take__keys">{t("takeKeys")}</p>
        <div class="take__actions">
          <button type="button" class="btn btn--secondary" onClick={() => go(prev)} disabled={!prev || submitting}>
            {t("takeBack")}
          </button>
          {!item.required && !(current in answers) && (
            <button type="button" class="btn btn--quiet" onClick={skip} disabled={submitting}>{t("takeSkip")}</button>
          )}
          <button type="submit" class="btn btn--primary take__next" disabled={submitting}>
            {next ? t("takeNext") : submitting ? t("takeSubmitting") : t("takeSubmit")}
          </button>
        </div>
      </form>
      <p class="take__leave"><a href={HashFor("assess")}>{t("takeLeave")}</a></p>
      {instrument.licence?.note && (
        <p class="take__licence">
          <span class="take__licence-title">{instrument.title}.</span> {instrument.licence.note}
        </p>
      )}
    </div>
  );
}
