// Spawning the real CLI (node bin/tfjs-lint.js) on temporary folders.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const BIN = path.join(REPO, 'bin', 'tfjs-lint.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv }): CliRun {
  const env = { ...process.env, NO_COLOR: '', ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs with --format json and parses stdout (fails with the CLI's stderr when it is not JSON). */
export function runJson(args: string[], options: { cwd: string; input?: string | Buffer }): CliRun & { results: EslintResult[] } {
  const r = runCli(['--format', 'json', ...args], options);
  let results: EslintResult[];
  try {
    results = JSON.parse(r.stdout) as EslintResult[];
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.status}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
  return { ...r, results };
}

export interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  infoCount: number;
  output?: string;
  source?: string;
}

/** A fresh temporary folder (under `base`, default the OS temp folder) holding the given files. */
export function tempTree(files: Record<string, string | Buffer>, base = os.tmpdir()): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(base, 'tfjs-lint-cli-')));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A tempTree maker for one describe block: every folder it makes is removed after the block. */
export function treesRemovedAfter(): (files: Record<string, string | Buffer>, base?: string) => string {
  const made: string[] = [];
  after(() => made.forEach(removeTree));
  return (files, base) => {
    const dir = tempTree(files, base);
    made.push(dir);
    return dir;
  };
}

/** A model whose adam rate of 10 extreme-learning-rate flags (a warning at 4:42, unsafe fix). */
export const HIGH_RATE = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: tf.train.adam(10), loss: 'meanSquaredError' });
`;

/** The same model with a sane rate: nothing to report. */
export const CLEAN_MODEL = HIGH_RATE.replace('adam(10)', 'adam(0.001)');

/** log of a sigmoid: unsafe-log flags it, and its safe fix is tf.logSigmoid. */
export const LOG_SIGMOID = `import * as tf from '@tensorflow/tfjs';
export function logProbability(x: tf.Tensor): tf.Tensor {
  return tf.log(tf.sigmoid(x));
}
`;

export const NOT_TFJS = `export function add(a: number, b: number): number {
  return a + b;
}
`;
