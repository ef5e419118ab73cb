// --cache: a stored result stands in for a lint only while the file, its config, the files it
// depends on and the linter are unchanged; a damaged or foreign cache file is survived.
// A stored result is recognised by a canary: the test rewrites the message in the cache file,
// so the next run prints the canary if (and only if) it used the cache.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIGH_RATE, LOG_SIGMOID, runCli, runJson, treesRemovedAfter } from './helpers';
import { ResultCache, cacheFilePath, linterIdentity } from '../../server/src/cli/result-cache';
import type { FileReport } from '../../server/src/cli/lint-files';

const CANARY = 'served from the cache';

/** Replaces every stored message in a cache file with the canary. */
function plantCanary(cacheFile: string): void {
  const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { files: Record<string, { findings: { message: string }[] }> };
  let planted = 0;
  for (const entry of Object.values(data.files)) for (const f of entry.findings) (f.message = CANARY), planted++;
  assert.ok(planted > 0, 'the cache holds findings to replace');
  fs.writeFileSync(cacheFile, JSON.stringify(data));
}

function messages(args: string[], cwd: string): string[] {
  const r = runJson(args, { cwd });
  assert.equal(r.stderr, '', r.stderr);
  return r.results.flatMap((x) => x.messages.map((m) => m.message));
}

