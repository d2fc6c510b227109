import { describe, expect, it } from "vitest";
import { BandExplanation, ExplainedBands } from "./assess/explain";
import { ChangeText, ScoreText } from "./assess/format";
import {
  AnswersToSend,
  AskedItems,
  BandConcern,
  BandExtents,
  ChartPoints,
  FirstUnanswered,
  NeedsSafety,
  NewClientSubmissionId,
  Progress,
  Step,
  type Band,
  type Instrument,
  type Item,
  type Submission,
} from "./assess/model";
import { Translate, type MessageKey } from "./i18n";
import { InstrumentFromHash, QueryInstrument, RouteFromHash } from "./router";

const yesNo = [
  { score: 1, label: "Yes" },
  { score: 0, label: "No" },
];
function Q(id: string, enable_when?: { item_id: string; equals: number }, required = true): Item {
  return { id, text: id, required, scored: true, options: yesNo, enable_when };
}
// The C-SSRS screener's skip logic (content/instruments/cssrs_screen.toml).
const cssrs: Item[] = [
  Q("q1"),
  Q("q2"),
  Q("q3", { item_id: "q2", equals: 1 }),
  Q("q4", { item_id: "q2", equals: 1 }),
  Q("q5", { item_id: "q2", equals: 1 }),
  Q("q6"),
  Q("q6_recent", { item_id: "q6", equals: 1 }),
];
const ids = (items: Item[]) => items.map((i) => i.id);

describe("skip-logic walker", () => {
  it("asks Q3-Q5 only after yes to Q2, and Q6 recent only after yes to Q6", () => {
    expect(ids(AskedItems(cssrs, {}))).toEqual(["q1", "q2", "q6"]);
    expect(ids(AskedItems(cssrs, { q1: 0, q2: 0 }))).toEqual(["q1", "q2", "q6"]);
    expect(ids(AskedItems(cssrs, { q1: 1, q2: 1 }))).toEqual(["q1", "q2", "q3", "q4", "q5", "q6"]);
    expect(ids(AskedItems(cssrs, { q1: 0, q2: 0, q6: 1 }))).toEqual(["q1", "q2", "q6", "q6_recent"]);
  });

  it("steps forward and back over skipped items", () => {
    expect(Step(cssrs, { q1: 0, q2: 0 }, "q2", 1)).toBe("q6");
    expect(Step(cssrs, { q1: 0, q2: 1 }, "q2", 1)).toBe("q3");
    expect(Step(cssrs, { q1: 0, q2: 0, q6: 0 }, "q6", 1)).toBeNull();
    expect(Step(cssrs, { q1: 0, q2: 0, q6: 1 }, "q6", 1)).toBe("q6_recent");
    expect(Step(cssrs, { q1: 0, q2: 0 }, "q6", -1)).toBe("q2");
    expect(Step(cssrs, { q1: 0, q2: 1, q3: 0, q4: 0, q5: 0 }, "q6", -1)).toBe("q5");
    expect(Step(cssrs, {}, "q1", -1)).toBeNull();
  });

  it("counts progress among the asked items only", () => {
    expect(Progress(cssrs, {}, "q1")).toEqual({ at: 1, of: 3 });
    expect(Progress(cssrs, { q1: 1, q2: 1 }, "q3")).toEqual({ at: 3, of: 6 });
    expect(Progress(cssrs, { q1: 1, q2: 1, q3: 0, q4: 0, q5: 0, q6: 1 }, "q6_recent")).toEqual({ at: 7, of: 7 });
  });

  it("drops answers to items a changed answer now skips", () => {
    // Yes to Q2 opened Q3-Q5; changing Q2 to no must not send their answers.
    const answers = { q1: 1, q2: 0, q3: 1, q4: 0, q5: 0, q6: 0, q6_recent: 1 };
    expect(AnswersToSend(cssrs, answers)).toEqual({ q1: 1, q2: 0, q6: 0 });
  });

  it("finds the first unanswered question, ignoring optional and skipped ones", () => {
    const phq = [Q("q1"), Q("q2"), Q("difficulty", undefined, false)];
    expect(FirstUnanswered(phq, { q1: 0 })).toBe("q2");
    expect(FirstUnanswered(phq, { q1: 0, q2: 3 })).toBeNull();
    expect(FirstUnanswered(cssrs, { q1: 0, q2: 1, q3: 0, q6: 0 })).toBe("q4");
    expect(FirstUnanswered(cssrs, { q1: 0, q2: 0, q6: 0 })).toBeNull();
  });
});

