// The pure half of `npm run corpus`: matching findings to recorded judgments, counting per
// repository and per rule, precision, and the tables. No file system, no engine: run.ts feeds
// it, and test/corpus/report.test.ts checks it without the corpus.

export type Verdict = 'true' | 'false' | 'debatable';
export const VERDICTS: readonly Verdict[] = ['true', 'false', 'debatable'];

/** A reader's judgment of one finding, kept in test/corpus/judgments/<rule-id>.json. */
export interface Judgment {
  repo: string;
  /** Path inside the repository, with forward slashes. */
  file: string;
  line: number;
  column: number;
  verdict: Verdict;
  why: string;
}

export interface CorpusFinding {
  repo: string;
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface ModelStat {
  file: string;
  line: number;
  /** The variable the model is bound to, as --summary names it. */
  model: string;
  layers: number;
  /** Every layer's output shape and parameter count known, and the totals known. */
  fullyKnown: boolean;
  /** The summary prints "Total params: 0". */
  zeroParams: boolean;
  /** Why the summary is not fully known (with --unknown): the first thing the engine could not follow. */
  cause?: string;
}

export interface RepoStats {
  repo: string;
  /** Files the CLI walks: JS/TS, and HTML/Vue/Svelte (their script blocks). */
  files: number;
  lines: number;
  /** Files among them that name a tfjs package or call the tfjs namespace. */
  tfjsFiles: number;
  /** HTML, Vue and Svelte files among them. */
  hostFiles: number;
  models: ModelStat[];
  findings: CorpusFinding[];
  /** Files the engine did not finish (notices: timeout, internal error, rule error). */
  problems: { file: string; message: string }[];
  ms: number;
}

/** What --summary reports of one model, as far as the counts need it. */
export interface SummaryLike {
  model: string;
  line: number;
  layers: readonly { outputShape: unknown; params: number | null }[];
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
}

/**
 * Fully known: at least one layer, every layer's output shape and parameter count known, and
 * the totals known. A summary with no layers is never fully known: a model built in code has
 * layers, so an empty one means the engine lost them (and its "Total params: 0" is wrong).
 */
export function modelStatOf(m: SummaryLike, file: string): ModelStat {
  const layersKnown = m.layers.length > 0 && m.layers.every((l) => l.outputShape !== null && l.params !== null);
  const totalsKnown = m.totalParams !== null && m.trainableParams !== null && m.nonTrainableParams !== null;
  return { file, line: m.line, model: m.model, layers: m.layers.length, fullyKnown: layersKnown && totalsKnown, zeroParams: m.totalParams === 0 };
}

/** Text that names a tfjs package or uses a member of the `tf` namespace. */
export function looksLikeTfjs(text: string): boolean {
  return /@tensorflow\/tfjs|\btf\s*\.\s*[A-Za-z_$]/.test(text);
}

/**
 * The judgment recorded for a finding: the one at the same repository, file, line and column
 * and for the same rule; failing that, the only judgment of that rule on that line (a rule
 * that moved its range within the line keeps its judgment).
 */
export function judgmentFor(finding: CorpusFinding, judgments: ReadonlyMap<string, readonly Judgment[]>): Judgment | undefined {
  const ofRule = judgments.get(finding.ruleId) ?? [];
  const sameLine = ofRule.filter((j) => j.repo === finding.repo && j.file === finding.file && j.line === finding.line);
  return sameLine.find((j) => j.column === finding.column) ?? (sameLine.length === 1 ? sameLine[0] : undefined);
}

/** Checks one judgments file's entries; returns the problems (empty when all are well formed). */
export function validateJudgments(ruleId: string, entries: unknown): string[] {
  if (!Array.isArray(entries)) return [`${ruleId}.json: expected an array of judgments`];
  const problems: string[] = [];
  entries.forEach((e: Partial<Judgment>, i) => {
    const where = `${ruleId}.json[${i}]`;
    if (typeof e !== 'object' || e === null) return void problems.push(`${where}: not an object`);
    if (typeof e.repo !== 'string' || !e.repo.includes('/')) problems.push(`${where}: "repo" must be "owner/name"`);
    if (typeof e.file !== 'string' || !e.file) problems.push(`${where}: "file" must be a path inside the repository`);
    if (!Number.isInteger(e.line) || (e.line as number) < 1) problems.push(`${where}: "line" must be a positive integer`);
    if (!Number.isInteger(e.column) || (e.column as number) < 1) problems.push(`${where}: "column" must be a positive integer`);
    if (!VERDICTS.includes(e.verdict as Verdict)) problems.push(`${where}: "verdict" must be one of ${VERDICTS.join(', ')}`);
    if (typeof e.why !== 'string' || !e.why.trim()) problems.push(`${where}: "why" must say why`);
  });
  return problems;
}

export interface Tally {
  error: number;
  warning: number;
  info: number;
}

export interface JudgedTally {
  true: number;
  false: number;
  debatable: number;
  unjudged: number;
}

export interface Totals {
  files: number;
  lines: number;
  tfjsFiles: number;
  hostFiles: number;
  models: number;
  fullyKnown: number;
  zeroParams: number;
  findings: Tally;
  ms: number;
}

export function tallyOf(findings: readonly CorpusFinding[]): Tally {
  const t: Tally = { error: 0, warning: 0, info: 0 };
  for (const f of findings) t[f.severity]++;
  return t;
}

export function totalsOf(repos: readonly RepoStats[]): Totals {
  const t: Totals = { files: 0, lines: 0, tfjsFiles: 0, hostFiles: 0, models: 0, fullyKnown: 0, zeroParams: 0, findings: { error: 0, warning: 0, info: 0 }, ms: 0 };
  for (const r of repos) {
    t.files += r.files;
    t.lines += r.lines;
    t.tfjsFiles += r.tfjsFiles;
    t.hostFiles += r.hostFiles;
    t.models += r.models.length;
    t.fullyKnown += r.models.filter((m) => m.fullyKnown).length;
    t.zeroParams += r.models.filter((m) => m.zeroParams).length;
    const f = tallyOf(r.findings);
    t.findings.error += f.error;
    t.findings.warning += f.warning;
    t.findings.info += f.info;
    t.ms += r.ms;
  }
  return t;
}

/** Warnings and errors: the findings that must be judged. */
export function isJudgedSeverity(f: CorpusFinding): boolean {
  return f.severity !== 'info';
}

export interface RuleRow {
  ruleId: string;
  findings: Tally;
  judged: JudgedTally;
}

/** Per rule: findings by severity, and how its warnings and errors were judged. */
export function ruleRows(findings: readonly CorpusFinding[], judgments: ReadonlyMap<string, readonly Judgment[]>): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  for (const f of findings) {
    let row = rows.get(f.ruleId);
    if (!row) rows.set(f.ruleId, (row = { ruleId: f.ruleId, findings: { error: 0, warning: 0, info: 0 }, judged: { true: 0, false: 0, debatable: 0, unjudged: 0 } }));
    row.findings[f.severity]++;
    if (!isJudgedSeverity(f)) continue;
    const j = judgmentFor(f, judgments);
    row.judged[j ? j.verdict : 'unjudged']++;
  }
  return [...rows.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
}

/** true / (true + false) over judged warnings and errors; undefined when none is judged true or false. */
export function precisionOf(rows: readonly RuleRow[]): number | undefined {
  let t = 0;
  let f = 0;
  for (const r of rows) {
    t += r.judged.true;
    f += r.judged.false;
  }
  return t + f === 0 ? undefined : t / (t + f);
}

/** Judgments that match no finding of this run (the rule no longer fires there, or the file moved). */
export function staleJudgments(findings: readonly CorpusFinding[], judgments: ReadonlyMap<string, readonly Judgment[]>, repos: ReadonlySet<string>): (Judgment & { ruleId: string })[] {
  const used = new Set<Judgment>();
  for (const f of findings) {
    const j = judgmentFor(f, judgments);
    if (j) used.add(j);
  }
  const stale: (Judgment & { ruleId: string })[] = [];
  for (const [ruleId, list] of judgments) {
    for (const j of list) if (!used.has(j) && repos.has(j.repo)) stale.push({ ...j, ruleId });
  }
  return stale;
}

// ---- text ----------------------------------------------------------------------------------

export function table(head: string[], rows: string[][], rightAligned: (i: number) => boolean): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`;
}

function severities(t: Tally): string {
  return `${t.error}/${t.warning}/${t.info}`;
}

/** Per rule, compact: `shape-mismatch 2/1/0` (errors/warnings/infos). */
function byRule(findings: readonly CorpusFinding[]): string {
  const rows = ruleRows(findings, new Map());
  return rows.map((r) => `${r.ruleId} ${severities(r.findings)}`).join(', ');
}

export function formatRepoTable(repos: readonly RepoStats[]): string {
  const head = ['repository', 'files', 'html', 'lines', 'tfjs', 'models', 'known', 'zero', 'E/W/I', 's', 'by rule (E/W/I)'];
  const rows = repos.map((r) => {
    const known = r.models.filter((m) => m.fullyKnown).length;
    return [
      r.repo,
      String(r.files),
      String(r.hostFiles),
      String(r.lines),
      String(r.tfjsFiles),
      String(r.models.length),
      r.models.length ? `${known} (${percent(known, r.models.length)})` : '0',
      String(r.models.filter((m) => m.zeroParams).length),
      severities(tallyOf(r.findings)),
      (r.ms / 1000).toFixed(1),
      byRule(r.findings),
    ];
  });
  const t = totalsOf(repos);
  rows.push([
    `total (${repos.length} repositories)`,
    String(t.files),
    String(t.hostFiles),
    String(t.lines),
    String(t.tfjsFiles),
    String(t.models),
    `${t.fullyKnown} (${percent(t.fullyKnown, t.models)})`,
    String(t.zeroParams),
    severities(t.findings),
    (t.ms / 1000).toFixed(1),
    '',
  ]);
  return table(head, rows, (i) => i > 0 && i < 10);
}

export function formatRuleTable(rows: readonly RuleRow[]): string {
  const head = ['rule', 'errors', 'warnings', 'infos', 'true', 'false', 'debatable', 'unjudged'];
  const body = rows.map((r) => [r.ruleId, ...[r.findings.error, r.findings.warning, r.findings.info, r.judged.true, r.judged.false, r.judged.debatable, r.judged.unjudged].map(String)]);
  return table(head, body, (i) => i > 0);
}

export const LEGEND = [
  'files: files the CLI lints (JS/TS, and HTML/Vue/Svelte script blocks); html: HTML/Vue/Svelte files among them; tfjs: files naming a tfjs package or calling tf.*;',
  'models: models --summary reports; known: every layer\'s output shape and params and the totals known; zero: summaries printing "Total params: 0";',
  'E/W/I: errors/warnings/infos; s: seconds.',
].join('\n');

/** Causes of not fully known summaries, most frequent first, with up to three examples each. */
export function formatCauseTable(repos: readonly RepoStats[]): string {
  const byCause = new Map<string, string[]>();
  for (const r of repos) {
    for (const m of r.models) {
      if (m.fullyKnown || m.cause === undefined) continue;
      const list = byCause.get(m.cause) ?? [];
      list.push(`${r.repo} ${m.file}:${m.line}`);
      byCause.set(m.cause, list);
    }
  }
  const rows = [...byCause].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const total = rows.reduce((n, [, l]) => n + l.length, 0);
  const out = [`Why summaries are not fully known (${total} models; first thing the engine could not follow):`];
  for (const [cause, where] of rows) {
    out.push(`  ${String(where.length).padStart(4)}  ${cause}`);
    for (const w of where.slice(0, 3)) out.push(`          ${w}`);
  }
  return out.join('\n');
}

// ---- models not fully known: why, and the figure over the statically determinable --------

/**
 * Why a model's summary is not fully known, by a reader of its source
 * (test/corpus/unknown-models/<owner>+<name>.json):
 * run-time: a size the source cannot determine (CSV column count, CLI argument, UI state, ...);
 * knowable: the source determines it, the engine does not follow it yet;
 * callers-disagree: a builder called with different sizes by different callers;
 * never-called: a builder nothing calls.
 */
export type ModelVerdictKind = 'run-time' | 'knowable' | 'callers-disagree' | 'never-called';
export const MODEL_VERDICTS: readonly ModelVerdictKind[] = ['run-time', 'knowable', 'callers-disagree', 'never-called'];

export interface ModelVerdict {
  /** Path inside the repository, with forward slashes. */
  file: string;
  /** The model's line as the runner reports it. */
  line: number;
  verdict: ModelVerdictKind;
  why: string;
}

/** Checks one verdict file's entries (`name` is the file name, for the messages); empty when all are well formed. */
export function validateModelVerdicts(name: string, entries: unknown): string[] {
  if (!Array.isArray(entries)) return [`${name}: expected an array of verdicts`];
  const problems: string[] = [];
  entries.forEach((e: Partial<ModelVerdict>, i) => {
    const where = `${name}[${i}]`;
    if (typeof e !== 'object' || e === null) return void problems.push(`${where}: not an object`);
    if (typeof e.file !== 'string' || !e.file) problems.push(`${where}: "file" must be a path inside the repository`);
    if (!Number.isInteger(e.line) || (e.line as number) < 1) problems.push(`${where}: "line" must be a positive integer`);
    if (!MODEL_VERDICTS.includes(e.verdict as ModelVerdictKind)) problems.push(`${where}: "verdict" must be one of ${MODEL_VERDICTS.join(', ')}`);
    if (typeof e.why !== 'string' || !e.why.trim()) problems.push(`${where}: "why" must say where the size comes from`);
  });
  return problems;
}

export interface Determinable {
  models: number;
  fullyKnown: number;
  /** models - run-time - never-called. */
  determinable: number;
  /** Not fully known models per verdict. */
  byVerdict: Record<ModelVerdictKind, number>;
  /** Not fully known models with no verdict. */
  unclassified: { repo: string; file: string; line: number; model: string }[];
  /** Verdicts for a model that is now fully known, or that no longer exists. */
  stale: (ModelVerdict & { repo: string; reason: 'fully known' | 'no model' })[];
}

/**
 * Fully known out of statically determinable. `verdicts` maps "owner/name" to that repository's
 * verdicts; a verdict applies to every model reported at its file and line.
 */
export function determinableOf(repos: readonly RepoStats[], verdicts: ReadonlyMap<string, readonly ModelVerdict[]>): Determinable {
  const d: Determinable = { models: 0, fullyKnown: 0, determinable: 0, byVerdict: { 'run-time': 0, knowable: 0, 'callers-disagree': 0, 'never-called': 0 }, unclassified: [], stale: [] };
  for (const r of repos) {
    const list = verdicts.get(r.repo) ?? [];
    const at = (file: string, line: number) => list.find((v) => v.file === file && v.line === line);
    for (const m of r.models) {
      d.models++;
      if (m.fullyKnown) {
        d.fullyKnown++;
        continue;
      }
      const v = at(m.file, m.line);
      if (v) d.byVerdict[v.verdict]++;
      else d.unclassified.push({ repo: r.repo, file: m.file, line: m.line, model: m.model });
    }
    for (const v of list) {
      const models = r.models.filter((m) => m.file === v.file && m.line === v.line);
      if (!models.length) d.stale.push({ ...v, repo: r.repo, reason: 'no model' });
      else if (models.every((m) => m.fullyKnown)) d.stale.push({ ...v, repo: r.repo, reason: 'fully known' });
    }
  }
  d.determinable = d.models - d.byVerdict['run-time'] - d.byVerdict['never-called'];
  return d;
}

/** The figures, the stale verdicts, and with `listUnclassified` each model still to classify. */
export function formatDeterminable(d: Determinable, listUnclassified: boolean): string {
  const out = [
    `Models not fully known, by verdict (test/corpus/unknown-models): ${MODEL_VERDICTS.map((v) => `${v} ${d.byVerdict[v]}`).join(', ')}, unclassified: ${d.unclassified.length}`,
    `statically determinable: D = models - run-time - never-called = ${d.models} - ${d.byVerdict['run-time']} - ${d.byVerdict['never-called']} = ${d.determinable}`,
    `fully known of determinable: ${d.fullyKnown}/${d.determinable} (${percent(d.fullyKnown, d.determinable)})`,
  ];
  if (listUnclassified && d.unclassified.length) {
    out.push(`Unclassified models (${d.unclassified.length}; not fully known, no verdict in test/corpus/unknown-models/<owner>+<name>.json):`);
    for (const u of d.unclassified) out.push(`  ${u.repo} ${u.file}:${u.line}  ${u.model}`);
  }
  if (d.stale.length) {
    out.push(`Stale model verdicts (${d.stale.length}; the model is now fully known or no longer there):`);
    for (const s of d.stale) out.push(`  ${s.repo} ${s.file}:${s.line}  ${s.verdict}  (${s.reason})`);
  }
  return out.join('\n');
}