describe('tfjs-lint CLI: --cache', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();

  it('a second run over an unchanged tree uses the stored findings (.tfjslintcache in the working folder)', () => {
    const cwd = tree({ 'model.ts': HIGH_RATE, 'other.ts': LOG_SIGMOID });
    const first = messages(['--cache', '.'], cwd);
    assert.equal(first.length, 2);
    const cacheFile = path.join(cwd, '.tfjslintcache');
    plantCanary(cacheFile);
    assert.deepEqual(messages(['--cache', '.'], cwd), [CANARY, CANARY]);
    assert.deepEqual(messages(['.'], cwd), first, 'without --cache the cache is not read');
  });

  for (const strategy of ['metadata', 'content']) {
    it(`--cache-strategy ${strategy}: a change to the file is linted again`, () => {
      const cwd = tree({ 'model.ts': HIGH_RATE, 'other.ts': LOG_SIGMOID });
      const args = ['--cache', '--cache-strategy', strategy, '.'];
      messages(args, cwd);
      plantCanary(path.join(cwd, '.tfjslintcache'));
      fs.writeFileSync(path.join(cwd, 'model.ts'), HIGH_RATE.replace('adam(10)', 'adam(20)'));
      const after = messages(args, cwd);
      assert.equal(after.length, 2);
      assert.equal(after.filter((m) => m === CANARY).length, 1, 'the unchanged file still comes from the cache');
      assert.ok(after.some((m) => /20/.test(m)), 'the changed file was linted');
    });
  }

  it('content: a change that keeps size and mtime is still seen (metadata cannot see it)', () => {
    const cwd = tree({ 'model.ts': HIGH_RATE });
    const file = path.join(cwd, 'model.ts');
    const same = HIGH_RATE.replace('adam(10)', 'adam(20)'); // same length
    const sameSizeEdit = () => {
      const { atime, mtime } = fs.statSync(file);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8') === HIGH_RATE ? same : HIGH_RATE);
      fs.utimesSync(file, atime, mtime);
    };
    messages(['--cache', '--cache-strategy', 'content', '.'], cwd);
    plantCanary(path.join(cwd, '.tfjslintcache'));
    sameSizeEdit();
    assert.match(messages(['--cache', '--cache-strategy', 'content', '.'], cwd)[0], /20/);
    // Switching strategy drops the entries (fingerprints of another kind are not comparable).
    messages(['--cache', '--cache-strategy', 'metadata', '.'], cwd);
    plantCanary(path.join(cwd, '.tfjslintcache'));
    sameSizeEdit();
    assert.deepEqual(messages(['--cache', '--cache-strategy', 'metadata', '.'], cwd), [CANARY], 'metadata: the documented blind spot');
  });

  it('a change to the config that applies to the file, or to --rule, is linted again', () => {
    const cwd = tree({ 'src/model.ts': HIGH_RATE, 'lib/model.ts': HIGH_RATE, 'src/.tfjslintrc.json': '{}' });
    messages(['--cache', '.'], cwd);
    plantCanary(path.join(cwd, '.tfjslintcache'));
    fs.writeFileSync(path.join(cwd, 'src/.tfjslintrc.json'), JSON.stringify({ rules: { 'extreme-learning-rate': 'error' } }));
    const r = runJson(['--cache', '.'], { cwd });
    const [lib, src] = r.results; // name order: lib/ before src/
    assert.deepEqual([lib.messages[0].message, lib.messages[0].severity], [CANARY, 1], 'lib/ has no config change');
    assert.notEqual(src.messages[0].message, CANARY);
    assert.equal(src.messages[0].severity, 2, 'the new severity applies');
    plantCanary(path.join(cwd, '.tfjslintcache'));
    const overridden = runJson(['--cache', '--rule', 'extreme-learning-rate:info', '.'], { cwd });
    assert.deepEqual(overridden.results.map((x) => [x.messages[0].message === CANARY, x.infoCount]), [[false, 1], [false, 1]], 'linted again, as infos');
  });

  it('--fix is not answered from the cache while a stored finding has a safe fix, and the fixed text is what gets stored', () => {
    const cwd = tree({ 'a.ts': LOG_SIGMOID });
    const file = path.join(cwd, 'a.ts');
    assert.equal(messages(['--cache', '.'], cwd).length, 1);
    plantCanary(path.join(cwd, '.tfjslintcache'));
    const fixed = runCli(['--cache', '--fix', '.'], { cwd });
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fs.readFileSync(file, 'utf8'), /logSigmoid/, 'the fix was applied, not skipped by a cached answer');
    assert.equal(fixed.stdout, '');
    assert.deepEqual(messages(['--cache', '.'], cwd), [], 'the fixed file has no findings, from the cache or not');
    assert.deepEqual(messages(['.'], cwd), []);
  });

  it('a damaged cache is ignored with a notice and rewritten; a foreign file is ignored and left alone', () => {
    const cwd = tree({ 'model.ts': HIGH_RATE, 'package.json': '{ "name": "app", "version": "1.0.0" }\n' });
    const expected = messages(['.'], cwd);
    const cacheFile = path.join(cwd, '.tfjslintcache');
    messages(['--cache', '.'], cwd);
    fs.writeFileSync(cacheFile, fs.readFileSync(cacheFile, 'utf8').slice(0, 60)); // truncated mid-write
    const damaged = runJson(['--cache', '.'], { cwd });
    assert.match(damaged.stderr, /cache .*\.tfjslintcache is damaged; ignored, and rewritten after this run/);
    assert.deepEqual(damaged.results.flatMap((x) => x.messages.map((m) => m.message)), expected);
    assert.equal((JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { tool: string }).tool, 'tfjs-lint-cache', 'rewritten whole');

    const foreign = runJson(['--cache', '--cache-location', 'package.json', '.'], { cwd });
    assert.match(foreign.stderr, /package\.json is not a tfjs-lint cache; ignored and left as it is/);
    assert.deepEqual(foreign.results.flatMap((x) => x.messages.map((m) => m.message)), expected);
    assert.equal(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'), '{ "name": "app", "version": "1.0.0" }\n');

    fs.writeFileSync(cacheFile, JSON.stringify({ tool: 'tfjs-lint-cache', format: 1, linter: 'x', strategy: 'metadata', files: { [path.join(cwd, 'model.ts')]: { findings: [{}] } } }));
    const malformed = runJson(['--cache', '.'], { cwd });
    assert.match(malformed.stderr, /damaged/);
    assert.deepEqual(malformed.results.flatMap((x) => x.messages.map((m) => m.message)), expected);
  });

  it('a cache that cannot be written costs only the cache', () => {
    const cwd = tree({ 'model.ts': HIGH_RATE, blocker: 'a file, not a folder' });
    const r = runJson(['--cache', '--cache-location', 'blocker/cache.json', '.'], { cwd });
    assert.match(r.stderr, /cache not written to .*blocker/);
    assert.equal(r.status, 0);
    assert.equal(r.results[0].messages.length, 1);
  });

  it('--cache-location: a file path is used as given; a folder (existing, or ending in a separator) holds a file named after the working folder', () => {
    const cwd = tree({ 'model.ts': HIGH_RATE, 'existing/.keep': '' });
    messages(['--cache', '--cache-location', 'my-cache.json', '.'], cwd);
    assert.ok(fs.statSync(path.join(cwd, 'my-cache.json')).isFile());
    messages(['--cache', '--cache-location', 'existing', '.'], cwd);
    messages(['--cache', '--cache-location', `new-folder${path.sep}`, '.'], cwd);
    for (const folder of ['existing', 'new-folder']) {
      const names = fs.readdirSync(path.join(cwd, folder)).filter((n) => n.startsWith('.tfjslintcache_'));
      assert.equal(names.length, 1, folder);
      assert.equal(path.join(cwd, folder, names[0]), cacheFilePath(folder + path.sep, cwd));
    }
    assert.equal(fs.existsSync(path.join(cwd, '.tfjslintcache')), false, 'the default location was not used');
  });

  it('--cache-strategy takes metadata or content only', () => {
    const r = runCli(['--cache', '--cache-strategy', 'mtime', '.'], { cwd: tree({}) });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--cache-strategy: unknown strategy "mtime"; allowed: metadata, content/);
  });
});

