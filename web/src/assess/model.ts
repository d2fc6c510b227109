// Assessments (PHQ-9, GAD-7, PHQ-2, GAD-2, WHO-5, C-SSRS screener): the API's shapes and the
// pure logic the pages use — skip logic, answers to send, chart points, safety checks.
import type { CrisisResources } from "../api";

export interface InstrumentSummary {
  id: string;
  name: string;
  title: string;
  item_count: number;
  kind: "sum" | "cssrs";
  due_every_days: number;
}

export interface AnswerOption {
  score: number;
  label: string;
}

/** Shown only when item `item_id` was answered with `equals` (C-SSRS skip logic). */
export interface EnableWhen {
  item_id: string;
  equals: number;
}

export interface Item {
  id: string;
  text: string;
  required: boolean;
  scored: boolean;
  options: AnswerOption[];
  enable_when?: EnableWhen | null;
}

export interface Band {
  min: number;
  max: number;
  code: string;
  label: string;
}

export interface Instrument extends InstrumentSummary {
  version?: string;
  locale?: string;
  instructions: string;
  items: Item[];
  bands: Band[];
  min_total: number;
  max_total: number;
  higher_is_better: boolean;
  percentage_multiplier: number;
  bands_on_percentage: boolean;
  licence?: { holder?: string; note?: string; source?: string; translation_source?: string };
}

/** Item id to the chosen option's score. */
export type Answers = Record<string, number>;

export interface ChangeAgainst {
  submission_id: string;
  from: { submitted_at: string; total: number };
  change: number;
  rci: number | null;
  category: ChangeCategory | null;
  nhs_category: ChangeCategory | null;
}

export type ChangeCategory = "reliable_improvement" | "reliable_deterioration" | "no_reliable_change";

export interface ReliableChange {
  threshold: number | null;
  since_first: ChangeAgainst;
  since_previous: ChangeAgainst;
}

export interface Submission {
  id: string;
  instrument: string;
  client_submission_id?: string;
  submitted_at: string;
  locale?: string;
  total: number | null;
  max_total?: number;
  percentage?: number;
  severity?: { code: string; label: string };
  risk_level?: "none" | "low" | "moderate" | "high";
  flags: string[];
  screen_positive?: boolean;
  offer_instrument?: string;
  answers?: Answers;
}

export interface SubmitResult extends Submission {
  reliable_change?: ReliableChange;
  safety?: { level?: string; message: string; resources: CrisisResources; care_team_alerted?: boolean };
  stored?: boolean;
}

export interface DueEntry {
  instrument: string;
  due: boolean;
  next_due: string;
  every_days: number;
  last_submitted_at: string | null;
}

/** Whether the skip logic asks `item`, given the answers so far. */
export function IsAsked(item: Item, answers: Answers): boolean {
  const w = item.enable_when;
  if (!w) return true;
  return answers[w.item_id] === w.equals;
}

/**
 * The items the skip logic asks, in order, given the answers so far. An item that depends on
 * an unanswered item is not (yet) asked; items only depend on earlier ones, so the list up to
 * the current item never changes when later answers change.
 */
export function AskedItems(items: readonly Item[], answers: Answers): Item[] {
  return items.filter((item) => IsAsked(item, answers));
}

/** The answers to send: only those to items still asked (a changed answer can skip some). */
export function AnswersToSend(items: readonly Item[], answers: Answers): Answers {
  const out: Answers = {};
  for (const item of AskedItems(items, answers)) {
    if (item.id in answers) out[item.id] = answers[item.id];
  }
  return out;
}

/** Where the walk goes from `current` (an item id): the next/previous asked item, or null. */
export function Step(items: readonly Item[], answers: Answers, current: string, dir: 1 | -1): string | null {
  const asked = AskedItems(items, answers);
  const at = asked.findIndex((i) => i.id === current);
  if (at < 0) return asked.length > 0 ? asked[0].id : null;
  const next = asked[at + dir];
  return next ? next.id : null;
}

