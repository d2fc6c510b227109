// Crisis resources: hotlines with tappable tel:/sms: links, and the crisis reply card.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { PhoneNumbers, SmsHref, type CrisisResources, type Danger, type Hotline } from "../api";
import { useApp } from "../context";
import { HashFor } from "../router";

function PhoneIcon(): JSX.Element {
  return (
    <svg class="btn__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
    </svg>
  );
}

function HotlineItem(props: { hotline: Hotline; primary?: boolean }): JSX.Element {
  const { t } = useApp();
  const h = props.hotline;
  const sms = h.sms ? SmsHref(h.sms) : null;
  return (
    <li class={"hotline" + (props.primary ? " hotline--primary" : "")}>
      <p class="hotline__name">{h.name}</p>
      {/* The directory marks international directories with hours = "directory". */}
      {h.hours && h.hours.toLowerCase() !== "directory" && (
        <p class="hotline__meta">{t("hours", { hours: h.hours })}</p>
      )}
      <div class="hotline__actions">
        {PhoneNumbers(h.phone).map((n) => (
          <a key={n.dial} class="btn btn--call" href={`tel:${n.dial}`}>
            <PhoneIcon />
            {t("call", { phone: n.display })}
          </a>
        ))}
        {sms && (
          <a class="btn btn--secondary" href={sms}>
            {t("text", { sms: h.sms! })}
          </a>
        )}
        {h.url && /^https?:\/\//i.test(h.url) && (
          <a class="hotline__link" href={h.url} target="_blank" rel="noopener noreferrer">
            {t("website")}
          </a>
        )}
      </div>
      {h.source && /^https?:\/\//i.test(h.source) ? (
        <p class="hotline__source">
          <a href={h.source} target="_blank" rel="noopener noreferrer">{t("sourceLink")}</a>
        </p>
      ) : h.source ? (
        <p class="hotline__source">{t("source", { source: h.source })}</p>
      ) : null}
    </li>
  );
}

/** The emergency number(s): one red call button per number found in the field. */
function Emergency(props: { number: string }): JSX.Element {
  const { t } = useApp();
  const numbers = PhoneNumbers(props.number);
  if (numbers.length === 1) {
    return (
      <p class="resources__emergency">
        <a class="btn btn--emergency" href={`tel:${numbers[0].dial}`}>
          <PhoneIcon />
          {t("helpEmergency", { number: props.number })}
        </a>
      </p>
    );
  }
  return (
    <div class="resources__emergency">
      <p class="resources__emergency-label">{t("helpEmergency", { number: props.number })}</p>
      <div class="hotline__actions">
        {numbers.map((n) => (
          <a key={n.dial} class="btn btn--emergency" href={`tel:${n.dial}`}>
            <PhoneIcon />
            {t("call", { phone: n.display })}
          </a>
        ))}
      </div>
    </div>
  );
}

function HotlineList(props: { hotlines: Hotline[]; keyPrefix: string; primaryFirst?: boolean }): JSX.Element {
  return (
    <ul class="hotlines">
      {props.hotlines.map((h, i) => (
        <HotlineItem key={`${props.keyPrefix}-${h.name}-${i}`} hotline={h} primary={props.primaryFirst && i === 0} />
      ))}
    </ul>
  );
}

/**
 * The hotlines of a resources object, the emergency number first. Without local hotlines
 * (no region, or an unlisted one) it says to call the local emergency number and shows the
 * international directories. `abuse` places the domestic and sexual violence lines: "first"
 * (a crisis about someone else hurting the writer), "after" the crisis lines (the help page),
 * or nowhere (a crisis about the writer's own safety, where they would only lengthen the card).
 * `subheading` is the level of its section headings: h2 on a page, h3 inside a card whose own
 * heading is an h2, so screen readers get a true outline.
 */
export function ResourceList(props: {
  resources: CrisisResources;
  showInternational?: boolean;
  abuse?: "first" | "after";
  subheading?: "h2" | "h3";
}): JSX.Element {
  const { t } = useApp();
  const Sub = props.subheading ?? "h2";
  const r = props.resources;
  const hotlines = r.hotlines ?? [];
  const abuseLines = props.abuse ? (r.abuse_lines ?? []) : [];
  const intl = r.international ?? [];
  const showIntl = (props.showInternational || hotlines.length === 0) && intl.length > 0;
  const abuseFirst = props.abuse === "first" && abuseLines.length > 0;
  const abuseSection = abuseLines.length > 0 && (
    <>
      <Sub class="resources__sub">{t("abuseLinesHeading")}</Sub>
      <HotlineList hotlines={abuseLines} keyPrefix="abuse" primaryFirst={abuseFirst} />
    </>
  );
  return (
    <div class="resources">
      {r.emergency_number ? (
        <Emergency number={r.emergency_number} />
      ) : (
        <p class="resources__no-local">{t("callLocalEmergency")}</p>
      )}
      {abuseFirst && abuseSection}
      {hotlines.length > 0 && (
        <>
          {abuseLines.length > 0 && <Sub class="resources__sub">{t("crisisLinesHeading")}</Sub>}
          <HotlineList hotlines={hotlines} keyPrefix="line" primaryFirst={!abuseFirst} />
        </>
      )}
      {!abuseFirst && abuseSection}
      {showIntl && (
        <>
          {hotlines.length > 0 && <Sub class="resources__sub">{t("international")}</Sub>}
          <HotlineList hotlines={intl} keyPrefix="intl" />
        </>
      )}
    </div>
  );
}

const resourceCache = new Map<string, Promise<CrisisResources>>();

/** Loads (once per locale) the crisis resources; a failed load may be retried. */
export function useCrisisResources(initial?: CrisisResources): {
  resources: CrisisResources | null;
  failed: boolean;
  retry: () => void;
} {
  const { api, resourceLocale } = useApp();
  const [resources, setResources] = useState<CrisisResources | null>(initial ?? null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (initial) return;
    let live = true;
    let p = resourceCache.get(resourceLocale);
    if (!p) {
      p = api.crisisResources(resourceLocale);
      resourceCache.set(resourceLocale, p);
    }
    setFailed(false);
    p.then(
      (r) => live && setResources(r),
      () => {
        resourceCache.delete(resourceLocale);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [resourceLocale, attempt, initial]);
  return { resources, failed, retry: () => setAttempt((a) => a + 1) };
}

/**
 * A crisis reply: an offer to talk to a person with one-tap call/text buttons first, then
 * the companion's own words (which may repeat the hotlines as text for text-only clients).
 */
export function CrisisCard(props: {
  text: string;
  resources?: CrisisResources;
  danger?: Danger;
  headingId: string;
}): JSX.Element {
  const { t } = useApp();
  const { resources, failed, retry } = useCrisisResources(props.resources);
  return (
    <section class="crisis" aria-labelledby={props.headingId}>
      <h2 class="crisis__heading" id={props.headingId}>
        {t("crisisHeading")}
      </h2>
      <p class="crisis__offer">{t("crisisTalkToPerson")}</p>
      {resources && (
        <ResourceList resources={resources} abuse={props.danger === "others" ? "first" : undefined} subheading="h3" />
      )}
      {failed && (
        <p class="crisis__fallback">
          {t("helpFallback")}{" "}
          <button type="button" class="btn btn--link" onClick={retry}>
            {t("retry")}
          </button>
        </p>
      )}
      {props.text && <p class="crisis__text">{props.text}</p>}
      <p class="crisis__more">
        <a href={HashFor("help")}>{t("seeAllHotlines")}</a>
      </p>
    </section>
  );
}