describe('tfjs-lint CLI: --cache and local imports', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();
  const NS = "import * as tf from '@tensorflow/tfjs';\n";
  const files = {
    'config.js': 'export const INPUT_SIZE = 4;\n',
    'model.ts': NS + "import { INPUT_SIZE } from './config';\nexport function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [INPUT_SIZE] }));\n  return model;\n}\n",
    'train.ts': NS + "import { buildModel } from './model';\nconst model = buildModel();\nmodel.predict(tf.zeros([2, 5]));\n",
    'notes.js': 'export const unrelated = 1;\n',
  };

  for (const strategy of ['metadata', 'content']) {
    it(`${strategy}: a change to a file imported through a chain (train.ts -> model.ts -> config.js) lints the importer again`, () => {
      const cwd = tree(files);
      const args = ['--cache', '--cache-strategy', strategy, 'train.ts'];
      const first = messages(args, cwd);
      assert.equal(first.length, 1);
      assert.match(first[0], /model's input is \[null, 4\]/);
      plantCanary(path.join(cwd, '.tfjslintcache'));
      fs.writeFileSync(path.join(cwd, 'notes.js'), 'export const unrelated = 2;\n');
      assert.deepEqual(messages(args, cwd), [CANARY], 'a file train.ts does not import changed: the stored result stands');
      fs.writeFileSync(path.join(cwd, 'config.js'), 'export const INPUT_SIZE = 5;\n');
      assert.deepEqual(messages(args, cwd), [], 'config.js changed: train.ts was linted again (x now fits)');
    });
  }
});

