// `npm run corpus`: lints the real-code corpus (public tfjs projects exported into corpus/ by
// scripts/corpus/export.mjs) in-process with the CLI's own file walk, config discovery, file
// reading, linting and --summary, and prints per repository what the linter sees and says,
// per rule how its warnings and errors were judged (test/corpus/judgments/<rule-id>.json),
// and the precision. Not part of `npm test`: CI has no corpus.
//
//   npm run corpus                         tables, precision, unjudged findings
//   npm run corpus -- --findings           also every warning and error with its judgment
//   npm run corpus -- --json               everything as JSON (models with file and line)
//   npm run corpus -- --repo tfjs-examples only repositories whose owner/name contains this
//   npm run corpus -- --corpus /work/main/corpus   another exported corpus (e.g. from a worktree)
//   npm run corpus -- --unknown            also why each model's summary is not fully known, ranked,
//                                          and the models no verdict classifies
// Always: fully known out of statically determinable, from the readers' verdicts on models not
// fully known (test/corpus/unknown-models/<owner>+<name>.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectFiles } from '../../server/src/workspace/files';
import { readSource } from '../../server/src/workspace/source';
import { ConfigResolver } from '../../server/src/workspace/config-files';
import { lintSource, maxBytesOf, type FileLintSettings } from '../../server/src/cli/lint-files';
import { ProjectFactsResolver } from '../../server/src/workspace/project-facts';
import { WorkspaceModuleHost } from '../../server/src/workspace/module-host';
import { Modules } from '../../server/src/engine/modules';
import { summarizeSource } from '../../server/src/cli/summary';
import { hostKindOf } from '../../server/src/engine/script-blocks';
import { ruleCatalog } from '../../server/src/cli/registry';
import { unknownCausesOf } from './unknown-causes';
import {
  LEGEND,
  determinableOf,
  formatCauseTable,
  formatDeterminable,
  formatRepoTable,
  formatRuleTable,
  isJudgedSeverity,
  judgmentFor,
  looksLikeTfjs,
  modelStatOf,
  precisionOf,
  ruleRows,
  staleJudgments,
  totalsOf,
  validateJudgments,
  validateModelVerdicts,
  type CorpusFinding,
  type Judgment,
  type ModelVerdict,
  type RepoStats,
} from './report';

const root = path.resolve(__dirname, '..', '..', '..');
const judgmentsDir = path.join(root, 'test', 'corpus', 'judgments');
const modelVerdictsDir = path.join(root, 'test', 'corpus', 'unknown-models');

interface Args {
  findings: boolean;
  json: boolean;
  unknown: boolean;
  repo?: string;
  corpus: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { findings: false, json: false, unknown: false, corpus: path.join(root, 'corpus') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--findings') args.findings = true;
    else if (a === '--json') args.json = true;
    else if (a === '--unknown') args.unknown = true;
    else if (a === '--repo' && i + 1 < argv.length) args.repo = argv[++i];
    else if (a === '--corpus' && i + 1 < argv.length) args.corpus = path.resolve(argv[++i]);
    else return `unknown argument ${a}; usage: npm run corpus -- [--findings] [--json] [--unknown] [--repo <substring>] [--corpus <dir>]`;
  }
  return args;
}

/** owner+name folders, in repos.json order first, then any other exported folder. */
function repoFolders(corpusDir: string): string[] {
  const present = fs.readdirSync(corpusDir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.includes('+')).map((d) => d.name);
  let listed: string[] = [];
  try {
    const entries = JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'corpus', 'repos.json'), 'utf8')) as { repo: string }[];
    listed = entries.map((e) => e.repo.replace('/', '+'));
  } catch {
    // no list: the folders alone, sorted
  }
  const order = new Map(listed.map((name, i) => [name, i]));
  return present.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
}

