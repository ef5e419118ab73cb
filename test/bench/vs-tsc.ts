// The linter against the compiler the user already runs: the CLI's whole-process wall time
// and peak RSS next to TypeScript 7's `tsc --noEmit` on the same realistic mixed workspace,
// run alternately in one session so both see the same machine load.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { generateWorkspace, writeWorkspace } from './workspace';

const ROOT = path.resolve(__dirname, '../../..');
const GNU_TIME = '/usr/bin/time';

interface Run {
  ms: number;
  rssMb: number | undefined;
  status: number | null;
}

/** Runs a command once; peak RSS from GNU time when the machine has it. */
function run(cmd: string, args: string[], cwd: string): Run {
  const haveTime = fs.existsSync(GNU_TIME);
  const t0 = performance.now();
  const r = haveTime
    ? spawnSync(GNU_TIME, ['-f', '%M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  let rssMb: number | undefined;
  if (haveTime) {
    const last = r.stderr.trim().split('\n').pop() ?? '';
    if (/^\d+$/.test(last)) rssMb = Number(last) / 1024;
  }
  return { ms, rssMb, status: r.status };
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(2)} / ${s[Math.floor(s.length / 2)].toFixed(2)} / ${s[s.length - 1].toFixed(2)}`;
}

export function runVsTscBench(rounds = Number(process.env.BENCH_ROUNDS ?? 7)): void {
  // Inside the repository, so `@tensorflow/tfjs` resolves to the real package and its types.
  const dir = path.join(ROOT, 'bench-workspace', 'vs-tsc');
  const files = generateWorkspace({ files: 250, modelFraction: 0.16, modelLines: [100, 600], seed: 7 });
  writeWorkspace(dir, files);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', allowJs: true, noEmit: true, skipLibCheck: true, strict: false, types: ['node'] },
      include: ['src'],
    }, null, 2),
  );
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  const cli = path.join(ROOT, 'bin', 'tfjs-lint.js');

  const lint: Run[] = [];
  const check: Run[] = [];
  // One untimed run each to warm the file cache.
  run(process.execPath, [cli, 'src', '--format', 'json'], dir);
  run(tsc, ['-p', '.', '--noEmit'], dir);
  for (let i = 0; i < rounds; i++) {
    lint.push(run(process.execPath, [cli, 'src', '--format', 'json'], dir));
    check.push(run(tsc, ['-p', '.', '--noEmit'], dir));
  }
  const ratios = lint.map((l, i) => l.ms / check[i].ms);
  const models = files.filter((f) => f.isModel).length;
  console.log(`\nCLI vs tsc --noEmit (TypeScript 7) on ${files.length} files (${models} with tfjs models), ${rounds} alternating rounds; ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}\n`);
  console.log(`${''.padEnd(28)}  ${'min / median / max'.padStart(28)}`);
  console.log(`${'tfjs-lint wall ms'.padEnd(28)}  ${stats(lint.map((r) => r.ms)).padStart(28)}`);
  console.log(`${'tsc --noEmit wall ms'.padEnd(28)}  ${stats(check.map((r) => r.ms)).padStart(28)}`);
  console.log(`${'ratio lint / tsc'.padEnd(28)}  ${stats(ratios).padStart(28)}   (target <= 1.0)`);
  const lintRss = lint.map((r) => r.rssMb).filter((x): x is number => x !== undefined);
  const tscRss = check.map((r) => r.rssMb).filter((x): x is number => x !== undefined);
  if (lintRss.length) {
    console.log(`${'tfjs-lint peak RSS MiB'.padEnd(28)}  ${stats(lintRss).padStart(28)}   (target <= 200)`);
    console.log(`${'tsc peak RSS MiB'.padEnd(28)}  ${stats(tscRss).padStart(28)}`);
  } else {
    console.log('(peak RSS not measured: /usr/bin/time is not installed)');
  }
  console.log(`exit codes: tfjs-lint ${[...new Set(lint.map((r) => r.status))].join(',')}, tsc ${[...new Set(check.map((r) => r.status))].join(',')}`);
}

if (require.main === module) runVsTscBench();
