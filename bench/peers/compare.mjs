#!/usr/bin/env node
// Peer comparison: Haven's text analyser vs VADER-js (vader-sentiment) and nlp.js (node-nlp)
// on the same deterministic evaluation set. Each system runs in its own process so that its
// peak RSS is its own. Results replace the section between the peers markers in
// bench/RESULTS.md. See README.md for what is measured and the caveats.
//
// Usage: node compare.mjs [--n 5000] [--seed 20240611] [--no-write] [--skip-haven]
//                         [--skip-nlpjs] [--skip-vader]
// Environment: HAVEN_BIN (haven binary with `analyze`), HAVEN_GBENCH (Google Benchmark binary),
//              HAVEN_GBENCH_FILTER (default "Analyze"), HAVEN_SHARED_DATA (default ../shared/data
//              beside the repository), HAVEN_CRISIS_THRESHOLD (used only if Haven's JSON gives a
//              score without a decision).

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const kHere = path.dirname(fileURLToPath(import.meta.url));
const kRepo = path.resolve(kHere, '..', '..');
const kShared = process.env.HAVEN_SHARED_DATA || path.resolve(kRepo, '..', 'shared', 'data');
const kResults = path.join(kRepo, 'bench', 'RESULTS.md');
const kBegin = '<!-- peers:begin -->';
const kEnd = '<!-- peers:end -->';
const kWarmup = 500; // messages run before timing the JIT-compiled peers (not counted)
const kVaderCrisisProxy = -0.5; // VADER compound at or below this counts as "crisis" (naive)

const kFiles = {
  // Every hand-written crisis training file (crisis_chat_train.tsv, _extra, _r6_* ... _r8_*).
  chatTrain: fs
    .readdirSync(path.join(kRepo, 'models', 'data'))
    .filter((f) => /^crisis_chat_train.*\.tsv$/.test(f))
    .sort()
    .map((f) => path.join(kRepo, 'models', 'data', f)),
  chatDev: path.join(kRepo, 'models', 'data', 'crisis_chat_dev.tsv'),
  cssrsTrain: path.join(kShared, 'crisis', 'cssrs-train.tsv'),
  emotionDev: path.join(kShared, 'emotion', 'dev.tsv'),
};

// ---------------------------------------------------------------------------------------------
// Arguments and small helpers

function ParseArgs(argv) {
  const args = { n: 5000, seed: 20240611, write: true, skip: new Set(), child: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--n') args.n = Number(argv[++i]);
    else if (a === '--seed') args.seed = Number(argv[++i]);
    else if (a === '--no-write') args.write = false;
    else if (a.startsWith('--skip-')) args.skip.add(a.slice('--skip-'.length));
    else if (a === '--child') args.child = { kind: argv[++i], input: argv[++i], output: argv[++i] };
    else throw new Error(`unknown argument ${a} (see the header of compare.mjs)`);
  }
  if (!Number.isInteger(args.n) || args.n <= 0) throw new Error('--n must be a positive integer');
  return args;
}

// Reads a `text<TAB>label` TSV with a header line; labels may hold several values joined by ','.
function ReadTsv(file) {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const rows = [];
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const tab = line.lastIndexOf('\t');
    if (tab < 0) throw new Error(`${file}:${i + 1}: no tab between text and label`);
    const raw = line.slice(0, tab);
    rows.push({ text: raw.replace(/\s+/g, ' ').trim(), raw, label: line.slice(tab + 1) });
  }
  return rows;
}

// mulberry32: tiny deterministic PRNG so that the evaluation set is the same on every machine.
function Rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function Shuffle(items, rng) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function Percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx];
}

function CrisisMetrics(labels, predictions) {
  let tp = 0, fn = 0, fp = 0, tn = 0;
  labels.forEach((label, i) => {
    const pred = predictions[i];
    if (label === 'crisis') pred ? (tp += 1) : (fn += 1);
    else pred ? (fp += 1) : (tn += 1);
  });
  return {
    tp, fn, fp, tn,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    fpr: fp + tn > 0 ? fp / (fp + tn) : null,
  };
}

function PackageVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return 'not installed';
  }
}

// ---------------------------------------------------------------------------------------------
// The evaluation set and the training set

