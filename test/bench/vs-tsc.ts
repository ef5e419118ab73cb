// The linter against the compiler the user already runs, on real code: the CLI's whole-process
// wall time, CPU time and peak RSS next to TypeScript 7's `tsc --noEmit` on the same files of the
// exported corpus (corpus/<owner>+<name>/, git-ignored; nothing is fetched here). Every command
// runs once per round, in an order that rotates from round to round, so all see the same load.
// Each adopted start-up technique gets a row: the CLI with it against the CLI without it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { collectFiles } from '../../server/src/workspace/files';
import { ruleCatalog } from '../../server/src/cli/registry';
import { ConfigResolver } from '../../server/src/workspace/config-files';
import { mayUseTfjs } from '../../server/src/engine/prefilter';
import { ts } from '../../server/src/engine/ts';
import { parseSourceFile, scriptKind } from '../../server/src/engine/parse';
import { runPhasesBench } from './phases';

const ROOT = path.resolve(__dirname, '../../..');
const GNU_TIME = '/usr/bin/time';
const CLI = path.join(ROOT, 'bin', 'tfjs-lint.js');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');
const PARSE_ALONE = path.join(__dirname, 'parse-alone.js');
export const OFFICIAL_EXAMPLES = 'tensorflow+tfjs-examples';

interface Sample {
  ms: number;
  cpuMs?: number;
  /** The kernel's part of cpuMs: on this machine mostly first touches of fresh pages. */
  systemMs?: number;
  /** Minor page faults: each a first touch of a page (about 11 us each on the development machine). */
  faults?: number;
  rssMb?: number;
  status: number | null;
  /** Threads the run linted on (commands that trace them). */
  threads?: number;
}

interface Command {
  label: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Runs before each timed run, untimed (e.g. empty the code cache). */
  before?: () => void;
  /** A tfjs-lint run that chooses its threads: note how many it used (TFJS_LINT_THREADS_TRACE). */
  traceThreads?: boolean;
}

/** One run; CPU time, page faults and peak RSS (of the process tree's largest) from GNU time when present. */
function runOnce(c: Command, cwd: string): Sample {
  c.before?.();
  const haveTime = fs.existsSync(GNU_TIME);
  const report = path.join(os.tmpdir(), `tfjs-lint-bench-time-${process.pid}`);
  const env = { ...process.env, ...c.env, ...(c.traceThreads ? { TFJS_LINT_THREADS_TRACE: '1' } : {}) };
  const stdio: ('ignore' | 'pipe')[] = ['ignore', 'ignore', c.traceThreads ? 'pipe' : 'ignore'];
  const t0 = performance.now();
  const r = haveTime
    ? spawnSync(GNU_TIME, ['-o', report, '-f', '%M %U %S %R', c.cmd, ...c.args], { cwd, env, stdio, encoding: 'utf8' })
    : spawnSync(c.cmd, c.args, { cwd, env, stdio, encoding: 'utf8' });
  const ms = performance.now() - t0;
  const sample: Sample = { ms, status: r.status };
  if (c.traceThreads) sample.threads = /threads: main \d+ files .*, worker \d+ files/.test(r.stderr ?? '') ? 2 : 1;
  if (haveTime) {
    const m = /(\d+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(readOr(report, ''));
    if (m) {
      sample.rssMb = Number(m[1]) / 1024;
      sample.cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
      sample.systemMs = Number(m[3]) * 1000;
      sample.faults = Number(m[4]);
    }
  }
  return sample;
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** Runs every command `rounds` times, rotating the order each round; one untimed warm-up each. */
function runPaired(commands: Command[], cwd: string, rounds: number): Map<string, Sample[]> {
  const samples = new Map(commands.map((c) => [c.label, [] as Sample[]]));
  for (const c of commands) runOnce(c, cwd);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const c = commands[(round + k) % commands.length];
      samples.get(c.label)!.push(runOnce(c, cwd));
    }
  }
  return samples;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
function spread(xs: number[], digits = 0): string {
  if (xs.length === 0) return '?';
  const s = sorted(xs);
  return `${s[0].toFixed(digits)} / ${median(s).toFixed(digits)} / ${s[s.length - 1].toFixed(digits)}`;
}
/** Per-round ratios a/b (paired: the two ran back to back). */
function pairedRatios(a: Sample[], b: Sample[]): number[] {
  return a.map((s, i) => s.ms / b[i].ms);
}
const defined = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);

