// Models (and layers, tensors) kept outside a local const: class fields, class methods and
// getters that return them, outer `let`s assigned once. The engine follows them where the
// order is plain and says UNKNOWN (never a wrong model) otherwise.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { LayerValue, ModelValue, UNKNOWN, type Value } from '../../server/src/engine/values';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function analyse(code: string): FileAnalysis {
  const file = FileAnalysis.parse('a.ts', NS + code);
  void file.graph;
  return file;
}

/** The value of the last `const <name> = ...`, after the graph walk. */
function valueOf(file: FileAnalysis, name: string): Value {
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

function layerTypes(m: ModelValue): string[] {
  return m.layers.map((e) => (e.layer instanceof LayerValue ? e.layer.layerType : '?'));
}

describe('engine: models held outside a local const', () => {
  it('this.model created and filled in the constructor, used in other methods', () => {
    const file = analyse(`class Agent {
  model: tf.Sequential;
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 8, inputShape: [4]}));
    this.model.add(tf.layers.dense({units: 2}));
  }
  train(x: tf.Tensor, y: tf.Tensor) { const m = this.model; return m.fit(x, y); }
}`);
    const m = valueOf(file, 'm');
    assert.ok(m instanceof ModelValue);
    assert.deepEqual(layerTypes(m), ['dense', 'dense']);
    assert.equal(m.exact, true);
    assert.deepEqual(m.calls.map((c) => c.method), ['add', 'add', 'fit']);
  });

  it('layers added in another method: known but not in a certain order', () => {
    const file = analyse(`class Agent {
  constructor() { this.model = tf.sequential(); this.build(); }
  build() { this.model.add(tf.layers.dense({units: 8, inputShape: [4]})); }
}`);
    const [m] = file.graph.models;
    assert.deepEqual(layerTypes(m), ['dense']);
    assert.equal(m.exact, false);
  });

  it('a method or getter that returns the model, and a field set from it', () => {
    const file = analyse(`class Net {
  model = this.createModel();
  get net() { return this.model; }
  createModel() {
    const m = tf.sequential();
    m.add(tf.layers.dense({units: 3, inputShape: [2]}));
    return m;
  }
  fitIt() { const a = this.net; const b = this.createModel(); }
}`);
    const a = valueOf(file, 'a');
    assert.ok(a instanceof ModelValue);
    assert.equal(valueOf(file, 'b'), a);
    assert.equal(a.exact, true);
  });

  it('an outer let assigned a model once (besides null) holds that model', () => {
    const file = analyse(`let model = null;
function create() {
  model = tf.sequential();
  model.add(tf.layers.dense({units: 1, inputShape: [1]}));
}
async function train() { const m = model; await m.fit(tf.zeros([2, 1]), tf.zeros([2, 1])); }`);
    const m = valueOf(file, 'm');
    assert.ok(m instanceof ModelValue);
    assert.equal(m.exact, true);
    assert.deepEqual(m.callsOf('fit').length, 1);
  });

  it('UNKNOWN where the holder is given different things or is written where we do not look', () => {
    const cases: [string, string][] = [
      ['let model = tf.sequential();\nif (window.big) model = tf.sequential();\nconst r = model;', 'two models in one let'],
      ['let model = tf.sequential();\nfunction reset() { model = tf.sequential(); }\nfunction get() { const r = model; }', 'two models in one let, written and read in other functions'],
      ['let lr = 0.1;\nif (window.big) lr = 0.01;\nconst r = lr;', 'a number reassigned under a branch'],
      ['class A {\n  model = tf.sequential();\n  swap() { this.model = tf.sequential(); }\n  get() { const r = this.model; }\n}', 'two models in one field'],
      ['class A {\n  model = tf.sequential();\n  get() { const r = this.model; }\n}\nconst a = new A();\na.model = other;', 'written from outside the class'],
      ['class A {\n  model = tf.sequential();\n  get() { return function () { const r = this.model; }; }\n}', '`this` of a nested function'],
      ['class A {\n  static model = tf.sequential();\n  get() { const r = this.model; }\n}', 'a static field'],
    ];
    for (const [code, what] of cases) assert.equal(valueOf(analyse(code), 'r'), UNKNOWN, what);
  });

  it('a size kept in a field the constructor sets first sizes the model a method builds', () => {
    // The public pattern (an RL agent): sizes as fields, the model built by a method the constructor calls.
    const file = analyse(`export default class Agent {
  inputSize = 3;
  constructor(config) {
    this.actions = 2;
    this.rate = config.learningRate;
    this.memory = [];
    this.initModel();
  }
  initModel() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 8, inputShape: [this.inputSize], activation: 'relu'}));
    this.model.add(tf.layers.dense({units: this.actions}));
  }
  act(state) { const r = this.actions; return this.model.predict(tf.tensor2d(state, [1, this.inputSize])); }
}`);
    assert.equal(valueOf(file, 'r'), 2);
    const [m] = file.graph.models;
    assert.deepEqual(file.shapes.modelInputShapes(m), [[null, 3]]);
    assert.deepEqual(file.shapes.modelOutputShapes(m), [[null, 2]]);
  });

  it('UNKNOWN where a field may be read before it is set, or is set to different values', () => {
    const cases: [string, string][] = [
      ['class A {\n  constructor() { this.init(); this.n = 3; }\n  init() { const r = this.n; }\n}', 'a method the constructor calls before the write'],
      ['class A {\n  constructor(c) { this.m = make(c); this.n = 3; }\n  init() { const r = this.n; }\n}', 'a call runs before the write'],
      ['class A {\n  constructor() { const r = this.n; this.n = 3; }\n}', 'read in the constructor'],
      ['class A {\n  constructor(big) { if (big) this.n = 3; }\n  init() { const r = this.n; }\n}', 'written under a branch'],
      ['class A {\n  constructor() { this.n = 3; }\n  grow() { this.n = 4; }\n  init() { const r = this.n; }\n}', 'written again in a method'],
      ['class A {\n  constructor() { this.n = 3; }\n  init() { const r = this.n; }\n}\nconst a = new A();\na.n = 5;', 'written from outside the class'],
      ['class A {\n  constructor() { this.n = 3; }\n  init() { const r = this.n; }\n}\nclass B extends A {\n  constructor() { super(); this.n = 5; }\n}', 'a subclass writes it'],
      ['class A extends Base {\n  constructor() { super(); this.n = 3; }\n  init() { const r = this.n; }\n}', 'a base constructor may run first'],
      ['class A {\n  constructor() { this.n = 3; }\n  init() { this.n++; const r = this.n; }\n}', 'a compound write'],
    ];
    for (const [code, what] of cases) assert.equal(valueOf(analyse(code), 'r'), UNKNOWN, what);
  });

  it('new C(): a field the constructor sets to a constant, or a getter returning one, read from outside the class', () => {
    const dataset = `class PhishingDataset {
  constructor() {
    this.dataset = null;
    this.trainSize = 0;
    this.NUM_FEATURES = 30;
  }
  get numFeatures() { return this.NUM_FEATURES; }
  get trainShape() { return [this.trainSize, this.NUM_FEATURES]; }
  async loadData() { this.dataset = await fetch('data.csv'); this.trainSize = 100; }
}
`;
    const file = analyse(dataset + 'const data = new PhishingDataset();\nconst a = data.numFeatures;\nconst b = data.NUM_FEATURES;\nconst c = data.trainSize;\nconst d = data.dataset;');
    assert.equal(valueOf(file, 'a'), 30);
    assert.equal(valueOf(file, 'b'), 30);
    assert.equal(valueOf(file, 'c'), UNKNOWN, 'written again by loadData');
    assert.equal(valueOf(file, 'd'), UNKNOWN, 'null, then a fetched value');
    const cases: [string, string][] = [
      [dataset + 'const data = new PhishingDataset();\ndata.NUM_FEATURES = 8;\nconst r = data.numFeatures;', 'written through the instance here'],
      [dataset + 'const data = new PhishingDataset();\nconfigure(data);\nconst r = data.NUM_FEATURES;', 'handed to code we do not follow'],
      [dataset.replace('this.NUM_FEATURES = 30;', 'if (wide) this.NUM_FEATURES = 30;') + 'const r = new PhishingDataset().NUM_FEATURES;', 'set under a branch'],
      [dataset.replace('class PhishingDataset {', 'class PhishingDataset extends Base {') + 'const r = new PhishingDataset().NUM_FEATURES;', 'a base class'],
      [dataset + 'const r = new PhishingDataset().loadData;', 'a method is not a value we follow'],
    ];
    for (const [code, what] of cases) assert.equal(valueOf(analyse(code), 'r'), UNKNOWN, what);
  });

  it('a model stored where we cannot follow it escapes', () => {
    const cases: [string, string][] = [
      ['const store: any = {};\nstore.model = tf.sequential();', 'an object property'],
      ['class A { constructor() { this.model = tf.sequential(); register(this.model); } }', 'this.model handed to a function'],
      ['declare function keep(m: unknown): void;\nkeep(tf.sequential());', 'an argument'],
      ['let model;\nfunction f() { model = tf.sequential(); }\nfunction g() { helpers.push(model); }', 'an outer let pushed into an array'],
    ];
    for (const [code, what] of cases) {
      const [m] = analyse(code).graph.models;
      assert.equal(m.escapes, true, what);
      assert.equal(m.exact, false, what);
    }
  });
});
