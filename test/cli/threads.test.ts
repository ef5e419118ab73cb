// Linting on two threads (--threads, server/src/cli/threads.ts; by default when it pays,
// second-thread.ts): the same output as one thread, byte for byte and in file order, on files whose findings come from other files; a
// package's files on one thread, taken from one queue; --cache shares out only the files
// without a stored result; a worker that fails is reported and its unfinished files are linted
// on the main thread. Which thread takes what depends on timing, so the runs that need the
// worker to lint something let it take the first unit (TFJS_LINT_TEST_WORKER_FIRST). Not
// timed: the bench measures the speed (`npm run bench cli`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIGH_RATE, LOG_SIGMOID, NOT_TFJS, runCli, treesRemovedAfter } from './helpers';
import { planUnits, UnitQueue } from '../../server/src/cli/threads';
import { MIN_FREE_MEMORY_BYTES, MIN_SHARED_BYTES, weighForSecondThread } from '../../server/src/cli/second-thread';

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
const TRACE = { TFJS_LINT_THREADS_TRACE: 'files' };
/** The worker takes the first (largest) unit alone and the main thread the rest: a share that does not depend on timing. */
const WORKER_FIRST = { TFJS_LINT_TEST_WORKER_FIRST: '1' };

function lint(cwd: string, threads: number, extra: string[] = [], env: NodeJS.ProcessEnv = WORKER_FIRST) {
  const r = runCli(['--format', 'json', '--threads', String(threads), ...extra, '.'], { cwd, env: { ...TRACE, ...env } });
  const trace = /threads: main (\d+) files \(\d+ ms, CPU [\d?]+ ms\)((?:, worker \d+ files \(\d+ ms, CPU [\d?]+ ms\))*)/.exec(r.stderr);
  const linted = new Map([...r.stderr.matchAll(/^tfjs-lint: threads: (main|worker \d+) linted (.*)$/gm)].map((m) => [m[1], m[2] ? m[2].split(', ') : []]));
  const stderr = r.stderr.replace(/^tfjs-lint: threads: .*\n/gm, '');
  return { ...r, stderr, trace: r.stderr, linted, workerFiles: trace ? [...trace[2].matchAll(/worker (\d+) files/g)].map((m) => Number(m[1])) : [] };
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

  it("each package's files are linted on one thread, the results put back in file order", () => {
    const cwd = tree(WORKSPACE);
    const one = lint(cwd, 1);
    const two = lint(cwd, 2);
    // importers/ holds the most tfjs source: the worker took it first, the main thread the rest.
    assert.deepEqual(two.linted.get('worker 1'), ['importers/model.js', 'importers/train.js'], two.stderr);
    assert.deepEqual(two.linted.get('main'), ['plain/loss.ts', 'plain/rate.ts', 'plain/util.ts', 'shapes/config.js', 'shapes/model.ts', 'shapes/train.ts']);
    const order = (JSON.parse(two.stdout) as { filePath: string }[]).map((r) => path.relative(cwd, r.filePath));
    assert.deepEqual(order, [...order].sort(), 'file order, though the worker finished a later unit first or last');
    assert.equal(two.stdout, one.stdout);
  });

  for (const fault of ['throw', 'exit']) {
    it(`a worker that fails (${fault}) is reported, and the files of its unit it had not finished are linted on the main thread`, () => {
      const cwd = tree(WORKSPACE);
      const one = lint(cwd, 1);
      const failed = lint(cwd, 2, [], { ...WORKER_FIRST, TFJS_LINT_TEST_WORKER_FAULT: fault });
      const reason = fault === 'throw' ? /injected fault/ : /exited with code 70/;
      // It fails after its first file, importers/model.js: importers/train.js is left.
      assert.match(failed.stderr, /tfjs-lint: a worker thread failed \((.*)\); its 1 unfinished file\(s\) were linted on the main thread/);
      assert.match(failed.stderr, reason);
      assert.deepEqual(failed.linted.get('worker 1'), ['importers/model.js']);
      assert.equal(failed.stdout, one.stdout, 'nothing is lost');
      assert.equal(failed.status, one.status);
    });
  }

  it('without a head start for the worker, each file is linted once, by whichever thread took its unit', () => {
    const cwd = tree(WORKSPACE);
    const one = lint(cwd, 1);
    // No WORKER_FIRST: the main thread starts at once; whatever the worker takes, every file is linted once.
    const two = lint(cwd, 2, [], {});
    const all = [...two.linted.values()].flat().sort();
    assert.deepEqual(all, ['importers/model.js', 'importers/train.js', 'plain/loss.ts', 'plain/rate.ts', 'plain/util.ts', 'shapes/config.js', 'shapes/model.ts', 'shapes/train.ts']);
    assert.equal(two.stdout, one.stdout);
  });

  it("two threads accept the TypeScript code cache one thread made: making the worker's isolate does not leave V8's flags changed", () => {
    const cwd = tree(WORKSPACE);
    const cacheDir = tree({ 'keep.txt': '' });
    const env = { TFJS_LINT_CODE_CACHE: cacheDir }; // no head start: this thread compiles TypeScript while the worker starts
    const one = lint(cwd, 1, [], env);
    const caches = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache'));
    const written1 = caches();
    assert.equal(written1.length, 2, 'TypeScript and tfjs-lint\'s own code');
    const file = written1.find((f) => f.startsWith('typescript.'));
    assert.ok(file, 'one thread wrote the cache');
    const written = fs.readFileSync(path.join(cacheDir, file));
    // V8 resets the young-generation flag when it makes an isolate; data checked under other flags would be rejected and rewritten.
    const two = lint(cwd, 2, [], env);
    assert.equal(two.workerFiles.length, 1, 'a worker was started');
    // No cache of other flags appears (tfjs-lint's own cache may gain the modules of --threads).
    assert.deepEqual(caches(), written1);
    assert.ok(fs.readFileSync(path.join(cacheDir, file)).equals(written), 'the cache was accepted as it was, not rewritten');
    // The worker's own modules come from the cache the main thread wrote, none refused; it
    // compiles one: thread support (threads.js), which a run on one thread never loads.
    const own = /threads: worker 1's own modules: (\d+) from the code cache, (\d+) compiled, (\d+) refused/.exec(two.trace);
    assert.ok(own && Number(own[1]) > 20, two.trace);
    assert.deepEqual([own[2], own[3]], ['1', '0']);
    assert.equal(two.stdout, one.stdout);
  });

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

  describe('left to choose (no --threads)', () => {
    /** The workspace and padded packages that hold enough tfjs source (MIN_SHARED_BYTES) to pay for a second thread. */
    const big = () => {
      const files: Record<string, string> = { ...WORKSPACE };
      const padding = `// ${'tf '.repeat(5_000)}\n`;
      for (let i = 0; i < 32; i++) files[`pad${i}/model.ts`] = HIGH_RATE + padding;
      const cwd = tree(files);
      const bytes = Object.entries(files).reduce((sum, [name, text]) => sum + (name.startsWith('pad') ? text.length : 0), 0);
      assert.ok(bytes >= MIN_SHARED_BYTES, `${bytes} bytes of tfjs source`);
      return cwd;
    };
    const run = (cwd: string, idle: 'yes' | 'no', extra: string[] = []) =>
      runCli(['--format', 'json', ...extra, '.'], { cwd, env: { ...TRACE, TFJS_LINT_TEST_IDLE_CORE: idle } });
    const shared = (stderr: string) => /threads: main \d+ files .*, worker \d+ files/.test(stderr);

    it('with a CPU idle and enough tfjs source, lints on two threads and prints what one thread prints', () => {
      const cwd = big();
      const two = run(cwd, 'yes');
      assert.ok(shared(two.stderr), two.stderr);
      const one = run(cwd, 'yes', ['--threads', '1']);
      assert.ok(!shared(one.stderr), '--threads 1 keeps to one thread');
      assert.equal(two.status, 1);
      assert.equal(two.stdout, one.stdout);
    });

    it('weighs the files only when a CPU and memory are free, and wants a second thread only for enough tfjs source', () => {
      const cwd = big();
      const files = fs.readdirSync(cwd, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|js)$/.test(f)).map((f) => path.join(cwd, f));
      const idle = process.env.TFJS_LINT_TEST_IDLE_CORE;
      try {
        process.env.TFJS_LINT_TEST_IDLE_CORE = 'yes';
        const weights = weighForSecondThread(files, MIN_FREE_MEMORY_BYTES);
        assert.ok(weights && weights.length === files.length && weights.reduce((a, b) => a + b, 0) >= MIN_SHARED_BYTES);
        assert.equal(weighForSecondThread(files, MIN_FREE_MEMORY_BYTES - 1), undefined, 'too little memory free');
        assert.equal(weighForSecondThread(files.filter((f) => !f.includes('pad')), MIN_FREE_MEMORY_BYTES), undefined, 'too little tfjs source');
        process.env.TFJS_LINT_TEST_IDLE_CORE = 'no';
        assert.equal(weighForSecondThread(files, MIN_FREE_MEMORY_BYTES), undefined, 'no CPU idle');
      } finally {
        if (idle === undefined) delete process.env.TFJS_LINT_TEST_IDLE_CORE;
        else process.env.TFJS_LINT_TEST_IDLE_CORE = idle;
      }
    });

    it('with no CPU idle, lints on one thread', () => {
      const busy = run(big(), 'no');
      assert.equal(busy.status, 1);
      assert.doesNotMatch(busy.stderr, /threads:/);
    });

    it('--cache: the first run shares its files, a second over the unchanged tree lints none and starts no worker', () => {
      const cwd = big();
      const cache = ['--cache', '--cache-location', 'results.tfjslintcache'];
      const first = run(cwd, 'yes', cache);
      assert.ok(shared(first.stderr), first.stderr);
      const second = run(cwd, 'yes', cache);
      assert.doesNotMatch(second.stderr, /threads:/);
      assert.equal(second.stdout, first.stdout);
    });
  });

  it('auto: a small workspace (too little tfjs code to pay for a worker) is linted on one thread', () => {
    const cwd = tree(WORKSPACE);
    const auto = runCli(['--format', 'json', '--threads', 'auto', '.'], { cwd, env: TRACE });
    assert.doesNotMatch(auto.stderr, /threads:/, 'no share was made');
    assert.equal(auto.stdout, lint(cwd, 1).stdout);
  });
});