function table(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [n, r] of rows.entries()) {
    console.log(`| ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`);
    if (n === 0) console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  }
}

/** The exported corpus folder (TFJS_LINT_CORPUS overrides), or undefined with a message saying how to make it. */
export function corpusDir(): string {
  return process.env.TFJS_LINT_CORPUS ? path.resolve(process.env.TFJS_LINT_CORPUS) : path.join(ROOT, 'corpus');
}

export function missingCorpusMessage(dir: string): string {
  return (
    `the real-code corpus is not exported at ${dir}. Make it (once; nothing is fetched at bench time):\n` +
    '  fetch github:tensorflow/tfjs-examples (and the other repositories of scripts/corpus/repos.json)\n' +
    '  node scripts/corpus/export.mjs      writes corpus/<owner>+<name>/\n'
  );
}

interface Workload {
  name: string;
  dir: string;
  /** The JS/TS files the CLI lints there (its own walk), absolute: what both tools are given. */
  files: string[];
  /** HTML, Vue and Svelte files the CLI would also lint there; tsc cannot read them, so neither gets them. */
  hostFiles: number;
  /** Those that pass the prefilter: the ones the CLI parses. */
  parsed: string[];
  lines: number;
}

/** The files under `roots` (default: all of `dir`) the CLI would lint, as one workload. */
function workload(name: string, dir: string, roots: string[] = [dir]): Workload {
  const resolver = new ConfigResolver(ruleCatalog, dir);
  const walked = collectFiles(roots, dir, (d) => resolver.forDirectory(d)).files.map((f) => f.path);
  const files = walked.filter((f) => /\.[cm]?[jt]sx?$/i.test(f));
  let lines = 0;
  const parsed: string[] = [];
  for (const f of files) {
    const text = readOr(f, '');
    lines += text.split('\n').length;
    if (mayUseTfjs(text)) parsed.push(f);
  }
  return { name, dir, files, hostFiles: walked.length - files.length, parsed, lines };
}

/** A tsconfig in a temp folder listing exactly the workload's files for `tsc -p`. */
function tscProject(w: Workload, tmp: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'tsc-'));
  const compilerOptions = { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', allowJs: true, noEmit: true, skipLibCheck: true, strict: false, types: [] };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: w.files }, null, 1));
  return dir;
}

interface Techniques {
  /** Also run the technique rows (the first workload only: they multiply the runs). */
  all: boolean;
}

