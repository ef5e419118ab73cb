// `npm run bench:server` (and the server section of `npm run bench`): the language server
// over stdio, driven like an editor. A 2,000-line model file gets 50 edits; each is timed
// from didChange to the diagnostics for that version, with the default debounce and with
// debounce 0 (then it is analysis plus transport), and two statements are typed into it a
// character at a time (versions with syntax errors among them). Then a workspace lint of the generated
// 1,000-file workspace: wall time and the server's peak RSS. Then issue 12's server targets:
// a cold server to published diagnostics (TypeScript compiled from source, and from the V8
// code cache), and Lint Workspace against the CLI on the same 3,000-file tree (copies of the
// real-code corpus in corpus/, or in BENCH_CORPUS=dir, when it was exported with
// `node scripts/corpus/export.mjs`, else the generated workspace). Also the re-lint of an open
// file when a file it imports (two hops away) is edited. Prints tables; asserts nothing.
// One section: `node out/test/bench/server-bench.js edits|cold|workspace`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintText } from '../../server/src/engine/linter';
import { Modules } from '../../server/src/engine/modules';
import { DEFAULT_DEBOUNCE_MS } from '../../server/src/lsp/settings';
import { rules } from '../../rules/index';
import { spawnSync } from 'node:child_process';
import { LspTestClient, REPO_ROOT, pathToUri } from '../lsp/support/lsp-client';
import { generateWorkspace, writeWorkspace } from './workspace';

const EDITS = 50;
const WARMUP_EDITS = 5;

export interface LatencyStats {
  label: string;
  p50: number;
  p95: number;
  max: number;
  diagnostics: number;
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function modelFile(): string {
  const [file] = generateWorkspace({ files: 1, modelFraction: 1, modelLines: [2000, 2000], seed: 2000 });
  return file.text;
}

/** Inserts `text` at a position of the document (an incremental change, as editors send) and times the round trip to that version's diagnostics. */
async function timedInsert(client: LspTestClient, uri: string, version: number, at: { line: number; character: number }, text: string): Promise<number> {
  const started = performance.now();
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text }] });
  await client.diagnosticsFor(uri, (p) => p.version === version, 60000);
  return performance.now() - started;
}

/** Edits one line at a time and times each round trip. */
export async function measureEdits(debounceMs: number): Promise<LatencyStats> {
  const text = modelFile();
  const lineCount = text.split('\n').length;
  const client = await LspTestClient.start({ settings: { debounceMs } });
  const uri = 'file:///bench/model.ts';
  try {
    await client.open(uri, text, 'typescript', 1);
    const first = await client.diagnosticsFor(uri, (p) => p.version === 1, 60000);
    const times: number[] = [];
    for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
      const line = Math.floor(((i * 37) % lineCount) / 2) + 1;
      const ms = await timedInsert(client, uri, i + 2, { line, character: 0 }, `// edit ${i}\n`);
      if (i >= WARMUP_EDITS) times.push(ms);
    }
    return {
      label: `2,000-line file, ${EDITS} edits, debounce ${debounceMs} ms`,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      diagnostics: first.diagnostics.length,
    };
  } finally {
    await client.stop();
  }
}

/** Statements typed into the model file, a keystroke at a time. */
const TYPED = ["const probs = tf.log(tf.sigmoid(tf.zeros([2, 3])));", "model.add(tf.layers.dense({ units: 10, activation: 'relu' }));"];

/**
 * Two statements typed into the 2,000-line file a character at a time, with no bracket closed
 * for the typist (most versions have syntax errors, as while typing), each version timed from
 * didChange to its diagnostics.
 */
export async function measureTyping(debounceMs: number): Promise<LatencyStats> {
  const text = modelFile();
  const lines = text.split('\n');
  const client = await LspTestClient.start({ settings: { debounceMs } });
  const uri = 'file:///bench/typed.ts';
  const times: number[] = [];
  let version = 1;
  try {
    await client.open(uri, text, 'typescript', version);
    await client.diagnosticsFor(uri, (p) => p.version === 1, 60000);
    for (const [k, statement] of TYPED.entries()) {
      const line = lines.findIndex((l, i) => i > lines.length * (0.3 + 0.4 * k) && l === '');
      for (let character = 0; character <= statement.length; character++) {
        const typed = character < statement.length ? statement[character] : '\n';
        const ms = await timedInsert(client, uri, ++version, { line, character }, typed);
        if (version > WARMUP_EDITS + 1) times.push(ms);
      }
      lines.splice(line, 0, statement);
    }
    return { label: `2 statements typed (${times.length} keys), debounce ${debounceMs}`, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), diagnostics: 0 };
  } finally {
    await client.stop();
  }
}