// Builds the evaluation set: every row of crisis_chat_dev.tsv, then everyday GoEmotions dev texts
// (label `none` unless the text also appears as `crisis` in a crisis file) to fill up to n.
// Texts that occur in any training file are left out, so no system is scored on its training data.
function BuildEvalSet(n, seed) {
  const train = TrainingRows();
  const trainTexts = new Set(train.map((r) => r.text.toLowerCase()));
  const crisisTexts = new Set(
    [...train, ...ReadTsv(kFiles.chatDev)]
      .filter((r) => r.label === 'crisis')
      .map((r) => r.text.toLowerCase()),
  );
  const seen = new Set();
  const take = (rows, source) => {
    const out = [];
    for (const r of rows) {
      const key = r.text.toLowerCase();
      if (r.text === '' || seen.has(key) || trainTexts.has(key)) continue;
      seen.add(key);
      out.push({ text: r.text, label: crisisTexts.has(key) ? 'crisis' : r.label, source });
    }
    return out;
  };
  const dev = take(ReadTsv(kFiles.chatDev), 'crisis_chat_dev').slice(0, n);
  const everydayRows = ReadTsv(kFiles.emotionDev).map((r) => ({ text: r.text, label: 'none' }));
  const everyday = take(Shuffle(everydayRows, Rng(seed)), 'emotion_dev').slice(0, n - dev.length);
  if (dev.length + everyday.length < n) {
    throw new Error(`only ${dev.length + everyday.length} evaluation texts available, need ${n}`);
  }
  return Shuffle([...dev, ...everyday], Rng(seed + 1));
}

// The crisis training data Haven uses, mirroring the crisis step of models/train.sh: C-SSRS users
// except every 5th (held out there for thresholds), every hand-written chat file, and 4,000
// everyday GoEmotions train texts as `none`, chosen as Haven's `--negatives` does (texts
// mentioning a risk word dropped, the rest ordered by the FNV-1a hash of the text). Haven sees
// the hand-written files twice and 40,000 everyday texts; nlp.js gets each document once and the
// first 4,000 (its training time grows with the documents).
let trainingRowsCache = null;
function TrainingRows() {
  if (trainingRowsCache) return trainingRowsCache;
  const cssrs = ReadTsv(kFiles.cssrsTrain).filter((_, i) => (i + 1) % 5 !== 0);
  const labelled = [...kFiles.chatTrain.flatMap((f) => ReadTsv(f)), ...cssrs];
  trainingRowsCache = [...labelled, ...EverydayNegatives(kNegativesLimit)].filter(
    (r) => r.label === 'crisis' || r.label === 'none',
  );
  return trainingRowsCache;
}

// Risk words of Haven's negative filter (src/nlp/training.cc, MentionsRisk).
const kRiskWords = new Set(('kill killing killed suicide suicidal die dying died dead death overdose ' +
  'harm cut cutting hang hanging shoot gun murder abuse abused rape raped hurt hurting pills jump ' +
  'bridge knife blood bleed razor noose end live living alive life hit beat beats threat threaten ' +
  'unsafe grave coffin skull weapon choke morir muerte matar matarme suicidio vivir daño').split(' '));
const kNegativesLimit = 4000;

function Fnv1a64(text) {
  let hash = 14695981039346656037n;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = ((hash ^ BigInt(byte)) * 1099511628211n) & 0xffffffffffffffffn;
  }
  return hash;
}

function EverydayNegatives(limit) {
  const file = path.join(kShared, 'emotion', 'train.tsv');
  const candidates = [];
  let risky = 0;
  for (const r of ReadTsv(file)) {
    const words = r.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
    if (words.some((w) => kRiskWords.has(w))) {
      risky += 1;
      continue;
    }
    candidates.push({ hash: Fnv1a64(r.raw), text: r.text, label: 'none' });
  }
  candidates.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  console.log(`everyday negatives: kept ${Math.min(limit, candidates.length)} of ` +
    `${candidates.length + risky} (${risky} mentioning risk removed)`);
  return candidates.slice(0, limit).map(({ text, label }) => ({ text, label }));
}

// ---------------------------------------------------------------------------------------------
// Child processes: one per system, so that maxRSS belongs to that system alone.