describe('tfjs-lint CLI: --cache and helpers sized by their importers', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();
  const MODEL = "const tf = require('@tensorflow/tfjs');\nfunction createModel(inputShape) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape, units: 1 }));\n  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n  return model;\n}\nmodule.exports = createModel;\n";
  const TRAIN = "const tf = require('@tensorflow/tfjs');\nconst createModel = require('./model');\nasync function run() {\n  const model = createModel([6]);\n  await model.fit(tf.zeros([10, 4]), tf.zeros([10, 1]));\n}\nrun();\n";

  for (const strategy of ['metadata', 'content']) {
    it(`${strategy}: the stored result stands while the package is unchanged; a new importer that disagrees lints it again`, () => {
      const cwd = tree({ 'package.json': '{"private": true}', 'model.js': MODEL, 'train.js': TRAIN });
      const args = ['--cache', '--cache-strategy', strategy, '.'];
      const first = messages(args, cwd);
      assert.equal(first.length, 1);
      assert.match(first[0], /model's input is \[null, 6\]/);
      plantCanary(path.join(cwd, '.tfjslintcache'));
      assert.deepEqual(messages(args, cwd), [CANARY], 'unchanged: served from the cache');
      fs.writeFileSync(path.join(cwd, 'model_test.js'), "const createModel = require('./model');\ncreateModel([4]);\n");
      assert.deepEqual(messages(args, cwd), [], 'the callers now disagree: train.js was linted again and is quiet');
    });
  }
});

describe('tfjs-lint CLI: --cache and classes sized by another script of their page', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();
  const NETWORK = 'class NeuralNetwork {\n  constructor(inputs) {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({ units: 1, inputShape: [inputs] }));\n    this.model.predict(tf.zeros([1, 3]));\n  }\n}\n';
  const PAGE = (script: string) => `<html><body>\n  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>\n  <script src="neuralnetwork.js"></script>\n  <script src="${script}"></script>\n</body></html>\n`;

  for (const strategy of ['metadata', 'content']) {
    it(`${strategy}: the stored result stands while the package is unchanged; a new page that builds it with other sizes lints it again`, () => {
      const cwd = tree({ 'package.json': '{"private": true}', 'index.html': PAGE('sketch.js'), 'neuralnetwork.js': NETWORK, 'sketch.js': 'let nn;\nfunction setup() {\n  nn = new NeuralNetwork(2);\n}\n' });
      const args = ['--cache', '--cache-strategy', strategy, '.'];
      const first = messages(args, cwd);
      assert.equal(first.length, 1);
      assert.match(first[0], /model's input is \[null, 2\]/);
      plantCanary(path.join(cwd, '.tfjslintcache'));
      assert.deepEqual(messages(args, cwd), [CANARY], 'unchanged: served from the cache');
      fs.writeFileSync(path.join(cwd, 'big.html'), PAGE('big.js'));
      fs.writeFileSync(path.join(cwd, 'big.js'), 'const big = new NeuralNetwork(3);\n');
      assert.deepEqual(messages(args, cwd), [], 'the pages now disagree: neuralnetwork.js was linted again and is quiet');
    });
  }
});

