// Values from other files of the workspace (engine/modules.ts): relative ES imports and
// CommonJS requires of local modules, each parsed once and evaluated in its own analysis;
// models built in another file known by their input and output shapes; cycles, missing
// files and deep chains stay unknown; every file read is a dependency of the lint.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { Modules } from '../../server/src/engine/modules';
import { ts } from '../../server/src/engine/ts';
import { ModelValue, ModuleValue, ObjectValue, TensorValue, UNKNOWN, type Value } from '../../server/src/engine/values';
import { MemoryModuleHost } from '../harness/memory-modules';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function workspace(files: Record<string, string>): { modules: Modules; host: MemoryModuleHost } {
  const host = new MemoryModuleHost(files);
  return { modules: new Modules(host), host };
}

function analyse(fileName: string, files: Record<string, string>, modules = workspace(files).modules): FileAnalysis {
  const file = FileAnalysis.parse(fileName, files[fileName], modules.linkFor(fileName));
  void file.graph;
  return file;
}

function valueOf(file: FileAnalysis, name: string): Value {
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

const CONFIG = 'export const INPUT_SIZE = 4;\nexport const NUM_CLASSES = 3;\nexport const TRAIN = { epochs: 20, batchSize: 32 };\n';
const MODEL_ESM = NS + "import { INPUT_SIZE, NUM_CLASSES } from './config';\n\nexport default function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [INPUT_SIZE] }));\n  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }));\n  return model;\n}\n";

describe('engine: values from other files of the workspace', () => {
  it('named ES imports of constants (numbers, an object literal)', () => {
    const files = { 'train.ts': "import { INPUT_SIZE, TRAIN as T } from './config';\nconst n = INPUT_SIZE * 2;\nconst e = T.epochs;", 'config.js': CONFIG };
    const file = analyse('train.ts', files);
    assert.equal(valueOf(file, 'n'), 8);
    assert.equal(valueOf(file, 'e'), 20);
  });

  it('a namespace import and a default import of a model builder: the model is known by its shapes', () => {
    const files = { 'train.ts': NS + "import buildModel from './model';\nimport * as cfg from './config';\nconst model = buildModel();\nconst k = cfg.NUM_CLASSES;", 'model.ts': MODEL_ESM, 'config.js': CONFIG };
    const file = analyse('train.ts', files);
    assert.equal(valueOf(file, 'k'), 3);
    const model = valueOf(file, 'model');
    assert.ok(model instanceof ModelValue);
    assert.equal(model.modelType, 'loaded');
    assert.deepEqual(model.signature?.inputShapes, [[null, 4]]);
    assert.deepEqual(model.signature?.outputShapes, [[null, 3]]);
    assert.ok(file.graph.models.includes(model), 'the model is one of this file\'s models (its calls are recorded here)');
    assert.equal(file.rangeOf(model.call).start, files['train.ts'].indexOf('buildModel()'), 'the model is made at the call in this file');
  });

  it('CommonJS: module.exports = {...}, exports.x = ..., require with destructuring and member access', () => {
    const files = {
      'train.js': "const tf = require('@tensorflow/tfjs');\nconst { createModel, EPOCHS } = require('./model');\nconst data = require('./data');\nconst model = createModel();\nconst w = data.WINDOW;\nconst e = EPOCHS;",
      'model.js': "const tf = require('@tensorflow/tfjs');\nconst EPOCHS = 50;\nfunction createModel() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 1, inputShape: [7] }));\n  return m;\n}\nmodule.exports = { createModel, EPOCHS };\n",
      'data.js': 'exports.WINDOW = 7;\nexports.loadData = async function () { return fetch("x"); };\n',
    };
    const file = analyse('train.js', files);
    assert.equal(valueOf(file, 'e'), 50);
    assert.equal(valueOf(file, 'w'), 7);
    const model = valueOf(file, 'model');
    assert.ok(model instanceof ModelValue);
    assert.deepEqual(model.signature?.inputShapes, [[null, 7]]);
  });

  it('CommonJS: module.exports = function, called through require', () => {
    const files = {
      'train.js': "const createModel = require('./model');\nconst model = createModel();\nconst m2 = require('./model')();",
      'model.js': "const tf = require('@tensorflow/tfjs');\nmodule.exports = function createModel() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({ units: 2, inputShape: [3] }));\n  return m;\n};\n",
    };
    const file = analyse('train.js', files);
    for (const name of ['model', 'm2']) {
      const model = valueOf(file, name);
      assert.ok(model instanceof ModelValue, name);
      assert.deepEqual(model.signature?.outputShapes, [[null, 2]]);
    }
  });

  it('a module whose exports nobody reads is not parsed (a namespace import, a discarded call)', () => {
    const files = { 'train.ts': "import * as ui from './ui';\nimport { log } from './log';\nconst { status } = require('./status');\nui.setStatus('training');\nawait log('x');\nstatus('y');\nconst u = ui;", 'ui.ts': 'export function setStatus(s) { document.title = s; }', 'log.ts': 'export async function log(s) {}', 'status.js': 'exports.status = (s) => s;' };
    const { modules } = workspace(files);
    const file = analyse('train.ts', files, modules);
    assert.ok(valueOf(file, 'u') instanceof ModuleValue);
    const parsed = [...['ui.ts', 'log.ts', 'status.js']].filter((f) => (modules as unknown as { records: Map<string, { parsed?: unknown }> }).records.get(f)?.parsed);
    assert.deepEqual(parsed, []);
  });

  it('re-exports (export { x } from, export *), and a folder index', () => {
    const files = {
      'app.ts': "import { buildModel, INPUT_SIZE } from './models';\nconst m = buildModel();\nconst n = INPUT_SIZE;",
      'models/index.ts': "export { default as buildModel } from '../model';\nexport * from '../config';\n",
      'model.ts': MODEL_ESM,
      'config.js': CONFIG,
    };
    const file = analyse('app.ts', files);
    assert.equal(valueOf(file, 'n'), 4);
    const m = valueOf(file, 'm');
    assert.ok(m instanceof ModelValue);
    assert.deepEqual(m.signature?.outputShapes, [[null, 3]]);
  });

  it('stays unknown: a missing file, an export that is not there, a parameter-sized model, a let that changes', () => {
    const files = {
      'train.ts': "import { A } from './nowhere';\nimport { B, makeModel, size } from './lib';\nconst a = A;\nconst b = B;\nconst m = makeModel();\nconst s = size;",
      'lib.ts': NS + "export let size = 3;\nsize = Number(process.env.SIZE);\nexport function makeModel(n?: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [n] }));\n  return model;\n}\n",
    };
    const file = analyse('train.ts', files);
    assert.equal(valueOf(file, 'a'), UNKNOWN);
    assert.equal(valueOf(file, 'b'), UNKNOWN, 'a missing export is unknown, not undefined');
    assert.equal(valueOf(file, 's'), UNKNOWN);
    const m = valueOf(file, 'm');
    assert.ok(m instanceof ModelValue);
    assert.equal(m.signature?.inputShapes, undefined);
  });

  it('an imported object or array this file changes is not the other file\'s initializer (named, default and namespace imports)', () => {
    const settings = "export const GAME = { maxCard: 13, cardsPerHand: 3 };\nexport const FEATURES = ['rooms', 'age'];\nexport const SIZE = 4;\nexport default { units: 8 };\n";
    const files = {
      // A UI file, written the way public code is: handlers change the shared settings.
      'ui.js':
        "import cfg, { GAME, FEATURES } from './settings';\nimport * as settings from './settings';\n" +
        "export function onCards(v) { GAME.cardsPerHand = v; }\nexport function onFeature(f) { FEATURES.push(f); }\n" +
        "export function onUnits(u) { cfg.units = u; }\nexport function onMax(m) { settings.GAME.maxCard = m; }\n" +
        "const cards = GAME.cardsPerHand;\nconst max = GAME.maxCard;\nconst nFeatures = FEATURES.length;\nconst units = cfg.units;\nconst viaNs = settings.GAME.maxCard;\nconst size = settings.SIZE;",
      'settings.js': settings,
    };
    const file = analyse('ui.js', files);
    assert.equal(valueOf(file, 'cards'), UNKNOWN, 'a key this file writes');
    assert.equal(valueOf(file, 'max'), UNKNOWN, 'written through the namespace: the same object');
    assert.notEqual(valueOf(file, 'nFeatures'), 2, 'an array this file pushes to');
    assert.equal(valueOf(file, 'units'), UNKNOWN, 'a default-imported object');
    assert.equal(valueOf(file, 'viaNs'), UNKNOWN);
    assert.equal(valueOf(file, 'size'), 4, 'an export this file leaves alone stays known through the namespace');
    // Reads only (a method that changes nothing, handing a number on): still the other file's values.
    const reader = { 'train.js': "import { GAME, FEATURES } from './settings';\nconsole.log(FEATURES.join(','));\nconst max = GAME.maxCard;\nconst n = FEATURES.length;", 'settings.js': settings };
    const read = analyse('train.js', reader);
    assert.equal(valueOf(read, 'max'), 13);
    assert.equal(valueOf(read, 'n'), 2);
  });

  it('through a namespace import, a change inside an exported object leaves its other keys known; a change of the key read does not', () => {
    // tfjs-examples' data-generator: the UI sets `game.GAME_STATE.num_cards_per_hand`, the model reads `max_card_value`.
    const game = 'export const GAME_STATE = { runs: 0, max_card_value: 13, num_cards_per_hand: 3, limits: { low: 1 } };\nexport function play() { GAME_STATE.runs++; }\n';
    const reads = 'const max = game.GAME_STATE.max_card_value;\nconst hand = game.GAME_STATE.num_cards_per_hand;\nconst low = game.GAME_STATE.limits.low;';
    const values = (changes: string) => {
      const file = analyse('index.js', { 'index.js': `import * as game from './game';\n${changes}\n${reads}`, 'game.js': game });
      return { max: valueOf(file, 'max'), hand: valueOf(file, 'hand'), low: valueOf(file, 'low') };
    };
    assert.deepEqual(values('export function onHand(n) { game.GAME_STATE.num_cards_per_hand = n; }'), { max: 13, hand: UNKNOWN, low: 1 }, 'another key written');
    assert.deepEqual(values('export function onLow(n) { game.GAME_STATE.limits.low = n; }'), { max: 13, hand: 3, low: UNKNOWN }, 'inside another key');
    assert.deepEqual(values('console.log(game.GAME_STATE.max_card_value);'), { max: 13, hand: 3, low: 1 }, 'reads only');
    // What the read key may have become: unknown.
    assert.equal(values('export function onMax(n) { game.GAME_STATE.max_card_value = n; }').max, UNKNOWN, 'the key read is written');
    assert.equal(values('export function onMax(n) { game.GAME_STATE.max_card_value++; }').max, UNKNOWN);
    assert.equal(values('export function onMax(n) { game.GAME_STATE[n] = 1; }').max, UNKNOWN, 'a key we cannot name');
    assert.equal(values('export function set(o) { Object.assign(game.GAME_STATE, o); }').max, UNKNOWN, 'handed to code that changes it');
    assert.equal(values('export function set(f) { f(game.GAME_STATE); }').max, UNKNOWN, 'handed to code we do not see');
    assert.equal(values('export function set(n) { const s = game.GAME_STATE; s.max_card_value = n; }').max, UNKNOWN, 'written through an alias');
    assert.equal(values('export function set(n) { const { limits } = game.GAME_STATE; limits.low = n; }').low, UNKNOWN, 'inside, through a destructured alias');
    assert.equal(values("import { GAME_STATE } from './game';\nexport function set(n) { GAME_STATE.num_cards_per_hand = n; }").max, UNKNOWN, 'changed through another import of the module: unknown, as before');
  });

  it('no syntax of the other file reaches this one: an imported object literal has no property nodes', () => {
    const files = { 'train.ts': "import { TRAIN } from './config';\nconst t = TRAIN;", 'config.js': CONFIG };
    const t = valueOf(analyse('train.ts', files), 't');
    assert.ok(t instanceof ObjectValue);
    assert.equal(t.node, undefined);
    assert.equal(t.propNodes.size, 0);
    assert.equal(t.get('batchSize'), 32);
  });

  it('an import cycle ends as unknown; a chain deeper than the budget ends as unknown', () => {
    const cycle = { 'a.ts': "import { y } from './b';\nexport const x = y + 1;\nconst v = x;", 'b.ts': "import { x } from './a';\nexport const y = x + 1;" };
    assert.equal(valueOf(analyse('a.ts', cycle), 'v'), UNKNOWN);
    const chain: Record<string, string> = { 'm0.ts': "import { v } from './m1';\nconst r = v;" };
    for (let i = 1; i < 12; i++) chain[`m${i}.ts`] = `export { v } from './m${i + 1}';`;
    chain['m12.ts'] = 'export const v = 42;';
    assert.equal(valueOf(analyse('m0.ts', chain), 'r'), UNKNOWN);
    const short = { 'm0.ts': "import { v } from './m1';\nconst r = v;", 'm1.ts': "export { v } from './m2';", 'm2.ts': 'export const v = 42;' };
    assert.equal(valueOf(analyse('m0.ts', short), 'r'), 42);
  });

  it('each module is parsed once per run; the files read are the dependencies, through chains', () => {
    const files = { 'train.ts': NS + "import buildModel from './model';\nconst model = buildModel();", 'eval.ts': NS + "import buildModel from './model';\nconst model = buildModel();", 'model.ts': MODEL_ESM, 'config.js': CONFIG, 'unused.js': 'export const z = 1;' };
    const { modules } = workspace(files);
    const train = analyse('train.ts', files, modules);
    void valueOf(train, 'model');
    const evalFile = analyse('eval.ts', files, modules);
    void valueOf(evalFile, 'model');
    assert.equal(modules.size, 2, 'model.ts and config.js, once each');
    assert.deepEqual(train.modules?.allDependencies(), ['config.js', 'model.ts']);
  });

  it('forget: a changed module and the modules that read it are parsed again', () => {
    const files: Record<string, string> = { 'train.ts': NS + "import buildModel from './model';\nconst model = buildModel();", 'model.ts': MODEL_ESM, 'config.js': CONFIG };
    const { modules } = workspace(files);
    const first = valueOf(analyse('train.ts', files, modules), 'model') as ModelValue;
    assert.deepEqual(first.signature?.inputShapes, [[null, 4]]);
    files['config.js'] = CONFIG.replace('INPUT_SIZE = 4', 'INPUT_SIZE = 9');
    modules.forget('config.js');
    assert.equal(modules.size, 0, 'config.js and model.ts (which read it) are dropped');
    const second = valueOf(analyse('train.ts', files, modules), 'model') as ModelValue;
    assert.deepEqual(second.signature?.inputShapes, [[null, 9]]);
  });

  it('analysisFor: a linted file is parsed once with its module record, and forgotten when a file it read changes', () => {
    const files: Record<string, string> = { 'train.ts': NS + "import { INPUT_SIZE } from './config';\nconst n = INPUT_SIZE;", 'config.js': CONFIG, 'b.ts': "import { n } from './train';" };
    const { modules } = workspace(files);
    const first = modules.analysisFor('train.ts', files['train.ts']);
    assert.equal(valueOf(first, 'n'), 4);
    assert.equal(modules.analysisFor('train.ts', files['train.ts']), first, 'same text: the same analysis');
    files['config.js'] = CONFIG.replace('INPUT_SIZE = 4', 'INPUT_SIZE = 6');
    modules.forget('config.js');
    const second = modules.analysisFor('train.ts', files['train.ts']);
    assert.notEqual(second, first, 'train.ts read config.js: it is analysed again');
    assert.equal(valueOf(second, 'n'), 6);
  });

  it('without a module host, a relative import is unknown and nothing is read', () => {
    const file = FileAnalysis.parse('train.ts', "import { INPUT_SIZE } from './config';\nconst n = INPUT_SIZE;");
    assert.equal(valueOf(file, 'n'), UNKNOWN);
    const ns = FileAnalysis.parse('t.ts', "import * as c from './config';\nconst n = c;", workspace({ 'config.js': CONFIG }).modules.linkFor('t.ts'));
    assert.ok(valueOf(ns, 'n') instanceof ModuleValue);
  });
  describe('tensors a function of another module returns (ported as shape and dtype)', () => {
    const DATA_ESM = NS + `const ROWS = [[5.1, 3.5, 1.4, 0.2, 0], [7.0, 3.2, 4.7, 1.4, 1]];
export function getData() {
  return tf.tidy(() => {
    const xs = tf.tensor2d(ROWS.map((r) => r.slice(0, 4)), [ROWS.length, 4]);
    const ys = tf.oneHot(tf.tensor1d([0, 1], 'int32'), 3);
    return [xs, ys];
  });
}
export function getRows(n) {
  return tf.tensor2d(fetchRows(n), [n, 6]);
}
export function getUnknown() {
  return tf.tensor(fetchRows());
}
export const XS = tf.zeros([2, 4]);
`;
    const TRAIN = NS + `import * as data from './data';
const [xTrain, yTrain] = data.getData();
const xt = xTrain;
const yt = yTrain;
const rows = data.getRows(10 * Math.random());
const odd = data.getUnknown();
function train(x, y) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [x.shape[1]] }));
  model.add(tf.layers.dense({ units: y.shape[1], activation: 'softmax' }));
  return model;
}
train(xTrain, yTrain);
const w = rows.shape[1];
const n = rows.shape[0];
const o = odd.shape;
const c = data.XS;
`;
    const files = { 'index.js': TRAIN, 'data.js': DATA_ESM };

    it('known shapes and dtypes arrive; the model they size is fully known', () => {
      const file = analyse('index.js', files);
      const x = valueOf(file, 'xt');
      assert.ok(x instanceof TensorValue);
      assert.equal(x.op, 'ported');
      assert.deepEqual(x.shape, [2, 4]);
      assert.equal(x.dtype, undefined, 'rows from a map: the dtype is not known there, nor here');
      assert.equal(file.rangeOf(x.node).start, TRAIN.indexOf('data.getData()'), 'made at the call in this file');
      const y = valueOf(file, 'yt');
      assert.ok(y instanceof TensorValue);
      assert.deepEqual([y.shape, y.dtype], [[2, 3], 'int32']);
      const model = file.graph.models.find((m): m is ModelValue => m instanceof ModelValue && m.modelType === 'sequential');
      assert.ok(model);
      const s = file.shapes.summary(model, file.shapes.namer())!;
      assert.deepEqual(s.rows.map((r) => [r.outputShape, r.params]), [[[null, 10], 50], [[null, 3], 33]]);
    });

    it('unknown dims stay unknown (null in the shape, UNKNOWN when read); an unknown shape ports nothing', () => {
      const file = analyse('index.js', files);
      const rows = valueOf(file, 'rows');
      assert.ok(rows instanceof TensorValue);
      assert.deepEqual(rows.shape, [null, 6]);
      assert.equal(valueOf(file, 'w'), 6);
      assert.equal(valueOf(file, 'n'), UNKNOWN);
      assert.equal(valueOf(file, 'odd'), UNKNOWN);
      assert.equal(valueOf(file, 'o'), UNKNOWN);
    });

    it('an exported tensor constant is not ported (no call here to make it at)', () => {
      const file = analyse('index.js', files);
      assert.equal(valueOf(file, 'c'), UNKNOWN);
    });

  });
});
