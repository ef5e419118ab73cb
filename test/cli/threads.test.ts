// Linting on two threads (--threads, server/src/cli/threads.ts): the same output as one
// thread, byte for byte, on files whose findings come from other files; --cache shares out
// only the files without a stored result; a worker that fails is reported and its files are
// linted on the main thread. Not timed: the bench measures the speed (`npm run bench cli`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIGH_RATE, LOG_SIGMOID, NOT_TFJS, runCli, treesRemovedAfter } from './helpers';
import { planShares } from '../../server/src/cli/threads';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
/** Three packages whose findings need their neighbours: an imported constant, a helper sized by its importers. */
const WORKSPACE = {
  'shapes/package.json': '{"private": true}',
  'shapes/config.js': 'export const INPUT_SIZE = 4;\n',
  'shapes/model.ts': NS + "import { INPUT_SIZE } from './config';\nexport function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [INPUT_SIZE] }));\n  return model;\n}\n",
  'shapes/train.ts': NS + "import { buildModel } from './model';\nconst model = buildModel();\nmodel.predict(tf.zeros([2, 5]));\n",
  'importers/package.json': '{"private": true}',
  'importers/model.js':
    "const tf = require('@tensorflow/tfjs');\nfunction createModel(inputShape) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape, units: 1 }));\n  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n  return model;\n}\nmodule.exports = createModel;\n",
  'importers/train.js':
    "const tf = require('@tensorflow/tfjs');\nconst createModel = require('./model');\nasync function run() {\n  const model = createModel([6]);\n  await model.fit(tf.zeros([10, 4]), tf.zeros([10, 1]));\n}\nrun();\n",
  'plain/package.json': '{"private": true}',
  'plain/rate.ts': HIGH_RATE,
  'plain/loss.ts': LOG_SIGMOID,
  'plain/util.ts': NOT_TFJS,
};
const TRACE = { TFJS_LINT_THREADS_TRACE: '1' };

function lint(cwd: string, threads: number, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const r = runCli(['--format', 'json', '--threads', String(threads), ...extra, '.'], { cwd, env: { ...TRACE, ...env } });
  const trace = /threads: main (\d+) files \(\d+ ms, CPU [\d?]+ ms\)((?:, worker \d+ files \(\d+ ms, CPU [\d?]+ ms\))*)/.exec(r.stderr);
  const stderr = r.stderr.replace(/^tfjs-lint: threads: .*\n/m, '');
  return { ...r, stderr, workerFiles: trace ? [...trace[2].matchAll(/worker (\d+) files/g)].map((m) => Number(m[1])) : [] };
}