describe('result cache: dependencies and the linter identity', () => {
  const tree = treesRemovedAfter();
  const report = (filePath: string, dependencies: string[]): FileReport => ({
    filePath,
    findings: [],
    notices: [],
    fixesApplied: 0,
    linted: true,
    dependencies,
  });

  for (const strategy of ['metadata', 'content'] as const) {
    it(`${strategy}: a result is reused only while every file it depends on is unchanged (edited or deleted)`, () => {
      const dir = tree({ 'a.ts': 'import { b } from "./b";', 'b.ts': 'export const b = 1;' });
      const [a, b] = [path.join(dir, 'a.ts'), path.join(dir, 'b.ts')];
      const notices: string[] = [];
      const cacheFile = path.join(dir, 'cache');
      const cache = ResultCache.open(cacheFile, strategy, 'linter 1', (m) => notices.push(m));
      cache.store(report(a, [b]), 'settings');
      assert.equal(cache.save(), undefined);
      const reopen = () => ResultCache.open(cacheFile, strategy, 'linter 1', (m) => notices.push(m));
      assert.ok(reopen().lookup(a, 'settings').hit, 'unchanged: a hit');
      assert.equal(reopen().lookup(a, 'other settings').hit, undefined, 'other settings: a miss');
      fs.writeFileSync(b, 'export const b = 22;');
      assert.equal(reopen().lookup(a, 'settings').hit, undefined, 'the dependency changed');
      fs.rmSync(b);
      assert.equal(reopen().lookup(a, 'settings').hit, undefined, 'the dependency is gone');
      assert.deepEqual(notices, []);
    });
  }

  it('a result that looked for importers or pages is not kept without the folder they were searched within', () => {
    const dir = tree({ 'model.js': 'module.exports = function createModel(n) {};', 'train.js': 'require("./model")([6]);', 'net.js': 'class Net {}' });
    const [model, train, net] = [path.join(dir, 'model.js'), path.join(dir, 'train.js'), path.join(dir, 'net.js')];
    const cacheFile = path.join(dir, 'cache');
    const cache = ResultCache.open(cacheFile, 'metadata', 'linter 1', () => undefined);
    cache.store({ ...report(model, [train]), importersRead: [model] }, 'settings');
    cache.store({ ...report(net, []), pagesRead: [net] }, 'settings');
    cache.store(report(train, [model]), 'settings');
    cache.save();
    const reopened = ResultCache.open(cacheFile, 'metadata', 'linter 1', () => undefined);
    assert.equal(reopened.lookup(model, 'settings').hit, undefined);
    assert.equal(reopened.lookup(net, 'settings').hit, undefined);
    assert.ok(reopened.lookup(train, 'settings').hit, 'a result that read only its imports is kept');
  });

  for (const strategy of ['metadata', 'content'] as const) {
    it(`${strategy}: a result with values from importers is kept against its package's files: a new or edited file there lints it again, one outside does not`, () => {
      const dir = tree({ 'pkg/package.json': '{}', 'pkg/model.js': 'module.exports = function createModel(n) {};', 'pkg/train.js': 'require("./model")([6]);', 'other/notes.js': 'const a = 1;' });
      const [model, train] = [path.join(dir, 'pkg/model.js'), path.join(dir, 'pkg/train.js')];
      const cacheFile = path.join(dir, 'cache');
      const open = () => ResultCache.open(cacheFile, strategy, 'linter 1', () => undefined, dir);
      const keep = () => {
        const cache = open();
        cache.store({ ...report(model, [train]), importersRead: [model] }, 'settings');
        cache.save();
      };
      keep();
      assert.ok(open().lookup(model, 'settings').hit, 'nothing changed: kept');
      fs.writeFileSync(path.join(dir, 'other/notes.js'), 'const a = 2;');
      assert.ok(open().lookup(model, 'settings').hit, 'a file outside the package changed: still kept');
      fs.writeFileSync(path.join(dir, 'pkg/model_test.js'), 'require("./model")([4]);');
      assert.equal(open().lookup(model, 'settings').hit, undefined, 'a new importer in the package');
      keep();
      fs.writeFileSync(path.join(dir, 'pkg/util.js'), strategy === 'content' ? 'require("./model")([6]);' : 'require("./model")([6]); // a longer file');
      assert.equal(open().lookup(model, 'settings').hit, undefined, 'a file of the package that did not import it now does');
    });
  }

  it('another linter version or build starts from an empty cache', () => {
    const dir = tree({ 'a.ts': 'const a = 1;' });
    const a = path.join(dir, 'a.ts');
    const cacheFile = path.join(dir, 'cache');
    const cache = ResultCache.open(cacheFile, 'metadata', 'tfjs-lint 0.1.0', () => undefined);
    cache.store(report(a, []), 'settings');
    cache.save();
    assert.ok(ResultCache.open(cacheFile, 'metadata', 'tfjs-lint 0.1.0', () => undefined).lookup(a, 'settings').hit);
    assert.equal(ResultCache.open(cacheFile, 'metadata', 'tfjs-lint 0.2.0', () => undefined).lookup(a, 'settings').hit, undefined);
  });

  it("the linter identity changes with the version and with the linter's compiled code", () => {
    const code = tree({ 'engine/x.js': 'exports.x = 1;', 'engine/shapes/deep/y.js': 'exports.y = 1;', 'rules/r.js': 'exports.r = 1;', 'rules/r.md': 'doc' });
    const folders = [path.join(code, 'engine'), path.join(code, 'rules')];
    const before = linterIdentity('0.1.0', folders);
    assert.equal(linterIdentity('0.1.0', folders), before, 'stable while nothing changes');
    assert.notEqual(linterIdentity('0.1.1', folders), before);
    fs.writeFileSync(path.join(code, 'rules/r.md'), 'another doc');
    assert.equal(linterIdentity('0.1.0', folders), before, 'only code counts');
    fs.writeFileSync(path.join(code, 'rules/r.js'), 'exports.r = 22;');
    const rebuilt = linterIdentity('0.1.0', folders);
    assert.notEqual(rebuilt, before, 'a rebuilt rule');
    fs.writeFileSync(path.join(code, 'engine/shapes/deep/y.js'), 'exports.y = 22;');
    const nested = linterIdentity('0.1.0', folders);
    assert.notEqual(nested, rebuilt, 'a rebuilt module two folders down');
    fs.writeFileSync(path.join(code, 'engine/shapes/z.js'), 'exports.z = 1;');
    assert.notEqual(linterIdentity('0.1.0', folders), nested, 'a module added in a subfolder');
  });
});

