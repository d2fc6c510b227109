// Words and numbers for assessment results: dates, scores, reliable change sentences.
import type { Lang, MessageKey } from "../i18n";
import type { ChangeAgainst, Instrument, Submission } from "./model";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A date such as "3 Mar 2025" / "3 mar 2025" in the UI language and local time zone. */
export function FormatDate(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", year: "numeric" }).format(d);
}

/** How a result's score reads: "12 / 27", "48% (12 / 25)" for WHO-5, or the C-SSRS risk level. */
export function ScoreText(t: T, instrument: Pick<Instrument, "percentage_multiplier" | "max_total"> | null, s: Submission): string {
  if (s.total === null || s.total === undefined) return s.risk_level ? t(`riskLevel_${s.risk_level}` as MessageKey) : "—";
  const max = s.max_total ?? instrument?.max_total;
  const raw = max !== undefined ? `${s.total} / ${max}` : String(s.total);
  if (s.percentage !== undefined && s.percentage !== null) return `${s.percentage}% (${raw})`;
  return raw;
}

/** A change in points, in the unit the person sees (percentage points for WHO-5). */
function Points(t: T, n: number): string {
  return n === 1 ? t("changePoint") : t("changePoints", { n });
}

/**
 * "Since your last result on 3 Mar 2025 (8), your score went down by 3 points." plus what the
 * reliable-change category means. `multiplier` turns raw totals into shown values (WHO-5: 4).
 */
export function ChangeText(t: T, lang: Lang, c: ChangeAgainst, which: "previous" | "first", multiplier = 1): string {
  const m = multiplier > 0 ? multiplier : 1;
  const date = FormatDate(lang, c.from.submitted_at);
  const from = m === 1 ? String(c.from.total) : `${c.from.total * m}%`;
  let first: string;
  if (c.change === 0) {
    first = t("changeSame", { date, from });
  } else {
    first = t(which === "previous" ? "changeSince" : "changeSinceFirst", {
      date,
      from,
      dir: c.change > 0 ? t("changeUp") : t("changeDown"),
      points: Points(t, Math.abs(c.change) * m),
    });
  }
  const category = c.category ?? c.nhs_category;
  return category && c.change !== 0 ? `${first} ${t(`change_${category}` as MessageKey)}` : first;
}