describe("safety", () => {
  const base: Submission = { id: "s", instrument: "phq9", submitted_at: "2025-01-01T00:00:00Z", total: 3, flags: [] };
  it("calls for the crisis card for PHQ-9 item 9 and C-SSRS moderate/high", () => {
    expect(NeedsSafety(base)).toBe(false);
    expect(NeedsSafety({ ...base, flags: ["suicidal_ideation_item"] })).toBe(true);
    expect(NeedsSafety({ ...base, instrument: "cssrs_screen", total: null, risk_level: "low" })).toBe(false);
    expect(NeedsSafety({ ...base, instrument: "cssrs_screen", total: null, risk_level: "moderate" })).toBe(true);
    expect(NeedsSafety({ ...base, instrument: "cssrs_screen", total: null, risk_level: "high" })).toBe(true);
  });
  it("makes a client submission id the server accepts", () => {
    const id = NewClientSubmissionId();
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(NewClientSubmissionId()).not.toBe(id);
  });
});

// Band codes of the shipped instruments, read from content/instruments/*.toml.
const kToml = import.meta.glob("../../content/instruments/*.toml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
function ContentBands(): [string, string][] {
  const out: [string, string][] = [];
  for (const text of Object.values(kToml)) {
    const id = /^id = "([^"]+)"/m.exec(text)![1];
    for (const block of text.split(/^\[\[bands\]\]$/m).slice(1)) out.push([id, /^code = "([^"]+)"/m.exec(block)![1]]);
    for (const m of text.matchAll(/^level = "([^"]+)"/gm)) out.push([id, m[1]]);
    if (/^kind = "cssrs"/m.test(text)) out.push([id, "none"]);
  }
  return out;
}

describe("band explanations", () => {
  it("reads the shipped instruments", () => {
    expect(Object.keys(kToml).length).toBeGreaterThanOrEqual(6);
    expect(ContentBands()).toContainEqual(["phq9", "moderately_severe"]);
    expect(ContentBands()).toContainEqual(["cssrs_screen", "high"]);
  });

  it("explain every band of every instrument in English and Spanish", () => {
    for (const [inst, code] of ContentBands()) {
      for (const lang of ["en", "es"] as const) {
        const text = BandExplanation(lang, inst, code);
        expect(text, `${lang} ${inst} ${code}`).toBeTruthy();
      }
    }
  });

  it("have the same bands in both languages, and different words", () => {
    expect(ExplainedBands("es")).toEqual(ExplainedBands("en"));
    for (const [inst, code] of ExplainedBands("en")) {
      expect(BandExplanation("es", inst, code)).not.toBe(BandExplanation("en", inst, code));
    }
  });

  it("are kind and never diagnose", () => {
    for (const [inst, code] of ExplainedBands("en")) {
      const text = BandExplanation("en", inst, code)!;
      expect(text).not.toMatch(/\byou (have|are suffering from) (depression|anxiety|a disorder)|\bdiagnos/i);
      expect(text).toMatch(/answers|wellbeing|told us/i);
    }
    expect(BandExplanation("en", "phq9", "severe")).toMatch(/doctor or mental health professional/);
    expect(BandExplanation("es", "phq9", "severe")).toMatch(/profesional de salud mental/);
    expect(BandExplanation("en", "phq2", "positive")).toMatch(/PHQ-9/);
    expect(BandExplanation("en", "nope", "x")).toBeNull();
  });

  it("has a risk label for each C-SSRS level, and the disclaimer says screening, not diagnosis", () => {
    for (const level of ["none", "low", "moderate", "high"]) {
      expect(Translate("en", `riskLevel_${level}` as MessageKey)).not.toMatch(/riskLevel/);
      expect(Translate("es", `riskLevel_${level}` as MessageKey)).not.toBe(Translate("en", `riskLevel_${level}` as MessageKey));
    }
    expect(Translate("en", "resultDisclaimer")).toMatch(/screening result, not a diagnosis/);
    expect(Translate("es", "resultDisclaimer")).toMatch(/no un diagnóstico/);
  });
});

const phq9Bands: Band[] = [
  { min: 0, max: 4, code: "minimal", label: "Minimal" },
  { min: 5, max: 9, code: "mild", label: "Mild" },
  { min: 10, max: 14, code: "moderate", label: "Moderate" },
  { min: 15, max: 19, code: "moderately_severe", label: "Moderately severe" },
  { min: 20, max: 27, code: "severe", label: "Severe" },
];