/** Runs one workload and prints its table; returns the samples for the summary. */
function benchWorkload(w: Workload, rounds: number, tmp: string, techniques: Techniques): void {
  const codeCache = path.join(tmp, 'code-cache');
  const env = { TFJS_LINT_CODE_CACHE: codeCache };
  const fileList = path.join(tmp, `${w.name.replace(/\W+/g, '_')}.files`);
  fs.writeFileSync(fileList, w.parsed.join('\n'));
  // The CLI gets the same file list as tsc (a list in a file would be tidier, but the CLI takes
  // paths as a user gives them; 2,000 paths fit a command line).
  const lintArgs = [CLI, '--format', 'json', ...w.files];
  const commands: Command[] = [
    { label: 'tsc', cmd: TSC, args: ['-p', tscProject(w, tmp), '--noEmit'] },
    { label: 'lint', cmd: process.execPath, args: lintArgs, env, traceThreads: true },
    { label: 'parse', cmd: process.execPath, args: [PARSE_ALONE, fileList], env },
    { label: 'one', cmd: process.execPath, args: [...lintArgs, '--threads', '1'], env },
    { label: 'no-tuning', cmd: process.execPath, args: lintArgs, env: { ...env, TFJS_LINT_COMPILER_TUNING: 'off' }, traceThreads: true },
    { label: 'no-heap-tuning', cmd: process.execPath, args: lintArgs, env: { ...env, TFJS_LINT_HEAP_TUNING: 'off' }, traceThreads: true },
    { label: 'one-no-heap-tuning', cmd: process.execPath, args: [...lintArgs, '--threads', '1'], env: { ...env, TFJS_LINT_HEAP_TUNING: 'off' } },
  ];
  if (techniques.all) {
    const cold = path.join(tmp, 'code-cache-cold');
    const results = path.join(tmp, 'results.tfjslintcache');
    const cached = [...lintArgs, '--cache', '--cache-location', results];
    commands.push(
      // --cache: a first run into an empty cache, and a run over the unchanged tree (the cache is
      // there from the warm-up or the round before, whichever order the round has).
      { label: 'cache-first', cmd: process.execPath, args: cached, env, before: () => fs.rmSync(results, { force: true }) },
      { label: 'cache-second', cmd: process.execPath, args: cached, env },
      { label: 'no-code-cache', cmd: process.execPath, args: lintArgs, env: { TFJS_LINT_CODE_CACHE: 'off' } },
      { label: 'no-own-code-cache', cmd: process.execPath, args: lintArgs, env: { ...env, TFJS_LINT_OWN_CODE_CACHE: 'off' } },
      { label: 'cold-code-cache', cmd: process.execPath, args: lintArgs, env: { TFJS_LINT_CODE_CACHE: cold }, before: () => fs.rmSync(cold, { recursive: true, force: true }) },
      { label: 'require-ts-morph', cmd: process.execPath, args: ['-e', "require('ts-morph')"] },
      { label: 'require-typescript', cmd: process.execPath, args: ['-e', "require('@ts-morph/common/dist/typescript.js')"] },
    );
  }
  const load0 = os.loadavg()[0];
  const s = runPaired(commands, ROOT, rounds);
  const load1 = os.loadavg()[0];
  const [tsc, lint, parse] = [s.get('tsc')!, s.get('lint')!, s.get('parse')!];

  console.log(
    `\n${w.name}: ${w.files.length} JS/TS files (${w.parsed.length} pass the prefilter and are parsed), ${w.lines.toLocaleString('en')} lines, given to both tools ` +
      `(not its ${w.hostFiles} HTML/Vue/Svelte files, which tsc cannot read); ` +
      `${rounds} rounds, order rotating; load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end\n`,
  );
  const row = (label: string, xs: Sample[], ratio: string) => [
    label,
    spread(xs.map((x) => x.ms)),
    ratio,
    spread(defined(xs.map((x) => x.rssMb))),
    medianOr(xs.map((x) => x.cpuMs)),
    medianOr(xs.map((x) => x.systemMs)),
    medianOr(xs.map((x) => x.faults)),
  ];
  table([
    ['', 'wall ms min / median / max', 'wall / tsc (paired, median)', 'peak RSS MiB min / median / max', 'CPU ms median', 'of it system', 'page faults median'],
    row('tsc --noEmit (TypeScript 7)', tsc, '1.00'),
    row(`tfjs-lint (default: two threads in ${twoThreaded(lint)} runs)`, lint, spread(pairedRatios(lint, tsc), 2)),
    row(`parse alone (start, load TS, parse ${w.parsed.length} files)`, parse, spread(pairedRatios(parse, tsc), 2)),
    row('tfjs-lint --threads 1', s.get('one')!, spread(pairedRatios(s.get('one')!, tsc), 2)),
  ]);
  console.log(`targets: tfjs-lint wall <= 1.0x tsc, peak RSS <= 200 MiB. exit codes: tsc ${statuses(tsc)}, tfjs-lint ${statuses(lint)}, parse alone ${statuses(parse)}`);

  const gainRows: string[][] = [['technique (CLI with it vs without it, paired)', 'wall ms median without / with', 'with / without (paired, median)', 'CPU ms median without / with', 'peak RSS MiB without / with']];
  const gain = (label: string, without: Sample[], withIt: Sample[]) =>
    gainRows.push([
      label,
      `${median(without.map((x) => x.ms)).toFixed(0)} / ${median(withIt.map((x) => x.ms)).toFixed(0)}`,
      median(pairedRatios(withIt, without)).toFixed(2),
      `${medianOr(without.map((x) => x.cpuMs))} / ${medianOr(withIt.map((x) => x.cpuMs))}`,
      `${medianOr(without.map((x) => x.rssMb))} / ${medianOr(withIt.map((x) => x.rssMb))}`,
    ]);
  gain(`a second thread when a CPU is idle (default; in ${twoThreaded(lint)} runs) vs --threads 1`, s.get('one')!, lint);
  gain(`compiler tuning (--interrupt-budget, CLI only; two threads in ${twoThreaded(s.get('no-tuning')!)} runs without)`, s.get('no-tuning')!, lint);
  gain(`young generation held at its start size for the first 1 MB of tfjs source (CLI only; two threads in ${twoThreaded(s.get('no-heap-tuning')!)} runs without)`, s.get('no-heap-tuning')!, lint);
  gain('  the same, one thread', s.get('one-no-heap-tuning')!, s.get('one')!);
  if (techniques.all) {
    gain('V8 code caches, TypeScript and own modules (warm)', s.get('no-code-cache')!, lint);
    gain('  of the own modules alone (warm)', s.get('no-own-code-cache')!, lint);
    gain('  first run: cache empty, written after the run', s.get('no-code-cache')!, s.get('cold-code-cache')!);
    gain("ts-morph's wrapper not loaded (require ts-morph vs its TS file)", s.get('require-ts-morph')!, s.get('require-typescript')!);
    gain('--cache: unchanged tree vs first run into an empty cache (target <= 0.15)', s.get('cache-first')!, s.get('cache-second')!);
  }
  console.log('');
  table(gainRows);
  if (techniques.all) jsDocRow(w, rounds);
  if (techniques.all) threadsBreakEven(w, rounds, tmp);
}

