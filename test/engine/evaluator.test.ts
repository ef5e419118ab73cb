// Constant evaluation and tfjs bindings: what the engine knows, and what it must leave UNKNOWN.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { LayerValue, ModelValue, ObjectValue, OptimizerValue, TfRef, UNKNOWN, type Value } from '../../server/src/engine/values';

/** The value of the initializer of `const <name> = ...` (the last one of that name). */
function valueOf(code: string, name: string, fileName = 'a.ts'): Value {
  const file = FileAnalysis.parse(fileName, code);
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  void file.graph; // models get their layers and calls from the graph walk
  return file.evaluate(decl.initializer);
}

const NS = "import * as tf from '@tensorflow/tfjs';\n";

describe('engine: constant evaluation', () => {
  it('follows consts, arithmetic, templates, spreads and destructuring', () => {
    assert.equal(valueOf('const a = 2; const b = a * 3 + 1;', 'b'), 7);
    assert.equal(valueOf('const a = 1e-3; const b = a / 10 ** 2;', 'b'), 1e-5);
    assert.equal(valueOf('const n = 3; const s = `dense${n}`;', 's'), 'dense3');
    const obj = valueOf("const base = {units: 4, activation: 'relu'}; const cfg = {...base, units: 8};", 'cfg');
    assert.ok(obj instanceof ObjectValue);
    assert.deepEqual([obj.get('units'), obj.get('activation')], [8, 'relu']);
    assert.equal(valueOf('const {lr = 0.01} = {}; const x = lr;', 'x'), 0.01);
    assert.equal(valueOf('const [a, b] = [1, 2]; const x = b;', 'x'), 2);
    assert.equal(valueOf('const x = Math.pow(10, -3);', 'x'), 0.001);
    assert.equal(valueOf('const x = true ? 1 : 2;', 'x'), 1);
  });

  it('stays UNKNOWN where a value cannot be known', () => {
    assert.equal(valueOf('declare const c: boolean; let a = 1; if (c) a = 2; const x = a;', 'x'), UNKNOWN, 'reassigned let, under a branch');
    assert.equal(valueOf('let a = 1; a = 2; const x = a;', 'x'), 2, 'reassigned let in straight-line code: the last write (reaching-write.ts)');
    assert.equal(valueOf('function f(lr) { const x = lr; return x; }', 'x'), UNKNOWN, 'parameter');
    assert.equal(valueOf('const x = Math.random();', 'x'), UNKNOWN);
    assert.equal(valueOf("import { LR } from './config';\nconst x = LR;", 'x'), UNKNOWN, 'another module');
    assert.equal(valueOf('const a = b; const b = a; const x = a;', 'x'), UNKNOWN, 'a cycle');
    const open = valueOf('declare const extra: object; const cfg = {units: 4, ...extra};', 'cfg');
    assert.ok(open instanceof ObjectValue);
    assert.equal(open.get('activation'), UNKNOWN, 'an unknown spread may set any key');
    assert.equal(valueOf('declare const extra: object; const cfg = {units: 4, ...extra}; const u = cfg.units;', 'u'), UNKNOWN, 'a spread after a key may override it');
  });

  it('recognises every way of naming tfjs', () => {
    const path = (code: string, name: string, fileName?: string) => {
      const v = valueOf(code, name, fileName);
      return v instanceof TfRef ? v.path : v instanceof LayerValue ? `layer:${v.layerType}` : v instanceof OptimizerValue ? `optimizer:${v.name}` : String(v);
    };
    assert.equal(path(NS + 'const d = tf.layers.dense({units: 1});', 'd'), 'layer:dense');
    assert.equal(path("import tf from '@tensorflow/tfjs-node';\nconst d = tf.layers.dense({units: 1});", 'd'), 'layer:dense');
    assert.equal(path("import { layers as L, train } from '@tensorflow/tfjs';\nconst d = L.dense({units: 1}); const o = train.adam(0.1);", 'o'), 'optimizer:adam');
    assert.equal(path("const tf = require('@tensorflow/tfjs-node-gpu');\nconst { layers } = tf;\nconst d = layers.conv2d({filters: 1, kernelSize: 1});", 'd', 'a.js'), 'layer:conv2d');
    assert.equal(path("const { sequential } = require('@tensorflow/tfjs');\nconst s = sequential;", 's', 'a.js'), 'sequential');
    assert.equal(path("import * as T from '@tensorflow/tfjs-layers';\nconst alias = T; const d = alias.layers.flatten();", 'd'), 'layer:flatten');
    assert.equal(path('const d = tf.layers.dense({units: 1});', 'd', 'page.js'), 'layer:dense', 'browser global tf');
    assert.equal(path("import * as tf from 'not-tfjs';\nconst d = tf.layers.dense({units: 1});", 'd'), 'Symbol(unknown)');
    assert.equal(path("import * as np from '@tensorflow/tfjs';\nconst tf = {layers: {dense: () => 1}};\nconst d = tf.layers.dense();", 'd'), 'Symbol(unknown)', 'a local object named tf is not tfjs');
  });

  it('asks the tfjs catalog what a call makes: io handlers, initializers and util are no tensors', () => {
    for (const init of ["tf.io.browserFiles([a, b])", 'tf.initializers.glorotNormal({})', 'tf.util.shuffle(xs)', 'tf.memory()']) {
      assert.equal(valueOf(NS + `declare const a: any, b: any, xs: number[];\nconst v = ${init};`, 'v'), UNKNOWN, init);
    }
    assert.ok(valueOf(NS + 'const c = tf.layers.lstmCell({units: 4});', 'c') instanceof LayerValue, 'an RNN cell is a layer');
  });

  it('follows same-file helpers that build and return a model', () => {
    const code = NS + `function build() {
  const m = tf.sequential();
  m.add(tf.layers.dense({inputShape: [4], units: 8}));
  m.add(tf.layers.dense({units: 3, activation: 'softmax'}));
  return m;
}
const model = build();`;
    const m = valueOf(code, 'model');
    assert.ok(m instanceof ModelValue);
    assert.equal(m.exact, true);
    assert.deepEqual(m.layers.map((e) => (e.layer as LayerValue).layerType), ['dense', 'dense']);
  });

  it('a model whose layers are added in a loop, a branch or by unknown code is not exact', () => {
    const loop = valueOf(NS + 'declare const n: number;\nconst m = tf.sequential();\nfor (let i = 0; i < n; i++) m.add(tf.layers.dense({units: 2}));\nconst x = m;', 'x') as ModelValue;
    assert.equal(loop.exact, false);
    const counted = valueOf(NS + 'const m = tf.sequential();\nfor (let i = 0; i < 3; i++) m.add(tf.layers.dense({units: 2}));\nconst x = m;', 'x') as ModelValue;
    assert.equal(counted.exact, true, 'a counted loop of one fully known layer is written out');
    assert.equal(counted.layers.length, 3);
    const escaped = valueOf(NS + 'declare function addBlocks(m: unknown): void;\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 2, inputShape: [2]}));\naddBlocks(m);\nconst x = m;', 'x') as ModelValue;
    assert.equal(escaped.escapes, true);
    assert.equal(escaped.exact, false);
  });

  it('a model handed to same-file helpers that only train or apply it stays followed', () => {
    const code = NS + `function train(model: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor) {
  model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
  return model.fit(xs, ys, {epochs: 5});
}
function report(m: tf.Sequential) {
  m.summary();
  return train(m, tf.zeros([4, 2]), tf.zeros([4, 1]));
}
const net = tf.sequential();
net.add(tf.layers.dense({units: 1, inputShape: [2]}));
report(net);
const x = net;`;
    const m = valueOf(code, 'x') as ModelValue;
    assert.equal(m.escapes, false);
    assert.equal(m.exact, true);
    assert.deepEqual(m.calls.map((c) => c.method), ['compile', 'fit', 'summary', 'add']);
  });

  it('a model escapes through a helper that stores it, adds to it from two callers, or hands it on unseen', () => {
    const cases: Record<string, string> = {
      'stores it': 'const registry: unknown[] = [];\nfunction keep(m: tf.Sequential) {\n  registry.push(m);\n}\nkeep(net);',
      'called with two models (the parameter is neither)': 'function grow(m: tf.Sequential) {\n  m.add(tf.layers.dense({units: 4}));\n}\ngrow(net);\ngrow(tf.sequential());',
      'hands it to unknown code': 'declare function addBlocks(m: unknown): void;\nfunction build(m: tf.Sequential) {\n  addBlocks(m);\n}\nbuild(net);',
      'exported helper (other modules may call it)': 'export function grow(m: tf.Sequential) {\n  m.add(tf.layers.dense({units: 4}));\n}\ngrow(net);',
    };
    for (const [what, helper] of Object.entries(cases)) {
      const m = valueOf(NS + `const net = tf.sequential();\nnet.add(tf.layers.dense({units: 2, inputShape: [2]}));\n${helper}\nconst x = net;`, 'x') as ModelValue;
      assert.equal(m.escapes, true, what);
    }
  });

  it('a let that holds a sequential model and is then given a functional one: each read is one of them', () => {
    const code = NS + `function makeDiscriminator() {
  let model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [3], units: 5}));
  const input = tf.input({shape: [3]});
  const output = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(model.apply(input) as tf.SymbolicTensor) as tf.SymbolicTensor;
  model = tf.model({inputs: input, outputs: output});
  return model;
}
const d = makeDiscriminator();`;
    const file = FileAnalysis.parse('a.ts', code);
    const [seq, fn] = file.graph.models;
    assert.equal(seq.modelType, 'sequential');
    assert.equal(seq.escapes, false);
    assert.equal(seq.exact, true);
    assert.equal(fn.modelType, 'functional');
    // Written again under a branch: a read after it may see either model.
    const branchy = FileAnalysis.parse('a.ts', code.replace('model = tf.model(', 'if (Math.random() > 0.5) model = tf.model('));
    assert.equal(branchy.graph.models[0].escapes, true);
  });
});