/**
 * Issue 12's incremental cross-file re-lint: train.ts (open) imports a model builder from
 * model.ts, which reads its input size from config.js; each edit of config.js (open, unsaved)
 * flips whether train.ts's predict fits. Timed from config.js's didChange to train.ts's new
 * diagnostics.
 */
export async function measureImporterRelint(debounceMs: number, edits = 20): Promise<LatencyStats> {
  const ns = "import * as tf from '@tensorflow/tfjs';\n";
  const config = (n: number) => `export const INPUT_SIZE = ${n};\n`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-bench-imports-'));
  fs.writeFileSync(path.join(dir, 'config.js'), config(4));
  fs.writeFileSync(path.join(dir, 'model.ts'), ns + "import { INPUT_SIZE } from './config';\nexport function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 8, inputShape: [INPUT_SIZE] }));\n  model.add(tf.layers.dense({ units: 1 }));\n  return model;\n}\n");
  const trainText = ns + "import { buildModel } from './model';\nconst model = buildModel();\nmodel.predict(tf.zeros([2, 5]));\n";
  fs.writeFileSync(path.join(dir, 'train.ts'), trainText);
  const client = await LspTestClient.start({ rootPath: dir, settings: { debounceMs } });
  const train = pathToUri(path.join(dir, 'train.ts'));
  const configUri = pathToUri(path.join(dir, 'config.js'));
  const errors = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.filter((d) => d.code === 'shape-mismatch').length;
  try {
    await client.open(train, trainText, 'typescript', 1);
    await client.diagnosticsFor(train, (p) => errors(p) === 1, 60000);
    await client.open(configUri, config(4), 'javascript', 1);
    const times: number[] = [];
    for (let i = 0; i < WARMUP_EDITS + edits; i++) {
      const size = i % 2 === 0 ? 5 : 4; // 5 fits x, 4 does not
      const published = client.published.length;
      const started = performance.now();
      await client.change(configUri, i + 2, config(size));
      await waitForPublish(client, train, published, size === 5 ? 0 : 1, errors);
      if (i >= WARMUP_EDITS) times.push(performance.now() - started);
    }
    return { label: `config.js edit -> importer re-linted, debounce ${debounceMs} ms`, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), diagnostics: 1 };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForPublish(client: LspTestClient, uri: string, after: number, count: number, errors: (p: { diagnostics: { code?: unknown }[] }) => number): Promise<void> {
  const deadline = Date.now() + 60000;
  while (!client.published.slice(after).some((p) => p.uri === uri && errors(p) === count)) {
    if (Date.now() > deadline) throw new Error(`no re-lint of ${uri}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/**
 * The same edits linted in this process as the server lints them (its modules told of each
 * change, so the next parse reuses the last tree), without the protocol: the analysis share of
 * the latency.
 */
export function measureInProcess(): LatencyStats {
  const lines = modelFile().split('\n');
  const times: number[] = [];
  const fileName = '/bench/model.ts';
  const modules = new Modules({ resolve: () => undefined });
  for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
    const line = Math.floor(((i * 37) % lines.length) / 2) + 1;
    lines.splice(line, 0, `// edit ${i}`);
    const text = lines.join('\n');
    const started = performance.now();
    modules.forget(fileName);
    lintText(text, { fileName, rules, modules });
    if (i >= WARMUP_EDITS) times.push(performance.now() - started);
  }
  return { label: `same edits, lintText in-process (no protocol)`, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), diagnostics: 0 };
}

export interface WorkspaceStats {
  files: number;
  problems: number;
  ms: number;
  peakRssMb: number | undefined;
}

/** Workspace lint of the same generated 1,000-file workspace the engine benchmark uses. */
export async function measureWorkspaceLint(): Promise<WorkspaceStats> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-bench-ws-'));
  writeWorkspace(dir, generateWorkspace({ files: 1000, modelFraction: 0.1, modelLines: [100, 800], seed: 42 }));
  const client = await LspTestClient.start({ rootPath: dir });
  try {
    const started = performance.now();
    const result = await client.connection.sendRequest<{ files: number; problems: number }>('tfjsLint/lintWorkspace', {});
    const ms = performance.now() - started;
    return { files: result.files, problems: result.problems, ms, peakRssMb: peakRssMb(client.process.pid) };
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** VmHWM (peak resident set) of a live process, from /proc (Linux). */
function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface ColdStats {
  /** didOpen sent to diagnostics published, on a server that has linted nothing yet. */
  openToDiagnosticsMs: number;
  /** Process spawn to diagnostics published (what the user waits for when the editor starts). */
  spawnToDiagnosticsMs: number;
}

/**
 * A fresh server per run: didOpen of the editor test's fixture to its diagnostics (median of
 * `runs`). `codeCache`: 'off' (TypeScript compiled from source every start) or a folder for
 * the V8 code cache, written by a first start that is not counted (as after the first use).
 */
export async function measureColdOpen(runs = 5, codeCache: 'off' | string = 'off'): Promise<ColdStats> {
  const file = path.join(REPO_ROOT, 'test', 'editors', 'workspace', 'cross-entropy.js');
  const text = fs.readFileSync(file, 'utf8');
  const open: number[] = [];
  const spawn: number[] = [];
  const saved = process.env.TFJS_LINT_CODE_CACHE;
  process.env.TFJS_LINT_CODE_CACHE = codeCache; // the server inherits it
  try {
    for (let i = codeCache === 'off' ? 0 : -1; i < runs; i++) {
      const t0 = performance.now();
      const client = await LspTestClient.start({ rootPath: path.dirname(file), settings: { debounceMs: 0 } });
      try {
        const uri = pathToUri(file);
        const t1 = performance.now();
        await client.open(uri, text, 'javascript');
        await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0, 60000);
        const t2 = performance.now();
        if (i < 0) {
          await waitForFile(codeCache, /^typescript\.v2_.*\.v8cache$/); // the server writes it after its first lint
          continue;
        }
        open.push(t2 - t1);
        spawn.push(t2 - t0);
      } finally {
        await client.stop();
      }
    }
  } finally {
    if (saved === undefined) delete process.env.TFJS_LINT_CODE_CACHE;
    else process.env.TFJS_LINT_CODE_CACHE = saved;
  }
  return { openToDiagnosticsMs: percentile(open, 50), spawnToDiagnosticsMs: percentile(spawn, 50) };
}

async function waitForFile(dir: string, name: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(fs.existsSync(dir) && fs.readdirSync(dir).some((f) => name.test(f)))) {
    if (Date.now() > deadline) throw new Error(`no file like ${name} in ${dir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A tree of about `files` lintable files: copies of corpus/ (or BENCH_CORPUS) when it exists, else the generated workspace. */
function benchTree(files: number): { dir: string; source: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-bench-tree-'));
  const corpus = process.env.BENCH_CORPUS ? path.resolve(process.env.BENCH_CORPUS) : path.join(REPO_ROOT, 'corpus');
  // The exported repositories only: not a dot-folder beside them (the summary-check snippets).
  const repositories = fs.existsSync(corpus) ? fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name) : [];
  const lintable = (dir: string): number => {
    let n = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && /\.(?:[cm]?[jt]s|[jt]sx)$/.test(e.name) && !e.name.endsWith('.d.ts')) n++;
    return n;
  };
  if (repositories.length) {
    const per = repositories.reduce((n, r) => n + lintable(path.join(corpus, r)), 0);
    const copies = Math.max(1, Math.round(files / Math.max(1, per)));
    for (let i = 0; i < copies; i++) for (const r of repositories) fs.cpSync(path.join(corpus, r), path.join(dir, `copy${i}`, r), { recursive: true });
    return { dir, source: `${copies} copies of corpus/ (${per} lintable files each)` };
  }
  writeWorkspace(dir, generateWorkspace({ files, modelFraction: 0.1, modelLines: [100, 800], seed: 42 }));
  return { dir, source: 'generated workspace (export the corpus for real code)' };
}

export interface WorkspaceVsCli {
  source: string;
  files: number;
  serverMs: number;
  cliMs: number;
  serverPeakRssMb: number | undefined;
  serverProblems: number;
  cliProblems: number;
}

/** Lint Workspace in the server and the CLI on the same tree, alternating, median of `runs` each. */
export async function measureWorkspaceVsCli(files = 3000, runs = 3): Promise<WorkspaceVsCli> {
  const { dir, source } = benchTree(files);
  const server: number[] = [];
  const cli: number[] = [];
  let peak: number | undefined;
  let serverProblems = 0;
  let cliProblems = 0;
  let linted = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const client = await LspTestClient.start({ rootPath: dir });
      try {
        const started = performance.now();
        const result = await client.connection.sendRequest<{ files: number; problems: number }>('tfjsLint/lintWorkspace', {});
        server.push(performance.now() - started);
        peak = Math.max(peak ?? 0, peakRssMb(client.process.pid) ?? 0);
        serverProblems = result.problems;
        linted = result.files;
      } finally {
        await client.stop();
      }
      const started = performance.now();
      const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tfjs-lint.js'), '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
      cli.push(performance.now() - started);
      try {
        cliProblems = (JSON.parse(run.stdout) as { messages: unknown[] }[]).reduce((n, r) => n + r.messages.length, 0);
      } catch {
        cliProblems = -1;
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { source, files: linted, serverMs: percentile(server, 50), cliMs: percentile(cli, 50), serverPeakRssMb: peak, serverProblems, cliProblems };
}

const pad = (s: string | number, n: number, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n));

/** `part`: all sections, or only 'edits', 'cold' or 'workspace' (node out/test/bench/server-bench.js cold). */
export async function runServerBench(part?: string): Promise<void> {
  console.log(`\ntfjs-lint language server benchmark (stdio; ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)})\n`);
  if (!part || part === 'edits') await editsSection();
  if (!part || part === 'cold') await coldSection();
  if (!part || part === 'workspace') await workspaceSection();
}

async function editsSection(): Promise<void> {
  const rows = [await measureEdits(DEFAULT_DEBOUNCE_MS), await measureEdits(0), measureInProcess(), await measureTyping(0), await measureImporterRelint(DEFAULT_DEBOUNCE_MS), await measureImporterRelint(0)];
  const ws = await measureWorkspaceLint();
  console.log(`${pad('didChange -> publishDiagnostics for that version', 48, true)}  ${pad('p50 ms', 8)}  ${pad('p95 ms', 8)}  ${pad('max ms', 8)}`);
  console.log(`${'-'.repeat(48)}  ${'-'.repeat(8)}  ${'-'.repeat(8)}  ${'-'.repeat(8)}`);
  for (const r of rows) console.log(`${pad(r.label, 48, true)}  ${pad(r.p50.toFixed(1), 8)}  ${pad(r.p95.toFixed(1), 8)}  ${pad(r.max.toFixed(1), 8)}`);
  console.log(`(diagnostics in the model file: ${rows[0].diagnostics}; target with debounce 0: p95 < 50 ms)`);
  console.log(`\nworkspace lint: ${ws.files} files, ${ws.problems} problems, ${ws.ms.toFixed(0)} ms, server peak RSS ${ws.peakRssMb?.toFixed(0) ?? '?'} MB (target < 300 MB)`);
}

async function coldSection(): Promise<void> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-bench-code-cache-'));
  try {
    const cold = await measureColdOpen(5, 'off');
    const cached = await measureColdOpen(5, cacheDir);
    console.log(`\ncold server, editor fixture (median of 5)              didOpen -> diagnostics   spawn -> diagnostics`);
    console.log(`  TypeScript compiled from source (no code cache)     ${pad(cold.openToDiagnosticsMs.toFixed(0), 8)} ms   ${pad(cold.spawnToDiagnosticsMs.toFixed(0), 8)} ms`);
    console.log(`  V8 code cache (written by the first start)          ${pad(cached.openToDiagnosticsMs.toFixed(0), 8)} ms   ${pad(cached.spawnToDiagnosticsMs.toFixed(0), 8)} ms   (spawn ${(cached.spawnToDiagnosticsMs / cold.spawnToDiagnosticsMs).toFixed(2)}x: the rules load TypeScript at start-up; didOpen target <= 1500 ms)`);
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function workspaceSection(): Promise<void> {
  const vs = await measureWorkspaceVsCli();
  console.log(`\nLint Workspace vs CLI on the same tree (${vs.source}; median of 3, alternating):`);
  console.log(`  server ${vs.serverMs.toFixed(0)} ms for ${vs.files} files (${vs.serverProblems} problems), peak RSS ${vs.serverPeakRssMb?.toFixed(0) ?? '?'} MB (target <= 300 MB)`);
  console.log(`  CLI    ${vs.cliMs.toFixed(0)} ms (${vs.cliProblems} messages incl. notices)`);
  console.log(`  ratio  ${(vs.serverMs / vs.cliMs).toFixed(2)}x (target <= 1.3x)`);
}

if (require.main === module) {
  runServerBench(process.argv[2]).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