/**
 * Where a second thread starts to pay: one thread against two on growing shares of the
 * workload (its files that pass the prefilter, in walk order, up to a number of bytes); the
 * smallest share where two win sets second-thread.ts's MIN_SHARED_BYTES (the default choice).
 */
function threadsBreakEven(w: Workload, rounds: number, tmp: string): void {
  const env = { TFJS_LINT_CODE_CACHE: path.join(tmp, 'code-cache') };
  const sizes = new Map(w.parsed.map((f) => [f, readOr(f, '').length]));
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const rows: string[][] = [['tfjs source (files)', 'wall ms median: 1 thread / 2 threads', '2 / 1 (paired, median; min-max)', 'CPU ms median 1 / 2', 'peak RSS MiB 1 / 2']];
  for (const kb of [100, 200, 300, 450, 600]) {
    if (kb * 1024 > total) break;
    const share: string[] = [];
    let bytes = 0;
    for (const f of w.parsed) {
      if (bytes >= kb * 1024) break;
      share.push(f);
      bytes += sizes.get(f)!;
    }
    const args = [CLI, '--format', 'json', ...share];
    const s = runPaired(
      [
        { label: '1', cmd: process.execPath, args: [...args, '--threads', '1'], env },
        { label: '2', cmd: process.execPath, args: [...args, '--threads', '2'], env },
      ],
      ROOT,
      rounds,
    );
    const [one, two] = [s.get('1')!, s.get('2')!];
    rows.push([
      `${(bytes / 1024).toFixed(0)} KB (${share.length})`,
      `${median(one.map((x) => x.ms)).toFixed(0)} / ${median(two.map((x) => x.ms)).toFixed(0)}`,
      spread(pairedRatios(two, one), 2),
      `${medianOr(one.map((x) => x.cpuMs))} / ${medianOr(two.map((x) => x.cpuMs))}`,
      `${medianOr(one.map((x) => x.rssMb))} / ${medianOr(two.map((x) => x.rssMb))}`,
    ]);
  }
  console.log(`\nWhere a second thread pays (shares of ${w.name}'s files that pass the prefilter, ${rounds} rounds):`);
  table(rows);
}