async function TimeLoop(texts, fn) {
  const warm = Math.min(kWarmup, texts.length);
  for (let i = 0; i < warm; i += 1) await fn(texts[i]);
  const per = new Float64Array(texts.length);
  const results = new Array(texts.length);
  const start = process.hrtime.bigint();
  for (let i = 0; i < texts.length; i += 1) {
    const t0 = process.hrtime.bigint();
    results[i] = await fn(texts[i]);
    per[i] = Number(process.hrtime.bigint() - t0);
  }
  const totalNs = Number(process.hrtime.bigint() - start);
  const sorted = Array.from(per).sort((a, b) => a - b);
  return {
    results,
    totalNs,
    p50Ns: Percentile(sorted, 0.5),
    p95Ns: Percentile(sorted, 0.95),
    warmup: warm,
  };
}

async function ChildVader(texts) {
  const vader = require('vader-sentiment');
  const analyzer = vader.SentimentIntensityAnalyzer;
  const run = await TimeLoop(texts, (t) => analyzer.polarity_scores(t));
  return { ...run, predictions: run.results.map((s) => s.compound <= kVaderCrisisProxy) };
}

function NewNlpManager() {
  const { NlpManager } = require('node-nlp');
  return new NlpManager({ languages: ['en', 'es'], autoSave: false, autoLoad: false, nlu: { log: false } });
}

async function ChildNlpjsTrain(rows, modelFile) {
  const manager = NewNlpManager();
  const locales = { en: 0, es: 0 };
  for (const r of rows) {
    const locale = manager.guessLanguage(r.text) === 'es' ? 'es' : 'en';
    locales[locale] += 1;
    manager.addDocument(locale, r.text, r.label);
  }
  const t0 = process.hrtime.bigint();
  await manager.train();
  const trainNs = Number(process.hrtime.bigint() - t0);
  fs.writeFileSync(modelFile, manager.export(true));
  return { trainNs, locales, documents: rows.length };
}

async function ChildNlpjsEval(texts, modelFile) {
  const manager = NewNlpManager();
  manager.import(fs.readFileSync(modelFile, 'utf8'));
  // One call gives both the sentiment and the classifier's intent (language guessed per message).
  const run = await TimeLoop(texts, (t) => manager.process(t));
  return {
    ...run,
    // nlp.js answers intent "None" below its default threshold of 0.5.
    predictions: run.results.map((r) => r.intent === 'crisis'),
    sentimentComputed: run.results.every((r) => r.sentiment && Number.isFinite(r.sentiment.score)),
  };
}

async function RunChild({ kind, input, output }) {
  const data = JSON.parse(fs.readFileSync(input, 'utf8'));
  let result;
  if (kind === 'vader') result = await ChildVader(data.texts);
  else if (kind === 'nlpjs-train') result = await ChildNlpjsTrain(data.rows, data.modelFile);
  else if (kind === 'nlpjs-eval') result = await ChildNlpjsEval(data.texts, data.modelFile);
  else if (kind === 'baseline') result = {}; // bare node runtime, for its peak RSS
  else throw new Error(`unknown child kind ${kind}`);
  delete result.results;
  result.maxRssKb = process.resourceUsage().maxRSS; // kilobytes
  fs.writeFileSync(output, JSON.stringify(result));
}

