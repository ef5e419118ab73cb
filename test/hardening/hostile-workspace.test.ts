// A hostile workspace for the CLI: configs that are not JSON, not UTF-8, huge, or try
// prototype pollution; symlink loops and links out of the project; unreadable files; a
// node_modules with 100,000 files; a .tfjslintrc.js and npm scripts that would leave a mark
// if anything ran them. Each gives a clear message, the rest is linted, and the process opens
// no connection, starts no process and evaluates no code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { treesRemovedAfter } from '../cli/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'bin', 'tfjs-lint.js');
const PRELOAD = path.join(__dirname, 'support', 'no-side-effects.js');

const FLAGGED = "import * as tf from '@tensorflow/tfjs';\nexport const opt = tf.train.sgd(1e9);\n";

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  sideEffects: string[];
  ms: number;
}

function lint(cwd: string, args: string[]): Result {
  const logFile = path.join(os.tmpdir(), `tfjs-lint-side-effects-${process.pid}-${Date.now()}.log`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--require', PRELOAD, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TFJS_LINT_SIDE_EFFECT_LOG: logFile, NO_COLOR: '1' },
    timeout: 60_000,
  });
  const ms = Date.now() - t0;
  const sideEffects = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [];
  fs.rmSync(logFile, { force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, sideEffects, ms };
}

function json(r: Result): { filePath: string; messages: { ruleId: string | null; message: string }[] }[] {
  return JSON.parse(r.stdout);
}

describe('hostile workspace (CLI)', function () {
  this.timeout(120_000);
  const make = treesRemovedAfter();

  it('a .tfjslintrc.js, a config that would run code, and npm scripts: nothing of it runs', () => {
    const marker = (name: string) => `require('fs').writeFileSync(require('path').join(__dirname, '${name}'), 'ran')`;
    const dir = make({
      '.tfjslintrc.js': `${marker('MARK-rc-js')};\nmodule.exports = { rules: {} };\n`,
      'tfjs-lint.config.js': `${marker('MARK-config-js')};\n`,
      '.eslintrc.js': `${marker('MARK-eslintrc')};\n`,
      'package.json': JSON.stringify({ name: 'evil', scripts: { preinstall: 'touch MARK-npm', prepare: 'touch MARK-npm', lint: 'touch MARK-npm' } }),
      'src/model.ts': FLAGGED,
    });
    const r = lint(dir, ['.', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('MARK')), [], 'workspace code ran');
    assert.deepEqual(r.sideEffects, []);
    const linted = json(r).map((f) => path.relative(dir, f.filePath)).sort();
    assert.ok(linted.includes(path.join('src', 'model.ts')));
    assert.ok(json(r).some((f) => f.messages.some((m) => m.ruleId === 'extreme-learning-rate')));
  });

  it('a config that is not UTF-8: a clear error naming the file, nothing linted, exit 2', () => {
    const dir = make({ '.tfjslintrc.json': Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28, 0x7d]), 'm.ts': FLAGGED });
    const r = lint(dir, ['.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.tfjslintrc\.json/);
    assert.deepEqual(r.sideEffects, []);
  });

  it('a huge config (20 MB) is refused with a clear message, not read into memory whole', () => {
    const big = '{"rules": {' + Array.from({ length: 400_000 }, (_, i) => `"r${i}": "off"`).join(',') + '}}';
    const dir = make({ '.tfjslintrc.json': big + ' '.repeat(Math.max(0, 20_000_000 - big.length)), 'm.ts': FLAGGED });
    const r = lint(dir, ['.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.tfjslintrc\.json/);
    assert.ok(r.ms < 10_000, `took ${r.ms} ms`);
  });

  it('__proto__ and constructor keys pollute nothing and are reported', () => {
    const dir = make({
      '.tfjslintrc.json': '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "rules": {"__proto__": "off"}}',
      'm.ts': FLAGGED,
    });
    const r = lint(dir, ['.']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /__proto__/);
  });

  it('symlink loops and links that leave the project are not followed; the rest is linted', () => {
    const outside = make({ 'secret/model.ts': FLAGGED });
    const dir = make({ 'src/model.ts': FLAGGED });
    fs.symlinkSync(dir, path.join(dir, 'src', 'loop'));
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'src', 'again'));
    fs.symlinkSync(path.join(outside, 'secret'), path.join(dir, 'outside-dir'));
    fs.symlinkSync(path.join(outside, 'secret', 'model.ts'), path.join(dir, 'outside-file.ts'));
    const r = lint(dir, ['.', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const linted = json(r).map((f) => path.relative(dir, f.filePath));
    assert.deepEqual(linted, [path.join('src', 'model.ts')]);
    assert.match(r.stderr, /outside-file\.ts/);
  });

  it('unreadable files and folders get a notice; the rest is linted', function () {
    const dir = make({ 'ok.ts': FLAGGED, 'locked/inner.ts': FLAGGED });
    fs.mkdirSync(path.join(dir, 'fake.ts')); // a folder with a lintable name, read as a file fails
    fs.symlinkSync(path.join(dir, 'missing.ts'), path.join(dir, 'dangling.ts'));
    const r = lint(dir, ['.', 'dangling.ts', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr + r.stdout, /dangling\.ts/);
    assert.ok(json(r).some((f) => f.filePath.endsWith('ok.ts') && f.messages.length === 1));
  });

  it('a node_modules with 100,000 files is skipped without being walked', () => {
    // In memory where the machine has /dev/shm: creating 100,000 files on disk is the slow part.
    const dir = make({ 'src/model.ts': FLAGGED }, fs.existsSync('/dev/shm') ? '/dev/shm' : undefined);
    const nm = path.join(dir, 'node_modules', 'huge');
    fs.mkdirSync(nm, { recursive: true });
    for (let i = 0; i < 100_000; i++) fs.closeSync(fs.openSync(path.join(nm, `f${i}.ts`), 'w'));
    const r = lint(dir, ['.', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(json(r).map((f) => path.relative(dir, f.filePath)), [path.join('src', 'model.ts')]);
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  });
});