describe('threads: planUnits and UnitQueue', () => {
  const files = (spec: [string, number][]) => spec.map(([group, weight]) => ({ group, weight }));

  it("makes a group's files one unit, in file order, the largest units first", () => {
    const units = planUnits(files([['a', 10], ['b', 50], ['a', 10], ['c', 30], ['b', 5], ['d', 20]]), 2);
    assert.deepEqual(units, [[1, 4], [3], [0, 2], [5]]);
  });

  it('with fewer groups than threads, makes each file a unit', () => {
    assert.deepEqual(planUnits(files([['a', 1], ['a', 5], ['a', 2], ['a', 4]]), 2), [[1], [3], [2], [0]]);
  });

  it('gives each unit once, to whichever thread asks first, and remembers who took it', () => {
    const queue = UnitQueue.create(3);
    const other = UnitQueue.of(queue.buffer); // as a worker sees it
    assert.equal(queue.take(0), 0);
    assert.equal(other.take(1), 1);
    assert.equal(queue.take(0), 2);
    assert.equal(other.take(1), undefined);
    assert.equal(queue.take(0), undefined);
    assert.deepEqual([0, 1, 2].map((u) => queue.takerOf(u)), [0, 1, 0]);
  });

  it('a unit nobody took has no taker', () => {
    const queue = UnitQueue.create(2);
    queue.take(1);
    assert.equal(queue.takerOf(1), -1);
  });
});