describe("chart", () => {
  it("shades whole-number bands edge to edge", () => {
    const ext = BandExtents(phq9Bands, [0, 27]);
    expect(ext.map((e) => [e.from, e.to])).toEqual([[0, 4.5], [4.5, 9.5], [9.5, 14.5], [14.5, 19.5], [19.5, 27]]);
  });
  it("orders concern by direction (WHO-5: higher is better)", () => {
    expect(BandConcern(phq9Bands, "minimal", false)).toBe(0);
    expect(BandConcern(phq9Bands, "severe", false)).toBe(1);
    const who5: Band[] = [
      { min: 0, max: 28, code: "likely_depression", label: "" },
      { min: 29, max: 50, code: "poor_wellbeing", label: "" },
      { min: 51, max: 100, code: "not_low", label: "" },
    ];
    expect(BandConcern(who5, "likely_depression", true)).toBe(1);
    expect(BandConcern(who5, "not_low", true)).toBe(0);
  });
  it("plots WHO-5 as a percentage, oldest first, for one instrument", () => {
    const who5 = { id: "who5", bands_on_percentage: true, percentage_multiplier: 4 } as Instrument;
    const h: Submission[] = [
      { id: "b", instrument: "who5", submitted_at: "2025-02-01T00:00:00Z", total: 10, percentage: 40, flags: [] },
      { id: "a", instrument: "who5", submitted_at: "2025-01-01T00:00:00Z", total: 20, flags: [] },
      { id: "c", instrument: "phq9", submitted_at: "2025-01-15T00:00:00Z", total: 5, flags: [] },
    ];
    const p = ChartPoints(who5, h);
    expect(p.ys).toEqual([80, 40]);
    expect(p.xs).toEqual([Date.parse("2025-01-01T00:00:00Z") / 1000, Date.parse("2025-02-01T00:00:00Z") / 1000]);
  });
});

describe("result texts", () => {
  const t = (k: MessageKey, v?: Record<string, string | number>) => Translate("en", k, v);
  const change = {
    submission_id: "x",
    from: { submitted_at: "2025-03-03T12:00:00Z", total: 8 },
    change: 7,
    rci: 2.5,
    category: "reliable_deterioration" as const,
    nhs_category: null,
  };
  it("says how the score moved and what the category means", () => {
    expect(ChangeText(t, "en", change, "previous")).toBe(
      "Since your last result on Mar 3, 2025 (score 8), your score went up by 7 points. That is a reliable worsening: bigger than everyday ups and downs. It may help to talk to someone about it.",
    );
    expect(ChangeText(t, "en", { ...change, change: -1, category: "no_reliable_change" }, "first")).toMatch(/went down by 1 point\. That is within everyday/);
    expect(ChangeText(t, "en", { ...change, change: 0 }, "previous")).toBe("Your score is the same as on Mar 3, 2025 (score 8).");
    // WHO-5: raw points shown as percentage points.
    expect(ChangeText(t, "en", { ...change, change: 3, category: "reliable_improvement" }, "previous", 4)).toMatch(/\(score 32%\).*up by 12 points\. That is a reliable improvement/);
    const es = (k: MessageKey, v?: Record<string, string | number>) => Translate("es", k, v);
    expect(ChangeText(es, "es", change, "previous")).toMatch(/tu puntuación subió 7 puntos\. Es un empeoramiento fiable/);
  });
  it("shows scores as total / max, WHO-5 as a percentage, C-SSRS as its risk", () => {
    const s: Submission = { id: "s", instrument: "phq9", submitted_at: "", total: 12, max_total: 27, flags: [] };
    expect(ScoreText(t, null, s)).toBe("12 / 27");
    expect(ScoreText(t, null, { ...s, total: 12, max_total: 25, percentage: 48 })).toBe("48% (12 / 25)");
    expect(ScoreText(t, null, { ...s, total: null, risk_level: "high" })).toBe(Translate("en", "riskLevel_high"));
  });
});

describe("check-in routes", () => {
  it("maps hashes to the list, an instrument and the history", () => {
    expect(RouteFromHash("#/checkins")).toBe("assess");
    expect(RouteFromHash("#/checkins/phq9")).toBe("assess-take");
    expect(RouteFromHash("#/checkins/history?instrument=gad7")).toBe("assess-history");
    expect(RouteFromHash("#/checkins/../x")).toBe("notfound");
    expect(InstrumentFromHash("#/checkins/cssrs_screen")).toBe("cssrs_screen");
    expect(InstrumentFromHash("#/checkins/history")).toBeNull();
    expect(QueryInstrument("#/checkins/history?instrument=gad7")).toBe("gad7");
    expect(QueryInstrument("#/checkins/history?instrument=<x>")).toBeNull();
  });
});