/** "k of n": the runs of a traced command that used two threads. */
function twoThreaded(xs: Sample[]): string {
  return `${xs.filter((x) => x.threads === 2).length} of ${xs.length}`;
}

function medianOr(xs: (number | undefined)[]): string {
  const d = defined(xs);
  return d.length ? median(d).toFixed(0) : '?';
}

function statuses(xs: Sample[]): string {
  return [...new Set(xs.map((x) => x.status))].join(',');
}

/** JSDoc skipped by the parse, measured in this process: the same files parsed both ways. */
function jsDocRow(w: Workload, rounds: number): void {
  const texts = w.parsed.map((f) => [f, readOr(f, '')] as const);
  const all: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseAll };
  const parseAll = () => {
    for (const [f, text] of texts) ts.createSourceFile(f, text, all, false, scriptKind(f));
  };
  const parseEngine = () => {
    for (const [f, text] of texts) parseSourceFile(f, text);
  };
  const time = (fn: () => void) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  parseAll();
  parseEngine();
  const withDoc: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < rounds; r++) {
    withDoc.push(time(parseAll));
    without.push(time(parseEngine));
  }
  console.log(
    `JSDoc not parsed (jsDocParsingMode ParseNone; in process, warm, ${w.parsed.length} files): parse ${median(withDoc).toFixed(0)} ms -> ${median(without).toFixed(0)} ms ` +
      `(${(median(without) / median(withDoc)).toFixed(2)}x of the parse)`,
  );
}

export function runVsTscBench(rounds = Number(process.env.BENCH_ROUNDS ?? 7)): void {
  const corpus = corpusDir();
  const examples = path.join(corpus, OFFICIAL_EXAMPLES);
  console.log(`\nCLI vs tsc --noEmit (TypeScript 7) on real code; ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}`);
  if (!fs.existsSync(examples)) {
    console.log(missingCorpusMessage(corpus));
    return;
  }
  if (!fs.existsSync(GNU_TIME)) console.log('(CPU time and peak RSS not measured: /usr/bin/time is not installed)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-bench-'));
  try {
    benchWorkload(workload(`${OFFICIAL_EXAMPLES} (the official examples)`, examples), rounds, tmp, { all: true });
    const repos = fs.readdirSync(corpus).filter((d) => d.includes('+') && fs.statSync(path.join(corpus, d)).isDirectory());
    // The repositories only, as `npm run corpus` reads them (not the summary-check snippets beside them).
    const roots = repos.map((r) => path.join(corpus, r));
    if (repos.length > 1) benchWorkload(workload(`the whole corpus (${repos.length} repositories)`, corpus, roots), rounds, tmp, { all: false });
    else console.log(`\n(the whole-corpus workload needs more than one exported repository; ${corpus} has ${repos.length})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `npm run bench phases`: where a cold CLI run over the official examples spends its CPU time. */
export function runPhasesOnExamples(rounds = Number(process.env.BENCH_ROUNDS ?? 7)): void {
  const examples = path.join(corpusDir(), OFFICIAL_EXAMPLES);
  if (!fs.existsSync(examples)) {
    console.log(missingCorpusMessage(corpusDir()));
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-bench-'));
  try {
    const w = workload(OFFICIAL_EXAMPLES, examples);
    runPhasesBench(w.files, `${w.name}, ${w.files.length} files, ${w.parsed.length} parsed`, rounds, tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) runVsTscBench();