function SpawnChild(kind, payload, tmp) {
  const input = path.join(tmp, `${kind}.in.json`);
  const output = path.join(tmp, `${kind}.out.json`);
  fs.writeFileSync(input, JSON.stringify(payload));
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', kind, input, output],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`${kind} child failed with status ${child.status}`);
  const result = JSON.parse(fs.readFileSync(output, 'utf8'));
  result.processWallNs = Number(process.hrtime.bigint() - started);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Haven: one `haven analyze` process reading all messages on stdin.

// CMAKE_BUILD_TYPE of the build tree a binary sits in ('' if unknown).
function BuildType(bin) {
  for (let dir = path.dirname(bin); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const cache = path.join(dir, 'CMakeCache.txt');
    if (fs.existsSync(cache)) {
      const m = /^CMAKE_BUILD_TYPE:\w+=(.*)$/m.exec(fs.readFileSync(cache, 'utf8'));
      return m ? m[1].trim() : '';
    }
  }
  return '';
}

// HAVEN_BIN if set; otherwise the first candidate whose `analyze` prints JSON, preferring an
// optimised build (Release, RelWithDebInfo, MinSizeRel) over a Debug one.
function FindHaven() {
  const candidates = process.env.HAVEN_BIN
    ? [process.env.HAVEN_BIN]
    : ['build/haven', 'build/haven-nlp', 'build-release/haven', 'build-release/haven-nlp',
        'build-peers/haven-nlp', 'build-nlp/haven-nlp'].map((p) => path.join(kRepo, p));
  const tried = [];
  const working = [];
  for (const bin of candidates) {
    if (!fs.existsSync(bin)) {
      tried.push(`${path.relative(kRepo, bin)}: not found`);
      continue;
    }
    const probe = spawnSync(bin, AnalyzeArgs(), { input: 'hello there\n', cwd: kRepo, timeout: 60000 });
    const first = probe.stdout ? probe.stdout.toString().split('\n')[0] : '';
    try {
      if (probe.status === 0 && typeof JSON.parse(first) === 'object') {
        working.push({ bin, buildType: BuildType(bin) });
        continue;
      }
    } catch {
      /* not JSON: fall through */
    }
    const why = probe.stderr ? probe.stderr.toString().trim().split('\n')[0] : '';
    tried.push(`${path.relative(kRepo, bin)}: \`analyze\` did not print a JSON line ` +
      `(status ${probe.status}; ${why})`);
  }
  const optimised = working.find((w) => /^(Release|RelWithDebInfo|MinSizeRel)$/.test(w.buildType));
  const pick = optimised || working[0] || { bin: null, buildType: '' };
  return { ...pick, tried };
}

// `analyze`, plus `--models DIR` when HAVEN_MODELS is set (default: the binary's own, models/).
function AnalyzeArgs() {
  return process.env.HAVEN_MODELS ? ['analyze', '--models', process.env.HAVEN_MODELS] : ['analyze'];
}

// Runs `/usr/bin/time -v BIN analyze` with the given stdin; returns wall time, stdout, peak RSS.
function RunTimed(bin, stdinText) {
  return new Promise((resolve, reject) => {
    const useTime = fs.existsSync('/usr/bin/time');
    const cmd = useTime ? '/usr/bin/time' : bin;
    const argv = useTime ? ['-v', bin, ...AnalyzeArgs()] : AnalyzeArgs();
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: kRepo, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (status) => {
      const wallNs = Number(process.hrtime.bigint() - started);
      const stderr = Buffer.concat(err).toString();
      if (status !== 0) return reject(new Error(`haven analyze exited ${status}: ${stderr.slice(-500)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ wallNs, stdout: Buffer.concat(out).toString(), maxRssKb: rss ? Number(rss[1]) : null });
    });
    child.stdin.end(stdinText);
  });
}

// Reads Haven's crisis decision from one JSON line, whichever of the known shapes it uses.
function HavenCrisis(obj) {
  // The product's decision: the safety verdict (rules + model + policy), not the model alone.
  if (obj.risk && typeof obj.risk.level === 'string') return obj.risk.level === 'crisis';
  const threshold = Number(process.env.HAVEN_CRISIS_THRESHOLD || 0.5);
  const c = obj.crisis;
  if (typeof c === 'boolean') return c;
  if (typeof c === 'number') return c >= threshold;
  if (c && typeof c === 'object') {
    for (const key of ['is_crisis', 'flag', 'flagged', 'crisis']) {
      if (typeof c[key] === 'boolean') return c[key];
    }
    for (const key of ['label', 'level']) {
      if (typeof c[key] === 'string') return ['crisis', 'high', 'imminent'].includes(c[key]);
    }
    if (typeof c.score === 'number') return c.score >= (c.threshold ?? threshold);
  }
  if (typeof obj.crisis_score === 'number') return obj.crisis_score >= threshold;
  if (typeof obj.crisis_level === 'string') return ['crisis', 'high', 'imminent'].includes(obj.crisis_level);
  throw new Error(`cannot find a crisis decision in Haven's output: ${JSON.stringify(obj).slice(0, 300)}`);
}

// Median of the runs' wall times: start-up (~0.45 s) is most of one run, so a single pair of runs
// gave msgs/s anywhere from 13k to 42k on a quiet machine.
function MedianWallNs(runs) {
  const walls = runs.map((r) => r.wallNs).sort((a, b) => a - b);
  return walls[Math.floor(walls.length / 2)];
}

async function RunHaven(bin, texts, repeats = 5) {
  const empties = [];
  const fulls = [];
  for (let i = 0; i < repeats; i++) {
    empties.push(await RunTimed(bin, '')); // start-up and model loading alone
    fulls.push(await RunTimed(bin, texts.join('\n') + '\n'));
  }
  const full = fulls[0];
  const lines = full.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== texts.length) {
    throw new Error(`haven analyze printed ${lines.length} JSON lines for ${texts.length} inputs`);
  }
  return {
    predictions: lines.map((l) => HavenCrisis(JSON.parse(l))),
    wallNs: MedianWallNs(fulls),
    startupNs: MedianWallNs(empties),
    maxRssKb: Math.max(...fulls.map((r) => r.maxRssKb ?? 0)) || null,
    sample: lines[0],
  };
}

// In-process latency from the nlp Google Benchmark program, if one is built.
function RunGbench() {
  const names = ['nlp_bench', 'nlp_analyze_bench', 'bench_nlp', 'nlp_benchmark'];
  const dirs = ['build-release/bench', 'build/bench', 'build-nlp/bench', 'build-release', 'build', 'build-nlp'];
  let bin = process.env.HAVEN_GBENCH || null;
  if (!bin) {
    for (const d of dirs) {
      const dir = path.join(kRepo, d);
      if (!fs.existsSync(dir)) continue;
      const hit = fs.readdirSync(dir).find((f) => names.includes(f) || /^nlp_.*bench/.test(f));
      if (hit) {
        bin = path.join(dir, hit);
        break;
      }
    }
  }
  if (!bin || !fs.existsSync(bin)) return { note: 'no Google Benchmark program for nlp found (set HAVEN_GBENCH)' };
  const filter = process.env.HAVEN_GBENCH_FILTER || 'Analyze';
  const run = spawnSync(
    bin,
    [`--benchmark_filter=${filter}`, '--benchmark_format=json', '--benchmark_repetitions=5',
      '--benchmark_report_aggregates_only=true'],
    { cwd: kRepo, maxBuffer: 64 << 20, timeout: 600000 },
  );
  if (run.status !== 0) return { note: `${bin} exited ${run.status}` };
  const report = JSON.parse(run.stdout.toString());
  const medians = report.benchmarks
    .filter((b) => b.aggregate_name === 'median')
    .map((b) => ({ name: b.run_name || b.name, ns: ToNs(b.real_time, b.time_unit) }));
  return { bin: path.relative(kRepo, bin), medians, buildType: BuildType(bin) || 'unknown' };
}

// Haven in-process, measured like the peers: bench/nlp_throughput runs Analyze + safety Assess
// on one thread over the same messages after the same number of warm-up calls.
function RunHavenInProcess(texts, tmp) {
  const dirs = ['build-release/bench', 'build/bench', 'build-speed/bench', 'build-nlp/bench'];
  let bin = process.env.HAVEN_THROUGHPUT || null;
  if (!bin) {
    const hit = dirs.map((d) => path.join(kRepo, d, 'nlp_throughput')).find((f) => fs.existsSync(f));
    bin = hit || null;
  }
  if (!bin) return { note: 'no bench/nlp_throughput program found (build it or set HAVEN_THROUGHPUT)' };
  const file = path.join(tmp, 'haven-messages.txt');
  fs.writeFileSync(file, texts.map((t) => t.replace(/[\r\n]+/g, ' ')).join('\n') + '\n');
  const run = spawnSync(bin, [file, '--warmup', String(kWarmup)], { cwd: kRepo, timeout: 600000 });
  if (run.status !== 0) return { note: `${bin} exited ${run.status}: ${run.stderr.toString().slice(-300)}` };
  const report = JSON.parse(run.stdout.toString().trim().split('\n').pop());
  return { bin: path.relative(kRepo, bin), buildType: BuildType(bin) || 'unknown', ...report };
}

// `task fingerprint` of each model settings file in the models directory Haven was run with.
function ModelFingerprints() {
  const dir = process.env.HAVEN_MODELS || path.join(kRepo, 'models');
  return ['crisis', 'emotion', 'distortion'].map((task) => {
    const file = path.join(dir, `${task}.toml`);
    const m = fs.existsSync(file) ? /^fingerprint\s*=\s*'([^']*)'/m.exec(fs.readFileSync(file, 'utf8')) : null;
    return `${task} ${m ? m[1] : 'unknown'}`;
  }).join(', ');
}

function ToNs(value, unit) {
  return value * { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[unit || 'ns'];
}

// ---------------------------------------------------------------------------------------------
// Report

// The NLP issue's targets, each with the measured figure and met / not met / not measured.
function TargetsNote(measured) {
  const verdict = (ok) => (ok == null ? 'not measured' : ok ? 'met' : 'NOT met');
  const peers = [measured.vader, measured.nlpjs].filter((x) => x != null);
  const ratio = peers.length ? measured.haven / Math.max(...peers) : null;
  const p50 = measured.havenP50Ns;
  const rss = measured.havenRssKb;
  return 'Targets: ' + [
    `Analyze p50 ≤ 20 µs: ${p50 == null ? 'n/a' : Fmt.us(p50) + ' µs'} (${verdict(p50 == null ? null : p50 <= 20000)})`,
    `≥ 20× the faster peer's throughput: ${ratio == null ? 'n/a' : ratio.toFixed(1) + '×'} ` +
      `(${verdict(ratio == null ? null : ratio >= 20)})`,
    `peak RSS with all models ≤ 100 MB: ${Fmt.mb(rss)} MB (${verdict(rss == null ? null : rss <= 100 * 1024)})`,
  ].join('; ') + '.';
}

function MachineInfo() {
  const cpus = os.cpus();
  return { nproc: os.availableParallelism ? os.availableParallelism() : cpus.length,
    cpu: cpus.length ? cpus[0].model.replace(/\s+/g, ' ').trim() : 'unknown' };
}

function GitCommit() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: kRepo });
  return r.status === 0 ? r.stdout.toString().trim() : 'unknown';
}

const Fmt = {
  rate: (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en-US')),
  us: (ns) => (ns == null || Number.isNaN(ns) ? 'n/a' : (ns / 1000).toFixed(ns < 10000 ? 2 : 1)),
  pct: (x) => (x == null ? 'n/a' : `${(100 * x).toFixed(1)}%`),
  mb: (kb) => (kb == null ? 'n/a' : (kb / 1024).toFixed(1)),
};

function RenderSection(ctx) {
  const { rows, set, training, machine, date, notes } = ctx;
  const m = `${machine.nproc} × ${machine.cpu}`;
  const out = [];
  out.push('## Peer comparison: Haven vs VADER-js vs nlp.js');
  out.push('');
  out.push(`Generated by \`bench/peers/compare.mjs\` (commit ${ctx.commit}, node ${process.version}, ` +
    `vader-sentiment ${PackageVersion('vader-sentiment')}, node-nlp ${PackageVersion('node-nlp')}). ` +
    'Do not edit by hand: rerun `cd bench/peers && npm ci && node compare.mjs`.');
  out.push('');
  out.push('| system | msgs/s | p50 µs/msg | crisis recall | crisis FPR | peak RSS MB | date | machine |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of rows) {
    out.push(`| ${r.system} | ${Fmt.rate(r.rate)} | ${r.p50} | ${r.recall} | ${r.fpr} | ${Fmt.mb(r.rssKb)} | ${date} | ${m} |`);
  }
  out.push('');
  out.push(`Evaluation set: ${set.total} messages, seed ${ctx.seed}: ${set.chatDev} from ` +
    `models/data/crisis_chat_dev.tsv (${set.chatDevCrisis} crisis) + ${set.everyday} everyday ` +
    `texts from GoEmotions dev (../shared/data/emotion/dev.tsv, label \`none\`${set.everydayCrisis ? `, ${set.everydayCrisis} relabelled crisis` : ''}); ` +
    `${set.crisis} crisis / ${set.total - set.crisis} none in all. Texts found in a training file are excluded.`);
  out.push(`Crisis training data for nlp.js, mirroring Haven's models/train.sh: ` +
    `the ${kFiles.chatTrain.length} hand-written files models/data/crisis_chat_train*.tsv + ../shared/data/crisis/cssrs-train.tsv (every 5th user held out, ` +
    `as Haven does) + ${kNegativesLimit} everyday GoEmotions train texts as \`none\` (Haven's selection ` +
    `re-done in JS: same risk words and hash order, simpler tokeniser, so a few texts may differ) = ` +
    `${training.documents} documents` +
    (training.locales ? ` (nlp.js language guess: ${training.locales.en} en, ${training.locales.es} es)` : '') + '.');
  out.push('');
  for (const n of notes) out.push(`- ${n}`);
  out.push('');
  return out.join('\n');
}

function WriteResults(section) {
  let text = fs.existsSync(kResults)
    ? fs.readFileSync(kResults, 'utf8')
    : '# Benchmark results\n\nFigures measured on this project\'s machines; each section is written by the ' +
      'script it names.\n\n' + `${kBegin}\n${kEnd}\n`;
  if (!text.includes(kBegin) || !text.includes(kEnd)) text = `${text.trimEnd()}\n\n${kBegin}\n${kEnd}\n`;
  const before = text.slice(0, text.indexOf(kBegin) + kBegin.length);
  const after = text.slice(text.indexOf(kEnd));
  fs.writeFileSync(kResults, `${before}\n${section}${after}`);
}

// ---------------------------------------------------------------------------------------------
// Main

async function Main(args) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-peers-'));
  const ctx0 = { load: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
  const set = BuildEvalSet(args.n, args.seed);
  const texts = set.map((r) => r.text);
  const labels = set.map((r) => r.label);
  const composition = {
    total: set.length,
    chatDev: set.filter((r) => r.source === 'crisis_chat_dev').length,
    chatDevCrisis: set.filter((r) => r.source === 'crisis_chat_dev' && r.label === 'crisis').length,
    everyday: set.filter((r) => r.source === 'emotion_dev').length,
    everydayCrisis: set.filter((r) => r.source === 'emotion_dev' && r.label === 'crisis').length,
    crisis: labels.filter((l) => l === 'crisis').length,
  };
  console.log(`evaluation set: ${JSON.stringify(composition)}`);
  const trainRows = TrainingRows();
  let training = { documents: trainRows.length };
  const rows = [];
  const notes = [];
  const measured = {};

  if (!args.skip.has('vader')) {
    console.log('VADER-js: timing...');
    const r = SpawnChild('vader', { texts }, tmp);
    const m = CrisisMetrics(labels, r.predictions);
    measured.vader = texts.length / (r.totalNs / 1e9);
    rows.push({ system: `VADER-js ${PackageVersion('vader-sentiment')} (sentiment only)`, rate: measured.vader,
      p50: Fmt.us(r.p50Ns), recall: `${Fmt.pct(m.recall)}*`, fpr: `${Fmt.pct(m.fpr)}*`, rssKb: r.maxRssKb });
    notes.push(`VADER-js has no crisis model. * Its recall/FPR are a naive proxy: crisis when ` +
      `compound ≤ ${kVaderCrisisProxy}. Timing: polarity_scores per message after ${r.warmup} warm-up calls.`);
  }

  if (!args.skip.has('nlpjs')) {
    const modelFile = path.join(tmp, 'nlpjs-model.json');
    console.log(`nlp.js: training on ${trainRows.length} documents...`);
    const t = SpawnChild('nlpjs-train', { rows: trainRows, modelFile }, tmp);
    training = { ...training, locales: t.locales };
    console.log(`nlp.js: trained in ${(t.trainNs / 1e9).toFixed(1)} s; timing...`);
    const r = SpawnChild('nlpjs-eval', { texts, modelFile }, tmp);
    const m = CrisisMetrics(labels, r.predictions);
    measured.nlpjs = texts.length / (r.totalNs / 1e9);
    rows.push({ system: `nlp.js ${PackageVersion('node-nlp')} (sentiment + crisis classifier)`, rate: measured.nlpjs,
      p50: Fmt.us(r.p50Ns), recall: Fmt.pct(m.recall), fpr: Fmt.pct(m.fpr), rssKb: r.maxRssKb });
    notes.push(`nlp.js: NlpManager (languages en+es, defaults otherwise) trained on the crisis data in ` +
      `${(t.trainNs / 1e9).toFixed(1)} s in a separate process, exported and imported by the timed process ` +
      `(so peak RSS is the loaded model plus inference, not training). One \`manager.process(text)\` per ` +
      `message gives language guess, intent and sentiment; crisis = top intent \`crisis\` at nlp.js's default ` +
      `threshold 0.5. Timed after ${r.warmup} warm-up calls.`);
  }

  if (!args.skip.has('haven')) {
    const found = FindHaven();
    if (!found.bin) {
      const msg = `Haven skipped: no binary with a working \`analyze\` command (${found.tried.join('; ')}).`;
      console.log(msg);
      notes.push(msg);
    } else {
      console.log(`Haven: ${found.bin} analyze < ${texts.length} lines...`);
      const h = await RunHaven(found.bin, texts);
      const m = CrisisMetrics(labels, h.predictions);
      const netNs = Math.max(1, h.wallNs - h.startupNs);
      measured.havenCli = texts.length / (netNs / 1e9);
      const inProcess = RunHavenInProcess(texts, tmp);
      measured.haven = inProcess.msgs_per_s ?? measured.havenCli;
      const gb = RunGbench();
      const p50 = gb.medians && gb.medians.length ? Fmt.us(gb.medians[0].ns) + '†' : 'n/a';
      const label = `\`${path.relative(kRepo, found.bin)} analyze\`, ${found.buildType || 'unknown'} build`;
      rows.unshift({ system: `Haven (${label})`, rate: measured.havenCli,
        p50, recall: Fmt.pct(m.recall), fpr: Fmt.pct(m.fpr), rssKb: h.maxRssKb });
      if (inProcess.msgs_per_s != null) {
        rows.unshift({ system: `Haven in-process (\`${inProcess.bin}\`: Analyze + safety Assess, ` +
          `${inProcess.buildType} build)`, rate: inProcess.msgs_per_s, p50: p50,
          recall: Fmt.pct(m.recall), fpr: Fmt.pct(m.fpr), rssKb: null });
        notes.push(`Haven in-process: \`${inProcess.bin}\` runs nlp::Analyzer::Analyze and ` +
          `safety::SafetyAssessor::Assess on one thread over the same ${texts.length} messages after ` +
          `${kWarmup} warm-up calls, as the peers are timed (no output): ` +
          `${Fmt.rate(inProcess.msgs_per_s)} msgs/s, ${inProcess.us_per_msg.toFixed(1)} µs/msg mean. ` +
          'The target ratio below uses this figure; the `analyze` row adds JSON output and stdin/stdout.');
      } else {
        notes.push(`Haven in-process: n/a (${inProcess.note}); the target ratio uses the \`analyze\` figure.`);
      }
      if (!/^(Release|RelWithDebInfo|MinSizeRel)$/.test(found.buildType)) {
        notes.push(`Haven was measured from a ${found.buildType || 'non-optimised'} build: its speed is ` +
          'not representative. Build with -DCMAKE_BUILD_TYPE=Release and rerun.');
      }
      measured.havenRssKb = h.maxRssKb;
      notes.push(`Haven's crisis threshold is tuned on crisis_chat_dev.tsv when the model is trained ` +
        `(models/train.sh, --dev), so its recall on these dev rows is not a held-out figure. ` +
        `Models used: ${ModelFingerprints()}.`);
      measured.havenP50Ns = gb.medians && gb.medians.length ? gb.medians[0].ns : null;
      notes.push(`Haven: one process reads all ${texts.length} lines on stdin and prints one JSON line each. ` +
        `msgs/s = ${texts.length} / (median wall time of 5 runs − median wall time of 5 runs of the same command on empty input, ` +
        `${(h.startupNs / 1e6).toFixed(0)} ms, i.e. start-up and model loading); end to end including ` +
        `start-up: ${Fmt.rate(texts.length / (h.wallNs / 1e9))} msgs/s. Peak RSS from /usr/bin/time -v.`);
      if (gb.medians) {
        notes.push(`† Haven p50: in-process median of 5 repetitions from Google Benchmark ` +
          `\`${gb.bin}\` (${gb.buildType} build): ` +
          gb.medians.map((b) => `${b.name} ${Fmt.us(b.ns)} µs`).join(', ') + '.');
      } else {
        notes.push(`Haven p50 per message: n/a (${gb.note}).`);
      }
    }
  }

  if (measured.haven != null) notes.push(TargetsNote(measured));
  const baseline = SpawnChild('baseline', {}, tmp);
  notes.push(`Peers run in their own node process each; peak RSS is process.resourceUsage().maxRSS, which ` +
    `includes the node runtime itself (${Fmt.mb(baseline.maxRssKb)} MB for a node process that does nothing). ` +
    'Peer msgs/s counts only the timed loop over all messages.');
  notes.push(`Load average when the run started: ${ctx0.load} (the machine is shared; figures are from one run).`);

  const section = RenderSection({ rows, set: composition, training, machine: MachineInfo(),
    date: new Date().toISOString().slice(0, 10), notes, seed: args.seed, commit: GitCommit() });
  console.log(`\n${section}`);
  if (args.write) {
    WriteResults(section);
    console.log(`wrote ${path.relative(process.cwd(), kResults)}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

const args = ParseArgs(process.argv.slice(2));
if (args.child) {
  RunChild(args.child).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  Main(args).catch((e) => {
    console.error(`compare.mjs: ${e.message}`);
    process.exit(1);
  });
}
