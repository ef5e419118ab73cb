// `npm run bench`: lint a generated workspace in-process and compare, in the same run, with
// merely parsing the same files with the TypeScript parser. Prints a table; asserts nothing
// (machines here are noisy: read the ratios, not the absolute times).
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ts } from '../../server/src/engine/ts';
import { lintText } from '../../server/src/engine';
import { rules } from '../../rules';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace, writeWorkspace, type GeneratedFile } from './workspace';
import { runServerBench } from './server-bench';
import { runPhasesOnExamples, runVsTscBench } from './vs-tsc';

const ROOT = path.resolve(__dirname, '../../..');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function parseAll(files: readonly GeneratedFile[], setParents: boolean): void {
  for (const f of files) ts.createSourceFile(f.name, f.text, ts.ScriptTarget.Latest, setParents);
}

function lintAll(files: readonly GeneratedFile[]): number {
  let findings = 0;
  for (const f of files) findings += lintText(f.text, { fileName: f.name, rules }).findings.length;
  return findings;
}

function lines(files: readonly GeneratedFile[]): number {
  return files.reduce((n, f) => n + f.text.split('\n').length, 0);
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
}

export function runEngineBench(): void {
  const files = generateWorkspace({ files: 1000, modelFraction: 0.1, modelLines: [100, 800], seed: 42 });
  const models = files.filter((f) => f.isModel);
  const plain = files.filter((f) => !f.isModel);

  // Warm up: load TypeScript, the analysis module and JIT-compile the hot paths once.
  lintAll(models.slice(0, 10));
  parseAll(models.slice(0, 10), false);

  const parseModels: number[] = [];
  const parseModelsParents: number[] = [];
  const lintModels: number[] = [];
  const parsePlain: number[] = [];
  const lintPlain: number[] = [];
  let findings = 0;
  for (let r = 0; r < ROUNDS; r++) {
    parseModels.push(time(() => parseAll(models, false)));
    lintModels.push(time(() => (findings = lintAll(models))));
    parseModelsParents.push(time(() => parseAll(models, true)));
    parsePlain.push(time(() => parseAll(plain, false)));
    lintPlain.push(time(() => lintAll(plain)));
  }
  const total = median(lintModels) + median(lintPlain);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const cliRss = cliPeakRss(files);

  console.log(`\ntfjs-lint engine benchmark (${ROUNDS} rounds, medians; ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version})\n`);
  const widths = [44, 7, 9, 10, 13];
  console.log(row(['', 'files', 'lines', 'total ms', 'ms per file'], widths));
  console.log(row(['-'.repeat(44), '-----', '-------', '--------', '-----------'], widths));
  const line = (label: string, fs: GeneratedFile[], ms: number) =>
    console.log(row([label, fs.length, lines(fs), ms.toFixed(1), (ms / fs.length).toFixed(3)], widths));
  line('whole workspace: lint (all rules)', files, total);
  line('model files: lint (all rules)', models, median(lintModels));
  line('model files: TS parse only (baseline)', models, median(parseModels));
  line('model files: TS parse with parent pointers', models, median(parseModelsParents));
  line('other files: lint (prefilter)', plain, median(lintPlain));
  line('other files: TS parse only (baseline)', plain, median(parsePlain));
  console.log('');
  const modelRatio = median(lintModels) / median(parseModels);
  const plainRatio = median(lintPlain) / median(parsePlain);
  console.log(`model files: lint / parse = ${modelRatio.toFixed(2)}x   (target <= 1.5x)`);
  console.log(`model files: lint / parse with parent pointers = ${(median(lintModels) / median(parseModelsParents)).toFixed(2)}x`);
  console.log(`other files: lint / parse = ${plainRatio.toFixed(3)}x  (target < 0.05x)`);
  console.log(`peak RSS of the CLI linting the 1,000 files in one process: ${cliRss === undefined ? 'not measured (no /usr/bin/time)' : `${cliRss.toFixed(0)} MB`}   (target < 300 MB)`);
  console.log(`peak RSS of this benchmark process (${ROUNDS} rounds of lint and parse, all files held): ${rssMb.toFixed(0)} MB`);
  console.log(`findings in model files: ${findings}; rules: ${rules.length}`);
}

/** The CLI's own peak RSS over the same workspace, written to disk, in a fresh process. */
function cliPeakRss(files: readonly GeneratedFile[]): number | undefined {
  if (!fs.existsSync('/usr/bin/time')) return undefined;
  const dir = path.join(ROOT, 'bench-workspace', 'engine');
  writeWorkspace(dir, files);
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'bin', 'tfjs-lint.js'), dir, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'engine') runEngineBench();
  if (!only || only === 'server') await runServerBench();
  if (!only || only === 'cli') runVsTscBench();
  if (!only || only === 'phases') runPhasesOnExamples();
}

if (require.main === module) void main();
