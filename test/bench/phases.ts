// Where a cold CLI run's CPU time goes, for `npm run bench phases`. Each round is a fresh
// process (the CLI runs cold: most of its parse is V8 warming TypeScript's parser up) that
// starts as bin/tfjs-lint.js does, wraps each stage's entry point, runs the CLI's main() on
// the listed files and prints the CPU time charged to each stage: a stage is charged while it
// is the innermost one running (an evaluation a rule asks for is the rule's; a module a call
// imports is parsed under "parse"). GC pauses (wall time) are reported beside: they fall within the stages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';

const STAGES = [
  ['start', 'start-up: Node, TypeScript (code cache), engine and rules'],
  ['parse', 'parse (linted files and the modules they import)'],
  ['index', 'tree index (parents, calls, identifiers)'],
  ['graph-eval', 'model graph: evaluating calls'],
  ['graph', 'model graph: the rest (model calls, escapes)'],
  ['rules', 'rules: their own work and the evaluations they ask for'],
  ['other', 'the rest: file walk, reading, config, project facts, output'],
] as const;
type Stage = (typeof STAGES)[number][0];

/** In the child: run the CLI over the files listed in `listFile`, print {stage: cpu ms, gc: ms}. */
async function measureOnce(listFile: string): Promise<void> {
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const spent = new Map<Stage, number>();
  const stack: Stage[] = [];
  let last = cpuMs();
  const charge = () => {
    const now = cpuMs();
    const top = stack[stack.length - 1] ?? 'other';
    spent.set(top, (spent.get(top) ?? 0) + now - last);
    last = now;
  };
  const within = <T>(stage: Stage, f: () => T): T => {
    charge();
    stack.push(stage);
    try {
      return f();
    } finally {
      charge();
      stack.pop();
    }
  };
  let gcMs = 0;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration))).observe({ entryTypes: ['gc'] });

  stack.push('start');
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { tuneForShortRun } = require('../../server/src/cli/short-run') as typeof import('../../server/src/cli/short-run');
  const { cacheTypeScriptCode, codeCacheDir } = require('../../server/src/code-cache') as typeof import('../../server/src/code-cache');
  const codeCache = cacheTypeScriptCode(codeCacheDir(process.env), tuneForShortRun(process.env).flags);
  const cli = require('../../server/src/cli/main') as typeof import('../../server/src/cli/main');
  const parse = require('../../server/src/engine/parse') as { parseSourceFile: (...a: unknown[]) => unknown };
  const treeIndex = require('../../server/src/engine/tree-index') as { indexTree: (...a: unknown[]) => unknown };
  const graph = require('../../server/src/engine/graph') as { ModelGraph: new (...a: unknown[]) => unknown };
  const evaluator = require('../../server/src/engine/evaluator') as typeof import('../../server/src/engine/evaluator');
  const rules = (require('../../server/src/cli/registry') as typeof import('../../server/src/cli/registry')).allRules();
  /* eslint-enable @typescript-eslint/no-require-imports */
  charge();
  stack.pop();

  // The compiled modules read each other's exports at call time, so replacing an export wraps every use.
  const wrap = <F extends (...a: never[]) => unknown>(stage: Stage, f: F): F =>
    function (this: unknown, ...args: Parameters<F>) {
      return within(stage, () => f.apply(this, args));
    } as F;
  parse.parseSourceFile = wrap('parse', parse.parseSourceFile);
  treeIndex.indexTree = wrap('index', treeIndex.indexTree);
  graph.ModelGraph = new Proxy(graph.ModelGraph, { construct: (target, args) => within('graph', () => Reflect.construct(target, args) as object) });
  const evaluate = evaluator.Evaluator.prototype.evaluate;
  evaluator.Evaluator.prototype.evaluate = function (this: InstanceType<typeof evaluator.Evaluator>, node) {
    return stack[stack.length - 1] === 'graph' ? within('graph-eval', () => evaluate.call(this, node)) : evaluate.call(this, node);
  };
  for (const rule of rules) (rule as { check: typeof rule.check }).check = wrap('rules', rule.check);

  const files = fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const io = { cwd: process.cwd(), env: process.env, stdoutIsTTY: false, out: () => {}, err: () => {}, readStdin: async () => Buffer.alloc(0) };
  // One thread: a worker's stages would be charged to whatever this thread is doing (process.cpuUsage counts both).
  await cli.main(['--threads', '1', '--format', 'json', ...files], io);
  charge();
  codeCache.save();
  await new Promise((resolve) => setTimeout(resolve, 10)); // GC entries arrive in a later task
  process.stdout.write(JSON.stringify({ ...Object.fromEntries(spent), gc: gcMs }));
}

/** Runs `rounds` fresh processes over the files and prints the median CPU time of each stage. */
export function runPhasesBench(files: readonly string[], label: string, rounds: number, tmp: string): void {
  const listFile = path.join(tmp, 'phases.files');
  fs.writeFileSync(listFile, files.join('\n'));
  const runs: Record<string, number>[] = [];
  for (let r = 0; r <= rounds; r++) {
    const out = spawnSync(process.execPath, [__filename, listFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (out.status !== 0) throw new Error(`phases run failed: ${out.stderr}`);
    if (r > 0) runs.push(JSON.parse(out.stdout) as Record<string, number>); // the first writes the code cache
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const of = (key: string) => median(runs.map((run) => run[key] ?? 0));
  const total = median(runs.map((run) => STAGES.reduce((n, [key]) => n + (run[key] ?? 0), 0)));
  console.log(`\nWhere the CLI's CPU time goes (${label}; ${rounds} fresh processes, medians; total ${total.toFixed(0)} ms)\n`);
  const rows = STAGES.map(([key, name]) => [name, of(key).toFixed(0), `${((100 * of(key)) / total).toFixed(0)}%`]);
  rows.push(['GC pauses (wall time, within the stages above)', of('gc').toFixed(0), `${((100 * of('gc')) / total).toFixed(0)}%`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), i === 0 ? 5 : 6));
  console.log(`| ${'stage'.padEnd(widths[0])} | ${'CPU ms'.padStart(widths[1])} | ${'share'.padStart(widths[2])} |`);
  console.log(`|${'-'.repeat(widths[0] + 2)}|${'-'.repeat(widths[1] + 1)}:|${'-'.repeat(widths[2] + 1)}:|`);
  for (const row of rows) console.log(`| ${row[0].padEnd(widths[0])} | ${row[1].padStart(widths[1])} | ${row[2].padStart(widths[2])} |`);
}

if (require.main === module) void measureOnce(process.argv[2]);