/** Position (1-based) of `current` among the asked items, and how many are asked. */
export function Progress(items: readonly Item[], answers: Answers, current: string): { at: number; of: number } {
  const asked = AskedItems(items, answers);
  return { at: asked.findIndex((i) => i.id === current) + 1, of: asked.length };
}

/** The first asked required item without an answer, or null when the form can be sent. */
export function FirstUnanswered(items: readonly Item[], answers: Answers): string | null {
  for (const item of AskedItems(items, answers)) {
    if (item.required && !(item.id in answers)) return item.id;
  }
  return null;
}

export const kSuicidalIdeationFlag = "suicidal_ideation_item";

/**
 * Whether a stored result calls for the crisis card even when the response carried no
 * `safety` (e.g. a repeated submit answered from history): PHQ-9 item 9 above 0, or a
 * C-SSRS moderate/high risk.
 */
export function NeedsSafety(s: Submission): boolean {
  if (s.risk_level === "moderate" || s.risk_level === "high") return true;
  return s.flags.some((f) => f === kSuicidalIdeationFlag || f === "cssrs_moderate_risk" || f === "cssrs_high_risk");
}

/** The value an instrument is banded and charted on: the percentage for WHO-5, else the total. */
export function ChartValue(instrument: Pick<Instrument, "bands_on_percentage" | "percentage_multiplier">, s: Submission): number | null {
  if (s.total === null || s.total === undefined) return null;
  if (instrument.bands_on_percentage && instrument.percentage_multiplier > 0) {
    return s.percentage ?? s.total * instrument.percentage_multiplier;
  }
  return s.total;
}

/** The y range of the chart: 0-100 for percentages, else the instrument's total range. */
export function ChartRange(instrument: Instrument): [number, number] {
  if (instrument.bands_on_percentage && instrument.percentage_multiplier > 0) {
    return [instrument.min_total * instrument.percentage_multiplier, instrument.max_total * instrument.percentage_multiplier];
  }
  return [instrument.min_total, instrument.max_total];
}

/** Chart points (seconds since the epoch, value), oldest first, submissions without a value left out. */
export function ChartPoints(instrument: Instrument, history: readonly Submission[]): { xs: number[]; ys: number[] } {
  const points = history
    .filter((s) => s.instrument === instrument.id)
    .map((s) => ({ x: Date.parse(s.submitted_at) / 1000, y: ChartValue(instrument, s) }))
    .filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.x))
    .sort((a, b) => a.x - b.x);
  return { xs: points.map((p) => p.x), ys: points.map((p) => p.y) };
}

/**
 * The shaded y-extent of each band: bands are whole-number ranges (0-4, 5-9, ...), so each
 * boundary sits half-way between one band's max and the next one's min.
 */
export function BandExtents(bands: readonly Band[], range: [number, number]): { band: Band; from: number; to: number }[] {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  return sorted.map((band, i) => ({
    band,
    from: i === 0 ? range[0] : (sorted[i - 1].max + band.min) / 2,
    to: i === sorted.length - 1 ? range[1] : (band.max + sorted[i + 1].min) / 2,
  }));
}

/**
 * How worrying a band is, 0 (least) to 1 (most), from its place in the instrument's order
 * (reversed for WHO-5, where higher is better); colours the chart.
 */
export function BandConcern(bands: readonly Band[], code: string, higher_is_better: boolean): number {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const i = sorted.findIndex((b) => b.code === code);
  if (i < 0 || sorted.length < 2) return 0;
  const rank = higher_is_better ? sorted.length - 1 - i : i;
  return rank / (sorted.length - 1);
}

/** A client id for one attempt at an instrument: a retried submit of it is recognised. */
export function NewClientSubmissionId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  // randomUUID needs a secure context; plain-http LAN installs get 128 random bits in hex.
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
