// `npm run fuzz [inputs] [seed] [--no-fix-guard]`: the full run (default 100,000 inputs). Prints
// figures and writes failing inputs to fuzz-failures/ for reproduction. --no-fix-guard turns
// off the engine's fix guard, so a rule whose own fix breaks a broken file is still caught.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fuzz } from './fuzz';

const args = process.argv.slice(2);
const fixGuard = !args.includes('--no-fix-guard');
const positional = args.filter((a) => !a.startsWith('--'));
const budget = Number(positional[0] ?? 100_000);
const seed = Number(positional[1] ?? Date.now() % 1_000_000);
const report = fuzz(budget, seed, { fixGuard });
console.log(`fuzz${fixGuard ? '' : ' (fix guard off)'}: ${report.inputs} inputs (${report.fixedInputs} with fixes applied and re-parsed), seed ${seed}, ${report.failures.length} failure(s), ${(report.ms / 1000).toFixed(1)} s (${(report.ms / report.inputs).toFixed(2)} ms/input)`);
if (report.failures.length) {
  const dir = path.resolve('fuzz-failures');
  fs.mkdirSync(dir, { recursive: true });
  report.failures.slice(0, 50).forEach((f, i) => {
    fs.writeFileSync(path.join(dir, `${i}-${f.kind}.txt`), `// ${f.source}: ${f.detail}\n${f.input}`);
  });
  const kinds = new Map<string, number>();
  for (const f of report.failures) kinds.set(f.detail.split('\n')[0].slice(0, 120), (kinds.get(f.detail.split('\n')[0].slice(0, 120)) ?? 0) + 1);
  for (const [k, n] of kinds) console.log(`  ${n} x ${k}`);
  process.exitCode = 1;
}