describe('tfjs-lint CLI: --threads', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();

  it('two threads print what one prints, byte for byte, with findings that come from other files', () => {
    const cwd = tree(WORKSPACE);
    const one = lint(cwd, 1);
    const two = lint(cwd, 2);
    assert.deepEqual(one.workerFiles, [], 'one thread starts no worker');
    assert.ok(two.workerFiles.length === 1 && two.workerFiles[0] > 0, `the worker linted files: ${two.stderr}`);
    const messages = (JSON.parse(one.stdout) as { messages: { message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.message));
    assert.ok(messages.some((m) => /model's input is \[null, 4\]/.test(m)), 'an input size read from ./config');
    assert.ok(messages.some((m) => /model's input is \[null, 6\]/.test(m)), "a helper's input shape from its importer");
    assert.ok(messages.length >= 4, messages.join('\n'));
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
    assert.equal(two.status, one.status);
  });

  it('--cache: only files without a stored result are shared out; the output is the same', () => {
    const cwd = tree(WORKSPACE);
    const single = lint(cwd, 1);
    const first = lint(cwd, 2, ['--cache']);
    assert.equal(first.stdout, single.stdout);
    assert.ok(first.workerFiles[0] > 0);
    const second = lint(cwd, 2, ['--cache']);
    assert.equal(second.stdout, single.stdout);
    assert.deepEqual(second.workerFiles, [], 'everything came from the cache: nothing to share out');
    fs.writeFileSync(path.join(cwd, 'shapes/config.js'), 'export const INPUT_SIZE = 5;\n');
    fs.writeFileSync(path.join(cwd, 'importers/train.js'), fs.readFileSync(path.join(cwd, 'importers/train.js'), 'utf8').replace('[6]', '[4]'));
    const third = lint(cwd, 2, ['--cache']);
    assert.ok(third.workerFiles.length === 1 && third.workerFiles[0] > 0 && third.workerFiles[0] < 5, `the changed files and their importers only: ${third.workerFiles}`);
    assert.equal(third.stdout, lint(cwd, 1).stdout);
    assert.doesNotMatch(third.stdout, /model's input is/, 'both cross-file findings are gone');
  });

  for (const fault of ['throw', 'exit']) {
    it(`a worker that fails (${fault}) is reported, and its files are linted on the main thread`, () => {
      const cwd = tree(WORKSPACE);
      const one = lint(cwd, 1);
      const failed = lint(cwd, 2, [], { TFJS_LINT_TEST_WORKER_FAULT: fault });
      const reason = fault === 'throw' ? /injected fault/ : /exited with code 70/;
      assert.match(failed.stderr, /tfjs-lint: a worker thread failed \((.*)\) before the end; its [1-9]\d* unfinished file\(s\) were linted on the main thread/);
      assert.match(failed.stderr, reason);
      assert.equal(failed.stdout, one.stdout, 'nothing is lost');
      assert.equal(failed.status, one.status);
    });
  }

  it('--fix and --stdin run on one thread whatever --threads says', () => {
    const cwd = tree(WORKSPACE);
    const fixed = runCli(['--fix', '--threads', '2', '.'], { cwd, env: TRACE });
    assert.doesNotMatch(fixed.stderr, /threads:/, 'no share was made');
    assert.match(fs.readFileSync(path.join(cwd, 'plain/loss.ts'), 'utf8'), /tf\.logSigmoid\(x\)/, 'the safe fix was written');
    const stdin = runCli(['--stdin', '--stdin-filename', 'plain/rate.ts', '--threads', '2'], { cwd, env: TRACE, input: HIGH_RATE });
    assert.equal(stdin.status, 0);
    assert.doesNotMatch(stdin.stderr, /threads:/);
    assert.match(stdin.stdout, /extreme-learning-rate/);
  });

  it('--threads takes a whole number from 1 to 16', () => {
    const cwd = tree({ 'a.ts': NOT_TFJS });
    for (const bad of ['0', '17', 'two', '1.5']) {
      const r = runCli(['--threads', bad, '.'], { cwd });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--threads expects auto or a whole number from 1 to 16/);
    }
    assert.equal(runCli(['--threads', '3', '.'], { cwd }).status, 0);
  });

  it('auto: a small workspace (too little tfjs code to pay for a worker) is linted on one thread', () => {
    const cwd = tree(WORKSPACE);
    const auto = runCli(['--format', 'json', '--threads', 'auto', '.'], { cwd, env: TRACE });
    assert.doesNotMatch(auto.stderr, /threads:/, 'no share was made');
    assert.equal(auto.stdout, lint(cwd, 1).stdout);
  });
});

describe('threads: planShares', () => {
  const files = (spec: [string, number][]) => spec.map(([group, weight]) => ({ group, weight }));

  it("keeps a group's files on one thread, each share in file order, the largest groups spread first", () => {
    const shares = planShares(files([['a', 10], ['b', 50], ['a', 10], ['c', 30], ['b', 5], ['d', 20]]), 2);
    assert.deepEqual(shares, [[1, 4], [0, 2, 3, 5]]);
  });

  it('with fewer groups than threads, goes file by file', () => {
    assert.deepEqual(planShares(files([['a', 1], ['a', 5], ['a', 2], ['a', 4]]), 2), [[0, 1], [2, 3]]);
  });
});
