// Reassigned variables read where the order is plain: the read sees the last write before it
// (functional chains `x = layer.apply(x)`, a model kept in an outer `let`); wherever a branch,
// a loop, another function or an await could interleave, the answer stays what it was.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { ModelValue, UNKNOWN, type Value } from '../../server/src/engine/values';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function analyse(code: string): FileAnalysis {
  const file = FileAnalysis.parse('a.js', NS + code);
  void file.graph;
  return file;
}

/** The value of the last `const <name> = ...`. */
function valueOf(code: string, name: string): Value {
  const file = analyse(code);
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

function summaryOf(code: string): { shapes: (string | undefined)[]; total: number | undefined } {
  const file = analyse(code);
  const model = file.graph.models.find((m) => m.modelType !== 'loaded');
  assert.ok(model instanceof ModelValue);
  const s = file.shapes.summary(model, file.shapes.namer());
  assert.ok(s);
  return { shapes: s.rows.map((r) => (r.outputShape ? JSON.stringify(r.outputShape) : undefined)), total: s.totalParams };
}

describe('engine: the write a read of a reassigned variable sees', () => {
  it('straight-line code: the last write before the read', () => {
    assert.equal(valueOf('let n = 4;\nn = 8;\nconst a = n;\nn = 16;\nconst b = n;', 'a'), 8);
    assert.equal(valueOf('let n = 4;\nn = 8;\nconst a = n;\nn = 16;\nconst b = n;', 'b'), 16);
    assert.equal(valueOf('function f() {\n  let units;\n  units = 32;\n  const u = units;\n}', 'u'), 32);
    assert.equal(valueOf('let n = 4;\nif (window.big) {\n  n = 8;\n  const a = n;\n}', 'a'), 8, 'a write and its read in the same branch');
  });

  it('UNKNOWN where another write may come between', () => {
    const cases: [string, string][] = [
      ['let n = 4;\nif (window.big) n = 8;\nconst a = n;', 'a write under a branch'],
      ['let n = 4;\nfor (const k of [1, 2]) {\n  const a = n;\n  n = 8;\n}', 'a loop carries the later write back'],
      ['let n = 4;\nfunction grow() { n = 8; }\ngrow();\nconst a = n;', 'a write in another function'],
      ['let n = 4;\nn += 4;\nconst a = n;', 'a compound write'],
      ['let n = 4;\ntry {\n  n = 8;\n} catch (e) {}\nconst a = n;', 'a write in a try block'],
      ['let n = 4;\nn = 8;\nsetTimeout(() => { const a = n; });\nn = 16;', 'a read in a callback'],
      ['let n = 4;\nwindow.big && (n = 8);\nconst a = n;', 'a write behind &&'],
    ];
    for (const [code, what] of cases) assert.equal(valueOf(code, 'a'), UNKNOWN, what);
  });

  it('a functional chain through one reassigned variable has its shapes', () => {
    const s = summaryOf(`const input = tf.input({shape: [784]});
let x = tf.layers.dense({units: 64, activation: 'relu'}).apply(input);
x = tf.layers.dropout({rate: 0.2}).apply(x);
x = tf.layers.dense({units: 10, activation: 'softmax'}).apply(x);
const model = tf.model({inputs: input, outputs: x});`);
    assert.deepEqual(s, { shapes: ['[null,784]', '[null,64]', '[null,64]', '[null,10]'], total: 784 * 64 + 64 + 64 * 10 + 10 });
  });

  it('a chain with a conditional layer stays unknown', () => {
    const s = summaryOf(`const input = tf.input({shape: [784]});
let x = tf.layers.dense({units: 64}).apply(input);
if (window.dropout) x = tf.layers.dropout({rate: 0.2}).apply(x);
x = tf.layers.dense({units: 10}).apply(x);
const model = tf.model({inputs: input, outputs: x});`);
    assert.equal(s.total, undefined);
  });
});

describe('engine: a model kept in an outer let, built in a function', () => {
  const build = (between: string) => `let model;
async function createModel() {
  model = tf.sequential();
  model.add(tf.layers.dense({units: 10, inputShape: [1], activation: 'relu'}));
${between}  model.add(tf.layers.dense({units: 1}));
  model.compile({loss: 'meanSquaredError', optimizer: tf.train.adam(0.01)});
  tfvis.show.modelSummary({name: 'model'}, model);
}
async function train(xs, ys) { await model.fit(xs, ys, {epochs: 10}); }`;

  it('layers added with nothing but tfjs calls in between: known, though the model is handed to tfvis afterwards', () => {
    assert.deepEqual(summaryOf(build('')), { shapes: ['[null,10]', '[null,1]'], total: 31 });
  });

  it('other code or an await between the creation and the last layer: unknown totals', () => {
    assert.equal(summaryOf(build('  prepare(model);\n')).total, undefined);
    assert.equal(summaryOf(build('  await tf.nextFrame();\n')).total, undefined);
  });
});

describe('engine: a sequential model whose variable is given another model after its layers', () => {
  it('let model = tf.sequential(), its layers, then model = tf.model(...) wrapping it (a GAN discriminator): the sequential is known', () => {
    const code = `function makeDiscriminator() {
  let model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 64, kernelSize: [5, 5], strides: 2, padding: 'same'}));
  model.add(tf.layers.leakyReLU());
  model.add(tf.layers.flatten());
  model.summary();
  const inputLayer = tf.input({shape: [28, 28, 1]});
  const features = model.apply(inputLayer);
  const output = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(features);
  model = tf.model({inputs: inputLayer, outputs: output});
  model.compile({optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy'});
  return model;
}`;
    assert.deepEqual(summaryOf(code), { shapes: ['[null,14,14,64]', '[null,14,14,64]', '[null,12544]'], total: 5 * 5 * 64 + 64 });
  });

  it('each add goes to the model the variable holds then; unknown totals when an add after a write may reach it', () => {
    const twoModels = 'let model = tf.sequential();\nmodel.add(tf.layers.dense({units: 2, inputShape: [3]}));\nmodel = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [5]}));';
    assert.deepEqual(summaryOf(twoModels), { shapes: ['[null,2]'], total: 8 });
    const branch = 'declare const other: tf.Sequential;\nlet model = tf.sequential();\nmodel.add(tf.layers.dense({units: 2, inputShape: [3]}));\nif (window.big) model = other;\nmodel.add(tf.layers.dense({units: 1}));';
    assert.equal(summaryOf(branch).total, undefined);
  });
});
