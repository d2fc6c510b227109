// The assessment part of the mock API (instruments, submissions, history, due dates), built
// from the real content/instruments/*.toml so the browser test asks the real questions.
// Scoring follows the same rules as src/assess (sum, bands, item flags, C-SSRS triage,
// screens, Jacobson-Truax reliable change); it is a stand-in, not a reference.
import { readdirSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";

const kHere = fileURLToPath(new URL(".", import.meta.url));
export const kInstrumentDir = resolve(kHere, "../../content/instruments");
const kOrder = ["phq9", "gad7", "phq2", "gad2", "who5", "cssrs_screen"];

/** The instruments of content/instruments, in catalog order. */
export function LoadInstruments(dir = kInstrumentDir) {
  const list = readdirSync(dir).filter((f) => f.endsWith(".toml")).map((f) => parse(readFileSync(join(dir, f), "utf8")));
  return list.sort((a, b) => kOrder.indexOf(a.id) - kOrder.indexOf(b.id));
}

const Lang = (locale) => (String(locale || "").toLowerCase().startsWith("es") ? "es" : "en");
const Text = (t, locale) => (t ? t[Lang(locale)] ?? t.en : "");
const OptionsOf = (inst, item) => item.options ?? inst.options ?? [];
const Multiplier = (inst) => inst.scoring?.percentage_multiplier ?? 0;
const BandsOnPercentage = (inst) => inst.scoring?.band_on === "percentage";
const MaxTotal = (inst) => inst.items.filter((i) => i.scored !== false).reduce((n, i) => n + Math.max(...OptionsOf(inst, i).map((o) => o.score)), 0);

function Summary(inst, locale) {
  return {
    id: inst.id, name: inst.name, title: Text(inst.title, locale), item_count: inst.items.length,
    kind: inst.kind, due_every_days: inst.due_every_days ?? 14,
  };
}

function Full(inst, locale) {
  return {
    ...Summary(inst, locale),
    version: inst.version,
    locale: Lang(locale),
    instructions: Text(inst.instructions, locale),
    items: inst.items.map((item) => ({
      id: item.id,
      text: Text(item.text, locale),
      required: item.required !== false,
      scored: item.scored !== false,
      options: OptionsOf(inst, item).map((o) => ({ score: o.score, label: Text(o.label, locale) })),
      ...(item.enable_when ? { enable_when: { item_id: item.enable_when.item, equals: item.enable_when.equals } } : {}),
    })),
    bands: (inst.bands ?? []).map((b) => ({ min: b.min, max: b.max, code: b.code, label: Text(b.label, locale) })),
    min_total: 0,
    max_total: inst.kind === "cssrs" ? 0 : MaxTotal(inst),
    higher_is_better: inst.higher_is_better === true,
    percentage_multiplier: Multiplier(inst),
    bands_on_percentage: BandsOnPercentage(inst),
    licence: inst.licence ?? {},
  };
}

const Asked = (item, answers) => !item.enable_when || answers[item.enable_when.item] === item.enable_when.equals;

/** Scores answers like src/assess: returns { total, band, risk, flags } or { error }. */
export function Score(inst, answers) {
  for (const [id, value] of Object.entries(answers)) {
    const item = inst.items.find((i) => i.id === id);
    if (!item) return { error: [`${inst.name} has no question ${id}`, `answers.${id}`] };
    if (!Asked(item, answers)) return { error: [`${id} is skipped by the answers given and must not be answered`, `answers.${id}`] };
    if (!OptionsOf(inst, item).some((o) => o.score === value)) return { error: [`${value} is not an answer to ${id}`, `answers.${id}`] };
  }
  for (const item of inst.items) {
    if (Asked(item, answers) && item.required !== false && !(item.id in answers)) {
      return { error: [`${item.id} needs an answer`, `answers.${item.id}`] };
    }
  }
  const flags = [];
  for (const f of inst.flags ?? []) if ((answers[f.item] ?? 0) > f.above) flags.push(f.name);
  if (inst.kind === "cssrs") {
    const rule = (inst.risk_rules ?? []).find((r) => r.any_yes.some((id) => answers[id] === 1));
    const risk = rule ? rule.level : "none";
    if (risk === "moderate" || risk === "high") flags.push(`cssrs_${risk}_risk`);
    return { total: null, band: null, risk, flags };
  }
  const total = inst.items.filter((i) => i.scored !== false).reduce((n, i) => n + (answers[i.id] ?? 0), 0);
  const banded = BandsOnPercentage(inst) ? total * Multiplier(inst) : total;
  const band = (inst.bands ?? []).find((b) => banded >= b.min && banded <= b.max) ?? null;
  return { total, band, risk: null, flags };
}

function StartsSafety(scored) {
  return scored.risk === "moderate" || scored.risk === "high" ||
    scored.flags.some((f) => f === "suicidal_ideation_item" || f === "cssrs_moderate_risk" || f === "cssrs_high_risk");
}

function SubmissionJson(inst, s, locale, withAnswers) {
  const out = {
    id: s.id, instrument: s.instrument, instrument_version: inst.version, client_submission_id: s.client_submission_id,
    submitted_at: s.submitted_at, locale: s.locale, total: s.total, flags: s.flags,
  };
  if (s.total !== null) {
    out.max_total = MaxTotal(inst);
    if (Multiplier(inst) > 0) out.percentage = s.total * Multiplier(inst);
    if (inst.screen) {
      out.screen_positive = s.total >= inst.screen.positive_at;
      if (out.screen_positive) out.offer_instrument = inst.screen.offer;
    }
  }
  if (s.band_code) {
    const band = inst.bands.find((b) => b.code === s.band_code);
    out.severity = { code: s.band_code, label: band ? Text(band.label, locale) : s.band_code };
  }
  if (s.risk) out.risk_level = s.risk;
  if (withAnswers) out.answers = s.answers;
  return out;
}

function Change(inst, earlier, now) {
  const change = now.total - earlier.total;
  const rc = inst.reliable_change;
  let rci = null;
  let category = null;
  if (rc) {
    const sdiff = Math.SQRT2 * rc.sd * Math.sqrt(1 - rc.reliability);
    rci = change / sdiff;
    const better = inst.higher_is_better ? change : -change;
    category = Math.abs(rci) > 1.96 ? (better > 0 ? "reliable_improvement" : "reliable_deterioration") : "no_reliable_change";
  }
  return {
    submission_id: earlier.id, from: { submitted_at: earlier.submitted_at, total: earlier.total }, change, rci,
    category, nhs_category: null, case_at_first: false, case_at_last: false, recovered: false, reliably_recovered: false,
  };
}

const kSafetyMessage = {
  en: "Thank you for answering honestly. Some of your answers tell us you may be having thoughts of ending your life or hurting yourself. You deserve support right now, and you do not have to get through this alone. Please reach out to one of these services.",
  es: "Gracias por responder con sinceridad. Algunas de tus respuestas nos dicen que podrías estar pensando en quitarte la vida o hacerte daño. Mereces apoyo ahora mismo y no tienes que pasar por esto en soledad. Por favor, comunícate con uno de estos servicios.",
};

/**
 * Handles /api/v1/instruments* and /api/v1/assessments* for an authenticated user; returns
 * false when the path is not one of them.
 */
export async function HandleAssessApi({ state, instruments, req, url, path, user, send, fail, readJson, resourcesFor }) {
  state.submissions ??= [];
  const method = req.method;
  const locale = url.searchParams.get("locale") || user.locale || "en";
  if (method === "GET" && path === "/instruments") {
    send(200, { locale: Lang(locale), instruments: instruments.map((i) => Summary(i, locale)) });
    return true;
  }
  let m = /^\/instruments\/([^/]+)$/.exec(path);
  if (method === "GET" && m) {
    const inst = instruments.find((i) => i.id === decodeURIComponent(m[1]));
    if (!inst) fail(404, "not_found", `There is no instrument '${m[1]}'.`, "instrument");
    else send(200, Full(inst, locale));
    return true;
  }
  const mine = () => state.submissions.filter((s) => s.user_id === user.id);
  if (method === "GET" && path === "/assessments/due") {
    const now = Date.now();
    send(200, {
      due: instruments.map((inst) => {
        const every = inst.due_every_days ?? 14;
        const last = mine().filter((s) => s.instrument === inst.id).at(-1);
        const next = last ? Date.parse(last.submitted_at) + every * 86_400_000 : now;
        return {
          instrument: inst.id, due: next <= now, next_due: new Date(next).toISOString(), every_days: every,
          last_submitted_at: last ? last.submitted_at : null,
        };
      }),
    });
    return true;
  }
  if (method === "GET" && path === "/assessments") {
    const id = url.searchParams.get("instrument");
    if (id && !instruments.some((i) => i.id === id)) {
      fail(404, "not_found", `There is no instrument '${id}'.`, "instrument");
      return true;
    }
    const from = url.searchParams.get("from");
    const to = url.searchParams.get("to");
    const list = mine()
      .filter((s) => !id || s.instrument === id)
      .filter((s) => !from || s.submitted_at >= from)
      .filter((s) => !to || s.submitted_at.slice(0, 10) <= to)
      .map((s) => SubmissionJson(instruments.find((i) => i.id === s.instrument), s, locale, true));
    send(200, { assessments: list });
    return true;
  }
  m = /^\/assessments\/([^/]+)$/.exec(path);
  if (method === "POST" && m) {
    const inst = instruments.find((i) => i.id === decodeURIComponent(m[1]));
    if (!inst) {
      fail(404, "not_found", `There is no instrument '${m[1]}'.`, "instrument");
      return true;
    }
    const b = await readJson(req);
    if (!b || typeof b.answers !== "object" || b.answers === null || Array.isArray(b.answers)) {
      fail(400, "invalid_argument", 'answers is required: an object of item id to score, e.g. {"q1": 2}', "answers");
      return true;
    }
    const clientId = typeof b.client_submission_id === "string" ? b.client_submission_id : randomUUID();
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(clientId)) {
      fail(400, "invalid_argument", "client_submission_id must be 1-128 of A-Z a-z 0-9 . _ : -", "client_submission_id");
      return true;
    }
    if (mine().some((s) => s.client_submission_id === clientId)) {
      fail(409, "conflict", "These answers were already submitted.", "client_submission_id");
      return true;
    }
    const scored = Score(inst, b.answers);
    if (scored.error) {
      fail(400, "invalid_argument", scored.error[0], scored.error[1]);
      return true;
    }
    const shownIn = typeof b.locale === "string" && b.locale ? b.locale : locale;
    const earlier = mine().filter((s) => s.instrument === inst.id && s.total !== null);
    const s = {
      id: randomUUID(), user_id: user.id, instrument: inst.id, client_submission_id: clientId,
      submitted_at: new Date().toISOString(), locale: shownIn, answers: b.answers, total: scored.total,
      band_code: scored.band?.code ?? "", risk: scored.risk, flags: scored.flags,
    };
    state.submissions.push(s);
    const out = SubmissionJson(inst, s, shownIn, false);
    if (earlier.length > 0 && s.total !== null) {
      const rc = inst.reliable_change;
      out.reliable_change = {
        threshold: rc ? 1.96 * Math.SQRT2 * rc.sd * Math.sqrt(1 - rc.reliability) : null,
        since_first: Change(inst, earlier[0], s),
        since_previous: Change(inst, earlier.at(-1), s),
      };
    }
    if (StartsSafety(scored)) {
      out.safety = {
        level: scored.risk === "high" ? "crisis" : "elevated",
        message: kSafetyMessage[Lang(shownIn)],
        resources: resourcesFor(shownIn),
        care_team_alerted: false,
      };
    }
    out.stored = true;
    await new Promise((r) => setTimeout(r, 100));
    send(201, out);
    return true;
  }
  return false;
}
