// Type-checks snippets against the real @tensorflow/tfjs types with TypeScript 7's tsc, in one
// run per batch. Used to show that a quick fix never adds a type error to the user's code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '../../..');
const TFJS_IMPORT = /from\s+['"]@tensorflow\/tfjs|require\(\s*['"]@tensorflow\/tfjs/;

export interface Snippet {
  name: string;
  code: string;
}

/**
 * Type errors per snippet. Snippets are made modules (so their names don't clash), and a
 * browser script that uses the global `tf` gets the tfjs types for it.
 */
export function typeErrors(batch: string, snippets: readonly Snippet[]): Map<string, string[]> {
  const dir = path.join(ROOT, 'out', 'type-check', batch.replace(/[^\w-]/g, '_'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const s of snippets) {
    const prelude = TFJS_IMPORT.test(s.code) ? '' : "import * as tf from '@tensorflow/tfjs';\n";
    fs.writeFileSync(path.join(dir, `${s.name}.ts`), `${prelude}${s.code}\nexport {};\n`);
  }
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', noEmit: true, strict: false, skipLibCheck: true, types: [] },
      include: ['*.ts'],
    }),
  );
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['-p', dir, '--pretty', 'false'], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (r.error) throw r.error;
  const errors = new Map<string, string[]>(snippets.map((s) => [s.name, []]));
  for (const line of r.stdout.split('\n')) {
    const m = /^(?:.*[\\/])?([^\\/()]+)\.ts\(\d+,\d+\): error (TS\d+: .*)$/.exec(line);
    if (m && errors.has(m[1])) errors.get(m[1])!.push(m[2]);
  }
  return errors;
}