function loadJudgments(): { judgments: Map<string, Judgment[]>; problems: string[] } {
  const judgments = new Map<string, Judgment[]>();
  const problems: string[] = [];
  if (!fs.existsSync(judgmentsDir)) return { judgments, problems };
  for (const name of fs.readdirSync(judgmentsDir).filter((n) => n.endsWith('.json')).sort()) {
    const ruleId = name.slice(0, -'.json'.length);
    let entries: unknown;
    try {
      entries = JSON.parse(fs.readFileSync(path.join(judgmentsDir, name), 'utf8'));
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    const found = validateJudgments(ruleId, entries);
    if (found.length) problems.push(...found);
    else judgments.set(ruleId, entries as Judgment[]);
  }
  return { judgments, problems };
}

/** "owner/name" -> the verdicts of test/corpus/unknown-models/<owner>+<name>.json. */
function loadModelVerdicts(): { verdicts: Map<string, ModelVerdict[]>; problems: string[] } {
  const verdicts = new Map<string, ModelVerdict[]>();
  const problems: string[] = [];
  if (!fs.existsSync(modelVerdictsDir)) return { verdicts, problems };
  for (const name of fs.readdirSync(modelVerdictsDir).filter((n) => n.endsWith('.json')).sort()) {
    let entries: unknown;
    try {
      entries = JSON.parse(fs.readFileSync(path.join(modelVerdictsDir, name), 'utf8'));
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    const found = name.includes('+') ? validateModelVerdicts(name, entries) : [`${name}: the name must be <owner>+<name>.json`];
    if (found.length) problems.push(...found);
    else verdicts.set(name.slice(0, -'.json'.length).replace('+', '/'), entries as ModelVerdict[]);
  }
  return { verdicts, problems };
}

function lintRepo(corpusDir: string, folder: string, explain: boolean): RepoStats {
  const started = performance.now();
  const repoDir = path.join(corpusDir, folder);
  const repo = folder.replace('+', '/');
  const stats: RepoStats = { repo, files: 0, lines: 0, tfjsFiles: 0, hostFiles: 0, models: [], findings: [], problems: [], ms: 0 };
  // The CLI's config discovery: the nearest .tfjslintrc.json above each folder, defaults otherwise.
  const resolver = new ConfigResolver(ruleCatalog, corpusDir);
  const collected = collectFiles([repoDir], corpusDir, (dir) => resolver.forDirectory(dir));
  const projects = new ProjectFactsResolver();
  // As the CLI does: one module cache for the run, so local imports are followed (and a
  // module's importers, within the repository as the CLI run from its folder would).
  const modules = new Modules(new WorkspaceModuleHost(undefined, undefined, repoDir));
  for (const target of collected.files) {
    const file = path.relative(repoDir, target.path).split(path.sep).join('/');
    // As the CLI does: the project's tfjs version (package.json, pages beside the file) reaches the rules.
    const settings: FileLintSettings = { config: target.config.config, overrides: {}, fix: false, projectFor: (file) => projects.forFile(file), modules };
    const read = readSource(target.path, maxBytesOf(settings));
    if ('quiet' in read) continue; // over the size limit with no sign of tfjs: the CLI says nothing either
    if ('notice' in read) {
      stats.problems.push({ file, message: read.notice.message });
      continue;
    }
    stats.files++;
    stats.lines += read.text.split('\n').length;
    if (looksLikeTfjs(read.text)) stats.tfjsFiles++;
    if (hostKindOf(file)) stats.hostFiles++;
    try {
      const report = lintSource(target.path, read.text, settings);
      for (const f of report.findings) {
        stats.findings.push({ repo, file, line: f.start.line, column: f.start.column, ruleId: f.ruleId, severity: f.severity, message: f.message });
      }
      for (const n of report.notices) if (n.kind !== 'parse-error') stats.problems.push({ file, message: n.message });
    } catch (error) {
      stats.problems.push({ file, message: `lint failed: ${(error as Error).message}` });
    }
    try {
      const models = summarizeSource(target.path, read.text, modules).map((m) => modelStatOf(m, file));
      // The causes come from a second analysis of the file: same models, same order.
      const causes = explain && models.some((m) => !m.fullyKnown) ? unknownCausesOf(target.path, read.text, modules) : [];
      models.forEach((m, i) => {
        if (!m.fullyKnown && explain) m.cause = causes[i]?.line === m.line ? (causes[i].cause ?? 'unexplained') : 'unmatched';
      });
      stats.models.push(...models);
    } catch (error) {
      stats.problems.push({ file, message: `summary failed: ${(error as Error).message}` });
    }
  }
  stats.ms = performance.now() - started;
  return stats;
}

function where(f: { repo: string; file: string; line: number; column: number }): string {
  return `${f.repo} ${f.file}:${f.line}:${f.column}`;
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  if (!fs.existsSync(args.corpus)) {
    process.stdout.write(
      `No corpus at ${args.corpus}.\n` +
        'Build it: get each repository of scripts/corpus/repos.json with the fetch tool (fetch github:<owner>/<name>, into /work/.mirror),\n' +
        'then run `node scripts/corpus/export.mjs`. Or point at an exported one: npm run corpus -- --corpus /work/main/corpus\n',
    );
    return 0;
  }
  const { judgments, problems } = loadJudgments();
  if (problems.length) {
    process.stderr.write(`Bad judgments in test/corpus/judgments:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }
  const { verdicts, problems: verdictProblems } = loadModelVerdicts();
  if (verdictProblems.length) {
    process.stderr.write(`Bad verdicts in test/corpus/unknown-models:\n${verdictProblems.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }

  const folders = repoFolders(args.corpus).filter((f) => !args.repo || f.replace('+', '/').toLowerCase().includes(args.repo.toLowerCase()));
  const repos: RepoStats[] = [];
  for (const folder of folders) {
    if (!args.json) process.stderr.write(`linting ${folder.replace('+', '/')}...\r`);
    repos.push(lintRepo(args.corpus, folder, args.unknown));
  }
  if (!args.json) process.stderr.write(`${' '.repeat(100)}\r`);

  const findings = repos.flatMap((r) => r.findings);
  const rows = ruleRows(findings, judgments);
  const precision = precisionOf(rows);
  const judged = findings.filter(isJudgedSeverity).map((f) => ({ ...f, judgment: judgmentFor(f, judgments) }));
  const stale = staleJudgments(findings, judgments, new Set(repos.map((r) => r.repo)));
  const determinable = determinableOf(repos, verdicts);

  if (args.json) {
    const data = {
      totals: totalsOf(repos),
      precision: precision ?? null,
      rules: rows,
      repos: repos.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, judgment: isJudgedSeverity(f) ? (judgmentFor(f, judgments) ?? null) : undefined })) })),
      staleJudgments: stale,
      determinable,
    };
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }

  const out: string[] = [];
  if (args.findings) {
    out.push('Warnings and errors:');
    for (const f of judged) {
      const verdict = f.judgment ? `${f.judgment.verdict}: ${f.judgment.why}` : 'UNJUDGED';
      out.push(`  ${where(f)}  ${f.severity}  ${f.ruleId}\n    ${f.message}\n    judgment: ${verdict}`);
    }
    out.push('');
  }
  out.push(formatRepoTable(repos), LEGEND, '', formatRuleTable(rows), '');
  if (args.unknown) out.push(formatCauseTable(repos), '');
  out.push(formatDeterminable(determinable, args.unknown), '');
  const t = rows.reduce((n, r) => ({ t: n.t + r.judged.true, f: n.f + r.judged.false, d: n.d + r.judged.debatable, u: n.u + r.judged.unjudged }), { t: 0, f: 0, d: 0, u: 0 });
  out.push(`Precision on warnings and errors: ${precision === undefined ? '-' : precision.toFixed(2)} (true ${t.t}, false ${t.f}, debatable ${t.d}, unjudged ${t.u})`);
  const unjudged = judged.filter((f) => !f.judgment);
  if (unjudged.length) {
    out.push('', `Unjudged warnings and errors (${unjudged.length}; record them in test/corpus/judgments/<rule-id>.json):`);
    for (const f of unjudged) out.push(`  ${where(f)}  ${f.ruleId}`);
  }
  if (stale.length) {
    out.push('', `Judgments that match no finding now (${stale.length}; the rule no longer fires there):`);
    for (const j of stale) out.push(`  ${where(j)}  ${j.ruleId}  (${j.verdict})`);
  }
  const trouble = repos.flatMap((r) => r.problems.map((p) => `  ${r.repo} ${p.file}: ${p.message}`));
  if (trouble.length) out.push('', `Files not fully linted (${trouble.length}):`, ...trouble);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