// Results that rest on more than the files they read: which pages load a classic script, which
// files import a module (and whether that can be known), what the project says of tfjs. Each
// case lints with --cache, changes the tree in a way that changes the findings, and lints again
// with and without the cache: the two must agree.
describe('tfjs-lint CLI: --cache gives what a fresh run gives after pages, importers or the project change', function () {
  this.timeout(120_000);
  const tree = treesRemovedAfter();
  const CDN = '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>';
  const page = (...scripts: string[]) => `<html><body>\n  ${CDN}\n${scripts.map((s) => `  <script src="${s}"></script>\n`).join('')}</body></html>\n`;
  // A classic script sized by a global another script of its page declares (sketch.js's `const FEATURES = 4`).
  const CLASSIFIER = 'function buildClassifier() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 2, inputShape: [FEATURES] }));\n  return model;\n}\nconst classifier = buildClassifier();\nclassifier.predict(tf.zeros([1, 3]));\n';
  const SKETCH = 'const FEATURES = 4;\nfunction setup() {}\n';
  // A class built in its own file with 2 inputs; other scripts of its pages may build it too.
  const NETWORK = 'class NeuralNetwork {\n  constructor(inputs) {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({ units: 1, inputShape: [inputs] }));\n    this.model.predict(tf.zeros([1, 3]));\n  }\n}\nconst nn = new NeuralNetwork(2);\n';
  // A helper sized by its importers.
  const MODEL = "const tf = require('@tensorflow/tfjs');\nfunction createModel(inputShape) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape, units: 1 }));\n  model.predict(tf.zeros([1, 5]));\n  return model;\n}\nmodule.exports = createModel;\n";
  const TRAIN = "const createModel = require('./model');\ncreateModel([6]);\n";

  /** What a run prints, as JSON; its stderr must be empty. */
  const lint = (cwd: string, cache: boolean) => {
    const r = runJson([...(cache ? ['--cache'] : []), '.'], { cwd });
    assert.equal(r.stderr, '', r.stderr);
    return r.results.map((x) => ({ file: path.relative(cwd, x.filePath), messages: x.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`) }));
  };

  /** Lints `files` with --cache, applies `change`, and checks that the cached run equals a fresh one (and that the change changed the findings). */
  function assertFreshAfter(files: Record<string, string>, change: (cwd: string) => void): void {
    const cwd = tree(files);
    const before = lint(cwd, true);
    change(cwd);
    const fresh = lint(cwd, false);
    assert.notDeepEqual(fresh, before, 'the change changes the findings (else this case proves nothing)');
    assert.deepEqual(lint(cwd, true), fresh, 'the cached run gives what a fresh run gives');
    assert.deepEqual(lint(cwd, true), fresh, 'and so does the run after, from the cache it rewrote');
  }
  const write = (cwd: string, name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    fs.writeFileSync(path.join(cwd, name), text);
  };

  it("pages: a new page, in a folder above, loads the script and another that declares the global it reads", () => {
    assertFreshAfter({ 'js/classifier.js': CLASSIFIER, 'js/sketch.js': SKETCH }, (cwd) => write(cwd, 'index.html', page('js/sketch.js', 'js/classifier.js')));
  });

  it('pages: a page that did not load the script now does', () => {
    assertFreshAfter({ 'classifier.js': CLASSIFIER, 'sketch.js': SKETCH, 'index.html': page('sketch.js') }, (cwd) =>
      write(cwd, 'index.html', page('sketch.js', 'classifier.js')),
    );
  });

  it('pages: a script the page loads but that did not exist appears', () => {
    assertFreshAfter({ 'classifier.js': CLASSIFIER, 'index.html': page('sketch.js', 'classifier.js') }, (cwd) => write(cwd, 'sketch.js', SKETCH));
  });

  it('pages: a page that loaded a script by an absolute path (pages unknown) loads it by a relative one', () => {
    assertFreshAfter({ 'classifier.js': CLASSIFIER, 'sketch.js': SKETCH, 'lib/util.js': 'function util() {}\n', 'index.html': page('/lib/util.js', 'sketch.js', 'classifier.js') }, (cwd) =>
      write(cwd, 'index.html', page('lib/util.js', 'sketch.js', 'classifier.js')),
    );
  });

  it("pages: a script the page loads besides changes, or is added (the page's scripts then disagree)", () => {
    const files = { 'classifier.js': CLASSIFIER, 'sketch.js': SKETCH, 'index.html': page('sketch.js', 'classifier.js') };
    assertFreshAfter(files, (cwd) => write(cwd, 'sketch.js', SKETCH.replace('4', '3')));
    assertFreshAfter(files, (cwd) => {
      write(cwd, 'other.js', 'const FEATURES = 6;\n');
      write(cwd, 'index.html', page('sketch.js', 'other.js', 'classifier.js'));
    });
  });

  it('pages: a class only its own file builds is built with other sizes by a new page', () => {
    assertFreshAfter({ 'package.json': '{"private": true}', 'neuralnetwork.js': NETWORK }, (cwd) => {
      write(cwd, 'index.html', page('neuralnetwork.js', 'big.js'));
      write(cwd, 'big.js', 'const big = new NeuralNetwork(3);\n');
    });
  });

  it('project: a page beside the file, or package.json, pins an old tfjs (removed-api then stays quiet)', () => {
    const files = { 'load.js': "import * as tf from '@tensorflow/tfjs';\nexport async function load() {\n  return tf.loadModel('model.json');\n}\n" };
    assertFreshAfter(files, (cwd) => write(cwd, 'index.html', '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.13.0"></script>\n'));
    assertFreshAfter(files, (cwd) => write(cwd, 'package.json', JSON.stringify({ dependencies: { '@tensorflow/tfjs': '^0.15.0' } })));
  });

  it('importers: a package.json appears, so the importers of a module can be searched', () => {
    assertFreshAfter({ 'model.js': MODEL, 'train.js': TRAIN }, (cwd) => write(cwd, 'package.json', '{"private": true}'));
  });

  it('importers: package.json stops naming the module as its entry point', () => {
    assertFreshAfter({ 'package.json': '{"main": "model.js"}', 'model.js': MODEL, 'train.js': TRAIN }, (cwd) => write(cwd, 'package.json', '{"main": "train.js"}'));
  });

  it('importers: the path alias that may have named the module goes away', () => {
    assertFreshAfter({ 'package.json': '{"private": true}', 'model.js': MODEL, 'train.js': TRAIN, 'app.js': "import model from '@/model';\n" }, (cwd) =>
      write(cwd, 'app.js', "import model from '@/other';\n"),
    );
  });

  it("importers: a package.json nearer the module makes another package (one without the module's importers)", () => {
    assertFreshAfter({ 'package.json': '{"private": true}', 'lib/model.js': MODEL, 'train.js': TRAIN.replace('./model', './lib/model') }, (cwd) => write(cwd, 'lib/package.json', '{"private": true}'));
  });

  it('--fix: a module fixed after a file before it read its old text; a file after it reads that text too, and is linted again next run', () => {
    const model = "import * as tf from '@tensorflow/tfjs';\nexport function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [32, 4] }));\n  model.predict(tf.zeros([32, 4]));\n  return model;\n}\n";
    const train = "import * as tf from '@tensorflow/tfjs';\nimport { build } from './model.js';\nconst model = build();\nmodel.predict(tf.zeros([2, 4]));\n";
    // In one run, 0.js reads model.js before --fix rewrites it (the drop-batch-dim fix); train.js,
    // linted after, reads the text the run already holds: its result must not be kept against the fixed text.
    assertFreshAfter({ '0.js': train, 'model.js': model, 'train.js': train }, (cwd) => {
      fs.rmSync(path.join(cwd, '.tfjslintcache')); // the --fix run fills it: every file is read in it
      const fixed = runCli(['--cache', '--fix', '.'], { cwd });
      assert.match(fs.readFileSync(path.join(cwd, 'model.js'), 'utf8'), /inputShape: \[4\]/, fixed.stderr);
    });
  });

  it('imports: a module the file imports but that did not exist appears, or a file the specifier names first (config.ts before config.js)', () => {
    const train = "import * as tf from '@tensorflow/tfjs';\nimport { INPUT_SIZE } from './config';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [INPUT_SIZE] }));\nmodel.predict(tf.zeros([2, 5]));\n";
    assertFreshAfter({ 'train.ts': train }, (cwd) => write(cwd, 'config.js', 'export const INPUT_SIZE = 4;\n'));
    assertFreshAfter({ 'train.ts': train, 'config.js': 'export const INPUT_SIZE = 4;\n' }, (cwd) => write(cwd, 'config.ts', 'export const INPUT_SIZE = 5;\n'));
  });

  it('model.json: the saved model a loadLayersModel URL names appears, or a second copy makes it ambiguous', () => {
    const saved = JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 1, batch_input_shape: [null, 4] } }] } }, format: 'layers-model' });
    const predict = "import * as tf from '@tensorflow/tfjs';\nasync function run() {\n  const model = await tf.loadLayersModel('/model/model.json');\n  model.predict(tf.zeros([2, 5]));\n}\nrun();\n";
    assertFreshAfter({ 'package.json': '{"private": true}', 'src/predict.js': predict }, (cwd) => write(cwd, 'public/model/model.json', saved));
    assertFreshAfter({ 'package.json': '{"private": true}', 'src/predict.js': predict, 'public/model/model.json': saved }, (cwd) => write(cwd, 'static/model/model.json', saved));
  });

  it("importers: a file outside the package that an importer reads the arguments from changes", () => {
    const files = {
      'app/package.json': '{"private": true}',
      'app/model.js': MODEL,
      'app/train.js': "const createModel = require('./model');\nconst config = require('../shared/config');\ncreateModel(config.SHAPE);\n",
      'shared/config.js': 'module.exports = { SHAPE: [6] };\n',
    };
    assertFreshAfter(files, (cwd) => write(cwd, 'shared/config.js', 'module.exports = { SHAPE: [5] };\n'));
  });
});
